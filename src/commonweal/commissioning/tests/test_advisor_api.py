"""The route advisor's API: a plan's latest advice (with the answers, each sentence in words), asking
for advice, and recording the route chosen; who may and who may not; bad input refused with field
errors and nothing saved; the same work for 3 sets of advice as for 30.

The plan (conftest.py): £1,200,000 pooled, 60 months, its procurement starting on 1 March 2027.
For light touch services the Procurement Act 2023's threshold that day is £663,540.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commonweal.commissioning import routes, services
from commonweal.commissioning.models import Advice
from commonweal.commissioning.serializers_advisor import AnswersSerializer
from commonweal.testing.catalogues import use_catalogue
from commonweal.testing.queries import no_growth

pytestmark = pytest.mark.django_db

CALLERS = ["anonymous", "resident", "stranger", "other_staff", "self_made", "staff", "back_office"]
MANAGERS = {"staff", "back_office"}
FRAMEWORK_QUESTION = "Does an existing framework or dynamic market cover this service?"

BODY = {
    "service_kind": "light_touch",
    "buyer": "sub_central",
    "jurisdiction": "england",
    "starts_on": "2027-03-01",
    "estimated_value": "1200000.00",
    "duration_months": 60,
    "market_exists": True,
    "incumbent": False,
    "users_choose_provider": False,
    "needs_innovation": False,
    "suits_grant": False,
    "outcomes_measurable": True,
    "provider_needs_investment": False,
    "multi_agency": True,
    "framework_available": False,
    "mutuals_in_market": False,
}


@pytest.fixture
def token_of(token_for, request):
    def _token(who: str) -> str | None:
        return None if who == "anonymous" else token_for(request.getfixturevalue(who))

    return _token


@pytest.fixture
def advised(plan, staff):
    services.advice_record(
        actor=staff,
        plan=plan,
        answers=routes.Answers.from_json({**BODY, "incumbent_satisfactory": False}),
    )
    return plan


def advice_url(plan) -> str:
    return reverse("api:plan-advice", kwargs={"pk": plan.pk})


def route_url(plan) -> str:
    return reverse("api:plan-route", kwargs={"pk": plan.pk})


def route_of(data: dict, code: str) -> dict:
    return next(route for route in data["routes"] if route["route"] == code)


def test_the_answers_the_api_takes_are_the_advisors_questions():
    assert set(AnswersSerializer().fields) == {question.key for question in routes.QUESTIONS}


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", CALLERS)
def test_a_drafts_advice_is_read_only_by_those_who_run_it(api, token_of, advised, who):
    response = api.get(advice_url(advised), token=token_of(who))
    # As for the plan itself (api.py), a draft the caller cannot see is not found.
    assert response.status_code == (200 if who in MANAGERS else 404)


@pytest.mark.parametrize("who", CALLERS)
def test_everyone_reads_a_published_plans_advice(api, token_of, advised, who):
    advised.published_at = timezone.now()
    advised.save()
    response = api.get(advice_url(advised), token=token_of(who))
    assert response.status_code == 200
    data = response.json()
    assert data["not_legal_advice"].startswith("This is not legal advice.")
    # Who asked is shown only to those who run the plan.
    assert data["asked_by"] == ("Chris Commissioner" if who in MANAGERS else None)


@pytest.mark.parametrize("who", CALLERS)
def test_only_those_who_run_a_published_plan_ask_for_advice(api, token_of, published, who):
    response = api.post(advice_url(published), BODY, token=token_of(who))
    expected = {"anonymous": 401}.get(who, 201 if who in MANAGERS else 403)
    assert response.status_code == expected
    assert Advice.objects.filter(plan=published).exists() == (who in MANAGERS)


@pytest.mark.parametrize("who", ["resident", "stranger", "other_staff", "self_made"])
def test_nobody_else_asks_about_a_draft_or_chooses_its_route(api, token_of, advised, who):
    token = token_of(who)
    assert api.post(advice_url(advised), BODY, token=token).status_code == 404
    assert (
        api.post(
            route_url(advised), {"route": "open", "reason": "Why not."}, token=token
        ).status_code
        == 404
    )
    assert Advice.objects.filter(plan=advised).count() == 1
    advised.refresh_from_db()
    assert advised.route == ""


@pytest.mark.parametrize("who", CALLERS)
def test_only_those_who_run_a_published_plan_choose_its_route(api, token_of, advised, who):
    advised.published_at = timezone.now()
    advised.save()
    response = api.post(
        route_url(advised), {"route": "open", "reason": "One round is enough."}, token=token_of(who)
    )
    expected = {"anonymous": 401}.get(who, 200 if who in MANAGERS else 403)
    assert response.status_code == expected
    advised.refresh_from_db()
    assert (advised.route == "open") == (who in MANAGERS)


def test_an_unknown_plan_is_not_found(api, token_for, staff):
    token = token_for(staff)
    url = reverse("api:plan-advice", kwargs={"pk": 999999})
    assert api.get(url, token=token).status_code == 404
    assert api.post(url, BODY, token=token).status_code == 404
    assert (
        api.post(
            reverse("api:plan-route", kwargs={"pk": 999999}),
            {"route": "open", "reason": "x"},
            token=token,
        ).status_code
        == 404
    )


def test_a_plan_without_advice_says_so(api, token_for, staff, plan):
    response = api.get(advice_url(plan), token=token_for(staff))
    assert response.status_code == 404
    assert response.json()["detail"] == "Nobody has asked the route advisor about this plan yet."


# --- what it says ----------------------------------------------------------------------------


def test_asking_gives_the_advice_with_the_law_the_threshold_and_what_rules_each_route_out(
    api, token_for, staff, plan
):
    response = api.post(advice_url(plan), BODY, token=token_for(staff))
    assert response.status_code == 201
    data = response.json()
    record = Advice.objects.get(plan=plan)
    assert data["id"] == record.pk and data["plan"] == plan.pk
    assert record.created_by == staff
    assert data["regime"].startswith("The Procurement Act 2023 applies.")
    assert data["threshold"] == "663540.00"
    assert data["above_threshold"] is True
    assert "Schedule 1" in data["threshold_source"]
    # The answers, as sent (the question not asked is answered no), and in words.
    assert data["answers"] == {**BODY, "incumbent_satisfactory": False}
    answered = {row["question"]: row for row in data["answered"]}
    assert "incumbent_satisfactory" not in answered  # not asked: nobody delivers it now
    assert answered["estimated_value"]["answer"] == "£1,200,000"
    assert answered["starts_on"]["answer"] == "1 March 2027"
    # Those that fit first, each ruled out route naming the question and the answer given.
    fits = [route["fits"] for route in data["routes"]]
    assert fits == sorted(fits, reverse=True) and True in fits and False in fits
    framework = route_of(data, "framework_call_off")
    assert framework["fits"] is False and framework["why"] == []
    [ruling] = [r for r in framework["ruled_out_by"] if r["question"] == "framework_available"]
    assert ruling["question_text"] == FRAMEWORK_QUESTION
    assert ruling["answer_text"] == "No"
    assert ruling["why"]
    light_touch = route_of(data, "light_touch")
    assert light_touch["fits"] is True and light_touch["why"] and light_touch["ruled_out_by"] == []
    assert light_touch["references"][0]["url"].startswith("https://www.legislation.gov.uk/")
    assert data["route_chosen"] is None


def test_reading_gives_the_latest_advice_and_the_route_chosen(api, token_for, staff, advised):
    later = {**BODY, "framework_available": True}
    api.post(advice_url(advised), later, token=token_for(staff))
    latest = Advice.objects.filter(plan=advised).order_by("-id").first()
    services.route_choose(
        actor=staff, plan=advised, route="framework_call_off", reason="There is one.", advice=latest
    )
    data = api.get(advice_url(advised), token=token_for(staff)).json()
    assert data["id"] == latest.pk
    assert data["answers"]["framework_available"] is True
    assert route_of(data, "framework_call_off")["fits"] is True
    chosen = data["route_chosen"]
    assert chosen["route"] == "framework_call_off"
    assert chosen["name"] == "A call-off from a framework"
    assert chosen["reason"] == "There is one."
    assert chosen["advice"] == latest.pk and chosen["ruled_out_by"] == []
    assert chosen["chosen_by"] == "Chris Commissioner"


def test_the_advice_is_in_the_language_asked_for(
    api, token_for, staff, advised, settings, tmp_path
):
    settings.LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
    use_catalogue(
        settings,
        tmp_path,
        "cy",
        {routes.NOT_LEGAL_ADVICE.template: "Nid cyngor cyfreithiol yw hwn.", "No": "Na"},
    )
    response = api.client.get(
        advice_url(advised),
        headers={"Authorization": f"Bearer {token_for(staff)}", "Accept-Language": "cy"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["not_legal_advice"] == "Nid cyngor cyfreithiol yw hwn."
    [ruling] = [
        r
        for r in route_of(data, "framework_call_off")["ruled_out_by"]
        if r["question"] == "framework_available"
    ]
    assert ruling["answer_text"] == "Na"
    # In English for everyone else.
    english = api.get(advice_url(advised), token=token_for(staff)).json()
    assert english["not_legal_advice"].startswith("This is not legal advice.")


def test_choosing_a_route_records_it_and_why(api, token_for, staff, advised):
    response = api.post(
        route_url(advised),
        {"route": "light_touch", "reason": "Care for people, above the threshold."},
        token=token_for(staff),
    )
    assert response.status_code == 200
    data = response.json()
    advised.refresh_from_db()
    assert advised.route == "light_touch"
    assert advised.route_reason == "Care for people, above the threshold."
    assert advised.route_advice == Advice.objects.get(plan=advised)
    assert data["name"] == "A light touch contract" and data["ruled_out_by"] == []
    assert data["chosen_by"] == "Chris Commissioner"


def test_a_route_the_advice_ruled_out_is_recorded_with_what_ruled_it_out(
    api, token_for, staff, advised
):
    response = api.post(
        route_url(advised),
        {"route": "framework_call_off", "reason": "A regional framework opens this spring."},
        token=token_for(staff),
    )
    assert response.status_code == 200
    rulings = {r["question"]: r for r in response.json()["ruled_out_by"]}
    assert rulings["framework_available"]["answer_text"] == "No"


def test_the_route_may_rest_on_earlier_advice_of_the_plan_only(
    api, token_for, staff, advised, riverside, council
):
    earlier = Advice.objects.get(plan=advised)
    api.post(advice_url(advised), BODY, token=token_for(staff))
    response = api.post(
        route_url(advised),
        {"route": "open", "reason": "x", "advice": earlier.pk},
        token=token_for(staff),
    )
    assert response.status_code == 200
    advised.refresh_from_db()
    assert advised.route_advice == earlier
    other = services.plan_create(
        actor=staff, place=riverside, lead=council, title="Other", summary="Other."
    )
    theirs = services.advice_record(
        actor=staff,
        plan=other,
        answers=routes.Answers.from_json({**BODY, "incumbent_satisfactory": False}),
    )
    response = api.post(
        route_url(advised),
        {"route": "grant", "reason": "x", "advice": theirs.pk},
        token=token_for(staff),
    )
    assert response.status_code == 400
    assert response.json() == {"advice": ["This plan has no advice with that number."]}
    advised.refresh_from_db()
    assert advised.route == "open"


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"estimated_value": "-1"}, "estimated_value", "The estimated value must be £0 or more."),
        ({"estimated_value": "lots"}, "estimated_value", "A valid number is required."),
        ({"duration_months": 0}, "duration_months", "The contract must last at least 1 month."),
        ({"starts_on": "2027-02-30"}, "starts_on", None),
        ({"service_kind": "spaceships"}, "service_kind", "“spaceships” is not a kind of service"),
        ({"market_exists": "perhaps"}, "market_exists", None),
        ({"incumbent": True}, "incumbent_satisfactory", "Answer this question: Do they deliver"),
    ],
)
def test_bad_answers_are_refused_by_field_and_nothing_saved(
    api, token_for, staff, plan, change, field, message
):
    response = api.post(advice_url(plan), {**BODY, **change}, token=token_for(staff))
    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    if message:
        assert errors[field][0].startswith(message)
    assert not Advice.objects.exists()


def test_a_missing_answer_is_named(api, token_for, staff, plan):
    body = {key: value for key, value in BODY.items() if key != "multi_agency"}
    response = api.post(advice_url(plan), body, token=token_for(staff))
    assert response.status_code == 400
    assert list(response.json()) == ["multi_agency"]


def test_a_start_before_the_act_is_taken_and_the_advice_says_what_it_rules_out(
    api, token_for, staff, plan
):
    response = api.post(
        advice_url(plan), {**BODY, "starts_on": "2025-01-01"}, token=token_for(staff)
    )
    assert response.status_code == 201
    rulings = route_of(response.json(), "open")["ruled_out_by"]
    assert [r["question"] for r in rulings] == ["starts_on"]
    assert rulings[0]["answer_text"] == "1 January 2025"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"route": "teleport", "reason": "x"}, "route"),
        ({"route": "open", "reason": "  "}, "reason"),
        ({"route": "open"}, "reason"),
        ({"route": "open", "reason": "x", "advice": 999999}, "advice"),
    ],
)
def test_a_bad_choice_is_refused_by_field_and_nothing_saved(
    api, token_for, staff, advised, body, field
):
    response = api.post(route_url(advised), body, token=token_for(staff))
    assert response.status_code == 400
    assert list(response.json()) == [field]
    advised.refresh_from_db()
    assert advised.route == ""


def test_a_route_is_chosen_only_after_advice(api, token_for, staff, plan):
    response = api.post(route_url(plan), {"route": "open", "reason": "x"}, token=token_for(staff))
    assert response.status_code == 400
    assert response.json() == {
        "advice": ["Ask the route advisor before you record the route chosen."]
    }


def test_a_choice_sent_again_unchanged_changes_nothing(api, token_for, staff, advised):
    token = token_for(staff)
    body = {"route": "open", "reason": "One round."}
    api.post(route_url(advised), body, token=token)
    advised.refresh_from_db()
    when = advised.route_chosen_at
    assert api.post(route_url(advised), body, token=token).status_code == 200
    advised.refresh_from_db()
    assert advised.route_chosen_at == when


# --- how much work -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_reading_the_advice_does_as_much_work_for_30_as_for_3(api, token_of, published, staff, who):
    answers = routes.Answers.from_json({**BODY, "incumbent_satisfactory": False})
    token = token_of(who)

    def grow(size: int) -> None:
        for _ in range(size):
            record = services.advice_record(actor=staff, plan=published, answers=answers)
        services.route_choose(
            actor=staff, plan=published, route="open", reason=f"Chosen at {size}.", advice=record
        )

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get(advice_url(published), token=token).status_code == 200
        return len(captured.captured_queries)

    grow(3)
    few = count()
    grow(27)
    many = count()
    no_growth(few, many, ceiling=15, what=f"the advice for {who}")


def test_money_is_never_a_float(api, token_for, staff, plan):
    response = api.post(
        advice_url(plan), {**BODY, "estimated_value": 663540.5}, token=token_for(staff)
    )
    assert response.status_code == 201
    assert Advice.objects.get(plan=plan).answers["estimated_value"] == "663540.50"
    assert Decimal(response.json()["answers"]["estimated_value"]) == Decimal("663540.50")
