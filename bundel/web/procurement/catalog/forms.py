"""Catalogue and demand forms: they parse and check the shape of input; the rules (CAT-3 cycles,
the intent horizon, the room left) stay in the services."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bundel.catalog import domain as catalog_domain
from bundel.catalog.models import (
    DeliveryModelChoices,
    PricingUnitChoices,
    Product,
    ProductGroup,
    ProductOption,
    StatusChoices,
)
from bundel.catalog.services import ProductData
from bundel.procurement.errors import MESSAGES
from bundel.procurement.models import Tender
from bundel.procurement.services import LocationChoice
from bundel.registry.models import Location
from bundel.web.membership.forms import UtrechtForm, long_text, text


def capitalised(choices: Iterable[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Choices as a select shows them: "Als dienst", not "als dienst"."""
    return [(value, capfirst(label)) for value, label in choices]


# --- Staff: groups, products, options ------------------------------------------------------------


class GroupForm(UtrechtForm):
    """CAT-1, CAT-4: a product group, available or in exploration with its interest group."""

    name = text(_("Name"), 200)
    status = forms.ChoiceField(label=_("Status"), choices=capitalised(StatusChoices.choices))
    interest_group = text(
        _("Special interest group"),
        200,
        required=False,
        help_text=_("The members' special interest group exploring a group in exploration."),
    )
    description = long_text(_("Description (optional)"), required=False, max_length=4000)
    position = forms.IntegerField(
        label=_("Position in the catalogue"), min_value=0, max_value=999, initial=0
    )


class ProductForm(UtrechtForm):
    """CAT-2, CAT-3: a product with its delivery model, pricing unit, supplier and the products
    it requires."""

    field_of_code = {
        "catalog.code_taken": "code",
        "catalog.requirement_cycle": "requires",
    }

    group = forms.ModelChoiceField(
        label=_("Product group"), queryset=ProductGroup.objects.all(), empty_label=None
    )
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        help_text=_("Lower-case letters, digits and hyphens, e.g. wifi or security-basic."),
    )
    name = text(_("Name"), 200)
    description = long_text(_("Description (optional)"), required=False, max_length=4000)
    delivery_model = forms.ChoiceField(
        label=_("Delivery model"), choices=capitalised(DeliveryModelChoices.choices)
    )
    pricing_unit = forms.ChoiceField(
        label=_("Pricing unit"), choices=capitalised(PricingUnitChoices.choices)
    )
    unit_label = text(
        _("Unit (optional)"),
        60,
        required=False,
        help_text=_("What one unit is, e.g. access point, rack unit or licence."),
    )
    supplier_name = text(_("Supplier (optional)"), 200, required=False)
    licensed_per_module = forms.BooleanField(
        label=_("Licensed per module, not only per whole method"), required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=capitalised(StatusChoices.choices))
    requires = forms.ModelMultipleChoiceField(
        label=_("Required products"),
        queryset=Product.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A board that takes this product takes these as well."),
    )

    def __init__(self, *args: Any, product: Product | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = Product.objects.select_related("group").order_by("group__position", "name")
        if product is not None:
            others = others.exclude(pk=product.pk)
        self.fields["requires"].queryset = others  # type: ignore[attr-defined]

    def product_data(self) -> ProductData:
        data = self.cleaned_data
        return ProductData(
            group=data["group"],
            code=data["code"],
            name=data["name"],
            description=data["description"],
            delivery_model=catalog_domain.DeliveryModel(data["delivery_model"]),
            pricing_unit=catalog_domain.PricingUnit(data["pricing_unit"]),
            unit_label=data["unit_label"],
            supplier_name=data["supplier_name"],
            licensed_per_module=data["licensed_per_module"],
            status=catalog_domain.Status(data["status"]),
            requires=tuple(p.code for p in data["requires"]),
        )

    @staticmethod
    def initial_of(product: Product) -> dict[str, Any]:
        return {
            "group": product.group_id,
            "code": product.code,
            "name": product.name,
            "description": product.description,
            "delivery_model": product.delivery_model,
            "pricing_unit": product.pricing_unit,
            "unit_label": product.unit_label,
            "supplier_name": product.supplier_name,
            "licensed_per_module": product.licensed_per_module,
            "status": product.status,
            "requires": [p.code for p in product.requires.all()],
        }


class OptionForm(UtrechtForm):
    """CAT-2: an option chosen per location: a list of values, or a number (which may count the
    location's units, e.g. the number of access points)."""

    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("An option with a code the product already has is changed."),
    )
    label = text(_("Label"), 200)
    choices = forms.CharField(
        label=_("Choices (optional)"),
        required=False,
        max_length=1000,
        help_text=_(
            "The values separated by commas, e.g. 100, 500, 1000. Leave empty for a number."
        ),
    )
    counts_units = forms.BooleanField(
        label=_("The number is the location's units (e.g. the number of access points)"),
        required=False,
    )

    def clean_choices(self) -> list[str]:
        values = [v.strip() for v in self.cleaned_data["choices"].split(",") if v.strip()]
        if len(set(values)) != len(values):
            raise forms.ValidationError(_("Give each value once."))
        return values

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("choices") and data.get("counts_units"):
            self.add_error(
                "counts_units",
                _("An option that counts units is a number: leave the choices empty."),
            )
        return data


