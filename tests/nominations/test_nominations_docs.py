"""Documents downloaded from the nomination pages: the models are mapped to the renderers'
data classes (numbers, rows, money, votes, flags) and the files are what officers print.

DOCX text is read with python-docx; PDFs with pdftotext (poppler-utils)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from docx import Document
from nominations_support import COUNCIL_DAY, DECISION_DAY, PDF, upload

from tdkt.nominations import documents as docs
from tdkt.nominations import domain as nom
from tdkt.nominations.models import Meeting, Nomination
from tdkt.org import domain as org

S = Nomination.Status
needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext")
needs_soffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="needs LibreOffice"
)


@pytest.fixture(autouse=True)
def _urls_loaded() -> None:
    get_resolver().url_patterns  # noqa: B018  (before ``engine`` swaps the service module)


def login(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells, one per line (python-docx)."""
    d = Document(io.BytesIO(data))
    lines = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            lines.append(" | ".join(c.text for c in row.cells))
    return "\n".join(lines)


def table_rows(data: bytes) -> list[list[str]]:
    d = Document(io.BytesIO(data))
    out = []
    for table in d.tables:
        for row in table.rows:
            cells: list[tuple[str, Any]] = []
            for c in row.cells:  # merged cells repeat; keep one
                if not cells or c._tc is not cells[-1][1]:
                    cells.append((c.text, c._tc))
            out.append([t for t, _ in cells])
    return out


def pdf_pages(data: bytes, tmp_path: Any) -> list[str]:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@pytest.fixture
def duc(tree) -> Any:
    """A person of UBND xã Hoà Bình: outside the clerk's scope, no council member's unit."""
    return org.create_person(None, unit=tree.other, full_name="Phạm Văn Đức")


@pytest.fixture
def decided(tree, clerk, officer, people, duc, t, round_, board, engine) -> Any:
    """Three approved dossiers (one flagged) decided as 01/QĐ-SNV, and one rejected."""
    engine.verdicts[("Trần Văn Tâm", "BK_TINH")] = "not_eligible"
    noms = [
        nom.propose(clerk, round_, award_type=t["CSTD_TINH"], person=people.huong),
        nom.propose(
            clerk,
            round_,
            award_type=t["BK_TINH"],
            person=people.tam,
            justification="Dũng cảm cứu người trong lũ",
        ),
        nom.propose(clerk, round_, award_type=t["BK_TINH"], unit=tree.pldvl),
        nom.propose(officer, round_, award_type=t["BK_TINH"], person=duc),
    ]
    for n in noms:
        nom.attach_file(officer, n, upload("To trinh.pdf", PDF), kind="submission")
        n = nom.submit(officer, n, on=dt.date(2025, 12, 10))
        while n.status == S.SUBMITTED:
            n = nom.forward(officer, n, on=dt.date(2025, 12, 12))
    meeting = nom.create_meeting(
        officer, board.council, date=COUNCIL_DAY, present=board.members[:9]
    )
    for n, totals in zip(noms, [(9, 0, 0), (8, 0, 0), (7, 1, 0), (4, 5, 0)], strict=True):
        nom.record_vote(officer, meeting, n, totals=totals)
    nom.decide_votes(officer, meeting)
    decision = nom.issue_decision(
        officer,
        round_,
        date=DECISION_DAY,
        symbol="QĐ-SNV",
        issuer="Giám đốc Sở Nội vụ",
        signer_title="Phó Giám đốc",
        signer_name="Nguyễn Văn Bình",
        issuer_unit=tree.snv,
        subject="Về việc khen thưởng năm 2025",
    )
    return decision, meeting


