"""Decision numbers: "Số: 125 / qđ – SLĐTBXH" → "125/QĐ-SLĐTBXH", matched by a folded key."""

from __future__ import annotations

import re

from tdkt.common.text import fold, nfc

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})
_TTG = re.compile(r"(?<=-)TTG(?![A-ZĐ])")
_NUMBER_PREFIX = re.compile(r"^\s*(?:số|so)\s*[:.]?\s*", re.IGNORECASE)


def normalise_decision_number(value: object) -> str:
    """NFC, no "Số:" prefix, no spaces, plain hyphens, upper case — except the Prime
    Minister's symbol, officially "TTg" (Decree 30/2020 Appendix III): "125/QĐ-TTg"."""
    text = _NUMBER_PREFIX.sub("", nfc(str(value) if value is not None else ""))
    return _TTG.sub("TTg", re.sub(r"\s+", "", text.translate(_DASHES)).upper())


def decision_key(number: str) -> str:
    """Matching key of a normalised number: folded, no leading zeros ("05/QĐ" = "5/QD")."""
    return re.sub(r"^0+(?=\d)", "", fold(number).upper())
