"""Reading the checks of organisations' inherent social value facts.

The newest check of an organisation is the one in force. When it has been withdrawn, none is: an
older check it replaced does not come back (it was replaced for a reason), so the facts are "not
checked" until somebody checks them again.
"""

from collections.abc import Iterable

from django.db.models import OuterRef, QuerySet, Subquery

from commonweal.organisations.models import Organisation, SocialFactsCheck

__all__ = [
    "social_facts_check_get",
    "social_facts_in_force",
    "social_facts_in_force_for",
]


def _newest_ids() -> Subquery:
    return Subquery(
        SocialFactsCheck.objects.filter(organisation_id=OuterRef("organisation_id"))
        .order_by("-checked_at", "-pk")
        .values("pk")[:1]
    )


def _in_force() -> QuerySet[SocialFactsCheck]:
    return SocialFactsCheck.objects.filter(
        pk=_newest_ids(), revoked_at__isnull=True
    ).select_related("checked_by_body", "locally_owned_place")


def social_facts_in_force(organisation: Organisation) -> SocialFactsCheck | None:
    """The check of the organisation's facts in force, with the body that checked and the place, or
    None when they have not been checked (or the newest check was withdrawn)."""
    return _in_force().filter(organisation_id=organisation.pk).first()


def social_facts_in_force_for(organisation_ids: Iterable[int]) -> dict[int, SocialFactsCheck]:
    """The checks in force for many organisations, by organisation id, in one query. An
    organisation whose facts are not checked is not in it."""
    ids = set(organisation_ids)
    if not ids:
        return {}
    return {check.organisation_id: check for check in _in_force().filter(organisation_id__in=ids)}


def social_facts_check_get(organisation: Organisation, check_id: int) -> SocialFactsCheck | None:
    """One of the organisation's checks, or None (also for an id no database holds)."""
    if not isinstance(check_id, int) or not 0 < check_id < 2**63:
        return None
    return (
        SocialFactsCheck.objects.select_related("organisation", "checked_by_body")
        .filter(organisation=organisation, pk=check_id)
        .first()
    )
