"""Fuzz every operation of the API from its own OpenAPI document (schemathesis).

Anonymous and with the tokens of several roles, with data that fits the document and data that does
not: no answer is a server error, and every answer is one the document lists, in the shape it gives.
Bounded and derandomised, so it runs the same way every time and quickly.
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from commonweal.api.tests.fuzz_world import build_world
from commonweal.accounts.tokens import api_token_create
from commonweal.testing.place_world import council, riverside, staff, ward  # noqa: F401

pytestmark = pytest.mark.django_db

# A fuller run by hand: FUZZ_EXAMPLES=200 .venv/bin/python -m pytest src/commonweal/api/tests/test_fuzz.py
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]


def _fuzz(operation, mode, headers, failures):
    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None, print_blob=False,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as failure:  # collect them all, to fix them all
            failures.append(f"{operation.label} [{mode}]: {str(failure)[:2500]}")

    try:
        run()
    except Unsatisfiable:
        # Nothing in this operation can be made to break its schema (a free-text path part, say).
        assert mode == schemathesis.GenerationMode.NEGATIVE, operation.label


@pytest.mark.parametrize("who", ["anonymous", "commissioner", "resident", "provider", "self_made"])
def test_no_operation_gives_a_server_error_or_breaks_its_schema(who, riverside, ward, council, staff):
    world = build_world(riverside=riverside, ward=ward, council=council, staff=staff)
    headers = {}
    if who != "anonymous":
        _token, key = api_token_create(user=world.people[who], name="Fuzzing")
        headers = {"Authorization": f"Bearer {key}"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    for operation in operations:
        raw = operation.definition.raw
        negatable = raw.get("parameters") or raw.get("requestBody")
        for mode in MODES if negatable else MODES[:1]:
            _fuzz(operation, mode, headers, failures)
    assert not failures, "\n\n".join(dict.fromkeys(failures))
