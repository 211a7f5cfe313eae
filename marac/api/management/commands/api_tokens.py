"""Register agencies' systems and manage their tokens, on the server: the operator's tool (docs/api.md).

api_tokens register --agency 12 --role referrer --name "Riverside Police records"
api_tokens issue --client 3 --scope referral.create --scope incident.record [--days 90]
api_tokens rotate --token 5f2a9c01d3e4 [--overlap-hours 24]
api_tokens revoke --token 5f2a9c01d3e4
api_tokens list [--client 3]
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from marac.access.actor import Actor
from marac.agencies.models import Agency, Role
from marac.api import services
from marac.api.models import ApiClient, ApiToken

# Run on the server, the command acts as the system, not as a member of an agency.
SYSTEM = Actor(user=None, membership=None)


class Command(BaseCommand):
    help = "Register API clients, and issue, rotate, revoke and list their tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        register = commands.add_parser("register", help="Register an agency's system as an API client.")
        register.add_argument("--agency", type=int, required=True, help="The agency's id.")
        register.add_argument("--role", required=True, choices=Role.values, help="The role it acts in.")
        register.add_argument("--name", required=True, help="The system's name.")
        issue = commands.add_parser("issue", help="Issue a token (its secret is shown once).")
        issue.add_argument("--client", type=int, required=True, help="The client's id.")
        issue.add_argument("--scope", action="append", required=True, help="A permission; repeat for more.")
        issue.add_argument("--days", type=int, help="Days until it expires (the site's default if omitted).")
        rotate = commands.add_parser("rotate", help="Replace a token; the old one works for the overlap only.")
        rotate.add_argument("--token", required=True, help="The token's prefix.")
        rotate.add_argument("--overlap-hours", type=int, help="Hours the old token keeps working.")
        revoke = commands.add_parser("revoke", help="Refuse a token from now on.")
        revoke.add_argument("--token", required=True, help="The token's prefix.")
        listing = commands.add_parser("list", help="List clients' tokens (never their secrets).")
        listing.add_argument("--client", type=int, help="Only this client's.")

    def handle(self, *args, subcommand: str, **options) -> None:
        try:
            getattr(self, f"_{subcommand}")(**options)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None

    def _register(self, *, agency: int, role: str, name: str, **_) -> None:
        found = Agency.objects.filter(pk=agency).first()
        if found is None:
            raise CommandError(f"No agency {agency}.")
        client = services.api_client_create(actor=SYSTEM, agency=found, name=name, role=role)
        self.stdout.write(f"Registered client {client.pk}: {client}")

    def _issue(self, *, client: int, scope: list[str], days: int | None, **_) -> None:
        found = ApiClient.objects.select_related("membership").filter(pk=client).first()
        if found is None:
            raise CommandError(f"No client {client}.")
        lifetime = dt.timedelta(days=days) if days is not None else None
        issued = services.api_token_issue(actor=SYSTEM, client=found, scopes=scope, lifetime=lifetime)
        self._show(issued)

    def _rotate(self, *, token: str, overlap_hours: int | None, **_) -> None:
        overlap = dt.timedelta(hours=overlap_hours) if overlap_hours is not None else None
        old = self._token(token)
        issued = services.api_token_rotate(actor=SYSTEM, token=old, overlap=overlap)
        self.stdout.write(f"Token {old.prefix} now expires at {old.expires_at:%Y-%m-%d %H:%M %Z}.")
        self._show(issued)

    def _revoke(self, *, token: str, **_) -> None:
        revoked = services.api_token_revoke(actor=SYSTEM, token=self._token(token))
        self.stdout.write(f"Token {revoked.prefix} revoked.")

    def _list(self, *, client: int | None, **_) -> None:
        tokens = ApiToken.objects.select_related("client__membership__agency").order_by("client__name", "-created_at")
        if client is not None:
            tokens = tokens.filter(client_id=client)
        for token in tokens:
            state = "revoked" if token.revoked_at else f"expires {token.expires_at:%Y-%m-%d %H:%M}"
            self.stdout.write(f"{token.prefix}  {token.client}  {state}  {' '.join(token.scopes)}")

    def _token(self, prefix: str) -> ApiToken:
        token = ApiToken.objects.select_related("client__membership").filter(prefix=prefix).first()
        if token is None:
            raise CommandError(f"No token {prefix}.")
        return token

    def _show(self, issued: services.IssuedToken) -> None:
        token = issued.token
        self.stdout.write(
            f"Token {token.prefix} for {token.client.name}, expires {token.expires_at:%Y-%m-%d %H:%M %Z}."
        )
        self.stdout.write("Give this to the system now: it is not stored and cannot be shown again.")
        self.stdout.write(issued.text)
