"""The rulebook, as tables: which role, in which relation to a case, sees how much, and may do what.

Everything that reads or writes case data asks this module. Read it top to bottom as the policy.
"""

from enum import IntEnum, StrEnum

from marac.agencies.models import AgencyType, Role


class Relation(StrEnum):
    """How the acting agency is connected with a case."""

    LOCALITY = "locality"  # the case is in the locality the coordinator or chair serves
    IDVA_SERVICE = "idva_service"  # the acting agency is the case's allocated IDVA service
    INVITED_HELD = "invited_held"  # invited to a meeting that has started or closed with the case on it
    INVITED_UPCOMING = "invited_upcoming"  # invited to a scheduled meeting whose circulated case list has the case
    ACTION_OWNER = "action_owner"  # owns an action on the case


class Detail(IntEnum):
    """How much of a case a user sees. Higher includes lower."""

    NONE = 0
    MINIMAL = 1  # identifiers for agencies' research: names, aliases, dates of birth, children, consent decision
    SHARED = 2  # + what was shared at the meeting: risk summary, research, discussion, own actions
    FULL = 3  # + referral narrative, checklist answers, contact with the victim, all actions


CASE_DETAIL_BY_ROLE: dict[str, dict[Relation, Detail]] = {
    Role.COORDINATOR: {Relation.LOCALITY: Detail.FULL},
    Role.CHAIR: {Relation.LOCALITY: Detail.FULL},
    Role.IDVA: {
        Relation.IDVA_SERVICE: Detail.FULL,
        Relation.INVITED_HELD: Detail.SHARED,
        Relation.ACTION_OWNER: Detail.SHARED,
        Relation.INVITED_UPCOMING: Detail.MINIMAL,
    },
    Role.AGENCY_REP: {
        Relation.INVITED_HELD: Detail.SHARED,
        Relation.ACTION_OWNER: Detail.SHARED,
        Relation.INVITED_UPCOMING: Detail.MINIMAL,
    },
    # A referrer sees the referrals their agency made (see referrals below), not the case file.
    Role.REFERRER: {},
    # Aggregates only, configuration only, and the audit trail only: no case content.
    Role.ANALYST: {},
    Role.LOCALITY_ADMIN: {},
    Role.AUDITOR: {},
}

# Roles that see every referral of their locality; every other role sees its own agency's referrals,
# and an IDVA also the referrals of the cases allocated to her service.
REFERRALS_LOCALITY_WIDE = frozenset({Role.COORDINATOR, Role.CHAIR})

# Roles that see every meeting of their locality; agency representatives and IDVAs see the meetings
# their agency is invited to.
MEETINGS_LOCALITY_WIDE = frozenset({Role.COORDINATOR, Role.CHAIR})
MEETINGS_WHEN_INVITED = frozenset({Role.AGENCY_REP, Role.IDVA})

# Who may see every action on a case they can see; everyone else sees their own agency's actions.
ACTIONS_ALL_ON_CASE = frozenset({Role.COORDINATOR, Role.CHAIR})
# The IDVA also sees every action on the cases of her service: she tells the victim what each agency is doing
# and chases the agencies whose actions slip.
ACTIONS_ALL_ON_OWN_IDVA_CASES = frozenset({Role.IDVA})

# The safe address (a refuge, say) is shown only to these, and only with SHARED detail or more.
SAFE_ADDRESS_ROLES = frozenset({Role.IDVA})
SAFE_ADDRESS_AGENCY_TYPES = frozenset({AgencyType.POLICE})

# Health details: what health and mental-health services find in their records is shown in full detail only
# (coordinator, chair, the case's IDVA) and to other health services; other agencies see that they posted research.
HEALTH_AGENCY_TYPES = frozenset({AgencyType.HEALTH, AgencyType.MENTAL_HEALTH})

