"""Voting: a person's own ballot online, and officers' paper ballots.

Who took part is audited; ballots are not (the trail would show who voted for what). A ballot is
found again only by the voter's opaque key, so nothing stored links them to it. An online ballot is
not written in the voter's transaction: it goes into the ballot box (``commonweal.ballots``), which
commits ballots in shuffled batches later, so no transaction id, row order or time pairs it with
the participation.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

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
