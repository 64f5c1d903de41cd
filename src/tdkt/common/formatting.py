"""Vietnamese number and date formatting: 1.885 · 43,4 · 05/02/2025."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal


def format_int(value: int | float | Decimal | None) -> str:
    """1885 → "1.885"; None → ""."""
    if value is None or value == "":
        return ""
    n = int(value)
    sign = "-" if n < 0 else ""
    return sign + f"{abs(n):,}".replace(",", ".")


def format_decimal(value: float | Decimal | None, places: int = 1) -> str:
    """43.44 → "43,4"; 1234.5 → "1.234,5"; 43.0 → "43" (trailing zeros dropped)."""
    if value is None or value == "":
        return ""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    whole, _, frac = f"{abs(q):f}".partition(".")
    frac = frac.rstrip("0")
    out = format_int(int(whole))
    return sign + (f"{out},{frac}" if frac else out)


def format_date(value: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y") if value else ""
