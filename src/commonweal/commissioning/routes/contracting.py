"""Ways of contracting built on a procedure: an alliance, a strategic partnership with
subcontracting, a pilot or research and development contract, and small lots."""

from __future__ import annotations

from commonweal.commissioning.routes.common import (
    how_procured,
    outside_advisor,
    procedure_law,
    procurement_follows,
    ref_act,
    said,
    verdict,
)
from commonweal.commissioning.routes.model import Reference, Route, RouteAdvice, RuledOut
from commonweal.commissioning.routes.situation import Regime, Situation, money
from commonweal.messages import gettext_noop

# Commonweal's guidance, not law: an alliance needs time to build shared ways of working.
ALLIANCE_MIN_MONTHS = 36

LOTS_GUIDANCE = Reference(
    "Procurement Act 2023 guidance: lots (Cabinet Office)",
    "https://www.gov.uk/government/publications/procurement-act-2023-guidance-documents-define-phase/"
    "guidance-lots-html",
)


def alliance(s: Situation) -> RouteAdvice:
    a = s.answers
    ruled = outside_advisor(s)
    if not a.multi_agency:
        ruled.append(
            RuledOut(
                "multi_agency",
                said(
                    gettext_noop(
                        "An alliance brings several agencies and providers together, and you "
                        "said one agency would commission it."
                    )
                ),
            )
        )
    if a.duration_months < ALLIANCE_MIN_MONTHS:
        ruled.append(
            RuledOut(
                "duration_months",
                said(
                    gettext_noop(
                        "An alliance takes time to build shared ways of working. Commonweal's "
                        "guidance (not law) is at least %(least)s months, and you said %(months)s."
                    ),
                    least=ALLIANCE_MIN_MONTHS,
                    months=a.duration_months,
                ),
            )
        )
    if not a.market_exists:
        ruled.append(
            RuledOut(
                "market_exists",
                said(
                    gettext_noop(
                        "An alliance joins several providers, and you said only one could deliver it."
                    )
                ),
            )
        )
    return verdict(
        Route.ALLIANCE,
        ruled_out=ruled,
        why=[
            said(
                gettext_noop(
                    "Several agencies would commission it together over %(months)s months: an "
                    "alliance lets them pool a budget and share outcomes with the providers."
                ),
                months=a.duration_months,
            )
        ],
        requires=[
            how_procured(s),
            said(
                gettext_noop(
                    "One alliance agreement: shared outcomes, a pooled budget, how decisions are "
                    "made, and how risk and reward are shared."
                )
            ),
            said(gettext_noop("Record each agency's contribution and its conditions in the plan.")),
        ],
        risks=[
            said(gettext_noop("Setting up takes months and needs senior support in every agency.")),
            said(
                gettext_noop(
                    "Small members can carry risks they cannot bear: share risk fairly and pay "
                    "them promptly."
                )
            ),
        ],
        follows=procurement_follows(s),
        references=procedure_law(s),
    )


def strategic_partnership(s: Situation) -> RouteAdvice:
    ruled = outside_advisor(s)
    if not s.answers.market_exists:
        ruled.append(
            RuledOut(
                "market_exists",
                said(
                    gettext_noop(
                        "A lead provider is chosen by competition and brings in others, and you "
                        "said only one provider could deliver it."
                    )
                ),
            )
        )
    follows = procurement_follows(s)
    if s.regime is Regime.ACT and not s.above:
        follows.append(
            said(
                gettext_noop(
                    "Write into the contract that subcontractors are paid within %(days)s days, "
                    "as the Act requires under public contracts (section 73)."
                ),
                days=s.payment_days(),
            )
        )
    elif s.regime is Regime.PSR:
        follows.append(
            said(gettext_noop("Write fair, prompt payment of subcontractors into the contract."))
        )
    return verdict(
        Route.STRATEGIC_PARTNERSHIP,
        ruled_out=ruled,
        why=[
            said(
                gettext_noop(
                    "Several providers could deliver it: a lead provider can hold the contract "
                    "and bring smaller providers in as subcontractors."
                )
            )
        ],
        requires=[
            how_procured(s),
            said(
                gettext_noop(
                    "Ask in the tender how the lead provider will choose, pay and support its "
                    "subcontractors, and hold it to that."
                )
            ),
        ],
        risks=[
            said(
                gettext_noop(
                    "A lead provider can squeeze small subcontractors on price and pass risk to "
                    "them: set rules for the supply chain and check them."
                )
            ),
            said(gettext_noop("You can lose sight of who actually delivers the service.")),
        ],
        follows=follows,
        references=[
            *procedure_law(s),
            ref_act("section/73", "section 73 (implied payment terms in public sub-contracts)"),
        ],
    )


