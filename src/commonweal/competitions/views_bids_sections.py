"""The sections of a provider's bid that are more than one answer: how they bid (with a consortium's
members), the price or the grant budget, social value commitments, and conflicts of interest. Each
saves the bid's content sealed whole (services_bids.bid_save); see views_bids.py for the rest."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.competitions import services_bids as services
from commonweal.competitions import vault
from commonweal.competitions.forms_bids import (
    NO,
    YES,
    BudgetForm,
    CommitmentForm,
    ConflictsForm,
    HowForm,
    MemberForm,
    PriceForm,
)
from commonweal.competitions.models import Bid
from commonweal.competitions.views_bids import (
    bid_context,
    bid_url,
    contract_years,
    own_bid_or_start,
    own_bid_page,
    save_or_show,
    to_task_list,
)
from commonweal.core.viewtools import posted


def _members_page(request, opportunity, bid, content):
    form = HowForm(
        posted(request) if request.POST.get("action") == "how" else None,
        opportunity=opportunity,
        initial={"form": bid.form},
    )
    member_form = MemberForm(posted(request) if request.POST.get("action") == "member" else None)
    return render(
        request,
        "competitions/bids/how.html",
        bid_context(opportunity, bid, form=form, member_form=member_form, members=content.members),
    )


def _how(request, opportunity, bid, content):
    action = request.POST.get("action")
    if request.method == "POST" and action == "how":
        form = HowForm(posted(request), opportunity=opportunity)
        if form.is_valid() and save_or_show(
            request, form, bid, lambda c: c, bid_form=form.cleaned_data["form"]
        ):
            if form.cleaned_data["form"] == Bid.Form.ALONE:
                return to_task_list(bid)
            # A consortium or an alliance names its members next, on the same page.
            return redirect(bid_url("competitions:bid-section", bid, "how"))
        return render(
            request,
            "competitions/bids/how.html",
            bid_context(
                opportunity, bid, form=form, member_form=MemberForm(), members=content.members
            ),
        )
    if request.method == "POST" and action == "member":
        member_form = MemberForm(posted(request))
        if member_form.is_valid() and save_or_show(
            request,
            member_form,
            bid,
            lambda c: replace(c, members=(*c.members, member_form.member())),
        ):
            return redirect(bid_url("competitions:bid-section", bid, "how"))
        return render(
            request,
            "competitions/bids/how.html",
            bid_context(
                opportunity,
                bid,
                form=HowForm(opportunity=opportunity, initial={"form": bid.form}),
                member_form=member_form,
                members=content.members,
            ),
        )
    if request.method == "POST" and (action or "").startswith("remove-"):
        index = _index(action, len(content.members))
        form = HowForm(opportunity=opportunity, initial={"form": bid.form})
        if index is not None and save_or_show(
            request,
            form,
            bid,
            lambda c: replace(c, members=c.members[:index] + c.members[index + 1 :]),
        ):
            return redirect(bid_url("competitions:bid-section", bid, "how"))
    return _members_page(request, opportunity, bid, content)


def _index(action: str, length: int) -> int | None:
    try:
        index = int(action.split("-", 1)[1])
    except (IndexError, ValueError):
        return None
    return index if 0 <= index < length else None


def _price(request, opportunity, bid, content):
    if opportunity.is_grant:
        raise Http404
    form = PriceForm(
        posted(request), initial={"price": content.price, "staff_hours": content.staff_hours}
    )
    if request.method == "POST" and form.is_valid():
        price, hours = form.cleaned_data["price"], form.cleaned_data["staff_hours"]
        if save_or_show(request, form, bid, lambda c: replace(c, price=price, staff_hours=hours)):
            return to_task_list(bid)
    return render(request, "competitions/bids/price.html", bid_context(opportunity, bid, form=form))


def _budget(request, opportunity, bid, content):
    if not opportunity.is_grant:
        raise Http404
    form = BudgetForm(
        posted(request),
        match_required=opportunity.match_funding_required,
        initial=BudgetForm.initial_from(content.grant),
    )
    if request.method == "POST" and form.is_valid():
        budget = form.budget()
        if save_or_show(request, form, bid, lambda c: replace(c, grant=budget)):
            return to_task_list(bid)
    return render(
        request, "competitions/bids/budget.html", bid_context(opportunity, bid, form=form)
    )


def _social_value(request, opportunity, bid, content):
    framework = opportunity.social_value_framework
    measures = list(framework.measures.all()) if framework is not None else []
    by_id = {m.pk: m for m in measures}
    action = request.POST.get("action") or ""
    form = None
    if measures:
        form = CommitmentForm(
            posted(request) if action == "add" else None,
            measures=measures,
            years=contract_years(opportunity),
        )
    if request.method == "POST" and action == "add" and form is not None and form.is_valid():
        commitment = form.commitment()
        if save_or_show(
            request, form, bid, lambda c: replace(c, commitments=(*c.commitments, commitment))
        ):
            messages.success(request, _("The commitment is added."))
            return redirect(bid_url("competitions:bid-section", bid, "social-value"))
    if request.method == "POST" and action.startswith("remove-"):
        index = _index(action, len(content.commitments))
        if index is not None:
            try:
                services.bid_save(
                    actor=request.user,
                    bid=bid,
                    change=lambda c: replace(
                        c, commitments=c.commitments[:index] + c.commitments[index + 1 :]
                    ),
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect(bid_url("competitions:bid-section", bid, "social-value"))
    shown = [
        {"index": n, "commitment": c, "measure": by_id.get(c.measure_id)}
        for n, c in enumerate(content.commitments)
    ]
    return render(
        request,
        "competitions/bids/social_value.html",
        bid_context(opportunity, bid, form=form, framework=framework, commitments=shown),
    )


def _conflicts(request, opportunity, bid, content):
    initial = {}
    if content.conflicts == services.NO_CONFLICTS:
        initial = {"has_conflicts": NO}
    elif content.conflicts:
        initial = {"has_conflicts": YES, "details": content.conflicts}
    form = ConflictsForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        declared = (
            form.cleaned_data["details"].strip()
            if form.cleaned_data["has_conflicts"] == YES
            else services.NO_CONFLICTS
        )
        if save_or_show(request, form, bid, lambda c: replace(c, conflicts=declared)):
            return to_task_list(bid)
    return render(
        request, "competitions/bids/conflicts.html", bid_context(opportunity, bid, form=form)
    )


_SECTION_VIEWS = {
    "how": _how,
    "price": _price,
    "budget": _budget,
    "social-value": _social_value,
    "conflicts": _conflicts,
}


@own_bid_page
@require_http_methods(["GET", "POST"])
def bid_section(request, pk: int, section: str):
    view = _SECTION_VIEWS.get(section)
    if view is None:
        raise Http404
    opportunity, bid = own_bid_or_start(request, pk)
    _salt, content = vault.read_own(bid)
    return view(request, opportunity, bid, content)
