"""Price formulas, the criteria tree, the most advantageous tender, sensitivity and rank reversal.

Every expected number is worked out by hand in the comment beside it."""

from decimal import Decimal

import pytest

from commonweal.competitions.scoring import (
    Bid,
    CriteriaTree,
    Criterion,
    PriceFormula,
    Scale,
    ScoringError,
    Weight,
    against_budget,
    evaluate,
    explanation,
    linear,
    proportional_to_lowest,
    rank_reversal_warnings,
    sensitivity,
)
from commonweal.messages import message

D = Decimal


def scale(top: int) -> Scale:
    return Scale(tuple((D(n), message(f"{n} points")) for n in range(top + 1)))


def simple_tree(top: int = 5) -> CriteriaTree:
    return CriteriaTree(
        quality=(Criterion("method", "Method", D(100)),),
        social_value=(Criterion("jobs", "Local jobs", D(100)),),
        scale=scale(top),
    )


def bid(id: str, price: str, method: int, jobs: int = 0, **passes: bool) -> Bid:
    return Bid(id, f"Bidder {id}", D(price), {"method": D(method), "jobs": D(jobs)}, passes)


# --- The formulas --------------------------------------------------------------------------------


def test_proportional_to_lowest_worked_example():
    # Out of 40: 100k/100k × 40 = 40.00; 100k/120k × 40 = 33.333… = 33.33;
    # 100k/150k × 40 = 26.666… = 26.67 (half up).
    lowest = D(100_000)
    assert proportional_to_lowest(D(100_000), lowest, D(40)) == D("40.00")
    assert proportional_to_lowest(D(120_000), lowest, D(40)) == D("33.33")
    assert proportional_to_lowest(D(150_000), lowest, D(40)) == D("26.67")


def test_rounding_is_half_up():
    # 1/8 × 1 = 0.125, which rounds half up to 0.13 (banker's rounding would give 0.12).
    assert proportional_to_lowest(D(8), D(1), D(1)) == D("0.13")


def test_linear_between_floor_and_ceiling():
    floor, ceiling, top = D(80_000), D(120_000), D(40)
    assert linear(D(70_000), floor, ceiling, top) == D("40.00")  # below the floor
    assert linear(D(80_000), floor, ceiling, top) == D("40.00")  # at the floor
    assert linear(D(90_000), floor, ceiling, top) == D("30.00")  # 30k/40k × 40
    assert linear(D(100_000), floor, ceiling, top) == D("20.00")  # halfway
    assert linear(D(120_000), floor, ceiling, top) == D("0.00")  # at the ceiling
    assert linear(D(130_000), floor, ceiling, top) == D("0.00")  # above it


def test_against_budget_full_marks_to_none_at_twice_the_budget():
    budget, top = D(100_000), D(40)
    assert against_budget(D(95_000), budget, top) == D("40.00")  # under budget
    assert against_budget(D(100_000), budget, top) == D("40.00")  # on budget
    assert against_budget(D(125_000), budget, top) == D("30.00")  # (200k-125k)/100k × 40
    assert against_budget(D(150_000), budget, top) == D("20.00")  # 50% over: half marks
    assert against_budget(D(200_000), budget, top) == D("0.00")  # twice the budget


def test_each_formula_is_explained_in_plain_words():
    assert "lowest price gets full marks" in str(explanation(PriceFormula.PROPORTIONAL_TO_LOWEST))
    words = str(explanation(PriceFormula.LINEAR, {"floor": D(80_000), "ceiling": D(120_000)}))
    assert "£80,000.00" in words and "£120,000.00" in words
    words = str(explanation(PriceFormula.AGAINST_BUDGET, {"budget": D(100_000)}))
    assert "£100,000.00" in words and "£200,000.00" in words and "50% over" in words


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: proportional_to_lowest(D(0), D(1), D(40)), "price"),
        (lambda: proportional_to_lowest(D(-5), D(1), D(40)), "price"),
        (lambda: linear(D(90), D(100), D(100), D(40)), "ceiling"),
        (lambda: linear(D(90), D(120), D(100), D(40)), "ceiling"),
        (lambda: against_budget(D(90), D(0), D(40)), "budget"),
    ],
)
def test_bad_formula_input_names_the_field(call, field):
    with pytest.raises(ScoringError) as caught:
        call()
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


def test_floor_not_below_ceiling_says_so():
    with pytest.raises(ScoringError, match="must be more than the floor"):
        linear(D(90), D(120), D(100), D(40))


# --- Evaluation ----------------------------------------------------------------------------------


