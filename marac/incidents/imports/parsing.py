"""Reading an incidents CSV and checking each row against the documented schema (docs/incident-import.md).

Rows are numbered as a spreadsheet numbers them: the header is row 1, the first incident row 2. A problem is
reported as (row, field, reason); a reason never quotes a name, a date of birth, a postcode or a summary, so
the list of problems can be stored and shown without the rows' personal content.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import BinaryIO, NamedTuple

from django.utils import timezone

from marac.incidents.models import Gravity, IncidentType
from marac.people.normalise import normalise_name

REQUIRED_COLUMNS = (
    "incident_ref",
    "occurred_at",
    "incident_type",
    "gravity",
    "victim_given_name",
    "victim_family_name",
)
OPTIONAL_COLUMNS = (
    "victim_date_of_birth",
    "victim_postcode",
    "perpetrator_given_name",
    "perpetrator_family_name",
    "perpetrator_date_of_birth",
    "children_present",
    "summary",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
# A party's columns are its role, then one of these: victim_given_name… (there is no perpetrator_postcode).
PARTY_COLUMNS = ("given_name", "family_name", "date_of_birth", "postcode")

MAX_REFERENCE_LENGTH = 100  # Incident.source_reference
MAX_NAME_LENGTH = 100  # Person.given_name and Person.family_name
MAX_POSTCODE_LENGTH = 12  # Person.postcode
MAX_SUMMARY_LENGTH = 10_000
MAX_CHILDREN = 99
EARLIEST_YEAR = 1900
# Values quoted back in a reason are cut to this length: a wrong cell can hold a whole paragraph.
QUOTED_LENGTH = 40

INCIDENT_TYPES = frozenset(IncidentType.values)
GRAVITIES = frozenset(Gravity.values)

_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_UK_MOMENT = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")

MOMENT_FORMATS = "2026-03-31, 2026-03-31T14:30, 31/03/2026 or 31/03/2026 14:30"
DATE_FORMATS = "1990-04-12 or 12/04/1990"


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    field: str
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "field": self.field, "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}" if self.field else self.reason


class FileProblem(Exception):
    """The file as a whole cannot be read (not UTF-8, not CSV, a required column missing): nothing is imported."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


class Party(NamedTuple):
    """A victim or perpetrator as one row names them."""

    given_name: str
    family_name: str
    normalised_name: str
    date_of_birth: dt.date | None
    postcode: str = ""


class IncidentRow(NamedTuple):
    """One good row, checked and converted."""

    row_number: int
    incident_ref: str
    occurred_at: dt.datetime
    incident_type: str
    gravity: int
    children_present: int
    summary: str
    victim: Party
    perpetrator: Party | None


def _quoted(value: str) -> str:
    return value if len(value) <= QUOTED_LENGTH else value[: QUOTED_LENGTH - 1] + "…"


