"""Commissioning plan pages: the list, a plan's overview, starting and changing one, its stage."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.commissioning import (
    forms,
    next_steps,
    permissions,
    selectors,
    services,
    words_advisor,
)
from commonweal.commissioning.models import Plan
from commonweal.core.viewtools import add_service_errors, paginate, posted, require
from commonweal.needs.choosers import choose_needs
from commonweal.organisations import place_staff

PAGE_SIZE = 25


def plan_or_404(user, pk: int) -> Plan:
    """The plan, for those who may see it: an unknown id is a 404, a draft not theirs a 403."""
    plan = selectors.plan_get(pk)
    if plan is None:
        raise Http404
    require(permissions.can_view(user, plan))
    return plan


def managed_plan(user, pk: int) -> Plan:
    plan = plan_or_404(user, pk)
    require(permissions.can_manage(user, plan))
    return plan


def plan_list(request):
    return render(
        request,
        "commissioning/list.html",
        {
            **paginate(request, selectors.plans_visible_to(request.user), PAGE_SIZE),
            "can_create": permissions.can_create(request.user),
        },
    )


def plan_detail(request, pk: int):
    plan = plan_or_404(request.user, pk)
    rows = selectors.contributions(plan)
    return render(
        request,
        "commissioning/plan.html",
        {
            "plan": plan,
            "section": "overview",
            "can_manage": permissions.can_manage(request.user, plan),
            "by_year": selectors.totals_by_year(rows),
            "by_agency": selectors.totals_by_agency(rows),
            "total": sum((row.amount for row in rows), start=0),
            "needs": plan.needs.select_related("place").order_by("title")[:50],
            "need_count": plan.needs.count(),
            "outcomes": plan.outcomes.select_related("version__framework").order_by("code"),
            "sessions": plan.sessions.order_by("-starts_at"),
            "citizen_commissioners": plan.citizen_commissioners.order_by("full_name"),
            "themes": plan.themes.order_by("name"),
            "route_name": words_advisor.route_name(plan.route) if plan.route else "",
            "next_steps": next_steps.shown_for(plan, request.user),
        },
    )


@login_required
@require_http_methods(["GET"])
def plan_create_place(request):
    """Step 1 of starting a plan: which place (so its needs and sessions can be listed)."""
    require(permissions.can_create(request.user))
    form = forms.PlaceChoiceForm(request.GET or None, places=place_staff.staff_places(request.user))
    if form.is_bound and form.is_valid():
        return redirect("commissioning:plan-create", place_pk=form.cleaned_data["place"].pk)
    return render(request, "commissioning/create_place.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, place_pk: int):
    require(permissions.can_create(request.user))
    place = place_staff.staff_places(request.user).filter(pk=place_pk).first()
    require(place is not None)
    form = forms.PlanForm(
        posted(request), place=place, bodies=place_staff.staff_bodies(request.user, place)
    )
    chooser = choose_needs(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                actor=request.user,
                place=place,
                lead=form.cleaned_data["lead"],
                **form.plan_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The plan is started. Only you, your colleagues and its citizen commissioners can see it until you publish it."
                ),
            )
            return redirect("commissioning:money", pk=plan.pk)
    return render(
        request,
        "commissioning/plan_form.html",
        {"form": form, "place": place, "chooser": chooser, "creating": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    plan = managed_plan(request.user, pk)
    form = forms.PlanForm(
        posted(request),
        place=plan.place,
        bodies=place_staff.staff_bodies(request.user, plan.place),
        plan=plan,
    )
    chooser = choose_needs(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(actor=request.user, plan=plan, **form.plan_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect(plan)
    return render(
        request,
        "commissioning/plan_form.html",
        {"form": form, "plan": plan, "place": plan.place, "chooser": chooser},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_stage(request, pk: int):
    plan = managed_plan(request.user, pk)
    form = forms.StageForm(posted(request), initial={"status": plan.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_status_set(
                actor=request.user,
                plan=plan,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan's stage is saved."))
            return redirect(plan)
    return render(
        request, "commissioning/stage.html", {"plan": plan, "form": form, "section": "overview"}
    )
