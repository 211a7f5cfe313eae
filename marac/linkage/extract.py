"""Reading an agency's extract (CSV) into the columns the linkage engine works on, and writing the matches.

The file needs the columns `record_id, given_name, surname, date_of_birth, address, postcode` (in any order;
other columns are ignored). Values may be missing, except the record id. A date of birth is written
YYYY-MM-DD or DD/MM/YYYY. A file with a missing column, a row without a record id, a repeated record id or a
date of birth that is not a date is refused as a whole, naming every row at fault: a date read wrongly would
link the wrong people, and a silently dropped row would be missed.

Rows are numbered as in a spreadsheet: the header is row 1, the first record row 2.
"""

import csv
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

MATCH_COLUMNS = ("record_id", "matched_id", "match_probability")
COLUMNS = ("record_id", "given_name", "surname", "date_of_birth", "address", "postcode")
RECORD_SCHEMA = pa.schema(
    [
        ("record_id", pa.string()),
        ("given_name", pa.string()),
        ("surname", pa.string()),
        ("date_of_birth", pa.date32()),
        ("address", pa.string()),
        ("postcode", pa.string()),
    ]
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_PROGRESS_EVERY = 200_000


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"Row {self.row}: {self.field} {self.reason}."


class ExtractError(Exception):
    """The extract cannot be used; `problems` lists every row at fault (empty when the file as a whole is)."""

    def __init__(self, message: str, problems: tuple[RowProblem, ...] = ()):
        super().__init__(message)
        self.problems = problems


def parse_date_of_birth(text: str) -> dt.date | None:
    """'1990-04-12' or '12/04/1990' -> date(1990, 4, 12); '' -> None; anything else raises ValueError."""
    if not text:
        return None
    if _ISO_DATE.fullmatch(text):
        return dt.date.fromisoformat(text)
    uk = _UK_DATE.fullmatch(text)
    if uk is None:
        raise ValueError(f"not a date: {text}")
    day, month, year = (int(part) for part in uk.groups())
    return dt.date(year, month, day)


def read_extract(path: Path, *, progress: Callable[[str], None] | None = None) -> pa.Table:
    """The extract's records as a table with `RECORD_SCHEMA`; raises ExtractError naming what is wrong."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = [name.strip().lower() for name in next(reader, [])]
        missing = [column for column in COLUMNS if column not in header]
        if missing:
            names = ", ".join(missing)
            raise ExtractError(
                f"The file has no {names} column{'s' if len(missing) > 1 else ''}. "
                f"It needs the columns {', '.join(COLUMNS)} (other columns are ignored)."
            )
        return _read_rows(reader, [header.index(column) for column in COLUMNS], progress)


def _read_rows(reader, positions: list[int], progress: Callable[[str], None] | None) -> pa.Table:
    id_at, given_at, surname_at, dob_at, address_at, postcode_at = positions
    widest = max(positions)
    columns: tuple[list, ...] = ([], [], [], [], [], [])
    record_ids, given_names, surnames, dates, addresses, postcodes = columns
    first_row_of: dict[str, int] = {}
    dates_seen: dict[str, dt.date | None] = {}
    problems: list[RowProblem] = []
    for row_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= widest:
            row = row + [""] * (widest + 1 - len(row))
        record_id = row[id_at].strip()
        if not record_id:
            problems.append(RowProblem(row_number, "record_id", "is empty"))
        elif record_id in first_row_of:
            problems.append(RowProblem(row_number, "record_id", f"repeats the id of row {first_row_of[record_id]}"))
        else:
            first_row_of[record_id] = row_number
        dob_text = row[dob_at].strip()
        try:
            dob = dates_seen[dob_text]
        except KeyError:
            try:
                dob = parse_date_of_birth(dob_text)
            except ValueError:
                problems.append(
                    RowProblem(
                        row_number, "date_of_birth", f"'{dob_text}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)"
                    )
                )
                continue
            dates_seen[dob_text] = dob
        record_ids.append(record_id)
        given_names.append(row[given_at].strip() or None)
        surnames.append(row[surname_at].strip() or None)
        dates.append(dob)
        addresses.append(row[address_at].strip() or None)
        postcodes.append(row[postcode_at].strip() or None)
        if progress and len(record_ids) % _PROGRESS_EVERY == 0:
            progress(f"Read {len(record_ids):,} records")
    if problems:
        plural = "s" if len(problems) > 1 else ""
        raise ExtractError(f"{len(problems)} row{plural} cannot be used; nothing was linked.", tuple(problems))
    arrays = [pa.array(column, type=field.type) for column, field in zip(columns, RECORD_SCHEMA, strict=True)]
    return pa.Table.from_arrays(arrays, schema=RECORD_SCHEMA)


def write_matches(path: Path, matches: pa.Table) -> None:
    """`record_id, matched_id, match_probability` rows; probabilities to four decimal places."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(MATCH_COLUMNS)
        for batch in matches.select(list(MATCH_COLUMNS)).to_batches(max_chunksize=100_000):
            record_ids, matched_ids, probabilities = (column.to_pylist() for column in batch.columns)
            writer.writerows(
                (record_id, matched_id, f"{probability:.4f}")
                for record_id, matched_id, probability in zip(record_ids, matched_ids, probabilities, strict=True)
            )
