"""Plain typed data the document renderers take (no Django models).

The workflow maps its models to these classes; the renderers never query anything. Every
string is stored in NFC and stripped; sequences become tuples. Construction validates the
data and raises :class:`DocumentError` with a Vietnamese message naming the bad field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from tdkt.common.formatting import format_date, format_decimal, format_int
from tdkt.documents.errors import DocumentError

SIGN_PREFIXES = ("", "TM.", "KT.", "TL.", "TUQ.")
CERTIFICATE_KINDS = ("Giấy khen", "Bằng khen")


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, list | tuple):
        return tuple(_norm(v) for v in value)
    return value


class _Clean:
    """Mixin: NFC-normalise strings and turn lists into tuples, then validate."""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            object.__setattr__(self, f.name, _norm(getattr(self, f.name)))
        self.validate()

    def validate(self) -> None:
        """Raise DocumentError if the data cannot make a correct document."""

    def _require(self, *names: str) -> None:
        for name in names:
            if not getattr(self, name):
                raise DocumentError(f"{type(self).__name__}: thiếu trường bắt buộc “{name}”.")


def number_code(number: int | None, symbol: str) -> str:
    """5, "QĐ-SNV" → "05/QĐ-SNV" (zero-padded below 10); None → "     /QĐ-SNV" for drafts."""
    if number is None:
        return f"{' ' * 5}/{symbol}"
    return f"{number:02d}/{symbol}"


def number_line(number: int | None, symbol: str) -> str:
    """ "Số: 05/QĐ-SNV"."""
    return f"Số: {number_code(number, symbol)}"


def place_date(place: str, day: dt.date | None) -> str:
    """ "Thái Nguyên, ngày 05 tháng 02 năm 2025" (days < 10 and months 1–2 zero-padded).

    Without a date (a draft), the day, month and year are left blank for the signer.
    """
    if day is None:
        blank = " " * 5
        return f"{place}, ngày{blank}tháng{blank}năm{blank}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def money_text(amount: int | None) -> str:
    """1885000 → "1.885.000"; None → ""."""
    return format_int(amount)


@dataclass(frozen=True)
class Signature(_Clean):
    """Signature block: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / (signature) / "Nguyễn Văn An".

    *prefix* is one of TM., KT., TL., TUQ. (or empty when the head signs in their own name);
    *on_behalf_of* follows the prefix (the collective or the head, e.g. "ỦY BAN NHÂN DÂN",
    "GIÁM ĐỐC"); *title* is the signer's own position. The name may be empty on a draft.
    """

    title: str
    name: str = ""
    prefix: str = ""
    on_behalf_of: str = ""

    def validate(self) -> None:
        self._require("title")
        if self.prefix not in SIGN_PREFIXES:
            raise DocumentError(
                f"Thẩm quyền ký “{self.prefix}” không hợp lệ; dùng TM., KT., TL. hoặc TUQ."
            )
        if self.prefix and not self.on_behalf_of:
            raise DocumentError(f"Ký {self.prefix} phải ghi rõ ký thay mặt/thay cho ai.")

    @property
    def authority_line(self) -> str:
        """ "KT. GIÁM ĐỐC" (upper case), or "" without a prefix."""
        return f"{self.prefix} {self.on_behalf_of.upper()}" if self.prefix else ""

    @property
    def lines(self) -> tuple[str, ...]:
        """The upper-case lines above the signature space."""
        return tuple(x for x in (self.authority_line, self.title.upper()) if x)


@dataclass(frozen=True)
class ListRow(_Clean):
    """One line of an attached list: one award (one "lượt") or one proposal.

    For a collective, *name* is the collective and *position* is empty. Rows with the same
    *group* (e.g. "I. Tập thể") are printed under that group heading, numbered from 1.
    """

    name: str
    unit: str
    award: str
    position: str = ""
    year: int | None = None
    money: int | None = None
    group: str = ""

    def validate(self) -> None:
        self._require("name", "award")
        if self.money is not None and self.money < 0:
            raise DocumentError(f"Số tiền thưởng của {self.name} không được âm.")


@dataclass(frozen=True)
class _Numbered(_Clean):
    """Fields shared by numbered administrative documents (decision, submission, minutes)."""

    parent_agency: str
    agency: str
    number: int | None
    symbol: str
    subject: str

    def validate(self) -> None:
        self._require("agency", "symbol", "subject")
        if self.number is not None and self.number < 1:
            raise DocumentError(f"Số văn bản phải là số nguyên dương (nhận {self.number}).")

    @property
    def number_code(self) -> str:
        return number_code(self.number, self.symbol)

    @property
    def number_line(self) -> str:
        return number_line(self.number, self.symbol)


@dataclass(frozen=True)
class _WithList(_Numbered):
    """A numbered, dated document with an attached list on its own page."""

    place: str
    date: dt.date | None
    signature: Signature = field(default_factory=lambda: Signature(title="GIÁM ĐỐC"))
    recipients: tuple[str, ...] = ()
    rows: tuple[ListRow, ...] = ()
    list_title: str = ""
    list_issuer: str = ""
    list_landscape: bool = False
    name_header: str = "Họ và tên"
    doc_type: str = ""

    def validate(self) -> None:
        super().validate()
        self._require("place")
        if self.rows and not self.list_title:
            raise DocumentError("Danh sách kèm theo phải có tiêu đề (list_title).")

    @property
    def place_date(self) -> str:
        return place_date(self.place, self.date)

    @property
    def date_text(self) -> str:
        """dd/mm/yyyy, or blank on a draft."""
        return format_date(self.date) if self.date else " " * 10

    @property
    def list_reference(self) -> str:
        """ "(Kèm theo Quyết định số 05/QĐ-SNV ngày 05/02/2025 của Giám đốc Sở Nội vụ)"."""
        issuer = f" của {self.list_issuer}" if self.list_issuer else ""
        return (
            f"(Kèm theo {self.doc_type} số {self.number_code.strip()} "
            f"ngày {self.date_text}{issuer})"
        )

    @property
    def total_money(self) -> int | None:
        amounts = [r.money for r in self.rows if r.money is not None]
        return sum(amounts) if amounts else None


@dataclass(frozen=True)
class DecisionDoc(_WithList):
    """A decision (quyết định) with its attached list of awards.

    *authority* is the competent person's title printed above the legal bases
    ("GIÁM ĐỐC SỞ NỘI VỤ"); *legal_bases* are the "Căn cứ ...;" and "Theo đề nghị ..." lines;
    *articles* are the texts of Điều 1, Điều 2, … without the "Điều N." prefix.
    """

    authority: str = ""
    legal_bases: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    doc_type: str = "Quyết định"

    def validate(self) -> None:
        super().validate()
        self._require("authority", "articles")


@dataclass(frozen=True)
class SubmissionDoc(_WithList):
    """A submission (tờ trình, Mẫu 01) asking the higher level for awards, with its list."""

    addressees: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    doc_type: str = "Tờ trình"

    def validate(self) -> None:
        super().validate()
        self._require("addressees", "paragraphs")


@dataclass(frozen=True)
class VoteLine(_Clean):
    """The council's vote on one nomination; the share counts all members of the council."""

    name: str
    unit: str
    award: str
    yes: int
    no: int
    abstain: int
    passed: bool

    def validate(self) -> None:
        self._require("name", "award")
        if min(self.yes, self.no, self.abstain) < 0:
            raise DocumentError(f"Số phiếu của {self.name} không được âm.")

    def share(self, members_total: int) -> str:
        """Yes votes over all members: "90,9%"."""
        return format_decimal(self.yes * 100 / members_total, 1) + "%"


