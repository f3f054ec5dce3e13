"""A count whose worker stopped does not hold the round for ever: after far longer than any count
takes, those who run the round may stop it (saying why), then count again or publish. While a count
may still be under way, nobody may stop it, and the page offers no "Publish" while it waits."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.core.models import AuditEntry
from commonweal.participation import services_counting
from commonweal.participation.models import BudgetRound, CountRequest
from commonweal.participation.tests.test_stored_results import tasks_in, vote_and_close

pytestmark = pytest.mark.django_db

R = BudgetRound.Status
WHY = {"reason": "The counting worker was restarted during the night"}


def url(name, round_) -> str:
    return reverse(f"participation:{name}", kwargs={"pk": round_.pk})


@pytest.fixture
def counted(make_round, staff, ward):
    """A closed round counted once, with a recount asked for whose task never ran."""
    round_ = make_round()
    vote_and_close(round_, staff, ward)
    services_counting.round_count(round_=round_, actor=staff)
    return round_


def ask_for_count(round_, staff, django_capture_on_commit_callbacks, *, minutes_ago: int):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        asked = services_counting.round_count_queue(round_=round_, actor=staff, rule="greedy")
    CountRequest.objects.filter(pk=asked.pk).update(
        requested_at=asked.requested_at - timedelta(minutes=minutes_ago)
    )
    asked.refresh_from_db()
    return asked, tasks_in(queued)


class TestPublishWaitsForTheCount:
    def test_the_round_page_offers_publish_only_when_no_count_waits(
        self, counted, staff, sign_in, django_capture_on_commit_callbacks
    ):
        client = sign_in(staff)
        publish = url("publish", counted)
        assert publish in client.get(url("round", counted)).content.decode()
        _, queued = ask_for_count(counted, staff, django_capture_on_commit_callbacks, minutes_ago=0)
        page = client.get(url("round", counted)).content.decode()
        assert publish not in page
        assert "waiting to be counted" in page
        queued[0]()
        assert publish in client.get(url("round", counted)).content.decode()


class TestStoppingAStuckCount:
    def test_a_recent_count_offers_no_stop_and_cannot_be_stopped(
        self, counted, staff, sign_in, django_capture_on_commit_callbacks
    ):
        asked, _ = ask_for_count(counted, staff, django_capture_on_commit_callbacks, minutes_ago=5)
        client = sign_in(staff)
        assert url("count-stop", counted) not in client.get(url("round", counted)).content.decode()
        response = client.post(url("count-stop", counted), WHY)
        assert response.status_code == 302
        asked.refresh_from_db()
        assert asked.state == CountRequest.State.WAITING
        with pytest.raises(services_counting.ValidationError, match="may still be under way"):
            services_counting.count_request_stop(round_=counted, actor=staff, reason="Impatient")

    def test_a_stuck_count_is_stopped_with_a_reason_then_the_round_can_be_published(
        self, counted, staff, sign_in, django_capture_on_commit_callbacks
    ):
        asked, _ = ask_for_count(counted, staff, django_capture_on_commit_callbacks, minutes_ago=31)
        client = sign_in(staff)
        page = client.get(url("round", counted)).content.decode()
        assert url("count-stop", counted) in page
        assert url("publish", counted) not in page

        refused = client.post(url("count-stop", counted), {"reason": "  "})
        assert refused.status_code == 200
        assert "Say why you are stopping this count." in refused.content.decode()
        asked.refresh_from_db()
        assert asked.state == CountRequest.State.WAITING  # nothing changed

        before = AuditEntry.objects.count()
        response = client.post(url("count-stop", counted), WHY)
        assert response.status_code == 302
        asked.refresh_from_db()
        assert asked.state == CountRequest.State.FAILED
        assert WHY["reason"] in asked.problem
        entry = AuditEntry.objects.order_by("-pk").first()
        assert AuditEntry.objects.count() > before
        assert entry.reason == WHY["reason"] and entry.actor_id == staff.pk

        page = client.get(url("round", counted)).content.decode()
        assert url("publish", counted) in page
        assert WHY["reason"] in page  # the round page says why the last count did not finish
        services_counting.round_publish(round_=counted, actor=staff)
        counted.refresh_from_db()
        assert counted.status == R.PUBLISHED

    def test_a_stopped_count_whose_worker_comes_back_keeps_its_words_and_adds_its_count(
        self, counted, staff, django_capture_on_commit_callbacks
    ):
        asked, _ = ask_for_count(counted, staff, django_capture_on_commit_callbacks, minutes_ago=45)
        CountRequest.objects.filter(pk=asked.pk).update(state=CountRequest.State.RUNNING)
        services_counting.count_request_stop(round_=counted, actor=staff, reason=WHY["reason"])
        # The worker had not died after all: it finishes its count after being stopped.
        asked.refresh_from_db()
        asked.state = CountRequest.State.RUNNING  # as the worker's own copy still says
        count = services_counting.round_count(round_=counted, actor=staff, rule="greedy")
        services_counting._finish(asked, state=CountRequest.State.DONE, count=count)
        asked.refresh_from_db()
        assert asked.state == CountRequest.State.FAILED and asked.count is None
        assert counted.counts.count() == 2  # the count it made is a true count, and is kept
        # and the round may be counted again: nothing is left waiting or running
        services_counting.round_count_queue(round_=counted, actor=staff, rule="mes")

    @pytest.mark.parametrize("who", ["anonymous", "stranger", "resident", "other_staff"])
    def test_only_those_who_run_the_round_may_stop_a_count(
        self,
        who,
        counted,
        staff,
        stranger,
        resident,
        other_staff,
        sign_in,
        django_capture_on_commit_callbacks,
    ):
        asked, _ = ask_for_count(counted, staff, django_capture_on_commit_callbacks, minutes_ago=60)
        people = {"stranger": stranger, "resident": resident, "other_staff": other_staff}
        client = Client() if who == "anonymous" else sign_in(people[who])
        for response in (
            client.get(url("count-stop", counted)),
            client.post(url("count-stop", counted), WHY),
        ):
            assert response.status_code in (302, 403, 404)
            if who == "anonymous":
                assert "sign-in" in response["Location"] or "login" in response["Location"]
        asked.refresh_from_db()
        assert asked.state == CountRequest.State.WAITING
