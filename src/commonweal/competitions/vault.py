"""Sealing and opening bids in the database: the one module that holds a tender's key.

Every bid's content is sealed (sealing.py) under the key derived for its tender from the master
secret (keys.py), which the database never holds. What is sealed is the receipt's salt followed
by the content's canonical bytes (content.py), so the receipt can be checked after opening.

- ``seal_content`` and ``seal_document`` only while bids are open (``sealing.BidsClosed`` after).
- ``read_own`` gives a bidder's people their own draft or bid back; the caller must have checked
  that the person may speak for the bidder (permissions.can_bid_for). It is not an opening.
- ``open_bid``, ``open_bids`` and ``document_bytes`` give anyone else the content only from the
  deadline on (``sealing.StillSealed`` before), and record each opening with who, when and why,
  in the audit trail too (once an hour for the same person, bid and purpose: ``OPENING_KEPT``).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from commonweal.competitions import keys, sealing
from commonweal.competitions.content import BidContent
from commonweal.competitions.models import Bid, BidDocument, Opening
from commonweal.core.audit import audit_context

SALT = sealing.SALT_BYTES

# A person who opens the same bids again for the same purpose within this long (a page reloaded,
# the results read again) is recorded once: the trail says who opened which bid, when and why,
# without a row for every view.
OPENING_KEPT = datetime.timedelta(hours=1)


def _bid_id(bid: Bid) -> str:
    return str(bid.pk)


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _open_with_any_master(
    bid: Bid, sealed: bytes, *, part: str, before_deadline: bool, now
) -> bytes:
    """Try the current master secret, then the fallbacks (key rotation)."""
    opportunity = bid.opportunity
    for master in keys.masters():
        if before_deadline:
            key = sealing.sealing_key(
                master=master,
                tender_id=opportunity.tender_id,
                deadline=opportunity.closes_at,
                now=now,
            )
        else:
            key = sealing.release_key(
                master=master,
                tender_id=opportunity.tender_id,
                deadline=opportunity.closes_at,
                now=now,
            )
        try:
            return sealing.open_sealed(
                bytes(sealed),
                tender_key=key,
                bid_id=_bid_id(bid),
                tender_id=opportunity.tender_id,
                part=part,
            )
        except sealing.CannotOpen:
            continue
    raise sealing.CannotOpen()


def _sealing_key(bid: Bid, now) -> bytes:
    opportunity = bid.opportunity
    return sealing.sealing_key(
        master=keys.master(),
        tender_id=opportunity.tender_id,
        deadline=opportunity.closes_at,
        now=now,
    )


def seal_content(bid: Bid, content: BidContent, *, now=None) -> tuple[bytes, bytes]:
    """The sealed bytes for ``bid.sealed`` and the fresh receipt salt inside them. Raises
    ``sealing.BidsClosed`` from the deadline on. The bid must be saved (it needs its id)."""
    now = _now(now)
    salt = sealing.new_receipt_salt()
    sealed = sealing.seal(
        salt + content.to_bytes(),
        tender_key=_sealing_key(bid, now),
        bid_id=_bid_id(bid),
        tender_id=bid.opportunity.tender_id,
    )
    return sealed.to_bytes(), salt


def _split(plaintext: bytes) -> tuple[bytes, BidContent]:
    return plaintext[:SALT], BidContent.from_bytes(plaintext[SALT:])


def read_own(bid: Bid, *, now=None) -> tuple[bytes, BidContent]:
    """The bidder's own salt and content, before or after the deadline (empty for a new bid)."""
    if not bid.sealed:
        return b"", BidContent()
    now = _now(now)
    before = bid.opportunity.bids_open(now) or not bid.opportunity.deadline_passed(now)
    return _split(
        _open_with_any_master(
            bid, bid.sealed, part=sealing.CONTENT, before_deadline=before, now=now
        )
    )


def receipt(bid: Bid, *, salt: bytes, content: BidContent, submitted_at: datetime.datetime) -> str:
    return sealing.receipt(
        tender_id=bid.opportunity.tender_id,
        bid_id=_bid_id(bid),
        submitted_at=submitted_at,
        plaintext=content.to_bytes(),
        salt=salt,
    )


def receipt_matches(bid: Bid, shown: str, *, salt: bytes, content: BidContent) -> bool:
    if bid.submitted_at is None:
        return False
    return sealing.check_receipt(
        shown,
        tender_id=bid.opportunity.tender_id,
        bid_id=_bid_id(bid),
        submitted_at=bid.submitted_at,
        plaintext=content.to_bytes(),
        salt=salt,
    )


