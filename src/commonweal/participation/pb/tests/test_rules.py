"""Hand-worked examples for greedy and the Method of Equal Shares (MES)."""

from fractions import Fraction

import pytest

from commonweal.participation.pb import pabulib, rules


def approval_election(budget, costs, ballots):
    """Build an approval election: costs {id: cost}, ballots [[ids], ...]."""
    lines = [
        "META",
        "key;value",
        f"budget;{budget}",
        "vote_type;approval",
        "PROJECTS",
        "project_id;cost",
    ]
    lines += [f"{pid};{c}" for pid, c in costs.items()]
    lines += ["VOTES", "voter_id;vote"]
    lines += [f"v{i};{','.join(b)}" for i, b in enumerate(ballots)]
    return pabulib.parse("\n".join(lines) + "\n")


def selected(election, rule, satisfaction, completion="none"):
    """The project ids a rule selects, in selection order."""
    outcome = rules.tally(election, rule=rule, satisfaction=satisfaction, completion=completion)
    return list(outcome.selected)


def test_greedy_by_votes_skips_what_no_longer_fits():
    # a: 3 votes, b: 2 votes, c: 2 votes. Budget 10.
    # a first (most votes), 4 left. b and c tie on 2 votes: "b" < "c", so b is
    # tried first, but it costs 5 > 4 and is skipped; c (4) still fits.
    e = approval_election(10, {"a": 6, "b": 5, "c": 4}, [["a", "b"], ["a", "c"], ["a", "b", "c"]])
    assert selected(e, "greedy", "cost") == ["a", "c"]


def test_greedy_cardinality_orders_by_votes_per_cost():
    # Cardinality satisfaction: density = approvals / cost.
    # a: 3/6 = 0.5, b: 2/2 = 1, c: 1/4 = 0.25 -> b, a, then c does not fit (8 + 4 > 10).
    e = approval_election(10, {"a": 6, "b": 2, "c": 4}, [["a", "b"], ["a", "b"], ["a", "c"]])
    assert selected(e, "greedy", "cardinality") == ["b", "a"]
    assert selected(e, "greedy", "cost") == ["a", "b"]


def test_ties_are_broken_by_id_as_a_string():
    # "10" and "9" have the same votes and cost; only one fits. As strings "10" < "9".
    e = approval_election(5, {"9": 5, "10": 5}, [["9", "10"], ["9", "10"]])
    assert selected(e, "greedy", "cost") == ["10"]
    assert selected(e, "mes", "cost") == ["10"]


def test_mes_cost_satisfaction_by_hand():
    # 4 voters, budget 8: each voter starts with 8/4 = 2.
    # X (4) approved by v0, v1, v2; Y (3) by v3 only; Z (2) by everyone.
    # Cost satisfaction: a supporter's satisfaction with a project is its cost,
    # so the price per unit of satisfaction is rho = cost / (supporters * cost):
    #   Z: 2 / (4 * 2) = 1/4 (each pays 1/4 * 2 = 1/2)
    #   X: 4 / (3 * 4) = 1/3 (each pays 4/3)
    #   Y: v3 alone has 2 < 3: unaffordable.
    # Round 1: Z (lowest rho); everybody now has 3/2.
    # Round 2: X: 3 * 3/2 = 9/2 >= 4, each pays 4/3 <= 3/2, so rho stays 1/3.
    # Round 3: Y: v3 has 3/2 < 3. Nothing else is affordable: stop.
    e = approval_election(
        8, {"X": 4, "Y": 3, "Z": 2}, [["X", "Z"], ["X", "Z"], ["X", "Z"], ["Y", "Z"]]
    )
    assert selected(e, "mes", "cost") == ["Z", "X"]


def test_mes_cost_and_cardinality_differ():
    # 2 voters, budget 10: 5 each. A (6) approved by both; B (2) and C (2) by v0 only.
    # Cost sat: rho_A = 6/(2*6) = 1/2, rho_B = rho_C = 2/(1*2) = 1: A first
    # (each pays 3, 2 left each), then B (v0 pays 2, "B" < "C"); C: v0 has 0 left.
    # Cardinality sat (1 per project): rho_A = 6/2 = 3, rho_B = rho_C = 2/1 = 2:
    # B first, then C (v0 has 1 left), then A: 1 + 5 = 6 >= 6, so v0 pays its
    # last 1 and v1 pays 5 (rho = 5: the poorer supporter pays all it has).
    e = approval_election(10, {"A": 6, "B": 2, "C": 2}, [["A", "B", "C"], ["A"]])
    assert selected(e, "mes", "cost") == ["A", "B"]
    assert selected(e, "mes", "cardinality") == ["B", "C", "A"]


