"""What people are told about tenders and grant rounds. People follow an opportunity (kind
``competitions_opportunity``); the people of every provider that registered interest in it hear
of every change without following it, all at the same moment so nobody gains an edge. When one
opens, those who follow its plan or its place are told too.

``register()`` is idempotent; it runs when this module is imported (the views and services import
it), so the kind is known wherever an opportunity can be followed.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.commissioning import permissions as plan_permissions
from commonweal.commissioning.notices import KIND as PLAN_KIND
from commonweal.competitions import permissions
from commonweal.competitions.models import Document, Opportunity
from commonweal.notifications import registry
from commonweal.notifications import services as notifications
from commonweal.notifications.topics import Topic

KIND = "competitions_opportunity"
# Commissioning plans' topic carries a competition's news: it is the plan's next step.
TOPIC = Topic.PLANS


def interested_people(opportunity: Opportunity) -> list[int]:
    """Everyone holding a provider role at an organisation that registered interest."""
    return list(
        opportunity.interests.filter(
            organisation__role_assignments__role__in=plan_permissions.PROVIDER_ROLES
        )
        .order_by()
        .values_list("organisation__role_assignments__user_id", flat=True)
        .distinct()
    )


def _records(ids: list[int]) -> dict[int, object]:
    return dict(Opportunity.objects.select_related("plan").in_bulk(ids))


def register() -> None:
    registry.register(
        KIND,
        registry.Kind(
            label=gettext_lazy("opportunity"),
            records=_records,
            can_follow=lambda user, opportunity: permissions.can_view(user, opportunity),
            place_id=lambda opportunity: opportunity.plan.place_id,
            involved=lambda opportunity, event: interested_people(opportunity),
        ),
    )


def opened(opportunity: Opportunity, *, actor) -> None:
    """It is published: its followers, its plan's and its place's hear it is open for bids."""
    notifications.notify(
        topic=TOPIC,
        kind=KIND,
        record=opportunity,
        about=[(PLAN_KIND, opportunity.plan_id)],
        headline=_("Open for bids: “%(title)s”, closing %(closes)s")
        % {"title": opportunity.title, "closes": opportunity.closes_at.strftime("%-d %B %Y")},
        body=opportunity.description,
        url=opportunity.get_absolute_url(),
        actor=actor,
    )


def document_added(document: Document, *, actor) -> None:
    opportunity = document.opportunity
    notifications.notify(
        topic=TOPIC,
        kind=KIND,
        record=opportunity,
        headline=_("A document was added to “%(title)s”: %(document)s")
        % {"title": opportunity.title, "document": document.title},
        url=opportunity.get_absolute_url() + "#documents",
        actor=actor,
    )


def changed(opportunity: Opportunity, *, actor, what: str) -> None:
    notifications.notify(
        topic=TOPIC,
        kind=KIND,
        record=opportunity,
        headline=_("“%(title)s” has changed") % {"title": opportunity.title},
        body=what,
        url=opportunity.get_absolute_url(),
        actor=actor,
    )


def cancelled(opportunity: Opportunity, *, actor) -> None:
    notifications.notify(
        topic=TOPIC,
        kind=KIND,
        record=opportunity,
        about=[(PLAN_KIND, opportunity.plan_id)],
        headline=_("“%(title)s” is cancelled") % {"title": opportunity.title},
        body=opportunity.cancelled_reason,
        url=opportunity.get_absolute_url(),
        actor=actor,
    )
