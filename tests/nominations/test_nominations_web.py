"""The nomination pages: each page and action through the domain functions, permissions
(clerk, officer, viewer), scope (404 outside it), bad input (the form again, the Vietnamese
message by the field, nothing written), CSRF, and the dashboard widget."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
import sys
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import get_resolver, reverse
from nominations_support import COUNCIL_DAY, DECISION_DAY, EXE, PDF, make_member, upload

from tdkt.awards.models import Award, Decision
from tdkt.common.models import AuditEntry
from tdkt.nominations import domain as nom
from tdkt.nominations.models import (
    Ballot,
    Council,
    CouncilMember,
    DossierFile,
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


@pytest.fixture(autouse=True)
def _urls_loaded() -> None:
    """Import every URL module (and the real eligibility service) before ``engine`` swaps the
    service for the fake one: autouse fixtures run first."""
    get_resolver().url_patterns  # noqa: B018


def login(user: User, **kw: Any) -> Client:
    c = Client(**kw)
    c.force_login(user)
    return c


def text(response: Any) -> str:
    """Visible text of a page, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|title)\b.*?</\1>", " ", html, flags=re.S)
    return htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip())


def counts() -> tuple[int, ...]:
    """Rows that a refused action must leave as they were."""
    return (
        Round.objects.count(),
        Nomination.objects.count(),
        NominationEvent.objects.count(),
        DossierFile.objects.count(),
        Vote.objects.count(),
        Decision.objects.count(),
        Council.objects.count(),
        CouncilMember.objects.count(),
        Meeting.objects.count(),
        AuditEntry.objects.count(),
    )


def field_error(response: Any, name: str) -> str:
    """The error text shown under the field *name* (empty when none)."""
    html = response.content.decode()
    m = re.search(rf'id="id_{name}_error">(.*?)</div>', html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|⚠", " ", m.group(1))).strip() if m else ""


@pytest.fixture
def officer_c(officer: User) -> Client:
    return login(officer)


@pytest.fixture
def clerk_c(clerk: User) -> Client:
    return login(clerk)


@pytest.fixture
def viewer_c(viewer: User) -> Client:
    return login(viewer)


@pytest.fixture
def vp_clerk(tree: Any) -> User:
    """A clerk of Văn phòng Sở: PLDVL's dossiers are outside their scope."""
    return make_member(tree, "vanthu_vp", Membership.Role.CLERK, tree.vp)


def draft(clerk: User, round_: Round, t: dict, people: Any, code: str = "CSTD_TINH") -> Nomination:
    return nom.propose(clerk, round_, award_type=t[code], person=people.huong)


def in_review(clerk: User, officer: User, n: Nomination) -> Nomination:
    nom.attach_file(clerk, n, upload("To trinh.pdf", PDF), kind="submission")
    n = nom.submit(clerk, n, on=dt.date(2025, 12, 10))
    return nom.forward(officer, n, on=dt.date(2025, 12, 12))


def approved(clerk: User, officer: User, n: Nomination, board: Any) -> tuple[Nomination, Meeting]:
    n = in_review(clerk, officer, n)
    meeting = nom.create_meeting(officer, board.council, date=COUNCIL_DAY, present=board.members)
    nom.record_vote(officer, meeting, n, totals=(9, 0, 0))
    nom.decide_votes(officer, meeting)
    n.refresh_from_db()
    assert n.status == S.APPROVED
    return n, meeting


# --- rounds ----------------------------------------------------------------------------------


def test_round_list_for_each_role(round_, officer_c, clerk_c, viewer_c, client):
    for c in (officer_c, clerk_c, viewer_c):
        page = c.get(reverse("nominations:rounds"))
        assert page.status_code == 200
        assert "Xét khen thưởng năm 2025" in text(page)
    assert "Tạo đợt xét" in text(officer_c.get(reverse("nominations:rounds")))
    assert "Tạo đợt xét" not in text(clerk_c.get(reverse("nominations:rounds")))
    anonymous = client.get(reverse("nominations:rounds"))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/dang-nhap/")


def test_officer_creates_a_round(tree, officer, officer_c, t):
    response = officer_c.post(
        reverse("nominations:round_create"),
        {
            "name": "  Khen thưởng chuyên đề   phòng chống thiên tai ",
            "kind": "thematic",
            "issuer_level": "department",
            "organiser": tree.snv.pk,
            "year": 2026,
            "award_types": [t["GK"].pk, t["BK_TINH"].pk],
            "submission_due": "15/12/2026",
            "council_date": "18/12/2026",
        },
    )
    r = Round.objects.get(kind="thematic")
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:round", args=[r.pk])
    assert r.name == "Khen thưởng chuyên đề phòng chống thiên tai"
    assert (r.organiser, r.year, r.submission_due) == (tree.snv, 2026, dt.date(2026, 12, 15))
    assert sorted(r.award_types.values_list("code", flat=True)) == ["BK_TINH", "GK"]
    assert AuditEntry.objects.get(model="nominations.round").user == officer


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Trường này là bắt buộc."),
        ({"award_types": []}, "award_types", "Cần chọn ít nhất một danh hiệu, hình thức được xét."),
        ({"submission_due": "31/02/2026"}, "submission_due", "Nhập ngày theo dạng dd/mm/yyyy"),
        ({"year": "20x6"}, "year", "Nhập năm bằng chữ số, ví dụ 2024."),
        ({"organiser": ""}, "organiser", "Đợt xét cấp đơn vị, cấp sở phải chọn đơn vị tổ chức."),
        (
            {"council_date": "01/12/2026"},
            "council_date",
            "Ngày họp hội đồng phải sau hạn nộp hồ sơ.",
        ),
    ],
)
def test_round_form_errors_write_nothing(tree, officer_c, t, changes, field, message):
    data = {
        "name": "Đợt xét",
        "kind": "yearly",
        "issuer_level": "department",
        "organiser": tree.snv.pk,
        "year": 2026,
        "award_types": [t["GK"].pk],
        "submission_due": "15/12/2026",
        "council_date": "18/12/2026",
    } | changes
    before = counts()
    response = officer_c.post(reverse("nominations:round_create"), data)
    assert response.status_code == 200
    assert message in field_error(response, field)
    assert counts() == before


