"""Starting, reading and changing a commissioning plan, its stage and its money: who may, who may not."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commonweal.commissioning import services
from commonweal.commissioning.models import Contribution, Plan
from commonweal.core.forms import DateField
from commonweal.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def people(request, names):
    return {name: request.getfixturevalue(name) for name in names}


OUTSIDERS = ["resident", "stranger", "other_staff", "self_made"]


def test_a_commissioner_starts_a_plan_for_their_place(sign_in, staff, riverside, council):
    client = sign_in(staff)
    page = client.get(reverse("commissioning:plan-create-place"), {"place": riverside.pk})
    assert page.status_code == 302
    response = client.post(
        reverse("commissioning:plan-create", kwargs={"place_pk": riverside.pk}),
        {
            "title": "Befriending older people",
            "summary": "Fewer older people lonely.",
            "lead": council.pk,
            "duration_months": "36",
            "service_starts_on-day": "1",
            "service_starts_on-month": "4",
            "service_starts_on-year": "2028",
        },
    )
    plan = Plan.objects.get(title="Befriending older people")
    assert response.status_code == 302
    assert plan.lead == council and plan.place == riverside
    assert plan.service_starts_on == datetime.date(2028, 4, 1)
    assert plan.published_at is None
    assert AuditEntry.objects.filter(model="commissioning.plan", object_id=str(plan.pk)).exists()


def test_bad_input_is_refused_with_a_reason_and_nothing_saved(sign_in, staff, riverside, council):
    client = sign_in(staff)
    response = client.post(
        reverse("commissioning:plan-create", kwargs={"place_pk": riverside.pk}),
        {
            "title": "",
            "summary": "x",
            "lead": council.pk,
            "duration_months": "0",
            "service_starts_on-day": "1",
            "service_starts_on-month": "4",
            "service_starts_on-year": "2028",
            "procurement_starts_on-day": "1",
            "procurement_starts_on-month": "5",
            "procurement_starts_on-year": "2028",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in text
    assert "Enter a title for the plan" in text
    assert "The service must run for at least 1 month" in text
    assert not Plan.objects.exists()


def test_procurement_after_the_service_starts_is_refused(staff, riverside, council):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.plan_create(
            actor=staff,
            place=riverside,
            lead=council,
            title="Late",
            summary="x",
            service_starts_on=datetime.date(2028, 1, 1),
            procurement_starts_on=datetime.date(2028, 6, 1),
        )
    assert "before the service starts" in str(refused.value)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_cannot_start_a_plan_for_riverside(request, sign_in, riverside, who):
    client = sign_in(request.getfixturevalue(who))
    url = reverse("commissioning:plan-create", kwargs={"place_pk": riverside.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Mine", "summary": "x"}).status_code == 403
    assert not Plan.objects.exists()


def test_a_draft_is_seen_only_by_those_who_run_it(
    request, client, sign_in, plan, staff, back_office
):
    url = plan.get_absolute_url()
    assert client.get(url).status_code == 403
    for who in OUTSIDERS:
        assert sign_in(request.getfixturevalue(who)).get(url).status_code == 403, who
    assert sign_in(staff).get(url).status_code == 200
    assert sign_in(back_office).get(url).status_code == 200
    assert client.get(reverse("commissioning:plan", kwargs={"pk": 999999})).status_code in (
        403,
        404,
    )


def test_a_draft_is_not_listed_for_others(client, sign_in, plan, staff, stranger):
    assert plan.title not in client.get(reverse("commissioning:plans")).content.decode()
    assert plan.title not in sign_in(stranger).get(reverse("commissioning:plans")).content.decode()
    assert plan.title in sign_in(staff).get(reverse("commissioning:plans")).content.decode()


def test_a_published_plan_is_open_to_everyone(client, published):
    page = client.get(published.get_absolute_url())
    assert page.status_code == 200
    assert "£1,200,000.00" in page.content.decode()
    assert published.title in client.get(reverse("commissioning:plans")).content.decode()


def test_citizen_commissioners_on_the_plan_see_the_draft(sign_in, plan, stranger):
    plan.citizen_commissioners.add(stranger)
    assert sign_in(stranger).get(plan.get_absolute_url()).status_code == 200
    assert (
        sign_in(stranger)
        .get(reverse("commissioning:plan-edit", kwargs={"pk": plan.pk}))
        .status_code
        == 403
    )


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_cannot_change_a_published_plan(request, sign_in, published, who):
    client = sign_in(request.getfixturevalue(who))
    for name in ("plan-edit", "plan-stage", "current-spend"):
        url = reverse(f"commissioning:{name}", kwargs={"pk": published.pk})
        assert client.get(url).status_code == 403, name
        assert client.post(url, {"title": "Taken"}).status_code == 403, name
    response = client.post(
        reverse("commissioning:money", kwargs={"pk": published.pk}),
        {"organisation": published.lead_id, "financial_year": "2029", "amount": "1"},
    )
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.title == "Homelessness and recovery"
    assert published.contributions.count() == 2


def test_a_pooling_agency_runs_the_plan_with_the_lead(
    sign_in, plan, staff, health_body, health_staff
):
    client = sign_in(health_staff)
    edit = reverse("commissioning:plan-edit", kwargs={"pk": plan.pk})
    assert client.get(edit).status_code == 403  # not yet paying in
    services.contribution_save(
        actor=staff,
        plan=plan,
        organisation=health_body,
        financial_year=2027,
        amount=Decimal("250000"),
    )
    assert client.get(edit).status_code == 200


def test_pooled_money_is_shown_year_by_year_and_by_agency(sign_in, plan, staff, health_body):
    services.contribution_save(
        actor=staff,
        plan=plan,
        organisation=health_body,
        financial_year=2027,
        amount=Decimal("250000"),
        conditions="Only for health outcomes",
    )
    text = (
        sign_in(staff).get(reverse("commissioning:money", kwargs={"pk": plan.pk})).content.decode()
    )
    assert "£1,450,000.00 pooled" in text
    assert "£850,000.00" in text  # 2027: 600,000 + 250,000
    assert "Only for health outcomes" in text


def test_money_bad_input_and_duplicates_are_refused(sign_in, plan, staff, council):
    client = sign_in(staff)
    url = reverse("commissioning:money", kwargs={"pk": plan.pk})
    negative = client.post(
        url, {"organisation": council.pk, "financial_year": "2029", "amount": "-5"}
    )
    assert "must be £0 or more" in negative.content.decode()
    again = client.post(url, {"organisation": council.pk, "financial_year": "2027", "amount": "5"})
    assert "already has money in this plan for that year" in again.content.decode()
    assert plan.contributions.count() == 2


def test_the_stage_moves_only_with_a_route_and_a_reason(sign_in, plan, staff):
    client = sign_in(staff)
    url = reverse("commissioning:plan-stage", kwargs={"pk": plan.pk})
    refused = client.post(url, {"status": "in_competition", "reason": "Ready"})
    assert "Choose a route to market" in refused.content.decode()
    services.route_choose(actor=staff, plan=plan, route="grant", reason="A grant fits", advice=None)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ROUTE_CHOSEN
    assert client.post(url, {"status": "in_competition", "reason": "Tender out"}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.Status.IN_COMPETITION


def test_the_edit_form_sent_back_unchanged_changes_nothing(sign_in, plan, staff):
    client = sign_in(staff)
    url = reverse("commissioning:plan-edit", kwargs={"pk": plan.pk})
    form = client.get(url).context["form"]
    data: dict = {}
    for name, field in form.fields.items():
        value = form.initial.get(name)
        if isinstance(field, DateField):
            if value:
                data |= {
                    f"{name}-day": value.day,
                    f"{name}-month": value.month,
                    f"{name}-year": value.year,
                }
        elif isinstance(value, list):
            data[name] = [str(item) for item in value]
        elif value is not None:
            data[name] = value
    before = AuditEntry.objects.count()
    updated = Plan.objects.get(pk=plan.pk).updated_at
    assert client.post(url, data).status_code == 302
    assert AuditEntry.objects.count() == before
    assert Plan.objects.get(pk=plan.pk).updated_at == updated


def test_contribution_services_keep_the_audit_trail(plan, staff, council):
    row = Contribution.objects.filter(plan=plan).first()
    services.contribution_remove(actor=staff, contribution=row)
    assert AuditEntry.objects.filter(model="commissioning.contribution", action="delete").exists()


def test_the_route_chosen_is_named_in_words_on_the_plan(sign_in, plan, staff):
    services.route_choose(
        actor=staff, plan=plan, route="alliance", reason="Eight providers, one budget", advice=None
    )
    text = sign_in(staff).get(plan.get_absolute_url()).content.decode()
    assert "An alliance contract" in text
    assert "Eight providers, one budget" in text


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_cannot_change_money_spend_or_engagement_of_a_published_plan(
    request, sign_in, published, staff, providers, who
):
    from commonweal.commissioning import services_pipeline

    contribution = published.contributions.first()
    contract = services.current_contract_add(
        actor=staff,
        plan=published,
        provider=providers[0],
        description="Now",
        annual_value=Decimal(5),
    )
    event = services_pipeline.event_save(
        actor=staff, plan=published, title="Day", held_on=datetime.date(2027, 1, 5), notes="Said"
    )
    pk = published.pk
    urls = [
        reverse("commissioning:money-edit", kwargs={"pk": pk, "contribution_pk": contribution.pk}),
        reverse(
            "commissioning:money-remove", kwargs={"pk": pk, "contribution_pk": contribution.pk}
        ),
        reverse(
            "commissioning:current-spend-remove", kwargs={"pk": pk, "contract_pk": contract.pk}
        ),
        reverse("commissioning:event-add", kwargs={"pk": pk}),
        reverse("commissioning:event-edit", kwargs={"pk": pk, "event_pk": event.pk}),
    ]
    client = sign_in(request.getfixturevalue(who))
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Taken", "amount": "1"}).status_code == 403, url
    publish = reverse("commissioning:event-publish", kwargs={"pk": pk, "event_pk": event.pk})
    assert client.post(publish).status_code == 403
    assert published.contributions.filter(pk=contribution.pk, amount=contribution.amount).exists()
    assert published.current_contracts.filter(pk=contract.pk).exists()
    event.refresh_from_db()
    assert event.title == "Day" and event.notes_published_at is None
    assert published.engagement_events.count() == 1


@pytest.mark.parametrize("who", ["resident", "stranger", "self_made"])
def test_people_who_commission_nowhere_cannot_start_a_plan(request, sign_in, riverside, who):
    client = sign_in(request.getfixturevalue(who))
    url = reverse("commissioning:plan-create-place")
    assert client.get(url).status_code == 403
    assert client.get(url, {"place": riverside.pk}).status_code == 403


def test_another_places_commissioner_is_offered_only_their_own_place(
    sign_in, other_staff, riverside, elsewhere
):
    client = sign_in(other_staff)
    url = reverse("commissioning:plan-create-place")
    refused = client.get(url, {"place": riverside.pk})
    assert refused.status_code == 200
    assert "Choose a place you commission for" in refused.content.decode()
    chosen = client.get(url, {"place": elsewhere.pk})
    assert chosen.status_code == 302
    assert chosen["Location"] == reverse(
        "commissioning:plan-create", kwargs={"place_pk": elsewhere.pk}
    )


def test_parts_of_another_plan_are_not_found_through_this_one(
    sign_in, plan, staff, riverside, council
):
    other = services.plan_create(
        actor=staff, place=riverside, lead=council, title="Other", summary="x"
    )
    services.contribution_save(
        actor=staff, plan=other, organisation=council, financial_year=2030, amount=Decimal(1)
    )
    theirs = other.contributions.get()
    url = reverse("commissioning:money-edit", kwargs={"pk": plan.pk, "contribution_pk": theirs.pk})
    assert sign_in(staff).get(url).status_code == 404


def test_without_the_ocds_schema_a_plan_is_published_and_its_open_data_waits(
    sign_in, plan, staff, settings, tmp_path
):
    from commonweal.opendata.models import Release

    settings.OCDS_SCHEMA_DIR = str(tmp_path)  # a folder with no schema in it
    client = sign_in(staff)
    published = client.post(reverse("commissioning:publish", kwargs={"pk": plan.pk}), follow=True)
    text = published.content.decode()
    plan.refresh_from_db()
    assert plan.is_published
    assert not Release.objects.exists()  # nothing that could not be checked is published
    assert "Its open data is not published yet" in text
    assert "make ocds-schema" in text
    # Asking for the latest details to be published says why it cannot be, and publishes nothing.
    again = client.post(reverse("commissioning:publish", kwargs={"pk": plan.pk}), follow=True)
    assert "OCDS_SCHEMA_DIR" in again.content.decode()
    assert not Release.objects.exists()
