"""Errors raised by the document renderers; each message says what to fix."""

from __future__ import annotations


class DocumentError(ValueError):
    """Bad document data, template or layout: nothing was produced."""


class TemplateError(DocumentError):
    """An agency DOCX template could not be rendered."""


class LayoutError(DocumentError):
    """A certificate layout spec is invalid."""


class FontNotFound(DocumentError):
    """No installed font covers Vietnamese."""


class ConversionError(DocumentError):
    """LibreOffice is missing, failed, or timed out while converting to PDF."""
