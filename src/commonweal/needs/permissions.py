"""Who may do what with needs.

"Any need" rules are for everybody: the public reads needs, anyone signed in raises,
supports and comments. "Needs for my place" rules follow the roles a person holds in a
public body that serves the place (or a place it is part of), and the back office.
"""

from commonweal.places.permissions import PLACE_STAFF_ROLES, is_public_body_staff_for

# The same rule everywhere: see places.permissions.
is_place_staff = is_public_body_staff_for


def is_raiser(user, need) -> bool:
    return user.is_authenticated and need.raised_by_id is not None and need.raised_by_id == user.pk


def place_staff_role(user, place):
    """The first role that makes a person public-body staff for the place, or None (also for the back office)."""
    if not user.is_authenticated:
        return None
    place_ids = [p.pk for p in place.ancestors(include_self=True)]
    return user.role_assignments.filter(
        role__in=PLACE_STAFF_ROLES,
        organisation__legal_form="public_body",
        organisation__places_served__in=place_ids,
    ).select_related("organisation").order_by("role", "organisation__name").first()


def can_edit_as_raiser(user, need) -> bool:
    """The person who raised a need may change what it says while it is raised or under review."""
    return need.status in (need.Status.RAISED, need.Status.UNDER_REVIEW) and is_raiser(user, need)


def can_edit(user, need) -> bool:
    """What a need says: its raiser while it is raised or under review; public-body staff for
    its place at any step. Nobody once it has been merged into another need."""
    if need.status == need.Status.MERGED:
        return False
    return can_edit_as_raiser(user, need) or is_place_staff(user, need.place)


def can_raise(user) -> bool:
    return user.is_authenticated


def can_support(user, need) -> bool:
    return user.is_authenticated and not need.is_closed


def can_comment(user, need) -> bool:
    return user.is_authenticated and need.status != need.Status.MERGED


def can_add_evidence(user, need) -> bool:
    """The person who raised the need, and public-body staff for its place."""
    if need.status == need.Status.MERGED:
        return False
    return is_raiser(user, need) or is_place_staff(user, need.place)


def can_remove_evidence(user, evidence) -> bool:
    return is_raiser(user, evidence.need) or is_place_staff(user, evidence.need.place)


def can_see_private_evidence(user, need) -> bool:
    """Storytellers' names on anonymised stories, and stories not to be published."""
    return is_raiser(user, need) or is_place_staff(user, need.place)


def can_view_evidence(user, evidence) -> bool:
    if evidence.kind == evidence.Kind.STORY and evidence.publication == evidence.Publication.PRIVATE:
        return can_see_private_evidence(user, evidence.need)
    return True


def can_manage(user, need) -> bool:
    """Statuses, merges and moderation: public-body staff for the need's place."""
    return is_place_staff(user, need.place)


def can_view_history(user, need) -> bool:
    return is_place_staff(user, need.place)
