"""Needs, supports and comments brought in bulk (imports, the demo's city-scale data): as the one-by-one
services would leave them, with supporter counts right, real times kept, and one audit entry each."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone

from commonweal.accounts.permissions import EmailNotConfirmed
from commonweal.core.models import AuditEntry
from commonweal.needs import services
from commonweal.needs.models import Evidence, Need, StatusChange, Support
from commonweal.testing.factories import UserFactory

from .conftest import term

pytestmark = pytest.mark.django_db


def _spec(ward, raiser, *, title="Older people are lonely", days=200, steps=()):
    raised = timezone.now() - timedelta(days=days)
    return services.NeedImport(
        place=ward,
        title=title,
        problem="Nobody visits.",
        population="Older people living alone",
        raised_by=raiser,
        raised_at=raised,
        themes=[term("beneficiary_group", "older-people")],
        steps=steps,
        evidence=[
            Evidence(
                kind=Evidence.Kind.FIGURE,
                title="People over 75 living alone",
                value=Decimal("812"),
                unit="people",
                added_at=raised,
            )
        ],
    )


def test_needs_are_imported_with_their_times_statuses_themes_and_evidence(ward, raiser, staff):
    decided = timezone.now() - timedelta(days=20)
    steps = [(Need.Status.UNDER_REVIEW, "Looking at it.", staff, decided)]
    needs = services.needs_import(
        place=ward,
        needs=[_spec(ward, raiser, steps=steps), _spec(ward, raiser, title="Second", days=3)],
        reason="Imported from the old register",
    )
    first = Need.objects.get(pk=needs[0].pk)
    assert first.status == Need.Status.UNDER_REVIEW and first.status_reason == "Looking at it."
    assert abs(first.created_at - (timezone.now() - timedelta(days=200))) < timedelta(minutes=1)
    assert [t.slug for t in first.themes.all()] == ["older-people"]
    assert first.evidence.get().value == Decimal("812")
    changes = list(StatusChange.objects.filter(need=first).order_by("changed_at"))
    assert [c.to_status for c in changes] == [Need.Status.RAISED, Need.Status.UNDER_REVIEW]
    assert changes[1].changed_at == decided and changes[1].changed_by == staff
    # Newest first in the register, by the time they were raised, not the time of the import.
    assert list(Need.objects.order_by("-created_at").values_list("title", flat=True)) == [
        "Second",
        "Older people are lonely",
    ]
    entry = AuditEntry.objects.get(action="needs_import")
    assert entry.after["rows"]["needs.need"] == 2 and entry.after["rows"]["needs.evidence"] == 2
    assert len(entry.after["digest"]) == 64
    assert not AuditEntry.objects.filter(action="create", model="needs.need").exists()


def test_a_need_that_fails_the_checks_stops_the_whole_import(ward, raiser):
    bad = _spec(ward, raiser, title="  ")
    with pytest.raises(ValidationError):
        services.needs_import(place=ward, needs=[_spec(ward, raiser), bad], reason="Import")
    assert not Need.objects.exists()


def test_bulk_supports_keep_each_supporter_count_equal_to_its_supports(need, ward, raiser):
    other = services.needs_import(place=ward, needs=[_spec(ward, raiser)], reason="Import")[0]
    people = UserFactory.create_batch(5)
    services.need_support(need=need, user=people[0])  # one already there, through the service
    when = timezone.now() - timedelta(days=2)
    added = services.supports_add_bulk(
        place=ward,
        supports=[(need, person, when) for person in people] + [(other, people[1], when)],
        reason="Imported supports",
    )
    assert added == 5  # the support already given is left as it is
    for row in Need.objects.annotate(real=Count("supports")):
        assert row.supporter_count == row.real
    assert Need.objects.get(pk=need.pk).supporter_count == 5
    assert Support.objects.filter(need=other).get().created_at == when
    entry = AuditEntry.objects.get(action="supports_import")
    assert entry.after["rows"] == {"needs.support": 5}


def test_bulk_supports_need_confirmed_addresses_and_open_needs(need, ward, staff):
    unconfirmed = UserFactory(unconfirmed=True)
    with pytest.raises(EmailNotConfirmed):
        services.supports_add_bulk(
            place=ward, supports=[(need, unconfirmed, timezone.now())], reason="Import"
        )
    services.need_merge(
        source=need,
        target=services.need_raise(
            actor=staff, place=ward, title="Target", problem="P.", population="People"
        ),
        actor=staff,
        reason="The same need",
    )
    need.refresh_from_db()
    assert need.status == Need.Status.MERGED
    with pytest.raises(ValidationError):
        services.supports_add_bulk(
            place=ward, supports=[(need, UserFactory(), timezone.now())], reason="Import"
        )
    assert not Support.objects.filter(need=need).exists()


def test_bulk_comments_keep_their_times_and_refuse_empty_ones(need, ward, raiser):
    when = timezone.now() - timedelta(days=9)
    services.comments_add_bulk(
        place=ward, comments=[(need, raiser, " I agree. ", when)], reason="Imported discussion"
    )
    comment = need.comments.get()
    assert comment.body == "I agree." and comment.created_at == when
    with pytest.raises(ValidationError):
        services.comments_add_bulk(
            place=ward, comments=[(need, raiser, "   ", when)], reason="Imported discussion"
        )
    assert need.comments.count() == 1
