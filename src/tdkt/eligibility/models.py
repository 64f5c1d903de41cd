"""Per-agency parameter overrides: an agency's own regulation (quy chế) changing a number.

An override replaces a shipped parameter value (``parameters/*.yaml``) on its dates for one
agency's verdicts; every verdict that uses it shows its source. Values are checked against the
parameter's type on save (a wrong type is refused with the parameter named), overlapping
overrides of the same parameter are refused, and every change is audited (admin:
``AuditedAdmin``; code: :mod:`tdkt.eligibility.domain`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.common.text import nfc
from tdkt.org.models import Agency


def parameter_choices() -> list[tuple[str, str]]:
    """(name, "name — description") of every shipped parameter."""
    from tdkt.eligibility.core import Engine

    return [
        (p.name, f"{p.name} — {p.description}" if p.description else p.name)
        for p in Engine.default().parameters.all()
    ]


class ParameterOverride(models.Model):
    """A local value of a rules-engine parameter for one agency, from a date to a date."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="parameter_overrides",
        verbose_name=_("cơ quan"),
    )
    name = models.CharField(_("tham số"), max_length=80, choices=parameter_choices)
    valid_from = models.DateField(
        _("áp dụng từ ngày"), null=True, blank=True, help_text=_("Để trống: không giới hạn.")
    )
    valid_to = models.DateField(
        _("áp dụng đến ngày"), null=True, blank=True, help_text=_("Để trống: không giới hạn.")
    )
    value = models.JSONField(
        _("giá trị"),
        blank=True,
        help_text=_(
            "Theo kiểu của tham số: số nguyên (6), số (1.5), tỷ lệ phần trăm (20), "
            'true/false, hình thức kỷ luật ("CANH_CAO"); null: không áp dụng.'
        ),
    )
    source = models.CharField(
        _("căn cứ"),
        max_length=300,
        help_text=_("Văn bản quy định giá trị này, ví dụ: Quyết định 12/2024/QĐ-UBND, Điều 5."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tạo"),
        editable=False,
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)

    class Meta:
        verbose_name = _("tham số áp dụng riêng")
        verbose_name_plural = _("tham số áp dụng riêng")
        ordering = ["agency", "name", "valid_from", "id"]
        indexes = [models.Index(fields=["agency", "name"])]

    def __str__(self) -> str:
        return f"{self.name} = {self.value!r} ({self.period_label})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Refuses an invalid override (``ValidationError`` naming the parameter)."""
        self.full_clean(exclude=["created_by"])
        super().save(*args, **kwargs)

    @property
    def period_label(self) -> str:
        def day(d: dt.date | None, open_text: str) -> str:
            return d.strftime("%d/%m/%Y") if d else open_text

        return f"{day(self.valid_from, '…')} – {day(self.valid_to, '…')}"

    @property
    def label(self) -> str:
        """The source label every verdict using this value shows."""
        return self.source.strip()

    def as_entry(self) -> tuple[dt.date | None, dt.date | None, Any, str]:
        """The ``(from, to, value, source_label)`` entry ``Engine.with_overrides`` takes."""
        return (self.valid_from, self.valid_to, self.value, self.label)

    def clean(self) -> None:
        from tdkt.eligibility.core import DataError, Engine

        self.source = nfc(self.source or "").strip()
        params = Engine.default().parameters
        if self.name not in params:
            raise ValidationError({"name": f"Không có tham số “{self.name}”."})
        if not self.source:
            raise ValidationError({"source": "Cần ghi căn cứ (văn bản quy định giá trị này)."})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày kết thúc trước ngày bắt đầu."})
        siblings = (
            ParameterOverride.objects.filter(agency_id=self.agency_id, name=self.name)
            .exclude(pk=self.pk)
            .order_by("valid_from", "pk")
            if self.agency_id
            else ParameterOverride.objects.none()
        )
        entries = [o.as_entry() for o in siblings]
        try:
            params.with_overrides({self.name: [self.as_entry()]})
        except DataError as exc:
            raise ValidationError(
                {"value": f"Tham số {self.name}: giá trị {self.value!r} không hợp lệ ({exc})."}
            ) from None
        try:
            params.with_overrides({self.name: [*entries, self.as_entry()]})
        except DataError as exc:
            raise ValidationError(
                f"Tham số {self.name}: khoảng thời gian {self.period_label} trùng với một giá "
                f"trị áp dụng riêng khác của cơ quan ({exc})."
            ) from None
