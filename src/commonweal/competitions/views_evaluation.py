"""Evaluation pages: the panel, each evaluator's conflicts and scores, moderation, the result, and
the abnormally low bid reviews.

Who sees what:
- Those who run the opportunity (permissions.can_manage) choose the panel, see who has finished
  (never the scores) until every evaluator is done, then moderate and see the result.
- An evaluator sees the bidders' names only, to declare conflicts; then, once declared, the bids
  they are not conflicted with, and only their own scores.
- A bidder's people see and answer a request to explain a low price.
Every bid's content is opened through vault.open_bid, which records the opening.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from commonweal.accounts.models import User
from commonweal.competitions import forms_evaluation as forms
from commonweal.competitions import permissions, results, vault
from commonweal.competitions import selectors_evaluation as selectors
from commonweal.competitions import services_evaluation as services
from commonweal.competitions.content import BidContent, ContentError
from commonweal.competitions.models import Bid, Criterion, Evaluator, LowBidReview, Opportunity
from commonweal.competitions.sealing import CannotOpen
from commonweal.core.viewtools import add_service_errors, paginate, posted, require

PAGE_SIZE = 25
BIDS_PER_PAGE = 10


say = results.say


def _opportunity(user, pk: int) -> Opportunity:
    opportunity = selectors.opportunity_get(pk)
    if opportunity is None:
        raise Http404
    require(
        opportunity.status != Opportunity.Status.DRAFT or permissions.can_manage(user, opportunity)
    )
    return opportunity


def _managed(user, pk: int) -> Opportunity:
    opportunity = _opportunity(user, pk)
    require(permissions.can_manage(user, opportunity))
    return opportunity


def _seat(user, opportunity: Opportunity) -> Evaluator:
    evaluator = permissions.seat(user, opportunity)
    require(evaluator is not None)
    assert evaluator is not None
    evaluator.opportunity = opportunity
    return evaluator


def _open(bid: Bid, user, why: str) -> BidContent:
    try:
        return vault.open_bid(bid, actor=user, why=why)[1]
    except ContentError:
        return BidContent()


@login_required
@require_http_methods(["GET", "POST"])
def evaluation(request, pk: int):
    """The evaluation's overview: for those who run it, the panel's progress; for an evaluator,
    what they have to do next (and marking their scoring done)."""
    opportunity = _opportunity(request.user, pk)
    can_manage = permissions.can_manage(request.user, opportunity)
    evaluator = permissions.seat(request.user, opportunity)
    require(can_manage or evaluator is not None)
    if evaluator is not None:
        evaluator.opportunity = opportunity
    if request.method == "POST":
        require(evaluator is not None)
        try:
            services.scores_submit(actor=request.user, evaluator=evaluator)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Your scoring is marked as done."))
        return redirect("competitions:evaluation", pk=opportunity.pk)
    bids = []
    left = 0
    if evaluator is not None and evaluator.conflicts_declared_at is not None:
        bids = selectors.bids_to_score(evaluator)
        left = selectors.scoring_left(evaluator)
    return render(
        request,
        "competitions/evaluation/overview.html",
        {
            "opportunity": opportunity,
            "can_manage": can_manage,
            "evaluator": evaluator,
            "deadline_passed": opportunity.deadline_passed(),
            "panel": selectors.panel(opportunity) if can_manage else [],
            "panel_done": selectors.panel_done(opportunity),
            "bids": bids,
            "left": left,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluators(request, pk: int):
    """Choose the panel from the people who may sit on it; take someone off before scoring."""
    opportunity = _managed(request.user, pk)
    officers = selectors.eligible_officers(opportunity)
    citizens = selectors.eligible_citizens(opportunity)
    data = posted(request)
    form = forms.PanelAddForm(
        data if data is not None and "remove" not in data else None,
        officers=officers,
        citizens=citizens,
    )
    if request.method == "POST":
        if "remove" in request.POST:
            seat = _panel_seat(opportunity, request.POST.get("remove", ""))
            try:
                services.evaluator_remove(actor=request.user, evaluator=seat)
            except ValidationError as error:
                for text in error.messages:
                    messages.error(request, text)
            else:
                messages.success(request, _("They are off the panel."))
            return redirect("competitions:evaluators", pk=opportunity.pk)
        if form.is_valid():
            kind, user_pk = form.chosen()
            user = User.objects.filter(pk=user_pk).first() if selectors.fits(user_pk) else None
            if user is None:
                form.add_error("person", _("Choose a person to add."))
            else:
                try:
                    services.evaluator_add(
                        actor=request.user, opportunity=opportunity, user=user, kind=kind
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request, _("%(name)s is on the panel.") % {"name": user.full_name}
                    )
                    return redirect("competitions:evaluators", pk=opportunity.pk)
    return render(
        request,
        "competitions/evaluation/evaluators.html",
        {
            "opportunity": opportunity,
            "form": form,
            "panel": selectors.panel(opportunity),
            "scoring_started": selectors.scoring_started(opportunity),
        },
    )


def _panel_seat(opportunity: Opportunity, value: str) -> Evaluator:
    try:
        pk = int(value)
    except ValueError:
        raise Http404 from None
    seat = (
        Evaluator.objects.filter(opportunity=opportunity, pk=pk)
        .select_related("opportunity")
        .first()
        if selectors.fits(pk)
        else None
    )
    if seat is None:
        raise Http404
    return seat


@login_required
@require_http_methods(["GET", "POST"])
def conflicts(request, pk: int):
    """The evaluator declares, for every bidder (by name only), whether they have a conflict."""
    opportunity = _opportunity(request.user, pk)
    evaluator = _seat(request.user, opportunity)
    bids = list(selectors.submitted_bids(opportunity)) if opportunity.deadline_passed() else []
    organisations = [bid.organisation for bid in bids]
    declared = selectors.declarations(evaluator) if evaluator.conflicts_declared_at else {}
    form = forms.ConflictsForm(posted(request), organisations=organisations)
    if request.method == "POST" and evaluator.conflicts_declared_at is None and form.is_valid():
        try:
            services.conflicts_declare(
                actor=request.user, evaluator=evaluator, declarations=form.declarations()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your declarations are recorded."))
            return redirect("competitions:evaluation", pk=opportunity.pk)
    return render(
        request,
        "competitions/evaluation/conflicts.html",
        {
            "opportunity": opportunity,
            "evaluator": evaluator,
            "form": form,
            "deadline_passed": opportunity.deadline_passed(),
            "declared": [(bid.organisation, declared.get(bid.organisation_id)) for bid in bids],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def score(request, pk: int, bid_pk: int):
    """The evaluator's own scores for one bid, beside the bid's answers (and, for social value,
    its commitments valued)."""
    opportunity = _opportunity(request.user, pk)
    evaluator = _seat(request.user, opportunity)
    bid = selectors.submitted_bid(opportunity, bid_pk)
    if bid is None:
        raise Http404
    require(permissions.can_see_bids(request.user, opportunity))
    require(bid.organisation_id not in selectors.conflicted_organisation_ids(evaluator))
    criteria = selectors.criteria_for(evaluator)
    existing = {c: s for (b, c), s in selectors.own_scores(evaluator, bid).items()}
    form = forms.ScoresForm(
        posted(request), opportunity=opportunity, criteria=criteria, existing=existing
    )
    done = evaluator.scores_submitted_at is not None
    if request.method == "POST" and not done and form.is_valid():
        try:
            for criterion, value, passed, reason in form.scores():
                services.score_record(
                    actor=request.user,
                    evaluator=evaluator,
                    bid=bid,
                    criterion=criterion,
                    score=value,
                    passed=passed,
                    reason=reason,
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("competitions:evaluation", pk=opportunity.pk)
    content = _open(bid, request.user, _("Scoring"))
    show_social = any(c.part == Criterion.Part.SOCIAL_VALUE for c in criteria)
    return render(
        request,
        "competitions/evaluation/score.html",
        {
            "opportunity": opportunity,
            "evaluator": evaluator,
            "citizen": evaluator.kind == Evaluator.Kind.CITIZEN,
            "bid": bid,
            "form": form,
            "done": done,
            "rows": [(c, f, r, content.answers.get(str(c.pk), "")) for c, f, r in form.rows()],
            "documents": _documents(bid),
            "social": _social_evidence(opportunity, content) if show_social else None,
        },
    )


def _documents(bid: Bid) -> list[tuple[int, str]]:
    """The bid's documents, each with its title (sealed with it; read after the deadline)."""
    found = []
    for document in bid.documents.order_by("added_at", "pk"):
        try:
            title, _name = vault.document_label(document, own=False)
        except CannotOpen:
            title = _("A document that could not be read")
        found.append((document.pk, title))
    return found


