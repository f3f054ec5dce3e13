"""The Procurement Act 2023's special routes: contracts reserved for public service mutuals,
direct award, call-offs from frameworks and dynamic markets."""

from __future__ import annotations

from commonweal.commissioning.routes.common import (
    COMPETITIVE_PROCEDURES,
    LIGHT_TOUCH_SERVICES,
    NO_MARKET,
    above_why,
    act_award_follows,
    act_only,
    below_threshold,
    procurement_follows,
    public_contract_follows,
    ref_act,
    said,
    verdict,
)
from commonweal.commissioning.routes.model import Reference, Route, RouteAdvice, RuledOut
from commonweal.commissioning.routes.situation import Regime, Situation
from commonweal.core.policy import (
    RESERVED_MUTUAL_CONTRACTS,
    ReservedMutualContracts,
    in_force,
)
from commonweal.messages import Message, gettext_noop

DIRECT_AWARD_GUIDANCE = Reference(
    "Procurement Act 2023 guidance: direct award (Cabinet Office)",
    "https://www.gov.uk/government/publications/procurement-act-2023-guidance-documents-define-phase/"
    "direct-award-html",
)


def _mutual_limits(s: Situation) -> ReservedMutualContracts | None:
    if s.regime is not Regime.ACT:
        return None
    a = s.answers
    return in_force(RESERVED_MUTUAL_CONTRACTS, a.starts_on, a.jurisdiction).value


def reserved_mutual(s: Situation) -> RouteAdvice:
    a = s.answers
    limits = _mutual_limits(s)
    ruled = act_only(s)
    if not s.light_touch_kind:
        ruled.append(
            RuledOut(
                "service_kind",
                said(
                    gettext_noop(
                        "Only light touch services of the kinds listed as reservable can be "
                        "reserved for public service mutuals (section 33)."
                    )
                ),
            )
        )
    elif s.regime is Regime.ACT and not s.above:
        ruled.append(below_threshold(s, said(gettext_noop("section 33 does not apply."))))
    if not a.mutuals_in_market:
        ruled.append(
            RuledOut(
                "mutuals_in_market",
                said(gettext_noop("You said no public service mutual could deliver it.")),
            )
        )
    if limits is not None and a.duration_months > limits.max_term_years * 12:
        ruled.append(
            RuledOut(
                "duration_months",
                said(
                    gettext_noop(
                        "A reserved contract may last %(years)s years at most (section 33), and "
                        "you said %(months)s months."
                    ),
                    years=limits.max_term_years,
                    months=a.duration_months,
                ),
            )
        )
    why = []
    if limits is not None:
        why = [
            said(
                gettext_noop(
                    "It is a service to people that public service mutuals could deliver, and "
                    "%(months)s months is within the %(years)s years allowed."
                ),
                months=a.duration_months,
                years=limits.max_term_years,
            )
        ]
    requires = [
        said(
            gettext_noop(
                "The service must be marked as reservable in Schedule 1 to the Procurement "
                "Regulations 2024."
            )
        ),
        said(
            gettext_noop(
                "Use the competitive flexible procedure and say that only qualifying public "
                "service mutuals may take part (section 33)."
            )
        ),
        said(
            gettext_noop(
                "A mutual must exist to deliver public services, not make private profit (or "
                "share profits only among its members), and be managed and controlled by its "
                "staff (section 33(6))."
            )
        ),
    ]
    if limits is not None:
        requires += [
            said(
                gettext_noop("The contract's maximum term must be %(years)s years or less."),
                years=limits.max_term_years,
            ),
            said(
                gettext_noop(
                    "A mutual that won a reserved contract for the same kind of services from "
                    "you in the last %(years)s years cannot win this one (section 33(5))."
                ),
                years=limits.previous_award_years,
            ),
        ]
    return verdict(
        Route.RESERVED_MUTUAL,
        ruled_out=ruled,
        why=why,
        requires=requires,
        risks=[
            said(
                gettext_noop(
                    "Few mutuals may bid: test the market before you reserve the contract."
                )
            )
        ],
        follows=public_contract_follows(s),
        references=[
            ref_act("section/33", "section 33 (reserving contracts to public service mutuals)"),
            LIGHT_TOUCH_SERVICES,
        ],
    )


