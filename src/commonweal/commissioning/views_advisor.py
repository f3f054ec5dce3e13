"""The route advisor's pages: its questions, one to a page (the GOV.UK question pages pattern), the
check of the answers, the advice, and the route chosen and why.

The answers are kept in the session, one set for each plan, until the commissioner asks for the
advice from the check page; only then is anything written (services.advice_record)."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.commissioning import permissions, routes, selectors, services
from commonweal.commissioning import words_advisor as words
from commonweal.commissioning.forms_advisor import (
    QuestionForm,
    RouteChoiceForm,
    initial_for,
    stored,
    typed,
)
from commonweal.commissioning.models import Advice, Plan
from commonweal.commissioning.views import managed_plan, plan_or_404
from commonweal.core.forms import DATE_PARTS, parts_of
from commonweal.core.viewtools import add_service_errors, posted

PENNY = Decimal("0.01")
# How many earlier sets of advice the advice page links to.
EARLIER_SHOWN = 10
# The first letter of a place's ONS GSS code says which country it is in.
COUNTRY_OF_GSS = {"E": "england", "W": "wales", "S": "scotland", "N": "northern_ireland"}


def session_key(plan: Plan) -> str:
    return f"advisor-{plan.pk}"


# The answers while they are being given ------------------------------------------------------


def known_from_plan(plan: Plan) -> dict[str, Any]:
    """What the plan already says that the advisor asks, as the session keeps answers."""
    known: dict[str, Any] = {}
    if plan.duration_months:
        known["duration_months"] = plan.duration_months
    if plan.procurement_starts_on:
        known["starts_on"] = plan.procurement_starts_on.isoformat()
    total = selectors.plan_total(plan)
    if total > 0:
        known["estimated_value"] = str(total.quantize(PENNY))
    agencies = set(plan.contributions.values_list("organisation_id", flat=True))
    if len(agencies) > 1:
        known["multi_agency"] = True
    if plan.current_contracts.exists():
        known["incumbent"] = True
    country = COUNTRY_OF_GSS.get((plan.place.gss_code or " ")[0])
    if country:
        known["jurisdiction"] = country
    return {key: value for key, value in known.items() if key in words.QUESTIONS}


def known_from_advice(record: Advice | None) -> dict[str, Any]:
    """The answers the latest advice was based on, as the session keeps answers."""
    if record is None:
        return {}
    answers = routes.Answers.from_json(record.answers)
    return {
        key: stored(words.QUESTIONS[key], value)
        for key, value in words.answers_as_values(answers).items()
    }


def draft(request, plan: Plan) -> dict[str, Any]:
    """The answers given so far for the plan (as the session keeps them), started from what the
    latest advice was based on and what the plan says now."""
    kept = request.session.get(session_key(plan))
    if kept is None:
        kept = {
            **known_from_advice(selectors.latest_advice(plan)),
            **known_from_plan(plan),
        }
        keep(request, plan, kept)
    return dict(kept)


def keep(request, plan: Plan, values: dict[str, Any]) -> None:
    request.session[session_key(plan)] = values


def typed_values(values: dict[str, Any]) -> dict[str, Any]:
    return {
        key: typed(words.QUESTIONS[key], value)
        for key, value in values.items()
        if key in words.QUESTIONS and value is not None
    }


def unanswered(values: dict[str, Any]) -> routes.Question | None:
    """The first question asked that has no answer yet."""
    given = typed_values(values)
    return next((question for question in words.asked(given) if question.key not in given), None)


def answers_from(values: dict[str, Any]) -> routes.Answers:
    """The answers as the advisor takes them. A question skipped is answered as its answers make it
    irrelevant: no."""
    given = typed_values(values)
    asked = {question.key for question in words.asked(given)}
    fields = {
        key: given[key] if key in asked else skipped_answer(question, given.get(key))
        for key, question in words.QUESTIONS.items()
    }
    return routes.Answers(**fields)


def skipped_answer(question: routes.Question, value: Any) -> Any:
    if question.kind == "yes_no":
        return False
    return value


def question_url(plan: Plan, question: routes.Question, *, change: bool = False) -> str:
    url = reverse("commissioning:advisor-question", kwargs={"pk": plan.pk, "key": question.key})
    return f"{url}?change=1" if change else url


def check_url(plan: Plan) -> str:
    return reverse("commissioning:advisor-check", kwargs={"pk": plan.pk})


def next_url(plan: Plan, question: routes.Question, values: dict[str, Any], change: bool) -> str:
    """Where to go after answering: the next question asked, or (from the check page) the first
    question a changed answer now asks, else back to the check page."""
    if change:
        missing = unanswered(values)
        return question_url(plan, missing, change=True) if missing else check_url(plan)
    asked = words.asked(typed_values(values))
    keys = [each.key for each in asked]
    later = asked[keys.index(question.key) + 1 :] if question.key in keys else []
    return question_url(plan, later[0]) if later else check_url(plan)


def back_url(plan: Plan, question: routes.Question, values: dict[str, Any], change: bool) -> str:
    if change:
        return check_url(plan)
    asked = words.asked(typed_values(values))
    keys = [each.key for each in asked]
    index = keys.index(question.key)
    if index == 0:
        return reverse("commissioning:advice", kwargs={"pk": plan.pk})
    return question_url(plan, asked[index - 1])


@login_required
@require_http_methods(["GET"])
def advisor_start(request, pk: int):
    """Start the questions again, from what the plan and the latest advice say."""
    plan = managed_plan(request.user, pk)
    request.session.pop(session_key(plan), None)
    values = draft(request, plan)
    first = words.asked(typed_values(values))[0]
    return redirect(question_url(plan, first))


def _field_parts(form: QuestionForm) -> dict:
    """What the question's template needs to draw its one field as a GOV.UK component."""
    field = form["answer"]
    described_by = " ".join(
        name
        for name, shown in (
            (f"{field.auto_id}-hint", bool(form.question.hint)),
            (f"{field.auto_id}-error", bool(field.errors)),
        )
        if shown
    )
    parts: dict[str, Any] = {"field": field, "described_by": described_by}
    kind = form.question.kind
    if kind in ("money", "months"):
        css = field.field.widget.attrs.get("class", "govuk-input")
        attrs = {"class": css + (" govuk-input--error" if field.errors else "")}
        if described_by:
            attrs["aria-describedby"] = described_by
        parts["widget"] = field.as_widget(attrs=attrs)
    elif kind == "date":
        marked = (field.field.error_parts or DATE_PARTS) if field.errors else ()
        labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
        parts["date_parts"] = [
            {
                "id": f"{field.auto_id}-{part}",
                "name": f"{field.html_name}-{part}",
                "label": labels[part],
                "value": value,
                "width": 4 if part == "year" else 2,
                "error": part in marked,
            }
            for part, value in zip(DATE_PARTS, parts_of(field.value()), strict=True)
        ]
    else:
        chosen = field.value()
        chosen = "" if chosen is None else str(chosen)
        parts["options"] = [
            {"value": value, "label": label, "id": f"{field.auto_id}-{index}"}
            | {"checked": value == chosen}
            for index, (value, label) in enumerate(field.field.choices)
        ]
    return parts


