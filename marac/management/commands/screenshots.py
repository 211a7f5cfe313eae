"""`python manage.py screenshots`: the key pages of the demo locality as PNGs in docs/screenshots/."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings

from marac.demo import builder, data
from marac.journeys.browser import CHROMIUM
from marac.screenshots.camera import Planned, photograph
from marac.screenshots.pages import SHOTS

HOST = "127.0.0.1"
DEMO_CODE = "000000"
LARGEST_FILE = 300 * 1024


class Command(BaseCommand):
    help = (
        "Serve the demo locality on a local port, sign in as each demo role through the real pages, and save the key "
        "pages as PNGs 1280 pixels wide. Needs the demo loaded (`make screenshots` builds it in a throwaway database)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=settings.BASE_DIR / "docs" / "screenshots",
            help="Where to write the PNGs (default: docs/screenshots/).",
        )

    def handle(self, *args, output: Path, **options) -> None:
        if settings.PRODUCTION or not settings.DEBUG:
            raise CommandError(
                "Screenshots are taken of the demo only: refused with DEBUG off or MARAC_ENV=production."
            )
        if not CHROMIUM.exists():
            self.stdout.write(f"Screenshots skipped: {CHROMIUM} is not installed (Debian's package chromium).")
            return
        if builder.demo_locality() is None:
            raise CommandError("There is no demo locality in this database: run `manage.py load_demo` first.")
        # Every database query happens here, before Playwright's event loop starts in this thread.
        plan = [Planned(shot=shot, path=shot.path()) for shot in SHOTS]
        server = LiveServerThread(HOST, StaticFilesHandler, port=0)
        server.daemon = True
        # The demo's shared second-step code, turned on for this process's own server only (never in production:
        # refused above, and by settings).
        with override_settings(MARAC_DEMO_OTP_CODE=DEMO_CODE):
            server.start()
            server.is_ready.wait()
            if server.error:
                raise CommandError(f"The server did not start: {server.error}")
            try:
                saved = photograph(
                    base_url=f"http://{HOST}:{server.port}",
                    plan=plan,
                    password=data.DEMO_PASSWORD,
                    code=DEMO_CODE,
                    into=output,
                )
            finally:
                server.terminate()
        for path in saved:
            size = path.stat().st_size
            warning = " (over 300 KB)" if size > LARGEST_FILE else ""
            self.stdout.write(f"{path}  {size // 1024} KB{warning}")
        self.stdout.write(self.style.SUCCESS(f"Saved {len(saved)} screenshots in {output}."))
