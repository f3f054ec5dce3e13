"""factory_boy factories for the test suite (a test dependency; never imported by the site)."""

import factory
from django.db.models.signals import m2m_changed
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.organisations.models import Organisation, PublicBodyVerification
from commonweal.places.models import Place


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    # Confirmed by default; ``UserFactory(email_confirmed_at=None)`` or ``UserFactory(unconfirmed=True)``
    # makes someone who has not yet followed the link sent to their address.
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    class Params:
        unconfirmed = factory.Trait(email_confirmed_at=None)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")
    kind = Place.Kind.COUNTRY


class LocalAuthorityFactory(PlaceFactory):
    kind = Place.Kind.LOCAL_AUTHORITY
    name = factory.Sequence(lambda n: f"Borough {n}")
    slug = factory.Sequence(lambda n: f"borough-{n}")
    parent = factory.SubFactory(PlaceFactory)


class WardFactory(PlaceFactory):
    kind = Place.Kind.WARD
    name = factory.Sequence(lambda n: f"Ward {n}")
    slug = factory.Sequence(lambda n: f"ward-{n}")
    parent = factory.SubFactory(LocalAuthorityFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    org_id = factory.Sequence(lambda n: f"GB-CHC-{1100000 + n}")
    legal_form = Organisation.LegalForm.CHARITY
    headcount = 12
    annual_turnover = 450000


class PublicBodyFactory(OrganisationFactory):
    """A public body, verified for every place it serves, including places added to it later
    (``body.places_served.add(riverside)``), so its staff have place-staff powers there as before
    verification existed. ``PublicBodyFactory(verified=False)`` (or ``UnverifiedPublicBodyFactory``)
    makes one awaiting verification, as a body that registers itself is."""

    class Meta:
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Borough Council {n}")
    slug = factory.Sequence(lambda n: f"borough-council-{n}")
    org_id = factory.Sequence(
        lambda n: f"GB-LAE-{chr(65 + n // 676 % 26)}{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}"
    )
    legal_form = Organisation.LegalForm.PUBLIC_BODY
    headcount = None
    annual_turnover = None

    @factory.post_generation
    def places_served(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.places_served.add(*extracted)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj._verify_places_served = extracted is not False
        if create and obj._verify_places_served:
            for place in obj.places_served.all():
                verify_public_body(obj, place)


class UnverifiedPublicBodyFactory(PublicBodyFactory):
    """A public body nobody has verified yet: its people have no place-staff powers."""

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj._verify_places_served = False


def verify_public_body(body, place, *, by=None) -> PublicBodyVerification:
    """A live verification of ``body`` for ``place`` (the one there is, or a new one), as the back office makes."""
    existing = body.verifications.filter(place=place, revoked_at__isnull=True).first()
    return existing or PublicBodyVerification.objects.create(
        organisation=body,
        place=place,
        evidence_kind=PublicBodyVerification.EvidenceKind.OTHER,
        evidence="Made by the test factories",
        verified_by=by,
    )


def _verify_places_added(sender, instance, action, reverse, pk_set, **kwargs):
    """Places added to a factory-made public body are verified too, unless it was made unverified."""
    if action == "post_add" and not reverse and getattr(instance, "_verify_places_served", False):
        for place in Place.objects.filter(pk__in=pk_set):
            verify_public_body(instance, place)


m2m_changed.connect(
    _verify_places_added,
    sender=Organisation.places_served.through,
    dispatch_uid="commonweal.testing.factories.verify_places_added",
)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.PROVIDER_MEMBER
    organisation = factory.SubFactory(OrganisationFactory)
    place = None


def confirmed_totp_device(user) -> TOTPDevice:
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Authenticator app", defaults={"confirmed": True}
    )
    return device
