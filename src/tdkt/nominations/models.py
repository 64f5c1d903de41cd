"""Rounds, nominations and their dossiers, councils and votes, decision numbering, calendar.

State changes go through :mod:`tdkt.nominations.domain` only; these classes hold data and
small derived properties.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import SUBJECT_MATCHES_KIND, Award, AwardType, Decision, SubjectKind
from tdkt.conferences.models import Conference
from tdkt.org.models import Agency, Household, Person, Unit


class Level(models.TextChoices):
    """Where a dossier sits or is decided. Province and ministry are the same legal level."""

    UNIT = "unit", _("Cấp đơn vị")
    DEPARTMENT = "department", _("Cấp sở, ngành")
    PROVINCE = "province", _("Cấp tỉnh")
    MINISTRY = "ministry", _("Cấp bộ, ngành trung ương")
    STATE = "state", _("Cấp Nhà nước")


LEVEL_RANK = {
    Level.UNIT: 0,
    Level.DEPARTMENT: 1,
    Level.PROVINCE: 2,
    Level.MINISTRY: 2,
    Level.STATE: 3,
}


class Round(models.Model):
    """A review round (đợt xét): the codes it considers, its issuer level and deadlines."""

    class Kind(models.TextChoices):
        YEARLY = "yearly", _("Thường xuyên hằng năm")
        THEMATIC = "thematic", _("Theo chuyên đề")
        ADHOC = "adhoc", _("Đột xuất")
        CONFERENCE = "conference", _("Hội nghị điển hình tiên tiến")

    class Status(models.TextChoices):
        OPEN = "open", _("Đang nhận hồ sơ")
        CLOSED = "closed", _("Đã kết thúc")

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("cơ quan")
    )
    name = models.CharField(_("tên đợt xét"), max_length=300)
    kind = models.CharField(_("loại đợt xét"), max_length=12, choices=Kind.choices)
    issuer_level = models.CharField(_("cấp quyết định"), max_length=12, choices=Level.choices)
    organiser = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds_organised",
        verbose_name=_("đơn vị tổ chức"),
        help_text=_(
            "Với đợt xét cấp đơn vị hoặc cấp sở: đơn vị có thủ trưởng quyết định và hội đồng xét."
        ),
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    award_types = models.ManyToManyField(
        AwardType, related_name="rounds", verbose_name=_("danh hiệu, hình thức được xét")
    )
    submission_due = models.DateField(_("hạn nộp hồ sơ"), null=True, blank=True)
    council_date = models.DateField(_("ngày họp hội đồng"), null=True, blank=True)
    published_on = models.DateField(_("ngày công khai danh sách"), null=True, blank=True)
    conference = models.ForeignKey(
        Conference,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("hội nghị"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("đợt xét")
        verbose_name_plural = _("đợt xét")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def award_kind(self) -> str:
        """The kind of the awards this round produces (thematic and ad-hoc never count later)."""
        return ROUND_AWARD_KIND[self.Kind(self.kind)]


ROUND_AWARD_KIND = {
    Round.Kind.YEARLY: Award.Kind.MERIT,
    Round.Kind.THEMATIC: Award.Kind.THEMATIC,
    Round.Kind.ADHOC: Award.Kind.ADHOC,
    # Honours at an advanced-model conference close a movement period: khen theo đợt/chuyên đề.
    Round.Kind.CONFERENCE: Award.Kind.THEMATIC,
}


class Verdict(models.TextChoices):
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    NOT_ELIGIBLE = "not_eligible", _("Không đủ điều kiện")
    UNDETERMINED = "undetermined", _("Chưa xác định")


# Statuses of a nomination that block another one for the same subject, award type and year.
LIVE_STATUSES = ["draft", "submitted", "in_review", "returned", "approved", "decided"]


class Nomination(models.Model):
    """One proposal (hồ sơ đề nghị) of one subject for one award type."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã trình, đang chuyển cấp trên")
        IN_REVIEW = "in_review", _("Chờ hội đồng xét")
        RETURNED = "returned", _("Bị trả lại")
        WITHDRAWN = "withdrawn", _("Đã rút")
        APPROVED = "approved", _("Hội đồng đã thông qua")
        REJECTED = "rejected", _("Không được thông qua")
        DECIDED = "decided", _("Đã có quyết định")
        REVOKED = "revoked", _("Đã bị huỷ bỏ")

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("đợt xét")
    )
    subject_kind = models.CharField(_("đối tượng"), max_length=12, choices=SubjectKind.choices)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("tập thể"),
    )
    household = models.ForeignKey(
        Household,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("hộ gia đình"),
    )
    award_type = models.ForeignKey(
        AwardType,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("danh hiệu, hình thức"),
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    proposing_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="nominations_proposed",
        verbose_name=_("đơn vị đề nghị"),
    )
    position_at_time = models.CharField(_("chức vụ"), max_length=120, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    holder_level = models.CharField(
        _("cấp đang giữ hồ sơ"), max_length=12, choices=Level.choices, default=Level.UNIT
    )
    holder_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations_held",
        verbose_name=_("đơn vị đang giữ hồ sơ"),
        help_text=_("Để trống khi hồ sơ ở cấp cơ quan (tỉnh, bộ) hoặc cao hơn."),
    )
    received_on = models.DateField(_("ngày nhận hồ sơ"), null=True, blank=True)
    verdict = models.CharField(_("kết quả xét điều kiện"), max_length=14, choices=Verdict.choices)
    regime = models.CharField(_("chế độ pháp lý"), max_length=20, blank=True)
    verdict_data = models.JSONField(_("chi tiết xét điều kiện"), default=dict, blank=True)
    justification = models.TextField(_("lý do đề nghị khi không đủ điều kiện"), blank=True)
    flagged = models.BooleanField(
        _("cần lưu ý"),
        default=False,
        help_text=_("Đề nghị dù hệ thống xét là không đủ điều kiện; giữ đến khi hội đồng xét."),
    )
    current_snapshot = models.ForeignKey(
        "DossierSnapshot",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bản hồ sơ đã trình"),
    )
    decision = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("quyết định"),
    )
    award = models.OneToOneField(
        Award,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nomination",
        verbose_name=_("lượt khen thưởng"),
    )
    money_multiple = models.DecimalField(
        _("hệ số tiền thưởng"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    money_amount = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người đề nghị"),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ đề nghị")
        verbose_name_plural = _("hồ sơ đề nghị")
        ordering = ["round", "id"]
        constraints = [
            models.CheckConstraint(
                condition=SUBJECT_MATCHES_KIND, name="nomination_subject_matches_kind"
            ),
            models.CheckConstraint(
                condition=~Q(verdict="not_eligible") | (Q(flagged=True) & ~Q(justification="")),
                name="nomination_not_eligible_justified",
            ),
            # One live nomination per subject, award type and year (withdrawn, rejected and
            # revoked ones do not block a new proposal).
            models.UniqueConstraint(
                fields=["person", "award_type", "year"],
                condition=Q(person__isnull=False) & Q(status__in=LIVE_STATUSES),
                name="nomination_person_live_unique",
            ),
            models.UniqueConstraint(
                fields=["unit", "award_type", "year"],
                condition=Q(unit__isnull=False) & Q(status__in=LIVE_STATUSES),
                name="nomination_unit_live_unique",
            ),
            models.UniqueConstraint(
                fields=["household", "award_type", "year"],
                condition=Q(household__isnull=False) & Q(status__in=LIVE_STATUSES),
                name="nomination_household_live_unique",
            ),
        ]
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self) -> str:
        return f"{self.award_type.code} {self.year} – {self.subject_name}"

    @property
    def subject(self) -> Person | Unit | Household:
        subject = self.person or self.unit or self.household
        assert subject is not None
        return subject

    @property
    def subject_name(self) -> str:
        return str(self.person or self.unit or self.household or "")


