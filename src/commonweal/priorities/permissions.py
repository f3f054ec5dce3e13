"""Who may run a priority round, and who may vote in one.

"Any round" rules: everybody reads rounds that are not drafts, and their results once
published. "Rounds for my place" rules: public-body staff for the place (or the back
office) create, change and delete drafts, open, close and publish them, and mark needs
prioritised.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.permissions import has_confirmed_email
from commonweal.accounts.roles import Role
from commonweal.organisations.place_staff import is_place_staff, is_staff_anywhere
from commonweal.places.models import Place
from commonweal.places.selectors import place_with_descendant_ids
from commonweal.priorities.models import PriorityRound


def can_create(user) -> bool:
    """Place staff somewhere (organisations/place_staff.py), or the back office."""
    return is_staff_anywhere(user)


def can_manage(user, round_: PriorityRound) -> bool:
    """Change or delete a draft, open, close, publish and mark needs prioritised."""
    return is_place_staff(user, round_.place)


def is_changeable(round_: PriorityRound) -> bool:
    """Only a draft is changed or deleted: once open, people may have seen it and voted."""
    return round_.status == PriorityRound.Status.DRAFT


def why_not_changeable() -> str:
    """Why a round that is no longer a draft cannot be changed or deleted, in plain words."""
    return _("This round has been opened for voting, so it can no longer be changed or deleted.")


def can_view(user, round_: PriorityRound) -> bool:
    """A draft is seen only by those who manage it."""
    return round_.status != PriorityRound.Status.DRAFT or can_manage(user, round_)


def can_see_results(user, round_: PriorityRound) -> bool:
    """Counts stay hidden from everybody, staff included, until the results are published."""
    return round_.status == PriorityRound.Status.PUBLISHED


def is_open_for_voting(round_: PriorityRound, now=None) -> bool:
    now = now or timezone.now()
    return round_.status == PriorityRound.Status.OPEN and round_.opens_at <= now < round_.closes_at


def voting_phase(round_: PriorityRound, now=None) -> str:
    """draft, upcoming (open but before the opening date), open, ended or published."""
    now = now or timezone.now()
    if round_.status in (PriorityRound.Status.DRAFT, PriorityRound.Status.PUBLISHED):
        return round_.status
    if round_.status == PriorityRound.Status.CLOSED or now >= round_.closes_at:
        return "ended"
    return "open" if now >= round_.opens_at else "upcoming"


def manager_steps(round_: PriorityRound, now=None) -> set[str]:
    """The steps those who manage the round may take now, for its page to offer (the services
    refuse the rest): change, delete or open a draft, close an open round before its end, publish
    an ended round, mark needs prioritised citing a published one."""
    phase = voting_phase(round_, now)
    steps = set()
    if is_changeable(round_):
        steps.update(("edit", "delete", "open"))
    if round_.status == PriorityRound.Status.OPEN and phase != "ended":
        steps.add("close")
    if phase == "ended":
        steps.add("publish")
    if phase == PriorityRound.Status.PUBLISHED:
        steps.add("prioritise")
    return steps


def _holds_place_role(user, role: str, place: Place) -> bool:
    return user.role_assignments.filter(
        role=role, place_id__in=place_with_descendant_ids(place)
    ).exists()


def is_eligible(user, round_: PriorityRound) -> bool:
    """The person is someone the round is for (whether or not it is open now)."""
    if not user.is_authenticated:
        return False
    if round_.eligibility == PriorityRound.Eligibility.SIGNED_IN:
        return True
    if round_.eligibility == PriorityRound.Eligibility.RESIDENTS:
        return _holds_place_role(user, Role.RESIDENT, round_.place)
    if round_.eligibility == PriorityRound.Eligibility.CITIZEN_COMMISSIONERS:
        return _holds_place_role(user, Role.CITIZEN_COMMISSIONER, round_.place)
    return False


def can_vote(user, round_: PriorityRound) -> bool:
    return is_open_for_voting(round_) and is_eligible(user, round_) and has_confirmed_email(user)


def why_not_eligible(round_: PriorityRound) -> str:
    """What the person lacks, in plain words, for someone signed in but not eligible."""
    if round_.eligibility == PriorityRound.Eligibility.RESIDENTS:
        return _(
            "This round is for residents of %(place)s. Your account does not show you as a resident "
            "of %(place)s or a place in it."
        ) % {"place": round_.place.name}
    return _(
        "This round is for citizen commissioners for %(place)s. Your account does not show you as a "
        "citizen commissioner for %(place)s or a place in it."
    ) % {"place": round_.place.name}
