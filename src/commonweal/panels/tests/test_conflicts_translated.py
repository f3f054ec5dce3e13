"""Why a selection could not be made is shown in the reader's language: the engine's conflicts are
stored as messages (template and values) and translated when the page is read."""

import pytest
from django.urls import reverse
from django.utils import translation

from commonweal.panels import imports, selection, services
from commonweal.panels.models import SelectionRun
from commonweal.panels.tests.helpers import make_panel, pool_csv, pool_rows
from commonweal.testing.catalogues import use_catalogue

pytestmark = pytest.mark.django_db

NEEDS_MORE = (
    '"%(label)s" needs at least %(count)s person but only %(where)s (%(short)s short).',
    '"%(label)s" needs at least %(count)s people but only %(where)s (%(short)s short).',
)
IN_THE_POOL = (
    '%(count)s in the pool is "%(value)s"',
    '%(count)s in the pool are "%(value)s"',
)
# A pretend Welsh catalogue (not real Welsh: easy to tell from English, placeholders kept).
CATALOGUE = {
    NEEDS_MORE: ("CY %(label)s: %(count)s, %(where)s", "CY %(label)s: %(count)s, %(where)s"),
    IN_THE_POOL: ("CY-one %(value)s: %(count)s", "CY-many %(value)s: %(count)s"),
}


@pytest.fixture
def failed_run(django_capture_on_commit_callbacks):
    """4 seats, all 4 for people under 40, and the pool has only 3 of them."""
    panel, staff = make_panel(
        size=4,
        pool=12,
        quotas={
            "Age band": {"Under 40": (4, 4), "40 and over": (0, 0)},
            "Sex": {"Female": (0, 4), "Male": (0, 4)},
        },
    )
    rows = pool_rows(12)[3:]  # people 4 to 6 are under 40; 7 to 12 are 40 and over
    services.pool_replace(actor=staff, panel=panel, people=imports.read_pool(panel, pool_csv(rows)))
    with django_capture_on_commit_callbacks(execute=True):
        run = selection.run_start(actor=staff, panel=panel, method="leximin", time_limit=30)
    run.refresh_from_db()
    assert run.status == SelectionRun.Status.FAILED
    return run, staff


def test_the_conflicts_are_shown_in_the_readers_language(failed_run, settings, tmp_path):
    run, _staff = failed_run
    english = run.conflict_sentences
    assert english[0] == (
        '"Age band: Under 40" needs at least 4 people but only 3 in the pool are "Under 40" '
        "(1 short)."
    )
    assert english[1].startswith('At most 3 people can be chosen across "Age band"')
    use_catalogue(settings, tmp_path, "cy", CATALOGUE)
    with translation.override("cy"):
        # The first is in the catalogue; the second is not, so it stays English.
        assert run.conflict_sentences == [
            "CY Age band: Under 40: 4, CY-many Under 40: 3",
            english[1],
        ]
    with translation.override("en-gb"):
        assert run.conflict_sentences == english


def test_the_run_page_shows_them(failed_run, sign_in):
    run, staff = failed_run
    page = sign_in(staff).get(reverse("panels:run", kwargs={"pk": run.panel_id, "run_pk": run.pk}))
    assert page.status_code == 200
    assert "needs at least 4 people but only 3 in the pool are" in page.content.decode().replace(
        "&quot;", '"'
    )


def test_runs_stored_before_keep_their_english_words(failed_run):
    run, _staff = failed_run
    run.conflicts = ["Older runs stored the sentence itself."]
    assert run.conflict_sentences == ["Older runs stored the sentence itself."]


def test_progress_is_written_in_the_sites_language(failed_run, settings, tmp_path):
    """A background worker has no reader to ask: it writes progress in the site's language."""
    from commonweal.messages import gettext_noop, message

    run, _staff = failed_run
    SelectionRun.objects.filter(pk=run.pk).update(status=SelectionRun.Status.RUNNING)
    use_catalogue(
        settings,
        tmp_path,
        "cy",
        {
            "Stage %(stage)s: %(percent)s of people have their final chance.": "CY %(stage)s %(percent)s"
        },
    )
    report = selection._Progress(run.pk)
    report.last = float("-inf")  # not within a second of a previous report
    with translation.override("cy"):
        report(
            message(
                gettext_noop("Stage %(stage)s: %(percent)s of people have their final chance."),
                stage=2,
                percent="40%",
            ),
            0.4,
        )
    run.refresh_from_db()
    assert run.progress_message == "CY 2 40%"
