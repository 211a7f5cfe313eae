"""Victims, perpetrators and children: invented by combining common names from many backgrounds."""

import datetime as dt
from collections.abc import Callable

from marac.demo import data
from marac.demo.builder.state import CaseSpec, Demo, Stage, pronouns
from marac.people.models import Alias, Gender, Person, SexualOrientation
from marac.people.normalise import normalise_name

# Each journey is the sequence of referrals of one case: the meeting that heard or will hear it, with the
# outcome a closed meeting gave, or where the referral stands in triage. "transferred" marks a case sent to
# another area after its last meeting. About 30% of the cases after the first meeting are repeats.
JOURNEYS: list[tuple[int, tuple[str, ...]]] = [
    (5, ("A:monitoring",)),
    (3, ("A:closed",)),
    (1, ("A:monitoring", "transferred")),
    (3, ("A:monitoring", "B:monitoring")),
    (1, ("A:monitoring", "B:closed")),
    (2, ("A:monitoring", "C")),
    (1, ("A:monitoring", "B:monitoring", "C")),
    (1, ("A:closed", "pending")),
    (4, ("B:monitoring",)),
    (3, ("B:closed",)),
    (2, ("B:monitoring", "C")),
    (1, ("B:monitoring", "pending")),
    (1, ("B:monitoring", "E")),
    (8, ("C",)),
    (1, ("E",)),
    (4, ("pending",)),
    (1, ("more_info",)),
    (1, ("declined",)),
]
# How many victims of each kind the demo shows (the national returns count these groups).
MALE_VICTIMS = 3
AGED_16_17 = 2
LESBIAN, BISEXUAL, TRANS, DISABLED, OLDER = 2, 1, 1, 5, 1
# Honour-based abuse often involves the husband's family as well: multiple perpetrators.
HONOUR_BACKGROUNDS = ("south_asian", "arabic", "turkish_kurdish", "irish_traveller")
# Two perpetrators abuse a second, later partner: (journey of the first victim's case, of the second's).
SERIAL_PERPETRATORS = [(("A:closed",), ("C",)), (("B:monitoring",), ("pending",))]
NOT_CITIZENS = ("British citizen", "Irish citizen")


def plan_cases(demo: Demo) -> None:
    journeys = [journey for count, journey in JOURNEYS for _ in range(count)]
    order = list(range(len(journeys)))
    demo.rng.shuffle(order)
    # Special groups are dealt from a shuffled list, so each appears exactly as often as planned.
    dealt = iter(order)
    male = {next(dealt) for _ in range(MALE_VICTIMS)}
    gay_male = {min(male)}
    young = {next(dealt) for _ in range(AGED_16_17)}
    lesbian = {next(dealt) for _ in range(LESBIAN)}
    bisexual = {next(dealt) for _ in range(BISEXUAL)}
    trans = {next(dealt) for _ in range(TRANS)}
    disabled = {next(dealt) for _ in range(DISABLED)}
    older = {next(dealt) for _ in range(OLDER)}
    for number, journey in enumerate(journeys):
        stages = [Stage(*step.split(":")) for step in journey if step != "transferred"]
        background = demo.rng.choices(data.BACKGROUNDS, weights=data.BACKGROUND_WEIGHTS)[0]
        gender = Gender.MALE if number in male else Gender.FEMALE
        facts: set[str] = set()
        if number in young:
            age = demo.rng.choice((16, 17))
            facts.add("young")
        elif number in older:
            age = demo.rng.randint(64, 72)
            facts |= {"older", "disabled"}
        else:
            age = demo.rng.randint(20, 52)
        if number in disabled:
            facts.add("disabled")
        perpetrator_gender = Gender.MALE
        if number in lesbian or (number in male and number not in gay_male):
            perpetrator_gender = Gender.FEMALE
        if gender == Gender.MALE:
            facts.add("male_victim")
        if perpetrator_gender == Gender.FEMALE:
            facts.add("female_perp")
        if gender == Gender.FEMALE and 18 <= age <= 44:
            facts.add("childbearing")
        victim = _victim(demo, background, gender, age, facts)
        if number in lesbian or number in gay_male:
            victim.sexual_orientation = SexualOrientation.GAY_LESBIAN
        elif number in bisexual:
            victim.sexual_orientation = SexualOrientation.BISEXUAL
        victim.is_trans = True if number in trans else (None if demo.rng.random() < 0.3 else False)
        spec = CaseSpec(
            stages=stages, transferred="transferred" in journey, background=background, victim=victim, facts=facts
        )
        demo.aliases[id(victim)] = _aliases(demo, victim, background)
        _add_perpetrators(demo, spec, perpetrator_gender, age)
        _add_children(demo, spec, age)
        spec.words = {
            "v": victim.given_name,
            "p": spec.perpetrators[0][0].given_name,
            **pronouns(gender, "v"),
            **pronouns(perpetrator_gender, "p"),
        }
        demo.specs.append(spec)
    _share_serial_perpetrators(demo)
    _give_safe_addresses(demo)


