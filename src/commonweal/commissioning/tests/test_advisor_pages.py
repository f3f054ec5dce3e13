"""The route advisor's pages: one question a page, checking the answers, the advice (which names the
answer that rules each route out) and recording the route chosen; who may and who may not; bad
input refused with nothing saved; the same work for 3 of everything as for 30.

The plan (conftest.py) is for Riverside, led by its council: £600,000 in each of 2027 and 2028
(£1,200,000 in all), 60 months, its procurement starting on 1 March 2027, under the Procurement Act
2023. For light touch services the Act's threshold on that day is £663,540 (Schedule 1 as amended
from 1 January 2026), so £1,200,000 is above it.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.commissioning import routes, services
from commonweal.commissioning.models import Advice, Plan
from commonweal.commissioning.tests.pages import text_of
from commonweal.testing.factories import OrganisationFactory, PublicBodyFactory
from commonweal.testing.forms import date_boxes
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

CALLERS = ["anonymous", "resident", "stranger", "other_staff", "self_made", "staff", "back_office"]
MANAGERS = {"staff", "back_office"}
CEILING = 30

# What a commissioner answers on the journey, page by page, in the order asked: people's services
# bought by a council in England, with a market, nobody delivering it now, no framework.
JOURNEY = [
    ("service_kind", {"answer": "light_touch"}),
    ("buyer", {"answer": "sub_central"}),
    ("jurisdiction", {"answer": "england"}),
    ("starts_on", date_boxes("answer", 1, 3, 2027)),
    ("estimated_value", {"answer": "1,200,000"}),
    ("duration_months", {"answer": "60"}),
    ("market_exists", {"answer": "yes"}),
    ("incumbent", {"answer": "no"}),
    # "Do they deliver it well?" is not asked: nobody delivers it now.
    ("users_choose_provider", {"answer": "no"}),
    ("needs_innovation", {"answer": "no"}),
    ("suits_grant", {"answer": "no"}),
    ("outcomes_measurable", {"answer": "yes"}),
    ("provider_needs_investment", {"answer": "no"}),
    ("multi_agency", {"answer": "yes"}),
    ("framework_available", {"answer": "no"}),
    ("mutuals_in_market", {"answer": "no"}),
]
FRAMEWORK_QUESTION = "Does an existing framework or dynamic market cover this service?"
INCUMBENT_WELL = "Do they deliver it well, and will the service stay much the same?"
NOT_LEGAL = "This is not legal advice."

# The same answers, as the advisor takes them.
ANSWERS = routes.Answers(
    service_kind=routes.ServiceKind.LIGHT_TOUCH,
    estimated_value=Decimal("1200000"),
    duration_months=60,
    buyer=routes.Buyer.SUB_CENTRAL,
    starts_on=datetime.date(2027, 3, 1),
    jurisdiction="england",
    market_exists=True,
    incumbent=False,
    incumbent_satisfactory=False,
    needs_innovation=False,
    users_choose_provider=False,
    suits_grant=False,
    outcomes_measurable=True,
    provider_needs_investment=False,
    multi_agency=True,
    framework_available=False,
    mutuals_in_market=False,
)


@pytest.fixture
def advised(plan, staff):
    """The plan with advice on the journey's answers."""
    services.advice_record(actor=staff, plan=plan, answers=ANSWERS)
    return plan


def card(response, route: str) -> str:
    """The words of one route's summary card on the advice page."""
    html = response.content.decode()
    part = html.split(f'id="route-{route}"', 1)[1].split('class="govuk-summary-card"', 1)[0]
    return text_of(type("Page", (), {"content": part.encode()}))


def advice_url(plan) -> str:
    return reverse("commissioning:advice", kwargs={"pk": plan.pk})


def question_url(plan, key: str) -> str:
    return reverse("commissioning:advisor-question", kwargs={"pk": plan.pk, "key": key})


def check_url(plan) -> str:
    return reverse("commissioning:advisor-check", kwargs={"pk": plan.pk})


def start_url(plan) -> str:
    return reverse("commissioning:advisor-start", kwargs={"pk": plan.pk})


def choose_url(plan) -> str:
    return reverse("commissioning:route-choose", kwargs={"pk": plan.pk})


def answer_all(client, plan) -> None:
    """Answer every question of the journey from the start, each leading to the next."""
    response = client.get(start_url(plan))
    assert response.url == question_url(plan, "service_kind")
    for (key, data), following in zip(JOURNEY, [*JOURNEY[1:], ("check", None)], strict=True):
        response = client.post(question_url(plan, key), data)
        assert response.status_code == 302, (key, text_of(response)[:400])
        wanted = check_url(plan) if following[0] == "check" else question_url(plan, following[0])
        assert response.url == wanted, key


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", CALLERS)
def test_a_drafts_advice_is_for_those_who_run_it(as_caller, advised, who):
    response = as_caller(who).get(advice_url(advised))
    assert response.status_code == (200 if who in MANAGERS else 403)


@pytest.mark.parametrize("who", CALLERS)
def test_everyone_reads_a_published_plans_advice(as_caller, advised, who):
    advised.published_at = timezone.now()
    advised.save()
    response = as_caller(who).get(advice_url(advised))
    assert response.status_code == 200
    assert NOT_LEGAL in text_of(response)
    # Only those who run the plan get the form to choose the route, and see who asked.
    assert ('name="route"' in response.content.decode()) == (who in MANAGERS)
    assert ("Chris Commissioner" in text_of(response)) == (who in MANAGERS)


@pytest.mark.parametrize("who", CALLERS)
def test_earlier_advice_is_for_those_who_may_see_the_plan(as_caller, advised, staff, who):
    earlier = Advice.objects.get(plan=advised)
    services.advice_record(actor=staff, plan=advised, answers=ANSWERS)
    url = reverse("commissioning:advice-detail", kwargs={"pk": advised.pk, "advice_pk": earlier.pk})
    assert as_caller(who).get(url).status_code == (200 if who in MANAGERS else 403)


@pytest.mark.parametrize("page", ["start", "question", "check", "choose"])
@pytest.mark.parametrize("who", CALLERS)
@pytest.mark.parametrize("publish", [False, True])
def test_only_those_who_run_the_plan_answer_the_questions_and_choose(
    as_caller, advised, who, page, publish
):
    if publish:
        advised.published_at = timezone.now()
        advised.save()
    url = {
        "start": start_url(advised),
        "question": question_url(advised, "buyer"),
        "check": check_url(advised),
        "choose": choose_url(advised),
    }[page]
    response = as_caller(who).get(url)
    if who in MANAGERS:
        assert response.status_code in (200, 302)
        assert "/accounts/" not in response.get("Location", "")
    elif who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("who", ["resident", "stranger", "other_staff", "self_made"])
def test_nobody_else_gets_advice_or_chooses_a_route(as_caller, advised, sign_in, staff, who):
    # Answers kept in a manager's session are theirs alone: an outsider posts to the check page.
    client = as_caller(who)
    assert client.post(check_url(advised)).status_code == 403
    response = client.post(
        choose_url(advised), {"route": "light_touch", "reason": "Because.", "advice": ""}
    )
    assert response.status_code == 403
    assert Advice.objects.filter(plan=advised).count() == 1
    advised.refresh_from_db()
    assert advised.route == ""


def test_an_unknown_plan_or_advice_is_not_found(sign_in, staff, advised, riverside, council):
    client = sign_in(staff)
    assert client.get(advice_url(Plan(pk=999999))).status_code == 404
    assert client.get(question_url(Plan(pk=999999), "buyer")).status_code == 404
    assert client.get(question_url(advised, "favourite_colour")).status_code == 404
    other = services.plan_create(
        actor=staff, place=riverside, lead=council, title="Another", summary="Another plan."
    )
    theirs = services.advice_record(actor=staff, plan=other, answers=ANSWERS)
    # Advice of another plan, under this plan's address.
    url = reverse("commissioning:advice-detail", kwargs={"pk": advised.pk, "advice_pk": theirs.pk})
    assert client.get(url).status_code == 404
    assert (
        client.get(
            reverse("commissioning:advice-detail", kwargs={"pk": advised.pk, "advice_pk": 999999})
        ).status_code
        == 404
    )


