"""Load the demo locality: `python manage.py load_demo`, or `--reset` to rebuild it from scratch."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice

from marac.accounts.devices import secret_of
from marac.actions.catalogue import catalogue_seed_defaults
from marac.demo import builder, data


class Command(BaseCommand):
    help = "Build the fictional demo locality with its agencies, users, cases and meetings, and print the log-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the whole database, then build the demo again (development databases only).",
        )

    def handle(self, *args, reset: bool = False, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError("Refusing to load demo users with a published password when MARAC_ENV=production.")
        if reset:
            # Emptying everything, rather than deleting the demo's rows, keeps the audit chain whole:
            # a chain with events cut out of its middle would rightly fail `audit_verify`.
            call_command("flush", interactive=False, verbosity=0)
            catalogue_seed_defaults()
            self.stdout.write("Emptied the database.")
        elif builder.demo_locality() is not None:
            self.stdout.write("The demo locality already exists; nothing was changed. Use --reset to rebuild it.")
            self._print_logins()
            return
        try:
            counts = builder.demo_build()
        except builder.DemoConflict as conflict:
            raise CommandError(str(conflict)) from conflict
        summary = ", ".join(f"{number} {name.replace('_', ' ')}" for name, number in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Built the {data.LOCALITY_NAME} {data.MECHANISM_NAME}: {summary}."))
        self._print_logins()

    def _print_logins(self) -> None:
        logins = builder.demo_logins()
        secrets = {
            device.user.username: secret_of(device).replace(" ", "")
            for device in TOTPDevice.objects.filter(
                user__username__in=[login.username for login in logins], confirmed=True
            ).select_related("user")
        }
        width = max(len(login.username) for login in logins) + 2
        name_width = max(len(login.name) for login in logins) + 2
        secret_width = max((len(secret) for secret in secrets.values()), default=0) + 2
        self.stdout.write("")
        self.stdout.write(
            f"{'User name':<{width}}{'Name':<{name_width}}{'Authenticator key':<{secret_width}}Agency and role"
        )
        for login in logins:
            lines = [f"{agency} – {role}" for agency, role in login.memberships] or ["(no membership)"]
            secret = secrets.get(login.username, "")
            self.stdout.write(f"{login.username:<{width}}{login.name:<{name_width}}{secret:<{secret_width}}{lines[0]}")
            for line in lines[1:]:
                self.stdout.write(f"{'':<{width + name_width + secret_width}}{line}")
        self.stdout.write("")
        self.stdout.write(f"Every demo user's password: {data.DEMO_PASSWORD}")
        self.stdout.write(
            "Signing in then asks for a code: add the user's authenticator key to an authenticator app (time-based, "
            "6 digits, 30 seconds) and enter the code it shows."
        )
        if settings.MARAC_DEMO_OTP_CODE:
            self.stdout.write(f"This demo also accepts the code {settings.MARAC_DEMO_OTP_CODE} for every user.")
        else:
            self.stdout.write(
                "Or run the server with MARAC_DEMO_OTP_CODE=000000 (as `make demo` does) to accept that code instead."
            )
