"""Writing an import's good rows, chunk by chunk, inside the import's one transaction.

On PostgreSQL each chunk is copied (COPY) into a temporary table and written with a fixed handful of set-based
statements; elsewhere (SQLite) each chunk costs one query for the incidents already known, one to match people and
`bulk_create` for the new people and incidents. Either way the number of queries depends on the number of chunks,
never on the number of rows, and a rolled-back import leaves nothing behind.
"""

import abc
import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import IntegrityError, connection, models
from django.utils import timezone

from marac.agencies.models import Agency, Locality
from marac.incidents.imports.parsing import Party
from marac.incidents.imports.people import known_people, matchable_aliases, matchable_people
from marac.incidents.models import Incident, IncidentImport
from marac.people.models import Person


class StagedRow(NamedTuple):
    row_number: int
    incident_ref: str
    occurred_at: dt.datetime
    incident_type: str
    gravity: int
    children_present: int
    summary: str
    victim: int  # the person's number in the file (see `people.PeopleInFile`)
    perpetrator: int | None


class StagedPerson(NamedTuple):
    number: int
    party: Party


@dataclass
class PreparedChunk:
    """A chunk of good rows, with what the loader made of them in the reading thread (`Loader.prepare`)."""

    rows: list[StagedRow]
    people: list[StagedPerson]
    copy_rows: str = ""  # CopyLoader: the rows as COPY text
    copy_people: dict[int, str] = field(default_factory=dict)  # CopyLoader: each person's COPY line, by number


@dataclass
class LoadResult:
    imported: int = 0
    already_known: int = 0
    people_matched: int = 0
    people_created: int = 0


class Loader(abc.ABC):
    """Writes chunks of good rows inside the caller's transaction; `result` adds up what they did."""

    # Rows per chunk: between two progress reports, and the unit of the set-based statements.
    chunk_rows = 1000

    def __init__(self, *, incident_import: IncidentImport):
        self.incident_import = incident_import
        self.locality: Locality = incident_import.locality
        self.source_agency: Agency = incident_import.source_agency
        self.result = LoadResult()
        self.now = timezone.now()

    def prepare(self, rows: list[StagedRow], people: list[StagedPerson]) -> PreparedChunk:
        """The work on a chunk that needs no database: called in the reading thread, while this one writes the
        chunk before. `people` are the people first named in `rows` (each once in a file)."""
        return PreparedChunk(rows, people)

    @abc.abstractmethod
    def add(self, chunk: PreparedChunk) -> None:
        """Write the chunk's rows."""

    @abc.abstractmethod
    def close(self) -> None:
        """Free what the loader holds."""


def loader_for(*, incident_import: IncidentImport) -> Loader:
    if connection.vendor == "postgresql":
        return CopyLoader(incident_import=incident_import)
    return BatchLoader(incident_import=incident_import)