@dataclass(frozen=True)
class MinutesDoc(_Numbered):
    """Minutes of a council meeting (biên bản họp Hội đồng Thi đua - Khen thưởng).

    *members_present* and *members_absent* are lines such as "Ông Nguyễn Văn An - Giám đốc
    Sở Nội vụ, Chủ tịch Hội đồng"; *members_total* is the council's size, the base of every
    vote share. *paragraphs* hold the proceedings; *votes* the results per nomination.
    """

    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    location: str = ""
    members_total: int = 0
    members_present: tuple[str, ...] = ()
    members_absent: tuple[str, ...] = ()
    chair: str = ""
    secretary: str = ""
    voting_method: str = ""
    paragraphs: tuple[str, ...] = ()
    votes: tuple[VoteLine, ...] = ()
    secretary_signature: Signature = field(default_factory=lambda: Signature(title="THƯ KÝ"))
    chair_signature: Signature = field(default_factory=lambda: Signature(title="CHỦ TỌA"))
    recipients: tuple[str, ...] = ()
    doc_type: str = "Biên bản"

    def validate(self) -> None:
        super().validate()
        self._require("started_at", "location", "chair", "secretary")
        if self.members_total < 1:
            raise DocumentError("Số thành viên Hội đồng phải lớn hơn 0.")
        present = len(self.members_present)
        if present > self.members_total:
            raise DocumentError(
                f"Số thành viên có mặt ({present}) vượt quá số thành viên Hội đồng "
                f"({self.members_total})."
            )
        voters = present or self.members_total
        for v in self.votes:
            cast = v.yes + v.no + v.abstain
            if cast > voters:
                raise DocumentError(
                    f"Tổng số phiếu của {v.name} ({cast}) vượt quá số thành viên "
                    f"{'có mặt' if present else 'Hội đồng'} ({voters})."
                )