def test_clerk_and_viewer_cannot_create_rounds(tree, clerk_c, viewer_c, t):
    before = counts()
    for c in (clerk_c, viewer_c):
        assert c.get(reverse("nominations:round_create")).status_code == 403
        data = {
            "name": "X",
            "kind": "yearly",
            "issuer_level": "province",
            "year": 2026,
            "award_types": [t["GK"].pk],
        }
        assert c.post(reverse("nominations:round_create"), data).status_code == 403
    assert counts() == before


def test_round_detail_filters_and_highlights_flagged(
    tree, clerk, officer, clerk_c, round_, t, people, engine
):
    engine.verdicts[("Trần Văn Tâm", "BK_TINH")] = "not_eligible"
    a = draft(clerk, round_, t, people)
    b = nom.propose(
        clerk,
        round_,
        award_type=t["BK_TINH"],
        person=people.tam,
        justification="Có thành tích đột xuất trong cứu hộ lũ",
    )
    c = nom.propose(clerk, round_, award_type=t["BK_TINH"], unit=tree.pldvl)
    nom.submit(clerk, c, on=dt.date(2025, 12, 10))
    url = reverse("nominations:round", args=[round_.pk])
    page = clerk_c.get(url)
    body = text(page)
    assert all(
        name in body for name in ("Nguyễn Thị Hương", "Trần Văn Tâm", "Phòng Lao động – Việc làm")
    )
    html = page.content.decode()
    flagged_rows = re.findall(r'<tr class="is-flagged">.*?</tr>', html, flags=re.S)
    assert len(flagged_rows) == 1 and "Trần Văn Tâm" in flagged_rows[0]
    assert 'title="Có thành tích đột xuất trong cứu hộ lũ"' in flagged_rows[0]

    def names(query: dict) -> list[str]:
        html = clerk_c.get(url, query).content.decode()
        return re.findall(r'/xet-khen/ho-so/\d+/">([^<]+)</a>', html)

    assert names({"code": "CSTD_TINH"}) == ["Nguyễn Thị Hương"]
    assert names({"status": "submitted"}) == ["Phòng Lao động – Việc làm"]
    assert names({"flagged": "on"}) == ["Trần Văn Tâm"]
    assert sorted(names({"unit": tree.pldvl.pk})) == sorted(
        ["Nguyễn Thị Hương", "Trần Văn Tâm", "Phòng Lao động – Việc làm"]
    )
    # Văn phòng is outside the clerk's scope: the filter is refused (and ignored).
    assert "Lựa chọn không hợp lệ." in field_error(clerk_c.get(url, {"unit": tree.vp.pk}), "unit")
    officer_html = login(officer).get(url, {"unit": tree.vp.pk}).content.decode()
    assert re.findall(r'/xet-khen/ho-so/\d+/">([^<]+)</a>', officer_html) == []
    assert {a.pk, b.pk, c.pk} == set(Nomination.objects.values_list("pk", flat=True))


def test_round_outside_scope_is_404(tree, officer, vp_clerk, t):
    unit_round = nom.create_round(
        officer,
        agency=tree.agency,
        name="Xét khen thưởng của Sở LĐ-TBXH cũ",
        kind="yearly",
        issuer_level=Level.UNIT,
        organiser=tree.pldvl,
        year=2025,
        award_types=[t["GK"]],
    )
    c = login(vp_clerk)
    assert c.get(reverse("nominations:round", args=[unit_round.pk])).status_code == 404
    assert c.get(reverse("nominations:propose", args=[unit_round.pk])).status_code == 404
    assert c.get(reverse("nominations:round", args=[999999])).status_code == 404


def test_publish_and_close(round_, officer, officer_c, clerk_c):
    url = reverse("nominations:round_publish", args=[round_.pk])
    before = counts()
    assert clerk_c.post(url, {"on": "02/01/2026"}).status_code == 403
    late = officer_c.post(url, {"on": "20/01/2026"})
    assert late.status_code == 200
    assert field_error(late, "on") == "Ngày công khai phải trước ngày họp hội đồng."
    assert counts() == before
    ok = officer_c.post(url, {"on": "02/01/2026"})
    assert ok.status_code == 302
    round_.refresh_from_db()
    assert round_.published_on == dt.date(2026, 1, 2)

    close = reverse("nominations:round_close", args=[round_.pk])
    assert clerk_c.post(close).status_code == 403
    assert officer_c.get(close).status_code == 405
    officer_c.post(close)
    round_.refresh_from_db()
    assert round_.status == Round.Status.CLOSED
    again = officer_c.post(close, follow=True)
    assert f"Đợt xét “{round_.name}” đã kết thúc." in text(again)
    assert clerk_c.get(reverse("nominations:propose", args=[round_.pk])).status_code == 403


# --- proposing one by one --------------------------------------------------------------------


def test_clerk_proposes_one_person(tree, clerk, clerk_c, round_, t, people, engine):
    url = reverse("nominations:propose", args=[round_.pk])
    assert clerk_c.get(url).status_code == 200
    response = clerk_c.post(
        url,
        {
            "subject_kind": "individual",
            "subject": f"p:{people.huong.pk}",
            "award_type": t["CSTD_TINH"].pk,
            "year": 2025,
        },
    )
    n = Nomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:nomination", args=[n.pk])
    assert (n.person, n.award_type.code, n.proposing_unit, n.status, n.created_by) == (
        people.huong,
        "CSTD_TINH",
        tree.pldvl,
        S.DRAFT,
        clerk,
    )
    page = clerk_c.get(response["Location"])
    body = text(page)
    assert "Đủ điều kiện" in body and "Decree 91/2017/NĐ-CP Art 9 k2" in body
    assert "Đã lập hồ sơ đề nghị" in body


