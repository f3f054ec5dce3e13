"""Writes about priority rounds: creating, changing and deleting drafts, opening, closing, publishing,
voting and prioritising.

Rounds are audited, and who voted. Ballots are not, so the trail never shows who voted for what, and a
ballot is not written in the voter's transaction: it goes into the ballot box (``commonweal.ballots``),
which commits ballots in shuffled batches later.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.accounts.permissions import EmailNotConfirmed, has_confirmed_email
from commonweal.ballots import services as ballot_box
from commonweal.core import audit
from commonweal.needs.models import Need
from commonweal.organisations import place_staff
from commonweal.organisations.models import Organisation
from commonweal.places.models import Place
from commonweal.priorities import ballot_box as box
from commonweal.priorities import notices, permissions, results, selectors
from commonweal.priorities.models import Ballot, Participation, PriorityRound

# Needs a round's result can move to "prioritised": those not yet past that step.
PRIORITISABLE = (Need.Status.RAISED, Need.Status.UNDER_REVIEW)


# What round_update may change; the place, status and who set it up stay as they are.
EDITABLE_FIELDS = frozenset(
    {"title", "description", "run_by", "method", "eligibility", "opens_at", "closes_at"}
)


def _refusals(
    round_: PriorityRound,
    *,
    actor: User,
    needs: list[Need] | None,
    run_by_held: bool = False,
    needs_held: Iterable[int] = (),
) -> dict[str, list[str]]:
    """What is wrong with a round about to be saved, by field. ``run_by_held``: the public body
    running it is the one it had (kept though the person does not work for it); ``needs_held``: the
    needs it had, kept though they have closed since."""
    errors: dict[str, list[str]] = {}
    place = round_.place
    if timezone.localtime(round_.opens_at).date() < timezone.localdate():
        errors["opens_at"] = [_("The date voting opens must be today or in the future.")]
    if round_.closes_at <= round_.opens_at:
        errors["closes_at"] = [_("The closing date must be after the opening date.")]
    if not run_by_held and (
        not round_.run_by.is_public_body
        or not place_staff.staff_bodies(actor, place).filter(pk=round_.run_by_id).exists()
    ):
        errors["run_by"] = [
            _("Choose a public body you work for that is verified for %(place)s.")
            % {"place": place.name}
        ]
    if needs is not None:
        held = set(needs_held)
        asked = [need.pk for need in needs if need.pk not in held]
        allowed = held | set(
            selectors.needs_for_round(place).filter(pk__in=asked).values_list("pk", flat=True)
        )
        if len(needs) < 2:
            errors["needs"] = [_("Choose at least 2 needs to put in order.")]
        elif any(need.pk not in allowed for need in needs):
            errors["needs"] = [
                _("Choose open needs for %(place)s or a place in it.") % {"place": place.name}
            ]
    return errors


@transaction.atomic
def round_create(
    *,
    actor: User,
    run_by: Organisation,
    place: Place,
    title: str,
    description: str,
    method: str,
    eligibility: str,
    needs: Iterable[Need],
    opens_at: datetime,
    closes_at: datetime,
    reason: str = "",
) -> PriorityRound:
    """Set up a draft round over needs from one place, opening today or later."""
    needs = list(needs)
    round_ = PriorityRound(
        place=place,
        run_by=run_by,
        title=(title or "").strip(),
        description=(description or "").strip(),
        method=method,
        eligibility=eligibility,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=actor,
    )
    round_.full_clean()
    errors = _refusals(round_, actor=actor, needs=needs)
    if errors:
        raise ValidationError(errors)
    with audit.audit_context(actor=actor, reason=reason or _("Set up a priority round")):
        round_.save()
        round_.needs.set(needs)
    return round_


@transaction.atomic
def round_update(
    *,
    round_: PriorityRound,
    actor: User,
    needs: Iterable[Need] | None = None,
    reason: str = "",
    **fields: Any,
) -> PriorityRound:
    """Change a draft round: any of EDITABLE_FIELDS, and its needs. Nothing is written, and nothing
    recorded, when everything is as it was."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"These round fields cannot be set: {', '.join(sorted(unknown))}")
    locked = (
        PriorityRound.objects.select_for_update()
        .select_related("place", "run_by")
        .get(pk=round_.pk)
    )
    if not permissions.is_changeable(locked):
        raise ValidationError(permissions.why_not_changeable())
    for name in ("title", "description"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    changed = {name: value for name, value in fields.items() if getattr(locked, name) != value}
    held = set(selectors.round_need_ids(locked))
    needs = None if needs is None else list(needs)
    if needs is not None and {need.pk for need in needs} == held:
        needs = None  # the same needs: the links stay as they are
    if not changed and needs is None:
        return round_
    for name, value in changed.items():
        setattr(locked, name, value)
    locked.full_clean()
    errors = _refusals(
        locked, actor=actor, needs=needs, run_by_held="run_by" not in changed, needs_held=held
    )
    if errors:
        raise ValidationError(errors)
    with audit.audit_context(actor=actor, reason=reason or _("Changed the priority round")):
        if changed:
            locked.save(update_fields=list(changed))
        if needs is not None:
            locked.needs.set(needs)
    for name, value in changed.items():
        setattr(round_, name, value)
    return round_


@transaction.atomic
def round_delete(*, round_: PriorityRound, actor: User, reason: str = "") -> None:
    """Delete a draft round: nobody but those who run it has seen it, and nobody has voted."""
    locked = PriorityRound.objects.select_for_update().filter(pk=round_.pk).first()
    if locked is None:
        return  # deleted already, by a colleague a moment before
    if not permissions.is_changeable(locked):
        raise ValidationError(permissions.why_not_changeable())
    reason = reason or _("Deleted the draft priority round “%(title)s”") % {"title": locked.title}
    with audit.audit_context(actor=actor, reason=reason):
        # Its needs first, as a change of their own: the entry for the deletion holds the round's
        # fields, not its links, and the trail should say which needs it held.
        locked.needs.clear()
        locked.delete()


def _move(
    round_: PriorityRound,
    *,
    actor: User,
    reason: str,
    to: str,
    allowed_from: tuple[str, ...],
    refusal: str,
) -> PriorityRound:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Enter the reason")})
    locked = PriorityRound.objects.select_for_update().get(pk=round_.pk)
    if locked.status not in allowed_from:
        raise ValidationError(refusal)
    with audit.audit_context(actor=actor, reason=reason):
        locked.status = to
        locked.save(update_fields=["status"])
    round_.status = to
    return round_


@transaction.atomic
def round_open(*, round_: PriorityRound, actor: User, reason: str) -> PriorityRound:
    """Let eligible people vote, from the opening date until the closing date."""
    if round_.closes_at <= timezone.now():
        raise ValidationError(_("The closing date has passed, so the round cannot open."))
    opened = _move(
        round_,
        actor=actor,
        reason=reason,
        to=PriorityRound.Status.OPEN,
        allowed_from=(PriorityRound.Status.DRAFT,),
        refusal=_("Only a draft round can be opened."),
    )
    notices.opened(opened, actor=actor)
    return opened


@transaction.atomic
def round_close(*, round_: PriorityRound, actor: User, reason: str) -> PriorityRound:
    """Stop voting, even before the closing date."""
    closed = _move(
        round_,
        actor=actor,
        reason=reason,
        to=PriorityRound.Status.CLOSED,
        allowed_from=(PriorityRound.Status.OPEN,),
        refusal=_("Only an open round can be closed."),
    )
    ballot_box.box_flush_after_commit(box=box.box(round_.pk))  # commit every ballot still waiting
    notices.closed(closed)
    return closed


@transaction.atomic
def round_publish(*, round_: PriorityRound, actor: User, reason: str) -> PriorityRound:
    """Show the count to everybody. Voting must have ended."""
    if round_.status == PriorityRound.Status.OPEN and round_.closes_at > timezone.now():
        raise ValidationError(
            _("Voting is still open. Close the round before you publish the results.")
        )
    ballot_box.box_empty_for_counting(box=box.box(round_.pk))  # the results count every ballot cast
    published = _move(
        round_,
        actor=actor,
        reason=reason,
        to=PriorityRound.Status.PUBLISHED,
        allowed_from=(PriorityRound.Status.OPEN, PriorityRound.Status.CLOSED),
        refusal=_("Only a round whose voting has ended can have its results published."),
    )
    # Counted once, here: the round's page and the API read the stored count (results.py).
    results.results_store(published)
    notices.published(published, actor=actor, reason=reason)
    return published


@transaction.atomic
def ballot_cast(*, round_: PriorityRound, voter: User, choices: dict[int, int | None]) -> Ballot:
    """Record or replace a person's ballot. ``choices`` maps need id to rank (Borda) or None (approval)."""
    if not permissions.is_open_for_voting(round_):
        raise ValidationError(_("This round is not open for voting."))
    if not permissions.is_eligible(voter, round_):
        raise ValidationError(_("You cannot vote in this round."))
    if not has_confirmed_email(voter):
        raise EmailNotConfirmed(voter, "vote")
    in_round = set(round_.needs.values_list("pk", flat=True))
    if not choices:
        raise ValidationError(_("Choose at least one need."))
    if any(need_id not in in_round for need_id in choices):
        raise ValidationError(_("Choose needs from this round."))
    if round_.method == PriorityRound.Method.BORDA:
        ranks = sorted(choices.values(), key=lambda rank: rank or 0)
        if ranks != list(range(1, len(ranks) + 1)):
            raise ValidationError(_("Rank needs from 1st with no gaps and no shared ranks."))
    else:
        choices = dict.fromkeys(choices)
    with audit.audit_context(actor=voter, reason=_("Voted in a priority round")):
        Participation.objects.get_or_create(round=round_, person=voter)
    key = box.ballot_key(round_.pk, voter.pk)
    marks = {str(need_id): rank for need_id, rank in choices.items()}
    ballot_box.ballot_queue(box=box.box(round_.pk), key=key, content={"marks": marks})
    # The ballot as the voter will find it (it is committed later, in a batch).
    return Ballot(round=round_, key=key, marks=marks)


@transaction.atomic
def round_needs_prioritise(
    *, round_: PriorityRound, actor: User, needs: Iterable[Need], reason: str
) -> list[Need]:
    """Mark needs prioritised, citing the published round as the evidence."""
    from commonweal.needs.services import need_status_set

    needs = list(needs)
    if round_.status != PriorityRound.Status.PUBLISHED:
        raise ValidationError(_("Publish the results before you mark needs prioritised."))
    if not needs:
        raise ValidationError({"needs": _("Choose at least one need to mark prioritised.")})
    in_round = set(round_.needs.values_list("pk", flat=True))
    if any(need.pk not in in_round for need in needs):
        raise ValidationError({"needs": _("Choose needs from this round.")})
    not_ready = [need for need in needs if need.status not in PRIORITISABLE]
    if not_ready:
        raise ValidationError(
            {
                "needs": _("%(need)s is already %(status)s, so it cannot be marked prioritised.")
                % {"need": not_ready[0].title, "status": not_ready[0].get_status_display().lower()}
            }
        )
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": _("Say why these needs are prioritised, so people can see the reason.")}
        )
    with audit.audit_context(actor=actor, reason=reason):
        return [
            need_status_set(
                need=need,
                status=Need.Status.PRIORITISED,
                reason=reason.strip(),
                actor=actor,
                evidence_label=round_.title,
                evidence_url=round_.get_absolute_url(),
            )
            for need in needs
        ]


