"""The market page: who may see it, the providers serving the plan's place by size and legal form,
where the current spend goes, who could bid for each lot, and the same work for 3 providers as
for 30.

The plan (conftest.py) has £1,200,000 over 60 months: £240,000 a year. Its three providers have
yearly turnovers of £180,000 (Harbour Housing Co-op), £900,000 (Riverside Recovery) and £90m
(Nationwide Care plc)."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonweal.commissioning import services, services_design
from commonweal.commissioning.models import Lot
from commonweal.commissioning.tests.pages import text_of
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

CALLERS = ["anonymous", "resident", "stranger", "other_staff", "self_made", "staff", "back_office"]
MAY_SEE_A_DRAFT = {"staff", "back_office"}


def url(plan) -> str:
    return reverse("commissioning:market", kwargs={"pk": plan.pk})


@pytest.mark.parametrize("who", CALLERS)
def test_a_draft_plans_market_is_for_those_who_run_it(as_caller, plan, providers, who):
    response = as_caller(who).get(url(plan))
    assert response.status_code == (200 if who in MAY_SEE_A_DRAFT else 403)


@pytest.mark.parametrize("who", CALLERS)
def test_everyone_sees_a_published_plans_market(as_caller, published, providers, who):
    response = as_caller(who).get(url(published))
    assert response.status_code == 200
    assert "Harbour Housing Co-op" in response.content.decode()


def test_a_citizen_commissioner_sees_the_draft_market(sign_in, plan, resident, providers):
    plan.citizen_commissioners.add(resident)
    assert sign_in(resident).get(url(plan)).status_code == 200


def test_an_unknown_plan_is_not_found(sign_in, staff):
    assert (
        sign_in(staff).get(reverse("commissioning:market", kwargs={"pk": 999999})).status_code
        == 404
    )


def test_the_market_is_only_read(sign_in, staff, plan):
    assert sign_in(staff).post(url(plan), {}).status_code == 405


def test_each_provider_is_listed_with_its_size_and_legal_form_and_linked(
    sign_in, staff, plan, providers
):
    response = sign_in(staff).get(url(plan))
    html = response.content.decode()
    harbour = providers[0]
    assert f'href="/organisations/{harbour.slug}/"' in html
    words = text_of(response)
    # 12 staff and £180,000 a year is a small organisation; 12 staff and £90m is a large one.
    assert "Harbour Housing Co-op Small Co-operative" in words
    assert "Nationwide Care plc Large Public limited company (PLC)" in words


def test_providers_are_counted_by_size_and_by_legal_form(sign_in, staff, plan, providers):
    words = text_of(sign_in(staff).get(url(plan)))
    assert "3 providers serve Riverside" in words
    assert "Size Providers Small 2 Large 1" in words
    assert "Charity 1" in words and "Co-operative 1" in words
    assert "Public limited company (PLC) 1" in words
    assert "<svg" in sign_in(staff).get(url(plan)).content.decode()  # and a chart beside it


def test_a_provider_serving_another_place_is_not_in_the_market(
    sign_in, staff, plan, providers, elsewhere
):
    far = OrganisationFactory(name="Faraway Friends")
    far.places_served.add(elsewhere)
    assert "Faraway Friends" not in sign_in(staff).get(url(plan)).content.decode()


def test_the_share_of_current_spend_going_to_vcse_organisations_and_smes(
    sign_in, staff, plan, providers
):
    harbour, recovery, nationwide = providers
    for provider, amount in ((harbour, "100000"), (recovery, "300000"), (nationwide, "600000")):
        services.current_contract_add(
            actor=staff,
            plan=plan,
            provider=provider,
            description="Support",
            annual_value=Decimal(amount),
        )
    words = text_of(sign_in(staff).get(url(plan)))
    assert "These figures come from the current contracts and grants recorded in this plan" in words
    assert "Current spend a year £1,000,000" in words
    # Only the charity is a VCSE here (a co-op is one only when it says it reinvests its profits):
    # £300,000 of £1,000,000. The co-op and the charity are SMEs: £400,000.
    assert "(VCSE) organisations £300,000 (30.0%)" in words
    assert "(SMEs) £400,000 (40.0%)" in words


def test_with_no_current_spend_the_page_says_so(sign_in, staff, plan, providers):
    assert "The plan records no current spend yet" in text_of(sign_in(staff).get(url(plan)))


def test_without_lots_who_could_bid_for_the_whole_plan(sign_in, staff, plan, providers):
    words = text_of(sign_in(staff).get(url(plan)))
    assert "The whole plan" in words
    # £1,200,000 over 60 months is £240,000 a year: within half the turnover of the £900,000
    # charity and the £90m company, more than all of the co-op's £180,000.
    assert "£1,200,000 over 60 months: £240,000 a year" in words
    assert "Could bid alone Nationwide Care plc and Riverside Recovery" in words
    assert "Would be stretched None" in words
    assert "Too small to bid alone Harbour Housing Co-op" in words
    assert "Those who could not bid alone could not carry it together either" in words


def test_for_each_lot_who_could_bid_alone_and_who_would_be_stretched(
    sign_in, staff, plan, providers
):
    small = OrganisationFactory(name="Quay Care CIC", annual_turnover=Decimal("200000"))
    small.places_served.add(plan.place)
    services_design.lot_save(
        actor=staff,
        plan=plan,
        title="Quayside",
        split_by=Lot.SplitBy.STRAND,
        value=Decimal("500000"),
    )
    words = text_of(sign_in(staff).get(url(plan)))
    # £500,000 over 60 months is £100,000 a year: half of Quay Care's £200,000 (alone, just),
    # more than half of Harbour's £180,000 but less than all of it (a stretch).
    assert "£500,000 over 60 months: £100,000 a year" in words
    assert "Could bid alone Nationwide Care plc, Quay Care CIC and Riverside Recovery" in words
    assert "Would be stretched Harbour Housing Co-op" in words
    assert "The whole plan" not in words


def test_a_consortium_is_named_when_together_they_could_carry_a_lot(
    sign_in, staff, plan, riverside
):
    for name, turnover in (
        ("Anchor Aid", "300000"),
        ("Bridge Builders", "250000"),
        ("Cove Care", "100000"),
    ):
        OrganisationFactory(name=name, annual_turnover=Decimal(turnover)).places_served.add(
            riverside
        )
    services_design.lot_save(
        actor=staff, plan=plan, title="North", split_by=Lot.SplitBy.STRAND, value=Decimal("1200000")
    )
    words = text_of(sign_in(staff).get(url(plan)))
    # £240,000 a year: nobody alone; Anchor and Bridge together have £550,000, half of which
    # (£275,000) carries it.
    assert "Could bid alone None" in words
    assert "these 2 together could carry it: Anchor Aid and Bridge Builders" in words


def test_without_a_duration_the_page_says_what_it_needs(sign_in, staff, plan, providers):
    plan.duration_months = None
    plan.save()
    words = text_of(sign_in(staff).get(url(plan)))
    assert "Say how long the service runs to see who could bid" in words


def test_long_lists_of_names_are_cut_short(sign_in, staff, plan, riverside):
    for number in range(14):
        OrganisationFactory(
            name=f"Big Provider {number:02d}", annual_turnover=Decimal("5000000")
        ).places_served.add(riverside)
    words = text_of(sign_in(staff).get(url(plan)))
    # Ten named, in name order, and the rest counted.
    assert "Big Provider 09 and 4 more" in words
    assert "Big Provider 10," not in words.split("Could bid alone", 1)[1].split("Would be")[0]


# --- the same work for 3 as for 30 -----------------------------------------------------------


def grow(plan, staff, size: int) -> None:
    """``size`` more providers serving the place (a third with no turnover), ``size`` current
    contracts and ``size`` small lots."""
    for number in range(size):
        provider = OrganisationFactory(
            name=f"Provider {size}-{number}",
            annual_turnover=None if number % 3 == 0 else Decimal(100000 * (number + 1)),
            legal_form=(Organisation.LegalForm.CHARITY, Organisation.LegalForm.CIC)[number % 2],
        )
        provider.places_served.add(plan.place)
        services.current_contract_add(
            actor=staff,
            plan=plan,
            provider=provider,
            description="Work",
            annual_value=Decimal("1000"),
            ends_on=datetime.date(2028, 3, 31),
        )
        services_design.lot_save(
            actor=staff,
            plan=plan,
            title=f"Lot {size}-{number}",
            split_by=Lot.SplitBy.STRAND,
            value=Decimal("1000"),
        )


@pytest.mark.parametrize("who", ["visitor", "staff"])
def test_the_market_reads_as_much_for_30_providers_as_for_3(sign_in, staff, published, who):
    client = Client() if who == "visitor" else sign_in(staff)
    grow(published, staff, 3)
    few, _page = queries_for(client, url(published))
    grow(published, staff, 27)
    many, page = queries_for(client, url(published))
    assert "Provider 27-0" in page.content.decode()  # the larger page really is larger
    no_growth(few, many, ceiling=25, what=f"the market, as {who}")


def test_the_date_is_not_needed_to_read_the_market(sign_in, staff, plan, providers):
    plan.procurement_starts_on = None
    plan.save()
    assert sign_in(staff).get(url(plan)).status_code == 200


def test_spend_on_the_plans_themes_in_the_place_counts_published_plans_and_never_drafts(
    client, published, staff, riverside, council, providers
):
    from commonweal.commissioning import services
    from commonweal.needs.models import Term

    housing = Term.objects.create(
        vocabulary=Term.Vocabulary.OUTCOME_AREA, name="Housing", slug="housing"
    )
    health = Term.objects.create(
        vocabulary=Term.Vocabulary.OUTCOME_AREA, name="Health", slug="health"
    )
    published.themes.add(housing, health)  # two themes: each sums the plan's spend once
    co_op, charity, plc = providers
    Organisation.objects.filter(pk__in=[co_op.pk, charity.pk]).update(is_vcse=True, is_sme=True)
    Organisation.objects.filter(pk=plc.pk).update(is_vcse=False, is_sme=False)
    for provider, amount in ((co_op, "100000"), (plc, "300000")):
        services.current_contract_add(
            actor=staff,
            plan=published,
            provider=provider,
            description="Now",
            annual_value=Decimal(amount),
        )
    other = services.plan_create(
        actor=staff, place=riverside, lead=council, title="Other", summary="x"
    )
    other.themes.add(housing)
    services.current_contract_add(
        actor=staff,
        plan=other,
        provider=charity,
        description="Draft",
        annual_value=Decimal("600000"),
    )
    page = text_of(client.get(url(published)))
    # £400,000 a year from the published plan alone: the draft's £600,000 is not counted (yet).
    assert "Housing 1 £400,000 25.0% 25.0%" in page
    assert "Health 1 £400,000 25.0% 25.0%" in page
    other.published_at = timezone.now()
    other.save()
    page = text_of(client.get(url(published)))
    # Both plans: £1,000,000, of which £700,000 (70%) goes to the charity and the co-op.
    assert "Housing 2 £1,000,000 70.0% 70.0%" in page
