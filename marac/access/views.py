from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from marac.access import guard, selectors, services
from marac.access.forms import CaseExclusionForm
from marac.access.rules import Detail


def case_exclusions(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The coordinator's list of people who must not see a case, and the form to add one."""
    actor = request.actor
    guard.require(actor, "case.exclusions", object_type="referrals.case", object_id=case_pk)
    case = guard.fetch_case(actor, case_pk, minimum=Detail.FULL).case
    form = CaseExclusionForm(request.POST or None, locality=case.locality)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_exclusion_add(
                actor=actor, case=case, user=form.cleaned_data["user"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, gettext("That person can no longer see this case anywhere in marac."))
            return redirect("access:case_exclusions", case_pk=case.pk)
    exclusions = selectors.exclusions_of(case)
    return render(request, "access/case_exclusions.html", {"case": case, "form": form, "exclusions": exclusions})


@require_POST
def case_exclusion_remove(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "case.exclusions", object_type="referrals.case", object_id=case_pk)
    case = guard.fetch_case(actor, case_pk, minimum=Detail.FULL, audit=False).case
    exclusion = guard.fetch(actor, selectors.exclusions_of(case), pk)
    services.case_exclusion_remove(actor=actor, exclusion=exclusion)
    name = exclusion.user.get_full_name() or exclusion.user.get_username()
    messages.success(request, gettext("%(name)s may see the case again where other rules allow.") % {"name": name})
    return redirect("access:case_exclusions", case_pk=case.pk)
