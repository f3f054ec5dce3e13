"""``{% confirm_email_prompt "vote" %}``: in place of a button, tell an unconfirmed person to confirm their email address.

Renders nothing for anyone else, so a page can put it beside the button it replaces.
"""

from django import template

from commonweal.accounts.permissions import CONFIRM_TO, has_confirmed_email

register = template.Library()


@register.filter
def email_confirmed(user) -> bool:
    """``{% if user|email_confirmed %}``: signed in and their email address is confirmed."""
    return has_confirmed_email(user)


@register.inclusion_tag("accounts/includes/confirm_email_prompt.html", takes_context=True)
def confirm_email_prompt(context, action: str) -> dict:
    """What to show a signed-in person whose address is not confirmed; nothing (show=False) otherwise."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    show = bool(user is not None and user.is_authenticated and not has_confirmed_email(user))
    return {
        "show": show,
        "user": user,
        "confirm": CONFIRM_TO[action],
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }
