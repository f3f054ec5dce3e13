"""Pages for what hangs off an agreement: its KPIs, break points and asset transfers, each added,
changed and removed by those who run it. One pattern for the three (``PARTS``)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from commonweal.agreements import services_variations as services
from commonweal.agreements.forms_agreements import AssetForm, BreakPointForm, KPIForm
from commonweal.agreements.views_agreements import managed
from commonweal.core.forms import ID_RANGE
from commonweal.core.viewtools import add_service_errors, posted


@dataclass(frozen=True)
class Part:
    related: str  # the agreement's related name
    form: type
    fields: tuple[str, ...]
    add: object
    update: object
    remove: object
    keyword: str  # the service's keyword for one row
    adding: object  # page titles
    changing: object
    removing: object


PARTS = {
    "kpis": Part(
        "kpis",
        KPIForm,
        ("title", "target"),
        services.kpi_add,
        services.kpi_update,
        services.kpi_remove,
        "kpi",
        gettext_lazy("Add a KPI"),
        gettext_lazy("Change a KPI"),
        gettext_lazy("Remove this KPI?"),
    ),
    "break-points": Part(
        "break_points",
        BreakPointForm,
        ("on", "notice_months", "note"),
        services.break_point_add,
        services.break_point_update,
        services.break_point_remove,
        "break_point",
        gettext_lazy("Add a break point"),
        gettext_lazy("Change a break point"),
        gettext_lazy("Remove this break point?"),
    ),
    "assets": Part(
        "assets",
        AssetForm,
        ("kind", "description", "value", "conditions", "transferred_on"),
        services.asset_add,
        services.asset_update,
        services.asset_remove,
        "asset",
        gettext_lazy("Record an asset transfer"),
        gettext_lazy("Change an asset transfer"),
        gettext_lazy("Remove this asset transfer?"),
    ),
}


def _part(part: str) -> Part:
    found = PARTS.get(part)
    if found is None:
        raise Http404
    return found


def _row(agreement, found: Part, row_pk: int):
    row = (
        getattr(agreement, found.related).filter(pk=row_pk).first() if row_pk in ID_RANGE else None
    )
    if row is None:
        raise Http404
    row.agreement = agreement
    return row


def _page(request, agreement, form, title, button):
    return render(
        request,
        "agreements/agreements/form.html",
        {
            "form": form,
            "caption": agreement.title,
            "title": title,
            "button": button,
            "back": agreement.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def part_add(request, pk: int, part: str):
    found = _part(part)
    agreement = managed(request.user, pk)
    form = found.form(posted(request))
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in found.fields}
        try:
            found.add(actor=request.user, agreement=agreement, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(agreement)
    return _page(request, agreement, form, found.adding, _("Save"))


@login_required
@require_http_methods(["GET", "POST"])
def part_edit(request, pk: int, part: str, row_pk: int):
    found = _part(part)
    agreement = managed(request.user, pk)
    row = _row(agreement, found, row_pk)
    form = found.form(posted(request), initial={name: getattr(row, name) for name in found.fields})
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in found.fields}
        try:
            changed = found.update(actor=request.user, **{found.keyword: row}, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if changed:
                messages.success(request, _("Saved."))
            return redirect(agreement)
    return _page(request, agreement, form, found.changing, _("Save"))


@login_required
@require_http_methods(["GET", "POST"])
def part_remove(request, pk: int, part: str, row_pk: int):
    found = _part(part)
    agreement = managed(request.user, pk)
    row = _row(agreement, found, row_pk)
    problems: list[str] = []
    if request.method == "POST":
        try:
            found.remove(actor=request.user, **{found.keyword: row})
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("Removed."))
            return redirect(agreement)
    return render(
        request,
        "agreements/agreements/remove.html",
        {"agreement": agreement, "row": row, "title": found.removing, "problems": problems},
    )
