"""A selection run's page updates itself while the run waits or works, says so, and lets the reader
stop it (WCAG 2.2.1, Timing Adjustable); once the run has ended it stays still. Without JavaScript
it reloads itself (a meta refresh, in <noscript>); with it, a script from the site's own static
files (the Content-Security-Policy allows no other) reads the marked part again and puts it in
place, so the reader keeps their place (axe-core counts a meta refresh as a failure of 2.2.1)."""

import pytest
from django.urls import reverse

from commonweal.panels import selection
from commonweal.panels.models import SelectionRun
from commonweal.panels.tests.helpers import make_panel

pytestmark = pytest.mark.django_db

REFRESH = '<noscript><meta http-equiv="refresh" content="5"></noscript>'
MARKED = 'id="run-live" data-cw-refresh="5"'
SCRIPT = 'src="/static/commonweal/refresh.js"'


@pytest.fixture
def waiting():
    panel, staff = make_panel(size=4, pool=12)
    run = selection.run_start(actor=staff, panel=panel, method="maximin", time_limit=30)
    return panel, run


def run_url(panel, run) -> str:
    return reverse("panels:run", kwargs={"pk": panel.pk, "run_pk": run.pk})


@pytest.mark.parametrize("status", [SelectionRun.Status.QUEUED, SelectionRun.Status.RUNNING])
def test_while_the_run_works_the_page_reloads_every_5_seconds_and_says_so(client, waiting, status):
    panel, run = waiting
    SelectionRun.objects.filter(pk=run.pk).update(status=status)
    response = client.get(run_url(panel, run))
    text = response.content.decode()
    head, body = text.split("</head>")
    assert REFRESH in head and SCRIPT in head and MARKED in body
    assert 'aria-live="polite" id="run-live-news"' in body
    assert "This page updates every 5 seconds while the selection works." in text
    assert f'href="{run_url(panel, run)}?updates=off">Stop updating this page' in text
    # Never a kept copy: each reload shows the progress made since.
    assert "no-cache" in response["Cache-Control"]


def test_the_reader_can_stop_the_updates_and_start_them_again(client, waiting):
    panel, run = waiting
    text = client.get(run_url(panel, run), {"updates": "off"}).content.decode()
    assert (
        'http-equiv="refresh"' not in text and SCRIPT not in text and "data-cw-refresh" not in text
    )
    assert "This page does not update by itself now." in text
    # Refreshing by hand keeps it still; the other link starts the updates again.
    assert f'href="{run_url(panel, run)}?updates=off">Refresh this page to see progress' in text
    assert f'href="{run_url(panel, run)}">Update this page by itself again' in text


@pytest.mark.parametrize(
    "status",
    [SelectionRun.Status.FINISHED, SelectionRun.Status.FAILED, SelectionRun.Status.STOPPED],
)
def test_once_the_run_has_ended_the_page_stays_still(client, waiting, status):
    panel, run = waiting
    SelectionRun.objects.filter(pk=run.pk).update(status=status)
    response = client.get(run_url(panel, run))
    text = response.content.decode()
    assert 'http-equiv="refresh"' not in text and "Stop updating this page" not in text
    assert SCRIPT not in text and "data-cw-refresh" not in text
    assert 'id="run-live"' in text  # what the script reads last: unmarked, so it stops


def test_the_panel_page_does_not_reload_itself(client, waiting):
    panel, _run = waiting
    assert 'http-equiv="refresh"' not in client.get(panel.get_absolute_url()).content.decode()
