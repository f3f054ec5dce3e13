"""The open data tests read the OCDS 1.1.5 schema where the settings find it (OCDS_SCHEMA_DIR, else
var/ocds/schema-1.1.5/, else ../shared/data/ocds/schema-1.1.5/ beside the project). Without it the
tests that need it skip, saying why; under CI=true they fail instead."""

import copy
import os
from pathlib import Path

import pytest

from commonweal.opendata import schema
from commonweal.opendata.tests import samples

REAL_DATA = Path(__file__).resolve().parents[4].parent / "shared" / "data" / "ocds" / "real"


def missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(message + ", but CI=true: these tests must run in CI")
    pytest.skip(message)


@pytest.fixture
def ocds_schema():
    """The folder the schema is read from; the test skips (fails under CI=true) without it."""
    try:
        return schema.schema_dir()
    except schema.SchemaUnavailable as error:
        missing(f"The OCDS schema is not installed ({error})")


@pytest.fixture
def real_data() -> Path:
    """../shared/data/ocds/real/: real published OCDS (see its SOURCES.md)."""
    if not REAL_DATA.is_dir():
        missing(f"The real OCDS data is not at {REAL_DATA}")
    return REAL_DATA


@pytest.fixture
def planning_release() -> dict:
    """A fresh copy of the hand-written planning release (tests change their own copy)."""
    return copy.deepcopy(samples.PLANNING_RELEASE)
