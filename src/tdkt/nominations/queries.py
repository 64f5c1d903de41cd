"""Read side of the workflow: scoped lists, the dashboard's due items, plain data for documents.

Everything a user sees goes through :func:`tdkt.org.policies.scope_q`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from tdkt.awards.models import Decision
from tdkt.nominations.calendar import (
    TIME_LIMITS,
    WorkCalendar,
    needs_publicity,
    publicity_deadline,
    review_limit,
)
from tdkt.nominations.models import (
    Consultation,
    IssuedDecision,
    Level,
    Meeting,
    Nomination,
    Round,
)
from tdkt.org.models import Unit
from tdkt.org.policies import WRITE_ROLES, is_officer, membership, scope_q, scope_root

S = Nomination.Status


def visible_nominations(user: Any) -> QuerySet[Nomination]:
    """Nominations proposed within the user's scope."""
    return Nomination.objects.filter(
        scope_q(user, "proposing_unit__path", agency="round__agency_id")
    )


def visible_rounds(user: Any) -> QuerySet[Round]:
    """Rounds of the user's agency that reach the user's units.

    A round organised by a unit reaches that unit's subtree; agency-wide rounds reach all.
    Clerks see the rounds they can propose in.
    """
    agency_id, path = scope_root(user)
    if agency_id is None:
        return Round.objects.none()
    qs = Round.objects.filter(agency_id=agency_id)
    if path is None:
        return qs
    ancestors = [int(x) for x in path.strip("/").split("/") if x]
    return qs.filter(
        Q(organiser__isnull=True)
        | Q(organiser__path__startswith=path)
        | Q(organiser_id__in=ancestors)
    )


def held_by(user: Any) -> QuerySet[Nomination]:
    """Submitted dossiers waiting at a level the user acts for (to forward, return, review)."""
    # Clerks: held by a unit in their subtree. Officers: the whole agency, the agency level
    # (no holder unit) included.
    return Nomination.objects.filter(
        scope_q(user, "holder_unit__path", agency="round__agency_id"),
        status__in=[S.SUBMITTED, S.IN_REVIEW],
    )


# --- dashboard -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    """One thing due: what, by when, how many dossiers, and whether it is late."""

    kind: str
    label: str
    due: dt.date
    late: bool
    working_days_left: int  # negative when late
    count: int = 1
    round_id: int | None = None
    nomination_id: int | None = None
    decision_id: int | None = None


