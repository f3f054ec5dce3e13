"""The route advisor in words, for its pages and the API: its questions, the answers given, the
advice and the route chosen, each sentence of the pure module (routes) said in the language of the
request."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from commonweal.commissioning import routes
from commonweal.commissioning.models import Advice, Plan
from commonweal.messages import Message

__all__ = [
    "QUESTIONS",
    "advice_in_words",
    "answer_in_words",
    "answered",
    "asked",
    "choices_of",
    "route_chosen",
    "say",
]

QUESTIONS: dict[str, routes.Question] = {question.key: question for question in routes.QUESTIONS}


def say(text: Message | str | None) -> str:
    """A sentence of the pure module in the language of the request ("" for none)."""
    if text is None:
        return ""
    if isinstance(text, Message):
        return text.render(gettext, ngettext)
    return str(text)


def say_all(texts: Iterable[Message | str]) -> list[str]:
    return [say(text) for text in texts]


def choices_of(question: routes.Question) -> list[tuple[str, str]]:
    """The options of a question with options, as (value, words) pairs."""
    if question.kind == "yes_no":
        return [("yes", gettext("Yes")), ("no", gettext("No"))]
    return [(str(value), say(label)) for value, label in question.choices]


def money(value: Decimal) -> str:
    """£1,200,000, or £1,200,000.50 when there are pence."""
    if value == value.to_integral_value():
        return f"£{value:,.0f}"
    return f"£{value:,.2f}"


def answer_in_words(question: routes.Question, value: Any) -> str:
    """An answer as the check page and the advice show it."""
    if value is None or value == "":
        return gettext("Not answered")
    if question.kind == "yes_no":
        return gettext("Yes") if value else gettext("No")
    if question.kind == "money":
        return money(Decimal(str(value)))
    if question.kind == "months":
        months = int(value)
        return ngettext("%(months)s month", "%(months)s months", months) % {"months": months}
    if question.kind == "date":
        if isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        return date_format(value, "j F Y")
    wanted = str(getattr(value, "value", value))
    return dict(choices_of(question)).get(wanted, wanted)


def asked(values: Mapping[str, Any]) -> list[routes.Question]:
    """The questions asked, given the answers so far: one is skipped when the answers make it
    irrelevant (then a yes/no question is answered no)."""
    return [question for question in routes.QUESTIONS if question.is_asked(values)]


def answers_as_values(answers: routes.Answers) -> dict[str, Any]:
    """Each answer under its question's key."""
    return {key: getattr(answers, key) for key in QUESTIONS}


def answered(answers: routes.Answers) -> list[dict]:
    """The questions asked and the answers given, in words, in the order they are asked."""
    values = answers_as_values(answers)
    return [
        {
            "question": question.key,
            "question_text": say(question.text),
            "answer": values[question.key],
            "answer_text": answer_in_words(question, values[question.key]),
        }
        for question in asked(values)
    ]


def _ruling(ruling: routes.RuledOut, values: Mapping[str, Any]) -> dict:
    """An answer that rules a route out: the question, the answer given, and why."""
    question = QUESTIONS.get(ruling.question)
    value = values.get(ruling.question)
    return {
        "question": ruling.question,
        "question_text": say(question.text) if question else ruling.question,
        "answer_text": answer_in_words(question, value) if question else str(value),
        "why": say(ruling.why),
    }


def route_in_words(route: routes.RouteAdvice, values: Mapping[str, Any]) -> dict:
    """One route of the advice: whether and why it fits, what it asks, its risks, what follows, and
    each answer that rules it out, with the question's words and the answer given."""
    return {
        "route": route.route.value,
        "name": say(route.name),
        "summary": say(route.summary),
        "fits": route.fits,
        "why": say_all(route.why),
        "ruled_out_by": [_ruling(ruling, values) for ruling in route.ruled_out_by],
        "requires": say_all(route.requires),
        "risks": say_all(route.risks),
        "follows": say_all(route.follows),
        "references": [
            {"title": say(reference.title), "url": reference.url} for reference in route.references
        ],
    }


def person(user, *, shown: bool) -> str | None:
    """Who did something, for those who run the plan; None for everyone else (or nobody known)."""
    if not shown or user is None:
        return None
    return user.full_name or user.email


def advice_in_words(record: Advice, *, show_who: bool = False) -> dict:
    """What the advisor said, as a page or the API shows it."""
    advice = routes.Advice.from_json(record.result)
    answers = routes.Answers.from_json(record.answers)
    values = answers_as_values(answers)
    every_route = [route_in_words(route, values) for route in advice.routes]
    return {
        "id": record.pk,
        "plan": record.plan_id,
        "asked_at": record.created_at,
        "asked_by": person(record.created_by, shown=show_who) if record.created_by_id else None,
        "not_legal_advice": say(routes.NOT_LEGAL_ADVICE),
        "regime": say(advice.regime),
        "threshold": advice.threshold,
        "threshold_text": money(advice.threshold) if advice.threshold is not None else "",
        "threshold_source": say(advice.threshold_source),
        "above_threshold": advice.above_threshold,
        "answers": values,
        "answered": answered(answers),
        "routes": every_route,
        "fitting": [route for route in every_route if route["fits"]],
        "ruled_out": [route for route in every_route if not route["fits"]],
    }


def route_name(route: str) -> str:
    """A route's name in words (a route chosen without advice to name it)."""
    try:
        return say(routes.ROUTE_NAMES[routes.Route(route)])
    except (KeyError, ValueError):
        return route


def route_chosen(plan: Plan, advice: dict | None, *, show_who: bool) -> dict | None:
    """The route chosen for the plan, why, when, by whom (to those who run it), and each answer of
    the advice it rests on that ruled it out. ``advice`` is that advice in words, when the caller
    has it already."""
    if not plan.route:
        return None
    if plan.route_advice_id is None:
        advice = None
    elif advice is None or advice["id"] != plan.route_advice_id:
        record = Advice.objects.filter(pk=plan.route_advice_id).first()
        advice = advice_in_words(record) if record else None
    route = (
        next((each for each in advice["routes"] if each["route"] == plan.route), None)
        if advice
        else None
    )
    return {
        "route": plan.route,
        "name": route["name"] if route else route_name(plan.route),
        "reason": plan.route_reason,
        "chosen_at": plan.route_chosen_at,
        "chosen_by": person(plan.route_chosen_by, shown=show_who)
        if plan.route_chosen_by_id
        else None,
        "advice": plan.route_advice_id,
        "ruled_out_by": route["ruled_out_by"] if route and not route["fits"] else [],
    }
