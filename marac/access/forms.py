from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from marac.access.tampering import TamperEvidentForm
from marac.agencies.models import Locality


class CaseExclusionForm(TamperEvidentForm):
    user = forms.ModelChoiceField(
        label=_("Who must not see this case"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Choose a person"),
        error_messages={"required": _("Choose the person who must not see this case.")},
    )
    reason = forms.CharField(
        label=_("Why"),
        help_text=_("For example: related to the victim or the perpetrator, or a neighbour. Kept with the record."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why this person must not see the case.")},
    )

    def __init__(self, *args, locality: Locality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(memberships__agency__locality=locality, memberships__is_active=True)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.fields["user"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.get_username()} ({user.get_username()})"
        )
