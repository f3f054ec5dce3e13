"""Needs, status changes and outcomes for the co-design tests, made as other apps would make them."""

from commonweal.needs.models import Need, StatusChange
from commonweal.outcomes.models import Framework, FrameworkVersion, Outcome, OutcomeArea


def make_need(place, title="Nowhere safe to sleep after leaving hospital", **fields):
    fields.setdefault("problem", "People are discharged with nowhere to go.")
    fields.setdefault("population", "People who are homeless")
    return Need.objects.create(place=place, title=title, **fields)


def change_status(need, to_status, reason):
    change = StatusChange.objects.create(
        need=need, from_status=need.status, to_status=to_status, reason=reason
    )
    need.status, need.status_reason = to_status, reason
    need.save()
    return change


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
