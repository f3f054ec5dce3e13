"""Voting: a person's own ballot online, and officers' paper ballots.

Who took part is audited; ballots are not (the trail would show who voted for what). A ballot is
found again only by the voter's opaque key, so nothing stored links them to it. An online ballot is
not written in the voter's transaction: it goes into the ballot box (``commonweal.ballots``), which
commits ballots in shuffled batches later, so no transaction id, row order or time pairs it with
the participation.
"""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.accounts.models import User
from commonweal.accounts.permissions import EmailNotConfirmed, has_confirmed_email
from commonweal.ballots import services as ballot_box
from commonweal.core import audit
from commonweal.participation import ballots, keys, permissions, selectors
from commonweal.participation.models import Ballot, BudgetRound, Participation


@transaction.atomic
def ballot_cast(*, round_: BudgetRound, voter: User, marks: dict, age_confirmed: bool) -> Ballot:
    """Record or replace this person's ballot. ``marks`` maps project pk to 1, points or rank."""
    if not permissions.is_voting_open(round_):
        raise ValidationError(_("This round is not open for voting."))
    if not permissions.is_eligible(voter, round_):
        raise ValidationError(_("You cannot vote in this round."))
    if not has_confirmed_email(voter):
        raise EmailNotConfirmed(voter, "vote")
    if not age_confirmed:
        raise ValidationError(
            {
                "age_confirmed": _("Confirm you are %(age)d or older to vote.")
                % {"age": round_.minimum_age}
            }
        )
    cleaned = ballots.clean_marks(round_, selectors.ballot_projects(round_), marks)
    # get_or_create and update_or_create retry the read when a second request wins the insert, so two
    # browsers submitting at once still end with one row each.
    with audit.audit_context(actor=voter, reason=_("Voted in a budgeting round")):
        participation, _created = Participation.objects.get_or_create(
            round=round_, person=voter, defaults={"channel": Participation.Channel.ONLINE}
        )
    if participation.channel == Participation.Channel.PAPER:
        raise ValidationError(_("You have already voted on paper, so you cannot vote online too."))
    key = keys.ballot_key(round_.pk, voter.pk)
    ballot_box.ballot_queue(
        box=keys.box(round_.pk), key=key, content={"marks": cleaned, "source": Ballot.Source.ONLINE}
    )
    # The ballot as the voter will find it (it is committed later, in a batch).
    return Ballot(round=round_, key=key, source=Ballot.Source.ONLINE, marks=cleaned)


@transaction.atomic
def paper_ballot_enter(
    *, round_: BudgetRound, actor: User, marks: dict, batch: str, voter_email: str = ""
) -> Ballot:
    """Enter a paper ballot. When the voter is known, they are marked as having voted on paper, and the
    ballot goes through the ballot box so that it is not written in the same transaction as their name."""
    if not round_.takes_paper_ballots:
        raise ValidationError(
            _("Paper ballots can be entered only while voting is open or just after it closes.")
        )
    batch = (batch or "").strip()
    if not batch:
        raise ValidationError(
            {"batch": _("Enter the batch reference written on the box or envelope.")}
        )
    cleaned = ballots.clean_marks(round_, selectors.ballot_projects(round_), marks)
    voter_email = (voter_email or "").strip()
    if voter_email:
        voter = User.objects.filter(email__iexact=voter_email).first()
        if voter is None:
            raise ValidationError(
                {
                    "voter_email": _(
                        "Nobody has an account with that email address. "
                        "Leave it empty if the voter has no account."
                    )
                }
            )
        try:
            with (
                transaction.atomic(),
                audit.audit_context(actor=actor, reason=_("Entered a paper ballot")),
            ):
                Participation.objects.create(
                    round=round_, person=voter, channel=Participation.Channel.PAPER, batch=batch
                )
        except IntegrityError:
            raise ValidationError(
                {
                    "voter_email": _(
                        "This person has already voted, so their paper ballot cannot be counted."
                    )
                }
            ) from None
        key = keys.anonymous_ballot_key()
        content = {"marks": cleaned, "source": Ballot.Source.PAPER, "batch": batch}
        ballot_box.ballot_queue(box=keys.box(round_.pk), key=key, content=content)
        return Ballot(round=round_, key=key, source=Ballot.Source.PAPER, batch=batch, marks=cleaned)
    return Ballot.objects.create(
        round=round_,
        key=keys.anonymous_ballot_key(),
        source=Ballot.Source.PAPER,
        batch=batch,
        marks=cleaned,
    )