def test_not_eligible_needs_justification_in_the_form(clerk_c, round_, t, people, engine):
    engine.verdicts[("Nguyễn Thị Hương", "CSTD_TINH")] = "not_eligible"
    url = reverse("nominations:propose", args=[round_.pk])
    data = {
        "subject_kind": "individual",
        "subject": f"p:{people.huong.pk}",
        "award_type": t["CSTD_TINH"].pk,
        "year": 2025,
    }
    before = counts()
    response = clerk_c.post(url, data)
    assert response.status_code == 200
    assert field_error(response, "justification") == (
        "Hệ thống xét “Nguyễn Thị Hương” chưa đủ điều kiện Chiến sĩ thi đua cấp tỉnh; "
        "muốn vẫn đề nghị phải ghi rõ lý do."
    )
    assert "Không đủ điều kiện" in text(response)  # the verdict with its reasons is shown
    assert counts() == before
    ok = clerk_c.post(url, data | {"justification": "Sáng kiến cấp tỉnh được công nhận muộn"})
    assert ok.status_code == 302
    n = Nomination.objects.get()
    assert (n.verdict, n.flagged, n.justification) == (
        "not_eligible",
        True,
        "Sáng kiến cấp tỉnh được công nhận muộn",
    )
    assert "cần lưu ý" in text(clerk_c.get(ok["Location"]))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"subject": ""}, "subject", "Hãy tìm và chọn một cá nhân hoặc tập thể."),
        ({"subject": "p:abc"}, "subject", "Không tìm thấy cá nhân, tập thể này"),
        ({"award_type": ""}, "award_type", "Trường này là bắt buộc."),
        ({"year": "2030"}, "year", "Năm thành tích 2030 không hợp lệ cho đợt xét này."),
    ],
)
def test_propose_form_errors(clerk_c, round_, t, people, engine, changes, field, message):
    data = {
        "subject_kind": "individual",
        "subject": f"p:{people.huong.pk}",
        "award_type": t["CSTD_TINH"].pk,
        "year": 2025,
    } | changes
    before = counts()
    response = clerk_c.post(reverse("nominations:propose", args=[round_.pk]), data)
    assert response.status_code == 200
    assert message in field_error(response, field)
    assert counts() == before


def test_propose_out_of_scope_subject_and_viewer(clerk_c, viewer_c, round_, t, people, engine):
    before = counts()
    url = reverse("nominations:propose", args=[round_.pk])
    data = {
        "subject_kind": "individual",
        "subject": f"p:{people.lan.pk}",
        "award_type": t["CSTD_TINH"].pk,
        "year": 2025,
    }
    response = clerk_c.post(url, data)
    assert response.status_code == 200
    assert field_error(response, "subject") == (
        "Không tìm thấy cá nhân, tập thể này trong phạm vi của bạn."
    )
    assert viewer_c.get(url).status_code == 403
    assert viewer_c.post(url, data | {"subject": f"p:{people.huong.pk}"}).status_code == 403
    assert counts() == before


def test_subject_search_folds_and_is_scoped(tree, clerk_c, officer_c, round_, people):
    url = reverse("nominations:propose_search", args=[round_.pk])
    hits = clerk_c.get(url, {"q": "nguyen thi huong"}, HTTP_HX_REQUEST="true")
    assert hits.status_code == 200
    assert f'value="p:{people.huong.pk}"' in hits.content.decode()
    assert "Nguyễn Thị Hương" in text(hits)
    # Lê Thị Lan works in Văn phòng: outside the clerk's scope, found by the officer.
    assert "Không tìm thấy ai khớp với “le thi lan”" in text(clerk_c.get(url, {"q": "le thi lan"}))
    assert f'value="p:{people.lan.pk}"' in officer_c.get(url, {"q": "le thi lan"}).content.decode()
    units = clerk_c.get(url, {"q": "viec lam", "subject_kind": "collective"})
    assert f'value="u:{tree.pldvl.pk}"' in units.content.decode()


def test_verdict_preview(clerk_c, round_, t, people, engine):
    engine.verdicts[("Nguyễn Thị Hương", "CSTD_TINH")] = "not_eligible"
    url = reverse("nominations:propose_verdict", args=[round_.pk])
    page = clerk_c.get(url, {"subject": f"p:{people.huong.pk}", "award_type": t["CSTD_TINH"].pk})
    body = text(page)
    assert "Không đủ điều kiện" in body and "cstdcs_3_consecutive" in body
    assert "Decree 91/2017/NĐ-CP Art 9 k2" in body and "phải ghi rõ lý do" in body
    # A person outside the scope gives no verdict at all.
    other = clerk_c.get(url, {"subject": f"p:{people.lan.pk}", "award_type": t["CSTD_TINH"].pk})
    assert "Kết quả xét điều kiện" not in text(other)


# --- bulk from the eligibility list ----------------------------------------------------------


def test_bulk_without_the_eligibility_service_lists_undetermined(
    tree, clerk, clerk_c, round_, t, people, engine
):
    # The fake service has evaluate_subject only: the list falls back to the unit's people.
    assert not hasattr(sys.modules["tdkt.eligibility.service"], "eligibility_for_unit")
    url = reverse("nominations:propose_bulk", args=[round_.pk])
    page = clerk_c.get(url, {"unit": tree.pldvl.pk, "award_type": t["CSTD_TINH"].pk})
    body = text(page)
    assert "Chưa dùng được bộ quy tắc xét điều kiện" in body
    assert "Nguyễn Thị Hương" in body and "Trần Văn Tâm" in body
    assert "Lê Thị Lan" not in body  # another unit
    assert body.count("Chưa xác định") == 2
    response = clerk_c.post(
        url,
        {
            "unit": tree.pldvl.pk,
            "award_type": t["CSTD_TINH"].pk,
            "selected": [f"p:{people.huong.pk}", f"p:{people.tam.pk}"],
        },
    )
    assert response.status_code == 302
    rows = Nomination.objects.order_by("person__full_name")
    assert [(n.person.full_name, n.proposing_unit, n.verdict) for n in rows] == [
        ("Nguyễn Thị Hương", tree.pldvl, "eligible"),  # the domain asked the engine
        ("Trần Văn Tâm", tree.pldvl, "eligible"),
    ]
    again = text(clerk_c.get(url, {"unit": tree.pldvl.pk, "award_type": t["CSTD_TINH"].pk}))
    assert again.count("đã được đề nghị") == 2


