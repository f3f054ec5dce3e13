"""Chances of being chosen read the same everywhere on the pages: as percentages ("12.5%"), never
fractions ("0.1250") or whole-number roundings ("13%"). The API keeps the numbers, from 0 to 1."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.panels.models import Panel, SelectionRun
from commonweal.panels.templatetags.chances import chance
from commonweal.panels.tests.helpers import make_panel

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked_out():
    """A panel of 4 whose lottery (written by hand) draws {1,2,3,4} with a chance of 3 in 24,
    {2,3,4,5} with 5 in 24 and {3,4,5,6} with 16 in 24: person 1 has 12.5%, person 2 a third,
    3 and 4 are certain, 5 has 87.5% and 6 two thirds."""
    panel, _staff = make_panel(size=4, pool=6)
    run = SelectionRun.objects.create(
        panel=panel,
        method=SelectionRun.Method.LEXIMIN,
        status=SelectionRun.Status.FINISHED,
        finished_at=timezone.now(),
        panels=[["1", "2", "3", "4"], ["2", "3", "4", "5"], ["3", "4", "5", "6"]],
        probabilities=[3 / 24, 5 / 24, 16 / 24],
        selection_probability={
            "1": 3 / 24,
            "2": 8 / 24,
            "3": 1,
            "4": 1,
            "5": 21 / 24,
            "6": 16 / 24,
        },
        maximin=0.125,
        stages_completed=2,
        refinement_finished=True,
        seconds=1.5,
    )
    Panel.objects.filter(pk=panel.pk).update(status=Panel.Status.SELECTED)
    return panel, run


def test_the_results_page_shows_every_chance_as_a_percentage(client, worked_out):
    panel, _run = worked_out
    page = client.get(reverse("panels:results", kwargs={"pk": panel.pk})).content.decode()
    assert "The lowest chance of anyone is 12.5%." in page
    # Each person's chance, lowest first.
    people = page.split("Chance of being chosen, by pool number")[1]
    shown = re.findall(r'govuk-table__cell--numeric">([^<]*%)</td>', people)
    assert shown == ["12.5%", "33.3%", "66.7%", "87.5%", "100%", "100%"]
    # The most likely panels first.
    panels = page.split("The most likely panels")[1].split("</table>")[0]
    assert re.findall(r'numeric">([^<]*%)</td>', panels) == ["66.7%", "20.8%", "12.5%"]
    for fraction in ("0.1250", "0.3333", "1.0000", "13%", "67%"):
        assert fraction not in page


def test_the_run_page_shows_the_lowest_chance_as_a_percentage(client, worked_out):
    panel, run = worked_out
    page = client.get(reverse("panels:run", kwargs={"pk": panel.pk, "run_pk": run.pk}))
    text = page.content.decode()
    assert 'govuk-summary-list__value">12.5%</dd>' in text and "0.1250" not in text


def test_the_api_keeps_the_numbers(client, worked_out):
    panel, _run = worked_out
    body = client.get(reverse("api:panel-detail", kwargs={"pk": panel.pk})).json()
    assert body["selection"]["maximin"] == 0.125


@pytest.mark.parametrize(
    "value,shown",
    [
        (0.125, "12.5%"),
        (0.5, "50%"),
        (1 / 3, "33.3%"),
        (2 / 3, "66.7%"),
        (0, "0%"),
        (1, "100%"),
        (1.0000000002, "100%"),  # the solver's rounding, not a chance over 1
        (0.0004, "less than 0.1%"),  # not "0%": it is a chance
        (0.99996, "more than 99.9%"),  # not "100%": it is not certain
        (None, ""),
    ],
)
def test_a_chance_reads_as_a_percentage(value, shown):
    assert chance(value) == shown
