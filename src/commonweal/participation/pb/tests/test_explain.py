"""Explanations of PB results: payments worked out by hand, reasons, sentences, and real elections."""

from fractions import Fraction as F

import pytest

from commonweal.participation.pb import explain, pabulib, rules
from commonweal.participation.pb.outcome import Outcome

from .conftest import pabulib_dir


def approval_election(budget, costs, ballots, names=None):
    """An approval election: costs {id: cost}, ballots [[ids], ...], optional names {id: name}."""
    names = names or {}
    lines = [
        "META",
        "key;value",
        f"budget;{budget}",
        "vote_type;approval",
        "PROJECTS",
        "project_id;cost;name",
    ]
    lines += [f"{pid};{c};{names.get(pid, '')}" for pid, c in costs.items()]
    lines += ["VOTES", "voter_id;vote"]
    lines += [f"v{i};{','.join(b)}" for i, b in enumerate(ballots)]
    return pabulib.parse("\n".join(lines) + "\n")


def mes_outcome(election, selected, voter_budget, satisfaction="cost"):
    cost = sum(election.project(p).cost for p in selected)
    return Outcome(tuple(selected), cost, "mes", satisfaction, voter_budget=F(voter_budget))


# 4 voters, budget 8: each starts with 2. X (4) by v0, v1, v2; Y (3) by v3; Z (2) by everyone.
# Cost satisfaction: rho = cost / (supporters * cost).
#   Z: rho = 2 / (4 * 2) = 1/4, each of the 4 pays 1/4 * 2 = 1/2 (1.50 left each).
#   X: rho = 4 / (3 * 4) = 1/3, each of v0..v2 pays 4/3 (1/6 left each).
#   Y: v3 holds 3/2 < 3: not funded. v3 spent 1/2, on Z.
# Spent 6 of 8; the voters' unspent money is 3 * 1/6 + 3/2 = 2.
THREE = {
    "budget": 8,
    "costs": {"X": 4, "Y": 3, "Z": 2},
    "ballots": [["X", "Z"], ["X", "Z"], ["X", "Z"], ["Y", "Z"]],
}


def test_mes_payments_worked_out_by_hand():
    e = approval_election(**THREE, names={"X": "Play area", "Y": "Benches", "Z": "Trees"})
    ex = explain.explain(e, mes_outcome(e, ["Z", "X"], 2))
    z, x = ex.funded
    assert (z.project_id, z.price, z.payments, z.paid, z.payers) == (
        "Z",
        F(1, 4),
        ((F(1, 2), 4),),
        2,
        4,
    )
    assert (x.project_id, x.price, x.payments, x.paid) == ("X", F(1, 3), ((F(4, 3), 3),), 4)
    assert x.share_of(0) == F(4, 3) and x.share_of(3) == 0
    assert ex.shares_of(3) == [("Z", F(1, 2))]
    assert ex.shares_of(ex.ballot_index("v1")) == [("Z", F(1, 2)), ("X", F(4, 3))]
    (y,) = ex.unfunded
    assert y.reason == explain.SUPPORTERS_SHORT
    assert (y.supporters, y.supporters_held, y.supporters_spent, y.spent_on) == (
        1,
        F(3, 2),
        F(1, 2),
        (("Z", F(1, 2)),),
    )
    assert (ex.budget, ex.spent, ex.left_over) == (8, 6, 2)
    assert (ex.voter_budget, ex.voters_money, ex.voters_unspent) == (2, 8, 2)


def test_sentences_for_a_voter_to_read():
    e = approval_election(**THREE, names={"X": "Play area", "Y": "Benches", "Z": "Trees"})
    ex = explain.explain(e, mes_outcome(e, ["Z", "X"], 2))
    assert ex.sentences("Z") == [
        "Funded. 4 people who voted for it each paid £0.50 of its £2 cost."
    ]
    assert ex.sentences("X", currency="€") == [
        "Funded. 3 people who voted for it each paid €1.33 of its €4 cost."
    ]
    assert ex.sentences("Y") == [
        "Not funded. The 1 person who voted for it had £1.50 left after paying towards projects they also backed; it costs £3.",
        "They had spent £0.50 on Trees (£0.50).",
    ]