def _fake_rows(people: Any, verdicts: dict[str, str]) -> Any:
    def fake(user, unit, year, codes=None):  # type: ignore[no-untyped-def]
        rows = []
        for p in (people.huong, people.tam):
            outcome = verdicts[p.full_name]
            rows.append(
                SimpleNamespace(
                    kind="person",
                    pk=p.pk,
                    name=p.full_name,
                    unit_name=p.unit.name,
                    quota=None,
                    verdict=SimpleNamespace(
                        code=codes[0],
                        outcome=outcome,
                        criteria=[
                            SimpleNamespace(
                                text="Ba năm liền Chiến sĩ thi đua cơ sở",
                                met=outcome == "eligible",
                                citation="Decree 91/2017/NĐ-CP Art 9 k2",
                            )
                        ],
                    ),
                )
            )
        return SimpleNamespace(rows=rows)

    return fake


def test_bulk_with_engine_rows_requires_justification_per_row(
    tree, clerk_c, round_, t, people, engine, monkeypatch
):
    engine.verdicts[("Trần Văn Tâm", "CSTD_TINH")] = "not_eligible"
    monkeypatch.setattr(
        sys.modules["tdkt.eligibility.service"],
        "eligibility_for_unit",
        _fake_rows(people, {"Nguyễn Thị Hương": "eligible", "Trần Văn Tâm": "not_eligible"}),
        raising=False,
    )
    url = reverse("nominations:propose_bulk", args=[round_.pk])
    page = clerk_c.get(url, {"unit": tree.pldvl.pk, "award_type": t["CSTD_TINH"].pk})
    body = text(page)
    assert "Chưa dùng được" not in body
    assert "Đủ điều kiện" in body and "Không đủ điều kiện" in body
    assert "Ba năm liền Chiến sĩ thi đua cơ sở" in body
    data = {
        "unit": tree.pldvl.pk,
        "award_type": t["CSTD_TINH"].pk,
        "selected": [f"p:{people.huong.pk}", f"p:{people.tam.pk}"],
    }
    before = counts()
    refused = clerk_c.post(url, data)
    assert refused.status_code == 200
    html = refused.content.decode()
    row = re.search(r'<tr class="is-flagged">.*?</tr>', html, flags=re.S).group(0)
    assert "Trần Văn Tâm" in row
    assert "Hệ thống xét chưa đủ điều kiện; muốn vẫn đề nghị phải ghi rõ lý do." in row
    assert counts() == before
    nothing = clerk_c.post(url, {"unit": tree.pldvl.pk, "award_type": t["CSTD_TINH"].pk})
    assert "Hãy chọn ít nhất một cá nhân hoặc tập thể để đề nghị." in text(nothing)
    assert counts() == before
    ok = clerk_c.post(url, data | {f"justification-p:{people.tam.pk}": "Lập công đột xuất"})
    assert ok.status_code == 302
    tam = Nomination.objects.get(person=people.tam)
    assert (tam.flagged, tam.justification) == (True, "Lập công đột xuất")
    assert Nomination.objects.get(person=people.huong).flagged is False


def test_bulk_with_the_real_service(tree, clerk_c, round_, t, people):
    """No fake: the page asks the rules engine for the unit's candidates (people who worked
    in the unit during the round's year)."""
    for p in (people.huong, people.tam):
        p.employments.update(start=dt.date(2015, 3, 1))
    url = reverse("nominations:propose_bulk", args=[round_.pk])
    page = clerk_c.get(url, {"unit": tree.pldvl.pk, "award_type": t["CSTD_TINH"].pk})
    assert page.status_code == 200
    body = text(page)
    assert "Chưa dùng được" not in body
    assert "Nguyễn Thị Hương" in body and "Trần Văn Tâm" in body
    assert "Lê Thị Lan" not in body


# --- the nomination page, files, transitions -------------------------------------------------


def test_nomination_page_scope(
    tree, clerk, officer_c, clerk_c, viewer_c, vp_clerk, round_, t, people, engine
):
    n = draft(clerk, round_, t, people)
    url = reverse("nominations:nomination", args=[n.pk])
    for c in (officer_c, clerk_c, viewer_c):
        assert c.get(url).status_code == 200
    assert login(vp_clerk).get(url).status_code == 404
    viewer_page = text(viewer_c.get(url))
    assert "Trình hồ sơ" not in viewer_page and "Tải lên" not in viewer_page
    clerk_page = text(clerk_c.get(url))
    assert "Trình hồ sơ" in clerk_page and "Tải lên" in clerk_page
    assert "Chuyển cấp trên" not in clerk_page