def test_empty_ballots_count_for_the_starting_budget():
    # Budget 6 over 3 ballots (one empty): 2 each, so P (3) approved by one voter
    # is unaffordable; without the empty ballot it would have been 3 each.
    e = approval_election(6, {"P": 3}, [["P"], [], []])
    assert selected(e, "mes", "cost") == []


def test_add1_raises_every_voters_budget_until_it_would_overspend():
    # 3 voters, budget 3: 1 each. B (2) approved by all, A (1) by v0.
    # Plain MES: B (each pays 2/3), then v0 has 1/3 < 1 for A. [B] costs 2 and
    # A still fits, so it is not exhaustive: add1 gives everybody 1 more
    # (2 each): B, then v0 has 4/3 >= 1 and A is funded. [B, A] costs 3 <= 3 and
    # is exhaustive: add1 stops there.
    e = approval_election(3, {"A": 1, "B": 2}, [["A", "B"], ["B"], ["B"]])
    assert selected(e, "mes", "cost") == ["B"]
    assert selected(e, "mes", "cost", "add1") == ["B", "A"]


def test_add1_keeps_the_previous_outcome_when_the_next_overspends():
    # Budget 4, 2 voters (2 each). C (3) by v0, D (3) by v1, E (1) by v0.
    # At 2 each: only E (rho 1). Not exhaustive (E + C = 4 fits).
    # At 3 each: C and E tie at rho = 1 ("C" < "E"): C takes all of v0's 3, so E
    # is unaffordable; D (v1 pays 3) follows. [C, D] costs 6 > 4: keep [E].
    e = approval_election(4, {"C": 3, "D": 3, "E": 1}, [["C", "E"], ["D"]])
    assert selected(e, "mes", "cost") == ["E"]
    assert selected(e, "mes", "cost", "add1") == ["E"]
    # A greedy top-up then adds the most-approved project that still fits.
    assert selected(e, "mes", "cost", "add1-greedy") == ["E", "C"]


def test_add1_says_what_the_first_run_cost_and_how_far_it_raised_each_share():
    # As in test_add1_raises_every_voters_budget_until_it_would_overspend: the first run, at 1
    # each, chooses B (2), leaving 1 of the 3; the completion raises each share to 2.
    e = approval_election(3, {"A": 1, "B": 2}, [["A", "B"], ["B"], ["B"]])
    outcome = rules.tally(e, rule="mes", satisfaction="cost", completion="add1")
    assert (outcome.first_pass_cost, outcome.voter_budget) == (2, 2)
    # As in test_add1_keeps_the_previous_outcome_when_the_next_overspends: the first run at 2
    # each chooses E (1); 3 each overspends, so the share stays at 2.
    e = approval_election(4, {"C": 3, "D": 3, "E": 1}, [["C", "E"], ["D"]])
    for completion in ("add1", "add1-greedy"):
        outcome = rules.tally(e, rule="mes", satisfaction="cost", completion=completion)
        assert (outcome.first_pass_cost, outcome.voter_budget) == (1, 2)
    # Without a completion there is no first run to tell apart.
    assert rules.tally(e, rule="mes", satisfaction="cost").first_pass_cost is None


def test_zero_cost_projects_as_pabutools_handles_them():
    # F costs 0. With cost satisfaction a voter's satisfaction with F is its cost,
    # 0, so nobody "supports" it and MES never selects it (pabutools drops
    # projects with zero total satisfaction). With cardinality satisfaction its
    # supporters get 1 each, and pabutools puts it into the outcome before MES
    # starts. Greedy gives a free project with supporters an infinite density.
    e = approval_election(4, {"F": 0, "G": 4}, [["F", "G"], ["G"]])
    assert selected(e, "mes", "cost") == ["G"]
    assert selected(e, "mes", "cardinality") == ["F", "G"]
    assert selected(e, "greedy", "cardinality") == ["F", "G"]
    # Cost satisfaction: F's density is 0 (total satisfaction 0), G's is 2 votes;
    # F still fits after G and is taken, as pabutools' greedy does.
    assert selected(e, "greedy", "cost") == ["G", "F"]


