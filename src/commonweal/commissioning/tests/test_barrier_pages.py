"""The barrier check page: who may see it and who may set the requirements; each flag naming the
local providers it would shut out, and going away when the requirement is fixed; bad input
refused with nothing saved; a form sent back unchanged changing nothing; the same work for 3
providers as for 30.

The plan (conftest.py) has £1,200,000 over 60 months: £240,000 a year, and it starts its
procurement on 1 March 2027, under the Procurement Act 2023. Its providers have yearly turnovers
of £180,000 (Harbour Housing Co-op), £900,000 (Riverside Recovery) and £90m (Nationwide Care plc).
"""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.commissioning import services_design
from commonweal.commissioning.models import Lot, Requirements
from commonweal.commissioning.tests.pages import text_of
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import OrganisationFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

CALLERS = ["anonymous", "resident", "stranger", "other_staff", "self_made", "staff", "back_office"]
MANAGERS = {"staff", "back_office"}

# A turnover test over four times a year of the work, price weighing most of the score and
# social value under England's 10% minimum.
HARSH = {
    "minimum_turnover": "£1,000,000",
    "public_liability": "",
    "employers_liability": "",
    "professional_indemnity": "",
    "accreditations": "",
    "experience_years": "",
    "mobilisation_days": "",
    "payment_terms": "monthly_in_arrears",
    "contract_months": "60",
    "price_weighting": "70",
    "social_value_weighting": "5",
    "consortium_bids": "yes",
    "needs_investment": "no",
}
# The same, fixed: a turnover test within twice a year of the work (£480,000), price at half the
# score, social value at 20%.
FAIR = {
    **HARSH,
    "minimum_turnover": "400000",
    "price_weighting": "50",
    "social_value_weighting": "20",
}


def url(plan) -> str:
    return reverse("commissioning:barriers", kwargs={"pk": plan.pk})


def set_requirements(plan, actor, **changes):
    fields = {
        "minimum_turnover": Decimal("1000000"),
        "payment_terms": Requirements.PaymentTerms.MONTHLY_IN_ARREARS,
        "contract_months": 60,
        "price_weighting": Decimal("70"),
        "social_value_weighting": Decimal("5"),
        **changes,
    }
    return services_design.requirements_save(actor=actor, plan=plan, **fields)


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", CALLERS)
def test_a_draft_plans_barrier_check_is_for_those_who_run_it(as_caller, plan, who):
    response = as_caller(who).get(url(plan))
    assert response.status_code == (200 if who in MANAGERS else 403)


@pytest.mark.parametrize("who", CALLERS)
def test_everyone_sees_a_published_plans_flags(as_caller, published, staff, providers, who):
    set_requirements(published, staff)
    response = as_caller(who).get(url(published))
    assert response.status_code == 200
    assert "A turnover test above what the contract needs" in response.content.decode()
    # Only those who run the plan get the form.
    assert ('name="price_weighting"' in response.content.decode()) == (who in MANAGERS)


@pytest.mark.parametrize("who", CALLERS)
def test_only_those_who_run_the_plan_set_its_requirements(as_caller, published, who):
    response = as_caller(who).post(url(published), HARSH)
    if who in MANAGERS:
        assert response.status_code == 302
        assert Requirements.objects.filter(plan=published).exists()
    else:
        assert response.status_code == 403
        assert not Requirements.objects.filter(plan=published).exists()


@pytest.mark.parametrize("who", ["anonymous", "resident", "other_staff", "self_made"])
def test_nobody_else_sets_a_drafts_requirements(as_caller, plan, who):
    assert as_caller(who).post(url(plan), HARSH).status_code == 403
    assert not Requirements.objects.exists()


def test_an_unknown_plan_is_not_found(sign_in, staff):
    assert (
        sign_in(staff).get(reverse("commissioning:barriers", kwargs={"pk": 999999})).status_code
        == 404
    )


def test_before_the_requirements_are_set_others_read_not_set_yet(client, published):
    words = text_of(client.get(url(published)))
    assert "The requirements for this plan have not been set yet." in words
    assert "Fill them in below" not in words


