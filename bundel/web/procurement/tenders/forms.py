"""Tender forms: they parse and check the shape of input; the rules (weights adding up to 100,
fee-free without a fee, the deadline, one bid per lot) stay in procurement's services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from bundel.accounts.models import User
from bundel.catalog.models import Product, StatusChoices
from bundel.procurement import domain, services
from bundel.procurement.errors import MESSAGES
from bundel.procurement.models import Bid, Criterion
from bundel.web.billing.forms import date_field
from bundel.web.forms import WIDGET_CLASSES
from bundel.web.membership.forms import UtrechtForm, money

ROOM_UNITS = [("units", _("units")), ("locations", _("locations"))]


def moment_field(label: Any, **options: Any) -> forms.DateTimeField:
    """A date and time, typed in the browser's own picker (Amsterdam time)."""
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        **options,
    )


def decimal_field(label: Any, *, places: int = 2, **options: Any) -> forms.DecimalField:
    """A number typed the Dutch way (12,5) or with a point."""
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=places,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        **options,
    )


def styled(field: forms.Field) -> forms.Field:
    """A field added to a form after it was made, with the Utrecht classes of its widget."""
    css = next((c for kind, c in WIDGET_CLASSES.items() if isinstance(field.widget, kind)), "")
    field.widget.attrs["class"] = css
    return field


def long_text(label: Any, *, rows: int = 4, **options: Any) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **options)


# --- The tender and its terms (TEN-4, FEE-2) ----------------------------------------------------


