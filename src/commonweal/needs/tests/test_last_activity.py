"""Each need keeps when it last moved on ("You said, we did" puts the latest first): raised, changed,
a new status, evidence added or removed, merged. Supports and comments are not steps of the need."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from commonweal.needs import services
from commonweal.needs.models import Evidence, Need, StatusChange
from commonweal.needs.tests.conftest import raise_need
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(days=300)


def _quiet(*needs: Need) -> None:
    """As if nothing had happened to them for a long time."""
    Need.objects.filter(pk__in=[need.pk for need in needs]).update(last_activity_at=LONG_AGO)


def _moved_on(need: Need) -> bool:
    return Need.objects.get(pk=need.pk).last_activity_at > LONG_AGO


def _figure(need, actor):
    return services.evidence_add(
        need=need,
        actor=actor,
        kind=Evidence.Kind.FIGURE,
        title="Care leavers sleeping rough",
        value=Decimal("40"),
        unit="people",
        source="Council count",
        as_of=timezone.now().date(),
    )


def test_a_new_need_has_just_moved_on(need):
    assert abs(need.last_activity_at - timezone.now()) < timedelta(minutes=1)


def test_changing_it_its_status_or_its_evidence_moves_it_on(need, raiser, place_staff):
    steps = [
        lambda: services.need_update(need=need, actor=raiser, title="Care leavers sleep rough"),
        lambda: services.need_status_set(
            need=need, status=Need.Status.UNDER_REVIEW, reason="Looking.", actor=place_staff
        ),
        lambda: _figure(need, raiser),
        lambda: services.evidence_remove(evidence=need.evidence.get(), actor=raiser),
    ]
    for step in steps:
        _quiet(need)
        step()
        assert _moved_on(need)


def test_a_merge_moves_on_both_needs(need, raiser, place_staff, ward):
    duplicate = raise_need(raiser, ward, title="Care leavers have nowhere to go")
    _quiet(need, duplicate)
    services.need_merge(source=duplicate, target=need, actor=place_staff, reason="The same need.")
    assert _moved_on(need) and _moved_on(duplicate)


def test_supports_and_comments_do_not(need, ward):
    _quiet(need)
    supporter = UserFactory()
    services.need_support(need=need, user=supporter)
    services.comment_add(need=need, author=supporter, body="Me too.")
    services.need_unsupport(need=need, user=supporter)
    assert not _moved_on(need)


def test_a_plain_save_never_writes_back_an_older_time(need, raiser):
    stale = Need.objects.get(pk=need.pk)
    _figure(need, raiser)
    kept = Need.objects.get(pk=need.pk).last_activity_at
    stale.title = "Care leavers sleep rough"
    stale.save()
    assert Need.objects.get(pk=need.pk).last_activity_at == kept


def test_marking_an_earlier_time_keeps_the_later_one(need):
    kept = Need.objects.get(pk=need.pk).last_activity_at
    services.need_activity_mark(needs=[need], at=LONG_AGO)
    assert Need.objects.get(pk=need.pk).last_activity_at == kept


def test_imported_needs_keep_the_time_of_their_latest_step_or_evidence(ward, raiser, place_staff):
    raised = timezone.now() - timedelta(days=200)
    decided, evidenced = raised + timedelta(days=50), raised + timedelta(days=80)
    plain = services.NeedImport(
        place=ward,
        title="Raised only",
        problem="-",
        population="-",
        raised_by=raiser,
        raised_at=raised,
    )
    stepped = services.NeedImport(
        place=ward,
        title="Decided on",
        problem="-",
        population="-",
        raised_by=raiser,
        raised_at=raised,
        steps=[(Need.Status.UNDER_REVIEW, "Looking.", place_staff, decided)],
        evidence=[
            Evidence(kind=Evidence.Kind.STORY, title="A story", story="...", added_at=evidenced)
        ],
    )
    first, second = services.needs_import(place=ward, needs=[plain, stepped], reason="Import")
    times = dict(Need.objects.values_list("pk", "last_activity_at"))
    assert (times[first.pk], times[second.pk]) == (raised, evidenced)


def test_a_recount_works_it_out_from_the_rows(need):
    StatusChange.objects.filter(need=need).update(changed_at=LONG_AGO)
    Need.objects.filter(pk=need.pk).update(created_at=LONG_AGO - timedelta(days=1))
    services.needs_activity_recount(needs=[need])
    assert Need.objects.get(pk=need.pk).last_activity_at == LONG_AGO
