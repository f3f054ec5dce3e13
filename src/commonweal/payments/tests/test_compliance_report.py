"""A payer's payments compliance report: the figures against a worked example by hand, who may see
it, its CSV, and its query budget.

The worked example, Riverside Council, the reporting period 1 April to 30 September 2026 (England:
the duty began on 1 January 2026), every invoice due 30 days after it was received:

- "Quayside housing support" (Harbour Housing): paid in 10 days (£1,000, an SME), 25 days (£2,000,
  an SME), 31 days (£3,000, a VCSE) and 40 days (£40,000, a VCSE, paid 11 July): 2 of 4 within 30
  days, 50.0%; (10 + 25 + 31 + 40) / 4 = 26.5 days on average; 2 paid after their due day.
- "Day centre" (Dock Street Trust): paid in 20 days (£30,000.00, an SME) and 5 days (£30,000.01, a
  large organisation, paid 6 April): 100.0%, (20 + 5) / 2 = 12.5 days.
- Not counted: one paid in March 2026 (the period before), one paid in October (the period after),
  one paid by Elsewhere's council, one never paid.

All six: 4 within day 1 to 30 (66.7%), 2 within day 31 to 60 (33.3%), none later (0.0%);
131 / 6 = 21.83 days, 21.8; £106,000.01 paid. By kind: SMEs 10, 25, 20 days: 3, 100.0%, 55 / 3 =
18.3 days; VCSEs 31, 40: 0.0%, 35.5 days; large 5 days: 100.0%, 5.0 days.
Fell due in the period: the six (due 1 May, 31 May twice, 1 July twice... all before 30 September),
the unpaid one (due 14 September) and the one paid in October (due 19 September): 8; not paid
within the period: 2, 25.0%.
More than £30,000: £30,000.01 on 6 April (quarter 1 April to 30 June) and £40,000 on 11 July
(quarter 1 July to 30 September); £30,000.00 is not more than £30,000.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.organisations.models import Organisation
from commonweal.payments import compliance
from commonweal.payments import selectors_compliance as selectors
from commonweal.payments.models import ProviderKind
from commonweal.payments.tests.compliance_world import make_agreement, make_paid, make_unpaid
from commonweal.payments.tests.fixtures_compliance import *  # noqa: F403
from commonweal.testing.factories import (
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
)
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

D = datetime.date
IN_PERIOD = D(2026, 6, 15)


@pytest.fixture
def paid_world(riverside, ward, council, supplier, contract, elsewhere):
    trust = OrganisationFactory(name="Dock Street Trust", legal_form=Organisation.LegalForm.CHARITY)
    day_centre = make_agreement(riverside, council, trust, title="Day centre", value="500000")
    make_paid(contract, received=D(2026, 5, 1), days=10, amount="1000", kind=ProviderKind.SME)
    make_paid(contract, received=D(2026, 5, 1), days=25, amount="2000", kind=ProviderKind.SME)
    make_paid(contract, received=D(2026, 6, 1), days=31, amount="3000", kind=ProviderKind.VCSE)
    make_paid(contract, received=D(2026, 6, 1), days=40, amount="40000", kind=ProviderKind.VCSE)
    make_paid(day_centre, received=D(2026, 4, 1), days=20, amount="30000.00", kind=ProviderKind.SME)
    make_paid(
        day_centre, received=D(2026, 4, 1), days=5, amount="30000.01", kind=ProviderKind.LARGE
    )
    # Not counted in the period.
    make_paid(contract, received=D(2026, 3, 1), days=20, amount="5000")
    make_paid(contract, received=D(2026, 8, 20), days=45, amount="7000")
    make_unpaid(contract, received=D(2026, 8, 15))
    other_body = PublicBodyFactory(name="Elsewhere Council")
    other_body.places_served.add(elsewhere)
    theirs = make_agreement(elsewhere, other_body, supplier, title="Elsewhere meals")
    make_paid(theirs, received=D(2026, 5, 1), days=90, amount="900")
    return {"contract": contract, "day_centre": day_centre}


def _report(council, day=IN_PERIOD):
    period, jurisdiction = selectors.report_period(day, council)
    return selectors.compliance_report(council, period, jurisdiction)


def test_the_report_for_april_to_september_2026_matches_the_worked_example(council, paid_world):
    made = _report(council)
    assert (made.period.starts, made.period.ends, made.period.statutory) == (
        D(2026, 4, 1),
        D(2026, 9, 30),
        True,
    )
    assert made.period.publish_by == D(2026, 10, 29)
    total = made.total
    assert (total.paid, total.within, total.middle, total.later) == (6, 4, 2, 0)
    assert total.share_within == Decimal("66.7")
    assert total.share_middle == Decimal("33.3")
    assert total.share_later == Decimal("0.0")
    assert total.average_days == Decimal("21.8")
    assert total.amount == Decimal("106000.01")
    assert total.late == 2
    kinds = {row.kind: row.figures for row in made.by_kind}
    assert (kinds["sme"].paid, kinds["sme"].share_within, kinds["sme"].average_days) == (
        3,
        Decimal("100.0"),
        Decimal("18.3"),
    )
    assert (kinds["vcse"].paid, kinds["vcse"].share_within, kinds["vcse"].average_days) == (
        2,
        Decimal("0.0"),
        Decimal("35.5"),
    )
    assert (kinds["large"].paid, kinds["large"].average_days) == (1, Decimal("5.0"))
    assert (made.fell_due, made.unpaid_in_period, made.share_unpaid) == (8, 2, Decimal("25.0"))


def test_per_agreement_the_most_paid_first_with_the_four_invoice_example(council, paid_world):
    rows = selectors.agreement_rows(_report(council).by_agreement)
    assert [row["agreement__title"] for row in rows] == ["Day centre", "Quayside housing support"]
    day_centre, housing = (row["figures"] for row in rows)
    assert (day_centre.paid, day_centre.share_within, day_centre.average_days) == (
        2,
        Decimal("100.0"),
        Decimal("12.5"),
    )
    assert (housing.paid, housing.share_within, housing.average_days) == (
        4,
        Decimal("50.0"),
        Decimal("26.5"),
    )
    assert housing.amount == Decimal("46000")


def test_payments_of_more_than_30000_are_listed_by_quarter(council, paid_world):
    made = _report(council)
    assert made.threshold == Decimal("30000")
    listed = [(p["paid_on"], p["paid_amount"]) for p in made.large_payments]
    assert listed == [(D(2026, 4, 6), Decimal("30000.01")), (D(2026, 7, 11), Decimal("40000"))]
    assert [(q.quarter.starts, q.quarter.ends, q.payments, q.amount) for q in made.quarters] == [
        (D(2026, 4, 1), D(2026, 6, 30), 1, Decimal("30000.01")),
        (D(2026, 7, 1), D(2026, 9, 30), 1, Decimal("40000")),
    ]


def test_a_period_with_no_payments_has_no_shares_rather_than_zeros(council, paid_world):
    made = _report(council, D(2027, 6, 1))
    assert made.total == compliance.NO_FIGURES
    assert made.total.share_within is None and made.fell_due == 0


def test_the_page_shows_the_figures_and_charts(client, sign_in, staff, council, paid_world):
    sign_in(staff)
    url = reverse("payments:compliance", kwargs={"slug": council.slug})
    page = client.get(url, {"period": "2026-06-15"})
    assert page.status_code == 200
    text = page.content.decode()
    for shown in ("66.7%", "21.8", "50.0%", "26.5", "Day centre", "cw-chart", "29 October 2026"):
        assert shown in text, shown
    # Another period through the links: the one before has the March payment only.
    earlier = client.get(url, {"period": "2026-01-01"}).content.decode()
    assert "1 January 2026" in earlier and "31 March 2026" in earlier


def test_a_wrong_period_shows_todays_period_rather_than_an_error(client, sign_in, staff, council):
    sign_in(staff)
    url = reverse("payments:compliance", kwargs={"slug": council.slug})
    for wrong in ("yesterday", "2026-02-30", "0001-01-01", "9999-12-31"):
        assert client.get(url, {"period": wrong}).status_code == 200


def test_the_csv_has_every_figure_and_escapes_what_a_spreadsheet_would_run(
    client, sign_in, staff, council, paid_world
):
    paid_world["contract"].title = '=HYPERLINK("http://bad")'
    paid_world["contract"].save()
    sign_in(staff)
    url = reverse("payments:compliance-csv", kwargs={"slug": council.slug})
    response = client.get(url, {"period": "2026-06-15"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"payments-{council.slug}-2026-04-01.csv" in response["Content-Disposition"]
    text = response.content.decode()
    assert "All payments,Riverside Council,6,4,2,0,66.7,33.3,0.0,21.8,2,106000.01" in text
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    assert "2026-04-01,2026-04-06,30000.01,Day centre,Dock Street Trust" in text


# Who may see it.


@pytest.mark.parametrize("name", ["compliance", "compliance-csv"])
def test_anonymous_people_are_asked_to_sign_in(client, council, name):
    response = client.get(reverse(f"payments:{name}", kwargs={"slug": council.slug}))
    assert response.status_code == 302 and "/account/" in response["Location"]


@pytest.mark.parametrize("name", ["compliance", "compliance-csv"])
@pytest.mark.parametrize(
    "who", ["resident", "stranger", "self_made", "supplier_person", "other_staff"]
)
def test_others_may_not_see_a_payers_report(request, client, sign_in, council, name, who):
    sign_in(request.getfixturevalue(who))
    response = client.get(reverse(f"payments:{name}", kwargs={"slug": council.slug}))
    assert response.status_code == 403
    assert "Riverside Council" not in response.content.decode()


@pytest.mark.parametrize("name", ["compliance", "compliance-csv"])
@pytest.mark.parametrize("who", ["staff", "finance_officer", "back_office"])
def test_the_payers_staff_and_the_back_office_see_it_any_time(
    request, client, sign_in, council, paid_world, name, who
):
    sign_in(request.getfixturevalue(who))
    url = reverse(f"payments:{name}", kwargs={"slug": council.slug})
    assert client.get(url).status_code == 200
    assert client.get(url, {"period": "2026-05-01"}).status_code == 200


def test_staff_of_an_unverified_body_may_not_see_its_report(client, sign_in):
    from commonweal.testing.factories import UnverifiedPublicBodyFactory

    body = UnverifiedPublicBodyFactory(name="Unchecked Council")
    person = UserFactory(full_name="Una Unchecked")
    RoleFactory(user=person, organisation=body, role=Role.COMMISSIONER)
    sign_in(person)
    assert client.get(reverse("payments:compliance", kwargs={"slug": body.slug})).status_code == 403


def test_an_unknown_payer_is_not_found(client, sign_in, back_office):
    sign_in(back_office)
    assert client.get(reverse("payments:compliance", kwargs={"slug": "nobody"})).status_code == 404


def test_the_report_asks_as_often_for_30_agreements_as_for_3(
    client, sign_in, staff, council, ward, supplier
):
    def build(count):
        for n in range(count):
            agreement = make_agreement(ward, council, supplier, title=f"Service {n}")
            make_paid(agreement, received=D(2026, 5, 1), days=10 + n, amount="31000")
            make_paid(agreement, received=D(2026, 8, 1), days=40, amount="500")

    sign_in(staff)
    url = reverse("payments:compliance", kwargs={"slug": council.slug})
    build(3)
    few, _page = queries_for(client, url, {"period": "2026-06-01"})
    build(27)
    many, page = queries_for(client, url, {"period": "2026-06-01"})
    no_growth(few, many, ceiling=25, what="the compliance report")
    assert "Service 29" in page.content.decode() or "Pages of agreements" in page.content.decode()
    few_csv, _ = queries_for(
        client, reverse("payments:compliance-csv", kwargs={"slug": council.slug})
    )
    build(10)
    many_csv, _ = queries_for(
        client, reverse("payments:compliance-csv", kwargs={"slug": council.slug})
    )
    no_growth(few_csv, many_csv, ceiling=25, what="the compliance CSV")
