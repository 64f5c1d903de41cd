"""Document data: Decree 30 number and date lines, validation, normalisation."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from docsamples import make_certificate, make_decision, make_minutes, make_submission

from tdkt.documents import DocumentError, ListRow, Signature, VoteLine
from tdkt.documents.data import CERTIFICATE_FIELDS, number_code, number_line, place_date
from tdkt.documents.layout import vn_place_date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 2, 5), "Thái Nguyên, ngày 05 tháng 02 năm 2025"),
        (dt.date(2025, 12, 15), "Thái Nguyên, ngày 15 tháng 12 năm 2025"),
        (dt.date(2025, 11, 5), "Thái Nguyên, ngày 05 tháng 11 năm 2025"),
        (dt.date(2025, 1, 31), "Thái Nguyên, ngày 31 tháng 01 năm 2025"),
        (dt.date(2025, 3, 9), "Thái Nguyên, ngày 09 tháng 3 năm 2025"),
        (dt.date(2024, 10, 10), "Thái Nguyên, ngày 10 tháng 10 năm 2024"),
    ],
)
def test_place_date_padding(day: dt.date, expected: str) -> None:
    assert place_date("Thái Nguyên", day) == expected
    assert vn_place_date("Thái Nguyên", day) == expected


def test_draft_place_date_and_number_leave_blanks() -> None:
    assert place_date("Thái Nguyên", None) == "Thái Nguyên, ngày     tháng     năm     "
    assert number_line(None, "QĐ-SNV") == "Số:      /QĐ-SNV"


@pytest.mark.parametrize(
    ("n", "code"), [(5, "05/QĐ-SNV"), (9, "09/QĐ-SNV"), (10, "10/QĐ-SNV"), (123, "123/QĐ-SNV")]
)
def test_number_code_zero_padded_below_ten(n: int, code: str) -> None:
    assert number_code(n, "QĐ-SNV") == code
    assert number_line(n, "QĐ-SNV") == f"Số: {code}"


def test_signature_lines_and_prefix_rules() -> None:
    sig = Signature(prefix="KT.", on_behalf_of="Giám đốc", title="Phó Giám đốc", name="A")
    assert sig.lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert Signature(title="Giám đốc").lines == ("GIÁM ĐỐC",)
    assert Signature(prefix="TM.", on_behalf_of="Ủy ban nhân dân", title="Chủ tịch").lines == (
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    )
    with pytest.raises(DocumentError, match=r"Thẩm quyền ký “Q\.” không hợp lệ"):
        Signature(prefix="Q.", on_behalf_of="Giám đốc", title="Phó Giám đốc")
    with pytest.raises(DocumentError, match=r"Ký KT\. phải ghi rõ"):
        Signature(prefix="KT.", title="Phó Giám đốc")
    with pytest.raises(DocumentError, match="thiếu trường bắt buộc “title”"):
        Signature(title="  ")


def test_strings_are_nfc_and_sequences_tuples() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    assert decomposed != "Nguyễn Thị Hương"
    row = ListRow(name=f"  {decomposed} ", unit="Sở", award="Chiến sĩ thi đua cơ sở")
    assert row.name == "Nguyễn Thị Hương"
    d = make_decision(recipients=["Như Điều 2;"], rows=[row])
    assert d.recipients == ("Như Điều 2;",)
    assert d.rows == (row,)


def test_decision_validation() -> None:
    with pytest.raises(DocumentError, match="thiếu trường bắt buộc “articles”"):
        make_decision(articles=())
    with pytest.raises(DocumentError, match="thiếu trường bắt buộc “symbol”"):
        make_decision(symbol="")
    with pytest.raises(DocumentError, match="Số văn bản phải là số nguyên dương"):
        make_decision(number=0)
    with pytest.raises(DocumentError, match="Danh sách kèm theo phải có tiêu đề"):
        make_decision(list_title="")
    with pytest.raises(DocumentError, match="Số tiền thưởng của A không được âm"):
        ListRow(name="A", unit="B", award="C", money=-1)


def test_list_reference_and_total() -> None:
    d = make_decision()
    assert d.list_reference == (
        "(Kèm theo Quyết định số 05/QĐ-SNV ngày 05/02/2025 của Giám đốc Sở Nội vụ)"
    )
    assert d.total_money == 8_190_000
    assert make_decision(rows=(), list_title="").total_money is None
    s = make_submission()
    assert s.list_reference == "(Kèm theo Tờ trình số 12/TTr-SNV ngày 15/12/2025 của Sở Nội vụ)"


def test_minutes_vote_counts_are_bounded() -> None:
    assert (
        VoteLine(name="A", unit="", award="B", yes=10, no=1, abstain=0, passed=True).share(11)
        == "90,9%"
    )
    assert (
        VoteLine(name="A", unit="", award="B", yes=9, no=1, abstain=0, passed=True).share(10)
        == "90%"
    )
    too_many = VoteLine(name="Lê Văn Đức", unit="", award="B", yes=9, no=2, abstain=0, passed=False)
    with pytest.raises(
        DocumentError,
        match=r"Tổng số phiếu của Lê Văn Đức \(11\) vượt quá số "
        r"thành viên có mặt \(10\)",
    ):
        make_minutes(votes=(too_many,))
    with pytest.raises(DocumentError, match=r"vượt quá số thành viên Hội đồng \(11\)"):
        make_minutes(members_present=tuple(str(i) for i in range(12)))
    with pytest.raises(DocumentError, match="Số thành viên Hội đồng phải lớn hơn 0"):
        make_minutes(members_total=0)
    with pytest.raises(DocumentError, match="không được âm"):
        VoteLine(name="A", unit="", award="B", yes=-1, no=0, abstain=0, passed=False)
    # Without an attendance list, the bound is the council's size.
    ok = make_minutes(members_present=(), votes=(too_many,))
    assert ok.votes == (too_many,)


def test_certificate_fields() -> None:
    c = make_certificate(0)
    f = c.fields()
    assert f["title"] == "BẰNG KHEN"
    assert f["recipient"] == "Bà Nguyễn Thị Hương"
    assert f["decision"] == "Quyết định số 123/QĐ-UBND ngày 05/02/2025"
    assert f["place_date"] == "Thái Nguyên, ngày 05 tháng 02 năm 2025"
    assert (f["day"], f["month"], f["year"]) == ("05", "02", "2025")
    assert f["signer_authority"] == "KT. CHỦ TỊCH"
    assert f["signer_title"] == "PHÓ CHỦ TỊCH"
    assert f["register"] == "Số sổ: 45"
    assert tuple(f) == CERTIFICATE_FIELDS  # what a layout spec may position
    later = make_certificate(0, date=dt.date(2025, 11, 5)).fields()
    assert later["place_date"] == "Thái Nguyên, ngày 05 tháng 11 năm 2025"
    assert later["month"] == "11"
    with pytest.raises(DocumentError, match="Loại hình khen “Huân chương” không hợp lệ"):
        make_certificate(kind="Huân chương")
    with pytest.raises(DocumentError, match="Số quyết định phải là số nguyên dương"):
        make_certificate(decision_number=0)
