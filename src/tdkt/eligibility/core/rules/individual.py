"""Rules for individuals (RULES.md "Individual titles")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from tdkt.common.formatting import format_date, format_decimal

from ..facts import InitiativeLevel, Sex, SubjectKind
from ..regimes import Citation
from ..verdict import Criterion, Mark, all3, any3, at_least3
from ..views import FORM_VN, add_months
from .base import Ctx, Rule, weaker
from .common import (
    HTT,
    HTXS,
    NO_START,
    RATING_BY_RANK,
    check_hold,
    current_title,
    last_after,
    met_word,
    note_not_counted,
    rating_text,
    short,
    titles_in_years,
    windowed,
)

PERSON = SubjectKind.PERSON
CO_SO, BO_TINH, TOAN_QUOC = (
    InitiativeLevel.CO_SO,
    InitiativeLevel.BO_TINH,
    InitiativeLevel.TOAN_QUOC,
)
CSTD = ("CSTD_BO", "CSTD_TINH")
BK = ("BK_BO", "BK_TINH")
LAW_2003 = ("R2010", "R2014", "R2017")
LAW_2022 = ("R2024", "R2025")
ALL_REGIMES = (*LAW_2003, *LAW_2022)
DISCIPLINE_WINDOW = "discipline_max_effect_months"

LEVEL_VN = {
    CO_SO: "cấp cơ sở trở lên",
    BO_TINH: "có phạm vi ảnh hưởng cấp bộ, ngành, tỉnh trở lên",
    TOAN_QUOC: "có phạm vi ảnh hưởng toàn quốc",
}
FLOOR_VN = {HTT: "hoàn thành tốt nhiệm vụ trở lên", HTXS: "hoàn thành xuất sắc nhiệm vụ"}


def num(value: Decimal | int) -> str:
    """A number as Vietnamese write it: 19,5 · 20."""
    return format_decimal(value, places=2)


# --- LĐTT -----------------------------------------------------------------------------------


def ldtt(c: Ctx) -> None:
    y, view, facts = c.year, c.view, c.session.facts
    rank = view.rank.get(y)
    c.add(
        f"Xếp loại năm {y} từ Hoàn thành tốt nhiệm vụ trở lên",
        None if rank is None else rank >= HTT,
        rating_text(rank),
    )

    months = c.p("ldtt_min_months_worked")
    latest = add_months(dt.date(y + 1, 1, 1), -months)
    met: bool | None
    if facts.hired is not None:
        met, detail = facts.hired <= latest, f"tuyển dụng ngày {format_date(facts.hired)}"
    elif y - 1 in view.rank:
        met, detail = True, f"đã công tác và được xếp loại năm {y - 1}"
    else:
        met, detail = None, "chưa có ngày tuyển dụng"
    c.add(
        f"Được tuyển dụng từ {months} tháng trở lên tính đến hết năm {y} "
        f"(không sau ngày {format_date(latest)})",
        met,
        detail,
        c.cite_param("ldtt_min_months_worked"),
    )

    form = c.p("ldtt_discipline_form")
    hits = [d for d in facts.disciplines if d.date.year == y and d.form.severity >= form.severity]
    c.add(
        f"Không bị kỷ luật từ hình thức {FORM_VN[form]} trở lên trong năm {y}",
        not hits,
        "; ".join(f"{FORM_VN[d.form]} ngày {format_date(d.date)}" for d in hits),
        c.cite_param("ldtt_discipline_form"),
    )

    limit = c.p("ldtt_absence_days_limit")
    if limit is not None:
        text = f"Không nghỉ từ {limit} ngày làm việc trở lên trong năm {y}"
        absence = facts.absences.get(y)
        if absence is None:
            c.add(text, None, "chưa có số ngày nghỉ", c.cite_param("ldtt_absence_days_limit"))
        else:
            c.add(
                text,
                absence.counted_days < limit,
                f"nghỉ {absence.counted_days} ngày (không kể nghỉ thai sản)",
                c.cite_param("ldtt_absence_days_limit"),
            )
            if absence.maternity_days:
                c.add(
                    "Thời gian nghỉ thai sản được tính là thời gian làm việc",
                    True,
                    f"{absence.maternity_days} ngày nghỉ thai sản",
                    c.cite_principle("maternity"),
                )
    check_hold(c)


# --- CSTĐCS ---------------------------------------------------------------------------------


def cstdcs(c: Ctx) -> None:
    y = c.year
    met, detail = current_title(c, ("LDTT",), "LDTT")
    c.add(f"Đạt danh hiệu Lao động tiên tiến năm {y}", met, detail)

    n = c.p("cstdcs_min_initiatives")
    count = c.view.initiatives(y, y, CO_SO)
    text = f"Có {n} sáng kiến được công nhận cấp cơ sở trở lên trong năm {y}"
    if c.p("cstdcs_htxs_replaces_initiative"):
        rank = c.view.rank.get(y)
        c.add(
            f"{text}, hoặc Hoàn thành xuất sắc nhiệm vụ",
            any3([count >= n, None if rank is None else rank == HTXS]),
            f"{count} sáng kiến; xếp loại {rating_text(rank)}",
            c.cite_param("cstdcs_htxs_replaces_initiative"),
        )
    else:
        c.add(text, count >= n, f"{count} sáng kiến", c.cite_param("cstdcs_min_initiatives"))
    check_hold(c)


# --- CSTĐ cấp bộ, ngành, tỉnh and toàn quốc -------------------------------------------------


def cstd(c: Ctx) -> None:
    y = c.year
    n = c.p("cstd_consecutive_cstdcs")
    k = c.p("cstd_min_initiatives_bo_tinh")
    first = y - n + 1
    current = current_title(c, ("CSTDCS",), "CSTDCS")

    def check(start: int) -> list[Criterion]:
        met, detail = titles_in_years(c, ("CSTDCS",), range(first, y + 1), start, current)
        count = c.view.initiatives(max(start, first), y, BO_TINH)
        return [
            c.crit(f"{n} lần liên tục đạt danh hiệu CSTĐCS ({first}–{y})", met, detail),
            c.crit(
                f"Có {k} sáng kiến {LEVEL_VN[BO_TINH]} trong {n} năm đó",
                count >= k,
                f"{count} sáng kiến",
            ),
        ]

    windowed(c, last_after(c, CSTD), check)
    note_not_counted(c, ("CSTDCS",), first)
    check_hold(c)


def cstdtq(c: Ctx) -> None:
    y = c.year
    n = c.p("cstd_consecutive_cstdcs")  # the years one CSTĐ cấp bộ/tỉnh covers
    m = c.p("cstdtq_consecutive_cstd")
    k = c.p("cstdtq_min_initiatives_toan_quoc")
    years = [y - i * n for i in range(m - 1, -1, -1)]  # e.g. 2021, 2024
    first = years[0] - n + 1
    current = current_title(c, CSTD, "CSTD_BO")

    def check(start: int) -> list[Criterion]:
        met, detail = titles_in_years(c, CSTD, years, start, current, covers=n)
        count = c.view.initiatives(max(start, first), y, TOAN_QUOC)
        return [
            c.crit(
                f"{m} lần liên tục đạt danh hiệu CSTĐ cấp bộ, ngành, tỉnh "
                f"({', '.join(map(str, years))})",
                met,
                detail,
            ),
            c.crit(
                f"Có {k} sáng kiến {LEVEL_VN[TOAN_QUOC]} ({first}–{y})",
                count >= k,
                f"{count} sáng kiến",
            ),
        ]

    windowed(c, last_after(c, ("CSTDTQ",)), check)
    received = c.session.received_date
    if received is not None:
        due = dt.date(y + c.p("cstdtq_dossier_years_after"), 12, 31)
        c.add(
            f"Hồ sơ đề nghị gửi chậm nhất ngày {format_date(due)}",
            received <= due,
            f"tiếp nhận ngày {format_date(received)}",
            c.cite_param("cstdtq_dossier_years_after"),
        )
    note_not_counted(c, CSTD, first)
    check_hold(c)


# --- Bằng khen cấp bộ, ngành, tỉnh ----------------------------------------------------------


def _htxs_run(c: Ctx, start: int) -> tuple[bool | None, str]:
    """BK path (b): ≥ m consecutive years HTXS up to the judged year, with k initiatives."""
    y, rank = c.year, c.view.rank
    m, k = c.p("bk_consecutive_htxs_years"), c.p("bk_min_initiatives_co_so")
    run, yy, gap = 0, y, False
    while yy >= start:
        r = rank.get(yy)
        if r is None:
            gap = True
            break
        if r != HTXS:
            break
        run, yy = run + 1, yy - 1
    count = c.view.initiatives(y - run + 1, y, CO_SO) if run else 0
    detail = f"{run} năm HTXS liên tục đến {y}, {count} sáng kiến"
    if gap:
        detail += f" (năm {yy} chưa có xếp loại)"
    if run >= m and count >= k:
        return True, detail
    if not gap:
        return False, detail
    if run < m:
        return None, detail
    # long enough already: only initiatives from the unrated years before could still count
    earlier = c.view.initiatives(start, yy, CO_SO)
    return (None if count + earlier >= k else False), detail


def bk_2017(c: Ctx) -> None:
    m, k = c.p("bk_consecutive_htxs_years"), c.p("bk_min_initiatives_co_so")

    def check(start: int) -> list[Criterion]:
        met, detail = _htxs_run(c, start)
        text = (
            f"{m} năm liên tục trở lên hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có "
            f"{k} sáng kiến {LEVEL_VN[CO_SO]}"
        )
        return [c.crit(text, met, detail)]

    windowed(c, last_after(c, BK), check)
    check_hold(c)


def bk_2022(c: Ctx) -> None:
    y = c.year
    n = c.p("bk_consecutive_cstdcs")
    further = c.p("bk_further_initiatives_after_cstdcs")
    per = c.p("cstdcs_min_initiatives")
    htxs_replaces = c.p("cstdcs_htxs_replaces_initiative")
    m, k = c.p("bk_consecutive_htxs_years"), c.p("bk_min_initiatives_co_so")
    first = y - n + 1
    current = current_title(c, ("CSTDCS",), "CSTDCS")
    # a CSTĐCS rests on its initiatives unless it was given for an HTXS year instead
    extra = sum(
        max(
            c.view.initiatives(yy, yy, CO_SO)
            - (0 if htxs_replaces and c.view.rank.get(yy) == HTXS else per),
            0,
        )
        for yy in range(first, y + 1)
    )
    further_mark = c.cite_param("bk_further_initiatives_after_cstdcs").mark
    cite = Citation(c.rule.citation, weaker(c.rule.mark, further_mark))
    text = (
        f"Đạt một trong hai tiêu chuẩn: (a) {n} lần liên tục đạt danh hiệu CSTĐCS và có thêm "
        f"{further} sáng kiến ngoài các sáng kiến đã dùng để xét CSTĐCS; (b) {m} năm liên tục "
        f"trở lên hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có {k} sáng kiến "
        f"{LEVEL_VN[CO_SO]}"
    )

    def check(start: int) -> list[Criterion]:
        titles, titles_detail = titles_in_years(c, ("CSTDCS",), range(first, y + 1), start, current)
        a = all3([titles, extra >= further])
        b, b_detail = _htxs_run(c, start)
        detail = (
            f"(a) CSTĐCS {titles_detail}; {extra} sáng kiến thêm — {met_word(a)}; "
            f"(b) {b_detail} — {met_word(b)}"
        )
        return [c.crit(text, any3([a, b]), detail, cite)]

    windowed(c, last_after(c, BK), check)
    note_not_counted(c, ("CSTDCS",), first)
    check_hold(c)


# --- Continuous years after a prerequisite: BK_TTG, HCLĐ ------------------------------------


def continuous_rule(
    code: str,
    regimes: tuple[str, ...],
    citation: str,
    mark: Mark,
    *,
    prerequisite: tuple[str, ...],
    floor: int,
    years: str,
    htxs_years: str | None = None,
    cstdcs: str | None = None,
    initiatives: tuple[str, InitiativeLevel] | None = None,
) -> Rule:
    """A rule of the shape "holds ``prerequisite``, then ≥ N continuous years rated ``floor``
    or better, with (optionally) so many HTXS years, CSTĐCS titles and initiatives".

    The window starts the year after the later of the prerequisite and a previous ``code``,
    and every year in it must be rated (Decree 152 Art 33 k7).
    """

    def evaluate(c: Ctx) -> None:
        y = c.year
        anchor = c.view.last(prerequisite, y)
        c.add(
            f"Đã được tặng {' hoặc '.join(short(p) for p in prerequisite)} trước năm {y}",
            anchor is not None,
            f"{short(anchor[0])} năm {anchor[1]}" if anchor else "chưa có",
        )
        note_not_counted(c, prerequisite, NO_START)
        if anchor is None:
            check_hold(c)
            return
        n = c.p(years)
        current = current_title(c, ("CSTDCS",), "CSTDCS") if cstdcs else None
        years_cite = c.cite_with(c.cite_principle("continuous_years"))

        def check(start: int) -> list[Criterion]:
            ranks = [(yy, c.view.rank.get(yy)) for yy in range(start, y + 1)]
            unrated = [yy for yy, r in ranks if r is None]
            below = [f"{yy}: {RATING_BY_RANK[r]}" for yy, r in ranks if r is not None and r < floor]
            detail = f"{len(ranks)} năm ({start}–{y})"
            if unrated:
                detail += f"; chưa có xếp loại: {', '.join(map(str, unrated))}"
            if below:
                detail += f"; {', '.join(below)}"
            out = [
                c.crit(
                    f"{n} năm liên tục trở lên {FLOOR_VN[floor]} (từ năm {start} đến {y})",
                    all3([len(ranks) >= n, *(None if r is None else r >= floor for _, r in ranks)]),
                    detail,
                    years_cite,
                )
            ]
            if htxs_years:
                h = c.p(htxs_years)
                known = sum(1 for _, r in ranks if r == HTXS)
                out.append(
                    c.crit(
                        f"Có {h} năm hoàn thành xuất sắc nhiệm vụ trong thời gian đó",
                        at_least3(known, len(unrated), h),
                        f"{known} năm HTXS",
                    )
                )
            if cstdcs and current is not None:
                k = c.p(cstdcs)
                held = c.view.count("CSTDCS", start, y - 1) + (current[0] is True)
                out.append(
                    c.crit(
                        f"Có {k} lần đạt danh hiệu CSTĐCS trong thời gian đó",
                        at_least3(held, int(current[0] is None), k),
                        f"{held} lần; năm {y}: {current[1]}",
                    )
                )
            if initiatives:
                k = c.p(initiatives[0])
                count = c.view.initiatives(start, y, initiatives[1])
                out.append(
                    c.crit(
                        f"Có {k} sáng kiến {LEVEL_VN[initiatives[1]]} trong thời gian đó",
                        count >= k,
                        f"{count} sáng kiến",
                    )
                )
            return out

        base = max(anchor[1] + 1, last_after(c, (code,)))
        windowed(c, base, check)
        if cstdcs:
            note_not_counted(c, ("CSTDCS",), base)
        check_hold(c)

    params = [p for p in (years, htxs_years, cstdcs) if p]
    if initiatives:
        params.append(initiatives[0])
    return Rule(
        (code,),
        PERSON,
        regimes,
        citation,
        mark,
        evaluate,
        parameters=(*params, DISCIPLINE_WINDOW),
        uses=(*prerequisite, code, *(("CSTDCS",) if cstdcs else ())),
    )


# --- Kỷ niệm chương -------------------------------------------------------------------------


def knc(c: Ctx) -> None:
    y, facts = c.year, c.session.facts
    before = sorted(a.year for a in facts.awards if a.code == "KNC" and a.year < y)
    c.add(
        "Chưa được tặng Kỷ niệm chương của ngành",
        not before,
        ", ".join(f"KNC năm {b}" for b in before),
    )
    men, women = c.p("knc_service_years_men"), c.p("knc_service_years_women")
    factor = c.p("knc_hardship_multiplier")
    service = facts.service
    met: bool | None
    if service is None:
        met, detail = None, "chưa có số năm công tác trong ngành"
    else:
        counted = service.years + service.hardship_years * (factor - 1)
        detail = f"{num(counted)} năm quy đổi"
        need = {Sex.M: men, Sex.F: women}.get(facts.sex) if facts.sex else None
        if need is not None:
            met = counted >= need
        else:
            detail += "; chưa rõ giới tính"
            met = (
                True
                if counted >= max(men, women)
                else (False if counted < min(men, women) else None)
            )
    c.add(
        f"Có đủ {num(men)} năm (nam) hoặc {num(women)} năm (nữ) công tác trong ngành; năm công "
        f"tác ở vùng khó khăn được tính hệ số {num(factor)}",
        met,
        detail,
        c.cite_param("knc_service_years_men"),
    )
    check_hold(c)


def _rule(
    codes: tuple[str, ...],
    regimes: tuple[str, ...],
    citation: str,
    mark: Mark,
    evaluate: Callable[[Ctx], None],
    parameters: tuple[str, ...],
    uses: tuple[str, ...] = (),
) -> Rule:
    return Rule(codes, PERSON, regimes, citation, mark, evaluate, parameters, uses)


_LDTT_P = ("ldtt_min_months_worked", "ldtt_discipline_form", "ldtt_absence_days_limit")
_CSTDCS_P = ("cstdcs_min_initiatives", "cstdcs_htxs_replaces_initiative")
_CSTD_P = ("cstd_consecutive_cstdcs", "cstd_min_initiatives_bo_tinh", DISCIPLINE_WINDOW)
_CSTDTQ_P = (
    "cstd_consecutive_cstdcs",
    "cstdtq_consecutive_cstd",
    "cstdtq_min_initiatives_toan_quoc",
    "cstdtq_dossier_years_after",
    DISCIPLINE_WINDOW,
)
_BK_B_P = ("bk_consecutive_htxs_years", "bk_min_initiatives_co_so", DISCIPLINE_WINDOW)
_BK_A_P = ("bk_consecutive_cstdcs", "bk_further_initiatives_after_cstdcs", *_CSTDCS_P)
_KNC_P = ("knc_service_years_men", "knc_service_years_women", "knc_hardship_multiplier")
V, S, U = Mark.VERIFIED, Mark.SECONDARY, Mark.UNVERIFIED

RULES: tuple[Rule, ...] = (
    _rule(("LDTT",), LAW_2003, "Law 15/2003/QH11 Art 24", S, ldtt, _LDTT_P),
    _rule(("LDTT",), LAW_2022, "Law 06/2022/QH15 Art 24", V, ldtt, _LDTT_P),
    _rule(
        ("CSTDCS",), ("R2017",), "Decree 91/2017/NĐ-CP Art 9 k3", V, cstdcs, _CSTDCS_P, ("LDTT",)
    ),
    _rule(("CSTDCS",), LAW_2022, "Law 06/2022/QH15 Art 23", S, cstdcs, _CSTDCS_P, ("LDTT",)),
    _rule(CSTD, ("R2017",), "Decree 91/2017/NĐ-CP Art 9 k2", V, cstd, _CSTD_P, ("CSTDCS", *CSTD)),
    _rule(CSTD, LAW_2022, "Law 06/2022/QH15 Art 22", S, cstd, _CSTD_P, ("CSTDCS", *CSTD)),
    _rule(
        ("CSTDTQ",),
        ("R2017",),
        "Decree 91/2017/NĐ-CP Art 9 k1",
        V,
        cstdtq,
        _CSTDTQ_P,
        (*CSTD, "CSTDTQ"),
    ),
    _rule(
        ("CSTDTQ",), LAW_2022, "Law 06/2022/QH15 Art 21", V, cstdtq, _CSTDTQ_P, (*CSTD, "CSTDTQ")
    ),
    _rule(BK, ("R2017",), "Decree 91/2017/NĐ-CP Art 39", U, bk_2017, _BK_B_P, BK),
    _rule(
        BK,
        LAW_2022,
        "Law 06/2022/QH15 Art 74 k1 d",
        V,
        bk_2022,
        (*_BK_A_P, *_BK_B_P),
        ("CSTDCS", *BK),
    ),
    continuous_rule(
        "BK_TTG",
        ("R2017",),
        "Decree 91/2017/NĐ-CP Art 38 k1",
        V,
        prerequisite=BK,
        floor=HTXS,
        years="bk_ttg_continuous_years",
        initiatives=("bk_ttg_min_initiatives_co_so", CO_SO),
    ),
    continuous_rule(
        "BK_TTG",
        LAW_2022,
        "Law 06/2022/QH15 Art 73 k1 b",
        V,
        prerequisite=BK,
        floor=HTT,
        years="bk_ttg_continuous_years",
        cstdcs="bk_ttg_min_cstdcs",
    ),
    continuous_rule(
        "HCLD3",
        ("R2017",),
        "Decree 91/2017/NĐ-CP (HCLĐ hạng Ba)",
        U,
        prerequisite=("BK_TTG",),
        floor=HTXS,
        years="hcld3_continuous_years",
        initiatives=("hcld3_min_initiatives_bo_tinh", BO_TINH),
    ),
    continuous_rule(
        "HCLD3",
        LAW_2022,
        "Law 06/2022/QH15 Art 44 k1 e",
        V,
        prerequisite=("BK_TTG",),
        floor=HTT,
        years="hcld3_continuous_years",
        htxs_years="hcld3_min_htxs_years",
        cstdcs="hcld3_min_cstdcs",
    ),
    continuous_rule(
        "HCLD2",
        LAW_2022,
        "Law 06/2022/QH15 Art 43 (criteria not verified)",
        U,
        prerequisite=("HCLD3",),
        floor=HTT,
        years="hcld2_continuous_years",
        htxs_years="hcld2_min_htxs_years",
        cstdcs="hcld2_min_cstdcs",
        initiatives=("hcld2_min_initiatives_bo_tinh", BO_TINH),
    ),
    continuous_rule(
        "HCLD1",
        LAW_2022,
        "Law 06/2022/QH15 Art 42 (criteria not verified)",
        U,
        prerequisite=("HCLD2",),
        floor=HTT,
        years="hcld1_continuous_years",
        htxs_years="hcld1_min_htxs_years",
        cstdcs="hcld1_min_cstdcs",
        initiatives=("hcld1_min_initiatives_bo_tinh", BO_TINH),
    ),
    _rule(
        ("KNC",),
        ALL_REGIMES,
        "Sector regulation on the Kỷ niệm chương (not verified)",
        U,
        knc,
        _KNC_P,
        ("KNC",),
    ),
)
