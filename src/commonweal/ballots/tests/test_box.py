"""The ballot box on its own: sealing, keys, one waiting ballot per voter, and when a batch is committed.

A kind of box made for these tests collects what the sealer writes, so nothing here depends on the apps
that use the box (they have their own tests: participation and priorities ``test_ballot_box.py``).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from commonweal.ballots import crypto, keys, registry, selectors, services
from commonweal.ballots.models import PendingBallot

pytestmark = pytest.mark.django_db

KIND = "testing.round"
written: list[list[tuple[str, dict]]] = []
closed: set[str] = set()


def _write(object_id, entries):
    written.append(list(entries))
    return None  # no record to audit in these tests


registry.register(KIND, writer=_write, is_closed=lambda object_id: object_id in closed)


@pytest.fixture(autouse=True)
def fresh():
    written.clear()
    closed.clear()


def box(n=1) -> str:
    return keys.box_name(KIND, n)


def queue(person: int, marks: dict, *, where=None) -> str:
    key = keys.voter_key(where or box(), person)
    services.ballot_queue(box=where or box(), key=key, content={"marks": marks})
    return key


class TestSealing:
    def test_a_sealed_ballot_opens_to_its_key_and_content_and_shows_neither(self):
        sealed = crypto.seal(box=box(), slot="s1", key="k" * 64, content={"marks": {"12": 1}})
        assert b"k" * 64 not in sealed and b'"12"' not in sealed and b"marks" not in sealed
        assert crypto.open_sealed(box=box(), slot="s1", sealed=sealed) == (
            "k" * 64,
            {"marks": {"12": 1}},
        )

    def test_a_changed_or_moved_ballot_does_not_open(self):
        sealed = crypto.seal(box=box(), slot="s1", key="k", content={"marks": {"12": 1}})
        changed = sealed[:-1] + bytes([sealed[-1] ^ 1])
        with pytest.raises(crypto.CannotOpen):
            crypto.open_sealed(box=box(), slot="s1", sealed=changed)
        with pytest.raises(crypto.CannotOpen):  # another voter's slot
            crypto.open_sealed(box=box(), slot="s2", sealed=sealed)
        with pytest.raises(crypto.CannotOpen):  # another box
            crypto.open_sealed(box=box(2), slot="s1", sealed=sealed)

    def test_without_the_secret_it_does_not_open_and_after_rotating_it_still_does(self, settings):
        sealed = crypto.seal(box=box(), slot="s1", key="k", content={"marks": {}})
        old = settings.SECRET_KEY
        settings.SECRET_KEY = (
            "another secret entirely, as a copy of the database without ours would have"
        )
        with pytest.raises(crypto.CannotOpen):
            crypto.open_sealed(box=box(), slot="s1", sealed=sealed)
        settings.SECRET_KEY_FALLBACKS = [old]
        assert crypto.open_sealed(box=box(), slot="s1", sealed=sealed)[0] == "k"


class TestKeys:
    def test_a_voter_key_is_the_same_each_time_and_differs_by_box_and_person(self):
        assert keys.voter_key(box(1), 7) == keys.voter_key(box(1), 7)
        assert (
            len(
                {
                    keys.voter_key(box(1), 7),
                    keys.voter_key(box(2), 7),
                    keys.voter_key(box(1), 8),
                    keys.voter_key("other.round:1", 7),
                }
            )
            == 4
        )

    def test_the_waiting_slot_is_not_the_key(self):
        key = keys.voter_key(box(), 7)
        assert keys.slot(box(), key) != key

    def test_a_box_kind_nobody_registered_is_refused(self):
        with pytest.raises(LookupError):
            services.ballot_queue(box="nobody.round:1", key="k", content={})


class TestWaitingAndCommitting:
    @pytest.fixture(autouse=True)
    def small_batches(self, settings):
        settings.BALLOT_BOX_MIN_BATCH, settings.BALLOT_BOX_MIN_WAIT_SECONDS = 3, 0

    def test_voting_again_replaces_the_waiting_ballot_and_the_voter_reads_it(self):
        key = queue(1, {"12": 1})
        queue(1, {"13": 1})
        assert PendingBallot.objects.count() == 1
        assert selectors.waiting_content(box(), key) == {"marks": {"13": 1}}
        stored = PendingBallot.objects.get()
        assert stored.slot != key and key.encode() not in bytes(stored.sealed)

    def test_nothing_is_committed_until_a_batch_is_big_enough(self):
        queue(1, {"12": 1})
        queue(2, {"12": 1})
        assert services.box_flush(box=box()) == 0 and written == []
        queue(3, {"13": 1})
        assert services.box_flush(box=box()) == 3
        [batch] = written
        assert dict(batch) == {
            keys.voter_key(box(), 1): {"marks": {"12": 1}},
            keys.voter_key(box(), 2): {"marks": {"12": 1}},
            keys.voter_key(box(), 3): {"marks": {"13": 1}},
        }
        assert not PendingBallot.objects.exists()

    @override_settings(BALLOT_BOX_MIN_WAIT_SECONDS=3600)
    def test_nothing_is_committed_until_the_oldest_has_waited(self):
        for person in (1, 2, 3, 4):
            queue(person, {"12": 1})
        assert services.box_flush(box=box()) == 0
        assert PendingBallot.objects.count() == 4

    @override_settings(BALLOT_BOX_MIN_WAIT_SECONDS=3600)
    def test_once_voting_has_ended_every_waiting_ballot_is_committed_however_few(self):
        queue(1, {"12": 1})
        closed.add("1")
        assert services.box_flush(box=box()) == 1
        assert not PendingBallot.objects.exists()

    def test_each_box_is_committed_on_its_own(self):
        for person in (1, 2, 3):
            queue(person, {"12": 1}, where=box(1))
        queue(1, {"12": 1}, where=box(2))
        assert services.boxes_flush_due() == {box(1): 3}
        assert selectors.boxes_waiting() == [box(2)]

    def test_counting_empties_the_box(self):
        queue(1, {"12": 1})
        services.box_empty_for_counting(box=box())
        assert selectors.waiting_count(box()) == 0 and len(written[0]) == 1

    def test_the_command_commits_the_boxes_that_are_due(self):
        for person in (1, 2, 3):
            queue(person, {"12": 1})
        out = StringIO()
        call_command("ballots", "flush", stdout=out)
        assert f"{box()}: 3 ballots committed." in out.getvalue()
        out = StringIO()
        call_command("ballots", "flush", stdout=out)
        assert "No ballot box had a batch ready." in out.getvalue()


def test_a_failing_flush_after_a_vote_loses_nothing_and_does_not_fail_the_vote(
    django_capture_on_commit_callbacks,
):
    def broken(object_id, entries):
        raise RuntimeError("the ballot table is not there")

    registry.register("testing.broken", writer=broken, is_closed=lambda object_id: True)
    where = keys.box_name("testing.broken", 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.ballot_queue(box=where, key=keys.voter_key(where, 1), content={"marks": {"12": 1}})
    assert selectors.waiting_count(where) == 1


class TestBulkCommit:
    """Ballots cast elsewhere, brought in at once (``box_commit_bulk``): the same rules as a flush."""

    owner = None

    @staticmethod
    def _write_for_owner(object_id, entries):
        written.append(list(entries))
        return TestBulkCommit.owner

    def test_many_ballots_are_written_shuffled_with_one_audit_entry_saying_how_many(self):
        from commonweal.core.models import AuditEntry
        from commonweal.testing.factories import PlaceFactory

        TestBulkCommit.owner = PlaceFactory()
        registry.register("testing.bulk", writer=self._write_for_owner, is_closed=lambda _id: True)
        entries = [(f"key-{n}", {"marks": {"1": n}}) for n in range(60)]
        assert services.box_commit_bulk(box="testing.bulk:1", entries=entries) == 60
        assert sorted(written[0]) == sorted(entries)
        assert written[0] != entries  # shuffled (60! orders: this one by chance never)
        entry = AuditEntry.objects.get(action="ballots_committed")
        assert entry.after["rows"] == {"testing.bulk.ballot": 60}
        assert "key-" not in str(entry.after) and not PendingBallot.objects.exists()

    @override_settings(BALLOT_BOX_MIN_BATCH=10)
    def test_too_few_ballots_while_voting_is_open_are_refused(self):
        with pytest.raises(ValueError, match="Too few ballots"):
            services.box_commit_bulk(box=box(), entries=[("k1", {"marks": {}})] * 3)
        assert not written
        closed.add("1")  # once voting has ended, a few are committed as a flush would
        services.box_commit_bulk(box=box(), entries=[("k1", {"marks": {}})] * 3)
        assert len(written[0]) == 3
