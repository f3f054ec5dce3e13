"""The published result of a round, laid out for its page: funded projects, the chart, the explanation.

Check ``permissions.can_see_results`` before calling. The explanation and the EJR check come from
the engine (``pb.explain`` and ``pb.ejr``), replaying the count once, when it is made (by the
counting task): they are stored on the count, and the page only reads them.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext, gettext_noop, ngettext

from commonweal.core.charts import Chart, bar_chart
from commonweal.messages import Message, message, ngettext_noop, plural_message
from commonweal.participation import engine, selectors
from commonweal.participation.models import Ballot, BudgetRound, Count, Project
from commonweal.participation.pb import ejr, explain
from commonweal.participation.pb.explain import format_money


@dataclass
class ProjectResult:
    project: Project
    votes: int
    funded: bool
    payments: list = field(default_factory=list)  # plain sentences: who paid what
    why_not: str = ""


@dataclass
class Results:
    round: BudgetRound
    count: Count
    funded: list[ProjectResult]
    unfunded: list[ProjectResult]
    spent: Decimal
    chart: Chart
    ejr: str = ""
    my_share: list[tuple[str, str]] = field(default_factory=list)
    explained: bool = False
    voted_online: bool = False
    explanation_waiting: bool = False  # the count's explanation is still being worked out
    # Equal shares only: the budget over the ballots counted (each voter's equal share); with the
    # add1 completion, the share it was raised to (only when it was raised) and what the first
    # count, at the equal share, left of the budget (None for a count stored before it was kept).
    equal_share: Fraction | None = None
    raised_share: Fraction | None = None
    left_after_first_count: Fraction | None = None

    @property
    def left_over(self) -> Decimal:
        return self.round.budget - self.spent


def results_for(round_: BudgetRound, user=None) -> Results | None:
    """The latest count of a round, ready to show; None if it has not been counted."""
    count = selectors.latest_count(round_)
    if count is None:
        return None
    projects = selectors.ballot_projects(round_)
    by_pk = {project.pk: project for project in projects}
    chosen = [pk for pk in count.selected if pk in by_pk]
    funded = [ProjectResult(by_pk[pk], count.votes.get(str(pk), 0), True) for pk in chosen]
    unfunded = sorted(
        (
            ProjectResult(p, count.votes.get(str(p.pk), 0), False)
            for p in projects
            if p.pk not in chosen
        ),
        key=lambda r: (-r.votes, r.project.title),
    )
    spent = sum((r.project.cost for r in funded), Decimal(0))
    chart = bar_chart([(r.project.title, r.votes) for r in funded + unfunded])
    results = Results(
        round=round_, count=count, funded=funded, unfunded=unfunded, spent=spent, chart=chart
    )
    _shares(results)
    _explain(results, projects, user)
    return results


def _shares(results: Results) -> None:
    """Each voter's equal share and, when the completion raised it, how far: from the numbers the
    count stored (its ballots, the voter budget of the run it kept, the first run's cost)."""
    count = results.count
    if count.rule != BudgetRound.Rule.MES or not count.ballots:
        return
    budget = Fraction(results.round.budget)
    results.equal_share = budget / count.ballots
    details = count.details or {}
    if count.completion == BudgetRound.Completion.NONE or not details.get("voter_budget"):
        return
    kept = Fraction(details["voter_budget"])
    if kept <= results.equal_share:
        return
    results.raised_share = kept
    first = details.get("first_pass_cost")
    if first is not None:
        results.left_after_first_count = budget - Fraction(first)


def _explain(results: Results, projects, user) -> None:
    """Add the stored explanation, the EJR check and the voter's own share.

    Replaying a count over tens of thousands of ballots takes seconds, so it is done once per count,
    by the counting task (``explain_count``), and stored on the count: a page never replays one.
    """
    words = stored_words(results.count)
    if words is None:
        results.explanation_waiting = True
        return
    _apply(results, words)
    own = selectors.own_ballot(results.round, user) if user is not None else None
    if own is not None and words["projects"]:
        names = {p.election_id: p.title for p in projects}
        results.my_share = [
            (names[pid], format_money(Fraction(amount)))
            for pid, amount in words["shares"].get(str(own.pk), [])
            if pid in names
        ]
        results.voted_online = True


def stored_words(count: Count) -> dict | None:
    """The count's stored explanation with its messages read back; None if not worked out yet."""
    stored = count.explanation
    if stored is None:
        return None
    return {
        "projects": {
            pid: [Message.from_json(m) for m in messages]
            for pid, messages in stored["projects"].items()
        },
        "ejr": Message.from_json(stored["ejr"]) if stored["ejr"] else None,
        "shares": stored["shares"],
    }


def explain_count(round_: BudgetRound, count: Count, projects=None, ballots=None) -> dict:
    """Work out a count's explanation and store it on the count (the counting task calls this):
    ``projects`` (sentences by project), ``ejr`` (words) and ``shares`` (online ballot id →
    [(project, amount paid)]). Stored as messages, not text, and translated when shown: one
    explanation serves every language.
    """
    projects = selectors.ballot_projects(round_) if projects is None else projects
    ballots = selectors.counted_ballots(round_) if ballots is None else ballots
    election = engine.election_for(round_, projects, ballots)
    by_pk = {p.pk: p for p in projects}
    selected_ids = [by_pk[pk].election_id for pk in count.selected if pk in by_pk]
    explanation = _replay(election, engine.stored_outcome(count, selected_ids))
    ejr_words = _ejr_for(round_, count, election, selected_ids, projects)
    stored: dict = {
        "projects": {},
        "ejr": ejr_words.as_json() if ejr_words is not None else None,
        "shares": {},
    }
    if explanation is not None:
        stored["projects"] = {
            p.election_id: [m.as_json() for m in explanation.messages(p.election_id)]
            for p in projects
        }
        online = {
            index for index, ballot in enumerate(ballots) if ballot.source == Ballot.Source.ONLINE
        }
        shares: dict[str, list] = {}
        for funded in explanation.funded:
            for group in funded.payment_groups:
                if group.amount:
                    for index in online.intersection(group.ballots):
                        shares.setdefault(str(ballots[index].pk), []).append(
                            (funded.project_id, str(group.amount))
                        )
        stored["shares"] = shares
    Count.objects.filter(pk=count.pk).update(explanation=stored)
    count.explanation = stored
    return stored


def _replay(election, outcome):
    if outcome.rule != "greedy" and outcome.voter_budget is None:
        return None
    try:
        return explain.explain(election, outcome)
    except ValueError:  # a count the engine cannot replay: show the result without the explanation
        return None


def _words(sentence: Message) -> str:
    """A sentence of the engine's (or of this module's) in the language of the request."""
    return sentence.render(gettext, ngettext)


def _apply(results: Results, words: dict) -> None:
    for row in results.funded + results.unfunded:
        messages = words["projects"].get(row.project.election_id)
        if messages is None:
            continue
        sentences = [_words(sentence) for sentence in messages]
        if row.funded:
            row.payments = sentences
        else:
            row.why_not = " ".join(sentences)
    results.explained = bool(words["projects"])
    results.ejr = _words(words["ejr"]) if words["ejr"] else ""


def _ejr_for(round_, count, election, selected_ids, projects) -> Message | None:
    if round_.ballot_type not in (
        BudgetRound.BallotType.APPROVAL,
        BudgetRound.BallotType.CHOOSE_ONE,
    ):
        return None
    try:
        report = ejr.check(election, selected_ids, count.satisfaction)
    except ValueError:  # EJR is defined for cost and cardinality satisfaction only
        return None
    except RuntimeError:  # the search was too large to finish
        return message(
            gettext_noop(
                "The check of extended justified representation (EJR) was too large to finish."
            )
        )
    return _ejr_words(report, {p.election_id: p.title for p in projects})


def _ejr_words(report, names: dict[str, str]) -> Message:
    """The EJR report (``pb.ejr.EJRReport``) in plain words."""
    if report.satisfied:
        return message(
            gettext_noop(
                "Yes. The result passes the test of extended justified representation (EJR): no group of "
                "voters who all backed the same projects, and whose fair share of the budget would have paid "
                "for them, was left with less than those projects would have given them."
            )
        )
    found = report.violation
    return plural_message(
        ngettext_noop(
            "No. The result fails the test of extended justified representation (EJR): "
            "%(count)s person who backed %(projects)s could have paid for them from their fair "
            "share of the budget (%(share)s), but got less from the result.",
            "No. The result fails the test of extended justified representation (EJR): "
            "%(count)s people who all backed %(projects)s could have paid for them from their "
            "fair share of the budget (%(share)s), but each of them got less from the result.",
        ),
        found.voters,
        count=f"{found.voters:,}",
        projects=", ".join(names.get(pid, pid) for pid in found.projects),
        share=format_money(found.share),
    )