def open_bid(bid: Bid, *, actor, why: str, now=None) -> tuple[bytes, BidContent]:
    """A bid's salt and content for someone other than the bidder: only from the deadline on
    (``sealing.StillSealed`` before), and recorded as an opening with who and why."""
    now = _now(now)
    if not bid.sealed:
        return b"", BidContent()
    plaintext = _open_with_any_master(
        bid, bid.sealed, part=sealing.CONTENT, before_deadline=False, now=now
    )
    _record_opening(bid, actor=actor, why=why, now=now)
    return _split(plaintext)


def _record_opening(bid: Bid, *, actor, why: str, now) -> None:
    """Record that ``actor`` opened ``bid`` for ``why``, unless they did so within OPENING_KEPT."""
    why = why[:200]
    if Opening.objects.filter(
        bid=bid, opened_by=actor, why=why, opened_at__gte=now - OPENING_KEPT
    ).exists():
        return
    with transaction.atomic(), audit_context(actor=actor, reason=why):
        Opening.objects.create(bid=bid, opened_by=actor, opened_at=now, why=why)


def open_bids(
    bids, *, actor, why: str, now=None
) -> dict[int, tuple[bytes, BidContent] | Exception]:
    """Several bids of one opportunity opened at once, for someone other than the bidders: each
    bid's salt and content (or the ``ContentError``/``CannotOpen`` it raised), only from the
    deadline on (``sealing.StillSealed`` before). The openings are recorded together, as one
    entry in the audit trail for the opportunity, with a row for each bid (but not again for a
    bid this person opened for the same reason within ``OPENING_KEPT``). A constant number of
    queries however many bids there are."""
    from commonweal.competitions.content import ContentError
    from commonweal.core.audit import bulk_operation

    now = _now(now)
    bids = [bid for bid in bids if bid.sealed]
    opened: dict[int, tuple[bytes, BidContent] | Exception] = {}
    for bid in bids:
        try:
            opened[bid.pk] = _split(
                _open_with_any_master(
                    bid, bid.sealed, part=sealing.CONTENT, before_deadline=False, now=now
                )
            )
        except (ContentError, sealing.CannotOpen) as problem:
            opened[bid.pk] = problem
    if not bids:
        return opened
    why = why[:200]
    recent = set(
        Opening.objects.filter(
            bid__in=bids, opened_by=actor, why=why, opened_at__gte=now - OPENING_KEPT
        ).values_list("bid_id", flat=True)
    )
    fresh = [bid for bid in bids if bid.pk not in recent]
    if fresh:
        with (
            audit_context(actor=actor, reason=why),
            bulk_operation(
                instance=fresh[0].opportunity, action="bids_opened", reason=why
            ) as operation,
        ):
            operation.bulk_create(
                Opening,
                [Opening(bid=bid, opened_by=actor, opened_at=now, why=why) for bid in fresh],
            )
    return opened


def seal_document(bid: Bid, document: BidDocument, data: bytes, *, title: str, name: str, now=None):
    """Sealed bytes for a document's file and its title and name, bound to the document's uid."""
    now = _now(now)
    key = _sealing_key(bid, now)
    common = {"tender_key": key, "bid_id": _bid_id(bid), "tender_id": bid.opportunity.tender_id}
    sealed_file = sealing.seal_document(data, document_id=str(document.uid), **common)
    label = f"{title}\n{name}".encode()
    sealed_name = sealing.seal(label, part=f"name:{document.uid}", **common)
    return sealed_file.to_bytes(), sealed_name.to_bytes()


def _open_part(bid: Bid, sealed: bytes, part: str, *, own: bool, now) -> bytes:
    before = own and not bid.opportunity.deadline_passed(now)
    return _open_with_any_master(bid, sealed, part=part, before_deadline=before, now=now)


def document_label(document: BidDocument, *, own: bool, now=None) -> tuple[str, str]:
    """The document's title and file name (own: the bidder's people, at any time; else only from
    the deadline on)."""
    now = _now(now)
    text = _open_part(
        document.bid, document.sealed_name, f"name:{document.uid}", own=own, now=now
    ).decode()
    title, _, name = text.partition("\n")
    return title, name


def document_bytes(
    document: BidDocument, *, own: bool, actor=None, why: str = "", now=None
) -> bytes:
    """A document's bytes. For anyone but the bidder's people it is an opening, recorded."""
    now = _now(now)
    with document.sealed_file.open("rb") as handle:
        sealed = handle.read()
    data = _open_part(document.bid, sealed, f"document:{document.uid}", own=own, now=now)
    if not own:
        _record_opening(document.bid, actor=actor, why=why or "document", now=now)
    return data
