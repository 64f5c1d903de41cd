"""History audit: recorded awards that contradict the rules of their own regime.

Each recorded merit award (not revoked) with a rule for its code is judged as it was decided:
the engine for the award's achievement year, with the award's decision date (which picks the
regime and the parameter values), on the facts as they were — the award itself left out,
nothing after its year (ratings, awards, initiatives), no award decided after it, no
discipline or hold that started after it. A ``not_eligible`` verdict is a contradiction,
reported with the criteria that fail and their citations; an ``undetermined`` one (facts
missing from old history) is reported separately, never as a contradiction.

Quotas: per quota group (the issuing unit of the award's unit at the time, or a collective's
top-level unit) and year, the recorded awards of a code with a quota in force on their
decision date may not exceed floor(percent × recorded base awards / 100). The base is counted
over the whole agency, the awards over the audited units only, so a finding is never caused
by leaving part of a group out. Thematic and ad-hoc awards are not judged (merit standards do
not apply to them); ``CO_CP``'s quota (a share of the cluster leaders) is not audited.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet

from tdkt.awards.models import Award
from tdkt.awards.models import SubjectKind as AwardSubject
from tdkt.common.formatting import format_date, format_decimal
from tdkt.eligibility.core import (
    AwardKind,
    Criterion,
    Engine,
    Facts,
    Mark,
    Outcome,
    PersonFacts,
    SubjectKind,
    Verdict,
    quota_limit,
    rank_candidates,
)
from tdkt.eligibility.core.quotas import QUOTAS, TIE_BREAK_PARAMETER, QuotaSpec
from tdkt.eligibility.facts import PersonRecord, UnitRecord, UnitTree, load_people, load_units
from tdkt.eligibility.service import engine_for
from tdkt.org.models import Person, Unit

AUDITED_QUOTAS = tuple(q for q in QUOTAS if q.code != "CO_CP")


@dataclass(frozen=True)
class AwardRef:
    """A recorded award as the audit reads it."""

    pk: int
    kind: SubjectKind
    subject_pk: int
    subject_id: str
    name: str
    code: str
    year: int
    decision_number: str
    decision_date: dt.date
    unit_at_time: str  # unit code
    group: str  # quota group: issuing unit of the unit at the time; a collective's top unit

    def as_dict(self) -> dict[str, Any]:
        return {
            "award_id": self.pk,
            "subject_kind": str(self.kind),
            "subject_id": self.subject_id,
            "name": self.name,
            "code": self.code,
            "year": self.year,
            "decision": self.decision_number,
            "decision_date": self.decision_date.isoformat(),
            "unit": self.unit_at_time,
        }


@dataclass(frozen=True)
class Finding:
    """An award judged against its rule (``verdict``), or a quota exceeded (``quota``)."""

    kind: str  # "verdict" | "quota"
    code: str
    year: int
    regime: str
    rule: str  # the rule's (or the quota parameter's) citation
    mark: Mark
    summary: str  # one Vietnamese sentence
    criteria: tuple[Criterion, ...] = ()  # failing (or unknown) criteria
    awards: tuple[AwardRef, ...] = ()
    outside: tuple[AwardRef, ...] = ()  # quota: the awards beyond the limit, by the tie-break
    unit: str = ""  # quota group

    @property
    def award(self) -> AwardRef | None:
        return self.awards[0] if self.kind == "verdict" and self.awards else None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "code": self.code,
            "year": self.year,
            "regime": self.regime,
            "rule": self.rule,
            "mark": str(self.mark),
            "summary": self.summary,
            "criteria": [
                {
                    "criterion": c.text,
                    "met": c.met,
                    "citation": c.citation,
                    "mark": str(c.mark),
                    "detail": c.detail,
                }
                for c in self.criteria
            ],
        }
        if self.kind == "verdict":
            assert self.award is not None
            data["award"] = self.award.as_dict()
        else:
            data["unit"] = self.unit
            data["awards"] = [a.as_dict() for a in self.awards]
            data["outside"] = [a.as_dict() for a in self.outside]
        return data


@dataclass
class AuditReport:
    from_year: int
    to_year: int
    unit: str | None
    checked: int = 0  # awards judged
    skipped: int = 0  # merit awards whose code has no rule for the subject in its regime
    not_merit: int = 0  # thematic / ad-hoc awards (not judged)
    contradictions: list[Finding] = field(default_factory=list)
    undetermined: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "from": self.from_year,
            "to": self.to_year,
            "unit": self.unit,
            "checked": self.checked,
            "skipped": self.skipped,
            "not_merit": self.not_merit,
            "contradictions": [f.as_dict() for f in self.contradictions],
            "undetermined": [f.as_dict() for f in self.undetermined],
        }


def as_they_were(facts: Facts, ref: AwardRef) -> Facts:
    """``facts`` as known when ``ref`` was decided, without ``ref`` itself."""
    y, day = ref.year, ref.decision_date
    awards = []
    dropped = False
    for a in facts.awards:
        if a.year > y or (a.decision_date is not None and a.decision_date > day):
            continue
        if (
            not dropped
            and a.code == ref.code
            and a.year == y
            and a.kind is AwardKind.MERIT
            and a.decision_date == day
        ):
            dropped = True
            continue
        awards.append(a)
    ratings = {k: v for k, v in facts.ratings.items() if k <= y}
    holds = tuple(h for h in facts.holds if h.start <= day)
    if isinstance(facts, PersonFacts):
        return replace(
            facts,
            ratings=ratings,
            awards=tuple(awards),
            holds=holds,
            initiatives=tuple(i for i in facts.initiatives if i.year <= y),
            disciplines=tuple(d for d in facts.disciplines if d.date <= day),
        )
    return replace(facts, ratings=ratings, awards=tuple(awards), holds=holds)


def _failing(v: Verdict) -> tuple[Criterion, ...]:
    wanted = False if v.outcome is Outcome.NOT_ELIGIBLE else None
    return tuple(c for c in v.criteria if c.met is wanted)


def audit_history(
    awards: QuerySet[Award],
    from_year: int,
    to_year: int,
    *,
    unit: Unit | None = None,
) -> AuditReport:
    """Audit ``awards`` (already scoped) of achievement years ``from_year``..``to_year``,
    narrowed to ``unit``'s subtree (by the unit at the time of the award) if given."""
    if from_year > to_year:
        raise ValueError(f"--from {from_year} is after --to {to_year}")
    report = AuditReport(from_year, to_year, unit.code if unit else None)
    qs = awards.filter(
        year__gte=from_year,
        year__lte=to_year,
        revoked_by__isnull=True,
        subject_kind__in=(AwardSubject.INDIVIDUAL, AwardSubject.COLLECTIVE),
    )
    if unit is not None:
        qs = qs.filter(unit_at_time__path__startswith=unit.path)
    report.not_merit = qs.exclude(kind=Award.Kind.MERIT).count()
    qs = qs.filter(kind=Award.Kind.MERIT)
    agencies = sorted(set(qs.values_list("decision__agency_id", flat=True).distinct()))
    for agency_id in agencies:
        _audit_agency(report, qs.filter(decision__agency_id=agency_id), agency_id, to_year)
    report.contradictions.sort(key=_finding_order)
    report.undetermined.sort(key=_finding_order)
    return report


