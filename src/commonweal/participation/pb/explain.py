"""Results that explain themselves: who paid what for each funded project, and why others lost.

:func:`explain` replays the rule that produced an :class:`~.outcome.Outcome`, exactly
(``int`` and :class:`~fractions.Fraction`), with the engine's semantics:

- MES: every voter starts with ``outcome.voter_budget``; at each step the project with
  the lowest price per unit of satisfaction (rho) is funded, ties going to the project
  id that is smallest as a string; each supporter pays ``min(money left, rho * sat)``.
  The replay follows ``outcome.selected`` (minus ``outcome.topped_up``) and raises
  :class:`ReplayError` if MES would have chosen differently at any step, or would have
  gone on to fund something more.
- Greedy (and a greedy top-up after MES): projects in decreasing total satisfaction per
  unit of cost, ties by id as a string; a project that no longer fits is skipped.

The result is structured (the web page words it); :meth:`Explanation.sentences` gives
plain-English sentences and :func:`chart_rows` the rows for the outcome chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .outcome import Number, Outcome
from .pabulib import Election

__all__ = [
    "BY_GREEDY",
    "BY_MES",
    "DID_NOT_FIT",
    "FREE",
    "NO_SUPPORT",
    "NO_WEIGHT",
    "SUPPORTERS_SHORT",
    "TOPPED_UP",
    "ChartRow",
    "Explanation",
    "FundedProject",
    "PaymentGroup",
    "ReplayError",
    "UnfundedProject",
    "chart_rows",
    "explain",
    "format_money",
]

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

_INF = float("inf")


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
    _shares: dict = field(default=None, compare=False, repr=False, hash=False)

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
        if self._shares is None:
            shares = {i: g.amount for g in self.payment_groups for i in g.ballots}
            object.__setattr__(self, "_shares", shares)
        return self._shares.get(ballot_index, Fraction(0))


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

    def sentences(self, project_id: str, currency: str = "£") -> list[str]:
        """Plain-English sentences saying why a project was or was not funded."""
        return _sentences(self, self.project(project_id), currency)


@dataclass(frozen=True)
class ChartRow:
    project_id: str
    name: str
    cost: Number
    votes: int
    funded: bool
    share_of_budget: Fraction  # cost / budget


# --------------------------------------------------------------------------- satisfaction


def _ballot_sats(election: Election, satisfaction: str) -> list[dict[str, Number]]:
    """Each ballot's satisfaction with each project it gives positive satisfaction (pabutools)."""
    costs = {p.id: p.cost for p in election.projects}
    out = []
    for b in election.ballots:
        if satisfaction == "cost":
            d = {pid: costs[pid] for pid in b.projects}
        elif satisfaction == "cardinality":
            d = {pid: 1 for pid in b.projects}
        elif satisfaction == "cardinal":
            if b.points is None:
                raise ValueError("cardinal satisfaction needs cumulative or scoring ballots")
            d = dict(zip(b.projects, b.points))
        elif satisfaction == "borda":
            # Additive_Borda_Sat: ballot length minus position minus 1 (the last scores 0).
            k = len(b.projects)
            d = {pid: k - pos - 1 for pos, pid in enumerate(b.projects)}
        else:
            raise ValueError(f"unknown satisfaction {satisfaction!r}")
        # A project given no satisfaction (cost 0 under cost satisfaction, 0 points) is
        # still "voted for"; vote counts use the ballot, payments use positive satisfaction.
        out.append(d)
    return out


def _votes(election: Election) -> dict[str, int]:
    votes = {p.id: 0 for p in election.projects}
    for b in election.ballots:
        for pid in set(b.projects):
            votes[pid] += 1
    return votes


# --------------------------------------------------------------------------- entry point


