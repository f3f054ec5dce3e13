"""Fuzz every operation of the API from its own OpenAPI document (schemathesis).

Anonymous and with the tokens of several roles, with data that fits the document and data that does
not, at made-up records and at real ones (so changes reach the services behind them): no answer is a
server error, and every answer is one the document lists, in the shape it gives. Bounded and
derandomised, so it runs the same way every time and quickly.

A longer run by hand (more examples for each operation, role and kind of data):
    FUZZ_EXAMPLES=40 .venv/bin/python -m pytest -s src/commonweal/api/tests/test_fuzz.py
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from commonweal.accounts.tokens import api_token_create
from commonweal.api.tests.fuzz_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def app():
    """Django's WSGI application, keeping the test's database connection open between requests.

    Each request through a real WSGI handler ends by closing the connection (close_old_connections);
    inside a test's transaction on PostgreSQL that loses the test's data. Django's test client
    disconnects the same signal handlers while it makes a request.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
POSITIVE, NEGATIVE = schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE


class Fuzzer:
    def __init__(self, headers: dict):
        self.headers = headers
        self.failures: list[str] = []
        self.requests = 0
        self.statuses: set[tuple[str, int]] = set()

    def fuzz(self, operation, mode, path_parameters=None, body_values=None):
        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            print_blob=False,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
        def run(case):
            if body_values and isinstance(case.body, dict):
                # Real places and themes where the body names them, so some changes are made, not refused.
                case.body.update(
                    {key: value for key, value in body_values.items() if key in case.body}
                )
            response = case.call(headers=self.headers)
            self.requests += 1
            self.statuses.add((operation.label, response.status_code))
            try:
                case.validate_response(response, checks=CHECKS, headers=self.headers)
            except FailureGroup as failure:  # collect them all, to fix them all
                self.failures.append(f"{operation.label} [{mode}]: {str(failure)[:2500]}")

        try:
            run()
        except Unsatisfiable:
            # Nothing left in this operation can be made to break its schema (only a free-text path part, say).
            assert mode == NEGATIVE, operation.label


@pytest.mark.parametrize("who", ["anonymous", "commissioner", "resident", "provider", "self_made"])
def test_no_operation_gives_a_server_error_or_breaks_its_schema(
    who, app, riverside, ward, council, staff
):
    world = build_world(riverside=riverside, ward=ward, council=council, staff=staff)
    headers = {}
    if who != "anonymous":
        _token, key = api_token_create(user=world.people[who], name="Fuzzing")
        headers = {"Authorization": f"Bearer {key}"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    fuzzer = Fuzzer(headers)
    for operation in operations:
        raw = operation.definition.raw
        fuzzer.fuzz(operation, POSITIVE)
        if raw.get("parameters") or raw.get("requestBody"):
            fuzzer.fuzz(operation, NEGATIVE)
        real = world.path_parameters(operation.path, who)
        # Again at a real record, with real names in the body, to reach them.
        if real or raw.get("requestBody"):
            fuzzer.fuzz(operation, POSITIVE, real, world.body_values)
            if raw.get("requestBody") or any(p["in"] == "query" for p in raw.get("parameters", [])):
                fuzzer.fuzz(operation, NEGATIVE, real, world.body_values)
    print(
        f"\n{who}: {len(operations)} operations, {fuzzer.requests} requests, answers: "
        f"{sorted({status for _label, status in fuzzer.statuses})}"
    )
    if os.environ.get("FUZZ_SHOW"):
        for label, status in sorted(fuzzer.statuses):
            print(" ", label, status)
    assert not fuzzer.failures, "\n\n".join(dict.fromkeys(fuzzer.failures))
    # Real records were reached: each one's page was read at least once.
    reached = {label for label, status in fuzzer.statuses if status == 200}
    assert {
        "GET /api/needs/{id}/",
        "GET /api/budgets/{id}/",
        "GET /api/budgets/{id}/results/",
        "GET /api/panels/{id}/",
        "GET /api/panels/{id}/pool/",
        "GET /api/organisations/{slug}/",
    } <= reached
