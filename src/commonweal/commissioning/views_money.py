"""A plan's money: what each agency pools into it, year by year, and what is spent on the work now."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.commissioning import forms, permissions, selectors, services
from commonweal.commissioning.views import managed_plan, plan_or_404
from commonweal.core.viewtools import add_service_errors, paginate, posted, require
from commonweal.organisations import place_staff
from commonweal.organisations.models import Organisation
from commonweal.organisations.selectors import organisations_matching

PROVIDERS_PAGE_SIZE = 20
SEARCH_LENGTH = 100


def _pooling_bodies(plan):
    """The public bodies that can put money in: any verified public body for the plan's place."""
    return place_staff.verified_public_bodies(plan.place)


def money(request, pk: int):
    plan = plan_or_404(request.user, pk)
    can_manage = permissions.can_manage(request.user, plan)
    form = None
    if can_manage:
        form = forms.ContributionForm(posted(request), bodies=_pooling_bodies(plan))
        if request.method == "POST" and form.is_valid():
            try:
                services.contribution_save(actor=request.user, plan=plan, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The money is added to the plan."))
                return redirect("commissioning:money", pk=plan.pk)
    elif request.method == "POST":
        require(False)  # only those who run the plan change its money
    rows = selectors.contributions(plan)
    return render(
        request,
        "commissioning/money.html",
        {
            "plan": plan,
            "section": "money",
            "can_manage": can_manage,
            "form": form,
            "rows": rows,
            "by_year": selectors.totals_by_year(rows),
            "by_agency": selectors.totals_by_agency(rows),
            "total": sum((row.amount for row in rows), start=0),
            "contracts": selectors.current_contracts(plan),
        },
    )


def _contribution(plan, contribution_pk: int):
    contribution = (
        plan.contributions.select_related("organisation").filter(pk=contribution_pk).first()
    )
    if contribution is None:
        raise Http404
    return contribution


@login_required
@require_http_methods(["GET", "POST"])
def contribution_edit(request, pk: int, contribution_pk: int):
    plan = managed_plan(request.user, pk)
    contribution = _contribution(plan, contribution_pk)
    form = forms.ContributionForm(
        posted(request), bodies=_pooling_bodies(plan), contribution=contribution
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_save(
                actor=request.user, plan=plan, contribution=contribution, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The money is saved."))
            return redirect("commissioning:money", pk=plan.pk)
    return render(
        request,
        "commissioning/contribution_form.html",
        {"plan": plan, "section": "money", "form": form, "contribution": contribution},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribution_remove(request, pk: int, contribution_pk: int):
    plan = managed_plan(request.user, pk)
    contribution = _contribution(plan, contribution_pk)
    if request.method == "POST":
        services.contribution_remove(actor=request.user, contribution=contribution)
        messages.success(request, _("The money is removed from the plan."))
        return redirect("commissioning:money", pk=plan.pk)
    return render(
        request,
        "commissioning/remove.html",
        {
            "plan": plan,
            "section": "money",
            "heading": _("Remove this money from the plan?"),
            "what": _("%(organisation)s: £%(amount)s in %(year)s")
            % {
                "organisation": contribution.organisation.name,
                "amount": f"{contribution.amount:,.2f}",
                "year": contribution.financial_year,
            },
            "back": "commissioning:money",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def current_spend(request, pk: int):
    """Record what is spent on the work today. The provider is found by a search (the directory has
    thousands), shown as a page of radios inside the form."""
    plan = managed_plan(request.user, pk)
    q = request.GET.get("q", "").strip()[:SEARCH_LENGTH]
    candidates = (
        organisations_matching(
            Organisation.objects.exclude(legal_form=Organisation.LegalForm.PUBLIC_BODY), q
        ).order_by("name", "pk")
        if q
        else selectors.providers_serving(plan.place)
    )
    found = paginate(request, candidates, PROVIDERS_PAGE_SIZE)
    form = forms.CurrentContractForm(posted(request))
    form.fields["provider"].offered = list(found["page_obj"].object_list)
    if request.method == "POST" and form.is_valid():
        try:
            services.current_contract_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The current spend is recorded."))
            return redirect("commissioning:money", pk=plan.pk)
    return render(
        request,
        "commissioning/current_spend.html",
        {"plan": plan, "section": "money", "form": form, "q": q, **found},
    )


@login_required
@require_http_methods(["GET", "POST"])
def current_spend_remove(request, pk: int, contract_pk: int):
    plan = managed_plan(request.user, pk)
    contract = plan.current_contracts.select_related("provider").filter(pk=contract_pk).first()
    if contract is None:
        raise Http404
    if request.method == "POST":
        services.current_contract_remove(actor=request.user, contract=contract)
        messages.success(request, _("The current spend is removed."))
        return redirect("commissioning:money", pk=plan.pk)
    return render(
        request,
        "commissioning/remove.html",
        {
            "plan": plan,
            "section": "money",
            "heading": _("Remove this current spend?"),
            "what": f"{contract.provider.name}: {contract.description}",
            "back": "commissioning:money",
        },
    )