def explain(election: Election, outcome: Outcome) -> Explanation:
    """Replay the rule behind ``outcome`` and explain every project (exact arithmetic)."""
    sats = _ballot_sats(election, outcome.satisfaction)
    votes = _votes(election)
    selected = list(outcome.selected)
    unknown = [pid for pid in selected if pid not in {p.id for p in election.projects}]
    if unknown or len(set(selected)) != len(selected):
        raise ReplayError(f"the outcome names unknown or repeated projects: {unknown or selected}")
    if outcome.rule == "greedy":
        funded, unfunded_why = _replay_greedy(election, sats, votes, selected, (), outcome.satisfaction)
        extra: dict = {}
    elif outcome.rule == "mes":
        voter_budget = outcome.voter_budget
        if voter_budget is None:
            if election.ballots:
                raise ReplayError("an MES outcome needs its voter_budget to be explained")
            voter_budget = 0  # nobody voted: nothing to pay with
        topped = set(outcome.topped_up)
        mes_part = [pid for pid in selected if pid not in topped]
        if selected[len(mes_part) :] != list(outcome.topped_up):
            raise ReplayError("projects added by the top-up must come after the MES ones")
        funded, unfunded_why, extra = _replay_mes(
            election, sats, votes, mes_part, Fraction(voter_budget)
        )
        if outcome.topped_up:
            left = Fraction(election.budget) - sum((election.project(p).cost for p in mes_part), 0)
            extra["left_before_top_up"] = left
            top_funded, top_why = _replay_greedy(
                election, sats, votes, selected, mes_part, outcome.satisfaction, how=TOPPED_UP
            )
            funded += top_funded
            for p in top_funded:
                unfunded_why.pop(p.project_id, None)
            for pid, why in top_why.items():
                if pid in unfunded_why:  # keep the MES reason; add the top-up's
                    unfunded_why[pid]["left_at_turn"] = why["left_at_turn"]
    else:
        raise ReplayError(f"unknown rule {outcome.rule!r}")
    unfunded = []
    for p in election.projects:
        if p.id in unfunded_why:
            unfunded.append(
                UnfundedProject(
                    project_id=p.id, name=p.name, cost=p.cost, votes=votes[p.id], **unfunded_why[p.id]
                )
            )
    unfunded.sort(key=lambda u: (-u.votes, u.project_id))
    return Explanation(
        rule=outcome.rule,
        satisfaction=outcome.satisfaction,
        completion=outcome.completion,
        budget=election.budget,
        spent=sum((election.project(pid).cost for pid in selected), 0),
        funded=tuple(funded),
        unfunded=tuple(unfunded),
        voter_ids=tuple(b.voter_id for b in election.ballots),
        **extra,
    )


# --------------------------------------------------------------------------- greedy


def _replay_greedy(election, sats, votes, selected, initial, outcome_satisfaction, how=BY_GREEDY):
    """Walk greedy's order; check it picks exactly ``selected[len(initial):]``."""
    totals = {p.id: 0 for p in election.projects}
    for d in sats:
        for pid, s in d.items():
            totals[pid] += s

    # As the engine (and pabutools) do: Borda is not treated as additive, so every free
    # project comes first even when nobody scores it.
    free_is_best = outcome_satisfaction == "borda"

    def density(p):
        t = totals[p.id]
        if p.cost == 0:
            return _INF if (t > 0 or free_is_best) else 0
        return Fraction(t) / p.cost if t > 0 else 0

    chosen = set(initial)
    candidates = sorted((p for p in election.projects if p.id not in chosen), key=lambda p: p.id)
    order = sorted(candidates, key=lambda p: -density(p))  # stable: ties stay in id order
    expected = list(selected[len(initial) :])
    left = Fraction(election.budget) - sum((election.project(pid).cost for pid in initial), 0)
    funded, why, k = [], {}, 0
    for p in order:
        if p.cost <= left:
            if k >= len(expected) or expected[k] != p.id:
                got = expected[k] if k < len(expected) else "nothing more"
                raise ReplayError(f"greedy would add project {p.id} next, not {got}")
            k += 1
            funded.append(
                FundedProject(
                    project_id=p.id,
                    name=p.name,
                    cost=p.cost,
                    votes=votes[p.id],
                    position=len(initial) + k,
                    how=how,
                    left_before=left,
                    left_after=left - p.cost,
                )
            )
            left -= p.cost
        else:
            reason = NO_SUPPORT if votes[p.id] == 0 else DID_NOT_FIT
            why[p.id] = {"reason": reason, "left_at_turn": left}
    if k != len(expected):
        raise ReplayError(f"greedy would not add project {expected[k]}")
    return funded, why


