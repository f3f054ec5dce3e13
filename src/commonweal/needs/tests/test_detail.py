"""The need page: anyone can read it; what else each person sees depends on who they are."""

import pytest
from django.urls import reverse

from commonweal.needs import services

pytestmark = pytest.mark.django_db

EVERYONE = ["anonymous", "stranger", "raiser", "place_staff", "other_staff", "back_office"]


def client_for(who, client, sign_in, request):
    return client if who == "anonymous" else sign_in(request.getfixturevalue(who))


@pytest.mark.parametrize("who", EVERYONE)
def test_everyone_reads_the_need(client, sign_in, request, need, who):
    content = (
        client_for(who, client, sign_in, request).get(need.get_absolute_url()).content.decode()
    )
    assert "Young people leaving care have nowhere safe to stay" in content
    assert "Care leavers aged 18 to 25" in content and "Northbank" in content
    assert (
        "Housing and local facilities" in content
        and "Care leavers" in content
        and "Children&#x27;s services" in content
    )
    assert "Raised on Commonweal" in content  # the status's public reason


def test_an_unknown_need_is_not_found(client):
    assert client.get(reverse("needs:detail", kwargs={"pk": 987654})).status_code == 404


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("anonymous", False),
        ("stranger", False),
        ("raiser", False),
        ("other_staff", False),
        ("place_staff", True),
        ("back_office", True),
    ],
)
def test_history_and_management_only_for_public_body_staff_of_the_place(
    client, sign_in, request, need, who, sees
):
    content = (
        client_for(who, client, sign_in, request).get(need.get_absolute_url()).content.decode()
    )
    assert ("Only public-body staff for the place see this." in content) is sees
    assert (reverse("needs:status", kwargs={"pk": need.pk}) in content) is sees
    assert (reverse("needs:merge", kwargs={"pk": need.pk}) in content) is sees


def test_staff_of_a_council_serving_a_ward_s_borough_manage_it(place_staff, need):
    from commonweal.needs import permissions

    assert permissions.can_manage(place_staff, need)


def test_a_provider_member_of_a_charity_serving_the_place_is_not_place_staff(need, ward):
    from commonweal.accounts.roles import Role
    from commonweal.needs import permissions
    from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory

    charity = OrganisationFactory()
    charity.places_served.add(ward)
    user = UserFactory()
    RoleFactory(user=user, organisation=charity, role=Role.ADMINISTRATOR)
    assert not permissions.can_manage(user, need)


def test_the_status_timeline_shows_each_step_with_its_reason(client, need, place_staff):
    services.need_status_set(
        need=need,
        status="under_review",
        reason="The housing team is looking at it.",
        actor=place_staff,
    )
    services.need_status_set(
        need=need,
        status="prioritised",
        reason="Ranked first by residents.",
        actor=place_staff,
        evidence_label="Spring priorities round",
        evidence_url="/priorities/1/",
    )
    content = client.get(need.get_absolute_url()).content.decode()
    assert "Why: Ranked first by residents." in content
    content = content[content.index("Each step so far") :]
    assert (
        content.index("Raised on Commonweal")
        < content.index("The housing team is looking at it.")
        < content.index("Ranked first by residents.")
    )
    assert '<a class="govuk-link" href="/priorities/1/">Spring priorities round</a>' in content
