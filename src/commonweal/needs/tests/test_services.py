"""The needs services on their own: changing a need, and the rules they keep whoever calls them."""

import pytest
from django.core.exceptions import ValidationError

from commonweal.core.models import AuditEntry
from commonweal.needs import services
from commonweal.needs.models import Need, Term
from commonweal.needs.tests.conftest import term

pytestmark = pytest.mark.django_db


def test_need_update_changes_what_the_need_says_and_is_audited(raiser, need, borough):
    services.need_update(
        need=need,
        actor=raiser,
        title="Care leavers sleep rough",
        place=borough,
        themes=[term("beneficiary_group", "care-leavers")],
    )
    need.refresh_from_db()
    assert need.title == "Care leavers sleep rough" and need.place == borough
    assert [t.slug for t in need.themes.all()] == ["care-leavers"]
    assert AuditEntry.objects.filter(
        model="needs.need", object_id=str(need.pk), action="update", actor=raiser
    ).exists()


def test_need_update_sent_what_the_need_already_says_changes_nothing(raiser, need):
    """The edit form submitted unchanged: not saved (updated_at), not moved on, nothing recorded."""
    need.themes.set([term("beneficiary_group", "care-leavers")])
    need.refresh_from_db()
    before = Need.objects.filter(pk=need.pk).values("updated_at", "last_activity_at").get()
    entries = AuditEntry.objects.count()
    services.need_update(
        need=need,
        actor=raiser,
        title=need.title,
        problem=need.problem,
        population=need.population,
        place=need.place,
        themes=list(need.themes.all()),
    )
    assert Need.objects.filter(pk=need.pk).values("updated_at", "last_activity_at").get() == before
    assert AuditEntry.objects.count() == entries


def test_need_update_refuses_an_empty_title_and_keeps_the_old_one(raiser, need):
    with pytest.raises(ValidationError):
        services.need_update(need=need, actor=raiser, title=" ")
    assert need.title == "Young people leaving care have nowhere safe to stay"


def test_need_update_refuses_fields_that_are_not_its_to_set(raiser, need):
    with pytest.raises(TypeError):
        services.need_update(need=need, actor=raiser, status="addressed")


def test_a_term_out_of_use_cannot_be_given_to_a_new_need(raiser, ward):
    old = Term.objects.get(slug="physical-health")
    old.is_active = False
    old.save()
    with pytest.raises(ValidationError, match="still in use"):
        services.need_raise(
            actor=raiser, place=ward, title="T", problem="P", population="W", themes=[old]
        )
    assert not Need.objects.exists()


def test_raising_is_recorded_in_the_audit_trail_with_who_and_why(raiser, need):
    entry = AuditEntry.objects.get(model="needs.need", object_id=str(need.pk), action="create")
    assert entry.actor == raiser and entry.reason == "Raised a need"