def test_decision_docx(officer, decided):
    decision, _meeting = decided
    response = login(officer).get(reverse("nominations:decision_doc", args=[decision.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert "quyet-dinh-01-Q" in response["Content-Disposition"]
    body = docx_text(response.content)
    assert "Số: 01/QĐ-SNV" in body.splitlines() or "Số: 01/QĐ-SNV" in body
    assert "Thái Nguyên, ngày 15 tháng 01 năm 2026" in body
    assert "SỞ NỘI VỤ" in body.upper() and "KT. GIÁM ĐỐC" in body and "PHÓ GIÁM ĐỐC" in body
    assert "Nguyễn Văn Bình" in body
    assert "(Kèm theo Quyết định số 01/QĐ-SNV ngày 15/01/2026 của Giám đốc Sở Nội vụ)" in body
    assert "tổng số tiền thưởng là 17.550.000 đồng" in body
    rows = [r for r in table_rows(response.content) if r and r[0].isdigit()]
    assert rows == [
        [
            "1",
            "Nguyễn Thị Hương",
            "Chuyên viên",
            "Phòng Lao động – Việc làm",
            "Chiến sĩ thi đua cấp tỉnh",
            "2025",
            "7.020.000",
        ],
        [
            "2",
            "Trần Văn Tâm",
            "",
            "Phòng Lao động – Việc làm",
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "2025",
            "3.510.000",
        ],
        [
            "1",
            "Phòng Lao động – Việc làm",
            "",
            "Sở Lao động – Thương binh và Xã hội",
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "2025",
            "7.020.000",
        ],
    ]
    total = [r for r in table_rows(response.content) if r and r[0] == "Tổng cộng"]
    assert total == [["Tổng cộng", "17.550.000"]]
    assert "Phạm Văn Đức" not in body  # rejected by the council


@needs_soffice
@needs_pdftotext
def test_decision_pdf(officer, decided, tmp_path):
    decision, _meeting = decided
    response = login(officer).get(reverse("nominations:decision_doc", args=[decision.pk, "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(pdf_pages(response.content, tmp_path))
    assert "Số: 01/QĐ-SNV" in text
    assert "Nguyễn Thị Hương" in text and "17.550.000" in text


@needs_pdftotext
def test_certificates_one_page_per_award(officer, decided, tmp_path):
    decision, _meeting = decided
    c = login(officer)
    page = c.get(reverse("nominations:decision", args=[decision.pk])).content.decode()
    assert reverse("nominations:certificates", args=[decision.pk, "bang-khen"]) in page
    assert "giay-khen" not in page  # no Giấy khen in this decision
    response = c.get(reverse("nominations:certificates", args=[decision.pk, "bang-khen"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content, tmp_path)
    # Two Bằng khen (Tâm and the collective); the CSTĐ title gets no certificate here.
    assert len(pages) == 2
    assert "Trần Văn Tâm" in pages[0] and "Phòng Lao động – Việc làm" in pages[1]
    for p in pages:
        assert "BẰNG KHEN" in p
        assert "Quyết định số 01/QĐ-SNV ngày 15/01/2026" in p
        assert "GIÁM ĐỐC SỞ NỘI VỤ" in p and "Nguyễn Văn Bình" in p
    none = c.get(reverse("nominations:certificates", args=[decision.pk, "giay-khen"]), follow=True)
    assert "Không in được giấy khen" in none.content.decode()
    unknown = c.get(reverse("nominations:certificates", args=[decision.pk, "huy-chuong"]))
    assert unknown.status_code == 404


def test_certificate_layout_from_the_template_dir(officer, decided, tmp_path, settings):
    decision, _meeting = decided
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "certificate_bang_khen.yaml").write_text(
        "mode: preprinted\n"
        "page: {width: 210, height: 297}\n"
        "fields:\n"
        "  recipient: {x: 105, y: 120, size: 20, align: center}\n"
        "  decision: {x: 105, y: 200, size: 12, align: center}\n",
        encoding="utf-8",
    )
    settings.TDKT_TEMPLATE_DIR = str(folder)
    response = login(officer).get(
        reverse("nominations:certificates", args=[decision.pk, "bang-khen"])
    )
    assert response.status_code == 200
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in response.content  # portrait A4 form
    if shutil.which("pdftotext"):
        pages = pdf_pages(response.content, tmp_path)
        assert len(pages) == 2 and "BẰNG KHEN" not in pages[0]  # fields only on a form


def test_agency_decision_template(officer, decided, tmp_path, settings):
    """An agency's decision.docx in TDKT_TEMPLATE_DIR replaces the built-in layout."""
    decision, _meeting = decided
    folder = tmp_path / "mau"
    folder.mkdir()
    d = Document()
    d.add_paragraph("MẪU CỦA SỞ {{ number_line }} – {{ agency }}")
    d.add_paragraph(
        "{% for r in rows %}{{ r.stt }}. {{ r.name }}: {{ r.money_text }}; {% endfor %}"
    )
    d.add_paragraph("Tổng: {{ total_money_text }}")
    d.save(folder / "decision.docx")
    settings.TDKT_TEMPLATE_DIR = str(folder)
    response = login(officer).get(reverse("nominations:decision_doc", args=[decision.pk, "docx"]))
    body = docx_text(response.content)
    assert "MẪU CỦA SỞ Số: 01/QĐ-SNV – Sở Nội vụ" in body
    assert "1. Nguyễn Thị Hương: 7.020.000;" in body
    assert "Tổng: 17.550.000" in body


def test_broken_agency_template_is_refused_with_a_message(officer, decided, tmp_path, settings):
    decision, _meeting = decided
    folder = tmp_path / "mau"
    folder.mkdir()
    d = Document()
    d.add_paragraph("{{ so_quyet_dinh }}")  # not a variable
    d.save(folder / "decision.docx")
    settings.TDKT_TEMPLATE_DIR = str(folder)
    c = login(officer)
    response = c.get(reverse("nominations:decision_doc", args=[decision.pk, "docx"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:decision", args=[decision.pk])
    page = c.get(response["Location"]).content.decode()
    assert "Không tạo được văn bản:" in page and "so_quyet_dinh" in page


def test_minutes_docx(officer, decided):
    _decision, meeting = decided
    response = login(officer).get(reverse("nominations:minutes_doc", args=[meeting.pk, "docx"]))
    assert response.status_code == 200
    body = docx_text(response.content)
    assert "Họp Hội đồng TĐKT tỉnh ngày 08/01/2026" in body
    assert "9/10 thành viên Hội đồng có mặt" in body
    assert "Vắng mặt: Thành viên 10 – Ủy viên." in body
    assert "Chủ trì: Thành viên 01" in body and "Thư ký: Thành viên 02" in body
    assert "(Tỷ lệ tính trên tổng số 10 thành viên Hội đồng)" in body
    assert (
        "Trần Văn Tâm (Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh): yêu cầu trên 50% tổng số "
        "thành viên hội đồng" in body
    )
    assert "lý do: Dũng cảm cứu người trong lũ" in body
    votes = [r for r in table_rows(response.content) if r and r[0].isdigit()]
    assert [(r[1], r[4], r[5], r[6], r[7], r[8]) for r in votes] == [
        ("Nguyễn Thị Hương", "9", "0", "0", "90%", "Đạt"),
        ("Trần Văn Tâm", "8", "0", "0", "80%", "Đạt"),
        ("Phòng Lao động – Việc làm", "7", "1", "0", "70%", "Đạt"),
        ("Phạm Văn Đức", "4", "5", "0", "40%", "Không đạt"),
    ]


def test_round_list_is_scoped(tree, clerk, officer, decided, round_):
    c = login(clerk)
    response = c.get(reverse("nominations:round_list_doc", args=[round_.pk, "docx"]))
    assert response.status_code == 200
    body = docx_text(response.content)
    assert "DANH SÁCH TỔNG HỢP ĐỀ NGHỊ KHEN THƯỞNG" in body
    assert "Xét khen thưởng năm 2025 – năm thành tích 2025" in body
    assert "Nguyễn Thị Hương" in body and "Trần Văn Tâm" in body
    assert "Chưa đủ điều kiện" in body
    assert "Đề nghị dù chưa đủ điều kiện: Dũng cảm cứu người" in body
    officer_list = docx_text(
        login(officer).get(reverse("nominations:round_list_doc", args=[round_.pk, "docx"])).content
    )
    assert "Nguyễn Thị Hương" in officer_list
    assert "Phạm Văn Đức" not in officer_list  # rejected dossiers are not in the list


def test_submission_docx(tree, clerk, people, t, round_, engine):
    nom.propose(clerk, round_, award_type=t["CSTD_TINH"], person=people.huong)
    nom.propose(clerk, round_, award_type=t["BK_TINH"], unit=tree.pldvl)
    c = login(clerk)
    url = reverse("nominations:round_submission_doc", args=[round_.pk, "docx"])
    response = c.get(url, {"don-vi": tree.pldvl.pk})
    assert response.status_code == 200
    body = docx_text(response.content)
    assert "Số:      /TTr-PLDVL" in body
    assert "Kính gửi: Hội đồng Thi đua – Khen thưởng Ủy ban nhân dân tỉnh Thái Nguyên" in body
    assert "cho 01 cá nhân và 01 tập thể" in body
    assert "Nguyễn Thị Hương" in body and "Phòng Lao động – Việc làm" in body
    assert c.get(url, {"don-vi": tree.vp.pk}).status_code == 404
    empty = c.get(url, {"don-vi": tree.sldtbxh.pk}, follow=True)
    assert "Đơn vị này chưa có hồ sơ đề nghị nào trong đợt xét." in empty.content.decode()
    assert (
        c.get(
            reverse("nominations:round_submission_doc", args=[round_.pk, "odt"]),
            {"don-vi": tree.pldvl.pk},
        ).status_code
        == 404
    )


def test_partial_scope_cannot_download_the_whole_list(
    tree, clerk, officer, people, duc, t, round_, board, engine
):
    """The clerk sees a decision with their own line, but its documents list everyone: 403."""
    noms = [
        nom.propose(officer, round_, award_type=t["BK_TINH"], person=people.huong),
        nom.propose(officer, round_, award_type=t["BK_TINH"], person=duc),
    ]
    for n in noms:
        n = nom.submit(officer, n, on=dt.date(2025, 12, 10))
        while n.status == S.SUBMITTED:
            n = nom.forward(officer, n, on=dt.date(2025, 12, 12))
    meeting = nom.create_meeting(officer, board.council, date=COUNCIL_DAY, present=board.members)
    for n in noms:
        nom.record_vote(officer, meeting, n, totals=(8, 0, 0))
    nom.decide_votes(officer, meeting)
    decision = nom.issue_decision(
        officer, round_, date=DECISION_DAY, symbol="QĐ-SNV", signer_title="Giám đốc"
    )
    c = login(clerk)
    page = c.get(reverse("nominations:decision", args=[decision.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nguyễn Thị Hương" in html and "Phạm Văn Đức" not in html
    assert "Chỉ hiển thị các dòng thuộc phạm vi đơn vị của bạn." in html
    assert "Tải quyết định" not in html
    for url in (
        reverse("nominations:decision_doc", args=[decision.pk, "docx"]),
        reverse("nominations:certificates", args=[decision.pk, "bang-khen"]),
    ):
        assert c.get(url).status_code == 403
    assert (
        login(officer)
        .get(reverse("nominations:decision_doc", args=[decision.pk, "docx"]))
        .status_code
        == 200
    )


def test_mapping_helpers(tree, decided):
    decision, meeting = decided
    assert docs.split_number(decision) == (1, "QĐ-SNV")
    assert docs.signature_of("Phó Chủ tịch", "A").authority_line == "KT. CHỦ TỊCH"
    assert docs.signature_of("Giám đốc").authority_line == ""
    assert docs.letterhead(tree.agency, tree.snv) == (
        "Ủy ban nhân dân tỉnh Thái Nguyên",
        "Sở Nội vụ",
    )
    assert docs.letterhead(tree.agency) == ("", "Ủy ban nhân dân tỉnh Thái Nguyên")
    assert [c.recipient for c in docs.certificate_docs(decision, "Bằng khen")] == [
        "Trần Văn Tâm",
        "Phòng Lao động – Việc làm",
    ]
    assert docs.certificate_docs(decision, "Giấy khen") == []
    assert Meeting.objects.get() == meeting