def _person(demo: Demo, background: data.Background, gender: str, age: int, family: str | None = None) -> Person:
    given = demo.rng.choice(background.male if gender == Gender.MALE else background.female)
    if family is None:
        male_form, female_form = demo.rng.choice(background.family)
        family = male_form if gender == Gender.MALE else female_form
    # The last birthday was 20 to 340 days ago, so the person is `age` today and every day the demo is loaded.
    anniversary = dt.date(demo.today.year - age, demo.today.month, min(demo.today.day, 28))
    born = anniversary - dt.timedelta(days=demo.rng.randint(20, 340))
    return Person(
        given_name=given, family_name=family, date_of_birth=born, gender=gender, ethnicity=background.ethnicity
    )


def _phone(demo: Demo) -> str:
    # Ofcom keeps 07700 900000–900999 for drama, so these numbers reach nobody.
    used = {int(spec.victim.phone[-3:]) for spec in demo.specs}
    number = demo.rng.choice([n for n in range(1000) if n not in used])
    return f"07700 900{number:03d}"


def _address(demo: Demo) -> tuple[str, str]:
    street = f"{demo.rng.randint(1, 140)} {demo.rng.choice(data.STREETS)}, {demo.rng.choice(data.TOWNS)}"
    inward = "".join(demo.rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))
    # RV is no real postcode area.
    return street, f"RV{demo.rng.randint(1, 9)} {demo.rng.randint(1, 9)}{inward}"


def _victim(demo: Demo, background: data.Background, gender: str, age: int, facts: set[str]) -> Person:
    return describe_victim(demo, _person(demo, background, gender, age), background, facts, lambda: _phone(demo))


def describe_victim(
    demo: Demo, victim: Person, background: data.Background, facts: set[str], phone: Callable[[], str]
) -> Person:
    """What a referral asks of a victim beyond her name: equality monitoring, how to reach her safely, language."""
    victim.sexual_orientation = (
        SexualOrientation.NOT_KNOWN if demo.rng.random() < 0.15 else SexualOrientation.HETEROSEXUAL
    )
    victim.has_disability = True if "disabled" in facts else (None if demo.rng.random() < 0.2 else False)
    victim.phone = phone()
    victim.best_time_to_call, victim.safe_to_call = demo.rng.choice(data.CONTACT_TIMES)
    victim.address, victim.postcode = _address(demo)
    if background.migration_statuses:
        victim.migration_status = demo.rng.choice(background.migration_statuses)
        if "visa" in victim.migration_status or "Pre-settled" in victim.migration_status:
            facts.add("insecure_status")
        if victim.migration_status not in NOT_CITIZENS:
            facts.add("migrant")
    if background.languages and demo.rng.random() < 0.6:
        victim.first_language = demo.rng.choice(background.languages)
        victim.interpreter_needed = demo.rng.random() < 0.5
    victim.religion = demo.rng.choice(background.religions) if background.religions else ""
    return victim


def _aliases(demo: Demo, person: Person, background: data.Background) -> list[str]:
    """Other names and spellings: a variant given or family name, a former family name, or name order."""
    if demo.rng.random() > 0.35:
        return []
    candidates = [f"{variant} {person.family_name}" for variant in data.GIVEN_NAME_VARIANTS.get(person.given_name, [])]
    candidates += [
        f"{person.given_name} {variant}" for variant in data.FAMILY_NAME_VARIANTS.get(person.family_name, [])
    ]
    if person.gender == Gender.FEMALE:
        candidates.append(f"{person.given_name} {demo.rng.choice(background.family)[1]}")
    if background.key == "chinese":
        candidates.append(f"{person.family_name} {person.given_name}")
    seen, aliases = {normalise_name(person.given_name, person.family_name)}, []
    for name in demo.rng.sample(candidates, len(candidates)):
        if normalise_name(name) not in seen:
            seen.add(normalise_name(name))
            aliases.append(name)
    return aliases[: demo.rng.choice((1, 1, 2))]


def _relationship(demo: Demo, spec: CaseSpec, gender: str, separated: bool) -> str:
    if "young" in spec.facts:
        return "Ex-boyfriend" if separated else "Boyfriend"
    if gender == Gender.MALE:
        options = ("Ex-partner", "Former husband", "Ex-boyfriend") if separated else ("Partner", "Husband", "Boyfriend")
    elif spec.victim.gender == Gender.MALE:
        options = ("Ex-partner", "Ex-girlfriend", "Former wife") if separated else ("Partner", "Girlfriend", "Wife")
    else:
        options = ("Ex-partner", "Ex-girlfriend") if separated else ("Partner", "Girlfriend")
    return demo.rng.choice(options)