def pilot(s: Situation) -> RouteAdvice:
    ruled = outside_advisor(s)
    if not s.answers.needs_innovation:
        ruled.append(
            RuledOut(
                "needs_innovation",
                said(
                    gettext_noop(
                        "You said you do not need anything new, so there is nothing to pilot."
                    )
                ),
            )
        )
    requires = [
        said(
            gettext_noop(
                "A short term, what you will measure, and how you will decide what to buy after."
            )
        )
    ]
    references = list(procedure_law(s))
    if s.regime is not Regime.PSR:
        requires.append(
            said(
                gettext_noop(
                    "Research and development services are outside the Act unless the benefit "
                    "goes only to your authority and you pay for all of it (Schedule 2). "
                    "Otherwise use the competitive flexible procedure, or a direct award to "
                    "develop a prototype or a novel service (Schedule 5)."
                )
            )
        )
        references += [
            ref_act("schedule/2", "Schedule 2 (exempted contracts)"),
            ref_act(
                "schedule/5", "Schedule 5 (direct award justifications: prototypes and development)"
            ),
        ]
    return verdict(
        Route.PILOT,
        ruled_out=ruled,
        why=[
            said(
                gettext_noop(
                    "You need something new: a pilot, or a research and development contract, "
                    "tests it before you commit."
                )
            )
        ],
        requires=requires,
        risks=[
            said(
                gettext_noop(
                    "The pilot's provider gains an edge when you buy at scale: publish what was "
                    "learnt so others can compete."
                )
            )
        ],
        follows=procurement_follows(s),
        references=references,
    )


def small_lots(s: Situation) -> RouteAdvice:
    a = s.answers
    ruled = outside_advisor(s)
    if not a.market_exists:
        ruled.append(
            RuledOut(
                "market_exists",
                said(
                    gettext_noop(
                        "Lots help only where several providers could deliver, and you said only "
                        "one could."
                    )
                ),
            )
        )
    notice_from = s.notice_from
    if notice_from is not None and a.estimated_value < notice_from:
        ruled.append(
            RuledOut(
                "estimated_value",
                said(
                    gettext_noop(
                        "At £%(value)s the whole contract is already small, under the £%(limit)s "
                        "at which notices start: splitting it would not help."
                    ),
                    value=money(a.estimated_value),
                    limit=money(notice_from),
                ),
            )
        )
    requires = [
        said(
            gettext_noop(
                "Lots drawn by place, group of people or service strand, each one a small "
                "provider could deliver."
            )
        ),
        said(gettext_noop("Let providers bid for one lot or several, alone or as a consortium.")),
    ]
    if s.regime is Regime.ACT and s.above:
        requires.insert(
            0,
            said(
                gettext_noop(
                    "For a public contract you must consider lots, and say why if you do not use "
                    "them (section 18)."
                )
            ),
        )
    return verdict(
        Route.SMALL_LOTS,
        ruled_out=ruled,
        why=[
            said(
                gettext_noop(
                    "Several providers could deliver it and it is large enough to split: lots "
                    "let small local providers bid."
                )
            )
            if notice_from is not None
            else said(
                gettext_noop(
                    "Several providers could deliver it: lots let small local providers bid."
                )
            )
        ],
        requires=requires,
        risks=[
            said(
                gettext_noop(
                    "More contracts to manage, and lots too small are not worth bidding for."
                )
            )
        ],
        follows=procurement_follows(s),
        references=[ref_act("section/18", "section 18 (duty to consider lots)"), LOTS_GUIDANCE],
    )


CONTRACTING_ROUTES = {
    Route.ALLIANCE: alliance,
    Route.STRATEGIC_PARTNERSHIP: strategic_partnership,
    Route.PILOT: pilot,
    Route.SMALL_LOTS: small_lots,
}
