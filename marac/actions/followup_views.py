"""The IDVA's chase of an owner agency, posted from the action page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from marac.access import guard, policy
from marac.actions.followup import action_chase


class ActionChaseForm(forms.Form):
    note = forms.CharField(
        label=_("What did you ask for?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep the note to %(limit_value)d characters or fewer.")},
    )


@require_POST
def action_chase_record(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "action.chase", object_type="actions.action", object_id=pk)
    action = guard.fetch(actor, policy.visible_actions(actor), pk, case_of=lambda a: a.case, audit=False)
    form = ActionChaseForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("actions:detail", pk=action.pk)
    try:
        action_chase(actor=actor, action=action, note=form.cleaned_data["note"])
    except PermissionDenied:
        raise guard.deny(
            actor, object_type="actions.action", object_id=pk, reason="May not chase this action"
        ) from None
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, gettext("Recorded that you chased %(agency)s.") % {"agency": action.owner_agency})
    return redirect("actions:detail", pk=action.pk)
