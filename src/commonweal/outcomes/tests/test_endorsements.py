"""Voluntary organisations endorse a published version once, and can withdraw."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.outcomes import services
from commonweal.outcomes.models import Endorsement
from commonweal.testing.factories import OrganisationFactory, RoleFactory

pytestmark = pytest.mark.django_db


def endorse_url(version) -> str:
    return reverse(
        "outcomes:endorse", kwargs={"slug": version.framework.slug, "number": version.number}
    )


def withdraw_url(endorsement) -> str:
    version = endorsement.version
    return reverse(
        "outcomes:endorsement-withdraw",
        kwargs={
            "slug": version.framework.slug,
            "number": version.number,
            "endorsement_id": endorsement.pk,
        },
    )


def test_a_vcse_member_endorses_with_a_comment_shown_on_the_public_page(
    sign_in, client, published, vcse_member, charity
):
    member_client = sign_in(vcse_member)
    assert (
        "Endorse this version for your organisation"
        in member_client.get(published.framework.get_absolute_url()).content.decode()
    )
    response = member_client.post(
        endorse_url(published), {"organisation": charity.pk, "comment": "We helped write it."}
    )
    assert response.status_code == 302
    endorsement = Endorsement.objects.get()
    assert (endorsement.organisation, endorsement.endorsed_by, endorsement.comment) == (
        charity,
        vcse_member,
        "We helped write it.",
    )
    client.logout()
    page = client.get(published.framework.get_absolute_url()).content.decode()
    assert "Riverside Food Bank" in page and "We helped write it." in page


def test_an_organisation_endorses_a_version_once(sign_in, published, vcse_member, charity):
    client = sign_in(vcse_member)
    client.post(endorse_url(published), {"organisation": charity.pk})
    page = client.post(endorse_url(published), {"organisation": charity.pk}).content.decode()
    assert "Riverside Food Bank has already endorsed this version" in page
    assert Endorsement.objects.count() == 1


def test_a_member_may_only_endorse_for_their_own_organisation(sign_in, published, vcse_member):
    other_charity = OrganisationFactory(name="Another Charity")
    page = (
        sign_in(vcse_member)
        .post(endorse_url(published), {"organisation": other_charity.pk})
        .content.decode()
    )
    assert "Choose your organisation" in page and not Endorsement.objects.exists()


@pytest.mark.parametrize("who", ["stranger", "company_member", "manager"])
def test_people_without_a_voluntary_organisation_are_refused(sign_in, published, request, who):
    client = sign_in(request.getfixturevalue(who))
    assert client.get(endorse_url(published)).status_code == 403
    assert client.post(endorse_url(published), {"comment": "Yes"}).status_code == 403
    assert not Endorsement.objects.exists()


def test_anonymous_people_are_asked_to_sign_in(client, published):
    assert client.post(endorse_url(published), {"comment": "Yes"}).status_code == 302
    assert not Endorsement.objects.exists()


def test_a_draft_cannot_be_endorsed(sign_in, draft, vcse_member, charity):
    assert (
        sign_in(vcse_member).post(endorse_url(draft), {"organisation": charity.pk}).status_code
        == 403
    )
    with pytest.raises(ValidationError, match="Only a published version"):
        services.endorsement_add(version=draft, organisation=charity, actor=vcse_member)


def test_a_non_vcse_organisation_is_refused_by_the_service(published, company_member):
    company = company_member.role_assignments.get().organisation
    with pytest.raises(ValidationError, match="voluntary"):
        services.endorsement_add(version=published, organisation=company, actor=company_member)


class TestWithdraw:
    @pytest.fixture
    def endorsement(self, published, charity, vcse_member):
        return services.endorsement_add(
            version=published, organisation=charity, actor=vcse_member, comment="Yes"
        )

    def test_a_member_of_the_organisation_withdraws(self, sign_in, endorsement, charity):
        colleague = RoleFactory(organisation=charity, role=Role.ADMINISTRATOR).user
        client = sign_in(colleague)
        assert "Yes, withdraw it" in client.get(withdraw_url(endorsement)).content.decode()
        assert client.post(withdraw_url(endorsement)).status_code == 302
        assert not Endorsement.objects.exists()

    @pytest.mark.parametrize("who", ["stranger", "manager", "company_member"])
    def test_others_cannot_withdraw_it(self, sign_in, endorsement, request, who):
        client = sign_in(request.getfixturevalue(who))
        assert client.get(withdraw_url(endorsement)).status_code == 403
        assert client.post(withdraw_url(endorsement)).status_code == 403
        assert Endorsement.objects.count() == 1

    def test_a_member_of_another_charity_cannot_withdraw_it(self, sign_in, endorsement):
        other = RoleFactory(
            organisation=OrganisationFactory(name="Another Charity"), role=Role.PROVIDER_MEMBER
        ).user
        assert sign_in(other).post(withdraw_url(endorsement)).status_code == 403
        assert Endorsement.objects.count() == 1

    def test_an_unknown_endorsement_is_not_found(self, sign_in, published, vcse_member):
        bad = reverse(
            "outcomes:endorsement-withdraw",
            kwargs={"slug": published.framework.slug, "number": 1, "endorsement_id": 999},
        )
        assert sign_in(vcse_member).get(bad).status_code == 404
