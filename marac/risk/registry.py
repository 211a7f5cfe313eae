"""Which instrument versions exist and which is in force: shipped files, and versions a locality loads."""

import json
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.risk.engine.definition import Instrument
from marac.risk.engine.loading import InstrumentFileError, instrument_to_data, load_instrument_file, parse_instrument
from marac.risk.models import InstrumentVersion
from marac.risk.wording import language_of, translated, translated_name, translation_files

SHIPPED_DIR = Path(__file__).parent / "instruments"


def shipped_instrument_files() -> list[Path]:
    """The shipped instruments, without their translations (see `marac.risk.wording`)."""
    return sorted(
        path for path in SHIPPED_DIR.iterdir() if path.suffix in {".json", ".yaml", ".yml"} and not language_of(path)
    )


def shipped_translation_files() -> list[Path]:
    """The shipped instruments' wording in other languages, such as `dash-style-24.es.json`."""
    return translation_files(path for path in SHIPPED_DIR.iterdir() if path.suffix in {".json", ".yaml", ".yml"})


def register_shipped_instruments() -> list[InstrumentVersion]:
    """Record every shipped file's version once; idempotent. A shipped file whose content changed without a new
    version number is refused: assessments made with the old content must keep rendering as they were."""
    versions = []
    for path in shipped_instrument_files():
        instrument = load_instrument_file(path)
        versions.append(_store(instrument, locality=None, filename=path.name, loaded_by=None))
    return versions


def _store(instrument: Instrument, *, locality: Locality | None, filename: str, loaded_by) -> InstrumentVersion:
    definition = instrument_to_data(instrument)
    existing = InstrumentVersion.objects.filter(
        locality=locality, code=instrument.code, version=instrument.version
    ).first()
    if existing is not None:
        if existing.definition != definition:
            raise InstrumentFileError(
                filename,
                [
                    gettext(
                        "version %(version)r of %(code)r is already loaded with different content; give the "
                        "changed file a new version"
                    )
                    % {"version": instrument.version, "code": instrument.code}
                ],
            )
        return existing
    try:
        with transaction.atomic():
            return InstrumentVersion.objects.create(
                locality=locality,
                code=instrument.code,
                version=instrument.version,
                name=instrument.name,
                scale=instrument.scale_code,
                definition=definition,
                source_filename=filename,
                loaded_at=timezone.now(),
                loaded_by=loaded_by,
            )
    except IntegrityError:
        # Loaded at the same moment by another process: the stored row wins if it is the same file.
        return _store(instrument, locality=locality, filename=filename, loaded_by=loaded_by)


def instrument_load(*, actor: Actor, text: str, filename: str, locality: Locality | None = None) -> InstrumentVersion:
    """A locality administrator loads a file (its own licensed wording, say) as a new version for the locality:
    the actor's, or `locality` when the system loads it from the command line.

    A refused file raises `ValidationError` naming the file, the item and the problem, and the version in force
    stays in force. Loading the same file again changes nothing.
    """
    locality = locality or actor.locality
    if locality is None:
        raise ValueError("An instrument is loaded for a locality; none was given")
    try:
        instrument = parse_instrument(text, filename=filename)
    except InstrumentFileError as error:
        raise ValidationError({"file": [str(line) for line in str(error).splitlines()]}) from None
    with transaction.atomic():
        before = InstrumentVersion.objects.filter(
            locality=locality, code=instrument.code, version=instrument.version
        ).exists()
        try:
            version = _store(instrument, locality=locality, filename=filename, loaded_by=actor.user)
        except InstrumentFileError as error:
            raise ValidationError({"file": str(error)}) from None
        if not before:
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                target=version,
                summary=f"Loaded {instrument.name}, version {instrument.version}",
                detail={"code": instrument.code, "version": instrument.version, "file": filename},
            )
    return version


def current_version(*, locality: Locality, code: str) -> InstrumentVersion:
    """The version in force: the locality's latest loaded version of the code, else the latest shipped one."""
    for version in versions_in_force(locality=locality):
        if version.code == code:
            return version
    raise InstrumentVersion.DoesNotExist(f"No instrument {code!r} is shipped or loaded for {locality}")


def versions_in_force(*, locality: Locality) -> list[InstrumentVersion]:
    """One version per instrument code, by name: the locality's latest loaded one, else the latest shipped one.
    One query, whatever the number of instruments and versions."""

    def candidates() -> list[InstrumentVersion]:
        return list(
            InstrumentVersion.objects.filter(Q(locality=locality) | Q(locality__isnull=True)).order_by(
                "-loaded_at", "-pk"
            )
        )

    versions = candidates()
    if not any(version.locality_id is None for version in versions):
        register_shipped_instruments()
        versions = candidates()
    in_force: dict[str, InstrumentVersion] = {}
    for version in versions:
        chosen = in_force.get(version.code)
        if chosen is None or (chosen.locality_id is None and version.locality_id is not None):
            in_force[version.code] = version
    return sorted(in_force.values(), key=lambda version: version.name)


def instrument_of(version: InstrumentVersion, *, as_stored: bool = False) -> Instrument:
    """The definition stored with a version: an old assessment renders with exactly the items it was asked.

    A shipped version reads in the language of the page when marac ships its wording in that language; it scores
    exactly as stored (see `marac.risk.wording`). `as_stored` gives the stored wording whatever the language, for
    the file a locality downloads."""
    stored = _parse_stored(json.dumps(version.definition, sort_keys=True), f"{version.code}@{version.version}.json")
    if as_stored or version.locality_id is not None:
        return stored
    return translated(stored, language=translation.get_language(), directory=SHIPPED_DIR)


def version_name(version: InstrumentVersion) -> str:
    """The version's name as `instrument_of` words it, without reading the stored definition."""
    if version.locality_id is not None:
        return version.name
    return translated_name(
        code=version.code,
        version=version.version,
        name=version.name,
        language=translation.get_language(),
        directory=SHIPPED_DIR,
    )


@cache
def _parse_stored(definition_json: str, filename: str) -> Instrument:
    return parse_instrument(definition_json, filename=filename)