def _finding_order(f: Finding) -> tuple[Any, ...]:
    first = f.awards[0] if f.awards else None
    return (f.year, f.code, f.unit, first.name if first else "", first.pk if first else 0)


def _audit_agency(report: AuditReport, qs: QuerySet[Award], agency_id: int, until: int) -> None:
    engine = engine_for(agency_id)
    tree = UnitTree.load([agency_id])
    rows = list(
        qs.values_list(
            "pk", "person_id", "unit_id", "award_type__code", "year", "decision__number",
            "decision__date", "unit_at_time_id",
        )
    )  # fmt: skip
    if not rows:
        return
    people = load_people(
        Person.objects.filter(pk__in=qs.filter(person__isnull=False).values("person_id")),
        until_year=until,
        tree=tree,
    )
    unit_years = sorted({r[4] for r in rows if r[2] is not None})
    units = (
        load_units(
            Unit.objects.filter(pk__in=qs.filter(unit__isnull=False).values("unit_id")),
            unit_years,
            until_year=until,
            tree=tree,
        )
        if unit_years
        else {}
    )
    refs: list[tuple[AwardRef, Facts]] = []
    for pk, person_id, unit_id, code, year, number, day, at_time in rows:
        rec: PersonRecord | UnitRecord
        if person_id is not None:
            rec = people[person_id]
            kind = SubjectKind.PERSON
        else:
            rec = units[unit_id]
            kind = SubjectKind.COLLECTIVE
        at = tree.by_id.get(at_time)
        if kind is SubjectKind.PERSON:
            group = tree.issuing(at_time, year).code if at else (rec.facts.unit or "")
        else:
            group = tree.top(rec.pk, year).code
        ref = AwardRef(
            pk, kind, rec.pk, rec.subject_id, rec.name, code, year, number, day,
            at.code if at else "", group,
        )  # fmt: skip
        refs.append((ref, rec.facts_for(year, tree)))
    for ref, facts in sorted(refs, key=lambda rf: (rf[0].year, rf[0].decision_date, rf[0].pk)):
        _judge(report, engine, ref, facts)
    _quotas(report, engine, tree, qs, agency_id, refs)