def three_bids():
    return [bid("A", "100000", 4, 3), bid("B", "120000", 5, 5), bid("C", "150000", 5, 4)]


def evaluate_simple(bids, formula=PriceFormula.PROPORTIONAL_TO_LOWEST, params=None, tree=None):
    return evaluate(
        tree or simple_tree(),
        bids,
        price_weight=D(40),
        quality_weight=D(40),
        social_value_weight=D(20),
        formula=formula,
        formula_params=params,
    )


def test_most_advantageous_tender_with_its_arithmetic():
    # Quality 40%, social value 20%, price 40% (proportional), scores out of 5.
    # A: 4/5 × 40 = 32.00, 3/5 × 20 = 12.00, price 40.00 -> 84.00
    # B: 5/5 × 40 = 40.00, 5/5 × 20 = 20.00, price 33.33 -> 93.33
    # C: 40.00, 4/5 × 20 = 16.00, price 26.67 -> 82.67
    evaluation = evaluate_simple(three_bids())
    a, b, c = (evaluation.result(x) for x in "ABC")
    assert (a.quality_points, a.social_value_points, a.price_points, a.total) == (
        D("32.00"),
        D("12.00"),
        D("40.00"),
        D("84.00"),
    )
    assert b.total == D("93.33") and c.total == D("82.67")
    assert [r.bid_id for r in evaluation.results] == ["B", "A", "C"]
    assert [r.rank for r in evaluation.results] == [1, 2, 3]
    assert evaluation.winner == "B" and not evaluation.tied
    assert str(evaluation.summary) == "Bidder B is the most advantageous tender, with 93.33 points."
    lines = [str(line) for line in a.lines]
    assert "Quality, Method: 4/5 × 40% = 32.00 points" in lines
    assert "Social value, Local jobs: 3/5 × 20% = 12.00 points" in lines
    assert "Price: lowest £100,000.00 ÷ £100,000.00 × 40 = 40.00 points" in lines
    assert "Total: 32.00 + 12.00 + 40.00 = 84.00 points" in lines


def test_nested_criteria_weights_multiply_down_the_tree():
    # Quality 50%: Delivery 60% (Staffing 50%, Mobilisation 50%), Outcomes 40%.
    # Staffing 50% × 60% × 50% = 15%, Mobilisation 15%, Outcomes 40% × 50% = 20%.
    # Scores 4, 3, 5 of 5: 4/5 × 15 = 12.00, 3/5 × 15 = 9.00, 5/5 × 20 = 20.00 -> 41.00.
    tree = CriteriaTree(
        quality=(
            Criterion(
                "delivery",
                "Delivery",
                D(60),
                children=(
                    Criterion("staffing", "Staffing", D(50)),
                    Criterion("mobilisation", "Mobilisation", D(50)),
                ),
            ),
            Criterion("outcomes", "Outcomes", D(40)),
        ),
        social_value=(Criterion("jobs", "Local jobs", D(100)),),
        scale=scale(5),
    )
    scores = {"staffing": D(4), "mobilisation": D(3), "outcomes": D(5), "jobs": D(5)}
    evaluation = evaluate(
        tree,
        [Bid("A", "Bidder A", D(1000), scores)],
        price_weight=D(40),
        quality_weight=D(50),
        social_value_weight=D(10),
        formula=PriceFormula.PROPORTIONAL_TO_LOWEST,
    )
    result = evaluation.result("A")
    assert result.quality_points == D("41.00")
    # 41.00 + 10.00 + 40.00 (the only bid is the lowest)
    assert result.total == D("91.00")
    assert "Quality, Staffing: 4/5 × 15% = 12.00 points" in [str(x) for x in result.lines]


def test_linear_and_budget_formulas_in_an_evaluation():
    # Linear, floor 100k, ceiling 200k, out of 40: A 100k -> 40.00; B 120k -> 80/100 × 40 = 32.00.
    evaluation = evaluate_simple(
        three_bids()[:2], PriceFormula.LINEAR, {"floor": D(100_000), "ceiling": D(200_000)}
    )
    assert evaluation.result("B").price_points == D("32.00")
    # Against a budget of 100k: B at 120k is 20% over: 80k/100k × 40 = 32.00 too.
    evaluation = evaluate_simple(
        three_bids()[:2], PriceFormula.AGAINST_BUDGET, {"budget": D(100_000)}
    )
    assert evaluation.result("A").price_points == D("40.00")
    assert evaluation.result("B").price_points == D("32.00")