def test_a_supporter_who_runs_out_pays_all_they_have_left():
    # 2 voters, budget 10: 5 each. A (6) by both; B (2) and C (2) by v0 only.
    # Cardinality satisfaction (1 per project): rho_A = 6/2 = 3, rho_B = rho_C = 2.
    # B first ("B" < "C"): v0 pays 2 (3 left). C: v0 pays 2 (1 left).
    # A: v0 holds 1 < 3, so v0 pays its last 1 and v1 pays the other 5: rho = 5.
    e = approval_election(10, {"A": 6, "B": 2, "C": 2}, [["A", "B", "C"], ["A"]])
    ex = explain.explain(e, mes_outcome(e, ["B", "C", "A"], 5, "cardinality"))
    a = ex.project("A")
    assert a.price == 5
    assert [(g.amount, g.ballots, g.all_they_had) for g in a.payment_groups] == [
        (5, (1,), False),
        (1, (0,), True),
    ]
    assert ex.voters_unspent == 0
    assert ex.sentences("A", "PLN ") == [
        "Funded. 2 people who voted for it paid its PLN 6 cost between them.",
        "1 person paid PLN 5.",
        "1 person paid less (PLN 1): all the money they had left.",
    ]


def test_replay_refuses_an_outcome_mes_would_not_produce():
    e = approval_election(**THREE)
    with pytest.raises(explain.ReplayError, match="would fund project Z, not X"):
        explain.explain(e, mes_outcome(e, ["X", "Z"], 2))
    with pytest.raises(explain.ReplayError, match="would go on to fund project X"):
        explain.explain(e, mes_outcome(e, ["Z"], 2))
    # With 1 each, X (each of 3 pays 4/3 > 1) and Y are out of reach: Z alone is MES's outcome.
    assert [p.project_id for p in explain.explain(e, mes_outcome(e, ["Z"], 1)).funded] == ["Z"]
    with pytest.raises(explain.ReplayError, match="cannot fund project X"):
        explain.explain(e, mes_outcome(e, ["Z", "X"], 1))
    with pytest.raises(explain.ReplayError, match="voter_budget"):
        explain.explain(e, Outcome(("Z", "X"), 6, "mes", "cost"))


def test_greedy_explains_what_no_longer_fitted():
    # Budget 10. a (6): 3 votes; b (5) and c (4): 2 votes each; d (1): no votes.
    # a first: 4 left. b ("b" < "c") costs 5 > 4: skipped. c fits: 0 left. d (1) does not fit.
    e = approval_election(
        10, {"a": 6, "b": 5, "c": 4, "d": 1}, [["a", "b"], ["a", "c"], ["a", "b", "c"]]
    )
    outcome = rules.tally(e, rule="greedy", satisfaction="cost")
    assert outcome.selected == ("a", "c")
    ex = explain.explain(e, outcome)
    a, c = ex.funded
    assert (a.left_before, a.left_after, c.left_before, c.left_after) == (10, 4, 4, 0)
    b = ex.project("b")
    assert (b.reason, b.left_at_turn) == (explain.DID_NOT_FIT, 4)
    assert ex.project("d").reason == explain.NO_SUPPORT
    assert ex.sentences("b") == [
        "Not funded. When its turn came only £4 was left, and it costs £5."
    ]
    assert ex.sentences("d") == ["Not funded. Nobody voted for it."]
    with pytest.raises(explain.ReplayError, match="greedy would add project c next, not b"):
        explain.explain(e, Outcome(("a", "b"), 11, "greedy", "cost"))


