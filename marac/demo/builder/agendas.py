"""The meetings' agendas, what each agency found in its records, and what the meeting discussed."""

import datetime as dt

from marac.demo import data
from marac.demo.builder.state import HELD, CaseSpec, Demo, Stage
from marac.meetings.models import AgendaItem, Research, ResearchFinding

HEARD = (*HELD, "E")  # meetings that have discussed their cases
MINUTES_PER_CASE = (7, 12)  # the shortest and longest a case takes: 17 cases fit the 3¾ hours a meeting lasts


def build_agendas(demo: Demo) -> None:
    items = []
    for key, meeting in demo.meetings.items():
        listed = sorted(
            ((spec, stage) for spec in demo.specs for stage in spec.stages if stage.kind == key),
            key=lambda pair: pair[1].triaged_at,
        )
        # Cases are heard one after another from five minutes past the start, each for 7 to 12 minutes.
        clock = meeting.scheduled_for + dt.timedelta(minutes=5)
        for position, (spec, stage) in enumerate(listed, start=1):
            started = ended = None
            if key in HEARD:
                started = clock
                ended = started + dt.timedelta(minutes=demo.rng.randint(*MINUTES_PER_CASE))
                clock = ended
            stage.item = AgendaItem(
                meeting=meeting,
                case=spec.case,
                referral=stage.referral,
                position=position,
                discussion_started_at=started,
                discussion_ended_at=ended,
                discussed_at=ended - dt.timedelta(minutes=1) if ended else None,
                outcome=stage.outcome if key in HELD else "",
            )
            items.append(stage.item)
    AgendaItem.objects.bulk_create(items)
    _research(demo)
    AgendaItem.objects.bulk_update(items, ["discussion", "risk_summary"])


def _research_agencies(demo: Demo, spec: CaseSpec, meeting_key: str) -> list[str]:
    chosen = ["police", spec.idva_key] if spec.idva_key else ["police"]
    if meeting_key == "E":
        return chosen + (["childrens"] if "children" in spec.facts else [])
    chances = {
        "housing": 0.5,
        "health": 0.5,
        "childrens": 0.8 if "children" in spec.facts else 0.0,
        "education": 0.6 if "school_age" in spec.facts else 0.0,
        "adults": 0.8 if "disabled" in spec.facts else 0.0,
        "probation": 0.3,
        "mental_health": 0.2,
        "programme": 0.1,
        "recovery": 0.1,
    }
    chosen += [key for key, chance in chances.items() if demo.rng.random() < chance]
    if meeting_key == "C":
        # The upcoming meeting's deadline has not passed: only some agencies have posted so far.
        chosen = [key for key in chosen if demo.rng.random() < (0.75 if key == "police" else 0.4)]
    return chosen


def _research(demo: Demo) -> None:
    rows = []
    for spec in demo.specs:
        for stage in spec.listed_stages:
            meeting = demo.meetings[stage.kind]
            # An emergency meeting is called at short notice: research arrives up to its start.
            due = meeting.scheduled_for if stage.kind == "E" else meeting.research_deadline
            # Agencies research a case once it reaches them: listed, and on a case list that has gone out.
            circulation = getattr(meeting, "circulation", None)
            reached_agencies = max(stage.triaged_at, circulation.circulated_at if circulation else stage.triaged_at)
            known_to = []
            for agency_key in _research_agencies(demo, spec, stage.kind):
                known = agency_key in ("police", "idva", "harbour") or demo.rng.random() < 0.55
                if known:
                    known_to.append(agency_key)
                text = demo.rng.choice(data.RESEARCH_KNOWN[agency_key]) if known else data.RESEARCH_NO_TRACE
                own_idva = agency_key == spec.idva_key and spec.idva_username
                rows.append(
                    Research(
                        agenda_item=stage.item,
                        agency=demo.agencies[agency_key],
                        finding=ResearchFinding.KNOWN if known else ResearchFinding.NO_TRACE,
                        details=demo.fill(text, spec, n=str(demo.rng.randint(2, 9))),
                        submitted_by=demo.users[spec.idva_username] if own_idva else demo.voice(agency_key),
                        submitted_at=demo.working_moment(reached_agencies + dt.timedelta(minutes=30), due),
                    )
                )
            if stage.item.discussed_at:
                _discussion(demo, spec, stage, known_to)
    Research.objects.bulk_create(rows)
    demo.counts["research"] = len(rows)


def _discussion(demo: Demo, spec: CaseSpec, stage: Stage, known_to: list[str]) -> None:
    if spec.idva_key and demo.rng.random() < 0.8:
        views = demo.fill(demo.pick(data.VICTIM_VIEWS, spec)[0], spec)
        parts = [demo.fill(demo.rng.choice(data.DISCUSSION_WITH_VIEWS), spec, views=views)]
    else:
        parts = [demo.fill(data.DISCUSSION_WITHOUT_VIEWS, spec)]
    heard_from = [data.DISCUSSION_BY_AGENCY[key] for key in known_to if key in data.DISCUSSION_BY_AGENCY]
    parts += [demo.fill(line, spec) for line in heard_from[:3]]
    stage.item.discussion = " ".join(parts)
    stage.item.risk_summary = demo.fill(demo.pick(data.RISK_SUMMARIES, spec)[0], spec)
