"""What every route's rule needs to know: which law applies, the threshold for the day the
procurement starts, the figures that follow from it, and the shared sentences and references."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from commonweal.commissioning.routes.model import (
    LIGHT_TOUCH_KINDS,
    Answers,
    Buyer,
    ServiceKind,
)
from commonweal.core.policy import (
    BELOW_THRESHOLD_NOTICES,
    KPI_THRESHOLD,
    PAYMENT_TERMS_DAYS,
    PROCUREMENT_THRESHOLDS,
    PROVIDER_SELECTION_REGIME,
    STANDSTILL_WORKING_DAYS,
    Jurisdiction,
    in_force,
    provider_selection_regime_in_force,
)
from commonweal.core.policy.procurement import ACT_STARTS
from commonweal.messages import Message, gettext_noop, message


class Regime(StrEnum):
    ACT = "act"  # the Procurement Act 2023
    PSR = "psr"  # the Provider Selection Regime (health care in England)
    BEFORE_ACT = "before_act"  # started before the Act: not covered
    SCOTLAND = "scotland"  # devolved Scottish authorities: not covered


def money(amount: Decimal) -> str:
    """£-less pounds for a sentence: 214,904 or 12,345.67."""
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    return f"{amount:,.2f}"


@dataclass(frozen=True)
class Situation:
    answers: Answers
    regime: Regime
    threshold: Decimal | None  # the Act's threshold for this contract, where the Act applies
    threshold_source: str
    threshold_kind: Message | None  # which row of Schedule 1, in words

    @property
    def above(self) -> bool:
        return self.threshold is not None and self.answers.estimated_value >= self.threshold

    @property
    def light_touch_kind(self) -> bool:
        return self.answers.service_kind in LIGHT_TOUCH_KINDS

    @property
    def notice_from(self) -> Decimal | None:
        """The value from which a below-threshold contract needs notices (and small lots make
        sense), where the Act's below-threshold rules apply."""
        if self.regime is not Regime.ACT:
            return None
        limits = in_force(
            BELOW_THRESHOLD_NOTICES, self.answers.starts_on, self.answers.jurisdiction
        )
        central = self.answers.buyer is Buyer.CENTRAL_GOVERNMENT
        return limits.value.central_government if central else limits.value.other

    # The Act's figures, for the day the procurement starts (only where the Act applies).
    def standstill_days(self) -> int:
        a = self.answers
        return in_force(STANDSTILL_WORKING_DAYS, a.starts_on, a.jurisdiction).value

    def payment_days(self) -> int:
        a = self.answers
        return in_force(PAYMENT_TERMS_DAYS, a.starts_on, a.jurisdiction).value

    def kpi_threshold(self) -> Decimal:
        a = self.answers
        return in_force(KPI_THRESHOLD, a.starts_on, a.jurisdiction).value

    def psr_standstill_days(self) -> int:
        a = self.answers
        return in_force(
            PROVIDER_SELECTION_REGIME, a.starts_on, a.jurisdiction
        ).value.standstill_working_days


def psr_buyer(answers: Answers) -> bool:
    """NHS bodies and local authorities are the PSR's relevant authorities; central government
    departments are not."""
    return answers.buyer in {Buyer.NHS, Buyer.SUB_CENTRAL}


