"""The nomination path end to end, routing through the unit tree, and every refusal:
illegal transitions, permissions, not-eligible proposals, duplicates, bulk proposals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from nominations_support import DECISION_DAY, DOCX, PDF, make_member, upload

from tdkt.awards.models import Award, Decision
from tdkt.common.models import AuditEntry
from tdkt.nominations import domain as nom
from tdkt.nominations.models import (
    DossierSnapshot,
    IssuedDecision,
    Level,
    Meeting,
    Nomination,
    NominationEvent,
    Round,
    Vote,
)
from tdkt.org.models import Membership

S = Nomination.Status


def state(n: Nomination) -> tuple:
    """Everything a refused transition must leave untouched."""
    n.refresh_from_db()
    return (
        n.status,
        n.holder_level,
        n.holder_unit_id,
        n.current_snapshot_id,
        NominationEvent.objects.count(),
        AuditEntry.objects.count(),
        DossierSnapshot.objects.count(),
        Vote.objects.count(),
    )


def test_end_to_end(tree, clerk, officer, people, t, round_, board, engine):
    # The clerk of Sở LĐ-TBXH proposes two people and a collective of Phòng LĐ-VL.
    huong = nom.propose(clerk, round_, award_type=t["CSTD_TINH"], person=people.huong)
    tam = nom.propose(clerk, round_, award_type=t["BK_TINH"], person=people.tam)
    team = nom.propose(clerk, round_, award_type=t["BK_TINH"], unit=tree.pldvl)
    assert (huong.status, huong.verdict, huong.flagged) == (S.DRAFT, "eligible", False)
    assert huong.verdict_data["reasons"][0]["citation"] == "Decree 91/2017/NĐ-CP Art 9 k2"
    assert huong.position_at_time == "Chuyên viên"
    assert engine.calls[0] == ("Nguyễn Thị Hương", "CSTD_TINH", 2025)
    nom.attach_file(clerk, huong, upload("To trinh.pdf", PDF), kind="submission")
    nom.attach_file(
        clerk, huong, upload("Báo cáo thành tích.docx", DOCX), kind="achievement_report"
    )

    # Submitted: frozen, sent to the nearest active department above (SNV; the merged
    # SLDTBXH is skipped), where the clerk has no say; the officer forwards to the province.
    day = dt.date(2025, 12, 10)
    for n in (huong, tam, team):
        n = nom.submit(clerk, n, on=day)
        assert (n.status, n.holder_level, n.holder_unit) == (
            S.SUBMITTED,
            Level.DEPARTMENT,
            tree.snv,
        )
    huong.refresh_from_db()
    snap = huong.current_snapshot
    assert [(f["kind"], f["name"]) for f in snap.files] == [
        ("submission", "To trinh.pdf"),
        ("achievement_report", "Báo cáo thành tích.docx"),
    ]
    assert snap.data["award_type"] == "CSTD_TINH" and len(snap.digest) == 64
    with pytest.raises(PermissionDenied):
        nom.forward(clerk, huong)
    for n in (huong, tam, team):
        n = nom.forward(officer, n, on=dt.date(2025, 12, 12))
        assert (n.status, n.holder_level, n.holder_unit) == (S.IN_REVIEW, Level.PROVINCE, None)

    # The council (10 members, all present) votes; member 10 works in PLDVL and sits out.
    meeting = nom.create_meeting(
        officer, board.council, date=dt.date(2026, 1, 8), present=board.members
    )
    v1 = nom.record_vote(officer, meeting, huong, totals=(9, 0, 0))
    v2 = nom.record_vote(officer, meeting, tam, totals=(8, 1, 0))
    v3 = nom.record_vote(officer, meeting, team, totals=(7, 1, 1))
    assert list(v1.recused.all()) == [board.members[9]]
    assert v1.snapshot == snap
    nom.decide_votes(officer, meeting)
    v1.refresh_from_db()
    assert (v1.result, v1.threshold_pct, v1.threshold_inclusive) == ("passed", 90, True)
    assert v1.threshold_citation.startswith("Set by the ministry/province")
    # BK tỉnh: default threshold, more than half of all members: 8 and 7 of 10 pass.
    v2.refresh_from_db(), v3.refresh_from_db()
    assert (v2.result, v3.result) == ("passed", "passed")

    # The officer issues the decision: number, awards, money.
    decision = nom.issue_decision(
        officer,
        round_,
        date=DECISION_DAY,
        symbol="QĐ-SNV",
        signer_name="Nguyễn Văn Bình",
        signer_title="Giám đốc",
    )
    assert (decision.number, decision.seq, decision.symbol) == ("01/QĐ-SNV", 1, "QĐ-SNV")
    assert decision.subject == "Về việc khen thưởng: Xét khen thưởng năm 2025"
    rows = sorted(
        Award.objects.filter(decision=decision).values_list(
            "award_type__code",
            "year",
            "subject_kind",
            "person__full_name",
            "unit__code",
            "kind",
            "position_at_time",
        )
    )
    assert rows == [
        ("BK_TINH", 2025, "collective", None, "PLDVL", "merit", ""),
        ("BK_TINH", 2025, "individual", "Trần Văn Tâm", None, "merit", ""),
        ("CSTD_TINH", 2025, "individual", "Nguyễn Thị Hương", None, "merit", "Chuyên viên"),
    ]
    money = {
        n.pk: (n.status, n.money_multiple, n.money_amount, n.award.decision_id)
        for n in Nomination.objects.all()
    }
    assert money == {
        huong.pk: (S.DECIDED, Decimal("3.00"), 7_020_000, decision.pk),
        tam.pk: (S.DECIDED, Decimal("1.50"), 3_510_000, decision.pk),
        team.pk: (S.DECIDED, Decimal("3.00"), 7_020_000, decision.pk),
    }
    issued = IssuedDecision.objects.get(decision=decision)
    assert (issued.base_salary, issued.money_total) == (2_340_000, 17_550_000)
    assert issued.items_due == dt.date(2026, 1, 29)  # 10 working days after 15/01/2026
    actions = list(
        NominationEvent.objects.filter(nomination=huong).values_list(
            "action", "from_status", "to_status"
        )
    )
    assert actions == [
        ("propose", "", "draft"),
        ("submit", "draft", "submitted"),
        ("forward", "submitted", "in_review"),
        ("decide_vote", "in_review", "approved"),
        ("issue", "approved", "decided"),
    ]
    assert (
        AuditEntry.objects.filter(model="nominations.nomination", object_id=str(huong.pk)).count()
        == 5
    )

    # Issuing again is refused, nothing changes.
    before = (Decision.objects.count(), Award.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError, match="Không có hồ sơ nào đã được hội đồng thông qua"):
        nom.issue_decision(officer, round_, date=DECISION_DAY, symbol="QĐ-SNV")
    with pytest.raises(ValidationError, match="đã có quyết định số 01/QĐ-SNV"):
        nom.issue_decision(officer, round_, date=DECISION_DAY, symbol="QĐ-SNV", nominations=[huong])
    assert before == (Decision.objects.count(), Award.objects.count(), AuditEntry.objects.count())

    # Revoking: a numbered revoking decision, the award marked with the reason.
    huong.refresh_from_db()
    revoking = nom.revoke(
        officer,
        [huong.award],
        date=dt.date(2026, 3, 2),
        symbol="QĐ-SNV",
        reason="Phát hiện khai man thành tích",
    )
    assert (revoking.number, revoking.kind) == ("02/QĐ-SNV", Decision.Kind.REVOKE)
    award = Award.objects.get(pk=huong.award.pk)
    assert (award.revoked_by, award.revoked_reason) == (revoking, "Phát hiện khai man thành tích")
    huong.refresh_from_db()
    assert huong.status == S.REVOKED
    back = IssuedDecision.objects.get(decision=revoking)
    assert (back.money_total, back.items_due) == (7_020_000, dt.date(2026, 3, 23))
    with pytest.raises(ValidationError, match="đã bị huỷ bỏ trước đó"):
        nom.revoke(officer, [award], date=dt.date(2026, 3, 3), symbol="QĐ-SNV", reason="x")


def submitted(clerk, officer, n, *, to_review=True):
    n = nom.submit(clerk, n, on=dt.date(2025, 12, 10))
    if to_review:
        n = nom.forward(officer, n, on=dt.date(2025, 12, 11))
    return n


def test_illegal_transitions_change_nothing(tree, clerk, officer, people, t, round_, board, engine):
    n = nom.propose(clerk, round_, award_type=t["CSTD_TINH"], person=people.huong)
    snapshot = state(n)
    for call, message in [
        (lambda: nom.forward(officer, n), "Không thể chuyển cấp trên hồ sơ .* “Đang soạn”"),
        (lambda: nom.return_with_reason(officer, n, "Thiếu"), "Không thể trả lại"),
        (
            lambda: nom.issue_decision(
                officer, round_, date=DECISION_DAY, symbol="QĐ-SNV", nominations=[n]
            ),
            "Không thể ra quyết định cho",
        ),
    ]:
        with pytest.raises(ValidationError, match=message):
            call()
        assert state(n) == snapshot

    n = submitted(clerk, officer, n)
    snapshot = state(n)
    meeting = nom.create_meeting(
        officer, board.council, date=dt.date(2026, 1, 8), present=board.members
    )
    snapshot = state(n)
    for call, message in [
        (lambda: nom.submit(clerk, n), "Không thể trình hồ sơ .* “Chờ hội đồng xét”"),
        (lambda: nom.forward(officer, n), "đã ở cấp xét quyết định"),
        (
            lambda: nom.attach_file(clerk, n, upload("a.pdf", PDF), kind="other"),
            "Không thể sửa tệp của hồ sơ",
        ),
        (lambda: nom.return_with_reason(officer, n, "   "), "Cần ghi rõ lý do trả lại"),
    ]:
        with pytest.raises(ValidationError, match=message):
            call()
        assert state(n) == snapshot

    nom.record_vote(officer, meeting, n, totals=(5, 4, 0))
    snapshot = state(n)
    for call, message in [
        (lambda: nom.withdraw(clerk, n), "hội đồng đang biểu quyết"),
        (lambda: nom.return_with_reason(officer, n, "Thiếu hồ sơ"), "hội đồng đang biểu quyết"),
        (
            lambda: nom.record_vote(officer, meeting, n, totals=(9, 0, 0)),
            "đang có kết quả biểu quyết chờ kết luận",
        ),
    ]:
        with pytest.raises(ValidationError, match=message):
            call()
        assert state(n) == snapshot

    nom.decide_votes(officer, meeting)  # 5 of 10 for CSTĐ tỉnh: rejected
    n.refresh_from_db()
    assert n.status == S.REJECTED
    snapshot = state(n)
    for call, message in [
        (lambda: nom.withdraw(clerk, n), "Không thể rút hồ sơ .* “Không được thông qua”"),
        (lambda: nom.submit(clerk, n), "Không thể trình"),
        (
            lambda: nom.issue_decision(officer, round_, date=DECISION_DAY, symbol="QĐ-SNV"),
            "Không có hồ sơ nào",
        ),
        (lambda: nom.decide_votes(officer, meeting), "Không có kết quả biểu quyết nào"),
    ]:
        with pytest.raises(ValidationError, match=message):
            call()
        assert state(n) == snapshot


def test_return_edit_and_resubmit_makes_a_new_snapshot(
    tree, clerk, officer, people, t, round_, engine
):
    n = nom.propose(clerk, round_, award_type=t["CSTD_TINH"], person=people.huong)
    nom.attach_file(clerk, n, upload("bao-cao.pdf", PDF), kind="achievement_report")
    n = submitted(clerk, officer, n)
    first = n.current_snapshot
    n = nom.return_with_reason(
        officer, n, "Báo cáo thành tích chưa có xác nhận", on=dt.date(2025, 12, 16)
    )
    assert (n.status, n.holder_level, n.holder_unit, n.received_on) == (
        S.RETURNED,
        Level.UNIT,
        tree.pldvl,
        dt.date(2025, 12, 16),
    )
    event = n.events.last()
    assert (event.action, event.reason) == ("return", "Báo cáo thành tích chưa có xác nhận")
    old = n.files.get()
    nom.remove_file(clerk, old)
    nom.attach_file(
        clerk, n, upload("bao-cao-co-xac-nhan.pdf", PDF + b"%signed"), kind="achievement_report"
    )
    n = nom.submit(clerk, n, on=dt.date(2025, 12, 17))
    assert n.current_snapshot.number == 2
    assert [f["name"] for f in first.files] == ["bao-cao.pdf"]
    assert [f["name"] for f in n.current_snapshot.files] == ["bao-cao-co-xac-nhan.pdf"]
    assert first.digest != n.current_snapshot.digest
    assert old.file.storage.exists(old.file.name)  # kept: the first snapshot lists it


def test_withdraw(tree, clerk, officer, people, t, round_, engine):
    n = nom.propose(clerk, round_, award_type=t["CSTD_TINH"], person=people.huong)
    n = nom.submit(clerk, n, on=dt.date(2025, 12, 10))
    n = nom.withdraw(clerk, n, reason="Đơn vị rút đề nghị")
    assert n.status == S.WITHDRAWN
    # A withdrawn proposal no longer blocks a new one for the same title and year.
    again = nom.propose(clerk, round_, award_type=t["CSTD_TINH"], person=people.huong)
    assert again.status == S.DRAFT


def test_not_eligible_needs_justification_and_stays_flagged(
    tree, clerk, officer, people, t, round_, board, engine
):
    engine.verdicts[("Nguyễn Thị Hương", "CSTD_TINH")] = "not_eligible"
    audit = AuditEntry.objects.count()
    for text in ("", "   "):
        with pytest.raises(ValidationError, match="muốn vẫn đề nghị phải ghi rõ lý do"):
            nom.propose(
                clerk, round_, award_type=t["CSTD_TINH"], person=people.huong, justification=text
            )
    assert not Nomination.objects.exists() and AuditEntry.objects.count() == audit

    n = nom.propose(
        clerk,
        round_,
        award_type=t["CSTD_TINH"],
        person=people.huong,
        justification="Có sáng kiến cấp tỉnh năm 2025 chưa kịp cập nhật.",
    )
    assert (n.verdict, n.flagged) == ("not_eligible", True)
    n = submitted(clerk, officer, n)
    assert n.current_snapshot.data["flagged"] is True
    meeting = nom.create_meeting(
        officer, board.council, date=dt.date(2026, 1, 8), present=board.members
    )
    nom.record_vote(officer, meeting, n, totals=(9, 0, 0))
    nom.decide_votes(officer, meeting)
    n.refresh_from_db()
    assert (n.status, n.flagged) == (S.APPROVED, True)
    from tdkt.nominations.queries import meeting_results

    (row,) = meeting_results(meeting)
    assert (row["flagged"], row["justification"], row["result"]) == (
        True,
        "Có sáng kiến cấp tỉnh năm 2025 chưa kịp cập nhật.",
        "passed",
    )


def test_undetermined_is_not_flagged(clerk, people, t, round_, engine):
    engine.verdicts[("Nguyễn Thị Hương", "CSTD_TINH")] = "undetermined"
    n = nom.propose(clerk, round_, award_type=t["CSTD_TINH"], person=people.huong)
    assert (n.verdict, n.flagged, n.justification) == ("undetermined", False, "")


def test_proposal_refusals(tree, clerk, officer, viewer, people, t, round_, engine):
    with pytest.raises(PermissionDenied):  # Lan works in VP, outside the clerk's subtree
        nom.propose(clerk, round_, award_type=t["CSTD_TINH"], person=people.lan)
    with pytest.raises(PermissionDenied):
        nom.propose(viewer, round_, award_type=t["CSTD_TINH"], person=people.huong)
    cases = [
        (dict(award_type=t["LDTT"], person=people.huong), "Đợt xét này không xét"),
        (dict(award_type=t["CSTD_TINH"], unit=tree.pldvl), "không dành cho tập thể"),
        (dict(award_type=t["CSTD_TINH"]), "đúng một đối tượng"),
        (dict(award_type=t["CSTD_TINH"], person=people.huong, year=2026), "Năm thành tích"),
        (
            dict(award_type=t["CSTD_TINH"], person=people.huong, proposing_unit=tree.vp),
            "không thuộc đơn vị đề nghị",
        ),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValidationError, match=message):
            nom.propose(clerk, round_, **kwargs)
    assert not Nomination.objects.exists()

    nom.propose(clerk, round_, award_type=t["CSTD_TINH"], person=people.huong)
    with pytest.raises(ValidationError, match="đã được đề nghị Chiến sĩ thi đua cấp tỉnh năm 2025"):
        nom.propose(officer, round_, award_type=t["CSTD_TINH"], person=people.huong)
    nom.close_round(officer, round_)
    with pytest.raises(ValidationError, match="đã kết thúc, không nhận thêm đề nghị"):
        nom.propose(clerk, round_, award_type=t["BK_TINH"], person=people.tam)
    assert Nomination.objects.count() == 1


def test_already_awarded_is_refused(tree, clerk, officer, people, t, round_, engine):
    from tdkt.awards import domain as awards
    from tdkt.awards.domain import AwardLine

    awards.record_decision(
        officer,
        agency=tree.agency,
        number="12/QĐ-UBND",
        date=dt.date(2026, 2, 1),
        lines=[AwardLine(t["BK_TINH"], 2025, person=people.tam)],
    )
    with pytest.raises(ValidationError, match="quyết định số 12/QĐ-UBND"):
        nom.propose(clerk, round_, award_type=t["BK_TINH"], person=people.tam)


def test_bulk_proposal_is_all_or_nothing(tree, clerk, people, t, round_, engine):
    engine.verdicts[("Trần Văn Tâm", "BK_TINH")] = "not_eligible"
    lines = [
        nom.Proposal(t["BK_TINH"], person=people.huong),
        nom.Proposal(t["BK_TINH"], person=people.tam),  # not eligible, no justification
        nom.Proposal(t["BK_TINH"], unit=tree.pldvl),
        nom.Proposal(t["BK_TINH"], person=people.huong),  # duplicate of line 1
    ]
    with pytest.raises(ValidationError) as e:
        nom.propose_many(clerk, round_, lines)
    assert [m.split(":")[0] for m in e.value.messages] == ["Dòng 2", "Dòng 4"]
    assert not Nomination.objects.exists()
    lines[1].justification = "Thành tích đột xuất trong phòng chống lụt bão."
    created = nom.propose_many(clerk, round_, lines[:3])
    assert [(n.subject_name, n.flagged) for n in created] == [
        ("Nguyễn Thị Hương", False),
        ("Trần Văn Tâm", True),
        ("Phòng Lao động – Việc làm", False),
    ]


def test_routing_for_department_round_and_other_units(tree, officer, t, engine):
    """A department-level round decided at SNV: a unit directly under SNV goes straight to
    review; the merged SLDTBXH's division too (SLDTBXH is no longer active)."""
    from tdkt.org import domain as org

    r = nom.create_round(
        officer,
        agency=tree.agency,
        name="Giấy khen Giám đốc Sở 2025",
        kind=Round.Kind.YEARLY,
        issuer_level=Level.DEPARTMENT,
        organiser=tree.snv,
        year=2025,
        award_types=[t["GK"]],
    )
    vp_clerk = make_member(tree, "vanthu_vp", Membership.Role.CLERK, tree.vp)
    a = org.create_person(None, unit=tree.vp, full_name="Phạm Thu Hà")
    n = nom.propose(vp_clerk, r, award_type=t["GK"], person=a)
    n = nom.submit(vp_clerk, n, on=dt.date(2025, 12, 1))
    assert (n.status, n.holder_level, n.holder_unit) == (S.IN_REVIEW, Level.DEPARTMENT, tree.snv)
    with pytest.raises(ValidationError, match="không thuộc phạm vi đợt xét"):
        nom.propose(officer, r, award_type=t["GK"], unit=tree.other)

    with pytest.raises(ValidationError, match="phải chọn đơn vị tổ chức"):
        nom.create_round(
            officer,
            agency=tree.agency,
            name="Thiếu đơn vị",
            kind=Round.Kind.YEARLY,
            issuer_level=Level.UNIT,
            year=2025,
            award_types=[t["GK"]],
        )
    with pytest.raises(PermissionDenied):
        nom.create_round(
            vp_clerk,
            agency=tree.agency,
            name="Không có quyền",
            kind=Round.Kind.YEARLY,
            issuer_level=Level.PROVINCE,
            year=2025,
            award_types=[t["GK"]],
        )


def test_commune_goes_straight_to_the_province(tree, officer, t, round_, engine):
    """UBND_X has no department above it: submit sends it to the agency level at once."""
    n = nom.propose(officer, round_, award_type=t["BK_TINH"], unit=tree.other)
    n = nom.submit(officer, n, on=dt.date(2025, 12, 1))
    assert (n.status, n.holder_level, n.holder_unit) == (S.IN_REVIEW, Level.PROVINCE, None)


def test_meeting_members_must_belong(tree, officer, board):
    other = nom.create_council(
        officer, agency=tree.agency, level=Level.DEPARTMENT, name="Hội đồng Sở", unit=tree.snv
    )
    stranger = nom.add_council_member(officer, other, name="Người ngoài")
    with pytest.raises(ValidationError, match="Không phải thành viên hội đồng ngày 08/01/2026"):
        nom.create_meeting(
            officer, board.council, date=dt.date(2026, 1, 8), present=[*board.members, stranger]
        )
    assert not Meeting.objects.exists()