class IncidentCsv:
    """An open export: the header is checked on opening, then the rows are read one at a time.

    The file is decoded as it is read (UTF-8, with or without the byte-order mark spreadsheets write), so a file
    of any size is never held in memory whole.
    """

    def __init__(self, binary: BinaryIO):
        self._text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        self._reader = csv.reader(self._text)
        header = self._next_record(row_number=1)
        if header is None or not any(name.strip() for name in header):
            raise FileProblem(
                [RowError(1, "", "the file is empty: its first row must name the columns, then one row per incident")]
            )
        self.header = header
        self.columns: dict[str, int] = {}
        duplicates = []
        for index, raw_name in enumerate(header):
            name = raw_name.strip().lower()
            if name in self.columns and name in COLUMNS:
                duplicates.append(name)
            self.columns.setdefault(name, index)
        problems = [RowError(1, name, "the column appears twice: keep one") for name in duplicates]
        problems += [
            RowError(1, name, "the column is missing: the first row must name it")
            for name in REQUIRED_COLUMNS
            if name not in self.columns
        ]
        if problems:
            raise FileProblem(problems)

    def _next_record(self, *, row_number: int) -> list[str] | None:
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except UnicodeDecodeError:
            raise FileProblem(
                [
                    RowError(
                        row_number,
                        "",
                        "the file is not UTF-8 text from this row on: save it as CSV UTF-8 and import it again",
                    )
                ]
            ) from None
        except csv.Error as error:
            raise FileProblem([RowError(row_number, "", f"the row is not valid CSV ({error})")]) from None

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, values) for every row that is not blank. Blank rows still count in the numbering."""
        row_number = 1
        while True:
            row_number += 1
            values = self._next_record(row_number=row_number)
            if values is None:
                return
            if any(value.strip() for value in values):
                yield row_number, values

    def detach(self) -> None:
        """Let go of the binary file without closing it: the caller opened it and closes it."""
        self._text.detach()


def _collapse_spaces(text: str) -> str:
    return " ".join(text.split()) if "  " in text or "\t" in text else text


def _parse_date(value: str) -> dt.date:
    """A date written 1990-04-12 or 12/04/1990; ValueError says what is wrong, without quoting the value."""
    if _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("is not a date") from None
    uk = _UK_DATE.fullmatch(value)
    if uk:
        day, month, year = (int(part) for part in uk.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError("is not a date") from None
    raise ValueError(f"is not written as a date: write it as {DATE_FORMATS}")


def _parse_moment(value: str) -> dt.datetime:
    """A date, or a date and time, in one of `MOMENT_FORMATS`; ValueError says what is wrong."""
    if _ISO_MOMENT.fullmatch(value):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{_quoted(value)} is not a date and time") from None
    uk = _UK_MOMENT.fullmatch(value)
    if uk:
        day, month, year, hour, minute, second = (int(part) if part else 0 for part in uk.groups())
        try:
            return dt.datetime(year, month, day, hour, minute, second)
        except ValueError:
            raise ValueError(f"{_quoted(value)} is not a date and time") from None
    raise ValueError(f"'{_quoted(value)}' is not written as a date: write it as {MOMENT_FORMATS}")


class RowParser:
    """Checks rows one at a time. Keeps the incident references seen so far to refuse a repeated one.

    Written for speed as well as clarity: a million rows pass through `parse`, so the good row takes one straight
    path, and what repeats through a file (names, dates of birth) is converted once.
    """

    def __init__(self, columns: dict[str, int], *, now: dt.datetime | None = None):
        # A column the file does not have reads the empty string appended to every row (index -1).
        self._index = {name: columns.get(name, -1) for name in COLUMNS}
        self._party_columns = {
            role: tuple(columns.get(f"{role}_{name}", -1) for name in PARTY_COLUMNS)
            for role in ("victim", "perpetrator")
        }
        self._width = max(columns.values(), default=0) + 1
        self._now = now or timezone.now()
        self._today = timezone.localdate(self._now)
        self._zone = timezone.get_current_timezone()
        self._first_row_of_reference: dict[str, int] = {}
        self._normalise_part = lru_cache(maxsize=200_000)(normalise_name)
        self._birth_date = lru_cache(maxsize=100_000)(_parse_date)

    def parse(self, row_number: int, values: list[str]) -> IncidentRow | list[RowError]:
        """The row converted, or every problem found in it. Pads `values` to the header's width."""
        if len(values) < self._width:
            values.extend([""] * (self._width - len(values)))
        values.append("")
        index = self._index
        errors: list[RowError] = []

        reference = values[index["incident_ref"]].strip()
        first_row = self._first_row_of_reference.setdefault(reference, row_number)
        if not reference or len(reference) > MAX_REFERENCE_LENGTH or first_row != row_number:
            errors.append(self._reference_problem(row_number, reference, first_row))

        occurred_at = self._moment(row_number, values[index["occurred_at"]].strip(), errors)

        type_text = values[index["incident_type"]].strip()
        incident_type = type_text.lower()
        if incident_type not in INCIDENT_TYPES:
            shown = f"'{_quoted(type_text)}' is not" if type_text else "is empty: it must be"
            errors.append(
                RowError(
                    row_number, "incident_type", f"{shown} one of the accepted codes: {', '.join(IncidentType.values)}"
                )
            )

        gravity = _whole_number(
            row_number, "gravity", values[index["gravity"]].strip(), errors, allowed=GRAVITIES, rule="must be 1 to 4"
        )
        children = _whole_number(
            row_number,
            "children_present",
            values[index["children_present"]].strip() or "0",
            errors,
            allowed=range(MAX_CHILDREN + 1),
            rule=f"must be a whole number from 0 to {MAX_CHILDREN}",
        )
        summary = values[index["summary"]].strip()
        if len(summary) > MAX_SUMMARY_LENGTH:
            errors.append(RowError(row_number, "summary", f"is longer than {MAX_SUMMARY_LENGTH} characters"))

        incident_date = occurred_at.astimezone(self._zone).date() if occurred_at else None
        victim = self._party(row_number, values, "victim", errors, required=True, incident_date=incident_date)
        perpetrator = self._party(
            row_number, values, "perpetrator", errors, required=False, incident_date=incident_date
        )
        if errors:
            return errors
        return IncidentRow(
            row_number, reference, occurred_at, incident_type, gravity, children, summary, victim, perpetrator
        )

    def _normalise(self, given: str, family: str) -> str:
        """`normalise_name(given, family)`, from the two parts normalised apart: given names and surnames each repeat
        through a file far more than the pairs do. Normalising works letter by letter and folds spaces, so the
        result is the same (`test_parsing` holds it to that)."""
        return " ".join(part for part in (self._normalise_part(given), self._normalise_part(family)) if part)

    def _reference_problem(self, row_number: int, reference: str, first_row: int) -> RowError:
        if not reference:
            reason = "is empty: every row needs the incident's number in your system"
            return RowError(row_number, "incident_ref", reason)
        if len(reference) > MAX_REFERENCE_LENGTH:
            return RowError(row_number, "incident_ref", f"is longer than {MAX_REFERENCE_LENGTH} characters")
        return RowError(
            row_number, "incident_ref", f"{_quoted(reference)} is already on row {first_row}: list each incident once"
        )

    def _moment(self, row_number: int, value: str, errors: list[RowError]) -> dt.datetime | None:
        def bad(reason: str) -> None:
            errors.append(RowError(row_number, "occurred_at", reason))

        if not value:
            bad(f"is empty: write when the incident happened, as {MOMENT_FORMATS}")
            return None
        try:
            moment = _parse_moment(value)
        except ValueError as error:
            bad(str(error))
            return None
        if moment.tzinfo is None:
            # A time without an offset is the local time of the locality's agencies.
            moment = moment.replace(tzinfo=self._zone)
        if moment > self._now:
            bad(f"{_quoted(value)} is in the future")
            return None
        if moment.year < EARLIEST_YEAR:
            bad(f"{_quoted(value)} is before {EARLIEST_YEAR}")
            return None
        return moment

    def _party(
        self,
        row_number: int,
        values: list[str],
        role: str,
        errors: list[RowError],
        *,
        required: bool,
        incident_date: dt.date | None,
    ) -> Party | None:
        given_at, family_at, birth_at, postcode_at = self._party_columns[role]
        given = _collapse_spaces(values[given_at].strip())
        family = _collapse_spaces(values[family_at].strip())
        birth_text = values[birth_at].strip()
        postcode = _collapse_spaces(values[postcode_at].strip().upper())
        if not required and not given and not family:
            if birth_text:
                reason = f"is empty, but the row gives the {role}'s date of birth: give the name too"
                errors.append(RowError(row_number, f"{role}_given_name", reason))
            return None
        normalised = ""
        if given and family and len(given) <= MAX_NAME_LENGTH and len(family) <= MAX_NAME_LENGTH:
            normalised = self._normalise(given, family)
            if not normalised:
                errors.append(RowError(row_number, f"{role}_family_name", f"the {role}'s name has no letters"))
        else:
            for field, name in (("given_name", given), ("family_name", family)):
                if not name:
                    errors.append(RowError(row_number, f"{role}_{field}", f"is empty: give the {role}'s name"))
                elif len(name) > MAX_NAME_LENGTH:
                    reason = f"is longer than {MAX_NAME_LENGTH} characters"
                    errors.append(RowError(row_number, f"{role}_{field}", reason))
        birth = None
        if birth_text:
            problem = None
            try:
                birth = self._birth_date(birth_text)
            except ValueError as error:
                problem = str(error)
            else:
                if birth > self._today:
                    problem = "is in the future"
                elif incident_date is not None and birth > incident_date:
                    problem = "is after the incident"
                elif birth.year < EARLIEST_YEAR:
                    problem = f"is before {EARLIEST_YEAR}"
            if problem:
                errors.append(RowError(row_number, f"{role}_date_of_birth", problem))
        if len(postcode) > MAX_POSTCODE_LENGTH:
            reason = f"is longer than {MAX_POSTCODE_LENGTH} characters"
            errors.append(RowError(row_number, f"{role}_postcode", reason))
        return Party(given, family, normalised, birth, postcode)


def _whole_number(row_number: int, field: str, value: str, errors: list[RowError], *, allowed, rule: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number not in allowed:
        reason = f"{rule}, not '{_quoted(value)}'" if value else f"is empty: it {rule}"
        errors.append(RowError(row_number, field, reason))
        return 0
    return number
