"""The locality's operating protocol and information-sharing agreement, signed by every member agency.

Without a signature of the current agreement an agency receives no case information, so every demo agency signs the
current version. An earlier agreement, replaced when the partnership last reviewed it, shows what a superseded version
and its signatures look like. Dates are fixed offsets from today: this step draws nothing from the random generator,
so the stories built after it stay as they were.
"""

import datetime as dt

from django.utils import timezone

from marac.agencies.models import Agency, Role
from marac.demo import data
from marac.demo.builder.state import Demo, User
from marac.governance.models import Document, DocumentKind, DocumentVersion, Signature

# Days before today: when the current versions were published, and when the first agreement was.
CURRENT_PUBLISHED_DAYS_AGO = 60
CURRENT_EFFECTIVE_DAYS_AGO = 46
CURRENT_REVIEW_DAYS_AHEAD = 300  # about ten months
FIRST_PUBLISHED_DAYS_AGO = 480  # before the earliest of the past year's meetings (history.py)
# The recovery service joined the partnership after the first agreement: it signed only the current one.
JOINED_LATER = ("recovery",)

SIGNER_ROLES = {
    "police": "Detective Inspector, Public Protection Unit",
    "idva": "Senior IDVA and service lead",
    "harbour": "Senior IDVA and service lead",
    "housing": "Housing Options Manager",
    "childrens": "Safeguarding Team Manager",
    "adults": "Adult Safeguarding Lead",
    "health": "Named Nurse for Safeguarding Adults",
    "mental_health": "Community Mental Health Team Manager",
    "education": "Education Safeguarding Adviser",
    "probation": "Senior Probation Officer",
    "programme": "Programme Manager",
    "recovery": "Service Manager",
    "partnership": "MARAC Coordinator",
}

AGREEMENT_FIRST = [
    "Purpose. This agreement sets out how the member agencies of the {name} share information about adults at high "
    "risk of serious harm or homicide from a partner, ex-partner or family member, and about the children in their "
    "households. Agencies share only to reduce that risk.",
    "Parties. Each agency listed as a member of the {name} is a party once its representative has signed this "
    "agreement.",
    "Lawful basis. Public bodies share under their public task, and special category information where it is needed "
    "to safeguard an individual at risk. Agencies ask the victim for consent before a referral wherever they can.",
    "What is shared. Only information relevant and proportionate to the risk is shared: details that identify the "
    "people in the case, the risk assessment, recent incidents and what each agency knows that bears on safety.",
    "Handling. Case lists, research and minutes are marked restricted. They are sent only to named representatives "
    "and are not forwarded.",
    "Review. The partnership reviews this agreement every year.",
]

AGREEMENT_CURRENT = [
    "Purpose. This agreement sets out how the member agencies of the {name} share information about adults at high "
    "risk of serious harm or homicide from a partner, ex-partner or family member, about the children in their "
    "households, and about the people who harm them. Its only purpose is to reduce that risk: agencies share what "
    "is needed to plan for each victim's safety and to manage the behaviour of the person causing harm.",
    "Parties. Each agency listed as a member of the {name} is a party once its representative has signed this "
    "version. An agency that has not signed the current version receives no case information through marac: its "
    "staff are not shown case lists, research, minutes or actions until it signs.",
    "Lawful basis. Public bodies share under their public task. Health details and other special category "
    "information are shared for reasons of substantial public interest, where that is needed to safeguard an "
    "individual at risk or to prevent or detect crime. The police process information for law enforcement purposes "
    "under Part 3 of the Data Protection Act 2018. An agency with a statutory duty to share relies on that duty.",
    "Consent. Agencies ask the victim for consent to a referral wherever it is safe to ask. Information may be shared "
    "without consent when the risk of serious harm justifies it. The referrer records the decision, the reason and "
    "who approved it on the referral, and the IDVA tells the victim unless telling her would increase the risk.",
    "What is shared. Only information relevant and proportionate to the risk is shared: details that identify the "
    "people in the case, so that each agency can find its own records; the risk assessment; recent incidents; and "
    "what each agency knows that bears on safety. A victim's safe address is shared only with the IDVA service and "
    "the police.",
    "Handling. Case lists, research and minutes stay in marac. They are not emailed, printed or copied to another "
    "system, except to record an agreed action in the agency's own case record. Each agency makes sure that only "
    "staff who need to know can see them, and tells the coordinator on the same day if information is lost or seen "
    "by someone who should not have seen it.",
    "Retention. Case information is kept for the period the partnership sets for closed cases, then erased or "
    "anonymised. What an agency copies to its own records is kept under its own retention schedule.",
    "Requests from the people named. A request from someone named in a case to see information about them is "
    "handled by the coordinator together with the agencies that provided it, so that no disclosure puts a victim at "
    "greater risk.",
    "Review. The partnership reviews this agreement at least once a year, and sooner if the law or the way the "
    "meeting works changes. A new version replaces this one when it is published, and every agency signs it again.",
]

