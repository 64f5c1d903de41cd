"""Logging filter that keeps personal id numbers (CCCD/CMND, 9 or 12 digits) out of logs."""

from __future__ import annotations

import logging
import re

_ID_NUMBER = re.compile(r"(?<!\d)(\d{12}|\d{9})(?!\d)")


def redact(text: str) -> str:
    """Replace anything shaped like a citizen id number with a mask."""
    return _ID_NUMBER.sub("[đã ẩn]", text)


class RedactPersonalIds(logging.Filter):
    """Rewrites each record's message with id-shaped numbers masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True
