"""The payment performance API: a payer's report (its staff and the back office only), its
agreements and payments over the threshold a page at a time, and a place's public record. The
figures are the worked example of test_compliance_report.py, reduced: the Quayside contract's
invoices paid in 10, 25, 31 and 40 days (50.0% within 30 days, 26.5 days on average), the last
£40,000 on 11 July 2026."""

import datetime

import pytest

from commonweal.payments.models import ProviderKind
from commonweal.payments.tests.compliance_world import make_paid
from commonweal.payments.tests.fixtures_compliance import *  # noqa: F403

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def paid(contract):
    make_paid(contract, received=D(2026, 5, 1), days=10, kind=ProviderKind.SME)
    make_paid(contract, received=D(2026, 5, 1), days=25, kind=ProviderKind.SME)
    make_paid(contract, received=D(2026, 6, 1), days=31, kind=ProviderKind.VCSE)
    make_paid(contract, received=D(2026, 6, 1), days=40, amount="40000", kind=ProviderKind.VCSE)
    return contract


def _report_urls(council):
    base = f"/api/organisations/{council.slug}/payment-compliance/"
    return [base, base + "agreements/", base + "large-payments/"]


def test_the_report_for_its_staff(api, token_for, staff, council, paid):
    token = token_for(staff)
    report = api.get(_report_urls(council)[0], {"period": "2026-06-15"}, token=token)
    assert report.status_code == 200, report.content
    data = report.json()
    assert data["period"] == {
        "starts": "2026-04-01",
        "ends": "2026-09-30",
        "statutory": True,
        "publish_by": "2026-10-29",
    }
    assert data["total"]["payments"] == 4
    assert data["total"]["share_within_first_band"] == "50.0"
    assert data["total"]["average_days"] == "26.5"
    assert data["total"]["paid_after_due"] == 2
    kinds = {row["kind"]: row["figures"] for row in data["by_provider_kind"]}
    assert kinds["sme"]["average_days"] == "17.5" and kinds["vcse"]["average_days"] == "35.5"
    assert [q["payments"] for q in data["quarters"]] == [0, 1]
    agreements = api.get(_report_urls(council)[1], {"period": "2026-06-15"}, token=token).json()
    assert agreements["count"] == 1
    assert agreements["results"][0]["figures"]["share_within_first_band"] == "50.0"
    large = api.get(_report_urls(council)[2], {"period": "2026-06-15"}, token=token).json()
    assert [(p["paid_on"], p["amount"]) for p in large["results"]] == [("2026-07-11", "40000.00")]


def test_a_bad_period_is_a_400_naming_it(api, token_for, staff, council):
    for url in _report_urls(council):
        answer = api.get(url, {"period": "soon"}, token=token_for(staff))
        assert answer.status_code == 400 and "period" in answer.json()
        assert api.get(url, {"period": "3000-01-01"}, token=token_for(staff)).status_code == 400


def test_anonymous_callers_must_sign_in(api, council):
    for url in _report_urls(council):
        assert api.get(url).status_code == 401


@pytest.mark.parametrize(
    "who", ["resident", "stranger", "self_made", "supplier_person", "other_staff"]
)
def test_others_may_not_read_a_payers_report(request, api, token_for, council, paid, who):
    token = token_for(request.getfixturevalue(who))
    for url in _report_urls(council):
        answer = api.get(url, token=token)
        assert answer.status_code == 403
        assert "Quayside" not in answer.content.decode()


@pytest.mark.parametrize("who", ["staff", "finance_officer", "back_office"])
def test_the_payers_staff_and_the_back_office_may(request, api, token_for, council, paid, who):
    token = token_for(request.getfixturevalue(who))
    for url in _report_urls(council):
        assert api.get(url, token=token).status_code == 200


def test_an_unknown_organisation_is_a_404(api, token_for, back_office):
    answer = api.get("/api/organisations/nobody/payment-compliance/", token=token_for(back_office))
    assert answer.status_code == 404


@pytest.mark.parametrize("who", [None, "resident", "stranger", "supplier_person", "staff"])
def test_a_places_record_is_public_and_never_lists_invoices(
    request, api, token_for, riverside, paid, who
):
    token = token_for(request.getfixturevalue(who)) if who else None
    record = api.get(
        f"/api/places/{riverside.slug}/payment-record/", {"period": "2026-06-15"}, token=token
    )
    assert record.status_code == 200
    payers = record.json()["payers"]
    assert [(p["name"], p["figures"]["share_within_first_band"]) for p in payers] == [
        ("Riverside Council", "50.0")
    ]
    bought = api.get(f"/api/places/{riverside.slug}/payment-record/agreements/", token=token)
    assert bought.status_code == 200
    row = bought.json()["results"][0]
    assert (row["title"], row["provider"], row["starts_on"], row["value"]) == (
        "Quayside housing support",
        "Harbour Housing",
        "2025-04-01",
        "120000.00",
    )
    assert row["figures"]["average_days"] == "26.5"
    assert "INV-" not in bought.content.decode() + record.content.decode()


def test_an_unknown_place_is_a_404(api):
    assert api.get("/api/places/nowhere/payment-record/").status_code == 404
    assert api.get("/api/places/nowhere/payment-record/agreements/").status_code == 404
