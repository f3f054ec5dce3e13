"""Links that confirm an email address: signed, expiring, for this one purpose and this one address.

The link carries the account's id and the address it was sent to, signed with the site's secret key
and a salt used for nothing else, so a password-reset link or any other signed value is refused.
Changing the address makes the old link useless, since the address it names is no longer the account's.
"""

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from commonweal.accounts.models import User

SALT = "commonweal.accounts.confirm-email"


class LinkRefused(Exception):
    """The link cannot confirm anything; the message says why, in plain words."""


def link_token(user: User) -> str:
    """The signed part of a confirmation link for ``user``'s current email address."""
    return signing.dumps({"u": user.pk, "e": user.email}, salt=SALT, compress=True)


def link_user(token: str) -> User:
    """The person a link confirms the address of. Raises LinkRefused when it is forged, expired or out of date."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.EMAIL_CONFIRMATION_TIMEOUT)
    except signing.SignatureExpired:
        raise LinkRefused(
            _("This link has expired. Sign in and ask for a new one: links work for %(days)s days.")
            % {"days": link_days()}
        ) from None
    except signing.BadSignature:
        raise LinkRefused(
            _(
                "This link is not valid. Check that you copied the whole link from the email, or sign in and ask for a new one."
            )
        ) from None
    user = User.objects.filter(
        pk=data.get("u") if isinstance(data, dict) else None, is_active=True
    ).first()
    if user is None or user.email != data.get("e"):
        raise LinkRefused(
            _(
                "This link was sent to an email address that is no longer on the account. "
                "Use the link in the most recent email, or sign in and ask for a new one."
            )
        )
    return user


def link_days() -> int:
    return max(1, settings.EMAIL_CONFIRMATION_TIMEOUT // (60 * 60 * 24))
