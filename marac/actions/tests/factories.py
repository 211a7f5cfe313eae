"""Factories for actions."""

import datetime as dt

import factory
from django.utils import timezone

from marac.actions.models import Action, ActionStatus
from marac.testing.factories import CaseFactory, UserFactory


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    case = factory.SubFactory(CaseFactory)
    owner_agency = None
    text = factory.Sequence(lambda n: f"Synthetic action {n}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    status = ActionStatus.OPEN
    created_by = factory.SubFactory(UserFactory)
    created_at = factory.LazyFunction(timezone.now)
