from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from bundel.registry.errors import MESSAGES
from bundel.registry.models import ChamberChoices
from bundel.web.forms import utrecht_widgets


class BoardSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("DUO number, name, BRIN, location code or place"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    chamber = forms.ChoiceField(
        label=_("Chamber"),
        required=False,
        choices=[("", _("All chambers")), *ChamberChoices.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        utrecht_widgets(self)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data]
        files = [file for file in files if file]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        clean_one = super().clean
        return [clean_one(file, initial) for file in files]


class RegisterImportForm(forms.Form):
    duo_files = MultipleFileField(
        label=_("DUO files"),
        help_text=_(
            "One or more CSV files from DUO open data. They are imported together: if one is "
            "refused, nothing is imported."
        ),
        error_messages={"required": MESSAGES["registry.no_files"]},
    )
    count_date = forms.DateField(
        label=_("Count date (optional)"),
        required=False,
        help_text=_("Only for VO count files whose file name carries no year."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        utrecht_widgets(self)
