"""Checking an organisation's social value facts: who may and may not, the evidence, what the
organisation's page shows, withdrawing a check, bad input, and the pages' query budgets."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.organisations.models import SocialFactsCheck
from commonweal.organisations.selectors_social_facts import (
    social_facts_in_force,
    social_facts_in_force_for,
)
from commonweal.organisations.services_social_facts import (
    can_check,
    check_record,
    check_withdraw,
)
from commonweal.testing.factories import (
    OrganisationFactory,
    RoleFactory,
    UnverifiedPublicBodyFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db

EVIDENCE = "Articles of association, clause 12 (asset lock), seen 3 March 2027"


@pytest.fixture
def quayside(provider):
    return provider.places_served.get()


@pytest.fixture
def self_made_commissioner(riverside):
    """A commissioner of a "public body" its own people registered, serving Riverside, that nobody
    has verified."""
    body = UnverifiedPublicBodyFactory(
        name="Riverside Parish (self-made)", places_served=[riverside]
    )
    user = UserFactory(full_name="Sid Selfmade")
    RoleFactory(user=user, organisation=body, role=Role.COMMISSIONER)
    return user


@pytest.fixture
def people(
    administrator,
    self_made_commissioner,
    other_staff,
    staff,
    back_office,
    resident,
    stranger,
):
    return {
        "anonymous": None,
        "resident": resident,
        "stranger": stranger,
        "administrator": administrator,
        "self-made public body": self_made_commissioner,
        "other place's staff": other_staff,
        "staff": staff,
        "back office": back_office,
    }


def url(provider):
    return reverse("organisations:social-facts-check", kwargs={"slug": provider.slug})


def record(actor, provider, **changes):
    fields = {
        "asset_lock": True,
        "profits_reinvested_percent": Decimal("80"),
        "locally_owned_place": None,
        "evidence": EVIDENCE,
    }
    fields.update(changes)
    return check_record(actor=actor, organisation=provider, **fields)


def form_data(**changes):
    data = {
        "asset_lock": "yes",
        "profits_reinvested_percent": "80",
        "locally_owned_place": "",
        "evidence": EVIDENCE,
    }
    data.update(changes)
    return data


# --- who may check --------------------------------------------------------------------------------

ALLOWED = {"staff", "back office"}


@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "resident",
        "stranger",
        "administrator",
        "self-made public body",
        "other place's staff",
        "staff",
        "back office",
    ],
)
def test_who_may_check_an_organisations_facts(who, people, provider, client, sign_in):
    person = people[who]
    caller = sign_in(person) if person is not None else client
    page = caller.get(url(provider))
    sent = caller.post(url(provider), form_data())
    if who in ALLOWED:
        assert page.status_code == 200
        assert sent.status_code == 302
        assert social_facts_in_force(provider) is not None
    elif who == "anonymous":
        assert page.status_code == 302 and "sign-in" in page["Location"]
        assert sent.status_code == 302
        assert not SocialFactsCheck.objects.exists()
    else:
        assert page.status_code == 403
        assert sent.status_code == 403
        assert not SocialFactsCheck.objects.exists()
    if person is not None:
        assert can_check(person, provider) == (who in ALLOWED)


def test_the_organisations_own_people_never_check_it_not_even_from_the_back_office(
    provider, administrator, staff
):
    insider = UserFactory(full_name="Bo Both", is_staff=True)
    RoleFactory(user=insider, organisation=provider, role=Role.PROVIDER_MEMBER)
    # Place staff who also work for the provider may not check it either.
    RoleFactory(user=staff, organisation=provider, role=Role.PROVIDER_MEMBER)
    for person in (administrator, insider, staff):
        assert not can_check(person, provider)
        with pytest.raises(PermissionDenied):
            record(person, provider)
    assert not SocialFactsCheck.objects.exists()


def test_a_self_made_public_body_cannot_check_itself(self_made_commissioner):
    body = self_made_commissioner.role_assignments.get().organisation
    with pytest.raises(PermissionDenied):
        record(self_made_commissioner, body)


def test_staff_whose_body_is_verified_for_a_ward_do_not_reach_the_borough(riverside, staff):
    """Verified for Riverside reaches an organisation serving Quayside (inside it); an
    organisation serving only another borough is out of reach."""
    elsewhere_provider = OrganisationFactory(name="Far Away Co-op")
    elsewhere_provider.places_served.add(WardFactory(name="Far Ward"))
    assert not can_check(staff, elsewhere_provider)
    with pytest.raises(PermissionDenied):
        record(staff, elsewhere_provider)


# --- what a check records -------------------------------------------------------------------------


def test_a_check_is_in_force_at_once_recorded_for_the_body_and_audited(
    provider, staff, council, quayside
):
    check = record(staff, provider, locally_owned_place=quayside)
    assert social_facts_in_force(provider) == check
    assert check.checked_by == staff and check.checked_by_body == council
    entry = AuditEntry.objects.get(model="organisations.socialfactscheck", action="create")
    assert entry.actor == staff
    assert entry.after["evidence"] == EVIDENCE
    assert entry.after["locally_owned_place_id"] == quayside.pk


def test_the_newest_check_is_in_force_and_a_withdrawn_one_leaves_none(provider, staff, back_office):
    first = record(staff, provider)
    second = record(back_office, provider, asset_lock=False, evidence="Accounts 2026, seen today")
    assert social_facts_in_force(provider) == second
    assert second.checked_by_body is None  # the back office
    check_withdraw(actor=staff, check=second, reason="Read the wrong accounts")
    # The check it replaced does not come back: the facts are not checked until checked again.
    assert social_facts_in_force(provider) is None
    first.refresh_from_db()
    assert first.revoked_at is None
    second.refresh_from_db()
    assert second.revoked_by == staff and second.revoked_reason == "Read the wrong accounts"
    assert AuditEntry.objects.filter(
        model="organisations.socialfactscheck", action="update", reason="Read the wrong accounts"
    ).exists()


def test_the_same_facts_on_the_same_evidence_change_nothing(provider, staff):
    check = record(staff, provider)
    entries = AuditEntry.objects.count()
    assert record(staff, provider, evidence=f"  {EVIDENCE} ") == check
    assert SocialFactsCheck.objects.count() == 1
    assert AuditEntry.objects.count() == entries


def test_a_check_needs_evidence_a_share_within_0_and_100_and_a_place_it_serves(
    provider, staff, elsewhere
):
    with pytest.raises(ValidationError) as blank:
        record(staff, provider, evidence="   ")
    assert "evidence" in blank.value.message_dict
    with pytest.raises(ValidationError) as too_much:
        record(staff, provider, profits_reinvested_percent=Decimal("100.5"))
    assert "profits_reinvested_percent" in too_much.value.message_dict
    with pytest.raises(ValidationError) as far:
        record(staff, provider, locally_owned_place=elsewhere)
    assert "locally_owned_place" in far.value.message_dict
    assert not SocialFactsCheck.objects.exists()


def test_withdrawing_needs_a_reason_and_happens_once(provider, staff, other_staff):
    check = record(staff, provider)
    with pytest.raises(ValidationError):
        check_withdraw(actor=staff, check=check, reason="  ")
    with pytest.raises(PermissionDenied):
        check_withdraw(actor=other_staff, check=check, reason="Not mine to withdraw")
    check_withdraw(actor=staff, check=check, reason="Wrong document")
    with pytest.raises(ValidationError):
        check_withdraw(actor=staff, check=check, reason="Again")


def test_the_checks_in_force_for_many_organisations_in_one_query(
    provider, staff, back_office, django_assert_num_queries
):
    others = [OrganisationFactory(name=f"Co-op {n}") for n in range(5)]
    for other in others:
        other.places_served.set(provider.places_served.all())
        record(back_office, other)
    record(staff, provider)
    withdrawn = record(back_office, others[0], asset_lock=False, evidence="Newer look")
    check_withdraw(actor=back_office, check=withdrawn, reason="Mistaken")
    ids = [provider.pk, *(other.pk for other in others)]
    with django_assert_num_queries(1):
        checks = social_facts_in_force_for(ids)
        bodies = {pk: check.checked_by_body for pk, check in checks.items()}
    assert set(checks) == set(ids) - {others[0].pk}
    assert bodies[provider.pk].name == "Riverside Council"
    assert social_facts_in_force_for([]) == {}


# --- the pages ------------------------------------------------------------------------------------


def social_facts_section(page) -> str:
    text = page.content.decode()
    start = text.index('id="social-value-facts"')
    return text[start : text.index("</dl>", start) if "</dl>" in text[start:] else None]


def test_the_organisations_page_says_not_checked_then_who_checked_and_when(
    provider, staff, client, sign_in, quayside
):
    provider.asset_lock = True
    provider.profits_reinvested_percent = Decimal("95")
    provider.save()
    page = client.get(provider.get_absolute_url())
    assert "Not checked" in page.content.decode()
    assert "Check its social value facts" not in page.content.decode()

    record(staff, provider, profits_reinvested_percent=Decimal("60"), locally_owned_place=quayside)
    page = client.get(provider.get_absolute_url())
    section = social_facts_section(page)
    assert "Riverside Council" in section
    assert "Chris Commissioner" not in section  # the body, never the person
    assert "60%, checked" in section and "In Quayside, checked" in section
    assert EVIDENCE in section
    # What it says of itself is still shown, above.
    assert "95%" in page.content.decode()

    staff_page = sign_in(staff).get(provider.get_absolute_url())
    assert url(provider) in staff_page.content.decode()
    assert "Withdraw this check" in staff_page.content.decode()


def test_the_page_records_a_check_and_an_unchanged_form_changes_nothing(
    provider, staff, sign_in, quayside
):
    caller = sign_in(staff)
    sent = caller.post(url(provider), form_data(locally_owned_place=str(quayside.pk)))
    assert sent.status_code == 302 and sent["Location"] == provider.get_absolute_url()
    check = social_facts_in_force(provider)
    assert check.asset_lock and check.profits_reinvested_percent == Decimal("80")
    assert check.locally_owned_place == quayside
    # The form comes back filled in with the check in force; sent as it is, nothing changes.
    page = caller.get(url(provider))
    assert page.context["form"].initial["locally_owned_place"] == quayside.pk
    entries = AuditEntry.objects.count()
    again = caller.post(url(provider), form_data(locally_owned_place=str(quayside.pk)))
    assert again.status_code == 302
    assert SocialFactsCheck.objects.count() == 1 and AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"evidence": ""}, "evidence"),
        ({"evidence": "x" * 2001}, "evidence"),
        ({"asset_lock": ""}, "asset_lock"),
        ({"asset_lock": "maybe"}, "asset_lock"),
        ({"profits_reinvested_percent": "150"}, "profits_reinvested_percent"),
        ({"profits_reinvested_percent": "-1"}, "profits_reinvested_percent"),
        ({"profits_reinvested_percent": "lots"}, "profits_reinvested_percent"),
        ({"profits_reinvested_percent": "NaN"}, "profits_reinvested_percent"),
        ({"profits_reinvested_percent": "1e400"}, "profits_reinvested_percent"),
        ({"locally_owned_place": str(2**70)}, "locally_owned_place"),
        ({"locally_owned_place": "-1"}, "locally_owned_place"),
        ({"locally_owned_place": "ward"}, "locally_owned_place"),
    ],
)
def test_bad_input_is_shown_in_an_error_summary_and_saves_nothing(
    changes, field, provider, staff, sign_in
):
    page = sign_in(staff).post(url(provider), form_data(**changes))
    assert page.status_code == 200
    assert "govuk-error-summary" in page.content.decode()
    assert field in page.context["form"].errors
    assert not SocialFactsCheck.objects.exists()


def test_a_place_the_staff_do_not_cover_is_not_offered_nor_taken(
    provider, staff, sign_in, elsewhere
):
    page = sign_in(staff).post(url(provider), form_data(locally_owned_place=str(elsewhere.pk)))
    assert page.status_code == 200
    assert "locally_owned_place" in page.context["form"].errors
    assert not SocialFactsCheck.objects.exists()


def test_a_percent_sign_is_understood(provider, staff, sign_in):
    sign_in(staff).post(url(provider), form_data(profits_reinvested_percent="75.5%"))
    assert social_facts_in_force(provider).profits_reinvested_percent == Decimal("75.5")


def test_withdrawing_from_the_page(provider, staff, other_staff, sign_in, client):
    check = record(staff, provider)
    withdraw = reverse(
        "organisations:social-facts-withdraw",
        kwargs={"slug": provider.slug, "check_id": check.pk},
    )
    assert sign_in(other_staff).post(withdraw, {"reason": "No"}).status_code == 403
    caller = sign_in(staff)
    blank = caller.post(withdraw, {"reason": ""})
    assert blank.status_code == 200 and "govuk-error-summary" in blank.content.decode()
    assert caller.post(withdraw, {"reason": "Wrong accounts"}).status_code == 302
    assert social_facts_in_force(provider) is None
    assert caller.get(withdraw).status_code == 404  # already withdrawn


def test_unknown_organisations_and_checks_are_not_found(provider, staff, back_office, sign_in):
    check = record(staff, provider)
    other = OrganisationFactory(name="Another Co-op")
    caller = sign_in(back_office)
    missing = reverse("organisations:social-facts-check", kwargs={"slug": "no-such-organisation"})
    assert caller.get(missing).status_code == 404
    for slug, check_id in [
        (provider.slug, 2**70),
        (provider.slug, 2**63),
        (provider.slug, check.pk + 1000),
        (other.slug, check.pk),  # a check of another organisation
        ("no-such-organisation", check.pk),
    ]:
        address = f"/organisations/{slug}/social-facts/{check_id}/withdraw/"
        assert caller.get(address).status_code == 404, address
        assert caller.post(address, {"reason": "x"}).status_code == 404, address
    assert social_facts_in_force(provider) == check


@pytest.mark.parametrize("who", ["staff", "back office"])
def test_the_check_pages_query_budget(
    who, provider, staff, back_office, sign_in, riverside, django_assert_max_num_queries
):
    person = {"staff": staff, "back office": back_office}[who]
    for number in range(20):
        provider.places_served.add(WardFactory(name=f"Ward {number}", parent=riverside))
    check = record(person, provider)
    caller = sign_in(person)
    with django_assert_max_num_queries(20):
        page = caller.get(url(provider))
    assert page.status_code == 200 and "Ward 19" in page.content.decode()
    with django_assert_max_num_queries(30):
        assert caller.post(url(provider), form_data(evidence="Seen again")).status_code == 302
    withdraw = reverse(
        "organisations:social-facts-withdraw",
        kwargs={"slug": provider.slug, "check_id": check.pk},
    )
    with django_assert_max_num_queries(20):
        assert caller.get(withdraw).status_code == 200
