"""Reading an import's file: checked row by row in a thread of its own, handed on in chunks of good rows.

Checking rows is Python's work and writing them the database's. `ReadAhead` reads a few chunks ahead of the
thread that writes, so an import takes about as long as the slower of the two rather than both. The reading thread
never touches the database. Once a row is bad and bad rows refuse the file, the rest are only checked, not handed
on. The bad rows are written out as they are found, with their row number and what is wrong.
"""

import contextlib
import csv
import queue
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from marac.incidents.imports.loading import PreparedChunk, StagedPerson, StagedRow
from marac.incidents.imports.parsing import FileProblem, IncidentCsv, IncidentRow, RowError, RowParser
from marac.incidents.imports.people import PeopleInFile

BAD_ROWS_EXTRA_COLUMNS = ("row", "error")
# Bad rows are kept in memory up to this size, then in a temporary file.
_BAD_ROWS_IN_MEMORY = 1024 * 1024


class BadRows:
    """The bad rows as a CSV file: the file's own columns, then the row number and what is wrong with it."""

    def __init__(self, header: list[str]):
        self._width = len(header)
        self._file = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (lives until `close`)
            max_size=_BAD_ROWS_IN_MEMORY, mode="w+", encoding="utf-8", newline=""
        )
        self._writer = csv.writer(self._file)
        self._writer.writerow([*header, *BAD_ROWS_EXTRA_COLUMNS])
        self.count = 0

    def add(self, row_number: int, values: list[str], errors: list[RowError]) -> None:
        cells = (values + [""] * self._width)[: self._width]
        self._writer.writerow([*cells, row_number, "; ".join(str(error) for error in errors)])
        self.count += 1

    def copy_to(self, out: TextIO) -> None:
        self._file.seek(0)
        while block := self._file.read(1024 * 1024):
            out.write(block)

    def text(self) -> str:
        self._file.seek(0)
        return self._file.read()

    def close(self) -> None:
        self._file.close()


@dataclass
class Chunk:
    prepared: PreparedChunk
    rows_read: int

    @property
    def rows(self) -> list[StagedRow]:
        return self.prepared.rows


@dataclass
class Reading:
    """What reading the file found: filled by the reading thread, read once it has finished."""

    rows: int = 0
    bad_rows: BadRows | None = None
    errors: list[dict] = field(default_factory=list)
    file_problem: bool = False

    @property
    def bad_count(self) -> int:
        return self.bad_rows.count if self.bad_rows else 0

    def refuses(self, *, keep_good_rows: bool) -> bool:
        """Whether the file is refused whole: it cannot be read, or a row is bad and bad rows refuse it."""
        return self.file_problem or bool(self.bad_count and not keep_good_rows)


def staged(row: IncidentRow, people: PeopleInFile, new_people: list[StagedPerson]) -> StagedRow:
    """The row as the loader writes it: its people as their numbers in the file; a person's first mention is added
    to `new_people`."""
    victim, first_mention = people.identify(row.victim)
    if first_mention:
        new_people.append(StagedPerson(victim, row.victim))
    perpetrator = None
    if row.perpetrator is not None:
        perpetrator, first_mention = people.identify(row.perpetrator)
        if first_mention:
            new_people.append(StagedPerson(perpetrator, row.perpetrator))
    return StagedRow(
        row.row_number,
        row.incident_ref,
        row.occurred_at,
        row.incident_type,
        row.gravity,
        row.children_present,
        row.summary,
        victim,
        perpetrator,
    )


# How often Python lets another thread run while the reading thread holds the interpreter lock. The writing thread
# waits on the database in many short round trips; at Python's default of 5 ms it would wait up to that long after
# each one for the reading thread to let go, and a million-row import spends about a fifth of its time so.
_SWITCH_INTERVAL = 0.0005
_switching = threading.Lock()
_imports_reading = 0
_usual_switch_interval = sys.getswitchinterval()


@contextlib.contextmanager
def frequent_thread_switches():
    """The shorter switch interval while any import in this process reads, and the usual one again after the last."""
    global _imports_reading, _usual_switch_interval
    with _switching:
        if _imports_reading == 0:
            _usual_switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_SWITCH_INTERVAL, _usual_switch_interval))
        _imports_reading += 1
    try:
        yield
    finally:
        with _switching:
            _imports_reading -= 1
            if _imports_reading == 0:
                sys.setswitchinterval(_usual_switch_interval)


class ReadAhead:
    """Iterating gives the file's chunks of good rows, read and checked in a thread of its own; problems go to
    `reading`. A reading error is raised where the chunks are taken."""

    _AHEAD = 2
    _END = object()

    def __init__(
        self,
        *,
        file: BinaryIO,
        reading: Reading,
        chunk_rows: int,
        keep_good_rows: bool,
        prepare: Callable[[list[StagedRow], list[StagedPerson]], PreparedChunk],
    ):
        self._file = file
        self._prepare = prepare
        self._reading = reading
        self._chunk_rows = chunk_rows
        self._keep_good_rows = keep_good_rows
        self._chunks: queue.Queue = queue.Queue(maxsize=self._AHEAD)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="incident-import-reader", daemon=True)

    def __iter__(self) -> Iterator[Chunk]:
        with frequent_thread_switches():
            yield from self._chunks_read()

    def _chunks_read(self) -> Iterator[Chunk]:
        self._thread.start()
        try:
            while (item := self._chunks.get()) is not self._END:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            self._stop.set()
            while self._thread.is_alive():
                # Unblock a reader waiting to hand over a chunk nobody will take.
                with contextlib.suppress(queue.Empty):
                    self._chunks.get(timeout=0.1)
            self._thread.join()

    def _hand_over(self, item) -> bool:
        while not self._stop.is_set():
            with contextlib.suppress(queue.Full):
                self._chunks.put(item, timeout=0.1)
                return True
        return False

    def _run(self) -> None:
        try:
            self._read()
        except BaseException as error:  # handed to the importing thread, which raises it
            self._hand_over(error)
        else:
            self._hand_over(self._END)

    def _read(self) -> None:
        reading = self._reading
        try:
            export = IncidentCsv(self._file)
        except FileProblem as problem:
            reading.errors = [error.as_dict() for error in problem.errors]
            reading.file_problem = True
            return
        reading.bad_rows = BadRows(export.header)
        parser = RowParser(export.columns)
        people = PeopleInFile()
        rows: list[StagedRow] = []
        new_people: list[StagedPerson] = []
        try:
            for row_number, values in export.rows():
                reading.rows += 1
                parsed = parser.parse(row_number, values)
                if isinstance(parsed, list):
                    reading.errors.extend(error.as_dict() for error in parsed)
                    reading.bad_rows.add(row_number, values, parsed)
                elif self._keep_good_rows or not reading.bad_rows.count:
                    rows.append(staged(parsed, people, new_people))
                if reading.rows % self._chunk_rows == 0:
                    if not self._hand_over(Chunk(self._prepare(rows, new_people), reading.rows)):
                        return
                    rows, new_people = [], []
        except FileProblem as problem:
            reading.errors.extend(error.as_dict() for error in problem.errors)
            reading.file_problem = True
            return
        finally:
            export.detach()
        self._hand_over(Chunk(self._prepare(rows, new_people), reading.rows))
