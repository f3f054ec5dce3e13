"""What people are told about commissioning plans: a plan is published to the pipeline (those who
follow it or its place), and notes from market engagement are published (the people of every
provider that said it is interested, at once, so nobody gains an edge)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.commissioning import permissions
from commonweal.commissioning.models import EngagementEvent, Plan
from commonweal.notifications import registry
from commonweal.notifications import services as notifications
from commonweal.notifications.topics import Topic

KIND = "commissioning_plan"


def interested_people(plan: Plan) -> list[int]:
    """Everyone holding a provider role at an organisation interested in the plan."""
    return list(
        plan.interests.filter(organisation__role_assignments__role__in=permissions.PROVIDER_ROLES)
        .order_by()
        .values_list("organisation__role_assignments__user_id", flat=True)
        .distinct()
    )


def register() -> None:
    registry.register(
        KIND,
        registry.Kind(
            label=gettext_lazy("commissioning plan"),
            records=Plan.objects.in_bulk,
            can_follow=lambda user, plan: permissions.can_view(user, plan),
            involved=lambda plan, event: interested_people(plan),
        ),
    )


def published(plan: Plan, *, actor) -> None:
    notifications.notify(
        topic=Topic.PLANS,
        kind=KIND,
        record=plan,
        headline=_("A commissioning plan is published: “%(plan)s”") % {"plan": plan.title},
        body=plan.summary,
        url=plan.get_absolute_url(),
        actor=actor,
    )


def notes_published(event: EngagementEvent, *, actor) -> None:
    plan = event.plan
    notifications.notify(
        topic=Topic.PLANS,
        kind=KIND,
        record=plan,
        headline=_("Notes from “%(event)s” for “%(plan)s” are published")
        % {"event": event.title, "plan": plan.title},
        body=event.notes,
        url=plan.get_absolute_url() + "pipeline/",
        actor=actor,
    )
