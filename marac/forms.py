"""Renders every Django form with GOV.UK Frontend markup.

`GovukFormRenderer` (settings.FORM_RENDERER) does three things:

- `{{ form }}` and `{{ field.as_field_group }}` use our templates, `templates/forms/form.html` and
  `templates/forms/field.html`: a `govuk-form-group` with a label (or a fieldset and legend for radios, checkbox
  groups and multi-part inputs), the hint, the error message and the widget.
- Every widget it renders gets the GOV.UK class for its kind (`govuk-input`, `govuk-select`, `govuk-radios__input`…)
  and, when its field has an error, the matching error class; classes set on the widget are kept.
- Its bound fields (`GovukBoundField`) tell the field template which layout to use, give the first radio or
  checkbox of a group the field's own id (so an error summary link `#{{ field.auto_id }}` lands on it), and link
  hints, errors and character counts to the input with `aria-describedby`. They also turn Django's generic "This
  field is required." into a message naming the field ("Enter date of birth", "Select risk level"); `form.errors`
  itself is unchanged, and messages a form sets in `error_messages` are kept.

Radios, checkbox groups and the three-part date input also need their own markup, which lives in widget template
overrides under `templates/django/forms/widgets/`.

For dates, use `DateInput` (one `<input type="date">`) or `DatePartsInput` (GOV.UK's day, month and year boxes); for
date and time, `DateTimeInput`. Django's own `DateInput` renders as a plain text box.
"""

import datetime
import re
from typing import Any

from django import forms
from django.forms.boundfield import BoundField, BoundWidget
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorList
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

WIDGET_TEMPLATES = "django/forms/widgets/"

# Widget template → (GOV.UK class, extra class when the field has an error).
_INPUT = ("govuk-input", "govuk-input--error")
WIDGET_CLASSES: dict[str, tuple[str, str]] = {
    "text.html": _INPUT,
    "email.html": _INPUT,
    "number.html": _INPUT,
    "password.html": _INPUT,
    "url.html": _INPUT,
    "tel.html": _INPUT,
    "search.html": _INPUT,
    "color.html": _INPUT,
    "date.html": _INPUT,
    "datetime.html": _INPUT,
    "time.html": _INPUT,
    "textarea.html": ("govuk-textarea", "govuk-textarea--error"),
    "select.html": ("govuk-select", "govuk-select--error"),
    "file.html": ("govuk-file-upload", "govuk-file-upload--error"),
    "clearable_file_input.html": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox.html": ("govuk-checkboxes__input", ""),
    "radio_option.html": ("govuk-radios__input", ""),
    "checkbox_option.html": ("govuk-checkboxes__input", ""),
}

# Widgets whose options are each an input of their own, with the class each option gets.
OPTION_CLASSES: dict[str, str] = {
    "radio.html": "govuk-radios__input",
    "checkbox_select.html": "govuk-checkboxes__input",
}


def _join_classes(*classes: str) -> str:
    seen: list[str] = []
    for name in " ".join(classes).split():
        if name not in seen:
            seen.append(name)
    return " ".join(seen)


def _has_error(attrs: dict[str, Any]) -> bool:
    # BoundField.build_widget_attrs sets aria-invalid on the widget of a field with errors.
    return attrs.get("aria-invalid") in ("true", True)


def govuk_widget_context(widget: dict[str, Any]) -> dict[str, Any]:
    """A copy of a widget's template context with GOV.UK classes on it, its options and its subwidgets."""
    widget = {**widget, "attrs": dict(widget.get("attrs", {}))}
    template = widget.get("template_name", "").removeprefix(WIDGET_TEMPLATES)
    attrs = widget["attrs"]

    if template in WIDGET_CLASSES:
        base, error = WIDGET_CLASSES[template]
        attrs["class"] = _join_classes(base, error if _has_error(attrs) else "", attrs.get("class", ""))

    if template in OPTION_CLASSES and "optgroups" in widget:
        widget["optgroups"] = _govuk_optgroups(widget, OPTION_CLASSES[template])

    if "subwidgets" in widget:
        widget["subwidgets"] = [govuk_widget_context(subwidget) for subwidget in widget["subwidgets"]]
    return widget


