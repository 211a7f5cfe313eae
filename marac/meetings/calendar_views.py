"""Calendar downloads: one meeting's invitation, the feed of every meeting the user may see, and the secret link
a calendar app subscribes to without signing in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from marac.access import guard, policy
from marac.access.actor import Actor
from marac.access.middleware import client_ip
from marac.accounts.calendar_tokens import (
    calendar_token_in_use,
    calendar_token_issue,
    calendar_token_owner,
    calendar_token_revoke,
)
from marac.accounts.middleware import verification_not_required
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.meetings.calendar import (
    calendar_meetings,
    calendar_of,
    meeting_summary,
    subscribed_meetings,
    subscription_name,
)
from marac.meetings.models import Meeting

# A link just made, kept in the session only until the page that shows it once.
SESSION_FRESH_CALENDAR_LINK_KEY = "marac_fresh_calendar_link"

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _calendar_response(body: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting as an invitation to add to a calendar."""
    actor = request.actor
    guard.require(actor, "meeting.list", object_type="meetings.meeting", object_id=pk)
    meeting = guard.fetch(actor, policy.visible_meetings(actor).select_related("locality"), pk, audit=False)

    def url_of(item: Meeting) -> str:
        return request.build_absolute_uri(reverse("meetings:detail", args=[item.pk]))

    body = calendar_of([meeting], url_of=url_of, name=meeting_summary(meeting))
    audit_record(actor=actor, action=AuditAction.EXPORT, target=meeting, summary="Downloaded a meeting invitation")
    return _calendar_response(body, filename=f"meeting-{meeting.pk}.ics")


def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Every meeting the user may see, from a month ago to six months ahead."""
    actor = request.actor
    guard.require(actor, "meeting.list", object_type="meetings.calendar", object_id="feed")
    meetings = list(calendar_meetings(actor=actor))

    def url_of(item: Meeting) -> str:
        return request.build_absolute_uri(reverse("meetings:detail", args=[item.pk]))

    name = f"{actor.locality.name} {actor.locality.mechanism_name} meetings"
    body = calendar_of(meetings, url_of=url_of, name=name)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        summary="Downloaded the meeting calendar",
        detail={"ids": [meeting.pk for meeting in meetings]},
    )
    return _calendar_response(body, filename="meetings.ics")


@never_cache
def calendar_subscription(request: HttpRequest) -> HttpResponse:
    """The user's secret calendar link: shown once when made; replaced or revoked here."""
    actor = request.actor
    guard.require(actor, "meeting.list", object_type="accounts.calendartoken", object_id="subscription")
    return render(
        request,
        "meetings/calendar_subscription.html",
        {
            "fresh_link": request.session.pop(SESSION_FRESH_CALENDAR_LINK_KEY, None),
            "in_use": calendar_token_in_use(actor.user),
        },
    )


@require_POST
def calendar_subscription_new(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "meeting.list", object_type="accounts.calendartoken", object_id="new")
    token = calendar_token_issue(actor=actor)
    link = request.build_absolute_uri(reverse("meetings:calendar_subscribed_feed", kwargs={"token": token}))
    request.session[SESSION_FRESH_CALENDAR_LINK_KEY] = link
    messages.success(request, gettext("Your calendar link is ready. Any link you had before no longer works."))
    return redirect("meetings:calendar_subscription")


@require_POST
def calendar_subscription_revoke(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "meeting.list", object_type="accounts.calendartoken", object_id="revoke")
    if calendar_token_revoke(actor=actor):
        messages.success(
            request, gettext("Your calendar link no longer works. Calendars subscribed to it stop updating.")
        )
    return redirect("meetings:calendar_subscription")


# A calendar app has no session and no second step: the secret in the link is what lets it in.
@login_not_required
@verification_not_required
@require_safe
def subscribed_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The meetings a user may see, for the calendar app subscribed to their secret link; 404 once it is revoked."""
    link, user = calendar_token_owner(token)
    if user is None:
        if link is not None:
            # Someone still uses a link that was revoked (or whose account was closed): worth knowing.
            audit_record(
                actor=Actor(user=link.user, membership=None, ip_address=client_ip(request)),
                action=AuditAction.DENIED,
                target=link,
                summary="Refused a revoked calendar link, or one of an account no longer active",
            )
        raise Http404("Not found")
    meetings = list(subscribed_meetings(user=user))

    def url_of(item: Meeting) -> str:
        return request.build_absolute_uri(reverse("meetings:detail", args=[item.pk]))

    body = calendar_of(meetings, url_of=url_of, name=subscription_name(user))
    audit_record(
        actor=Actor(user=user, membership=None, ip_address=client_ip(request)),
        action=AuditAction.LIST,
        target=link,
        summary="Calendar app fetched the subscribed meeting calendar",
        detail={"ids": [meeting.pk for meeting in meetings]},
    )
    response = HttpResponse(body, content_type=CALENDAR_CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    return response