AGREEMENT_CHANGES = (
    "Consent is no longer listed as the basis for sharing: agencies still ask for it where it is safe, but share "
    "under their public task, and the police under Part 3 of the Data Protection Act 2018. Adds how a decision to "
    "share without consent is recorded, keeps case papers in marac instead of email, and adds retention and "
    "requests from the people named."
)

PROTOCOL_CURRENT = [
    "Purpose. The {name} is a meeting of local agencies that share information about victims of domestic abuse at "
    "high risk of serious harm or homicide, and agree actions to make them and their children safer. This protocol "
    "says how the meeting works; the information-sharing agreement says what is shared and why the law allows it.",
    "Membership. Each member agency names a representative who can commit its resources. The representative, or a "
    "deputy with the same authority, attends every meeting and researches the agency's records for each case on the "
    "agenda.",
    "Referral. Any agency may refer a victim who meets one of the criteria: a risk checklist showing visible high "
    "risk, professional judgement, potential escalation, or a repeat within twelve months of the last referral. The "
    "coordinator screens each referral and lists it for the next meeting, or calls an emergency meeting when the risk "
    "is imminent.",
    "Before the meeting. The coordinator sends the case list to member agencies seven days before the meeting. "
    "Agencies post their research in marac no later than two days before it. The IDVA contacts the victim to hear "
    "her views and what she is afraid of.",
    "The meeting. The chair keeps the discussion on risk and on what each agency can do about it. Agencies volunteer "
    "actions; each action has one owner agency and a date. Attendance, apologies and information sent in advance are "
    "recorded.",
    "After the meeting. Each agency completes its actions by the date agreed and records the outcome in marac. The "
    "IDVA reports back to the victim. An action not completed comes back to the next meeting with the reason.",
    "Confidentiality. At the start of each meeting every attendee confirms the confidentiality declaration. Nothing "
    "said at the meeting is disclosed outside it except as the information-sharing agreement allows.",
    "Oversight. The {partnership} oversees the meeting. It receives the quarterly data return, reviews this protocol "
    "every year, and settles disagreements between agencies that the chair cannot resolve.",
]

AGREEMENT_FIRST_BASES = ["uk_gdpr_6_1_e", "uk_gdpr_9_2_g_safeguarding", "uk_gdpr_6_1_a"]
AGREEMENT_CURRENT_BASES = [
    "uk_gdpr_6_1_e",
    "uk_gdpr_9_2_g_safeguarding",
    "uk_gdpr_9_2_g_unlawful_acts",
    "dpa_2018_part_3",
    "uk_gdpr_6_1_c",
]
PROTOCOL_BASES = ["uk_gdpr_6_1_e", "uk_gdpr_9_2_g_safeguarding"]