@login_required
@require_GET
def bid_document(request, pk: int, bid_pk: int, document_pk: int):
    """One of a bid's documents, after the deadline, for those who run the opportunity and for
    evaluators who declared their conflicts and have none with this bidder: each download is an
    opening, recorded with who and why."""
    opportunity = _opportunity(request.user, pk)
    bid = selectors.submitted_bid(opportunity, bid_pk)
    if bid is None:
        raise Http404
    require(permissions.can_see_bids(request.user, opportunity))
    if not permissions.can_manage(request.user, opportunity):
        evaluator = _seat(request.user, opportunity)
        require(bid.organisation_id not in selectors.conflicted_organisation_ids(evaluator))
    document = bid.documents.filter(pk=document_pk).first()
    if document is None:
        raise Http404
    try:
        _title, name = vault.document_label(document, own=False)
        data = vault.document_bytes(
            document, own=False, actor=request.user, why=_("Reading a bid's document")
        )
    except (CannotOpen, FileNotFoundError):
        raise Http404 from None
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=name or "document"
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def _social_evidence(opportunity: Opportunity, content: BidContent) -> dict:
    measures = results.measures(opportunity)
    valuation = results.valuation(opportunity, content, measures)
    return {
        "lines": [
            {
                "measure": line.commitment.measure.name,
                "unit": line.commitment.measure.unit,
                "quantity": line.commitment.quantity,
                "claimed": line.claimed,
                "net": line.net,
                "counted": line.counted,
                "reasons": [say(reason) for reason in line.reasons],
                "evidence_plan": line.commitment.evidence_plan,
            }
            for line in valuation.lines
        ],
        "total": valuation.total,
        "per_pound": valuation.per_pound,
        "reasons": [say(reason) for reason in valuation.reasons],
        "flags": [say(flag.why) for flag in valuation.flags],
    }


