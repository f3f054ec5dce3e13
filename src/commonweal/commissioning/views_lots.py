"""The lot designer: a plan split by area, group of people or strand of the service, each lot with
who could bid for it, and the lots' total against the plan's money."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from commonweal.commissioning import permissions, selectors
from commonweal.commissioning import selectors_design as design
from commonweal.commissioning.forms_design import LotForm
from commonweal.commissioning.models import Lot, Plan
from commonweal.commissioning.services_design import lot_remove as remove_lot
from commonweal.commissioning.services_design import lot_save
from commonweal.commissioning.views import managed_plan, plan_or_404
from commonweal.commissioning.views_design import bidders_shown, link_names
from commonweal.core.viewtools import add_service_errors, paginate, posted

PAGE_SIZE = 10


@require_GET
def lots(request, pk: int):
    plan = plan_or_404(request.user, pk)
    listing = paginate(request, design.plan_lots(plan), PAGE_SIZE)
    page = listing["page_obj"].object_list
    months = design.contract_months(plan, design.requirements_of(plan))
    shown = []
    if page:
        providers = selectors.market_providers(plan)
        shown = [
            bidders_shown(design.bidders(lot.title, lot, lot.value, months, providers))
            for lot in page
        ]
        link_names(group for lot in shown for group in lot.groups())
    total = selectors.plan_total(plan)
    in_lots = design.lots_value(plan)
    return render(
        request,
        "commissioning/lots.html",
        {
            "plan": plan,
            "section": "lots",
            "can_manage": permissions.can_manage(request.user, plan),
            **listing,
            "shown": shown,
            "total": total,
            "in_lots": in_lots,
            "left": total - in_lots,
            "months": months,
        },
    )


def _lot_or_404(plan: Plan, lot_pk: int) -> Lot:
    lot = design.lot_get(plan, lot_pk)
    if lot is None:
        raise Http404
    return lot


def _lot_form(request, plan: Plan, lot: Lot | None):
    areas = design.area_choices(plan, keep=lot.area if lot is not None else None)
    form = LotForm(posted(request), areas=areas, lot=lot)
    if request.method == "POST" and form.is_valid():
        changed = lot is None or form.has_changed()
        try:
            saved = lot_save(actor=request.user, plan=plan, lot=lot, **form.lot_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if lot is None:
                messages.success(
                    request, _("The lot “%(title)s” is added.") % {"title": saved.title}
                )
            elif changed:
                messages.success(
                    request, _("The lot “%(title)s” is saved.") % {"title": saved.title}
                )
            return redirect("commissioning:lots", pk=plan.pk)
    return render(
        request,
        "commissioning/lot_form.html",
        {
            "plan": plan,
            "section": "lots",
            "form": form,
            "lot": lot,
            "total": selectors.plan_total(plan),
            "in_lots": design.lots_value(plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def lot_add(request, pk: int):
    return _lot_form(request, managed_plan(request.user, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def lot_edit(request, pk: int, lot_pk: int):
    plan = managed_plan(request.user, pk)
    return _lot_form(request, plan, _lot_or_404(plan, lot_pk))


@login_required
@require_http_methods(["GET", "POST"])
def lot_remove(request, pk: int, lot_pk: int):
    plan = managed_plan(request.user, pk)
    lot = _lot_or_404(plan, lot_pk)
    if request.method == "POST":
        remove_lot(actor=request.user, lot=lot)
        messages.success(request, _("The lot “%(title)s” is removed.") % {"title": lot.title})
        return redirect("commissioning:lots", pk=plan.pk)
    return render(
        request, "commissioning/lot_remove.html", {"plan": plan, "section": "lots", "lot": lot}
    )