@transaction.atomic
def paper_ballots_enter(
    *,
    round_: BudgetRound,
    actor: User,
    batch: str,
    rows: Sequence[tuple[int, dict, str]],
) -> int:
    """Enter a sheet of paper ballots at once. ``rows`` are ``(row number, marks, voter's email or
    "")``, one a paper ballot, each checked as ``paper_ballot_enter`` checks one: its marks against
    the round's limits, and a named voter must have an account, not have voted already (online, on
    paper, or on another row of the sheet). Every row is checked first: if any is wrong, nothing is
    saved, and each problem names its row (as errors on ``row_<n>`` and ``email_<n>``).

    Each ballot goes into the ballot box under a key of its own and nobody's (committed with the
    next batch, or when the votes are counted), so each is counted once and none is written beside
    the voters named on the sheet. Who is named is marked as having voted on paper. One audit entry
    about the round says who entered how many ballots, from which batch, and when. Returns how many.
    """
    if not round_.takes_paper_sheets:
        raise ValidationError(
            _(
                "A sheet of paper ballots can be entered only while voting is open or just after "
                "it closes, for ballots that choose projects."
            )
        )
    batch = (batch or "").strip()
    if not batch:
        raise ValidationError(
            {"batch": _("Enter the batch reference written on the box or envelope.")}
        )
    if not rows:
        raise ValidationError(_("Tick the projects marked on each paper ballot, a row each."))
    projects = list(selectors.ballot_projects(round_))
    voters = _voters_named(round_, [email for _row, _marks, email in rows])
    errors: dict[str, list[str]] = {}
    entries: list[dict] = []
    named: list[User] = []
    first_row: dict[int, int] = {}  # a voter's pk to the first row that names them
    for row, marks, email in rows:
        where = {"row": row}
        try:
            entries.append(ballots.clean_marks(round_, projects, marks))
        except ValidationError as error:
            errors[f"row_{row}"] = [
                _("Row %(row)s: %(problem)s") % {**where, "problem": problem}
                for problem in error.messages
            ]
        email = (email or "").strip()
        if not email:
            continue
        voter, voted = voters.get(email.lower(), (None, False))
        problem = ""
        if voter is None:
            problem = _(
                "Row %(row)s: Nobody has an account with that email address. Leave it empty if "
                "the voter has no account."
            )
        elif voter.pk in first_row:
            problem = _(
                "Row %(row)s: This voter is also on row %(first)s. A person's vote counts once."
            )
            where["first"] = first_row[voter.pk]
        elif voted:
            problem = _(
                "Row %(row)s: This person has already voted, so their paper ballot cannot be "
                "counted."
            )
        else:
            first_row[voter.pk] = row
            named.append(voter)
        if problem:
            errors[f"email_{row}"] = [problem % where]
    if errors:
        raise ValidationError(errors)
    reason = ngettext(
        "Entered a sheet of %(count)s paper ballot from batch %(batch)s",
        "Entered a sheet of %(count)s paper ballots from batch %(batch)s",
        len(entries),
    ) % {"count": len(entries), "batch": batch}
    with (
        audit.audit_context(actor=actor, reason=reason),
        audit.bulk_operation(instance=round_, action="paper_ballots_enter", reason=reason) as op,
    ):
        for voter in named:
            try:
                with transaction.atomic():
                    Participation.objects.create(
                        round=round_, person=voter, channel=Participation.Channel.PAPER, batch=batch
                    )
            except IntegrityError:  # they voted online while the sheet was being entered
                row = first_row[voter.pk]
                raise ValidationError(
                    {
                        f"email_{row}": _(
                            "Row %(row)s: This person has already voted, so their paper ballot "
                            "cannot be counted."
                        )
                        % {"row": row}
                    }
                ) from None
        op.add_rows("participation.paper_ballot", [{"batch": batch}] * len(entries))
    box = keys.box(round_.pk)
    for marks in entries:
        content = {"marks": marks, "source": Ballot.Source.PAPER, "batch": batch}
        ballot_box.ballot_queue(box=box, key=keys.anonymous_ballot_key(), content=content)
    return len(entries)


