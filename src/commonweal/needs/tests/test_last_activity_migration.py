"""Needs raised before the stored time of last activity get it from their rows already there: the
latest of being raised, a status change and evidence."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from commonweal.needs.models import Need
from commonweal.testing.factories import WardFactory

BEFORE = [("needs", "0005_supporter_count_and_register_indexes")]
AFTER = [("needs", "0006_need_last_activity")]


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


def _at(day: int) -> datetime:
    return datetime(2026, 3, day, 12, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_existing_needs_get_their_latest_step_or_evidence_or_when_raised():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    ward = WardFactory()
    _migrate(BEFORE)
    try:
        old_apps = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        OldNeed = old_apps.get_model("needs", "Need")
        OldChange = old_apps.get_model("needs", "StatusChange")
        OldEvidence = old_apps.get_model("needs", "Evidence")
        fields = {"problem": "A problem.", "population": "Some people", "place_id": ward.pk}
        quiet, stepped, evidenced = (
            OldNeed.objects.create(title=title, **fields)
            for title in ("Nothing since", "A later step", "Later evidence")
        )
        OldNeed.objects.update(created_at=_at(1))
        for need, day in ((stepped, 5), (evidenced, 2)):
            change = OldChange.objects.create(need=need, to_status="under_review", reason="-")
            OldChange.objects.filter(pk=change.pk).update(changed_at=_at(day))
        evidence = OldEvidence.objects.create(need=evidenced, kind="story", title="A story")
        OldEvidence.objects.filter(pk=evidence.pk).update(added_at=_at(9))
        _migrate(AFTER)
    finally:
        _migrate(latest)
    times = dict(Need.objects.values_list("pk", "last_activity_at"))
    assert times == {quiet.pk: _at(1), stepped.pk: _at(5), evidenced.pk: _at(9)}