@transaction.atomic
def ballots_import(
    *, round_: PriorityRound, votes: Sequence[tuple[User, dict[int, int | None]]], reason: str
) -> int:
    """Bring in many ballots cast elsewhere at once (the demo's city-scale data, a count held on
    paper), each ``(voter, choices)`` as ``ballot_cast`` takes them, for a round whose voting has ended.

    Who voted is written in bulk as one audit entry about the round; the ballots go into the ballot
    box's table apart, shuffled, with random ids and no time (``box_commit_bulk``, one entry with
    their number only), so nothing stored pairs a voter with a ballot. A person may vote once.
    Returns how many ballots were committed.
    """
    if round_.status in (PriorityRound.Status.DRAFT, PriorityRound.Status.OPEN):
        raise ValidationError(
            _("Ballots can be brought in only once the round's voting has ended.")
        )
    in_round = set(round_.needs.values_list("pk", flat=True))
    voters = [voter.pk for voter, _choices in votes]
    if (
        len(set(voters)) != len(voters)
        or round_.participations.filter(person_id__in=voters).exists()
    ):
        raise ValidationError(_("A person can vote only once in a round."))
    entries = []
    for voter, choices in votes:
        if not has_confirmed_email(voter):
            raise EmailNotConfirmed(voter, "vote")
        if not choices or any(need_id not in in_round for need_id in choices):
            raise ValidationError(_("Choose needs from this round."))
        if round_.method == PriorityRound.Method.BORDA:
            ranks = sorted(choices.values(), key=lambda rank: rank or 0)
            if ranks != list(range(1, len(ranks) + 1)):
                raise ValidationError(_("Rank needs from 1st with no gaps and no shared ranks."))
        else:
            choices = dict.fromkeys(choices)
        marks = {str(need_id): rank for need_id, rank in choices.items()}
        entries.append((box.ballot_key(round_.pk, voter.pk), {"marks": marks}))
    with (
        audit.audit_context(reason=reason),
        audit.bulk_operation(instance=round_, action="voters_import", reason=reason) as operation,
    ):
        operation.bulk_create(
            Participation,
            [Participation(round=round_, person=voter) for voter, _choices in votes],
            batch_size=1000,
        )
    return ballot_box.box_commit_bulk(box=box.box(round_.pk), entries=entries)
