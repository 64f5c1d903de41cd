"""Web imports: upload, preview and errors, confirm, progress."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.imports.forms import UploadForm
from tdkt.imports.jobs import can_import, confirm_job, start_job
from tdkt.imports.models import ImportJob
from tdkt.org.policies import is_officer, membership


def visible_jobs(user: object) -> QuerySet[ImportJob]:
    """Own jobs; officers also see the jobs of their agency."""
    m = membership(user)
    if m is None:
        return ImportJob.objects.none()
    q = Q(user=user)
    if is_officer(user):
        q |= Q(user__membership__agency_id=m.agency_id)
    return ImportJob.objects.filter(q).select_related("user", "under")


def import_list(request: HttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            job = start_job(
                request.user,
                form.cleaned_data["file"],
                form.cleaned_data["kind"],
                form.cleaned_data["under"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return redirect("imports:detail", pk=job.pk)
    jobs = visible_jobs(request.user)[:30]
    return render(
        request,
        "imports/list.html",
        {"form": form, "jobs": jobs, "nav_current": "imports:list"},
        status=400 if form.errors else 200,
    )


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    context = {"job": job, "nav_current": "imports:list"}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "imports/_status.html", context)
    return render(request, "imports/detail.html", context)


@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    if job.user_id != request.user.pk:
        raise Http404
    try:
        confirm_job(request.user, job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã xác nhận; dữ liệu đang được nhập."))
    return redirect("imports:detail", pk=job.pk)
