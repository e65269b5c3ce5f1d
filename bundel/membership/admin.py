"""Reference data staff edit directly: the fee bands of a year (FEE-1). Decisions about members
go through the membership pages and services, never through the admin."""

from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from bundel.membership.models import FeeSchedule
from bundel.membership.policies import bands_from_json


class FeeScheduleForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = FeeSchedule
        fields = ["year", "bands"]

    def clean_bands(self) -> Any:
        rows = self.cleaned_data["bands"]
        try:
            bands = bands_from_json(rows)
        except (AttributeError, KeyError, TypeError, ValueError, ArithmeticError):
            raise forms.ValidationError(
                _('Give a list of bands: [{"max_students": 1000, "amount": "1000.00"}, …].')
            ) from None
        if not any(band.max_students is None for band in bands):
            raise forms.ValidationError(_("One band must have no upper bound (max_students null)."))
        if any(band.amount < 0 for band in bands):
            raise forms.ValidationError(_("An amount cannot be negative."))
        return rows


@admin.register(FeeSchedule)
class FeeScheduleAdmin(admin.ModelAdmin[FeeSchedule]):
    form = FeeScheduleForm
    list_display = ["year", "bands", "created_at"]
    ordering = ["-year"]

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
