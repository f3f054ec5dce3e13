"""Citizens' panel pages for selection, the public draw, the published result and seating the members."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from commonweal.core.viewtools import add_service_errors, paginate, posted, require
from commonweal.panels import engine, forms, members, permissions, selection, selectors, services
from commonweal.panels.views import managed_panel, panel_or_404

TOP_PANELS = 10
#: How often a selection run's page reloads itself while the run is waiting or working.
RUN_REFRESH_SECONDS = 5
#: People a page in the table of chances (a national assembly's pool is thousands of people).
CHANCES_PAGE_SIZE = 50


@login_required
@require_http_methods(["GET", "POST"])
def run_start(request, pk: int):
    panel = managed_panel(request.user, pk)
    form = forms.RunForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            run = selection.run_start(
                actor=request.user,
                panel=panel,
                method=form.cleaned_data["method"],
                time_limit=form.cleaned_data["time_limit"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("panels:run", pk=panel.pk, run_pk=run.pk)
    return render(
        request,
        "panels/run_start.html",
        {"panel": panel, "form": form, "pool_count": panel.pool.count()},
    )


@require_http_methods(["GET"])
def run_detail(request, pk: int, run_pk: int):
    panel = panel_or_404(request.user, pk)
    run = panel.runs.filter(pk=run_pk).first()
    if run is None:
        raise Http404
    # While the run works, the page updates itself every few seconds (commonweal/refresh.js reads
    # the marked part again and puts it in place; without JavaScript, a meta refresh in <noscript>
    # reloads it), unless the reader stopped it (WCAG 2.2.1: they may turn it off).
    stopped = request.GET.get("updates") == "off"
    response = render(
        request,
        "panels/run.html",
        {
            "panel": panel,
            "run": run,
            "refresh_seconds": RUN_REFRESH_SECONDS if run.is_active and not stopped else None,
            "updates_stopped": run.is_active and stopped,
            "can_manage": permissions.can_manage(request.user, panel),
            "percent": round(run.progress_fraction * 100)
            if run.progress_fraction is not None
            else None,
        },
    )
    if run.is_active:  # its progress is not recorded in the audit trail: never a kept copy
        patch_cache_control(response, no_cache=True)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def run_stop(request, pk: int, run_pk: int):
    panel = managed_panel(request.user, pk)
    run = panel.runs.filter(pk=run_pk).first()
    if run is None:
        raise Http404
    if run.status not in selection.ACTIVE:
        messages.info(request, _("This run has already ended, so there is nothing to stop."))
        return redirect("panels:run", pk=panel.pk, run_pk=run.pk)
    form = forms.StopForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            selection.run_stop(actor=request.user, run=run, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The run is stopped. You can start another selection."))
            return redirect("panels:run", pk=panel.pk, run_pk=run.pk)
    return render(request, "panels/run_stop.html", {"panel": panel, "run": run, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def draw_make(request, pk: int):
    panel = managed_panel(request.user, pk)
    form = forms.DrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.draw_make(actor=request.user, panel=panel, seed=form.cleaned_data["seed"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The panel is drawn. The result is published below."))
            return redirect("panels:results", pk=panel.pk)
    return render(
        request,
        "panels/draw.html",
        {"panel": panel, "form": form, "run": selectors.run_chosen(panel)},
    )


def _published_run(user, pk: int):
    panel = panel_or_404(user, pk)
    run = selectors.run_chosen(panel)
    if run is None:
        raise Http404
    return panel, run


@require_http_methods(["GET"])
def results(request, pk: int):
    panel, run = _published_run(request.user, pk)
    draw = selectors.draw_get(panel)
    staff = permissions.can_see_personal_data(request.user, panel)
    rerun = None
    if request.GET.get("check") and draw is not None:
        again = sorted(int(number) for number in engine.draw_from(run, draw.seed))
        rerun = {"panel": again, "same": again == sorted(draw.drawn)}
    everyone = selectors.panel_chances(run)
    # The summary (the pool, the most likely panels) is of everyone; the table is a page of them,
    # named (for staff) a page at a time.
    listing = paginate(request, selectors.chances(run, draw), CHANCES_PAGE_SIZE)
    people = listing["page_obj"].object_list
    return render(
        request,
        "panels/results.html",
        {
            "panel": panel,
            "run": run,
            "draw": draw,
            "staff": staff,
            "rerun": rerun,
            **listing,
            "people": selectors.chances_named(panel, people) if staff else people,
            "pool_count": listing["page_obj"].paginator.count,
            "panel_count": len(everyone),
            "top_panels": everyone[:TOP_PANELS],
        },
    )


@require_http_methods(["GET"])
def results_json(request, pk: int):
    panel, run = _published_run(request.user, pk)
    document = engine.run_document(panel, run, selectors.draw_get(panel))
    response = HttpResponse(json.dumps(document, indent=1), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="panel-{panel.pk}-distribution.json"'
    return response


@require_http_methods(["GET", "POST"])
def panel_members(request, pk: int):
    panel = panel_or_404(request.user, pk)
    can_manage = permissions.can_manage(request.user, panel)
    require(can_manage or permissions.is_panel_member(request.user, panel))
    form = forms.ConfirmForm(posted(request)) if can_manage else None
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            try:
                seated = members.panel_seat(actor=request.user, panel=panel)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The panel is seated: %(count)s person is invited.",
                        "The panel is seated: %(count)s people are invited.",
                        len(seated),
                    )
                    % {"count": len(seated)},
                )
                return redirect("panels:members", pk=panel.pk)
    draw = selectors.draw_get(panel)
    seated = set(panel.members.values_list("volunteer__number", flat=True))
    no_email = (
        []
        if draw is None or not can_manage
        else list(panel.pool.filter(number__in=draw.drawn, email="").values_list("number", "name"))
    )
    return render(
        request,
        "panels/members.html",
        {
            "panel": panel,
            "members": selectors.members(panel),
            "form": form,
            "can_manage": can_manage,
            "draw": draw,
            "no_email": no_email,
            "waiting": draw is not None and len(seated) < len(draw.drawn) - len(no_email),
        },
    )