def _judge(report: AuditReport, engine: Engine, ref: AwardRef, facts: Facts) -> None:
    _, choice = engine.choose(ref.year, ref.decision_date)
    rule = None
    if choice is not None and ref.code in engine.registry.codes:
        rule = engine.registry.rule_for(ref.code, choice.regime)
    if rule is None or rule.subject is not ref.kind:
        report.skipped += 1
        return
    report.checked += 1
    verdict = engine.evaluate(
        as_they_were(facts, ref), ref.code, ref.year, decision_date=ref.decision_date
    )
    if verdict.outcome is Outcome.ELIGIBLE:
        return
    failing = _failing(verdict)
    texts = "; ".join(c.text for c in failing)
    if verdict.outcome is Outcome.NOT_ELIGIBLE:
        summary = f"{ref.code} {ref.year} của {ref.name} không đúng tiêu chuẩn: {texts}"
        target = report.contradictions
    else:
        summary = f"{ref.code} {ref.year} của {ref.name} chưa đủ dữ liệu để xác định: {texts}"
        target = report.undetermined
    target.append(
        Finding(
            "verdict",
            ref.code,
            ref.year,
            verdict.regime or "",
            rule.citation,
            rule.mark,
            summary,
            failing,
            (ref,),
        )
    )


def _quotas(
    report: AuditReport,
    engine: Engine,
    tree: UnitTree,
    qs: QuerySet[Award],
    agency_id: int,
    refs: Sequence[tuple[AwardRef, Facts]],
) -> None:
    for spec in AUDITED_QUOTAS:
        subjects = engine.registry.codes[spec.code]
        kind = SubjectKind.PERSON if subjects != "collective" else SubjectKind.COLLECTIVE
        recorded: dict[tuple[str, int], list[tuple[AwardRef, Facts]]] = defaultdict(list)
        for ref, facts in refs:
            if ref.code == spec.code and ref.kind is kind and ref.group:
                recorded[(ref.group, ref.year)].append((ref, facts))
        if recorded:
            base = _base_counts(spec, kind, tree, agency_id, {y for _, y in recorded})
            for (group, year), items in sorted(recorded.items()):
                _quota_finding(report, engine, spec, group, year, items, base[(group, year)])


def _base_counts(
    spec: QuotaSpec, kind: SubjectKind, tree: UnitTree, agency_id: int, years: set[int]
) -> Counter[tuple[str, int]]:
    """(group, year) → recorded merit awards of the quota's base codes, agency-wide."""
    base = Award.objects.filter(
        decision__agency_id=agency_id,
        award_type__code__in=spec.base_codes,
        year__in=sorted(years),
        revoked_by__isnull=True,
        kind=Award.Kind.MERIT,
    )
    out: Counter[tuple[str, int]] = Counter()
    if kind is SubjectKind.PERSON:
        for unit_id, year, n in (
            base.filter(person__isnull=False)
            .values("unit_at_time_id", "year")
            .annotate(n=Count("id"))
            .values_list("unit_at_time_id", "year", "n")
        ):
            if unit_id in tree.by_id:
                out[(tree.issuing(unit_id, year).code, year)] += n
    else:
        for unit_id, year, n in (
            base.filter(unit__isnull=False)
            .values("unit_id", "year")
            .annotate(n=Count("id"))
            .values_list("unit_id", "year", "n")
        ):
            if unit_id in tree.by_id:
                out[(tree.top(unit_id, year).code, year)] += n
    return out


