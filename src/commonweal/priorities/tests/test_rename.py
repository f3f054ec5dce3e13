"""Priority rounds were called "Round" until December 2026: their earlier history still shows."""

from django.utils import timezone

from commonweal.core import audit
from commonweal.core.models import AuditEntry


def test_a_rounds_history_includes_entries_sealed_under_its_former_name(make_round):
    round_ = make_round(title="Which needs first?")
    AuditEntry.objects.create(
        at=timezone.now(),
        actor_label="Riverside Council officer",
        action="update",
        model="priorities.round",
        object_id=str(round_.pk),
        object_repr="Which needs first?",
        after={"status": "open"},
        reason="Opened before the rename",
    )
    AuditEntry.objects.create(
        at=timezone.now(),
        actor_label="Someone else",
        action="update",
        model="priorities.round",
        object_id=str(round_.pk + 1000),
        object_repr="Another round",
    )

    history = list(audit.history_for(round_))

    assert "Opened before the rename" in [entry.reason for entry in history]
    assert "priorities.priorityround" in {
        entry.model for entry in history
    }  # made under the new name
    assert "Another round" not in [entry.object_repr for entry in history]
