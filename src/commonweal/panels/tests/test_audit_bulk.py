"""A selection's distribution is recorded as one audit entry with its digest, not copied into the trail."""

import hashlib
import json

import pytest

from commonweal.core.models import AuditEntry
from commonweal.panels import selection
from commonweal.panels.tests.helpers import make_panel

pytestmark = pytest.mark.django_db


def test_a_finished_run_records_its_distribution_as_one_entry_whose_digest_matches_it(
    django_capture_on_commit_callbacks,
):
    panel, staff = make_panel(size=4, pool=12)
    with django_capture_on_commit_callbacks(execute=True):
        run = selection.run_start(actor=staff, panel=panel, method="maximin", time_limit=30)
    run.refresh_from_db()
    assert run.status == "finished" and run.selection_probability
    about_run = AuditEntry.objects.filter(model="panels.selectionrun", object_id=str(run.pk))
    entry = about_run.get(action="selection_result")
    assert entry.after["rows"] == {"panels.selectionrun.distribution": 1}
    line = {
        "model": "panels.selectionrun.distribution",
        "action": "create",
        "object_id": None,
        "before": None,
        "after": {
            "panels": run.panels,
            "probabilities": run.probabilities,
            "selection_probability": run.selection_probability,
        },
    }
    expected = hashlib.sha256(
        json.dumps(line, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"
    ).hexdigest()
    assert entry.after["digest"] == expected
    # The run's other entries say what happened (finished, its lowest chance) without a copy of the distribution.
    finished = about_run.filter(action="update").last()
    assert finished.after["status"] == "finished" and finished.after["maximin"] == run.maximin
    for other in about_run.exclude(action="selection_result"):
        assert not {"panels", "probabilities", "selection_probability"} & set(other.after or {})
