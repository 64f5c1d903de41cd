"""The database side of imports: matching, idempotency, all-or-nothing, scope, round trip."""

import csv
import io

import pytest
from django.core.management import call_command
from importsamples import ROWS, csv_bytes

from tdkt.awards.models import Award, Decision
from tdkt.common.models import AuditEntry
from tdkt.imports.export import export_queryset, to_bytes
from tdkt.imports.loader import import_awards, import_initiatives
from tdkt.org import domain as org
from tdkt.org.models import Person, Unit
from tdkt.records.models import Initiative


def test_import_matches_existing_units_and_people(tree):
    binh = org.create_person(None, unit=tree.pldvl, full_name="Trần Văn Bình", birth_year=1979)
    report = import_awards(csv_bytes(), "list.csv")
    assert report.ok, report.errors
    assert report.rows_read == 4
    assert {k: v for k, v in report.created.items() if v} == {
        "people": 1,
        "decisions": 2,
        "awards": 4,
    }
    assert report.matched["people"] == 1 and report.skipped_duplicates == 0
    huong = Person.objects.get(external_id="NV001")
    assert (huong.full_name, huong.sex, huong.birth_year, huong.unit) == (
        "Nguyễn Thị Hương",
        "F",
        1985,
        tree.pldvl,
    )
    assert list(binh.awards.values_list("award_type__code", flat=True)) == ["CSTDCS"]
    coll = Award.objects.get(subject_kind="collective")
    assert (coll.unit, coll.unit_at_time, coll.award_type.code) == (
        tree.pldvl,
        tree.pldvl,
        "TTLDTT",
    )
    assert Award.objects.get(award_type__code="BK_TINH").kind == Award.Kind.ADHOC
    assert Decision.objects.get(number="1234/QĐ-UBND").issuer == "Chủ tịch UBND tỉnh"
    assert AuditEntry.objects.filter(action="import", model="awards.award").count() == 1


def test_reimport_creates_no_duplicates(tree):
    assert import_awards(csv_bytes(), "list.csv").ok
    again = import_awards(csv_bytes(), "list.csv")
    assert again.ok and again.skipped_duplicates == 4 and again.created["awards"] == 0
    assert Award.objects.count() == 4 and Person.objects.count() == 2


def test_dry_run_writes_nothing(tree):
    report = import_awards(csv_bytes(), "list.csv", dry_run=True)
    assert report.ok and report.created["awards"] == 4
    assert Award.objects.count() == 0 and Person.objects.count() == 0


def test_error_rows_write_nothing(tree):
    bad = [*ROWS, "5,Cá nhân,Lê Văn C,,Nam,1990,,PLDVL,Bằng khen,2019,9/QĐ-UBND,01/02/2020,,"]
    report = import_awards(csv_bytes(bad), "list.csv")
    assert [str(e) for e in report.errors] == [
        'row 6: Danh hiệu/Hình thức: "Bằng khen" is ambiguous (BK_BO, BK_TINH, BK_TTG)'
    ]
    assert Award.objects.count() == 0 and Decision.objects.count() == 0
    assert Person.objects.count() == 0


def test_new_units_created_under(tree):
    row = (
        "1,Cá nhân,Đỗ Minh Tâm,,Nam,1990,,Trung tâm Dịch vụ việc làm,LĐTT,2020,"
        "5/QĐ-SNV,05/02/2021,,"
    )
    report = import_awards(csv_bytes([row]), "x.csv", under=tree.snv)
    assert report.ok and report.created["units"] == 1
    unit = Unit.objects.get(name="Trung tâm Dịch vụ việc làm")
    assert unit.parent == tree.snv and unit.code == "TTDVVL"


def test_clerk_cannot_import_into_units_outside_scope(tree, clerk):
    row = "1,Cá nhân,Đỗ Minh Tâm,,Nam,1990,,VP,LĐTT,2020,5/QĐ-SNV,05/02/2021,,"
    report = import_awards(csv_bytes([row]), "x.csv", actor=clerk)
    assert [str(e) for e in report.errors] == ['row 2: Đơn vị: "VP" is outside your units']
    assert Award.objects.count() == 0
    ok = import_awards(csv_bytes([row.replace(",VP,", ",PLDVL,")]), "x.csv", actor=clerk)
    assert ok.ok and Award.objects.get().unit_at_time == tree.pldvl


def test_viewer_cannot_import(tree, viewer):
    with pytest.raises(PermissionError):
        import_awards(csv_bytes(), "list.csv", actor=viewer)


def test_export_import_round_trip_is_identity(tree):
    assert import_awards(csv_bytes(), "list.csv").ok
    first = to_bytes(export_queryset(), "csv")
    Award.objects.all().delete()
    Decision.objects.all().delete()
    report = import_awards(first, "export.csv")
    assert report.ok and report.created["awards"] == 4 and report.created["people"] == 0
    assert to_bytes(export_queryset(), "csv") == first


def test_export_neutralises_formulas(tree):
    org.create_person(None, unit=tree.pldvl, full_name="=HYPERLINK(1)", external_id="@x")
    rows = ['1,Cá nhân,"=HYPERLINK(1)",@x,,,+chức vụ,PLDVL,LĐTT,2020,5/QĐ-SNV,05/02/2021,,-1']
    assert import_awards(csv_bytes(rows), "x.csv").ok
    text = to_bytes(export_queryset(), "csv").decode("utf-8-sig")
    line = list(csv.reader(io.StringIO(text)))[1]
    assert line[2:4] == ["'=HYPERLINK(1)", "'@x"] and line[6] == "'+chức vụ"
    assert line[13] == "'-1"


def test_cli_prints_rows_and_exits_nonzero(tree, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([ROWS[0].replace("2019,", "2031,")]))
    with pytest.raises(SystemExit) as exc:
        call_command("import", "awards", str(path))
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "row 2: Năm:" in err and "nothing was written" in err
    assert Award.objects.count() == 0


def test_initiatives_import_and_reimport(tree):
    data = (
        "Tên sáng kiến,Tác giả,Đơn vị,Năm,Cấp công nhận,Số quyết định,Ngày quyết định\n"
        "Số hoá hồ sơ người có công,Nguyễn Thị Hương; Trần Văn Bình,PLDVL,2019,Cơ sở,"
        "12/QĐ-SLĐTBXH,20/12/2019\n"
        "Phần mềm quản lý việc làm,Trần Văn Bình,PLDVL,2019,Cấp tỉnh,77/QĐ-UBND,"
        "25/12/2019\n"
    ).encode()
    binh = org.create_person(None, unit=tree.pldvl, full_name="Trần Văn Bình")
    report = import_initiatives(data, "sk.csv")
    assert report.ok, report.errors
    assert report.created["initiatives"] == 2 and report.created["people"] == 1
    assert sorted(binh.initiatives.values_list("level", flat=True)) == ["BO_TINH", "CO_SO"]
    assert Initiative.objects.get(level="CO_SO").title == "Số hóa hồ sơ người có công"
    again = import_initiatives(data, "sk.csv")
    assert again.ok and again.skipped_duplicates == 2 and Initiative.objects.count() == 2
