"""The IDVA's work with each victim: contact before and after meetings, report-backs, and later checklists."""

import datetime as dt

from django.utils import timezone

from marac.agencies.models import Agency
from marac.demo import data
from marac.demo.builder.risk import assessment_row
from marac.demo.builder.state import HELD, CaseSpec, Demo, Stage, User
from marac.idva.models import ContactMethod, ReportBack, VictimContact
from marac.meetings.models import CaseOutcome
from marac.risk.models import Answer, Assessment

METHODS = (ContactMethod.PHONE, ContactMethod.PHONE, ContactMethod.IN_PERSON, ContactMethod.TEXT)
SECOND_MEETING_REPORTED_BACK = 0.65  # the rest are still outstanding, and overdue


def build_idva_work(demo: Demo) -> None:
    report_backs: list[ReportBack] = []
    contacts: list[VictimContact] = []
    reassessments: list[Assessment] = []
    for spec in demo.specs:
        if not spec.idva_key:
            continue
        agency = demo.agencies[spec.idva_key]
        idva = demo.users[spec.idva_username] if spec.idva_username else demo.voice(spec.idva_key)
        for stage in spec.stages:
            if stage.triaged_at is None and stage.kind != "pending":
                continue
            contacts += _contacts_before_meeting(demo, spec, stage, agency, idva)
            if stage.kind not in HELD:
                continue
            report_backs.append(_report_back(demo, spec, stage, agency, idva))
            meeting = demo.meetings[stage.kind]
            follow_up = meeting.closed_at + dt.timedelta(days=demo.rng.randint(8, 20))
            if stage.outcome == CaseOutcome.MONITORING and follow_up < demo.now:
                moment = demo.working_moment(follow_up, follow_up + dt.timedelta(hours=6))
                contacts.append(_contact(demo, spec, agency, idva, moment, successful=demo.rng.random() < 0.75))
                if demo.rng.random() < 0.35:
                    reassessments.append(_reassessment(demo, spec, stage, agency, idva))
    second = [report_back for report_back in report_backs if report_back.meeting == demo.meetings["B"]]
    if second and all(report_back.completed_at for report_back in second):
        second[0].victim_told_at = second[0].completed_at = second[0].completed_by = None
        second[0].method = second[0].note = ""
    ReportBack.objects.bulk_create(report_backs)
    VictimContact.objects.bulk_create(contacts)
    Assessment.objects.bulk_create(reassessments)
    demo.counts["report_backs"] = len(report_backs)
    demo.counts["victim_contacts"] = len(contacts)


def _contacts_before_meeting(demo: Demo, spec: CaseSpec, stage: Stage, agency: Agency, idva: User):
    """The IDVA seeks her views after each referral; not every call gets through."""
    contacts = []
    start = (stage.triaged_at or stage.referred_at) + dt.timedelta(hours=3)
    moment = demo.working_moment(start, start + dt.timedelta(days=4))
    if demo.rng.random() < 0.3:
        contacts.append(_contact(demo, spec, agency, idva, moment, successful=False))
        moment = demo.working_moment(moment + dt.timedelta(hours=20), moment + dt.timedelta(days=2))
    if stage.kind != "pending" or demo.rng.random() < 0.5:
        method = demo.rng.choice(METHODS)
        contacts.append(_contact(demo, spec, agency, idva, moment, successful=True, method=method))
    return contacts


def _report_back(demo: Demo, spec: CaseSpec, stage: Stage, agency: Agency, idva: User) -> ReportBack:
    """As the meeting service makes it on closing, done for the first meeting and mostly for the second."""
    meeting = demo.meetings[stage.kind]
    closed_on = timezone.localdate(meeting.closed_at)
    report_back = ReportBack(
        case=spec.case,
        meeting=meeting,
        agency=agency,
        due_date=closed_on + dt.timedelta(days=demo.locality.report_back_due_days),
    )
    if stage.kind == "A" or demo.rng.random() < SECOND_MEETING_REPORTED_BACK:
        told = demo.working_moment(meeting.closed_at + dt.timedelta(hours=1), meeting.closed_at + dt.timedelta(days=4))
        report_back.victim_told_at = told
        report_back.method = demo.rng.choice(METHODS)
        report_back.note = demo.fill(demo.rng.choice(data.REPORT_BACK_NOTES), spec)
        report_back.completed_at = demo.working_moment(told + dt.timedelta(minutes=20), told + dt.timedelta(hours=5))
        report_back.completed_by = idva
    return report_back


def _contact(demo: Demo, spec, agency, idva, moment, *, successful: bool, method=ContactMethod.PHONE) -> VictimContact:
    notes = data.CONTACT_NOTES if successful else data.FAILED_CONTACT_NOTES
    return VictimContact(
        case=spec.case,
        agency=agency,
        recorded_by=idva,
        contacted_at=moment,
        method=method if successful else ContactMethod.PHONE,
        successful=successful,
        victim_views=demo.fill(demo.pick(data.VICTIM_VIEWS, spec)[0], spec) if successful else "",
        note=demo.fill(demo.rng.choice(notes), spec),
    )


def _reassessment(demo: Demo, spec: CaseSpec, stage: Stage, agency: Agency, idva: User) -> Assessment:
    """Weeks after the meeting the IDVA goes through the checklist again; safety measures often lowered the risk."""
    earlier = stage.referral.assessment
    still_yes = [item for item, entry in earlier.answers.items() if entry["answer"] == Answer.YES]
    keep = set(demo.rng.sample(still_yes, min(len(still_yes), max(3, len(still_yes) - demo.rng.randint(3, 8)))))
    answers = {
        item: {"answer": Answer.YES.value, "note": entry["note"]}
        if item in keep
        else {"answer": Answer.NO.value, "note": ""}
        for item, entry in earlier.answers.items()
    }
    closed_at = demo.meetings[stage.kind].closed_at
    return assessment_row(
        demo,
        spec,
        answers=answers,
        judgement_reason="",
        assessed_by=idva,
        agency=agency,
        assessed_at=demo.working_moment(closed_at + dt.timedelta(days=10), closed_at + dt.timedelta(days=18)),
    )
