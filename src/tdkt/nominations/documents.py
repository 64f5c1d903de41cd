"""Map workflow models to the plain data classes of :mod:`tdkt.documents` and render them.

* :func:`decision_doc` — a decision issued through the workflow, with its list and money;
* :func:`submission_doc` — the proposing unit's submission (tờ trình) for a set of nominations;
* :func:`minutes_doc` — the council meeting's minutes with the vote results;
* :func:`round_list_doc` — a round's summary list with the engine's verdicts;
* :func:`certificate_docs` — one Giấy khen / Bằng khen per award of a decision.

Letterheads come from the agency: ``Agency.parent_name`` / ``Agency.name`` (or, when a unit
issues, the agency above the unit's name), ``Agency.place`` for "Thái Nguyên, ngày …".
Agency templates (``decision.docx`` …) and certificate layouts (``certificate_*.yaml``) are
read from :func:`template_dir` (setting or environment ``TDKT_TEMPLATE_DIR``, default
``DATA_DIR/templates``; see docs/operations.md).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from tdkt.awards.models import Award, Decision, SubjectKind
from tdkt.common.formatting import format_date, format_int
from tdkt.documents import (
    CertificateDoc,
    DecisionDoc,
    DocumentError,
    ListRow,
    MinutesDoc,
    RoundListDoc,
    RoundRow,
    Signature,
    SubmissionDoc,
    VoteLine,
    layout_for,
    render_certificates,
    render_docx,
)
from tdkt.nominations.models import (
    CouncilMember,
    IssuedDecision,
    Meeting,
    Nomination,
    Round,
    Verdict,
    Vote,
)
from tdkt.nominations.params import Threshold
from tdkt.org.models import Agency, Unit

PLACEHOLDER = "……"
GROUPS: dict[str, str] = {
    SubjectKind.INDIVIDUAL: "I. Cá nhân",
    SubjectKind.COLLECTIVE: "II. Tập thể",
    SubjectKind.HOUSEHOLD: "III. Hộ gia đình",
}
GROUP_ORDER: dict[str, int] = {
    SubjectKind.INDIVIDUAL: 0,
    SubjectKind.COLLECTIVE: 1,
    SubjectKind.HOUSEHOLD: 2,
}
CERTIFICATE_SLUGS = {"giay-khen": "Giấy khen", "bang-khen": "Bằng khen"}
_NUMBER = re.compile(r"^\s*(\d+)\s*/\s*(.+?)\s*$")


def template_dir() -> Path | None:
    """The agency's template directory if it exists (else the built-in layouts are used)."""
    configured = getattr(settings, "TDKT_TEMPLATE_DIR", None) or os.environ.get("TDKT_TEMPLATE_DIR")
    path = Path(configured) if configured else Path(settings.DATA_DIR) / "templates"
    return path if path.is_dir() else None


def letterhead(agency: Agency, unit: Unit | None = None) -> tuple[str, str]:
    """(parent agency, agency) for the header: the unit under its agency, or the agency."""
    if unit is not None and unit.name != agency.name:
        return agency.name, unit.name
    return agency.parent_name, agency.name


def split_number(decision: Decision) -> tuple[int | None, str]:
    """(5, "QĐ-SNV") from the stored parts, or parsed from a typed number ("125/QĐ-TTg")."""
    if decision.seq is not None and decision.symbol:
        return decision.seq, decision.symbol
    m = _NUMBER.match(decision.number)
    if m:
        return int(m.group(1)), m.group(2)
    return None, decision.number or PLACEHOLDER


def signature_of(title: str, name: str = "") -> Signature:
    """A deputy signs "KT." for the head ("Phó Giám đốc" → KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC)."""
    title = (title or "").strip() or "Thủ trưởng đơn vị"
    words = title.split(" ", 1)
    if len(words) == 2 and words[0].lower() == "phó":
        return Signature(title=title, name=name, prefix="KT.", on_behalf_of=words[1])
    return Signature(title=title, name=name)


def _place(agency: Agency) -> str:
    return agency.place or PLACEHOLDER


def _legal_bases(day: dt.date | None) -> tuple[str, ...]:
    if day is not None and day < dt.date(2024, 1, 1):
        return ("Căn cứ Luật Thi đua, khen thưởng năm 2003 và các Luật sửa đổi, bổ sung;",)
    return ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",)


def _ordered(nominations: Iterable[Nomination]) -> list[Nomination]:
    """Individuals, then collectives, then households; in list order within each group."""
    return sorted(
        nominations,
        key=lambda n: (GROUP_ORDER.get(n.subject_kind, 9), n.award_type.order, n.pk),
    )


