"""Entering, editing, putting in force and varying agreements: every rule refused with its reason,
from worked examples written by hand (figures from the law, not from the code)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonweal.agreements import services_agreements as services
from commonweal.agreements import services_variations as variations
from commonweal.agreements.models import KPI, Agreement, Member, Variation
from commonweal.agreements.tests.conftest import END, START, make_agreement
from commonweal.competitions.models import GrantDecision, Opportunity
from commonweal.testing.factories import OrganisationFactory

# The Procurement Act 2023, written by hand: KPIs above £5 million (section 52), at least three;
# 30 days to pay (section 68); a change of value within 10% of the first (section 74).
KPI_THRESHOLD = Decimal("5000000")


def enter(actor, **fields):
    values = {
        "kind": Agreement.Kind.CONTRACT,
        "title": "Tenancy sustainment",
        "value": Decimal("250000"),
        "starts_on": START,
        "ends_on": END,
    }
    values.update(fields)
    return services.agreement_create(actor=actor, **values)


def errors_of(raised) -> dict:
    return raised.value.message_dict


# Entering


def test_a_contract_is_entered_as_a_draft(staff, riverside, council, provider):
    made = enter(staff, place=riverside, commissioner=council, provider=provider)
    assert made.status == Agreement.Status.DRAFT
    assert made.original_ends_on == END
    assert made.created_by == staff


def test_it_must_end_after_it_starts(staff, riverside, council, provider):
    for ends in (START, START - datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as raised:
            enter(staff, place=riverside, commissioner=council, provider=provider, ends_on=ends)
        assert "ends_on" in errors_of(raised)


def test_a_public_contract_pays_within_30_days(staff, riverside, council, provider):
    with pytest.raises(ValidationError) as raised:
        enter(
            staff, place=riverside, commissioner=council, provider=provider, payment_terms_days=31
        )
    assert "30 days" in errors_of(raised)["payment_terms_days"][0]
    assert (
        enter(
            staff, place=riverside, commissioner=council, provider=provider, payment_terms_days=30
        ).payment_terms_days
        == 30
    )


@pytest.mark.parametrize("kind", ["alliance", "strategic_partnership", "outcomes_contract"])
def test_every_public_contract_kind_pays_within_30_days(staff, riverside, council, provider, kind):
    with pytest.raises(ValidationError) as raised:
        enter(
            staff,
            kind=kind,
            place=riverside,
            commissioner=council,
            provider=provider,
            payment_terms_days=45,
            members=[provider],
            rate_card=[{"outcome": "A tenancy kept for a year", "price": "1500"}],
        )
    assert "payment_terms_days" in errors_of(raised)


def test_a_grant_may_pay_on_its_own_profile(staff, riverside, council, provider):
    grant = enter(
        staff,
        kind=Agreement.Kind.GRANT,
        place=riverside,
        commissioner=council,
        provider=provider,
        payment_terms_days=45,
        payment_profile=Agreement.PaymentProfile.MILESTONE,
        conditions="Report each quarter.",
        match_funding=Decimal("20000"),
        in_kind="Volunteers' time",
        in_kind_value=Decimal("5000"),
    )
    assert grant.payment_terms_days == 45
    assert grant.match_funding == Decimal("20000")


def test_an_alliance_seats_the_commissioner_and_its_members(staff, riverside, council, provider):
    other = OrganisationFactory(name="Riverside Recovery")
    alliance = enter(
        staff,
        kind=Agreement.Kind.ALLIANCE,
        place=riverside,
        commissioner=council,
        provider=None,
        members=[provider, other],
    )
    seats = {(m.organisation.name, m.role) for m in alliance.members.all()}
    assert seats == {
        ("Riverside Council", Member.Role.COMMISSIONER),
        ("Harbour Housing Co-op", Member.Role.PROVIDER),
        ("Riverside Recovery", Member.Role.PROVIDER),
    }


def test_an_alliance_needs_a_member(staff, riverside, council):
    with pytest.raises(ValidationError) as raised:
        enter(staff, kind="alliance", place=riverside, commissioner=council, members=[])
    assert "members" in errors_of(raised)


def test_an_outcomes_contract_keeps_its_rate_card(staff, riverside, council, provider):
    made = enter(
        staff,
        kind=Agreement.Kind.OUTCOMES_CONTRACT,
        place=riverside,
        commissioner=council,
        provider=provider,
        rate_card=[{"outcome": "A tenancy kept for a year", "price": Decimal("1500")}],
    )
    assert made.rate_card == [{"outcome": "A tenancy kept for a year", "price": "1500.00"}]
    for card in ([], [{"outcome": "", "price": "10"}], [{"outcome": "X", "price": "0"}]):
        with pytest.raises(ValidationError) as raised:
            enter(
                staff,
                kind=Agreement.Kind.OUTCOMES_CONTRACT,
                place=riverside,
                commissioner=council,
                provider=provider,
                rate_card=card,
            )
        assert "rate_card" in errors_of(raised)


def test_a_subcontract_pays_no_later_than_its_partnership(partnership, provider_person):
    subcontractor = OrganisationFactory(name="Small Steps CIC")
    fields = {"kind": "subcontract", "parent": partnership, "provider": subcontractor}
    with pytest.raises(ValidationError) as raised:
        enter(provider_person, payment_terms_days=21, **fields)
    assert "20 days" in errors_of(raised)["payment_terms_days"][0]
    made = enter(provider_person, payment_terms_days=20, **fields)
    assert made.commissioner == partnership.provider
    assert made.place == partnership.place


def test_only_the_partner_enters_its_subcontracts(partnership, staff, stranger):
    fields = {"kind": "subcontract", "parent": partnership, "provider": OrganisationFactory()}
    for person in (staff, stranger):
        with pytest.raises(PermissionDenied):
            enter(person, payment_terms_days=20, **fields)


def test_a_subcontract_needs_a_partnership(contract, provider_person):
    with pytest.raises((ValidationError, PermissionDenied)):
        enter(provider_person, kind="subcontract", parent=contract, provider=OrganisationFactory())


def test_who_may_not_enter_one(
    riverside, council, provider, stranger, resident, other_staff, self_made
):
    for person in (stranger, resident, other_staff, self_made):
        with pytest.raises(PermissionDenied):
            enter(person, place=riverside, commissioner=council, provider=provider)


def test_the_back_office_may(back_office, riverside, council, provider):
    assert enter(back_office, place=riverside, commissioner=council, provider=provider).pk


# Going live: KPIs above the threshold


def test_a_contract_above_the_kpi_threshold_needs_three_kpis(staff, riverside, council, provider):
    big = enter(
        staff,
        place=riverside,
        commissioner=council,
        provider=provider,
        value=KPI_THRESHOLD + Decimal("0.01"),
    )
    for n in range(2):
        variations.kpi_add(actor=staff, agreement=big, title=f"KPI {n}", target="90%")
    with pytest.raises(ValidationError) as raised:
        services.agreement_make_live(actor=staff, agreement=big)
    assert "at least 3" in raised.value.messages[0]
    variations.kpi_add(actor=staff, agreement=big, title="KPI 3", target="95%")
    services.agreement_make_live(actor=staff, agreement=big)
    big.refresh_from_db()
    assert big.status == Agreement.Status.LIVE
    # And once in force, it never falls below three.
    with pytest.raises(ValidationError):
        variations.kpi_remove(actor=staff, kpi=big.kpis.first())


def test_a_contract_at_the_threshold_needs_none(staff, riverside, council, provider):
    at = enter(staff, place=riverside, commissioner=council, provider=provider, value=KPI_THRESHOLD)
    services.agreement_make_live(actor=staff, agreement=at)
    assert at.status == Agreement.Status.LIVE


def test_a_grant_above_the_threshold_needs_none(staff, riverside, council, provider):
    grant = enter(
        staff,
        kind="grant",
        place=riverside,
        commissioner=council,
        provider=provider,
        value=Decimal("6000000"),
    )
    services.agreement_make_live(actor=staff, agreement=grant)
    assert grant.status == Agreement.Status.LIVE


def test_going_live_at_once_with_kpis(staff, riverside, council, provider):
    kpis = [{"title": f"KPI {n}", "target": "90%"} for n in range(3)]
    made = enter(
        staff,
        place=riverside,
        commissioner=council,
        provider=provider,
        value=Decimal("6000000"),
        kpis=kpis,
        go_live=True,
    )
    assert made.status == Agreement.Status.LIVE
    with pytest.raises(ValidationError):
        enter(
            staff,
            place=riverside,
            commissioner=council,
            provider=provider,
            value=Decimal("6000000"),
            kpis=kpis[:2],
            go_live=True,
            title="Another",
        )
    assert not Agreement.objects.filter(title="Another").exists()


# Editing a draft


def test_a_draft_edited_unchanged_changes_nothing(draft, staff):
    before = Agreement.objects.get(pk=draft.pk)
    assert (
        services.agreement_update(
            actor=staff, agreement=draft, title=draft.title, value=draft.value
        )
        is False
    )
    after = Agreement.objects.get(pk=draft.pk)
    assert [getattr(after, f.attname) for f in Agreement._meta.concrete_fields] == [
        getattr(before, f.attname) for f in Agreement._meta.concrete_fields
    ]


def test_a_draft_edit_is_checked(draft, staff):
    assert services.agreement_update(actor=staff, agreement=draft, title="New title")
    with pytest.raises(ValidationError):
        services.agreement_update(actor=staff, agreement=draft, payment_terms_days=60)


def test_a_live_agreement_is_not_edited(contract, staff, provider_person):
    with pytest.raises(ValidationError):
        services.agreement_update(actor=staff, agreement=contract, title="Changed")
    with pytest.raises(PermissionDenied):
        services.agreement_update(actor=provider_person, agreement=contract, title="Changed")


# Variations


def test_an_extension_goes_up_to_the_most_allowed(contract, staff):
    # First agreed to end on 31 March 2031, extendable by 24 months: 31 March 2033 at the latest.
    with pytest.raises(ValidationError) as raised:
        variations.agreement_vary(
            actor=staff,
            agreement=contract,
            kind="extension",
            reason="More time",
            changes={"ends_on": datetime.date(2033, 4, 1)},
        )
    assert "31 March 2033" in errors_of(raised)["ends_on"][0]
    variations.agreement_vary(
        actor=staff,
        agreement=contract,
        kind="extension",
        reason="Two more years",
        changes={"ends_on": datetime.date(2033, 3, 31)},
    )
    contract.refresh_from_db()
    assert contract.ends_on == datetime.date(2033, 3, 31)
    assert contract.original_ends_on == END


def test_an_extension_is_later(contract, staff):
    with pytest.raises(ValidationError):
        variations.agreement_vary(
            actor=staff,
            agreement=contract,
            kind="extension",
            reason="Shorter",
            changes={"ends_on": datetime.date(2030, 3, 31)},
        )


def test_the_value_rises_by_10_percent_at_most(contract, staff):
    # £1,200,000 first agreed: £1,320,000 at most, however many changes it takes.
    variations.agreement_vary(
        actor=staff,
        agreement=contract,
        kind="value",
        reason="More places",
        changes={"value": Decimal("1300000")},
    )
    with pytest.raises(ValidationError) as raised:
        variations.agreement_vary(
            actor=staff,
            agreement=contract,
            kind="value",
            reason="Still more",
            changes={"value": Decimal("1320000.01")},
        )
    assert "£1,320,000.00" in errors_of(raised)["value"][0]
    variations.agreement_vary(
        actor=staff,
        agreement=contract,
        kind="value",
        reason="The last few",
        changes={"value": Decimal("1320000")},
    )
    history = list(contract.variations.values_list("before", "after", "reason"))
    assert history == [
        ({"value": "1200000.00"}, {"value": "1300000"}, "More places"),
        ({"value": "1300000.00"}, {"value": "1320000"}, "The last few"),
    ]


def test_a_variation_needs_a_reason(contract, staff):
    with pytest.raises(ValidationError) as raised:
        variations.agreement_vary(
            actor=staff, agreement=contract, kind="scope", reason="  ", changes={"summary": "More"}
        )
    assert "reason" in errors_of(raised)
    assert not Variation.objects.exists()


def test_a_variation_that_changes_nothing_is_refused(contract, staff):
    with pytest.raises(ValidationError):
        variations.agreement_vary(
            actor=staff,
            agreement=contract,
            kind="terms",
            reason="Same",
            changes={"payment_terms_days": 30},
        )


def test_terms_vary_within_the_law(contract, staff):
    with pytest.raises(ValidationError):
        variations.agreement_vary(
            actor=staff,
            agreement=contract,
            kind="terms",
            reason="Slower",
            changes={"payment_terms_days": 31},
        )
    variations.agreement_vary(
        actor=staff,
        agreement=contract,
        kind="terms",
        reason="Faster",
        changes={"payment_terms_days": 14, "payment_profile": "advance"},
    )
    contract.refresh_from_db()
    assert (contract.payment_terms_days, contract.payment_profile) == (14, "advance")


def test_a_partnership_keeps_its_subcontracts_terms_flowing_down(partnership, staff):
    make_agreement(
        kind="subcontract",
        parent=partnership,
        place=partnership.place,
        commissioner=partnership.provider,
        provider=OrganisationFactory(),
        payment_terms_days=20,
    )
    with pytest.raises(ValidationError):
        variations.agreement_vary(
            actor=staff,
            agreement=partnership,
            kind="terms",
            reason="Faster",
            changes={"payment_terms_days": 10},
        )


def test_who_may_not_vary(contract, provider_person, stranger, other_staff, resident):
    for person in (provider_person, stranger, other_staff, resident):
        with pytest.raises(PermissionDenied):
            variations.agreement_vary(
                actor=person,
                agreement=contract,
                kind="scope",
                reason="x",
                changes={"summary": "y"},
            )


# KPIs, break points and assets


def test_kpis_break_points_and_assets(contract, staff, provider_person):
    kpi = variations.kpi_add(actor=staff, agreement=contract, title="Tenancies kept", target="85%")
    assert (
        variations.kpi_update(actor=staff, kpi=kpi, title="Tenancies kept", target="85%") is False
    )
    assert variations.kpi_update(actor=staff, kpi=kpi, title="Tenancies kept", target="90%")
    variations.kpi_remove(actor=staff, kpi=kpi)
    assert not KPI.objects.exists()
    with pytest.raises(ValidationError):
        variations.break_point_add(
            actor=staff, agreement=contract, on=datetime.date(2032, 1, 1), notice_months=6
        )
    point = variations.break_point_add(
        actor=staff, agreement=contract, on=datetime.date(2029, 3, 31), notice_months=6
    )
    assert variations.break_point_update(actor=staff, break_point=point, notice_months=6) is False
    asset = variations.asset_add(
        actor=staff,
        agreement=contract,
        kind="property",
        description="12 Quay Street",
        value=Decimal("240000"),
        conditions="Kept for community use",
    )
    assert variations.asset_update(actor=staff, asset=asset, value=Decimal("240000")) is False
    with pytest.raises(PermissionDenied):
        variations.asset_remove(actor=provider_person, asset=asset)
    variations.asset_remove(actor=staff, asset=asset)


# From an award or a grant decision


def test_an_award_makes_one_contract_after_the_standstill(award, staff, provider):
    made = services.agreement_from_award(actor=staff, award=award)
    assert (made.kind, made.provider, made.value, made.source) == (
        "contract",
        provider,
        Decimal("880000"),
        "award",
    )
    assert (made.starts_on, made.ends_on, made.plan, made.place) == (
        START,
        END,
        award.opportunity.plan,
        award.opportunity.plan.place,
    )
    with pytest.raises(ValidationError):
        services.agreement_from_award(actor=staff, award=award)


def test_not_during_the_standstill(award, staff):
    award.standstill_ends_on = timezone.localdate()
    award.save()
    with pytest.raises(ValidationError) as raised:
        services.agreement_from_award(actor=staff, award=award)
    assert "standstill" in raised.value.messages[0]


def test_an_alliance_route_makes_an_alliance(award, staff, provider):
    plan = award.opportunity.plan
    plan.route = "alliance"
    plan.save()
    made = services.agreement_from_award(actor=staff, award=award)
    assert made.kind == "alliance"
    assert set(made.members.values_list("organisation_id", flat=True)) == {
        plan.lead_id,
        provider.pk,
    }


def test_only_those_who_run_it_make_the_agreement(award, stranger, other_staff, provider_person):
    for person in (stranger, other_staff, provider_person):
        with pytest.raises(PermissionDenied):
            services.agreement_from_award(actor=person, award=award)


def test_a_funded_grant_decision_makes_a_grant(award, staff, provider):
    opportunity = award.opportunity
    opportunity.kind = Opportunity.Kind.GRANT_ROUND
    opportunity.save()
    decision = GrantDecision.objects.create(
        bid=award.bid,
        awarded=True,
        amount=Decimal("40000"),
        reason="Good",
        planned_start=START,
        planned_end=datetime.date(2027, 3, 31),
    )
    made = services.agreement_from_grant_decision(actor=staff, decision=decision)
    assert (made.kind, made.value, made.payment_profile) == ("grant", Decimal("40000"), "advance")
    with pytest.raises(ValidationError):
        services.agreement_from_grant_decision(actor=staff, decision=decision)
