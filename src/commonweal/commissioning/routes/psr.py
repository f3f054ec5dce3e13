"""The Provider Selection Regime's five processes, for health care bought by NHS bodies and local
authorities in England (S.I. 2023/1348, regulation 6 decides which process may be followed)."""

from __future__ import annotations

from commonweal.commissioning.routes.common import (
    NO_MARKET,
    PSR_OUTSIDE_ACT,
    psr_follows,
    ref_psr,
    verdict,
)
from commonweal.commissioning.routes.model import Buyer, Route, RouteAdvice, RuledOut, ServiceKind
from commonweal.commissioning.routes.situation import Regime, Situation
from commonweal.core.policy import Jurisdiction
from commonweal.messages import Message, gettext_noop, message

CHOOSING = ref_psr("regulation/6", "regulation 6 (which process to follow)")
STANDSTILL = ref_psr("regulation/12", "regulation 12 (standstill)")


def _said(template: str) -> Message:
    return message(template)


def outside_psr(s: Situation) -> list[RuledOut]:
    """Why the Provider Selection Regime does not apply to these answers."""
    if s.regime is Regime.PSR:
        return []
    a = s.answers
    ruled = []
    if a.service_kind is not ServiceKind.HEALTH_CARE:
        ruled.append(
            RuledOut(
                "service_kind",
                _said(
                    gettext_noop("The Provider Selection Regime is only for health care services.")
                ),
            )
        )
    if a.jurisdiction is not Jurisdiction.ENGLAND:
        ruled.append(
            RuledOut(
                "jurisdiction",
                _said(gettext_noop("The Provider Selection Regime applies in England only.")),
            )
        )
    if a.buyer is Buyer.CENTRAL_GOVERNMENT:
        ruled.append(
            RuledOut(
                "buyer",
                _said(
                    gettext_noop(
                        "The Provider Selection Regime is for NHS bodies and local authorities, "
                        "not central government departments."
                    )
                ),
            )
        )
    if not ruled:
        ruled.append(
            RuledOut(
                "starts_on",
                _said(
                    gettext_noop(
                        "The Provider Selection Regime applies to procurements from 1 January 2024."
                    )
                ),
            )
        )
    return ruled


def _must_follow_a(s: Situation) -> bool:
    return s.answers.incumbent and not s.answers.market_exists


def _must_follow_b(s: Situation) -> bool:
    return s.answers.users_choose_provider and not _must_follow_a(s)


ONLY_A = RuledOut(
    "market_exists",
    _said(
        gettext_noop(
            "You said there is an existing provider and nobody else could deliver it, so direct "
            "award process A must be followed instead (regulation 6(3))."
        )
    ),
)
ONLY_B = RuledOut(
    "users_choose_provider",
    _said(
        gettext_noop(
            "Patients choose their provider, so direct award process B must be followed instead "
            "(regulation 6(4))."
        )
    ),
)


def _mandatory_first(s: Situation) -> list[RuledOut]:
    """Processes A and B must be followed where their conditions are met."""
    if _must_follow_a(s):
        return [ONLY_A]
    if _must_follow_b(s):
        return [ONLY_B]
    return []


def _follows(s: Situation, *, standstill: bool) -> list[Message]:
    return psr_follows(s, standstill=standstill) if s.regime is Regime.PSR else []


RELEVANT_AUTHORITY = _said(
    gettext_noop(
        "You must be a relevant authority: NHS England, an integrated care board, an NHS trust "
        "or foundation trust, or a local authority or combined authority in England."
    )
)
KEY_CRITERIA = _said(
    gettext_noop(
        "Weigh the key criteria: quality and innovation, value, integration and collaboration, "
        "access and inequalities, and social value."
    )
)


def direct_award_a(s: Situation) -> RouteAdvice:
    a = s.answers
    ruled = outside_psr(s)
    if not ruled:
        if not a.incumbent:
            ruled.append(
                RuledOut(
                    "incumbent",
                    _said(
                        gettext_noop(
                            "Process A is for an existing provider, and you said nobody delivers "
                            "it now."
                        )
                    ),
                )
            )
        if a.market_exists:
            ruled.append(
                RuledOut(
                    "market_exists",
                    _said(
                        gettext_noop(
                            "Process A is only for when the existing provider is the only one "
                            "capable, and you said others could deliver it."
                        )
                    ),
                )
            )
    return verdict(
        Route.PSR_DIRECT_AWARD_A,
        ruled_out=ruled,
        why=[
            _said(
                gettext_noop(
                    "Only the existing provider can deliver it, so you must follow direct award "
                    "process A (regulation 6(3))."
                )
            )
        ],
        requires=[
            RELEVANT_AUTHORITY,
            _said(
                gettext_noop(
                    "Be satisfied, and record why, that the nature of the service means only "
                    "the existing provider can deliver it. Not for a framework agreement."
                )
            ),
        ],
        risks=[
            _said(
                gettext_noop(
                    "If another provider could realistically deliver it, the award can be "
                    "questioned: record the evidence."
                )
            )
        ],
        follows=_follows(s, standstill=False),
        references=[
            CHOOSING,
            ref_psr("regulation/7", "regulation 7 (direct award process A)"),
            PSR_OUTSIDE_ACT,
        ],
    )


