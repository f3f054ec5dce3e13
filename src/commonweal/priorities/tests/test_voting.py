"""Voting: who may, one ballot a person that they can change while open, and rank checks."""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.needs.models import Need
from commonweal.priorities.ballot_box import ballot_key
from commonweal.priorities.models import PriorityRound
from commonweal.priorities.tests.conftest import cast_ballots
from commonweal.testing.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def vote_url(round_) -> str:
    return reverse("priorities:vote", kwargs={"pk": round_.pk})


def ranks(needs, *values) -> dict:
    return {f"rank_{need.pk}": value for need, value in zip(needs, values, strict=True)}


def stored(round_, user) -> dict:
    """The person's ballot as counted (found by their key once the ballot box has committed it)."""
    ballot = cast_ballots(round_).filter(key=ballot_key(round_.pk, user.pk)).first()
    if ballot is None:
        return {}
    titles = dict(Need.objects.filter(pk__in=ballot.choices()).values_list("pk", "title"))
    return {titles[need_id]: rank for need_id, rank in ballot.choices().items()}


class TestWhoMayVote:
    def test_anonymous_people_are_asked_to_sign_in(self, client, make_round, needs):
        round_ = make_round()
        assert client.get(vote_url(round_)).status_code == 302
        assert client.post(vote_url(round_), {"needs": [needs[0].pk]}).status_code == 302
        assert not cast_ballots().exists()

    @pytest.mark.parametrize("who", ["stranger", "other_staff", "staff"])
    def test_people_who_are_not_residents_are_refused(
        self, sign_in, make_round, needs, request, who
    ):
        round_ = make_round()
        client = sign_in(request.getfixturevalue(who))
        assert client.get(vote_url(round_)).status_code == 403
        assert client.post(vote_url(round_), {"needs": [needs[0].pk]}).status_code == 403
        assert not cast_ballots().exists()

    def test_someone_refused_is_told_why_not_sent_to_an_administrator(
        self, sign_in, make_round, stranger
    ):
        page = sign_in(stranger).get(vote_url(make_round())).content.decode()
        assert "You cannot vote in this round" in page
        assert "This round is for residents of Riverside" in page
        assert "administrator" not in page

    @pytest.mark.parametrize(
        ("round_as", "says"),
        [
            (
                {"closes_in_days": -1},
                "Voting has closed. The results will be shown on the round’s page",
            ),
            ({"status": PriorityRound.Status.CLOSED}, "Voting has closed."),
            ({"opens_in_days": 2}, "Voting opens at"),
            (
                {"status": PriorityRound.Status.PUBLISHED, "closes_in_days": -1},
                "the results are published",
            ),
        ],
    )
    def test_a_booth_that_is_not_open_says_so_and_what_comes_next(
        self, sign_in, resident, make_round, needs, round_as, says
    ):
        round_ = make_round(**round_as)
        client = sign_in(resident)
        response = client.get(vote_url(round_))
        page = response.content.decode()
        assert response.status_code == 403
        assert "Voting is not open" in page and says in page
        assert client.post(vote_url(round_), {"needs": [needs[0].pk]}).status_code == 403
        assert not cast_ballots().exists()

    def test_a_resident_of_a_place_elsewhere_is_refused(
        self, sign_in, make_round, elsewhere, needs
    ):
        person = UserFactory()
        RoleFactory(user=person, organisation=None, place=elsewhere, role=Role.RESIDENT)
        assert (
            sign_in(person).post(vote_url(make_round()), {"needs": [needs[0].pk]}).status_code
            == 403
        )

    def test_a_resident_of_a_ward_inside_the_place_votes(
        self, sign_in, resident, make_round, needs
    ):
        round_ = make_round()
        response = sign_in(resident).post(vote_url(round_), {"needs": [needs[0].pk, needs[2].pk]})
        assert response.status_code == 302
        assert stored(round_, resident) == {
            "Rough sleeping by the river": None,
            "No youth club": None,
        }

    def test_citizen_commissioner_rounds_are_for_citizen_commissioners(
        self, sign_in, resident, ward, make_round, needs
    ):
        round_ = make_round(eligibility=PriorityRound.Eligibility.CITIZEN_COMMISSIONERS)
        assert sign_in(resident).post(vote_url(round_), {"needs": [needs[0].pk]}).status_code == 403
        chosen = UserFactory()
        RoleFactory(user=chosen, organisation=None, place=ward, role=Role.CITIZEN_COMMISSIONER)
        assert sign_in(chosen).post(vote_url(round_), {"needs": [needs[0].pk]}).status_code == 302
        assert stored(round_, chosen) == {"Rough sleeping by the river": None}

    def test_signed_in_rounds_take_anyone_signed_in(self, sign_in, stranger, make_round, needs):
        round_ = make_round(eligibility=PriorityRound.Eligibility.SIGNED_IN)
        assert sign_in(stranger).post(vote_url(round_), {"needs": [needs[0].pk]}).status_code == 302

    @pytest.mark.parametrize(
        "kind", ["draft", "not yet open", "past closing", "closed", "published"]
    )
    def test_voting_outside_the_open_window_is_refused(
        self, sign_in, resident, make_round, needs, kind
    ):
        round_ = {
            "draft": lambda: make_round(status=PriorityRound.Status.DRAFT),
            "not yet open": lambda: make_round(opens_in_days=2),
            "past closing": lambda: make_round(opens_in_days=-9, closes_in_days=-1),
            "closed": lambda: make_round(status=PriorityRound.Status.CLOSED),
            "published": lambda: make_round(status=PriorityRound.Status.PUBLISHED),
        }[kind]()
        client = sign_in(resident)
        assert client.post(vote_url(round_), {"needs": [needs[0].pk]}).status_code == 403
        assert not cast_ballots().exists()


