"""Who may change what about a person's own account.

Every account page is about the signed-in person's own account; nobody reaches
another person's details, tokens or second factor through them.
"""

from commonweal.accounts.models import User


def can_turn_off_two_factor(user: User) -> bool:
    """Only people whose roles do not need a second factor may turn it off."""
    return user.is_authenticated and not user.needs_two_factor


def can_set_up_two_factor(user: User, *, has_confirmed_device: bool) -> bool:
    """Setting up a new app: for a first app, or to replace one once signed in with the current one.

    Without this, someone who knew only the password could add their own app.
    """
    return user.is_authenticated and (not has_confirmed_device or user.is_verified())