def _unit_line(n: Nomination) -> str:
    """The unit printed next to the subject: a person's unit, a collective's parent."""
    if n.person is not None:
        return n.person.unit.name if n.person.unit_id else n.proposing_unit.name
    if n.unit is not None and n.unit.parent is not None:
        return n.unit.parent.name
    return n.proposing_unit.name


def _counts(nominations: Sequence[Nomination]) -> str:
    people = sum(n.subject_kind == SubjectKind.INDIVIDUAL for n in nominations)
    others = len(nominations) - people
    parts = []
    if people:
        parts.append(f"{people:02d} cá nhân")
    if others:
        parts.append(f"{others:02d} tập thể")
    return " và ".join(parts) or "00 cá nhân"


def _award_names(nominations: Sequence[Nomination]) -> str:
    names: list[str] = []
    for n in sorted(nominations, key=lambda n: n.award_type.order):
        if n.award_type.name not in names:
            names.append(n.award_type.name)
    return ", ".join(names)


NOMINATION_RELATED = (
    "award_type",
    "person__unit",
    "unit__parent",
    "household",
    "proposing_unit",
    "round__agency",
)


# --- decision --------------------------------------------------------------------------------


def decision_doc(decision: Decision) -> DecisionDoc:
    """The decision with its attached list, money per line and the total."""
    agency = decision.agency
    issued = IssuedDecision.objects.filter(decision=decision).select_related("round").first()
    nominations = _ordered(
        Nomination.objects.filter(decision=decision).select_related(*NOMINATION_RELATED)
    )
    parent, name = letterhead(agency, decision.issuer_unit)
    number, symbol = split_number(decision)
    issuer = decision.issuer or signature_of(decision.signer_title).title
    total = sum(n.money_amount or 0 for n in nominations)
    articles = [
        f"Tặng {_award_names(nominations)} cho {_counts(nominations)} có tên trong danh sách "
        "kèm theo Quyết định này, đã có thành tích xuất sắc"
        + (f" ({issued.round.name})" if issued and issued.round else "")
        + ".",
    ]
    if total:
        base = f" (mức lương cơ sở {format_int(issued.base_salary)} đồng)" if issued else ""
        articles.append(
            f"Tiền thưởng kèm theo thực hiện theo quy định hiện hành{base}; "
            f"tổng số tiền thưởng là {format_int(total)} đồng."
        )
    articles.append(
        "Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các đơn vị có liên quan và các "
        "cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    )
    bases = [*_legal_bases(decision.date)]
    meeting = Meeting.objects.filter(votes__nomination__decision=decision).order_by("-date").first()
    if meeting is not None:
        bases.append(f"Căn cứ kết quả họp {meeting.council.name} ngày {format_date(meeting.date)};")
    bases.append("Theo đề nghị của bộ phận Thi đua – Khen thưởng.")
    return DecisionDoc(
        parent_agency=parent,
        agency=name,
        number=number,
        symbol=symbol,
        subject=decision.subject or "Về việc khen thưởng",
        place=_place(agency),
        date=decision.date,
        signature=signature_of(decision.signer_title, decision.signer_name),
        recipients=("Như Điều 3;", "Lưu: VT, TĐKT."),
        rows=tuple(
            ListRow(
                name=n.subject_name,
                position=n.position_at_time,
                unit=_unit_line(n),
                award=n.award_type.name,
                year=n.year,
                money=n.money_amount if total else None,
                group=GROUPS.get(n.subject_kind, ""),
            )
            for n in nominations
        ),
        list_title="Danh sách cá nhân, tập thể được khen thưởng",
        list_issuer=issuer,
        list_landscape=True,
        authority=issuer,
        legal_bases=tuple(bases),
        articles=tuple(articles),
    )


# --- submission ------------------------------------------------------------------------------


def submission_doc(
    round: Round, unit: Unit, nominations: Sequence[Nomination], *, date: dt.date | None = None
) -> SubmissionDoc:
    """The proposing unit's tờ trình for *nominations* (a draft: number and date left blank)."""
    agency = round.agency
    parent = unit.parent.name if unit.parent is not None else agency.name
    rows = _ordered(nominations)
    to = round.organiser.name if round.organiser is not None else agency.name
    return SubmissionDoc(
        parent_agency=parent,
        agency=unit.name,
        number=None,
        symbol=f"TTr-{unit.code}",
        subject=f"Về việc đề nghị khen thưởng ({round.name})",
        place=_place(agency),
        date=date,
        addressees=(f"Hội đồng Thi đua – Khen thưởng {to}",),
        paragraphs=(
            f"Thực hiện {round.name}, {unit.name} đã tổ chức bình xét theo quy định.",
            f"{unit.name} kính đề nghị xét tặng {_award_names(rows)} cho {_counts(rows)} "
            "có tên trong danh sách kèm theo, năm thành tích "
            f"{round.year}.",
            "Kính trình Hội đồng xem xét, quyết định./.",
        ),
        signature=Signature(title="Thủ trưởng đơn vị"),
        recipients=("Như trên;", "Lưu: VT."),
        rows=tuple(
            ListRow(
                name=n.subject_name,
                position=n.position_at_time,
                unit=_unit_line(n),
                award=n.award_type.name,
                year=n.year,
                group=GROUPS.get(n.subject_kind, ""),
            )
            for n in rows
        ),
        list_title="Danh sách đề nghị khen thưởng",
        list_issuer=unit.name,
    )


# --- minutes ---------------------------------------------------------------------------------


def _member_line(m: CouncilMember) -> str:
    return f"{m.name} – {m.get_role_display()}"


def threshold_label(vote: Vote) -> str:
    """ "từ 90% tổng số thành viên hội đồng" from the threshold stored on the vote."""
    if vote.threshold_pct is None:
        return ""
    return Threshold(vote.threshold_pct, vote.threshold_inclusive, "", "").label


def minutes_doc(meeting: Meeting) -> MinutesDoc:
    """The minutes: who attended, the flagged dossiers, each vote and its threshold."""
    council = meeting.council
    agency = council.agency
    parent, name = letterhead(agency, council.unit)
    members = [
        m
        for m in council.members.order_by("pk")
        if (m.active_from is None or m.active_from <= meeting.date)
        and (m.active_to is None or meeting.date <= m.active_to)
    ]
    present_ids = set(meeting.present.values_list("pk", flat=True))
    present = [m for m in members if m.pk in present_ids]
    absent = [m for m in members if m.pk not in present_ids]
    chair = next((m.name for m in present if m.role == CouncilMember.Role.CHAIR), PLACEHOLDER)
    secretary = next(
        (m.name for m in present if m.role == CouncilMember.Role.SECRETARY), PLACEHOLDER
    )
    votes = list(
        meeting.votes.select_related(
            "nomination__award_type",
            "nomination__person__unit",
            "nomination__unit__parent",
            "nomination__proposing_unit",
            "snapshot",
        ).order_by("pk")
    )
    paragraphs = [f"Hội đồng xem xét {len(votes)} hồ sơ đề nghị khen thưởng đã trình."]
    for v in votes:
        n = v.nomination
        line = f"{v.snapshot.data.get('subject', n.subject_name)} ({n.award_type.name})"
        if v.threshold_pct is not None:
            line += f": yêu cầu {threshold_label(v)}"
            if v.threshold_citation:
                line += f" – {v.threshold_citation}"
        if n.flagged:
            line += (
                f". Hồ sơ được đề nghị dù hệ thống xét chưa đủ điều kiện; lý do: {n.justification}"
            )
        paragraphs.append(line + ".")
    modes = {str(v.mode) for v in votes}
    if modes == {Vote.Mode.TOTALS}:
        method = "Hình thức: biểu quyết, tổng hợp kết quả tại cuộc họp."
    elif modes == {Vote.Mode.BALLOT}:
        method = "Hình thức: bỏ phiếu kín."
    else:
        method = "Hình thức: biểu quyết và bỏ phiếu kín." if modes else ""
    decided = [v.decided_at for v in votes if v.decided_at is not None]
    ended = timezone.localtime(max(decided)).replace(tzinfo=None) if decided else None
    if ended is not None and ended.date() != meeting.date:
        ended = None
    return MinutesDoc(
        parent_agency=parent,
        agency=name,
        number=None,
        symbol="BB-HĐTĐKT",
        subject=f"Họp {council.name} ngày {format_date(meeting.date)}",
        # The meeting keeps no start time: 08:00 is printed for the secretary to correct.
        started_at=dt.datetime.combine(meeting.date, dt.time(8, 0)),
        ended_at=ended,
        location=f"Trụ sở {name}",
        members_total=len(members),
        members_present=tuple(_member_line(m) for m in present),
        members_absent=tuple(_member_line(m) for m in absent),
        chair=chair,
        secretary=secretary,
        voting_method=method,
        paragraphs=tuple(paragraphs),
        votes=tuple(
            VoteLine(
                name=v.snapshot.data.get("subject", v.nomination.subject_name),
                unit=_unit_line(v.nomination),
                award=v.nomination.award_type.name,
                yes=v.yes,
                no=v.no,
                abstain=v.abstain,
                passed=v.result == Vote.Result.PASSED,
            )
            for v in votes
        ),
        secretary_signature=Signature(
            title="Thư ký", name="" if secretary == PLACEHOLDER else secretary
        ),
        chair_signature=Signature(title="Chủ tọa", name="" if chair == PLACEHOLDER else chair),
    )


# --- round list ------------------------------------------------------------------------------

VERDICT_TEXT: dict[str, str] = {
    Verdict.ELIGIBLE: "Đủ điều kiện",
    Verdict.NOT_ELIGIBLE: "Chưa đủ điều kiện",
    Verdict.UNDETERMINED: "Chưa xác định",
}


def round_list_doc(round: Round, nominations: Sequence[Nomination]) -> RoundListDoc:
    """The round's summary list (the nominations given, e.g. those the user may see)."""
    agency = round.agency
    parent, name = letterhead(agency, round.organiser)
    rows = []
    for n in _ordered(nominations):
        note = n.get_status_display()
        if n.flagged:
            note += f". Đề nghị dù chưa đủ điều kiện: {n.justification}"
        rows.append(
            RoundRow(
                name=n.subject_name,
                position=n.position_at_time,
                unit=_unit_line(n),
                award=n.award_type.name,
                verdict=VERDICT_TEXT.get(n.verdict, n.verdict),
                note=note,
                group=GROUPS.get(n.subject_kind, ""),
            )
        )
    return RoundListDoc(
        parent_agency=parent,
        agency=name,
        place=_place(agency),
        date=timezone.localdate(),
        title="Danh sách tổng hợp đề nghị khen thưởng",
        subtitle=f"{round.name} – năm thành tích {round.year}",
        reference=f"({len(rows)} hồ sơ)",
        rows=tuple(rows),
        preparer=Signature(title="Người lập biểu"),
        signature=Signature(title="Thủ trưởng đơn vị"),
    )


# --- certificates ----------------------------------------------------------------------------


def certificate_kind(code: str) -> str | None:
    """ "Giấy khen" for GK…, "Bằng khen" for BK…, None for titles and orders."""
    if code.startswith("GK"):
        return "Giấy khen"
    if code.startswith("BK"):
        return "Bằng khen"
    return None


def certificate_awards(decision: Decision, kind: str) -> list[Award]:
    """The decision's awards (not revoked) that get a certificate of *kind*, in list order."""
    awards = (
        decision.awards.filter(revoked_by__isnull=True)
        .select_related("award_type", "person__unit", "unit__parent", "household", "unit_at_time")
        .order_by("award_type__order", "id")
    )
    wanted = [a for a in awards if certificate_kind(a.award_type.code) == kind]
    return sorted(wanted, key=lambda a: GROUP_ORDER.get(a.subject_kind, 9))


def achievement_line(round: Round | None, award: Award) -> str:
    """The line printed under the recipient's name."""
    if round is not None and round.kind != Round.Kind.YEARLY:
        return f"Đã có thành tích xuất sắc trong {round.name}"
    return f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {award.year}"


def certificate_docs(decision: Decision, kind: str) -> list[CertificateDoc]:
    """One certificate per award of *kind* ("Giấy khen"/"Bằng khen") of the decision."""
    number, symbol = split_number(decision)
    if number is None:
        raise DocumentError(
            f"Số quyết định “{decision.number}” không có dạng “số/ký hiệu”; không in được."
        )
    issued = IssuedDecision.objects.filter(decision=decision).select_related("round").first()
    round = issued.round if issued is not None else None
    signature = signature_of(decision.signer_title, decision.signer_name)
    issuer = (decision.issuer or signature.title).upper()
    out = []
    for a in certificate_awards(decision, kind):
        honorific = ""
        if a.person is not None:
            honorific = {"M": "Ông", "F": "Bà"}.get(a.person.sex, "")
        unit = (
            a.unit.parent.name
            if a.unit is not None and a.unit.parent is not None
            else a.unit_at_time.name
        )
        out.append(
            CertificateDoc(
                kind=kind,
                issuer=issuer,
                recipient=a.subject_name,
                honorific=honorific,
                unit=(a.position_at_time + ", " if a.position_at_time else "") + unit
                if a.person is not None
                else unit,
                achievement=achievement_line(round, a),
                decision_number=number,
                decision_symbol=symbol,
                decision_date=decision.date,
                place=_place(decision.agency),
                signature=signature,
            )
        )
    return out


# --- rendering -------------------------------------------------------------------------------


def render(doc: DecisionDoc | SubmissionDoc | MinutesDoc | RoundListDoc) -> bytes:
    """DOCX bytes with the agency's template when it has one."""
    return render_docx(doc, template_dir())


def render_certificate_pdf(decision: Decision, kind: str) -> bytes:
    certs = certificate_docs(decision, kind)
    return render_certificates(certs, layout_for(template_dir(), kind))
