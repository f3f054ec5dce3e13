"""Importing a framework version is recorded as one audit entry with a digest, not one per row."""

import pytest

from commonweal.core import audit
from commonweal.core.models import AuditEntry
from commonweal.outcomes import selectors, services

pytestmark = pytest.mark.django_db


def test_an_import_is_one_entry_for_what_the_file_held(published, manager):
    content = selectors.version_as_dict(published)
    since = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    version = services.framework_version_import(
        framework=published.framework,
        actor=manager,
        content=content,
        change_note="From the workshop",
    )
    bulk = list(AuditEntry.objects.filter(id__gt=since, action="framework_import"))
    assert len(bulk) == 1
    assert bulk[0].model == "outcomes.frameworkversion" and bulk[0].object_id == str(version.pk)
    assert bulk[0].actor_id == manager.pk
    assert bulk[0].after["rows"]["outcomes.outcomearea"] == version.areas.count()
    assert bulk[0].after["rows"]["outcomes.indicator"] == sum(
        o.indicators.count() for o in version.outcomes.all()
    )
    per_row = AuditEntry.objects.filter(
        id__gt=since, model__in=["outcomes.outcomearea", "outcomes.outcome", "outcomes.indicator"]
    )
    assert not per_row.exists()
    assert audit.verify_chain().intact