def test_greedy_top_up_after_mes():
    # Budget 10, 2 voters (5 each): A (6) by v0, B (3) by v1, C (1) by nobody.
    # MES: B (v1 pays 3); A: v0 holds 5 < 6. add1 raises each voter to 6: then rho_A =
    # 6/6 = rho_B = 3/3 = 1, a tie won by "A"; A and B are funded (9) and no supported
    # project is left, so add1 stops there. C (1) still fits
    # in the 1 left, so the greedy top-up adds it "afterwards with money left over".
    e = approval_election(10, {"A": 6, "B": 3, "C": 1}, [["A"], ["B"]])
    outcome = rules.tally(e, rule="mes", satisfaction="cost", completion="add1-greedy")
    assert (outcome.selected, outcome.topped_up, outcome.voter_budget) == (
        ("A", "B", "C"),
        ("C",),
        6,
    )
    ex = explain.explain(e, outcome)
    assert [(p.project_id, p.how) for p in ex.funded] == [
        ("A", "mes"),
        ("B", "mes"),
        ("C", "topped-up"),
    ]
    assert ex.left_before_top_up == 1 and ex.left_over == 0
    assert ex.sentences("C") == [
        "Funded afterwards with money left over.",
        "£1 was left when its turn came, enough for its £1 cost.",
    ]


def test_chart_rows_funded_in_order_then_unfunded_by_votes():
    e = approval_election(
        10, {"a": 6, "b": 5, "c": 4, "d": 1}, [["a", "b"], ["a", "c"], ["a", "b", "c"]]
    )
    rows = explain.chart_rows(
        explain.explain(e, rules.tally(e, rule="greedy", satisfaction="cost"))
    )
    assert [(r.project_id, r.votes, r.funded, r.share_of_budget) for r in rows] == [
        ("a", 3, True, F(3, 5)),
        ("c", 2, True, F(2, 5)),
        ("b", 2, False, F(1, 2)),
        ("d", 0, False, F(1, 10)),
    ]


def test_money_is_written_for_people():
    assert explain.format_money(9600) == "£9,600"
    assert explain.format_money(F(4520, 100)) == "£45.20"
    assert explain.format_money(F(2, 3), "€") == "€0.67"
    assert explain.format_money(F(1234567, 1000), "PLN ") == "PLN 1,234.57"
    assert explain.format_money(F(1, 200)) == "£0.01"  # half a penny rounds up


SMALL = [
    "Netherlands_Assen_2024.pb",
    "Poland_Swiecie_2023.pb",
    "Poland_Czestochowa_2024_Polnoc.pb",
    "Switzerland_Zurich_D5.pb",
    "US_Stanford_Dataset_PB_Chicago_49th_Ward_2015_vote_approvals.pb",
]
RUNS = [
    ("greedy", "none"),
    ("mes", "none"),
    ("mes", "add1"),
    ("mes", "add1-greedy"),
    ("mes", "budget-increase"),
]


@pytest.mark.parametrize("name", SMALL)
def test_explanations_of_real_elections_add_up(name):
    e = pabulib.parse_file(pabulib_dir() / name)
    for rule, completion in RUNS:
        outcome = rules.tally(e, rule=rule, completion=completion)
        ex = explain.explain(e, outcome)
        assert [p.project_id for p in ex.funded] == list(outcome.selected)
        assert len(ex.funded) + len(ex.unfunded) == len(e.projects)
        assert ex.spent == sum(e.project(p).cost for p in outcome.selected) <= e.budget
        if rule != "mes":
            continue
        paid_by = [F(0)] * len(e.ballots)
        for p in ex.funded:
            if p.how == "mes":
                assert p.paid == p.cost  # the supporters paid exactly the cost
                for g in p.payment_groups:
                    for i in g.ballots:
                        assert p.project_id in e.ballots[i].projects  # only supporters pay
                        paid_by[i] += g.amount
        assert max(paid_by) <= outcome.voter_budget  # nobody pays more than they started with
        assert ex.voters_unspent == sum(outcome.voter_budget - paid for paid in paid_by)
        for u in ex.unfunded:
            if u.reason == explain.SUPPORTERS_SHORT:
                backers = [i for i, b in enumerate(e.ballots) if backs(b, u.project_id)]
                assert u.supporters == len(backers)
                assert u.supporters_held == sum(outcome.voter_budget - paid_by[i] for i in backers)
                assert u.supporters_held < u.cost  # MES stopped: they could not cover it
                assert u.supporters_spent == sum(paid_by[i] for i in backers)
            assert ex.sentences(u.project_id)[0].startswith("Not funded.")


