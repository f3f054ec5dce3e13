"""Writes to a bid by its own bidder's people: start it, save what they enter (sealed whole on every
save), attach sealed documents, submit with a receipt, withdraw. Audited; never in the clear.

Every write locks the bid row (``select_for_update``) and checks the deadline against the
database's clock, not this process's, so two servers cannot disagree about when bids closed. What
the bidder enters is only ever in ``Bid.sealed`` (vault.seal_content): never in another column,
the audit trail's reason, a message or a log.
"""

from __future__ import annotations

import datetime
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.competitions import permissions, vault
from commonweal.competitions.content import BidContent
from commonweal.competitions.models import Bid, BidDocument, Opportunity
from commonweal.core import uploads
from commonweal.core.audit import audit_context
from commonweal.organisations.models import Organisation

# What a bidder writes in "conflicts" when they have none to declare. An empty text means they have
# not declared yet (BidContent has no separate flag; see the report of issue 14).
NO_CONFLICTS = "None: we have no conflicts of interest to declare."
# A document's size is shown before opening only rounded up to this many bytes.
SIZE_BAND = 256 * 1024


class BidsClosedError(ValidationError):
    """The deadline has passed (or the opportunity is not open): nothing about the bid changed."""


class BidIncomplete(ValidationError):
    """The bid cannot be submitted yet: the message lists what is missing."""


def db_now() -> datetime.datetime:
    """The database's clock: the one moment every server agrees on."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT clock_timestamp()")
            return cursor.fetchone()[0]
    return timezone.now()


def closed_message(opportunity: Opportunity) -> str:
    """'Bids closed at 12:00pm on 3 March 2027', in the place's time."""
    moment = timezone.localtime(opportunity.closes_at)
    hour = moment.strftime("%I:%M").lstrip("0")
    return _("Bids closed at %(time)s%(ampm)s on %(date)s") % {
        "time": hour,
        "ampm": moment.strftime("%p").lower(),
        "date": date_format(moment.date(), "j F Y"),
    }


def _refuse_unless_open(opportunity: Opportunity, now: datetime.datetime) -> None:
    # The deadline first: once it has passed, that is the reason, whatever the status is now.
    if now >= opportunity.closes_at:
        raise BidsClosedError(closed_message(opportunity), code="closed")
    if opportunity.status != Opportunity.Status.OPEN:
        raise BidsClosedError(_("This opportunity is not open for bids."), code="closed")


def _fresh_opportunity(opportunity_id: int) -> Opportunity:
    return Opportunity.objects.get(pk=opportunity_id)


def _locked(bid: Bid) -> tuple[Bid, datetime.datetime]:
    """The bid locked for this transaction, its opportunity read afresh, and the database's now;
    refused once bids have closed."""
    locked = Bid.objects.select_for_update().get(pk=bid.pk)
    locked.opportunity = _fresh_opportunity(locked.opportunity_id)
    now = db_now()
    _refuse_unless_open(locked.opportunity, now)
    return locked, now


def _check_may(actor: User, organisation: Organisation) -> None:
    if not permissions.can_bid_for(actor, organisation):
        raise PermissionDenied


def bid_start(*, actor: User, opportunity: Opportunity, organisation: Organisation) -> Bid:
    """The organisation's bid for the opportunity: its existing one (one each), or a new draft."""
    _check_may(actor, organisation)
    existing = Bid.objects.filter(opportunity=opportunity, organisation=organisation).first()
    if existing is not None:
        return existing
    _refuse_unless_open(_fresh_opportunity(opportunity.pk), db_now())
    try:
        with transaction.atomic(), audit_context(actor=actor, reason=_("Started a bid")):
            return Bid.objects.create(
                opportunity=opportunity, organisation=organisation, created_by=actor
            )
    except IntegrityError:
        # Another of their people started it at the same moment: theirs is the bid.
        return Bid.objects.get(opportunity=opportunity, organisation=organisation)


def _editable(bid: Bid) -> None:
    if bid.status == Bid.Status.SUBMITTED:
        raise ValidationError(
            _("This bid is submitted. Withdraw it to change it, then submit it again."),
            code="submitted",
        )


@transaction.atomic
def bid_save(
    *,
    actor: User,
    bid: Bid,
    change: Callable[[BidContent], BidContent],
    form: str | None = None,
) -> Bid:
    """Change the bid's content (``change`` gets the content as sealed and returns the new one) and
    seal it whole again. Unchanged, nothing is written. Refused after the deadline or once
    submitted."""
    _check_may(actor, bid.organisation)
    locked, now = _locked(bid)
    _editable(locked)
    salt, content = vault.read_own(locked, now=now)
    updated = change(content)
    new_form = form if form is not None else locked.form
    if locked.sealed and updated == content and new_form == locked.form:
        return locked
    sealed, _salt = vault.seal_content(locked, updated, now=now)
    with audit_context(actor=actor, reason=_("Saved a draft of a bid")):
        locked.sealed = sealed
        locked.version += 1
        locked.form = new_form
        if locked.status == Bid.Status.WITHDRAWN:
            locked.status = Bid.Status.DRAFT
        locked.save(update_fields=["sealed", "version", "form", "status", "updated_at"])
    return locked


@dataclass(frozen=True)
class Missing:
    """Something the bid needs before it can be submitted: what, and the section to give it in."""

    text: str
    section: str
    criterion_id: int | None = None


def answered_questions(opportunity: Opportunity) -> list:
    """The criteria bidders answer, in order."""
    return list(opportunity.criteria.filter(question__gt="").order_by("part", "position", "id"))


