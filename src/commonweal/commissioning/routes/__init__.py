"""The route advisor: from a commissioner's answers, every route to market with whether and why
it fits, which answer rules it out, what it requires, its risks, what follows and the law.

Plain Python (the ``commissioning-rules`` import contract): the law's figures come from
``core.policy`` for the day the procurement would start, and every sentence is a ``Message``.
A route never fits when an answer contradicts its conditions; a route that does not fit names
the questions whose answers ruled it out.

- ``model``: the answers, a route's verdict, the advice, their JSON.
- ``questions``: the questions, in the order the pages ask them.
- ``situation``: which law applies, and the threshold for the day the procurement starts.
- ``common``: references, the answers that close a family of routes, what follows an award.
- ``funding``, ``contracting``, ``act``, ``act_awards``, ``psr``: the rules of each route.
"""

from commonweal.commissioning.routes.act import ACT_ROUTES
from commonweal.commissioning.routes.act_awards import AWARD_ROUTES
from commonweal.commissioning.routes.contracting import ALLIANCE_MIN_MONTHS, CONTRACTING_ROUTES
from commonweal.commissioning.routes.funding import FUNDING_ROUTES, INVESTMENT_MIN_MONTHS
from commonweal.commissioning.routes.model import (
    LIGHT_TOUCH_KINDS,
    NOT_LEGAL_ADVICE,
    Advice,
    Answers,
    Buyer,
    InvalidAnswer,
    Reference,
    Route,
    RouteAdvice,
    RuledOut,
    ServiceKind,
)
from commonweal.commissioning.routes.names import ROUTE_NAMES, ROUTE_SUMMARIES
from commonweal.commissioning.routes.psr import PSR_ROUTES
from commonweal.commissioning.routes.questions import (
    QUESTIONS,
    QUESTIONS_BY_KEY,
    Question,
    said_yes,
)
from commonweal.commissioning.routes.situation import regime_message, situation_for

_RULES = {**FUNDING_ROUTES, **CONTRACTING_ROUTES, **ACT_ROUTES, **AWARD_ROUTES, **PSR_ROUTES}
assert set(_RULES) == set(Route), "every route has its rule"


def advise(answers: Answers) -> Advice:
    """Every route, with whether and why it fits these answers (those that fit first)."""
    situation = situation_for(answers)
    verdicts = [_RULES[route](situation) for route in Route]
    verdicts.sort(key=lambda verdict: not verdict.fits)  # stable: route order within each group
    return Advice(
        answers=answers,
        regime=regime_message(situation),
        threshold=situation.threshold,
        threshold_source=situation.threshold_source,
        above_threshold=situation.above,
        routes=tuple(verdicts),
    )


__all__ = [
    "ALLIANCE_MIN_MONTHS",
    "INVESTMENT_MIN_MONTHS",
    "LIGHT_TOUCH_KINDS",
    "NOT_LEGAL_ADVICE",
    "QUESTIONS",
    "QUESTIONS_BY_KEY",
    "ROUTE_NAMES",
    "ROUTE_SUMMARIES",
    "Advice",
    "Answers",
    "Buyer",
    "InvalidAnswer",
    "Question",
    "Reference",
    "Route",
    "RouteAdvice",
    "RuledOut",
    "ServiceKind",
    "advise",
    "said_yes",
]