def situation_for(answers: Answers) -> Situation:
    """Which law applies to these answers, and the Act's threshold where it does."""
    if (
        answers.service_kind is ServiceKind.HEALTH_CARE
        and psr_buyer(answers)
        and provider_selection_regime_in_force(answers.starts_on, answers.jurisdiction)
    ):
        return Situation(
            answers,
            Regime.PSR,
            None,
            "The Provider Selection Regime has no threshold: it applies whatever the value. "
            f"{in_force(PROVIDER_SELECTION_REGIME, answers.starts_on, answers.jurisdiction).source}",
            None,
        )
    if answers.jurisdiction is Jurisdiction.SCOTLAND:
        return Situation(
            answers,
            Regime.SCOTLAND,
            None,
            "The Procurement Act 2023 does not apply to devolved Scottish authorities, which "
            "follow the Public Contracts (Scotland) Regulations 2015.",
            None,
        )
    if answers.starts_on < ACT_STARTS:
        return Situation(
            answers,
            Regime.BEFORE_ACT,
            None,
            f"The Procurement Act 2023's thresholds apply to procurements started from "
            f"{ACT_STARTS.isoformat()}; earlier ones follow the Public Contracts Regulations 2015.",
            None,
        )
    thresholds = in_force(PROCUREMENT_THRESHOLDS, answers.starts_on, answers.jurisdiction)
    t = thresholds.value
    if answers.service_kind in LIGHT_TOUCH_KINDS:
        threshold, row, kind = (
            t.light_touch,
            "row 8 (light touch contracts)",
            gettext_noop("light touch services"),
        )
    elif answers.service_kind is ServiceKind.WORKS:
        threshold, row, kind = t.works, "row 10 (works contracts)", gettext_noop("works")
    elif answers.buyer is Buyer.CENTRAL_GOVERNMENT:
        threshold, row, kind = (
            t.central_government_goods_services,
            "row 11 (goods and services, central government authorities)",
            gettext_noop("goods and services bought by central government"),
        )
    else:
        # NHS trusts, foundation trusts and integrated care boards are not listed as central
        # government authorities; a body listed in Schedule 2 to the Procurement Regulations
        # 2024 answers "central government" (the buyer question's hint says so).
        threshold, row, kind = (
            t.sub_central_goods_services,
            "row 12 (goods and services, other contracting authorities)",
            gettext_noop("goods and services bought by authorities other than central government"),
        )
    return Situation(
        answers,
        Regime.ACT,
        threshold,
        f"Procurement Act 2023, Schedule 1, {row}: {thresholds.source}",
        message(kind),
    )


def regime_message(s: Situation) -> Message:
    a = s.answers
    if s.regime is Regime.PSR:
        return message(
            gettext_noop(
                "The Provider Selection Regime applies. Health care services bought by an NHS "
                "body or a local authority in England follow it instead of the general "
                "procurement rules, whatever their value."
            )
        )
    if s.regime is Regime.SCOTLAND:
        return message(
            gettext_noop(
                "The Procurement Act 2023 does not apply to devolved Scottish authorities, and "
                "this advisor does not cover Scotland's own procurement rules. Only a grant is "
                "assessed here."
            )
        )
    if s.regime is Regime.BEFORE_ACT:
        return message(
            gettext_noop(
                "The Procurement Act 2023 applies to procurements started from 24 February 2025. "
                "One started before then follows the Public Contracts Regulations 2015, which "
                "this advisor does not cover. Choose a later start date to see the routes."
            )
        )
    assert s.threshold is not None and s.threshold_kind is not None
    values: dict[str, str | int | Message] = {
        "value": money(a.estimated_value),
        "threshold": money(s.threshold),
        "kind": s.threshold_kind,
    }
    if s.above:
        said = message(
            gettext_noop(
                "The Procurement Act 2023 applies. At £%(value)s the contract is at or above the "
                "threshold of £%(threshold)s for %(kind)s, so it is a public contract and the "
                "Act's full rules apply."
            ),
            **values,
        )
    else:
        said = message(
            gettext_noop(
                "The Procurement Act 2023 applies. At £%(value)s the contract is below the "
                "threshold of £%(threshold)s for %(kind)s, so the Act's rules for "
                "below-threshold contracts (Part 6) apply."
            ),
            **values,
        )
    if (
        a.jurisdiction is Jurisdiction.WALES
        and a.service_kind is ServiceKind.HEALTH_CARE
        and a.buyer is Buyer.NHS
    ):
        return message(
            gettext_noop(
                "%(said)s In Wales, health services bought by NHS Wales bodies may follow the "
                "Welsh Provider Selection Regime instead, which this advisor does not cover."
            ),
            said=said,
        )
    return said
