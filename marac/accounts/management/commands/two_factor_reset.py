"""`python manage.py two_factor_reset USERNAME`: for someone who lost both their phone and their backup codes."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from marac.access.actor import Actor
from marac.accounts import services


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and backup codes, so that they set up a new app the next time they "
        "sign in. Check who is asking first: whoever signs in with that password next sets the new app up."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        model = get_user_model()
        user = model.objects.filter(**{model.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        removed = services.two_factor_reset(actor=Actor(user=None, membership=None), user=user)
        self.stdout.write(
            f"Removed {removed} second-step device{'s' if removed != 1 else ''} of {username}: "
            "they set up an authenticator app again at their next sign-in."
        )
