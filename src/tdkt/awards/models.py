"""The award catalogue, decisions and awards (one "lượt" each)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.awards.numbers import decision_key, normalise_decision_number
from tdkt.common.text import nfc
from tdkt.org.models import Agency, Household, Person, Unit


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")


class AwardType(models.Model):
    """A title or form of commendation. Built-ins are seeded by a migration; admins add more."""

    class Kind(models.TextChoices):
        TITLE = "title", _("Danh hiệu thi đua")
        COMMENDATION = "commendation", _("Hình thức khen thưởng")

    class Subjects(models.TextChoices):
        INDIVIDUAL = "individual", _("Cá nhân")
        COLLECTIVE = "collective", _("Tập thể")
        BOTH = "both", _("Cá nhân và tập thể")

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên ngắn"), max_length=60, blank=True)
    aliases = models.JSONField(_("cách viết khác"), default=list, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    subjects = models.CharField(_("đối tượng"), max_length=20, choices=Subjects.choices)
    tier = models.CharField(_("cấp khen"), max_length=60, blank=True)
    level_key = models.CharField(_("cấp pháp lý"), max_length=20, blank=True)
    money_individual = models.DecimalField(
        _("hệ số tiền thưởng cá nhân"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    money_collective = models.DecimalField(
        _("hệ số tiền thưởng tập thể"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_builtin = models.BooleanField(_("có sẵn"), default=False, editable=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("danh hiệu, hình thức")
        verbose_name_plural = _("danh mục danh hiệu, hình thức")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Decision(models.Model):
    """A decision (quyết định) such as "Số: 05/QĐ-SNV", with the list of awards it grants."""

    class Kind(models.TextChoices):
        AWARD = "award", _("Khen thưởng")
        REVOKE = "revoke", _("Huỷ bỏ, thu hồi")

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("cơ quan")
    )
    number = models.CharField(_("số quyết định"), max_length=60)
    number_key = models.CharField(max_length=60, db_index=True, editable=False, default="")
    seq = models.PositiveIntegerField(_("số thứ tự"), null=True, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, blank=True)
    date = models.DateField(_("ngày quyết định"), db_index=True)
    issuer = models.CharField(_("cơ quan, người quyết định"), max_length=200, blank=True)
    issuer_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions_issued",
        verbose_name=_("đơn vị ban hành"),
    )
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.AWARD)
    subject = models.CharField(_("trích yếu"), max_length=500, blank=True)
    file = models.FileField(_("tệp quyết định"), upload_to="decisions/%Y/", blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "number_key", "date"],
                name="decision_number_date_unique",
                violation_error_message=_("Đã có quyết định cùng số và ngày này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d/%m/%Y})"

    def save(self, *args: object, **kwargs: object) -> None:
        self.fill_derived()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def fill_derived(self) -> None:
        """Normalise the number and texts (also used by bulk writes)."""
        self.number = normalise_decision_number(self.number)
        self.number_key = decision_key(self.number)
        self.subject = nfc(self.subject)
        self.issuer = nfc(self.issuer)


#: Exactly one of person / unit / household is set, the one ``subject_kind`` names (shared
#: by every model that points at a subject: awards, nominations).
SUBJECT_MATCHES_KIND = (
    Q(subject_kind="individual", person__isnull=False, unit__isnull=True, household__isnull=True)
    | Q(subject_kind="collective", person__isnull=True, unit__isnull=False, household__isnull=True)
    | Q(subject_kind="household", person__isnull=True, unit__isnull=True, household__isnull=False)
)


class Award(models.Model):
    """One award record ("một lượt"): one line of a decision's list."""

    class Kind(models.TextChoices):
        MERIT = "merit", _("Thường xuyên (theo thành tích)")
        THEMATIC = "thematic", _("Theo chuyên đề")
        ADHOC = "adhoc", _("Đột xuất")

    award_type = models.ForeignKey(
        AwardType,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("danh hiệu, hình thức"),
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="awards", verbose_name=_("quyết định")
    )
    subject_kind = models.CharField(_("đối tượng"), max_length=12, choices=SubjectKind.choices)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collective_awards",
        verbose_name=_("tập thể"),
    )
    household = models.ForeignKey(
        Household,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("hộ gia đình"),
    )
    unit_at_time = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="awards_within",
        verbose_name=_("đơn vị khi khen"),
    )
    position_at_time = models.CharField(_("chức vụ khi khen"), max_length=120, blank=True)
    kind = models.CharField(_("loại khen"), max_length=10, choices=Kind.choices, default=Kind.MERIT)
    revoked_by = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revoked_awards",
        verbose_name=_("bị huỷ bởi quyết định"),
    )
    revoked_reason = models.CharField(_("lý do huỷ"), max_length=255, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("lượt khen thưởng")
        verbose_name_plural = _("lượt khen thưởng")
        ordering = ["-year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=SUBJECT_MATCHES_KIND, name="award_subject_matches_kind"
            ),
            models.UniqueConstraint(
                fields=["person", "award_type", "year", "decision"],
                condition=Q(person__isnull=False),
                name="award_person_unique",
            ),
            models.UniqueConstraint(
                fields=["unit", "award_type", "year", "decision"],
                condition=Q(unit__isnull=False),
                name="award_unit_unique",
            ),
            models.UniqueConstraint(
                fields=["household", "award_type", "year", "decision"],
                condition=Q(household__isnull=False),
                name="award_household_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "award_type"]),
            models.Index(fields=["unit_at_time", "year"]),
            # The awards list, newest year first: a page without a full sort.
            models.Index(fields=["year", "id"], name="award_year_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.award_type.code} {self.year} – {self.subject_name}"

    @property
    def subject(self) -> Person | Unit | Household | None:
        return self.person or self.unit or self.household

    @property
    def subject_name(self) -> str:
        subject = self.subject
        return str(subject) if subject else ""

    @property
    def is_revoked(self) -> bool:
        return self.revoked_by_id is not None
