"""An opportunity's questions and answers: everyone reads the published ones (never who asked);
a provider asks while questions are open and sees its own; those who run it see every question
with its asker, and answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.competitions import permissions
from commonweal.competitions import services_questions as questions_service
from commonweal.competitions.forms_questions import PRIVATE, PUBLISH, AnswerForm, AskForm
from commonweal.competitions.models import Opportunity
from commonweal.core.viewtools import add_service_errors, paginate, posted, require

PAGE_SIZE = 20


def _opportunity_or_404(user, pk: int) -> Opportunity:
    opportunity = questions_service.opportunity_get(pk)
    if opportunity is None or not permissions.can_view(user, opportunity):
        raise Http404
    return opportunity


def _with_state(rows) -> list:
    for question in rows:
        question.state = questions_service.question_state(question)
    return rows


@require_http_methods(["GET", "POST"])
def questions(request, pk: int):
    opportunity = _opportunity_or_404(request.user, pk)
    user = request.user
    can_manage = permissions.can_manage(user, opportunity)
    organisations = permissions.bidder_organisations(user) if user.is_authenticated else []
    why_not = questions_service.why_cannot_ask(opportunity)
    form = None
    if organisations and not why_not:
        form = AskForm(posted(request), organisations=organisations)
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require(bool(organisations))
        if form is None:
            messages.error(request, why_not)
            return redirect("competitions:questions", pk=opportunity.pk)
        if form.is_valid():
            try:
                questions_service.question_ask(
                    actor=user,
                    opportunity=opportunity,
                    organisation=form.cleaned_data["organisation"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your question is sent. When it is answered, the answer is published here "
                        "for everyone, without saying who asked."
                    ),
                )
                return redirect("competitions:questions", pk=opportunity.pk)
    published = paginate(
        request, questions_service.published_questions(opportunity), PAGE_SIZE, param="page"
    )
    context = {
        "opportunity": opportunity,
        "published": published,
        "form": form,
        "why_not": why_not,
        "can_manage": can_manage,
        "is_provider": bool(organisations),
    }
    if organisations:
        mine = paginate(
            request,
            questions_service.own_questions(user, opportunity),
            PAGE_SIZE,
            param="mine",
        )
        _with_state(mine["page_obj"].object_list)
        context["mine"] = mine
    if can_manage:
        every = paginate(
            request, questions_service.all_questions(opportunity), PAGE_SIZE, param="all"
        )
        _with_state(every["page_obj"].object_list)
        context["every"] = every
    return render(request, "competitions/questions/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def question_answer(request, pk: int, question_pk: int):
    opportunity = _opportunity_or_404(request.user, pk)
    require(permissions.can_manage(request.user, opportunity))
    question = questions_service.question_get(opportunity, question_pk)
    if question is None:
        raise Http404
    state = questions_service.question_state(question)
    initial = {"answer": question.answer}
    if state != questions_service.WAITING:
        initial["publish"] = PUBLISH if state == questions_service.PUBLISHED else PRIVATE
    form = AnswerForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        publish = form.cleaned_data["publish"] == PUBLISH
        changed = form.has_changed()
        try:
            questions_service.question_answer(
                actor=request.user,
                question=question,
                answer=form.cleaned_data["answer"],
                publish=publish,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if changed:
                messages.success(
                    request,
                    _("The answer is published to everyone.")
                    if publish
                    else _("Your reply is sent to the asker alone. It is not published."),
                )
            return redirect("competitions:questions", pk=opportunity.pk)
    return render(
        request,
        "competitions/questions/answer.html",
        {"opportunity": opportunity, "question": question, "state": state, "form": form},
    )
