"""Public-body staff start a new outcomes framework for a place their body serves."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.outcomes import services
from commonweal.outcomes.models import Framework, FrameworkVersion
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db

START_URL = reverse("outcomes:create")


@pytest.fixture
def ward(place):
    return WardFactory(name="Riverside North", parent=place)


@pytest.fixture
def elsewhere(db):
    return LocalAuthorityFactory(name="Hillside")


@pytest.fixture
def other_body(elsewhere):
    body = PublicBodyFactory(name="Hillside Council")
    body.places_served.add(elsewhere)
    return body


def form_data(owner, place, **overrides) -> dict:
    return {
        "owner": owner.pk,
        "place": place.pk,
        "name": "Riverside wellbeing framework",
        "summary": "The changes we all work towards.",
        **overrides,
    }


class TestWhoMayStart:
    def test_anonymous_people_are_asked_to_sign_in(self, client, council, place):
        assert client.get(START_URL).status_code == 302
        response = client.post(START_URL, form_data(council, place))
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("accounts:sign-in")
        )
        assert not Framework.objects.exists()

    @pytest.mark.parametrize("who", ["stranger", "vcse_member", "company_member"])
    def test_people_who_are_not_public_body_staff_are_refused(
        self, sign_in, council, place, request, who
    ):
        client = sign_in(request.getfixturevalue(who))
        assert client.get(START_URL).status_code == 403
        assert client.post(START_URL, form_data(council, place)).status_code == 403
        assert not Framework.objects.exists()

    def test_a_finance_officer_is_refused(self, sign_in, council, place):
        user = UserFactory()
        RoleFactory(user=user, organisation=council, role=Role.FINANCE_OFFICER)
        assert sign_in(user).post(START_URL, form_data(council, place)).status_code == 403
        assert not Framework.objects.exists()

    def test_the_list_links_to_the_page_only_for_those_allowed(
        self, client, sign_in, manager, stranger, council
    ):
        link = "Start a new outcomes framework"
        assert link not in client.get(reverse("outcomes:list")).content.decode()
        assert link not in sign_in(stranger).get(reverse("outcomes:list")).content.decode()
        assert link in sign_in(manager).get(reverse("outcomes:list")).content.decode()


class TestStarting:
    @pytest.mark.parametrize(
        "role", [Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR]
    )
    def test_public_body_staff_start_a_framework_with_a_draft_first_version(
        self, sign_in, council, place, role
    ):
        user = UserFactory()
        RoleFactory(user=user, organisation=council, role=role)
        response = sign_in(user).post(START_URL, form_data(council, place))
        framework = Framework.objects.get()
        assert response.status_code == 302 and response["Location"] == framework.get_absolute_url()
        assert (framework.owner, framework.place, framework.name, framework.summary) == (
            council,
            place,
            "Riverside wellbeing framework",
            "The changes we all work towards.",
        )
        assert framework.slug == "riverside-wellbeing-framework"
        version = framework.versions.get()
        assert (version.number, version.status, version.created_by) == (
            1,
            FrameworkVersion.Status.DRAFT,
            user,
        )

    def test_the_framework_page_offers_the_draft_to_edit(self, sign_in, manager, council, place):
        client = sign_in(manager)
        page = client.post(START_URL, form_data(council, place), follow=True).content.decode()
        assert "has been started" in page and "Carry on editing the draft (version 1)" in page

    def test_a_place_inside_one_the_body_serves_can_be_chosen(
        self, sign_in, manager, council, ward
    ):
        assert sign_in(manager).post(START_URL, form_data(council, ward)).status_code == 302
        assert Framework.objects.get().place == ward

    def test_the_back_office_can_start_one_for_any_public_body(
        self, sign_in, back_office, other_body, elsewhere
    ):
        assert (
            sign_in(back_office).post(START_URL, form_data(other_body, elsewhere)).status_code
            == 302
        )
        assert Framework.objects.get().owner == other_body

    def test_the_web_address_is_made_unique(self, sign_in, manager, council, place):
        client = sign_in(manager)
        client.post(START_URL, form_data(council, place, name="Riverside outcomes"))
        client.post(START_URL, form_data(council, place, name="Riverside outcomes!"))
        client.post(START_URL, form_data(council, place, name="New"))
        assert sorted(Framework.objects.values_list("slug", flat=True)) == [
            "new-2",
            "riverside-outcomes",
            "riverside-outcomes-2",
        ]

    def test_starting_is_audited_with_who_and_why(self, manager, council, place):
        framework = services.framework_create(
            actor=manager, owner=council, place=place, name="Riverside", summary=""
        )
        entry = AuditEntry.objects.get(
            model="outcomes.framework", object_id=str(framework.pk), action="create"
        )
        assert entry.actor_id == manager.pk and entry.reason == "Started a new outcomes framework"
        assert AuditEntry.objects.filter(
            model="outcomes.frameworkversion", action="create", actor_id=manager.pk
        ).exists()


class TestRefusals:
    def test_an_empty_form_shows_every_problem(self, sign_in, manager, council):
        page = (
            sign_in(manager)
            .post(START_URL, {"owner": "", "place": "", "name": "  "})
            .content.decode()
        )
        assert "There is a problem" in page
        for message in [
            "Choose the public body that looks after the framework",
            "Choose the place the framework is for",
            "Enter a name for the framework",
        ]:
            assert message in page
        assert not Framework.objects.exists()

    def test_what_was_typed_is_kept(self, sign_in, manager, council):
        page = (
            sign_in(manager)
            .post(
                START_URL,
                {"owner": council.pk, "place": "", "name": "Keep me", "summary": "And me too"},
            )
            .content.decode()
        )
        assert "Keep me" in page and "And me too" in page

    def test_a_forged_owner_is_refused_with_a_form_error(
        self, sign_in, manager, other_body, elsewhere, place
    ):
        response = sign_in(manager).post(START_URL, form_data(other_body, place))
        assert (
            response.status_code == 200
            and "Choose a public body you work for" in response.content.decode()
        )
        assert (
            sign_in(manager)
            .post(START_URL, {**form_data(other_body, place), "owner": "999999"})
            .status_code
            == 200
        )
        assert not Framework.objects.exists()

    def test_a_place_the_body_does_not_serve_is_refused_with_a_form_error(
        self, sign_in, manager, council, elsewhere
    ):
        response = sign_in(manager).post(START_URL, form_data(council, elsewhere))
        assert (
            response.status_code == 200
            and "Choose a place the public body serves" in response.content.decode()
        )
        response = sign_in(manager).post(
            START_URL, {**form_data(council, elsewhere), "place": "not-a-number"}
        )
        assert response.status_code == 200
        assert not Framework.objects.exists()

    def test_a_place_served_by_another_of_my_bodies_is_refused_for_this_one(
        self, sign_in, manager, council, other_body, elsewhere
    ):
        RoleFactory(user=manager, organisation=other_body, role=Role.COMMISSIONER)
        page = sign_in(manager).post(START_URL, form_data(council, elsewhere)).content.decode()
        assert (
            "Riverside Council is not verified for Hillside. Choose a place it is verified for."
            in page
        )
        assert not Framework.objects.exists()

    def test_the_service_refuses_a_body_the_person_does_not_work_for(
        self, stranger, council, place
    ):
        with pytest.raises(ValidationError, match="Choose a public body you work for"):
            services.framework_create(
                actor=stranger, owner=council, place=place, name="Mine", summary=""
            )
        assert not Framework.objects.exists()