def _voters_named(round_: BudgetRound, emails: Sequence[str]) -> dict[str, tuple[User, bool]]:
    """The accounts with these email addresses (any case), keyed by the address in lower case,
    each with whether they have already voted in the round."""
    wanted = {email.strip().lower() for email in emails if (email or "").strip()}
    if not wanted:
        return {}
    people = User.objects.annotate(address=Lower("email")).filter(address__in=wanted)
    voted = set(
        Participation.objects.filter(round=round_, person__in=people).values_list(
            "person_id", flat=True
        )
    )
    return {person.address: (person, person.pk in voted) for person in people}


@transaction.atomic
def ballots_import(
    *,
    round_: BudgetRound,
    online: Sequence[tuple[User, dict]] = (),
    paper: Sequence[tuple[str, dict]] = (),
    reason: str,
) -> int:
    """Bring in many ballots cast elsewhere at once (the demo's city-scale data, a vote held on another
    system), for a round whose voting has ended: ``online`` as ``(voter, marks)``, ``paper`` as
    ``(batch, marks)``, each checked against the round's limits as a ballot cast here is.

    Who voted online is written in bulk as one audit entry about the round; every ballot goes into the
    ballot box's table apart, shuffled, with random ids and no time (``box_commit_bulk``, one entry
    with their number only), so nothing stored pairs a voter with a ballot. Paper ballots have keys
    nobody can find again. Returns how many ballots were committed.
    """
    if round_.status in (
        BudgetRound.Status.DRAFT,
        BudgetRound.Status.PROPOSALS,
        BudgetRound.Status.REVIEW,
    ) or permissions.is_voting_open(round_):
        raise ValidationError(
            _("Ballots can be brought in only once the round's voting has ended.")
        )
    voters = [voter.pk for voter, _marks in online]
    if (
        len(set(voters)) != len(voters)
        or round_.participations.filter(person_id__in=voters).exists()
    ):
        raise ValidationError(_("A person can vote only once in a round."))
    projects = list(selectors.ballot_projects(round_))
    entries = []
    for voter, marks in online:
        if not has_confirmed_email(voter):
            raise EmailNotConfirmed(voter, "vote")
        cleaned = ballots.clean_marks(round_, projects, marks)
        entries.append(
            (
                keys.ballot_key(round_.pk, voter.pk),
                {"marks": cleaned, "source": Ballot.Source.ONLINE},
            )
        )
    for batch, marks in paper:
        batch = (batch or "").strip()
        if not batch:
            raise ValidationError(
                {"batch": _("Enter the batch reference written on the box or envelope.")}
            )
        cleaned = ballots.clean_marks(round_, projects, marks)
        entries.append(
            (
                keys.anonymous_ballot_key(),
                {"marks": cleaned, "source": Ballot.Source.PAPER, "batch": batch},
            )
        )
    with (
        audit.audit_context(reason=reason),
        audit.bulk_operation(instance=round_, action="voters_import", reason=reason) as operation,
    ):
        operation.bulk_create(
            Participation,
            [
                Participation(round=round_, person=voter, channel=Participation.Channel.ONLINE)
                for voter, _marks in online
            ],
            batch_size=1000,
        )
    return ballot_box.box_commit_bulk(box=keys.box(round_.pk), entries=entries)
