"""Citizens' panel pages: the list, a panel, setting it up, features and quotas, and the pool.

Selection, the draw, results and members are in ``views_selection.py``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.core import policy
from commonweal.core.uploads import CSV, TEXT, check_upload
from commonweal.core.viewtools import add_service_errors, paginate, posted, require
from commonweal.needs.choosers import NeedChooser, choose_needs
from commonweal.needs.selectors import needs_in
from commonweal.organisations import place_staff
from commonweal.outcomes.models import Framework
from commonweal.panels import forms, imports, permissions, pool_imports, quotas, selectors, services
from commonweal.panels.models import Panel

PAGE_SIZE = 25
POOL_PAGE_SIZE = 50  # a national assembly's pool is thousands of people


def panel_or_404(user, pk: int) -> Panel:
    panel = selectors.panel_get(pk)
    if panel is None:
        raise Http404
    require(permissions.can_view(user, panel))
    return panel


def managed_panel(user, pk: int) -> Panel:
    panel = panel_or_404(user, pk)
    require(permissions.can_manage(user, panel))
    return panel


def panel_list(request):
    return render(
        request,
        "panels/list.html",
        {
            **paginate(request, selectors.panel_list(request.user), PAGE_SIZE),
            "can_create": permissions.can_create(request.user),
            "my_panels": selectors.panels_for_member(request.user),
        },
    )


@login_required
def panels_mine(request):
    return render(
        request, "panels/mine.html", {"panels": selectors.panels_for_member(request.user)}
    )


def panel_detail(request, pk: int):
    panel = panel_or_404(request.user, pk)
    run = selectors.run_latest(panel)
    # The page says whether there is a lottery and a draw: it reads neither the lottery itself
    # (every panel and chance, which grow with the pool) nor the draw twice.
    draw = selectors.draw_summary(panel)
    can_manage = permissions.can_manage(request.user, panel)
    return render(
        request,
        "panels/panel.html",
        {
            "panel": panel,
            "features": selectors.features(panel),
            "run": run,
            "chosen_run": selectors.run_chosen_summary(panel, draw),
            "draw": draw,
            "pool_count": panel.pool.count(),
            "members_count": panel.members.count(),
            "can_manage": can_manage,
            "is_member": permissions.is_panel_member(request.user, panel),
            "needs": panel.needs.select_related("place").order_by("title"),
            "refresh": run is not None and run.status in ("queued", "running"),
            "active_import": selectors.pool_import_active(panel) if can_manage else None,
        },
    )


def _panel_form(request, *, panel: Panel | None = None) -> tuple[forms.PanelForm, NeedChooser]:
    """The panel's form and its chooser of needs (a page of the thousands open, those chosen kept)."""
    places = place_staff.staff_places(request.user)
    initial = {}
    held: list[int] = []
    if panel is not None:
        held = list(panel.needs.values_list("pk", flat=True))
        initial = {
            "place": panel.place,
            "title": panel.title,
            "description": panel.description,
            "needs": held,
            "framework": panel.framework,
            "size": panel.size,
            "one_per_household": panel.one_per_household,
        }
    form = forms.PanelForm(
        posted(request),
        initial=initial,
        places=places,
        needs=needs_in(open_only=True),
        held_needs=held,
        frameworks=Framework.objects.order_by("name"),
    )
    if panel is not None:
        form.fields["place"].disabled = True
        form.fields["place"].queryset = places.model.objects.filter(pk=panel.place_id)
    return form, choose_needs(request, form)