class ProductChoiceForm(UtrechtForm):
    """Which product's bundled demand the new tender is for."""

    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=Product.objects.none(),
        to_field_name="code",
        empty_label=_("Choose a product"),
        error_messages={"invalid_choice": _("Choose one of the products of the catalogue.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        products = (
            Product.objects.exclude(status=StatusChoices.WITHDRAWN)
            .exclude(group__status=StatusChoices.WITHDRAWN)
            .select_related("group")
        )
        self.fields["product"].queryset = products  # type: ignore[attr-defined]


class TermsForm(UtrechtForm):
    """TEN-4, FEE-2: the terms a tender is set up with until it is published."""

    field_of_code = {
        "procurement.fee_free_with_fee": "purchase_fee",
        "procurement.fee_negative": "purchase_fee",
        "procurement.room_negative": "room",
        "procurement.room_unit": "room_unit",
        "procurement.contract_months": "contract_months",
    }

    title = forms.CharField(label=_("Title"), max_length=200)
    description = long_text(_("Description (optional)"), rows=3, required=False, max_length=5000)
    requirements = long_text(
        _("Programme of requirements"),
        rows=8,
        required=False,
        max_length=50000,
        help_text=_(
            "Drafted with the members, who comment while the tender is in requirements. "
            "Needed before publishing."
        ),
    )
    purchase_fee = money(
        _("Purchase fee (EUR)"),
        required=False,
        help_text=_("Paid once by every board that takes the product, late joiners included."),
    )
    fee_free = forms.BooleanField(label=_("Fee-free tender (no purchase fee)"), required=False)
    contract_months = forms.IntegerField(
        label=_("Contract term in months"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    room = decimal_field(
        _("Room for late joiners"),
        help_text=_("What the supplier accepts beyond the bundled demand."),
    )
    room_unit = forms.ChoiceField(label=_("Room counted in"), choices=ROOM_UNITS)
    bid_deadline = moment_field(
        _("Bid deadline"),
        required=False,
        help_text=_("Bids are sealed until then; needed before publishing."),
    )

    def terms(self) -> services.TenderTerms:
        data = self.cleaned_data
        return services.TenderTerms(
            title=data["title"],
            description=data["description"],
            requirements=data["requirements"],
            purchase_fee=data["purchase_fee"] or Decimal("0.00"),
            fee_free=data["fee_free"],
            contract_months=data["contract_months"],
            room=data["room"],
            room_unit=data["room_unit"],
            bid_deadline=data["bid_deadline"],
        )


class TenderCreateForm(TermsForm):
    product = forms.ModelChoiceField(
        queryset=Product.objects.all(), to_field_name="code", widget=forms.HiddenInput
    )


class LotForm(UtrechtForm):
    title = forms.CharField(label=_("Title of the lot"), max_length=200)
    description = long_text(_("Description (optional)"), rows=2, required=False, max_length=5000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="lot", **kwargs)


# --- Award criteria (TEN-4) -----------------------------------------------------------------------


class PriceCriterionForm(UtrechtForm):
    name = forms.CharField(label=_("Name of the price criterion"), max_length=200)
    weight = decimal_field(_("Weight of the price"), max_value=Decimal(100))


class QualityCriterionForm(UtrechtForm):
    key = forms.CharField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Quality criterion"), max_length=200)
    weight = decimal_field(_("Weight"), max_value=Decimal(100))
    max_points = forms.IntegerField(
        label=_("Maximum points"),
        initial=10,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


QualityFormSet = forms.formset_factory(QualityCriterionForm, extra=2)


def criteria_forms(criteria: list[Criterion], data: Any = None) -> tuple[PriceCriterionForm, Any]:
    """The price criterion and the quality items, filled in with the tender's criteria."""
    price = next((c for c in criteria if c.is_price), None)
    price_initial = {"name": price.name, "weight": price.weight} if price else {"name": _("Price")}
    quality = [
        {"key": c.key, "name": c.name, "weight": c.weight, "max_points": c.max_points}
        for c in criteria
        if not c.is_price
    ]
    return (
        PriceCriterionForm(data, prefix="price", initial=price_initial),
        QualityFormSet(data, prefix="quality", initial=quality),
    )


def criteria_data(price: PriceCriterionForm, quality: Any) -> list[services.CriterionData]:
    """TEN-4: one price criterion and the filled-in quality items; a new item's key comes from
    its name."""
    result = [
        services.CriterionData(
            "price", price.cleaned_data["name"], price.cleaned_data["weight"], is_price=True
        )
    ]
    keys = {"price"}
    for row in quality.forms:
        data = row.cleaned_data
        if not data or not data.get("name"):
            continue
        key = data.get("key") or slugify(data["name"])[:36] or "kwaliteit"
        base, n = key, 2
        while key in keys:
            key, n = f"{base}-{n}", n + 1
        keys.add(key)
        result.append(
            services.CriterionData(key, data["name"], data["weight"], max_points=data["max_points"])
        )
    return result


# --- The lifecycle (TEN-3) --------------------------------------------------------------------


class TransitionForm(forms.Form):
    target = forms.ChoiceField(choices=[(s.value, s.value) for s in domain.TenderStatus])

    def target_status(self) -> domain.TenderStatus:
        return domain.TenderStatus(self.cleaned_data["target"])


# --- Evaluation and award (TEN-5) -------------------------------------------------------------


class BidPointsForm(UtrechtForm):
    """TEN-5: the points of every bid of a lot on one quality criterion (0 … its maximum)."""

    def __init__(
        self, *args: Any, criterion: Criterion, bids: list[Bid], lot_number: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, prefix=f"lot{lot_number}-{criterion.key}", **kwargs)
        self.criterion = criterion
        self.bids = bids
        for bid in bids:
            self.fields[f"points_{bid.pk}"] = styled(
                decimal_field(
                    _("Points for %(supplier)s") % {"supplier": bid.supplier.name},
                    min_value=Decimal(0),
                    max_value=Decimal(criterion.max_points),
                )
            )
            self.fields[f"reasoning_{bid.pk}"] = styled(
                forms.CharField(
                    label=_("Reasoning for %(supplier)s (optional)")
                    % {"supplier": bid.supplier.name},
                    max_length=2000,
                    required=False,
                )
            )

    def rows(self) -> list[tuple[Bid, forms.BoundField, forms.BoundField]]:
        return [(b, self[f"points_{b.pk}"], self[f"reasoning_{b.pk}"]) for b in self.bids]

    def scores(self) -> list[tuple[Bid, Decimal, str]]:
        return [
            (b, self.cleaned_data[f"points_{b.pk}"], self.cleaned_data[f"reasoning_{b.pk}"])
            for b in self.bids
        ]


class AwardForm(UtrechtForm):
    """TEN-5: the lot goes to the proposal; on a tie for first, to the bid chosen among the tied."""

    field_of_code = {
        "procurement.award_tie": "bid",
        "procurement.award_not_highest": "bid",
    }

    bid = forms.TypedChoiceField(
        label=_("Award to"),
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": MESSAGES["procurement.award_not_highest"]},
    )

    def __init__(self, *args: Any, tied: list[Bid], lot_number: int, **kwargs: Any) -> None:
        super().__init__(*args, prefix=f"award{lot_number}", **kwargs)
        self.fields["bid"].choices = [(b.pk, b.supplier.name) for b in tied]  # type: ignore[attr-defined]
        self.tied = tied


class PriceChangeForm(UtrechtForm):
    """TEN-8: a supplier's price change for the lot, from a date."""

    field_of_code = {"procurement.price_change_range": "percent"}

    effective_on = date_field(_("Effective from"))
    percent = decimal_field(
        _("Change (%)"), help_text=_("For example 30 for a rise of 30 %, or -5 for a cut.")
    )
    reason = forms.CharField(label=_("Reason (optional)"), max_length=2000, required=False)

    def __init__(self, *args: Any, lot_number: int, **kwargs: Any) -> None:
        super().__init__(*args, prefix=f"price{lot_number}", **kwargs)


# --- Suppliers ----------------------------------------------------------------------------------


class SupplierForm(UtrechtForm):
    field_of_code = {"procurement.supplier_name": "name"}

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": MESSAGES["procurement.supplier_name"]},
    )
    kvk_number = forms.RegexField(
        label=_("KvK number (optional)"),
        regex=r"^[0-9]{8}$",
        required=False,
        error_messages={"invalid": _("A KvK number has 8 digits.")},
    )
    email = forms.EmailField(label=_("E-mail (optional)"), required=False, max_length=254)
    city = forms.CharField(label=_("City (optional)"), max_length=100, required=False)


class SupplierUserForm(UtrechtForm):
    """An account with the supplier role acts for one supplier; the service checks the role."""

    field_of_code = {"procurement.not_a_supplier_account": "username"}

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("An account with the supplier role that acts for no supplier yet."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, supplier_pk: int, **kwargs: Any) -> None:
        super().__init__(*args, prefix=f"supplier{supplier_pk}", **kwargs)

    def clean_username(self) -> User:
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username=username).select_related("supplier_link").first()
        if user is None:
            raise forms.ValidationError(
                _("There is no account with the username %(username)s."),
                params={"username": username},
            )
        link = getattr(user, "supplier_link", None)
        if link is not None:
            raise forms.ValidationError(
                _("This account already acts for %(supplier)s."),
                params={"supplier": link.supplier.name},
            )
        return user


# --- Bids (the supplier portal) -----------------------------------------------------------------


class BidForm(UtrechtForm):
    """TEN-5: a price per unit and an answer per quality criterion, once per lot."""

    field_of_code = {"procurement.price_positive": "price_per_unit"}

    price_per_unit = forms.DecimalField(
        label=_("Price per unit (EUR)"),
        max_digits=14,
        decimal_places=4,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("Excluding VAT, up to four decimal places."),
    )

    def __init__(
        self, *args: Any, criteria: list[Criterion], lot_number: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, prefix=f"lot{lot_number}", **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"answer_{criterion.key}"] = styled(
                long_text(
                    _("Your answer on %(criterion)s") % {"criterion": criterion.name},
                    max_length=20000,
                    error_messages={
                        "required": MESSAGES["procurement.answers_missing"]
                        % {"criteria": criterion.name}
                    },
                )
            )

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"answer_{c.key}"] for c in self.criteria]

    def answers(self) -> dict[str, str]:
        return {c.key: self.cleaned_data[f"answer_{c.key}"] for c in self.criteria}
