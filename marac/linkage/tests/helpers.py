"""Small extracts for linkage tests: synthetic background people plus hand-written pairs to look for."""

import csv
import datetime as dt
from pathlib import Path

import pyarrow as pa

from bench.generate_people import generate
from marac.linkage.extract import RECORD_SCHEMA, parse_date_of_birth

HEADER = ("record_id", "given_name", "surname", "date_of_birth", "address", "postcode")

# Pairs that are one person written two ways: (what differs, first record, second record).
SAME_PERSON = (
    (
        "typo",
        ("T-TYPO-1", "Katarzyna", "Wiśniewska", "1987-03-14", "12 Mill Lane, Riverside", "RV1 2AB"),
        ("T-TYPO-2", "Katarzyna", "Wisniewksa", "1987-03-14", "12 Mill Lane, Riverside", "RV1 2AB"),
    ),
    (
        "swapped names",
        ("T-SWAP-1", "Oliver", "Bennett", "1979-11-02", "4 Quarry Close, Ashford", "AF3 9QT"),
        ("T-SWAP-2", "BENNETT", "OLIVER", "1979-11-02", "", ""),
    ),
    (
        "transliteration",
        ("T-CYR-1", "Олександр", "Коваленко", "1990-06-21", "31 Canal Street, Hillcrest", "HC4 1ZZ"),
        ("T-CYR-2", "Olexandr", "Kovalenko", "1990-06-21", "77 Station Road, Millbrook", "MB2 6LX"),
    ),
    (
        "day and month swapped",
        ("T-DOB-1", "Siobhán", "O'Neill", "1985-04-09", "8 Willow Walk, Oakfield", "OK7 2DW"),
        ("T-DOB-2", "Siobhan", "ONeill", "1985-09-04", "8 Willow Walk, Oakfield", "OK7 2DW"),
    ),
    (
        "nickname",
        ("T-NICK-1", "William", "Hargreaves", "1968-01-30", "19 Forge Row, Westbury", "WB5 5JH"),
        ("T-NICK-2", "Bill", "Hargreaves", "1968-01-30", "", "WB5 5JH"),
    ),
    (
        "nickname with a typing mistake",
        ("T-NEAR-1", "Rebecca", "Thackeray", "1990-11-23", "7 Mill Close, Westbury", "WB2 8RT"),
        ("T-NEAR-2", "Bexky", "Thackeray", "1990-11-23", "7 Mill Close, Westbury", "WB2 8RT"),
    ),
    (
        # Only the initials at one address bring these two together: no date of birth, and neither name the same.
        "names swapped and mistyped, no date of birth",
        ("T-CROSS-1", "Jonathan", "Pickersgill", "", "14 Weaver Street, Ashford", "AF2 7LM"),
        ("T-CROSS-2", "PICKERSGILL", "Jonathon", "", "14 Weaver Street, Ashford", "AF2 7LM"),
    ),
    (
        "a year out, after a move",
        ("T-YEAR-1", "Tomasz", "Wierzbicki", "1979-05-17", "3 Abbey Road, Oakfield", "OK4 1HB"),
        ("T-YEAR-2", "Tomasz", "Wierzbicki", "1978-05-17", "88 Chapel Lane, Redmoor", "RM6 2DN"),
    ),
    (
        "written in Greek",
        ("T-GREEK-1", "Βασιλική", "Παπαδοπούλου", "1983-10-08", "40 Harbour Street, Eastwood", "EW2 4PD"),
        ("T-GREEK-2", "Vasiliki", "Papadopoulou", "1983-10-08", "", ""),
    ),
)

# Pairs of different people that must not be linked.
DIFFERENT_PEOPLE = (
    (
        "nothing in common",
        ("T-DIFF-1", "Ahmed", "Farah", "1970-01-01", "2 Bridge Street, Redmoor", "RM1 1AA"),
        ("T-DIFF-2", "Maria", "Rossi", "2001-05-05", "90 Elm Drive, Eastwood", "EW9 9XY"),
    ),
    (
        "mother and son at one address",
        ("T-HOME-1", "Dorota", "Nowakowska", "1975-02-11", "5 Elm Road, Riverside", "RV2 3CD"),
        ("T-HOME-2", "Kamil", "Nowakowski", "2005-08-30", "5 Elm Road, Riverside", "RV2 3CD"),
    ),
    (
        "same name, born decades apart, far apart",
        ("T-NAME-1", "Gareth", "Llewellyn", "1952-07-19", "3 Abbey Walk, Thornbury", "TB2 4GG"),
        ("T-NAME-2", "Gareth", "Llewellyn", "1994-12-03", "61 Heath Rise, Harwood", "HW8 3PL"),
    ),
    (
        "twins",
        ("T-TWIN-1", "Amelia", "Fairclough", "2012-06-02", "22 Orchard Way, Millbrook", "MB3 5QS"),
        ("T-TWIN-2", "Oliver", "Fairclough", "2012-06-02", "22 Orchard Way, Millbrook", "MB3 5QS"),
    ),
    (
        "father and son of one name at one address, one written surname first",
        ("T-JUNIOR-1", "Dariusz", "Zielinski", "1961-09-30", "5 Birch Grove, Thornbury", "TB6 2NW"),
        ("T-JUNIOR-2", "ZIELINSKI", "Dariusz", "1994-02-14", "5 Birch Grove, Thornbury", "TB6 2NW"),
    ),
)

HAND_WRITTEN = tuple(row for _, first, second in SAME_PERSON + DIFFERENT_PEOPLE for row in (first, second))


def background_rows(count: int = 300, seed: int = 61) -> list[tuple[str, ...]]:
    """Synthetic people (with their own duplicates) for the hand-written pairs to hide among."""
    return [row[: len(HEADER)] for row in generate(count, seed=seed).rows]


def records_table(rows) -> pa.Table:
    columns = list(zip(*rows, strict=True))
    return pa.Table.from_arrays(
        [
            pa.array(columns[0], type=pa.string()),
            pa.array([value or None for value in columns[1]], type=pa.string()),
            pa.array([value or None for value in columns[2]], type=pa.string()),
            pa.array([parse_date_of_birth(value) for value in columns[3]], type=pa.date32()),
            pa.array([value or None for value in columns[4]], type=pa.string()),
            pa.array([value or None for value in columns[5]], type=pa.string()),
        ],
        schema=RECORD_SCHEMA,
    )


def write_csv(path: Path, rows, header=HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_matches(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def as_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
