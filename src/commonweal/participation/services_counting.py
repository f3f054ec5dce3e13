"""Counting the votes with the PB engine, publishing the result, and re-counting with a reason."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.ballots import selectors as box_selectors
from commonweal.ballots import services as ballot_box
from commonweal.core import audit
from commonweal.participation import (
    engine,
    exchange,
    keys,
    notices,
    permissions,
    results,
    selectors,
)
from commonweal.participation.models import BudgetRound, Count, CountRequest, Project
from commonweal.participation.pb import rules


def vote_totals(round_: BudgetRound, projects: Iterable[Project]) -> dict[str, int]:
    """Supporters of each project (points for cumulative ballots), keyed by project pk as text."""
    totals = {str(project.pk): 0 for project in projects}
    cumulative = round_.ballot_type == BudgetRound.BallotType.CUMULATIVE
    for marks in round_.ballots.values_list("marks", flat=True):
        for pk, value in marks.items():
            if pk in totals:
                totals[pk] += int(value) if cumulative else 1
    return totals


@transaction.atomic
def round_count(
    *,
    round_: BudgetRound,
    actor: User,
    rule: str = "",
    satisfaction: str = "",
    completion: str = "",
    reason: str = "",
) -> Count:
    """Count the ballots by the rule (the round's own unless given), and explain the count. After
    publishing, only with a reason. A city's round takes seconds: pages ask for a count with
    ``round_count_queue``, and the counting task calls this."""
    locked = BudgetRound.objects.select_for_update().get(pk=round_.pk)
    rule, satisfaction, completion, reason = _check_count(
        locked, rule=rule, satisfaction=satisfaction, completion=completion, reason=reason
    )
    ballot_box.box_empty_for_counting(box=keys.box(locked.pk))  # every ballot cast is counted
    projects = selectors.ballot_projects(locked)
    ballots = selectors.counted_ballots(locked)
    election = engine.election_for(locked, projects, ballots)
    try:
        outcome = engine.tally(
            election, rule=rule, satisfaction=satisfaction, completion=completion
        )
    except (ValueError, KeyError, NotImplementedError) as error:
        raise ValidationError(
            _("These votes cannot be counted with that rule: %(problem)s") % {"problem": error}
        ) from error
    by_id = {project.election_id: project.pk for project in projects}
    with audit.audit_context(actor=actor, reason=reason or _("Counted the votes")):
        locked.rule, locked.satisfaction, locked.completion = rule, satisfaction, completion
        locked.save(update_fields=["rule", "satisfaction", "completion"])
        count = Count.objects.create(
            round=locked,
            rule=rule,
            satisfaction=satisfaction,
            completion=completion,
            selected=[by_id[pid] for pid in outcome.selected],
            details=engine.outcome_details(outcome),
            votes=vote_totals(locked, projects),
            ballots=len(ballots),
            engine_version=engine.ENGINE_VERSION,
            reason=reason,
            counted_by=actor,
        )
    exchange.round_export_stale(locked)  # the file carries the rule: made again when asked
    results.explain_count(locked, count, projects, ballots)
    return count


def _check_count(
    locked: BudgetRound, *, rule: str, satisfaction: str, completion: str, reason: str
) -> tuple[str, str, str, str]:
    """The rule, satisfaction, completion and reason a count of the round will use, or why it may not."""
    if not locked.is_countable:
        raise ValidationError(_("Close voting before you count the votes."))
    rule = rule or locked.rule
    satisfaction = satisfaction or locked.effective_satisfaction
    completion = completion or locked.completion
    reason = (reason or "").strip()
    if locked.status == BudgetRound.Status.PUBLISHED and not reason:
        raise ValidationError(
            {
                "reason": _(
                    "The results are published. Say why you are counting again, so everyone can see the reason."
                )
            }
        )
    allowed = rules.ALLOWED[engine.VOTE_TYPES[locked.ballot_type]]
    if satisfaction not in allowed:
        raise ValidationError(
            {
                "satisfaction": _("For this kind of ballot, choose %(allowed)s satisfaction.")
                % {"allowed": _(" or ").join(allowed)}
            }
        )
    if rule == "greedy":
        completion = "none"
    return rule, satisfaction, completion, reason


@transaction.atomic
def round_count_queue(
    *,
    round_: BudgetRound,
    actor: User,
    rule: str = "",
    satisfaction: str = "",
    completion: str = "",
    reason: str = "",
) -> CountRequest:
    """Ask for the votes to be counted by a background task. Only one count of a round waits or
    runs at a time: asking again meanwhile is refused (the round's row lock and a unique
    constraint make two requests at once into one)."""
    locked = BudgetRound.objects.select_for_update().get(pk=round_.pk)
    rule, satisfaction, completion, reason = _check_count(
        locked, rule=rule, satisfaction=satisfaction, completion=completion, reason=reason
    )
    busy = _("The votes are already being counted. Wait for that count to finish.")
    if CountRequest.objects.filter(
        round=locked, state__in=(CountRequest.State.WAITING, CountRequest.State.RUNNING)
    ).exists():
        raise ValidationError(busy)
    try:
        with (
            transaction.atomic(),
            audit.audit_context(
                actor=actor, reason=reason or _("Asked for the votes to be counted")
            ),
        ):
            asked = CountRequest.objects.create(
                round=locked,
                rule=rule,
                satisfaction=satisfaction,
                completion=completion,
                reason=reason,
                requested_by=actor,
            )
    except IntegrityError:
        raise ValidationError(busy) from None

    def enqueue() -> None:
        from commonweal.participation.tasks import count_round

        count_round.enqueue(request_id=asked.pk)

    transaction.on_commit(enqueue)
    return asked


def count_request_run(*, request_id: int) -> CountRequest | None:
    """Do a waiting count request (the counting task): running, then done with its count, or failed
    with the reason in words."""
    with transaction.atomic():
        asked = (
            CountRequest.objects.select_for_update(of=("self",))
            .filter(pk=request_id, state=CountRequest.State.WAITING)
            .select_related("round", "requested_by")
            .first()
        )
        if asked is None:  # done already, or never asked: a task run twice does nothing
            return None
        if asked.requested_by is None:  # the account that asked is gone: nobody to record
            asked.state = CountRequest.State.FAILED
            asked.problem = _("The person who asked for this count no longer has an account.")
            asked.save(update_fields=["state", "problem"])
            return asked
        asked.state = CountRequest.State.RUNNING
        asked.save(update_fields=["state"])
    try:
        count = round_count(
            round_=asked.round,
            actor=asked.requested_by,
            rule=asked.rule,
            satisfaction=asked.satisfaction,
            completion=asked.completion,
            reason=asked.reason,
        )
    except ValidationError as error:
        _finish(asked, state=CountRequest.State.FAILED, problem=" ".join(error.messages))
        return asked
    except Exception:
        _finish(
            asked,
            state=CountRequest.State.FAILED,
            problem=_("Something went wrong while counting. Try again."),
        )
        raise
    _finish(asked, state=CountRequest.State.DONE, count=count)
    return asked


def _finish(
    asked: CountRequest, *, state: str, problem: str = "", count: Count | None = None
) -> None:
    """Record how a running count ended, unless it was stopped meanwhile (``count_request_stop``):
    a count that ends after being stopped keeps the stopped request's words (the count it made is
    still a true count of the same votes, and is kept)."""
    with transaction.atomic():
        current = (
            CountRequest.objects.select_for_update(of=("self",))
            .filter(pk=asked.pk, state=CountRequest.State.RUNNING)
            .first()
        )
        if current is None:
            asked.refresh_from_db(fields=["state", "problem", "count"])
            return
        asked.state, asked.problem, asked.count = state, problem, count
        asked.save(update_fields=["state", "problem", "count"])


@transaction.atomic
def count_request_stop(*, round_: BudgetRound, actor: User, reason: str = "") -> CountRequest:
    """Stop a count that has waited or run far longer than any count takes (the worker doing it
    stopped), so that the votes can be counted again or the last count published. Refused while
    the count may still be under way. Recorded with who and why."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you are stopping this count.")})
    asked = (
        CountRequest.objects.select_for_update(of=("self",))
        .filter(round=round_, state__in=(CountRequest.State.WAITING, CountRequest.State.RUNNING))
        .first()
    )
    if asked is None:
        raise ValidationError(_("No count of this community budget is waiting or under way."))
    minutes = int(CountRequest.STUCK_AFTER.total_seconds() // 60)
    if not asked.is_stuck():
        raise ValidationError(
            _(
                "This count was asked for less than %(minutes)s minutes ago and may still be "
                "under way. Wait for it. Stop it only if it has not finished after "
                "%(minutes)s minutes."
            )
            % {"minutes": minutes}
        )
    with audit.audit_context(actor=actor, reason=reason):
        asked.state = CountRequest.State.FAILED
        asked.problem = _("%(name)s stopped it after more than %(minutes)s minutes: %(reason)s") % {
            "name": actor.get_full_name() or actor.get_username(),
            "minutes": minutes,
            "reason": reason,
        }
        asked.save(update_fields=["state", "problem"])
    return asked


@transaction.atomic
def round_publish(*, round_: BudgetRound, actor: User, reason: str = "") -> BudgetRound:
    """Show the latest count to everybody: refused for the reasons ``permissions.publish_refusal``
    gives (the pages ask it too), among them a ballot that came in after the count."""
    locked = BudgetRound.objects.select_for_update().get(pk=round_.pk)
    latest = selectors.latest_count(locked)
    refusal = permissions.publish_refusal(
        locked,
        counted=latest is not None,
        counting=locked.count_requests.filter(
            state__in=(CountRequest.State.WAITING, CountRequest.State.RUNNING)
        ).exists(),
        uncounted=selectors.ballots_after(
            latest,
            {
                "waiting": box_selectors.waiting_count(keys.box(locked.pk)),
                "ballots": locked.ballots.count(),
            },
        ),
    )
    if refusal:
        raise ValidationError(refusal)
    with audit.audit_context(actor=actor, reason=reason or _("Published the results")):
        locked.status = BudgetRound.Status.PUBLISHED
        locked.save(update_fields=["status"])
    round_.status = locked.status
    notices.published(locked, actor=actor, reason=reason)

    def warm() -> None:
        from commonweal.participation.tasks import warm_results

        warm_results.enqueue(round_id=locked.pk)

    transaction.on_commit(warm)
    return locked
