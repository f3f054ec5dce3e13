"""Registering an organisation and editing its details through the pages."""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory, WardFactory

pytestmark = pytest.mark.django_db
REGISTER = reverse("organisations:register")


def answers(**overrides) -> dict:
    data = {
        "name": "Northbank Youth Club",
        "org_id": "gb-chc-1234567",
        "legal_form": "cio",
        "description": "Evening clubs for young people.",
        "website": "https://youth.example",
        "asset_lock": "on",
        "dividend_cap_percent": "",
        "profits_reinvested_percent": "100%",
        "profit_use": "Everything goes back into the clubs.",
        "headcount": "6",
        "annual_turnover": "£180,000",
        "contact_name": "Kim Lee",
        "contact_email": "kim@youth.example",
        "contact_phone": "020 7946 0001",
    }
    return {**data, **overrides}


class TestRegister:
    def test_anonymous_people_are_asked_to_sign_in(self, client):
        response = client.get(REGISTER)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:sign-in"))
        assert client.post(REGISTER, answers()).status_code == 302
        assert not Organisation.objects.exists()

    def test_a_signed_in_person_sees_the_form(self, sign_in, stranger):
        content = sign_in(stranger).get(REGISTER).content.decode()
        assert "Add your organisation" in content
        for label in (
            "Organisation name",
            "Identifier",
            "Legal form",
            "Places it serves",
            "Number of staff",
        ):
            assert label in content

    def test_registering_makes_them_administrator_and_says_two_factor_comes_next(
        self, sign_in, stranger
    ):
        ward = WardFactory(name="Northbank")
        client = sign_in(stranger)
        response = client.post(REGISTER, answers(places_served=[ward.pk]))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Northbank Youth Club has been added" in content
        assert "Next, we will ask you to set up two-factor authentication" in content
        organisation = Organisation.objects.get()
        assert (
            organisation.slug == "northbank-youth-club" and organisation.org_id == "GB-CHC-1234567"
        )
        assert (
            organisation.annual_turnover == 180000
            and organisation.profits_reinvested_percent == 100
        )
        assert list(organisation.places_served.all()) == [ward]
        assert organisation.is_vcse and organisation.size_band == "micro"
        assert stranger.role_assignments.get().role == Role.ADMINISTRATOR
        entry = AuditEntry.objects.get(model="organisations.organisation", action="create")
        assert entry.actor_id == stranger.pk

        # The administrator role needs a second factor, so the next page is its set-up.
        follow_on = client.get(organisation.get_absolute_url())
        assert follow_on.status_code == 302
        assert follow_on.url.startswith(reverse("accounts:two-factor-setup"))

    def test_someone_already_using_two_factor_is_not_told_to_set_it_up(self, sign_in, commissioner):
        content = sign_in(commissioner).post(REGISTER, answers()).content.decode()
        assert "has been added" in content and "two-factor" not in content

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("name", "", "Enter the organisation&#x27;s name"),
            ("org_id", "", "Enter the organisation&#x27;s identifier, like GB-CHC-1123456."),
            (
                "org_id",
                "GB-CHC-12",
                "12 is not a valid number for the Charity Commission for England and Wales",
            ),
            (
                "org_id",
                "12345678",
                "Enter the identifier as the register&#x27;s code, a hyphen and the number",
            ),
            ("legal_form", "", "Select the organisation&#x27;s legal form"),
            ("legal_form", "pirate_ship", "Select the organisation&#x27;s legal form"),
            ("website", "not a website", "Enter a website address in the right format"),
            ("headcount", "twelve", "Number of staff must be a whole number, like 12"),
            ("annual_turnover", "lots", "Annual turnover must be an amount in pounds, like 450000"),
            ("annual_turnover", "-5", "Annual turnover must be an amount in pounds, like 450000"),
            (
                "profits_reinvested_percent",
                "150",
                "Profits reinvested must be a number between 0 and 100, like 75",
            ),
            ("contact_email", "kim at youth", "Enter an email address in the right format"),
        ],
    )
    def test_mistakes_are_summarised_and_what_was_typed_is_kept(
        self, sign_in, stranger, field, value, message
    ):
        response = sign_in(stranger).post(REGISTER, answers(**{field: value}))
        assert response.status_code == 200
        content = response.content.decode()
        assert "There is a problem" in content and message in content
        assert "<title>Error:" in content
        assert 'value="Evening clubs' not in content  # a textarea keeps its text as content
        assert "Evening clubs for young people." in content
        assert 'value="020 7946 0001"' in content
        assert not Organisation.objects.exists()

    def test_an_identifier_already_on_commonweal_is_refused_on_its_field(self, sign_in, stranger):
        OrganisationFactory(org_id="GB-CHC-1234567")
        content = sign_in(stranger).post(REGISTER, answers()).content.decode()
        assert "An organisation with this identifier is already on Commonweal." in content
        assert 'href="#id_org_id"' in content
        assert not stranger.role_assignments.exists()