def _govuk_optgroups(widget: dict[str, Any], option_class: str) -> list:
    group_id = widget["attrs"].get("id")
    optgroups = []
    first = True
    for group_name, options, index in widget["optgroups"]:
        new_options = []
        for option in options:
            option_attrs = dict(option["attrs"])
            # Classes set on the widget belong to the group's wrapper (e.g. govuk-radios--inline), not to each input.
            option_attrs["class"] = option_class
            if first and group_id:
                option_attrs["id"] = group_id
            first = False
            new_options.append({**option, "attrs": option_attrs})
        optgroups.append((group_name, new_options, index))
    return optgroups


def _lower_first(label: str) -> str:
    """ "Date of birth" → "date of birth", but "IDVA contact" stays as it is."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def required_message(bound_field: BoundField) -> str:
    """What to tell someone who left this field empty, in GOV.UK's words."""
    widget = bound_field.field.widget
    label = str(bound_field.label)
    if label.endswith("?") or label.startswith("¿"):
        # "Select is it safe to call?" reads badly; a question is simply answered.
        return gettext("Answer “%(question)s”") % {"question": label}
    if isinstance(widget, forms.CheckboxInput):
        return gettext("Select “%(label)s” to continue") % {"label": label}
    if isinstance(widget, (forms.Select, forms.RadioSelect, forms.FileInput)):
        return gettext("Select %(thing)s") % {"thing": _lower_first(label)}
    return gettext("Enter %(thing)s") % {"thing": _lower_first(label)}


# What people type for a date or a time in a text box: day first, and the separators they use.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d %m %Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%H:%M:%S"]


def event_date_field(*, help_text: Promise | str) -> forms.DateField:
    """The day something happened, typed into one box: "Date", required."""
    return forms.DateField(
        label=_("Date"),
        help_text=help_text,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput,
        error_messages={
            "required": _("Enter the date."),
            "invalid": _("Enter the date as day/month/year, for example 24/11/2026."),
        },
    )


def event_time_field() -> forms.TimeField:
    """The time of day it happened, on the 24-hour clock: "Time", required, a best estimate welcome."""
    return forms.TimeField(
        label=_("Time"),
        help_text=_("24-hour clock, for example 14:30. If you do not know it, give your best estimate."),
        input_formats=TIME_INPUT_FORMATS,
        widget=TimeInput,
        error_messages={
            "required": _("Enter the time, for example 14:30."),
            "invalid": _("Enter the time on the 24-hour clock, for example 14:30."),
        },
    )