def due_items(user: Any, today: dt.date) -> list[DueItem]:
    """What is due and what is late for *user* on *today*, earliest first.

    * ``submission``: the round's submission deadline while the user's units still have
      unsubmitted dossiers;
    * ``publicity``: publishing candidates for orders, state honorary titles and CSTĐTQ at
      least 10 working days before the council (officers);
    * ``forward``: a submitted dossier held at the user's level: forward or return it
      within 10 working days of receipt;
    * ``review``: state-level dossiers at the agency: 30 (40) working days to review;
    * ``council``: dossiers at the deciding level waiting for the council date;
    * ``consultation``/``appraisal``/``review_request``: answers awaited;
    * ``award_items``: items and money to hand over after a decision (10 or 20 working days);
    * ``revoke_return``: items and money to take back after a revoking decision (15).
    """
    m = membership(user)
    if m is None or m.role not in WRITE_ROLES:
        return []
    calendar = WorkCalendar(m.agency_id)
    officer = is_officer(user)
    items: list[DueItem] = []

    def add(kind: str, label: str, due: dt.date, **ids: Any) -> None:
        left = calendar.working_days_between(today, due)
        items.append(DueItem(kind, label, due, today > due, left, **ids))

    mine = visible_nominations(user)
    open_rounds = visible_rounds(user).filter(status=Round.Status.OPEN)

    # Submission deadlines with unsubmitted dossiers of the user's units.
    drafts = dict(
        mine.filter(status__in=[S.DRAFT, S.RETURNED], round__in=open_rounds)
        .values_list("round_id")
        .annotate(n=Count("pk"))
    )
    for r in open_rounds.filter(pk__in=drafts, submission_due__isnull=False):
        add(
            "submission",
            f"Nộp hồ sơ đợt “{r.name}”: {drafts[r.pk]} hồ sơ chưa trình",
            r.submission_due,  # type: ignore[arg-type]
            count=drafts[r.pk],
            round_id=r.pk,
        )

    # Publicity before the council (orders, state honorary titles, CSTĐTQ).
    if officer:
        for r in open_rounds.filter(council_date__isnull=False, published_on__isnull=True):
            types = [t for t in r.award_types.all() if needs_publicity(t)]
            live = r.nominations.filter(
                award_type__in=types, status__in=[S.SUBMITTED, S.IN_REVIEW]
            ).count()
            if types and live:
                add(
                    "publicity",
                    f"Công khai danh sách đề nghị đợt “{r.name}” trước họp hội đồng",
                    publicity_deadline(r.council_date, m.agency_id),  # type: ignore[arg-type]
                    count=live,
                    round_id=r.pk,
                )

    # Dossiers held at the user's level.
    groups: dict[tuple[str, str, int, dt.date], int] = defaultdict(int)
    for n in held_by(user).select_related("round", "award_type"):
        if n.status == S.SUBMITTED and n.received_on:
            due = calendar.add_working_days(
                n.received_on, TIME_LIMITS["return_notice"].working_days
            )
            groups[("forward", n.round.name, n.round_id, due)] += 1
        elif n.status == S.IN_REVIEW and n.round.issuer_level == Level.STATE and n.received_on:
            limit = review_limit(n.award_type)
            due = calendar.add_working_days(n.received_on, limit.working_days)
            groups[("review", n.round.name, n.round_id, due)] += 1
        elif n.status == S.IN_REVIEW and n.round.council_date:
            groups[("council", n.round.name, n.round_id, n.round.council_date)] += 1
    labels = {
        "forward": "Xem xét, chuyển cấp trên hoặc trả lại {n} hồ sơ đợt “{name}”",
        "review": "Xem xét, trình cấp Nhà nước {n} hồ sơ đợt “{name}”",
        "council": "Trình hội đồng xét {n} hồ sơ đợt “{name}”",
    }
    for (kind, name, round_id, due), count in groups.items():
        add(kind, labels[kind].format(n=count, name=name), due, count=count, round_id=round_id)

    # Answers awaited from other agencies.
    for c in Consultation.objects.filter(
        scope_q(user, "nomination__proposing_unit__path", agency="nomination__round__agency_id"),
        answered_on__isnull=True,
    ).select_related("nomination__award_type"):
        kind = "review_request" if c.kind == Consultation.Kind.REVIEW else c.kind
        add(
            kind,
            f"{c.get_kind_display()}: {c.counterpart} ({c.nomination})",
            c.due_on,
            nomination_id=c.nomination_id,
        )

    # Items and money after decisions (officers).
    if officer:
        for d in IssuedDecision.objects.filter(
            agency_id=m.agency_id, items_done_on__isnull=True, items_due__isnull=False
        ).select_related("decision"):
            if d.decision.kind == Decision.Kind.REVOKE:
                label = f"Thu hồi hiện vật, tiền thưởng theo quyết định số {d.decision.number}"
                kind = "revoke_return"
            else:
                label = f"Trao hiện vật, tiền thưởng theo quyết định số {d.decision.number}"
                kind = "award_items"
            add(kind, label, d.items_due, decision_id=d.decision_id)  # type: ignore[arg-type]

    items.sort(key=lambda i: (i.due, i.kind, i.label))
    return items


# --- plain data for documents (the renderers take dicts, not models) --------------------------


def decision_lines(decision: Decision) -> list[dict[str, Any]]:
    """The attached list of a decision issued through the workflow, in order, with money."""
    rows = (
        Nomination.objects.filter(decision=decision)
        .select_related("person", "unit", "household", "award_type", "proposing_unit")
        .order_by("award_type__order", "pk")
    )
    return [
        {
            "no": i,
            "subject_kind": n.subject_kind,
            "name": n.subject_name,
            "position": n.position_at_time,
            "unit": n.proposing_unit.name,
            "award_code": n.award_type.code,
            "award_name": n.award_type.name,
            "year": n.year,
            "money_multiple": n.money_multiple,
            "money": n.money_amount or 0,
        }
        for i, n in enumerate(rows, start=1)
    ]


def meeting_results(meeting: Meeting) -> list[dict[str, Any]]:
    """Per dossier: vote counts, members, threshold and result (for the minutes)."""
    rows = (
        meeting.votes.select_related("nomination__award_type", "snapshot")
        .prefetch_related("recused")
        .order_by("pk")
    )
    return [
        {
            "nomination": v.nomination_id,
            "subject": v.snapshot.data.get("subject", ""),
            "award_code": v.nomination.award_type.code,
            "flagged": v.nomination.flagged,
            "justification": v.nomination.justification,
            "mode": v.mode,
            "yes": v.yes,
            "no": v.no,
            "abstain": v.abstain,
            "members_total": v.members_total,
            "recused": [m.name for m in v.recused.all()],
            "threshold_pct": v.threshold_pct,
            "threshold_inclusive": v.threshold_inclusive,
            "threshold_citation": v.threshold_citation,
            "result": v.result,
            "snapshot_digest": v.snapshot.digest,
        }
        for v in rows
    ]


def units_above(unit: Unit) -> list[Unit]:
    """The units above *unit*, nearest first."""
    ids = [int(x) for x in unit.path.strip("/").split("/") if x][:-1]
    found = Unit.objects.in_bulk(ids)
    return [found[i] for i in reversed(ids) if i in found]