# --------------------------------------------------------------------------- MES


def _replay_mes(election, sats, votes, mes_part, voter_budget):
    """Replay MES from ``voter_budget`` each, following ``mes_part``; see the module docstring."""
    # Ballots with identical satisfactions always hold identical money, so the replay runs
    # on groups of them. Groups that have paid the same amounts so far share a "class"
    # (the same money and the same payment history): the exact Fraction arithmetic is
    # then done once per class, not once per ballot.
    group_of: dict[tuple, int] = {}
    members: list[list[int]] = []
    for i, d in enumerate(sats):
        key = tuple(sorted((pid, s) for pid, s in d.items() if s > 0))
        g = group_of.setdefault(key, len(members))
        if g == len(members):
            members.append([])
        members[g].append(i)
    mult = [len(m) for m in members]
    supporters: dict[str, list[tuple[int, Number]]] = {p.id: [] for p in election.projects}
    for key, g in group_of.items():
        for pid, s in key:
            supporters[pid].append((g, s))
    money: list[Fraction] = [voter_budget]  # per class
    money_f: list[float] = [float(voter_budget)]  # the same, for a fast first ordering
    broke: list[bool] = [voter_budget == 0]
    # Every distinct payment made, as (project, amount); a class's history lists the
    # payments its voters made (indices into this list).
    payments: list[tuple[str, Fraction]] = []
    history: list[tuple[int, ...]] = [()]  # per class
    cls = [0] * len(members)  # class of each group
    cost = {p.id: p.cost for p in election.projects}
    total_sat = {pid: sum((mult[g] * s for g, s in sups), 0) for pid, sups in supporters.items()}
    remaining = {pid for pid in cost if cost[pid] > 0 and total_sat[pid] > 0}
    lower = {pid: Fraction(cost[pid]) / total_sat[pid] for pid in remaining}  # rho only rises

    def by_class(pid) -> dict[tuple[int, Number], int]:
        """Supporters of ``pid`` as {(class, satisfaction): number of voters}."""
        out: dict[tuple[int, Number], int] = {}
        for g, s in supporters[pid]:
            k = (cls[g], s)
            out[k] = out.get(k, 0) + mult[g]
        return out

    def price(pid):
        """Smallest rho with sum of min(money, rho * sat) over supporters = cost, or None."""
        # Supporters in increasing money / sat: the poorer ones pay all they have left.
        # Sorting by a float key is fast; the few supporters whose key is too close to
        # call are then checked exactly, and only if one is out of order is the exact
        # order used.
        terms = sorted(
            ((money_f[c] / s, c, s, count) for (c, s), count in by_class(pid).items()),
            key=lambda t: t[0],
        )
        paid, denom = 0, total_sat[pid]
        for k, (_, c, s, count) in enumerate(terms):
            if broke[c]:  # no money left: pays nothing at any price
                denom -= count * s
                continue
            rho = Fraction(cost[pid] - paid) / denom
            if rho * s <= money[c]:
                break
            paid += count * money[c]  # these supporters pay all they have left
            denom -= count * s
        else:
            return None  # its supporters hold less than it costs
        # Every earlier supporter was checked exactly to pay all it has (and rho only rises
        # as they are set aside); the later ones must each afford rho * sat.
        near = float(rho) * (1 + 1e-9) + 1e-300
        for key, c, s, _ in terms[k + 1 :]:
            if key > near:
                return rho
            if rho * s > money[c]:
                return _exact_price(pid)
        return rho

    def _exact_price(pid):
        terms = sorted(by_class(pid).items(), key=lambda kv: money[kv[0][0]] / kv[0][1])
        paid, denom = 0, total_sat[pid]
        for (c, s), count in terms:
            rho = Fraction(cost[pid] - paid) / denom
            if rho * s <= money[c]:
                return rho
            paid += count * money[c]
            denom -= count * s
        return None

    funded = []
    for step, pid in enumerate(mes_part, start=1):
        name = election.project(pid).name
        if cost[pid] == 0:
            if total_sat[pid] <= 0:
                raise ReplayError(f"MES would not add project {pid}: it is free but nobody wants it")
            funded.append(FundedProject(pid, name, 0, votes[pid], step, FREE, price=Fraction(0)))
            continue
        if pid not in remaining:
            raise ReplayError(f"step {step}: MES cannot fund project {pid} (no support or already funded)")
        best, tied = _INF, []
        for q in sorted(remaining, key=lambda q: (lower[q], q)):
            if lower[q] > best:
                break
            rho = price(q)
            if rho is None:
                remaining.discard(q)  # money only goes down: it can never be afforded
                continue
            lower[q] = rho
            if rho < best:
                best, tied = rho, [q]
            elif rho == best:
                tied.append(q)
        if not tied:
            raise ReplayError(f"step {step}: MES cannot fund project {pid}: its supporters cannot cover it")
        choice = min(tied)
        if choice != pid:
            raise ReplayError(f"step {step}: MES would fund project {choice}, not {pid}")
        remaining.discard(pid)
        moved: dict[tuple[int, Number], tuple[int, Fraction, bool]] = {}
        by_class_paid: dict[int, list[int]] = {}  # new class -> ballots that moved into it
        for g, s in supporters[pid]:
            k = (cls[g], s)
            if k not in moved:
                due = best * s
                pay = min(money[k[0]], due)
                money.append(money[k[0]] - pay)
                money_f.append(float(money[-1]))
                broke.append(money[-1] == 0)
                if pay:
                    payments.append((pid, pay))
                    history.append(history[k[0]] + (len(payments) - 1,))
                else:
                    history.append(history[k[0]])
                moved[k] = (len(money) - 1, pay, pay < due)
            c = moved[k][0]
            cls[g] = c
            by_class_paid.setdefault(c, []).extend(members[g])  # int keys: cheap to hash
        # Classes that paid the same amount (in the same way) form one payment group.
        by_amount: dict[tuple[Fraction, bool], list[int]] = {}
        for c, pay, short in moved.values():
            if pay:
                by_amount.setdefault((pay, short), []).extend(by_class_paid[c])
        groups = tuple(
            PaymentGroup(amount, tuple(sorted(ballots)), short)
            for (amount, short), ballots in sorted(by_amount.items(), key=lambda kv: -kv[0][0])
        )
        funded.append(
            FundedProject(
                pid, name, cost[pid], votes[pid], step, BY_MES, price=best, payment_groups=groups
            )
        )
    order = {pid: k for k, pid in enumerate(mes_part)}
    why = {}
    for p in election.projects:
        if p.id in order:
            continue
        if total_sat[p.id] <= 0:
            why[p.id] = {"reason": NO_SUPPORT if votes[p.id] == 0 else NO_WEIGHT}
            continue
        holding = by_class(p.id)
        payers: dict[int, int] = {}  # payment index -> how many of its supporters made it
        for (c, _), count in holding.items():
            for x in history[c]:
                payers[x] = payers.get(x, 0) + count
        spent_on: dict[str, Fraction] = {}
        for x, count in payers.items():
            q, pay = payments[x]
            spent_on[q] = spent_on.get(q, 0) + count * pay
        supporters_count = sum(holding.values())
        spent = sum(spent_on.values(), Fraction(0))
        # Everyone started with voter_budget, so what they hold is what they did not spend.
        held = supporters_count * voter_budget - spent
        if held >= cost[p.id]:
            # Every supporter has positive satisfaction, so enough money means a price exists.
            raise ReplayError(f"MES would go on to fund project {p.id}")
        why[p.id] = {
            "reason": SUPPORTERS_SHORT,
            "supporters": supporters_count,
            "supporters_held": held,
            "supporters_spent": spent,
            "spent_on": tuple(sorted(spent_on.items(), key=lambda kv: order[kv[0]])),
        }
    paid = sum((p.paid for p in funded), Fraction(0))
    extra = {
        "voter_budget": voter_budget,
        "voters_money": voter_budget * len(sats),
        "voters_unspent": voter_budget * len(sats) - paid,
    }
    return funded, why, extra


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


