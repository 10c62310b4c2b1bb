"""The `ocop-site` command. The only place that prints and chooses exit codes.

Exit codes: 0 success, 1 content errors, 2 usage errors, 3 a failure of the generator or of the
machine (disk full, permission denied, a renderer that crashed), told in one paragraph without a
traceback unless --debug.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from ocop_site import __version__
from ocop_site.i18n import LANGUAGES, N_, locale_language, t
from ocop_site.problems import ContentErrors, Problem, said_in, shown_value, system_reason

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_FAILURE = 0, 1, 2, 3


# argparse's own words, which it looks up through gettext (`_` in Lib/argparse.py) → the catalogue's keys.
# Those a user of ocop-site can meet; the others are a programmer's mistakes in building the parser.
_ARGPARSE_WORDS = {
    "usage: ": N_("help_usage"),
    "positional arguments": N_("help_positionals"),
    "options": N_("help_options"),
    "show this help message and exit": N_("help_help"),
    "%(prog)s: error: %(message)s\n": N_("usage_error"),
    "argument %(argument_name)s: %(message)s": N_("usage_argument"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_("usage_invalid_choice"),
    "the following arguments are required: %s": N_("usage_required"),
    "unrecognized arguments: %s": N_("usage_unrecognized"),
    "expected one argument": N_("usage_expected_one"),
    "ambiguous option: %(option)s could match %(matches)s": N_("usage_ambiguous"),
    "ignored explicit argument %r": N_("usage_ignored_value"),
}


@contextlib.contextmanager
def _argparse_speaking(language: str) -> Iterator[None]:
    """argparse's own words ("usage: ", "invalid choice: …") in `language` while the parser is built and used.

    argparse translates them with the module's `_`, which it binds to `gettext.gettext` when imported
    (Python 3.11 to 3.14); a gettext domain would follow the locale, not --lang, so for as long as this
    lasts `_` is the catalogue's lookup, and argparse's own again afterwards."""
    def words(message: str) -> str:
        key = _ARGPARSE_WORDS.get(message)
        return t(key, language) if key else message

    own = argparse._  # type: ignore[attr-defined]
    argparse._ = words  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = own  # type: ignore[attr-defined]


def _parser(language: str) -> argparse.ArgumentParser:
    """The parser, its help in `language` (the language is known before it is built: see `_language`);
    build it and use it inside `_argparse_speaking(language)`, for the words argparse adds itself."""

    def date(text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("help_date_invalid", language, text=text)) from None

    def number(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("help_number_invalid", language, text=text)) from None

    main = argparse.ArgumentParser(prog="ocop-site", description=t("help_description", language))
    main.add_argument("--version", action="version", version=f"ocop-site {__version__}",
                      help=t("help_version", language))
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, description: str | None = None) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, description=description or help_text)

    def content(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                         help=t("help_content", language))

    def add(name: str, help_text: str, out: bool = False) -> argparse.ArgumentParser:
        sub = command(name, help_text)
        content(sub)
        if out:
            sub.add_argument("--out", type=Path, default=Path("build"), metavar="DIR", help=t("help_out", language))
        sub.add_argument("--today", type=date, default=None, metavar="YYYY-MM-DD", help=t("help_today", language))
        return sub

    add("validate", t("help_validate", language))
    build = add("build", t("help_build", language), out=True)
    build.add_argument("--clean", action="store_true", help=t("help_clean", language))
    build.add_argument("--crop-marks", action="store_true", help=t("help_crop_marks", language))
    build.add_argument("--print-profile", action="store_true", help=t("help_print_profile", language))
    build.add_argument("--chain-ledger", action="store_true", help=t("help_chain_ledger", language))
    serve = add("serve", t("help_serve", language), out=True)
    serve.add_argument("--port", type=number, default=8000, help=t("help_port", language, port=8000))
    edit = command("edit", t("help_edit", language))
    content(edit)
    edit.add_argument("--port", type=number, default=8080, help=t("help_port", language, port=8080))
    report = add("report", t("help_report", language))
    report.add_argument("--out", type=Path, default=Path("build"), metavar="DIR", help=t("help_report_out", language))
    report.add_argument("--min-words", type=number, default=80, metavar="N", help=t("help_min_words", language))
    importer = command("import", t("help_import", language),
                       f"{t('help_import', language)} {t('help_import_more', language)}")
    importer.add_argument("file", type=Path, metavar="FILE", help=t("help_import_file", language))
    content(importer)
    importer.add_argument("--dry-run", action="store_true", help=t("help_dry_run", language))
    new = command("new", t("help_new", language))
    new.add_argument("kind", choices=["product"], help=t("help_new_kind", language))
    new.add_argument("slug", help=t("help_new_slug", language))
    content(new)
    for sub in commands.choices.values():
        sub.add_argument("--lang", choices=LANGUAGES, default=None, help=t("help_lang", language))
        sub.add_argument("--debug", action="store_true", help=t("help_debug", language))
    return main


def _language(argv: list[str]) -> str:
    """The language of the messages, before the parser is built: --lang (its last valid value), else the locale."""
    chosen = None
    for number, argument in enumerate(argv):
        value = argument.partition("=")[2] if argument.startswith("--lang=") else \
            argv[number + 1] if argument == "--lang" and number + 1 < len(argv) else None
        if argument == "--":
            break
        if value in LANGUAGES:
            chosen = value
    return chosen or locale_language(os.environ)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    language = _language(argv)
    with _argparse_speaking(language):
        args = _parser(language).parse_args(argv)
    args.lang = args.lang or locale_language(os.environ)
    try:
        return _run(args)
    except Exception as failure:  # not the content's fault: say what failed and what to do (exit 3)
        if getattr(args, "debug", False):
            traceback.print_exception(failure, file=sys.stderr)
        print(failure_message(failure, args), file=sys.stderr)
        return EXIT_FAILURE


def failure_message(failure: BaseException, args: argparse.Namespace, kept: str | None = None) -> str:
    """One paragraph: what failed, what to do about it, and what the visitors still see (`kept`)."""
    error = failure if isinstance(failure, OSError) and failure.errno is not None else None  # not Pillow's
    language = getattr(args, "lang", None) or "en"
    where = f" ({error.filename})" if error is not None and error.filename else ""
    if error is not None and error.errno in (errno.ENOSPC, errno.EDQUOT):
        what = t("failure_disk_full", language, where=where)
        todo = t("failure_disk_full_todo", language)
    elif error is not None and error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "" if error.errno == errno.EACCES else f": {shown_value(system_reason(error), language).lower()}"
        what = t("failure_permission", language, where=where, reason=reason)
        todo = t("failure_permission_todo", language)
    elif error is not None:
        what = t("failure_refused", language, where=where, reason=shown_value(system_reason(error), language))
        todo = t("failure_refused_todo", language)
    else:
        detail = str(failure).strip() or t("failure_no_message", language)
        what = t("failure_generator", language, kind=type(failure).__name__, detail=detail)
        todo = t("failure_generator_todo", language)
    out = getattr(args, "out", None)
    if kept is None and getattr(failure, "web_published", False):  # the build's web part was already live
        kept = t("build_web_part_published", language, site=out / "site")
    if kept is None:
        kept = t("build_kept_last", language, site=out / "site") if out and args.command != "report" else ""
    debug = "" if getattr(args, "debug", False) else " " + t("failure_debug_hint", language)
    return f"ocop-site: {what}. {todo}{' ' + kept if kept else ''}{debug}"


def _run(args: argparse.Namespace) -> int:
    if args.command == "new":
        return _new(args)
    if not args.content.is_dir():
        print(f"ocop-site: {t('content_folder_missing', args.lang, folder=args.content)}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "validate":
        return _validate(args)
    if args.command == "report":
        return _report(args)
    if args.command == "import":
        return _import(args)
    if args.command == "build":
        return _build(args)
    if args.command == "edit":
        return _edit(args)
    return _serve(args)


def _progress(language: str) -> Callable[[str], None]:
    """The build's and the preview server's progress callback: each line in `language`, as it happens."""
    def say(message: str) -> None:
        print(said_in(language, message), flush=True)  # flushed: progress shows also through a pipe
    return say


def _print_warnings(warnings: list[Problem], language: str) -> None:
    for warning in warnings:
        print(f"{t('warning_label', language)}: {warning.render(language)}", file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    from ocop_site.model.loader import load_catalog

    try:
        catalog = load_catalog(args.content, today=args.today)
    except ContentErrors as errors:
        _print_warnings(errors.warnings, args.lang)
        print(errors.render(args.lang), file=sys.stderr)
        return EXIT_CONTENT
    _print_warnings(catalog.warnings, args.lang)
    products = t("products_count", args.lang, n=len(catalog.products))
    trips = f", {t('trips_count', args.lang, n=len(catalog.trips))}" if catalog.trips else ""
    print(t("no_errors", args.lang, what=products + trips))
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from ocop_site.pipeline.builder import build
    from ocop_site.pipeline.workspace import BuildLocked
    from ocop_site.targets.site.mkdocs_project import MkDocsError
    from ocop_site.targets.site.search_index import SearchIndexError

    try:
        result = build(args.content, args.out, today=args.today, progress=_progress(args.lang), clean=args.clean,
                       crop_marks=args.crop_marks, print_profile=args.print_profile, chain_ledger=args.chain_ledger)
    except ContentErrors as errors:
        _print_warnings(errors.warnings, args.lang)
        print(errors.render(args.lang), file=sys.stderr)
        if getattr(errors, "web_published", False):
            print(t("build_web_part_published", args.lang, site=args.out / "site"), file=sys.stderr)
        else:
            print(t("build_nothing_written", args.lang, site=args.out / "site"), file=sys.stderr)
        return EXIT_CONTENT
    except BuildLocked as locked:
        print(f"ocop-site: {locked.text(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    except (MkDocsError, SearchIndexError) as failure:  # a generator bug, not the editor's: say so
        if getattr(failure, "web_published", False):  # the search index comes after the web part went live
            said = (f"{t('build_generator_failed_after_web', args.lang)} "
                    f"{t('build_web_part_published', args.lang, site=args.out / 'site')}")
        else:
            said = t("build_generator_failed", args.lang, site=args.out / "site")
        print(f"{failure}\n{said}", file=sys.stderr)
        return EXIT_FAILURE
    if result.catalog is not None:
        _print_warnings(result.catalog.warnings, args.lang)
    for warning in result.warnings:  # a dict of languages; plain text when an earlier version stored it
        said = warning.get(args.lang, "") if isinstance(warning, dict) else warning
        print(f"{t('warning_label', args.lang)}: {said}", file=sys.stderr)
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from ocop_site.pipeline.builder import build
    from ocop_site.pipeline.serve import serve
    from ocop_site.pipeline.workspace import BuildLocked
    from ocop_site.targets.site.mkdocs_project import MkDocsError

    def rebuild() -> bool:
        try:
            result = build(args.content, args.out, today=args.today, progress=_progress(args.lang), preview=True)
            _print_warnings(result.catalog.warnings if result.catalog else [], args.lang)
            return True
        except ContentErrors as errors:
            _print_warnings(errors.warnings, args.lang)  # as validate and build print them
            print(errors.render(args.lang), file=sys.stderr)
            print(t("preview_kept", args.lang), file=sys.stderr)
        except BuildLocked as locked:
            print(f"{locked.text(args.lang)}\n{t('preview_kept', args.lang)}", file=sys.stderr)
        except MkDocsError as failure:
            print(f"{failure}\n{t('preview_kept', args.lang)}", file=sys.stderr)
        except Exception as failure:  # serve never exits on what a save can bring: it says so and goes on
            if args.debug:
                traceback.print_exception(failure, file=sys.stderr)
            print(failure_message(failure, args, kept=t("preview_kept", args.lang)), file=sys.stderr)
        return False

    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress shows as it happens
    serve(args.content, args.out / "site", rebuild, port=args.port, say=_progress(args.lang))
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from ocop_site.report import collect_report, render_text, write_html

    if args.min_words < 1:
        print(f"ocop-site: {t('min_words_invalid', args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = collect_report(args.content, today=args.today, min_words=args.min_words)
    except ContentErrors as errors:  # nothing to report on at all
        print(errors.render(args.lang), file=sys.stderr)
        return EXIT_CONTENT
    print(render_text(report, args.lang))
    print(f"\n{t('report_html', args.lang, path=write_html(report, args.out))}")
    return EXIT_OK  # findings are the report's content, not a failure


def _import(args: argparse.Namespace) -> int:
    from ocop_site.importer import SheetError, apply_import, plan_import

    try:
        plan = plan_import(args.file, args.content, args.lang)
    except SheetError as error:
        print(f"ocop-site: {error.text(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    language = args.lang
    verb = {"create": N_("import_would_create") if args.dry_run else N_("import_created"), "same": N_("import_same"),
            "differs": N_("import_differs"), "skip": N_("import_skipped")}
    for row in plan.rows:
        where = f" → {row.record}" if row.record else ""
        print(t("import_row", language, n=row.row, name=row.name, where=where, what=t(verb[row.action], language)))
        print("".join(f"  {note.text(language)}\n" for note in row.differences), end="")
        print("".join(f"  {t('import_mapped', language)}: {note.text(language)}\n" for note in row.mapped), end="")
        print("".join(f"  {t('import_needs_person', language)}: {note.text(language)}\n"
                      for note in row.needs_person), end="")
    if not args.dry_run:
        apply_import(plan, args.content)
    people = sum(len(row.needs_person) for row in plan.rows)
    print(t("import_summary", language, rows=t("rows_count", language, n=len(plan.rows)), new=plan.count("create"),
            same=plan.count("same"), differs=plan.count("differs"), skipped=plan.count("skip"),
            people=t("things_need_a_person", language, n=people)))
    if args.dry_run:
        print(t("import_dry_run", language))
    elif plan.count("create"):
        print(t("import_next", language))
    return EXIT_OK


def _edit(args: argparse.Namespace) -> int:
    from ocop_site.editor.server import ADMIN, editor_server

    try:
        server = editor_server(args.content, port=args.port)
    except OSError as error:
        reason = shown_value(system_reason(error), args.lang)
        print(f"ocop-site: {t('edit_cannot_listen', args.lang, port=args.port, reason=reason)}", file=sys.stderr)
        return EXIT_USAGE
    print(t("edit_running", args.lang, address=f"http://127.0.0.1:{args.port}{ADMIN}", folder=args.content),
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print(t("stopped", args.lang))
    finally:
        server.server_close()
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from ocop_site.scaffold import ScaffoldError, new_product

    try:
        written = new_product(args.content, args.slug)
    except ScaffoldError as error:
        print(f"ocop-site: {error.text(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(t("new_created", args.lang, path=path))
    print(t("new_next", args.lang, media=args.content / "media" / args.slug))
    return EXIT_OK
