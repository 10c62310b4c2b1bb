"""OCOP certificate validity: 36 months from recognition; producers are told 30 days ahead."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

from ocop_site.problems import Problem, values_of

if TYPE_CHECKING:
    from ocop_site.model.catalog import Product

VALID_MONTHS = 36
NOTICE_DAYS = 30


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_expiry(recognized: dt.date) -> dt.date:
    return add_months(recognized, VALID_MONTHS)


def status(expires: dt.date, today: dt.date) -> str:
    """'valid', 'expiring' (within the 30-day notice period) or 'expired' (after `expires`)."""
    if today > expires:
        return "expired"
    if (expires - today).days <= NOTICE_DAYS:
        return "expiring"
    return "valid"


def expired_warning(product: Product, today: dt.date) -> Problem | None:
    """The warning for a listed product whose certificate has ended: what it no longer gets, and what to do.

    Named at 'certificate.expires' when the record gives it, else at 'certificate.recognized'."""
    ended = product.expired(today)
    if ended is None or product.record.withdrawn:
        return None
    cert = product.record.certificate
    key = "certificate.expires" if cert.expires else "certificate.recognized"
    return Problem(
        product.source.as_posix(), product.line(key),
        "the OCOP certificate {decision} expired on {date}: the kiosk and the catalogue "
        "booklet leave the product out, and its page, flyer and brochure say the certificate has expired",
        "if it was renewed, write the new decision's 'decision', 'recognized' and 'expires'; if the product "
        "left the programme, add 'withdrawn: YYYY-MM-DD'",
        values_of({"decision": cert.decision, "date": ended.isoformat()}))
