"""Verifying public bodies, and revoking a verification. Each is audited with who, when and why."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.core import audit
from commonweal.organisations import permissions
from commonweal.organisations.models import Organisation, PublicBodyVerification
from commonweal.places.models import Place


@transaction.atomic
def public_body_verify(
    *,
    actor: User,
    organisation: Organisation,
    place: Place,
    evidence_kind: str,
    evidence: str,
    reason: str = "",
) -> PublicBodyVerification:
    """Record that ``organisation`` is a public body serving ``place``, on the evidence given."""
    # One verification at a time per organisation, so two verifiers cannot both add the same place.
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not permissions.can_verify(actor, organisation, place):
        raise PermissionDenied
    verification = PublicBodyVerification(
        organisation=organisation,
        place=place,
        evidence_kind=evidence_kind,
        evidence=evidence,
        verified_by=actor,
        verified_at=timezone.now(),
    )
    verification.full_clean(exclude=["verified_by"], validate_constraints=False)
    errors = verification_errors(organisation, place)
    if errors:
        raise ValidationError(errors)
    reason = (reason or "").strip() or _("Verified as a public body for %(place)s") % {
        "place": place
    }
    with audit.audit_context(actor=actor, reason=reason):
        verification.save()
    return verification


def verification_errors(organisation: Organisation, place: Place) -> dict[str, list[str]]:
    """Why ``organisation`` cannot be verified for ``place`` now, by field; empty when it can."""
    if place.pk not in permissions.claimed_place_ids(organisation):
        return {
            "place": [
                _(
                    "%(organisation)s does not say it serves %(place)s. Choose a place it serves, or ask its "
                    "administrators to add the place to its details first."
                )
                % {"organisation": organisation, "place": place}
            ]
        }
    if organisation.verifications.filter(place=place, revoked_at__isnull=True).exists():
        return {
            "place": [
                _("%(organisation)s is already verified for %(place)s.")
                % {"organisation": organisation, "place": place}
            ]
        }
    return {}


@transaction.atomic
def public_body_verification_revoke(
    *, actor: User, verification: PublicBodyVerification, reason: str
) -> PublicBodyVerification:
    """Take a verification away at once: the body's people lose their powers for that place."""
    verification = (
        PublicBodyVerification.objects.select_for_update()
        .select_related("organisation", "place")
        .get(pk=verification.pk)
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you are revoking the verification")})
    if verification.revoked_at is not None:
        raise ValidationError(_("This verification has already been revoked."))
    if not permissions.can_revoke(actor, verification):
        raise PermissionDenied
    verification.revoked_at, verification.revoked_by, verification.revoked_reason = (
        timezone.now(),
        actor,
        reason,
    )
    with audit.audit_context(actor=actor, reason=reason):
        verification.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    return verification
