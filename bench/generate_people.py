"""Synthetic people with known duplicates, for measuring record linkage.

    python bench/generate_people.py --records 100000 --output people.csv --truth truth.csv [--seed 6]

Writes an agency-style extract (record_id, given_name, surname, date_of_birth, address, postcode, source) and a
truth file (record_id, cluster_id, differences): records with the same cluster_id are the same person, and
`differences` names what sets a duplicate apart from the person's first record. Everything is made up
from the lists in bench/names.py; the same seed always gives the same files.

The population is built household by household (adults, partners who may share a surname, children, a few
twins) so that different people share addresses and surnames as they do in life. About a quarter of the people
appear more than once, as another agency would have written them down. A quarter of the extra records are
the same again (formatting aside); the others carry one to three of these differences from the person's first
record:

- a typing mistake in the given name or the surname (a letter dropped, added, replaced or two swapped);
- given name and surname swapped;
- no date of birth, a date of birth with day and month swapped, or one part of it wrong by one;
- a nickname or diminutive (Bill for William, Kasia for Katarzyna, Γιώργος for Γεώργιος);
- another transliteration (Oleksandr / Olexandr / Олександр) or spelling (Mohamed / Mohammed, Siobhán / Shivaun);
- a changed surname (marriage), sometimes double-barrelled;
- no postcode, no address, or a new address after a move;
and, independently, formatting noise that normalisation removes (capitals, accents dropped, apostrophes).
"""

import argparse
import csv
import datetime as dt
import random
import sys
import unicodedata
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.names import GROUPS, POSTCODE_AREAS, STREET_KINDS, STREETS, SURNAME_TAILS, TOWNS, NameGroup
from bench.transliteration import transliterate

REFERENCE_DATE = dt.date(2026, 1, 1)
FIELDS = ("record_id", "given_name", "surname", "date_of_birth", "address", "postcode", "source")
SOURCES = ("police", "idva_service", "housing", "childrens_social_care", "health", "probation")
# Letters used in the last part of a UK postcode (C, I, K, M, O and V are never used there).
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_NEARBY_KEYS = {
    "a": "qwsz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc", "g": "ftyhbv",
    "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop", "m": "njk", "n": "bhjm", "o": "iklp",
    "p": "ol", "q": "wa", "r": "edft", "s": "awedxz", "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase",
    "x": "zsdc", "y": "tghu", "z": "asx",
}  # fmt: skip

# How often each kind of difference is chosen for a duplicate record (relative weights).
DIFFERENCES = {
    "typo_given": 12,
    "typo_surname": 12,
    "swap_names": 7,
    "missing_dob": 7,
    "dob_day_month_swapped": 8,
    "dob_off_by_one": 5,
    "nickname": 12,
    "transliteration": 10,
    "changed_surname": 6,
    "missing_postcode": 8,
    "missing_address": 3,
    "moved": 7,
}
# Share of surnames drawn evenly from the long tail of rarer ones rather than from the common ones.
SURNAME_TAIL_SHARE = 0.5
# Share of people with 1, 2, 3 or 4 records.
RECORDS_PER_PERSON = {1: 75, 2: 19, 3: 5, 4: 1}
# Share of duplicate records with 0 (written the same way again, formatting aside), 1, 2 or 3 differences.
DIFFERENCES_PER_DUPLICATE = {0: 25, 1: 40, 2: 25, 3: 10}


class _Weighted:
    """Draws from a sequence with the given weights, quickly (cumulative weights and bisection)."""

    def __init__(self, items: Sequence, weights: Sequence[float]):
        self.items = list(items)
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random):
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


def _zipf(items: Sequence[str], exponent: float) -> _Weighted:
    """Earlier entries of a name list are more common."""
    return _Weighted(items, [1 / (rank + 1) ** exponent for rank in range(len(items))])


@dataclass(frozen=True)
class Address:
    line: str
    postcode: str


@dataclass(frozen=True)
class Person:
    cluster_id: int
    group: NameGroup
    is_female: bool
    given: str
    surname: str
    date_of_birth: dt.date | None
    address: Address | None
    # For names kept in another script: how this person's name is usually written in Latin letters.
    system: str


@dataclass
class Written:
    """One record of a person as an agency wrote it."""

    given: str
    surname: str
    date_of_birth: dt.date | None
    address: str
    postcode: str


