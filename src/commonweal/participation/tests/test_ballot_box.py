"""Community budget ballots go through the ballot box: never written in the voter's transaction, seen and
changed by the voter while they wait, all of them counted, and the officer told when a round's voters
only said where they live."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commonweal.ballots import selectors as box_selectors
from commonweal.ballots import services as ballot_box
from commonweal.ballots.models import PendingBallot
from commonweal.core.models import AuditEntry
from commonweal.participation import keys, selectors, services, services_counting, services_voting
from commonweal.participation.models import Ballot, BudgetRound
from commonweal.participation.tests.conftest import make_resident, project_pk

pytestmark = pytest.mark.django_db
R = BudgetRound


def vote(round_, voter, *titles):
    return services_voting.ballot_cast(
        round_=round_,
        voter=voter,
        age_confirmed=True,
        marks={project_pk(round_, t): 1 for t in titles},
    )


def titles(round_, marks) -> set[str]:
    return {round_.projects.get(pk=int(pk)).title for pk in marks}


class TestWaitingInTheBox:
    def test_a_vote_writes_no_ballot_only_a_sealed_waiting_one(self, make_round, resident):
        round_ = make_round()
        vote(round_, resident, "Street trees")
        assert not Ballot.objects.exists()
        waiting = PendingBallot.objects.get()
        assert waiting.box == keys.box(round_.pk)
        sealed = bytes(waiting.sealed)
        assert keys.ballot_key(round_.pk, resident.pk).encode() not in sealed
        assert (
            b"marks" not in sealed
            and f'"{project_pk(round_, "Street trees")}": 1'.encode() not in sealed
        )

    def test_the_voter_sees_and_changes_their_waiting_ballot_and_then_their_committed_one(
        self, sign_in, make_round, resident
    ):
        round_ = make_round()
        client = sign_in(resident)
        trees, fridge = project_pk(round_, "Street trees"), project_pk(round_, "Community fridge")
        client.post(
            reverse("participation:vote", kwargs={"pk": round_.pk}),
            {"projects": [trees], "age_confirmed": "on", "confirm": "yes"},
        )
        page = client.get(reverse("participation:voted", kwargs={"pk": round_.pk})).content.decode()
        assert "Street trees" in page and "Community fridge" not in page
        booth = client.get(reverse("participation:vote", kwargs={"pk": round_.pk})).content.decode()
        assert f'value="{trees}" checked' in booth
        client.post(
            reverse("participation:vote", kwargs={"pk": round_.pk}),
            {"projects": [fridge], "age_confirmed": "on", "confirm": "yes"},
        )
        assert PendingBallot.objects.count() == 1
        assert titles(round_, selectors.own_ballot(round_, resident).marks) == {"Community fridge"}
        ballot_box.box_flush(box=keys.box(round_.pk), force=True)
        assert titles(round_, selectors.own_ballot(round_, resident).marks) == {"Community fridge"}
        page = client.get(reverse("participation:voted", kwargs={"pk": round_.pk})).content.decode()
        assert "Community fridge" in page
        # Changed again after it was committed: the next batch replaces it, still one ballot.
        vote(round_, resident, "Youth club kit")
        assert titles(round_, selectors.own_ballot(round_, resident).marks) == {"Youth club kit"}
        ballot_box.box_flush(box=keys.box(round_.pk), force=True)
        assert Ballot.objects.count() == 1
        assert titles(round_, Ballot.objects.get().marks) == {"Youth club kit"}

    def test_the_api_reads_the_waiting_ballot(self, make_round, resident):
        from rest_framework.test import APIClient

        round_ = make_round()
        vote(round_, resident, "Street trees")
        api = APIClient()
        api.force_authenticate(resident)
        body = api.get(reverse("api:budget-my-ballot", kwargs={"pk": round_.pk})).json()
        assert body["projects"] == {str(project_pk(round_, "Street trees")): 1}


def test_staff_see_how_many_ballots_wait_in_the_box_and_nobody_sees_what_they_say(
    sign_in, make_round, resident, staff
):
    round_ = make_round()
    vote(round_, resident, "Street trees")
    page = sign_in(staff).get(round_.get_absolute_url()).content.decode()
    assert "1 more ballot is waiting in the ballot box." in page


class TestCommittingInBatches:
    def test_a_batch_is_committed_only_when_big_enough_with_new_ids_and_one_audit_entry(
        self, settings, make_round, ward
    ):
        settings.BALLOT_BOX_MIN_BATCH, settings.BALLOT_BOX_MIN_WAIT_SECONDS = 3, 0
        round_ = make_round()
        voters = [make_resident(ward, f"Voter {n}") for n in range(3)]
        vote(round_, voters[0], "Street trees")
        vote(round_, voters[1], "Youth club kit")
        assert ballot_box.box_flush(box=keys.box(round_.pk)) == 0
        vote(round_, voters[2], "Street trees", "Community fridge")
        assert ballot_box.box_flush(box=keys.box(round_.pk)) == 3
        assert not PendingBallot.objects.exists()
        ballots = list(Ballot.objects.all())
        assert {b.key for b in ballots} == {keys.ballot_key(round_.pk, v.pk) for v in voters}
        assert all(b.pk.version == 4 for b in ballots)  # random ids
        [entry] = AuditEntry.objects.filter(action="ballots_committed")
        assert entry.object_id == str(round_.pk) and "3 ballots committed" in entry.reason
        trail = " ".join(str([e.before, e.after, e.reason]) for e in AuditEntry.objects.all())
        assert not any(b.key in trail or str(b.pk) in trail for b in ballots)

    def test_closing_voting_commits_every_waiting_ballot_however_few(
        self, django_capture_on_commit_callbacks, make_round, resident, staff
    ):
        round_ = make_round()
        vote(round_, resident, "Street trees")
        with django_capture_on_commit_callbacks(execute=True):
            services.round_move(round_=round_, actor=staff, to=R.Status.CLOSED)
        assert not PendingBallot.objects.exists() and Ballot.objects.count() == 1


class TestCounting:
    def test_counting_commits_the_box_first_and_counts_every_ballot_cast(
        self, make_round, ward, staff
    ):
        round_ = make_round(rule=R.Rule.GREEDY)
        for n in range(4):
            vote(round_, make_resident(ward, f"Voter {n}"), "Benches by the river")
        services.round_move(round_=round_, actor=staff, to=R.Status.CLOSED)
        assert (
            box_selectors.waiting_count(keys.box(round_.pk)) == 4
        )  # on_commit does not run in this test
        count = services_counting.round_count(round_=round_, actor=staff)
        assert (
            count.ballots == 4 and count.votes[str(project_pk(round_, "Benches by the river"))] == 4
        )
        assert box_selectors.waiting_count(keys.box(round_.pk)) == 0

    def test_publishing_waits_for_ballots_that_arrived_after_the_count(
        self, make_round, ward, staff
    ):
        round_ = make_round(rule=R.Rule.GREEDY)
        vote(round_, make_resident(ward, "Early voter"), "Street trees")
        services.round_move(round_=round_, actor=staff, to=R.Status.CLOSED)
        services_counting.round_count(round_=round_, actor=staff)
        late = make_resident(ward, "Late paper voter")
        services_voting.paper_ballot_enter(
            round_=round_,
            actor=staff,
            batch="BOX-9",
            voter_email=late.email,
            marks={project_pk(round_, "Street trees"): 1},
        )
        with pytest.raises(ValidationError, match="Count the votes again"):
            services_counting.round_publish(round_=round_, actor=staff)
        assert services_counting.round_count(round_=round_, actor=staff).ballots == 2
        services_counting.round_publish(round_=round_, actor=staff)
        assert R.objects.get(pk=round_.pk).status == R.Status.PUBLISHED


class TestSelfDeclared:
    def test_the_form_offers_the_stronger_checks_first_and_names_the_weakest(self, sign_in, staff):
        page = sign_in(staff).get(reverse("participation:create")).content.decode()
        order = [
            page.index(text)
            for text in (
                "An uploaded list",
                "One-use codes",
                "An officer",
                "Self-declared: the weakest check",
            )
        ]
        assert order == sorted(order)
        assert "nobody checks it" in page

    def test_the_round_and_its_results_say_eligibility_was_self_declared(
        self, client, make_round, ward, staff
    ):
        from commonweal.participation.tests.test_pages import publish

        round_ = make_round(verification=R.Verification.RESIDENT_ROLE)
        assert (
            "Eligibility is self-declared: the weakest check."
            in client.get(round_.get_absolute_url()).content.decode()
        )
        publish(round_, staff, ward)
        results = client.get(
            reverse("participation:results", kwargs={"pk": round_.pk})
        ).content.decode()
        assert "Eligibility was self-declared: the weakest check." in results

    def test_a_round_with_a_real_check_does_not_say_so(self, client, make_round):
        round_ = make_round(verification=R.Verification.LIST)
        assert "self-declared" not in client.get(round_.get_absolute_url()).content.decode()

    def test_the_round_page_says_how_votes_are_kept_secret(self, client, make_round):
        page = client.get(make_round().get_absolute_url()).content.decode()
        assert "How your vote is kept secret" in page
        assert "anyone with a copy or a backup of the database" in page and "secret key" in page


def test_the_voting_service_itself_refuses_an_unconfirmed_address(make_round, ward):
    """Whatever page or endpoint calls it: the address must be confirmed before a ballot goes in the box."""
    from commonweal.accounts.models import User
    from commonweal.accounts.permissions import EmailNotConfirmed
    from commonweal.ballots.models import PendingBallot
    from commonweal.participation import services_voting
    from commonweal.participation.tests.conftest import make_resident, project_pk

    round_ = make_round()
    voter = make_resident(ward, "Una Unconfirmed")
    User.objects.filter(pk=voter.pk).update(email_confirmed_at=None)
    voter.refresh_from_db()
    with pytest.raises(EmailNotConfirmed):
        services_voting.ballot_cast(
            round_=round_,
            voter=voter,
            age_confirmed=True,
            marks={project_pk(round_, "Street trees"): 1},
        )
    assert not PendingBallot.objects.exists() and not round_.participations.exists()
