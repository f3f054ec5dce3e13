"""Who may run a citizens' panel, see its pool, and sit on it.

"Any panel" rules: everybody reads panels that are not drafts, their quotas, published
probabilities by anonymous pool number, the seed and the drawn pool numbers. "Panels for my
place" rules: public-body staff for the place (or the back office) set panels up, import the
pool, run selections, make the draw, seat members, and alone see names and contacts. "My panel"
rules: a panel's workspace (its meetings, papers and tasks) is seen by its seated members and the
staff who manage it, and by nobody else; its staff write it, and a member marks their own tasks done.
"""

from commonweal.organisations.place_staff import is_place_staff, is_staff_anywhere
from commonweal.panels.models import Panel


def can_create(user) -> bool:
    """Public-body staff for some place (organisations/place_staff.py), or the back office."""
    return is_staff_anywhere(user)


def can_manage(user, panel: Panel) -> bool:
    return is_place_staff(user, panel.place)


def can_view(user, panel: Panel) -> bool:
    """A draft is seen only by those who manage it."""
    return panel.status != Panel.Status.DRAFT or can_manage(user, panel)


def can_see_personal_data(user, panel: Panel) -> bool:
    """Names and contacts of people in the pool: staff for the panel only."""
    return can_manage(user, panel)


def is_panel_member(user, panel: Panel) -> bool:
    """The person is seated on this panel: later steps let members score bids and weight criteria."""
    if not user.is_authenticated:
        return False
    return panel.members.filter(user=user).exists()


def can_see_workspace(user, panel: Panel) -> bool:
    """The panel's meetings, papers and tasks: its seated members and the staff who manage it."""
    return can_manage(user, panel) or is_panel_member(user, panel)


def can_manage_workspace(user, panel: Panel) -> bool:
    """Add, change and remove the panel's meetings, papers and tasks: the staff who manage the panel."""
    return can_manage(user, panel)