# --- the journey -----------------------------------------------------------------------------


def test_before_any_advice_the_page_says_how_to_get_some(sign_in, staff, plan, client):
    words = text_of(sign_in(staff).get(advice_url(plan)))
    assert "Start now" in words
    assert NOT_LEGAL in words


def test_before_any_advice_others_read_that_nobody_asked(client, published):
    words = text_of(client.get(advice_url(published)))
    assert "Nobody has asked the route advisor about this plan yet." in words
    assert "Start now" not in words


def test_a_commissioner_goes_from_the_questions_to_the_advice_to_a_route(sign_in, staff, plan):
    client = sign_in(staff)
    answer_all(client, plan)
    assert not Advice.objects.exists()  # nothing is written until the advice is asked for

    check = client.get(check_url(plan))
    words = text_of(check)
    assert "Check your answers" in words
    assert "What is the estimated value of the contract? £1,200,000" in words
    assert "When would the procurement start? 1 March 2027" in words
    assert "How long would it last? 60 months" in words
    assert f"{FRAMEWORK_QUESTION} No" in words
    assert INCUMBENT_WELL not in words  # skipped: not asked, not shown
    assert f'href="{question_url(plan, "framework_available")}?change=1"' in check.content.decode()

    response = client.post(check_url(plan))
    assert response.status_code == 302 and response.url == advice_url(plan)
    advice = Advice.objects.get(plan=plan)
    assert advice.created_by == staff
    assert advice.answers["framework_available"] is False
    assert advice.answers["estimated_value"] == "1200000.00"

    page = client.get(advice_url(plan))
    words = text_of(page)
    assert NOT_LEGAL in words
    assert "The Procurement Act 2023 applies" in words
    assert "£663,540" in words  # the light touch threshold for 1 March 2027
    assert "Schedule 1" in words  # where the threshold comes from
    assert "Chris Commissioner" in words
    # A route the answers rule out names the question, the answer given and why.
    framework = card(page, "framework_call_off")
    assert "Ruled out" in framework
    assert f"You answered “No” to “{FRAMEWORK_QUESTION}”" in framework
    # A route that fits says why, what follows and where the law is.
    light_touch = card(page, "light_touch")
    assert "Fits" in light_touch and "Why it fits" in light_touch
    assert "What follows" in light_touch
    assert 'href="https://www.legislation.gov.uk/' in page.content.decode()
    # The fitting routes come first.
    html = page.content.decode()
    assert html.index('id="route-light_touch"') < html.index('id="route-framework_call_off"')

    response = client.post(
        choose_url(plan),
        {
            "route": "light_touch",
            "reason": "Care for people, above the threshold.",
            "advice": advice.pk,
        },
    )
    assert response.status_code == 302 and response.url == advice_url(plan)
    plan.refresh_from_db()
    assert plan.route == "light_touch"
    assert plan.route_reason == "Care for people, above the threshold."
    assert plan.route_advice == advice and plan.route_chosen_by == staff
    assert plan.status == Plan.Status.ROUTE_CHOSEN
    words = text_of(client.get(advice_url(plan)))
    assert "The route chosen Route A light touch contract" in words
    assert "Care for people, above the threshold." in words
    assert "The advice this choice rests on ruled this route out." not in words


