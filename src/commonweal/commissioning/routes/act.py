"""The Procurement Act 2023's procedures: below-threshold contracts, the open and the competitive
flexible procedures, and light touch contracts."""

from __future__ import annotations

from commonweal.commissioning.routes.common import (
    AWARD,
    LIGHT_TOUCH_SERVICES,
    NO_MARKET,
    above_why,
    act_only,
    below_threshold,
    below_threshold_follows,
    public_contract_follows,
    ref_act,
    said,
    verdict,
)
from commonweal.commissioning.routes.model import Reference, Route, RouteAdvice, RuledOut
from commonweal.commissioning.routes.situation import Regime, Situation, money
from commonweal.core.policy import (
    Jurisdiction,
)
from commonweal.messages import Message, gettext_noop

LIGHT_TOUCH_GUIDANCE = Reference(
    "Procurement Act 2023 guidance: light touch contracts (Cabinet Office)",
    "https://www.gov.uk/government/publications/procurement-act-2023-guidance-documents-plan-phase/"
    "guidance-light-touch-contracts-html",
)


def below_threshold_contract(s: Situation) -> RouteAdvice:
    a = s.answers
    ruled = act_only(s)
    if s.regime is Regime.ACT and s.above:
        assert s.threshold is not None
        ruled.append(
            RuledOut(
                "estimated_value",
                said(
                    gettext_noop(
                        "£%(value)s is at or above the threshold of £%(threshold)s, so it is a "
                        "public contract and the Act's full rules apply."
                    ),
                    value=money(a.estimated_value),
                    threshold=money(s.threshold),
                ),
            )
        )
    why = []
    if s.regime is Regime.ACT and not s.above:
        assert s.threshold is not None and s.threshold_kind is not None
        why = [
            said(
                gettext_noop("£%(value)s is below the threshold of £%(threshold)s for %(kind)s."),
                value=money(a.estimated_value),
                threshold=money(s.threshold),
                kind=s.threshold_kind,
            ),
            said(
                gettext_noop(
                    "You may ask for quotes, advertise, or award directly, as your own contract "
                    "rules allow."
                )
            ),
        ]
    requires = [
        said(
            gettext_noop(
                "If you invite tenders, do not shortlist providers by their suitability, such as "
                "turnover or experience, before they tender (section 85). You may assess it "
                "with the tenders."
            )
        ),
        said(
            gettext_noop(
                "Estimate the whole value, including VAT and extensions (Schedule 3). Never "
                "split a need to stay below the threshold."
            )
        ),
    ]
    if a.jurisdiction is Jurisdiction.WALES:
        requires.append(
            said(
                gettext_noop(
                    "Section 85 does not apply to devolved Welsh authorities (section 85(5)): "
                    "check the Procurement (Wales) Regulations 2024."
                )
            )
        )
    return verdict(
        Route.BELOW_THRESHOLD,
        ruled_out=ruled,
        why=why,
        requires=requires,
        risks=[
            said(
                gettext_noop(
                    "Awarding without testing the market risks poor value: ask several "
                    "providers, including small local ones."
                )
            )
        ],
        follows=below_threshold_follows(s) if s.regime is Regime.ACT else [],
        references=[
            ref_act("part/6", "Part 6 (below-threshold contracts), sections 84 to 88"),
            ref_act("schedule/3", "Schedule 3 (estimating the value of a contract)"),
        ],
    )


def _competition_ruled_out(s: Situation) -> list[RuledOut]:
    ruled = act_only(s)
    if s.regime is Regime.ACT and not s.above:
        ruled.append(
            below_threshold(s, said(gettext_noop("the Act's procedures are not required.")))
        )
    if not s.answers.market_exists:
        ruled.append(RuledOut("market_exists", NO_MARKET))
    return ruled


def _competition_why(s: Situation) -> list[Message]:
    if s.regime is not Regime.ACT:
        return []
    return [
        above_why(s),
        said(
            gettext_noop("Several providers could deliver it, so a competition can find the best.")
        ),
    ]