def test_before_the_requirements_are_set_managers_get_the_form(sign_in, staff, plan):
    response = sign_in(staff).get(url(plan))
    words = text_of(response)
    assert "Set the requirements" in words
    # What the plan already says fills the form: its 60 months, paid monthly, groups welcome.
    assert 'name="contract_months" value="60"' in response.content.decode()


# --- the flags and fixing them ---------------------------------------------------------------


def test_each_flag_names_the_local_providers_it_would_shut_out(sign_in, staff, plan, providers):
    client = sign_in(staff)
    response = client.post(url(plan), HARSH)
    assert response.status_code == 302
    page = client.get(url(plan))
    html, words = page.content.decode(), text_of(page)
    assert "The requirements are saved" in words
    # £1,000,000 asked against £240,000 a year: the co-op's £180,000 and the charity's £900,000
    # fall short, and are named, linked to their pages. The plc's £90m does not.
    turnover = words.split("Minimum yearly turnover asked, in pounds", 1)[1].split("Find out more")[
        0
    ]
    assert "Who it would shut out Harbour Housing Co-op and Riverside Recovery" in turnover
    assert "Nationwide" not in turnover
    assert f'href="/organisations/{providers[0].slug}/">Harbour Housing Co-op</a>' in html
    assert "Lower the turnover test to what the contract needs: £480,000 or less" in turnover
    assert 'href="https://www.legislation.gov.uk/' in html
    assert "4 requirements would shut providers out" in words
    assert "Price carries 70% of the score" in words
    assert "Social value carries 5% of the score, below the minimum of 10%" in words


def test_fixing_the_requirements_takes_their_flags_away(sign_in, staff, plan, providers):
    client = sign_in(staff)
    client.post(url(plan), HARSH)
    assert client.post(url(plan), FAIR).status_code == 302
    page = client.get(url(plan))
    words = text_of(page)
    # Only the size of the one contract is left: £240,000 a year is more than the co-op's
    # whole turnover.
    assert "1 requirement would shut providers out" in words
    assert "Lot sizes" in words
    assert (
        "Minimum yearly turnover asked"
        not in words.split("Every check made")[0].split("Checked against")[1]
    )
    html = page.content.decode()
    assert "Passed" in check_row(html, "turnover_test")
    assert "Passed" in check_row(html, "price_weighting")
    assert "Passed" in check_row(html, "social_value_weighting")
    assert "Flagged" in check_row(html, "lot_size")


def check_row(html: str, rule: str) -> str:
    """The row of the list of checks made for one rule."""
    return html.split(f'id="rule-{rule}"', 1)[1].split("</tr>", 1)[0]


def test_splitting_the_plan_into_lots_takes_the_last_flag_away(sign_in, staff, plan, providers):
    set_requirements(
        plan,
        staff,
        minimum_turnover=None,
        price_weighting=Decimal("50"),
        social_value_weighting=Decimal("20"),
    )
    for title in ("North", "South"):
        # £300,000 over 60 months: £60,000 a year, within half the co-op's £180,000.
        services_design.lot_save(
            actor=staff,
            plan=plan,
            title=title,
            split_by=Lot.SplitBy.STRAND,
            value=Decimal("300000"),
        )
    words = text_of(sign_in(staff).get(url(plan)))
    assert "0 requirements would shut providers out" in words
    assert "None of the requirements would shut small or local providers out." in words


def test_a_flag_about_one_lot_names_it(sign_in, staff, plan, providers):
    set_requirements(
        plan,
        staff,
        minimum_turnover=None,
        price_weighting=Decimal("50"),
        social_value_weighting=Decimal("20"),
    )
    services_design.lot_save(
        actor=staff,
        plan=plan,
        title="Small lot",
        split_by=Lot.SplitBy.STRAND,
        value=Decimal("300000"),
    )
    services_design.lot_save(
        actor=staff,
        plan=plan,
        title="Big lot",
        split_by=Lot.SplitBy.STRAND,
        value=Decimal("900000"),
    )
    words = text_of(sign_in(staff).get(url(plan)))
    # £900,000 over 60 months is £180,000 a year: all of the co-op's turnover, a stretch.
    assert "Lot sizes: Big lot" in words
    assert "Lot sizes: Small lot" not in words


