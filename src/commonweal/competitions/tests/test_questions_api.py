"""The API's clarification questions: everyone reads the published ones, with no trace of who
asked; only a provider's people ask, and only while questions are open; the same work for 3
questions as for 30."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.competitions import services_questions
from commonweal.competitions.models import Opportunity, Question
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db


def url(opportunity) -> str:
    return reverse("api:opportunity-questions", kwargs={"pk": opportunity.pk})


@pytest.fixture
def asked(opportunity, bidder_people, bidders, staff):
    question = services_questions.question_ask(
        actor=bidder_people[0],
        opportunity=opportunity,
        organisation=bidders[0],
        text="Can the service be delivered from two hubs?",
    )
    services_questions.question_answer(
        actor=staff, question=question, answer="Yes, both in Riverside.", publish=True
    )
    waiting = services_questions.question_ask(
        actor=bidder_people[0],
        opportunity=opportunity,
        organisation=bidders[0],
        text="What is the mobilisation period?",
    )
    private = services_questions.question_ask(
        actor=bidder_people[0],
        opportunity=opportunity,
        organisation=bidders[0],
        text="Our staffing model is attached: is it compliant?",
    )
    services_questions.question_answer(
        actor=staff, question=private, answer="It is, thank you.", publish=False
    )
    return question, waiting, private


def test_everyone_reads_only_the_published_answers_without_the_asker(api, asked):
    question, _waiting, _private = asked
    response = api.get(url(question.opportunity))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["results"] == [
        {
            "id": question.pk,
            "question": "Can the service be delivered from two hubs?",
            "answer": "Yes, both in Riverside.",
            "published_at": body["results"][0]["published_at"],
        }
    ]
    text = response.content.decode()
    assert "Harbour Housing Co-op" not in text
    assert "Pat Provider" not in text
    assert "mobilisation" not in text
    assert "staffing model" not in text


def test_a_draft_is_not_found(api, opportunity, bidder_people, token_for):
    Opportunity.objects.filter(pk=opportunity.pk).update(
        status=Opportunity.Status.DRAFT, published_at=None
    )
    assert api.get(url(opportunity)).status_code == 404
    response = api.post(url(opportunity), {"question": "Hello?"}, token=token_for(bidder_people[0]))
    assert response.status_code == 404


def test_numbers_no_record_can_have_are_not_found(api):
    assert api.get(f"/api/opportunities/{2**70}/questions/").status_code == 404


def test_a_provider_asks(api, opportunity, bidder_people, token_for):
    response = api.post(
        url(opportunity), {"question": "Is TUPE expected?"}, token=token_for(bidder_people[1])
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "waiting"
    question = Question.objects.get()
    assert question.asked_for.name == "Riverside Recovery"
    assert question.asked_by == bidder_people[1]


def test_a_self_made_provider_asks(api, opportunity, token_for, riverside):
    made = OrganisationFactory(
        name="Just Made Ltd", legal_form=Organisation.LegalForm.PRIVATE_COMPANY
    )
    person = UserFactory(full_name="Jo Justmade")
    RoleFactory(user=person, organisation=made, role=Role.ADMINISTRATOR)
    response = api.post(url(opportunity), {"question": "Hello?"}, token=token_for(person))
    assert response.status_code == 201


@pytest.mark.parametrize("who", ["resident", "stranger", "staff", "other_staff", "back_office"])
def test_only_a_providers_people_ask(api, opportunity, token_for, request, who):
    person = request.getfixturevalue(who)
    response = api.post(url(opportunity), {"question": "Hello?"}, token=token_for(person))
    assert response.status_code == 403
    assert not Question.objects.exists()


def test_nobody_signed_in_cannot_ask(api, opportunity):
    assert api.post(url(opportunity), {"question": "Hello?"}).status_code == 401


def test_asking_after_questions_close_is_refused_naming_the_time(
    api, opportunity, bidder_people, token_for
):
    closed_at = timezone.now() - datetime.timedelta(minutes=30)
    Opportunity.objects.filter(pk=opportunity.pk).update(questions_close_at=closed_at)
    response = api.post(url(opportunity), {"question": "Late?"}, token=token_for(bidder_people[0]))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Questions closed at" in text
    assert timezone.localtime(closed_at).strftime("%H:%M") in text
    assert not Question.objects.exists()


def test_bad_input_is_refused_with_the_reason(api, opportunity, bidder_people, bidders, token_for):
    token = token_for(bidder_people[0])
    assert api.post(url(opportunity), {}, token=token).status_code == 400
    response = api.post(url(opportunity), {"question": "x" * 2001}, token=token)
    assert response.status_code == 400
    assert "2,000" in response.content.decode()
    response = api.post(
        url(opportunity), {"question": "Hi?", "organisation": bidders[1].pk}, token=token
    )
    assert response.status_code == 400
    assert "organisation" in response.json()
    assert not Question.objects.exists()


def test_the_list_asks_as_often_for_30_questions_as_for_3(
    client, opportunity, bidder_people, bidders, staff
):
    def publish(count):
        for number in range(count):
            asked = services_questions.question_ask(
                actor=bidder_people[0],
                opportunity=opportunity,
                organisation=bidders[0],
                text=f"Question {number}?",
            )
            services_questions.question_answer(
                actor=staff, question=asked, answer=f"Answer {number}.", publish=True
            )

    publish(3)
    few, _response = queries_for(client, url(opportunity))
    publish(27)
    many, response = queries_for(client, url(opportunity))
    assert response.json()["count"] == 30
    no_growth(few, many, ceiling=8, what="the questions list")