def open_procedure(s: Situation) -> RouteAdvice:
    return verdict(
        Route.OPEN,
        ruled_out=_competition_ruled_out(s),
        why=_competition_why(s),
        requires=[
            said(
                gettext_noop(
                    "A tender notice and tender documents that set out the award criteria and "
                    "their weights (sections 21 and 23)."
                )
            ),
            said(
                gettext_noop(
                    "Conditions of participation, such as turnover or insurance, only where "
                    "proportionate to the contract (section 22)."
                )
            ),
            said(gettext_noop("Tell every bidder how their tender scored (section 50).")),
        ],
        risks=[
            said(gettext_noop("One round only: you cannot negotiate or refine the tenders.")),
            said(
                gettext_noop(
                    "A heavy weight on price invites bids too low to deliver the service well."
                )
            ),
        ],
        follows=public_contract_follows(s),
        references=[ref_act("section/20", "section 20(2)(a) (the open procedure)"), AWARD],
    )


def competitive_flexible(s: Situation) -> RouteAdvice:
    why = _competition_why(s)
    if why and s.answers.needs_innovation:
        why.append(
            said(
                gettext_noop(
                    "You need something new: you can design stages to develop it with providers."
                )
            )
        )
    if why and s.light_touch_kind:
        why.append(
            said(
                gettext_noop(
                    "For services to people you can involve the people who use them in the stages."
                )
            )
        )
    return verdict(
        Route.COMPETITIVE_FLEXIBLE,
        ruled_out=_competition_ruled_out(s),
        why=why,
        requires=[
            said(
                gettext_noop(
                    "Set out the stages, and how you will shortlist and assess, in the tender "
                    "notice and documents before you start (section 20)."
                )
            ),
            said(gettext_noop("Treat every provider equally at every stage.")),
        ],
        risks=[
            said(
                gettext_noop(
                    "Each extra stage costs small providers time and money: keep it proportionate."
                )
            )
        ],
        follows=public_contract_follows(s),
        references=[
            ref_act("section/20", "section 20(2)(b) (the competitive flexible procedure)"),
            AWARD,
        ],
    )


def light_touch(s: Situation) -> RouteAdvice:
    ruled = act_only(s)
    if not s.light_touch_kind:
        ruled.append(
            RuledOut(
                "service_kind",
                said(
                    gettext_noop(
                        "Only services to people listed as light touch services (such as social "
                        "care, health and education) can be light touch contracts."
                    )
                ),
            )
        )
    elif s.regime is Regime.ACT and not s.above:
        ruled.append(
            below_threshold(s, said(gettext_noop("it is not a light touch public contract.")))
        )
    why = []
    if s.regime is Regime.ACT and s.light_touch_kind and s.above:
        why = [
            above_why(s),
            said(
                gettext_noop(
                    "It is a service to people, so the Act's flexibilities for light touch "
                    "contracts apply."
                )
            ),
        ]
    return verdict(
        Route.LIGHT_TOUCH,
        ruled_out=ruled,
        why=why,
        requires=[
            said(
                gettext_noop(
                    "Check the service's CPV code is listed in Schedule 1 to the Procurement "
                    "Regulations 2024."
                )
            ),
            said(
                gettext_noop(
                    "Run the open or the competitive flexible procedure, or a direct award where "
                    "Schedule 5 allows it, such as a user choice contract."
                )
            ),
        ],
        risks=[
            said(
                gettext_noop(
                    "Light touch is not no rules: the Act's notices and procedures still apply."
                )
            )
        ],
        follows=public_contract_follows(s),
        references=[
            ref_act("section/9", "section 9 (light touch contracts)"),
            LIGHT_TOUCH_SERVICES,
            LIGHT_TOUCH_GUIDANCE,
        ],
    )


ACT_ROUTES = {
    Route.BELOW_THRESHOLD: below_threshold_contract,
    Route.OPEN: open_procedure,
    Route.COMPETITIVE_FLEXIBLE: competitive_flexible,
    Route.LIGHT_TOUCH: light_touch,
}
