"""Verifying public bodies: the evidence, who may verify (and for which places), the pages, revocation."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.organisations import evidence, permissions, place_staff
from commonweal.organisations.models import Organisation, PublicBodyVerification
from commonweal.organisations.services import organisation_register, organisation_update
from commonweal.organisations.services_verification import (
    public_body_verification_revoke,
    public_body_verify,
)
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UnverifiedPublicBodyFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db


# --- the evidence: plain checks ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "given", "kept"),
    [
        (evidence.GSS_CODE, " e06000001 ", "E06000001"),
        (evidence.GSS_CODE, "W06 000015", "W06000015"),
        (evidence.ODS_CODE, "rj1", "RJ1"),
        (evidence.ODS_CODE, "RJ122", "RJ122"),
        (evidence.ODS_CODE, "A81001", "A81001"),
        (evidence.EMAIL_DOMAIN, "commissioning@Riverside.GOV.UK", "riverside.gov.uk"),
        (evidence.EMAIL_DOMAIN, "trust.nhs.net", "trust.nhs.net"),
        (evidence.EMAIL_DOMAIN, "met.police.uk", "met.police.uk"),
        (
            evidence.OTHER,
            "Listed as a local authority on gov.uk",
            "Listed as a local authority on gov.uk",
        ),
    ],
)
def test_evidence_in_the_right_shape_is_kept_in_its_usual_form(kind, given, kept):
    assert evidence.clean(kind, given) == kept


@pytest.mark.parametrize(
    ("kind", "given", "message"),
    [
        (
            evidence.GSS_CODE,
            "E0600001",
            "Enter a GSS code as a letter (E, W, S, N or K) followed by 8 digits",
        ),
        (evidence.GSS_CODE, "X06000001", "Enter a GSS code"),
        (
            evidence.ODS_CODE,
            "R1",
            "Enter an ODS code of 3, 5 or 6 letters and numbers, like RJ1 or RJ122",
        ),
        (evidence.ODS_CODE, "RJ12", "Enter an ODS code"),
        (evidence.ODS_CODE, "123", "Enter an ODS code"),
        (evidence.EMAIL_DOMAIN, "riverside-council.co.uk", "ending in gov.uk"),
        (
            evidence.EMAIL_DOMAIN,
            "gov.uk",
            "ending in gov.uk",
        ),  # the suffix alone is nobody's domain
        (evidence.EMAIL_DOMAIN, "notgov.uk", "ending in gov.uk"),
        (evidence.EMAIL_DOMAIN, "not a domain", "Enter an email domain, like riverside.gov.uk"),
        (evidence.OTHER, "trust me", "in at least 10 characters"),
        ("fingerprints", "E06000001", "Select the kind of evidence"),
    ],
)
def test_evidence_in_the_wrong_shape_gets_a_plain_message(kind, given, message):
    with pytest.raises(evidence.InvalidEvidence, match=re.escape(message)):
        evidence.clean(kind, given)


# --- who may verify ------------------------------------------------------------------------------


@pytest.fixture
def riverside(db):
    return LocalAuthorityFactory(name="Riverside")


@pytest.fixture
def ward(riverside):
    return WardFactory(name="Quayside", parent=riverside)


@pytest.fixture
def applicant(riverside):
    """A trust saying it serves Riverside, not yet verified, and its administrator."""
    body = UnverifiedPublicBodyFactory(name="Riverside Health Trust", places_served=[riverside])
    body.administrator = RoleFactory(role=Role.ADMINISTRATOR, organisation=body).user
    return body


@pytest.fixture
def back_office(db):
    return UserFactory(full_name="Bea Backoffice", is_staff=True)


@pytest.fixture
def council_admin(riverside):
    """The administrator of the council, verified for Riverside."""
    council = PublicBodyFactory(name="Riverside Council", places_served=[riverside])
    return RoleFactory(role=Role.ADMINISTRATOR, organisation=council).user


@pytest.fixture
def ward_admin(ward):
    """The administrator of a body verified only for the ward Quayside."""
    body = PublicBodyFactory(name="Quayside Town Council", places_served=[ward])
    return RoleFactory(role=Role.ADMINISTRATOR, organisation=body).user


def verify(actor, body, place, **fields):
    fields = {"evidence_kind": "ods_code", "evidence": "RJ1", **fields}
    return public_body_verify(actor=actor, organisation=body, place=place, **fields)


def test_the_back_office_verifies_with_evidence_and_the_audit_trail_records_it(
    back_office, applicant, riverside
):
    verification = verify(back_office, applicant, riverside, evidence="rj1 ")
    assert (verification.evidence_kind, verification.evidence, verification.verified_by) == (
        "ods_code",
        "RJ1",
        back_office,
    )
    assert place_staff.is_place_staff(applicant.administrator, riverside)
    entry = AuditEntry.objects.get(model="organisations.publicbodyverification", action="create")
    assert entry.actor == back_office and entry.reason == "Verified as a public body for Riverside"
    assert entry.after["evidence"] == "RJ1" and entry.after["place_id"] == riverside.pk


def test_a_verified_bodys_administrator_verifies_for_its_places_and_places_inside_them(
    council_admin, applicant, riverside, ward
):
    assert permissions.can_verify(council_admin, applicant)
    verify(council_admin, applicant, ward)
    verify(council_admin, applicant, riverside)
    assert applicant.verifications.filter(revoked_at__isnull=True).count() == 2


def test_but_not_for_a_place_around_or_beside_its_own(ward_admin, applicant, riverside, ward):
    elsewhere_ward = WardFactory(parent=riverside)
    applicant.places_served.add(elsewhere_ward)
    for place in (riverside, elsewhere_ward):
        assert not permissions.can_verify(ward_admin, applicant, place)
        with pytest.raises(PermissionDenied):
            verify(ward_admin, applicant, place)
    verify(ward_admin, applicant, ward)


@pytest.mark.parametrize(
    "who", ["stranger", "unverified_admin", "commissioner", "far_admin", "provider_admin"]
)
def test_others_may_not_verify(who, applicant, riverside):
    unverified = UnverifiedPublicBodyFactory(places_served=[riverside])
    verified = PublicBodyFactory(places_served=[riverside])
    person = {
        "stranger": lambda: UserFactory(),
        "unverified_admin": lambda: (
            RoleFactory(role=Role.ADMINISTRATOR, organisation=unverified).user
        ),
        # Place staff, but verifying is for its administrators.
        "commissioner": lambda: RoleFactory(role=Role.COMMISSIONER, organisation=verified).user,
        "far_admin": lambda: (
            RoleFactory(
                role=Role.ADMINISTRATOR,
                organisation=PublicBodyFactory(places_served=[LocalAuthorityFactory()]),
            ).user
        ),
        "provider_admin": lambda: (
            RoleFactory(role=Role.ADMINISTRATOR, organisation=_provider(riverside)).user
        ),
    }[who]()
    assert not permissions.can_verify(person, applicant)
    with pytest.raises(PermissionDenied):
        verify(person, applicant, riverside)
    assert not applicant.verifications.exists()


def _provider(place):
    provider = OrganisationFactory()
    provider.places_served.add(place)
    return provider


def test_a_public_body_cannot_verify_itself_for_another_place(riverside, ward):
    council = PublicBodyFactory(places_served=[ward])
    council.places_served.add(riverside)
    council.verifications.filter(place=riverside).delete()
    admin = RoleFactory(role=Role.ADMINISTRATOR, organisation=council).user
    assert not permissions.can_verify(admin, council)
    with pytest.raises(PermissionDenied):
        verify(admin, council, ward)


def test_only_a_place_it_says_it_serves_and_only_once(back_office, applicant, riverside, ward):
    with pytest.raises(ValidationError, match="does not say it serves Elsewhere"):
        verify(back_office, applicant, LocalAuthorityFactory(name="Elsewhere"))
    # Nor around it.
    with pytest.raises(ValidationError, match=f"does not say it serves {riverside.parent.name}"):
        verify(back_office, applicant, riverside.parent)
    verify(back_office, applicant, ward)
    with pytest.raises(ValidationError, match="already verified for Quayside"):
        verify(back_office, applicant, ward)


def test_only_a_public_body_is_verified(back_office, riverside):
    charity = _provider(riverside)
    with pytest.raises(PermissionDenied):
        verify(back_office, charity, riverside)


def test_bad_evidence_is_refused_with_its_message(back_office, applicant, riverside):
    with pytest.raises(ValidationError) as raised:
        verify(
            back_office,
            applicant,
            riverside,
            evidence_kind="email_domain",
            evidence="riverside.com",
        )
    assert "ending in gov.uk" in raised.value.message_dict["evidence"][0]
    assert not PublicBodyVerification.objects.exists()


# --- revoking ------------------------------------------------------------------------------------


def test_revoking_takes_the_powers_away_at_once_and_keeps_the_record(
    back_office, applicant, riverside, ward
):
    verification = verify(back_office, applicant, riverside)
    commissioner = RoleFactory(role=Role.COMMISSIONER, organisation=applicant).user
    assert place_staff.is_place_staff(commissioner, ward)
    with pytest.raises(ValidationError, match="Say why"):
        public_body_verification_revoke(actor=back_office, verification=verification, reason="  ")
    public_body_verification_revoke(
        actor=back_office, verification=verification, reason="Not the trust it said"
    )
    assert not place_staff.is_place_staff(commissioner, ward)
    verification.refresh_from_db()
    assert (verification.revoked_by, verification.revoked_reason) == (
        back_office,
        "Not the trust it said",
    )
    entry = AuditEntry.objects.filter(
        model="organisations.publicbodyverification", action="update"
    ).get()
    assert entry.actor == back_office and entry.reason == "Not the trust it said"
    with pytest.raises(ValidationError, match="already been revoked"):
        public_body_verification_revoke(
            actor=back_office, verification=verification, reason="Again"
        )
    verify(back_office, applicant, riverside)  # and it can be verified again, with new evidence


def test_only_those_who_could_verify_it_may_revoke(council_admin, ward_admin, applicant, riverside):
    verification = verify(council_admin, applicant, riverside)
    with pytest.raises(PermissionDenied):
        public_body_verification_revoke(actor=ward_admin, verification=verification, reason="Rival")
    with pytest.raises(PermissionDenied):
        public_body_verification_revoke(
            actor=applicant.administrator, verification=verification, reason="Oops"
        )
    public_body_verification_revoke(
        actor=council_admin, verification=verification, reason="Merged into us"
    )


# --- the pages ---------------------------------------------------------------------------------


def test_an_unverified_public_body_says_it_is_awaiting_verification_and_what_that_means(
    client, applicant
):
    page = client.get(applicant.get_absolute_url()).content.decode()
    assert "Awaiting verification" in page
    assert "Riverside Health Trust is awaiting verification as a public body." in page
    assert "its people have no powers as public-body staff" in page
    assert (
        "ask the Commonweal back office, or a public body already verified for the places you serve"
        in page
    )
    assert "Verify this public body" not in page


def test_a_verified_one_says_where_it_is_verified(client, back_office, applicant, riverside):
    verify(back_office, applicant, riverside)
    page = client.get(applicant.get_absolute_url()).content.decode()
    assert "Awaiting verification" not in page
    assert "Verified as a public body for:" in page and ">Riverside</a>" in page


def test_a_provider_page_says_nothing_about_verification(client, riverside):
    page = client.get(_provider(riverside).get_absolute_url()).content.decode()
    assert "verification" not in page.lower()


def test_the_dashboard_of_an_unverified_bodys_people_says_so(
    client, sign_in, applicant, back_office, riverside
):
    dashboard = sign_in(applicant.administrator).get(reverse("core:dashboard")).content.decode()
    assert "Riverside Health Trust is awaiting verification as a public body." in dashboard
    verify(back_office, applicant, riverside)
    dashboard = sign_in(applicant.administrator).get(reverse("core:dashboard")).content.decode()
    assert "is awaiting verification as a public body" not in dashboard


def test_verifying_through_the_page(client, sign_in, council_admin, applicant, ward):
    url = reverse("organisations:verify", kwargs={"slug": applicant.slug})
    client = sign_in(council_admin)
    assert "Verify this public body" in client.get(applicant.get_absolute_url()).content.decode()
    page = client.get(url).content.decode()
    assert "Which place is it verified for?" in page and "Quayside" in page
    page = client.post(
        url, {"place": ward.pk, "evidence_kind": "gss_code", "evidence": "E0500"}
    ).content.decode()
    assert (
        "There is a problem" in page
        and "Enter a GSS code as a letter" in page
        and 'value="E0500"' in page
    )
    page = client.post(url, {}).content.decode()
    for message in (
        "Select the place it is verified for",
        "Select the kind of evidence you checked",
        "Enter the evidence you checked",
    ):
        assert message in page
    elsewhere = LocalAuthorityFactory()
    assert (
        "Select a place from the list"
        in client.post(
            url, {"place": elsewhere.pk, "evidence_kind": "gss_code", "evidence": "E05000001"}
        ).content.decode()
    )
    response = client.post(
        url, {"place": ward.pk, "evidence_kind": "gss_code", "evidence": "E05000001"}
    )
    assert response.status_code == 302 and response.url == applicant.get_absolute_url()
    assert applicant.verifications.get().place == ward


@pytest.mark.parametrize("who", ["anonymous", "stranger", "applicant_admin", "far_admin"])
def test_the_verify_and_revoke_pages_refuse_others(
    client, sign_in, back_office, applicant, riverside, who
):
    verification = verify(back_office, applicant, riverside)
    other = UnverifiedPublicBodyFactory(name="Riverside Fire Service", places_served=[riverside])
    verify_other = reverse("organisations:verify", kwargs={"slug": other.slug})
    verify_itself = reverse("organisations:verify", kwargs={"slug": applicant.slug})
    revoke_own = reverse(
        "organisations:verification-revoke",
        kwargs={"slug": applicant.slug, "verification_id": verification.pk},
    )
    listing = reverse("organisations:verification-list")
    refused = {
        "anonymous": [verify_other, verify_itself, revoke_own, listing],
        "stranger": [verify_other, verify_itself, revoke_own, listing],
        # Verified for Riverside, the trust may verify the fire service, but not itself.
        "applicant_admin": [verify_itself, revoke_own],
        "far_admin": [verify_other, verify_itself, revoke_own],
    }[who]
    if who != "anonymous":
        sign_in(
            {
                "stranger": lambda: UserFactory(),
                "applicant_admin": lambda: applicant.administrator,
                "far_admin": lambda: (
                    RoleFactory(
                        role=Role.ADMINISTRATOR,
                        organisation=PublicBodyFactory(places_served=[LocalAuthorityFactory()]),
                    ).user
                ),
            }[who]()
        )
    for url in refused:
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302 and response.url.startswith(
                reverse("accounts:sign-in")
            )
        else:
            assert response.status_code == 403, url
            assert "Riverside" not in response.content.decode()
        assert client.post(
            url,
            {
                "reason": "x",
                "place": riverside.pk,
                "evidence_kind": "other",
                "evidence": "Checked it myself",
            },
        ).status_code in (302, 403, 405)
    if who == "far_admin":  # a verifier, but the list shows nobody near their places
        assert "Riverside Fire Service" not in client.get(listing).content.decode()
    verification.refresh_from_db()
    assert verification.revoked_at is None and not other.verifications.exists()
    assert applicant.verifications.count() == 1


def test_unknown_ids_are_not_found(client, sign_in, back_office, applicant):
    client = sign_in(back_office)
    assert client.get(reverse("organisations:verify", kwargs={"slug": "nobody"})).status_code == 404
    assert (
        client.get(
            reverse(
                "organisations:verification-revoke",
                kwargs={"slug": applicant.slug, "verification_id": 999999},
            )
        ).status_code
        == 404
    )


def test_revoking_through_the_page_needs_a_reason(
    client, sign_in, back_office, applicant, riverside
):
    verification = verify(back_office, applicant, riverside)
    client = sign_in(back_office)
    url = reverse(
        "organisations:verification-revoke",
        kwargs={"slug": applicant.slug, "verification_id": verification.pk},
    )
    assert "revoke" in client.get(applicant.get_absolute_url()).content.decode()
    page = client.post(url, {"reason": ""}).content.decode()
    assert "There is a problem" in page and "Say why you are revoking the verification" in page
    response = client.post(url, {"reason": "It closed"})
    assert response.status_code == 302
    verification.refresh_from_db()
    assert verification.revoked_reason == "It closed"
    assert client.get(url).status_code == 404  # revoked already


def test_the_list_of_bodies_awaiting_verification(
    client, sign_in, back_office, council_admin, ward_admin, applicant, riverside, ward
):
    far = UnverifiedPublicBodyFactory(
        name="Far Away Council", places_served=[LocalAuthorityFactory()]
    )
    in_ward = UnverifiedPublicBodyFactory(name="Quayside Parish", places_served=[ward])

    def names(page):
        bodies = ("Riverside Health Trust", "Far Away Council", "Quayside Parish")
        return [body for body in bodies if body in page]

    url = reverse("organisations:verification-list")
    assert names(sign_in(back_office).get(url).content.decode()) == [
        "Riverside Health Trust",
        "Far Away Council",
        "Quayside Parish",
    ]
    assert names(sign_in(council_admin).get(url).content.decode()) == [
        "Riverside Health Trust",
        "Quayside Parish",
    ]
    # A ward's body sees the trust serving the whole borough too: it may verify it for the ward.
    assert names(sign_in(ward_admin).get(url).content.decode()) == [
        "Riverside Health Trust",
        "Quayside Parish",
    ]
    verify(back_office, in_ward, ward)
    assert "Quayside Parish" not in sign_in(back_office).get(url).content.decode()
    assert (
        far
        and "Public bodies awaiting verification" in sign_in(back_office).get(url).content.decode()
    )


def test_verifiers_reach_the_list_from_their_dashboard(
    client, sign_in, back_office, council_admin, applicant
):
    listing = reverse("organisations:verification-list")
    assert listing in sign_in(back_office).get(reverse("core:dashboard")).content.decode()
    assert listing in sign_in(council_admin).get(reverse("core:dashboard")).content.decode()
    assert (
        listing
        not in sign_in(applicant.administrator).get(reverse("core:dashboard")).content.decode()
    )


def test_lists_of_organisations_tag_public_bodies_awaiting_verification(
    client, applicant, riverside
):
    PublicBodyFactory(name="Riverside Council", places_served=[riverside])
    for url in (riverside.get_absolute_url(), reverse("organisations:list") + "?kind=public_body"):
        page = client.get(url).content.decode()
        assert page.count("Awaiting verification") == 1, url
        trust_row = page[page.index("Riverside Health Trust") :]
        assert trust_row.index("Awaiting verification") < trust_row.index(
            "</tr>" if "</tr>" in trust_row else "</li>"
        )


def test_a_places_page_shows_at_once_that_a_body_is_verified_or_no_longer_is(
    client, applicant, riverside, back_office
):
    """The place's page keeps its list of who serves it in the pages cache: a verification, and its
    revocation, change the tag on the next view."""
    url = riverside.get_absolute_url()
    assert "Awaiting verification" in client.get(url).content.decode()
    verification = verify(back_office, applicant, riverside)
    assert "Awaiting verification" not in client.get(url).content.decode()
    public_body_verification_revoke(actor=back_office, verification=verification, reason="Merged")
    assert "Awaiting verification" in client.get(url).content.decode()


def test_the_api_says_which_places_a_public_body_is_verified_for(
    api, token_for, back_office, applicant, riverside, ward
):
    provider = _provider(riverside)

    def detail(org):
        return api.get(reverse("api:organisation-detail", kwargs={"slug": org.slug})).json()

    assert detail(applicant)["verified_for"] == [] and detail(provider)["verified_for"] == []
    verify(back_office, applicant, ward)
    verify(back_office, applicant, riverside)
    assert detail(applicant)["verified_for"] == sorted([riverside.slug, ward.slug])
    listed = {
        row["slug"]: row["verified_for"]
        for row in api.get(reverse("api:organisation-list")).json()["results"]
    }
    assert (
        listed[applicant.slug] == sorted([riverside.slug, ward.slug])
        and listed[provider.slug] == []
    )
    public_body_verification_revoke(
        actor=back_office, verification=applicant.verifications.get(place=ward), reason="Wrong ward"
    )
    assert detail(applicant)["verified_for"] == [riverside.slug]


# --- nobody passes for another public body by its name --------------------------------------------


def test_a_verified_body_cannot_rename_itself_as_another_public_body(
    api, token_for, council_admin, ward_admin
):
    """The attack: a body verified for one ward renames itself as the borough council, through the API."""
    body = ward_admin.role_assignments.get(role=Role.ADMINISTRATOR).organisation
    response = api.patch(
        f"/api/organisations/{body.slug}/",
        {"name": "riverside council"},
        token=token_for(ward_admin),
    )
    assert response.status_code == 400
    assert "There is already a public body called riverside council" in response.json()["name"][0]
    body.refresh_from_db()
    assert body.name == "Quayside Town Council"


def test_a_verified_bodys_name_changes_only_through_the_back_office(ward_admin, back_office):
    body = ward_admin.role_assignments.get(role=Role.ADMINISTRATOR).organisation
    with pytest.raises(ValidationError) as refused:
        organisation_update(organisation=body, actor=ward_admin, name="Quayside Parish Council")
    assert "Ask the back office" in str(refused.value)
    organisation_update(
        organisation=body, actor=back_office, name="Quayside Parish Council", reason="New name"
    )
    body.refresh_from_db()
    assert body.name == "Quayside Parish Council"
    # Other changes, and the same name sent again, are the body's own to make.
    organisation_update(
        organisation=body,
        actor=ward_admin,
        name="Quayside Parish Council",
        description="We look after Quayside.",
    )


def test_nobody_registers_a_second_public_body_under_a_taken_name(council_admin):
    newcomer = UserFactory()
    with pytest.raises(ValidationError) as refused:
        organisation_register(
            actor=newcomer,
            name="  RIVERSIDE COUNCIL ",
            org_id="GB-LAE-ZZZ",
            legal_form=Organisation.LegalForm.PUBLIC_BODY,
        )
    assert "There is already a public body called" in str(refused.value)
    # A charity of the same name is not a public body, so it does not pass for one.
    organisation_register(
        actor=newcomer,
        name="Riverside Council",
        org_id="GB-CHC-123456",
        legal_form=Organisation.LegalForm.CHARITY,
    )