def backs(ballot, project_id):
    """The ballot gives the project positive satisfaction (approval, or points above 0)."""
    if project_id not in ballot.projects:
        return False
    return ballot.points is None or ballot.points[ballot.projects.index(project_id)] > 0


def test_assen_as_the_city_counted_it():
    # Assen 2024 used MES with add1; the replay explains the official outcome.
    e = pabulib.parse_file(pabulib_dir() / "Netherlands_Assen_2024.pb")
    official = {p.id for p in e.projects if dict(p.fields).get("selected") == "1"}
    ex = explain.explain(e, rules.tally(e, rule="mes", satisfaction="cost", completion="add1"))
    assert {p.project_id for p in ex.funded} == official
    assert all(p.paid == p.cost for p in ex.funded)
    first = ex.funded[0]
    assert ex.sentences(first.project_id, "€")[0].endswith(f"of its €{first.cost:,} cost.")


def test_a_round_nobody_voted_in():
    e = approval_election(10, {"a": 6, "b": 5}, [])
    ex = explain.explain(e, rules.tally(e, rule="mes", satisfaction="cost"))
    assert ex.funded == () and {u.reason for u in ex.unfunded} == {explain.NO_SUPPORT}
    assert ex.sentences("a") == ["Not funded. Nobody voted for it."]
    # Greedy still takes what fits when nobody voted (as pabutools does): a, then b no longer fits.
    ex = explain.explain(e, rules.tally(e, rule="greedy", satisfaction="cost"))
    assert [p.project_id for p in ex.funded] == ["a"]
    assert (
        ex.sentences("a")[0]
        == "Funded. Nobody voted for it, but it still fitted in the money left."
    )
    assert ex.project("b").reason == explain.NO_SUPPORT


def test_a_free_project_under_cost_satisfaction_carries_no_weight_in_mes():
    # Cost satisfaction counts a vote by the project's cost: a free project (f) gives
    # its voters nothing, so MES (like pabutools) never funds it, though v0 voted for it.
    e = approval_election(4, {"a": 2, "f": 0}, [["a", "f"], ["a"]])
    outcome = rules.tally(e, rule="mes", satisfaction="cost")
    assert outcome.selected == ("a",)
    ex = explain.explain(e, outcome)
    assert (ex.project("f").votes, ex.project("f").reason) == (1, explain.NO_WEIGHT)
    assert ex.sentences("f") == [
        "Not funded. The way votes are counted here gives it no weight: "
        "a vote counts by what the project costs, and it costs nothing."
    ]


def test_ranked_ballots_pay_in_proportion_to_borda_points():
    # Budget 12, 3 voters (4 each). Rankings: v0 a > b > c, v1 a > c > b, v2 b > a > c.
    # Borda (k - 1 - position): a scores 2, 2, 1 (total 5); b 1, 0, 2; c 0, 1, 0.
    # MES: rho_a = 6 / 5 for a (6), so v0 and v1 pay 12/5 each and v2 pays 6/5.
    e = pabulib.parse(
        "META\nkey;value\nbudget;12\nvote_type;ordinal\nPROJECTS\nproject_id;cost\na;6\nb;6\nc;6\n"
        "VOTES\nvoter_id;vote\nv0;a,b,c\nv1;a,c,b\nv2;b,a,c\n"
    )
    ex = explain.explain(e, rules.tally(e, rule="mes", satisfaction="borda"))
    a = ex.project("a")
    assert a.price == F(6, 5)
    assert [(g.amount, g.ballots) for g in a.payment_groups] == [
        (F(12, 5), (0, 1)),
        (F(6, 5), (2,)),
    ]
    assert ex.sentences("a")[:2] == [
        "Funded. 3 people who voted for it paid its £6 cost between them.",
        "Each paid in proportion to the points they gave it.",
    ]
