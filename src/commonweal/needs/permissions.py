"""Who may do what with needs.

"Any need" rules are for everybody: the public reads needs, anyone signed in raises,
supports and comments. "Needs for my place" rules follow the roles a person holds in a
public body verified for the place (or a place it is part of), and the back office.
"""

from django.db.models import Q

from commonweal.accounts.permissions import has_confirmed_email
from commonweal.needs.models import Evidence
from commonweal.organisations.place_staff import is_place_staff


def is_raiser(user, need) -> bool:
    return user.is_authenticated and need.raised_by_id is not None and need.raised_by_id == user.pk


def can_edit_as_raiser(user, need) -> bool:
    """The person who raised a need may change what it says while it is raised or under review."""
    return need.status in (need.Status.RAISED, need.Status.UNDER_REVIEW) and is_raiser(user, need)


def _is_staff(user, need, staff: bool | None) -> bool:
    """Public-body staff for the need's place: ``staff`` when the caller has asked already (a page
    that asks several of these questions asks who acts for the place once)."""
    return is_place_staff(user, need.place) if staff is None else staff


def can_edit(user, need, *, staff: bool | None = None) -> bool:
    """What a need says: its raiser while it is raised or under review; public-body staff for
    its place at any step. Nobody once it has been merged into another need."""
    if need.status == need.Status.MERGED:
        return False
    return can_edit_as_raiser(user, need) or _is_staff(user, need, staff)


def can_raise(user) -> bool:
    return has_confirmed_email(user)


def can_support(user, need) -> bool:
    return has_confirmed_email(user) and not need.is_closed


def can_comment(user, need) -> bool:
    """Anyone whose email address is confirmed, on a need that has not been merged into another."""
    return has_confirmed_email(user) and need.status != need.Status.MERGED


def can_add_evidence(user, need, *, staff: bool | None = None) -> bool:
    """The person who raised the need, and public-body staff for its place."""
    if need.status == need.Status.MERGED:
        return False
    return is_raiser(user, need) or _is_staff(user, need, staff)


def can_remove_evidence(user, evidence) -> bool:
    """Place staff; whoever recorded it; the need's raiser, but only evidence they may see (after a
    merge, a private story from the other need is not theirs to see, nor to remove)."""
    if can_see_private_evidence(user, evidence):
        return True
    return is_raiser(user, evidence.need) and can_view_evidence(user, evidence)


# --- stories: one rule for every page, export, count and the API --------------------------------
# A story is about a person. Publishing it is their choice, recorded as its publication with their
# consent. A story not to be published, and the name behind an anonymised one, belong to the
# storyteller, whoever recorded it (with the storyteller's consent, so they know who holds it) and
# public-body staff for the need's place; nobody else. Not the raiser of the need: when needs are
# merged, a need's raiser must not be handed the stories that were told for the other one.
# Commonweal records a storyteller by name only, so a storyteller with an account is recognised
# when they recorded their own story.


def is_published(evidence) -> bool:
    """Figures and documents are public; a story only when its teller consented to publish it."""
    if evidence.kind != evidence.Kind.STORY:
        return True
    return evidence.consent_given and evidence.publication != evidence.Publication.PRIVATE


def is_storyteller_published(evidence) -> bool:
    """The storyteller asked to be named, with consent recorded."""
    return (
        is_published(evidence)
        and evidence.kind == evidence.Kind.STORY
        and (evidence.publication == evidence.Publication.NAMED)
    )


def is_recorder(user, evidence) -> bool:
    """The person who recorded the evidence (and the story's consent)."""
    return user.is_authenticated and user.pk in {
        evidence.added_by_id,
        evidence.consent_recorded_by_id,
    }


def published_evidence_q() -> Q:
    """``is_published`` as a query, for lists and counts that anyone may see."""
    return Q(kind__in=(Evidence.Kind.FIGURE, Evidence.Kind.DOCUMENT)) | (
        Q(kind=Evidence.Kind.STORY, consent_given=True)
        & ~Q(publication=Evidence.Publication.PRIVATE)
    )


def can_see_private_evidence(user, evidence, *, staff: bool | None = None) -> bool:
    """Everything about this piece of evidence: a story not to be published, the storyteller's name, the consent.

    ``staff``: whether the person is staff for the need's place, when the caller already knows.
    """
    if is_recorder(user, evidence):
        return True
    return is_place_staff(user, evidence.need.place) if staff is None else staff


def can_view_evidence(user, evidence) -> bool:
    return is_published(evidence) or can_see_private_evidence(user, evidence)


def can_see_storyteller(user, evidence, *, staff: bool | None = None) -> bool:
    return bool(evidence.storyteller) and (
        is_storyteller_published(evidence) or can_see_private_evidence(user, evidence, staff=staff)
    )


def can_manage(user, need, *, staff: bool | None = None) -> bool:
    """Statuses, merges and moderation: public-body staff for the need's place."""
    return _is_staff(user, need, staff)


def can_view_history(user, need, *, staff: bool | None = None) -> bool:
    return _is_staff(user, need, staff)
