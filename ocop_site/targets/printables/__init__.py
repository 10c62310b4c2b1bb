"""Printables: the A5 flyer and the A4 tri-fold brochure of each product, and the A5 catalogue booklet,
per language, as print-ready PDFs (Jinja2 templates and print CSS, rendered by WeasyPrint).

They are designed as tourist leaflets: photo-led, short text blocks (the story's opening, excerpts cut at
sentence ends, a pull quote), a locator map (targets/printmaps), the practical facts and the QR code with
its call to action; the booklet's padding pages are useful pages, never blank ones.

Print-ready means: 3 mm of bleed with TrimBox and BleedBox set, crop marks on request, every font
embedded and subset (Be Vietnam Pro, Vietnamese subset included: targets/print_fonts.css), NFC text,
vector QR codes with the packaging code's payload, and the same bytes for the same input. Two colour
profiles (press.py): RGB for the screen, and PDF/X-4 in CMYK (FOGRA39, text in black only) for a press. Photos are
embedded as they are; which are too small for 250 ppi at their printed size is a warning of the loader
(model/print_photos.py), from the boxes' sizes the templates draw (model/print_sizes.py).

The rendering functions are module-level and take picklable arguments (a Product, strings, a bool), so
the build can run them in worker processes and cache their output by content hash. A text too long
for its layout even at the tightest setting raises DoesNotFit, which names the story file.
"""

from ocop_site.targets.printables.booklet import booklet_pdf
from ocop_site.targets.printables.brochure import brochure_pdf
from ocop_site.targets.printables.fitting import DoesNotFit
from ocop_site.targets.printables.flyer import flyer_pdf

__all__ = ["DoesNotFit", "booklet_pdf", "brochure_pdf", "flyer_pdf"]
