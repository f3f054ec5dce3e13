"""Pages for the award: a tender's award page (the result, what stops the award, the award form,
the standstill and the contract's details), each bidder's assessment summary, and a grant round's
decisions. Thin: reads through selectors_award and results, writes through services_award."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commonweal.competitions import permissions, results, selectors_award, services_award
from commonweal.competitions.forms_award import AwardForm, ContractForm, GrantDecisionForm
from commonweal.competitions.models import Bid, Criterion, GrantDecision, Opportunity
from commonweal.competitions.views_opportunities import managed_opportunity, opportunity_or_404
from commonweal.core.forms import ID_RANGE
from commonweal.core.viewtools import add_service_errors, paginate, posted, require
from commonweal.messages import Message

DECISIONS_PER_PAGE = 25
PARTS = {
    "quality": gettext_lazy("Quality"),
    "social_value": gettext_lazy("Social value"),
    "price": gettext_lazy("Price"),
    "total": gettext_lazy("Total"),
}


def say(text: Message) -> str:
    return text.render(_, ngettext)


def _tender(user, pk: int) -> Opportunity:
    opportunity = opportunity_or_404(user, pk)
    if opportunity.is_grant:
        raise Http404
    return opportunity


def _grant_round(user, pk: int) -> Opportunity:
    opportunity = opportunity_or_404(user, pk)
    if not opportunity.is_grant:
        raise Http404
    return opportunity


def _own_bids(user, opportunity: Opportunity) -> list[Bid]:
    if not user.is_authenticated:
        return []
    organisations = permissions.bidder_organisations(user)
    if not organisations:
        return []
    return list(
        opportunity.bids.filter(organisation__in=organisations, status=Bid.Status.SUBMITTED)
        .select_related("organisation")
        .order_by("pk")
    )


def _choices(outcome: results.OpportunityResult) -> tuple[list[tuple[str, str]], str]:
    """The bids that may win, best first, and the most advantageous tender ("" on a tie)."""
    evaluation = outcome.evaluation
    if evaluation is None:
        return [], ""
    choices = []
    for result in evaluation.results:
        if result.rank is None:
            continue
        label = _("%(name)s: ranked %(rank)s with %(total)s points") % {
            "name": result.name,
            "rank": result.rank,
            "total": result.total,
        }
        if result.bid_id in evaluation.winners:
            label += " " + _("(the most advantageous tender)")
        choices.append((result.bid_id, label))
    return choices, evaluation.winner or ""


def _standstill(award) -> dict:
    if award is None or award.standstill_ends_on is None:
        return {}
    ends = award.standstill_ends_on
    return {
        "ends": ends,
        "from": ends + datetime.timedelta(days=1),
        "over": timezone.localdate() > ends,
        "bank_holidays_known": selectors_award.BANK_HOLIDAYS_KNOWN,
    }


def _award_page(request, opportunity: Opportunity, form: AwardForm | None = None, outcome=None):
    can_manage = permissions.can_manage(request.user, opportunity)
    award = selectors_award.award_for(opportunity)
    context: dict = {
        "opportunity": opportunity,
        "can_manage": can_manage,
        "award": award,
        "standstill": _standstill(award),
        "own_bids": _own_bids(request.user, opportunity),
        "blockers": [],
        "result": None,
        "form": None,
    }
    if can_manage and award is None:
        blockers = services_award.award_blockers(opportunity)
        context["blockers"] = blockers
        if not blockers:
            if outcome is None:
                outcome = results.evaluate_opportunity(
                    opportunity, actor=request.user, why=_("The award page")
                )
            context["result"] = {
                "missing": outcome.missing,
                "summary": say(outcome.evaluation.summary) if outcome.evaluation else "",
                "rows": list(outcome.evaluation.results) if outcome.evaluation else [],
            }
            choices, winner = _choices(outcome)
            if choices and not outcome.missing:
                price = results.bid_price(opportunity, outcome.contents[winner]) if winner else None
                context["form"] = form or AwardForm(
                    choices=choices, initial={"bid": winner, "value": price}
                )
    status = 400 if form is not None and form.errors else 200
    return render(request, "competitions/award/award.html", context, status=status)


@require_GET
def award(request, pk: int):
    return _award_page(request, _tender(request.user, pk))


@login_required
@require_POST
def award_decide(request, pk: int):
    opportunity = _tender(request.user, pk)
    require(permissions.can_manage(request.user, opportunity))
    blockers = services_award.award_blockers(opportunity)
    if blockers:
        messages.error(request, " ".join(blockers))
        return redirect("competitions:award", pk=opportunity.pk)
    outcome = results.evaluate_opportunity(opportunity, actor=request.user, why=_("The award page"))
    choices, _winner = _choices(outcome)
    form = AwardForm(posted(request), choices=choices)
    if form.is_valid():
        chosen = outcome.bids.get(form.cleaned_data["bid"])
        try:
            made = services_award.award_decide(
                actor=request.user,
                opportunity=opportunity,
                bid=chosen,
                value=form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
                why_not_the_winner=form.cleaned_data["why_not_the_winner"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The tender is awarded. The standstill runs until the end of %(day)s.")
                % {"day": date_format(made.award.standstill_ends_on, "j F Y")},
            )
            if made.not_the_winner:
                messages.warning(
                    request,
                    _(
                        "You awarded a bid that is not the most advantageous tender. Your reason "
                        "is published with the award."
                    ),
                )
            if made.release is None and services_award.open_data_waiting():
                messages.info(request, services_award.open_data_waiting())
            return redirect("competitions:award", pk=opportunity.pk)
    return _award_page(request, opportunity, form, outcome)


@login_required
@require_http_methods(["GET", "POST"])
def contract_details(request, pk: int):
    opportunity = _tender(request.user, pk)
    require(permissions.can_manage(request.user, opportunity))
    award = selectors_award.award_for(opportunity)
    if award is None:
        raise Http404
    initial = {
        "signed_on": award.contract_signed_on,
        "starts_on": award.contract_starts_on,
        "ends_on": award.contract_ends_on,
    }
    form = ContractForm(posted(request), initial=initial)
    standstill = _standstill(award)
    if request.method == "POST" and form.is_valid():
        try:
            release = services_award.contract_details_record(
                actor=request.user, award=award, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contract's details are recorded."))
            if release is None and services_award.open_data_waiting():
                messages.info(request, services_award.open_data_waiting())
            return redirect("competitions:award", pk=opportunity.pk)
    return render(
        request,
        "competitions/award/contract.html",
        {"opportunity": opportunity, "award": award, "form": form, "standstill": standstill},
        status=400 if form.errors else 200,
    )


def _id(value: int) -> int:
    if value not in ID_RANGE:
        raise Http404
    return value


@login_required
@require_GET
def assessment(request, pk: int, bid_pk: int):
    """A bidder's assessment summary: only for the bidder's own people and those who run it."""
    opportunity = _tender(request.user, pk)
    summary = selectors_award.assessment_for(opportunity, _id(bid_pk))
    if summary is None:
        raise Http404
    if not (
        permissions.is_bidders_own(request.user, summary.bid)
        or permissions.can_manage(request.user, opportunity)
    ):
        raise Http404
    data = summary.summary
    yours, winners = data.get("your_scores", {}), data.get("winner_scores", {})
    criteria = [
        {
            "title": criterion["title"],
            "part": dict(Criterion.Part.choices).get(criterion["part"], ""),
            "weight": criterion["weight"],
            "pass_fail": criterion["pass_fail"],
            "yours": yours.get(criterion["id"]),
            "winners": winners.get(criterion["id"]),
        }
        for criterion in data.get("criteria", [])
    ]
    parts = [
        {
            "name": name,
            "yours": data.get("yours", {}).get(key, ""),
            "winners": data.get("winners", {}).get(key, ""),
        }
        for key, name in PARTS.items()
    ]
    return render(
        request,
        "competitions/award/assessment.html",
        {
            "opportunity": opportunity,
            "bid": summary.bid,
            "data": data,
            "parts": parts,
            "criteria": criteria,
        },
    )


# --- Grant rounds -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def grant_decisions(request, pk: int):
    """Those who run the round: every application, its decision, and publishing them. Applicants:
    their own decisions once published. Everybody: the funded grants once published."""
    opportunity = _grant_round(request.user, pk)
    can_manage = permissions.can_manage(request.user, opportunity)
    published = opportunity.status == Opportunity.Status.AWARDED
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require(can_manage)
        try:
            services_award.grant_round_award(actor=request.user, opportunity=opportunity)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The decisions are published. Applicants can read them."))
        return redirect("competitions:grant-decisions", pk=opportunity.pk)
    own = _own_bids(request.user, opportunity)
    own_decisions = (
        list(GrantDecision.objects.filter(bid__in=own).select_related("bid__organisation"))
        if published and own
        else []
    )
    if can_manage:
        rows = (
            opportunity.bids.filter(status=Bid.Status.SUBMITTED)
            .select_related("organisation", "grant_decision")
            .order_by("pk")
        )
    elif published:
        rows = (
            opportunity.bids.filter(status=Bid.Status.SUBMITTED, grant_decision__awarded=True)
            .select_related("organisation", "grant_decision")
            .order_by("pk")
        )
    else:
        rows = Bid.objects.none()
    return render(
        request,
        "competitions/award/grant_decisions.html",
        {
            "opportunity": opportunity,
            "can_manage": can_manage,
            "published": published,
            "own_decisions": own_decisions,
            "page": paginate(request, rows, DECISIONS_PER_PAGE),
            "can_decide": can_manage
            and not published
            and opportunity.deadline_passed()
            and opportunity.status in services_award.AWARDABLE,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def grant_decide(request, pk: int, bid_pk: int):
    opportunity = managed_opportunity(request.user, pk)
    if not opportunity.is_grant:
        raise Http404
    bid = (
        opportunity.bids.filter(pk=_id(bid_pk), status=Bid.Status.SUBMITTED)
        .select_related("organisation", "opportunity__plan")
        .first()
    )
    if bid is None:
        raise Http404
    decision = GrantDecision.objects.filter(bid=bid).first()
    initial = {}
    if decision is not None:
        initial = {
            "awarded": "yes" if decision.awarded else "no",
            "amount": decision.amount,
            "reason": decision.reason,
            "planned_start": decision.planned_start,
            "planned_end": decision.planned_end,
        }
    form = GrantDecisionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_award.grant_decide(actor=request.user, bid=bid, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The decision on %(name)s's application is saved.")
                % {"name": bid.organisation.name},
            )
            return redirect("competitions:grant-decisions", pk=opportunity.pk)
    return render(
        request,
        "competitions/award/grant_decide.html",
        {"opportunity": opportunity, "bid": bid, "form": form, "decision": decision},
        status=400 if form.errors else 200,
    )
