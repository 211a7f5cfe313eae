"""Schemathesis against the served schema, in-process: no server error, and every answer as the schema says.

Bounded for CI: a fixed number of examples per operation, derandomised, so the run is the same every time and takes
seconds. It calls as a coordinator's system, which may use every operation but research, over the world's case;
research as housing's system, invited to the world's upcoming meeting. An operation on one record is called on the
world's own (a random id would only ever find nothing).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from marac.access.tests.world import World, build_world
from marac.agencies.models import Role
from marac.api.tests.factories import issued_token, registered_client
from marac.audit.models import AuditEvent
from marac.incidents.imports.tests.factories import finished_import

# 19 operations: about a second each.
EXAMPLES_PER_OPERATION = 10
SCOPES = [
    "action.list",
    "action.update",
    "case.list",
    "incident.import",
    "incident.list",
    "incident.record",
    "meeting.list",
    "person.subject_access",
    "referral.create",
]
RESEARCHER_SCOPES = ["meeting.list", "research.submit"]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _record_id(path: str, world: World) -> int:
    records = (
        ("/cases/", world.case),
        ("/actions/", world.action),
        ("/referrals/", world.referral),
        ("/meetings/items/", world.upcoming_item),
        ("/meetings/", world.upcoming_meeting),
        ("/incidents/imports/", finished_import(agency=world.referral.referring_agency)),
    )
    for prefix, record in records:
        if prefix in path:
            return record.pk
    raise AssertionError(f"No record of the world for {path}")


@pytest.fixture
def _connection_kept_open():
    """The WSGI handler closes the database connection after each request, which would end the test's transaction
    (on PostgreSQL); Django's own test client keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("_connection_kept_open")
def test_the_api_keeps_to_its_schema(locale):
    world = build_world(locale)
    token = issued_token(registered_client(locale.idva_service, Role.COORDINATOR), SCOPES).text
    researcher = issued_token(registered_client(locale.housing, Role.AGENCY_REP), RESEARCHER_SCOPES).text
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application(), headers=headers)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 19
    failures = []
    for operation in operations:
        path_parameters = {"id": _record_id(operation.path, world)} if "{id}" in operation.path else None

        @given(case=operation.as_strategy(path_parameters=path_parameters))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_to_the_schema(case):
            caller = researcher if case.operation.path.endswith("/research/") else token
            case.call_and_validate(headers={"Authorization": f"Bearer {caller}"}, checks=CHECKS)

        try:
            keeps_to_the_schema()
        except Exception as failure:
            failures.append(f"{operation.label}: {failure}")
    if failures:
        pytest.fail("\n\n".join(failures))
    # The run reached the services, not only the refusals: records were read, and some were created.
    calls = AuditEvent.objects.filter(detail__api_call=True)
    answered = {(event.detail["method"], event.detail["status"]) for event in calls}
    assert {("GET", 200), ("POST", 201), ("POST", 400)} <= answered, answered
    research = f"/api/v1/meetings/items/{world.upcoming_item.pk}/research/"
    agenda = f"/api/v1/meetings/{world.upcoming_meeting.pk}/agenda/"
    reached = {(event.detail["method"], event.detail["path"], event.detail["status"]) for event in calls}
    assert {("GET", agenda, 200), ("GET", research, 200), ("POST", research, 200)} <= reached
