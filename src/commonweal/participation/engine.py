"""The bridge to the plain PB engine in ``pb/``: build an Election from a round, count, explain.

Nothing is counted here; the engine does it. This module only translates between the database
and the engine's dataclasses.
"""

from decimal import Decimal
from fractions import Fraction

from commonweal.participation.pb import pabulib, rules
from commonweal.participation.pb.outcome import Outcome

ENGINE_VERSION = "commonweal-pb 1"

VOTE_TYPES = {
    "approval": "approval",
    "choose_one": "choose-1",
    "cumulative": "cumulative",
    "ranked": "ordinal",
}


def to_number(value: Decimal):
    """A Decimal amount of money as the engine's exact number."""
    value = Fraction(value)
    return value.numerator if value.denominator == 1 else value


def election_for(round_, projects, ballots, *, meta_extra=()) -> pabulib.Election:
    """An Election from the round, its projects on the ballot and its ballots (voter ids are anonymous)."""
    ids = {str(project.pk): project.election_id for project in projects}
    pb_projects = tuple(
        pabulib.Project(
            project.election_id, to_number(project.cost), project.title, (("name", project.title),)
        )
        for project in projects
    )
    pb_ballots = []
    for index, ballot in enumerate(ballots, start=1):
        marks = [(ids[pk], value) for pk, value in ballot.marks.items() if pk in ids]
        if round_.ballot_type == "ranked":
            marks.sort(key=lambda item: item[1])
            pb_ballots.append(pabulib.Ballot(str(index), tuple(pid for pid, _v in marks)))
        elif round_.ballot_type == "cumulative":
            pb_ballots.append(
                pabulib.Ballot(
                    str(index), tuple(pid for pid, _v in marks), tuple(int(v) for _pid, v in marks)
                )
            )
        else:
            pb_ballots.append(pabulib.Ballot(str(index), tuple(pid for pid, _v in marks)))
    vote_type = VOTE_TYPES[round_.ballot_type]
    meta = [
        ("description", round_.title),
        ("num_projects", str(len(pb_projects))),
        ("num_votes", str(len(pb_ballots))),
        ("budget", pabulib.format_number(to_number(round_.budget))),
        ("vote_type", vote_type),
        ("rule", round_.rule),
        *meta_extra,
    ]
    limits = {}
    if round_.min_projects is not None:
        limits["min_length"] = round_.min_projects
        meta.append(("min_length", str(round_.min_projects)))
    if round_.max_projects is not None:
        limits["max_length"] = round_.max_projects
        meta.append(("max_length", str(round_.max_projects)))
    if round_.points_total is not None:
        limits["max_sum_points"] = round_.points_total
        meta.append(("max_sum_points", str(round_.points_total)))
    return pabulib.Election(
        meta=tuple(meta),
        projects=pb_projects,
        ballots=tuple(pb_ballots),
        vote_type=vote_type,
        budget=to_number(round_.budget),
        **limits,
    )


def tally(election: pabulib.Election, *, rule: str, satisfaction: str, completion: str) -> Outcome:
    """Count with the engine."""
    return rules.tally(election, rule=rule, satisfaction=satisfaction, completion=completion)


def _exact(number) -> str | None:
    """An exact amount as JSON text ("3/2"), None for none."""
    if number is None:
        return None
    number = Fraction(number)
    return f"{number.numerator}/{number.denominator}"


def outcome_details(outcome: Outcome) -> dict:
    """What the explanation needs later, as JSON: the voter budget (exact), any top-up, and with the
    add1 completions what the first run (before each share was raised) chose cost."""
    return {
        "voter_budget": _exact(outcome.voter_budget),
        "topped_up": list(outcome.topped_up),
        "passes": outcome.passes,
        "first_pass_cost": _exact(outcome.first_pass_cost),
    }


def stored_outcome(count, selected_ids: list[str]) -> Outcome:
    """The Outcome a stored count came from, for ``pb.explain``."""
    details = count.details or {}
    budget = details.get("voter_budget")
    return Outcome(
        selected=tuple(selected_ids),
        cost=0,
        rule=count.rule,
        satisfaction=count.satisfaction,
        completion=count.completion,
        voter_budget=Fraction(budget) if budget else None,
        topped_up=tuple(details.get("topped_up") or ()),
        passes=details.get("passes") or 1,
    )
