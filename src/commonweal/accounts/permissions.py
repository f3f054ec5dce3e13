"""Who may change what about a person's own account.

Every account page is about the signed-in person's own account; nobody reaches
another person's details, tokens or second factor through them.
"""

from django.utils.translation import gettext_lazy as _

from commonweal.accounts.models import User
from commonweal.core.exceptions import RefusedWithReason

# What the person was about to do, for "Confirm your email address to ...".
CONFIRM_TO = {
    "vote": _("Confirm your email address to vote."),
    "support": _("Confirm your email address to say this affects you."),
    "raise": _("Confirm your email address to raise a need."),
    "propose": _("Confirm your email address to put forward a project idea."),
    "comment": _("Confirm your email address to comment."),
    "take part": _(
        "Confirm your email address to vote, support, raise or comment on needs, and put forward "
        "project ideas."
    ),
}


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
    from commonweal.accounts.selectors import second_factor_expected

    return second_factor_expected(user)


def has_confirmed_email(user) -> bool:
    """The person has followed the link sent to their current email address.

    The one rule behind voting, supporting, raising and proposing anywhere (each app's can_* asks it).
    """
    return bool(user.is_authenticated and user.email_confirmed_at is not None)


def confirm_email_message(user, action: str) -> str:
    """Why an unconfirmed person cannot ``action`` ("vote", "support", "raise", "propose"), in plain words."""
    return _(
        "%(confirm)s We sent a link to %(email)s. You can ask for another on your account page."
    ) % {
        "confirm": CONFIRM_TO[action],
        "email": user.email,
    }


class EmailNotConfirmed(RefusedWithReason):
    """Refused until the person confirms their email address. The message says so (it names only their own address)."""

    def __init__(self, user, action: str):
        super().__init__(confirm_email_message(user, action))
