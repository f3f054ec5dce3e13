"""The agreements' pages: who may see and do what on each, what each shows, bad input, an unchanged
edit changing nothing, and the list's query budget."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from commonweal.agreements.models import KPI, Agreement, AssetTransfer, BreakPoint, Variation
from commonweal.agreements.tests.conftest import make_agreement
from commonweal.testing.factories import OrganisationFactory, confirmed_totp_device
from commonweal.testing.queries import no_growth, queries_for

PEOPLE = (
    "anonymous",
    "resident",
    "stranger",
    "self_made",
    "provider_person",
    "other_staff",
    "staff",
    "back_office",
)


@pytest.fixture
def people(request):
    def person(name):
        return None if name == "anonymous" else request.getfixturevalue(name)

    return person


def signed_in(client, user):
    """Signed in, with a second factor where the person's roles need one (as the root conftest's
    sign_in fixture does)."""
    if user is not None:
        client.force_login(user)
        if user.needs_two_factor:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = confirmed_totp_device(user).persistent_id
            session.save()
    return client


def date_fields(name, day):
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


# The list


def test_the_public_sees_live_agreements_not_drafts(client, contract, draft):
    page = client.get(reverse("agreements:list"))
    assert page.status_code == 200
    assert contract.title in page.text
    assert draft.title not in page.text


@pytest.mark.parametrize("name", ["staff", "provider_person", "back_office"])
def test_the_parties_see_their_drafts(client, contract, draft, people, name):
    page = signed_in(client, people(name)).get(reverse("agreements:list"))
    assert draft.title in page.text


@pytest.mark.parametrize("name", ["resident", "stranger", "self_made", "other_staff"])
def test_others_do_not_see_drafts(client, draft, people, name):
    page = signed_in(client, people(name)).get(reverse("agreements:list"))
    assert page.status_code == 200
    assert draft.title not in page.text


def test_the_list_filters(client, contract, partnership, riverside, elsewhere, council, provider):
    other = make_agreement(
        place=elsewhere,
        commissioner=council,
        provider=OrganisationFactory(name="Far Away Ltd"),
        title="Far away contract",
    )
    url = reverse("agreements:list")
    assert other.title not in client.get(url, {"place": riverside.slug}).text
    by_kind = client.get(url, {"kind": "strategic_partnership"}).text
    assert partnership.title in by_kind and contract.title not in by_kind
    by_name = client.get(url, {"provider": "far away"}).text
    assert other.title in by_name and contract.title not in by_name
    assert contract.title not in client.get(url, {"status": "ended"}).text
    mine = client.get(url, {"organisation": provider.pk}).text
    assert contract.title in mine and other.title not in mine
    # Nonsense filters are ignored, never an error.
    assert (
        client.get(url, {"kind": "nope", "organisation": "x", "place": "nowhere"}).status_code
        == 200
    )


def test_the_list_query_budget(client, riverside, council, staff):
    def build(count):
        for n in range(count):
            make_agreement(
                place=riverside,
                commissioner=council,
                provider=OrganisationFactory(name=f"Provider {n}"),
                title=f"Agreement {n}",
            )

    build(3)
    signed_in(client, staff)
    few, _page = queries_for(client, reverse("agreements:list"))
    build(27)
    many, page = queries_for(client, reverse("agreements:list"))
    no_growth(few, many, ceiling=25, what="the agreements list")
    assert "30 agreements" in page.text


# One agreement


@pytest.mark.parametrize("name", PEOPLE)
def test_everyone_sees_a_live_agreement(client, contract, people, name):
    page = signed_in(client, people(name)).get(contract.get_absolute_url())
    assert page.status_code == 200
    assert "£1,200,000.00" in page.text
    assert ("Record a change" in page.text) == (name in ("staff", "back_office"))


@pytest.mark.parametrize(
    "name,status",
    [
        ("anonymous", 403),
        ("resident", 403),
        ("stranger", 403),
        ("self_made", 403),
        ("other_staff", 403),
        ("provider_person", 200),
        ("staff", 200),
        ("back_office", 200),
    ],
)
def test_a_draft_is_seen_by_its_parties_only(client, draft, people, name, status):
    assert signed_in(client, people(name)).get(draft.get_absolute_url()).status_code == status


def test_an_unknown_agreement_is_not_found(client, db):
    assert client.get(reverse("agreements:detail", kwargs={"pk": 999999})).status_code == 404


def test_the_page_shows_what_hangs_off_it(client, contract, staff):
    KPI.objects.create(agreement=contract, title="Tenancies kept", target="85%")
    BreakPoint.objects.create(agreement=contract, on=datetime.date(2029, 3, 31), notice_months=6)
    AssetTransfer.objects.create(
        agreement=contract, kind="property", description="12 Quay Street", value=Decimal("240000")
    )
    Variation.objects.create(
        agreement=contract,
        kind="value",
        reason="More places",
        before={"value": "1200000.00"},
        after={"value": "1300000"},
    )
    text = client.get(contract.get_absolute_url()).text
    for shown in ("Tenancies kept", "31 March 2029", "12 Quay Street", "More places", "1300000"):
        assert shown in text


def test_an_alliance_shows_its_members_and_an_outcomes_contract_its_rate_card(
    client, riverside, council, provider
):
    alliance = make_agreement(
        kind="alliance", place=riverside, commissioner=council, title="Alliance"
    )
    alliance.members.create(organisation=council, role="commissioner")
    alliance.members.create(organisation=provider, role="provider")
    text = client.get(alliance.get_absolute_url()).text
    assert "Harbour Housing Co-op" in text and "Riverside Council" in text
    outcomes = make_agreement(
        kind="outcomes_contract",
        place=riverside,
        commissioner=council,
        provider=provider,
        rate_card=[{"outcome": "A tenancy kept for a year", "price": "1500.00"}],
        title="Outcomes",
    )
    assert "A tenancy kept for a year" in client.get(outcomes.get_absolute_url()).text


def test_a_partnership_shows_its_subcontracts(client, partnership, provider_person):
    sub = make_agreement(
        kind="subcontract",
        parent=partnership,
        place=partnership.place,
        commissioner=partnership.provider,
        provider=OrganisationFactory(name="Small Steps CIC"),
        payment_terms_days=20,
        title="Small steps",
    )
    assert sub.title in client.get(partnership.get_absolute_url()).text
    signed_in(client, provider_person)
    assert "Record a subcontract" in client.get(partnership.get_absolute_url()).text


# Entering


@pytest.mark.parametrize(
    "name,status",
    [
        ("anonymous", 302),
        ("resident", 403),
        ("stranger", 403),
        ("self_made", 403),
        ("provider_person", 403),
        ("other_staff", 200),
        ("staff", 200),
        ("back_office", 200),
    ],
)
def test_who_may_enter_an_agreement(client, people, name, status, riverside):
    person = signed_in(client, people(name))
    assert person.get(reverse("agreements:enter")).status_code == status
    url = reverse("agreements:enter-kind", kwargs={"kind": "contract"})
    assert person.get(url).status_code == status


def test_enter_a_contract(client, staff, riverside, council, provider):
    signed_in(client, staff)
    page = client.post(reverse("agreements:enter"), {"kind": "contract"})
    assert page.url == reverse("agreements:enter-kind", kwargs={"kind": "contract"})
    data = {
        "place": riverside.pk,
        "commissioner": council.pk,
        "title": "Floating support",
        "provider": provider.pk,
        "value": "300000",
        "max_extension_months": "12",
        "payment_terms_days": "30",
        "payment_profile": "monthly_arrears",
        **date_fields("starts_on", datetime.date(2026, 4, 1)),
        **date_fields("ends_on", datetime.date(2029, 3, 31)),
    }
    page = client.post(page.url, data)
    made = Agreement.objects.get(title="Floating support")
    assert page.url == made.get_absolute_url()
    assert made.status == "draft" and made.provider == provider


def test_bad_input_is_shown_on_the_form(client, staff, riverside, council, provider):
    signed_in(client, staff)
    data = {
        "place": riverside.pk,
        "commissioner": council.pk,
        "title": "Floating support",
        "provider": provider.pk,
        "value": "300000",
        "max_extension_months": "0",
        "payment_terms_days": "45",
        "payment_profile": "monthly_arrears",
        **date_fields("starts_on", datetime.date(2026, 4, 1)),
        **date_fields("ends_on", datetime.date(2026, 3, 31)),
    }
    page = client.post(reverse("agreements:enter-kind", kwargs={"kind": "contract"}), data)
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert "must end after it starts" in page.text
    assert not Agreement.objects.exists()
    assert (
        client.post(reverse("agreements:enter-kind", kwargs={"kind": "contract"}), {}).status_code
        == 200
    )


def test_an_unknown_kind_is_not_found(client, staff):
    signed_in(client, staff)
    assert (
        client.get(reverse("agreements:enter-kind", kwargs={"kind": "subcontract"})).status_code
        == 404
    )


def test_enter_an_outcomes_contract_with_its_rate_card(client, staff, riverside, council, provider):
    signed_in(client, staff)
    data = {
        "place": riverside.pk,
        "commissioner": council.pk,
        "title": "Outcomes",
        "provider": provider.pk,
        "value": "300000",
        "max_extension_months": "0",
        "payment_terms_days": "30",
        "payment_profile": "milestone",
        "rate_card": "A tenancy kept for a year | 1500\nBack in work | 2,000",
        **date_fields("starts_on", datetime.date(2026, 4, 1)),
        **date_fields("ends_on", datetime.date(2029, 3, 31)),
    }
    url = reverse("agreements:enter-kind", kwargs={"kind": "outcomes_contract"})
    page = client.post(url, data)
    assert "Line 2 needs an outcome" in page.text
    data["rate_card"] = "A tenancy kept for a year | 1500\nBack in work | 2000"
    client.post(url, data)
    assert Agreement.objects.get(title="Outcomes").rate_card == [
        {"outcome": "A tenancy kept for a year", "price": "1500.00"},
        {"outcome": "Back in work", "price": "2000.00"},
    ]


def test_the_partner_records_a_subcontract(client, partnership, provider_person, staff):
    url = reverse("agreements:subcontract-enter", kwargs={"pk": partnership.pk})
    signed_in(client, staff)
    assert client.get(url).status_code == 403
    signed_in(client, provider_person)
    small = OrganisationFactory(name="Small Steps CIC")
    data = {
        "title": "Small steps",
        "provider": small.pk,
        "value": "40000",
        "max_extension_months": "0",
        "payment_terms_days": "25",
        "payment_profile": "monthly_arrears",
        **date_fields("starts_on", datetime.date(2026, 4, 1)),
        **date_fields("ends_on", datetime.date(2027, 3, 31)),
    }
    page = client.post(url, data)
    assert "20 days or sooner" in page.text
    data["payment_terms_days"] = "20"
    client.post(url, data)
    assert partnership.subcontracts.get().provider == small


# Editing a draft, putting it in force


@pytest.mark.parametrize(
    "name,status",
    [
        ("anonymous", 302),
        ("resident", 403),
        ("stranger", 403),
        ("self_made", 403),
        ("provider_person", 403),
        ("other_staff", 403),
        ("staff", 200),
        ("back_office", 200),
    ],
)
def test_who_may_edit_a_draft(client, draft, people, name, status):
    person = signed_in(client, people(name))
    assert person.get(reverse("agreements:edit", kwargs={"pk": draft.pk})).status_code == status
    assert (
        person.get(reverse("agreements:make-live", kwargs={"pk": draft.pk})).status_code == status
    )


def _form_data(page) -> dict:
    """What the form holds as shown, sent back as it is."""
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if hasattr(field, "error_parts") or name in ("starts_on", "ends_on"):
            day = form.initial.get(name)
            if day:
                data.update(date_fields(name, day))
            continue
        if value is None:
            continue
        data[name] = value
    return data


def test_a_draft_sent_back_unchanged_changes_nothing(client, draft, staff):
    signed_in(client, staff)
    url = reverse("agreements:edit", kwargs={"pk": draft.pk})
    before = list(Agreement.objects.filter(pk=draft.pk).values())
    page = client.post(url, _form_data(client.get(url)))
    assert page.status_code == 302, page.context["form"].errors
    assert list(Agreement.objects.filter(pk=draft.pk).values()) == before


def test_a_live_agreement_is_changed_by_a_variation(client, contract, staff):
    signed_in(client, staff)
    page = client.get(reverse("agreements:edit", kwargs={"pk": contract.pk}))
    assert page.url == reverse("agreements:vary", kwargs={"pk": contract.pk})


def test_put_in_force(client, draft, staff):
    signed_in(client, staff)
    client.post(reverse("agreements:make-live", kwargs={"pk": draft.pk}))
    draft.refresh_from_db()
    assert draft.status == "live"


def test_a_big_contract_waits_for_its_kpis(client, draft, staff):
    draft.value = Decimal("5000000.01")
    draft.save()
    signed_in(client, staff)
    page = client.post(reverse("agreements:make-live", kwargs={"pk": draft.pk}))
    assert "at least 3" in page.text
    draft.refresh_from_db()
    assert draft.status == "draft"


# Variations


@pytest.mark.parametrize(
    "name,status",
    [
        ("anonymous", 302),
        ("resident", 403),
        ("stranger", 403),
        ("self_made", 403),
        ("provider_person", 403),
        ("other_staff", 403),
        ("staff", 200),
        ("back_office", 200),
    ],
)
def test_who_may_vary(client, contract, people, name, status):
    url = reverse("agreements:vary", kwargs={"pk": contract.pk})
    assert signed_in(client, people(name)).get(url).status_code == status


def test_vary_the_value(client, contract, staff):
    signed_in(client, staff)
    url = reverse("agreements:vary", kwargs={"pk": contract.pk})
    page = client.post(url, {"kind": "value", "reason": "More places", "value": "1320000.01"})
    assert "£1,320,000.00" in page.text
    page = client.post(url, {"kind": "value", "reason": "", "value": "1300000"})
    assert "Say why the agreement is changing" in page.text
    client.post(url, {"kind": "value", "reason": "More places", "value": "1300000"})
    contract.refresh_from_db()
    assert contract.value == Decimal("1300000")
    assert "More places" in client.get(contract.get_absolute_url()).text


def test_extend(client, contract, staff):
    signed_in(client, staff)
    url = reverse("agreements:vary", kwargs={"pk": contract.pk})
    page = client.post(
        url,
        {
            "kind": "extension",
            "reason": "More time",
            **date_fields("ends_on", datetime.date(2033, 4, 1)),
        },
    )
    assert "31 March 2033" in page.text
    client.post(
        url,
        {
            "kind": "extension",
            "reason": "More time",
            **date_fields("ends_on", datetime.date(2032, 3, 31)),
        },
    )
    contract.refresh_from_db()
    assert contract.ends_on == datetime.date(2032, 3, 31)


# KPIs, break points, assets


@pytest.mark.parametrize("part", ["kpis", "break-points", "assets"])
@pytest.mark.parametrize(
    "name,status",
    [
        ("anonymous", 302),
        ("resident", 403),
        ("stranger", 403),
        ("self_made", 403),
        ("provider_person", 403),
        ("other_staff", 403),
        ("staff", 200),
        ("back_office", 200),
    ],
)
def test_who_may_change_the_parts(client, contract, people, name, status, part):
    url = reverse(f"agreements:{part}-add", kwargs={"pk": contract.pk})
    assert signed_in(client, people(name)).get(url).status_code == status


def test_kpis_are_added_changed_and_removed(client, contract, staff):
    signed_in(client, staff)
    client.post(
        reverse("agreements:kpis-add", kwargs={"pk": contract.pk}),
        {"title": "Kept", "target": "85%"},
    )
    kpi = contract.kpis.get()
    edit = reverse("agreements:kpis-edit", kwargs={"pk": contract.pk, "row_pk": kpi.pk})
    client.post(edit, {"title": "Kept", "target": "90%"})
    kpi.refresh_from_db()
    assert kpi.target == "90%"
    client.post(reverse("agreements:kpis-remove", kwargs={"pk": contract.pk, "row_pk": kpi.pk}))
    assert not contract.kpis.exists()


def test_a_break_point_outside_the_agreement_is_refused(client, contract, staff):
    signed_in(client, staff)
    page = client.post(
        reverse("agreements:break-points-add", kwargs={"pk": contract.pk}),
        {"notice_months": "6", **date_fields("on", datetime.date(2035, 1, 1))},
    )
    assert "A break day falls" in page.text
    assert not contract.break_points.exists()


def test_an_asset_sent_back_unchanged_changes_nothing(client, contract, staff):
    asset = AssetTransfer.objects.create(
        agreement=contract,
        kind="property",
        description="12 Quay Street",
        value=Decimal("240000"),
        conditions="Community use",
        transferred_on=datetime.date(2026, 5, 1),
    )
    signed_in(client, staff)
    url = reverse("agreements:assets-edit", kwargs={"pk": contract.pk, "row_pk": asset.pk})
    before = list(AssetTransfer.objects.values())
    data = {
        "kind": "property",
        "description": "12 Quay Street",
        "value": "240000.00",
        "conditions": "Community use",
        **date_fields("transferred_on", datetime.date(2026, 5, 1)),
    }
    assert client.post(url, data).status_code == 302
    assert list(AssetTransfer.objects.values()) == before


def test_a_row_of_another_agreement_is_not_found(client, contract, partnership, staff):
    kpi = KPI.objects.create(agreement=partnership, title="X", target="Y")
    signed_in(client, staff)
    url = reverse("agreements:kpis-edit", kwargs={"pk": contract.pk, "row_pk": kpi.pk})
    assert client.get(url).status_code == 404


# From an award


@pytest.mark.parametrize(
    "name,status",
    [
        ("anonymous", 302),
        ("resident", 403),
        ("stranger", 403),
        ("self_made", 403),
        ("provider_person", 403),
        ("other_staff", 200),
        ("staff", 200),
        ("back_office", 200),
    ],
)
def test_who_may_open_the_award_page(client, award, people, name, status):
    url = reverse("agreements:from-award", kwargs={"award_pk": award.pk})
    assert signed_in(client, people(name)).get(url).status_code == status


def test_the_award_waits_on_the_enter_page_and_makes_the_agreement(
    client, award, staff, other_staff
):
    url = reverse("agreements:from-award", kwargs={"award_pk": award.pk})
    signed_in(client, other_staff)
    assert url not in client.get(reverse("agreements:enter")).text
    assert client.post(url).status_code == 403
    signed_in(client, staff)
    assert url in client.get(reverse("agreements:enter")).text
    page = client.post(url)
    made = Agreement.objects.get(award=award)
    assert page.url == made.get_absolute_url()
    assert url not in client.get(reverse("agreements:enter")).text
    assert "already been made" in client.get(url).text
