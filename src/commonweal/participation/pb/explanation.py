"""What :func:`.explain.explain` finds: for each project, how it was funded or why not.

Plain frozen values; :mod:`.words` puts them into sentences and :func:`chart_rows`
into the rows of the outcome chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from commonweal.messages import Message

from .outcome import Number

# How a project was funded.
BY_MES = "mes"  # bought by its supporters at price rho
FREE = "free"  # costs nothing and somebody wanted it
BY_GREEDY = "greedy"  # next by votes (or satisfaction per cost) and it still fitted
TOPPED_UP = "topped-up"  # added after MES with money left over

# Why a project was not funded.
NO_SUPPORT = "no-support"  # nobody voted for it
SUPPORTERS_SHORT = "supporters-short"  # MES: its supporters held less than it costs
DID_NOT_FIT = "did-not-fit"  # greedy: less money was left than it costs
# MES: people voted for it, but the satisfaction measure gives their votes no weight
# (a free project under cost satisfaction, a project only ever ranked last under Borda).
NO_WEIGHT = "no-weight"


class ReplayError(ValueError):
    """The outcome could not have come from the rule it names (with that voter budget)."""


@dataclass(frozen=True)
class PaymentGroup:
    """Supporters who paid the same amount towards one project."""

    amount: Fraction
    ballots: tuple[int, ...]  # indices into election.ballots
    # True when these supporters paid all the money they had left (less than the going price).
    all_they_had: bool = False

    @property
    def voters(self) -> int:
        return len(self.ballots)


@dataclass(frozen=True)
class FundedProject:
    """A funded project and how it was paid for."""

    project_id: str
    name: str
    cost: Number
    votes: int  # ballots that support it (satisfaction > 0)
    position: int  # 1 for the first project selected
    how: str  # BY_MES, FREE, BY_GREEDY or TOPPED_UP
    # Money left in the budget just before and after it was added (greedy and top-up only).
    left_before: Fraction | None = None
    left_after: Fraction | None = None
    # MES only: the price per unit of satisfaction, and who paid what, largest amount first.
    price: Fraction | None = None
    payment_groups: tuple[PaymentGroup, ...] = ()
    _shares: dict[int, Fraction] | None = field(default=None, compare=False, repr=False, hash=False)

    @property
    def payers(self) -> int:
        return sum(g.voters for g in self.payment_groups)

    @property
    def payments(self) -> tuple[tuple[Fraction, int], ...]:
        """(amount, number of voters) pairs, largest amount first."""
        return tuple((g.amount, g.voters) for g in self.payment_groups)

    @property
    def paid(self) -> Fraction:
        return sum((g.amount * g.voters for g in self.payment_groups), Fraction(0))

    def share_of(self, ballot_index: int) -> Fraction:
        """What the voter with this ballot paid towards the project (0 if nothing)."""
        shares = self._shares
        if shares is None:
            shares = {i: g.amount for g in self.payment_groups for i in g.ballots}
            object.__setattr__(self, "_shares", shares)
        return shares.get(ballot_index, Fraction(0))


@dataclass(frozen=True)
class UnfundedProject:
    """A project that was not funded, and why."""

    project_id: str
    name: str
    cost: Number
    votes: int
    reason: str  # NO_SUPPORT, NO_WEIGHT, SUPPORTERS_SHORT or DID_NOT_FIT
    # MES: ballots giving it positive satisfaction (can be fewer than votes, e.g. a last place).
    supporters: int | None = None
    # MES: money its supporters held between them at the end, what they had spent,
    # and on which funded projects: (project id, amount) in selection order.
    supporters_held: Fraction | None = None
    supporters_spent: Fraction | None = None
    spent_on: tuple[tuple[str, Fraction], ...] = ()
    # Greedy or top-up: money left in the budget when its turn came.
    left_at_turn: Fraction | None = None


@dataclass(frozen=True)
class Explanation:
    """Why the outcome is what it is, project by project, with the totals."""

    rule: str
    satisfaction: str
    completion: str
    budget: Number
    spent: Number
    funded: tuple[FundedProject, ...]  # in selection order
    unfunded: tuple[UnfundedProject, ...]  # most votes first, then id
    voter_ids: tuple[str, ...]  # voter_id of each ballot, by ballot index
    # MES only: each voter's starting money, the money all voters started with, and
    # how much of it was not spent by MES (before any greedy top-up).
    voter_budget: Fraction | None = None
    voters_money: Fraction | None = None
    voters_unspent: Fraction | None = None
    # Money left in the budget after MES and before a greedy top-up (add1-greedy).
    left_before_top_up: Fraction | None = None

    @property
    def left_over(self) -> Number:
        return self.budget - self.spent

    def project(self, project_id: str) -> FundedProject | UnfundedProject:
        """The explanation of one project (KeyError if unknown)."""
        for p in self.funded + self.unfunded:
            if p.project_id == project_id:
                return p
        raise KeyError(project_id)

    def ballot_index(self, voter_id: str) -> int:
        """The ballot index of a voter id (ValueError if unknown)."""
        return self.voter_ids.index(voter_id)

    def shares_of(self, ballot_index: int) -> list[tuple[str, Fraction]]:
        """What one voter paid towards each funded project: (project id, amount > 0)."""
        out = []
        for p in self.funded:
            amount = p.share_of(ballot_index)
            if amount:
                out.append((p.project_id, amount))
        return out

    def messages(self, project_id: str, currency: str = "£") -> list[Message]:
        """Sentences saying why a project was or was not funded, to be translated where shown."""
        from .words import messages  # the words need these classes: imported when used

        return messages(self, self.project(project_id), currency)

    def sentences(self, project_id: str, currency: str = "£") -> list[str]:
        """The same sentences in plain English."""
        return [str(m) for m in self.messages(project_id, currency)]


@dataclass(frozen=True)
class ChartRow:
    project_id: str
    name: str
    cost: Number
    votes: int
    funded: bool
    share_of_budget: Fraction  # cost / budget


# --------------------------------------------------------------------------- chart


def chart_rows(explanation: Explanation) -> list[ChartRow]:
    """Rows for the outcome chart: funded in selection order, then unfunded by votes."""
    budget = Fraction(explanation.budget)
    rows = [
        ChartRow(p.project_id, p.name, p.cost, p.votes, True, Fraction(p.cost) / budget)
        for p in explanation.funded
    ]
    rows += [
        ChartRow(p.project_id, p.name, p.cost, p.votes, False, Fraction(p.cost) / budget)
        for p in sorted(explanation.unfunded, key=lambda u: (-u.votes, u.project_id))
    ]
    return rows
