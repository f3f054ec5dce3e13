"""factory_boy factories for the test suite (a test dependency; never imported by the site)."""

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.organisations.models import Organisation
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
    name = factory.Sequence(lambda n: f"Borough Council {n}")
    slug = factory.Sequence(lambda n: f"borough-council-{n}")
    org_id = factory.Sequence(lambda n: f"GB-LAE-{chr(65 + n // 676 % 26)}{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    legal_form = Organisation.LegalForm.PUBLIC_BODY
    headcount = None
    annual_turnover = None


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.PROVIDER_MEMBER
    organisation = factory.SubFactory(OrganisationFactory)
    place = None


def confirmed_totp_device(user) -> TOTPDevice:
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Authenticator app", defaults={"confirmed": True})
    return device