# What each role may do. Conditions on the object (own agency, detail on the case) are in `policy`.
PERMISSIONS: dict[str, frozenset[str]] = {
    "referral.create": frozenset({Role.REFERRER, Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR, Role.CHAIR}),
    "referral.triage": frozenset({Role.COORDINATOR}),
    "case.list": frozenset(role for role, relations in CASE_DETAIL_BY_ROLE.items() if relations),
    "meeting.list": MEETINGS_LOCALITY_WIDE | MEETINGS_WHEN_INVITED,
    "action.list": frozenset({Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR, Role.CHAIR}),
    "meeting.schedule": frozenset({Role.COORDINATOR}),
    "meeting.run": frozenset({Role.COORDINATOR, Role.CHAIR}),
    "research.submit": frozenset({Role.AGENCY_REP, Role.IDVA}),
    # Circulating a case list before the scheduler does, and chasing research: the coordinator runs the process.
    "meeting.circulate": frozenset({Role.COORDINATOR}),
    "research.remind": frozenset({Role.COORDINATOR}),
    # Who has returned research on which case: the coordinator and the chair prepare the meeting.
    "research.returns": frozenset({Role.COORDINATOR, Role.CHAIR}),
    "action.create": frozenset({Role.COORDINATOR, Role.CHAIR}),
    # In a co-ordination by deadline an invited agency posts actions for itself only (checked in the service).
    "action.create_own": frozenset({Role.AGENCY_REP, Role.IDVA}),
    # Listing a case from a co-ordination on the next live meeting, or on a new emergency meeting.
    "coordination.escalate": frozenset({Role.COORDINATOR}),
    "action.performance": frozenset({Role.COORDINATOR, Role.CHAIR}),
    "action.update": frozenset({Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR}),
    # The IDVA chases an agency on her own service's case (checked in the service); the coordinator on any.
    "action.chase": frozenset({Role.IDVA, Role.COORDINATOR}),
    "case.exclusions": frozenset({Role.COORDINATOR}),
    # "Who has seen this case": the coordinator, and the IDVA of the case's own service (the view asks FULL detail).
    "case.audit_trail": frozenset({Role.COORDINATOR, Role.IDVA}),
    # Searching every event of the locality, and exporting what the search found.
    "audit.search": frozenset({Role.AUDITOR}),
    "person.subject_access": frozenset({Role.COORDINATOR}),
    # Possible duplicates: deciding that two records are one person, merging them and undoing a merge.
    "duplicate.review": frozenset({Role.COORDINATOR}),
    "case.legal_hold": frozenset({Role.COORDINATOR}),
    "victim_contact.record": frozenset({Role.IDVA}),
    "report_back.complete": frozenset({Role.IDVA}),
    "assessment.record": frozenset({Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR, Role.CHAIR}),
    "instrument.load": frozenset({Role.LOCALITY_ADMIN}),
    # An instrument's questions and bands are configuration, not case data: every member may read them.
    "instrument.view": frozenset(Role.values),
    "review_trigger.record": frozenset({Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR, Role.CHAIR}),
    "review.list": frozenset({Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR, Role.CHAIR}),
    "governance.publish": frozenset({Role.LOCALITY_ADMIN}),
    # An agency's representative signs for it; the coordinator signs for her own agency.
    "governance.sign": frozenset({Role.AGENCY_REP, Role.COORDINATOR}),
    # Transfers between localities: the coordinators of the sending and the receiving area act on them; their
    # chairs may read them. Nobody else, in either area, sees a transfer.
    "transfer.view": frozenset({Role.COORDINATOR, Role.CHAIR}),
    "transfer.send": frozenset({Role.COORDINATOR}),
    "transfer.receive": frozenset({Role.COORDINATOR}),
    # Incidents: whoever refers for an agency records its incidents and reads them back (the coordinator every
    # one of the locality's); the people flagged for referral are shown to the same roles ("flag and tag"), and
    # the coordinator decides when a flag needs no referral. The chair does not act for an agency here.
    "incident.record": frozenset({Role.REFERRER, Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR}),
    "incident.list": frozenset({Role.REFERRER, Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR}),
    "flag.list": frozenset({Role.REFERRER, Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR}),
    "flag.resolve": frozenset({Role.COORDINATOR}),
    # Importing an agency system's export of incidents: an agency's representative for her own agency, the
    # coordinator for any agency of the locality. Each sees the imports she may make (and their bad rows).
    "incident.import": frozenset({Role.AGENCY_REP, Role.COORDINATOR}),
    "incident.import_for_any_agency": frozenset({Role.COORDINATOR}),
    # Perpetrators: the page that gathers a perpetrator's victims, incidents, cases, orders and breaches shows each
    # reader only what the rest of this rulebook lets her see. Orders are recorded by the agencies that apply for
    # or police them; a breach by any agency that learns of it; the response to a breach by the police, or by the
    # coordinator on their behalf (checked in the service); court-ordered programmes by the agencies that run or
    # refer to them.
    "perpetrator.view": frozenset({Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR, Role.CHAIR}),
    "order.record": frozenset({Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR}),
    "breach.record": frozenset({Role.REFERRER, Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR}),
    "breach.respond": frozenset({Role.AGENCY_REP, Role.COORDINATOR}),
    "breach.report": frozenset({Role.COORDINATOR, Role.CHAIR}),
    "programme.record": frozenset({Role.AGENCY_REP, Role.COORDINATOR}),
    # MATAC: the ranking of serial perpetrators is prepared by the coordinator and read by the chair; the locality
    # administrator sets its weights, bands and windows (configuration, no case content). Any agency that works
    # with perpetrators refers one in (a partner referral); the coordinator and chair select who is taken on.
    "matac.rank": frozenset({Role.COORDINATOR, Role.CHAIR}),
    "matac.configure": frozenset({Role.LOCALITY_ADMIN}),
    "matac.refer": frozenset({Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR, Role.CHAIR}),
    "matac.select": frozenset({Role.COORDINATOR, Role.CHAIR}),
    "matac.view": frozenset({Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR, Role.CHAIR}),
    # Reports: the quarterly data return is read by those who run the MARAC and by the analyst; only those who may
    # see the locality's cases follow a figure to the cases behind it (the analyst sees suppressed aggregates).
    "report.view": frozenset({Role.COORDINATOR, Role.CHAIR, Role.ANALYST}),
    "report.cases": frozenset({Role.COORDINATOR, Role.CHAIR}),
    "report.configure": frozenset({Role.COORDINATOR, Role.LOCALITY_ADMIN}),
    # Bilateral pathways (marac.pathways): an agency refers a victim along its pathways and records later assessments
    # on them; the receiving agency answers and feeds back; only the two agencies and the coordinator see a pathway
    # referral (conditions on the object in marac.pathways.policy). The coordinator and the locality administrator
    # set the pathways and the risk-led routing up (configuration only).
    "pathway.view": frozenset({Role.REFERRER, Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR}),
    "pathway.refer": frozenset({Role.REFERRER, Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR}),
    "pathway.assess": frozenset({Role.REFERRER, Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR}),
    "pathway.respond": frozenset({Role.REFERRER, Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR}),
    "pathway.configure": frozenset({Role.COORDINATOR, Role.LOCALITY_ADMIN}),
    # Referral-back duties: the protocol lists, per agency type, the events after which an agency refers a case back.
    # The coordinator or the locality administrator sets them (configuration, which every member reads); the agencies
    # that record events record disclosures and moves on a case they share (checked in the service) and answer their
    # own duties; the coordinator and the chair see every duty of the locality and which are unmet.
    "duty.protocol_view": frozenset(Role.values),
    "duty.configure": frozenset({Role.COORDINATOR, Role.LOCALITY_ADMIN}),
    "duty.record_event": frozenset({Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR}),
    "duty.respond": frozenset({Role.REFERRER, Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR}),
    "duty.monitor": frozenset({Role.COORDINATOR, Role.CHAIR}),
    # Victims' rights log (marac.rights): case data at full detail only. The case's IDVA service and the coordinator
    # keep it (information given, her choice about release notifications, the individual needs assessment, the
    # record that she was told); the chair reads it.
    "rights.view": frozenset({Role.IDVA, Role.COORDINATOR, Role.CHAIR}),
    "rights.record": frozenset({Role.IDVA, Role.COORDINATOR}),
    # A perpetrator's release or escape is recorded by any agency that learns of it and is shown him; it is read by
    # whoever is shown him. The victims listed on it are shown only to those who keep their rights logs.
    "custody_event.record": frozenset({Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR}),
    "custody_event.view": frozenset({Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR, Role.CHAIR}),
    # The checklist of the Victims' Rights Directive and Istanbul Convention provisions the process serves, on the
    # protocol page: every member reads it; those who run and govern the partnership complete it.
    "provisions.view": frozenset(Role.values),
    "provisions.confirm": frozenset({Role.COORDINATOR, Role.CHAIR, Role.LOCALITY_ADMIN}),
    # The shared glossary: every member reads it; the coordinator and the locality administrator edit it.
    "glossary.view": frozenset(Role.values),
    "glossary.edit": frozenset({Role.COORDINATOR, Role.LOCALITY_ADMIN}),
}

# Incidents and flags the coordinator sees across the locality; everyone else sees their own agency's incidents,
# and the flags on people their agency recorded incidents about or whose case they can see.
INCIDENTS_LOCALITY_WIDE = frozenset({Role.COORDINATOR})
