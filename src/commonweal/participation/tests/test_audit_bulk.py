"""Imports, eligibility lists and invitation codes are each recorded as one audit entry with a digest."""

import pytest

from commonweal.core import audit
from commonweal.core.models import AuditEntry
from commonweal.participation import exchange, services
from commonweal.participation.models import Ballot, BudgetRound, EligibilityEntry, InvitationCode

from .test_exchange import SMALL

pytestmark = pytest.mark.django_db


def _new_entries(since: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(id__gt=since).order_by("id"))


def _last_id() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_a_pabulib_import_is_one_entry_for_the_round_and_one_for_its_projects_and_ballots(
    staff, riverside
):
    since = _last_id()
    round_ = exchange.round_import(actor=staff, place=riverside, text=SMALL)
    entries = _new_entries(since)
    assert [(e.model, e.action) for e in entries] == [
        ("participation.budgetround", "create"),
        ("participation.budgetround", "pabulib_import"),
    ]
    bulk = entries[1]
    assert bulk.object_id == str(round_.pk) and bulk.actor_id == staff.pk
    assert bulk.after["rows"] == {"participation.ballot": 3, "participation.project": 3}
    assert Ballot.objects.filter(round=round_).count() == 3
    # The entry holds counts and a digest, never what a ballot said.
    assert set(bulk.after) == {"rows", "digest"} and len(bulk.after["digest"]) == 64
    assert audit.verify_chain().intact


def test_an_eligibility_list_is_recorded_as_one_entry_with_a_digest_of_its_hashes(
    make_round, staff
):
    round_ = make_round(status=BudgetRound.Status.DRAFT)
    since = _last_id()
    services.eligibility_list_upload(round_=round_, actor=staff, text="REF-001\nREF-002\nREF-003\n")
    entries = _new_entries(since)
    bulk = [e for e in entries if e.action == "eligibility_list_upload"]
    assert len(bulk) == 1 and bulk[0].object_id == str(round_.pk)
    assert bulk[0].after["rows"] == {"participation.eligibilityentry": 3}
    assert EligibilityEntry.objects.filter(round=round_).count() == 3
    assert "REF-001" not in str(bulk[0].after)
    # The round's own change is still recorded as itself.
    assert any(e.action == "update" and e.after["eligibility_list_size"] == 3 for e in entries)


def test_invitation_codes_are_recorded_as_one_entry_that_holds_no_code(make_round, staff):
    round_ = make_round(status=BudgetRound.Status.DRAFT)
    since = _last_id()
    codes = services.invitation_codes_create(round_=round_, actor=staff, count=4)
    [bulk] = [e for e in _new_entries(since) if e.action == "invitation_codes_create"]
    assert bulk.after["rows"] == {"participation.invitationcode": 4}
    assert InvitationCode.objects.filter(round=round_).count() == 4
    assert not any(code in str(bulk.after) for code in codes)
