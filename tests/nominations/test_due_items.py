"""The dashboard's due and late items, per user scope, with exact working-day deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from nominations_support import DECISION_DAY

from tdkt.nominations import domain as nom
from tdkt.nominations.models import Consultation, Nomination
from tdkt.nominations.queries import due_items, held_by, visible_nominations, visible_rounds
from tdkt.org import domain as org

S = Nomination.Status
D = dt.date


def brief(items):
    return [(i.kind, i.due, i.late, i.working_days_left, i.count) for i in items]


def test_due_items(tree, clerk, officer, viewer, people, t, round_, board, engine):
    # The clerk: one draft (Hương, CSTĐTQ), one submitted on 10/12 (Tâm, BK tỉnh) now at SNV.
    nom.propose(clerk, round_, award_type=t["CSTDTQ"], person=people.huong)
    tam = nom.propose(clerk, round_, award_type=t["BK_TINH"], person=people.tam)
    nom.submit(clerk, tam, on=D(2025, 12, 10))
    # The officer: a commune's candidate for CSTĐTQ, at the province, waiting for the council.
    khoa = org.create_person(None, unit=tree.other, full_name="Hoàng Văn Khoa")
    cstdtq = nom.submit(
        officer,
        nom.propose(officer, round_, award_type=t["CSTDTQ"], person=khoa),
        on=D(2025, 12, 11),
    )
    today = D(2025, 12, 16)

    # Clerk: the submission deadline (15/12) has passed with one dossier not submitted. The
    # dossier at SNV is not theirs to move.
    assert brief(due_items(clerk, today)) == [("submission", D(2025, 12, 15), True, -1, 1)]

    # Officer: also publicity (council Thu 08/01/2026 → publish by Tue 23/12/2025, 11 working
    # days before, 01/01 being a holiday), forwarding Tâm's dossier within 10 working days of
    # 10/12 (24/12), and the council for the CSTĐTQ dossier.
    assert brief(due_items(officer, today)) == [
        ("submission", D(2025, 12, 15), True, -1, 1),
        ("publicity", D(2025, 12, 23), False, 5, 1),
        ("forward", D(2025, 12, 24), False, 6, 1),
        ("council", D(2026, 1, 8), False, 16, 1),
    ]
    labels = [i.label for i in due_items(officer, today)]
    assert labels[0] == "Nộp hồ sơ đợt “Xét khen thưởng năm 2025”: 1 hồ sơ chưa trình"
    assert due_items(viewer, today) == []

    # Late on 29/12: forwarding and publicity are overdue.
    late = {i.kind: i.late for i in due_items(officer, D(2025, 12, 29))}
    assert late == {"submission": True, "publicity": True, "forward": True, "council": False}

    # Publishing and forwarding clear those items; an appraisal request adds one (20 days).
    nom.publish_candidates(officer, round_, on=D(2025, 12, 22))
    nom.forward(officer, tam, on=D(2025, 12, 17))
    c = nom.request_opinion(
        officer,
        cstdtq,
        kind=Consultation.Kind.APPRAISAL,
        counterpart="Bộ Nội vụ",
        sent_on=D(2025, 12, 17),
    )
    assert c.due_on == D(2026, 1, 15)  # 20 working days, 01/01 excluded
    assert brief(due_items(officer, D(2025, 12, 18))) == [
        ("submission", D(2025, 12, 15), True, -3, 1),
        ("council", D(2026, 1, 8), False, 14, 2),
        ("appraisal", D(2026, 1, 15), False, 19, 1),
    ]
    nom.record_answer(officer, c, answered_on=D(2025, 12, 30), answer="Đồng ý")

    # After the council and the decision: award items due 10 working days after 15/01/2026.
    meeting = nom.create_meeting(officer, board.council, date=D(2026, 1, 8), present=board.members)
    for n in Nomination.objects.filter(status=S.IN_REVIEW):
        nom.record_vote(officer, meeting, n, totals=(9, 0, 0))
    nom.decide_votes(officer, meeting)
    decision = nom.issue_decision(officer, round_, date=DECISION_DAY, symbol="QĐ-SNV")
    items = due_items(officer, D(2026, 2, 2))
    assert brief(items)[-1] == ("award_items", D(2026, 1, 29), True, -2, 1)
    assert items[-1].label == "Trao hiện vật, tiền thưởng theo quyết định số 01/QĐ-SNV"
    nom.record_items_done(officer, decision.issued, on=D(2026, 1, 28))
    assert "award_items" not in {i.kind for i in due_items(officer, D(2026, 2, 2))}


def test_scoped_lists(tree, clerk, officer, people, t, round_, engine):
    mine = nom.propose(clerk, round_, award_type=t["BK_TINH"], person=people.huong)
    theirs = nom.propose(officer, round_, award_type=t["BK_TINH"], person=people.lan)
    assert list(visible_nominations(clerk)) == [mine]
    assert set(visible_nominations(officer)) == {mine, theirs}
    assert list(visible_rounds(clerk)) == [round_]
    nom.submit(officer, theirs, on=D(2025, 12, 10))  # VP → SNV (department)
    assert list(held_by(clerk)) == []
    assert list(held_by(officer)) == [theirs]


def test_request_opinion_limits(tree, clerk, officer, people, t, round_, engine):
    n = nom.propose(clerk, round_, award_type=t["CSTDTQ"], person=people.huong)
    sent = D(2026, 2, 10)  # Tết 2026 (16–20/02) falls inside every window
    got = {
        kind: nom.request_opinion(
            officer, n, kind=kind, counterpart="Bộ Nội vụ", sent_on=sent
        ).due_on
        for kind in ("consultation", "appraisal", "review")
    }
    assert got == {
        "consultation": D(2026, 3, 3),
        "appraisal": D(2026, 3, 17),
        "review": D(2026, 3, 31),
    }
    with pytest.raises(PermissionDenied):
        nom.request_opinion(clerk, n, kind="consultation", counterpart="Sở Tài chính", sent_on=sent)
    with pytest.raises(ValidationError, match="Cần ghi cơ quan được hỏi ý kiến"):
        nom.request_opinion(officer, n, kind="consultation", counterpart=" ", sent_on=sent)
    assert Consultation.objects.count() == 3
