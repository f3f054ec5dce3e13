"""Clarification questions on the pages and in the services: who may ask (a provider's people,
while questions are open) and who may answer (those who run the opportunity); a published answer
shows to everyone without any trace of who asked; a private reply reaches the asker alone; a
refusal after questions close names the time; an answer sent back unchanged changes nothing; the
same work for 3 questions as for 30."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.competitions import services_questions
from commonweal.competitions.models import Interest, Opportunity, Question
from commonweal.core.models import AuditEntry
from commonweal.notifications.models import Event
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import (
    OrganisationFactory,
    RoleFactory,
    UnverifiedPublicBodyFactory,
    UserFactory,
)
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

CALLERS = [
    "anonymous",
    "resident",
    "stranger",
    "other_staff",
    "self_made_council",
    "self_made_bidder",
    "asker",
    "other_bidder",
    "evaluator",
    "staff",
    "back_office",
]
MANAGERS = {"staff", "back_office"}
PROVIDERS = {"self_made_bidder", "asker", "other_bidder"}
ASKER_ORGANISATION = "Harbour Housing Co-op"
ASKER_NAME = "Pat Provider"


@pytest.fixture
def self_made_council(riverside):
    """A person who made their own account and registered their own 'council' for Riverside:
    nobody has verified it, so it gives no powers."""
    body = UnverifiedPublicBodyFactory(name="Totally Real Council", places_served=[riverside])
    user = UserFactory(full_name="Sam Selfmade")
    RoleFactory(user=user, organisation=body, role=Role.COMMISSIONER)
    return user


@pytest.fixture
def self_made_bidder(db):
    """A person who made their own account and their own company (conftest's own names a legal
    form organisations do not have)."""
    organisation = OrganisationFactory(
        name="Just Made Ltd", legal_form=Organisation.LegalForm.PRIVATE_COMPANY
    )
    user = UserFactory(full_name="Jo Justmade")
    RoleFactory(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def asker(bidder_people):
    return bidder_people[0]  # Pat Provider, of Harbour Housing Co-op


@pytest.fixture
def other_bidder(bidder_people):
    return bidder_people[1]  # Rowan Recovery, of Riverside Recovery


@pytest.fixture
def as_caller(request, client, sign_in):
    def _as(name: str):
        if name == "anonymous":
            return client
        return sign_in(request.getfixturevalue(name))

    return _as


@pytest.fixture
def question(opportunity, asker, bidders):
    return services_questions.question_ask(
        actor=asker,
        opportunity=opportunity,
        organisation=bidders[0],
        text="Can the service be delivered from two hubs rather than one?",
    )


@pytest.fixture
def published(question, staff):
    return services_questions.question_answer(
        actor=staff,
        question=question,
        answer="Yes. Two hubs are welcome if both are in Riverside.",
        publish=True,
    )


def questions_url(opportunity) -> str:
    return reverse("competitions:questions", kwargs={"pk": opportunity.pk})


def answer_url(question) -> str:
    return reverse(
        "competitions:question-answer",
        kwargs={"pk": question.opportunity_id, "question_pk": question.pk},
    )


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", CALLERS)
def test_who_may_ask(as_caller, opportunity, who):
    response = as_caller(who).post(
        questions_url(opportunity), {"text": "Is TUPE expected to apply to any staff?"}
    )
    asked = Question.objects.filter(opportunity=opportunity).count()
    if who in PROVIDERS:
        assert response.status_code == 302
        assert asked == 1
    elif who == "anonymous":
        assert response.status_code == 302
        assert "login" in response["Location"] or "sign-in" in response["Location"]
        assert asked == 0
    else:
        assert response.status_code == 403
        assert asked == 0


@pytest.mark.parametrize("who", CALLERS)
def test_everyone_reads_the_published_answers_and_only_providers_get_the_form(
    as_caller, published, who
):
    response = as_caller(who).get(questions_url(published.opportunity))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Two hubs are welcome" in html
    assert ("Send the question" in html) == (who in PROVIDERS)


@pytest.mark.parametrize("who", CALLERS)
def test_only_those_who_run_it_see_who_asked(as_caller, published, who):
    html = as_caller(who).get(questions_url(published.opportunity)).content.decode()
    shown = ASKER_ORGANISATION in html or ASKER_NAME in html
    assert shown == (who in MANAGERS or who == "asker")


@pytest.mark.parametrize("who", CALLERS)
def test_only_those_who_run_it_answer(as_caller, question, who):
    response = as_caller(who).get(answer_url(question))
    if who == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if who in MANAGERS else 403)
    response = as_caller(who).post(answer_url(question), {"answer": "No.", "publish": "publish"})
    question.refresh_from_db()
    assert (question.answer == "No.") == (who in MANAGERS)


@pytest.mark.parametrize("who", ["anonymous", "resident", "asker", "other_staff"])
def test_a_drafts_questions_are_unknown_to_everyone_but_those_who_run_it(
    as_caller, opportunity, who
):
    Opportunity.objects.filter(pk=opportunity.pk).update(
        status=Opportunity.Status.DRAFT, published_at=None
    )
    assert as_caller(who).get(questions_url(opportunity)).status_code == 404


def test_the_services_refuse_those_who_may_not(opportunity, bidders, stranger, asker, question):
    with pytest.raises(PermissionDenied):
        services_questions.question_ask(
            actor=stranger, opportunity=opportunity, organisation=bidders[0], text="Hello?"
        )
    with pytest.raises(PermissionDenied):  # speaks for Harbour Housing, not Riverside Recovery
        services_questions.question_ask(
            actor=asker, opportunity=opportunity, organisation=bidders[1], text="Hello?"
        )
    with pytest.raises(PermissionDenied):
        services_questions.question_answer(
            actor=asker, question=question, answer="Yes", publish=True
        )


# --- anonymity -------------------------------------------------------------------------------


def test_the_published_answer_never_shows_who_asked_nor_when(client, published):
    asked_at = timezone.localtime(published.published_at - datetime.timedelta(days=3))
    asked_at = asked_at.replace(hour=3, minute=17)
    Question.objects.filter(pk=published.pk).update(asked_at=asked_at)
    html = client.get(questions_url(published.opportunity)).content.decode()
    assert "Can the service be delivered from two hubs" in html
    assert ASKER_ORGANISATION not in html
    assert ASKER_NAME not in html
    # The day it was published only, never the day or time it was asked.
    assert "03:17" not in html
    assert asked_at.strftime("%-d %B %Y") not in html
    assert timezone.localtime(published.published_at).strftime("%-d %B %Y") in html


def test_the_asker_sees_their_own_question_and_its_state(as_caller, question):
    html = as_caller("asker").get(questions_url(question.opportunity)).content.decode()
    assert "Your questions" in html
    assert "Can the service be delivered from two hubs" in html
    assert "Waiting for an answer" in html


def test_a_private_reply_reaches_the_asker_alone(as_caller, question, staff):
    services_questions.question_answer(
        actor=staff,
        question=question,
        answer="Your pricing note is confidential; we will not publish it.",
        publish=False,
    )
    html = as_caller("asker").get(questions_url(question.opportunity)).content.decode()
    assert "Reply to you alone" in html
    assert "Your pricing note is confidential" in html
    other = as_caller("other_bidder").get(questions_url(question.opportunity)).content.decode()
    assert "Your pricing note is confidential" not in other
    assert "two hubs" not in other
    event = Event.objects.get()
    assert event.to == [question.asked_by_id]
    assert not event.public


def test_a_published_answer_cannot_be_taken_back(published, staff):
    with pytest.raises(ValidationError) as refused:
        services_questions.question_answer(
            actor=staff, question=published, answer=published.answer, publish=False
        )
    assert "published already" in str(refused.value)


# --- publishing and telling --------------------------------------------------------------------


def test_publishing_tells_the_interested_providers_and_the_asker(
    question, staff, bidders, other_bidder, asker
):
    Interest.objects.create(opportunity=question.opportunity, organisation=bidders[1])
    services_questions.question_answer(
        actor=staff, question=question, answer="Yes, two hubs.", publish=True
    )
    event = Event.objects.get()
    assert set(event.to) == {other_bidder.pk, asker.pk}
    assert not event.public
    assert ASKER_ORGANISATION not in event.headline + event.body
    assert ASKER_NAME not in event.headline + event.body


def test_the_answer_page_publishes(as_caller, question):
    response = as_caller("staff").post(
        answer_url(question), {"answer": "Yes, two hubs.", "publish": "publish"}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.published_at is not None
    assert services_questions.question_state(question) == services_questions.PUBLISHED


def test_the_answer_form_shows_its_errors(as_caller, question):
    response = as_caller("staff").post(answer_url(question), {"answer": "", "publish": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter the answer" in html
    assert "Choose who sees the answer" in html


def test_an_answer_sent_back_unchanged_changes_nothing(as_caller, published):
    client = as_caller("staff")  # signing in is recorded: count after it
    entries = AuditEntry.objects.count()
    events = Event.objects.count()
    when = published.published_at
    response = client.post(
        answer_url(published), {"answer": published.answer, "publish": "publish"}
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.published_at == when
    assert AuditEntry.objects.count() == entries
    assert Event.objects.count() == events


def test_a_corrected_published_answer_keeps_its_date_and_tells_nobody_again(published, staff):
    when = published.published_at
    events = Event.objects.count()
    services_questions.question_answer(
        actor=staff, question=published, answer="Yes: two hubs, both in Riverside.", publish=True
    )
    published.refresh_from_db()
    assert published.published_at == when
    assert published.answer == "Yes: two hubs, both in Riverside."
    assert Event.objects.count() == events


# --- bad input ---------------------------------------------------------------------------------


def test_asking_after_questions_close_is_refused_naming_the_time(
    as_caller, opportunity, asker, bidders
):
    closed_at = timezone.now() - datetime.timedelta(hours=1)
    Opportunity.objects.filter(pk=opportunity.pk).update(questions_close_at=closed_at)
    opportunity.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services_questions.question_ask(
            actor=asker, opportunity=opportunity, organisation=bidders[0], text="Late?"
        )
    shown = timezone.localtime(closed_at).strftime("%H:%M")
    assert "Questions closed at" in str(refused.value)
    assert shown in str(refused.value)
    page = as_caller("asker").get(questions_url(opportunity)).content.decode()
    assert "Questions closed at" in page
    assert "Send the question" not in page
    response = as_caller("asker").post(questions_url(opportunity), {"text": "Late?"}, follow=True)
    assert "Questions closed at" in response.content.decode()
    assert not Question.objects.exists()


def test_an_empty_or_repeated_question_is_refused(as_caller, question):
    client = as_caller("asker")
    response = client.post(questions_url(question.opportunity), {"text": "  "})
    assert "Enter your question" in response.content.decode()
    response = client.post(questions_url(question.opportunity), {"text": question.text})
    assert "You have asked this question already" in response.content.decode()
    assert Question.objects.count() == 1


def test_an_over_long_question_is_refused(as_caller, opportunity):
    response = as_caller("asker").post(questions_url(opportunity), {"text": "x" * 2001})
    assert response.status_code == 200
    assert "2,000 characters or fewer" in response.content.decode()
    assert not Question.objects.exists()


def test_a_person_speaking_for_two_providers_chooses_which(as_caller, opportunity, asker, bidders):
    RoleFactory(user=asker, organisation=bidders[2], role=Role.PROVIDER_MEMBER)
    client = as_caller("asker")
    response = client.post(questions_url(opportunity), {"text": "Which?"})
    assert "Choose the organisation you are asking for" in response.content.decode()
    response = client.post(
        questions_url(opportunity), {"text": "Which?", "organisation": str(bidders[1].pk)}
    )
    assert "Choose the organisation you are asking for" in response.content.decode()
    response = client.post(
        questions_url(opportunity), {"text": "Which?", "organisation": str(bidders[2].pk)}
    )
    assert response.status_code == 302
    assert Question.objects.get().asked_for == bidders[2]


def test_numbers_no_record_can_have_are_not_found(as_caller, question):
    client = as_caller("staff")
    assert client.get(f"/opportunities/{2**70}/questions/").status_code == 404
    big = reverse(
        "competitions:question-answer", kwargs={"pk": question.opportunity_id, "question_pk": 2**70}
    )
    assert client.get(big).status_code == 404


# --- query budgets -----------------------------------------------------------------------------


def _publish_more(opportunity, asker, bidders, staff, count: int) -> None:
    for number in range(count):
        asked = services_questions.question_ask(
            actor=asker,
            opportunity=opportunity,
            organisation=bidders[0],
            text=f"Question number {number}?",
        )
        services_questions.question_answer(
            actor=staff, question=asked, answer=f"Answer {number}.", publish=True
        )


@pytest.mark.parametrize("who", ["anonymous", "asker", "staff"])
def test_the_questions_page_asks_as_often_for_30_questions_as_for_3(
    as_caller, opportunity, asker, bidders, staff, who
):
    client = as_caller(who)
    _publish_more(opportunity, asker, bidders, staff, 3)
    few, _page = queries_for(client, questions_url(opportunity))
    _publish_more(opportunity, asker, bidders, staff, 17)  # 20: one whole page of each list
    many, _page = queries_for(client, questions_url(opportunity))
    no_growth(few, many, ceiling=25, what=f"the questions page for {who}")
