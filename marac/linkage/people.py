"""The people a locality knows, as rows for the linkage engine: one row per name a person is known by.

Read in two queries (people, then aliases), whatever the number of people; records are never fetched one by
one. People whose details the retention schedule anonymised are left out. Nothing read here is shown to the
user: the engine gives back person ids with a probability, and the command that runs it is audited.
"""

import pyarrow as pa

from marac.agencies.models import Locality
from marac.people.models import Alias, Person
from marac.people.normalise import normalise_name

KNOWN_SCHEMA = pa.schema(
    [
        ("person_id", pa.int64()),
        ("given_name", pa.string()),
        ("surname", pa.string()),
        ("date_of_birth", pa.date32()),
        ("address", pa.string()),
        ("postcode", pa.string()),
    ]
)
_BATCH = 5_000


def split_alias(alias: str, *, given_name: str, family_name: str) -> tuple[str, str]:
    """An alias is one string ('Zoe Marsh'); guess which part is the given name, using the person's own name.

    'Zoe Marsh' for Zoë O'Neill -> ('zoe', 'marsh'); 'Jo O'Neill' -> ('jo', 'oneill'); otherwise the first word
    is the given name ('Mary Jane Smith' for someone else entirely -> ('mary', 'jane smith'))."""
    name = normalise_name(alias)
    given = normalise_name(given_name)
    family = normalise_name(family_name)
    if given and name.startswith(f"{given} "):
        return given, name[len(given) + 1 :]
    if family and name.endswith(f" {family}"):
        return name[: -len(family) - 1], family
    first, _, rest = name.partition(" ")
    return first, rest


def known_people(locality: Locality) -> pa.Table:
    """Rows with `KNOWN_SCHEMA`: each person of `locality` under their recorded name and each alias."""
    columns: dict[str, list] = {field.name: [] for field in KNOWN_SCHEMA}

    def add(person_id: int, given: str, surname: str, date_of_birth, address: str, postcode: str) -> None:
        columns["person_id"].append(person_id)
        columns["given_name"].append(given or None)
        columns["surname"].append(surname or None)
        columns["date_of_birth"].append(date_of_birth)
        columns["address"].append(address or None)
        columns["postcode"].append(postcode or None)

    people = Person.objects.filter(locality=locality, erased_at__isnull=True, merged_into__isnull=True)
    for row in people.values_list("pk", "given_name", "family_name", "date_of_birth", "address", "postcode").iterator(
        chunk_size=_BATCH
    ):
        add(*row)
    aliases = Alias.objects.filter(person__in=people).values_list(
        "person_id",
        "name",
        "person__given_name",
        "person__family_name",
        "person__date_of_birth",
        "person__address",
        "person__postcode",
    )
    for person_id, alias, given_name, family_name, date_of_birth, address, postcode in aliases.iterator(
        chunk_size=_BATCH
    ):
        given, surname = split_alias(alias, given_name=given_name, family_name=family_name)
        add(person_id, given, surname, date_of_birth, address, postcode)
    return pa.Table.from_arrays(
        [pa.array(columns[field.name], type=field.type) for field in KNOWN_SCHEMA], schema=KNOWN_SCHEMA
    )
