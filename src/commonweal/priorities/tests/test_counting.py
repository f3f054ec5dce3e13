"""Counting by hand-worked examples. No database."""

import pytest

from commonweal.priorities.counting import (
    InvalidBallot,
    Option,
    Standing,
    approval_count,
    borda_count,
    count_marks,
    ranking_from_ranks,
    standings,
)

HOUSING = Option("h", "Housing")
MENTAL_HEALTH = Option("m", "Mental health")
OLDER_PEOPLE = Option("o", "Older people")
YOUTH = Option("y", "Youth")
FOUR = [HOUSING, MENTAL_HEALTH, OLDER_PEOPLE, YOUTH]


def table(standings):
    return [(s.title, s.points, s.position) for s in standings]


class TestApproval:
    def test_each_approval_is_one_point(self):
        ballots = [["h", "m"], ["h"], ["h", "o", "m"]]
        # Housing 3, Mental health 2, Older people 1, Youth 0.
        assert table(approval_count(FOUR, ballots)) == [
            ("Housing", 3, 1),
            ("Mental health", 2, 2),
            ("Older people", 1, 3),
            ("Youth", 0, 4),
        ]

    def test_ties_share_a_position_listed_by_title_and_the_next_position_is_skipped(self):
        ballots = [["y", "m"], ["h"], ["y", "m"]]
        # Mental health 2, Youth 2, Housing 1, Older people 0.
        assert table(approval_count(FOUR, ballots)) == [
            ("Mental health", 2, 1),
            ("Youth", 2, 1),
            ("Housing", 1, 3),
            ("Older people", 0, 4),
        ]

    def test_no_ballots_means_everyone_shares_first_place(self):
        assert [s.position for s in approval_count(FOUR, [])] == [1, 1, 1, 1]
        assert [s.title for s in approval_count(FOUR, [])] == [
            "Housing",
            "Mental health",
            "Older people",
            "Youth",
        ]

    def test_a_ballot_naming_an_unknown_need_is_refused(self):
        with pytest.raises(InvalidBallot):
            approval_count(FOUR, [["h", "zzz"]])

    def test_returns_keys_for_joining_back_to_needs(self):
        assert approval_count([HOUSING], [["h"]]) == [
            Standing(key="h", title="Housing", points=1, position=1)
        ]


class TestBorda:
    def test_full_rankings(self):
        # n = 4: 1st gets 3, 2nd 2, 3rd 1, 4th 0.
        ballots = [["h", "m", "o", "y"], ["m", "h", "y", "o"], ["h", "y", "m", "o"]]
        # Housing 3+2+3=8, Mental health 2+3+1=6, Youth 0+1+2=3, Older people 1+0+0=1.
        assert table(borda_count(FOUR, ballots)) == [
            ("Housing", 8, 1),
            ("Mental health", 6, 2),
            ("Youth", 3, 3),
            ("Older people", 1, 4),
        ]

    def test_partial_rankings_give_unranked_needs_nothing(self):
        # n = 4 still, however few a ballot ranks.
        ballots = [["o"], ["y", "o"], ["m", "h", "y"]]
        # Older people 3+2=5, Youth 3+1=4, Mental health 3, Housing 2.
        assert table(borda_count(FOUR, ballots)) == [
            ("Older people", 5, 1),
            ("Youth", 4, 2),
            ("Mental health", 3, 3),
            ("Housing", 2, 4),
        ]

    def test_ties(self):
        ballots = [["h", "m"], ["m", "h"]]
        # Housing 3+2=5, Mental health 2+3=5, the others 0.
        assert table(borda_count(FOUR, ballots)) == [
            ("Housing", 5, 1),
            ("Mental health", 5, 1),
            ("Older people", 0, 3),
            ("Youth", 0, 3),
        ]

    def test_ranking_one_need_twice_is_refused(self):
        with pytest.raises(InvalidBallot):
            borda_count(FOUR, [["h", "h"]])

    def test_ranking_from_ranks_puts_first_first(self):
        assert ranking_from_ranks({"y": 2, "h": 3, "m": 1}) == ["m", "y", "h"]


class TestStoredBallots:
    """``count_marks`` counts ballots as stored; ``standings`` lays out points kept from a count."""

    def test_marks_for_needs_not_in_the_round_are_left_out_but_the_ballot_is_cast(self):
        three = [HOUSING, MENTAL_HEALTH, OLDER_PEOPLE]  # Youth has left the round
        cast, standings = count_marks(
            three, [{"h": 2, "y": 1}, {"y": 1}, {"m": 1, "o": 2}], ranked=True
        )
        # n = 3 now; Housing is first of what is left on its ballot: 2 points. Mental health 2, Older people 1.
        assert cast == 3
        assert table(standings) == [
            ("Housing", 2, 1),
            ("Mental health", 2, 1),
            ("Older people", 1, 3),
        ]

    def test_approval_marks_approve_every_need_named(self):
        cast, standings = count_marks(FOUR, [{"h": None, "m": None}, {"h": None}], ranked=False)
        assert cast == 2
        assert table(standings) == table(approval_count(FOUR, [["h", "m"], ["h"]]))

    def test_points_kept_give_the_same_table_with_the_titles_of_now(self):
        _cast, counted = count_marks(FOUR, [{"h": 1, "m": 2}, {"m": 1, "h": 2}], ranked=True)
        points = {s.key: s.points for s in counted}
        assert standings(FOUR, points) == counted
        renamed = [Option("h", "Wet homes"), MENTAL_HEALTH, OLDER_PEOPLE, YOUTH]
        # Housing and Mental health tie: listed by title, so the renamed need now comes second.
        assert table(standings(renamed, points))[:2] == [
            ("Mental health", 5, 1),
            ("Wet homes", 5, 1),
        ]
