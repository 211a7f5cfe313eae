"""The coordinator's decision on a pair. The form shapes input only: the rules are in `services`."""

from django import forms
from django.utils import dateformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.access.tampering import TamperEvidentForm
from marac.duplicates.models import DuplicateCandidate
from marac.people.models import Person


class Decision:
    SAME = "same"
    NOT_SAME = "not_same"

    CHOICES = (
        (SAME, _("Yes, the same person: merge the two records")),
        (NOT_SAME, _("No, two different people: never propose this pair again")),
    )


def _described(person: Person) -> str:
    return gettext("Keep %(name)s (person %(number)s, recorded %(recorded)s)") % {
        "name": person.full_name,
        "number": person.pk,
        "recorded": dateformat.format(person.created_at, "d F Y"),
    }


class DecisionForm(TamperEvidentForm):
    decision = forms.ChoiceField(
        label=_("Are these the same person?"),
        choices=Decision.CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether these records are the same person.")},
    )
    keep = forms.ChoiceField(
        label=_("If they are the same person, which record do you keep?"),
        help_text=_(
            "The other record's cases, incidents and other names move to the one you keep, and its name becomes "
            "another name of it. Its own details are kept, so the merge can be undone."
        ),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose which of the two records to keep.")},
    )
    note = forms.CharField(
        label=_("Why"),
        required=False,
        help_text=_("For example: the IDVA confirmed the date of birth was typed with day and month swapped."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, candidate: DuplicateCandidate, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(person.pk): person for person in (candidate.person_a, candidate.person_b)}
        self.fields["keep"].choices = [(pk, _described(person)) for pk, person in self.people.items()]
        # The older record is kept unless the coordinator chooses otherwise; it is ignored for "not the same".
        self.fields["keep"].initial = str(candidate.person_a_id)

    @property
    def same_person(self) -> bool:
        return self.cleaned_data["decision"] == Decision.SAME

    @property
    def kept(self) -> Person | None:
        return self.people[self.cleaned_data["keep"]] if self.same_person else None