@dataclass(frozen=True)
class RoundRow(_Clean):
    """One proposal in a round's summary list, with the eligibility verdict and a note."""

    name: str
    unit: str
    award: str
    position: str = ""
    verdict: str = ""
    note: str = ""
    group: str = ""

    def validate(self) -> None:
        self._require("name", "award")


@dataclass(frozen=True)
class RoundListDoc(_Clean):
    """The summary list of a review round (danh sách tổng hợp đề nghị của đợt xét)."""

    parent_agency: str
    agency: str
    place: str
    date: dt.date | None
    title: str
    subtitle: str = ""
    reference: str = ""
    rows: tuple[RoundRow, ...] = ()
    preparer: Signature | None = None
    signature: Signature | None = None
    landscape: bool = True

    def validate(self) -> None:
        self._require("agency", "place", "title")

    @property
    def place_date(self) -> str:
        return place_date(self.place, self.date)


@dataclass(frozen=True)
class CertificateDoc(_Clean):
    """One certificate (Giấy khen or Bằng khen) for one recipient.

    *issuer* is the competent person ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN");
    *recipient* the person or collective, *honorific* "Ông"/"Bà" or empty; the place-date
    defaults to the decision date.
    """

    kind: str
    issuer: str
    recipient: str
    unit: str
    achievement: str
    decision_number: int
    decision_symbol: str
    decision_date: dt.date
    place: str
    signature: Signature
    honorific: str = ""
    date: dt.date | None = None
    register_no: str = ""

    def validate(self) -> None:
        self._require("issuer", "recipient", "achievement", "decision_symbol", "place")
        if self.kind not in CERTIFICATE_KINDS:
            raise DocumentError(
                f"Loại hình khen “{self.kind}” không hợp lệ; dùng “Giấy khen” hoặc “Bằng khen”."
            )
        if self.decision_number < 1:
            raise DocumentError(f"Số quyết định phải là số nguyên dương ({self.recipient}).")

    @property
    def decision_code(self) -> str:
        return number_code(self.decision_number, self.decision_symbol)

    @property
    def issued_on(self) -> dt.date:
        return self.date or self.decision_date

    def fields(self) -> dict[str, str]:
        """The printable values by field name (what a layout spec positions)."""
        d = self.issued_on
        return {
            "title": self.kind.upper(),
            "issuer": self.issuer,
            "recipient": f"{self.honorific} {self.recipient}".strip(),
            "unit": self.unit,
            "achievement": self.achievement,
            "decision": (
                f"Quyết định số {self.decision_code} ngày {format_date(self.decision_date)}"
            ),
            "decision_number": self.decision_code,
            "decision_date": format_date(self.decision_date),
            "register": f"Số sổ: {self.register_no}" if self.register_no else "",
            "register_no": self.register_no,
            "place_date": place_date(self.place, d),
            "place": self.place,
            "day": f"{d.day:02d}",
            "month": f"{d.month:02d}" if d.month <= 2 else str(d.month),
            "year": str(d.year),
            "signer_authority": self.signature.authority_line,
            "signer_title": self.signature.title.upper(),
            "signer_name": self.signature.name,
        }


CERTIFICATE_FIELDS = (
    "title",
    "issuer",
    "recipient",
    "unit",
    "achievement",
    "decision",
    "decision_number",
    "decision_date",
    "register",
    "register_no",
    "place_date",
    "place",
    "day",
    "month",
    "year",
    "signer_authority",
    "signer_title",
    "signer_name",
)
