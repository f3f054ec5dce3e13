"""Results are worked out once, by the counting task, and read by the pages; a recount is queued once;
the round's Pabulib file is made once and served until the round changes."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commonweal.participation import services, services_counting, services_voting, tasks
from commonweal.participation.models import BudgetRound, Count, CountRequest, RoundExport
from commonweal.participation.pb import pabulib
from commonweal.participation.tests.conftest import make_resident, project_pk

pytestmark = pytest.mark.django_db

R = BudgetRound.Status


def url(name, round_) -> str:
    return reverse(f"participation:{name}", kwargs={"pk": round_.pk})


def vote_and_close(round_, staff, ward) -> None:
    for n, titles in enumerate(
        [
            ["Benches by the river", "Street trees"],
            ["Benches by the river"],
            ["Youth club kit", "Community fridge"],
        ]
    ):
        services_voting.ballot_cast(
            round_=round_,
            voter=make_resident(ward, f"V{n}"),
            age_confirmed=True,
            marks={project_pk(round_, t): 1 for t in titles},
        )
    services.round_move(round_=round_, actor=staff, to=R.CLOSED)


@pytest.fixture
def published(make_round, staff, ward):
    round_ = make_round(rule="mes", completion="none")
    vote_and_close(round_, staff, ward)
    services_counting.round_count(round_=round_, actor=staff)
    services_counting.round_publish(round_=round_, actor=staff)
    return round_


def ballot_table_read(queries) -> bool:
    return any('"participation_ballot"' in q["sql"] for q in queries.captured_queries)


def tasks_in(callbacks) -> list:
    """The counting tasks queued after a commit (other callbacks seal the audit trail)."""
    return [callback for callback in callbacks if callback.__name__ == "enqueue"]


class TestResultsAreStored:
    def test_the_count_stores_its_explanation_and_the_page_reads_no_ballot(self, published, client):
        count = published.counts.get()
        assert count.explanation is not None and count.explanation["projects"]
        with CaptureQueriesContext(transaction.get_connection()) as queries:
            text = client.get(url("results", published)).content.decode()
        assert "2 people who voted for it each paid £1,500" in text
        assert "Yes. The result passes the test of extended justified representation" in text
        assert not ballot_table_read(queries)  # replaying the count would read every ballot

    def test_a_count_without_its_explanation_says_so_until_the_task_works_it_out(
        self, published, client
    ):
        Count.objects.filter(round=published).update(explanation=None)  # a count made before
        with CaptureQueriesContext(transaction.get_connection()) as queries:
            text = client.get(url("results", published)).content.decode()
        assert "still being worked out" in text
        assert "Benches by the river" in text and "each paid" not in text
        assert not ballot_table_read(queries)
        tasks.warm_results.call(round_id=published.pk)
        text = client.get(url("results", published)).content.decode()
        assert "still being worked out" not in text
        assert "2 people who voted for it each paid £1,500" in text


class TestRecountIsQueuedOnce:
    RECOUNT = {
        "rule": "greedy",
        "satisfaction": "cost",
        "completion": "none",
        "reason": "The council agreed most votes first",
    }

    def test_a_recount_is_done_by_the_task_after_the_request(
        self, published, sign_in, django_capture_on_commit_callbacks
    ):
        client = sign_in(published.created_by)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url("count", published), self.RECOUNT)
        assert response.status_code == 302
        asked = CountRequest.objects.get(round=published)
        assert asked.state == CountRequest.State.DONE
        latest = published.counts.order_by("-counted_at", "-pk").first()
        assert asked.count == latest and latest.rule == "greedy"
        assert latest.explanation is not None

    def test_while_a_recount_waits_the_pages_say_so_and_a_second_request_adds_none(
        self, published, sign_in, client, django_capture_on_commit_callbacks
    ):
        manager = sign_in(published.created_by)
        with django_capture_on_commit_callbacks(execute=False) as queued:
            first = manager.post(url("count", published), self.RECOUNT)
            second = manager.post(url("count", published), self.RECOUNT)
        assert first.status_code == 302
        assert "already being counted" in second.content.decode()
        assert CountRequest.objects.filter(round=published).count() == 1
        assert len(tasks_in(queued)) == 1  # one task queued, not two
        assert "waiting to be counted" in manager.get(url("round", published)).content.decode()
        assert "being counted again" in Client().get(url("results", published)).content.decode()
        assert published.counts.count() == 1  # nothing counted inside the request

        tasks_in(queued)[0]()  # the task runs
        assert CountRequest.objects.get(round=published).state == CountRequest.State.DONE
        assert published.counts.count() == 2
        assert "being counted again" not in client.get(url("results", published)).content.decode()

    def test_the_database_allows_only_one_waiting_or_running_count_per_round(
        self, published, staff
    ):
        CountRequest.objects.create(round=published, requested_by=staff)
        with pytest.raises(IntegrityError), transaction.atomic():
            CountRequest.objects.create(
                round=published, requested_by=staff, state=CountRequest.State.RUNNING
            )
        CountRequest.objects.create(
            round=published, requested_by=staff, state=CountRequest.State.DONE
        )

    def test_a_count_that_cannot_be_done_says_why_on_the_round_page(
        self, make_round, staff, ward, sign_in, django_capture_on_commit_callbacks
    ):
        round_ = make_round()
        vote_and_close(round_, staff, ward)
        client = sign_in(staff)
        with django_capture_on_commit_callbacks(execute=False) as queued:
            client.post(
                url("count", round_), {"rule": "mes", "satisfaction": "cost", "completion": "none"}
            )
        round_.status = (
            R.VOTING
        )  # voting reopened before the task ran (by hand, as no service does)
        round_.save()
        tasks_in(queued)[0]()
        asked = CountRequest.objects.get(round=round_)
        assert asked.state == CountRequest.State.FAILED
        assert "Close voting before you count the votes." in asked.problem
        assert round_.counts.count() == 0

    def test_the_results_are_not_published_while_a_count_waits(
        self, make_round, staff, ward, django_capture_on_commit_callbacks
    ):
        round_ = make_round()
        vote_and_close(round_, staff, ward)
        services_counting.round_count(round_=round_, actor=staff)
        with django_capture_on_commit_callbacks(execute=False) as queued:
            services_counting.round_count_queue(round_=round_, actor=staff, rule="greedy")
        with pytest.raises(services_counting.ValidationError, match="being counted"):
            services_counting.round_publish(round_=round_, actor=staff)
        tasks_in(queued)[0]()
        services_counting.round_publish(round_=round_, actor=staff)
        round_.refresh_from_db()
        assert round_.status == R.PUBLISHED
        assert round_.counts.order_by("-counted_at", "-pk").first().rule == "greedy"

    @pytest.mark.parametrize("who", ["anonymous", "stranger", "resident"])
    def test_only_those_who_run_the_round_may_ask_for_a_count(
        self, who, published, stranger, resident
    ):
        client = Client()
        if who != "anonymous":
            client.force_login({"stranger": stranger, "resident": resident}[who])
        response = client.post(url("count", published), self.RECOUNT)
        assert response.status_code in (302, 403, 404)
        if who == "anonymous":
            assert "/sign-in" in response["Location"] or "login" in response["Location"]
        assert not CountRequest.objects.exists()

    def test_the_back_office_may_ask_for_a_count(
        self, published, back_office, sign_in, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = sign_in(back_office).post(url("count", published), self.RECOUNT)
        assert response.status_code == 302
        assert CountRequest.objects.get(round=published).state == CountRequest.State.DONE


class TestPabulibFileIsStored:
    def test_the_file_is_made_once_and_answered_with_its_etag(self, published, client):
        first = client.get(url("export", published))
        assert first.status_code == 200 and first["ETag"]
        with CaptureQueriesContext(transaction.get_connection()) as queries:
            again = client.get(url("export", published))
        assert again.content == first.content and again["ETag"] == first["ETag"]
        assert not ballot_table_read(queries)
        same = client.get(url("export", published), HTTP_IF_NONE_MATCH=first["ETag"])
        assert same.status_code == 304 and same["ETag"] == first["ETag"]
        election = pabulib.parse(first.content.decode())
        assert len(election.ballots) == 3

    def test_a_recount_gives_a_new_file(self, published, staff, client):
        first = client.get(url("export", published))
        assert "rule;mes" in first.content.decode().replace(" ", "")
        services_counting.round_count(
            round_=published,
            actor=staff,
            rule="greedy",
            satisfaction="cost",
            completion="none",
            reason="The council agreed most votes first",
        )
        after = client.get(url("export", published))
        assert after["ETag"] != first["ETag"]
        assert "rule;greedy" in after.content.decode().replace(" ", "")
        old = client.get(url("export", published), HTTP_IF_NONE_MATCH=first["ETag"])
        assert old.status_code == 200  # the old file's tag no longer matches

    def test_new_settings_give_a_new_file(self, published, staff, client):
        first = client.get(url("export", published))
        services.round_update(round_=published, actor=staff, title="Riverside decided 2027")
        assert not RoundExport.objects.filter(round=published).exists()
        after = client.get(url("export", published))
        assert after["ETag"] != first["ETag"]

    def test_publishing_makes_the_file_ahead_of_the_first_download(
        self, make_round, staff, ward, django_capture_on_commit_callbacks
    ):
        round_ = make_round()
        vote_and_close(round_, staff, ward)
        services_counting.round_count(round_=round_, actor=staff)
        with django_capture_on_commit_callbacks(execute=True):
            services_counting.round_publish(round_=round_, actor=staff)
        assert RoundExport.objects.filter(round=round_).exists()

    def test_nobody_downloads_the_file_before_the_results_are_published(
        self, make_round, staff, ward, sign_in
    ):
        round_ = make_round()
        vote_and_close(round_, staff, ward)
        services_counting.round_count(round_=round_, actor=staff)
        assert sign_in(staff).get(url("export", round_)).status_code == 404
        assert not RoundExport.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="needs PostgreSQL: SQLite lets only one writer in at a time, so there is no race",
)
def test_two_requests_at_once_to_recount_queue_one_count(make_round, staff, ward):
    round_ = make_round()
    vote_and_close(round_, staff, ward)
    services_counting.round_count(round_=round_, actor=staff)
    services_counting.round_publish(round_=round_, actor=staff)
    start = threading.Barrier(2)
    outcomes, errors = [], []

    def ask() -> None:
        try:
            start.wait()
            services_counting.round_count_queue(
                round_=round_, actor=staff, reason="Checking the count"
            )
            outcomes.append("queued")
        except services_counting.ValidationError:
            outcomes.append("refused")
        except Exception as error:  # reported below, so a thread's failure fails the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(outcomes) == ["queued", "refused"]
    assert CountRequest.objects.filter(round=round_).count() == 1
