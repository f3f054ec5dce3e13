"""Who may see and do what in an alliance's governance (on top of permissions.py).

- **Decisions are public** wherever the alliance is (permissions.can_view: once it is in force or
  ended, everybody; one being set up, its parties only). An alliance spends public money on public
  services: every decision is recorded with who agreed, when, under which rule and how it serves
  the principle, for anyone to read.
- **Members** (who is in the alliance, who sits on its leadership team) are public the same way;
  their **shares** of pain and gain are for the parties only.
- **The risk register and the pain and gain figures are for the parties only**
  (permissions.is_party: those who run the agreement and the provider members' people). They are
  commercially sensitive: costs against target, and what could go wrong, in the members' words.
- **Record** decisions, risks and a year's pain and gain (``can_govern``): the people of an
  organisation on the leadership team, the commissioner's staff who run the agreement, and the
  back office.
- **Change who is in the alliance and their shares** (``can_manage_members``): only those who run
  the agreement (permissions.can_manage): it is the contract's shape, not the team's day-to-day.
"""

from commonweal.agreements import permissions
from commonweal.agreements.models import Agreement, Member


def can_see_decisions(user, agreement: Agreement) -> bool:
    return permissions.can_view(user, agreement)


def can_see_members(user, agreement: Agreement) -> bool:
    return permissions.can_view(user, agreement)


def can_see_register(user, agreement: Agreement) -> bool:
    """The risk register, the pain and gain figures and the members' shares: the parties only."""
    return permissions.is_party(user, agreement)


def leadership_ids(agreement: Agreement) -> set[int]:
    return set(
        Member.objects.filter(agreement=agreement, on_leadership_team=True).values_list(
            "organisation_id", flat=True
        )
    )


def can_govern(user, agreement: Agreement) -> bool:
    """Record decisions, risks and pain and gain: the leadership team's people, or those who run it."""
    if not user.is_authenticated:
        return False
    if permissions.can_manage(user, agreement):
        return True
    return bool(permissions.speaks_for_ids(user) & leadership_ids(agreement))


def can_manage_members(user, agreement: Agreement) -> bool:
    return permissions.can_manage(user, agreement)
