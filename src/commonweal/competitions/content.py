"""What a bid holds inside its seal: plain Python, no Django.

``BidContent`` is turned into JSON bytes (``to_bytes``) and sealed whole under the tender's key
(sealing.py); nothing in it is ever stored in the clear before the deadline. ``from_bytes`` reads
it back after opening. Money and quantities are kept as decimal strings so nothing is rounded.

- ``answers``: criterion id (as text) to the bidder's answer.
- ``price``: the whole-contract price in pounds (tenders), or None.
- ``staff_hours``: the staff hours the bidder says the price pays for, or None.
- ``grant``: for a grant round, the amount asked for, match funding, in-kind support and the
  budget lines.
- ``commitments``: social value commitments against a framework's measures.
- ``members``: a consortium's or alliance's other members and subcontractors, with their shares.
- ``conflicts``: the conflicts of interest the bidder declares ("" for none).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

FORMAT = 1


class ContentError(ValueError):
    """Sealed content that does not read as a bid (it was made by another version, or damaged)."""


def _decimal(value: Any, name: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        result = Decimal(str(value))
    except InvalidOperation:
        raise ContentError(f"{name} is not a number") from None
    if not result.is_finite():
        raise ContentError(f"{name} is not a number")
    return result


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class GrantBudget:
    requested: Decimal | None = None
    match_funding: Decimal | None = None
    in_kind: str = ""
    lines: tuple[tuple[str, Decimal], ...] = ()  # (what it pays for, amount)

    def as_json(self) -> dict:
        return {
            "requested": _text(self.requested),
            "match_funding": _text(self.match_funding),
            "in_kind": self.in_kind,
            "lines": [[item, str(amount)] for item, amount in self.lines],
        }

    @classmethod
    def from_json(cls, data: dict) -> GrantBudget:
        return cls(
            requested=_decimal(data.get("requested"), "requested"),
            match_funding=_decimal(data.get("match_funding"), "match_funding"),
            in_kind=str(data.get("in_kind", "")),
            lines=tuple(
                (str(item), _decimal(amount, "line") or Decimal(0))
                for item, amount in data.get("lines", [])
            ),
        )


@dataclass(frozen=True)
class Commitment:
    """A promise against one measure (its id in the framework), year by year."""

    measure_id: int
    quantity_by_year: tuple[Decimal, ...]
    beyond_core_service: bool
    attribution: Decimal | None  # 0..1, the share due to this contract
    deadweight: Decimal | None  # 0..1, the share that would happen anyway
    double_counting_group: str = ""
    delivery_plan: str = ""
    evidence_plan: str = ""

    def as_json(self) -> dict:
        data = asdict(self)
        data["quantity_by_year"] = [str(q) for q in self.quantity_by_year]
        data["attribution"] = _text(self.attribution)
        data["deadweight"] = _text(self.deadweight)
        return data

    @classmethod
    def from_json(cls, data: dict) -> Commitment:
        try:
            return cls(
                measure_id=int(data["measure_id"]),
                quantity_by_year=tuple(
                    _decimal(q, "quantity") or Decimal(0) for q in data["quantity_by_year"]
                ),
                beyond_core_service=bool(data["beyond_core_service"]),
                attribution=_decimal(data.get("attribution"), "attribution"),
                deadweight=_decimal(data.get("deadweight"), "deadweight"),
                double_counting_group=str(data.get("double_counting_group", "")),
                delivery_plan=str(data.get("delivery_plan", "")),
                evidence_plan=str(data.get("evidence_plan", "")),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ContentError(f"a commitment does not read: {error}") from None


@dataclass(frozen=True)
class Member:
    """Another organisation in a consortium or alliance: a member or a subcontractor, with its share
    of the work in per cent. ``organisation_id`` when it is registered here, else its name."""

    name: str
    role: str  # "member" or "subcontractor"
    share: Decimal | None = None
    organisation_id: int | None = None

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "role": self.role,
            "share": _text(self.share),
            "organisation_id": self.organisation_id,
        }

    @classmethod
    def from_json(cls, data: dict) -> Member:
        try:
            organisation_id = data.get("organisation_id")
            return cls(
                name=str(data["name"]),
                role=str(data["role"]),
                share=_decimal(data.get("share"), "share"),
                organisation_id=int(organisation_id) if organisation_id is not None else None,
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ContentError(f"a member does not read: {error}") from None


@dataclass(frozen=True)
class BidContent:
    answers: dict[str, str] = field(default_factory=dict)
    price: Decimal | None = None
    staff_hours: Decimal | None = None
    grant: GrantBudget | None = None
    commitments: tuple[Commitment, ...] = ()
    members: tuple[Member, ...] = ()
    conflicts: str = ""

    def as_json(self) -> dict:
        return {
            "format": FORMAT,
            "answers": dict(self.answers),
            "price": _text(self.price),
            "staff_hours": _text(self.staff_hours),
            "grant": self.grant.as_json() if self.grant else None,
            "commitments": [c.as_json() for c in self.commitments],
            "members": [m.as_json() for m in self.members],
            "conflicts": self.conflicts,
        }

    def to_bytes(self) -> bytes:
        """Canonical JSON (sorted keys, no spaces): the same content always gives the same bytes,
        so a receipt over them can be checked again after opening."""
        return json.dumps(self.as_json(), sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, data: Any) -> BidContent:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ContentError("not a bid's content")
        answers = data.get("answers") or {}
        if not isinstance(answers, dict):
            raise ContentError("answers do not read")
        grant = data.get("grant")
        return cls(
            answers={str(k): str(v) for k, v in answers.items()},
            price=_decimal(data.get("price"), "price"),
            staff_hours=_decimal(data.get("staff_hours"), "staff_hours"),
            grant=GrantBudget.from_json(grant) if isinstance(grant, dict) else None,
            commitments=tuple(Commitment.from_json(c) for c in data.get("commitments") or []),
            members=tuple(Member.from_json(m) for m in data.get("members") or []),
            conflicts=str(data.get("conflicts", "")),
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> BidContent:
        try:
            return cls.from_json(json.loads(data.decode()))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ContentError("not a bid's content") from None
