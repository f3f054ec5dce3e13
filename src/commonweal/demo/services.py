"""Loading the fictional Riverside demo place."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.management import call_command
from django.db import connection, models, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonweal.accounts.models import RoleAssignment, User
from commonweal.core import audit, audit_chain
from commonweal.demo import (
    agreements,
    budgeting,
    commissioning,
    competitions,
    data,
    data_commissioning,
    data_competitions,
    needs_first,
    notices,
    panels,
    scale,
)
from commonweal.organisations import identifiers
from commonweal.organisations.models import Organisation
from commonweal.organisations.services_verification import public_body_verify
from commonweal.places.models import Place

ModelT = TypeVar("ModelT", bound=models.Model)

DEVICE_NAME = "Authenticator app"


@dataclass(frozen=True)
class DemoSummary:
    places: int
    organisations: int
    people: int
    needs: int = 0


@transaction.atomic
def demo_load(*, reset: bool = False) -> DemoSummary:
    """Load the Riverside demo place; with ``reset``, wipe the whole database first. Safe to run again."""
    if reset:
        _flush()
    with audit.audit_context(reason="Demo place loaded"):
        places = _load_places()
        organisations = _load_organisations(places)
        people = _load_people(places, organisations)
        _verify_public_bodies(places, organisations)
        cycle = needs_first.load(places=places, organisations=organisations, save=_save)
        budgeting.load(places=places, organisations=organisations, save=_save)
        panels.load(places=places, organisations=organisations, save=_save)
        commissioning.load(places=places, organisations=organisations, save=_save)
        competitions.load(places=places, organisations=organisations, save=_save)
        agreements.load(places=places, organisations=organisations, save=_save)
        notices.load(places=places)
    return DemoSummary(
        places=len(places),
        organisations=len(organisations)
        + len(data_commissioning.ORGANISATIONS)
        + len(data_competitions.ORGANISATIONS),
        people=len(people) + cycle["people"],
        needs=cycle["needs"],
    )


def demo_grow(
    *,
    factor: int,
    seed: int = scale.DEFAULT_SEED,
    progress: Callable[[str], None] = lambda _text: None,
) -> scale.GrowSummary:
    """Grow the loaded demo place ``factor``-fold with generated records (``scale.grow``), each copy
    in its own transaction. Raises ``scale.AlreadyGrown`` if it has been grown before."""
    return scale.grow(factor=factor, seed=seed, save=_save, progress=progress)


def _flush() -> None:
    """Empty every table. PostgreSQL refuses to TRUNCATE while foreign key checks are pending in this
    transaction, so run them first, then defer them again as Django expects."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with audit_chain.truncate_allowed():  # the demo's trail starts again with its data
        call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _save(instance: ModelT, **fields: Any) -> ModelT:
    """Set the fields, check them as a form would, and save (the audit trail records only real changes)."""
    if (
        isinstance(instance, User)
        and fields.get("is_demo_account")
        and instance.email_confirmed_at is None
    ):
        # Demo people's (fictional) addresses count as confirmed, so they can take part at once.
        fields = {**fields, "email_confirmed_at": timezone.now()}
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def _load_places() -> dict[str, Place]:
    country = (
        Place.objects.filter(gss_code=data.COUNTRY["gss_code"]).first()
        or Place.objects.filter(slug=data.COUNTRY["slug"]).first()
    )
    if country is None:  # a real England, if one is there already, is left as it is
        country = _save(
            Place(slug=str(data.COUNTRY["slug"])),
            kind=Place.Kind.COUNTRY,
            is_fictional=False,
            **{k: v for k, v in data.COUNTRY.items() if k != "slug"},
        )
    places = {country.slug: country}

    def upsert(slug: str, **fields: Any) -> Place:
        place = Place.objects.filter(slug=slug).first() or Place(slug=slug)
        places[slug] = _save(place, is_fictional=True, gss_code="", **fields)
        return places[slug]

    borough = upsert(
        str(data.BOROUGH["slug"]),
        kind=Place.Kind.LOCAL_AUTHORITY,
        parent=country,
        name=data.BOROUGH["name"],
        population=data.BOROUGH["population"],
        description=data.BOROUGH["description"],
    )
    for name, population, about in data.WARDS:
        upsert(
            data.place_slug(name),
            kind=Place.Kind.WARD,
            parent=borough,
            name=name,
            population=population,
            description=about,
        )
    for name, ward, population in data.NEIGHBOURHOODS:
        upsert(
            data.place_slug(name),
            kind=Place.Kind.NEIGHBOURHOOD,
            parent=places[data.place_slug(ward)],
            name=name,
            population=population,
            description="",
        )
    return places


def _load_organisations(places: dict[str, Place]) -> dict[str, Organisation]:
    organisations = {}
    for row in data.ORGANISATIONS:
        fields = {key: value for key, value in row.items() if key != "places_served"}
        org_id = identifiers.normalise(fields["org_id"])
        organisation = (
            Organisation.objects.filter(org_id=org_id).first()
            or Organisation.objects.filter(slug=fields["slug"]).first()
            or Organisation()
        )
        organisation = _save(organisation, **fields)
        organisation.places_served.set([places[slug] for slug in row["places_served"]])
        organisations[organisation.slug] = organisation
    return organisations


def _load_people(places: dict[str, Place], organisations: dict[str, Organisation]) -> list[User]:
    people = []
    by_local_part = {}

    def assign(user: User, role: str, where: dict) -> None:
        scope = (
            {"organisation": organisations[where["organisation"]]}
            if "organisation" in where
            else {"place": places[where["place"]]}
        )
        if not RoleAssignment.objects.filter(user=user, role=role, **scope).exists():
            _save(RoleAssignment(user=user, role=role, **scope))

    for local_part, full_name, role, where in data.PEOPLE:
        user = _person(local_part, full_name)
        assign(user, role, where)
        people.append(user)
        by_local_part[local_part] = user
    for local_part, role, where in data.MORE_ROLES:
        assign(by_local_part[local_part], role, where)
    local_part, full_name = data.SUPERUSER
    people.append(_person(local_part, full_name, is_staff=True, is_superuser=True))
    for user in people:
        if user.needs_two_factor:
            _confirmed_device(user)
    return people


def _verify_public_bodies(places: dict[str, Place], organisations: dict[str, Organisation]) -> None:
    """The back office verifies the demo's public bodies, with evidence, as it would real ones."""
    back_office = User.objects.get(email=data.email(data.SUPERUSER[0]))
    for slug, place_slug, kind, evidence in data.VERIFICATIONS:
        organisation, place = organisations[slug], places[place_slug]
        if not organisation.verifications.filter(place=place, revoked_at__isnull=True).exists():
            public_body_verify(
                actor=back_office,
                organisation=organisation,
                place=place,
                evidence_kind=kind,
                evidence=evidence,
                reason="Demo place loaded",
            )


def _person(
    local_part: str, full_name: str, *, is_staff: bool = False, is_superuser: bool = False
) -> User:
    email = data.email(local_part)
    user = User.objects.filter(email=email).first() or User(email=email)
    user.set_password(data.DEMO_PASSWORD)
    return _save(
        user,
        full_name=full_name,
        is_demo_account=True,
        is_active=True,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )


def _confirmed_device(user: User) -> TOTPDevice:
    """Demo staff have an authenticator app already; the sign-in page shows them its current code in demo mode."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