# --- Members: intent -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LocationFields:
    """One location of the board on the intent form: the box to include it and its options."""

    location: Location
    chosen: forms.BoundField
    options: list[forms.BoundField]


class IntentForm(UtrechtForm):
    """TEN-1: which of the board's locations, the options per location and the start year. Only
    the board's own locations are offered (ACC-2); the service checks the year and the lock."""

    field_of_code = {"procurement.intent_year": "start_year"}

    start_year = forms.IntegerField(label=_("Start year"))
    note = long_text(_("Note (optional)"), required=False, max_length=2000)

    def __init__(
        self,
        *args: Any,
        locations: Sequence[Location],
        options: Sequence[ProductOption],
        years: Iterable[int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.locations = list(locations)
        self.options = list(options)
        self.fields["start_year"].widget = forms.Select(
            choices=[(year, str(year)) for year in years],
            attrs={"class": "utrecht-select utrecht-select--html-select"},
        )
        for location in self.locations:
            self.fields[self.chosen_name(location)] = forms.BooleanField(
                label=_("Include this location"), required=False
            )
            for option in self.options:
                name = self.option_name(location, option)
                if option.choices:
                    self.fields[name] = forms.ChoiceField(
                        label=option.label,
                        choices=[(value, value) for value in option.choices],
                        required=False,
                    )
                else:
                    self.fields[name] = forms.IntegerField(
                        label=option.label, min_value=1, max_value=100_000, required=False
                    )
                self.fields[name].widget.attrs["class"] = (
                    "utrecht-select utrecht-select--html-select"
                    if option.choices
                    else "utrecht-textbox utrecht-textbox--html-input"
                )
            self.fields[self.chosen_name(location)].widget.attrs["class"] = (
                "utrecht-checkbox utrecht-checkbox--html-input"
            )

    @staticmethod
    def chosen_name(location: Location) -> str:
        return f"location_{location.pk}"

    @staticmethod
    def option_name(location: Location, option: ProductOption) -> str:
        return f"location_{location.pk}_{option.code}"

    @staticmethod
    def initial_of(intent: Any) -> dict[str, Any]:
        """The form's values for the board's current intent."""
        initial: dict[str, Any] = {"start_year": intent.start_year, "note": intent.note}
        for row in intent.locations.all():
            initial[f"location_{row.location_id}"] = True
            for code, value in row.options.items():
                initial[f"location_{row.location_id}_{code}"] = value
        return initial

    def location_fields(self) -> list[LocationFields]:
        return [
            LocationFields(
                location,
                self[self.chosen_name(location)],
                [self[self.option_name(location, option)] for option in self.options],
            )
            for location in self.locations
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for location in self.locations:
            if not data.get(self.chosen_name(location)):
                continue
            for option in self.options:
                name = self.option_name(location, option)
                if data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(
                        name,
                        _("Give %(option)s for this location.") % {"option": option.label},
                    )
        return data

    def location_choices(self) -> list[LocationChoice]:
        """The chosen locations with their options; a number that counts units gives the
        location's units (otherwise one)."""
        data = self.cleaned_data
        choices = []
        for location in self.locations:
            if not data.get(self.chosen_name(location)):
                continue
            values: dict[str, str] = {}
            units = Decimal(1)
            for option in self.options:
                value = data.get(self.option_name(location, option))
                if value is None or value == "":
                    continue
                values[option.code] = str(value)
                if option.counts_units and not option.choices:
                    units = Decimal(int(value))
            choices.append(LocationChoice(location=location, options=values, units=units))
        return choices


# --- Members: participation, late joins, comments ------------------------------------------------


class JoinForm(UtrechtForm):
    """TEN-6: how much a late joiner asks, in the tender's unit (units, or locations)."""

    field_of_code = {"procurement.join_positive": "amount"}

    def __init__(self, *args: Any, tender: Tender, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"join-{tender.pk}")
        super().__init__(*args, **kwargs)
        self.tender = tender
        if tender.room_unit == "locations":
            field: forms.Field = forms.IntegerField(
                label=_("Number of locations"),
                min_value=0,
                max_value=100_000,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        else:
            unit = tender.unit_label or _("units")
            field = forms.DecimalField(
                label=_("Number of units (%(unit)s)") % {"unit": unit},
                min_value=Decimal(0),
                max_digits=12,
                decimal_places=2,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
        field.widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
        self.fields["amount"] = field

    def request(self) -> tuple[Decimal, int]:
        """(units, locations): a join counted in locations takes a unit per location."""
        amount = self.cleaned_data["amount"]
        if self.tender.room_unit == "locations":
            return Decimal(amount), int(amount)
        return Decimal(amount), 0


class CommentForm(UtrechtForm):
    """TEN-3: a member's comment on the programme of requirements."""

    field_of_code = {"procurement.comment_empty": "text"}

    def __init__(self, *args: Any, tender: Tender, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"comment-{tender.pk}")
        super().__init__(*args, **kwargs)
        self.tender = tender

    text = long_text(
        _("Your comment"),
        rows=4,
        max_length=4000,
        error_messages={"required": MESSAGES["procurement.comment_empty"]},
    )
