"""Writes about people: signing up, their details, where they live, their roles and their second factor."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonweal.accounts import confirmation
from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.accounts.selectors import RESIDENCE_KINDS
from commonweal.core import audit
from commonweal.places.models import Place


def _email_taken() -> ValidationError:
    from commonweal.accounts.forms import EMAIL_TAKEN

    return ValidationError({"email": EMAIL_TAKEN})


@transaction.atomic
def user_sign_up(
    *, full_name: str, email: str, password: str, residence: Place | None = None
) -> User:
    """Make an account for a new person, and make them a resident of the place they live in, if they said."""
    user = User(
        email=User.objects.normalize_email(email.strip()).lower(), full_name=full_name.strip()
    )
    user.set_password(password)
    # The person is the actor of their own sign-up: the entry is written once the record has an id.
    with audit.audit_context(actor=user, reason="Signed up"):
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            raise _email_taken() from None
        if residence is not None:
            residence_set(actor=user, user=user, place=residence)
    email_confirmation_send(user=user)
    return user


@dataclass(frozen=True)
class NewPerson:
    """One person for ``users_add_bulk``: their address, name, where they live (a resident there), when they joined."""

    email: str
    full_name: str
    lives_in: Place | None = None
    joined: datetime | None = None


# Rows written per INSERT by the bulk services (the database may lower it).
BULK_BATCH_SIZE = 1000


@transaction.atomic
def users_add_bulk(
    *,
    place: Place,
    people: Sequence[NewPerson],
    reason: str,
    email_confirmed: bool = False,
    is_demo_account: bool = False,
) -> list[User]:
    """Accounts for many people at once (an import, the demo's city-scale data), each a resident of the
    place they live in: one audit entry about ``place`` with the counts and a digest, not one per person.

    Nobody can sign in with a password until they set one ("forgotten your password"): every account
    gets the same unusable password, so no password is hashed here. ``email_confirmed`` marks the
    addresses as confirmed now (only for addresses known to work, like the demo's fictional ones).
    Refuses, writing nothing, when an address is there twice or already has an account.
    """
    emails = [User.objects.normalize_email(person.email.strip()).lower() for person in people]
    if len(set(emails)) != len(emails):
        raise ValidationError(_("The same email address is there more than once."))
    taken: set[str] = set()
    for start in range(0, len(emails), BULK_BATCH_SIZE):
        taken.update(
            User.objects.filter(email__in=emails[start : start + BULK_BATCH_SIZE]).values_list(
                "email", flat=True
            )
        )
    if taken:
        raise ValidationError(
            _("%(count)d of these email addresses already have an account, such as %(email)s.")
            % {"count": len(taken), "email": min(taken)}
        )
    if any(p.lives_in is not None and p.lives_in.kind not in RESIDENCE_KINDS for p in people):
        raise ValidationError({"place": _("Choose a ward, neighbourhood or local authority.")})
    now = timezone.now()
    unusable = make_password(None)
    users = [
        User(
            email=email,
            full_name=person.full_name.strip(),
            password=unusable,
            is_demo_account=is_demo_account,
            date_joined=person.joined or now,
            email_confirmed_at=(person.joined or now) if email_confirmed else None,
        )
        for email, person in zip(emails, people, strict=True)
    ]
    with (
        audit.audit_context(reason=reason),
        audit.bulk_operation(instance=place, action="people_import", reason=reason) as operation,
    ):
        users = operation.bulk_create(User, users, m2m=False, batch_size=BULK_BATCH_SIZE)
        operation.bulk_create(
            RoleAssignment,
            [
                RoleAssignment(
                    user=user,
                    role=Role.RESIDENT,
                    place=person.lives_in,
                    granted_at=person.joined or now,
                )
                for user, person in zip(users, people, strict=True)
                if person.lives_in is not None
            ],
            batch_size=BULK_BATCH_SIZE,
        )
    return users


@transaction.atomic
def user_update_details(*, actor: User, user: User, full_name: str, email: str) -> User:
    """Change a person's name and email address."""
    email = User.objects.normalize_email(email.strip()).lower()
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise _email_taken()
    email_changed = email != user.email
    with audit.audit_context(actor=actor, reason="Changed their details"):
        user.full_name = full_name.strip()
        user.email = email
        if email_changed:
            # A new address is not confirmed until the person follows the link sent to it.
            user.email_confirmed_at = None
        user.full_clean(exclude=["password"])
        user.save(update_fields=["full_name", "email", "email_confirmed_at"])
    if email_changed:
        email_confirmation_send(user=user)
    return user


@transaction.atomic
def email_confirmation_send(*, user: User) -> None:
    """Email the person a link that confirms their current address (from a background task)."""
    from commonweal.accounts.tasks import send_email

    context = {
        "user": user,
        "link": settings.SITE_URL
        + reverse("accounts:confirm-email", kwargs={"token": confirmation.link_token(user)}),
        "link_days": confirmation.link_days(),
        "site_url": settings.SITE_URL,
    }
    subject = "".join(
        loader.render_to_string("accounts/email/confirm_email_subject.txt", context).splitlines()
    )
    body = loader.render_to_string("accounts/email/confirm_email.txt", context)
    send_email.enqueue(subject=subject, body=body, to=[user.email])


@transaction.atomic
def user_email_confirm(*, user: User, actor: User | None = None) -> bool:
    """Record that the person's current address is confirmed: by them following the link, or by the
    back office (``actor``). False if it already was."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email_confirmed_at is not None:
        return False
    reason = (
        "Confirmed their email address"
        if actor is None
        else "Email address confirmed by the back office"
    )
    with audit.audit_context(actor=actor or user, reason=reason):
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return True


@transaction.atomic
def user_password_set(*, actor: User, user: User, password: str) -> User:
    """Give a person a new password (the password itself is never recorded)."""
    with audit.audit_context(actor=actor, reason="Changed their password"):
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def residence_set(*, actor: User, user: User, place: Place | None) -> RoleAssignment | None:
    """Say where a person lives: they become a resident there, and stop being one anywhere else.

    ``place=None`` removes it.
    """
    if place is not None and place.kind not in RESIDENCE_KINDS:
        raise ValidationError({"place": _("Choose a ward, neighbourhood or local authority.")})
    with audit.audit_context(actor=actor, reason="Changed where they live"):
        current = RoleAssignment.objects.filter(user=user, role=Role.RESIDENT)
        for assignment in current.exclude(place=place) if place is not None else current:
            assignment.delete()
        if place is None:
            return None
        existing = current.filter(place=place).first()
        if existing is not None:
            return existing
        assignment = RoleAssignment(user=user, role=Role.RESIDENT, place=place)
        assignment.full_clean()
        assignment.save()
        return assignment


@transaction.atomic
def role_grant(
    *,
    actor: User | None,
    user: User,
    role: str,
    # An organisations.Organisation: accounts is a lower layer, so it cannot name the class.
    organisation: Any = None,
    place: Place | None = None,
    reason: str,
) -> RoleAssignment:
    """Give a person a role for an organisation or a place. Raises ValidationError with a clear message."""
    assignment = RoleAssignment(user=user, role=role, organisation=organisation, place=place)
    # Field and scope rules first (ROLE_SCOPES, PUBLIC_BODY_ROLES); the database constraints are
    # checked below with messages a person can act on.
    assignment.full_clean(validate_unique=False, validate_constraints=False)
    duplicate = RoleAssignment.objects.filter(user=user, role=role)
    duplicate = (
        duplicate.filter(organisation=organisation)
        if organisation is not None
        else duplicate.filter(place=place)
    )
    if duplicate.exists():
        raise ValidationError(
            {
                "role": _("%(person)s is already %(role)s for %(scope)s.")
                % {
                    "person": user,
                    "role": assignment.get_role_display().lower(),
                    "scope": organisation or place,
                }
            }
        )
    with audit.audit_context(actor=actor, reason=reason):
        assignment.save()
    return assignment


@transaction.atomic
def role_revoke(*, actor: User | None, assignment: RoleAssignment, reason: str) -> None:
    """Take a role away from a person."""
    with audit.audit_context(actor=actor, reason=reason):
        assignment.delete()


# --- two-factor authentication ------------------------------------------------------------------

DEVICE_NAME = "Authenticator app"
PENDING_DEVICE_NAME = "Authenticator app (being set up)"


@transaction.atomic
def totp_device_prepare(*, user: User) -> TOTPDevice:
    """The authenticator app being set up: the same one until it is confirmed, so the QR code stays put."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        with audit.audit_context(actor=user, reason="Started setting up two-factor authentication"):
            device = TOTPDevice.objects.create(user=user, name=PENDING_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_verify(*, device: TOTPDevice, code: str) -> bool:
    """Whether ``code`` is the one the app shows now. Wrong codes slow further tries down."""
    return bool(device.verify_token(code))


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice) -> TOTPDevice:
    """Start using a newly set-up app, replacing any app set up before."""
    with audit.audit_context(actor=user, reason="Set up two-factor authentication"):
        for old in TOTPDevice.objects.filter(user=user).exclude(pk=device.pk):
            old.delete()
        device.confirmed = True
        device.name = DEVICE_NAME
        device.save()
    return device


@transaction.atomic
def totp_devices_remove(*, actor: User, user: User) -> None:
    """Turn two-factor authentication off for a person."""
    with audit.audit_context(actor=actor, reason="Turned off two-factor authentication"):
        for device in TOTPDevice.objects.filter(user=user):
            device.delete()
