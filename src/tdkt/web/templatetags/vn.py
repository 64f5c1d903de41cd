"""Vietnamese number and date filters, built into every template.

``{{ 1885|vnint }}`` → "1.885"; ``{{ 43.4|vnpct }}`` → "43,4%"; ``{{ d|vndate }}`` → "05/02/2025".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template

from tdkt.common.formatting import format_date, format_decimal, format_int

register = template.Library()


@register.filter
def vnint(value: int | float | Decimal | None) -> str:
    return format_int(value)


@register.filter
def vnnum(value: float | Decimal | None, places: int = 1) -> str:
    return format_decimal(value, int(places))


@register.filter
def vnpct(value: float | Decimal | None, places: int = 1) -> str:
    if value is None or value == "":
        return ""
    return format_decimal(value, int(places)) + "%"


@register.filter
def vndate(value: dt.date | dt.datetime | None) -> str:
    return format_date(value)
