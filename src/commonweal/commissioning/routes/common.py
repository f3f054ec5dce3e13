"""What the routes share: references to the law, the answers that close a whole family of routes,
what follows an award under each law, and how one route's verdict is put together."""

from __future__ import annotations

from collections.abc import Iterable

from commonweal.commissioning.routes.model import Reference, Route, RouteAdvice, RuledOut
from commonweal.commissioning.routes.names import ROUTE_NAMES, ROUTE_SUMMARIES
from commonweal.commissioning.routes.situation import Regime, Situation, money
from commonweal.core.policy import KPIS_REQUIRED_AT_LEAST, kpis_required
from commonweal.core.policy.procurement import ACT
from commonweal.core.policy.service_contracts import PSR
from commonweal.messages import Message, gettext_noop, message

REGULATIONS = "https://www.legislation.gov.uk/uksi/2024/692"


def ref_act(part: str, title: str) -> Reference:
    """A part of the Procurement Act 2023: "section/20", "schedule/5", "part/6"."""
    return Reference(f"Procurement Act 2023, {title}", f"{ACT}/{part}")


def ref_psr(part: str, title: str) -> Reference:
    return Reference(
        f"The Health Care Services (Provider Selection Regime) Regulations 2023, {title}",
        f"{PSR}/{part}",
    )


PSR_WHOLE = Reference(
    "The Health Care Services (Provider Selection Regime) Regulations 2023 (S.I. 2023/1348)", PSR
)
PSR_OUTSIDE_ACT = Reference(
    "The Procurement Regulations 2024, regulation 43 (the Act does not apply to regulated health "
    "procurement)",
    f"{REGULATIONS}/regulation/43",
)
LIGHT_TOUCH_SERVICES = Reference(
    "The Procurement Regulations 2024, Schedule 1 (light touch services)",
    f"{REGULATIONS}/schedule/1",
)
AWARD = ref_act("section/50", "sections 50 and 51 (contract award notices and standstill)")
COMPETITIVE_PROCEDURES = ref_act("section/20", "section 20 (competitive tendering procedures)")


# --- Sentences shared by several routes -------------------------------------------------------


def said(template: str, **values: str | int | Message) -> Message:
    return message(template, **values)


def above_why(s: Situation) -> Message:
    assert s.threshold is not None and s.threshold_kind is not None
    return said(
        gettext_noop("£%(value)s is at or above the threshold of £%(threshold)s for %(kind)s."),
        value=money(s.answers.estimated_value),
        threshold=money(s.threshold),
        kind=s.threshold_kind,
    )


def public_contract_follows(s: Situation, *, standstill: bool = True) -> list[Message]:
    return act_award_follows(s, standstill=standstill) if s.regime is Regime.ACT and s.above else []


def how_procured(s: Situation) -> Message:
    if s.regime is Regime.PSR:
        return said(
            gettext_noop(
                "Choose the providers through the Provider Selection Regime's competitive process "
                "or most suitable provider process."
            )
        )
    return said(
        gettext_noop(
            "Choose the providers through a competitive procedure, usually the competitive "
            "flexible procedure, or below the threshold as your contract rules allow."
        )
    )


def procedure_law(s: Situation) -> list[Reference]:
    return [PSR_WHOLE] if s.regime is Regime.PSR else [COMPETITIVE_PROCEDURES]


# --- Why a route is closed whatever else was answered ---------------------------------------


def outside_advisor(s: Situation) -> list[RuledOut]:
    """Where this advisor assesses no procurement route at all."""
    if s.regime is Regime.SCOTLAND:
        return [
            RuledOut(
                "jurisdiction",
                message(
                    gettext_noop(
                        "The Procurement Act 2023 does not apply to devolved Scottish authorities, "
                        "and this advisor does not cover Scotland's rules."
                    )
                ),
            )
        ]
    if s.regime is Regime.BEFORE_ACT:
        return [
            RuledOut(
                "starts_on",
                message(
                    gettext_noop(
                        "A procurement started before 24 February 2025 follows the Public "
                        "Contracts Regulations 2015, which this advisor does not cover."
                    )
                ),
            )
        ]
    return []


def act_only(s: Situation) -> list[RuledOut]:
    """Why a route of the Procurement Act 2023 itself is closed."""
    if s.regime is Regime.PSR:
        return [
            RuledOut(
                "service_kind",
                message(
                    gettext_noop(
                        "Health care bought by an NHS body or a local authority in England "
                        "follows the Provider Selection Regime, which takes it outside the "
                        "Procurement Act 2023."
                    )
                ),
            )
        ]
    return outside_advisor(s)


