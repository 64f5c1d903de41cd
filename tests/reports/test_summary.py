import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from tdkt.awards.domain import AwardLine, record_decision, revoke_awards
from tdkt.awards.models import AwardType, Decision
from tdkt.org import domain as org
from tdkt.records.domain import add_initiative
from tdkt.reports.export import to_docx, to_xlsx
from tdkt.reports.prose import summary_paragraph
from tdkt.reports.summary import build_summary


@pytest.fixture
def history(tree):
    """SLĐTBXH (merged into SNV in 2025) awarded 2015–2019; SNV's own VP awarded in 2019."""
    t = {c: AwardType.objects.get(code=c) for c in ("LDTT", "CSTDCS", "TTLDTT", "GK")}
    people = [
        org.create_person(None, unit=tree.pldvl, full_name=f"Nguyễn Văn {n}")
        for n in ("An", "Bình", "Cường")
    ]
    vp_person = org.create_person(None, unit=tree.vp, full_name="Trần Thị Dung")
    other_person = org.create_person(None, unit=tree.other, full_name="Lê Văn Em")
    for year in range(2015, 2020):
        lines = [AwardLine(t["LDTT"], year, person=p) for p in people]
        lines.append(AwardLine(t["TTLDTT"], year, unit=tree.pldvl))
        record_decision(
            None,
            agency=tree.agency,
            number=f"{year - 2000}/QĐ-SLĐTBXH",
            date=dt.date(year + 1, 1, 20),
            lines=lines,
        )
    record_decision(
        None,
        agency=tree.agency,
        number="7/QĐ-SLĐTBXH",
        date=dt.date(2018, 3, 1),
        lines=[
            AwardLine(t["CSTDCS"], 2017, person=people[0]),
            AwardLine(t["GK"], 2017, person=people[1]),
            AwardLine(t["GK"], 2017, unit=tree.pldvl),
        ],
    )
    record_decision(
        None,
        agency=tree.agency,
        number="3/QĐ-SNV",
        date=dt.date(2020, 1, 10),
        lines=[AwardLine(t["LDTT"], 2019, person=vp_person)],
    )
    record_decision(
        None,
        agency=tree.agency,
        number="9/QĐ-UBND",
        date=dt.date(2020, 1, 10),
        lines=[AwardLine(t["LDTT"], 2019, person=other_person)],
    )
    add_initiative(
        None, unit=tree.pldvl, title="Số hoá hồ sơ", year=2017, level="CO_SO", authors=[people[0]]
    )
    add_initiative(
        None, unit=tree.pldvl, title="Phần mềm", year=2018, level="BO_TINH", authors=[people[0]]
    )
    return people


def test_counts_luot_and_rolls_merged_unit_into_successor(tree, history):
    s = build_summary(2015, 2019, tree.snv)
    assert s.as_json() == {
        "from_year": 2015,
        "to_year": 2019,
        "unit": "SNV",
        "awards": [
            {"code": "LDTT", "subject": "individual", "count": 16},
            {"code": "CSTDCS", "subject": "individual", "count": 1},
            {"code": "TTLDTT", "subject": "collective", "count": 5},
            {"code": "GK", "subject": "individual", "count": 1},
            {"code": "GK", "subject": "collective", "count": 1},
        ],
        "initiatives": [{"level": "CO_SO", "count": 1}, {"level": "BO_TINH", "count": 1}],
    }
    whole = build_summary(2015, 2019)
    assert whole.count("LDTT", "individual") == 17  # + the commune's one


def test_period_bounds_and_revoked_awards(tree, history):
    assert build_summary(2016, 2017, tree.sldtbxh).count("LDTT", "individual") == 6
    revoke = Decision.objects.create(
        agency=tree.agency, number="1/QĐ-SNV", date=dt.date(2021, 1, 1), kind=Decision.Kind.REVOKE
    )
    award = history[0].awards.get(year=2016, award_type__code="LDTT")
    revoke_awards(None, [award], by=revoke, reason="Khai man thành tích")
    assert build_summary(2016, 2017, tree.sldtbxh).count("LDTT", "individual") == 5


def test_scope_intersection(tree, history):
    s = build_summary(2015, 2019, None, allowed_unit_ids=[tree.vp.pk])
    assert s.as_json()["awards"] == [{"code": "LDTT", "subject": "individual", "count": 1}]


def test_paragraph_in_the_style_of_the_seeds(tree, history):
    text = summary_paragraph(build_summary(2015, 2019, tree.snv))
    assert text == (
        "Giai đoạn 2015–2019, toàn ngành có tập thể được công nhận 5 lượt Tập thể lao động "
        "tiên tiến; cá nhân đạt danh hiệu 16 lượt Lao động tiên tiến, 1 lượt Chiến sĩ thi đua "
        "cơ sở; Giấy khen: 1 lượt cá nhân và 1 lượt tập thể; 1 sáng kiến cấp cơ sở, "
        "1 sáng kiến cấp bộ, ngành, tỉnh được công nhận."
    )


def test_cli_json_exact(tree, history):
    out = io.StringIO()
    call_command(
        "report",
        "summary",
        "--from",
        "2019",
        "--to",
        "2019",
        "--unit",
        "sldtbxh",
        "--format",
        "json",
        stdout=out,
    )
    assert json.loads(out.getvalue()) == {
        "from_year": 2019,
        "to_year": 2019,
        "unit": "SLDTBXH",
        "awards": [
            {"code": "LDTT", "subject": "individual", "count": 3},
            {"code": "TTLDTT", "subject": "collective", "count": 1},
        ],
        "initiatives": [],
    }


def test_cli_bad_input(tree):
    with pytest.raises(CommandError, match="unknown unit code: NOPE"):
        call_command("report", "summary", "--from", "2015", "--to", "2019", "--unit", "NOPE")
    with pytest.raises(CommandError, match="after"):
        call_command("report", "summary", "--from", "2020", "--to", "2015")


def test_xlsx_and_docx(tree, history):
    s = build_summary(2015, 2019, tree.snv)
    ws = load_workbook(io.BytesIO(to_xlsx(s))).active
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    assert rows[0] == (1, "Lao động tiên tiến", "LDTT", 16, 0, 0, 16)
    assert rows[3] == (4, "Giấy khen", "GK", 1, 1, 0, 2)
    doc = Document(
        io.BytesIO(to_docx(s, parent_agency="UBND tỉnh Thái Nguyên", agency="Sở Nội vụ"))
    )
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Kết quả khen thưởng giai đoạn 2015–2019 – Sở Nội vụ" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    # The rule under the motto is a paragraph border (an empty paragraph), not underscores.
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" in cells
    assert "Lao động tiên tiến" in cells and "16" in cells