class DossierFile(models.Model):
    """One uploaded file of a dossier, stored under MEDIA_ROOT (never served directly)."""

    class Kind(models.TextChoices):
        SUBMISSION = "submission", _("Tờ trình")
        ACHIEVEMENT_REPORT = "achievement_report", _("Báo cáo thành tích")
        MINUTES = "minutes", _("Biên bản họp hội đồng")
        INITIATIVE_RECOGNITION = "initiative_recognition", _("Công nhận sáng kiến")
        OTHER = "other", _("Tài liệu khác")

    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="files", verbose_name=_("hồ sơ")
    )
    kind = models.CharField(_("loại tài liệu"), max_length=24, choices=Kind.choices)
    file = models.FileField(_("tệp"), upload_to="dossiers/", max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    content_type = models.CharField(_("kiểu nội dung"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    removed_at = models.DateTimeField(
        _("thời điểm gỡ"),
        null=True,
        blank=True,
        help_text=_("Tệp gỡ khỏi hồ sơ vẫn được giữ vì bản hồ sơ đã trình có thể tham chiếu."),
    )

    class Meta:
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")
        ordering = ["nomination", "id"]

    def __str__(self) -> str:
        return self.original_name


class DossierSnapshot(models.Model):
    """The dossier as submitted: files with hashes and the nomination data, frozen."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="snapshots", verbose_name=_("hồ sơ")
    )
    number = models.PositiveSmallIntegerField(_("lần trình"))
    data = models.JSONField(_("dữ liệu hồ sơ"))
    files = models.JSONField(_("danh sách tệp"))
    digest = models.CharField(_("mã băm bản hồ sơ"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người trình"),
    )
    created_at = models.DateTimeField(_("thời điểm trình"), auto_now_add=True)

    class Meta:
        verbose_name = _("bản hồ sơ đã trình")
        verbose_name_plural = _("bản hồ sơ đã trình")
        ordering = ["nomination", "number"]
        constraints = [
            models.UniqueConstraint(fields=["nomination", "number"], name="snapshot_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id} #{self.number}"


class NominationEvent(models.Model):
    """One transition of a nomination: from/to status and holder, who, why, when."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="events", verbose_name=_("hồ sơ")
    )
    action = models.CharField(_("thao tác"), max_length=20)
    from_status = models.CharField(_("từ trạng thái"), max_length=12, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=12)
    from_level = models.CharField(_("từ cấp"), max_length=12, blank=True)
    to_level = models.CharField(_("sang cấp"), max_length=12, blank=True)
    to_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị nhận"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    reason = models.TextField(_("lý do"), blank=True)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("lịch sử hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")
        ordering = ["nomination", "id"]

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.from_status} → {self.to_status}"


class Council(models.Model):
    """An emulation and commendation council (Hội đồng TĐKT) of a unit or of the agency."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="councils", verbose_name=_("cơ quan")
    )
    level = models.CharField(_("cấp"), max_length=12, choices=Level.choices)
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="councils",
        verbose_name=_("đơn vị"),
        help_text=_("Để trống với hội đồng cấp cơ quan (tỉnh, bộ)."),
    )
    name = models.CharField(_("tên hội đồng"), max_length=255)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("hội đồng thi đua – khen thưởng")
        verbose_name_plural = _("hội đồng thi đua – khen thưởng")

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    """A member of a council over a period; ``unit`` and ``person`` serve conflict checks."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch")
        VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
        MEMBER = "member", _("Ủy viên")
        SECRETARY = "secretary", _("Ủy viên thư ký")

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="members", verbose_name=_("hội đồng")
    )
    name = models.CharField(_("họ và tên"), max_length=120)
    role = models.CharField(_("vai trò"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_seats",
        verbose_name=_("tài khoản"),
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_seats",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_seats",
        verbose_name=_("đơn vị công tác"),
    )
    active_from = models.DateField(_("từ ngày"), null=True, blank=True)
    active_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        ordering = ["council", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Meeting(models.Model):
    """A council meeting with its quorum rule and the members present."""

    class Quorum(models.TextChoices):
        MAJORITY = "majority", _("Quá nửa tổng số thành viên")
        TWO_THIRDS = "two_thirds", _("Ít nhất 2/3 tổng số thành viên")
        ALL = "all", _("Toàn bộ thành viên")

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("hội đồng")
    )
    date = models.DateField(_("ngày họp"))
    quorum = models.CharField(
        _("điều kiện hợp lệ"), max_length=12, choices=Quorum.choices, default=Quorum.TWO_THIRDS
    )
    present = models.ManyToManyField(
        CouncilMember, related_name="meetings_attended", verbose_name=_("thành viên có mặt")
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("phiên họp hội đồng")
        verbose_name_plural = _("phiên họp hội đồng")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.council} {self.date:%d/%m/%Y}"


class Vote(models.Model):
    """The council's vote on one submitted dossier: totals, or anonymous secret ballots."""

    class Mode(models.TextChoices):
        TOTALS = "totals", _("Tổng hợp kết quả")
        BALLOT = "ballot", _("Bỏ phiếu kín từng thành viên")

    class Result(models.TextChoices):
        PENDING = "pending", _("Chưa kết luận")
        PASSED = "passed", _("Đạt")
        FAILED = "failed", _("Không đạt")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="votes", verbose_name=_("phiên họp")
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="votes", verbose_name=_("hồ sơ")
    )
    snapshot = models.ForeignKey(
        DossierSnapshot,
        on_delete=models.PROTECT,
        related_name="votes",
        verbose_name=_("bản hồ sơ được xét"),
    )
    mode = models.CharField(_("hình thức"), max_length=8, choices=Mode.choices)
    yes = models.PositiveSmallIntegerField(_("đồng ý"), default=0)
    no = models.PositiveSmallIntegerField(_("không đồng ý"), default=0)
    abstain = models.PositiveSmallIntegerField(_("không biểu quyết"), default=0)
    members_total = models.PositiveSmallIntegerField(_("tổng số thành viên hội đồng"))
    recused = models.ManyToManyField(
        CouncilMember, blank=True, related_name="+", verbose_name=_("thành viên không tham gia")
    )
    result = models.CharField(
        _("kết quả"), max_length=8, choices=Result.choices, default=Result.PENDING
    )
    threshold_pct = models.DecimalField(
        _("tỷ lệ yêu cầu (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    threshold_inclusive = models.BooleanField(_("tính cả mức bằng"), default=True)
    threshold_citation = models.CharField(_("căn cứ tỷ lệ"), max_length=255, blank=True)
    decided_at = models.DateTimeField(_("thời điểm kết luận"), null=True, blank=True)

    class Meta:
        verbose_name = _("kết quả biểu quyết")
        verbose_name_plural = _("kết quả biểu quyết")
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nomination"], name="vote_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.yes}/{self.members_total}"


class Ballot(models.Model):
    """One secret ballot: no member, no timestamp, random key (who voted: BallotReceipt)."""

    class Choice(models.TextChoices):
        YES = "yes", _("Đồng ý")
        NO = "no", _("Không đồng ý")
        ABSTAIN = "abstain", _("Không biểu quyết")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(
        Vote, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("biểu quyết")
    )
    choice = models.CharField(_("lựa chọn"), max_length=8, choices=Choice.choices)

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")

    def __str__(self) -> str:
        return self.choice


class BallotReceipt(models.Model):
    """That a member has cast a ballot on a vote (not what they chose)."""

    vote = models.ForeignKey(
        Vote, on_delete=models.PROTECT, related_name="receipts", verbose_name=_("biểu quyết")
    )
    member = models.ForeignKey(
        CouncilMember, on_delete=models.PROTECT, related_name="+", verbose_name=_("thành viên")
    )

    class Meta:
        verbose_name = _("xác nhận đã bỏ phiếu")
        verbose_name_plural = _("xác nhận đã bỏ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["vote", "member"], name="ballot_once_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}: {self.member_id}"


class DecisionCounter(models.Model):
    """The last number issued per agency, document symbol and year (gapless numbering)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name=_("cơ quan"))
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    year = models.PositiveSmallIntegerField(_("năm"))
    last = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("bộ đếm số quyết định")
        verbose_name_plural = _("bộ đếm số quyết định")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "symbol", "year"], name="decision_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.symbol} {self.year}: {self.last}"


class IssuedDecision(models.Model):
    """A decision issued through the workflow: its number parts, money and delivery deadline."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name=_("cơ quan"))
    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="issued", verbose_name=_("quyết định")
    )
    round = models.ForeignKey(
        Round,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("đợt xét"),
    )
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    year = models.PositiveSmallIntegerField(_("năm"))
    seq = models.PositiveIntegerField(_("số thứ tự"), null=True, blank=True)
    base_salary = models.PositiveIntegerField(_("mức lương cơ sở (đồng)"), default=0)
    money_total = models.PositiveBigIntegerField(_("tổng tiền thưởng (đồng)"), default=0)
    items_due = models.DateField(_("hạn trao hiện vật, tiền thưởng"), null=True, blank=True)
    items_done_on = models.DateField(_("ngày đã trao"), null=True, blank=True)

    class Meta:
        verbose_name = _("quyết định ban hành qua quy trình")
        verbose_name_plural = _("quyết định ban hành qua quy trình")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "symbol", "year", "seq"],
                condition=Q(seq__isnull=False),
                name="issued_decision_number_unique",
            )
        ]

    def __str__(self) -> str:
        return str(self.decision)