class BatchLoader(Loader):
    """Per chunk: one query for the incidents already known, one to match people, `bulk_create` for the rest."""

    chunk_rows = 500

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._named: dict[int, Party] = {}
        self._person_ids: dict[int, int] = {}

    def add(self, chunk: PreparedChunk) -> None:
        rows = chunk.rows
        self._named.update(chunk.people)
        known = set(
            Incident.objects.filter(
                source_agency=self.source_agency, source_reference__in=[row.incident_ref for row in rows]
            ).values_list("source_reference", flat=True)
        )
        new_rows = [row for row in rows if row.incident_ref not in known]
        self.result.already_known += len(rows) - len(new_rows)
        self._resolve_people(new_rows)
        person_ids = self._person_ids
        Incident.objects.bulk_create(
            [
                Incident(
                    locality=self.locality,
                    source_agency=self.source_agency,
                    source_reference=row.incident_ref,
                    occurred_at=row.occurred_at,
                    incident_type=row.incident_type,
                    gravity=row.gravity,
                    victim_id=person_ids[row.victim],
                    perpetrator_id=person_ids[row.perpetrator] if row.perpetrator is not None else None,
                    children_present=row.children_present,
                    summary=row.summary,
                    recorded_by_id=self.incident_import.started_by_id,
                    recorded_at=self.now,
                    imported_by=self.incident_import,
                )
                for row in new_rows
            ]
        )
        self.result.imported += len(new_rows)

    def _resolve_people(self, rows: list[StagedRow]) -> None:
        """Match the people these rows name and have no record yet, in one query; create the others."""
        named, person_ids = self._named, self._person_ids
        wanted = {number for row in rows for number in (row.victim, row.perpetrator) if number is not None}
        wanted -= person_ids.keys()
        keys = {
            number: (named[number].normalised_name, named[number].date_of_birth)
            for number in wanted
            if named[number].date_of_birth is not None
        }
        found = known_people(locality=self.locality, keys=keys.values())
        matched = {number: found[key] for number, key in keys.items() if key in found}
        person_ids.update(matched)
        self.result.people_matched += len(matched)
        unmatched = sorted(wanted - matched.keys())
        created = Person.objects.bulk_create(
            [
                Person(
                    locality=self.locality,
                    given_name=named[number].given_name,
                    family_name=named[number].family_name,
                    normalised_name=named[number].normalised_name,
                    date_of_birth=named[number].date_of_birth,
                    postcode=named[number].postcode,
                )
                for number in unmatched
            ]
        )
        person_ids.update(zip(unmatched, (person.pk for person in created), strict=True))
        self.result.people_created += len(created)

    def close(self) -> None:
        self._named.clear()
        self._person_ids.clear()


ROWS_TABLE = "incident_import_rows"
WANTED_TABLE = "incident_import_wanted"
CHUNK_PEOPLE_TABLE = "incident_import_chunk_people"
# Namespace of the advisory lock that lets one import at a time write incidents of the same agency.
_IMPORT_LOCK_NAMESPACE = 7_317_003


def _insert_select(model: type[models.Model], expressions: dict[str, str], fixed: dict[str, object]):
    """The column list and SELECT list to insert `model` rows from a query: `expressions` (SQL) for some fields,
    `fixed` values for others, each remaining field's default. Built from the model, so that a field added to it
    later is filled with its default rather than breaking the import."""
    columns, selected, params = [], [], []
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key and model_field.name not in expressions:
            continue
        columns.append(connection.ops.quote_name(model_field.column))
        if model_field.name in expressions:
            selected.append(expressions[model_field.name])
            continue
        value = fixed[model_field.name] if model_field.name in fixed else model_field.get_default()
        selected.append("%s")
        params.append(model_field.get_db_prep_save(value, connection))
    return ", ".join(columns), ", ".join(selected), params


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_COPY_NULL = "\\N"


def _copy_text(value: str) -> str:
    """A value as COPY's text format writes it."""
    return value.translate(_COPY_ESCAPES)


def _may_check_references_set_based(cursor) -> bool:
    """Whether this connection may turn off row triggers for its own statements (`session_replication_role`).

    PostgreSQL checks each foreign key of each inserted row with a query of its own: for a million incidents with
    six foreign keys, six million queries, a third of the import's time. Where the database role may (a
    superuser, or since PostgreSQL 15 a role granted `SET ON PARAMETER session_replication_role`, see
    docs/operations.md) the loader turns those checks off for its two INSERT statements and makes the same checks
    once, set-based. Elsewhere the row triggers run: slower, as correct.
    """
    if connection.pg_version < 150000:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
    else:
        cursor.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')")
    return bool(cursor.fetchone()[0])


