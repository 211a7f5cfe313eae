from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marac.risk.engine.loading import InstrumentFileError, load_instrument_file
from marac.risk.registry import shipped_instrument_files, shipped_translation_files
from marac.risk.wording import language_of, load_translation


class Command(BaseCommand):
    help = (
        "Validate instrument files (the shipped ones and their translations by default) and print each one's items, "
        "bands and screen. A translation (name.es.json) is also checked against its original beside it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path, help="Instrument files (JSON or YAML) to check.")

    def handle(self, *args, files: list[Path], **options) -> None:
        failures = []
        for path in files or [*shipped_instrument_files(), *shipped_translation_files()]:
            try:
                instrument = load_translation(path) if language_of(path) else load_instrument_file(path)
            except InstrumentFileError as error:
                failures.append(str(error))
                continue
            bands = ", ".join(
                f"{band.min}–{'' if band.max is None else band.max} {band.level}" for band in instrument.bands
            )
            self.stdout.write(
                f"{path.name}: {instrument.name}, version {instrument.version}: {len(instrument.items)} items, "
                f"{instrument.scoring.value}, bands {bands}{', with a screen' if instrument.screen else ''}"
            )
        if failures:
            raise CommandError("\n".join(failures))
