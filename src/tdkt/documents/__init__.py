"""Documents: Decree 30/2020 DOCX (decision, submission, minutes, round list), PDF through
LibreOffice, and bulk certificates drawn straight to PDF.

The renderers take the plain data classes of :mod:`tdkt.documents.data`; they import nothing
from Django and query nothing::

    docx = render_docx(decision, template_dir=agency_dir)   # agency template or built-in
    pdf = docx_to_pdf(docx)                                  # LibreOffice headless
    pdf = render_certificates(certs, layout_for(agency_dir, "Bằng khen"))
"""

from tdkt.documents.certificates import (
    BLANK_LAYOUT,
    CertificateLayout,
    FieldSpec,
    layout_for,
    load_layout,
    parse_layout,
    render_certificates,
)
from tdkt.documents.data import (
    CertificateDoc,
    DecisionDoc,
    ListRow,
    MinutesDoc,
    RoundListDoc,
    RoundRow,
    Signature,
    SubmissionDoc,
    VoteLine,
    number_code,
    number_line,
    place_date,
)
from tdkt.documents.errors import (
    ConversionError,
    DocumentError,
    FontNotFound,
    LayoutError,
    TemplateError,
)
from tdkt.documents.pdf import docx_to_pdf, docx_to_pdf_many
from tdkt.documents.render import render_docx
from tdkt.documents.templates import starter_template

__all__ = [
    "BLANK_LAYOUT",
    "CertificateDoc",
    "CertificateLayout",
    "ConversionError",
    "DecisionDoc",
    "DocumentError",
    "FieldSpec",
    "FontNotFound",
    "LayoutError",
    "ListRow",
    "MinutesDoc",
    "RoundListDoc",
    "RoundRow",
    "Signature",
    "SubmissionDoc",
    "TemplateError",
    "VoteLine",
    "docx_to_pdf",
    "docx_to_pdf_many",
    "layout_for",
    "load_layout",
    "number_code",
    "number_line",
    "parse_layout",
    "place_date",
    "render_certificates",
    "render_docx",
    "starter_template",
]