def test_the_answers_start_from_what_the_plan_knows(sign_in, staff, plan, riverside, health_body):
    riverside.gss_code = "E09000022"
    riverside.save()
    services.contribution_save(
        actor=staff,
        plan=plan,
        organisation=health_body,
        financial_year=2027,
        amount=Decimal("5.50"),
    )
    services.current_contract_add(
        actor=staff,
        plan=plan,
        provider=OrganisationFactory(name="Old Provider"),
        description="Outreach",
        annual_value=Decimal("100000"),
    )
    client = sign_in(staff)
    client.get(start_url(plan))
    # £600,000 + £600,000 + £5.50 pooled by two agencies.
    assert (
        'value="1200005.50"' in client.get(question_url(plan, "estimated_value")).content.decode()
    )
    assert 'value="60"' in client.get(question_url(plan, "duration_months")).content.decode()
    date_page = client.get(question_url(plan, "starts_on")).content.decode()
    assert 'name="answer-day" type="text" inputmode="numeric" value="1"' in date_page
    assert 'name="answer-year" type="text" inputmode="numeric" value="2027"' in date_page
    assert checked(client.get(question_url(plan, "multi_agency")), "yes")
    assert checked(client.get(question_url(plan, "incumbent")), "yes")
    assert checked(client.get(question_url(plan, "jurisdiction")), "england")


def checked(response, value: str) -> bool:
    html = response.content.decode()
    return bool(re.search(rf'type="radio" value="{value}" checked', html))


def test_asking_again_starts_from_the_latest_advices_answers(sign_in, staff, advised):
    client = sign_in(staff)
    client.get(start_url(advised))
    assert checked(client.get(question_url(advised, "service_kind")), "light_touch")
    assert checked(client.get(question_url(advised, "framework_available")), "no")
    # Straight to the check page, and the advice again: a second set, the first kept.
    assert client.post(check_url(advised)).status_code == 302
    assert Advice.objects.filter(plan=advised).count() == 2


def test_each_question_page_has_one_question_a_back_link_and_continue(sign_in, staff, plan):
    client = sign_in(staff)
    client.get(start_url(plan))
    page = client.get(question_url(plan, "estimated_value"))
    html = page.content.decode()
    assert html.count("<h1") == 1
    assert "What is the estimated value of the contract?" in html
    assert 'class="govuk-input__prefix" aria-hidden="true">£</div>' in html
    assert 'inputmode="decimal"' in html
    assert f'href="{question_url(plan, "starts_on")}" class="govuk-back-link"' in html
    assert "Continue" in text_of(page)
    yes_no = client.get(question_url(plan, "market_exists")).content.decode()
    assert yes_no.count('type="radio"') == 2 and "govuk-radios--inline" in yes_no
    first = client.get(question_url(plan, "service_kind")).content.decode()
    assert f'href="{advice_url(plan)}" class="govuk-back-link"' in first


def test_a_changed_answer_goes_back_to_the_check_page(sign_in, staff, plan):
    client = sign_in(staff)
    answer_all(client, plan)
    page = client.get(question_url(plan, "duration_months") + "?change=1")
    assert f'href="{check_url(plan)}" class="govuk-back-link"' in page.content.decode()
    response = client.post(question_url(plan, "duration_months") + "?change=1", {"answer": "36"})
    assert response.url == check_url(plan)
    assert "How long would it last? 36 months" in text_of(client.get(check_url(plan)))


def test_an_answer_that_asks_a_new_question_asks_it_before_the_check_page(sign_in, staff, plan):
    client = sign_in(staff)
    answer_all(client, plan)
    response = client.post(question_url(plan, "incumbent") + "?change=1", {"answer": "yes"})
    assert response.url == question_url(plan, "incumbent_satisfactory") + "?change=1"
    # The check page will not skip it either.
    assert client.get(check_url(plan)).url == question_url(plan, "incumbent_satisfactory")
    response = client.post(
        question_url(plan, "incumbent_satisfactory") + "?change=1", {"answer": "yes"}
    )
    assert response.url == check_url(plan)
    assert f"{INCUMBENT_WELL} Yes" in text_of(client.get(check_url(plan)))


def test_a_question_not_asked_leads_on(sign_in, staff, plan):
    client = sign_in(staff)
    answer_all(client, plan)
    # Nobody delivers it now, so the question about them is not asked.
    response = client.get(question_url(plan, "incumbent_satisfactory"))
    assert response.status_code == 302 and response.url == check_url(plan)