def direct_award(s: Situation) -> RouteAdvice:
    a = s.answers
    user_choice = a.users_choose_provider and s.light_touch_kind
    ruled = act_only(s)
    if s.regime is Regime.ACT and not s.above:
        ruled.append(
            below_threshold(
                s,
                said(
                    gettext_noop(
                        "no Schedule 5 justification is needed: below the threshold you may "
                        "award directly."
                    )
                ),
            )
        )
    if a.market_exists and not user_choice:
        ruled.append(
            RuledOut(
                "market_exists",
                said(
                    gettext_noop(
                        "Several providers could deliver it, so the single supplier "
                        "justifications in Schedule 5 do not apply."
                    )
                ),
            )
        )
        if not a.users_choose_provider:
            ruled.append(
                RuledOut(
                    "users_choose_provider",
                    said(
                        gettext_noop(
                            "The people who use it do not choose their provider, so it is not a "
                            "user choice contract."
                        )
                    ),
                )
            )
        else:
            ruled.append(
                RuledOut(
                    "service_kind",
                    said(
                        gettext_noop(
                            "Only light touch services can be awarded directly as user choice "
                            "contracts (Schedule 5)."
                        )
                    ),
                )
            )
    why = []
    if s.regime is Regime.ACT and s.above:
        why.append(above_why(s))
        if not a.market_exists:
            why.append(
                said(
                    gettext_noop(
                        "Only one provider can deliver it. Schedule 5 allows a direct award where, "
                        "because of exclusive rights or for technical reasons, only one supplier "
                        "can, and there is no reasonable alternative."
                    )
                )
            )
        if user_choice:
            why.append(
                said(
                    gettext_noop(
                        "The people who use it choose their provider. Schedule 5 allows a direct "
                        "award of a user choice contract for light touch services."
                    )
                )
            )
    user_choice_path = user_choice and a.market_exists
    follows = public_contract_follows(s, standstill=not user_choice_path)
    if follows and user_choice_path:
        follows.insert(
            0,
            said(
                gettext_noop(
                    "A user choice contract needs no contract award notice and no standstill "
                    "(section 50(6))."
                )
            ),
        )
    return verdict(
        Route.DIRECT_AWARD,
        ruled_out=ruled,
        why=why,
        requires=[
            said(gettext_noop("Publish a transparency notice before you award (section 44).")),
            said(
                gettext_noop(
                    "Record which Schedule 5 justification applies and the evidence for it."
                )
            ),
            said(gettext_noop("Check the provider is not an excluded supplier (section 41).")),
        ],
        risks=[
            said(
                gettext_noop(
                    "A direct award is the route most often challenged: keep your evidence."
                )
            ),
            said(
                gettext_noop(
                    "Without competition, test value for money another way, such as comparing "
                    "prices with similar services."
                )
            ),
        ],
        follows=follows,
        references=[
            ref_act("section/41", "section 41 (direct award in special cases)"),
            ref_act("schedule/5", "Schedule 5 (direct award justifications)"),
            ref_act("section/44", "section 44 (transparency notices)"),
            DIRECT_AWARD_GUIDANCE,
        ],
    )


def framework_call_off(s: Situation) -> RouteAdvice:
    a = s.answers
    ruled = act_only(s)
    if not a.framework_available:
        ruled.append(
            RuledOut(
                "framework_available",
                said(gettext_noop("You said no existing framework covers this service.")),
            )
        )
    if not a.market_exists:
        ruled.append(RuledOut("market_exists", NO_MARKET))
    follows: list[Message] = []
    if s.regime is Regime.ACT:
        follows = [
            said(
                gettext_noop(
                    "Publish a contract award notice before you sign (section 50). Section 51 "
                    "makes the standstill voluntary for some awards, such as call-offs from a "
                    "framework: check yours."
                )
            ),
            *act_award_follows(s, standstill=False),
        ]
    return verdict(
        Route.FRAMEWORK_CALL_OFF,
        ruled_out=ruled,
        why=[
            said(
                gettext_noop(
                    "An existing framework covers this service, so you can buy from its "
                    "providers without running a whole procurement."
                )
            )
        ],
        requires=[
            said(
                gettext_noop(
                    "Check your organisation may use the framework, and that it covers this "
                    "service, value and term."
                )
            ),
            said(
                gettext_noop(
                    "Follow the framework's own award process: a direct call-off or a further "
                    "competition between its providers (section 45)."
                )
            ),
        ],
        risks=[
            said(
                gettext_noop(
                    "Only the framework's providers can bid: small local providers may be shut "
                    "out until it reopens."
                )
            )
        ],
        follows=follows,
        references=[ref_act("section/45", "sections 45 to 49 (frameworks)")],
    )


def dynamic_market(s: Situation) -> RouteAdvice:
    a = s.answers
    ruled = act_only(s)
    if not a.market_exists:
        ruled.append(RuledOut("market_exists", NO_MARKET))
    elif not (a.users_choose_provider or a.framework_available):
        ruled += [
            RuledOut(
                "users_choose_provider",
                said(
                    gettext_noop(
                        "A dynamic market pays off where many providers join over time, for "
                        "example when people choose their provider, and you said they do not."
                    )
                ),
            ),
            RuledOut(
                "framework_available",
                said(
                    gettext_noop(
                        "No existing dynamic market covers it, so you would have to set one up "
                        "for a single contract."
                    )
                ),
            ),
        ]
    why = []
    if a.users_choose_provider:
        why.append(
            said(
                gettext_noop(
                    "People choose their provider, so a market any qualified provider can join "
                    "keeps their choice open."
                )
            )
        )
    if a.framework_available:
        why.append(
            said(gettext_noop("An existing dynamic market may cover it: you can buy through it."))
        )
    return verdict(
        Route.DYNAMIC_MARKET,
        ruled_out=ruled,
        why=why,
        requires=[
            said(
                gettext_noop(
                    "Set it up with a dynamic market notice and conditions for joining: any "
                    "provider that meets them may join while it runs (sections 34 to 40)."
                )
            ),
            said(gettext_noop("Award each contract by a competition among its members.")),
        ],
        risks=[
            said(
                gettext_noop(
                    "A dynamic market takes work to run: checking members and running each award."
                )
            )
        ],
        follows=procurement_follows(s) if s.regime is Regime.ACT else [],
        references=[
            ref_act("section/34", "sections 34 to 40 (dynamic markets)"),
            COMPETITIVE_PROCEDURES,
        ],
    )


AWARD_ROUTES = {
    Route.RESERVED_MUTUAL: reserved_mutual,
    Route.DIRECT_AWARD: direct_award,
    Route.FRAMEWORK_CALL_OFF: framework_call_off,
    Route.DYNAMIC_MARKET: dynamic_market,
}
