"""`commonweal demo --scale N`: Riverside grown N-fold with generated records, in bulk and audited.

The demo is loaded and grown twofold once for the module (in a transaction rolled back after it, as
``demo_place`` does), with the counts of the demo alone kept to compare. Tests that need an empty
database or a second growth use their own.
"""

from io import StringIO
from statistics import median

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from commonweal.accounts.models import User
from commonweal.ballots.models import PendingBallot
from commonweal.codesign.models import Session
from commonweal.core.models import AuditEntry
from commonweal.demo import scale, services
from commonweal.needs.models import Comment, Evidence, Need, StatusChange, Support
from commonweal.organisations.models import Organisation
from commonweal.panels.models import Panel, Volunteer
from commonweal.participation import keys, services_counting
from commonweal.participation.models import Ballot, BudgetRound, Participation
from commonweal.priorities import selectors as priority_selectors
from commonweal.priorities.models import Ballot as PriorityBallot
from commonweal.priorities.models import Participation as PriorityParticipation
from commonweal.priorities.models import PriorityRound

FACTOR = 2

KINDS = {
    "people": User.objects,
    "organisations": Organisation.objects,
    "needs": Need.objects,
    "evidence": Evidence.objects,
    "status changes": StatusChange.objects,
    "supports": Support.objects,
    "comments": Comment.objects,
    "co-design sessions": Session.objects,
    "priority rounds": PriorityRound.objects,
    "priority ballots": PriorityBallot.objects,
    "budget rounds": BudgetRound.objects,
    "budget ballots": Ballot.objects,
    "panels": Panel.objects,
    "people in pools": Volunteer.objects,
}


def _counts() -> dict[str, int]:
    return {kind: manager.count() for kind, manager in KINDS.items()}


