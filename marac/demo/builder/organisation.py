"""The locality, its agencies, the people who use the system, and its meetings."""

import datetime as dt
import hashlib

from django_otp.plugins.otp_totp.models import TOTPDevice

from marac.accounts.devices import AUTHENTICATOR_NAME
from marac.agencies.models import Agency, Locality, Membership, Role
from marac.circulation.models import Circulation
from marac.demo import data
from marac.demo.builder.state import HELD, Demo, DemoConflict, User
from marac.meetings.models import Attendance, AttendanceStatus, Meeting, MeetingMode, MeetingStatus

# Who sent apologies or did not come to the meetings already held: (status, information sent).
NOT_PRESENT = {
    "A": {
        "education": (AttendanceStatus.APOLOGIES, True),
        "mental_health": (AttendanceStatus.APOLOGIES, False),
        "programme": (AttendanceStatus.ABSENT, False),
    },
    "B": {
        "probation": (AttendanceStatus.APOLOGIES, True),
        "adults": (AttendanceStatus.APOLOGIES, True),
        "recovery": (AttendanceStatus.ABSENT, False),
    },
    "E": {"harbour": (AttendanceStatus.APOLOGIES, False), "health": (AttendanceStatus.APOLOGIES, True)},
}
EMERGENCY_INVITED = ("police", "idva", "harbour", "childrens", "housing", "health")


def build_organisation(demo: Demo, *, password_hash: str) -> None:
    usernames = [username for username, *_rest in data.USERS]
    taken = sorted(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    if taken:
        # Never take over an account that is not the demo's: it would get the published password.
        raise DemoConflict(f"These user names are already in use, so the demo cannot be built: {', '.join(taken)}.")
    demo.locality = Locality.objects.create(
        name=data.LOCALITY_NAME,
        mechanism_name=data.MECHANISM_NAME,
        area=data.AREA,
        meeting_cadence_days=28,
        meeting_location="Committee Room 2, Riverside Civic Centre",
        coordinator_email="marac.coordinator@riverside.example",
    )
    contacts = _points_of_contact()
    created = Agency.objects.bulk_create(
        Agency(
            locality=demo.locality,
            name=name,
            agency_type=agency_type,
            sector=sector,
            contact_name=contacts.get(key, ""),
            contact_email=f"marac-contact@{key}.riverside.example" if key in contacts else "",
        )
        for key, name, agency_type, sector in data.AGENCIES
    )
    demo.agencies = {key: agency for (key, *_rest), agency in zip(data.AGENCIES, created, strict=True)}
    users = User.objects.bulk_create(
        User(
            username=username,
            first_name=given,
            last_name=family,
            email=f"{username}@riverside.example",
            password=password_hash,
        )
        for username, given, family, _memberships in data.USERS
    )
    demo.users = {user.username: user for user in users}
    Membership.objects.bulk_create(
        Membership(user=demo.users[username], agency=demo.agencies[agency_key], role=role)
        for username, _given, _family, memberships in data.USERS
        for agency_key, role in memberships
    )
    with_authenticator = list(users)
    if not User.objects.filter(username=data.SUPERUSER).exists():
        superuser = User.objects.create(
            username=data.SUPERUSER,
            first_name="Site",
            last_name="Administrator",
            password=password_hash,
            is_staff=True,
            is_superuser=True,
        )
        with_authenticator.append(superuser)
    # The demo keeps the second sign-in step: each user's authenticator key is published like the password.
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=user, name=AUTHENTICATOR_NAME, key=demo_totp_key(user.username), confirmed=True)
        for user in with_authenticator
    )


def _points_of_contact() -> dict[str, str]:
    """Each agency's named point of contact: the first of its people who represents it at meetings."""
    contacts: dict[str, str] = {}
    for _username, given, family, memberships in data.USERS:
        for agency_key, role in memberships:
            if role in (Role.AGENCY_REP, Role.IDVA):
                contacts.setdefault(agency_key, f"{given} {family}")
    return contacts


def demo_totp_key(username: str) -> str:
    """A demo user's authenticator key (hex, 20 bytes): the same on every build, from the seed and the user name."""
    return hashlib.sha256(f"marac-demo-{data.SEED}-{username}".encode()).hexdigest()[:40]


def build_meetings(demo: Demo) -> None:
    """Meetings every four weeks on a Tuesday, the next five to eleven days away, and an emergency one now."""
    upcoming = demo.today + dt.timedelta(days=(1 - demo.today.weekday()) % 7)
    while (upcoming - demo.today).days < 5:
        upcoming += dt.timedelta(days=7)
    days = {"A": upcoming - dt.timedelta(days=56), "B": upcoming - dt.timedelta(days=28), "C": upcoming}
    chair = demo.users["chair"]
    deadline_days = dt.timedelta(days=demo.locality.research_deadline_days)
    for key, day in days.items():
        scheduled_for = demo.local(day, 10)
        held = key in HELD
        meeting = Meeting.objects.create(
            locality=demo.locality,
            scheduled_for=scheduled_for,
            mode=MeetingMode.LIVE,
            status=MeetingStatus.CLOSED if held else MeetingStatus.SCHEDULED,
            location="Online (video call)" if key == "B" else "Committee Room 2, Riverside Civic Centre",
            chair=chair if held else None,
            research_deadline=scheduled_for - deadline_days,
            started_at=scheduled_for if held else None,
            closed_at=scheduled_for + dt.timedelta(hours=3, minutes=45) if held else None,
        )
        meeting.invited_agencies.set(demo.agencies.values())
        if not held:
            # The scheduler sent the next meeting's list at the lead time; if that is still to come, the
            # coordinator sent it early, two days ago, so that agencies have had time to research.
            lead_time = scheduled_for - dt.timedelta(days=demo.locality.agenda_lead_days)
            early = lead_time > demo.now - dt.timedelta(days=2)
            Circulation.objects.create(
                meeting=meeting,
                circulated_at=demo.now - dt.timedelta(days=2) if early else lead_time,
                circulated_by=demo.users["coordinator"] if early else None,
            )
        demo.meetings[key] = meeting
    started = (demo.now - dt.timedelta(hours=2)).replace(minute=0, second=0, microsecond=0)
    emergency = Meeting.objects.create(
        locality=demo.locality,
        scheduled_for=started,
        mode=MeetingMode.EMERGENCY,
        status=MeetingStatus.IN_PROGRESS,
        location="Online (video call)",
        chair=chair,
        research_deadline=started,  # an emergency meeting takes research until it starts
        started_at=started,
    )
    emergency.invited_agencies.set([demo.agencies[key] for key in EMERGENCY_INVITED])
    demo.meetings["E"] = emergency
    _attendance(demo)


def _attendance(demo: Demo) -> None:
    rows = []
    for meeting_key, not_present in NOT_PRESENT.items():
        meeting = demo.meetings[meeting_key]
        invited = EMERGENCY_INVITED if meeting_key == "E" else tuple(demo.agencies)
        for agency_key in invited:
            status, sent = not_present.get(agency_key, (AttendanceStatus.PRESENT, False))
            rows.append(
                Attendance(
                    meeting=meeting,
                    agency=demo.agencies[agency_key],
                    attendee_name=demo.voice(agency_key).get_full_name() if status == AttendanceStatus.PRESENT else "",
                    status=status,
                    information_sent=sent,
                )
            )
    Attendance.objects.bulk_create(rows)