# --------------------------------------------------------------------------- words


def format_money(amount, currency: str = "£") -> str:
    """``£9,600`` for whole amounts, ``£45.20`` otherwise (rounded half up to 2 places)."""
    amount = Fraction(amount)
    if amount.denominator == 1:
        return f"{currency}{amount.numerator:,}"
    pennies = (amount * 100 + Fraction(1, 2)).__floor__()
    sign = "-" if pennies < 0 else ""
    whole, part = divmod(abs(pennies), 100)
    return f"{sign}{currency}{whole:,}.{part:02d}"


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count:,} people"


def _sentences(ex: Explanation, p, currency: str) -> list[str]:
    def money(x):
        return format_money(x, currency)

    if isinstance(p, FundedProject):
        if p.how == FREE:
            return ["Funded. It costs nothing, and people voted for it."]
        if p.how == TOPPED_UP:
            return [
                "Funded afterwards with money left over.",
                f"{money(p.left_before)} was left when its turn came, enough for its {money(p.cost)} cost.",
            ]
        if p.how == BY_GREEDY and not p.votes:
            return [
                "Funded. Nobody voted for it, but it still fitted in the money left.",
                f"{money(p.left_before)} was left when its turn came, enough for its {money(p.cost)} cost.",
            ]
        if p.how == BY_GREEDY:
            return [
                f"Funded. {_people(p.votes)} voted for it.",
                f"{money(p.left_before)} was left when its turn came, enough for its {money(p.cost)} cost.",
            ]
        full = [g for g in p.payment_groups if not g.all_they_had]
        short = [g for g in p.payment_groups if g.all_they_had]
        if len(p.payment_groups) == 1:
            g = p.payment_groups[0]
            each = "each paid" if g.voters > 1 else "paid"
            lead = f"Funded. {_people(g.voters)} who voted for it {each} {money(g.amount)} of its {money(p.cost)} cost."
            return [lead] if not short else [lead, "That was all the money they had left."]
        out = [f"Funded. {_people(p.payers)} who voted for it paid its {money(p.cost)} cost between them."]
        if ex.satisfaction in ("cardinal", "borda"):
            out.append("Each paid in proportion to the points they gave it.")
        for g in full:
            out.append(f"{_people(g.voters)} paid {money(g.amount)}{' each' if g.voters > 1 else ''}.")
        if short:
            n_short = sum(g.voters for g in short)
            low = min(g.amount for g in short)
            high = max(g.amount for g in short)
            amounts = money(low) if low == high else f"between {money(low)} and {money(high)}"
            out.append(f"{_people(n_short)} paid less ({amounts}): all the money they had left.")
        return out
    if p.reason == NO_SUPPORT:
        return ["Not funded. Nobody voted for it."]
    if p.reason == NO_WEIGHT:
        if ex.satisfaction == "borda":
            why = "everyone who ranked it put it last, and a last place scores nothing"
        elif ex.satisfaction == "cost":
            why = "a vote counts by what the project costs, and it costs nothing"
        else:
            why = "nobody gave it any points"
        return [f"Not funded. The way votes are counted here gives it no weight: {why}."]
    if p.reason == DID_NOT_FIT:
        return [f"Not funded. When its turn came only {money(p.left_at_turn)} was left, and it costs {money(p.cost)}."]
    between = " between them" if p.supporters != 1 else ""
    if p.supporters_spent:
        had = f"had {money(p.supporters_held)} left{between} after paying towards projects they also backed"
    else:
        had = f"had {money(p.supporters_held)}{between}"
    out = [f"Not funded. The {_people(p.supporters)} who voted for it {had}; it costs {money(p.cost)}."]
    if p.spent_on:
        # The three projects they spent most on, so the sentence stays readable.
        top = sorted(p.spent_on, key=lambda qa: -qa[1])[:3]
        names = [f"{_name(ex, q)} ({money(a)})" for q, a in top]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        spent = money(p.supporters_spent)
        if len(p.spent_on) == len(top):
            out.append(f"They had spent {spent} on {listed}.")
        else:
            out.append(f"They had spent {spent} on {len(p.spent_on)} funded projects, the most on {listed}.")
    if p.left_at_turn is not None:
        out.append(f"The {money(p.left_at_turn)} left over afterwards was not enough for it either.")
    return out


def _name(ex: Explanation, project_id: str) -> str:
    p = ex.project(project_id)
    return p.name or f"project {project_id}"
