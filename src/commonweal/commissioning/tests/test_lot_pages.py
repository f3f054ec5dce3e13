"""The lot designer: who may see a plan's lots and who may add, change and remove them; lots worth
more than the plan refused with a reason; an area from the plan's place and the places in it;
a lot sent back unchanged changing nothing; the same work for 3 lots as for 30.

The plan (conftest.py) has £1,200,000 over 60 months. Its providers have yearly turnovers of
£180,000 (Harbour Housing Co-op), £900,000 (Riverside Recovery) and £90m (Nationwide Care plc)."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.commissioning import services, services_design
from commonweal.commissioning.models import Lot
from commonweal.commissioning.tests.pages import text_of
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import OrganisationFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

CALLERS = ["anonymous", "resident", "stranger", "other_staff", "self_made", "staff", "back_office"]
MANAGERS = {"staff", "back_office"}


@pytest.fixture
def lot(plan, staff):
    return services_design.lot_save(
        actor=staff,
        plan=plan,
        title="Young people",
        split_by=Lot.SplitBy.COHORT,
        description="People aged 16 to 25.",
        value=Decimal("300000"),
    )


def lots_url(plan) -> str:
    return reverse("commissioning:lots", kwargs={"pk": plan.pk})


def add_url(plan) -> str:
    return reverse("commissioning:lot-add", kwargs={"pk": plan.pk})


def edit_url(lot) -> str:
    return reverse("commissioning:lot-edit", kwargs={"pk": lot.plan_id, "lot_pk": lot.pk})


def remove_url(lot) -> str:
    return reverse("commissioning:lot-remove", kwargs={"pk": lot.plan_id, "lot_pk": lot.pk})


def form(**changes) -> dict:
    return {
        "title": "Quayside",
        "split_by": "strand",
        "area": "",
        "description": "",
        "value": "£300,000",
        **changes,
    }


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", CALLERS)
def test_a_draft_plans_lots_are_for_those_who_run_it(as_caller, plan, lot, who):
    response = as_caller(who).get(lots_url(plan))
    assert response.status_code == (200 if who in MANAGERS else 403)


@pytest.mark.parametrize("who", CALLERS)
def test_everyone_sees_a_published_plans_lots(as_caller, published, lot, who):
    response = as_caller(who).get(lots_url(published))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Young people" in html
    assert (edit_url(lot) in html) == (who in MANAGERS)


@pytest.mark.parametrize("who", CALLERS)
@pytest.mark.parametrize("page", ["add", "edit", "remove"])
def test_only_those_who_run_the_plan_change_its_lots(as_caller, published, lot, who, page):
    address = {"add": add_url(published), "edit": edit_url(lot), "remove": remove_url(lot)}[page]
    client = as_caller(who)
    shown = client.get(address)
    sent = client.post(address, form(title="Changed"))
    if who in MANAGERS:
        assert shown.status_code == 200
        assert sent.status_code == 302
    else:
        expected = 302 if who == "anonymous" else 403  # anonymous: to sign in first
        assert shown.status_code == expected and sent.status_code == expected
        if who == "anonymous":
            assert shown["Location"].startswith(reverse("accounts:sign-in"))
        assert list(Lot.objects.values_list("title", flat=True)) == ["Young people"]


@pytest.mark.parametrize("who", ["resident", "other_staff", "self_made"])
def test_nobody_else_adds_a_lot_to_a_draft(as_caller, plan, who):
    assert as_caller(who).post(add_url(plan), form()).status_code == 403
    assert not Lot.objects.exists()


def test_an_unknown_plan_or_lot_is_not_found(sign_in, staff, plan, lot, health_body):
    client = sign_in(staff)
    assert client.get(reverse("commissioning:lots", kwargs={"pk": 999999})).status_code == 404
    assert (
        client.get(
            reverse("commissioning:lot-edit", kwargs={"pk": plan.pk, "lot_pk": 999999})
        ).status_code
        == 404
    )


def test_a_lot_of_another_plan_is_not_found_through_this_one(
    sign_in, staff, plan, lot, riverside, council
):
    other = services.plan_create(
        actor=staff, place=riverside, lead=council, title="Another", summary="Another plan."
    )
    wrong = reverse("commissioning:lot-edit", kwargs={"pk": other.pk, "lot_pk": lot.pk})
    assert sign_in(staff).get(wrong).status_code == 404


# --- designing lots --------------------------------------------------------------------------


def test_a_commissioner_adds_a_lot_and_sees_who_could_bid(sign_in, staff, plan, providers):
    client = sign_in(staff)
    response = client.post(add_url(plan), form())
    assert response.status_code == 302
    made = Lot.objects.get(plan=plan)
    assert (made.title, made.split_by, made.value) == ("Quayside", "strand", Decimal("300000"))
    assert AuditEntry.objects.filter(model="commissioning.lot", object_id=str(made.pk)).exists()
    words = text_of(client.get(lots_url(plan)))
    assert "The lot “Quayside” is added." in words
    # £300,000 over 60 months is £60,000 a year: within half of everyone's turnover.
    assert "£300,000 over 60 months: £60,000 a year" in words
    assert (
        "Could bid alone Harbour Housing Co-op, Nationwide Care plc and Riverside Recovery" in words
    )
    assert "Money in the plan £1,200,000 In lots £300,000 Not in a lot yet £900,000" in words


def test_lots_worth_more_than_the_plan_are_refused(sign_in, staff, plan, lot):
    response = sign_in(staff).post(add_url(plan), form(value="1000000"))
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert (
        "The lots would be worth £1,300,000.00, more than the £1,200,000.00 in the plan"
        in text_of(response)
    )
    assert Lot.objects.count() == 1


def test_a_lot_changed_to_more_than_the_plan_is_refused(sign_in, staff, plan, lot):
    response = sign_in(staff).post(
        edit_url(lot), form(title="Young people", split_by="cohort", value="1200001")
    )
    assert response.status_code == 200
    assert "more than the £1,200,000.00 in the plan" in text_of(response)
    lot.refresh_from_db()
    assert lot.value == Decimal("300000")


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"value": "-10"}, "Value over the whole contract, in pounds cannot be less than £0"),
        ({"value": ""}, "Enter value over the whole contract, in pounds"),
        ({"title": ""}, "Enter a title for the lot"),
        ({"split_by": "colour"}, "Choose how the lot is split from the rest of the plan"),
        ({"split_by": "geography"}, "Choose the area this lot covers"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_nothing_saved(
    sign_in, staff, plan, changes, message
):
    response = sign_in(staff).post(add_url(plan), form(**changes))
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert message in text_of(response)
    assert not Lot.objects.exists()


def test_an_area_is_the_plans_place_or_a_place_inside_it(sign_in, staff, plan, ward, elsewhere):
    client = sign_in(staff)
    page = client.get(add_url(plan)).content.decode()
    assert f'<option value="{plan.place.pk}">Riverside</option>' in page
    assert f'<option value="{ward.pk}">Quayside</option>' in page
    assert "Elsewhere" not in page
    refused = client.post(add_url(plan), form(split_by="geography", area=str(elsewhere.pk)))
    assert "Choose the plan's place or a place inside it" in text_of(refused)
    assert not Lot.objects.exists()
    assert (
        client.post(add_url(plan), form(split_by="geography", area=str(ward.pk))).status_code == 302
    )
    assert Lot.objects.get().area == ward
    assert "Area: Quayside" in text_of(client.get(lots_url(plan)))


def test_a_lot_sent_back_unchanged_changes_nothing(sign_in, staff, plan, lot):
    client = sign_in(staff)
    page = client.get(edit_url(lot)).content.decode()
    assert 'value="300000.00"' in page
    entries = AuditEntry.objects.count()
    sent = client.post(
        edit_url(lot),
        form(
            title="Young people",
            split_by="cohort",
            description="People aged 16 to 25.",
            value="300000.00",
        ),
    )
    assert sent.status_code == 302
    assert AuditEntry.objects.count() == entries


def test_a_lot_is_changed(sign_in, staff, plan, lot):
    client = sign_in(staff)
    client.post(edit_url(lot), form(title="Young adults", split_by="cohort", value="400000"))
    lot.refresh_from_db()
    assert (lot.title, lot.value) == ("Young adults", Decimal("400000"))


def test_removing_a_lot_asks_first_then_removes_it(sign_in, staff, plan, lot):
    client = sign_in(staff)
    question = client.get(remove_url(lot))
    assert "Are you sure you want to remove the lot Young people?" in text_of(question)
    assert Lot.objects.exists()
    assert client.post(remove_url(lot)).status_code == 302
    assert not Lot.objects.exists()
    assert AuditEntry.objects.filter(model="commissioning.lot", action="delete").exists()


def test_without_lots_the_page_says_so(sign_in, staff, plan):
    words = text_of(sign_in(staff).get(lots_url(plan)))
    assert "The plan is not split into lots yet." in words
    assert "Add a lot" in words


# --- the same work for 3 as for 30 -----------------------------------------------------------


def grow(plan, staff, size: int) -> None:
    for number in range(size):
        OrganisationFactory(
            name=f"Provider {size}-{number}", annual_turnover=Decimal(40000 * (number + 1))
        ).places_served.add(plan.place)
        services_design.lot_save(
            actor=staff,
            plan=plan,
            title=f"Lot {size}-{number}",
            split_by=Lot.SplitBy.STRAND,
            value=Decimal("20000"),
        )


@pytest.mark.parametrize("who", ["visitor", "staff"])
def test_the_lots_read_as_much_for_30_as_for_3(sign_in, staff, published, ward, who):
    services_design.lot_save(
        actor=staff,
        plan=published,
        title="Quayside",
        split_by=Lot.SplitBy.GEOGRAPHY,
        area=ward,
        value=Decimal("1000"),
    )
    client = Client() if who == "visitor" else sign_in(staff)
    grow(published, staff, 3)
    few, _page = queries_for(client, lots_url(published))
    grow(published, staff, 27)
    many, page = queries_for(client, lots_url(published))
    assert "Provider 27-" in page.content.decode()
    no_growth(few, many, ceiling=25, what=f"the lots, as {who}")


def test_the_lot_form_reads_as_much_for_a_council_with_30_wards_as_with_3(sign_in, staff, plan):
    from commonweal.testing.factories import WardFactory

    client = sign_in(staff)
    for number in range(3):
        WardFactory(name=f"Ward A{number}", parent=plan.place)
    few, _page = queries_for(client, add_url(plan))
    for number in range(27):
        WardFactory(name=f"Ward B{number}", parent=plan.place)
    many, page = queries_for(client, add_url(plan))
    assert "Ward B26" in page.content.decode()
    no_growth(few, many, ceiling=25, what="the lot form")
