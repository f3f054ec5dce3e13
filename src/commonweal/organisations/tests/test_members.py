"""Members and roles: only administrators and the back office manage them; the last administrator stays."""

import pytest
from django.urls import reverse

from commonweal.accounts.models import RoleAssignment
from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import (
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(provider):
    return reverse("organisations:members", kwargs={"slug": provider.slug})


def remove_url(assignment) -> str:
    return reverse(
        "organisations:member-remove",
        kwargs={"slug": assignment.organisation.slug, "assignment_id": assignment.pk},
    )


class TestWhoMay:
    def test_anonymous_people_are_asked_to_sign_in(self, client, url, member):
        assert client.get(url).status_code == 302
        assert client.post(remove_url(member.role_assignments.get())).status_code == 302
        assert member.role_assignments.exists()

    @pytest.mark.parametrize("who", ["stranger", "member", "commissioner"])
    def test_others_are_refused_without_learning_who_the_members_are(
        self, sign_in, url, member, administrator, request, who
    ):
        client = sign_in(request.getfixturevalue(who))
        response = client.get(url)
        assert response.status_code == 403
        assert administrator.email not in response.content.decode()
        assert (
            client.post(url, {"email": "x@example.org", "role": Role.PROVIDER_MEMBER}).status_code
            == 403
        )
        assignment = administrator.role_assignments.get()
        assert client.get(remove_url(assignment)).status_code == 403
        assert client.post(remove_url(assignment)).status_code == 403
        assert RoleAssignment.objects.filter(pk=assignment.pk).exists()

    @pytest.mark.parametrize("who", ["administrator", "back_office"])
    def test_administrators_and_the_back_office_see_people_and_roles(
        self, sign_in, url, member, administrator, request, who
    ):
        content = sign_in(request.getfixturevalue(who)).get(url).content.decode()
        assert "Mo Member" in content and member.email in content and "Provider member" in content
        assert "Ada Administrator" in content and "Administrator" in content

    def test_a_role_from_another_organisation_is_not_found_here(
        self, sign_in, provider, administrator
    ):
        elsewhere = RoleFactory(organisation=OrganisationFactory())
        url = reverse(
            "organisations:member-remove",
            kwargs={"slug": provider.slug, "assignment_id": elsewhere.pk},
        )
        client = sign_in(administrator)
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
        assert RoleAssignment.objects.filter(pk=elsewhere.pk).exists()


class TestAdding:
    def test_an_existing_user_is_added_with_a_role(self, sign_in, url, administrator, provider):
        person = UserFactory(full_name="Jo Bloggs", email="jo@example.org")
        client = sign_in(administrator)
        response = client.post(url, {"email": "Jo@Example.org", "role": Role.PROVIDER_MEMBER})
        assert response.status_code == 302 and response.url == url
        assert person.role_assignments.get().organisation == provider
        assert (
            "Jo Bloggs is now provider member for Riverside Food Bank"
            in client.get(url).content.decode()
        )
        assert (
            AuditEntry.objects.filter(model="accounts.roleassignment", action="create")
            .last()
            .actor_id
            == administrator.pk
        )

    def test_only_roles_a_provider_can_give_are_offered(self, sign_in, url, administrator):
        content = sign_in(administrator).get(url).content.decode()
        assert 'value="provider_member"' in content and 'value="administrator"' in content
        assert 'value="commissioner"' not in content and 'value="resident"' not in content

    def test_a_public_body_offers_public_body_roles(self, sign_in, back_office):
        council = PublicBodyFactory()
        content = (
            sign_in(back_office)
            .get(reverse("organisations:members", kwargs={"slug": council.slug}))
            .content.decode()
        )
        assert 'value="commissioner"' in content and 'value="procurement_officer"' in content

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (
                {"email": "nobody@example.org", "role": "provider_member"},
                "There is no Commonweal account with that email address. Ask them to create one first.",
            ),
            (
                {"email": "", "role": "provider_member"},
                "Enter the email address of the person you want to add",
            ),
            (
                {"email": "jo at example", "role": "provider_member"},
                "Enter an email address in the right format",
            ),
            ({"email": "jo@example.org", "role": ""}, "Select a role"),
            ({"email": "jo@example.org", "role": "commissioner"}, "Select a role from the list"),
            ({"email": "jo@example.org", "role": "overlord"}, "Select a role from the list"),
        ],
    )
    def test_mistakes_are_explained_and_kept(self, sign_in, url, administrator, data, message):
        UserFactory(email="jo@example.org")
        response = sign_in(administrator).post(url, data)
        content = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in content and message in content
        assert RoleAssignment.objects.count() == 1  # only the administrator's own role

    def test_a_role_already_held_is_explained(self, sign_in, url, administrator, member):
        content = (
            sign_in(administrator)
            .post(url, {"email": member.email, "role": "provider_member"})
            .content.decode()
        )
        assert "Mo Member is already provider member for Riverside Food Bank" in content


class TestRemoving:
    def test_removal_asks_for_confirmation_first(self, sign_in, administrator, member):
        assignment = member.role_assignments.get()
        content = sign_in(administrator).get(remove_url(assignment)).content.decode()
        assert "Remove Mo Member as provider member?" in content
        assert RoleAssignment.objects.filter(pk=assignment.pk).exists()

    def test_confirming_removes_the_role_and_audits_it(self, sign_in, url, administrator, member):
        assignment = member.role_assignments.get()
        client = sign_in(administrator)
        response = client.post(remove_url(assignment))
        assert response.status_code == 302 and response.url == url
        assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
        assert "Mo Member is no longer provider member" in client.get(url).content.decode()
        entry = AuditEntry.objects.filter(model="accounts.roleassignment", action="delete").last()
        assert entry.actor_id == administrator.pk and entry.reason == "Removed as provider member"

    def test_removing_cannot_be_done_with_a_get(self, sign_in, administrator, member):
        assignment = member.role_assignments.get()
        sign_in(administrator).get(remove_url(assignment))
        assert RoleAssignment.objects.filter(pk=assignment.pk).exists()

    def test_the_last_administrator_cannot_be_removed(self, sign_in, url, administrator):
        assignment = administrator.role_assignments.get()
        client = sign_in(administrator)
        assert "the only administrator" in client.get(url).content.decode()
        confirm = client.get(remove_url(assignment)).content.decode()
        assert (
            "add another administrator first" in confirm and "Yes, remove this role" not in confirm
        )
        response = client.post(remove_url(assignment))
        assert response.status_code == 200
        content = response.content.decode()
        assert "There is a problem" in content
        assert (
            "Ada Administrator is the only administrator of Riverside Food Bank. Add another administrator first."
            in content
        )
        assert RoleAssignment.objects.filter(pk=assignment.pk).exists()

    def test_an_administrator_who_steps_down_goes_back_to_the_profile(
        self, sign_in, provider, administrator
    ):
        RoleFactory(organisation=provider, role=Role.ADMINISTRATOR)
        response = sign_in(administrator).post(remove_url(administrator.role_assignments.get()))
        assert response.status_code == 302 and response.url == provider.get_absolute_url()
