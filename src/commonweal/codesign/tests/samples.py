"""Needs, status changes and outcomes for the co-design tests, made as other apps would make them."""

from commonweal.needs.models import Need, StatusChange
from commonweal.needs.services import need_status_set
from commonweal.outcomes.models import Framework, FrameworkVersion, Outcome, OutcomeArea


def make_need(place, title="Nowhere safe to sleep after leaving hospital", **fields):
    fields.setdefault("problem", "People are discharged with nowhere to go.")
    fields.setdefault("population", "People who are homeless")
    return Need.objects.create(place=place, title=title, **fields)


def change_status(need, to_status, reason):
    """Move the need on through the needs service, as the apps that decide on needs do."""
    moved = need_status_set(need=need, status=to_status, reason=reason, actor=None)
    need.status, need.status_reason = moved.status, moved.status_reason
    need.last_activity_at = moved.last_activity_at
    return StatusChange.objects.filter(need=need).latest("changed_at", "pk")


def make_outcome(place, owner, *, code="O1", title="People have a safe place to live"):
    framework = Framework.objects.create(
        place=place,
        name=f"{place.name} outcomes",
        slug=f"{place.slug}-outcomes-{code}",
        owner=owner,
    )
    version = FrameworkVersion.objects.create(framework=framework, number=1)
    area = OutcomeArea.objects.create(version=version, code="A1", name="Housing")
    return Outcome.objects.create(version=version, area=area, code=code, title=title)
