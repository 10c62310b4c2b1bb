"""The `ocop-site` command. The only place that prints and chooses exit codes.

Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ocop_site import __version__
from ocop_site.problems import ContentErrors, Problem

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-22") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ocop-site", description=(
        "Build the OCOP Stories showcase site from product records and stories."))
    parser.add_argument("--version", action="version", version=f"ocop-site {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str, out: bool = False) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                         help="content folder (default: content/)")
        if out:
            sub.add_argument("--out", type=Path, default=Path("build"), metavar="DIR",
                             help="output folder; the site goes to DIR/site (default: build/)")
        sub.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD",
                         help="date for certificate status (default: today)")
        return sub

    add("validate", "Check every record and story; list every problem with file and line.")
    build = add("build", "Build the site into OUT/site; the previous site stays if anything fails.", out=True)
    build.add_argument("--clean", action="store_true",
                       help="rebuild everything instead of only what changed (the photo and artwork cache stays)")
    build.add_argument("--crop-marks", action="store_true",
                       help="add crop marks (and fold marks) around the printables' bleed, for print shops")
    serve = add("serve", "Preview at http://127.0.0.1:8000, rebuilding when content changes.", out=True)
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    new = commands.add_parser("new", help="Start a new product: a record and both story files.")
    new.add_argument("kind", choices=["product"], help="what to create")
    new.add_argument("slug", help="permanent name for the product's address, e.g. ly-son-garlic")
    new.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "new":
        return _new(args)
    if not args.content.is_dir():
        print(f"ocop-site: content folder '{args.content}' does not exist "
              "(run from the project folder, or pass --content DIR)", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "validate":
        return _validate(args)
    if args.command == "build":
        return _build(args)
    return _serve(args)


def _print_warnings(warnings: list[Problem]) -> None:
    for warning in warnings:
        print("warning: " + warning.render(), file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    from ocop_site.content.loader import load_catalog

    try:
        catalog = load_catalog(args.content, today=args.today)
    except ContentErrors as errors:
        _print_warnings(errors.warnings)
        print(errors.render(), file=sys.stderr)
        return EXIT_CONTENT
    _print_warnings(catalog.warnings)
    print(f"{len(catalog.products)} products, no errors")
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from ocop_site.build.builder import build
    from ocop_site.build.workspace import BuildLocked
    from ocop_site.targets.site.mkdocs_project import MkDocsError
    from ocop_site.targets.site.search_index import SearchIndexError

    try:
        result = build(args.content, args.out, today=args.today, progress=print, clean=args.clean,
                       crop_marks=args.crop_marks)
    except ContentErrors as errors:
        _print_warnings(errors.warnings)
        print(errors.render(), file=sys.stderr)
        print(f"Nothing was written: {args.out / 'site'} is unchanged.", file=sys.stderr)
        return EXIT_CONTENT
    except BuildLocked as locked:
        print(f"ocop-site: {locked}", file=sys.stderr)
        return EXIT_USAGE
    except (MkDocsError, SearchIndexError) as failure:  # a generator bug, not the editor's: say so
        print(f"{failure}\nThe generator failed (please report this); {args.out / 'site'} is unchanged.",
              file=sys.stderr)
        return EXIT_CONTENT
    _print_warnings(result.catalog.warnings)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from ocop_site.build.builder import build
    from ocop_site.build.serve import serve
    from ocop_site.build.workspace import BuildLocked
    from ocop_site.targets.site.mkdocs_project import MkDocsError

    def rebuild() -> None:
        try:
            result = build(args.content, args.out, today=args.today, progress=print)
            _print_warnings(result.catalog.warnings)
        except ContentErrors as errors:
            print(errors.render(), file=sys.stderr)
            print("The preview still shows the last good build.", file=sys.stderr)
        except (BuildLocked, MkDocsError) as failure:
            print(f"{failure}\nThe preview still shows the last good build.", file=sys.stderr)

    serve(args.content, args.out / "site", rebuild, port=args.port)
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from ocop_site.scaffold import ScaffoldError, new_product

    try:
        written = new_product(args.content, args.slug)
    except ScaffoldError as error:
        print(f"ocop-site: {error}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(f"created {path}")
    print(f"Next: put photos in {args.content / 'media' / args.slug}/, fill in the blanks, "
          "then run 'ocop-site validate'.")
    return EXIT_OK
