"""The assessment form, and the instrument's questions as fields for any form that asks them (the referral form
asks the locality's referral instrument with the same fields and the same partial templates)."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.risk.engine.definition import Instrument, Item
from marac.risk.models import Answer, InstrumentVersion
from marac.risk.registry import version_name
from marac.risk.scales import Scale
from marac.risk.services import ItemAnswer, SafeToTalk, SafetyAnswers

SAFETY_FIELDS = ("safe_to_talk", "safe_contact", "perpetrator_whereabouts", "children_whereabouts")
VERSION_FIELD = "instrument_version"


def _safety_fields() -> dict[str, forms.Field]:
    return {
        "safe_to_talk": forms.ChoiceField(
            label=_("Is it safe for her to talk now?"),
            help_text=_("If it is not, stop and agree a safe time to talk. Answer only from what you already know."),
            choices=SafeToTalk.choices,
            widget=forms.RadioSelect,
            error_messages={"required": _("Say whether it is safe for her to talk now.")},
        ),
        "safe_contact": forms.CharField(
            label=_("How can she be contacted safely?"),
            help_text=_("A number or address the perpetrator does not see or use, and times to avoid."),
            required=False,
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 2}),
        ),
        "perpetrator_whereabouts": forms.CharField(
            label=_("Where is the perpetrator now?"),
            help_text=_("For example: in custody, at his mother's address, not known."),
            required=False,
            max_length=300,
        ),
        "children_whereabouts": forms.CharField(
            label=_("Where are the children now?"),
            help_text=_("Leave empty if there are no children."),
            required=False,
            max_length=300,
        ),
    }


@dataclass(frozen=True)
class ItemRow:
    number: int
    item: Item
    answer: forms.BoundField
    note: forms.BoundField


class InstrumentQuestionsMixin:
    """Adds to a form the safety questions, then one answer (the instrument's own options) and one optional note
    per item, and refuses answers given to a version that was replaced while the form was open."""

    version: InstrumentVersion
    instrument: Instrument

    def add_instrument_fields(self, *, version: InstrumentVersion, instrument: Instrument, after: str = "") -> None:
        self.version = version
        self.instrument = instrument
        added: dict[str, forms.Field] = {
            VERSION_FIELD: forms.IntegerField(widget=forms.HiddenInput, initial=version.pk),
            **_safety_fields(),
        }
        options = [(option, Answer(option).label) for option in instrument.answer_options]
        for number, item in enumerate(instrument.items, start=1):
            added[f"answer_{item.id}"] = forms.ChoiceField(
                label=f"{number}. {item.label}",
                help_text=item.help,
                choices=options,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline govuk-radios--small"}),
                error_messages={
                    "required": gettext("Answer question %(number)s: %(question)s")
                    % {"number": number, "question": item.label}
                },
            )
            added[f"note_{item.id}"] = forms.CharField(
                # Read aloud with its question's number, so the note is never out of context.
                label=format_html(
                    '{}<span class="govuk-visually-hidden"> {}</span>',
                    gettext("Source or note"),
                    gettext("for question %(number)s") % {"number": number},
                ),
                required=False,
                max_length=500,
            )
        names = list(self.fields)
        position = names.index(after) + 1 if after in names else len(names)
        self.fields.update(added)
        self.order_fields([*names[:position], *added, *names[position:]])

    def clean_instrument_version(self) -> int:
        posted = self.cleaned_data[VERSION_FIELD]
        if posted != self.version.pk:
            raise ValidationError(
                gettext(
                    "%(instrument)s was updated while this form was open. Check your answers against the "
                    "questions below and send the form again."
                )
                % {"instrument": self.version.name}
            )
        return posted

    def item_rows(self) -> list[ItemRow]:
        return [
            ItemRow(number=number, item=item, answer=self[f"answer_{item.id}"], note=self[f"note_{item.id}"])
            for number, item in enumerate(self.instrument.items, start=1)
        ]

    def safety_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in SAFETY_FIELDS]

    def item_answers(self) -> dict[str, ItemAnswer]:
        data = self.cleaned_data
        return {
            item.id: ItemAnswer(answer=data[f"answer_{item.id}"], note=data[f"note_{item.id}"])
            for item in self.instrument.items
        }

    def safety_answers(self) -> SafetyAnswers:
        return SafetyAnswers(**{name: self.cleaned_data[name] for name in SAFETY_FIELDS})

    def add_service_errors(self, error: ValidationError, *, renamed: dict[str, str] | None = None) -> None:
        """Show a service's rule violations on the field they name, else above the form."""
        for key, messages in error.message_dict.items():
            key = (renamed or {}).get(key, key)
            field = key if key in self.fields and key != NON_FIELD_ERRORS else None
            for message in messages:
                self.add_error(field, message)


def _level_choices(scale: Scale, unchanged: str) -> list[tuple[str, str]]:
    return [("", unchanged), *reversed(scale.levels)]


class AssessmentForm(InstrumentQuestionsMixin, forms.Form):
    judgement_level = forms.ChoiceField(
        label=_("Your professional judgement of her risk"),
        help_text=_("You may raise the level the instrument gives, never lower it."),
        required=False,
        widget=forms.RadioSelect,
    )
    judgement_reason = forms.CharField(
        label=_("Why you raise the level"),
        help_text=_("Needed when you raise it. For example: non-fatal strangulation, stalking, threats to kill."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    victim_view_level = forms.ChoiceField(
        label=_("How high does she think her risk is?"),
        help_text=_("Her own view may raise the level the instrument gives, never lower it."),
        required=False,
        widget=forms.RadioSelect,
    )
    victim_view_reason = forms.CharField(
        label=_("Why she thinks so"),
        help_text=_("Needed when her view raises the level. Use her own words where you can."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, version: InstrumentVersion, instrument: Instrument, scale: Scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judgement_level"].choices = _level_choices(scale, _("No different level: keep the result"))
        self.fields["victim_view_level"].choices = _level_choices(
            scale, _("She has not said, or agrees with the result")
        )
        self.add_instrument_fields(version=version, instrument=instrument)
        self.order_fields(
            [
                VERSION_FIELD,
                *SAFETY_FIELDS,
                *(name for name in self.fields if name.startswith(("answer_", "note_"))),
                "judgement_level",
                "judgement_reason",
                "victim_view_level",
                "victim_view_reason",
            ]
        )


class InstrumentChoiceForm(forms.Form):
    """Which instrument to complete, chosen before answering: the page reloads with its questions."""

    instrument = forms.ChoiceField(label=_("Instrument"), widget=forms.Select)

    def __init__(self, *args, versions: list[InstrumentVersion], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = [(version.code, version_name(version)) for version in versions]