@login_required
@require_http_methods(["GET"])
def moderation(request, pk: int):
    """Every score side by side, per bid and criterion, once every evaluator is done."""
    opportunity = _managed(request.user, pk)
    done = selectors.panel_done(opportunity)
    page = paginate(request, selectors.submitted_bids(opportunity), BIDS_PER_PAGE)
    grid = selectors.moderation_grid(opportunity, list(page["page_obj"])) if done else []
    return render(
        request,
        "competitions/evaluation/moderation.html",
        {
            **page,
            "opportunity": opportunity,
            "done": done,
            "grid": grid,
            "panel": selectors.panel(opportunity),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderate(request, pk: int, bid_pk: int, criterion_pk: int):
    """Record the agreed score for a bid on a criterion, and why."""
    opportunity = _managed(request.user, pk)
    bid = selectors.submitted_bid(opportunity, bid_pk)
    criterion = selectors.criterion_get(opportunity, criterion_pk)
    if bid is None or criterion is None:
        raise Http404
    if not selectors.panel_done(opportunity):
        messages.error(
            request, _("Moderation opens once every evaluator has declared and finished scoring.")
        )
        return redirect("competitions:moderation", pk=opportunity.pk)
    existing = bid.moderated_scores.filter(criterion=criterion).first()
    form = forms.ModerateForm(
        posted(request), opportunity=opportunity, criterion=criterion, existing=existing
    )
    if request.method == "POST" and form.is_valid():
        value, passed, reason = form.agreed()
        try:
            services.moderate(
                actor=request.user,
                bid=bid,
                criterion=criterion,
                score=value,
                passed=passed,
                reason=reason,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The agreed score is saved."))
            return redirect("competitions:moderation", pk=opportunity.pk)
    content = _open(bid, request.user, _("Moderation"))
    return render(
        request,
        "competitions/evaluation/moderate.html",
        {
            "opportunity": opportunity,
            "bid": bid,
            "criterion": criterion,
            "answer": content.answers.get(str(criterion.pk), ""),
            "scores": selectors.scores_for(bid, criterion),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET"])
def results_page(request, pk: int):
    """The most advantageous tender with its arithmetic, the price formula in words, what moving
    each weight would do, rank reversals, and each bid's social value."""
    opportunity = _managed(request.user, pk)
    result = results.evaluate_opportunity(opportunity, actor=request.user, why=_("Results"))
    return render(
        request,
        "competitions/evaluation/results.html",
        {"opportunity": opportunity, **results.shown(result)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def low_bids_page(request, pk: int):
    """The low-bid reviews: run the checks, ask a bidder to explain."""
    opportunity = _managed(request.user, pk)
    if request.method == "POST":
        try:
            if "ask" in request.POST:
                review = _review(opportunity, request.POST.get("ask", ""))
                services.low_bid_ask(actor=request.user, review=review)
                messages.success(request, _("The bidder is asked to explain its price."))
            else:
                made = services.low_bids_check(actor=request.user, opportunity=opportunity)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s bid is flagged as abnormally low.",
                        "%(count)s bids are flagged as abnormally low.",
                        len(made),
                    )
                    % {"count": len(made)},
                )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        return redirect("competitions:low-bids", pk=opportunity.pk)
    return render(
        request,
        "competitions/evaluation/low_bids.html",
        {
            **paginate(request, selectors.low_bid_reviews(opportunity), PAGE_SIZE),
            "opportunity": opportunity,
            "deadline_passed": opportunity.deadline_passed(),
        },
    )


def _review(opportunity: Opportunity, value) -> LowBidReview:
    try:
        bid_pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    review = selectors.low_bid_review_get(opportunity, bid_pk)
    if review is None:
        raise Http404
    return review


@login_required
@require_http_methods(["GET", "POST"])
def low_bid_decide(request, pk: int, bid_pk: int):
    """Accept the price or reject the bid, with reasons."""
    opportunity = _managed(request.user, pk)
    review = _review(opportunity, bid_pk)
    form = forms.LowBidDecideForm(
        posted(request),
        initial={
            "decision": review.decision if review.decision != "pending" else None,
            "reason": review.reason,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.low_bid_decide(
                actor=request.user,
                review=review,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("competitions:low-bids", pk=opportunity.pk)
    return render(
        request,
        "competitions/evaluation/low_bid_decide.html",
        {"opportunity": opportunity, "review": review, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def low_bid_explain(request, pk: int, bid_pk: int):
    """The bidder's people explain their price, once asked."""
    opportunity = _opportunity(request.user, pk)
    review = _review(opportunity, bid_pk)
    require(permissions.is_bidders_own(request.user, review.bid))
    if review.explanation_requested_at is None:
        raise Http404
    form = forms.LowBidExplainForm(posted(request), initial={"explanation": review.explanation})
    decided = review.decision != LowBidReview.Decision.PENDING
    if request.method == "POST" and not decided and form.is_valid():
        try:
            services.low_bid_explain(
                actor=request.user, review=review, explanation=form.cleaned_data["explanation"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your explanation is sent."))
            return redirect("competitions:low-bid-explain", pk=opportunity.pk, bid_pk=bid_pk)
    return render(
        request,
        "competitions/evaluation/low_bid_explain.html",
        {
            "opportunity": opportunity,
            "review": review,
            "form": form,
            "decided": decided,
            "asks": [flag.get("ask", "") for flag in review.flags],
        },
    )