class GovukBoundField(BoundField):
    """A bound field that knows its GOV.UK layout and links its hint, error and character count to its input."""

    @property
    def govuk_kind(self) -> str:
        """The layout the field template uses: hidden, checkbox (a single one), fieldset or input."""
        widget = self.field.widget
        if widget.is_hidden:
            return "hidden"
        if isinstance(widget, forms.CheckboxInput):
            return "checkbox"
        if isinstance(widget, forms.FileInput):
            # Django groups a clearable file input in a fieldset for its "clear" box; GOV.UK labels the file input.
            return "input"
        if self.use_fieldset:
            return "fieldset"
        return "input"

    @property
    def errors(self) -> ErrorList:
        """The field's errors, with Django's generic "This field is required." replaced by one naming the field.

        GOV.UK error messages say what to do about which question: "Enter date of birth", "Select risk level". A
        message the form author wrote themselves is left alone.
        """
        errors = super().errors
        generic = str(forms.Field.default_error_messages["required"])
        if not errors or self.is_hidden or str(self.field.error_messages.get("required", "")) != generic:
            return errors
        specific = required_message(self)
        return self.form.error_class(
            [specific if str(message) == generic else message for message in errors], renderer=self.form.renderer
        )

    @property
    def character_limit(self) -> int | None:
        """The maximum length of a textarea, shown with GOV.UK's character count."""
        if not isinstance(self.field.widget, forms.Textarea):
            return None
        limit = self.field.widget.attrs.get("maxlength")
        return int(limit) if limit else None

    @property
    def aria_describedby(self) -> str | None:
        described_by = super().aria_describedby
        if described_by is None:
            return None
        if self.auto_id and self.character_limit:
            described_by = f"{described_by} {self.auto_id}-info".strip()
        return described_by

    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        # Django leaves aria-describedby to the fieldset of a clearable file input; ours has a label instead.
        needs_description = self.govuk_kind == "input" and self.use_fieldset and not attrs.get("aria-describedby")
        if needs_description and (described_by := self.aria_describedby):
            attrs["aria-describedby"] = described_by
        if self.character_limit:
            attrs["class"] = _join_classes(attrs.get("class", ""), "govuk-js-character-count")
        return attrs

    @property
    def subwidgets(self) -> list[BoundWidget]:
        # Same ids as GovukFormRenderer gives when it renders the whole group: the first option takes the field's id.
        bound_widgets = super().subwidgets
        if isinstance(self.field.widget, forms.RadioSelect) and bound_widgets and self.auto_id:
            first = bound_widgets[0]
            first.data = {**first.data, "attrs": {**first.data["attrs"], "id": self.auto_id}}
        return bound_widgets


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = GovukBoundField

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name.startswith(WIDGET_TEMPLATES) and "widget" in context:
            context = {**context, "widget": govuk_widget_context(context["widget"])}
        return super().render(template_name, context, request)


class DateInput(forms.DateInput):
    """One `<input type="date">`: the browser's own date picker, sent as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "govuk-input--width-10 marac-input--date", **(attrs or {})}, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """One `<input type="datetime-local">`, sent as YYYY-MM-DDTHH:MM (Django's DateTimeField reads ISO 8601)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "govuk-input--width-20", **(attrs or {})}, format="%Y-%m-%dT%H:%M")


class TimeInput(forms.TimeInput):
    """One `<input type="time">`, sent as HH:MM."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "govuk-input--width-5", **(attrs or {})}, format="%H:%M")


class DatePartTextInput(forms.TextInput):
    """One box of the date input: numeric keyboard on phones, no spin buttons, whatever was typed kept."""

    def __init__(self, width: int) -> None:
        super().__init__(attrs={"class": f"govuk-date-input__input govuk-input--width-{width}", "inputmode": "numeric"})


class DatePartsInput(forms.MultiWidget):
    """GOV.UK's date input: day, month and year boxes, for a `forms.DateField`.

    The three parts reach the field as one "year-month-day" string, which DateField parses; an incomplete or
    impossible date gets the field's "Enter a valid date" error, and the boxes show again what was typed. The day box
    carries the field's own id, so labels and error summary links reach it.
    """

    template_name = "django/forms/widgets/date_parts.html"
    use_fieldset = True
    part_names = ("day", "month", "year")
    part_labels = (_("Day"), _("Month"), _("Year"))

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = {"day": DatePartTextInput(2), "month": DatePartTextInput(2), "year": DatePartTextInput(4)}
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and (match := re.fullmatch(r"([^-]*)-([^-]*)-([^-]*)", value)):
            year, month, day = match.groups()
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str | None:
        day, month, year = (
            (part or "").strip().replace("-", "") for part in super().value_from_datadict(data, files, name)
        )
        if not (day or month or year):
            return None
        return f"{year}-{month}-{day}"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        field_id = context["widget"]["attrs"].get("id")
        for index, (subwidget, label) in enumerate(zip(context["widget"]["subwidgets"], self.part_labels, strict=True)):
            subwidget["label"] = label
            if field_id:
                subwidget["attrs"]["id"] = field_id if index == 0 else f"{field_id}_{self.part_names[index]}"
            # The group's aria-describedby is on its fieldset; aria-invalid only where a box needs fixing.
            subwidget["attrs"].pop("aria-describedby", None)
            subwidget["attrs"].pop("required", None)
        return context

    def id_for_label(self, id_: str) -> str:
        return id_
