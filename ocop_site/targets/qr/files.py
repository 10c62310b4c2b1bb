"""The QR target: artwork per product under /qr/ and A4 label sheets for print shops.

The sheets are made after the artwork, from the labels' cached PDFs (artwork.impose_labels): a sheet of
619 labels is a second or two of imposing, not a 22-second layout of every label again."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ocop_site.i18n import LANGUAGES, LOCALE_DIR, t
from ocop_site.model import qr_payload
from ocop_site.model.catalog import Catalog
from ocop_site.model.qr_payload import payload
from ocop_site.model.vocabulary import GROUPS
from ocop_site.problems import ProgressLine
from ocop_site.targets.cache import Files, Job, OutputCache, fingerprint, make_key, package_version
from ocop_site.targets.pdf_fetcher import PDF_ENGINE
from ocop_site.targets.qr.artwork import LabelData, impose_labels, to_label_pdf, to_png, to_svg
from ocop_site.targets.qr.symbol import make_symbol
from ocop_site.targets.site import urls

SOURCE = fingerprint(Path(__file__).parent, Path(qr_payload.__file__), Path(__file__).parent.parent / "print_fonts.css",
                     Path(__file__).parent.parent / "pdf_fetcher.py",
                     Path(__file__).parent.parent / "decoded_fonts.py",
                     Path(__file__).parent.parent / "site" / "assets" / "fonts", LOCALE_DIR,  # the fonts it prints
                     extra=package_version("weasyprint"))


SHEETS_TOGETHER_UP_TO = 1000  # labels


def render_qr(catalog: Catalog, cache: OutputCache, progress: Callable[[str], None]) -> dict[str, Path]:
    """Make the missing artwork; return site path → cached file for all of it.

    A product whose certificate has ended keeps its artwork (printed codes keep working), its label
    says so instead of the stars, and it is left out of the label sheets."""
    started = time.monotonic()
    labels = {p.slug: _label(catalog, p.slug) for p in catalog.listed}
    in_force = {p.slug for p in catalog.in_force}
    product_jobs = {slug: Job(make_key("qr", SOURCE, label), _product_files, (label,))
                    for slug, label in labels.items()}
    sheets = {"all": (" — ".join(t("all_products", language) for language in LANGUAGES),
                      [label for slug, label in labels.items() if slug in in_force])}
    for group, products in catalog.by_group().items():
        names = GROUPS[group]
        sheets[group] = (f"{names['vi']} — {names['en']}", [labels[p.slug] for p in products if p.slug in in_force])
    made = cache.run(list(product_jobs.values()), imports=PDF_ENGINE)
    label_pdfs = {label: cache.path(product_jobs[slug].key, "pdf") for slug, label in labels.items()}
    sheet_jobs = {group: Job(make_key("sheet", SOURCE, title, items), _sheet_file,
                             (title, [label_pdfs[label] for label in items]))
                  for group, (title, items) in sheets.items()}
    # imposing holds every label's copied PDF objects in the sheet (≈ 0.3 MB a label in qpdf): large sheets
    # one at a time, so that the "all products" sheet of 5,000 labels (1.3 GB) never runs beside a group's
    made += cache.run(list(sheet_jobs.values()), workers=1 if len(labels) > SHEETS_TOGETHER_UP_TO else 2,
                      imports=PDF_ENGINE)
    outputs = {}
    for slug, job in product_jobs.items():
        code = catalog.products[slug].record.code
        for ext, _ in urls.QR_FORMATS:
            outputs[urls.qr_artwork(code, ext)] = cache.path(job.key, ext)
    for group, job in sheet_jobs.items():
        outputs[urls.qr_sheet(group)] = cache.path(job.key, "pdf")
    total = len(product_jobs) + len(sheet_jobs)
    progress(ProgressLine("QR artwork: {codes} codes, {sheets} label sheets ({made} of {total} rendered) ({seconds} s)",
                          codes=len(product_jobs), sheets=len(sheet_jobs), made=made, total=total,
                          seconds=f"{time.monotonic() - started:.1f}"))
    return outputs


@dataclass(frozen=True)
class Label:
    """What a label shows, as plain values: the cache key is made from it before any symbol is drawn."""

    payload: str
    code: str
    name_vi: str
    name_en: str
    stars: int
    expired: str = ""  # dd/mm/yyyy when the certificate has ended

    def data(self) -> LabelData:
        return LabelData(symbol=make_symbol(self.payload), code=self.code, name_vi=self.name_vi,
                         name_en=self.name_en, stars=self.stars, expired=self.expired)


def _label(catalog: Catalog, slug: str) -> Label:
    product = catalog.products[slug]
    record, expired = product.record, product.expired(catalog.today)
    return Label(payload=payload(catalog.site.site_url, record.code), code=record.code, name_vi=record.name.vi,
                 name_en=record.name.en, stars=record.stars, expired=expired.strftime("%d/%m/%Y") if expired else "")


def _product_files(label: Label) -> Files:
    data = label.data()
    return {
        "svg": to_svg(data.symbol).encode("utf-8"),
        "png": to_png(data.symbol),
        "pdf": to_label_pdf(data.symbol, code=data.code, name_vi=data.name_vi, name_en=data.name_en,
                            stars=data.stars, expired=data.expired),
    }


def _sheet_file(title: str, label_pdfs: list[Path]) -> Files:
    return {"pdf": impose_labels(label_pdfs, title)}