def _add_perpetrators(demo: Demo, spec: CaseSpec, gender: str, victim_age: int) -> None:
    background = spec.background if demo.rng.random() < 0.8 else demo.rng.choice(data.BACKGROUNDS)
    if "young" in spec.facts:
        age = demo.rng.choice((17, 19))  # a perpetrator of 17 is flagged as a child in law
    elif "older" in spec.facts:
        age = victim_age + demo.rng.randint(0, 5)
    else:
        age = max(18, victim_age + demo.rng.randint(-3, 8))
    perpetrator = _person(demo, background, gender, age)
    demo.aliases[id(perpetrator)] = _aliases(demo, perpetrator, background)
    separated = demo.rng.random() < 0.55
    relation = _relationship(demo, spec, gender, separated)
    living_together = not separated and demo.rng.random() < 0.7
    perpetrator.address, perpetrator.postcode = (
        (spec.victim.address, spec.victim.postcode) if living_together else _address(demo)
    )
    spec.perpetrators.append((perpetrator, relation))
    if relation == "Husband" and spec.background.key in HONOUR_BACKGROUNDS and demo.rng.random() < 0.5:
        spec.facts.add("honour")
        brother = _person(demo, background, Gender.MALE, age + demo.rng.randint(-4, 6), family=perpetrator.family_name)
        brother.address, brother.postcode = _address(demo)
        spec.perpetrators.append((brother, "Husband's brother"))


def _add_children(demo: Demo, spec: CaseSpec, victim_age: int) -> None:
    if not (20 <= victim_age <= 46) or demo.rng.random() > 0.55:
        return
    perpetrator = spec.perpetrators[0][0]
    for _ in range(demo.rng.choice((1, 1, 2, 2, 3))):
        age = demo.rng.randint(0, min(15, victim_age - 18))
        family = perpetrator.family_name if demo.rng.random() < 0.6 else spec.victim.family_name
        child = _person(demo, spec.background, demo.rng.choice((Gender.MALE, Gender.FEMALE)), age, family=family)
        if age >= 11:
            child.school = demo.rng.choice(data.SCHOOLS["secondary"])
            spec.facts.add("school_age")
        elif age >= 5:
            child.school = demo.rng.choice(data.SCHOOLS["primary"])
            spec.facts.add("school_age")
        elif age >= 2:
            child.school = demo.rng.choice(data.SCHOOLS["nursery"])
        else:
            spec.facts.add("baby")
        child.address, child.postcode = spec.victim.address, spec.victim.postcode
        spec.children.append(child)
    spec.facts.add("children")


def _share_serial_perpetrators(demo: Demo) -> None:
    """The same perpetrator record on two victims' cases: his earlier partner's and his new partner's."""
    for first_journey, second_journey in SERIAL_PERPETRATORS:
        plain = [s for s in demo.specs if not s.facts & {"female_perp", "young", "honour", "serial_perpetrator"}]
        first = next(spec for spec in plain if spec.journey == first_journey)
        second = next(spec for spec in plain if spec.journey == second_journey and spec is not first)
        perpetrator = first.perpetrators[0][0]
        demo.aliases.pop(id(second.perpetrators[0][0]), None)
        second.perpetrators[0] = (perpetrator, "Partner")
        second.words["p"] = perpetrator.given_name
        first.facts.add("serial_perpetrator")
        second.facts.add("serial_perpetrator")


def _give_safe_addresses(demo: Demo) -> None:
    """A few victims live at a refuge or emergency housing that the perpetrator must never learn."""
    eligible = [spec for spec in demo.specs if spec.stages[-1].kind in ("A", "B", "C")]
    chosen = demo.rng.sample(eligible, len(data.SAFE_ADDRESSES))
    for spec, address in zip(chosen, data.SAFE_ADDRESSES, strict=True):
        spec.victim.address = address
        spec.victim.postcode = f"RV{demo.rng.randint(1, 9)} {demo.rng.randint(1, 9)}ZZ"
        spec.victim.address_is_safe_address = True


def save_people(demo: Demo) -> None:
    people: dict[int, Person] = {}  # by id(): a perpetrator on two cases is one record
    for spec in demo.specs:
        for person in [spec.victim, *(perpetrator for perpetrator, _relation in spec.perpetrators), *spec.children]:
            person.locality = demo.locality
            # bulk_create skips Person.save(), which sets the matching key.
            person.normalised_name = normalise_name(person.given_name, person.family_name)
            people[id(person)] = person
    Person.objects.bulk_create(people.values())
    Alias.objects.bulk_create(
        Alias(person=people[key], name=name, normalised_name=normalise_name(name))
        for key, names in demo.aliases.items()
        for name in names
    )
    demo.counts["people"] = len(people)