class CopyLoader(Loader):
    """Per chunk: COPY into small temporary tables, then a fixed handful of set-based statements.

    Each chunk is joined with the big tables (incidents, people) by index lookups, forced with LATERAL subqueries:
    a chunk is a few thousand rows, the tables millions, and scanning them for every chunk would make an import
    slower the more the locality knows. Which record each person in the file became is kept here, in memory, so a
    person named in many chunks is matched or created once.
    """

    chunk_rows = 25_000

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._unresolved: dict[int, str] = {}  # people named, not yet matched or created: their COPY lines
        self._person_ids: dict[int, int] = {}
        self._person_lines: dict[int, str] = {}  # each resolved person's line for CHUNK_PEOPLE_TABLE
        self._analysed = False
        with connection.cursor() as cursor:
            # One import at a time per agency: two imports of the same file would otherwise both find its rows new.
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_IMPORT_LOCK_NAMESPACE, self.source_agency.pk])
            self._set_based_references = _may_check_references_set_based(cursor)
            if self._set_based_references:
                self._lock_fixed_references(cursor)
            else:
                # Check the foreign keys of each chunk as it is written rather than all at commit: the checks then
                # run while the next chunk is read, instead of after the last one.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"DROP TABLE IF EXISTS {ROWS_TABLE}, {WANTED_TABLE}, {CHUNK_PEOPLE_TABLE}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {ROWS_TABLE} (row_number integer PRIMARY KEY, incident_ref text NOT NULL, "
                "occurred_at timestamptz NOT NULL, incident_type text NOT NULL, gravity smallint NOT NULL, "
                "children_present smallint NOT NULL, summary text NOT NULL, victim integer NOT NULL, "
                "perpetrator integer) ON COMMIT DROP"
            )
            cursor.execute(
                f"CREATE TEMPORARY TABLE {WANTED_TABLE} (number integer PRIMARY KEY, given_name text NOT NULL, "
                "family_name text NOT NULL, normalised_name text NOT NULL, date_of_birth date, "
                "postcode text NOT NULL) ON COMMIT DROP"
            )
            cursor.execute(
                f"CREATE TEMPORARY TABLE {CHUNK_PEOPLE_TABLE} (number integer PRIMARY KEY, person_id bigint NOT NULL, "
                "created boolean NOT NULL) ON COMMIT DROP"
            )

    def prepare(self, rows: list[StagedRow], people: list[StagedPerson]) -> PreparedChunk:
        """The rows and people as COPY text, written here in the reading thread: the writing thread then only
        sends them, and spends its time waiting on the database rather than on Python."""
        null = _COPY_NULL
        copy_rows = "".join(
            f"{row.row_number}\t{_copy_text(row.incident_ref)}\t{row.occurred_at.isoformat()}\t{row.incident_type}\t"
            f"{row.gravity}\t{row.children_present}\t{_copy_text(row.summary)}\t{row.victim}\t"
            f"{null if row.perpetrator is None else row.perpetrator}\n"
            for row in rows
        )
        copy_people = {
            number: (
                f"{number}\t{_copy_text(party.given_name)}\t{_copy_text(party.family_name)}\t"
                f"{_copy_text(party.normalised_name)}\t"
                f"{null if party.date_of_birth is None else party.date_of_birth.isoformat()}\t"
                f"{_copy_text(party.postcode)}\n"
            )
            for number, party in people
        }
        return PreparedChunk(rows, people, copy_rows=copy_rows, copy_people=copy_people)

    def add(self, chunk: PreparedChunk) -> None:
        rows = chunk.rows
        self._unresolved.update(chunk.copy_people)
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {ROWS_TABLE}, {WANTED_TABLE}, {CHUNK_PEOPLE_TABLE}")
            with cursor.copy(f"COPY {ROWS_TABLE} FROM STDIN") as copy:
                copy.write(chunk.copy_rows)
            if not self._analysed:
                # Temporary tables are never analysed automatically, and the statements below need statistics;
                # one chunk is much like the next, so the first one's serve for all.
                cursor.execute(f"ANALYZE {ROWS_TABLE}")
                self._analysed = True
            known = self._drop_known_rows(cursor)
            self.result.already_known += len(known)
            new_rows = [row for row in rows if row.row_number not in known]
            people_created = self._resolve_people(cursor, new_rows)
            with self._references_checked_set_based(cursor):
                if people_created:
                    self._insert_people(cursor)
                self.result.imported += self._insert_incidents(cursor)

    def _lock_fixed_references(self, cursor) -> None:
        """What a foreign key check does for the values every row of the import shares: the referenced rows must
        exist, and stay (FOR KEY SHARE) until the import commits."""
        record = self.incident_import
        fixed = [
            (Locality, record.locality_id),
            (Agency, record.source_agency_id),
            (IncidentImport, record.pk),
        ]
        if record.started_by_id is not None:
            fixed.append((record._meta.get_field("started_by").related_model, record.started_by_id))
        for model, pk in fixed:
            self._lock_rows(cursor, model, [pk])

    @staticmethod
    def _lock_rows(cursor, model: type[models.Model], pks: Iterable[int]) -> None:
        # Run even for no rows, so that an import's queries depend on its chunks alone.
        wanted = sorted(set(pks))
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {model._meta.db_table} WHERE id = ANY(%s) FOR KEY SHARE) AS locked",
            [wanted],
        )
        if cursor.fetchone()[0] != len(wanted):
            raise IntegrityError(f"A {model._meta.verbose_name} the import refers to no longer exists.")

    @contextlib.contextmanager
    def _references_checked_set_based(self, cursor) -> Iterator[None]:
        """Row triggers off for the statements inside, when the import checks their references itself: every
        person an incident names was locked when matched or is created by this import, and the rows every incident
        shares were locked at the start (`_lock_fixed_references`)."""
        if not self._set_based_references:
            yield
            return
        cursor.execute("SET LOCAL session_replication_role = replica")
        # On an error the transaction (or savepoint) is rolled back, and the setting with it.
        yield
        cursor.execute("SET LOCAL session_replication_role TO DEFAULT")

    def _drop_known_rows(self, cursor) -> set[int]:
        """Delete the rows whose incident the agency already sent; returns their row numbers."""
        # `source_reference <> ''` lets the planner use the partial unique index on (agency, reference).
        cursor.execute(
            f"DELETE FROM {ROWS_TABLE} WHERE row_number IN ("
            f"  SELECT staged.row_number FROM {ROWS_TABLE} AS staged CROSS JOIN LATERAL ("
            f"    SELECT 1 FROM {Incident._meta.db_table} AS known WHERE known.source_agency_id = %s"
            "     AND known.source_reference <> '' AND known.source_reference = staged.incident_ref LIMIT 1"
            "  ) AS found"
            ") RETURNING row_number",
            [self.source_agency.pk],
        )
        return {row_number for (row_number,) in cursor.fetchall()}

    def _resolve_people(self, cursor, rows: list[StagedRow]) -> bool:
        """Give every person these rows name a record: the one matched before, a known person of the locality with
        the same name (or alias) and date of birth (the oldest such record), or a new one, numbered here and
        written by `_insert_people`. Returns whether there are new ones."""
        named = {number for row in rows for number in (row.victim, row.perpetrator) if number is not None}
        wanted = sorted(named - self._person_ids.keys())
        matched: dict[int, int] = {}
        new_ids: dict[int, int] = {}
        if wanted:
            with cursor.copy(
                f"COPY {WANTED_TABLE} (number, given_name, family_name, normalised_name, date_of_birth, postcode) "
                "FROM STDIN"
            ) as copy:
                copy.write("".join(self._unresolved[number] for number in wanted))
            matched = self._match(cursor)
            if self._set_based_references:
                self._lock_rows(cursor, Person, matched.values())
            unmatched = [number for number in wanted if number not in matched]
            if unmatched:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [Person._meta.db_table, len(unmatched)],
                )
                new_ids = dict(zip(unmatched, (person_id for (person_id,) in cursor.fetchall()), strict=True))
            for number in wanted:
                del self._unresolved[number]
            self._person_ids.update(matched)
            self._person_ids.update(new_ids)
            self._person_lines.update((number, f"{number}\t{person_id}\tf\n") for number, person_id in matched.items())
            self._person_lines.update((number, f"{number}\t{person_id}\tf\n") for number, person_id in new_ids.items())
            self.result.people_matched += len(matched)
            self.result.people_created += len(new_ids)
        lines = self._person_lines
        with cursor.copy(f"COPY {CHUNK_PEOPLE_TABLE} (number, person_id, created) FROM STDIN") as copy:
            copy.write(
                "".join(f"{number}\t{new_ids[number]}\tt\n" if number in new_ids else lines[number] for number in named)
            )
        return bool(new_ids)

    def _match(self, cursor) -> dict[int, int]:
        """One index lookup per wanted person into the locality's people and into their other names."""
        own_sql, own_params = (
            matchable_people(self.locality).values("id", "normalised_name", "date_of_birth").query.sql_with_params()
        )
        aliases_sql, aliases_params = (
            matchable_aliases(self.locality)
            .values("person_id", "normalised_name", "person__date_of_birth")
            .query.sql_with_params()
        )
        matched: dict[int, int] = {}
        for sql, params in ((own_sql, own_params), (aliases_sql, aliases_params)):
            cursor.execute(
                f"SELECT wanted.number, found.id FROM {WANTED_TABLE} AS wanted CROSS JOIN LATERAL ("
                f"  SELECT min(known.id) AS id FROM ({sql}) AS known (id, normalised_name, date_of_birth)"
                "   WHERE known.normalised_name = wanted.normalised_name AND known.date_of_birth = wanted.date_of_birth"
                ") AS found WHERE wanted.date_of_birth IS NOT NULL AND found.id IS NOT NULL",
                params,
            )
            for number, person_id in cursor.fetchall():
                matched[number] = min(person_id, matched.get(number, person_id))
        return matched

    def _insert_people(self, cursor) -> None:
        columns, selected, params = _insert_select(
            Person,
            {
                "id": "chunk.person_id",
                "given_name": "wanted.given_name",
                "family_name": "wanted.family_name",
                "normalised_name": "wanted.normalised_name",
                "date_of_birth": "wanted.date_of_birth",
                "postcode": "wanted.postcode",
            },
            {"locality": self.locality.pk, "created_at": self.now},
        )
        cursor.execute(
            f"INSERT INTO {Person._meta.db_table} ({columns}) SELECT {selected} FROM {WANTED_TABLE} AS wanted "
            f"JOIN {CHUNK_PEOPLE_TABLE} AS chunk USING (number) WHERE chunk.created ORDER BY wanted.number",
            params,
        )

    def _insert_incidents(self, cursor) -> int:
        record = self.incident_import
        columns, selected, params = _insert_select(
            Incident,
            {
                "source_reference": "staged.incident_ref",
                "occurred_at": "staged.occurred_at",
                "incident_type": "staged.incident_type",
                "gravity": "staged.gravity",
                "victim": "victim.person_id",
                "perpetrator": "perpetrator.person_id",
                "children_present": "staged.children_present",
                "summary": "staged.summary",
            },
            {
                "locality": record.locality_id,
                "source_agency": record.source_agency_id,
                "recorded_by": record.started_by_id,
                "recorded_at": self.now,
                "imported_by": record.pk,
            },
        )
        # ON CONFLICT: an incident entered by hand with the same reference since the rows were checked stays as it is.
        cursor.execute(
            f"INSERT INTO {Incident._meta.db_table} ({columns}) SELECT {selected} FROM {ROWS_TABLE} AS staged "
            f"JOIN {CHUNK_PEOPLE_TABLE} AS victim ON victim.number = staged.victim "
            f"LEFT JOIN {CHUNK_PEOPLE_TABLE} AS perpetrator ON perpetrator.number = staged.perpetrator "
            "ORDER BY staged.row_number ON CONFLICT DO NOTHING",
            params,
        )
        return cursor.rowcount

    def close(self) -> None:
        self._unresolved.clear()
        self._person_ids.clear()
        self._person_lines.clear()
        # Dropped at commit anyway (ON COMMIT DROP); dropped here too so that a second import in the same
        # transaction (a test's) starts clean, and the foreign keys are checked at commit again.
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {ROWS_TABLE}, {WANTED_TABLE}, {CHUNK_PEOPLE_TABLE}")
            if not self._set_based_references:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