@login_required
@require_http_methods(["GET", "POST"])
def panel_create(request):
    require(permissions.can_create(request.user))
    form, chooser = _panel_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            panel = services.panel_create(
                actor=request.user,
                place=data["place"],
                title=data["title"],
                description=data["description"],
                size=data["size"],
                one_per_household=data["one_per_household"],
                needs=data["needs"],
                framework=data["framework"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The panel is set up as a draft. Next, add the features that matter.")
            )
            return redirect("panels:features", pk=panel.pk)
    return render(request, "panels/form.html", {"form": form, "chooser": chooser, "panel": None})


@login_required
@require_http_methods(["GET", "POST"])
def panel_edit(request, pk: int):
    panel = managed_panel(request.user, pk)
    form, chooser = _panel_form(request, panel=panel)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.panel_update(
                actor=request.user,
                panel=panel,
                title=data["title"],
                description=data["description"],
                size=data["size"],
                one_per_household=data["one_per_household"],
                needs=data["needs"],
                framework=data["framework"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The panel is changed."))
            return redirect(panel)
    return render(request, "panels/form.html", {"form": form, "chooser": chooser, "panel": panel})


@login_required
@require_http_methods(["GET", "POST"])
def panel_features(request, pk: int):
    panel = managed_panel(request.user, pk)
    default = quotas.DEFAULT_FEATURES.get(request.GET.get("default", ""))
    initial = {}
    if default is not None:
        name, categories = default
        if request.GET["default"] == "ward":
            categories = list(panel.place.children.order_by("name").values_list("name", flat=True))
        initial = {"name": str(name), "categories": "\n".join(categories)}
    form = forms.FeatureForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            feature = services.feature_add(
                actor=request.user,
                panel=panel,
                name=form.cleaned_data["name"],
                categories=form.category_names(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(feature)s is added. Set its quotas next.") % {"feature": feature.name}
            )
            return redirect("panels:quotas", pk=panel.pk, feature_pk=feature.pk)
    return render(
        request,
        "panels/features.html",
        {
            "panel": panel,
            "features": selectors.features(panel),
            "form": form,
            "defaults": [
                (key, name)
                for key, (name, _c) in quotas.DEFAULT_FEATURES.items()
                if not panel.features.filter(name__iexact=str(name)).exists()
            ],
            "has_pool": panel.pool.exists(),
        },
    )


def _feature_or_404(panel: Panel, feature_pk: int):
    feature = panel.features.filter(pk=feature_pk).first()
    if feature is None:
        raise Http404
    return feature


@login_required
@require_http_methods(["GET", "POST"])
def feature_remove(request, pk: int, feature_pk: int):
    panel = managed_panel(request.user, pk)
    feature = _feature_or_404(panel, feature_pk)
    form = forms.ConfirmForm(posted(request))
    form.fields["confirm"].label = _("Remove %(feature)s and its quotas") % {
        "feature": feature.name
    }
    form.fields["confirm"].error_messages["required"] = _("Confirm you want to remove the feature")
    if request.method == "POST" and form.is_valid():
        try:
            services.feature_remove(actor=request.user, feature=feature)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The feature is removed."))
            return redirect("panels:features", pk=panel.pk)
    return render(
        request, "panels/feature_remove.html", {"panel": panel, "feature": feature, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def feature_quotas(request, pk: int, feature_pk: int):
    panel = managed_panel(request.user, pk)
    feature = _feature_or_404(panel, feature_pk)
    which = request.POST.get("form") if request.method == "POST" else None
    form = forms.QuotasForm(request.POST if which == "quotas" else None, feature=feature)
    shares_form = forms.SharesForm(request.POST if which == "shares" else None, feature=feature)
    if which == "quotas" and form.is_valid():
        chosen = form.quotas()
        shown = form
    elif which == "shares" and shares_form.is_valid():
        chosen = quotas.quotas_from_shares(
            panel.size, shares_form.shares(), shares_form.cleaned_data["margin"] or 0
        )
        shown = shares_form
    else:
        chosen = shown = None
    if chosen is not None:
        try:
            services.quotas_set(actor=request.user, feature=feature, quotas=chosen)
        except ValidationError as error:
            add_service_errors(shown, error)
        else:
            messages.success(
                request, _("The quotas for %(feature)s are saved.") % {"feature": feature.name}
            )
            return redirect("panels:features", pk=panel.pk)
    return render(
        request,
        "panels/quotas.html",
        {"panel": panel, "feature": feature, "form": form, "shares_form": shares_form},
    )


@login_required
@require_http_methods(["GET"])
def pool_list(request, pk: int):
    panel = managed_panel(request.user, pk)
    features = list(selectors.features(panel))
    page = paginate(request, selectors.pool(panel), POOL_PAGE_SIZE)
    page["page_obj"].object_list = list(page["page_obj"].object_list)
    for person in page["page_obj"].object_list:
        # Each person's answer to each feature, in the columns' order (once, not a scan per cell).
        person.feature_values = [person.values.get(feature.name, "") for feature in features]
    return render(
        request,
        "panels/pool.html",
        {
            "panel": panel,
            "features": features,
            **page,
            "pool_imports": selectors.pool_imports(panel),
        },
    )


@login_required
@require_http_methods(["GET"])
def pool_template(request, pk: int):
    panel = managed_panel(request.user, pk)
    response = HttpResponse(imports.template_csv(panel), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="panel-{panel.pk}-pool-template.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def pool_import(request, pk: int):
    """Upload a pool file: checked for kind and size at once, then read in the background."""
    panel = managed_panel(request.user, pk)
    form = forms.PoolFileForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            try:
                check_upload(upload, allowed=frozenset({CSV, TEXT}))
            except ValidationError as error:
                if error.code != "wrong_type":
                    raise
                raise ValidationError(
                    _(
                        "The file must be a CSV file. Save it from your spreadsheet as CSV UTF-8 "
                        "and upload it again"
                    )
                ) from None
            started = pool_imports.pool_import_start(
                actor=request.user, panel=panel, file_name=upload.name, data=upload.read()
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return redirect(started)
    return render(
        request,
        "panels/pool_import.html",
        {
            "panel": panel,
            "form": form,
            "features": selectors.features(panel),
            "active_import": selectors.pool_import_active(panel),
            "most_people": policy.in_force(
                policy.PANEL_POOL_MAX_PEOPLE, timezone.localdate()
            ).value,
        },
    )
