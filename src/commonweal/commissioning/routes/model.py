"""What the route advisor is asked and what it answers: the answers, each route's verdict, the
advice as a whole, and their JSON form for storing with a plan. Plain Python."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, ClassVar

from commonweal.core.policy import Jurisdiction
from commonweal.messages import Message, gettext_noop, message


class ServiceKind(StrEnum):
    LIGHT_TOUCH = "light_touch"  # people-focused services the Act treats lightly (s.9)
    HEALTH_CARE = "health_care"
    OTHER_SERVICES = "services"
    GOODS = "goods"
    WORKS = "works"


class Buyer(StrEnum):
    CENTRAL_GOVERNMENT = "central_government"
    SUB_CENTRAL = "sub_central"
    NHS = "nhs"


class Route(StrEnum):
    GRANT = "grant"
    BELOW_THRESHOLD = "below_threshold"
    OPEN = "open"
    COMPETITIVE_FLEXIBLE = "competitive_flexible"
    LIGHT_TOUCH = "light_touch"
    RESERVED_MUTUAL = "reserved_mutual"
    DIRECT_AWARD = "direct_award"
    FRAMEWORK_CALL_OFF = "framework_call_off"
    DYNAMIC_MARKET = "dynamic_market"
    ALLIANCE = "alliance"
    STRATEGIC_PARTNERSHIP = "strategic_partnership"
    OUTCOMES_CONTRACT = "outcomes_contract"
    PILOT = "pilot"
    SMALL_LOTS = "small_lots"
    PSR_DIRECT_AWARD_A = "psr_direct_award_a"
    PSR_DIRECT_AWARD_B = "psr_direct_award_b"
    PSR_DIRECT_AWARD_C = "psr_direct_award_c"
    PSR_MOST_SUITABLE_PROVIDER = "psr_most_suitable_provider"
    PSR_COMPETITIVE = "psr_competitive"


LIGHT_TOUCH_KINDS = frozenset({ServiceKind.LIGHT_TOUCH, ServiceKind.HEALTH_CARE})

NOT_LEGAL_ADVICE = message(
    gettext_noop(
        "This is not legal advice. It is a guide to the routes the law allows, worked out from "
        "your answers. Check your choice with your procurement and legal teams before you act."
    )
)


class InvalidAnswer(ValueError):
    """An answer the advisor cannot use: which question, and why, in words for people."""

    def __init__(self, question: str, why: Message) -> None:
        super().__init__(str(why))
        self.question = question
        self.why = why


@dataclass(frozen=True)
class Answers:
    """A commissioner's answers, one per question (skipped yes/no questions are answered no)."""

    service_kind: ServiceKind
    estimated_value: Decimal  # pounds including VAT, over the contract's whole life
    duration_months: int
    buyer: Buyer
    starts_on: date  # the day the procurement would start: thresholds are looked up for it
    jurisdiction: Jurisdiction
    market_exists: bool  # several providers could deliver it
    incumbent: bool  # someone delivers it now
    incumbent_satisfactory: bool  # (with incumbent) they deliver well; the service barely changes
    needs_innovation: bool
    users_choose_provider: bool  # the people who use it choose their provider
    suits_grant: bool  # funding someone else's purpose, no direct benefit to the authority
    outcomes_measurable: bool  # outcomes can be measured and priced
    provider_needs_investment: bool
    multi_agency: bool
    framework_available: bool  # an existing framework or dynamic market covers this service
    mutuals_in_market: bool  # public service mutuals could deliver it

    def __post_init__(self) -> None:
        object.__setattr__(self, "service_kind", ServiceKind(self.service_kind))
        object.__setattr__(self, "buyer", Buyer(self.buyer))
        object.__setattr__(self, "jurisdiction", Jurisdiction(self.jurisdiction))
        if isinstance(self.estimated_value, float | bool) or not isinstance(
            self.estimated_value, Decimal | int
        ):
            raise TypeError("estimated_value is money: give a Decimal, never a float.")
        object.__setattr__(self, "estimated_value", Decimal(self.estimated_value))
        if not self.estimated_value.is_finite() or self.estimated_value < 0:
            raise InvalidAnswer(
                "estimated_value",
                message(gettext_noop("The estimated value must be £0 or more.")),
            )
        if isinstance(self.duration_months, bool) or not isinstance(self.duration_months, int):
            raise TypeError("duration_months is a whole number of months.")
        if self.duration_months < 1:
            raise InvalidAnswer(
                "duration_months",
                message(gettext_noop("The contract must last at least 1 month.")),
            )
        if not isinstance(self.starts_on, date):
            raise TypeError("starts_on is a date.")

    def as_json(self) -> dict[str, Any]:
        """The answers as JSON-ready data: dates in ISO form, money as a string."""
        data: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, StrEnum):
                value = value.value
            elif isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, date):
                value = value.isoformat()
            data[field.name] = value
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Answers:
        """Answers stored with :meth:`as_json` (or sent by a page or the API)."""
        values: dict[str, Any] = {}
        for field in fields(cls):
            if field.name not in data:
                raise InvalidAnswer(field.name, message(gettext_noop("Answer this question.")))
            values[field.name] = _parse(field.name, data[field.name])
        return cls(**values)


