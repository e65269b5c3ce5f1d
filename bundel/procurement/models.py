"""TEN-1 … TEN-8 and FEE-2: members' intent per product and location, tenders with lots and
award criteria, suppliers and their sealed bids, scoring, award, participation, late joiners
and price changes."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bundel.catalog.models import PricingUnitChoices, Product
from bundel.procurement.domain import TenderStatus
from bundel.registry.models import Board, Location
from bundel.shared.fields import money_field

_USER = settings.AUTH_USER_MODEL


class TenderStatusChoices(models.TextChoices):
    DRAFT = TenderStatus.DRAFT.value, _("draft")
    REQUIREMENTS = TenderStatus.REQUIREMENTS.value, _("requirements")
    PUBLISHED = TenderStatus.PUBLISHED.value, _("published")
    BIDDING_CLOSED = TenderStatus.BIDDING_CLOSED.value, _("bidding closed")
    EVALUATED = TenderStatus.EVALUATED.value, _("evaluated")
    AWARDED = TenderStatus.AWARDED.value, _("awarded")
    CONTRACTED = TenderStatus.CONTRACTED.value, _("contracted")
    EXHAUSTED = TenderStatus.EXHAUSTED.value, _("exhausted")


class Intent(models.Model):
    """TEN-1: a member's non-binding intent to take a product from a year, at some locations."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="intents")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="intents")
    start_year = models.PositiveIntegerField(_("from year"))
    note = models.TextField(_("note"), blank=True)
    registered_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["product", "board__number"]
        verbose_name = _("intent")
        verbose_name_plural = _("intents")
        permissions = [("manage_tenders", _("Can run tenders and the catalogue's demand"))]
        constraints = [
            models.UniqueConstraint(fields=["board", "product"], name="intent_once_per_product"),
        ]

    def __str__(self) -> str:
        return f"{self.board.number}: {self.product.code} ({self.start_year})"


