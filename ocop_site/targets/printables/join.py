"""Join PDFs laid out in parts into one document (the catalogue booklet), with qpdf (through pikepdf).

Two passes, so that memory stays small however many pages there are: qpdf's page selection (the `qpdf --empty
--pages …` command, run in-process) copies the pages, reading each part only while it writes; then the joined
file is opened again to finish it. Kept from the first part: the document title, producer and language, and
the PDF/X output intent and XMP metadata when the parts have them. Links across parts: a part links to a page
of the joined document with a URI made by `page_link`, and the join turns each into a link to that page.
Bookmarks: the first part's top-level bookmark (the booklet's title) stays on top, and every other part's
bookmarks go under it, in order, as WeasyPrint would have nested them in one document. Named destinations (the
layout's fit markers; nothing links to them) are not carried over. Same parts, same bytes: no date, a fixed
/ID. Every part must be a different file: qpdf takes a file named twice for the same pages.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

Bookmark = tuple[str, int, list]  # title, page index in the joined document, children
PAGE_LINK = "joined-page:"  # not a web scheme: a link the join did not resolve would go nowhere


def page_link(number: int) -> str:
    """A link to page `number` (from 1) of the joined document."""
    return f"{PAGE_LINK}{number}"


def join_pdfs(parts: list[Path], target: Path) -> None:
    """Write the pages of `parts`, in order, to `target` as one document."""
    import pikepdf

    with tempfile.TemporaryDirectory(prefix="ocop-join-") as folder:
        pages = Path(folder) / "pages.pdf"
        pikepdf.Job(["qpdf", "--empty", "--static-id", "--pages", *[str(part.resolve()) for part in parts],
                     "--", str(pages)]).run()
        bookmarks: list[Bookmark] = []
        first_page = 0
        with pikepdf.open(pages) as joined:
            for number, part in enumerate(parts):
                with pikepdf.open(part) as source:
                    if number == 0:
                        joined.docinfo = joined.copy_foreign(source.docinfo)
                        for key in ("/Lang", "/OutputIntents", "/Metadata"):  # the last two make PDF/X (press.py)
                            if key in source.Root:
                                value = source.Root[key]
                                if key != "/Lang":  # copy_foreign takes indirect objects only
                                    value = joined.copy_foreign(value if value.is_indirect
                                                                else source.make_indirect(value))
                                joined.Root[key] = value
                    found = _bookmarks(source, first_page)
                    first_page += len(source.pages)
                if bookmarks and found:
                    bookmarks[-1][2].extend(found)
                else:
                    bookmarks.extend(found)
            _resolve_page_links(joined)
            with joined.open_outline() as outline:
                outline.root.extend(_items(bookmarks))
            joined.save(target, static_id=True)


def _resolve_page_links(joined) -> None:
    from pikepdf import Array, Name

    for page in joined.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            if action is None or not str(action.get("/URI", "")).startswith(PAGE_LINK):
                continue
            number = int(str(action.URI).removeprefix(PAGE_LINK))
            if not 1 <= number <= len(joined.pages):
                raise ValueError(f"a link to page {number} of a document of {len(joined.pages)} pages")
            del annotation["/A"]
            annotation.Dest = Array([joined.pages[number - 1].obj, Name.Fit])


def _bookmarks(source, first_page: int) -> list[Bookmark]:
    pages = {page.objgen: index for index, page in enumerate(source.pages)}

    def walk(items) -> list[Bookmark]:
        return [(item.title, first_page + pages[item.destination[0].objgen], walk(item.children))
                for item in items if item.destination is not None]

    with source.open_outline() as outline:
        return walk(outline.root)


def _items(bookmarks: list[Bookmark]) -> list:
    from pikepdf import OutlineItem

    items = []
    for title, page, children in bookmarks:
        item = OutlineItem(title, page)
        item.children.extend(_items(children))
        items.append(item)
    return items