class Consultation(models.Model):
    """A request sent outside with a working-day deadline: consultation, appraisal, review."""

    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("Lấy ý kiến")
        APPRAISAL = "appraisal", _("Thẩm định")
        REVIEW = "review", _("Xem xét, trình cấp trên")

    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("hồ sơ"),
    )
    kind = models.CharField(_("loại"), max_length=14, choices=Kind.choices)
    counterpart = models.CharField(_("cơ quan được hỏi"), max_length=255)
    sent_on = models.DateField(_("ngày gửi"))
    due_on = models.DateField(_("hạn trả lời"))
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)

    class Meta:
        verbose_name = _("lấy ý kiến, thẩm định")
        verbose_name_plural = _("lấy ý kiến, thẩm định")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.counterpart}"


class CalendarOverride(models.Model):
    """An agency's change to the public-holiday calendar: an extra day off or a make-up day."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ thêm")
        WORKING_DAY = "working_day", _("Ngày làm việc bù")

    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_overrides",
        verbose_name=_("cơ quan"),
        help_text=_("Để trống để áp dụng cho mọi cơ quan."),
    )
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("điều chỉnh lịch làm việc")
        verbose_name_plural = _("điều chỉnh lịch làm việc")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "date"],
                condition=Q(agency__isnull=False),
                name="calendar_override_agency_date",
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(agency__isnull=True),
                name="calendar_override_global_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"
