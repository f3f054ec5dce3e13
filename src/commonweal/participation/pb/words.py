"""Plain-English sentences saying why a project was or was not funded, and money as text.

The sentences are :class:`~.messages.Message` values, translated where they are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from commonweal.messages import (
    Message,
    gettext_noop,
    join_names,
    message,
    ngettext_noop,
    plural_message,
)

from .explanation import (
    BY_GREEDY,
    DID_NOT_FIT,
    FREE,
    NO_SUPPORT,
    NO_WEIGHT,
    TOPPED_UP,
    Explanation,
    FundedProject,
    UnfundedProject,
)
from .outcome import Number


def format_money(amount: Number, currency: str = "£") -> str:
    """``£9,600`` for whole amounts, ``£45.20`` otherwise (rounded half up to 2 places)."""
    amount = Fraction(amount)
    if amount.denominator == 1:
        return f"{currency}{amount.numerator:,}"
    pennies = (amount * 100 + Fraction(1, 2)).__floor__()
    sign = "-" if pennies < 0 else ""
    whole, part = divmod(abs(pennies), 100)
    return f"{sign}{currency}{whole:,}.{part:02d}"


def _count(count: int) -> str:
    return f"{count:,}"


LEFT_WHEN_ITS_TURN_CAME = gettext_noop(
    "%(left)s was left when its turn came, enough for its %(cost)s cost."
)


def messages(ex: Explanation, p: FundedProject | UnfundedProject, currency: str) -> list[Message]:
    """Why ``p`` was or was not funded, sentence by sentence."""

    def money(x: Number) -> str:
        return format_money(x, currency)

    if isinstance(p, FundedProject):
        return _funded(ex, p, money)
    return _unfunded(ex, p, money)


def _funded(ex: Explanation, p: FundedProject, money: Callable[[Number], str]) -> list[Message]:
    if p.how == FREE:
        return [message(gettext_noop("Funded. It costs nothing, and people voted for it."))]
    if p.how in (TOPPED_UP, BY_GREEDY):
        assert p.left_before is not None  # set for every greedy and top-up purchase
        left = message(LEFT_WHEN_ITS_TURN_CAME, left=money(p.left_before), cost=money(p.cost))
        if p.how == TOPPED_UP:
            return [message(gettext_noop("Funded afterwards with money left over.")), left]
        if not p.votes:
            first = message(
                gettext_noop("Funded. Nobody voted for it, but it still fitted in the money left.")
            )
        else:
            first = plural_message(
                ngettext_noop(
                    "Funded. %(count)s person voted for it.",
                    "Funded. %(count)s people voted for it.",
                ),
                p.votes,
                count=_count(p.votes),
            )
        return [first, left]
    full = [g for g in p.payment_groups if not g.all_they_had]
    short = [g for g in p.payment_groups if g.all_they_had]
    if len(p.payment_groups) == 1:
        g = p.payment_groups[0]
        lead = plural_message(
            ngettext_noop(
                "Funded. %(count)s person who voted for it paid %(amount)s of its %(cost)s cost.",
                "Funded. %(count)s people who voted for it each paid %(amount)s of its %(cost)s cost.",
            ),
            g.voters,
            count=_count(g.voters),
            amount=money(g.amount),
            cost=money(p.cost),
        )
        if not short:
            return [lead]
        return [lead, message(gettext_noop("That was all the money they had left."))]
    out = [
        plural_message(
            ngettext_noop(
                "Funded. %(count)s person who voted for it paid its %(cost)s cost.",
                "Funded. %(count)s people who voted for it paid its %(cost)s cost between them.",
            ),
            p.payers,
            count=_count(p.payers),
            cost=money(p.cost),
        )
    ]
    if ex.satisfaction in ("cardinal", "borda"):
        out.append(message(gettext_noop("Each paid in proportion to the points they gave it.")))
    for g in full:
        out.append(
            plural_message(
                ngettext_noop(
                    "%(count)s person paid %(amount)s.", "%(count)s people paid %(amount)s each."
                ),
                g.voters,
                count=_count(g.voters),
                amount=money(g.amount),
            )
        )
    if short:
        n_short = sum(g.voters for g in short)
        low = min(g.amount for g in short)
        high = max(g.amount for g in short)
        if low == high:
            out.append(
                plural_message(
                    ngettext_noop(
                        "%(count)s person paid less (%(amount)s): all the money they had left.",
                        "%(count)s people paid less (%(amount)s): all the money they had left.",
                    ),
                    n_short,
                    count=_count(n_short),
                    amount=money(low),
                )
            )
        else:
            out.append(
                plural_message(
                    ngettext_noop(
                        "%(count)s person paid less (between %(low)s and %(high)s): "
                        "all the money they had left.",
                        "%(count)s people paid less (between %(low)s and %(high)s): "
                        "all the money they had left.",
                    ),
                    n_short,
                    count=_count(n_short),
                    low=money(low),
                    high=money(high),
                )
            )
    return out


def _unfunded(ex: Explanation, p: UnfundedProject, money: Callable[[Number], str]) -> list[Message]:
    if p.reason == NO_SUPPORT:
        return [message(gettext_noop("Not funded. Nobody voted for it."))]
    if p.reason == NO_WEIGHT:
        if ex.satisfaction == "borda":
            why = gettext_noop(
                "Not funded. The way votes are counted here gives it no weight: everyone who "
                "ranked it put it last, and a last place scores nothing."
            )
        elif ex.satisfaction == "cost":
            why = gettext_noop(
                "Not funded. The way votes are counted here gives it no weight: a vote counts by "
                "what the project costs, and it costs nothing."
            )
        else:
            why = gettext_noop(
                "Not funded. The way votes are counted here gives it no weight: nobody gave it any "
                "points."
            )
        return [message(why)]
    if p.reason == DID_NOT_FIT:
        assert p.left_at_turn is not None  # greedy says what was left when its turn came
        return [
            message(
                gettext_noop(
                    "Not funded. When its turn came only %(left)s was left, and it costs %(cost)s."
                ),
                left=money(p.left_at_turn),
                cost=money(p.cost),
            )
        ]
    # SUPPORTERS_SHORT: MES says who supported it and what they held.
    assert p.supporters is not None and p.supporters_held is not None
    if p.supporters_spent:
        forms = ngettext_noop(
            "Not funded. The %(count)s person who voted for it had %(held)s left after paying "
            "towards projects they also backed; it costs %(cost)s.",
            "Not funded. The %(count)s people who voted for it had %(held)s left between them "
            "after paying towards projects they also backed; it costs %(cost)s.",
        )
    else:
        forms = ngettext_noop(
            "Not funded. The %(count)s person who voted for it had %(held)s; it costs %(cost)s.",
            "Not funded. The %(count)s people who voted for it had %(held)s between them; "
            "it costs %(cost)s.",
        )
    out = [
        plural_message(
            forms,
            p.supporters,
            count=_count(p.supporters),
            held=money(p.supporters_held),
            cost=money(p.cost),
        )
    ]
    if p.spent_on:
        assert p.supporters_spent is not None
        # The three projects they spent most on, so the sentence stays readable.
        top = sorted(p.spent_on, key=lambda qa: -qa[1])[:3]
        listed = join_names(
            [
                message(
                    gettext_noop("%(project)s (%(amount)s)"), project=_name(ex, q), amount=money(a)
                )
                for q, a in top
            ]
        )
        spent = money(p.supporters_spent)
        if len(p.spent_on) == len(top):
            out.append(
                message(
                    gettext_noop("They had spent %(spent)s on %(listed)s."),
                    spent=spent,
                    listed=listed,
                )
            )
        else:
            out.append(
                plural_message(
                    ngettext_noop(
                        "They had spent %(spent)s on %(count)s funded project, the most on %(listed)s.",
                        "They had spent %(spent)s on %(count)s funded projects, the most on %(listed)s.",
                    ),
                    len(p.spent_on),
                    count=str(len(p.spent_on)),
                    spent=spent,
                    listed=listed,
                )
            )
    if p.left_at_turn is not None:
        out.append(
            message(
                gettext_noop("The %(left)s left over afterwards was not enough for it either."),
                left=money(p.left_at_turn),
            )
        )
    return out


def _name(ex: Explanation, project_id: str) -> str | Message:
    p = ex.project(project_id)
    return p.name or message(gettext_noop("project %(id)s"), id=project_id)
