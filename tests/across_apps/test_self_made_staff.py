"""Nobody makes themselves staff: the attack from the security review, replayed end to end.

A new account registers an organisation with the legal form "public body" serving England, makes
itself administrator and commissioner, and tries what place staff may do: read a panel's pool, other
organisations' private documents and contact people, a hidden storyteller; enter paper ballots,
close, count and publish a community-budget round; set up rounds and panels. Before verification
existed every one of these worked. Now each is refused, until the back office verifies the body for
one ward: then it has those powers in that ward, and still nowhere else.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from commonweal.accounts.models import User
from commonweal.accounts.roles import Role
from commonweal.codesign.models import Session
from commonweal.needs.models import Evidence, Need
from commonweal.organisations.models import Organisation, OrganisationDocument
from commonweal.organisations.tests import samples
from commonweal.panels.models import Panel
from commonweal.panels.tests.helpers import make_panel
from commonweal.participation.models import BudgetRound, Project
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PlaceFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "marigold tugboat quilt"
STORYTELLER, HIDDEN_STORY = "Pat Quiet", "I sleep in the stairwell of my old block."
CONTACT = "sam@riverside-food.example"


class World:
    """England; Riverside inside it, with two wards; its verified council; and in each ward a panel with a
    pool, a provider with a private document, a need with a story not to be published and a round in voting."""

    def __init__(self):
        self.england = PlaceFactory(name="England", slug="england")
        self.riverside = LocalAuthorityFactory(name="Riverside", parent=self.england)
        self.quayside = WardFactory(name="Quayside", parent=self.riverside)
        self.hillside = WardFactory(name="Hillside", parent=self.riverside)
        self.council = PublicBodyFactory(name="Riverside Council", places_served=[self.riverside])
        self.council_staff = RoleFactory(role=Role.COMMISSIONER, organisation=self.council).user
        self.back_office = UserFactory(full_name="Bea Backoffice", is_staff=True)
        self.ward = {}
        for ward in (self.quayside, self.hillside):
            self.ward[ward.name] = self._ward_things(ward)

    def _ward_things(self, ward) -> dict:
        panel, _ = make_panel()
        Panel.objects.filter(pk=panel.pk).update(place=ward)
        provider = OrganisationFactory(
            name=f"{ward.name} Food Bank", contact_name="Sam Okafor", contact_email=CONTACT
        )
        provider.places_served.add(ward)
        document = OrganisationDocument(
            organisation=provider,
            title="Safeguarding policy",
            kind="policy",
            is_public=False,
            content_type="application/pdf",
            size_bytes=len(samples.PDF_BYTES),
        )
        document.file.save("policy.pdf", samples.upload("policy.pdf", samples.PDF_BYTES))
        need = Need.objects.create(
            place=ward,
            title=f"Nowhere to stay in {ward.name}",
            problem="A problem.",
            population="Care leavers",
            raised_by=self.council_staff,
        )
        Evidence.objects.create(
            need=need,
            kind=Evidence.Kind.STORY,
            title="Stairwell",
            story=HIDDEN_STORY,
            storyteller=STORYTELLER,
            publication=Evidence.Publication.PRIVATE,
            added_by=self.council_staff,
        )
        round_ = BudgetRound.objects.create(
            place=ward,
            run_by=self.council,
            title=f"{ward.name} decides",
            status=BudgetRound.Status.VOTING,
            budget=Decimal("10000"),
            created_by=self.council_staff,
        )
        for title, cost in (("Benches", "3000"), ("Street trees", "4000")):
            Project.objects.create(
                round=round_, title=title, cost=Decimal(cost), status=Project.Status.ACCEPTED
            )
        return {
            "panel": panel,
            "provider": provider,
            "document": document,
            "need": need,
            "round": round_,
        }


@pytest.fixture
def world():
    return World()


@pytest.fixture
def attacker(client, sign_in, world):
    """Signs up, registers a 'public body' serving England through the pages, and makes themselves commissioner."""
    client.post(
        reverse("accounts:sign-up"),
        {
            "full_name": "Mallory Mayor",
            "email": "mallory@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    person = User.objects.get(email="mallory@example.org")
    sign_in(person)
    response = client.post(
        reverse("organisations:register"),
        {
            "name": "Ministry of Everything",
            "org_id": "GB-LAE-MOE",
            "legal_form": "public_body",
            "places_served": [world.england.pk],
            "description": "We run the country.",
        },
    )
    assert (
        response.status_code == 200
        and "Ministry of Everything has been added" in response.content.decode()
    )
    body = Organisation.objects.get(name="Ministry of Everything")
    assert body.is_public_body and list(body.places_served.all()) == [world.england]
    sign_in(person)  # administrators sign in with a second factor
    response = client.post(
        reverse("organisations:members", kwargs={"slug": body.slug}),
        {"email": person.email, "role": Role.COMMISSIONER},
    )
    assert response.status_code == 302
    assert set(person.role_assignments.values_list("role", flat=True)) == {
        Role.ADMINISTRATOR,
        Role.COMMISSIONER,
    }
    person.body = body
    return person


def set_up_session(client, body, place):
    """Try to put on a co-design session in the body's name; True if one was set up."""
    response = client.post(
        reverse("codesign:create"),
        {
            "place": place.pk,
            "organised_by": body.pk,
            "title": "Have your say",
            "kind": "workshop",
            "date": "2030-03-27",
            "time": "18:30",
            "location": "Town Hall",
            "agenda": "",
            "notes": "",
        },
    )
    made = Session.objects.filter(organised_by=body, place=place).exists()
    if not made:
        assert "Choose a place the public body is verified for." in response.content.decode()
    return made