def test_failing_a_pass_fail_criterion_means_the_bid_cannot_win():
    tree = CriteriaTree(
        quality=(
            Criterion("safeguarding", "Safeguarding policy", pass_fail=True),
            Criterion("method", "Method", D(100)),
        ),
        social_value=(Criterion("jobs", "Local jobs", D(100)),),
        scale=scale(5),
    )
    bids = [
        bid("A", "100000", 4, 3, safeguarding=True),
        bid("B", "120000", 5, 5, safeguarding=False),  # the best scores, but it fails
        bid("D", "50000", 5, 5),  # no answer recorded: not passed; and the cheapest
    ]
    evaluation = evaluate_simple(bids, tree=tree)
    assert evaluation.winner == "A"
    b = evaluation.result("B")
    assert b.rank is None and b.failed == ("Safeguarding policy",)
    assert "Failed Safeguarding policy, so this bid cannot win." in [str(x) for x in b.lines]
    # D failed too, so its £50k does not set the lowest price: A's £100k does (40.00 points).
    assert evaluation.result("A").price_points == D("40.00")
    assert [r.bid_id for r in evaluation.results][0] == "A"


def test_no_bid_passing_means_no_winner():
    tree = CriteriaTree(
        quality=(
            Criterion("gate", "Insurance", pass_fail=True),
            Criterion("method", "Method", D(100)),
        ),
        social_value=(Criterion("jobs", "Local jobs", D(100)),),
        scale=scale(5),
    )
    evaluation = evaluate_simple([bid("A", "100", 4, 3, gate=False)], tree=tree)
    assert evaluation.winners == () and evaluation.winner is None
    assert "none can win" in str(evaluation.summary)


def test_a_tie_is_said_plainly():
    # Identical bids: 32.00 + 12.00 + 40.00 = 84.00 each, both rank 1.
    evaluation = evaluate_simple(
        [bid("A", "100", 4, 3), bid("B", "100", 4, 3), bid("C", "200", 1, 1)]
    )
    assert evaluation.tied and evaluation.winner is None
    assert set(evaluation.winners) == {"A", "B"}
    assert [r.rank for r in evaluation.results] == [1, 1, 3]
    assert str(evaluation.summary).startswith(
        "Bidder A and Bidder B tie for the most advantageous tender, with 84.00 points each."
    )


@pytest.mark.parametrize(
    ("weights", "field"),
    [
        ((D(40), D(40), D(15)), "weights"),  # 95
        ((D(50), D(40), D(20)), "weights"),  # 110
    ],
)
def test_weights_must_add_up_to_100(weights, field):
    price, quality, social = weights
    with pytest.raises(ScoringError, match="add up to") as caught:
        evaluate(
            simple_tree(),
            three_bids(),
            price_weight=price,
            quality_weight=quality,
            social_value_weight=social,
            formula=PriceFormula.PROPORTIONAL_TO_LOWEST,
        )
    assert caught.value.field == field


def test_criteria_weights_must_add_up_to_100():
    tree = CriteriaTree(
        quality=(Criterion("a", "Method", D(60)), Criterion("b", "Staffing", D(30))),
        social_value=(Criterion("jobs", "Local jobs", D(100)),),
        scale=scale(5),
    )
    with pytest.raises(ScoringError, match="quality add up to 90%") as caught:
        evaluate_simple(three_bids(), tree=tree)
    assert caught.value.field == "quality"


def test_a_weighted_part_needs_scored_criteria():
    tree = CriteriaTree(
        quality=(Criterion("method", "Method", D(100)),),
        social_value=(Criterion("gate", "Living wage employer", pass_fail=True),),
        scale=scale(5),
    )
    with pytest.raises(ScoringError, match="Social value counts 20% of the score") as caught:
        evaluate_simple(three_bids(), tree=tree)
    assert caught.value.field == "social_value"


def test_bad_bids_are_refused_with_the_reason():
    with pytest.raises(ScoringError, match="price of Bidder A must be more than zero") as caught:
        evaluate_simple([bid("A", "0", 4, 3)])
    assert caught.value.field == "price"
    with pytest.raises(ScoringError, match="not on the scale"):
        evaluate_simple([bid("A", "100", 6, 3)])  # the scale stops at 5
    with pytest.raises(ScoringError, match="needs a ceiling"):
        evaluate_simple([bid("A", "100", 4, 3)], PriceFormula.LINEAR, {"floor": D(1)})


# --- Sensitivity ---------------------------------------------------------------------------------


