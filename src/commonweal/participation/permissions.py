"""Who may run a budgeting round, propose projects, vote and see results.

"Any round": everybody reads rounds that are not drafts, and results once published.
"Rounds for my place": public-body staff for the place (or the back office) run them.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.permissions import has_confirmed_email
from commonweal.accounts.roles import Role
from commonweal.organisations import place_staff
from commonweal.participation import keys
from commonweal.participation.models import BudgetRound, EligibilityEntry, Verification
from commonweal.places.selectors import place_with_descendant_ids


def can_create(user) -> bool:
    """Place staff somewhere (organisations/place_staff.py), or the back office."""
    return place_staff.is_staff_anywhere(user)


def can_manage(user, round_: BudgetRound) -> bool:
    """Edit, move phases, check people, enter paper ballots, count and publish."""
    return place_staff.is_place_staff(user, round_.place)


def manager_steps(
    round_: BudgetRound, *, counted: bool = False, counting: bool = False, uncounted: int = 0
) -> set[str]:
    """The steps those who run the round may take now, for its page to offer (the services refuse
    the rest). Before voting: change the settings, add and check projects, take ideas, stop taking
    them, open voting. While voting: close it. Voting or closed: enter paper ballots, one at a time
    or (for ballots that choose projects) a sheet of them. Closed or published, with no count
    ``counting`` in the background: count (again). Publish: when ``publish_refusal`` has no reason
    against it (closed, ``counted``, nothing ``counting``, no ballot ``uncounted``)."""
    R = BudgetRound.Status
    steps = set()
    if round_.is_before_voting:
        steps |= {"edit", "add_project", "review_projects", "open_voting"}
    if round_.status == R.DRAFT:
        steps.add("take_ideas")
    if round_.status == R.PROPOSALS:
        steps.add("check_ideas")
    if round_.status == R.VOTING:
        steps.add("close_voting")
    if round_.takes_paper_ballots:
        steps.add("paper_ballots")
        if round_.takes_paper_sheets:
            steps.add("paper_sheet")
    if round_.is_countable and not counting:
        steps.add("count")
    if not publish_refusal(round_, counted=counted, counting=counting, uncounted=uncounted):
        steps.add("publish")
    return steps


def publish_refusal(round_: BudgetRound, *, counted: bool, counting: bool, uncounted: int) -> str:
    """Why the results cannot be published now, in words; empty when they can. The publishing
    service and the pages that offer publishing ask this same question: voting must have closed,
    the votes been counted, no count be under way, and no ballot have come in since the count."""
    if round_.status != BudgetRound.Status.CLOSED:
        return _("Only a round whose voting has closed can have its results published.")
    if not counted:
        return _("Count the votes before you publish the results.")
    if counting:
        return _("The votes are being counted. Publish the results when the count is done.")
    if uncounted:
        return _(
            "Some ballots arrived after the votes were counted. Count the votes again, then publish."
        )
    return ""


def can_view(user, round_: BudgetRound) -> bool:
    """A draft is seen only by those who run it."""
    return round_.status != BudgetRound.Status.DRAFT or can_manage(user, round_)


def can_see_results(user, round_: BudgetRound) -> bool:
    """The results page, its file and the API: for everybody once published, for nobody before."""
    return round_.status == BudgetRound.Status.PUBLISHED


def can_preview_results(user, round_: BudgetRound) -> bool:
    """Those who run the round see the latest count before they publish it, to check it (on the
    publishing page, marked as a preview). Voters and the public see nothing until publication;
    once published, the results page is everybody's, theirs included."""
    return round_.status != BudgetRound.Status.PUBLISHED and can_manage(user, round_)


def are_proposals_open(round_: BudgetRound, today=None) -> bool:
    """Open while an officer has the round taking ideas, and within the published dates:
    from the day ideas open to the day before checking starts."""
    if round_.status != BudgetRound.Status.PROPOSALS:
        return False
    today = today or timezone.localdate()
    if round_.proposals_open and today < round_.proposals_open:
        return False
    return not (round_.review_from and today >= round_.review_from)


def can_propose(user, round_: BudgetRound) -> bool:
    return has_confirmed_email(user) and are_proposals_open(round_)


def is_resident(user, round_: BudgetRound) -> bool:
    if not user.is_authenticated:
        return False
    return user.role_assignments.filter(
        role=Role.RESIDENT, place_id__in=place_with_descendant_ids(round_.place)
    ).exists()


def is_verified(user, round_: BudgetRound) -> bool:
    """Checked by the round's method. A list, a code or an officer's check also shows they live there."""
    if not user.is_authenticated:
        return False
    if round_.verification == BudgetRound.Verification.RESIDENT_ROLE:
        return is_resident(user, round_)
    if Verification.objects.filter(round=round_, person=user).exists():
        return True
    if round_.verification == BudgetRound.Verification.LIST and user.email:
        return EligibilityEntry.objects.filter(
            round=round_, digest=keys.identifier_digest(round_.pk, user.email)
        ).exists()
    return False


is_eligible = is_verified


def is_voting_open(round_: BudgetRound, today=None) -> bool:
    """Open while an officer has the round in its voting phase, and within the published dates:
    from the day voting opens to the end of the day it closes, so nobody votes after the deadline."""
    if round_.status != BudgetRound.Status.VOTING:
        return False
    today = today or timezone.localdate()
    if round_.voting_opens and today < round_.voting_opens:
        return False
    return not (round_.voting_closes and today > round_.voting_closes)


def can_vote(user, round_: BudgetRound) -> bool:
    return is_voting_open(round_) and is_eligible(user, round_) and has_confirmed_email(user)


def why_not_eligible(round_: BudgetRound) -> str:
    """What a signed-in person who cannot vote lacks, in plain words."""
    place = round_.place.name
    return {
        BudgetRound.Verification.RESIDENT_ROLE: _(
            "This round is for residents of %(place)s. Your account does not show you as a resident of "
            "%(place)s or a place in it."
        ),
        BudgetRound.Verification.LIST: _(
            "This round is for people on %(place)s's list of who can vote. Your email address is not on it. "
            "If you have a reference number, enter it below."
        ),
        BudgetRound.Verification.CODE: _(
            "This round is for people with an invitation code. Enter the code from your letter below."
        ),
        BudgetRound.Verification.OFFICER: _(
            "This round is for residents of %(place)s that the council has checked. Ask the council to check you."
        ),
    }[round_.verification] % {"place": place}
