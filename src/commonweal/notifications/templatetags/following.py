"""``{% follow_button "need" need %}``: the button to follow a record, or to stop following it."""

from django import template

from commonweal.notifications import registry, selectors

register = template.Library()


@register.inclusion_tag("notifications/includes/follow.html", takes_context=True)
def follow_button(context, kind: str, record, following: bool | None = None) -> dict:
    """``following``: whether the person follows it, when the page has asked already."""
    user = context["user"]
    registered = registry.kind_for(kind)
    return {
        "user": user,
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "kind": kind,
        "object_id": record.pk,
        "label": registered.label if registered else kind,
        # One small indexed query, for a signed-in person only, unless the page asked already.
        "following": (
            selectors.is_following(user, kind, record.pk) if following is None else following
        ),
    }
