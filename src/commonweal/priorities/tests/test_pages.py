"""The list and a round's page: who sees what, and results hidden until published."""

import pytest
from django.urls import reverse

from commonweal.priorities.ballot_box import ballot_key
from commonweal.priorities.models import Ballot, PriorityRound
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def vote(round_, user, *needs_and_ranks):
    """A ballot as the ballot box commits it: under the voter's key, with no link to them."""
    Ballot.objects.create(
        round=round_,
        key=ballot_key(round_.pk, user.pk),
        marks={str(need.pk): rank for need, rank in needs_and_ranks},
    )


class TestList:
    def test_anyone_sees_rounds_that_are_not_drafts(self, client, make_round):
        make_round(title="Open round")
        make_round(title="Secret draft", status=PriorityRound.Status.DRAFT)
        content = client.get(reverse("priorities:list")).content.decode()
        assert "Open round" in content
        assert "Secret draft" not in content
        assert reverse("priorities:create-place") not in content

    def test_staff_for_the_place_see_their_drafts_and_can_set_up_a_round(
        self, sign_in, staff, make_round
    ):
        make_round(title="Secret draft", status=PriorityRound.Status.DRAFT)
        content = sign_in(staff).get(reverse("priorities:list")).content.decode()
        assert "Secret draft" in content
        assert reverse("priorities:create-place") in content

    def test_staff_of_another_place_do_not_see_the_draft(self, sign_in, other_staff, make_round):
        make_round(title="Secret draft", status=PriorityRound.Status.DRAFT)
        assert (
            "Secret draft"
            not in sign_in(other_staff).get(reverse("priorities:list")).content.decode()
        )


class TestRoundPage:
    def test_the_public_read_the_round_method_eligibility_and_needs(
        self, client, make_round, needs
    ):
        round_ = make_round(method=PriorityRound.Method.BORDA)
        content = client.get(round_.get_absolute_url()).content.decode()
        assert round_.title in content and "Riverside Council" in content
        assert (
            "Borda count" in content and "A need a person does not rank gets no points" in content
        )
        assert "Residents of Riverside or a place in it" in content
        for need in needs:
            assert need.get_absolute_url() in content
        assert "Sign in to take part" in content

    def test_the_borda_count_agrees_with_its_numbers(self, client, make_round, needs):
        round_ = make_round(method=PriorityRound.Method.BORDA)
        content = client.get(round_.get_absolute_url()).content.decode()
        assert "This round has 3 needs." in content
        assert "their 1st choice gets 2 points, their 2nd choice" in content
        round_.needs.set(needs[:2])
        content = client.get(round_.get_absolute_url()).content.decode()
        assert "This round has 2 needs." in content
        assert "their 1st choice gets 1 point, their 2nd choice" in content

    def test_an_unknown_round_is_not_found(self, client):
        assert client.get(reverse("priorities:round", kwargs={"pk": 9999})).status_code == 404

    @pytest.mark.parametrize("who", [None, "stranger", "resident", "other_staff"])
    def test_a_draft_is_refused_to_all_but_its_staff(
        self, client, sign_in, make_round, request, who
    ):
        round_ = make_round(status=PriorityRound.Status.DRAFT, title="Secret draft")
        if who:
            client = sign_in(request.getfixturevalue(who))
        response = client.get(round_.get_absolute_url())
        assert response.status_code == 403
        assert "Secret draft" not in response.content.decode()

    def test_staff_see_their_draft_and_how_to_open_it(self, sign_in, staff, make_round):
        round_ = make_round(status=PriorityRound.Status.DRAFT)
        content = sign_in(staff).get(round_.get_absolute_url()).content.decode()
        assert reverse("priorities:open", kwargs={"pk": round_.pk}) in content

    def test_an_ineligible_person_is_told_why(self, sign_in, stranger, make_round):
        content = sign_in(stranger).get(make_round().get_absolute_url()).content.decode()
        assert "Your account does not show you as a resident of Riverside" in content
        assert "Vote</a>" not in content

    def test_an_eligible_resident_is_invited_to_vote(self, sign_in, resident, make_round):
        round_ = make_round()
        content = sign_in(resident).get(round_.get_absolute_url()).content.decode()
        assert reverse("priorities:vote", kwargs={"pk": round_.pk}) in content


class TestResultsHiddenUntilPublished:
    @pytest.mark.parametrize("status", [PriorityRound.Status.OPEN, PriorityRound.Status.CLOSED])
    def test_nobody_sees_counts_before_publishing_not_even_staff(
        self, client, sign_in, staff, make_round, needs, status
    ):
        round_ = make_round(status=status)
        vote(round_, UserFactory(), (needs[0], None))
        for viewer in (client, sign_in(staff)):
            content = viewer.get(round_.get_absolute_url()).content.decode()
            assert "Results" not in content and "Approvals" not in content
            assert "1 person voted" not in content

    def test_published_results_show_method_ballots_and_positions(self, client, make_round, needs):
        round_ = make_round(
            status=PriorityRound.Status.PUBLISHED,
            method=PriorityRound.Method.BORDA,
            closes_in_days=-1,
        )
        voter_a, voter_b = UserFactory(), UserFactory()
        # 3 needs: 1st gets 2 points, 2nd 1, 3rd 0.
        vote(round_, voter_a, (needs[2], 1), (needs[0], 2))
        vote(round_, voter_b, (needs[2], 1))
        content = client.get(round_.get_absolute_url()).content.decode()
        assert "2 people voted" in content
        assert "Borda count" in content
        rows = content.split("<tbody")[1]
        # No youth club 4, Rough sleeping 1, Lonely older people 0, in that order.
        assert (
            rows.index("No youth club")
            < rows.index("Rough sleeping")
            < rows.index("Lonely older people")
        )
        assert ">4</td>" in rows and ">1</td>" in rows
        assert voter_a.full_name not in content and voter_a.email not in content