def assert_no_staff_powers_in(client, things):
    panel, provider, document, need, round_ = (
        things[k] for k in ("panel", "provider", "document", "need", "round")
    )
    # A panel's pool: names and contacts of volunteers.
    assert client.get(reverse("panels:pool", kwargs={"pk": panel.pk})).status_code == 403
    assert (
        "volunteer1@example.net"
        not in client.get(reverse("panels:panel", kwargs={"pk": panel.pk})).content.decode()
    )
    # Another organisation's private document and contact people.
    assert (
        client.get(
            reverse(
                "organisations:document-download",
                kwargs={"slug": provider.slug, "document_id": document.pk},
            )
        ).status_code
        == 403
    )
    assert CONTACT not in client.get(provider.get_absolute_url()).content.decode()
    # A story not to be published, and its storyteller.
    page = client.get(reverse("needs:detail", kwargs={"pk": need.pk})).content.decode()
    assert STORYTELLER not in page and HIDDEN_STORY not in page
    # Running a community budget: paper ballots, closing, counting, publishing.
    for name, kwargs in (
        ("paper", {}),
        ("paper-sheet", {}),
        ("move", {"to": BudgetRound.Status.CLOSED}),
        ("count", {}),
        ("publish", {}),
    ):
        url = reverse(f"participation:{name}", kwargs={"pk": round_.pk, **kwargs})
        assert client.get(url).status_code == 403, name
        assert client.post(url, {"reason": "Because I can", "batch": "1"}).status_code == 403, name
    round_.refresh_from_db()
    assert round_.status == BudgetRound.Status.VOTING and not round_.ballots.exists()


def assert_no_staff_powers_in_api(api, token, things):
    panel, provider = things["panel"], things["provider"]
    body = api.get(reverse("api:panel-detail", kwargs={"pk": panel.pk}), token=token).json()
    assert "volunteer1@example.net" not in str(body)
    pool = api.get(reverse("api:panel-pool", kwargs={"pk": panel.pk}), token=token).json()
    assert pool["count"] == 12 and "volunteer1@example.net" not in str(pool)
    assert {person["name"] for person in pool["results"]} == {None}
    assert (
        api.get(
            reverse("api:organisation-detail", kwargs={"slug": provider.slug}), token=token
        ).json()["contact_email"]
        is None
    )
    assert (
        api.get(
            reverse("api:organisation-members", kwargs={"slug": provider.slug}), token=token
        ).status_code
        == 403
    )
    stories = api.get(
        reverse("api:need-evidence", kwargs={"pk": things["need"].pk}), token=token
    ).json()
    assert STORYTELLER not in str(stories) and HIDDEN_STORY not in str(stories)


def test_a_self_declared_public_body_gets_no_staff_powers_anywhere(client, world, attacker):
    body_page = client.get(attacker.body.get_absolute_url()).content.decode()
    assert "Awaiting verification" in body_page and "no powers as public-body staff" in body_page
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "Ministry of Everything is awaiting verification as a public body." in dashboard
    for things in world.ward.values():
        assert_no_staff_powers_in(client, things)
    for name in ("participation:create", "panels:create", "priorities:create-place"):
        assert client.get(reverse(name)).status_code == 403, name
    assert client.get(reverse("organisations:verification-list")).status_code == 403
    assert not set_up_session(client, attacker.body, world.quayside)


def test_through_the_api_too(api, token_for, world, attacker):
    token = token_for(attacker)
    for things in world.ward.values():
        assert_no_staff_powers_in_api(api, token, things)


def test_verified_for_one_ward_it_has_powers_there_and_nowhere_else(
    client, sign_in, api, token_for, world, attacker
):
    sign_in(world.back_office)
    response = client.post(
        reverse("organisations:verify", kwargs={"slug": attacker.body.slug}),
        {
            "place": world.quayside.pk,
            "evidence_kind": "gss_code",
            "evidence": "e05000001",
        },
    )
    assert response.status_code == 302
    verification = attacker.body.verifications.get()
    assert (verification.place, verification.evidence, verification.verified_by) == (
        world.quayside,
        "E05000001",
        world.back_office,
    )

    sign_in(attacker)
    quayside, hillside = world.ward["Quayside"], world.ward["Hillside"]
    assert (
        client.get(reverse("panels:pool", kwargs={"pk": quayside["panel"].pk})).status_code == 200
    )
    assert (
        client.get(reverse("participation:paper", kwargs={"pk": quayside["round"].pk})).status_code
        == 200
    )
    assert CONTACT in client.get(quayside["provider"].get_absolute_url()).content.decode()
    assert (
        STORYTELLER
        in client.get(reverse("needs:detail", kwargs={"pk": quayside["need"].pk})).content.decode()
    )
    assert client.get(reverse("participation:create")).status_code == 200
    assert set_up_session(client, attacker.body, world.quayside)
    assert not set_up_session(client, attacker.body, world.hillside)
    assert_no_staff_powers_in(client, hillside)
    assert_no_staff_powers_in_api(api, token_for(attacker), hillside)
    # Nor for the borough around the ward.
    borough_round = BudgetRound.objects.create(
        place=world.riverside,
        run_by=world.council,
        title="Borough decides",
        status=BudgetRound.Status.VOTING,
        budget=Decimal("10000"),
    )
    assert (
        client.get(reverse("participation:paper", kwargs={"pk": borough_round.pk})).status_code
        == 403
    )