def test_the_check_reads_the_law_of_the_plans_country(sign_in, staff, plan, providers, riverside):
    country = riverside.parent
    country.gss_code = "W92000004"
    country.save()
    set_requirements(plan, staff)
    words = text_of(sign_in(staff).get(url(plan)))
    assert "Checked against the law in force in Wales on 1 March 2027" in words
    assert "Wales sets no minimum, so Commonweal uses England's minimum of 10% as guidance" in words


def test_a_place_with_no_code_is_checked_under_englands_law(sign_in, staff, plan):
    set_requirements(plan, staff)
    words = text_of(sign_in(staff).get(url(plan)))
    assert "Checked against the law in force in England on 1 March 2027" in words


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, message",
    [
        (
            {"minimum_turnover": "-5"},
            "Minimum yearly turnover asked, in pounds cannot be less than £0",
        ),
        (
            {"public_liability": "-1"},
            "Public liability insurance, in pounds cannot be less than £0",
        ),
        ({"price_weighting": "101"}, "Price weighting, per cent must be between 0% and 100%"),
        (
            {"social_value_weighting": "150"},
            "Social value weighting, per cent must be between 0% and 100%",
        ),
        (
            {"price_weighting": "80", "social_value_weighting": "30"},
            "Price and social value together cannot weigh more than 100%: they weigh 110% now",
        ),
        ({"contract_months": "0"}, "Contract length in months must be between 1 and 600"),
        (
            {"minimum_turnover": "lots"},
            "Enter minimum yearly turnover asked, in pounds as an amount in pounds",
        ),
        ({"payment_terms": ""}, "Choose how providers will be paid"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_nothing_saved(
    sign_in, staff, plan, changes, message
):
    response = sign_in(staff).post(url(plan), {**HARSH, **changes})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in text_of(response)
    assert not Requirements.objects.exists()


def test_bad_input_keeps_the_requirements_there_were(sign_in, staff, plan):
    client = sign_in(staff)
    client.post(url(plan), FAIR)
    client.post(url(plan), {**FAIR, "price_weighting": "90"})
    assert Requirements.objects.get(plan=plan).price_weighting == Decimal("50")


def test_requirements_sent_back_unchanged_change_nothing(sign_in, staff, plan):
    client = sign_in(staff)
    client.post(url(plan), HARSH)
    saved = Requirements.objects.get(plan=plan)
    entries = AuditEntry.objects.count()
    # The form as the page fills it, sent straight back.
    page = client.get(url(plan)).content.decode()
    assert 'value="1000000.00"' in page or 'value="1000000"' in page
    response = client.post(url(plan), {**HARSH, "minimum_turnover": "1000000.00"})
    assert response.status_code == 302
    assert AuditEntry.objects.count() == entries
    assert Requirements.objects.get(plan=plan).updated_at == saved.updated_at
    assert "The requirements are saved" not in text_of(client.get(url(plan)))


# --- the same work for 3 as for 30 -----------------------------------------------------------


def grow(plan, size: int) -> None:
    for number in range(size):
        provider = OrganisationFactory(
            name=f"Provider {size}-{number}",
            annual_turnover=None if number % 4 == 0 else Decimal(50000 * (number + 1)),
        )
        provider.places_served.add(plan.place)


@pytest.mark.parametrize("who", ["visitor", "staff"])
def test_the_barrier_check_reads_as_much_for_30_providers_as_for_3(sign_in, staff, published, who):
    set_requirements(published, staff, accreditations="ISO 9001\nCyber Essentials")
    services_design.lot_save(
        actor=staff,
        plan=published,
        title="North",
        split_by=Lot.SplitBy.STRAND,
        value=Decimal("600000"),
    )
    client = Client() if who == "visitor" else sign_in(staff)
    grow(published, 3)
    few, _page = queries_for(client, url(published))
    grow(published, 27)
    many, page = queries_for(client, url(published))
    assert "Provider 27-" in page.content.decode()  # the larger market is named
    no_growth(few, many, ceiling=25, what=f"the barrier check, as {who}")
