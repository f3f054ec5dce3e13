"""The pool template never hands a spreadsheet a formula, and a pool filled in from it still imports."""

import csv
import io

import pytest

from commonweal.panels import imports, services
from commonweal.panels.tests.helpers import make_panel, pool_csv

pytestmark = pytest.mark.django_db

FEATURE = '=HYPERLINK("http://example.invalid","Age")'


@pytest.fixture
def panel():
    panel, staff = make_panel(pool=None)
    services.feature_add(actor=staff, panel=panel, name=FEATURE, categories=["Young", "Old"])
    return panel


def test_the_template_writes_a_feature_name_that_would_run_as_text(panel):
    [header] = csv.reader(io.StringIO(imports.template_csv(panel), newline=""))
    assert header == ["name", "email", "household", "Sex", "Age band", "'" + FEATURE]


def test_a_pool_filled_in_from_the_template_imports(panel):
    [header] = csv.reader(io.StringIO(imports.template_csv(panel), newline=""))
    people = imports.read_pool(
        panel,
        pool_csv([["Ann", "ann@example.net", "h1", "Female", "Under 40", "Young"]], header=header),
    )
    assert [(person["name"], person["values"]) for person in people] == [
        ("Ann", {"Sex": "Female", "Age band": "Under 40", FEATURE: "Young"})
    ]