def below_threshold(s: Situation, what: Message) -> RuledOut:
    assert s.threshold is not None
    return RuledOut(
        "estimated_value",
        message(
            gettext_noop(
                "£%(value)s is below the threshold of £%(threshold)s, so %(what)s The "
                "below-threshold route applies instead."
            ),
            value=money(s.answers.estimated_value),
            threshold=money(s.threshold),
            what=what,
        ),
    )


NO_MARKET = message(
    gettext_noop("You said only one provider could deliver it, so there is nobody to compete.")
)


# --- What follows an award ---------------------------------------------------------------------


def act_award_follows(s: Situation, *, standstill: bool = True) -> list[Message]:
    """Notices, standstill, KPIs and payment terms for a public contract under the Act."""
    a = s.answers
    said: list[Message] = []
    if standstill:
        said.append(
            message(
                gettext_noop(
                    "Publish a contract award notice, then wait a standstill of at least "
                    "%(days)s working days before you sign (sections 50 and 51). Section 51 "
                    "lists the few awards where the standstill is voluntary."
                ),
                days=s.standstill_days(),
            )
        )
    said.append(
        message(gettext_noop("Publish a contract details notice once you sign (section 53)."))
    )
    if kpis_required(a.estimated_value, a.starts_on, a.jurisdiction):
        said.append(
            message(
                gettext_noop(
                    "Set and publish at least %(count)s key performance indicators, because the "
                    "contract is worth more than £%(limit)s, and report on them (section 52)."
                ),
                count=KPIS_REQUIRED_AT_LEAST,
                limit=money(s.kpi_threshold()),
            )
        )
    else:
        said.append(
            message(
                gettext_noop(
                    "Key performance indicators must be published only for contracts worth "
                    "more than £%(limit)s (section 52), so they are your choice here."
                ),
                limit=money(s.kpi_threshold()),
            )
        )
    said.append(
        message(
            gettext_noop(
                "Invoices must be paid within %(days)s days (section 68), and the same terms "
                "apply to payments down the supply chain (section 73)."
            ),
            days=s.payment_days(),
        )
    )
    return said


def below_threshold_follows(s: Situation) -> list[Message]:
    notice_from = s.notice_from
    assert notice_from is not None
    if s.answers.estimated_value >= notice_from:
        notices = message(
            gettext_noop(
                "Because the contract is worth £%(limit)s or more, publish a below-threshold "
                "tender notice if you advertise it (section 86) and a contract details notice "
                "once you sign (section 87)."
            ),
            limit=money(notice_from),
        )
    else:
        notices = message(
            gettext_noop(
                "Below £%(limit)s no notices are required, but publishing the opportunity helps "
                "small local providers find it."
            ),
            limit=money(notice_from),
        )
    payment = message(
        gettext_noop("Invoices must be paid within %(days)s days (section 88)."),
        days=s.payment_days(),
    )
    return [notices, payment]


def procurement_follows(s: Situation) -> list[Message]:
    """What follows a contract procured competitively, under whichever law applies."""
    if s.regime is Regime.PSR:
        return psr_follows(s, standstill=True)
    if s.regime is not Regime.ACT:
        return []
    return act_award_follows(s) if s.above else below_threshold_follows(s)


def psr_follows(s: Situation, *, standstill: bool) -> list[Message]:
    said: list[Message] = []
    if standstill:
        said.append(
            message(
                gettext_noop(
                    "Publish a notice of your intention to award, then wait a standstill of "
                    "%(days)s working days for representations before you award (regulation 12)."
                ),
                days=s.psr_standstill_days(),
            )
        )
    said.append(message(gettext_noop("Publish a notice once the contract is awarded.")))
    said.append(
        message(
            gettext_noop(
                "Keep a record of how you decided (regulation 24). The Procurement Act 2023's "
                "duties on key performance indicators and payment terms do not apply."
            )
        )
    )
    return said


# --- One route's verdict -----------------------------------------------------------------------


def verdict(
    route: Route,
    *,
    ruled_out: Iterable[RuledOut],
    why: Iterable[Message],
    requires: Iterable[Message] = (),
    risks: Iterable[Message] = (),
    follows: Iterable[Message] = (),
    references: Iterable[Reference] = (),
) -> RouteAdvice:
    """A route's advice: it fits only when no answer rules it out, and then says why."""
    ruled = tuple(ruled_out)
    reasons = tuple(why)
    fits = not ruled
    if fits and not reasons:
        raise AssertionError(f"{route} fits but says nothing of why.")
    return RouteAdvice(
        route=route,
        name=ROUTE_NAMES[route],
        summary=ROUTE_SUMMARIES[route],
        fits=fits,
        why=reasons if fits else (),
        ruled_out_by=ruled,
        requires=tuple(requires),
        risks=tuple(risks),
        follows=tuple(follows),
        references=tuple(references),
    )
