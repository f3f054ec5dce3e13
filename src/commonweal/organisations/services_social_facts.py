"""Checking an organisation's inherent social value facts, and withdrawing a check.

What an organisation says of itself (``Organisation.asset_lock``, ``profits_reinvested_percent``,
``profit_use``) is a claim. A ``SocialFactsCheck`` is what somebody with no stake in it saw for
themselves: the back office, or staff of a verified public body for a place it serves. Never its
own people, not even from the back office. Each write is audited with who, when and why.
"""

from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.core import audit
from commonweal.organisations import place_staff
from commonweal.organisations.models import Organisation, SocialFactsCheck
from commonweal.organisations.selectors_social_facts import social_facts_in_force
from commonweal.places.models import Place
from commonweal.places.selectors import places_and_around_ids, places_and_inside_ids

__all__ = [
    "can_check",
    "check_place_choices",
    "check_record",
    "check_withdraw",
    "checking_body",
]


def _served_ids(organisation: Organisation) -> set[int]:
    return {place.pk for place in organisation.places_served.all()}


def _is_own(
    user: "User | AnonymousUser", organisation: Organisation, roles: frozenset[str] | None
) -> bool:
    if roles is not None:
        return bool(roles)
    if not isinstance(user, User):
        return False
    return organisation.role_assignments.filter(user=user).exists()


def checking_body(
    user: "User | AnonymousUser", organisation: Organisation, *, roles: frozenset[str] | None = None
) -> tuple[bool, Organisation | None]:
    """(may this person check the organisation's facts, the public body they check for).

    The back office may (the body is None: "the back office"); so may a person holding a
    place-staff role in a public body verified for a place the organisation serves, or a place
    such a place is part of. Nobody who holds any role in the organisation itself may.
    ``roles``: the roles the person holds in the organisation, when the caller has read them.
    """
    if not user.is_authenticated or _is_own(user, organisation, roles):
        return False, None
    if user.is_staff:
        return True, None
    if not _serves_where_staff(user, organisation):
        return False, None
    bodies, _verified_for = place_staff.staff_bodies_and_places(user)
    reach = places_and_around_ids(_served_ids(organisation))
    body = (
        Organisation.objects.filter(
            pk__in=place_staff.live_verifications()
            .filter(organisation_id__in=bodies, place_id__in=reach)
            .exclude(organisation_id=organisation.pk)
            .values("organisation_id")
        )
        .order_by("name", "pk")
        .first()
    )
    return body is not None, body


def _served_where_staff_ids(user: "User | AnonymousUser", organisation: Organisation) -> set[int]:
    """The places the organisation serves that the person is place staff for: each at or inside a
    place one of their verified public bodies is verified for (``place_staff.is_place_staff``'s
    rule, asked once for all its places; both walks are kept for the request)."""
    _bodies, verified_for = place_staff.staff_bodies_and_places(user)
    if not verified_for:
        return set()
    return _served_ids(organisation) & places_and_inside_ids(verified_for)


def _serves_where_staff(user: "User | AnonymousUser", organisation: Organisation) -> bool:
    return bool(_served_where_staff_ids(user, organisation))


def can_check(
    user: "User | AnonymousUser", organisation: Organisation, *, roles: frozenset[str] | None = None
) -> bool:
    """Record or withdraw a check of the organisation's social value facts (as ``checking_body``,
    without asking which body)."""
    if not user.is_authenticated or _is_own(user, organisation, roles):
        return False
    return user.is_staff or _serves_where_staff(user, organisation)


def check_place_choices(
    user: "User | AnonymousUser", organisation: Organisation
) -> QuerySet[Place]:
    """The places a person may say the organisation is locally owned and controlled in: those it
    serves, and for place staff only those they are staff for."""
    places = organisation.places_served.select_related("parent").order_by("name")
    if not user.is_authenticated:
        return places.none()
    if user.is_staff:
        return places
    return places.filter(pk__in=_served_where_staff_ids(user, organisation))


def _same(check: SocialFactsCheck | None, candidate: SocialFactsCheck) -> bool:
    return (
        check is not None
        and check.asset_lock == candidate.asset_lock
        and check.profits_reinvested_percent == candidate.profits_reinvested_percent
        and check.locally_owned_place_id == candidate.locally_owned_place_id
        and check.evidence == candidate.evidence
    )


@transaction.atomic
def check_record(
    *,
    actor: User,
    organisation: Organisation,
    asset_lock: bool,
    profits_reinvested_percent: Decimal | None,
    locally_owned_place: Place | None,
    evidence: str,
    reason: str = "",
) -> SocialFactsCheck:
    """Record what ``actor`` checked of the organisation's facts, on the evidence given. It is in
    force at once, in place of any earlier check. The same facts on the same evidence as the check
    in force change nothing: that check is given back."""
    # One check at a time per organisation, so two checkers cannot both supersede the same one.
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    may, body = checking_body(actor, organisation)
    if not may:
        raise PermissionDenied
    candidate = SocialFactsCheck(
        organisation=organisation,
        asset_lock=bool(asset_lock),
        profits_reinvested_percent=profits_reinvested_percent,
        locally_owned_place=locally_owned_place,
        evidence=(evidence or "").strip(),
        checked_by=actor,
        checked_by_body=body,
        checked_at=timezone.now(),
    )
    candidate.full_clean(exclude=["checked_by", "checked_by_body"], validate_constraints=False)
    if locally_owned_place is not None and not (
        check_place_choices(actor, organisation).filter(pk=locally_owned_place.pk).exists()
    ):
        raise ValidationError(
            {
                "locally_owned_place": [
                    _(
                        "Choose a place %(organisation)s serves and that you may check "
                        "organisations for."
                    )
                    % {"organisation": organisation}
                ]
            }
        )
    in_force = social_facts_in_force(organisation)
    if _same(in_force, candidate):
        assert in_force is not None
        return in_force
    reason = (reason or "").strip() or _("Social value facts checked for %(organisation)s") % {
        "organisation": organisation
    }
    with audit.audit_context(actor=actor, reason=reason):
        candidate.save()
    return candidate


@transaction.atomic
def check_withdraw(*, actor: User, check: SocialFactsCheck, reason: str) -> SocialFactsCheck:
    """Withdraw a check at once: its facts stop counting, and until somebody checks again the
    organisation's facts are "not checked". It is kept, with who withdrew it and why."""
    check = (
        SocialFactsCheck.objects.select_for_update().select_related("organisation").get(pk=check.pk)
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you are withdrawing the check")})
    if check.revoked_at is not None:
        raise ValidationError(_("This check has already been withdrawn."))
    if not can_check(actor, check.organisation):
        raise PermissionDenied
    check.revoked_at, check.revoked_by, check.revoked_reason = timezone.now(), actor, reason
    with audit.audit_context(actor=actor, reason=reason):
        check.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    return check
