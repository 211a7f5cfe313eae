"""E-mailing the IDVA service of each victim who asked to be told of the perpetrator's release or escape.

When a release or escape is recorded, each case naming him whose victim asked to be told gets a notification to
give (`ReleaseNotification`). Its IDVA service is e-mailed that there is one, with a link to the release
notifications page; a case with no IDVA service allocated, the locality's coordinator mailbox. Nothing goes for a
victim who did not ask to be told.

The e-mail names nobody: it says which agency recorded it, whether he was released or escaped, and the number of
the notification to give. Each notice goes once (its key names the notification and the mailbox). The service sends
them once the recording is committed; the `release_notices` command sends those the mail server refused, as
`incident_rules` does for repeat referrals.
"""

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from marac.access.actor import Actor
from marac.notifications.content import Facts, choice_label, locality_facts, site_link
from marac.notifications.models import NoticeKind
from marac.notifications.services import Notice, SendReport, notices_send
from marac.rights.models import CustodyEvent, ReleaseNotification
from marac.rights.selectors import with_state

# How far back the command looks for notifications whose e-mail has not gone.
EMAIL_CATCH_UP_DAYS = 7


def _facts(notification: ReleaseNotification, *, audience: str) -> Facts:
    event = notification.event
    return {
        **locality_facts(notification.case.locality),
        "reporting_agency": event.reporting_agency.name,
        "event_kind": choice_label(event, "kind"),
        "notification_id": notification.pk,
        "audience": audience,
        "link": site_link("rights:notifications"),
    }


def release_notice(notification: ReleaseNotification) -> Notice:
    """The notice for one victim's notification: to her case's IDVA service, else to the coordinator mailbox."""
    case = notification.case
    idva_agency = case.idva_agency
    mailbox = f"agency:{idva_agency.pk}" if idva_agency is not None else "coordinator"
    return Notice(
        kind=NoticeKind.RELEASE_OR_ESCAPE,
        key=f"release-notification:{notification.pk}:{mailbox}",
        locality=case.locality,
        agency=idva_agency,
        facts=_facts(notification, audience="idva" if idva_agency is not None else "coordinator"),
        case=case,
    )


def release_notices_email(
    *, events: QuerySet[CustodyEvent] | Iterable[int] | None = None, now: dt.datetime | None = None
) -> SendReport:
    """E-mail a notice for each notification still to give on these events (by default those recorded in the last
    `EMAIL_CATCH_UP_DAYS` days): only where she asked to be told, still wants to be and has not been told yet; each
    notice goes once."""
    now = now or timezone.now()
    notifications = ReleaseNotification.objects.filter(case__erased_at__isnull=True)
    if events is None:
        notifications = notifications.filter(event__recorded_at__gte=now - dt.timedelta(days=EMAIL_CATCH_UP_DAYS))
    else:
        notifications = notifications.filter(event__in=events)
    rows = (
        with_state(notifications)
        .filter(outstanding=True)
        .select_related("case__locality", "case__idva_agency", "event__reporting_agency")
        .order_by("event__recorded_at", "pk")
    )
    notices = [release_notice(notification) for notification in rows]
    return notices_send(actor=Actor(user=None, membership=None), notices=notices, now=now)
