"""Load an instrument file as a locality's own version, as a locality administrator does on the instrument pages."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.risk.registry import instrument_load


class Command(BaseCommand):
    help = (
        "Load an instrument file (JSON or YAML) as a new version for one locality. The file is checked in full "
        "first: if anything is wrong every problem is printed, nothing changes and the command exits non-zero."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--locality", required=True, help="The locality's name, exactly as recorded.")
        parser.add_argument("file", type=Path, help="The instrument file to load.")

    def handle(self, *args, locality: str, file: Path, **options) -> None:
        try:
            target = Locality.objects.get(name=locality)
        except Locality.DoesNotExist:
            known = ", ".join(Locality.objects.order_by("name").values_list("name", flat=True)) or "none"
            raise CommandError(f"No locality is named {locality!r}. Localities: {known}.") from None
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file.name}: the file is not plain text in UTF-8.") from None
        except OSError as error:
            raise CommandError(f"{file}: cannot be read: {error.strerror}.") from None

        started = timezone.now()
        try:
            version = instrument_load(
                actor=Actor(user=None, membership=None),
                locality=target,
                text=text,
                filename=file.name,
            )
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from None
        if version.loaded_at < started:
            self.stdout.write(
                f"{file.name}: {version.name}, version {version.version}, is already loaded for "
                f"{target.name}; nothing changed."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded {version.name}, version {version.version} ({version.code}), for {target.name}: "
                    "it is now in force there."
                )
            )
