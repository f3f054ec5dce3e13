"""Plain-English sentences saying why a project was or was not funded, and money as text."""

from __future__ import annotations

from fractions import Fraction

from .explanation import (
    BY_GREEDY,
    DID_NOT_FIT,
    FREE,
    NO_SUPPORT,
    NO_WEIGHT,
    TOPPED_UP,
    Explanation,
    FundedProject,
)


def format_money(amount, currency: str = "£") -> str:
    """``£9,600`` for whole amounts, ``£45.20`` otherwise (rounded half up to 2 places)."""
    amount = Fraction(amount)
    if amount.denominator == 1:
        return f"{currency}{amount.numerator:,}"
    pennies = (amount * 100 + Fraction(1, 2)).__floor__()
    sign = "-" if pennies < 0 else ""
    whole, part = divmod(abs(pennies), 100)
    return f"{sign}{currency}{whole:,}.{part:02d}"


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count:,} people"


def sentences(ex: Explanation, p, currency: str) -> list[str]:
    def money(x):
        return format_money(x, currency)

    if isinstance(p, FundedProject):
        if p.how == FREE:
            return ["Funded. It costs nothing, and people voted for it."]
        if p.how == TOPPED_UP:
            return [
                "Funded afterwards with money left over.",
                f"{money(p.left_before)} was left when its turn came, enough for its {money(p.cost)} cost.",
            ]
        if p.how == BY_GREEDY and not p.votes:
            return [
                "Funded. Nobody voted for it, but it still fitted in the money left.",
                f"{money(p.left_before)} was left when its turn came, enough for its {money(p.cost)} cost.",
            ]
        if p.how == BY_GREEDY:
            return [
                f"Funded. {_people(p.votes)} voted for it.",
                f"{money(p.left_before)} was left when its turn came, enough for its {money(p.cost)} cost.",
            ]
        full = [g for g in p.payment_groups if not g.all_they_had]
        short = [g for g in p.payment_groups if g.all_they_had]
        if len(p.payment_groups) == 1:
            g = p.payment_groups[0]
            each = "each paid" if g.voters > 1 else "paid"
            lead = f"Funded. {_people(g.voters)} who voted for it {each} {money(g.amount)} of its {money(p.cost)} cost."
            return [lead] if not short else [lead, "That was all the money they had left."]
        out = [
            f"Funded. {_people(p.payers)} who voted for it paid its {money(p.cost)} cost between them."
        ]
        if ex.satisfaction in ("cardinal", "borda"):
            out.append("Each paid in proportion to the points they gave it.")
        for g in full:
            out.append(
                f"{_people(g.voters)} paid {money(g.amount)}{' each' if g.voters > 1 else ''}."
            )
        if short:
            n_short = sum(g.voters for g in short)
            low = min(g.amount for g in short)
            high = max(g.amount for g in short)
            amounts = money(low) if low == high else f"between {money(low)} and {money(high)}"
            out.append(f"{_people(n_short)} paid less ({amounts}): all the money they had left.")
        return out
    if p.reason == NO_SUPPORT:
        return ["Not funded. Nobody voted for it."]
    if p.reason == NO_WEIGHT:
        if ex.satisfaction == "borda":
            why = "everyone who ranked it put it last, and a last place scores nothing"
        elif ex.satisfaction == "cost":
            why = "a vote counts by what the project costs, and it costs nothing"
        else:
            why = "nobody gave it any points"
        return [f"Not funded. The way votes are counted here gives it no weight: {why}."]
    if p.reason == DID_NOT_FIT:
        return [
            f"Not funded. When its turn came only {money(p.left_at_turn)} was left, and it costs {money(p.cost)}."
        ]
    between = " between them" if p.supporters != 1 else ""
    if p.supporters_spent:
        had = f"had {money(p.supporters_held)} left{between} after paying towards projects they also backed"
    else:
        had = f"had {money(p.supporters_held)}{between}"
    out = [
        f"Not funded. The {_people(p.supporters)} who voted for it {had}; it costs {money(p.cost)}."
    ]
    if p.spent_on:
        # The three projects they spent most on, so the sentence stays readable.
        top = sorted(p.spent_on, key=lambda qa: -qa[1])[:3]
        names = [f"{_name(ex, q)} ({money(a)})" for q, a in top]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        spent = money(p.supporters_spent)
        if len(p.spent_on) == len(top):
            out.append(f"They had spent {spent} on {listed}.")
        else:
            out.append(
                f"They had spent {spent} on {len(p.spent_on)} funded projects, the most on {listed}."
            )
    if p.left_at_turn is not None:
        out.append(
            f"The {money(p.left_at_turn)} left over afterwards was not enough for it either."
        )
    return out


def _name(ex: Explanation, project_id: str) -> str:
    p = ex.project(project_id)
    return p.name or f"project {project_id}"
