"""The coordinator's decision on a pair. The form shapes input only: the rules are in `services`."""

from django import forms

from marac.access.tampering import TamperEvidentForm
from marac.duplicates.models import DuplicateCandidate
from marac.people.models import Person


class Decision:
    SAME = "same"
    NOT_SAME = "not_same"

    CHOICES = (
        (SAME, "Yes, the same person: merge the two records"),
        (NOT_SAME, "No, two different people: never propose this pair again"),
    )


def _described(person: Person) -> str:
    recorded = f"recorded {person.created_at:%d %B %Y}"
    return f"Keep {person.full_name} (person {person.pk}, {recorded})"


class DecisionForm(TamperEvidentForm):
    decision = forms.ChoiceField(
        label="Are these the same person?",
        choices=Decision.CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether these records are the same person."},
    )
    keep = forms.ChoiceField(
        label="If they are the same person, which record do you keep?",
        help_text=(
            "The other record's cases, incidents and other names move to the one you keep, and its name becomes "
            "another name of it. Its own details are kept, so the merge can be undone."
        ),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which of the two records to keep."},
    )
    note = forms.CharField(
        label="Why",
        required=False,
        help_text="For example: the IDVA confirmed the date of birth was typed with day and month swapped.",
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
