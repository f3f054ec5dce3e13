"""What people are told about citizens' panels: a panel is drawn, and a person is chosen for one.

Registers the panel as a kind people can follow (notifications.registry), and has the services'
words for each event.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.notifications import registry
from commonweal.notifications import services as notifications
from commonweal.notifications.topics import Topic
from commonweal.panels import permissions
from commonweal.panels.models import Panel

KIND = "panel"


def register() -> None:
    registry.register(
        KIND,
        registry.Kind(
            label=gettext_lazy("citizens' panel"),
            records=Panel.objects.in_bulk,
            can_follow=permissions.can_view,
        ),
    )


def drawn(panel: Panel, *, actor) -> None:
    """Those who follow the panel or its place hear that it was drawn (never who was)."""
    notifications.notify(
        topic=Topic.PANEL,
        kind=KIND,
        record=panel,
        headline=_("The members of “%(panel)s” have been drawn") % {"panel": panel.title},
        body=_("They were chosen by lot at a public draw, to be like the people of %(place)s.")
        % {"place": panel.place.name},
        url=panel.get_absolute_url(),
        actor=actor,
    )


def chosen(panel: Panel, *, user_ids, actor) -> None:
    """Each person seated hears it on the site; their invitation email has told them already."""
    if not user_ids:
        return
    notifications.notify(
        topic=Topic.PANEL,
        kind=KIND,
        record=panel,
        headline=_("You have been chosen for the citizens' panel “%(panel)s”")
        % {"panel": panel.title},
        body=_("Thank you for offering. Your panel's page has what happens next."),
        url=panel.get_absolute_url(),
        to=user_ids,
        public=False,
        by_email=False,
        actor=actor,
    )