@login_required
@require_http_methods(["GET", "POST"])
def advisor_question(request, pk: int, key: str):
    plan = managed_plan(request.user, pk)
    question = words.QUESTIONS.get(key)
    if question is None:
        raise Http404
    values = draft(request, plan)
    change = request.GET.get("change") == "1"
    if question not in words.asked(typed_values(values)):
        # Not asked, given the answers so far: on to where the answers lead.
        missing = unanswered(values)
        return redirect(question_url(plan, missing, change=change) if missing else check_url(plan))
    given = typed_values(values).get(key)
    form = QuestionForm(
        posted(request), question=question, initial={"answer": initial_for(question, given)}
    )
    if request.method == "POST" and form.is_valid():
        values[key] = stored(question, form.cleaned_data["answer"])
        keep(request, plan, values)
        return redirect(next_url(plan, question, values, change))
    return render(
        request,
        "commissioning/advisor_question.html",
        {
            "plan": plan,
            "form": form,
            "question": question,
            "kind": question.kind,
            "question_text": words.say(question.text),
            "hint": words.say(question.hint),
            "back_url": back_url(plan, question, values, change),
            **_field_parts(form),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def advisor_check(request, pk: int):
    """Check your answers, then get the advice."""
    plan = managed_plan(request.user, pk)
    values = draft(request, plan)
    missing = unanswered(values)
    if missing is not None:
        return redirect(question_url(plan, missing))
    problems: list[dict] = []
    if request.method == "POST":
        try:
            services.advice_record(actor=request.user, plan=plan, answers=answers_from(values))
        except routes.InvalidAnswer as error:  # the advisor refuses an answer: which, and why
            question = words.QUESTIONS.get(error.question)
            problems = [
                {
                    "text": words.say(error.why),
                    "url": question_url(plan, question, change=True) if question else "",
                }
            ]
        except ValidationError as error:
            problems = [{"text": text, "url": ""} for text in error.messages]
        else:
            request.session.pop(session_key(plan), None)
            messages.success(request, _("Here is the advice. It is kept with the plan."))
            return redirect("commissioning:advice", pk=plan.pk)
    given = typed_values(values)
    rows = [
        {
            "question": words.say(question.text),
            "answer": words.answer_in_words(question, given.get(question.key)),
            "change_url": question_url(plan, question, change=True),
        }
        for question in words.asked(given)
    ]
    return render(
        request,
        "commissioning/advisor_check.html",
        {
            "plan": plan,
            "rows": rows,
            "problems": problems,
            "back_url": question_url(plan, words.asked(given)[-1]),
            "not_legal_advice": words.say(routes.NOT_LEGAL_ADVICE),
        },
    )


# The advice -----------------------------------------------------------------------------------


def _choice_form(plan: Plan, record: Advice, advice_words: dict, data=None) -> RouteChoiceForm:
    routes_offered = {route["route"] for route in advice_words["routes"]}
    return RouteChoiceForm(
        data,
        fitting=advice_words["fitting"],
        ruled_out=advice_words["ruled_out"],
        initial={
            "route": plan.route if plan.route in routes_offered else None,
            "reason": plan.route_reason,
            "advice": record.pk,
        },
    )


def _advice_page(request, plan: Plan, record: Advice, *, latest: Advice):
    can_manage = permissions.can_manage(request.user, plan)
    advice_words = words.advice_in_words(record, show_who=can_manage)
    is_latest = record.pk == latest.pk
    return render(
        request,
        "commissioning/advice.html",
        {
            "plan": plan,
            "section": "advice",
            "advice": advice_words,
            "record": record,
            "is_latest": is_latest,
            "latest": latest,
            "earlier": list(
                plan.advice.exclude(pk=record.pk).order_by("-created_at", "-id")[:EARLIER_SHOWN]
            ),
            "can_manage": can_manage,
            "chosen": words.route_chosen(plan, advice_words, show_who=can_manage),
            "form": _choice_form(plan, record, advice_words) if can_manage and is_latest else None,
        },
    )


def advice(request, pk: int):
    """The latest advice for the plan, or how to get some."""
    plan = plan_or_404(request.user, pk)
    record = selectors.latest_advice(plan)
    can_manage = permissions.can_manage(request.user, plan)
    if record is None:
        return render(
            request,
            "commissioning/advisor_start.html",
            {
                "plan": plan,
                "section": "advice",
                "can_manage": can_manage,
                "chosen": words.route_chosen(plan, None, show_who=can_manage),
                "not_legal_advice": words.say(routes.NOT_LEGAL_ADVICE),
            },
        )
    return _advice_page(request, plan, record, latest=record)


def advice_detail(request, pk: int, advice_pk: int):
    """Earlier advice for the plan, as it was given."""
    plan = plan_or_404(request.user, pk)
    record = plan.advice.select_related("created_by").filter(pk=advice_pk).first()
    if record is None:
        raise Http404
    return _advice_page(request, plan, record, latest=selectors.latest_advice(plan) or record)


@login_required
@require_http_methods(["GET", "POST"])
def route_choose(request, pk: int):
    """Record the route chosen and why, against the latest advice."""
    plan = managed_plan(request.user, pk)
    record = selectors.latest_advice(plan)
    if record is None:
        messages.info(request, _("Get advice on the route before you record the route chosen."))
        return redirect("commissioning:advice", pk=plan.pk)
    advice_words = words.advice_in_words(record)
    form = _choice_form(plan, record, advice_words, posted(request))
    if request.method == "POST" and form.is_valid():
        sent_for = form.cleaned_data.get("advice")
        if sent_for is not None and sent_for != record.pk:
            form.add_error(
                None,
                _(
                    "The advice for this plan changed after you opened the page. Read the new "
                    "advice, then choose the route again."
                ),
            )
        else:
            try:
                services.route_choose(
                    actor=request.user,
                    plan=plan,
                    route=form.cleaned_data["route"],
                    reason=form.cleaned_data["reason"],
                    advice=record,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The route chosen and why are saved with the plan."))
                return redirect("commissioning:advice", pk=plan.pk)
    return render(
        request,
        "commissioning/advice_choose.html",
        {"plan": plan, "section": "advice", "advice": advice_words, "form": form},
    )
