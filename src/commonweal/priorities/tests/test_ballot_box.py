"""Priority ballots go through the same ballot box as community budgets: no voter on a ballot, never
written in the voter's transaction, seen and changed by the voter while waiting, all counted when the
results are published; and moving the old ballots to keys keeps every vote findable and every count."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from commonweal.ballots import selectors as box_selectors
from commonweal.ballots.models import PendingBallot
from commonweal.priorities import ballot_box, selectors, services
from commonweal.priorities.models import Ballot, Participation, PriorityRound
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def cast(round_, voter, *needs):
    return services.ballot_cast(
        round_=round_, voter=voter, choices={need.pk: None for need in needs}
    )


class TestTheBallotBox:
    def test_a_ballot_has_no_voter_and_no_time_and_a_random_id(self):
        from django.db import models

        assert {f.related_model for f in Ballot._meta.get_fields() if f.is_relation} == {
            PriorityRound
        }
        assert not any(
            isinstance(f, (models.DateTimeField, models.DateField)) for f in Ballot._meta.fields
        )
        assert isinstance(Ballot._meta.pk, models.UUIDField)

    def test_a_vote_records_who_voted_and_a_waiting_ballot_that_the_voter_sees_and_changes(
        self, sign_in, resident, make_round, needs
    ):
        round_ = make_round()
        client = sign_in(resident)
        client.post(reverse("priorities:vote", kwargs={"pk": round_.pk}), {"needs": [needs[0].pk]})
        assert not Ballot.objects.exists() and PendingBallot.objects.count() == 1
        assert Participation.objects.filter(round=round_, person=resident).count() == 1
        assert "You have voted." in client.get(round_.get_absolute_url()).content.decode()
        form = client.get(reverse("priorities:vote", kwargs={"pk": round_.pk})).content.decode()
        assert f'value="{needs[0].pk}" checked' in form
        client.post(reverse("priorities:vote", kwargs={"pk": round_.pk}), {"needs": [needs[1].pk]})
        assert PendingBallot.objects.count() == 1 and Participation.objects.count() == 1
        assert selectors.ballot_choices(round_, resident) == {needs[1].pk: None}

    def test_publishing_commits_the_box_and_the_results_count_every_ballot(
        self, ward, staff, make_round, needs
    ):
        from commonweal.testing.place_world import make_resident

        round_ = make_round(opens_in_days=-9, closes_in_days=7)
        for n in range(3):
            cast(round_, make_resident(ward, f"Voter {n}"), needs[0], needs[2])
        cast(round_, make_resident(ward, "Voter 3"), needs[1])
        services.round_close(round_=round_, actor=staff, reason="Ended early")
        assert (
            box_selectors.waiting_count(ballot_box.box(round_.pk)) == 4
        )  # on_commit does not run here
        services.round_publish(round_=round_, actor=staff, reason="Counted")
        assert box_selectors.waiting_count(ballot_box.box(round_.pk)) == 0
        results = selectors.round_results(round_)
        assert results.ballots == 4
        assert {need.title: standing.points for need, standing in results.standings} == {
            needs[0].title: 3,
            needs[2].title: 3,
            needs[1].title: 1,
        }

    def test_closing_commits_every_waiting_ballot(
        self, django_capture_on_commit_callbacks, resident, staff, make_round, needs
    ):
        round_ = make_round()
        cast(round_, resident, needs[0])
        with django_capture_on_commit_callbacks(execute=True):
            services.round_close(round_=round_, actor=staff, reason="Ended early")
        assert not PendingBallot.objects.exists() and Ballot.objects.count() == 1


class TestSelfDeclared:
    def test_the_form_offers_the_stronger_check_first_and_names_the_weakest(
        self, sign_in, staff, riverside
    ):
        page = (
            sign_in(staff)
            .get(reverse("priorities:create", kwargs={"place_pk": riverside.pk}))
            .content.decode()
        )
        order = [
            page.index(text)
            for text in (
                "Citizen commissioners",
                "Self-declared: the weakest check",
                "Anyone with an account",
            )
        ]
        assert order == sorted(order)
        assert "nobody checks it" in page

    def test_a_residents_round_says_so_on_its_page_and_with_its_results(self, client, make_round):
        round_ = make_round()
        assert (
            "Eligibility is self-declared: the weakest check."
            in client.get(round_.get_absolute_url()).content.decode()
        )
        published = make_round(status=PriorityRound.Status.PUBLISHED, title="Done")
        assert (
            "Eligibility was self-declared: the weakest check."
            in client.get(published.get_absolute_url()).content.decode()
        )
        commissioners = make_round(
            eligibility=PriorityRound.Eligibility.CITIZEN_COMMISSIONERS, title="Chosen"
        )
        assert "self-declared" not in client.get(commissioners.get_absolute_url()).content.decode()

    def test_the_round_page_says_how_votes_are_kept_secret(self, client, make_round):
        assert (
            "How your vote is kept secret"
            in client.get(make_round().get_absolute_url()).content.decode()
        )


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_old_ballots_to_keys_and_keeps_the_count(
    riverside, council, needs, staff
):
    executor = MigrationExecutor(connection)
    executor.migrate([("priorities", "0001_initial")])
    old = executor.loader.project_state([("priorities", "0001_initial")]).apps
    OldRound, OldBallot, Choice = (
        old.get_model("priorities", name) for name in ("Round", "Ballot", "BallotChoice")
    )
    from django.utils import timezone

    round_ = OldRound.objects.create(
        place_id=riverside.pk,
        run_by_id=council.pk,
        title="Old",
        method="borda",
        eligibility="residents",
        status="closed",
        opens_at=timezone.now(),
        closes_at=timezone.now(),
    )
    round_.needs.set([need.pk for need in needs])
    voters = [UserFactory() for _ in range(3)]
    for voter, ranking in zip(voters, [(0, 1, 2), (0, 2), (1,)], strict=True):
        ballot = OldBallot.objects.create(round_id=round_.pk, voter_id=voter.pk)
        for rank, index in enumerate(ranking, start=1):
            Choice.objects.create(ballot=ballot, need_id=needs[index].pk, rank=rank)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    moved = PriorityRound.objects.get(pk=round_.pk)
    assert Ballot.objects.filter(round=moved).count() == 3
    assert set(Participation.objects.filter(round=moved).values_list("person_id", flat=True)) == {
        v.pk for v in voters
    }
    assert selectors.ballot_choices(moved, voters[1]) == {needs[0].pk: 1, needs[2].pk: 2}
    assert selectors.ballot_choices(moved, voters[2]) == {needs[1].pk: 1}
    points = {
        need.title: standing.points for need, standing in selectors.round_results(moved).standings
    }
    # Borda over three needs: 1st is 2 points, 2nd 1, 3rd 0.
    assert points == {needs[0].title: 4, needs[1].title: 3, needs[2].title: 1}


def test_the_voting_service_itself_refuses_an_unconfirmed_address(resident, make_round, needs):
    """Whatever page or endpoint calls it: the address must be confirmed before a ballot goes in the box."""
    from commonweal.accounts.models import User
    from commonweal.accounts.permissions import EmailNotConfirmed

    round_ = make_round()
    User.objects.filter(pk=resident.pk).update(email_confirmed_at=None)
    resident.refresh_from_db()
    with pytest.raises(EmailNotConfirmed):
        cast(round_, resident, needs[0])
    assert (
        not PendingBallot.objects.exists()
        and not Participation.objects.filter(round=round_).exists()
    )
