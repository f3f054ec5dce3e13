"""Shared helpers for the PB engine tests (plain pytest: no Django, no database).

The tests read real Pabulib elections from two places:

- ``pabulib/`` beside these tests: a few small files committed with the code (approval,
  cumulative, ordinal and choose-one ballots; see its README for where each comes from), so a
  fresh clone checks the engine against pabutools too;
- ``../shared/data/pabulib/`` next to the repository, when it is there: the full shared set,
  larger elections included.

A test that names an election found in neither skips, saying so; under CI=true it fails.
"""

import os
from pathlib import Path
from typing import NoReturn

import pytest

REPO_ROOT = Path(__file__).resolve().parents[5]
PABULIB_DIR = REPO_ROOT.parent / "shared" / "data" / "pabulib"
BUNDLED_DIR = Path(__file__).resolve().parent / "pabulib"


def _missing(message: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(message + " but CI=true: these tests must run in CI")
    pytest.skip(message)


def pabulib_names() -> list[str]:
    """Every election the tests can read: the committed ones and the shared ones, by file name."""
    return sorted(
        {path.name for folder in (BUNDLED_DIR, PABULIB_DIR) for path in folder.glob("*.pb")}
    )


class PabulibFiles:
    """The elections as one folder: ``files / name`` is the shared copy if there is one, else ours."""

    def __truediv__(self, name: str) -> Path:
        for folder in (PABULIB_DIR, BUNDLED_DIR):
            if (folder / name).is_file():
                return folder / name
        _missing(
            f"{name} is in the shared Pabulib data only, and that is not at {PABULIB_DIR} "
            "(the ../shared/data/pabulib/ folder next to the repository)"
        )

    def glob(self, pattern: str) -> list[Path]:
        return [self / name for name in pabulib_names() if Path(name).match(pattern)]


def pabulib_dir() -> PabulibFiles:
    """The Pabulib files; one missing from both places skips (fails under CI=true) when asked for."""
    return PabulibFiles()


@pytest.fixture
def data_dir() -> PabulibFiles:
    return pabulib_dir()