def test_upload_download_and_remove(
    tree, clerk, clerk_c, vp_clerk, round_, t, people, engine, settings
):
    n = draft(clerk, round_, t, people)
    url = reverse("nominations:file_upload", args=[n.pk])
    response = clerk_c.post(
        url, {"kind": "achievement_report", "file": upload("Báo cáo thành tích.pdf", PDF)}
    )
    assert response.status_code == 302
    f = DossierFile.objects.get()
    assert (f.original_name, f.kind, f.size) == (
        "Báo cáo thành tích.pdf",
        "achievement_report",
        len(PDF),
    )
    assert not str(f.file.path).startswith(str(settings.STATIC_ROOT))
    page = text(clerk_c.get(reverse("nominations:nomination", args=[n.pk])))
    assert "Báo cáo thành tích.pdf" in page and "Báo cáo thành tích" in page

    download = reverse("nominations:file_download", args=[n.pk, f.pk])
    got = clerk_c.get(download)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert got["Content-Type"] == "application/pdf"
    assert "attachment" in got["Content-Disposition"]
    assert login(vp_clerk).get(download).status_code == 404
    assert (
        clerk_c.get(reverse("nominations:file_download", args=[n.pk, f.pk + 99])).status_code == 404
    )
    # The storage path is not a URL of the site.
    assert clerk_c.get("/" + f.file.name).status_code == 404

    clerk_c.post(reverse("nominations:file_remove", args=[n.pk, f.pk]))
    f.refresh_from_db()
    assert f.removed_at is not None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"kind": "submission", "file": ("setup.pdf", EXE)},
            "file",
            "Không nhận tệp chương trình chạy được.",
        ),
        (
            {"kind": "submission", "file": ("To trinh.docx", PDF)},
            "file",
            "Tên tệp “To trinh.docx” có đuôi .docx nhưng nội dung là PDF",
        ),
        ({"kind": "submission"}, "file", "Hãy chọn tệp cần tải lên."),
        ({"kind": "", "file": ("To trinh.pdf", PDF)}, "kind", "Trường này là bắt buộc."),
        ({"kind": "poem", "file": ("To trinh.pdf", PDF)}, "kind", "Lựa chọn không hợp lệ."),
    ],
)
def test_upload_refusals(clerk, clerk_c, round_, t, people, engine, media, data, field, message):
    n = draft(clerk, round_, t, people)
    if "file" in data:
        data = data | {"file": upload(*data["file"])}
    before = counts()
    response = clerk_c.post(reverse("nominations:file_upload", args=[n.pk]), data)
    assert response.status_code == 200
    assert message in field_error(response, field)
    assert counts() == before
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_upload_too_big(clerk, clerk_c, round_, t, people, engine, settings):
    settings.TDKT_DOSSIER_MAX_FILE_BYTES = 1024 * 1024
    n = draft(clerk, round_, t, people)
    big = upload("Bao cao.pdf", PDF + b"0" * (1024 * 1024))
    before = counts()
    response = clerk_c.post(
        reverse("nominations:file_upload", args=[n.pk]), {"kind": "submission", "file": big}
    )
    assert field_error(response, "file") == (
        "Tệp “Bao cao.pdf” vượt quá dung lượng cho phép (1 MB mỗi tệp)."
    )
    assert counts() == before


def test_upload_permission(clerk, viewer_c, round_, t, people, engine):
    n = draft(clerk, round_, t, people)
    before = counts()
    response = viewer_c.post(
        reverse("nominations:file_upload", args=[n.pk]),
        {"kind": "submission", "file": upload("a.pdf", PDF)},
    )
    assert response.status_code == 403
    assert counts() == before


def test_submit_forward_return_withdraw(
    tree, clerk, officer, clerk_c, officer_c, viewer_c, round_, t, people, engine
):
    n = draft(clerk, round_, t, people)
    nom.attach_file(clerk, n, upload("To trinh.pdf", PDF), kind="submission")
    assert clerk_c.get(reverse("nominations:submit", args=[n.pk])).status_code == 405
    assert viewer_c.post(reverse("nominations:submit", args=[n.pk])).status_code == 403
    clerk_c.post(reverse("nominations:submit", args=[n.pk]))
    n.refresh_from_db()
    assert (n.status, n.holder_unit) == (S.SUBMITTED, tree.snv)
    assert n.current_snapshot.files[0]["name"] == "To trinh.pdf"

    # Submitting again is an illegal transition: a clear message, nothing written.
    before = counts()
    again = clerk_c.post(reverse("nominations:submit", args=[n.pk]), follow=True)
    assert "Không thể trình hồ sơ" in text(again) and "đang ở trạng thái" in text(again)
    assert counts() == before

    # The clerk does not hold the dossier at the department: 403; the officer forwards.
    assert clerk_c.post(reverse("nominations:forward", args=[n.pk])).status_code == 403
    assert counts() == before
    page = text(officer_c.get(reverse("nominations:nomination", args=[n.pk])))
    assert "Chuyển cấp trên" in page and "Trả lại hồ sơ" in page
    officer_c.post(reverse("nominations:forward", args=[n.pk]))
    n.refresh_from_db()
    assert (n.status, n.holder_level, n.holder_unit) == (S.IN_REVIEW, Level.PROVINCE, None)

    ret = reverse("nominations:return", args=[n.pk])
    assert clerk_c.get(ret).status_code == 403
    before = counts()
    empty = officer_c.post(ret, {"reason": "   "})
    assert empty.status_code == 200
    assert field_error(empty, "reason") == "Cần ghi rõ lý do trả lại hồ sơ."
    assert counts() == before
    n.refresh_from_db()
    assert n.status == S.IN_REVIEW
    officer_c.post(ret, {"reason": "Thiếu báo cáo thành tích có xác nhận"})
    n.refresh_from_db()
    assert (n.status, n.holder_unit) == (S.RETURNED, tree.pldvl)
    page = text(clerk_c.get(reverse("nominations:nomination", args=[n.pk])))
    assert "Hồ sơ bị trả lại" in page and "Thiếu báo cáo thành tích có xác nhận" in page

    clerk_c.post(reverse("nominations:withdraw", args=[n.pk]), {"reason": "Chuyển công tác"})
    n.refresh_from_db()
    assert n.status == S.WITHDRAWN
    assert n.events.last().reason == "Chuyển công tác"


def test_csrf_is_enforced(clerk, round_, t, people, engine):
    n = draft(clerk, round_, t, people)
    c = login(clerk, enforce_csrf_checks=True)
    refused = c.post(reverse("nominations:submit", args=[n.pk]))
    assert refused.status_code == 403
    n.refresh_from_db()
    assert n.status == S.DRAFT
    c.get(reverse("nominations:nomination", args=[n.pk]))
    token = c.cookies["csrftoken"].value
    ok = c.post(reverse("nominations:submit", args=[n.pk]), {"csrfmiddlewaretoken": token})
    assert ok.status_code == 302
    n.refresh_from_db()
    assert n.status == S.SUBMITTED


# --- council ---------------------------------------------------------------------------------


