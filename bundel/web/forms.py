"""Form glue: NL Design System (Utrecht) classes on Django's widgets. Django itself sets
aria-invalid and aria-describedby (ids `<id>_error`, `<id>_helptext`), which
includes/form_field.html follows."""

from django import forms

WIDGET_CLASSES = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.FileInput: "bundel-file-input",
    forms.widgets.Input: "utrecht-textbox utrecht-textbox--html-input",
}


def utrecht_widgets(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        css = next(
            (classes for kind, classes in WIDGET_CLASSES.items() if isinstance(widget, kind)), ""
        )
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
