"""MEM-1 … MEM-7, FEE-1: applications, interest, memberships, representatives' invitations,
service agreements, commitments, exit settlements and the yearly fee bands."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bundel.registry.models import Board
from bundel.shared.fields import money_field


class FeeSchedule(models.Model):
    """FEE-1: the membership-fee bands of one year. A quote or invoice copies the band it used,
    so changing next year's bands never alters a past quote or invoice."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    bands = models.JSONField(
        _("bands"), help_text=_('[{"max_students": 1000, "amount": "1000.00"}, …]')
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("fee schedule")
        verbose_name_plural = _("fee schedules")

    def __str__(self) -> str:
        return f"{self.year}"


class InterestDeclaration(models.Model):
    """INS-1 / MEM: a board that only declares interest (the coalition of the willing)."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="interest")
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("e-mail"))
    note = models.TextField(_("note"), blank=True)
    declared_at = models.DateTimeField(_("declared at"))

    class Meta:
        ordering = ["-declared_at"]
        verbose_name = _("declaration of interest")
        verbose_name_plural = _("declarations of interest")

    def __str__(self) -> str:
        return f"{self.board.number} {self.contact_name}"


class Application(models.Model):
    """MEM-2: a board's application, with its contact, signer and billing details."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=200)
    signer_authority = models.CharField(_("authority of the signer"), max_length=200)
    invoice_address = models.TextField(_("invoice address"))
    invoice_email = models.EmailField(_("e-mail for invoices"))
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)
    oin = models.CharField(_("OIN"), max_length=20, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    buyer_reference = models.CharField(_("buyer reference on invoices"), max_length=100)
    peppol_id = models.CharField(_("Peppol ID"), max_length=100, blank=True)
    terms_accepted_at = models.DateTimeField(_("terms accepted at"))
    submitted_at = models.DateTimeField(_("submitted at"))
    fee_quote = models.JSONField(_("fee quote at application"), default=dict, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["board"],
                condition=models.Q(status="pending"),
                name="application_one_pending_per_board",
            ),
            models.CheckConstraint(
                condition=~models.Q(kvk_number="", oin=""), name="application_kvk_or_oin"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board.number} ({self.status})"


class Membership(models.Model):
    """MEM-2, MEM-4: a board's membership, from its start to its last day."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        UNDER_NOTICE = "under_notice", _("under notice")
        ENDED = "ended", _("ended")

    class NoticeBy(models.TextChoices):
        MEMBER = "member", _("the member")
        COOPERATIVE = "cooperative", _("the cooperative")

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="memberships")
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="membership"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    starts_on = models.DateField(_("starts on"))
    notice_on = models.DateField(_("notice given on"), null=True, blank=True)
    notice_by = models.CharField(
        _("notice given by"), max_length=12, choices=NoticeBy.choices, blank=True
    )
    notice_reason = models.TextField(_("reason for the notice"), blank=True)
    last_day = models.DateField(_("last day of membership"), null=True, blank=True)
    # Billing details from the application, kept with the membership (the invoice copies them).
    invoice_address = models.TextField(_("invoice address"), blank=True)
    invoice_email = models.EmailField(_("e-mail for invoices"), blank=True)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)
    oin = models.CharField(_("OIN"), max_length=20, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    buyer_reference = models.CharField(_("buyer reference on invoices"), max_length=100, blank=True)
    peppol_id = models.CharField(_("Peppol ID"), max_length=100, blank=True)
    # REG-6: the chamber change the council secretary has seen last.
    chamber_seen = models.CharField(_("chamber seen by the secretary"), max_length=12, blank=True)

    class Meta:
        ordering = ["board__number", "-starts_on"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        permissions = [
            ("decide_application", _("Can approve or reject applications")),
            ("manage_membership", _("Can give notice for the cooperative and settle exits")),
            ("acknowledge_chamber_change", _("Can acknowledge a member's chamber change")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["board"],
                condition=~models.Q(status="ended"),
                name="membership_one_open_per_board",
            ),
            models.CheckConstraint(
                condition=models.Q(last_day__isnull=True)
                | models.Q(last_day__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board.number} ({self.status})"


class RepresentativeInvitation(models.Model):
    """ACC-1: an invitation to create a member representative account for one board."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200)
    token = models.CharField(max_length=64, unique=True)
    invited_at = models.DateTimeField(_("invited at"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-invited_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email


class ServiceAgreement(models.Model):
    """MEM-6: the service agreement (SLA) for one service a member takes, beside its membership."""

    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="service_agreements"
    )
    service = models.CharField(_("service"), max_length=200)
    sla_reference = models.CharField(_("SLA reference"), max_length=100, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "service"]
        verbose_name = _("service agreement")
        verbose_name_plural = _("service agreements")

    def __str__(self) -> str:
        return self.service


class Commitment(models.Model):
    """MEM-5: a long-term commitment the cooperative invested for (entered by hand for now)."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="commitments")
    service = models.CharField(_("service"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    term_months = models.PositiveIntegerField(_("term in months"))
    investment = money_field(_("investment"))
    yearly_fee = money_field(_("expected yearly fees"))

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(condition=models.Q(term_months__gt=0), name="commitment_term"),
            models.CheckConstraint(
                condition=models.Q(investment__gte=0, yearly_fee__gte=0),
                name="commitment_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.service


class ExitSettlement(models.Model):
    """MEM-5: proposed by staff, accepted or disputed by the member; a dispute goes to the
    advisory committee, whose opinion and the final amount are recorded."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACCEPTED = "accepted", _("accepted")
        DISPUTED = "disputed", _("disputed")
        DECIDED = "decided", _("decided by the advisory committee")

    membership = models.OneToOneField(
        Membership, on_delete=models.PROTECT, related_name="settlement"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    # Each part of the formula, computed from the commitments and editable by staff.
    unrecovered_investment = money_field(_("unrecovered investments"))
    expected_fees = money_field(_("expected fees for the committed remainder"))
    successor_absorbs = money_field(_("absorbed by a successor"))
    total = money_field(_("settlement"))
    explanation = models.TextField(_("explanation"), blank=True)
    proposed_at = models.DateTimeField(_("proposed at"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(_("member responded at"), null=True, blank=True)
    dispute_reason = models.TextField(_("reason for the dispute"), blank=True)
    committee_opinion = models.TextField(_("opinion of the advisory committee"), blank=True)
    final_amount = money_field(_("final amount"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("exit settlement")
        verbose_name_plural = _("exit settlements")

    def __str__(self) -> str:
        return f"{self.membership} {self.status}"
