"""A provider's bid, page by page (the GOV.UK task list): how they bid, each answer, the price or
grant budget, social value commitments, documents, conflicts, then check and submit; the receipt,
withdrawing, and checking a receipt after opening.

Only the bidder's own people reach these pages; everybody else gets a 403 (or a 404 for an
opportunity they cannot see), and no page shows anything of another organisation's bid.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.competitions import permissions, vault
from commonweal.competitions import selectors_bids as selectors
from commonweal.competitions import services_bids as services
from commonweal.competitions.content import BidContent
from commonweal.competitions.forms_bids import (
    AnswerForm,
    ChooseOrganisationForm,
    DocumentForm,
    ReceiptCheckForm,
    word_count,
)
from commonweal.competitions.models import Bid, Criterion, Opportunity
from commonweal.core.viewtools import add_service_errors, posted, require


def _opportunity_or_404(user, pk: int) -> Opportunity:
    opportunity = (
        Opportunity.objects.select_related("plan", "social_value_framework").filter(pk=pk).first()
    )
    if opportunity is None or not permissions.can_view(user, opportunity):
        raise Http404
    return opportunity


def _organisation_id(request) -> int | None:
    raw = request.POST.get("organisation") or request.GET.get("organisation")
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def own_bid_or_start(request, pk: int) -> tuple[Opportunity, Bid]:
    """The opportunity and the person's own organisation's bid: a 403 for anyone who speaks for no
    bidder; back to the start for one who has not started."""
    opportunity = _opportunity_or_404(request.user, pk)
    require(bool(permissions.bidder_organisations(request.user)))
    bid = selectors.own_bid(request.user, opportunity, _organisation_id(request))
    if bid is None:
        raise _Restart(opportunity)
    bid.opportunity = opportunity
    return opportunity, bid


class _Restart(Exception):
    def __init__(self, opportunity):
        self.opportunity = opportunity


def bid_url(name: str, bid: Bid, *args) -> str:
    return f"{reverse(name, args=[bid.opportunity_id, *args])}?organisation={bid.organisation_id}"


def to_task_list(bid: Bid):
    return redirect(bid_url("competitions:bid", bid))


def own_bid_page(view):
    """Login required; a person who has not started is sent to the start page."""

    @login_required
    def wrapper(request, pk: int, *args, **kwargs):
        try:
            return view(request, pk, *args, **kwargs)
        except _Restart as restart:
            return redirect("competitions:bid", pk=restart.opportunity.pk)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _closed(opportunity: Opportunity) -> str | None:
    if opportunity.bids_open():
        return None
    if opportunity.deadline_passed():
        return services.closed_message(opportunity)
    return _("This opportunity is not open for bids.")


def save_or_show(request, form, bid: Bid, change, *, bid_form: str | None = None) -> bool:
    """Save through the service; a refusal goes on the form. True when saved."""
    try:
        services.bid_save(actor=request.user, bid=bid, change=change, form=bid_form)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def bid_context(opportunity: Opportunity, bid: Bid, **extra) -> dict:
    return {
        "opportunity": opportunity,
        "bid": bid,
        "org_query": f"?organisation={bid.organisation_id}",
        "closed": _closed(opportunity),
        "editable": bid.status != Bid.Status.SUBMITTED and opportunity.bids_open(),
        **extra,
    }


def contract_years(opportunity: Opportunity) -> int:
    return max(1, math.ceil((opportunity.contract_months or 12) / 12))


def _tasks(opportunity: Opportunity, bid: Bid, content: BidContent, questions) -> list[dict]:
    gaps = services.missing(opportunity, bid, content, questions)
    sections = {gap.section for gap in gaps}
    unanswered = {gap.criterion_id for gap in gaps if gap.section == "answer"}
    done, todo = _("Completed"), _("Not yet started")
    tasks = [
        {
            "title": _("How you are bidding"),
            "url": bid_url("competitions:bid-section", bid, "how"),
            "status": todo if "how" in sections else done,
        }
    ]
    for question in questions:
        tasks.append(
            {
                "title": question.title,
                "url": bid_url("competitions:bid-answer", bid, question.pk),
                "status": todo if question.pk in unanswered else done,
            }
        )
    if opportunity.is_grant:
        tasks.append(
            {
                "title": _("Your grant budget"),
                "url": bid_url("competitions:bid-section", bid, "budget"),
                "status": todo if "budget" in sections else done,
            }
        )
    else:
        tasks.append(
            {
                "title": _("Your price"),
                "url": bid_url("competitions:bid-section", bid, "price"),
                "status": todo if "price" in sections else done,
            }
        )
    tasks.append(
        {
            "title": _("Social value commitments"),
            "url": bid_url("competitions:bid-section", bid, "social-value"),
            "status": _("%(count)s added") % {"count": len(content.commitments)},
        }
    )
    tasks.append(
        {
            "title": _("Documents"),
            "url": bid_url("competitions:bid-documents", bid),
            "status": _("Optional"),
        }
    )
    tasks.append(
        {
            "title": _("Conflicts of interest"),
            "url": bid_url("competitions:bid-section", bid, "conflicts"),
            "status": todo if "conflicts" in sections else done,
        }
    )
    return tasks


@login_required
@require_http_methods(["GET", "POST"])
def bid(request, pk: int):
    """Start the organisation's bid, or see its task list."""
    opportunity = _opportunity_or_404(request.user, pk)
    organisations = permissions.bidder_organisations(request.user)
    require(bool(organisations))
    chosen = _organisation_id(request)
    existing = selectors.own_bid(request.user, opportunity, chosen)
    if existing is not None and request.method == "GET":
        existing.opportunity = opportunity
        _salt, content = vault.read_own(existing)
        questions = services.answered_questions(opportunity)
        return render(
            request,
            "competitions/bids/task_list.html",
            bid_context(
                opportunity,
                existing,
                tasks=_tasks(opportunity, existing, content, questions),
                missing=services.missing(opportunity, existing, content, questions),
            ),
        )
    form = ChooseOrganisationForm(
        posted(request),
        organisations=organisations,
        initial={"organisation": organisations[0].pk} if len(organisations) == 1 else None,
    )
    if request.method == "POST" and form.is_valid():
        organisation = next(
            org for org in organisations if org.pk == form.cleaned_data["organisation"]
        )
        try:
            started = services.bid_start(
                actor=request.user, opportunity=opportunity, organisation=organisation
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return to_task_list(started)
    return render(
        request,
        "competitions/bids/start.html",
        {
            "opportunity": opportunity,
            "form": form,
            "several": len(organisations) > 1,
            "closed": _closed(opportunity),
            "started": selectors.own_bids(request.user, opportunity),
        },
    )


@own_bid_page
@require_http_methods(["GET", "POST"])
def bid_answer(request, pk: int, criterion_pk: int):
    opportunity, bid = own_bid_or_start(request, pk)
    criterion = Criterion.objects.filter(
        opportunity=opportunity, pk=criterion_pk, question__gt=""
    ).first()
    if criterion is None:
        raise Http404
    _salt, content = vault.read_own(bid)
    key = str(criterion.pk)
    form = AnswerForm(
        posted(request),
        word_limit=opportunity.answer_word_limit,
        initial={"answer": content.answers.get(key, "")},
    )
    if request.method == "POST" and form.is_valid():
        answer = form.cleaned_data["answer"]

        def change(c: BidContent) -> BidContent:
            answers = dict(c.answers)
            if answer:
                answers[key] = answer
            else:
                answers.pop(key, None)
            return replace(c, answers=answers)

        if save_or_show(request, form, bid, change):
            return to_task_list(bid)
    return render(
        request,
        "competitions/bids/answer.html",
        bid_context(
            opportunity,
            bid,
            form=form,
            criterion=criterion,
            words=word_count(content.answers.get(key, "")),
        ),
    )


@own_bid_page
@require_http_methods(["GET", "POST"])
def bid_documents(request, pk: int):
    opportunity, bid = own_bid_or_start(request, pk)
    action = request.POST.get("action") or ""
    form = DocumentForm(
        posted(request) if action == "add" else None,
        request.FILES if action == "add" else None,
    )
    if request.method == "POST" and action == "add" and form.is_valid():
        try:
            services.bid_document_add(
                actor=request.user,
                bid=bid,
                file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            form.add_error("file" if error.code != "closed" else None, error)
        else:
            messages.success(request, _("The document is attached and sealed."))
            return redirect(bid_url("competitions:bid-documents", bid))
    if request.method == "POST" and action.startswith("remove-"):
        uid = _uid(action.removeprefix("remove-"))
        document = bid.documents.filter(uid=uid).first() if uid else None
        if document is not None:
            try:
                services.bid_document_remove(actor=request.user, document=document)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The document is removed."))
        return redirect(bid_url("competitions:bid-documents", bid))
    documents = [
        {
            "uid": document.uid,
            "label": vault.document_label(document, own=True),
            "size_band": document.size_band,
        }
        for document in selectors.bid_documents(bid)
    ]
    return render(
        request,
        "competitions/bids/documents.html",
        bid_context(opportunity, bid, form=form, documents=documents),
    )


def _uid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


@own_bid_page
@require_http_methods(["GET", "POST"])
def bid_submit(request, pk: int):
    """Check your answers, then submit."""
    opportunity, bid = own_bid_or_start(request, pk)
    _salt, content = vault.read_own(bid)
    questions = services.answered_questions(opportunity)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.bid_submit(actor=request.user, bid=bid)
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect(bid_url("competitions:bid-receipt", bid))
    framework = opportunity.social_value_framework
    measures = {m.pk: m for m in framework.measures.all()} if framework is not None else {}
    return render(
        request,
        "competitions/bids/check.html",
        bid_context(
            opportunity,
            bid,
            content=content,
            errors=errors,
            missing=services.missing(opportunity, bid, content, questions),
            answers=[(q, content.answers.get(str(q.pk), "")) for q in questions],
            commitments=[(measures.get(c.measure_id), c) for c in content.commitments],
            no_conflicts=content.conflicts == services.NO_CONFLICTS,
            document_count=bid.documents.count(),
        ),
    )


@own_bid_page
@require_http_methods(["GET"])
def bid_receipt(request, pk: int):
    """The receipt to keep: print it."""
    opportunity, bid = own_bid_or_start(request, pk)
    if bid.status != Bid.Status.SUBMITTED:
        return to_task_list(bid)
    return render(request, "competitions/bids/receipt.html", bid_context(opportunity, bid))


@own_bid_page
@require_http_methods(["GET", "POST"])
def bid_withdraw(request, pk: int):
    opportunity, bid = own_bid_or_start(request, pk)
    if bid.status != Bid.Status.SUBMITTED:
        return to_task_list(bid)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.bid_withdraw(actor=request.user, bid=bid)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _(
                    "Your bid is withdrawn. You can change it and submit it again until the deadline."
                ),
            )
            return to_task_list(bid)
    return render(
        request, "competitions/bids/withdraw.html", bid_context(opportunity, bid, errors=errors)
    )


@own_bid_page
@require_http_methods(["GET", "POST"])
def receipt_check(request, pk: int):
    """After opening, the bidder checks the receipt they kept against their bid as submitted."""
    opportunity, bid = own_bid_or_start(request, pk)
    form = ReceiptCheckForm(posted(request))
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.receipt_check(
            actor=request.user, bid=bid, shown=form.cleaned_data["receipt"]
        )
    return render(
        request,
        "competitions/bids/receipt_check.html",
        bid_context(
            opportunity, bid, form=form, result=result, opened=opportunity.deadline_passed()
        ),
    )
