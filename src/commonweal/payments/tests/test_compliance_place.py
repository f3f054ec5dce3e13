"""A place's public record: what was bought, from whom, for how long, its value and how promptly
each buyer paid; for everybody, never an invoice's details; the places inside it included.

Worked example, 1 April to 30 September 2026: Riverside Council paid the Quayside contract's
invoices in 10, 25, 31 and 40 days (2 of 4 within 30 days, 50.0%; 106 / 4 = 26.5 days).
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commonweal.agreements.models import Agreement
from commonweal.payments import compliance
from commonweal.payments import selectors_compliance as selectors
from commonweal.payments.tests.compliance_world import make_agreement, make_paid
from commonweal.payments.tests.fixtures_compliance import *  # noqa: F403
from commonweal.testing.factories import PublicBodyFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def bought(riverside, elsewhere, council, supplier, contract):
    for days in (10, 25, 31, 40):
        make_paid(contract, received=D(2026, 5, 1), days=days, amount="1000")
    make_agreement(
        riverside, council, supplier, title="Draft lunch club", status=Agreement.Status.DRAFT
    )
    make_agreement(
        riverside, council, supplier, title="Old day centre", status=Agreement.Status.ENDED
    )
    other_body = PublicBodyFactory(name="Elsewhere Council")
    other_body.places_served.add(elsewhere)
    make_agreement(elsewhere, other_body, supplier, title="Elsewhere meals")
    return contract


def test_each_buyer_with_the_share_within_30_days_and_the_average(riverside, council, bought):
    period = compliance.reporting_period(D(2026, 6, 1), "england")
    rows = selectors.place_payers(riverside, period, "england")
    assert [(row.name, row.figures.paid) for row in rows] == [("Riverside Council", 4)]
    assert rows[0].figures.share_within == Decimal("50.0")
    assert rows[0].figures.average_days == Decimal("26.5")


def test_the_page_lists_live_and_ended_agreements_inside_the_place_never_drafts_or_invoices(
    client, riverside, bought
):
    url = reverse("payments:place-record", kwargs={"slug": riverside.slug})
    page = client.get(url, {"period": "2026-06-01"})
    assert page.status_code == 200
    text = page.content.decode()
    for shown in (
        "Quayside housing support",  # in the ward, inside Riverside
        "Old day centre",
        "Harbour Housing",
        "Riverside Council",
        "50.0%",
        "26.5",
        "1 Apr 2025",
        "£120,000",
        "cw-chart",
    ):
        assert shown in text, shown
    for hidden in ("Draft lunch club", "Elsewhere meals", "INV-", "Services for the month"):
        assert hidden not in text, hidden


def test_an_empty_place_says_so_plainly(client, elsewhere):
    text = client.get(reverse("payments:place-record", kwargs={"slug": elsewhere.slug})).content
    assert b"No agreements in force or ended are recorded" in text
    assert b"No payments for agreements in Elsewhere are recorded for this period" in text


def test_an_unknown_place_is_not_found(client):
    assert (
        client.get(reverse("payments:place-record", kwargs={"slug": "nowhere"})).status_code == 404
    )


@pytest.mark.parametrize(
    "who",
    [
        None,
        "resident",
        "stranger",
        "self_made",
        "supplier_person",
        "other_staff",
        "staff",
        "back_office",
    ],
)
def test_everybody_may_see_it(request, client, sign_in, riverside, bought, who):
    if who:
        sign_in(request.getfixturevalue(who))
    page = client.get(reverse("payments:place-record", kwargs={"slug": riverside.slug}))
    assert page.status_code == 200
    assert b"INV-" not in page.content


@pytest.mark.parametrize("who", [None, "staff"])
def test_the_record_asks_as_often_for_30_agreements_as_for_3(
    request, client, sign_in, riverside, ward, council, supplier, who
):
    if who:
        sign_in(request.getfixturevalue(who))

    def build(count):
        for n in range(count):
            body = PublicBodyFactory(name=f"Body {n} {count}")
            agreement = make_agreement(ward if n % 2 else riverside, body, supplier, title=f"S{n}")
            make_paid(agreement, received=D(2026, 5, 1), days=n, amount="100")

    url = reverse("payments:place-record", kwargs={"slug": riverside.slug})
    build(3)
    few, _page = queries_for(client, url, {"period": "2026-06-01"})
    build(27)
    many, _page = queries_for(client, url, {"period": "2026-06-01"})
    no_growth(few, many, ceiling=20, what="a place's payment record")