def test_councils_members_and_meetings(tree, officer, officer_c, clerk_c, viewer_c):
    url = reverse("nominations:councils")
    before = counts()
    assert clerk_c.post(url, {"name": "HĐ", "level": "province"}).status_code == 403
    bad = officer_c.post(url, {"name": "", "level": "province"})
    assert field_error(bad, "name") == "Trường này là bắt buộc."
    assert counts() == before
    officer_c.post(url, {"name": "Hội đồng TĐKT tỉnh", "level": "province"})
    council = Council.objects.get()
    assert viewer_c.get(reverse("nominations:council", args=[council.pk])).status_code == 200
    # A clerk sees only the councils of their units: the agency council is outside.
    assert clerk_c.get(reverse("nominations:council", args=[council.pk])).status_code == 404

    add = reverse("nominations:member_add", args=[council.pk])
    bad = officer_c.post(
        add,
        {"name": "Ông A", "role": "member", "active_from": "01/06/2026", "active_to": "01/01/2026"},
    )
    assert field_error(bad, "active_to") == "Ngày kết thúc phải sau ngày bắt đầu."
    assert viewer_c.post(add, {"name": "Ông A", "role": "member"}).status_code == 403
    officer_c.post(
        add, {"name": "Nguyễn Văn Chủ", "role": "chair", "unit": tree.vp.pk, "user": officer.pk}
    )
    officer_c.post(add, {"name": "Trần Thị Thư", "role": "secretary"})
    chair, secretary = council.members.order_by("pk")
    assert (chair.role, chair.unit, chair.user) == ("chair", tree.vp, officer)

    meet = reverse("nominations:meeting_create", args=[council.pk])
    bad = officer_c.post(
        meet, {"date": "32/01/2026", "quorum": "two_thirds", "present": [chair.pk]}
    )
    assert "Nhập ngày theo dạng dd/mm/yyyy" in field_error(bad, "date")
    assert Meeting.objects.count() == 0
    response = officer_c.post(
        meet, {"date": "08/01/2026", "quorum": "two_thirds", "present": [chair.pk, secretary.pk]}
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("nominations:meeting", args=[meeting.pk])
    assert set(meeting.present.all()) == {chair, secretary}
    assert "2/2 thành viên" in text(officer_c.get(response["Location"]))


def test_record_votes_decide_and_results(
    tree, clerk, officer, officer_c, viewer_c, round_, t, people, board, engine
):
    engine.verdicts[("Trần Văn Tâm", "BK_TINH")] = "not_eligible"
    huong = in_review(clerk, officer, draft(clerk, round_, t, people))
    tam = in_review(
        clerk,
        officer,
        nom.propose(
            clerk, round_, award_type=t["BK_TINH"], person=people.tam, justification="Cứu người"
        ),
    )
    meeting = nom.create_meeting(officer, board.council, date=COUNCIL_DAY, present=board.members)
    url = reverse("nominations:meeting", args=[meeting.pk])
    page = officer_c.get(url)
    body = text(page)
    assert "Nguyễn Thị Hương" in body and "Trần Văn Tâm" in body
    assert "Cứu người" in body  # the flag and its justification reach the council
    assert "Hồ sơ chờ biểu quyết" not in text(viewer_c.get(url))

    record = reverse("nominations:vote_record", args=[meeting.pk])
    p = f"n{huong.pk}"
    before = counts()
    assert (
        viewer_c.post(
            record, {"nomination": huong.pk, f"{p}-yes": 9, f"{p}-no": 0, f"{p}-abstain": 0}
        ).status_code
        == 403
    )
    negative = officer_c.post(
        record, {"nomination": huong.pk, f"{p}-yes": -1, f"{p}-no": 0, f"{p}-abstain": 0}
    )
    assert field_error(negative, f"{p}-yes") == "Số phiếu không được âm."
    too_many = officer_c.post(
        record, {"nomination": huong.pk, f"{p}-yes": 10, f"{p}-no": 1, f"{p}-abstain": 0}
    )
    assert too_many.status_code == 200
    assert "Tổng số phiếu (11) vượt quá số thành viên hội đồng (10)." in text(too_many)
    assert counts() == before
    officer_c.post(record, {"nomination": huong.pk, f"{p}-yes": 9, f"{p}-no": 0, f"{p}-abstain": 0})
    q = f"n{tam.pk}"
    officer_c.post(record, {"nomination": tam.pk, f"{q}-yes": 5, f"{q}-no": 4, f"{q}-abstain": 0})
    assert Vote.objects.count() == 2
    assert (
        viewer_c.post(reverse("nominations:meeting_decide", args=[meeting.pk])).status_code == 403
    )
    decided = officer_c.post(reverse("nominations:meeting_decide", args=[meeting.pk]), follow=True)
    assert "Đã kết luận 2 hồ sơ: 1 đạt, 1 không đạt." in text(decided)
    huong.refresh_from_db(), tam.refresh_from_db()
    assert (huong.status, tam.status) == (S.APPROVED, S.REJECTED)
    results = text(officer_c.get(reverse("nominations:meeting_results", args=[meeting.pk])))
    assert "9/10" in results and "90%" in results
    assert "từ 90% tổng số thành viên hội đồng" in results
    assert "5/10" in results and "50%" in results
    assert "trên 50% tổng số thành viên hội đồng" in results
    assert "Thành viên 10" in results  # recused: works in the proposing unit
    assert results.index("Đạt") < results.index("Không đạt")


def test_secret_ballots_cast_by_each_member(
    tree, clerk, officer, officer_c, round_, t, people, engine
):
    council = nom.create_council(
        officer, agency=tree.agency, level=Level.PROVINCE, name="Hội đồng TĐKT tỉnh"
    )
    users = [make_member(tree, f"hd{i}", Membership.Role.COUNCIL) for i in range(3)]
    roles = ["chair", "secretary", "member"]
    seats = [
        nom.add_council_member(
            officer, council, name=f"Ủy viên {i}", role=roles[i], user=users[i], unit=tree.vp
        )
        for i in range(3)
    ]
    n = in_review(clerk, officer, draft(clerk, round_, t, people, code="BK_TINH"))
    meeting = nom.create_meeting(officer, council, date=COUNCIL_DAY, present=seats)
    secretary = login(users[1])
    secretary.post(
        reverse("nominations:vote_record", args=[meeting.pk]),
        {"nomination": n.pk, "mode": "ballot"},
    )
    vote = Vote.objects.get()
    assert (vote.mode, vote.result) == ("ballot", "pending")
    member = login(users[2])
    # The plain member may not record or conclude votes.
    assert member.post(reverse("nominations:meeting_decide", args=[meeting.pk])).status_code == 403
    for u, choice in zip(users, ["yes", "yes", "no"], strict=True):
        c = login(u)
        page = text(c.get(reverse("nominations:meeting", args=[meeting.pk])))
        assert "Phiếu kín của bạn" in page
        c.post(reverse("nominations:ballot_cast", args=[vote.pk]), {f"v{vote.pk}-choice": choice})
        assert "Phiếu kín của bạn" not in text(
            c.get(reverse("nominations:meeting", args=[meeting.pk]))
        )
    again = member.post(
        reverse("nominations:ballot_cast", args=[vote.pk]),
        {f"v{vote.pk}-choice": "yes"},
        follow=True,
    )
    assert "Ủy viên 2 đã bỏ phiếu cho hồ sơ này." in text(again)
    assert sorted(Ballot.objects.values_list("choice", flat=True)) == ["no", "yes", "yes"]
    outsider = login(officer)  # an officer without a seat cannot cast a ballot
    assert (
        outsider.post(
            reverse("nominations:ballot_cast", args=[vote.pk]), {f"v{vote.pk}-choice": "yes"}
        ).status_code
        == 403
    )
    secretary.post(reverse("nominations:meeting_decide", args=[meeting.pk]))
    vote.refresh_from_db()
    assert (vote.yes, vote.no, vote.abstain, vote.result) == (2, 1, 0, "passed")


# --- decisions -------------------------------------------------------------------------------


def issue_data(n: Nomination, **kw: Any) -> dict[str, Any]:
    return {
        "date": DECISION_DAY.strftime("%d/%m/%Y"),
        "symbol": "QĐ-SNV",
        "issuer": "Giám đốc Sở Nội vụ",
        "issuer_unit": "",
        "signer_title": "Phó Giám đốc",
        "signer_name": "Nguyễn Văn Bình",
        "subject": "Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2025",
        "nominations": [n.pk],
        "issue": "1",
    } | kw


def test_issue_decision(tree, clerk, officer, officer_c, clerk_c, round_, t, people, board, engine):
    n, _meeting = approved(clerk, officer, draft(clerk, round_, t, people), board)
    url = reverse("nominations:decision_issue", args=[round_.pk])
    assert clerk_c.get(url).status_code == 403
    preview = officer_c.get(url)
    body = text(preview)
    # CSTĐ tỉnh: 3.0 × 2,340,000 = 7,020,000 đ.
    assert "Nguyễn Thị Hương" in body and "7.020.000" in body and "2.340.000" in body
    before = counts()
    for bad, field, message in [
        ({"symbol": ""}, "symbol", "Trường này là bắt buộc."),
        ({"symbol": "QĐ/SNV"}, "symbol", "Ký hiệu văn bản không hợp lệ (ví dụ: QĐ-SNV)."),
        ({"date": "15/01/2024"}, "date", "Ngày quyết định phải sau năm thành tích của đợt xét."),
        ({"nominations": []}, "nominations", "Cần chọn ít nhất một hồ sơ."),
        ({"signer_title": ""}, "signer_title", "Trường này là bắt buộc."),
    ]:
        response = officer_c.post(url, issue_data(n, **bad))
        assert response.status_code == 200
        if field == "nominations":
            assert message in text(response)
        else:
            assert field_error(response, field) == message
    assert clerk_c.post(url, issue_data(n)).status_code == 403
    assert counts() == before

    response = officer_c.post(url, issue_data(n))
    decision = Decision.objects.get()
    assert response["Location"] == reverse("nominations:decision", args=[decision.pk])
    page = officer_c.get(response["Location"])
    body = text(page)
    assert "Số: 01/QĐ-SNV" in body and "Đã ban hành Quyết định số 01/QĐ-SNV." in body
    assert "7.020.000" in body
    n.refresh_from_db()
    assert (n.status, n.decision, n.money_amount) == (S.DECIDED, decision, 7_020_000)
    # Nothing left to issue: the page says so and a replayed post changes nothing.
    before = counts()
    assert "chưa có hồ sơ nào được hội đồng thông qua" in text(officer_c.get(url))
    replay = officer_c.post(url, issue_data(n))
    assert replay.status_code == 200 and counts() == before
    # Every line is in the clerk's scope: the clerk sees the decision and its documents.
    assert clerk_c.get(reverse("nominations:decision", args=[decision.pk])).status_code == 200


def test_revoke_from_the_decision_page(
    tree, clerk, officer, officer_c, clerk_c, round_, t, people, board, engine
):
    n, _meeting = approved(clerk, officer, draft(clerk, round_, t, people), board)
    decision = nom.issue_decision(
        officer, round_, date=DECISION_DAY, symbol="QĐ-SNV", signer_title="Giám đốc"
    )
    award = Award.objects.get()
    url = reverse("nominations:decision_revoke", args=[decision.pk])
    assert clerk_c.get(url).status_code == 403
    data = {"awards": [award.pk], "reason": "", "date": "20/03/2026", "symbol": "QĐ-SNV"}
    before = counts()
    empty = officer_c.post(url, data)
    assert field_error(empty, "reason") == "Cần ghi rõ lý do huỷ bỏ."
    none = officer_c.post(url, data | {"awards": [], "reason": "Gian dối"})
    assert field_error(none, "awards") == "Cần chọn ít nhất một lượt khen thưởng để huỷ bỏ."
    assert counts() == before
    response = officer_c.post(url, data | {"reason": "Khai man thành tích"})
    revoking = Decision.objects.get(kind=Decision.Kind.REVOKE)
    assert response["Location"] == reverse("nominations:decision", args=[revoking.pk])
    assert revoking.number == "02/QĐ-SNV"
    award.refresh_from_db(), n.refresh_from_db()
    assert (award.revoked_by, award.revoked_reason, n.status) == (
        revoking,
        "Khai man thành tích",
        S.REVOKED,
    )
    page = text(officer_c.get(response["Location"]))
    assert "Quyết định huỷ bỏ khen thưởng" in page and "7.020.000" in page
    assert IssuedDecision.objects.get(decision=revoking).money_total == 7_020_000


def test_decision_page_is_scoped(tree, clerk, officer, vp_clerk, round_, t, people, board, engine):
    approved(clerk, officer, draft(clerk, round_, t, people), board)
    decision = nom.issue_decision(
        officer, round_, date=DECISION_DAY, symbol="QĐ-SNV", signer_title="Giám đốc"
    )
    c = login(vp_clerk)
    assert c.get(reverse("nominations:decision", args=[decision.pk])).status_code == 404
    assert c.get(reverse("nominations:decision_doc", args=[decision.pk, "docx"])).status_code == 404
    assert login(officer).get(reverse("nominations:decision", args=[999999])).status_code == 404


# --- dashboard widget ------------------------------------------------------------------------


def test_due_widget(tree, clerk, officer, clerk_c, officer_c, viewer_c, round_, t, people, engine):
    draft(clerk, round_, t, people)
    n = nom.propose(clerk, round_, award_type=t["BK_TINH"], person=people.tam)
    nom.submit(clerk, n, on=dt.date(2025, 12, 1))
    url = reverse("nominations:due")
    clerk_items = text(clerk_c.get(url, HTTP_HX_REQUEST="true"))
    assert "Nộp hồ sơ đợt “Xét khen thưởng năm 2025”: 1 hồ sơ chưa trình" in clerk_items
    assert "15/12/2025" in clerk_items and "quá hạn" in clerk_items
    officer_items = text(officer_c.get(url))
    assert "Xem xét, chuyển cấp trên hoặc trả lại 1 hồ sơ đợt “Xét khen thưởng năm 2025”" in (
        officer_items
    )
    assert reverse("nominations:round", args=[round_.pk]) in officer_c.get(url).content.decode()
    assert "Không có việc nào đến hạn." in text(viewer_c.get(url))


def test_pages_render_for_officer(
    tree, clerk, officer, officer_c, round_, t, people, board, engine, django_assert_max_num_queries
):
    """Every GET page of the path renders (and the round page in a bounded query count)."""
    for person in (people.huong, people.tam):
        nom.propose(clerk, round_, award_type=t["BK_TINH"], person=person)
    n, meeting = approved(clerk, officer, draft(clerk, round_, t, people), board)
    decision = nom.issue_decision(
        officer, round_, date=DECISION_DAY, symbol="QĐ-SNV", signer_title="Giám đốc"
    )
    urls = [
        reverse("nominations:rounds"),
        reverse("nominations:round_create"),
        reverse("nominations:round", args=[round_.pk]),
        reverse("nominations:round_publish", args=[round_.pk]),
        reverse("nominations:propose", args=[round_.pk]),
        reverse("nominations:propose_bulk", args=[round_.pk]),
        reverse("nominations:nomination", args=[n.pk]),
        reverse("nominations:return", args=[n.pk]),
        reverse("nominations:councils"),
        reverse("nominations:council", args=[board.council.pk]),
        reverse("nominations:meeting", args=[meeting.pk]),
        reverse("nominations:meeting_results", args=[meeting.pk]),
        reverse("nominations:decision_issue", args=[round_.pk]),
        reverse("nominations:decision", args=[decision.pk]),
        reverse("nominations:decision_revoke", args=[decision.pk]),
    ]
    for url in urls:
        assert officer_c.get(url).status_code == 200, url
    with django_assert_max_num_queries(20):
        officer_c.get(reverse("nominations:round", args=[round_.pk]))


def test_items_done_and_who_sees_council_pages(
    tree, clerk, officer, officer_c, clerk_c, viewer_c, round_, t, people, board, engine
):
    _n, meeting = approved(clerk, officer, draft(clerk, round_, t, people), board)
    decision = nom.issue_decision(
        officer, round_, date=DECISION_DAY, symbol="QĐ-SNV", signer_title="Giám đốc"
    )
    issued = IssuedDecision.objects.get(decision=decision)
    url = reverse("nominations:items_done", args=[decision.pk])
    before = counts()
    assert clerk_c.post(url, {"on": "20/01/2026"}).status_code == 403
    early = officer_c.post(url, {"on": "10/01/2026"}, follow=True)
    assert "Ngày trao phải sau ngày quyết định." in text(early)
    bad = officer_c.post(url, {"on": "hôm qua"}, follow=True)
    assert "Nhập ngày theo dạng dd/mm/yyyy" in text(bad)
    assert counts() == before
    officer_c.post(url, {"on": "20/01/2026"})
    issued.refresh_from_db()
    assert issued.items_done_on == dt.date(2026, 1, 20)
    page = text(officer_c.get(reverse("nominations:decision", args=[decision.pk])))
    assert "đã thực hiện ngày 20/01/2026" in page

    # The agency council's pages: officers and viewers yes, the unit clerk no (404).
    for name in ("meeting", "meeting_results"):
        assert viewer_c.get(reverse(f"nominations:{name}", args=[meeting.pk])).status_code == 200
        assert clerk_c.get(reverse(f"nominations:{name}", args=[meeting.pk])).status_code == 404
    minutes = reverse("nominations:minutes_doc", args=[meeting.pk, "docx"])
    assert clerk_c.get(minutes).status_code == 404
    assert viewer_c.get(minutes).status_code == 200
    # Read-only users cannot reach the proposal pages.
    for name in ("propose", "propose_bulk", "propose_search", "propose_verdict"):
        assert viewer_c.get(reverse(f"nominations:{name}", args=[round_.pk])).status_code == 403
