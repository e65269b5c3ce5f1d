"""CAT-1 … CAT-4: product groups, products with options per location, delivery model, pricing
unit, supplier, required products and status."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bundel.catalog.domain import DeliveryModel, PricingUnit, Status


class StatusChoices(models.TextChoices):
    EXPLORATION = Status.EXPLORATION.value, _("in exploration")
    AVAILABLE = Status.AVAILABLE.value, _("available")
    WITHDRAWN = Status.WITHDRAWN.value, _("withdrawn")


class DeliveryModelChoices(models.TextChoices):
    AS_A_SERVICE = DeliveryModel.AS_A_SERVICE.value, _("as a service")
    BROKERED = DeliveryModel.BROKERED.value, _("brokered")


class PricingUnitChoices(models.TextChoices):
    PER_STUDENT = PricingUnit.PER_STUDENT.value, _("per student")
    PER_LOCATION = PricingUnit.PER_LOCATION.value, _("per location")
    PER_UNIT = PricingUnit.PER_UNIT.value, _("per unit")


class ProductGroup(models.Model):
    """CAT-1, CAT-4."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=StatusChoices.choices, default=Status.AVAILABLE
    )
    interest_group = models.CharField(_("special interest group"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("product group")
        verbose_name_plural = _("product groups")
        permissions = [("manage_catalog", _("Can maintain the catalogue"))]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    """CAT-2, CAT-3: a product with its options per location, delivery model, pricing unit,
    supplier and the products it requires."""

    group = models.ForeignKey(ProductGroup, on_delete=models.PROTECT, related_name="products")
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    delivery_model = models.CharField(
        _("delivery model"), max_length=14, choices=DeliveryModelChoices.choices
    )
    pricing_unit = models.CharField(
        _("pricing unit"), max_length=14, choices=PricingUnitChoices.choices
    )
    unit_label = models.CharField(
        _("unit"), max_length=60, blank=True, help_text=_("e.g. access point, Mbit/s, licence")
    )
    supplier_name = models.CharField(_("supplier"), max_length=200, blank=True)
    licensed_per_module = models.BooleanField(_("licensed per module"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=StatusChoices.choices, default=Status.AVAILABLE
    )
    requires = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="required_by",
        verbose_name=_("requires"),
    )  # fmt: skip

    class Meta:
        ordering = ["group__position", "name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return self.name


class ProductOption(models.Model):
    """CAT-2: an option chosen per location, e.g. bandwidth (100/500/1000 Mbit/s) or the number
    of access points (`choices` empty: a number)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=200)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    counts_units = models.BooleanField(
        _("counts units"), default=False, help_text=_("the chosen number is the location's units")
    )

    class Meta:
        ordering = ["product", "id"]
        verbose_name = _("product option")
        verbose_name_plural = _("product options")
        constraints = [
            models.UniqueConstraint(fields=["product", "code"], name="product_option_code"),
        ]

    def __str__(self) -> str:
        return self.label
