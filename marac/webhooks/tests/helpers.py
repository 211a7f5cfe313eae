"""Subscribed API clients, and a receiver that records what it is sent, for the webhook tests."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from marac.access.actor import Actor
from marac.agencies.models import Agency
from marac.api.tests.factories import registered_client
from marac.webhooks.services import CreatedSubscription, subscription_create

SYSTEM = Actor(user=None, membership=None)
RECEIVER_URL = "https://receiver.example/hooks"


def subscribed(agency: Agency, role: str, events: list[str], url: str = RECEIVER_URL) -> CreatedSubscription:
    client = registered_client(agency, role, name=f"{agency.name} {role} system")
    return subscription_create(actor=SYSTEM, client=client, target_url=url, events=events)


@dataclass
class Posted:
    url: str
    body: bytes
    headers: dict[str, str]


@dataclass
class FakeReceiver:
    """Answers each post with the next of `statuses` (the last one again once they run out), or raises `error`."""

    statuses: list[int] = field(default_factory=lambda: [200])
    error: Exception | None = None
    posted: list[Posted] = field(default_factory=list)

    def __call__(self, url: str, body: bytes, headers: Mapping[str, str], timeout: float) -> int:
        self.posted.append(Posted(url, body, dict(headers)))
        if self.error is not None:
            raise self.error
        return self.statuses[min(len(self.posted), len(self.statuses)) - 1]
