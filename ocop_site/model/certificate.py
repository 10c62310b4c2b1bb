"""OCOP certificate validity: 36 months from recognition; producers are told 30 days ahead."""

from __future__ import annotations

import calendar
import datetime as dt

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