def test_sensitivity_finds_the_weight_that_changes_a_close_contest():
    # Quality 40, social value 20, price 40 (proportional), scores out of 5.
    # A: £100k, 3, 3: 24.00 + 12.00 + 40.00 = 76.00
    # B: £124k, 4, 3: 32.00 + 12.00 + 100/124 × 40 = 32.26 -> 76.26: B wins by 0.26.
    evaluation = evaluate_simple([bid("A", "100000", 3, 3), bid("B", "124000", 4, 3)])
    assert evaluation.winner == "B"
    shifts = {(s.weight, s.change): s for s in sensitivity(evaluation)}
    assert len(shifts) == 6
    # Price up to 45: the other 55 split 40:20 -> quality 36.67, social value 18.33.
    # A: 3/5 × 36.67 = 22.00, 3/5 × 18.33 = 11.00, 45.00 -> 78.00
    # B: 4/5 × 36.67 = 29.34, 11.00, 100/124 × 45 = 36.29 -> 76.63: A wins.
    up = shifts[(Weight.PRICE, D(5))]
    assert up.weights == {
        Weight.PRICE: D(45),
        Weight.QUALITY: D("36.67"),
        Weight.SOCIAL_VALUE: D("18.33"),
    }
    assert up.changes_winner and up.winners == ("A",)
    assert str(up.message) == (
        "If price counted 45% (quality 36.67%, social value 18.33%), Bidder A would win instead."
    )
    # Price down to 35: quality 43.33, social value 21.67.
    # A: 26.00 + 13.00 + 35.00 = 74.00; B: 34.66 + 13.00 + 28.23 = 75.89: B still wins.
    down = shifts[(Weight.PRICE, D(-5))]
    assert not down.changes_winner and "Bidder B would still win" in str(down.message)
    # Quality up to 45 (price 36.67, social value 18.33):
    # A: 27.00 + 11.00 + 36.67 = 74.67; B: 36.00 + 11.00 + 29.57 = 76.57: B still wins.
    assert not shifts[(Weight.QUALITY, D(5))].changes_winner


def test_sensitivity_skips_a_weight_that_cannot_move():
    evaluation = evaluate(
        simple_tree(),
        three_bids(),
        price_weight=D(40),
        quality_weight=D(60),
        social_value_weight=D(0),
        formula=PriceFormula.PROPORTIONAL_TO_LOWEST,
    )
    moves = {(s.weight, s.change) for s in sensitivity(evaluation)}
    assert (Weight.SOCIAL_VALUE, D(-5)) not in moves
    assert (Weight.SOCIAL_VALUE, D(5)) in moves


# --- Rank reversal -------------------------------------------------------------------------------


def reversal_bids():
    return [bid("A", "100000", 6), bid("B", "150000", 9), bid("C", "50000", 2)]


def evaluate_half_and_half(bids, formula=PriceFormula.PROPORTIONAL_TO_LOWEST, params=None):
    return evaluate(
        simple_tree(top=10),
        bids,
        price_weight=D(50),
        quality_weight=D(50),
        social_value_weight=D(0),
        formula=formula,
        formula_params=params,
    )


def test_a_very_low_third_bid_reverses_two_others_under_proportional_scoring():
    # Price 50, quality 50, scores out of 10.
    # A and B alone: A 30.00 + 50.00 = 80.00; B 45.00 + 100/150 × 50 = 33.33 -> 78.33: A first.
    # With C at £50k: A 30.00 + 25.00 = 55.00; B 45.00 + 16.67 = 61.67; C 10.00 + 50 = 60.00.
    alone = evaluate_half_and_half(reversal_bids()[:2])
    assert alone.result("A").total == D("80.00") and alone.result("B").total == D("78.33")
    evaluation = evaluate_half_and_half(reversal_bids())
    assert evaluation.result("A").total == D("55.00")
    assert evaluation.result("B").total == D("61.67")
    # Removing A (B 61.67 v C 60.00) or B (C 60.00 v A 55.00) changes no order: only C does.
    reversals = rank_reversal_warnings(evaluation)
    assert [(r.third, r.ahead, r.behind) for r in reversals] == [("C", "B", "A")]
    words = str(reversals[0].message)
    assert "Without Bidder C, Bidder A (80.00) would be ahead of Bidder B (78.33)" in words
    assert "depend on the lowest price" in words


def test_absolute_formulas_give_no_rank_reversal():
    evaluation = evaluate_half_and_half(
        reversal_bids(), PriceFormula.LINEAR, {"floor": D(50_000), "ceiling": D(200_000)}
    )
    assert rank_reversal_warnings(evaluation) == []