def test_a_ruled_out_route_is_chosen_only_with_a_reason_and_the_page_warns(sign_in, staff, advised):
    client = sign_in(staff)
    advice = Advice.objects.get(plan=advised)
    page = client.get(advice_url(advised))
    assert "If you choose a route the advice ruled out" in text_of(page)
    response = client.post(
        choose_url(advised), {"route": "framework_call_off", "reason": "  ", "advice": advice.pk}
    )
    words = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in words
    assert (
        "The advice ruled out A call-off from a framework. Say why you chose it all the same"
        in words
    )
    advised.refresh_from_db()
    assert advised.route == ""

    reason = "A regional framework is being let this spring; we will join it."
    response = client.post(
        choose_url(advised), {"route": "framework_call_off", "reason": reason, "advice": advice.pk}
    )
    assert response.status_code == 302
    advised.refresh_from_db()
    assert advised.route == "framework_call_off" and advised.route_reason == reason
    words = text_of(client.get(advice_url(advised)))
    assert "The advice this choice rests on ruled this route out." in words
    assert f"You answered “No” to “{FRAMEWORK_QUESTION}”" in words.split("The route chosen")[1]


def test_the_choice_form_lists_the_routes_that_fit_first(sign_in, staff, advised):
    html = sign_in(staff).get(choose_url(advised)).content.decode()
    radios = re.findall(r'name="route" type="radio" value="([a-z_]+)"', html)
    advice = routes.advise(ANSWERS)
    assert radios == [route.route.value for route in advice.routes]
    fitting = {route.route.value for route in advice.routes if route.fits}
    assert set(radios[: len(fitting)]) == fitting
    assert "or, ruled out by the advice" in html


def test_a_choice_against_advice_since_replaced_is_refused(sign_in, staff, advised):
    old = Advice.objects.get(plan=advised)
    services.advice_record(actor=staff, plan=advised, answers=ANSWERS)
    response = sign_in(staff).post(
        choose_url(advised), {"route": "light_touch", "reason": "Fits.", "advice": old.pk}
    )
    assert response.status_code == 200
    assert "The advice for this plan changed after you opened the page" in text_of(response)
    advised.refresh_from_db()
    assert advised.route == ""


def test_a_route_is_chosen_only_after_advice(sign_in, staff, plan):
    response = sign_in(staff).post(choose_url(plan), {"route": "open", "reason": "Why not."})
    assert response.status_code == 302 and response.url == advice_url(plan)
    plan.refresh_from_db()
    assert plan.route == ""


def test_a_choice_sent_again_unchanged_changes_nothing(sign_in, staff, advised):
    client = sign_in(staff)
    advice = Advice.objects.get(plan=advised)
    data = {"route": "light_touch", "reason": "Fits.", "advice": advice.pk}
    client.post(choose_url(advised), data)
    advised.refresh_from_db()
    when = advised.route_chosen_at
    assert client.post(choose_url(advised), data).status_code == 302
    advised.refresh_from_db()
    assert advised.route_chosen_at == when


def test_earlier_advice_is_shown_as_it_was_and_points_to_the_latest(sign_in, staff, advised):
    earlier = Advice.objects.get(plan=advised)
    services.advice_record(
        actor=staff,
        plan=advised,
        answers=routes.Answers.from_json({**ANSWERS.as_json(), "framework_available": True}),
    )
    client = sign_in(staff)
    url = reverse("commissioning:advice-detail", kwargs={"pk": advised.pk, "advice_pk": earlier.pk})
    page = client.get(url)
    words = text_of(page)
    assert "This is earlier advice" in words
    assert f"You answered “No” to “{FRAMEWORK_QUESTION}”" in card(page, "framework_call_off")
    assert 'name="route"' not in page.content.decode()  # a route is chosen on the latest only
    latest = client.get(advice_url(advised))
    assert "Fits" in card(latest, "framework_call_off")
    assert url in latest.content.decode()


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "data", "message"),
    [
        ("estimated_value", {"answer": "-5"}, "The estimated value must be £0 or more"),
        ("estimated_value", {"answer": "a lot"}, "Enter the amount in pounds, like 600000"),
        ("estimated_value", {"answer": "10.555"}, "no more than 2 numbers after the point"),
        ("estimated_value", {"answer": ""}, "Enter the estimated value of the contract"),
        ("duration_months", {"answer": "0"}, "The contract must last at least 1 month"),
        ("duration_months", {"answer": "three"}, "Enter the number of months as a whole number"),
        (
            "starts_on",
            date_boxes("answer", 31, 2, 2027),
            "The start of the procurement must be a real date",
        ),
        (
            "starts_on",
            date_boxes("answer", 1, 3, ""),
            "The start of the procurement must include a year",
        ),
        ("market_exists", {}, "Select yes if more than one provider could deliver it"),
        (
            "market_exists",
            {"answer": "perhaps"},
            "Select yes if more than one provider could deliver it",
        ),
        (
            "service_kind",
            {"answer": "spaceships"},
            "Select the kind of thing you are buying or funding",
        ),
    ],
)
def test_bad_answers_are_refused_with_a_reason_and_nothing_kept(
    sign_in, staff, plan, key, data, message
):
    client = sign_in(staff)
    client.get(start_url(plan))
    kept = dict(client.session[f"advisor-{plan.pk}"])
    response = client.post(question_url(plan, key), data)
    words = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in words and message in words
    assert 'href="#id_answer' in response.content.decode()  # the summary links to the field
    assert dict(client.session[f"advisor-{plan.pk}"]) == kept
    assert not Advice.objects.exists()


