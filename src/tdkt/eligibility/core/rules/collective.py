"""Rules for collectives (RULES.md "Collective titles").

``members[year]`` lists each member's situation; its ``awards`` are the merit titles the member
holds for that year.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..facts import MemberSituation, SubjectKind
from ..verdict import Mark
from ..views import FORM_VN
from .base import Ctx, Rule
from .common import HT, HTT, HTXS, check_hold, rating_text
from .individual import LAW_2003, LAW_2022, num

COLLECTIVE = SubjectKind.COLLECTIVE
FLAGS = ("CO_BO", "CO_TINH")
NO_MEMBERS = "chưa có danh sách thành viên"


def share3(known: int, unknown: int, total: int, pct: Decimal, *, strict: bool) -> bool | None:
    """Is the share of members ≥ (or > when ``strict``) ``pct``%, when ``known`` count for sure
    and ``unknown`` may count?"""

    def ok(count: int) -> bool:
        return count * 100 > pct * total if strict else count * 100 >= pct * total

    if total and ok(known):
        return True
    if not total or not ok(known + unknown):
        return False
    return None


def _rating(c: Ctx, best_only: bool) -> None:
    rank = c.view.rank.get(c.year)
    text = "hoàn thành xuất sắc nhiệm vụ" if best_only else "từ hoàn thành tốt nhiệm vụ trở lên"
    floor = HTXS if best_only else HTT
    c.add(
        f"Tập thể xếp loại năm {c.year} {text}",
        None if rank is None else rank >= floor,
        rating_text(rank),
    )


def _share_with(
    c: Ctx,
    members: tuple[MemberSituation, ...] | None,
    code: str,
    param: str,
    text: str,
    *,
    strict: bool,
) -> None:
    pct = c.p(param)
    if members is None:
        met, detail = None, NO_MEMBERS
    else:
        count = sum(1 for m in members if code in m.awards)
        met, detail = (
            share3(count, 0, len(members), pct, strict=strict),
            (f"{count}/{len(members)} thành viên"),
        )
    c.add(text.format(pct=num(pct)), met, detail, c.cite_param(param))


def _member_discipline(c: Ctx, members: tuple[MemberSituation, ...] | None, param: str) -> None:
    form = c.p(param)
    if form is None:
        return
    text = f"Không có cá nhân bị kỷ luật từ hình thức {FORM_VN[form]} trở lên"
    if members is None:
        c.add(text, None, NO_MEMBERS, c.cite_param(param))
        return
    hits = [m for m in members if m.discipline and m.discipline.severity >= form.severity]
    c.add(
        text,
        not hits,
        ", ".join(FORM_VN[m.discipline] for m in hits if m.discipline),
        c.cite_param(param),
    )


def ttldtt(c: Ctx) -> None:
    members = c.view.members(c.year)
    _rating(c, best_only=False)
    _share_with(
        c,
        members,
        "LDTT",
        "ttldtt_min_ldtt_members_pct",
        "Có trên {pct}% cá nhân đạt danh hiệu Lao động tiên tiến",
        strict=True,
    )
    _member_discipline(c, members, "ttldtt_member_discipline_form")
    check_hold(c)


def ttldxs(c: Ctx) -> None:
    members = c.view.members(c.year)
    _rating(c, best_only=True)
    pct = c.p("ttldxs_min_members_ht_pct")
    text = f"{num(pct)}% cá nhân hoàn thành nhiệm vụ trở lên"
    if members is None:
        c.add(text, None, NO_MEMBERS, c.cite_param("ttldxs_min_members_ht_pct"))
    else:
        ok = sum(1 for m in members if m.rating is not None and m.rating.rank >= HT)
        unrated = sum(1 for m in members if m.rating is None)
        detail = f"{ok}/{len(members)} thành viên" + (
            f"; {unrated} chưa xếp loại" if unrated else ""
        )
        c.add(
            text,
            share3(ok, unrated, len(members), pct, strict=False),
            detail,
            c.cite_param("ttldxs_min_members_ht_pct"),
        )
    _share_with(
        c,
        members,
        "LDTT",
        "ttldxs_min_ldtt_members_pct",
        "Có từ {pct}% cá nhân đạt danh hiệu Lao động tiên tiến trở lên",
        strict=False,
    )
    k = c.p("ttldxs_min_cstdcs_members")
    text = f"Có ít nhất {k} cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở"
    if members is None:
        c.add(text, None, NO_MEMBERS, c.cite_param("ttldxs_min_cstdcs_members"))
    else:
        count = sum(1 for m in members if "CSTDCS" in m.awards)
        c.add(text, count >= k, f"{count} cá nhân", c.cite_param("ttldxs_min_cstdcs_members"))
    _member_discipline(c, members, "ttldxs_member_discipline_form")
    check_hold(c)


def flag(c: Ctx) -> None:
    y, facts = c.year, c.session.facts
    leader = facts.cluster_leader.get(y)
    c.add(
        f"Là tập thể dẫn đầu cụm, khối thi đua năm {y}",
        leader,
        "chưa có kết quả bình xét của cụm, khối" if leader is None else "",
    )
    exceeded = facts.targets_exceeded.get(y)
    c.add(
        f"Hoàn thành vượt mức các chỉ tiêu thi đua năm {y}",
        exceeded,
        "chưa có kết quả thực hiện chỉ tiêu" if exceeded is None else "",
    )
    check_hold(c)


def co_cp(c: Ctx) -> None:
    standard = c.depends("CO_BO")
    met = standard.outcome.met
    c.add(
        "Là tập thể dẫn đầu cụm, khối thi đua đạt tiêu chuẩn Cờ thi đua cấp bộ, ngành, tỉnh "
        "(số lượng xét theo tỷ lệ trên danh sách cụm, khối)",
        met,
        "" if met else standard.explain(),
    )
    check_hold(c)


def _rule(
    codes: tuple[str, ...],
    regimes: tuple[str, ...],
    citation: str,
    mark: Mark,
    evaluate: Callable[[Ctx], None],
    parameters: tuple[str, ...] = (),
    uses: tuple[str, ...] = (),
) -> Rule:
    return Rule(codes, COLLECTIVE, regimes, citation, mark, evaluate, parameters, uses)


_TTLDTT_P = ("ttldtt_min_ldtt_members_pct", "ttldtt_member_discipline_form")
_TTLDXS_P = (
    "ttldxs_min_members_ht_pct",
    "ttldxs_min_ldtt_members_pct",
    "ttldxs_min_cstdcs_members",
    "ttldxs_member_discipline_form",
)
V, S = Mark.VERIFIED, Mark.SECONDARY

RULES: tuple[Rule, ...] = (
    _rule(("TTLDTT",), LAW_2003, "Law 15/2003/QH11 Art 28", V, ttldtt, _TTLDTT_P, ("LDTT",)),
    _rule(("TTLDTT",), LAW_2022, "Law 06/2022/QH15 Art 28", S, ttldtt, _TTLDTT_P, ("LDTT",)),
    _rule(
        ("TTLDXS",),
        ("R2014", "R2017"),
        "Law 15/2003/QH11 Art 27 (as amended by Law 39/2013/QH13)",
        V,
        ttldxs,
        _TTLDXS_P,
        ("LDTT", "CSTDCS"),
    ),
    _rule(
        ("TTLDXS",), LAW_2022, "Law 06/2022/QH15 Art 27", V, ttldxs, _TTLDXS_P, ("LDTT", "CSTDCS")
    ),
    _rule(FLAGS, LAW_2022, "Law 06/2022/QH15 Art 26", S, flag),
    _rule(("CO_CP",), ("R2024",), "Law 06/2022/QH15 Art 25", V, co_cp, (), FLAGS),
    _rule(
        ("CO_CP",),
        ("R2025",),
        "Law 06/2022/QH15 Art 25; Decree 152/2025/NĐ-CP Art 7",
        V,
        co_cp,
        (),
        FLAGS,
    ),
)
