"""Shared helpers for the PB engine tests (plain pytest: no Django, no database)."""

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[5]
PABULIB_DIR = REPO_ROOT.parent / "shared" / "data" / "pabulib"


def pabulib_dir() -> Path:
    """The shared Pabulib files; skip (fail under CI=true) when they are absent."""
    if not PABULIB_DIR.is_dir() or not any(PABULIB_DIR.glob("*.pb")):
        message = (
            f"shared Pabulib data not found at {PABULIB_DIR} "
            "(the ../shared/data/pabulib/ folder next to the repository)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message + " but CI=true: these tests must run in CI")
        pytest.skip(message)
    return PABULIB_DIR


@pytest.fixture
def data_dir() -> Path:
    return pabulib_dir()