def direct_award_b(s: Situation) -> RouteAdvice:
    ruled = outside_psr(s)
    if not ruled:
        if _must_follow_a(s):
            ruled.append(ONLY_A)
        elif not s.answers.users_choose_provider:
            ruled.append(
                RuledOut(
                    "users_choose_provider",
                    _said(
                        gettext_noop(
                            "Process B is for services where patients choose their provider, and "
                            "you said they do not."
                        )
                    ),
                )
            )
    return verdict(
        Route.PSR_DIRECT_AWARD_B,
        ruled_out=ruled,
        why=[
            _said(
                gettext_noop(
                    "Patients choose their provider, so you must follow direct award process B: "
                    "offer a contract to every provider that meets your requirements "
                    "(regulation 6(4))."
                )
            )
        ],
        requires=[
            RELEVANT_AUTHORITY,
            _said(
                gettext_noop(
                    "Do not limit the number of providers, offer contracts to all who meet the "
                    "requirements, and let providers express an interest at any time."
                )
            ),
        ],
        risks=[
            _said(
                gettext_noop("You cannot control how many providers join, or plan their capacity.")
            )
        ],
        follows=_follows(s, standstill=False),
        references=[
            CHOOSING,
            ref_psr("regulation/8", "regulation 8 (direct award process B)"),
            PSR_OUTSIDE_ACT,
        ],
    )


def direct_award_c(s: Situation) -> RouteAdvice:
    a = s.answers
    ruled = outside_psr(s)
    if not ruled:
        ruled += _mandatory_first(s)
        if not a.incumbent:
            ruled.append(
                RuledOut(
                    "incumbent",
                    _said(
                        gettext_noop(
                            "Process C renews an existing contract, and you said nobody delivers "
                            "it now."
                        )
                    ),
                )
            )
        elif not a.incumbent_satisfactory:
            ruled.append(
                RuledOut(
                    "incumbent_satisfactory",
                    _said(
                        gettext_noop(
                            "Process C needs the existing provider to be doing well and the "
                            "service not to change considerably, and you said that is not so."
                        )
                    ),
                )
            )
    return verdict(
        Route.PSR_DIRECT_AWARD_C,
        ruled_out=ruled,
        why=[
            _said(
                gettext_noop(
                    "The existing provider delivers well and the service will not change "
                    "considerably, so you may renew with them under direct award process C "
                    "(regulation 6(5))."
                )
            )
        ],
        requires=[
            RELEVANT_AUTHORITY,
            KEY_CRITERIA,
            _said(
                gettext_noop(
                    "Assess the existing provider against the key criteria, and check the "
                    "considerable change threshold in regulation 6 is not met."
                )
            ),
        ],
        risks=[
            _said(
                gettext_noop(
                    "Renewing again and again can shut new providers out: test the market now "
                    "and then."
                )
            )
        ],
        follows=_follows(s, standstill=True),
        references=[
            CHOOSING,
            ref_psr("regulation/9", "regulation 9 (direct award process C)"),
            STANDSTILL,
        ],
    )


def most_suitable_provider(s: Situation) -> RouteAdvice:
    a = s.answers
    ruled = outside_psr(s)
    if not ruled:
        ruled += _mandatory_first(s)
    why = [
        _said(
            gettext_noop(
                "You may award without a competition if you can identify the most suitable "
                "provider against the key criteria (regulation 6)."
            )
        )
    ]
    if a.incumbent and a.incumbent_satisfactory:
        why.append(_said(gettext_noop("Direct award process C may also be open to you.")))
    return verdict(
        Route.PSR_MOST_SUITABLE_PROVIDER,
        ruled_out=ruled,
        why=why,
        requires=[
            RELEVANT_AUTHORITY,
            KEY_CRITERIA,
            _said(
                gettext_noop(
                    "Consider the providers you know could deliver it, assess them against the "
                    "key criteria, and record your decision."
                )
            ),
        ],
        risks=[
            _said(
                gettext_noop(
                    "Providers you did not consider may make representations during the standstill."
                )
            )
        ],
        follows=_follows(s, standstill=True),
        references=[
            CHOOSING,
            ref_psr("regulation/10", "regulation 10 (the most suitable provider process)"),
            STANDSTILL,
        ],
    )


def competitive_process(s: Situation) -> RouteAdvice:
    ruled = outside_psr(s)
    if not ruled:
        ruled += _mandatory_first(s)
        if not s.answers.market_exists and not _must_follow_a(s):
            ruled.append(RuledOut("market_exists", NO_MARKET))
    return verdict(
        Route.PSR_COMPETITIVE,
        ruled_out=ruled,
        why=[
            _said(
                gettext_noop(
                    "Several providers could deliver it: a competition tests who offers the best "
                    "service against the key criteria (regulation 11)."
                )
            )
        ],
        requires=[
            RELEVANT_AUTHORITY,
            KEY_CRITERIA,
            _said(
                gettext_noop(
                    "Publish a notice inviting providers, set basic selection criteria, and "
                    "assess offers against the key criteria."
                )
            ),
        ],
        risks=[
            _said(
                gettext_noop(
                    "A competition costs providers, and you, more time than a direct award."
                )
            )
        ],
        follows=_follows(s, standstill=True),
        references=[
            CHOOSING,
            ref_psr("regulation/11", "regulation 11 (the competitive process)"),
            STANDSTILL,
        ],
    )


PSR_ROUTES = {
    Route.PSR_DIRECT_AWARD_A: direct_award_a,
    Route.PSR_DIRECT_AWARD_B: direct_award_b,
    Route.PSR_DIRECT_AWARD_C: direct_award_c,
    Route.PSR_MOST_SUITABLE_PROVIDER: most_suitable_provider,
    Route.PSR_COMPETITIVE: competitive_process,
}