_YES_NO = frozenset(
    {
        "market_exists",
        "incumbent",
        "incumbent_satisfactory",
        "needs_innovation",
        "users_choose_provider",
        "suits_grant",
        "outcomes_measurable",
        "provider_needs_investment",
        "multi_agency",
        "framework_available",
        "mutuals_in_market",
    }
)


def _parse(name: str, raw: Any) -> Any:
    try:
        if name in _YES_NO:
            if not isinstance(raw, bool):
                raise ValueError
            return raw
        if name == "estimated_value":
            if isinstance(raw, float | bool):
                raise ValueError
            return Decimal(str(raw))
        if name == "duration_months":
            if isinstance(raw, bool) or not isinstance(raw, int | str):
                raise ValueError
            return int(raw)
        if name == "starts_on":
            return date.fromisoformat(raw)
        kind = {"service_kind": ServiceKind, "buyer": Buyer, "jurisdiction": Jurisdiction}[name]
        return kind(raw)
    except (ValueError, TypeError, InvalidOperation):
        raise InvalidAnswer(
            name, message(gettext_noop("This answer is not one the advisor can use."))
        ) from None


@dataclass(frozen=True)
class Reference:
    title: str
    url: str


@dataclass(frozen=True)
class RuledOut:
    question: str  # the Answers field whose answer rules the route out
    why: Message


@dataclass(frozen=True)
class RouteAdvice:
    route: Route
    name: Message
    summary: Message
    fits: bool
    why: tuple[Message, ...]  # why it fits (empty when it does not)
    ruled_out_by: tuple[RuledOut, ...]  # empty when it fits
    requires: tuple[Message, ...]
    risks: tuple[Message, ...]
    follows: tuple[Message, ...]  # notices, standstill, KPIs, payment terms
    references: tuple[Reference, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "route": self.route.value,
            "name": self.name.as_json(),
            "summary": self.summary.as_json(),
            "fits": self.fits,
            "why": [m.as_json() for m in self.why],
            "ruled_out_by": [
                {"question": r.question, "why": r.why.as_json()} for r in self.ruled_out_by
            ],
            "requires": [m.as_json() for m in self.requires],
            "risks": [m.as_json() for m in self.risks],
            "follows": [m.as_json() for m in self.follows],
            "references": [{"title": r.title, "url": r.url} for r in self.references],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RouteAdvice:
        def sentences(key: str) -> tuple[Message, ...]:
            return tuple(Message.from_json(m) for m in data[key])

        return cls(
            route=Route(data["route"]),
            name=Message.from_json(data["name"]),
            summary=Message.from_json(data["summary"]),
            fits=bool(data["fits"]),
            why=sentences("why"),
            ruled_out_by=tuple(
                RuledOut(r["question"], Message.from_json(r["why"])) for r in data["ruled_out_by"]
            ),
            requires=sentences("requires"),
            risks=sentences("risks"),
            follows=sentences("follows"),
            references=tuple(Reference(r["title"], r["url"]) for r in data["references"]),
        )


@dataclass(frozen=True)
class Advice:
    """Every route with its verdict (those that fit first), and which law applies."""

    NOT_LEGAL_ADVICE: ClassVar[Message] = NOT_LEGAL_ADVICE

    answers: Answers
    regime: Message  # which law applies: the Act, the PSR, or neither
    threshold: Decimal | None  # the Act's threshold for this contract, where the Act applies
    threshold_source: str
    above_threshold: bool
    routes: tuple[RouteAdvice, ...]

    def route(self, route: Route | str) -> RouteAdvice:
        """The verdict on one route."""
        wanted = Route(route)
        return next(advice for advice in self.routes if advice.route == wanted)

    @property
    def fitting(self) -> tuple[RouteAdvice, ...]:
        return tuple(advice for advice in self.routes if advice.fits)

    def as_json(self) -> dict[str, Any]:
        return {
            "answers": self.answers.as_json(),
            "regime": self.regime.as_json(),
            "threshold": None if self.threshold is None else str(self.threshold),
            "threshold_source": self.threshold_source,
            "above_threshold": self.above_threshold,
            "routes": [advice.as_json() for advice in self.routes],
            "not_legal_advice": NOT_LEGAL_ADVICE.as_json(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Advice:
        threshold = data["threshold"]
        return cls(
            answers=Answers.from_json(data["answers"]),
            regime=Message.from_json(data["regime"]),
            threshold=None if threshold is None else Decimal(threshold),
            threshold_source=data["threshold_source"],
            above_threshold=bool(data["above_threshold"]),
            routes=tuple(RouteAdvice.from_json(r) for r in data["routes"]),
        )
