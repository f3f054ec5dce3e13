"""Kinds of record the notifications tests register for themselves, taken away after each test."""

import pytest

from commonweal.notifications import registry


@pytest.fixture
def register_kind(monkeypatch, riverside):
    """Register a kind whose every id is Riverside (``name``; more of registry.Kind as keywords)."""

    def _register(name: str, **given) -> None:
        fields = {
            "label": name,
            "records": lambda ids: dict.fromkeys(ids, riverside),
            "can_follow": lambda user, record: True,
            **given,
        }
        monkeypatch.setitem(registry._kinds, name, registry.Kind(**fields))

    return _register


@pytest.fixture
def draft_kind(register_kind) -> str:
    """A kind nobody may follow, as a draft someone else runs: its name."""
    register_kind("draft", can_follow=lambda user, record: False)
    return "draft"
