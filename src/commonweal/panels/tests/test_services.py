"""Setting up a panel, importing its pool, selecting, drawing and seating, through the services."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.panels import engine, imports, members, permissions, quotas, selection, services
from commonweal.panels.models import Panel, SelectionRun
from commonweal.panels.tests.helpers import make_panel, pool_csv, pool_rows

pytestmark = pytest.mark.django_db


def _select(panel, staff, django_capture_on_commit_callbacks, method="leximin"):
    with django_capture_on_commit_callbacks(execute=True):
        run = selection.run_start(actor=staff, panel=panel, method=method, time_limit=30)
    run.refresh_from_db()
    panel.refresh_from_db()
    return run


# --- quotas --------------------------------------------------------------------------------------


def test_quotas_from_census_shares_round_down_and_up_with_leeway():
    # 20 seats: 51% is 10.2 seats, 49% is 9.8 seats.
    assert quotas.quotas_from_shares(20, {"F": Decimal("51"), "M": Decimal("49")}) == {
        "F": (10, 11),
        "M": (9, 10),
    }
    assert quotas.quotas_from_shares(20, {"F": Decimal("51"), "M": Decimal("49")}, margin=1) == {
        "F": (9, 12),
        "M": (8, 11),
    }
    assert quotas.quotas_from_shares(4, {"A": Decimal("100")}, margin=2) == {"A": (2, 4)}


def test_quotas_whose_fewest_seats_exceed_the_panel_are_refused():
    panel, staff = make_panel(size=4, pool=None)
    feature = panel.features.get(name="Sex")
    female, male = feature.categories.all()
    with pytest.raises(ValidationError) as error:
        services.quotas_set(
            actor=staff, feature=feature, quotas={female.pk: (3, 4), male.pk: (2, 4)}
        )
    assert "add up to 5, more than the 4 seats" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.quotas_set(
            actor=staff, feature=feature, quotas={female.pk: (3, 2), male.pk: (0, 4)}
        )
    assert "Female: the fewest seats must not be more than the most seats" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.quotas_set(
            actor=staff, feature=feature, quotas={female.pk: (0, 1), male.pk: (0, 1)}
        )
    assert "add up to 2, fewer than the 4 seats" in str(error.value)


def test_counts_of_one_are_said_in_the_singular(django_capture_on_commit_callbacks):
    one_seat = {"Sex": {"Female": (0, 1), "Male": (0, 1)}}
    one_seat["Age band"] = {"Under 40": (0, 1), "40 and over": (0, 1)}
    panel, staff = make_panel(size=1, pool=None, quotas=one_seat)
    feature = panel.features.get(name="Sex")
    female, male = feature.categories.all()
    with pytest.raises(ValidationError) as error:
        services.quotas_set(
            actor=staff, feature=feature, quotas={female.pk: (0, 2), male.pk: (0, 1)}
        )
    assert "Female: the most seats must not be more than the 1 seat on the panel" in str(
        error.value
    )
    with pytest.raises(ValidationError) as error:
        services.quotas_set(
            actor=staff, feature=feature, quotas={female.pk: (1, 1), male.pk: (1, 1)}
        )
    assert "add up to 2, more than the 1 seat on the panel" in str(error.value)
    with pytest.raises(imports.PoolProblems) as problems:
        imports.read_pool(panel, pool_csv(pool_rows(2)) + b"Someone alone\n")
    assert [problem.message for problem in problems.value.problems] == [
        "The row has 1 cell but the header has 5 columns"
    ]
    panel, staff = make_panel(size=4, pool=1)
    with pytest.raises(ValidationError) as error:
        selection.run_start(actor=staff, panel=panel, method="leximin", time_limit=30)
    assert "The pool has 1 person, fewer than the 4 seats." in str(error.value)


def test_a_feature_needs_two_distinct_categories():
    panel, staff = make_panel(pool=None)
    with pytest.raises(ValidationError) as error:
        services.feature_add(actor=staff, panel=panel, name="Tenure", categories=["Owner", "owner"])
    assert "Owner is there twice" in str(error.value)
    with pytest.raises(ValidationError):
        services.feature_add(actor=staff, panel=panel, name="sex", categories=["A", "B"])


# --- pool import ---------------------------------------------------------------------------------


def test_pool_import_reads_people_with_canonical_category_names():
    panel, staff = make_panel(pool=None)
    people = imports.read_pool(
        panel, pool_csv([["Ann", "ANN@example.org", "", "female", "UNDER 40"]])
    )
    assert people == [
        {
            "name": "Ann",
            "email": "ann@example.org",
            "household": "",
            "values": {"Sex": "Female", "Age band": "Under 40"},
        }
    ]


def test_pool_import_reports_every_bad_row_by_number_and_saves_nothing():
    panel, staff = make_panel(pool=3)
    before = list(panel.pool.values_list("name", flat=True))
    rows = pool_rows(4)
    rows[0][3] = "Unknown"  # row 2: not a category
    rows[1][4] = ""  # row 3: missing value
    rows[2][1] = "not-an-email"  # row 4: bad email
    rows.append(
        ["Someone", "volunteer4@example.net", "h9", "Male", "Under 40"]
    )  # row 6: same email as row 5
    with pytest.raises(imports.PoolProblems) as found:
        imports.read_pool(panel, pool_csv(rows))
    messages = [str(problem) for problem in found.value.problems]
    assert messages[0].startswith("Row 2: Unknown is not a category of Sex")
    assert messages[1].startswith("Row 3: The Age band column is empty")
    assert messages[2].startswith("Row 4: not-an-email is not an email address")
    assert (
        messages[3]
        == "Row 6: volunteer4@example.net is already in the pool on row 5. Each person can be in the pool once"
    )
    assert len(messages) == 4
    assert list(panel.pool.values_list("name", flat=True)) == before


def test_pool_import_names_missing_and_unknown_columns():
    panel, _staff = make_panel(pool=None)
    with pytest.raises(imports.PoolProblems) as found:
        imports.read_pool(
            panel,
            pool_csv(
                [["A", "", "", "Female", "x"]],
                header=("name", "email", "household", "Sex", "Tenure"),
            ),
        )
    messages = [str(problem) for problem in found.value.problems]
    assert "Row 1: The file must have a column called Age band" in messages
    assert any(message.startswith("Row 1: Tenure is not a column") for message in messages)


def test_template_csv_has_the_panel_columns():
    panel, _staff = make_panel(pool=None)
    assert imports.template_csv(panel) == "name,email,household,Sex,Age band\r\n"


def test_importing_opens_the_pool_and_numbers_people_in_file_order():
    panel, _staff = make_panel(pool=5)
    assert panel.status == Panel.Status.POOL_OPEN
    assert list(panel.pool.values_list("number", "name")) == [
        (n, f"Person {n}") for n in range(1, 6)
    ]


# --- selection, draw, seating ---------------------------------------------------------------------


def test_selection_task_stores_the_distribution(django_capture_on_commit_callbacks):
    panel, staff = make_panel(size=4, pool=12)
    run = _select(panel, staff, django_capture_on_commit_callbacks)
    assert run.status == SelectionRun.Status.FINISHED, run.error
    assert panel.status == Panel.Status.SELECTED
    assert set(run.selection_probability) == {str(n) for n in range(1, 13)}
    # 4 seats among 12 people, 2 of each sex and 2 of each age band: every person can be chosen,
    # and by symmetry (3 people in each sex-and-age group, 1 seat for each group) each has 1 in 3.
    assert run.maximin == pytest.approx(1 / 3, abs=1e-6)
    assert sum(run.probabilities) == pytest.approx(1.0)
    assert all(len(p) == 4 for p in run.panels)
    assert run.finished_at is not None and run.seconds is not None


def test_the_same_quotas_sent_again_keep_the_selection(django_capture_on_commit_callbacks):
    """The quotas form submitted unchanged: the panel still waits for its draw, nothing is recorded."""
    from commonweal.core.models import AuditEntry

    panel, staff = make_panel(size=4, pool=12)
    _select(panel, staff, django_capture_on_commit_callbacks)
    assert panel.status == Panel.Status.SELECTED
    entries = AuditEntry.objects.count()
    for feature in panel.features.all():
        services.quotas_set(
            actor=staff,
            feature=feature,
            quotas={c.pk: (c.min_seats, c.max_seats) for c in feature.categories.all()},
        )
    panel.refresh_from_db()
    assert panel.status == Panel.Status.SELECTED
    assert AuditEntry.objects.count() == entries
    # Other quotas do make the selection out of date.
    feature = panel.features.get(name="Sex")
    female, male = feature.categories.all()
    services.quotas_set(actor=staff, feature=feature, quotas={female.pk: (1, 3), male.pk: (1, 3)})
    panel.refresh_from_db()
    assert panel.status == Panel.Status.POOL_OPEN


def test_infeasible_quotas_store_the_engine_message_and_change_nothing_else(
    django_capture_on_commit_callbacks,
):
    # The pool's 12 people are half "Under 40"; ask for all 4 seats "40 and over" and 4 "Female"... and
    # also 4 "Under 40": impossible.
    panel, staff = make_panel(
        size=4,
        pool=12,
        quotas={
            "Age band": {"Under 40": (3, 4), "40 and over": (0, 1)},
            "Sex": {"Female": (2, 2), "Male": (2, 2)},
        },
    )
    # Only person numbers 1..6 are under 40; take the under-40 men out of the pool so the quota fails.
    rows = [row for row in pool_rows(12) if not (row[3] == "Male" and row[4] == "Under 40")]
    services.pool_replace(actor=staff, panel=panel, people=imports.read_pool(panel, pool_csv(rows)))
    panel.refresh_from_db()
    run = _select(panel, staff, django_capture_on_commit_callbacks)
    assert run.status == SelectionRun.Status.FAILED
    assert run.error.startswith("The quotas cannot all be met")
    assert run.conflicts, "each conflict is stored in plain words"
    assert panel.status == Panel.Status.POOL_OPEN
    assert not hasattr(panel, "draw") or panel.draw is None


def test_draw_is_deterministic_from_the_stored_seed_and_meets_quotas(
    django_capture_on_commit_callbacks,
):
    panel, staff = make_panel(size=4, pool=12)
    run = _select(panel, staff, django_capture_on_commit_callbacks)
    draw = services.draw_make(actor=staff, panel=panel, seed="3 1 4 1 5 9")
    assert draw.entered_by == staff and draw.run == run
    assert len(draw.drawn) == 4 and draw.problems == []
    again = sorted(
        int(n) for n in engine.draw_from(SelectionRun.objects.get(pk=run.pk), "3 1 4 1 5 9")
    )
    assert again == draw.drawn
    drawn = panel.pool.filter(number__in=draw.drawn)
    assert sorted(v["Sex"] for v in drawn.values_list("values", flat=True)) == [
        "Female",
        "Female",
        "Male",
        "Male",
    ]
    with pytest.raises(ValidationError):
        services.draw_make(actor=staff, panel=panel, seed="again")


def test_a_blank_seed_is_refused(django_capture_on_commit_callbacks):
    panel, staff = make_panel(size=4, pool=12)
    _select(panel, staff, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as error:
        services.draw_make(actor=staff, panel=panel, seed="  ")
    assert "Enter the seed" in str(error.value)


def test_seated_members_get_the_citizen_commissioner_role_and_an_invitation(
    django_capture_on_commit_callbacks,
):
    panel, staff = make_panel(size=4, pool=12)
    _select(panel, staff, django_capture_on_commit_callbacks)
    draw = services.draw_make(actor=staff, panel=panel, seed="42")
    existing = User.objects.create_user(
        email=f"volunteer{draw.drawn[0]}@example.net", full_name="Already here"
    )
    with django_capture_on_commit_callbacks(execute=True):
        seated = members.panel_seat(actor=staff, panel=panel)
    assert len(seated) == 4
    panel.refresh_from_db()
    assert panel.status == Panel.Status.SEATED
    for member in seated:
        assert RoleAssignment.objects.filter(
            user=member.user, role=Role.CITIZEN_COMMISSIONER, place=panel.place
        ).exists()
        assert permissions.is_panel_member(member.user, panel)
    assert existing in [member.user for member in seated]
    assert len(mail.outbox) == 4
    assert "You are on the citizens' panel" in mail.outbox[0].subject
    # Seating again changes nothing and sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        members.panel_seat(actor=staff, panel=panel)
    assert panel.members.count() == 4 and len(mail.outbox) == 4
    assert not permissions.is_panel_member(staff, panel)


def test_after_the_draw_the_make_up_cannot_change(django_capture_on_commit_callbacks):
    panel, staff = make_panel(size=4, pool=12)
    _select(panel, staff, django_capture_on_commit_callbacks)
    services.draw_make(actor=staff, panel=panel, seed="7")
    feature = panel.features.first()
    with pytest.raises(ValidationError):
        services.quotas_set(
            actor=staff, feature=feature, quotas={c.pk: (2, 2) for c in feature.categories.all()}
        )
    with pytest.raises(ValidationError):
        services.pool_replace(actor=staff, panel=panel, people=[])


def test_progress_is_written_to_the_run_at_most_once_a_second():
    panel, staff = make_panel(size=4, pool=12)
    run = SelectionRun.objects.create(
        panel=panel, method="leximin", time_limit=30, status="running"
    )
    progress = selection._Progress(run.pk)
    progress("Working out the lowest chance", 0.0)
    progress("Refining: stage 1", 0.5)  # less than a second later: not written
    run.refresh_from_db()
    assert (run.progress_message, run.progress_fraction) == ("Working out the lowest chance", 0.0)
    progress.last -= selection.PROGRESS_EVERY_SECONDS
    progress("Refining: stage 2", 0.75)
    run.refresh_from_db()
    assert (run.progress_message, run.progress_fraction) == ("Refining: stage 2", 0.75)


# --- stopping a run -------------------------------------------------------------------------------


def _queued(panel, staff):
    """A run that no worker has picked up (its task is never run here)."""
    run = selection.run_start(actor=staff, panel=panel, method="leximin", time_limit=30)
    panel.refresh_from_db()
    assert panel.status == Panel.Status.SELECTING
    return run


def test_a_waiting_run_can_be_stopped_with_a_reason_and_the_panel_can_select_again():
    from commonweal.core.models import AuditEntry

    panel, staff = make_panel(size=4, pool=12)
    run = _queued(panel, staff)
    with pytest.raises(ValidationError) as error:
        selection.run_stop(actor=staff, run=run, reason="  ")
    assert "Enter why you are stopping this run" in str(error.value)
    run = selection.run_stop(actor=staff, run=run, reason="The worker was not running")
    panel.refresh_from_db()
    assert run.status == SelectionRun.Status.STOPPED
    assert (run.stopped_by, run.stop_reason) == (staff, "The worker was not running")
    assert run.finished_at is not None
    assert panel.status == Panel.Status.POOL_OPEN
    entry = AuditEntry.objects.filter(model="panels.selectionrun", object_id=str(run.pk)).order_by(
        "-at", "-pk"
    )[0]
    assert (entry.actor, entry.reason) == (staff, "The worker was not running")
    # The task, if a worker picks it up later, leaves the stopped run alone.
    assert selection.run_execute(run_id=run.pk).status == SelectionRun.Status.STOPPED
    run.refresh_from_db()
    assert run.status == SelectionRun.Status.STOPPED and not run.panels
    # And a new selection can start.
    assert (
        selection.run_start(actor=staff, panel=panel, method="maximin", time_limit=30).status
        == "queued"
    )


def test_an_ended_run_cannot_be_stopped(django_capture_on_commit_callbacks):
    panel, staff = make_panel(size=4, pool=12)
    run = _select(panel, staff, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as error:
        selection.run_stop(actor=staff, run=run, reason="Too late")
    assert "already ended" in str(error.value)
    run.refresh_from_db()
    assert run.status == SelectionRun.Status.FINISHED


def test_a_run_stopped_while_the_engine_works_ends_at_its_next_progress_report(monkeypatch):
    panel, staff = make_panel(size=4, pool=12)
    run = _queued(panel, staff)
    reports = []

    def engine_that_gets_stopped(*args, progress, **kwargs):
        progress("Working", 0.1)
        reports.append("first")
        selection.run_stop(actor=staff, run=run, reason="Started with the wrong time limit")
        progress.last -= selection.PROGRESS_EVERY_SECONDS
        progress("Still working", 0.2)  # raises: the run is no longer running
        reports.append("never")

    monkeypatch.setattr(selection.sortition, "find_distribution", engine_that_gets_stopped)
    finished = selection.run_execute(run_id=run.pk)
    assert reports == ["first"]
    assert finished.status == SelectionRun.Status.STOPPED
    assert finished.stop_reason == "Started with the wrong time limit"
    panel.refresh_from_db()
    assert panel.status == Panel.Status.POOL_OPEN


def test_what_an_engine_finds_after_its_run_was_stopped_is_thrown_away(monkeypatch):
    panel, staff = make_panel(size=4, pool=12)
    run = _queued(panel, staff)
    real = selection.sortition.find_distribution

    def engine_that_cannot_be_interrupted(*args, progress, **kwargs):
        result = real(
            *args, progress=lambda *a: None, **kwargs
        )  # like sortition-algorithms: no reports
        selection.run_stop(actor=staff, run=run, reason="Taking too long")
        return result

    monkeypatch.setattr(selection.sortition, "find_distribution", engine_that_cannot_be_interrupted)
    finished = selection.run_execute(run_id=run.pk)
    assert finished.status == SelectionRun.Status.STOPPED
    assert not finished.panels and finished.maximin is None
    panel.refresh_from_db()
    assert panel.status == Panel.Status.POOL_OPEN


# --- changing the size --------------------------------------------------------------------------------


def _update_size(panel, staff, size):
    return services.panel_update(
        actor=staff,
        panel=panel,
        title=panel.title,
        description=panel.description,
        size=size,
        one_per_household=panel.one_per_household,
    )


def test_a_panel_cannot_shrink_below_the_fewest_seats_its_quotas_ask_for():
    panel, staff = make_panel(size=4, pool=None)  # each category of Sex and Age band: 2 to 2 seats
    with pytest.raises(ValidationError) as error:
        _update_size(panel, staff, 3)
    assert "The fewest seats for Sex add up to 4, more than 3 seats" in str(error.value)
    panel.refresh_from_db()
    assert panel.size == 4


def test_quotas_follow_a_new_size():
    panel, staff = make_panel(
        size=4,
        pool=None,
        quotas={
            "Sex": {"Female": (0, 4), "Male": (0, 3)},
            "Age band": {"Under 40": (1, 4), "40 and over": (1, 4)},
        },
    )
    _update_size(panel, staff, 10)
    most = {c.name: c.max_seats for c in panel.features.get(name="Sex").categories.all()}
    assert most == {"Female": 10, "Male": 3}  # open (4 of 4) opens to 10; a chosen 3 stays
    _update_size(panel, staff, 2)
    most = {c.name: c.max_seats for f in panel.features.all() for c in f.categories.all()}
    assert most == {"Female": 2, "Male": 2, "Under 40": 2, "40 and over": 2}  # none above the seats