class TestOneBallotEach:
    def test_voting_again_replaces_the_choices(self, sign_in, resident, make_round, needs):
        round_ = make_round()
        client = sign_in(resident)
        client.post(vote_url(round_), {"needs": [needs[0].pk, needs[1].pk]})
        content = client.get(round_.get_absolute_url()).content.decode()
        assert "You have voted. You can change your vote until" in content
        form = client.get(vote_url(round_)).content.decode()
        assert "Change your vote" in form
        assert (
            f'value="{needs[0].pk}" checked' in form
            and f'value="{needs[2].pk}" checked' not in form
        )
        client.post(vote_url(round_), {"needs": [needs[2].pk]})
        assert cast_ballots(round_).count() == 1
        assert stored(round_, resident) == {"No youth club": None}

    def test_choosing_nothing_keeps_the_old_vote_and_says_why(
        self, sign_in, resident, make_round, needs
    ):
        round_ = make_round()
        client = sign_in(resident)
        client.post(vote_url(round_), {"needs": [needs[0].pk]})
        response = client.post(vote_url(round_), {})
        assert response.status_code == 200
        assert "Choose at least one need" in response.content.decode()
        assert stored(round_, resident) == {"Rough sleeping by the river": None}

    def test_a_need_outside_the_round_is_refused(self, sign_in, resident, make_round, riverside):
        from .conftest import make_need

        round_ = make_round()
        outsider = make_need(riverside, "Not in the round")
        response = sign_in(resident).post(vote_url(round_), {"needs": [outsider.pk]})
        assert "Choose needs from this round" in response.content.decode()
        assert not cast_ballots().exists()


class TestBordaRanks:
    @pytest.fixture
    def round_(self, make_round):
        return make_round(method=PriorityRound.Method.BORDA)

    def test_the_form_offers_ranks_and_not_ranked_for_each_need(
        self, sign_in, resident, round_, needs
    ):
        content = sign_in(resident).get(vote_url(round_)).content.decode()
        for need in needs:
            assert f'name="rank_{need.pk}"' in content
        assert (
            ">1st<" in content
            and ">2nd<" in content
            and ">3rd<" in content
            and ">Not ranked<" in content
        )

    def test_a_partial_ranking_is_stored(self, sign_in, resident, round_, needs):
        response = sign_in(resident).post(vote_url(round_), ranks(needs, "2", "", "1"))
        assert response.status_code == 302
        assert stored(round_, resident) == {"No youth club": 1, "Rough sleeping by the river": 2}

    def test_two_needs_with_the_same_rank_are_refused_with_a_clear_message(
        self, sign_in, resident, round_, needs
    ):
        response = sign_in(resident).post(vote_url(round_), ranks(needs, "1", "1", "2"))
        content = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in content
        assert (
            "You ranked 2 needs 1st. Give Rough sleeping by the river a different rank" in content
        )
        assert "You ranked 2 needs 1st. Give Lonely older people a different rank" in content
        assert f'href="#id_rank_{needs[0].pk}"' in content
        assert not cast_ballots().exists()

    def test_a_gap_in_the_ranks_is_refused_with_a_clear_message(
        self, sign_in, resident, round_, needs
    ):
        response = sign_in(resident).post(vote_url(round_), ranks(needs, "1", "3", ""))
        assert "You ranked a need 3rd but no need 2nd" in response.content.decode()
        assert not cast_ballots().exists()

    def test_ranks_must_start_at_first(self, sign_in, resident, round_, needs):
        response = sign_in(resident).post(vote_url(round_), ranks(needs, "2", "", ""))
        assert "You ranked a need 2nd but no need 1st" in response.content.decode()

    def test_ranking_nothing_is_refused(self, sign_in, resident, round_, needs):
        response = sign_in(resident).post(vote_url(round_), ranks(needs, "", "", ""))
        assert "Rank at least one need" in response.content.decode()

    def test_what_was_typed_is_kept_after_an_error(self, sign_in, resident, round_, needs):
        content = (
            sign_in(resident).post(vote_url(round_), ranks(needs, "1", "1", "2")).content.decode()
        )
        select = content.split(f'name="rank_{needs[2].pk}"')[1].split("</select>")[0]
        assert '<option value="2" selected>' in select

    def test_changing_a_ranking(self, sign_in, resident, round_, needs):
        client = sign_in(resident)
        client.post(vote_url(round_), ranks(needs, "1", "2", "3"))
        client.post(vote_url(round_), ranks(needs, "", "1", ""))
        assert stored(round_, resident) == {"Lonely older people": 1}
