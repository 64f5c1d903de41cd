"""Officers' pages for the path from nomination to decision, and the documents they print.

Every page reads through the scoped queries (:mod:`tdkt.nominations.queries`,
:mod:`tdkt.org.policies`) and changes state only through :mod:`tdkt.nominations.domain`:
an object outside the user's scope is a 404, a forbidden action a 403 (``PermissionDenied``
from the policies or the domain), invalid input shows the form again with the Vietnamese
message next to the field, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.awards.models import Award, AwardType, Decision, SubjectKind
from tdkt.common.text import fold
from tdkt.documents import ConversionError, DocumentError, docx_to_pdf
from tdkt.nominations import documents as docs
from tdkt.nominations import domain as nom
from tdkt.nominations import params
from tdkt.nominations.forms import (
    BallotForm,
    CandidatesForm,
    CouncilForm,
    IssueForm,
    ItemsDoneForm,
    MeetingForm,
    MemberForm,
    ProposeForm,
    PublishForm,
    ReturnForm,
    RevokeForm,
    RoundFilterForm,
    RoundForm,
    UploadForm,
    VoteTotalsForm,
    WithdrawForm,
    live_q,
    parse_subject_key,
    subject_key,
)
from tdkt.nominations.models import (
    BallotReceipt,
    Council,
    CouncilMember,
    DossierFile,
    IssuedDecision,
    Level,
    Meeting,
    Nomination,
    Round,
    Verdict,
    Vote,
)
from tdkt.nominations.queries import (
    due_items,
    visible_nominations,
    visible_rounds,
)
from tdkt.nominations.queries import meeting_results as results_of
from tdkt.org.models import Person, Unit
from tdkt.org.policies import (
    can_edit_unit,
    is_officer,
    membership,
    require_officer,
    scope_q,
    visible_units,
)
from tdkt.web import queries as web_queries
from tdkt.web.forms import apply_errors, current_units
from tdkt.web.views.base import (
    can_write,
    get_visible,
    page_of,
    query_without_page,
    require_write,
    web_view,
)

S = Nomination.Status
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SEARCH_LIMIT = 20
NOMINATION_RELATED = (
    "round",
    "award_type",
    "person__unit",
    "unit__parent",
    "household",
    "proposing_unit",
    "holder_unit",
)


def _today() -> dt.date:
    return timezone.localdate()


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _agency_id(request: HttpRequest) -> int:
    m = membership(request.user)
    if m is None:
        raise PermissionDenied(_("Tài khoản chưa được phân quyền."))
    return m.agency_id


def _current(units: QuerySet[Unit]) -> QuerySet[Unit]:
    return current_units(units).order_by("path")


def _round(request: HttpRequest, pk: int) -> Round:
    return get_visible(visible_rounds(request.user).select_related("agency", "organiser"), pk=pk)


def _round_units(request: HttpRequest, round: Round) -> QuerySet[Unit]:
    """Current units the user may propose from in *round* (its organiser's subtree if any)."""
    units = _current(visible_units(request.user))
    if round.organiser is not None and round.issuer_level in (Level.UNIT, Level.DEPARTMENT):
        units = units.filter(path__startswith=round.organiser.path)
    return units


def _nomination(request: HttpRequest, pk: int) -> Nomination:
    return get_visible(
        visible_nominations(request.user).select_related(
            *NOMINATION_RELATED, "round__agency", "current_snapshot", "decision"
        ),
        pk=pk,
    )


def _label(n: Nomination) -> str:
    """ "Nguyễn Thị Hương – Bằng khen của Chủ tịch UBND tỉnh" for messages."""
    return f"{n.subject_name} – {n.award_type.name}"


def _acts_as_holder(user: Any, n: Nomination) -> bool:
    if n.holder_unit is not None:
        return can_edit_unit(user, n.holder_unit)
    return is_officer(user)


# --- verdicts --------------------------------------------------------------------------------


def engine_verdict(subject: Any, code: str, year: int) -> dict[str, Any] | None:
    """The engine's verdict as the workflow stores it, or None when it cannot say."""
    try:
        from tdkt.eligibility.service import evaluate_subject
    except ImportError:
        return None
    try:
        result = evaluate_subject(subject, code, year)
    except ValueError:
        return None
    data: dict[str, Any] = json.loads(
        json.dumps(result.as_dict(), cls=DjangoJSONEncoder, ensure_ascii=False)
    )
    data["verdict"] = str(result.verdict)
    return data


@dataclass
class Candidate:
    """One row of the bulk-proposal table."""

    key: str
    kind: str
    pk: int
    name: str
    unit_name: str
    verdict: str
    reasons: list[dict[str, Any]] = field(default_factory=list)
    quota: str | None = None
    taken: str = ""
    justification: str = ""  # as typed (bulk form)
    error: str = ""  # the row's error (bulk form)

    @property
    def needs_justification(self) -> bool:
        return self.verdict == Verdict.NOT_ELIGIBLE


def _kind_allowed(award_type: AwardType, kind: str) -> bool:
    return award_type.subjects in (AwardType.Subjects.BOTH, kind)


def _engine_candidates(
    user: Any, round: Round, unit: Unit, award_type: AwardType
) -> list[Candidate] | None:
    """Candidates from the eligibility service, or None when it is not available."""
    try:
        from tdkt.eligibility.service import eligibility_for_unit
    except ImportError:
        return None
    try:
        result = eligibility_for_unit(user, unit, round.year, codes=[award_type.code])
    except ValueError:  # a year or code the engine does not judge
        return None
    out = []
    for r in result.rows:
        kind = SubjectKind.INDIVIDUAL if str(r.kind) == "person" else SubjectKind.COLLECTIVE
        if r.verdict.code != award_type.code or not _kind_allowed(award_type, kind):
            continue
        out.append(
            Candidate(
                key=subject_key(kind, r.pk),
                kind=kind,
                pk=r.pk,
                name=r.name,
                unit_name=r.unit_name,
                verdict=str(r.verdict.outcome),
                reasons=[
                    {"criterion": c.text, "met": c.met, "citation": c.citation}
                    for c in r.verdict.criteria
                ],
                quota=r.quota,
            )
        )
    return out


def _fallback_candidates(user: Any, unit: Unit, award_type: AwardType) -> list[Candidate]:
    """Without the eligibility service: the unit's people (and units), verdict undetermined."""
    reason = {
        "criterion": _("Chưa xét được điều kiện: dịch vụ xét điều kiện chưa sẵn sàng."),
        "met": None,
        "citation": "—",
    }
    out: list[Candidate] = []
    if _kind_allowed(award_type, SubjectKind.INDIVIDUAL):
        people = (
            Person.objects.filter(
                scope_q(user, "unit__path"), unit__path__startswith=unit.path, is_active=True
            )
            .select_related("unit")
            .order_by("sort_key", "id")
        )
        out += [
            Candidate(
                subject_key(SubjectKind.INDIVIDUAL, p.pk),
                SubjectKind.INDIVIDUAL,
                p.pk,
                p.full_name,
                p.unit.name,
                Verdict.UNDETERMINED,
                [reason],
            )
            for p in people
        ]
    if _kind_allowed(award_type, SubjectKind.COLLECTIVE):
        units = _current(visible_units(user).filter(path__startswith=unit.path)).select_related(
            "parent"
        )
        out += [
            Candidate(
                subject_key(SubjectKind.COLLECTIVE, u.pk),
                SubjectKind.COLLECTIVE,
                u.pk,
                u.name,
                u.parent.name if u.parent else "",
                Verdict.UNDETERMINED,
                [reason],
            )
            for u in units
        ]
    return out


def candidates(
    user: Any, round: Round, unit: Unit, award_type: AwardType
) -> tuple[list[Candidate], bool]:
    """(rows, from the engine?) for the bulk table, each marked if already proposed/awarded."""
    rows = _engine_candidates(user, round, unit, award_type)
    engine = rows is not None
    if rows is None:
        rows = _fallback_candidates(user, unit, award_type)
    people = [c.pk for c in rows if c.kind == SubjectKind.INDIVIDUAL]
    units = [c.pk for c in rows if c.kind == SubjectKind.COLLECTIVE]
    live = Nomination.objects.filter(
        award_type=award_type, year=round.year, status__in=nom_live_statuses()
    )
    taken = {
        subject_key(SubjectKind.INDIVIDUAL, pk): _("đã được đề nghị")
        for pk in live.filter(person_id__in=people).values_list("person_id", flat=True)
    } | {
        subject_key(SubjectKind.COLLECTIVE, pk): _("đã được đề nghị")
        for pk in live.filter(unit_id__in=units).values_list("unit_id", flat=True)
    }
    granted = Award.objects.filter(award_type=award_type, year=round.year, revoked_by__isnull=True)
    for pk in granted.filter(person_id__in=people).values_list("person_id", flat=True):
        taken[subject_key(SubjectKind.INDIVIDUAL, pk)] = _("đã được khen")
    for pk in granted.filter(unit_id__in=units).values_list("unit_id", flat=True):
        taken[subject_key(SubjectKind.COLLECTIVE, pk)] = _("đã được khen")
    for c in rows:
        c.taken = taken.get(c.key, "")
    return rows, engine


def nom_live_statuses() -> list[str]:
    return [S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.APPROVED, S.DECIDED]


# --- rounds ----------------------------------------------------------------------------------


@web_view
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = (
        visible_rounds(request.user).select_related("organiser").prefetch_related("award_types")
    )
    counts = dict(
        visible_nominations(request.user)
        .filter(live_q())
        .order_by()
        .values_list("round_id")
        .annotate(n=Count("pk"))
    )
    page = page_of(request, rounds.order_by("-year", "-id"))
    rows = [(r, counts.get(r.pk, 0)) for r in page.object_list]
    return render(
        request,
        "nominations/rounds/list.html",
        {"page": page, "rows": rows, "can_create": is_officer(request.user), "query": ""},
    )


@web_view
def round_create(request: HttpRequest) -> HttpResponse:
    require_officer(request.user)
    agency_id = _agency_id(request)
    units = _current(Unit.objects.filter(agency_id=agency_id))
    form = RoundForm(request.POST or None, units=units, initial={"year": _today().year})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            round = nom.create_round(
                request.user,
                agency=membership(request.user).agency,  # type: ignore[union-attr]
                name=d["name"],
                kind=d["kind"],
                issuer_level=d["issuer_level"],
                year=d["year"],
                award_types=list(d["award_types"]),
                organiser=d.get("organiser"),
                submission_due=d.get("submission_due"),
                council_date=d.get("council_date"),
                note=d.get("note") or "",
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo đợt xét “%(name)s”.") % {"name": round.name})
            return redirect("nominations:round", pk=round.pk)
    return render(request, "nominations/rounds/form.html", {"form": form})


@web_view
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    units = visible_units(request.user).order_by("path")
    form = RoundFilterForm(request.GET or None, round=round, units=units)
    form.is_valid()
    f = getattr(form, "cleaned_data", {})
    qs = visible_nominations(request.user).filter(round=round).select_related(*NOMINATION_RELATED)
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("unit"):
        qs = qs.filter(proposing_unit__path__startswith=f["unit"].path)
    if f.get("code"):
        qs = qs.filter(award_type__code=f["code"])
    if f.get("flagged"):
        qs = qs.filter(flagged=True)
    page = page_of(request, qs.order_by("award_type__order", "proposing_unit__path", "pk"))
    mine = visible_nominations(request.user).filter(round=round)
    officer = is_officer(request.user)
    return render(
        request,
        "nominations/rounds/detail.html",
        {
            "round": round,
            "award_types": list(round.award_types.order_by("order", "code")),
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "officer": officer,
            "can_propose": can_write(request.user) and round.status == Round.Status.OPEN,
            "approved": mine.filter(status=S.APPROVED).count() if officer else 0,
            "decisions": IssuedDecision.objects.filter(round=round)
            .select_related("decision")
            .order_by("decision__date", "pk")
            if officer
            else [],
            "publish_form": PublishForm(initial={"on": _today()}),
            "submit_units": _current(visible_units(request.user)).filter(
                Exists(mine.filter(proposing_unit=OuterRef("pk")).filter(live_q()))
            ),
        },
    )


@web_view
def round_publish(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    require_officer(request.user)
    form = PublishForm(request.POST or None, initial={"on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            nom.publish_candidates(request.user, round, on=form.cleaned_data["on"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi ngày công khai danh sách đề nghị."))
            return redirect("nominations:round", pk=round.pk)
    return render(request, "nominations/rounds/publish.html", {"round": round, "form": form})


@web_view
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    try:
        nom.close_round(request.user, round)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Đã kết thúc đợt xét; không nhận thêm đề nghị."))
    return redirect("nominations:round", pk=round.pk)


# --- proposing -------------------------------------------------------------------------------


def _subject_querysets(
    request: HttpRequest, round: Round
) -> tuple[QuerySet[Person], QuerySet[Unit]]:
    """People and units the user may propose in *round* (current, in scope)."""
    units = _round_units(request, round)
    people = Person.objects.filter(
        scope_q(request.user, "unit__path"), is_active=True, agency_id=round.agency_id
    ).select_related("unit")
    if round.organiser is not None and round.issuer_level in (Level.UNIT, Level.DEPARTMENT):
        people = people.filter(unit__path__startswith=round.organiser.path)
    return people, units


def _open_for_proposals(request: HttpRequest, round: Round) -> None:
    require_write(request.user)
    if round.status != Round.Status.OPEN:
        raise PermissionDenied(_("Đợt xét đã kết thúc, không nhận thêm đề nghị."))


@web_view
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    _open_for_proposals(request, round)
    people, units = _subject_querysets(request, round)
    form = ProposeForm(
        request.POST or None,
        round=round,
        people=people,
        units=units,
        proposing_units=units,
    )
    verdict: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        try:
            n = nom.propose(request.user, round, **form.domain_kwargs())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lập hồ sơ đề nghị: %(n)s.") % {"n": _label(n)})
            return redirect("nominations:nomination", pk=n.pk)
    chosen = form.subject_obj if form.is_bound else None
    if chosen is not None and (at := form.cleaned_data.get("award_type")) is not None:
        verdict = engine_verdict(chosen, at.code, form.cleaned_data.get("year") or round.year)
    return render(
        request,
        "nominations/propose/one.html",
        {
            "round": round,
            "form": form,
            "verdict": verdict,
            "chosen": chosen,
            "chosen_key": form.data.get("subject", "") if form.is_bound else "",
        },
    )


@web_view
def propose_search(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: people or units matching ``q`` (folding search), as radio buttons."""
    round = _round(request, pk)
    _open_for_proposals(request, round)
    people, units = _subject_querysets(request, round)
    q = (request.GET.get("q") or "").strip()[:100]
    kind = request.GET.get("subject_kind") or SubjectKind.INDIVIDUAL
    results: list[tuple[str, str, str]] = []
    if q:
        if kind == SubjectKind.COLLECTIVE:
            cond = Q()
            for term in fold(q).split(" "):
                if term:
                    cond &= Q(name_fold__contains=term)
            for u in units.filter(cond).select_related("parent")[:SEARCH_LIMIT]:
                results.append((subject_key(kind, u.pk), u.name, u.parent.name if u.parent else ""))
        else:
            found = web_queries.people_search(request.user, q).filter(pk__in=people.values("pk"))
            for p in found[:SEARCH_LIMIT]:
                detail = ", ".join(x for x in (p.position, p.unit.name) if x)
                results.append((subject_key(SubjectKind.INDIVIDUAL, p.pk), p.full_name, detail))
    return render(
        request,
        "nominations/propose/_search.html",
        {
            "results": results,
            "q": q,
            "limit": SEARCH_LIMIT,
            "selected": request.GET.get("subject", ""),
        },
    )


@web_view
def propose_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the engine's verdict for the subject and award type chosen in the form."""
    round = _round(request, pk)
    _open_for_proposals(request, round)
    people, units = _subject_querysets(request, round)
    verdict = None
    parsed = parse_subject_key(request.GET.get("subject", ""))
    raw_type, raw_year = request.GET.get("award_type", ""), request.GET.get("year", "")
    at = round.award_types.filter(pk=int(raw_type)).first() if raw_type.isdigit() else None
    year = int(raw_year) if raw_year.isdigit() and 1945 <= int(raw_year) <= round.year else None
    if parsed is not None and at is not None:
        kind, spk = parsed
        subject = (people if kind == SubjectKind.INDIVIDUAL else units).filter(pk=spk).first()
        if subject is not None and _kind_allowed(at, kind):
            verdict = engine_verdict(subject, at.code, year or round.year)
    return render(
        request, "nominations/propose/_verdict.html", {"verdict": verdict, "asked": bool(at)}
    )


@web_view
def propose_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    _open_for_proposals(request, round)
    units = _round_units(request, round)
    source = request.POST if request.method == "POST" else request.GET
    form = CandidatesForm(source or None, round=round, units=units)
    rows: list[Candidate] = []
    engine = True
    errors: dict[str, str] = {}
    general: list[str] = []
    selected: set[str] = set()
    if form.is_bound and form.is_valid():
        unit, award_type = form.cleaned_data["unit"], form.cleaned_data["award_type"]
        rows, engine = candidates(request.user, round, unit, award_type)
        if request.method == "POST":
            by_key = {c.key: c for c in rows}
            selected = set(request.POST.getlist("selected"))
            chosen: list[Candidate] = []
            for key in request.POST.getlist("selected"):
                c = by_key.get(key)
                if c is None:
                    general.append(_("Một đối tượng đã chọn không có trong danh sách."))
                    continue
                c.justification = (request.POST.get(f"justification-{key}") or "").strip()
                if c.needs_justification and not c.justification:
                    c.error = errors[key] = _(
                        "Hệ thống xét chưa đủ điều kiện; muốn vẫn đề nghị phải ghi rõ lý do."
                    )
                chosen.append(c)
            if not selected:
                general.append(_("Hãy chọn ít nhất một cá nhân hoặc tập thể để đề nghị."))
            if not errors and not general:
                people = Person.objects.in_bulk(
                    [c.pk for c in chosen if c.kind == SubjectKind.INDIVIDUAL]
                )
                collectives = Unit.objects.in_bulk(
                    [c.pk for c in chosen if c.kind == SubjectKind.COLLECTIVE]
                )
                lines = [
                    nom.Proposal(
                        award_type=award_type,
                        person=people.get(c.pk) if c.kind == SubjectKind.INDIVIDUAL else None,
                        unit=collectives.get(c.pk) if c.kind == SubjectKind.COLLECTIVE else None,
                        proposing_unit=unit,
                        justification=c.justification,
                    )
                    for c in chosen
                ]
                try:
                    created = nom.propose_many(request.user, round, lines)
                except ValidationError as exc:
                    general.extend(exc.messages)
                else:
                    messages.success(
                        request,
                        _("Đã lập %(n)s hồ sơ đề nghị %(award)s.")
                        % {"n": len(created), "award": award_type.name},
                    )
                    return redirect(
                        reverse("nominations:round", args=[round.pk])
                        + f"?unit={unit.pk}&code={award_type.code}"
                    )
    return render(
        request,
        "nominations/propose/bulk.html",
        {
            "round": round,
            "form": form,
            "rows": rows,
            "engine": engine,
            "errors": errors,
            "general": general,
            "selected": selected,
        },
    )


# --- nomination ------------------------------------------------------------------------------


def _nomination_page(
    request: HttpRequest,
    n: Nomination,
    *,
    upload_form: UploadForm | None = None,
    withdraw_form: WithdrawForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    can_edit = can_edit_unit(user, n.proposing_unit)
    holder = _acts_as_holder(user, n)
    editable = n.status in (S.DRAFT, S.RETURNED)
    reasons = (n.verdict_data or {}).get("reasons", [])
    events = list(n.events.select_related("actor", "to_unit").order_by("id"))
    return render(
        request,
        "nominations/nomination/detail.html",
        {
            "n": n,
            "reasons": reasons,
            "files": list(n.files.filter(removed_at__isnull=True).select_related("uploaded_by")),
            "snapshots": list(n.snapshots.select_related("created_by").order_by("-number")),
            "events": events,
            "votes": list(n.votes.select_related("meeting__council").order_by("id")),
            "can_edit_files": can_edit and editable,
            "can_submit": can_edit and editable and n.round.status == Round.Status.OPEN,
            "can_forward": holder and n.status == S.SUBMITTED,
            "can_return": holder and n.status in (S.SUBMITTED, S.IN_REVIEW),
            "can_withdraw": can_edit
            and n.status in (S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.RETURNED),
            "upload_form": upload_form or UploadForm(),
            "withdraw_form": withdraw_form or WithdrawForm(),
            "last_return": next((e for e in reversed(events) if e.action == "return"), None)
            if n.status == S.RETURNED
            else None,
        },
        status=status,
    )


@web_view
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _nomination_page(request, _nomination(request, pk))


@web_view
@require_POST
def file_upload(request: HttpRequest, pk: int) -> HttpResponse:
    n = _nomination(request, pk)
    if not can_edit_unit(request.user, n.proposing_unit):
        raise PermissionDenied(_("Bạn không có quyền sửa hồ sơ này."))
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            row = nom.attach_file(
                request.user, n, form.cleaned_data["file"], kind=form.cleaned_data["kind"]
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                apply_errors(form, exc)
            else:
                form.add_error("file", exc.messages)
        else:
            messages.success(request, _("Đã tải lên “%(name)s”.") % {"name": row.original_name})
            return redirect("nominations:nomination", pk=n.pk)
    return _nomination_page(request, n, upload_form=form)


def _dossier_file(request: HttpRequest, pk: int, file_pk: int) -> tuple[Nomination, DossierFile]:
    n = _nomination(request, pk)
    return n, get_visible(n.files.all(), pk=file_pk)


@web_view
def file_download(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    """Serve a dossier file (stored outside the web root) after the scope check."""
    _n, f = _dossier_file(request, pk, file_pk)
    try:
        handle = default_storage.open(f.file.name or "", "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=f.original_name, content_type=f.content_type
    )
    return cast(HttpResponse, response)  # streamed; web_view only adds a Vary header


@web_view
@require_POST
def file_remove(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    n, f = _dossier_file(request, pk, file_pk)
    try:
        nom.remove_file(request.user, f)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Đã gỡ “%(name)s” khỏi hồ sơ.") % {"name": f.original_name})
    return redirect("nominations:nomination", pk=n.pk)


def _transition(
    request: HttpRequest, pk: int, action: Callable[[Nomination], Nomination], done: str
) -> HttpResponse:
    n = _nomination(request, pk)
    try:
        action(n)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, done)
    return redirect("nominations:nomination", pk=n.pk)


@web_view
@require_POST
def nomination_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request, pk, lambda n: nom.submit(request.user, n), _("Đã trình hồ sơ lên cấp trên.")
    )


@web_view
@require_POST
def nomination_forward(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request, pk, lambda n: nom.forward(request.user, n), _("Đã chuyển hồ sơ lên cấp trên.")
    )


@web_view
@require_POST
def nomination_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    n = _nomination(request, pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _nomination_page(request, n, withdraw_form=form)
    return _transition(
        request,
        pk,
        lambda n: nom.withdraw(request.user, n, form.cleaned_data.get("reason") or ""),
        _("Đã rút hồ sơ đề nghị."),
    )


@web_view
def nomination_return(request: HttpRequest, pk: int) -> HttpResponse:
    n = _nomination(request, pk)
    if not _acts_as_holder(request.user, n):
        raise PermissionDenied(_("Chỉ cấp đang giữ hồ sơ được trả lại hồ sơ."))
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nom.return_with_reason(request.user, n, form.cleaned_data["reason"])
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                apply_errors(form, exc)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã trả lại hồ sơ cho đơn vị đề nghị."))
            return redirect("nominations:nomination", pk=n.pk)
    return render(request, "nominations/nomination/return.html", {"n": n, "form": form})


# --- councils --------------------------------------------------------------------------------


def visible_councils(user: Any) -> QuerySet[Council]:
    """Councils in the user's scope (agency councils for agency-wide roles) or with a seat."""
    seat = Council.objects.filter(members__user_id=user.pk if user.is_authenticated else 0)
    return Council.objects.filter(
        scope_q(user, "unit__path", agency="agency_id") | Q(pk__in=seat.values("pk"))
    )


def is_council_clerk(user: Any, council: Council, day: dt.date) -> bool:
    """Officers, or the council's chair or secretary on *day*, record and conclude votes."""
    if is_officer(user):
        return True
    return any(
        m.user_id == user.pk and m.role in (CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY)
        for m in nom.members_on(council, day)
    )


@web_view
def council_list(request: HttpRequest) -> HttpResponse:
    officer = is_officer(request.user)
    form = None
    if officer:
        units = _current(Unit.objects.filter(agency_id=_agency_id(request)))
        form = CouncilForm(request.POST or None, units=units)
    if request.method == "POST":
        require_officer(request.user)
        assert form is not None
        if form.is_valid():
            d = form.cleaned_data
            try:
                council = nom.create_council(
                    request.user,
                    agency=membership(request.user).agency,  # type: ignore[union-attr]
                    level=d["level"],
                    name=d["name"],
                    unit=d.get("unit"),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Đã lập %(name)s.") % {"name": council.name})
                return redirect("nominations:council", pk=council.pk)
    councils = visible_councils(request.user).select_related("unit").order_by("name", "pk")
    return render(
        request,
        "nominations/councils/list.html",
        {"councils": councils, "form": form, "officer": officer},
    )


def _council(request: HttpRequest, pk: int) -> Council:
    return get_visible(visible_councils(request.user).select_related("agency", "unit"), pk=pk)


def _council_page(
    request: HttpRequest,
    council: Council,
    *,
    member_form: MemberForm | None = None,
    meeting_form: MeetingForm | None = None,
) -> HttpResponse:
    officer = is_officer(request.user)
    units = _current(Unit.objects.filter(agency_id=council.agency_id))
    today = _today()
    members = list(council.members.select_related("user", "unit").order_by("pk"))
    return render(
        request,
        "nominations/councils/detail.html",
        {
            "council": council,
            "members": members,
            "active_ids": {m.pk for m in nom.members_on(council, today)},
            "meetings": council.meetings.prefetch_related("present").order_by("-date", "-id"),
            "officer": officer,
            "member_form": member_form
            or (MemberForm(council=council, units=units) if officer else None),
            "meeting_form": meeting_form
            or (
                MeetingForm(
                    council=council,
                    initial={"date": today, "present": [m.pk for m in members]},
                )
                if officer
                else None
            ),
        },
    )


@web_view
def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _council_page(request, _council(request, pk))


@web_view
@require_POST
def council_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk)
    require_officer(request.user)
    units = _current(Unit.objects.filter(agency_id=council.agency_id))
    form = MemberForm(request.POST, council=council, units=units)
    if form.is_valid():
        d = form.cleaned_data
        try:
            member = nom.add_council_member(
                request.user,
                council,
                name=d["name"],
                role=d["role"],
                user=d.get("user"),
                unit=d.get("unit"),
                active_from=d.get("active_from"),
                active_to=d.get("active_to"),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm thành viên %(name)s.") % {"name": member.name})
            return redirect("nominations:council", pk=council.pk)
    return _council_page(request, council, member_form=form)


@web_view
@require_POST
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk)
    require_officer(request.user)
    form = MeetingForm(request.POST, council=council)
    if form.is_valid():
        d = form.cleaned_data
        try:
            meeting = nom.create_meeting(
                request.user,
                council,
                date=d["date"],
                present=list(d["present"]),
                quorum=d["quorum"],
                note=d.get("note") or "",
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã lập phiên họp ngày %(d)s.") % {"d": meeting.date.strftime("%d/%m/%Y")},
            )
            return redirect("nominations:meeting", pk=meeting.pk)
    return _council_page(request, council, meeting_form=form)


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_visible(
        Meeting.objects.filter(council__in=visible_councils(request.user)).select_related(
            "council__agency", "council__unit"
        ),
        pk=pk,
    )


def _awaiting_vote(meeting: Meeting) -> QuerySet[Nomination]:
    """Dossiers at this council's level waiting for a vote (none pending, none at this meeting)."""
    council = meeting.council
    qs = Nomination.objects.filter(
        status=S.IN_REVIEW, round__agency_id=council.agency_id, holder_unit=council.unit
    )
    if council.unit is None:
        qs = Nomination.objects.filter(
            status=S.IN_REVIEW, round__agency_id=council.agency_id, holder_unit__isnull=True
        )
    return (
        qs.exclude(votes__meeting=meeting)
        .exclude(votes__result=Vote.Result.PENDING)
        .select_related(*NOMINATION_RELATED)
        .order_by("round_id", "award_type__order", "pk")
    )


def _meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    vote_forms: dict[int, VoteTotalsForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    council = meeting.council
    user = request.user
    members = nom.members_on(council, meeting.date)
    present_ids = set(meeting.present.values_list("pk", flat=True))
    present = [m for m in members if m.pk in present_ids]
    clerk = is_council_clerk(user, council, meeting.date)
    awaiting = list(_awaiting_vote(meeting)) if clerk else []
    forms_by = vote_forms or {}
    pending_rows = [
        (
            n,
            forms_by.get(n.pk)
            or VoteTotalsForm(prefix=f"n{n.pk}", initial={"no": 0, "abstain": 0}),
        )
        for n in awaiting
    ]
    votes = list(
        meeting.votes.select_related(*(f"nomination__{r}" for r in NOMINATION_RELATED))
        .prefetch_related("recused")
        .order_by("pk")
    )
    receipts = set(
        BallotReceipt.objects.filter(vote__meeting=meeting).values_list("vote_id", "member_id")
    )
    my_seats = [m for m in present if m.user_id == user.pk]
    ballots = []
    for v in votes:
        if v.mode != Vote.Mode.BALLOT or v.result != Vote.Result.PENDING:
            continue
        for seat in my_seats:
            if (v.pk, seat.pk) in receipts:
                continue
            if nom.conflict_reason(seat, v.nomination):
                continue
            ballots.append((v, seat, BallotForm(prefix=f"v{v.pk}")))
    cast: dict[int, int] = {}
    for vote_id, _member in receipts:
        cast[vote_id] = cast.get(vote_id, 0) + 1
    for v in votes:
        v.cast_count = cast.get(v.pk, 0)  # type: ignore[attr-defined]
    return render(
        request,
        "nominations/councils/meeting.html",
        {
            "meeting": meeting,
            "council": council,
            "members_total": len(members),
            "present": present,
            "quorum_met": nom.quorum_met(meeting, len(present), len(members)),
            "clerk": clerk,
            "pending_rows": pending_rows,
            "votes": votes,
            "ballots": ballots,
            "has_pending": any(v.result == Vote.Result.PENDING for v in votes),
        },
        status=status,
    )


@web_view
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting(request, pk))


@web_view
@require_POST
def vote_record(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if not is_council_clerk(request.user, meeting.council, meeting.date):
        raise PermissionDenied(
            _("Chỉ thư ký, chủ tịch hội đồng hoặc cán bộ thi đua được ghi biểu quyết.")
        )
    raw = request.POST.get("nomination", "")
    n = get_visible(_awaiting_vote(meeting), pk=raw if raw.isdigit() else 0)
    if request.POST.get("mode") == Vote.Mode.BALLOT:
        try:
            nom.record_vote(request.user, meeting, n, ballots=[])
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Đã mở bỏ phiếu kín cho hồ sơ %(n)s.") % {"n": _label(n)})
        return redirect("nominations:meeting", pk=meeting.pk)
    form = VoteTotalsForm(request.POST, prefix=f"n{n.pk}")
    if form.is_valid():
        d = form.cleaned_data
        try:
            nom.record_vote(request.user, meeting, n, totals=(d["yes"], d["no"], d["abstain"]))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Đã ghi kết quả biểu quyết hồ sơ %(n)s.") % {"n": _label(n)}
            )
            return redirect("nominations:meeting", pk=meeting.pk)
    return _meeting_page(request, meeting, vote_forms={n.pk: form})


@web_view
@require_POST
def ballot_cast(request: HttpRequest, pk: int) -> HttpResponse:
    """A council member casts their own secret ballot."""
    vote = get_visible(
        Vote.objects.filter(meeting__council__in=visible_councils(request.user)).select_related(
            "meeting__council", "nomination"
        ),
        pk=pk,
    )
    meeting = vote.meeting
    seat = (
        meeting.present.filter(user_id=request.user.pk).order_by("pk").first()
        if request.user.is_authenticated
        else None
    )
    if seat is None:
        raise PermissionDenied(_("Chỉ thành viên hội đồng có mặt tại phiên họp được bỏ phiếu."))
    form = BallotForm(request.POST, prefix=f"v{vote.pk}")
    if not form.is_valid():
        messages.error(request, _("Hãy chọn một ý kiến trước khi bỏ phiếu."))
        return redirect("nominations:meeting", pk=meeting.pk)
    try:
        nom.cast_ballot(request.user, vote, seat, form.cleaned_data["choice"])
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Đã ghi nhận phiếu của bạn (phiếu kín)."))
    return redirect("nominations:meeting", pk=meeting.pk)


@web_view
@require_POST
def meeting_decide(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:
        votes = nom.decide_votes(request.user, meeting)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("nominations:meeting", pk=meeting.pk)
    passed = sum(v.result == Vote.Result.PASSED for v in votes)
    messages.success(
        request,
        _("Đã kết luận %(n)s hồ sơ: %(p)s đạt, %(f)s không đạt.")
        % {"n": len(votes), "p": passed, "f": len(votes) - passed},
    )
    return redirect("nominations:meeting_results", pk=meeting.pk)


@web_view
def meeting_results(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    rows = results_of(meeting)
    names = dict(
        AwardType.objects.filter(code__in={r["award_code"] for r in rows}).values_list(
            "code", "name"
        )
    )
    for r in rows:
        r["award_name"] = names.get(r["award_code"], r["award_code"])
        total = r["members_total"]
        r["share"] = Decimal(r["yes"] * 100) / total if total else None
        r["threshold_label"] = (
            params.Threshold(r["threshold_pct"], r["threshold_inclusive"], "", "").label
            if r["threshold_pct"] is not None
            else ""
        )
    return render(
        request,
        "nominations/councils/results.html",
        {"meeting": meeting, "council": meeting.council, "rows": rows},
    )


# --- decisions -------------------------------------------------------------------------------


def _default_symbol(round: Round) -> str:
    last = (
        IssuedDecision.objects.filter(agency_id=round.agency_id, decision__kind=Decision.Kind.AWARD)
        .order_by("-pk")
        .values_list("symbol", flat=True)
        .first()
    )
    if last:
        return last
    code = round.organiser.code if round.organiser is not None else round.agency.code
    return f"QĐ-{code}"


@dataclass
class PreviewLine:
    n: Nomination
    multiple: Decimal | None
    amount: int | None


def _preview(nominations: list[Nomination], day: dt.date) -> tuple[list[PreviewLine], int, Any]:
    agency_id = nominations[0].round.agency_id if nominations else None
    try:
        salary = params.base_salary(day, agency_id)
    except ValidationError:
        salary = None
    lines, total = [], 0
    for n in nominations:
        multiple = params.money_multiple(n.award_type, n.subject_kind)
        amount = params.reward_money(multiple, salary.vnd) if salary else None
        total += amount or 0
        lines.append(PreviewLine(n, multiple, amount))
    return lines, total, salary


@web_view
def decision_issue(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    require_officer(request.user)
    approved = (
        round.nominations.filter(status=S.APPROVED)
        .select_related(*NOMINATION_RELATED)
        .order_by("subject_kind", "award_type__order", "pk")
    )
    units = _current(Unit.objects.filter(agency_id=round.agency_id))
    initial = {
        "date": _today(),
        "symbol": _default_symbol(round),
        "issuer": "",
        "signer_title": "Giám đốc",
        "issuer_unit": round.organiser,
        "subject": f"Về việc khen thưởng: {round.name}",
        "nominations": list(approved),
    }
    form = IssueForm(
        request.POST or None, initial=initial, round=round, approved=approved, units=units
    )
    chosen = list(approved)
    day = _today()
    if form.is_bound:
        valid = form.is_valid()
        data = getattr(form, "cleaned_data", {})
        chosen = list(data.get("nominations") or [])
        day = data.get("date") or day
        if valid and "issue" in request.POST:
            d = form.cleaned_data
            try:
                decision = nom.issue_decision(
                    request.user,
                    round,
                    date=d["date"],
                    symbol=d["symbol"],
                    nominations=chosen,
                    number=d.get("number") or None,
                    issuer=d["issuer"],
                    signer_name=d.get("signer_name") or "",
                    signer_title=d["signer_title"],
                    subject=d.get("subject") or "",
                    issuer_unit=d.get("issuer_unit"),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, _("Đã ban hành Quyết định số %(n)s.") % {"n": decision.number}
                )
                return redirect("nominations:decision", pk=decision.pk)
    lines, total, salary = _preview(chosen, day)
    by_pk = {line.n.pk: line for line in lines}
    return render(
        request,
        "nominations/decisions/issue.html",
        {
            "round": round,
            "form": form,
            "approved": list(approved),
            "rows": [(n, by_pk.get(n.pk)) for n in approved],
            "lines": lines,
            "total": total,
            "salary": salary,
            "chosen_ids": {n.pk for n in chosen},
        },
    )


def _issued(request: HttpRequest, pk: int) -> tuple[Decision, IssuedDecision]:
    decision = get_visible(
        web_queries.visible_decisions(request.user).select_related("agency", "issuer_unit"),
        pk=pk,
    )
    issued = IssuedDecision.objects.filter(decision=decision).select_related("round").first()
    if issued is None:
        raise Http404
    return decision, issued


def _decision_nominations(decision: Decision) -> QuerySet[Nomination]:
    if decision.kind == Decision.Kind.REVOKE:
        return Nomination.objects.filter(award__revoked_by=decision)
    return Nomination.objects.filter(decision=decision)


def _sees_all(request: HttpRequest, decision: Decision) -> bool:
    """True when every line of the decision is in the user's scope (documents list them all)."""
    lines = _decision_nominations(decision)
    return not lines.exclude(pk__in=visible_nominations(request.user).values("pk")).exists()


@web_view
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision, issued = _issued(request, pk)
    lines = (
        _decision_nominations(decision)
        .filter(pk__in=visible_nominations(request.user).values("pk"))
        .select_related(*NOMINATION_RELATED, "award__revoked_by")
        .order_by("subject_kind", "award_type__order", "pk")
    )
    all_visible = _sees_all(request, decision)
    kinds = sorted(
        {
            kind
            for code in decision.awards.filter(revoked_by__isnull=True).values_list(
                "award_type__code", flat=True
            )
            if (kind := docs.certificate_kind(code)) is not None
        }
    )
    slugs = {v: k for k, v in docs.CERTIFICATE_SLUGS.items()}
    officer = is_officer(request.user)
    return render(
        request,
        "nominations/decisions/detail.html",
        {
            "decision": decision,
            "issued": issued,
            "lines": list(lines),
            "all_visible": all_visible,
            "certificates": [(k, slugs[k]) for k in kinds] if all_visible else [],
            "officer": officer,
            "can_revoke": officer
            and decision.kind == Decision.Kind.AWARD
            and decision.awards.filter(revoked_by__isnull=True).exists(),
            "items_form": ItemsDoneForm(initial={"on": _today()}),
            "revoking": Decision.objects.filter(revoked_awards__decision=decision)
            .distinct()
            .order_by("date", "pk"),
        },
    )


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _document(
    request: HttpRequest, build: Callable[[], Any], fmt: str, stem: str, back: str
) -> HttpResponse:
    """Render a document to DOCX (or PDF through LibreOffice) as a download."""
    if fmt not in ("docx", "pdf"):
        raise Http404
    try:
        data = docs.render(build())
    except DocumentError as exc:
        messages.error(request, _("Không tạo được văn bản: %(e)s") % {"e": exc})
        return redirect(back)
    if fmt == "docx":
        return _download(data, DOCX_TYPE, f"{stem}.docx")
    try:
        pdf = docx_to_pdf(data)
    except ConversionError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return _download(pdf, "application/pdf", f"{stem}.pdf")


def _stem(text: str) -> str:
    return text.replace("/", "-").replace(" ", "-")


@web_view
def decision_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    decision, _issued_row = _issued(request, pk)
    if not _sees_all(request, decision):
        raise PermissionDenied(_("Văn bản có cả những dòng ngoài phạm vi của bạn."))
    return _document(
        request,
        lambda: docs.decision_doc(decision),
        fmt,
        f"quyet-dinh-{_stem(decision.number)}",
        reverse("nominations:decision", args=[decision.pk]),
    )


@web_view
def decision_certificates(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    decision, _issued_row = _issued(request, pk)
    kind = docs.CERTIFICATE_SLUGS.get(slug)
    if kind is None:
        raise Http404
    if not _sees_all(request, decision):
        raise PermissionDenied(_("Văn bản có cả những dòng ngoài phạm vi của bạn."))
    try:
        pdf = docs.render_certificate_pdf(decision, kind)
    except DocumentError as exc:
        messages.error(request, _("Không in được %(k)s: %(e)s") % {"k": kind.lower(), "e": exc})
        return redirect("nominations:decision", pk=decision.pk)
    return _download(pdf, "application/pdf", f"{slug}-{_stem(decision.number)}.pdf")


@web_view
def decision_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    decision, _issued_row = _issued(request, pk)
    require_officer(request.user)
    if decision.kind != Decision.Kind.AWARD:
        raise Http404
    awards = (
        decision.awards.filter(revoked_by__isnull=True)
        .select_related("award_type", "person", "unit", "household")
        .order_by("id")
    )
    form = RevokeForm(
        request.POST or None,
        awards=awards,
        initial={
            "date": _today(),
            "symbol": decision.symbol or "",
            "issuer": decision.issuer,
            "signer_title": decision.signer_title,
            "signer_name": decision.signer_name,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            revoking = nom.revoke(
                request.user,
                list(d["awards"]),
                date=d["date"],
                symbol=d["symbol"],
                reason=d["reason"],
                issuer=d.get("issuer") or "",
                signer_name=d.get("signer_name") or "",
                signer_title=d.get("signer_title") or "",
                issuer_unit=decision.issuer_unit,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Đã ban hành Quyết định huỷ bỏ số %(n)s.") % {"n": revoking.number}
            )
            return redirect("nominations:decision", pk=revoking.pk)
    return render(
        request, "nominations/decisions/revoke.html", {"decision": decision, "form": form}
    )


@web_view
@require_POST
def decision_items_done(request: HttpRequest, pk: int) -> HttpResponse:
    decision, issued = _issued(request, pk)
    require_officer(request.user)
    form = ItemsDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("on", [])))
    else:
        try:
            nom.record_items_done(request.user, issued, on=form.cleaned_data["on"])
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Đã ghi nhận việc trao hiện vật, tiền thưởng."))
    return redirect("nominations:decision", pk=decision.pk)


# --- round documents -------------------------------------------------------------------------


@web_view
def round_list_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    round = _round(request, pk)
    rows = list(
        visible_nominations(request.user)
        .filter(round=round)
        .filter(live_q())
        .select_related(*NOMINATION_RELATED)
    )
    return _document(
        request,
        lambda: docs.round_list_doc(round, rows),
        fmt,
        f"danh-sach-dot-xet-{round.pk}",
        reverse("nominations:round", args=[round.pk]),
    )


@web_view
def round_submission_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    round = _round(request, pk)
    raw = request.GET.get("don-vi", "")
    unit = get_visible(
        visible_units(request.user).select_related("parent"), pk=raw if raw.isdigit() else 0
    )
    rows = list(
        visible_nominations(request.user)
        .filter(round=round, proposing_unit=unit)
        .filter(live_q())
        .select_related(*NOMINATION_RELATED)
    )
    back = reverse("nominations:round", args=[round.pk])
    if not rows:
        messages.error(request, _("Đơn vị này chưa có hồ sơ đề nghị nào trong đợt xét."))
        return redirect(back)
    return _document(
        request,
        lambda: docs.submission_doc(round, unit, rows),
        fmt,
        f"to-trinh-{_stem(unit.code)}-dot-{round.pk}",
        back,
    )


@web_view
def meeting_minutes(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = _meeting(request, pk)
    return _document(
        request,
        lambda: docs.minutes_doc(meeting),
        fmt,
        f"bien-ban-hop-{meeting.date:%Y-%m-%d}",
        reverse("nominations:meeting", args=[meeting.pk]),
    )


# --- dashboard widget ------------------------------------------------------------------------


@web_view
def due(request: HttpRequest) -> HttpResponse:
    """htmx partial for the dashboard: what is due and what is late, earliest first."""
    items = due_items(request.user, _today())
    return render(
        request,
        "nominations/_due.html",
        {
            "items": [(i, -i.working_days_left if i.late else 0) for i in items],
            "late": sum(i.late for i in items),
        },
    )
