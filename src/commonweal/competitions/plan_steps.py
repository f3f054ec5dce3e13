"""A plan's tenders and grant rounds, on the plan's page (commissioning.next_steps)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.commissioning import next_steps
from commonweal.competitions import permissions
from commonweal.competitions.models import Opportunity

SHOWN = 20


def _items(plan, user) -> list[next_steps.Item]:
    """The plan's opportunities the person may see: published ones, and drafts for those who run
    it. One query; at most ``SHOWN`` (a plan has a few, one a lot at most)."""
    rows = Opportunity.objects.filter(plan=plan).order_by("-created_at", "-pk")
    if not permissions.can_create(user, plan):
        rows = rows.filter(~Q(status=Opportunity.Status.DRAFT))
    return [
        next_steps.Item(
            text=opportunity.title,
            url=opportunity.get_absolute_url(),
            hint=f"{opportunity.get_kind_display()}: {opportunity.get_stage_display().lower()}",
        )
        for opportunity in rows[:SHOWN]
    ]


def _starts(plan, user) -> list[next_steps.Item]:
    if not plan.is_published or not permissions.can_create(user, plan):
        return []
    return [
        next_steps.Item(
            text=_("Start a tender or grant round from this plan"),
            url=reverse("competitions:opportunity-create", kwargs={"plan_pk": plan.pk}),
            hint=_("A tender needs the plan's route to market; a grant round does not."),
        )
    ]


def register() -> None:
    next_steps.register(
        "competitions",
        next_steps.StepKind(
            heading=gettext_lazy("Tenders and grant rounds"),
            items=_items,
            starts=_starts,
            position=10,
        ),
    )
