"""Inherent social value counts the checked facts (the check in force of the bidder's social value
facts), else what its legal form makes true; never what the bidder says of itself. The reasons say
which, and who checked."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commonweal.competitions import results
from commonweal.competitions.models import Opportunity
from commonweal.competitions.tests.fixtures_evaluation import agree, criteria, submit_bid
from commonweal.organisations.services_social_facts import check_record, check_withdraw
from commonweal.testing.factories import LocalAuthorityFactory, WardFactory

pytestmark = pytest.mark.django_db

D = Decimal
EVIDENCE = "Rules of the society, rule 40 (asset lock); accounts 2026, note 7; seen 3 March 2027"


def check(actor, organisation, **fields):
    given = {
        "asset_lock": True,
        "profits_reinvested_percent": D("50"),
        "locally_owned_place": None,
        "evidence": EVIDENCE,
    }
    given.update(fields)
    return check_record(actor=actor, organisation=organisation, **given)


def evaluate(opportunity, bids, staff, closed):
    Opportunity.objects.filter(pk=opportunity.pk).update(
        include_inherent_social_value=True, inherent_social_value_share=D("25")
    )
    opportunity.refresh_from_db()
    made = [submit_bid(opportunity, bidder, price="1000000") for bidder in bids]
    closed(opportunity)
    c = criteria(opportunity)
    for bid in made:
        for key in ("home", "listening", "jobs"):
            agree(bid, c[key], 4, by=staff)
        agree(bid, c["safeguarding"], 0, passed=True, by=staff)
    result = results.evaluate_opportunity(opportunity, actor=staff, why="Results")
    return result, [result.inherent[str(bid.pk)] for bid in made]


def test_what_a_bidder_says_of_itself_never_counts(opportunity, bidders, staff, closed):
    coop = bidders[0]
    coop.asset_lock = True
    coop.profits_reinvested_percent = D("100")
    coop.profit_use = "All of it goes back into our homes."
    coop.save()
    _result, (inherent,) = evaluate(opportunity, [coop], staff, closed)
    assert inherent.score == D("0")
    assert not inherent.facts.asset_lock and inherent.facts.profits_reinvested_percent is None
    assert "None of its facts has been checked" in inherent.reasons[0]
    assert f"legal form ({coop.get_legal_form_display()})" in inherent.reasons[0]


def test_checked_facts_count_and_the_reasons_name_the_body(
    opportunity, bidders, staff, closed, riverside
):
    coop = bidders[0]
    check(staff, coop, locally_owned_place=riverside)
    result, (inherent,) = evaluate(opportunity, [coop], staff, closed)
    # By hand: each element is 4/3. Asset lock 4/3, half the profits 2/3, local 4/3: 10/3 = 3.33.
    assert inherent.facts.asset_lock
    assert inherent.facts.profits_reinvested_percent == D("50")
    assert inherent.facts.locally_owned_and_controlled
    assert inherent.score == D("3.33")
    assert inherent.reasons[0].startswith("Facts checked by Riverside Council on ")
    assert "Chris Commissioner" not in " ".join(inherent.reasons)
    assert any(
        reason.startswith("Local ownership and control, 1.33") for reason in inherent.reasons
    )
    assert result.evaluation is not None


def test_a_check_replaces_what_the_legal_form_gives(
    opportunity, bidders, staff, back_office, closed
):
    """A charity's legal form gives an asset lock and all its surplus to its purposes; once its
    facts are checked, the check is what counts (here: the back office saw no asset lock)."""
    charity = bidders[1]
    check(back_office, charity, asset_lock=False, profits_reinvested_percent=D("100"))
    _result, (inherent,) = evaluate(opportunity, [charity], staff, closed)
    assert not inherent.facts.asset_lock
    assert inherent.score == D("1.33")
    assert inherent.reasons[0].startswith("Facts checked by the back office on ")


def test_a_withdrawn_check_leaves_the_legal_form(opportunity, bidders, staff, closed, riverside):
    charity = bidders[1]
    made = check(staff, charity, asset_lock=False, profits_reinvested_percent=None)
    check_withdraw(actor=staff, check=made, reason="Looked at another charity's accounts")
    _result, (inherent,) = evaluate(opportunity, [charity], staff, closed)
    assert inherent.facts.asset_lock and inherent.facts.profits_reinvested_percent == D("100")
    assert inherent.score == D("2.67")
    assert "None of its facts has been checked" in inherent.reasons[0]


def test_local_ownership_counts_in_the_plans_place_inside_it_or_a_place_it_is_part_of(
    riverside, staff, back_office, bidders
):
    coop, charity, plc = bidders
    ward = WardFactory(name="Quayside", parent=riverside)
    coop.places_served.add(ward)
    charity.places_served.add(riverside.parent)
    far = LocalAuthorityFactory(name="Far Borough")
    plc.places_served.add(far)
    in_ward = check(staff, coop, locally_owned_place=ward)
    around = check(back_office, charity, locally_owned_place=riverside.parent)
    elsewhere = check(back_office, plc, locally_owned_place=far)
    assert results.inherent_facts(coop, riverside, in_ward).locally_owned_and_controlled
    assert results.inherent_facts(charity, riverside, around).locally_owned_and_controlled
    assert not results.inherent_facts(plc, riverside, elsewhere).locally_owned_and_controlled
    # Checked as locally owned, but no place to judge it against: not counted.
    assert not results.inherent_facts(coop, None, in_ward).locally_owned_and_controlled
    # A ward of Riverside is not local to another ward of it.
    other_ward = WardFactory(name="Docks", parent=riverside)
    assert not results.inherent_facts(coop, other_ward, in_ward).locally_owned_and_controlled
    assert not results.inherent_facts(
        coop, WardFactory(name="Hill", parent=far), in_ward
    ).locally_owned_and_controlled


def test_without_a_check_the_legal_form_alone_counts(bidders):
    coop, charity, plc = bidders
    assert results.inherent_facts(charity).asset_lock
    assert results.inherent_facts(charity).profits_reinvested_percent == D("100")
    assert not results.inherent_facts(coop).asset_lock
    assert not results.inherent_facts(plc).locally_owned_and_controlled


def test_the_checks_are_read_in_one_query_for_all_bids(
    opportunity, bidders, staff, back_office, closed
):
    for bidder in bidders:
        check(back_office, bidder)
    Opportunity.objects.filter(pk=opportunity.pk).update(
        include_inherent_social_value=True, inherent_social_value_share=D("25")
    )
    opportunity.refresh_from_db()
    for bidder in bidders:
        submit_bid(opportunity, bidder, price="1000000")
    closed(opportunity)
    with CaptureQueriesContext(connection) as captured:
        result = results.evaluate_opportunity(opportunity, actor=staff, why="Results")
    reads = [q for q in captured.captured_queries if "organisations_socialfactscheck" in q["sql"]]
    assert len(reads) == 1
    assert all(item.facts.asset_lock for item in result.inherent.values())
