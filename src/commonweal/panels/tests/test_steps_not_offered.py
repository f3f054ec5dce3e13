"""Pages about a panel's set-up offer no step the services would refuse: once the panel is drawn
(or while a selection runs), no import of the pool, no quotas to set, no feature to add or remove,
no file to try again; the draw and the selection pages offer their forms only when they can be
used. The pages ask the panel (can_change_setup, can_draw, can_run_selection), as the services do."""

import pytest
from django.urls import reverse

from commonweal.panels import selection, services
from commonweal.panels.models import Panel, PoolImport
from commonweal.panels.tests.helpers import make_panel, pool_csv, pool_rows, upload

pytestmark = pytest.mark.django_db

FIXED = "its features, quotas and pool cannot change"


@pytest.fixture
def drawn(django_capture_on_commit_callbacks):
    panel, staff = make_panel(size=4, pool=12)
    with django_capture_on_commit_callbacks(execute=True):
        selection.run_start(actor=staff, panel=panel, method="maximin", time_limit=30)
    services.draw_make(actor=staff, panel=panel, seed="6 2 5")
    panel.refresh_from_db()
    assert panel.status == Panel.Status.DRAWN
    return panel, staff


def url(name, panel, **kwargs):
    return reverse(f"panels:{name}", kwargs={"pk": panel.pk, **kwargs})


def page(client, address) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def test_after_the_draw_the_pool_pages_offer_no_new_pool(sign_in, drawn):
    panel, staff = drawn
    client = sign_in(staff)
    pool = page(client, url("pool", panel))
    assert url("pool-import", panel) not in pool and FIXED in pool
    form = page(client, url("pool-import", panel))
    assert 'type="file"' not in form and FIXED in form
    # A file sent anyway is refused by the service, as before, and nothing is queued.
    refused = client.post(url("pool-import", panel), {"file": upload(pool_csv(pool_rows(12)))})
    assert "The panel has been drawn" in refused.content.decode()
    assert (
        not PoolImport.objects.filter(panel=panel).exclude(status=PoolImport.Status.DONE).exists()
    )


def test_after_the_draw_an_old_failed_import_offers_neither_a_retry_nor_an_upload(sign_in, drawn):
    panel, staff = drawn
    failed = PoolImport.objects.create(
        panel=panel, status=PoolImport.Status.FAILED, data=b"name\n", error="The worker stopped."
    )
    text = page(sign_in(staff), failed.get_absolute_url())
    assert "Try this file again" not in text
    assert url("pool-import", panel) not in text


def test_after_the_draw_features_and_quotas_are_shown_not_offered(sign_in, drawn):
    panel, staff = drawn
    client = sign_in(staff)
    feature = panel.features.first()
    features = page(client, url("features", panel))
    assert url("quotas", panel, feature_pk=feature.pk) not in features
    assert url("feature-remove", panel, feature_pk=feature.pk) not in features
    assert "Add the feature" not in features and FIXED in features
    quotas = page(client, url("quotas", panel, feature_pk=feature.pk))
    assert "Save the quotas" not in quotas and "Fill the quotas" not in quotas and FIXED in quotas


def test_the_draw_and_the_selection_are_offered_only_when_they_can_be_made(sign_in, drawn):
    panel, staff = drawn
    client = sign_in(staff)
    draw = page(client, url("draw", panel))
    assert "Draw the panel" not in draw and "The panel can be drawn once" in draw
    start = page(client, url("run-start", panel))
    assert "Start the selection" not in start


def test_before_the_draw_the_same_pages_offer_every_step(
    sign_in, django_capture_on_commit_callbacks
):
    panel, staff = make_panel(size=4, pool=12)
    with django_capture_on_commit_callbacks(execute=True):
        selection.run_start(actor=staff, panel=panel, method="maximin", time_limit=30)
    panel.refresh_from_db()
    assert panel.status == Panel.Status.SELECTED
    client = sign_in(staff)
    feature = panel.features.first()
    assert url("pool-import", panel) in page(client, url("pool", panel))
    assert 'type="file"' in page(client, url("pool-import", panel))
    assert url("quotas", panel, feature_pk=feature.pk) in page(client, url("features", panel))
    assert "Save the quotas" in page(client, url("quotas", panel, feature_pk=feature.pk))
    assert "Draw the panel" in page(client, url("draw", panel))
    assert "Start the selection" in page(client, url("run-start", panel))


def test_while_a_selection_runs_the_set_up_is_not_offered(sign_in):
    panel, staff = make_panel(size=4, pool=12)
    selection.run_start(actor=staff, panel=panel, method="maximin", time_limit=30)  # no worker
    panel.refresh_from_db()
    assert panel.status == Panel.Status.SELECTING
    client = sign_in(staff)
    assert url("pool-import", panel) not in page(client, url("pool", panel))
    assert "Start the selection" not in page(client, url("run-start", panel))