RANKED = """META
key;value
budget;10
vote_type;ordinal
PROJECTS
project_id;cost
A;5
B;5
C;5
VOTES
voter_id;vote
v1;A,B,C
v2;B,A
v3;C,B,A
"""


def test_borda_satisfaction_by_hand():
    # Borda score = ballot length - position - 1 (first = 0); unranked scores 0:
    # v1: A 2, B 1, C 0; v2: B 1, A 0; v3: C 2, B 1, A 0. Totals A 2, B 3, C 2.
    e = pabulib.parse(RANKED)
    # Greedy: B (3/5), then A and C tie on 2/5: "A" < "C", and 5 + 5 = 10 fits.
    assert rules.tally(e, rule="greedy", satisfaction="borda").selected == ("B", "A")
    # MES, 10/3 each. A: only v1 scores it (2): 10/3 < 5, unaffordable; C likewise
    # (v3). B: three supporters with score 1 pay 5/3 each. Then v1 has 5/3 < 5.
    mes = rules.tally(e, rule="mes", satisfaction="borda")
    assert mes.selected == ("B",)
    assert mes.voter_budget == Fraction(10, 3)
    # add1: v1 can pay A (5) after B (5/3) once its budget reaches 20/3: the pass
    # at 10/3 + 4 = 22/3. There A and C tie (rho 5/2 each, "A" first) and both
    # are funded: B, A, C costs 15 > 10, so the pass before (19/3, [B]) is kept.
    add1 = rules.tally(e, rule="mes", satisfaction="borda", completion="add1")
    assert add1.selected == ("B",)
    assert add1.voter_budget == Fraction(19, 3)
    assert add1.passes == 5
    # add1-greedy: [B] is not exhaustive (A fits); greedy by Borda adds A.
    topped = rules.tally(e, rule="mes", satisfaction="borda", completion="add1-greedy")
    assert topped.selected == ("B", "A")
    assert topped.topped_up == ("A",)
    assert topped.cost == 10


def test_tally_reports_what_it_did():
    e = approval_election(4, {"C": 3, "D": 3, "E": 1}, [["C", "E"], ["D"]])
    # As in test_add1_keeps_the_previous_outcome_when_the_next_overspends: 2 each
    # gives [E]; 3 each gives [C, D], over budget, so [E] at 2 each is kept.
    outcome = rules.tally(e, rule="mes", completion="add1")
    assert (outcome.selected, outcome.cost, outcome.voter_budget, outcome.passes) == (
        ("E",),
        1,
        2,
        2,
    )
    assert (outcome.rule, outcome.satisfaction, outcome.completion) == ("mes", "cost", "add1")
    greedy = rules.tally(e, rule="greedy")
    assert greedy.voter_budget is None and greedy.topped_up == ()


def test_satisfaction_must_suit_the_ballots():
    e = approval_election(4, {"C": 3}, [["C"]])
    with pytest.raises(ValueError, match="borda satisfaction does not apply to approval ballots"):
        rules.tally(e, rule="mes", satisfaction="borda")
    with pytest.raises(ValueError, match="unknown completion"):
        rules.tally(e, rule="mes", completion="add2")


@pytest.mark.parametrize(
    "name", ["Netherlands_Assen_2024.pb", "Poland_Swiecie_2023.pb", "Poland_Czestochowa_2024.pb"]
)
def test_runs_restarted_from_a_shared_start_match_fresh_runs(name, data_dir):
    # add1 restarts each run from the last selection proven to stay the same at
    # the higher budget; that must give what a run from scratch gives.
    from commonweal.participation.pb.fast import MESEngine

    election = pabulib.parse_file(data_dir / name)
    support = rules.supporters(election, rules.default_satisfaction(election))
    resumed, fresh = MESEngine(election, support), MESEngine(election, support)
    start = Fraction(election.budget) / len(election.ballots)
    for extra in range(0, 400, 7):
        per_voter = start + extra
        assert resumed.run_with_reach(per_voter)[0] == fresh.run(per_voter), (name, extra)
    assert resumed.reused > 0
