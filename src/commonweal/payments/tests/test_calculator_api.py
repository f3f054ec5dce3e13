"""GET /api/late-payment/: the calculator for programs, for anyone, with or without a token. The
same answer as `commonweal late-payment --json`; each mistake a 400 naming its field."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commonweal.core.api.throttling import AnonRateThrottle
from commonweal.payments.api_calculator import LatePaymentView

pytestmark = pytest.mark.django_db

URL = "/api/late-payment/"
EXAMPLE = {"amount": "12000", "due": "2025-01-31", "paid": "2025-03-17"}


@pytest.mark.parametrize(
    "who", [None, "resident", "stranger", "staff", "other_staff", "back_office"]
)
def test_anyone_gets_the_worked_example(who, request, api, token_for):
    """£12,000 due 31 January 2025, paid 17 March 2025: worked by hand in test_late_payment.py."""
    token = token_for(request.getfixturevalue(who)) if who else None
    response = api.get(URL, EXAMPLE, token=token)
    assert response.status_code == 200
    answer = response.json()
    assert {key: value for key, value in answer.items() if key != "sources"} == {
        "amount": "12000.00",
        "due": "2025-01-31",
        "paid": "2025-03-17",
        "days_late": 45,
        "reference_rate": "4.75",
        "reference_rate_date": "2024-12-31",
        "statutory_rate": "12.75",
        "interest": "188.63",
        "compensation": "100.00",
        "total": "12288.63",
    }
    assert len(answer["sources"]) == 3
    assert all(source["rule"] and source["source"] for source in answer["sources"])


def test_the_band_edge_below_a_thousand_pounds(api):
    """£999.99 for 45 days at 12.75%: £15.72 interest, £40 (less than £1,000), £1,055.71."""
    answer = api.get(URL, {**EXAMPLE, "amount": "999.99"}).json()
    assert (answer["interest"], answer["compensation"], answer["total"]) == (
        "15.72",
        "40.00",
        "1055.71",
    )


def test_without_paid_it_works_out_what_is_owed_today(api):
    today = timezone.localdate()
    due = today - timedelta(days=20)
    answer = api.get(URL, {"amount": "500", "due": due.isoformat()}).json()
    assert answer["paid"] == today.isoformat()
    assert answer["days_late"] == 20


def test_nothing_sent_names_both_things_needed(api):
    response = api.get(URL)
    assert response.status_code == 400
    assert response.json() == {
        "amount": ["Say how much the invoice was for."],
        "due": ["Say when payment was due."],
    }


@pytest.mark.parametrize(
    ("given", "field", "words"),
    [
        ({"amount": "-1"}, "amount", "cannot be negative"),
        ({"amount": "0"}, "amount", "more than £0"),
        ({"amount": "12.345"}, "amount", "at most 2 numbers after the point"),
        ({"amount": "1" * 20}, "amount", "at most 2 numbers after the point"),
        ({"amount": "NaN"}, "amount", "Enter the amount in pounds"),
        ({"amount": "a lot"}, "amount", "Enter the amount in pounds"),
        ({"due": "31/01/2025"}, "due", "YYYY-MM-DD"),
        ({"paid": "2025-02-30"}, "paid", "YYYY-MM-DD"),
        ({"paid": "2025-01-31"}, "paid", "the day it fell due, is on time"),
        ({"paid": "2025-01-01"}, "paid", "before it fell due on 31 January 2025"),
        ({"due": "2001-01-31", "paid": "2001-03-01"}, "due", "holds no rule in force"),
    ],
)
def test_each_mistake_is_a_400_naming_its_field(api, given, field, words):
    response = api.get(URL, {**EXAMPLE, **given})
    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    assert words in errors[field][0]


def test_asked_before_it_is_due_without_paid_it_is_not_late_yet(api):
    due = timezone.localdate() + timedelta(days=1)
    response = api.get(URL, {"amount": "500", "due": due.isoformat()})
    assert response.status_code == 400
    assert response.json()["due"][0].startswith("It is not late yet")


def test_it_only_reads(api):
    assert api.post(URL, EXAMPLE).status_code == 405


def test_anonymous_callers_are_throttled_as_on_every_public_endpoint():
    assert AnonRateThrottle in LatePaymentView.throttle_classes


def test_the_document_describes_the_endpoint_and_its_parameters(client):
    operation = client.get("/api/openapi.json").json()["paths"][URL]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert set(parameters) == {"amount", "due", "paid"}
    assert parameters["amount"]["required"] and parameters["due"]["required"]
    assert not parameters["paid"].get("required", False)
    assert all(parameter.get("description") for parameter in parameters.values())
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer["$ref"].endswith("/LatePayment")
    assert {"400", "429"} <= set(operation["responses"])
    assert "security" not in operation or {} in operation["security"]
