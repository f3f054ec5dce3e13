"""Needs raised before the stored supporter count get their count from the supports already there."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from commonweal.needs.models import Need
from commonweal.testing.factories import UserFactory, WardFactory

BEFORE = [("needs", "0004_alter_statuschange_options")]
AFTER = [("needs", "0005_supporter_count_and_register_indexes")]


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_existing_supports_are_counted_for_each_need():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    ward = WardFactory()
    people = [UserFactory() for _number in range(3)]
    _migrate(BEFORE)
    try:
        old_apps = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        OldNeed = old_apps.get_model("needs", "Need")
        OldSupport = old_apps.get_model("needs", "Support")
        fields = {"problem": "A problem.", "population": "Some people", "place_id": ward.pk}
        three = OldNeed.objects.create(title="Supported by three", **fields)
        one = OldNeed.objects.create(title="Supported by one", **fields)
        none = OldNeed.objects.create(title="Supported by nobody", **fields)
        for person in people:
            OldSupport.objects.create(need=three, user_id=person.pk)
        OldSupport.objects.create(need=one, user_id=people[0].pk)
        _migrate(AFTER)
    finally:
        _migrate(latest)
    counts = dict(Need.objects.values_list("pk", "supporter_count"))
    assert counts == {three.pk: 3, one.pk: 1, none.pk: 0}
