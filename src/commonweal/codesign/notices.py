"""What people are told about co-design: a session decides something about needs they care about.

Registers the co-design session as a kind of record news can be about (not one to follow: people
follow the needs it works on, or its place).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.codesign.models import Decision, Session
from commonweal.notifications import registry
from commonweal.notifications import services as notifications
from commonweal.notifications.topics import Topic

KIND = "codesign_session"


def register() -> None:
    registry.register(
        KIND,
        registry.Kind(
            label=gettext_lazy("co-design session"),
            records=Session.objects.in_bulk,
            can_follow=lambda user, session: True,
            followable=False,
        ),
    )


def decided(decision: Decision, *, actor) -> None:
    """Those who raised, support or follow a need the session works on hear what it decided, as do
    those who follow its place."""
    session = decision.session
    notifications.notify(
        topic=Topic.CODESIGN,
        kind=KIND,
        record=session,
        about=[("need", pk) for pk in session.needs.values_list("pk", flat=True)],
        headline=_("“%(session)s” has made a decision") % {"session": session.title},
        body=decision.text,
        url=session.get_absolute_url(),
        actor=actor,
    )