class TestEdit:
    @pytest.fixture
    def url(self, provider):
        return reverse("organisations:edit", kwargs={"slug": provider.slug})

    def test_anonymous_people_are_asked_to_sign_in(self, client, url):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:sign-in"))

    @pytest.mark.parametrize("who", ["stranger", "member", "commissioner"])
    def test_people_who_do_not_administer_it_are_refused(
        self, sign_in, provider, url, request, who
    ):
        client = sign_in(request.getfixturevalue(who))
        assert client.get(url).status_code == 403
        response = client.post(url, answers(name="Taken over"))
        assert response.status_code == 403
        assert "Riverside Food Bank" not in response.content.decode()
        provider.refresh_from_db()
        assert provider.name == "Riverside Food Bank"

    @pytest.mark.parametrize("who", ["administrator", "back_office"])
    def test_administrators_and_the_back_office_can_edit(
        self, sign_in, provider, url, request, who
    ):
        actor = request.getfixturevalue(who)
        client = sign_in(actor)
        form = client.get(url).content.decode()
        assert 'value="Riverside Food Bank"' in form
        response = client.post(url, answers(name="Riverside Food Bank CIO", org_id=provider.org_id))
        assert response.status_code == 302 and response.url == provider.get_absolute_url()
        provider.refresh_from_db()
        assert provider.name == "Riverside Food Bank CIO" and provider.slug.startswith(
            "organisation-"
        )
        banner = client.get(response.url).content.decode()
        assert "Your changes to Riverside Food Bank CIO have been saved" in banner
        entry = AuditEntry.objects.filter(
            model="organisations.organisation", object_id=str(provider.pk)
        ).last()
        assert entry.actor_id == actor.pk and entry.reason == "Changed the organisation's details"

    def test_errors_are_shown_and_nothing_is_saved(self, sign_in, provider, administrator, url):
        response = sign_in(administrator).post(url, answers(name="", org_id=provider.org_id))
        content = response.content.decode()
        assert response.status_code == 200 and "There is a problem" in content
        assert 'href="#id_name"' in content
        assert "Riverside Food Bank" in content  # the caption still names the organisation
        provider.refresh_from_db()
        assert provider.name == "Riverside Food Bank"

    def test_an_unknown_organisation_is_not_found(self, sign_in, back_office):
        assert (
            sign_in(back_office)
            .get(reverse("organisations:edit", kwargs={"slug": "nope"}))
            .status_code
            == 404
        )


def test_a_headcount_below_0_is_refused_in_plain_words():
    from commonweal.organisations.forms import OrganisationForm

    form = OrganisationForm({"name": "Food Bank", "headcount": "-5"})
    assert form.errors["headcount"] == ["Number of staff must be 0 or more"]
    form = OrganisationForm({"name": "Food Bank", "headcount": "2147483648"})
    assert form.errors["headcount"] == ["Number of staff must be 2,147,483,647 or fewer"]
