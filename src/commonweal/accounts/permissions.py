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


def lacks_second_factor(user: User) -> bool:
    """Signed in with a password only, where a second factor is needed.

    It is needed when the person's roles need one (``User.needs_two_factor``) or they have set up an
    authenticator app. The one rule for every page and every API call made with a session.
    """
    if not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)  # set by django_otp's middleware
    if is_verified is not None and is_verified():
        return False
    from commonweal.accounts.selectors import has_two_factor

    return user.needs_two_factor or has_two_factor(user)
