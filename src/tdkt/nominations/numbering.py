"""Gapless decision numbers per agency, document symbol and year: "Số: 05/QĐ-SNV".

The counter row is locked (``SELECT … FOR UPDATE``) inside the transaction that issues the
decision, so concurrent issuers queue on it and a rolled-back issue gives its number back.
The first issue of a year creates the row; two workers racing to create it meet the unique
constraint, and the loser reads the winner's row. On SQLite the write transaction itself
(``BEGIN IMMEDIATE``, see settings) serialises issuers.

Numbers restart each calendar year and are zero-padded below 10 (Decree 30/2020 practice).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tdkt.awards.models import Decision
from tdkt.awards.numbers import normalise_decision_number
from tdkt.nominations.models import DecisionCounter
from tdkt.org.models import Agency

_LEADING_NUMBER = re.compile(r"^(\d+)/")


def normalise_symbol(symbol: str) -> str:
    """Normalise a symbol: " qđ – snv " → "QĐ-SNV"; ValidationError if empty or with "/"."""
    text = normalise_decision_number(symbol).strip("/")
    if not text or "/" in text:
        raise ValidationError({"symbol": "Ký hiệu văn bản không hợp lệ (ví dụ: QĐ-SNV)."})
    return text


def format_number(seq: int, symbol: str) -> str:
    """5, "QĐ-SNV" → "05/QĐ-SNV"; 123 → "123/QĐ-SNV"."""
    return f"{seq:02d}/{symbol}"


def _used_numbers(agency: Agency, symbol: str, year: int) -> set[int]:
    """Numbers already taken this year by decisions entered outside the counter (imports)."""
    used = set()
    for number in Decision.objects.filter(
        agency=agency, date__year=year, number__endswith=f"/{symbol}"
    ).values_list("number", flat=True):
        if m := _LEADING_NUMBER.match(number):
            used.add(int(m.group(1)))
    return used


def _locked_counter(agency: Agency, symbol: str, year: int) -> DecisionCounter:
    locked = DecisionCounter.objects.select_for_update()
    try:
        return locked.get(agency=agency, symbol=symbol, year=year)
    except DecisionCounter.DoesNotExist:
        pass
    try:
        with transaction.atomic():  # a savepoint: a lost creation race leaves us usable
            DecisionCounter.objects.create(agency=agency, symbol=symbol, year=year, last=0)
    except IntegrityError:
        pass  # another transaction created it first; lock theirs
    return locked.get(agency=agency, symbol=symbol, year=year)


def next_number(agency: Agency, symbol: str, year: int) -> tuple[int, str]:
    """Take the next number: (seq, "05/QĐ-SNV"). Call inside the issuing transaction.

    Numbers already used this year by decisions recorded outside the workflow are skipped
    (they are taken, so the sequence stays without gaps).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside the transaction that issues.")
    symbol = normalise_symbol(symbol)
    counter = _locked_counter(agency, symbol, year)
    used = _used_numbers(agency, symbol, year)
    seq = counter.last + 1
    while seq in used:
        seq += 1
    counter.last = seq
    counter.save(update_fields=["last"])
    return seq, format_number(seq, symbol)
