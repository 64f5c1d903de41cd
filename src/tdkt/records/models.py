"""Yearly ratings, disciplines, holds and initiatives of people and units."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.common.text import fold, nfc
from tdkt.org.models import Person, Unit

ONE_SUBJECT = Q(person__isnull=False, unit__isnull=True) | Q(
    person__isnull=True, unit__isnull=False
)


class Grade(models.TextChoices):
    """Yearly rating, best first."""

    HTXS = "HTXS", _("Hoàn thành xuất sắc nhiệm vụ")
    HTT = "HTT", _("Hoàn thành tốt nhiệm vụ")
    HT = "HT", _("Hoàn thành nhiệm vụ")
    KHT = "KHT", _("Không hoàn thành nhiệm vụ")


GRADE_RANK = {Grade.HTXS: 4, Grade.HTT: 3, Grade.HT: 2, Grade.KHT: 1}


class Rating(models.Model):
    """The year-end rating of a person or a unit."""

    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("tập thể"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    grade = models.CharField(_("xếp loại"), max_length=4, choices=Grade.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("xếp loại")
        verbose_name_plural = _("xếp loại")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(condition=ONE_SUBJECT, name="rating_one_subject"),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="rating_person_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"], condition=Q(unit__isnull=False), name="rating_unit_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} {self.year}: {self.grade}"


class Discipline(models.Model):
    """A disciplinary measure (kỷ luật), mildest first."""

    class Form(models.TextChoices):
        KHIEN_TRACH = "KHIEN_TRACH", _("Khiển trách")
        CANH_CAO = "CANH_CAO", _("Cảnh cáo")
        HA_BAC_LUONG = "HA_BAC_LUONG", _("Hạ bậc lương")
        GIANG_CHUC = "GIANG_CHUC", _("Giáng chức")
        CACH_CHUC = "CACH_CHUC", _("Cách chức")
        BUOC_THOI_VIEC = "BUOC_THOI_VIEC", _("Buộc thôi việc")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="disciplines", verbose_name=_("cá nhân")
    )
    form = models.CharField(_("hình thức"), max_length=20, choices=Form.choices)
    decided_on = models.DateField(_("ngày quyết định"))
    effective_to = models.DateField(_("hết hiệu lực"), null=True, blank=True)
    document = models.CharField(_("số quyết định"), max_length=60, blank=True)
    reason = models.CharField(_("lý do"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["decided_on"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.person} ({self.decided_on:%d/%m/%Y})"

    @property
    def severity(self) -> int:
        return list(self.Form.values).index(self.form) + 1


class Hold(models.Model):
    """A period during which no award may be given (review, investigation, complaint)."""

    class Kind(models.TextChoices):
        DISCIPLINE_REVIEW = "discipline_review", _("Đang xem xét kỷ luật")
        INVESTIGATION = "investigation", _("Đang điều tra")
        INSPECTION = "inspection", _("Đang thanh tra, kiểm tra")
        COMPLAINT = "complaint", _("Có đơn thư khiếu nại, tố cáo đang giải quyết")

    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="holds",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="holds",
        verbose_name=_("tập thể"),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("tạm dừng xét khen thưởng")
        verbose_name_plural = _("tạm dừng xét khen thưởng")
        constraints = [models.CheckConstraint(condition=ONE_SUBJECT, name="hold_one_subject")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.person or self.unit}"


class Initiative(models.Model):
    """An initiative (sáng kiến) recognised at a level."""

    class Level(models.TextChoices):
        CO_SO = "CO_SO", _("Cơ sở")
        BO_TINH = "BO_TINH", _("Cấp bộ, ngành, tỉnh")
        TOAN_QUOC = "TOAN_QUOC", _("Toàn quốc")

    title = models.CharField(_("tên sáng kiến"), max_length=500)
    title_fold = models.CharField(max_length=500, editable=False, default="")
    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    level = models.CharField(_("cấp công nhận"), max_length=10, choices=Level.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("đơn vị")
    )
    authors = models.ManyToManyField(
        Person, related_name="initiatives", blank=True, verbose_name=_("tác giả")
    )
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "title"]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.title = nfc(self.title)
        self.title_fold = fold(self.title)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
