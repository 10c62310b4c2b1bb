"""Join PDFs laid out in parts into one document (the catalogue booklet), with pikepdf (qpdf).

qpdf copies each page with the objects it uses; stream data (photos, fonts) is read from the part files
while the joined file is written. Kept from the first part: the document title, producer and language.
Links across parts: a part links to a page of the joined document with a URI made by `page_link`, and
the join turns each into a link to that page. Bookmarks: the first part's top-level bookmark (the
booklet's title) stays on top, and every other part's bookmarks go under it, in order, as WeasyPrint
would have nested them in one document. Named destinations (the layout's fit markers; nothing links to
them) are not carried over. Same parts, same bytes: no date, and a fixed /ID.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

Bookmark = tuple[str, int, list]  # title, page index in the joined document, children
PAGE_LINK = "joined-page:"  # not a web scheme: a link the join did not resolve would go nowhere


def page_link(number: int) -> str:
    """A link to page `number` (from 1) of the joined document."""
    return f"{PAGE_LINK}{number}"


def join_pdfs(parts: list[bytes | Path]) -> bytes:
    import pikepdf

    joined = pikepdf.new()
    bookmarks: list[Bookmark] = []
    first_page = 0
    for number, part in enumerate(parts):
        source = pikepdf.open(io.BytesIO(part) if isinstance(part, bytes) else part)
        if number == 0:
            joined.docinfo = joined.copy_foreign(source.docinfo)
            if "/Lang" in source.Root:
                joined.Root.Lang = source.Root.Lang
        with warnings.catch_warnings():  # about named destinations: not wanted here (above)
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            joined.pages.extend(source.pages)
        found = _bookmarks(source, first_page)
        if bookmarks and found:
            bookmarks[-1][2].extend(found)
        else:
            bookmarks.extend(found)
        first_page += len(source.pages)
    _resolve_page_links(joined)
    with joined.open_outline() as outline:
        outline.root.extend(_items(bookmarks))
    output = io.BytesIO()
    joined.save(output, static_id=True)
    return output.getvalue()


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