class PeopleGenerator:
    def __init__(self, seed: int, street_count: int):
        self.rng = random.Random(seed)
        self.groups = _Weighted(GROUPS, [group.weight for group in GROUPS])
        self.female_names = {group.key: _zipf(group.female, exponent=0.5) for group in GROUPS}
        self.male_names = {group.key: _zipf(group.male, exponent=0.5) for group in GROUPS}
        self.surnames = {group.key: _zipf(group.surnames, exponent=0.6) for group in GROUPS}
        self.differences = _Weighted(list(DIFFERENCES), list(DIFFERENCES.values()))
        self.records_per_person = _Weighted(list(RECORDS_PER_PERSON), list(RECORDS_PER_PERSON.values()))
        self.differences_per_duplicate = _Weighted(
            list(DIFFERENCES_PER_DUPLICATE), list(DIFFERENCES_PER_DUPLICATE.values())
        )
        self.streets = [self._street() for _ in range(street_count)]
        self.next_cluster = 1

    # --- places -------------------------------------------------------------------------------------------

    def _street(self) -> tuple[str, list[str]]:
        rng = self.rng
        name = f"{rng.choice(STREETS)} {rng.choice(STREET_KINDS)}, {rng.choice(TOWNS)}"
        district = f"{rng.choice(POSTCODE_AREAS)}{rng.randint(1, 39)}"
        sector = rng.randint(0, 9)
        units = [
            f"{district} {sector}{rng.choice(_UNIT_LETTERS)}{rng.choice(_UNIT_LETTERS)}"
            for _ in range(rng.randint(1, 3))
        ]
        return name, units

    def address(self) -> Address:
        name, units = self.rng.choice(self.streets)
        number = self.rng.randint(1, 240)
        # Houses in a street share its few postcodes, in runs of numbers.
        return Address(f"{number} {name}", units[number * len(units) // 241])

    # --- people -------------------------------------------------------------------------------------------

    def _date_of_birth(self, min_age: int, max_age: int) -> dt.date:
        days = self.rng.randint(min_age * 365, max_age * 365 + 364)
        return REFERENCE_DATE - dt.timedelta(days=days)

    def _given(self, group: NameGroup, is_female: bool) -> str:
        return (self.female_names if is_female else self.male_names)[group.key].draw(self.rng)

    def _surname_entry(self, group: NameGroup) -> str:
        tail = SURNAME_TAILS[group.key]
        if tail and self.rng.random() < SURNAME_TAIL_SHARE:
            return self.rng.choice(tail)
        return self.surnames[group.key].draw(self.rng)

    @staticmethod
    def _surname(entry: str, is_female: bool) -> str:
        male, _, female = entry.partition("|")
        return female if is_female and female else male

    def _person(
        self, group: NameGroup, is_female: bool, surname_entry: str, date_of_birth: dt.date, address: Address
    ) -> Person:
        rng = self.rng
        person = Person(
            cluster_id=self.next_cluster,
            group=group,
            is_female=is_female,
            given=self._given(group, is_female),
            surname=self._surname(surname_entry, is_female),
            # A few records never had a date of birth or a postcode.
            date_of_birth=None if rng.random() < 0.02 else date_of_birth,
            address=address if rng.random() > 0.02 else None,
            system="official" if rng.random() < 0.85 else "informal",
        )
        self.next_cluster += 1
        return person

    def household(self) -> list[Person]:
        rng = self.rng
        group = self.groups.draw(rng)
        address = self.address()
        head_is_female = rng.random() < 0.5
        head_dob = self._date_of_birth(18, 80)
        family_entry = self._surname_entry(group)
        people = [self._person(group, head_is_female, family_entry, head_dob, address)]
        head_age = (REFERENCE_DATE - head_dob).days // 365
        if rng.random() < 0.55:
            partner_group = group if rng.random() < 0.85 else self.groups.draw(rng)
            partner_is_female = not head_is_female if rng.random() < 0.92 else head_is_female
            shares_surname = partner_group is group and rng.random() < 0.6
            partner_entry = family_entry if shares_surname else self._surname_entry(partner_group)
            partner_age = max(18, min(85, head_age + rng.randint(-8, 8)))
            partner_dob = self._date_of_birth(partner_age, partner_age)
            people.append(self._person(partner_group, partner_is_female, partner_entry, partner_dob, address))
        if 20 <= head_age <= 55:
            for _ in range(rng.choice((0, 0, 1, 1, 2, 2, 3))):
                child_age = rng.randint(0, min(17, head_age - 18))
                child_dob = self._date_of_birth(child_age, child_age)
                child_is_female = rng.random() < 0.5
                people.append(self._person(group, child_is_female, family_entry, child_dob, address))
                if rng.random() < 0.015:
                    twin = self._person(group, rng.random() < 0.5, family_entry, child_dob, address)
                    people.append(replace(twin, date_of_birth=people[-1].date_of_birth))
        return people

    # --- writing records ----------------------------------------------------------------------------------

    def _latin(self, name: str, group: NameGroup, system: str) -> str:
        return transliterate(name, group.script, system) if group.script else name

    def first_record(self, person: Person) -> Written:
        group = person.group
        written = Written(
            given=self._latin(person.given, group, person.system),
            surname=self._latin(person.surname, group, person.system),
            date_of_birth=person.date_of_birth,
            address=person.address.line if person.address else "",
            postcode=person.address.postcode if person.address else "",
        )
        if self.rng.random() < 0.1:
            self._formatting(written)
        return written

    def duplicate(self, person: Person) -> tuple[Written, list[str]]:
        """Another record of the person, and the differences it carries."""
        rng = self.rng
        kinds: set[str] = set()
        wanted = self.differences_per_duplicate.draw(rng)
        while len(kinds) < wanted:
            kinds.add(self.differences.draw(rng))
        applied: list[str] = []
        given, surname, system = person.given, person.surname, person.system
        group = person.group
        script_given = script_surname = ""
        if "nickname" in kinds:
            nicknames = group.nicknames.get(given)
            if nicknames:
                given = rng.choice(nicknames)
                applied.append("nickname")
            else:
                kinds.add("typo_given")
        if "changed_surname" in kinds:
            if person.is_female and person.date_of_birth and (REFERENCE_DATE - person.date_of_birth).days > 18 * 365:
                surname = self._married_surname(person)
                applied.append("changed_surname")
            else:
                kinds.add("moved")
        if "transliteration" in kinds:
            if group.script:
                if rng.random() < 0.35:
                    # Written as the person wrote it themselves, in their own script.
                    script_given, script_surname = given, surname
                else:
                    system = "informal" if system == "official" else "official"
                applied.append("transliteration")
            else:
                spelt = self._respell(given, surname, group)
                if spelt is None:
                    kinds.add("typo_surname")
                else:
                    given, surname = spelt
                    applied.append("transliteration")
        written = Written(
            given=script_given or self._latin(given, group, system),
            surname=script_surname or self._latin(surname, group, system),
            date_of_birth=person.date_of_birth,
            address=person.address.line if person.address else "",
            postcode=person.address.postcode if person.address else "",
        )
        if "dob_day_month_swapped" in kinds and written.date_of_birth:
            dob = written.date_of_birth
            if dob.day <= 12 and dob.day != dob.month:
                written.date_of_birth = dob.replace(day=dob.month, month=dob.day)
                applied.append("dob_day_month_swapped")
            else:
                kinds.add("dob_off_by_one")
        if "dob_off_by_one" in kinds and written.date_of_birth:
            written.date_of_birth = self._date_off_by_one(written.date_of_birth)
            applied.append("dob_off_by_one")
        simple = (
            "typo_given",
            "typo_surname",
            "swap_names",
            "missing_dob",
            "moved",
            "missing_postcode",
            "missing_address",
        )
        applied += [kind for kind in simple if kind in kinds]
        if "typo_given" in kinds:
            written.given = self._typo(written.given)
        if "typo_surname" in kinds:
            written.surname = self._typo(written.surname)
        if "swap_names" in kinds:
            written.given, written.surname = written.surname, written.given
        if "missing_dob" in kinds:
            written.date_of_birth = None
        if "moved" in kinds:
            moved_to = self.address()
            written.address, written.postcode = moved_to.line, moved_to.postcode
        if "missing_postcode" in kinds:
            written.postcode = ""
        if "missing_address" in kinds:
            written.address = ""
        if rng.random() < 0.3:
            self._formatting(written)
        return written, applied

    def _married_surname(self, person: Person) -> str:
        rng = self.rng
        group = person.group if rng.random() < 0.7 else self.groups.draw(rng)
        new = self._surname(self._surname_entry(group), is_female=True)
        if group.script != person.group.script:
            new = self._latin(new, group, "official")
        if group.script or person.group.script or rng.random() > 0.2:
            return new
        return f"{person.surname}-{new}"

    def _respell(self, given: str, surname: str, group: NameGroup) -> tuple[str, str] | None:
        options = [name for name in (given, surname) if name in group.spellings]
        if not options:
            return None
        chosen = self.rng.choice(options)
        respelt = self.rng.choice(group.spellings[chosen])
        return (respelt, surname) if chosen == given else (given, respelt)

    def _typo(self, name: str) -> str:
        rng = self.rng
        if len(name) < 3:
            return name + name[-1:]
        # Mistakes rarely hit the first letter: people read that one back.
        position = rng.randint(1, len(name) - 1)
        letter = name[position].lower()
        kind = rng.random()
        if kind < 0.35:
            replacement = rng.choice(_NEARBY_KEYS.get(letter, "aeiou"))
            return name[:position] + replacement + name[position + 1 :]
        if kind < 0.6:
            return name[:position] + name[position + 1 :]
        if kind < 0.8:
            return name[:position] + name[position] + name[position:]
        if position == len(name) - 1:
            position -= 1
        return name[:position] + name[position + 1] + name[position] + name[position + 2 :]

    def _date_off_by_one(self, dob: dt.date) -> dt.date:
        rng = self.rng
        part = rng.random()
        try:
            if part < 0.4:
                return dob + dt.timedelta(days=rng.choice((-1, 1)))
            if part < 0.7:
                return dob.replace(month=(dob.month % 12) + 1)
            return dob.replace(year=dob.year + rng.choice((-1, 1)))
        except ValueError:
            return dob + dt.timedelta(days=1)

    def _formatting(self, written: Written) -> None:
        kind = self.rng.randrange(5)
        if kind == 0:
            written.surname = written.surname.upper()
        elif kind == 1:
            written.given, written.surname = written.given.upper(), written.surname.upper()
        elif kind == 2:
            written.given, written.surname = _without_accents(written.given), _without_accents(written.surname)
        elif kind == 3:
            written.surname = written.surname.replace("'", "").replace("-", " ")
        else:
            written.given, written.surname = f" {written.given.lower()}", f"{written.surname.lower()}  "


def _without_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Extract:
    rows: list[tuple[str, ...]]
    # (record_id, cluster_id, differences): records with one cluster_id are one person; `differences` lists what
    # sets a duplicate record apart from the person's first record, joined by ";" ("none" when nothing but
    # formatting does; "" for first records).
    truth: list[tuple[str, int, str]]


def generate(records: int, seed: int = 6) -> Extract:
    """`records` rows of synthetic people, shuffled, with their true clusters."""
    generator = PeopleGenerator(seed, street_count=max(40, records // 25))
    rng = generator.rng
    written: list[tuple[Written, int, str]] = []
    while len(written) < records:
        for person in generator.household():
            written.append((generator.first_record(person), person.cluster_id, ""))
            for _ in range(generator.records_per_person.draw(rng) - 1):
                duplicate, differences = generator.duplicate(person)
                written.append((duplicate, person.cluster_id, ";".join(sorted(differences)) or "none"))
    del written[records:]
    rng.shuffle(written)
    width = len(str(records))
    rows = []
    truth = []
    for number, (record, cluster_id, differences) in enumerate(written, start=1):
        record_id = f"R{number:0{width}d}"
        rows.append(
            (
                record_id,
                record.given,
                record.surname,
                record.date_of_birth.isoformat() if record.date_of_birth else "",
                record.address,
                record.postcode,
                rng.choice(SOURCES),
            )
        )
        truth.append((record_id, cluster_id, differences))
    return Extract(rows=rows, truth=truth)


def write_extract(extract: Extract, output: Path, truth: Path) -> None:
    with output.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(FIELDS)
        writer.writerows(extract.rows)
    with truth.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("record_id", "cluster_id", "differences"))
        writer.writerows(extract.truth)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="how many rows to write (default 100,000)")
    parser.add_argument("--seed", type=int, default=6, help="the same seed gives the same files")
    parser.add_argument("--output", type=Path, default=Path("people.csv"))
    parser.add_argument("--truth", type=Path, default=Path("truth.csv"))
    args = parser.parse_args(argv)
    extract = generate(args.records, seed=args.seed)
    write_extract(extract, args.output, args.truth)
    clusters = len({cluster for _, cluster, _ in extract.truth})
    print(f"Wrote {len(extract.rows):,} records of {clusters:,} people to {args.output}; truth in {args.truth}.")


if __name__ == "__main__":
    main()
