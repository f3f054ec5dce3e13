"""Services: who may vote by each method, ballot limits, changing a ballot, paper ballots, privacy, counting."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import models as dj_models

from commonweal.accounts.models import User
from commonweal.core.models import AuditEntry
from commonweal.participation import permissions, services, services_counting, services_voting
from commonweal.participation.models import (
    Ballot,
    BudgetRound,
    Count,
    EligibilityEntry,
    InvitationCode,
    Participation,
    Project,
    Verification,
)
from commonweal.participation.tests.conftest import cast_ballots, make_resident, project_pk
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
R = BudgetRound


def vote(round_, voter, *titles, **marks):
    chosen = {project_pk(round_, t): 1 for t in titles}
    chosen.update({project_pk(round_, t.replace("_", " ")): v for t, v in marks.items()})
    return services_voting.ballot_cast(round_=round_, voter=voter, marks=chosen, age_confirmed=True)


def error_text(excinfo) -> str:
    return " ".join(excinfo.value.messages)


class TestEligibility:
    def test_residents_of_the_place_or_a_place_in_it_may_vote(
        self, make_round, resident, elsewhere, stranger
    ):
        round_ = make_round()
        assert permissions.can_vote(resident, round_)
        assert not permissions.can_vote(stranger, round_)
        assert not permissions.can_vote(make_resident(elsewhere), round_)

    def test_an_eligibility_list_matches_email_addresses_and_keeps_only_hashes(
        self, make_round, staff, stranger
    ):
        round_ = make_round(verification=R.Verification.LIST)
        assert not permissions.can_vote(stranger, round_)
        services.eligibility_list_upload(
            round_=round_, actor=staff, text=f"email\n{stranger.email.upper()}\nREF-001\n"
        )
        assert permissions.can_vote(stranger, round_)
        stored = list(EligibilityEntry.objects.values_list("digest", flat=True))
        assert len(stored) == 2 and all(stranger.email not in d and "REF" not in d for d in stored)
        round_.refresh_from_db()
        assert round_.eligibility_list_size == 2

    def test_a_reference_number_on_the_list_works_once(self, make_round, staff):
        round_ = make_round(verification=R.Verification.LIST)
        services.eligibility_list_upload(round_=round_, actor=staff, text="REF-001\nREF-002\n")
        first, second = UserFactory(), UserFactory()
        assert not permissions.can_vote(first, round_)
        services.reference_use(round_=round_, person=first, reference=" ref-001 ")
        assert permissions.can_vote(first, round_)
        with pytest.raises(ValidationError) as excinfo:
            services.reference_use(round_=round_, person=second, reference="REF-001")
        assert "already been used" in error_text(excinfo)

    def test_a_bad_eligibility_list_is_refused_by_row_and_nothing_is_saved(self, make_round, staff):
        round_ = make_round(verification=R.Verification.LIST)
        with pytest.raises(ValidationError) as excinfo:
            services.eligibility_list_upload(
                round_=round_,
                actor=staff,
                text="email\nok@example.org\nnot-an-email@\nok@example.org\na,b\n",
            )
        messages = excinfo.value.message_dict["file"]
        assert messages == [
            "Row 3: “not-an-email@” is not a valid email address.",
            "Row 4: this is the same as row 2.",
            "Row 5: put one email address or reference number on each row.",
        ]
        assert not EligibilityEntry.objects.exists()

    def test_invitation_codes_are_shown_once_stored_hashed_and_used_once(self, make_round, staff):
        round_ = make_round(verification=R.Verification.CODE)
        codes = services.invitation_codes_create(round_=round_, actor=staff, count=3)
        assert len(set(codes)) == 3
        assert not InvitationCode.objects.filter(digest__in=codes).exists()
        person, other = UserFactory(), UserFactory()
        assert not permissions.can_vote(person, round_)
        services.invitation_code_use(
            round_=round_, person=person, code=codes[0].lower().replace("-", " ")
        )
        assert permissions.can_vote(person, round_)
        with pytest.raises(ValidationError) as excinfo:
            services.invitation_code_use(round_=round_, person=other, code=codes[0])
        assert "already been used" in error_text(excinfo)
        with pytest.raises(ValidationError):
            services.invitation_code_use(round_=round_, person=other, code="NOPE-NOPE")
        assert not permissions.can_vote(other, round_)

    def test_an_officer_can_check_a_person(self, make_round, staff, stranger):
        round_ = make_round(verification=R.Verification.OFFICER)
        assert not permissions.can_vote(stranger, round_)
        with pytest.raises(ValidationError):
            services.person_verify(round_=round_, actor=staff, email=stranger.email, reason="")
        services.person_verify(
            round_=round_, actor=staff, email=stranger.email, reason="Saw a council tax bill"
        )
        assert permissions.can_vote(stranger, round_)
        assert Verification.objects.get(person=stranger).verified_by == staff

    def test_the_voter_must_confirm_their_age(self, make_round, resident):
        round_ = make_round(minimum_age=16)
        with pytest.raises(ValidationError) as excinfo:
            services_voting.ballot_cast(
                round_=round_,
                voter=resident,
                marks={project_pk(round_, "Street trees"): 1},
                age_confirmed=False,
            )
        assert "16 or older" in error_text(excinfo)
        assert not cast_ballots().exists() and not Participation.objects.exists()


class TestBallotLimits:
    def test_approval_minimum_maximum_and_budget(self, make_round, resident):
        round_ = make_round(min_projects=2, max_projects=3, within_budget=True)
        with pytest.raises(ValidationError, match="Choose at least 2 projects. You chose 1."):
            vote(round_, resident, "Street trees")
        with pytest.raises(ValidationError, match="Choose no more than 3 projects. You chose 4."):
            vote(
                round_,
                resident,
                "Street trees",
                "Benches by the river",
                "Youth club kit",
                "Community fridge",
            )
        with pytest.raises(
            ValidationError, match="cost £12,000.00, which is more than the budget of £10,000.00"
        ):
            vote(round_, resident, "Street trees", "Benches by the river", "Youth club kit")
        vote(round_, resident, "Street trees", "Youth club kit")
        assert cast_ballots().get().marks == {
            str(project_pk(round_, "Street trees")): 1,
            str(project_pk(round_, "Youth club kit")): 1,
        }

    def test_choose_one_takes_exactly_one(self, make_round, resident):
        round_ = make_round(ballot_type=R.BallotType.CHOOSE_ONE)
        with pytest.raises(ValidationError, match="Choose only one project."):
            vote(round_, resident, "Street trees", "Youth club kit")
        vote(round_, resident, "Street trees")

    def test_cumulative_points_total_and_most_per_project(self, make_round, resident):
        round_ = make_round(
            ballot_type=R.BallotType.CUMULATIVE, points_total=10, points_max_per_project=6
        )
        with pytest.raises(ValidationError, match="Give it 6 points or fewer"):
            vote(round_, resident, Street_trees=7)
        with pytest.raises(
            ValidationError, match="You gave out 11 points. You have 10 points to share out."
        ):
            vote(round_, resident, Street_trees=6, Youth_club_kit=5)
        vote(round_, resident, Street_trees=6, Youth_club_kit=4)
        assert sorted(cast_ballots().get().marks.values()) == [4, 6]

    def test_ranked_ranks_start_at_one_without_gaps_or_repeats(self, make_round, resident):
        round_ = make_round(ballot_type=R.BallotType.RANKED, ranks=2)
        with pytest.raises(ValidationError, match="different rank"):
            vote(round_, resident, Street_trees=1, Youth_club_kit=1)
        with pytest.raises(ValidationError, match="no gaps"):
            vote(round_, resident, Street_trees=1, Youth_club_kit=3)
        with pytest.raises(ValidationError, match="Rank no more than 2 projects."):
            vote(round_, resident, Street_trees=1, Youth_club_kit=2, Community_fridge=3)
        vote(round_, resident, Street_trees=2, Youth_club_kit=1)

    def test_projects_not_on_the_ballot_are_refused(self, make_round, resident):
        round_ = make_round()
        rejected = Project.objects.create(
            round=round_, title="Rejected idea", cost=1, status=Project.Status.REJECTED
        )
        with pytest.raises(ValidationError, match="Choose projects from this round."):
            services_voting.ballot_cast(
                round_=round_, voter=resident, marks={rejected.pk: 1}, age_confirmed=True
            )


class TestChangingAndPaper:
    def test_a_voter_changes_their_ballot_and_still_has_one(self, make_round, resident):
        round_ = make_round()
        vote(round_, resident, "Street trees")
        vote(round_, resident, "Youth club kit", "Benches by the river")
        assert cast_ballots().count() == 1 and Participation.objects.count() == 1
        assert set(cast_ballots().get().marks) == {
            str(project_pk(round_, "Youth club kit")),
            str(project_pk(round_, "Benches by the river")),
        }

    def test_no_voting_outside_the_voting_phase(self, make_round, resident):
        for status in (R.Status.DRAFT, R.Status.PROPOSALS, R.Status.CLOSED, R.Status.PUBLISHED):
            round_ = make_round(status=status)
            with pytest.raises(ValidationError, match="not open for voting"):
                vote(round_, resident, "Street trees")

    def test_a_paper_voter_cannot_vote_online_and_an_online_voter_cannot_vote_on_paper(
        self, make_round, staff, resident, ward
    ):
        round_ = make_round()
        trees = {project_pk(round_, "Street trees"): 1}
        services_voting.paper_ballot_enter(
            round_=round_, actor=staff, marks=trees, batch="BOX-1", voter_email=resident.email
        )
        with pytest.raises(ValidationError, match="already voted on paper"):
            vote(round_, resident, "Youth club kit")
        online = make_resident(ward, "Olive Online")
        vote(round_, online, "Street trees")
        with pytest.raises(ValidationError) as excinfo:
            services_voting.paper_ballot_enter(
                round_=round_, actor=staff, marks=trees, batch="BOX-1", voter_email=online.email
            )
        assert "already voted" in error_text(excinfo)
        services_voting.paper_ballot_enter(round_=round_, actor=staff, marks=trees, batch="BOX-2")
        assert cast_ballots().filter(source=Ballot.Source.PAPER).count() == 2
        assert cast_ballots().filter(source=Ballot.Source.ONLINE).count() == 1
        assert sorted(Participation.objects.values_list("channel", flat=True)) == [
            "online",
            "paper",
        ]

    def test_a_paper_ballot_needs_a_batch_and_keeps_to_the_limits(self, make_round, staff):
        round_ = make_round(max_projects=1)
        with pytest.raises(ValidationError) as excinfo:
            services_voting.paper_ballot_enter(
                round_=round_, actor=staff, batch="", marks={project_pk(round_, "Street trees"): 1}
            )
        assert "batch" in excinfo.value.message_dict
        with pytest.raises(ValidationError, match="no more than 1 project"):
            services_voting.paper_ballot_enter(
                round_=round_,
                actor=staff,
                batch="B",
                marks={
                    project_pk(round_, "Street trees"): 1,
                    project_pk(round_, "Youth club kit"): 1,
                },
            )


class TestPrivacy:
    def test_no_path_from_a_participation_to_a_ballot(self):
        def related(model):
            return {f.related_model for f in model._meta.get_fields() if f.is_relation}

        assert related(Ballot) == {BudgetRound}
        assert Ballot not in related(Participation) and Ballot not in related(User)
        assert Participation not in related(Ballot)
        # No time stamp and no counting number to line a ballot up with a participation.
        assert not any(
            isinstance(f, (dj_models.DateTimeField, dj_models.DateField))
            for f in Ballot._meta.fields
        )
        assert isinstance(Ballot._meta.pk, dj_models.UUIDField)

    def test_ballots_are_not_in_the_audit_trail_but_taking_part_is(self, make_round, resident):
        round_ = make_round()
        vote(round_, resident, "Street trees")
        ballot = cast_ballots().get()
        assert AuditEntry.objects.filter(model="participation.participation").count() == 1
        assert not AuditEntry.objects.filter(model="participation.ballot").exists()
        assert not AuditEntry.objects.filter(object_id=str(ballot.pk)).exists()
        stored = [str(v) for v in Participation.objects.values_list(flat=True)]
        assert ballot.key not in stored and str(ballot.pk) not in stored


class TestCounting:
    def close_with_votes(self, make_round, ward, staff, **fields):
        round_ = make_round(rule=R.Rule.GREEDY, **fields)
        votes = [["Benches by the river", "Youth club kit", "Street trees"]] * 2 + [
            ["Benches by the river", "Youth club kit"],
            ["Benches by the river", "Community fridge"],
        ]
        for n, titles in enumerate(votes):
            vote(round_, make_resident(ward, f"Voter {n}"), *titles)
        services.round_move(round_=round_, actor=staff, to=R.Status.CLOSED)
        return round_

    def test_greedy_skips_what_no_longer_fits(self, make_round, ward, staff):
        # Supporters: benches 4, youth club 3, trees 2, fridge 1. Benches and youth club cost 8,000 of 10,000;
        # trees (4,000) no longer fit; the fridge (2,000) does.
        round_ = self.close_with_votes(make_round, ward, staff)
        count = services_counting.round_count(round_=round_, actor=staff)
        titles = [Project.objects.get(pk=pk).title for pk in count.selected]
        assert titles == ["Benches by the river", "Youth club kit", "Community fridge"]
        assert count.ballots == 4 and count.counted_by == staff
        assert count.votes[str(project_pk(round_, "Street trees"))] == 2

    def test_counting_needs_voting_closed_and_publishing_needs_a_count(
        self, make_round, ward, staff
    ):
        open_round = make_round()
        with pytest.raises(ValidationError, match="Close voting"):
            services_counting.round_count(round_=open_round, actor=staff)
        closed = self.close_with_votes(make_round, ward, staff)
        with pytest.raises(ValidationError, match="Count the votes"):
            services_counting.round_publish(round_=closed, actor=staff)

    def test_results_are_hidden_until_published(self, make_round, ward, staff, resident):
        round_ = self.close_with_votes(make_round, ward, staff)
        services_counting.round_count(round_=round_, actor=staff)
        assert not permissions.can_see_results(staff, round_)
        # Nor does the audit trail give the numbers away.
        entry = AuditEntry.objects.get(model="participation.count")
        assert not {"votes", "selected", "details"} & set(entry.after)
        services_counting.round_publish(round_=round_, actor=staff)
        assert permissions.can_see_results(resident, round_)

    def test_a_recount_after_publishing_needs_a_recorded_reason(self, make_round, ward, staff):
        round_ = self.close_with_votes(make_round, ward, staff)
        services_counting.round_count(round_=round_, actor=staff)
        services_counting.round_publish(round_=round_, actor=staff)
        with pytest.raises(ValidationError) as excinfo:
            services_counting.round_count(
                round_=round_, actor=staff, rule="mes", satisfaction="cost", completion="add1"
            )
        assert "Say why you are counting again" in error_text(excinfo)
        assert Count.objects.count() == 1
        services_counting.round_count(
            round_=round_,
            actor=staff,
            rule="mes",
            satisfaction="cost",
            completion="add1",
            reason="The council agreed to use equal shares",
        )
        assert Count.objects.count() == 2
        assert AuditEntry.objects.filter(
            model="participation.count", reason="The council agreed to use equal shares"
        ).exists()
        round_.refresh_from_db()
        assert round_.rule == "mes"

    def test_ranked_ballots_are_counted_with_borda_points(self, make_round, ward, staff):
        # Ranks give k-1, k-2, ... 0 points: youth club 2+1 = 3, trees 1, the rest 0. Greedy by points per
        # pound: youth club (£5,000) then trees (£4,000); £1,000 is left, which fits nothing else.
        round_ = make_round(rule=R.Rule.GREEDY, ballot_type=R.BallotType.RANKED)
        vote(
            round_,
            make_resident(ward, "A"),
            Youth_club_kit=1,
            Street_trees=2,
            Benches_by_the_river=3,
        )
        vote(round_, make_resident(ward, "B"), Youth_club_kit=1, Community_fridge=2)
        services.round_move(round_=round_, actor=staff, to=R.Status.CLOSED)
        count = services_counting.round_count(round_=round_, actor=staff)
        assert count.satisfaction == "borda"
        assert [Project.objects.get(pk=pk).title for pk in count.selected] == [
            "Youth club kit",
            "Street trees",
        ]

    def test_points_ballots_are_counted_by_points(self, make_round, ward, staff):
        # Points per pound: fridge 4/2,000, benches 5/3,000, trees 6/4,000; youth club none and no longer fits.
        round_ = make_round(
            rule=R.Rule.GREEDY, ballot_type=R.BallotType.CUMULATIVE, points_total=10
        )
        vote(round_, make_resident(ward, "A"), Street_trees=6, Community_fridge=4)
        vote(round_, make_resident(ward, "B"), Benches_by_the_river=5)
        services.round_move(round_=round_, actor=staff, to=R.Status.CLOSED)
        count = services_counting.round_count(round_=round_, actor=staff)
        assert count.satisfaction == "cardinal"
        assert [Project.objects.get(pk=pk).title for pk in count.selected] == [
            "Community fridge",
            "Benches by the river",
            "Street trees",
        ]
        assert count.votes[str(project_pk(round_, "Street trees"))] == 6

    def test_a_satisfaction_that_does_not_fit_the_ballot_is_refused(self, make_round, staff):
        round_ = make_round(status=R.Status.CLOSED)
        with pytest.raises(ValidationError) as excinfo:
            services_counting.round_count(round_=round_, actor=staff, satisfaction="borda")
        assert excinfo.value.message_dict["satisfaction"] == [
            "For this kind of ballot, choose cost or cardinality satisfaction."
        ]


class TestPhases:
    def test_phases_only_move_forward_and_voting_needs_projects(self, make_round, staff):
        round_ = make_round(status=R.Status.DRAFT, projects=[])
        with pytest.raises(ValidationError, match="Accept at least one project"):
            services.round_move(round_=round_, actor=staff, to=R.Status.VOTING)
        services.round_move(round_=round_, actor=staff, to=R.Status.PROPOSALS)
        with pytest.raises(ValidationError, match="later phase"):
            services.round_move(round_=round_, actor=staff, to=R.Status.DRAFT)

    def test_a_proposal_is_reviewed_with_a_public_reason(self, make_round, staff, resident):
        round_ = make_round(status=R.Status.PROPOSALS, projects=[])
        project = services.project_propose(
            round_=round_,
            actor=resident,
            title="Play area",
            description="Swings",
            cost=Decimal("4000"),
        )
        assert project.status == Project.Status.PROPOSED
        with pytest.raises(ValidationError):
            services.project_review(project=project, actor=staff, status="rejected", reason="")
        services.project_review(
            project=project, actor=staff, status="rejected", reason="The land is not ours"
        )
        project.refresh_from_db()
        assert project.review_reason == "The land is not ours"

    def test_ballot_settings_are_fixed_once_voting_starts(self, make_round, staff):
        round_ = make_round()
        with pytest.raises(ValidationError):
            services.round_update(round_=round_, actor=staff, max_projects=1)
        services.round_update(round_=round_, actor=staff, title="A new title")