@pytest.fixture(scope="module")
def grown(django_db_setup, django_db_blocker):
    """The demo's counts before and after growing it twofold with the command."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEMO_MODE=True):
        try:
            services.demo_load()
            before = _counts()
            out = StringIO()
            call_command("demo", scale=FACTOR, stdout=out)
            yield {"before": before, "after": _counts(), "out": out.getvalue()}
        finally:
            transaction.set_rollback(True)


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True


def test_every_kind_of_record_grows_by_the_factor(grown, db):
    before, after = grown["before"], grown["after"]
    for kind in KINDS:
        assert after[kind] >= FACTOR * before[kind], kind
    # The demo's own shapes, copied: as many needs, organisations, sessions and rounds again.
    for kind in (
        "needs",
        "organisations",
        "co-design sessions",
        "priority rounds",
        "budget rounds",
    ):
        assert after[kind] == FACTOR * before[kind], kind
    assert "Riverside grown 2-fold" in grown["out"]
    assert f"{after['needs'] - before['needs']} needs" in grown["out"]


def test_every_generated_need_has_evidence_and_its_supporter_count_is_its_supports(grown, db):
    counted = Need.objects.annotate(real=Count("supports", distinct=True))
    assert all(need.supporter_count == need.real for need in counted)
    generated = Need.objects.filter(raised_by__email__endswith="@" + scale.EMAIL_DOMAIN)
    assert generated.count() == scale.NEEDS * (FACTOR - 1)
    assert not generated.filter(evidence__isnull=True).exists()
    # Skewed like a real register: the most supported need has many times the typical need's support.
    supporters = sorted(generated.values_list("supporter_count", flat=True))
    assert supporters[-1] >= 4 * max(1, median(supporters))
    # Spread over Riverside's places, over many days.
    assert generated.values("place").distinct().count() >= 8
    assert generated.dates("created_at", "month").count() >= 6


def test_generated_people_can_take_part_but_cannot_sign_in_with_a_password(grown, db):
    people = User.objects.filter(email__endswith="@" + scale.EMAIL_DOMAIN)
    assert people.count() == scale.PEOPLE * (FACTOR - 1)
    assert not people.filter(email_confirmed_at__isnull=True).exists()
    assert not any(person.has_usable_password() for person in people)
    assert not people.filter(role_assignments__isnull=True).exists()  # each lives somewhere


def test_each_bulk_write_is_one_audit_entry_with_its_counts_and_a_digest(grown, db):
    copies = FACTOR - 1
    # action: the model its rows are counted under, how many rows (None: some), entries a copy
    expected = {
        "people_import": ("accounts.user", scale.PEOPLE, 1),
        "organisations_import": ("organisations.organisation", scale.ORGANISATIONS, 1),
        "needs_import": ("needs.need", scale.NEEDS, 1),
        "comments_import": ("needs.comment", None, 1),
        "supports_import": ("needs.support", None, 1),
        "sessions_import": ("codesign.session", scale.SESSIONS, 1),
        "projects_import": ("participation.project", None, scale.BUDGET_ROUNDS),
        "features_import": ("panels.feature", None, 1),
        "pool_import": ("panels.volunteer", None, 1),
    }
    for action, (model, rows, per_copy) in expected.items():
        entries = list(AuditEntry.objects.filter(action=action))
        assert len(entries) == copies * per_copy, action
        summary = entries[0].after
        assert len(summary["digest"]) == 64, action
        assert summary["rows"][model] == (rows or summary["rows"][model]) > 0, action
    supports = AuditEntry.objects.get(action="supports_import").after["rows"]["needs.support"]
    assert supports == grown["after"]["supports"] - grown["before"]["supports"]
    # Who voted: one entry a round; the ballots: one entry a round, with their number only.
    voters = AuditEntry.objects.filter(action="voters_import")
    assert voters.count() == copies * (scale.PRIORITY_ROUNDS + scale.BUDGET_ROUNDS)
    generated_rounds = BudgetRound.objects.filter(title__contains="community fund (")
    for round_ in generated_rounds:
        committed = AuditEntry.objects.get(
            action="ballots_committed", model="participation.budgetround", object_id=str(round_.pk)
        )
        assert committed.after["rows"] == {
            "participation.round.ballot": scale.BUDGET_ONLINE + scale.BUDGET_PAPER
        }


def test_a_scaled_budget_round_is_counted_published_and_counts_again(grown, db, client):
    round_ = BudgetRound.objects.filter(title__contains="community fund (").first()
    assert round_.status == BudgetRound.Status.PUBLISHED
    assert not PendingBallot.objects.filter(box=keys.box(round_.pk)).exists()  # all committed
    online = Participation.objects.filter(round=round_, channel=Participation.Channel.ONLINE)
    assert online.count() == scale.BUDGET_ONLINE
    ballots = Ballot.objects.filter(round=round_)
    assert ballots.count() == scale.BUDGET_ONLINE + scale.BUDGET_PAPER
    assert ballots.filter(source=Ballot.Source.PAPER).count() == scale.BUDGET_PAPER
    first = round_.counts.get()
    assert first.ballots == ballots.count() and first.selected
    commissioner = User.objects.get(email="commissioner@riverside.example")
    again = services_counting.round_count(
        round_=round_, actor=commissioner, reason="Checking the scaled round counts"
    )
    assert again.ballots == first.ballots and again.selected == first.selected
    chosen = sum(p.cost for p in round_.projects.filter(pk__in=again.selected))
    assert chosen <= round_.budget
    page = client.get(reverse("participation:results", kwargs={"pk": round_.pk}))
    assert page.status_code == 200
    assert escape(round_.projects.get(pk=again.selected[0]).title) in page.content.decode()


def test_a_scaled_priority_round_has_its_ballots_apart_from_who_voted(grown, db, client):
    round_ = PriorityRound.objects.filter(title__contains="(1.1)").get()
    assert PriorityParticipation.objects.filter(round=round_).count() == scale.PRIORITY_VOTERS
    ballots = list(PriorityBallot.objects.filter(round=round_))
    assert len(ballots) == scale.PRIORITY_VOTERS
    # Nothing on a ballot names a person: its key is a keyed hash, its id random, and it has no time.
    people = {str(pk) for pk in PriorityParticipation.objects.values_list("person_id", flat=True)}
    assert not people & {ballot.key for ballot in ballots}
    assert {field.name for field in PriorityBallot._meta.fields} == {"id", "round", "key", "marks"}
    results = priority_selectors.round_results(round_)
    assert results.ballots == scale.PRIORITY_VOTERS
    # Borda: each ranking of six gives 5 + 4 + 3 + 2 + 1 + 0 points.
    assert sum(standing.points for _need, standing in results.standings) == 15 * len(ballots)
    page = client.get(reverse("priorities:round", kwargs={"pk": round_.pk}))
    assert page.status_code == 200
    assert escape(results.standings[0][0].title) in page.content.decode()


def test_growing_again_is_refused_and_changes_nothing(grown, db, demo_mode):
    with pytest.raises(CommandError, match="already been grown"):
        call_command("demo", scale=FACTOR, stdout=StringIO())
    assert _counts() == grown["after"]


@pytest.mark.parametrize("given", ["0", "-1", "abc", "1.5", "100000"])
def test_a_scale_that_is_not_a_whole_number_from_1_is_refused_with_a_message(given, demo_mode, db):
    before = _counts()
    with pytest.raises(CommandError, match="whole number from 1 to"):
        call_command("demo", "--scale", given, stdout=StringIO())
    with pytest.raises(CommandError, match="whole number from 1 to"):
        call_command("demo", scale=given, stdout=StringIO())  # as another command would call it
    assert _counts() == before  # nothing was loaded or grown
