"""Subscribe API clients to webhooks, on the server: the operator's tool (docs/webhooks.md).

webhooks subscribe --client 3 --url https://crm.example/marac-hooks --event action.assigned --event action.overdue
webhooks list [--client 3]
webhooks disable --subscription 7
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from marac.access.actor import Actor
from marac.api.models import ApiClient
from marac.webhooks import services
from marac.webhooks.models import Subscription, WebhookEvent

# Run on the server, the command acts as the system, not as a member of an agency.
SYSTEM = Actor(user=None, membership=None)


class Command(BaseCommand):
    help = "Subscribe API clients to webhook events, and list and disable their subscriptions."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        subscribe = commands.add_parser("subscribe", help="Subscribe a client (the signing secret is shown once).")
        subscribe.add_argument("--client", type=int, required=True, help="The API client's id.")
        subscribe.add_argument("--url", required=True, help="The https:// address deliveries are posted to.")
        subscribe.add_argument(
            "--event", action="append", required=True, choices=WebhookEvent.values, help="An event; repeat for more."
        )
        listing = commands.add_parser("list", help="List subscriptions (never their secrets).")
        listing.add_argument("--client", type=int, help="Only this client's.")
        disable = commands.add_parser("disable", help="Stop a subscription; its undelivered events are given up.")
        disable.add_argument("--subscription", type=int, required=True, help="The subscription's id.")

    def handle(self, *args, subcommand: str, **options) -> None:
        try:
            getattr(self, f"_{subcommand}")(**options)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None

    def _subscribe(self, *, client: int, url: str, event: list[str], **_) -> None:
        found = ApiClient.objects.select_related("membership__agency").filter(pk=client).first()
        if found is None:
            raise CommandError(f"No client {client}.")
        created = services.subscription_create(actor=SYSTEM, client=found, target_url=url, events=event)
        subscription = created.subscription
        self.stdout.write(
            f"Subscription {subscription.pk} for {found.name}: {', '.join(subscription.events)} to "
            f"{subscription.target_url}."
        )
        self.stdout.write("Give this signing secret to the receiver now: it cannot be shown again.")
        self.stdout.write(created.secret)

    def _list(self, *, client: int | None, **_) -> None:
        subscriptions = Subscription.objects.select_related("client__membership__agency").order_by("client__name", "pk")
        if client is not None:
            subscriptions = subscriptions.filter(client_id=client)
        for subscription in subscriptions:
            state = "active" if subscription.is_active else f"disabled {subscription.disabled_at:%Y-%m-%d %H:%M}"
            self.stdout.write(
                f"{subscription.pk}  {subscription.client}  {state}  {subscription.target_url}  "
                f"{' '.join(subscription.events)}"
            )

    def _disable(self, *, subscription: int, **_) -> None:
        found = Subscription.objects.select_related("client").filter(pk=subscription).first()
        if found is None:
            raise CommandError(f"No subscription {subscription}.")
        services.subscription_disable(actor=SYSTEM, subscription=found)
        self.stdout.write(f"Subscription {found.pk} disabled.")