def _quota_finding(
    report: AuditReport,
    engine: Engine,
    spec: QuotaSpec,
    group: str,
    year: int,
    items: list[tuple[AwardRef, Facts]],
    base: int,
) -> None:
    day = max(ref.decision_date for ref, _ in items)
    _, choice = engine.choose(year, day)
    if choice is None or engine.registry.rule_for(spec.code, choice.regime) is None:
        return
    use = engine.parameters.use_at(spec.parameter, choice.as_of)
    if use.value is None:
        return
    percent: Decimal = use.value
    limit = quota_limit(percent, base)
    if len(items) <= limit:
        return
    women_pct = engine.parameters.use_at(TIE_BREAK_PARAMETER, choice.as_of).value
    by_id = {facts.subject_id: ref for ref, facts in items}
    ranked = rank_candidates(engine.candidate(facts, year, women_pct) for _, facts in items)
    outside = tuple(by_id[c.subject_id] for c in ranked[limit:])
    tie = choice.regime.principles["tie_break"]
    criterion = Criterion(
        f"Số {spec.code} năm {year} không vượt quá {_pct(percent)}% {spec.base_vn} "
        f"({base}): tối đa {limit}",
        False,
        use.citation,
        use.mark,
        f"đã khen {len(items)}; thứ tự ưu tiên theo {tie.citation}",
    )
    report.contradictions.append(
        Finding(
            "quota",
            spec.code,
            year,
            choice.regime.id,
            use.citation,
            use.mark,
            f"{spec.code} năm {year} của {group} vượt tỷ lệ: đã khen {len(items)}, tối đa "
            f"{limit} ({_pct(percent)}% của {base})",
            (criterion,),
            tuple(ref for ref, _ in sorted(items, key=lambda rf: rf[0].pk)),
            outside,
            group,
        )
    )


def _pct(value: Decimal) -> str:
    return format_decimal(value, places=2)


_MET = {True: "✓", False: "✗", None: "?"}


def _award_line(a: AwardRef) -> str:
    return (
        f"{a.code} {a.year} — {a.name} ({a.subject_id}), {a.unit_at_time}; "
        f"QĐ {a.decision_number} ngày {format_date(a.decision_date)}"
    )


def _finding_text(f: Finding) -> list[str]:
    head = f"- [{f.regime}] {f.summary}"
    lines = [head, f"    quy định: {f.rule} {f.mark.symbol}"]
    if f.kind == "verdict" and f.award is not None:
        lines.append(f"    lượt khen: {_award_line(f.award)}")
    for c in f.criteria:
        detail = f" [{c.detail}]" if c.detail else ""
        lines.append(f"    {_MET[c.met]} {c.text}{detail} — {c.citation} {c.mark.symbol}")
    for a in f.outside:
        lines.append(f"    ngoài tỷ lệ: {_award_line(a)}")
    return lines


def report_text(report: AuditReport) -> str:
    """The report as text: contradictions, then undetermined, then a count line."""
    where = f", đơn vị {report.unit}" if report.unit else ""
    lines = [
        f"Rà soát khen thưởng {report.from_year}–{report.to_year}{where}: "
        f"{report.checked} lượt đã xét; {report.skipped} lượt chưa có quy tắc; "
        f"{report.not_merit} lượt chuyên đề, đột xuất không xét.",
        f"MÂU THUẪN VỚI QUY ĐỊNH ({len(report.contradictions)}):",
    ]
    for f in report.contradictions:
        lines += _finding_text(f)
    lines.append(f"CHƯA ĐỦ DỮ LIỆU ĐỂ XÁC ĐỊNH ({len(report.undetermined)}):")
    for f in report.undetermined:
        lines += _finding_text(f)
    lines.append(
        f"{len(report.contradictions)} contradictions, {len(report.undetermined)} undetermined, "
        f"{report.checked} checked"
    )
    return "\n".join(lines) + "\n"


__all__ = [
    "AuditReport",
    "AwardRef",
    "Finding",
    "as_they_were",
    "audit_history",
    "report_text",
]