class IntentLocation(models.Model):
    """TEN-1, CAT-2: a location of the intent with its chosen options and units."""

    intent = models.ForeignKey(Intent, on_delete=models.CASCADE, related_name="locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    options = models.JSONField(_("options"), default=dict, blank=True)
    units = models.DecimalField(_("units"), max_digits=12, decimal_places=2, default=Decimal(1))

    class Meta:
        ordering = ["intent", "location"]
        verbose_name = _("intent location")
        verbose_name_plural = _("intent locations")
        constraints = [
            models.UniqueConstraint(fields=["intent", "location"], name="intent_location_once"),
        ]

    def __str__(self) -> str:
        return f"{self.intent}: {self.location_id}"


class Supplier(models.Model):
    """A supplier that bids; its people log in with the supplier role (SupplierUser)."""

    name = models.CharField(_("name"), max_length=200)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")

    def __str__(self) -> str:
        return self.name


class SupplierUser(models.Model):
    """Which supplier a person with the supplier role acts for: only ever its own."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="people")
    user = models.OneToOneField(_USER, on_delete=models.CASCADE, related_name="supplier_link")

    class Meta:
        verbose_name = _("supplier account")
        verbose_name_plural = _("supplier accounts")

    def __str__(self) -> str:
        return f"{self.supplier}: {self.user_id}"


class Tender(models.Model):
    """TEN-3, TEN-4, FEE-2: a tender for a product's bundled demand."""

    reference = models.CharField(_("reference"), max_length=30, unique=True)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="tenders")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=TenderStatusChoices.choices, default="draft"
    )
    requirements = models.TextField(_("programme of requirements"), blank=True)
    purchase_fee = money_field(_("purchase fee"), default=Decimal("0.00"))
    fee_free = models.BooleanField(_("fee-free"), default=False)
    distribution_key = models.CharField(
        _("distribution key"), max_length=14, choices=PricingUnitChoices.choices
    )
    unit_label = models.CharField(_("unit"), max_length=60, blank=True)
    contract_months = models.PositiveIntegerField(_("contract term in months"), default=48)
    room = models.DecimalField(
        _("room for late joiners"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    room_unit = models.CharField(
        _("room counted in"),
        max_length=10,
        choices=[("locations", _("locations")), ("units", _("units"))],
        default="units",
    )
    bid_deadline = models.DateTimeField(_("bid deadline"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    awarded_at = models.DateTimeField(_("awarded at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tender")
        verbose_name_plural = _("tenders")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class TenderTransition(models.Model):
    """TEN-3: every transition, with who and when."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("from"), max_length=16)
    to_status = models.CharField(_("to"), max_length=16)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["tender", "at", "id"]
        verbose_name = _("tender transition")
        verbose_name_plural = _("tender transitions")

    def __str__(self) -> str:
        return f"{self.tender.reference}: {self.from_status} → {self.to_status}"


class RequirementComment(models.Model):
    """TEN-3: the programme of requirements is drafted with members, who comment on it."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="comments")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("comment"))
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["tender", "at"]
        verbose_name = _("comment on the requirements")
        verbose_name_plural = _("comments on the requirements")

    def __str__(self) -> str:
        return f"{self.tender.reference}: {self.board_id}"


class Lot(models.Model):
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["tender", "number"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints = [models.UniqueConstraint(fields=["tender", "number"], name="lot_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Criterion(models.Model):
    """TEN-4: an award criterion: the price, or a quality item with its maximum points."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    is_price = models.BooleanField(_("price"), default=False)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    max_points = models.PositiveSmallIntegerField(_("maximum points"), default=10)

    class Meta:
        ordering = ["tender", "-is_price", "id"]
        verbose_name = _("award criterion")
        verbose_name_plural = _("award criteria")
        constraints = [
            models.UniqueConstraint(fields=["tender", "key"], name="criterion_key"),
        ]

    def __str__(self) -> str:
        return self.name


class Bid(models.Model):
    """TEN-5: a supplier's bid for a lot, sealed until the deadline: read it only through
    `selectors.bid_content`, which refuses before the deadline."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="bids")
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="bids")
    price_per_unit = models.DecimalField(_("price per unit"), max_digits=14, decimal_places=4)
    answers = models.JSONField(_("answers per quality criterion"), default=dict)
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["lot", "supplier__name"]
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        constraints = [
            models.UniqueConstraint(fields=["lot", "supplier"], name="bid_once_per_lot"),
        ]

    def __str__(self) -> str:
        return f"{self.lot}: {self.supplier}"  # never the content: a bid is sealed


class BidPoints(models.Model):
    """TEN-5: staff's points for a bid on a quality criterion, after the deadline."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="points")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    reasoning = models.TextField(_("reasoning"), blank=True)
    scored_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    scored_at = models.DateTimeField(_("scored at"))

    class Meta:
        verbose_name = _("points")
        verbose_name_plural = _("points")
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion"], name="bid_points_once"),
        ]

    def __str__(self) -> str:
        return f"{self.bid_id}/{self.criterion_id}: {self.points}"


class Award(models.Model):
    """TEN-5: the lot awarded to a bid, with the scoring sheet as it was."""

    lot = models.OneToOneField(Lot, on_delete=models.PROTECT, related_name="award")
    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="+")
    scores = models.JSONField(_("scoring sheet"))
    awarded_at = models.DateTimeField(_("awarded at"))
    awarded_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return f"{self.lot}: {self.bid.supplier}"


class Participation(models.Model):
    """TEN-1, TEN-6, FEE-2: a board in an awarded tender — asked to confirm its intent, or a
    late joiner. Confirming counts as taking the product: the purchase fee is charged once."""

    class Status(models.TextChoices):
        INVITED = "invited", _("asked to confirm")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    tender = models.ForeignKey(Tender, on_delete=models.PROTECT, related_name="participations")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="participations")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    late = models.BooleanField(_("late joiner"), default=False)
    units = models.DecimalField(_("units"), max_digits=12, decimal_places=2)
    locations = models.PositiveIntegerField(_("locations"), default=0)
    invited_at = models.DateTimeField(_("asked at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["tender", "board__number"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["tender", "board"], name="participation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.tender.reference}: {self.board.number}"


class UnmetDemand(models.Model):
    """TEN-6: a join refused because the room ran out, kept as demand for a next tender."""

    tender = models.ForeignKey(Tender, on_delete=models.PROTECT, related_name="unmet_demand")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    units = models.DecimalField(_("units"), max_digits=12, decimal_places=2)
    locations = models.PositiveIntegerField(_("locations"), default=0)
    requested_at = models.DateTimeField(_("requested at"))
    requested_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["tender", "requested_at"]
        verbose_name = _("unmet demand")
        verbose_name_plural = _("unmet demand")

    def __str__(self) -> str:
        return f"{self.tender.reference}: {self.board_id} {self.units}"


class PriceChange(models.Model):
    """TEN-8: a supplier's price change for a lot, from a date."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="price_changes")
    effective_on = models.DateField(_("effective on"))
    percent = models.DecimalField(_("change (%)"), max_digits=6, decimal_places=2)
    reason = models.TextField(_("reason"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["lot", "effective_on", "id"]
        verbose_name = _("price change")
        verbose_name_plural = _("price changes")
        constraints = [
            models.CheckConstraint(condition=Q(percent__gt=-100), name="price_change_range"),
        ]

    def __str__(self) -> str:
        return f"{self.lot}: {self.percent}% from {self.effective_on}"
