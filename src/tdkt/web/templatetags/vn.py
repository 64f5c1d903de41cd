"""Vietnamese number and date filters, built into every template.

``{{ 1885|vnint }}`` → "1.885"; ``{{ 43.4|vnpct }}`` → "43,4%"; ``{{ d|vndate }}`` → "05/02/2025".
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


def format_int(value: int | float | Decimal | None) -> str:
    if value is None or value == "":
        return ""
    n = int(value)
    sign = "-" if n < 0 else ""
    return sign + f"{abs(n):,}".replace(",", ".")


def format_decimal(value: float | Decimal | None, places: int = 1) -> str:
    if value is None or value == "":
        return ""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    q = abs(q)
    whole, _, frac = f"{q:f}".partition(".")
    out = format_int(int(whole))
    frac = frac.rstrip("0")
    return sign + (f"{out},{frac}" if frac else out)


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
    if not value:
        return ""
    return value.strftime("%d/%m/%Y")
