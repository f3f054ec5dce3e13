"""Riverside's budgeting rounds: one finished and published (counted by MES through the engine), one open.

Called by ``services.demo_load`` inside its audit context. A round is found again by its title and place;
ballots and counts are made only when the round is first made, so loading twice changes nothing.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from commonweal.accounts.models import User
from commonweal.ballots import services as ballot_box
from commonweal.demo import data
from commonweal.demo import data_budgeting as spec
from commonweal.needs.models import Need
from commonweal.participation import keys, services_counting
from commonweal.participation.models import Ballot, BudgetRound, Participation, Project
from commonweal.places.selectors import place_with_descendant_ids

R = BudgetRound


def load(*, places, organisations, save) -> dict[str, int]:
    """Load both rounds; returns how many people were added (none: the voters are the needs demo's residents)."""
    borough = places[data.BOROUGH["slug"]]
    commissioner = User.objects.get(email=data.email("commissioner"))
    finished = _round(
        spec.FINISHED, borough, organisations, commissioner, save, spec.FINISHED["days_ago"], -1
    )
    if finished.status != R.Status.PUBLISHED:
        _finish(finished, commissioner, save)
    open_round = _round(spec.OPEN, borough, organisations, commissioner, save, spec.OPEN["days"], 1)
    if not open_round.participations.exists():
        projects = list(open_round.projects.order_by("pk"))
        for local_part, chosen in spec.OPEN["ballots"].items():
            _online_ballot(open_round, _resident(local_part), [projects[i] for i in chosen], save)
    return {"people": 0}


def _resident(local_part: str) -> User:
    return User.objects.get(email=data.email(local_part))


def _round(round_spec, borough, organisations, commissioner, save, days, sign) -> BudgetRound:
    round_ = BudgetRound.objects.filter(title=round_spec["title"], place=borough).first()
    is_new = round_ is None
    if is_new:
        today = timezone.localdate()
        round_ = save(
            BudgetRound(
                place=borough,
                title=round_spec["title"],
                created_by=commissioner,
                status=R.Status.VOTING,
                budget=Decimal(round_spec["budget"]),
                **{name: today + timedelta(days=sign * value) for name, value in days.items()},
            )
        )
    round_ = save(
        round_,
        description=round_spec["description"],
        budget=Decimal(round_spec["budget"]),
        run_by=organisations[round_spec["run_by"]],
        max_projects=round_spec["max_projects"],
        ballot_type=R.BallotType.APPROVAL,
        verification=R.Verification.RESIDENT_ROLE,
        minimum_age=16,
        rule=R.Rule.MES,
        satisfaction="cost",
        completion=R.Completion.ADD1,
    )
    for item in round_spec["projects"]:
        title, cost, description = item[:3]
        proposer = _resident(item[3]) if len(item) > 3 and item[3] else commissioner
        project = round_.projects.filter(title=title).first() or Project(round=round_, title=title)
        save(
            project,
            cost=Decimal(cost),
            description=description,
            status=Project.Status.ACCEPTED,
            review_reason=project.review_reason
            or "Costed by the council's parks and buildings teams.",
            proposer=project.proposer or proposer,
        )
        met = spec.NEEDS_MET.get(title)
        if met and not project.needs.exists():
            project.needs.set(
                Need.objects.filter(title__in=met, place_id__in=place_with_descendant_ids(borough))
            )
    return round_


def _online_ballot(round_, voter, projects, save) -> None:
    """A fictional resident's own ballot: who took part in one table; the ballot (no person) goes into the
    ballot box, as a real vote does, and is committed in a batch later (at the latest when counting)."""
    if not Participation.objects.filter(round=round_, person=voter).exists():
        save(Participation(round=round_, person=voter, channel=Participation.Channel.ONLINE))
    ballot_box.ballot_queue(
        box=keys.box(round_.pk),
        key=keys.ballot_key(round_.pk, voter.pk),
        content={"source": Ballot.Source.ONLINE, "marks": {str(p.pk): 1 for p in projects}},
    )


def _finish(round_, commissioner, save) -> None:
    projects = list(round_.projects.order_by("pk"))
    if not round_.participations.exists():
        for local_part, chosen in spec.RESIDENT_BALLOTS.items():
            _online_ballot(round_, _resident(local_part), [projects[i] for i in chosen], save)
        Ballot.objects.bulk_create(_paper_ballots(round_, projects))
    save(round_, status=R.Status.CLOSED)
    if not round_.counts.exists():
        services_counting.round_count(round_=round_, actor=commissioner)
    services_counting.round_publish(
        round_=round_, actor=commissioner, reason="Results announced at the town hall"
    )


def _paper_ballots(round_, projects) -> list[Ballot]:
    """Paper ballots generated from the communities with a fixed seed: the same every time."""
    rng = random.Random(spec.SEED)
    ballots = []
    for size, liked, chance in spec.COMMUNITIES:
        for n in range(size):
            chosen = [i for i in liked if rng.random() < chance]
            if rng.random() < 0.3:  # some also tick a project outside their group's favourites
                chosen.append(rng.randrange(len(projects)))
            chosen = list(dict.fromkeys(chosen))[: round_.max_projects] or [liked[0]]
            ballots.append(
                Ballot(
                    round=round_,
                    key=keys.anonymous_ballot_key(),
                    source=Ballot.Source.PAPER,
                    batch=spec.PAPER_BATCHES[n % len(spec.PAPER_BATCHES)],
                    marks={str(projects[i].pk): 1 for i in chosen},
                )
            )
    return ballots