def build_governance(demo: Demo) -> None:
    admin = demo.users[_username_with_role(Role.LOCALITY_ADMIN)]
    words = {"name": str(demo.locality), "partnership": demo.agencies["partnership"].name}
    agreement = Document.objects.create(locality=demo.locality, kind=DocumentKind.AGREEMENT)
    protocol = Document.objects.create(locality=demo.locality, kind=DocumentKind.PROTOCOL)
    first_published = demo.local(demo.today - dt.timedelta(days=FIRST_PUBLISHED_DAYS_AGO), 11)
    current_published = demo.local(demo.today - dt.timedelta(days=CURRENT_PUBLISHED_DAYS_AGO), 11)
    current_effective = demo.today - dt.timedelta(days=CURRENT_EFFECTIVE_DAYS_AGO)
    current_review = demo.today + dt.timedelta(days=CURRENT_REVIEW_DAYS_AHEAD)
    first_agreement = DocumentVersion.objects.create(
        document=agreement,
        label="1",
        text=_text(AGREEMENT_FIRST, words),
        lawful_bases=AGREEMENT_FIRST_BASES,
        effective_on=timezone.localdate(first_published) + dt.timedelta(days=14),
        # It was due for review two months ago; the review produced version 2.
        review_on=current_effective - dt.timedelta(days=20),
        published_at=first_published,
        published_by=admin,
    )
    current_agreement = DocumentVersion.objects.create(
        document=agreement,
        label="2",
        text=_text(AGREEMENT_CURRENT, words),
        summary_of_changes=AGREEMENT_CHANGES,
        lawful_bases=AGREEMENT_CURRENT_BASES,
        effective_on=current_effective,
        review_on=current_review,
        published_at=current_published,
        published_by=admin,
    )
    current_protocol = DocumentVersion.objects.create(
        document=protocol,
        label="1",
        text=_text(PROTOCOL_CURRENT, words),
        lawful_bases=PROTOCOL_BASES,
        effective_on=current_effective,
        review_on=current_review,
        published_at=current_published + dt.timedelta(minutes=20),
        published_by=admin,
    )
    signatures = [
        *_signatures(demo, first_agreement, skip=JOINED_LATER),
        *_signatures(demo, current_agreement),
        *_signatures(demo, current_protocol),
    ]
    Signature.objects.bulk_create(signatures)
    demo.counts["governance_signatures"] = len(signatures)


def _text(paragraphs: list[str], words: dict[str, str]) -> str:
    return "\n\n".join(paragraph.format_map(words) for paragraph in paragraphs)


def _username_with_role(role: str, agency_key: str | None = None) -> str | None:
    return next(
        (
            username
            for username, _given, _family, memberships in data.USERS
            for key, held in memberships
            if held == role and (agency_key is None or key == agency_key)
        ),
        None,
    )


def _signer(demo: Demo, agency_key: str) -> User:
    """The agency's representative, or the coordinator for her own agency; an agency with neither in the demo (the
    IDVA services) signs through the person who speaks for it."""
    username = (
        _username_with_role(Role.AGENCY_REP, agency_key)
        or _username_with_role(Role.COORDINATOR, agency_key)
        or data.AGENCY_VOICE[agency_key]
    )
    return demo.users[username]


def _signatures(demo: Demo, version: DocumentVersion, *, skip: tuple[str, ...] = ()) -> list[Signature]:
    """Each agency signs in its own time over the month after publication, in office hours, and before today."""
    published_on = timezone.localdate(version.published_at)
    signatures = []
    for index, (agency_key, agency) in enumerate(demo.agencies.items()):
        if agency_key in skip:
            continue
        day = min(published_on + dt.timedelta(days=2 + (index * 5) % 27), demo.today - dt.timedelta(days=1))
        signatures.append(_signature(demo, version, agency_key, agency, demo.local(day, 9 + index % 8, 15)))
    return signatures


def _signature(demo: Demo, version: DocumentVersion, agency_key: str, agency: Agency, moment: dt.datetime) -> Signature:
    signer = _signer(demo, agency_key)
    return Signature(
        version=version,
        agency=agency,
        signed_by=signer,
        signed_at=max(moment, version.published_at + dt.timedelta(hours=1)),
        signer_name=signer.get_full_name(),
        signer_role=SIGNER_ROLES.get(agency_key, "Safeguarding lead"),
    )
