"""Web imports: upload → validation (background) → preview/errors → confirm → import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from importsamples import ROWS, csv_bytes

from tdkt.awards.models import Award
from tdkt.imports.models import ImportJob

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def officer_client(officer):
    c = Client()
    c.force_login(officer)
    return c


def upload(client, data: bytes, name="ds.csv", kind="awards"):
    return client.post(
        reverse("imports:list"), {"kind": kind, "file": SimpleUploadedFile(name, data)}
    )


@override_settings(TASKS=IMMEDIATE)
def test_upload_validate_confirm_import(tree, officer_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(officer_client, csv_bytes())
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/nhap-du-lieu/{job.pk}/"
    assert job.status == ImportJob.Status.READY
    assert job.preview["total_rows"] == 4
    assert job.preview["mapping"][2] == {
        "label": "Họ và tên",
        "column": "C",
        "file_header": "Họ và tên",
        "required": True,
    }
    assert Award.objects.count() == 0  # validation is a dry run
    page = officer_client.get(job.pk and reverse("imports:detail", args=[job.pk]))
    assert "Xác nhận nhập dữ liệu" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(reverse("imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.result["created"]["awards"] == 4
    assert Award.objects.count() == 4
    # confirming twice is refused and imports nothing more
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(reverse("imports:confirm", args=[job.pk]))
    assert Award.objects.count() == 4


@override_settings(TASKS=IMMEDIATE)
def test_errors_are_listed_and_confirm_refused(
    tree, officer_client, django_capture_on_commit_callbacks
):
    bad = [*ROWS, "5,Cá nhân,Lê Văn C,,Nam,1990,,PLDVL,Bằng khen,2019,9/QĐ-UBND,01/02/2020,,"]
    with django_capture_on_commit_callbacks(execute=True):
        upload(officer_client, csv_bytes(bad))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID
    assert job.problems == [
        [6, "Danh hiệu/Hình thức", '"Bằng khen" is ambiguous (BK_BO, BK_TINH, BK_TTG)']
    ]
    html = officer_client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "1 lỗi — chưa có gì được ghi" in html and "Xác nhận nhập dữ liệu" not in html
    officer_client.post(reverse("imports:confirm", args=[job.pk]))
    assert Award.objects.count() == 0


def test_wrong_type_refused_with_message(tree, officer_client):
    response = upload(officer_client, b"MZ\x90\x00binary", name="virus.exe")
    assert response.status_code == 400
    assert "Chỉ nhận tệp .xlsx hoặc .csv" in response.content.decode()
    assert ImportJob.objects.count() == 0


@override_settings(TASKS=IMMEDIATE)
def test_pdf_named_xlsx_is_invalid(tree, officer_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(officer_client, b"%PDF-1.7\n...", name="ds.xlsx")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID and job.problems[0][0] is None


def test_viewer_cannot_import_and_others_jobs_are_hidden(tree, viewer, clerk, officer_client):
    c = Client()
    c.force_login(viewer)
    assert c.get(reverse("imports:list")).status_code == 403
    upload(officer_client, csv_bytes())
    job = ImportJob.objects.get()
    c.force_login(clerk)
    assert c.get(reverse("imports:detail", args=[job.pk])).status_code == 404
    assert c.post(reverse("imports:confirm", args=[job.pk])).status_code == 404


def test_anonymous_redirected_and_csrf_enforced(tree, officer):
    assert Client().get(reverse("imports:list")).status_code == 302
    c = Client(enforce_csrf_checks=True)
    c.force_login(officer)
    assert upload(c, csv_bytes()).status_code == 403
    assert ImportJob.objects.count() == 0
