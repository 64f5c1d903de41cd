"""Council votes: thresholds as a share of ALL members, council size, conflicts of interest,
secret ballots, quorum, who may record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from nominations_support import make_member

from tdkt.common.models import AuditEntry
from tdkt.nominations import domain as nom
from tdkt.nominations.models import (
    Ballot,
    BallotReceipt,
    CouncilMember,
    Level,
    Meeting,
    Nomination,
    Vote,
)
from tdkt.org import domain as org
from tdkt.org.models import Membership

S = Nomination.Status
DAY = dt.date(2026, 1, 8)


def in_review(actor, round_, award_type, **subject):
    n = nom.propose(actor, round_, award_type=award_type, **subject)
    n = nom.submit(actor, n, on=dt.date(2025, 12, 10))
    if n.status == S.SUBMITTED:
        n = nom.forward(actor, n, on=dt.date(2025, 12, 11))
    assert n.status == S.IN_REVIEW
    return n


@pytest.fixture
def outsiders(tree):
    """People of UBND xã Hoà Bình: no council member works there (no conflicts)."""
    return [
        org.create_person(None, unit=tree.other, full_name=f"Hoàng Văn Khoa {i}") for i in range(4)
    ]


@pytest.fixture
def meeting(officer, board):
    return nom.create_meeting(officer, board.council, date=DAY, present=board.members)


@pytest.mark.parametrize(
    ("code", "yes", "result", "pct", "inclusive", "citation"),
    [
        ("CSTD_TINH", 9, "passed", 90, True, "Set by the ministry/province (default 90%)"),
        ("CSTD_TINH", 8, "failed", 90, True, "Set by the ministry/province (default 90%)"),
        ("CSTDTQ", 9, "passed", 90, True, "Decree 152/2025/NĐ-CP Art 33 k5"),
        ("CSTDTQ", 8, "failed", 90, True, "Decree 152/2025/NĐ-CP Art 33 k5"),
        ("CO_CP", 8, "passed", 80, True, "Decree 152/2025/NĐ-CP Art 33 k5"),
        ("CO_CP", 7, "failed", 80, True, "Decree 152/2025/NĐ-CP Art 33 k5"),
        ("BK_TINH", 6, "passed", 50, False, "Set by the agency's regulation"),
        ("BK_TINH", 5, "failed", 50, False, "Set by the agency's regulation"),
    ],
)
def test_threshold_counts_all_members(
    tree,
    officer,
    t,
    round_,
    board,
    meeting,
    outsiders,
    engine,
    code,
    yes,
    result,
    pct,
    inclusive,
    citation,
):
    subject = {"unit": tree.other} if code == "CO_CP" else {"person": outsiders[0]}
    n = in_review(officer, round_, t[code], **subject)
    # Everyone present, the rest vote against: the share is of all 10 members.
    vote = nom.record_vote(officer, meeting, n, totals=(yes, 10 - yes, 0))
    assert vote.members_total == 10 and not vote.recused.exists()
    (decided,) = nom.decide_votes(officer, meeting)
    assert (decided.result, decided.threshold_pct, decided.threshold_inclusive) == (
        result,
        pct,
        inclusive,
    )
    assert decided.threshold_citation.startswith(citation)
    n.refresh_from_db()
    assert n.status == (S.APPROVED if result == "passed" else S.REJECTED)


def test_absent_members_still_count(tree, officer, t, round_, board, outsiders, engine):
    """9 of 10 members present, all 9 vote yes: 90% of ALL members, passes; 8 present and
    8 yes fails even though it is 100% of those present."""
    a = in_review(officer, round_, t["CSTD_TINH"], person=outsiders[0])
    b = in_review(officer, round_, t["CSTD_TINH"], person=outsiders[1])
    m9 = nom.create_meeting(officer, board.council, date=DAY, present=board.members[:9])
    m8 = nom.create_meeting(officer, board.council, date=DAY, present=board.members[:8])
    nom.record_vote(officer, m9, a, totals=(9, 0, 0))
    nom.record_vote(officer, m8, b, totals=(8, 0, 0))
    assert [v.result for v in nom.decide_votes(officer, m9)] == ["passed"]
    assert [v.result for v in nom.decide_votes(officer, m8)] == ["failed"]


def test_votes_beyond_council_size_refused(tree, officer, t, round_, board, outsiders, engine):
    n = in_review(officer, round_, t["CSTD_TINH"], person=outsiders[0])
    m8 = nom.create_meeting(officer, board.council, date=DAY, present=board.members[:8])
    audit = AuditEntry.objects.count()
    for totals, message in [
        ((11, 0, 0), r"Tổng số phiếu \(11\) vượt quá số thành viên hội đồng \(10\)"),
        ((6, 4, 1), r"Tổng số phiếu \(11\) vượt quá số thành viên hội đồng \(10\)"),
        ((9, 0, 0), r"vượt quá số thành viên có mặt được biểu quyết \(8\)"),
        ((-1, 0, 0), "không được âm"),
    ]:
        with pytest.raises(ValidationError, match=message):
            nom.record_vote(officer, m8, n, totals=totals)
    assert not Vote.objects.exists() and AuditEntry.objects.count() == audit
    n.refresh_from_db()
    assert n.status == S.IN_REVIEW


def test_conflict_of_interest(tree, clerk, officer, t, round_, board, meeting, people, engine):
    huong = nom.propose(clerk, round_, award_type=t["CSTD_TINH"], person=people.huong)
    huong = nom.forward(officer, nom.submit(clerk, huong, on=dt.date(2025, 12, 10)))
    # Member 10 works in Phòng LĐ-VL (the proposing unit): 9 can vote at most.
    with pytest.raises(ValidationError, match=r"có mặt được biểu quyết \(9\)"):
        nom.record_vote(officer, meeting, huong, totals=(10, 0, 0))
    own_unit = board.members[9]
    with pytest.raises(
        ValidationError, match="Thành viên 10 không được biểu quyết hồ sơ của đơn vị mình"
    ):
        nom.record_vote(officer, meeting, huong, ballots=[(m, "yes") for m in board.members])
    assert not Vote.objects.exists() and not Ballot.objects.exists()

    # A member who is the nominee: refused "chính mình".
    self_member = nom.add_council_member(
        officer, board.council, name="Trần Văn Tâm", person=people.tam
    )
    tam = nom.propose(clerk, round_, award_type=t["BK_TINH"], person=people.tam)
    tam = nom.forward(officer, nom.submit(clerk, tam, on=dt.date(2025, 12, 10)))
    m2 = nom.create_meeting(officer, board.council, date=DAY, present=[*board.members, self_member])
    with pytest.raises(
        ValidationError, match="không được biểu quyết hồ sơ đề nghị khen thưởng chính mình"
    ):
        nom.record_vote(officer, m2, tam, ballots=[(self_member, "yes")])
    vote = nom.record_vote(officer, m2, tam, ballots=[(m, "yes") for m in board.members[:9]])
    assert sorted(m.pk for m in vote.recused.all()) == sorted([own_unit.pk, self_member.pk])
    assert (vote.yes, vote.members_total) == (9, 11)


def test_secret_ballots(tree, officer, t, round_, board, meeting, outsiders, engine):
    n = in_review(officer, round_, t["CSTD_TINH"], person=outsiders[0])
    other = nom.create_council(
        officer, agency=tree.agency, level=Level.DEPARTMENT, name="Hội đồng Sở", unit=tree.snv
    )
    stranger = nom.add_council_member(officer, other, name="Người ngoài")
    absent_meeting = nom.create_meeting(officer, board.council, date=DAY, present=board.members[:7])
    for ballots, message, where in [
        ([(stranger, "yes")], "Người ngoài không phải thành viên hội đồng", meeting),
        ([(board.members[8], "yes")], "Thành viên 09 không có mặt tại phiên họp", absent_meeting),
        ([(board.members[0], "yes"), (board.members[0], "no")], "đã bỏ phiếu", meeting),
        ([(board.members[0], "maybe")], "Lựa chọn “maybe” không hợp lệ", meeting),
    ]:
        with pytest.raises(ValidationError, match=message):
            nom.record_vote(officer, where, n, ballots=ballots)
    assert not Vote.objects.exists() and not BallotReceipt.objects.exists()

    choices = ["yes"] * 9 + ["abstain"]
    vote = nom.record_vote(
        officer, meeting, n, ballots=list(zip(board.members, choices, strict=True))
    )
    assert (vote.mode, vote.yes, vote.no, vote.abstain) == ("ballot", 9, 0, 1)
    assert sorted(Ballot.objects.values_list("choice", flat=True)) == ["abstain"] + ["yes"] * 9
    assert {f.name for f in Ballot._meta.get_fields()} == {"id", "vote", "choice"}
    assert BallotReceipt.objects.filter(vote=vote).count() == 10
    entry = AuditEntry.objects.get(model="nominations.vote", action="vote")
    assert set(entry.after) == {
        "nomination",
        "snapshot",
        "mode",
        "yes",
        "no",
        "abstain",
        "members_total",
        "recused",
    }  # who chose what: nowhere
    assert [v.result for v in nom.decide_votes(officer, meeting)] == ["passed"]


def test_cast_ballot_by_the_member_only(tree, officer, t, round_, board, outsiders, engine):
    users = [make_member(tree, f"hd{i}", Membership.Role.COUNCIL) for i in range(3)]
    seats = [
        nom.add_council_member(officer, board.council, name=f"Ủy viên {i}", user=u)
        for i, u in enumerate(users)
    ]
    m = nom.create_meeting(officer, board.council, date=DAY, present=[*board.members, *seats])
    n = in_review(officer, round_, t["CSTD_TINH"], person=outsiders[0])
    vote = nom.record_vote(officer, m, n, ballots=[])
    with pytest.raises(PermissionDenied):
        nom.cast_ballot(users[1], vote, seats[0], "yes")
    vote = nom.cast_ballot(users[0], vote, seats[0], "yes")
    vote = nom.cast_ballot(users[1], vote, seats[1], "no")
    assert (vote.yes, vote.no, vote.abstain, vote.members_total) == (1, 1, 0, 13)
    with pytest.raises(ValidationError, match="Ủy viên 0 đã bỏ phiếu"):
        nom.cast_ballot(users[0], vote, seats[0], "no")
    vote.refresh_from_db()
    assert (vote.yes, vote.no) == (1, 1)
    nom.decide_votes(officer, m)
    with pytest.raises(ValidationError, match="không nhận phiếu bầu"):
        nom.cast_ballot(users[2], vote, seats[2], "yes")


def test_quorum(tree, officer, t, round_, board, outsiders, engine):
    n = in_review(officer, round_, t["BK_TINH"], person=outsiders[0])
    six = nom.create_meeting(officer, board.council, date=DAY, present=board.members[:6])
    nom.record_vote(officer, six, n, totals=(6, 0, 0))
    audit = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match=r"có mặt 6/10 thành viên \(ít nhất 2/3"):
        nom.decide_votes(officer, six)
    vote = Vote.objects.get()
    n.refresh_from_db()
    assert (vote.result, n.status, AuditEntry.objects.count()) == ("pending", S.IN_REVIEW, audit)
    assert nom.quorum_met(Meeting(quorum=Meeting.Quorum.TWO_THIRDS), 7, 10)
    assert not nom.quorum_met(Meeting(quorum=Meeting.Quorum.MAJORITY), 5, 10)
    assert nom.quorum_met(Meeting(quorum=Meeting.Quorum.MAJORITY), 6, 10)
    assert not nom.quorum_met(Meeting(quorum=Meeting.Quorum.ALL), 9, 10)


def test_members_outside_their_term_do_not_count(
    tree, officer, t, round_, board, outsiders, engine
):
    CouncilMember.objects.filter(pk=board.members[9].pk).update(active_to=dt.date(2025, 12, 31))
    m = nom.create_meeting(officer, board.council, date=DAY, present=board.members[:9])
    n = in_review(officer, round_, t["CSTD_TINH"], person=outsiders[0])
    vote = nom.record_vote(officer, m, n, totals=(9, 0, 0))
    assert vote.members_total == 9
    with pytest.raises(ValidationError, match="Không phải thành viên hội đồng ngày 08/01/2026"):
        nom.create_meeting(officer, board.council, date=DAY, present=board.members)


def test_who_records_votes(tree, clerk, officer, t, round_, board, outsiders, engine):
    secretary_user = make_member(tree, "thuky", Membership.Role.COUNCIL)
    member_user = make_member(tree, "uyvien", Membership.Role.COUNCIL)
    CouncilMember.objects.filter(pk=board.members[1].pk).update(user=secretary_user)
    CouncilMember.objects.filter(pk=board.members[2].pk).update(user=member_user)
    m = nom.create_meeting(officer, board.council, date=DAY, present=board.members)
    n = in_review(officer, round_, t["CSTD_TINH"], person=outsiders[0])
    for user in (clerk, member_user):
        with pytest.raises(PermissionDenied):
            nom.record_vote(user, m, n, totals=(9, 0, 0))
    assert nom.record_vote(secretary_user, m, n, totals=(9, 0, 0)).yes == 9
    with pytest.raises(PermissionDenied):
        nom.decide_votes(member_user, m)
    assert [v.result for v in nom.decide_votes(secretary_user, m)] == ["passed"]


def test_wrong_council_refused(tree, officer, t, round_, outsiders, engine):
    dept = nom.create_council(
        officer, agency=tree.agency, level=Level.DEPARTMENT, name="Hội đồng TĐKT Sở", unit=tree.snv
    )
    member = nom.add_council_member(officer, dept, name="Chủ tịch", role=CouncilMember.Role.CHAIR)
    m = nom.create_meeting(officer, dept, date=DAY, present=[member])
    n = in_review(officer, round_, t["CSTD_TINH"], person=outsiders[0])
    with pytest.raises(ValidationError, match="không phải hội đồng xét hồ sơ này"):
        nom.record_vote(officer, m, n, totals=(1, 0, 0))