def missing(
    opportunity: Opportunity, bid: Bid, content: BidContent, questions: list | None = None
) -> list[Missing]:
    """What the bid still needs before it can be submitted (empty when it is complete)."""
    questions = answered_questions(opportunity) if questions is None else questions
    found = [
        Missing(_("Answer “%(title)s”") % {"title": q.title}, "answer", q.pk)
        for q in questions
        if not content.answers.get(str(q.pk), "").strip()
    ]
    if bid.form in (Bid.Form.CONSORTIUM, Bid.Form.ALLIANCE) and not content.members:
        found.append(Missing(_("Name the other members of your bid"), "how"))
    if opportunity.is_grant:
        grant = content.grant
        if grant is None or grant.requested is None:
            found.append(Missing(_("Give the amount you are asking for"), "budget"))
        elif opportunity.match_funding_required and grant.match_funding is None:
            found.append(Missing(_("Give your match funding"), "budget"))
    elif content.price is None:
        found.append(Missing(_("Give your price"), "price"))
    if not content.conflicts.strip():
        found.append(
            Missing(_("Declare any conflicts of interest, or that you have none"), "conflicts")
        )
    return found


@transaction.atomic
def bid_submit(*, actor: User, bid: Bid) -> Bid:
    """Submit the bid as sealed now: complete, before the deadline by the database's clock. Its
    receipt is a hash of exactly what was sealed and when. Refused with the reason otherwise, and
    then nothing about the bid changes."""
    _check_may(actor, bid.organisation)
    locked, now = _locked(bid)
    if locked.status == Bid.Status.SUBMITTED:
        raise ValidationError(_("This bid is already submitted."), code="submitted")
    salt, content = vault.read_own(locked, now=now)
    gaps = missing(locked.opportunity, locked, content)
    if not locked.sealed or gaps:
        raise BidIncomplete(
            [_("Your bid is not complete.")] + [gap.text for gap in gaps], code="incomplete"
        )
    with audit_context(actor=actor, reason=_("Submitted a bid")):
        locked.status = Bid.Status.SUBMITTED
        locked.submitted_at = now
        locked.submitted_by = actor
        locked.withdrawn_at = None
        locked.receipt = vault.receipt(locked, salt=salt, content=content, submitted_at=now)
        locked.save(
            update_fields=[
                "status",
                "submitted_at",
                "submitted_by",
                "withdrawn_at",
                "receipt",
                "updated_at",
            ]
        )
    return locked


@transaction.atomic
def bid_withdraw(*, actor: User, bid: Bid) -> Bid:
    """Withdraw a submitted bid (until the deadline). Its content is kept as a draft to change and
    submit again; its receipt no longer stands."""
    _check_may(actor, bid.organisation)
    locked, now = _locked(bid)
    if locked.status != Bid.Status.SUBMITTED:
        raise ValidationError(_("This bid is not submitted, so there is nothing to withdraw."))
    with audit_context(actor=actor, reason=_("Withdrew a bid")):
        locked.status = Bid.Status.WITHDRAWN
        locked.withdrawn_at = now
        locked.submitted_at = None
        locked.submitted_by = None
        locked.receipt = ""
        locked.save(
            update_fields=[
                "status",
                "withdrawn_at",
                "submitted_at",
                "submitted_by",
                "receipt",
                "updated_at",
            ]
        )
    return locked


def _file_name(given: str, kind: uploads.FileKind) -> str:
    """The name the bidder's file had, made safe to show (sealed with the file; never on disk)."""
    try:
        return get_valid_filename(os.path.basename(given))[:200]
    except SuspiciousFileOperation:
        return f"document{kind.extension}"


def _size_band(size: int) -> int:
    return max(1, -(-size // SIZE_BAND)) * SIZE_BAND


@transaction.atomic
def bid_document_add(*, actor: User, bid: Bid, file: File, title: str) -> BidDocument:
    """Attach a document: checked like every upload, then sealed (the file on disk holds only
    ciphertext; its title and name are sealed too). A file that fails the checks is refused with
    the reason and nothing else about the bid changes."""
    _check_may(actor, bid.organisation)
    kind = uploads.check_upload(file)
    locked, now = _locked(bid)
    _editable(locked)
    file.seek(0)
    data = file.read()
    name = _file_name(getattr(file, "name", "") or "", kind)
    document = BidDocument(bid=locked, uid=uuid.uuid4(), size_band=_size_band(len(data)))
    sealed_file, sealed_name = vault.seal_document(
        locked, document, data, title=title.strip() or name, name=name, now=now
    )
    document.sealed_name = sealed_name
    with audit_context(actor=actor, reason=_("Attached a document to a bid")):
        document.sealed_file.save(f"{document.uid}.sealed", ContentFile(sealed_file), save=False)
        document.save()
        locked.version += 1
        locked.save(update_fields=["version", "updated_at"])
    return document


@transaction.atomic
def bid_document_remove(*, actor: User, document: BidDocument) -> None:
    """Take a document off a bid that is not submitted, before the deadline."""
    _check_may(actor, document.bid.organisation)
    locked, _now = _locked(document.bid)
    _editable(locked)
    with audit_context(actor=actor, reason=_("Removed a document from a bid")):
        stored = document.sealed_file.name or ""
        document.delete()
        locked.version += 1
        locked.save(update_fields=["version", "updated_at"])
    if stored:
        transaction.on_commit(lambda: document.sealed_file.storage.delete(stored))


def receipt_check(*, actor: User, bid: Bid, shown: str) -> bool:
    """Whether the receipt the bidder kept matches their bid as submitted (after opening too)."""
    _check_may(actor, bid.organisation)
    if bid.status != Bid.Status.SUBMITTED:
        return False
    salt, content = vault.read_own(bid)
    return vault.receipt_matches(bid, shown.strip(), salt=salt, content=content)
