"""Web imports as background jobs: upload → validate (a dry run) → confirm → import.

Both steps run as django-tasks tasks (database backend; `tdkt serve` and `tdkt demo` run a
worker). Each updates its ``ImportJob`` row with progress, so the page can show a bar.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from tdkt.common import audit
from tdkt.imports.errors import ImportFileError
from tdkt.imports.headers import AWARD_TEMPLATE, INITIATIVE_TEMPLATE, match_headers
from tdkt.imports.loader import ImportReport, import_awards, import_initiatives
from tdkt.imports.models import ImportJob
from tdkt.imports.readers import CSV_EXTENSIONS, EXCEL_EXTENSIONS, read_table
from tdkt.org.models import Membership, Unit
from tdkt.org.policies import can_see_unit, membership

MAX_BYTES = 50 * 1024 * 1024
ALLOWED = CSV_EXTENSIONS | EXCEL_EXTENSIONS
PREVIEW_ROWS = 10


def can_import(user: Any) -> bool:
    m = membership(user)
    return m is not None and m.role in {
        Membership.Role.ADMIN,
        Membership.Role.OFFICER,
        Membership.Role.CLERK,
    }


@transaction.atomic
def start_job(actor: Any, upload: UploadedFile, kind: str, under: Unit | None = None) -> ImportJob:
    """Store the upload (outside the web root) and queue its validation."""
    if not can_import(actor):
        raise PermissionDenied("Bạn không có quyền nhập dữ liệu.")
    if kind not in ImportJob.Kind.values:
        raise ValidationError({"kind": "Loại dữ liệu không hợp lệ."})
    if under is not None and not can_see_unit(actor, under):
        raise PermissionDenied("Đơn vị nằm ngoài phạm vi của bạn.")
    name = upload.name or "tep"
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if suffix not in ALLOWED:
        raise ValidationError(
            {
                "file": f"Chỉ nhận tệp .xlsx hoặc .csv; tệp “{name}” có đuôi "
                f"{suffix or '(không có đuôi)'}."
            }
        )
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError({"file": "Tệp lớn hơn 50 MB."})
    if not upload.size:
        raise ValidationError({"file": "Tệp trống (0 byte)."})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    job = ImportJob.objects.create(
        user=actor,
        kind=kind,
        file=upload,
        original_name=name,
        sha256=digest.hexdigest(),
        size=upload.size,
        under=under,
    )
    audit.record(actor, "upload", job, after={"file": name, "sha256": job.sha256, "kind": kind})
    transaction.on_commit(lambda: validate_job.enqueue(job.pk))
    return job


@transaction.atomic
def confirm_job(actor: Any, job: ImportJob) -> ImportJob:
    """Queue the import of a validated job (its owner only)."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.user_id != actor.pk:
        raise PermissionDenied("Chỉ người tải tệp lên được xác nhận nhập.")
    if job.status != ImportJob.Status.READY:
        raise ValidationError(
            f"Không thể nhập: lượt nhập đang ở trạng thái “{job.get_status_display()}”."
        )
    job.status, job.done, job.total, job.phase = ImportJob.Status.QUEUED, 0, 0, ""
    job.save(update_fields=["status", "done", "total", "phase"])
    audit.record(actor, "confirm", job, after={"status": job.status})
    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


def _progress(job: ImportJob) -> Any:
    last = [0]

    def update(phase: str, done: int, total: int) -> None:
        # a write every ~2% keeps the page live without slowing the import
        if done == total or done - last[0] >= max(total // 50, 1) or phase != job.phase:
            last[0] = done
            job.phase, job.done, job.total = phase, done, total
            ImportJob.objects.filter(pk=job.pk).update(phase=phase, done=done, total=total)

    return update


def _run(job: ImportJob, dry_run: bool) -> ImportReport:
    with job.file.open("rb") as fh:
        data = fh.read()
    fn = import_awards if job.kind == ImportJob.Kind.AWARDS else import_initiatives
    kwargs: dict[str, Any] = {"under": job.under, "dry_run": dry_run, "actor": job.user}
    if fn is import_awards:
        kwargs["progress"] = _progress(job)
    return fn(data, job.original_name, **kwargs)


def _preview(job: ImportJob, data: bytes) -> dict[str, Any]:
    table = read_table(data, job.original_name)
    template = AWARD_TEMPLATE if job.kind == ImportJob.Kind.AWARDS else INITIATIVE_TEMPLATE
    match = match_headers(table, template)
    header = (
        [str(c) for c in table.rows[match.row - table.rows[0].number].cells]
        if match.row >= table.rows[0].number
        else []
    )
    mapping = [
        {
            "label": col.label,
            "column": (table.letter(match.columns[col.key]) if col.key in match.columns else ""),
            "file_header": (
                header[match.columns[col.key]]
                if col.key in match.columns and match.columns[col.key] < len(header)
                else ""
            ),
            "required": col.required,
        }
        for col in template.columns
    ]
    rows = [[str(c) for c in r.cells] for r in match.data[:PREVIEW_ROWS]]
    return {
        "source": table.source,
        "header": header,
        "mapping": mapping,
        "rows": rows,
        "total_rows": len(match.data),
    }


@task()
def validate_job(job_id: int) -> None:
    """Read, check headers, and dry-run the whole import."""
    job = ImportJob.objects.select_related("user", "under").get(pk=job_id)
    with job.file.open("rb") as fh:
        data = fh.read()
    try:
        job.preview = _preview(job, data)
    except ImportFileError as exc:
        job.status, job.problems = ImportJob.Status.INVALID, [[None, None, exc.message]]
        job.finished_at = timezone.now()
        job.save()
        return
    except Exception:  # never leave a job spinning
        job.status, job.problems = ImportJob.Status.FAILED, [[None, None, "Lỗi khi đọc tệp."]]
        job.save()
        raise
    report = _run(job, dry_run=True)
    job.refresh_from_db(fields=["done", "total", "phase"])
    job.problems = [[p.row, p.column, p.message] for p in report.errors]
    job.warnings = [[p.row, p.column, p.message] for p in report.warnings]
    job.result = {
        "summary": report.summary(),
        "created": dict(report.created),
        "matched": dict(report.matched),
        "duplicates": report.skipped_duplicates,
        "rows": report.rows_read,
    }
    job.status = ImportJob.Status.READY if report.ok else ImportJob.Status.INVALID
    job.save()


@task()
def run_job(job_id: int) -> None:
    """Import a confirmed job."""
    job = ImportJob.objects.select_related("user", "under").get(pk=job_id)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    try:
        report = _run(job, dry_run=False)
    except Exception:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, finished_at=timezone.now()
        )
        raise
    job.refresh_from_db(fields=["done", "total", "phase"])
    job.problems = [[p.row, p.column, p.message] for p in report.errors]
    job.result = {
        "summary": report.summary(),
        "created": dict(report.created),
        "matched": dict(report.matched),
        "duplicates": report.skipped_duplicates,
        "rows": report.rows_read,
    }
    job.status = ImportJob.Status.DONE if report.ok else ImportJob.Status.FAILED
    job.finished_at = timezone.now()
    job.save()