def test_an_answer_typed_is_kept_on_the_page_when_refused(sign_in, staff, plan):
    client = sign_in(staff)
    response = client.post(question_url(plan, "estimated_value"), {"answer": "-5"})
    assert 'value="-5"' in response.content.decode()


def test_a_start_before_the_act_is_taken_and_the_advice_says_what_it_rules_out(
    sign_in, staff, plan
):
    client = sign_in(staff)
    answer_all(client, plan)
    client.post(question_url(plan, "starts_on") + "?change=1", date_boxes("answer", 1, 1, 2025))
    client.post(check_url(plan))
    page = client.get(advice_url(plan))
    assert "Public Contracts Regulations 2015" in text_of(page)
    assert "You answered “1 January 2025” to “When would the procurement start?”" in card(
        page, "open"
    )


# --- how much work each page does --------------------------------------------------------------


def grow(plan, staff, size: int) -> None:
    """``size`` more agencies pooling money, current contracts and sets of advice."""
    for number in range(size):
        body = PublicBodyFactory(name=f"Agency {size}-{number}")
        services.contribution_save(
            actor=staff, plan=plan, organisation=body, financial_year=2027, amount=Decimal("1000")
        )
        services.current_contract_add(
            actor=staff,
            plan=plan,
            provider=OrganisationFactory(name=f"Provider {size}-{number}"),
            description=f"Contract {number}",
            annual_value=Decimal("1000"),
        )
        services.advice_record(actor=staff, plan=plan, answers=ANSWERS)


@pytest.mark.parametrize(
    ("who", "page"),
    [
        ("staff", "advice"),
        ("staff", "earlier"),
        ("anonymous", "advice"),
        ("staff", "question"),
        ("staff", "check"),
        ("staff", "choose"),
    ],
)
def test_each_page_does_as_much_work_for_30_as_for_3(as_caller, published, staff, who, page):
    client = as_caller(who)
    services.route_choose(
        actor=staff,
        plan=published,
        route="light_touch",
        reason="Fits.",
        advice=services.advice_record(actor=staff, plan=published, answers=ANSWERS),
    )
    first = Advice.objects.get(plan=published)

    def url() -> str:
        if page == "advice":
            return advice_url(published)
        if page == "earlier":
            return reverse(
                "commissioning:advice-detail", kwargs={"pk": published.pk, "advice_pk": first.pk}
            )
        if page == "question":
            return question_url(published, "estimated_value")
        return check_url(published) if page == "check" else choose_url(published)

    if page in ("question", "check"):
        client.get(start_url(published))
    grow(published, staff, 3)
    few, _response = queries_for(client, url())
    grow(published, staff, 27)
    many, _response = queries_for(client, url())
    no_growth(few, many, ceiling=CEILING, what=f"{page} for {who}")
