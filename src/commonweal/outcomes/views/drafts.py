"""Making and editing a draft version: start one, edit its areas, outcomes and indicators, import, publish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commonweal.core import uploads
from commonweal.outcomes import exchange, permissions, selectors, services
from commonweal.outcomes.forms import (
    AreaForm,
    ChangeNoteForm,
    ImportForm,
    IndicatorForm,
    OutcomeForm,
)
from commonweal.outcomes.models import Indicator
from commonweal.outcomes.views._common import (
    add_service_errors,
    framework_or_404,
    managed_draft,
    posted,
    require,
)


def _version_url(version) -> str:
    from django.urls import reverse

    return reverse(
        "outcomes:version", kwargs={"slug": version.framework.slug, "number": version.number}
    )


@login_required
def version_new(request, slug: str):
    framework = framework_or_404(slug)
    require(permissions.can_manage(request.user, framework))
    draft = selectors.current_draft(framework)
    form = ChangeNoteForm(posted(request) if draft is None else None)
    if form.is_bound and form.is_valid():
        try:
            version = services.framework_version_create(
                framework=framework,
                actor=request.user,
                change_note=form.cleaned_data["change_note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(number)s has been started as a draft") % {"number": version.number},
            )
            return redirect(_version_url(version))
    return render(
        request,
        "outcomes/version_new.html",
        {
            "framework": framework,
            "form": form,
            "draft": draft,
            "latest": selectors.latest_version(framework),
        },
    )


@login_required
def version_publish(request, slug: str, number: int):
    framework, version = managed_draft(request, slug, number)
    form = ChangeNoteForm(posted(request), initial={"change_note": version.change_note})
    if request.method == "POST" and form.is_valid():
        try:
            services.framework_version_publish(
                version=version, actor=request.user, change_note=form.cleaned_data["change_note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Version %(number)s has been published") % {"number": version.number}
            )
            return redirect(framework)
    return render(
        request,
        "outcomes/version_publish.html",
        {"framework": framework, "version": version, "form": form},
    )


def _read_upload(file) -> dict:
    """The checked content of an uploaded CSV or JSON file."""
    is_json = (file.name or "").lower().endswith(".json")
    try:
        uploads.check_upload(file, allowed=frozenset({uploads.CSV, uploads.TEXT, uploads.JSON}))
    except ValidationError as error:
        raise ValidationError(
            {
                "file": _("The file must be a CSV or JSON file saved as UTF-8")
                if error.code == "wrong_type"
                else error.messages
            }
        ) from None
    file.seek(0)
    data = file.read()
    return exchange.read_json(data) if is_json else exchange.read_csv(data)


@login_required
def version_import(request, slug: str):
    framework = framework_or_404(slug)
    require(permissions.can_manage(request.user, framework))
    draft = selectors.current_draft(framework)
    if draft is not None and not draft.areas.exists():
        draft = None  # an empty draft (a framework just started) is filled by the import
    form = ImportForm(
        *((posted(request), request.FILES) if draft is None and request.method == "POST" else ())
    )
    problems = []
    if form.is_bound and form.is_valid():
        try:
            content = _read_upload(form.cleaned_data["file"])
            version = services.framework_version_import(
                framework=framework,
                actor=request.user,
                content=content,
                change_note=form.cleaned_data["change_note"],
            )
        except exchange.ImportProblems as error:
            problems = error.problems
            form.add_error(
                "file",
                _(
                    "The file has %(count)s problems. Nothing was saved. Fix them and upload it again."
                )
                % {"count": len(problems)}
                if len(problems) > 1
                else _("The file has a problem. Nothing was saved. Fix it and upload it again."),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(number)s has been imported as a draft") % {"number": version.number},
            )
            return redirect(_version_url(version))
    return render(
        request,
        "outcomes/version_import.html",
        {
            "framework": framework,
            "form": form,
            "draft": draft,
            "problems": problems,
        },
    )


@login_required
def area_edit(request, slug: str, number: int, area_id: int | None = None):
    framework, version = managed_draft(request, slug, number)
    area = None
    if area_id is not None:
        area = version.areas.filter(pk=area_id).first()
        if area is None:
            raise Http404
    initial = {"code": area.code, "name": area.name} if area else {}
    form = AreaForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_area_save(
                version=version, actor=request.user, area=area, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Outcome area %(code)s has been saved") % {"code": form.cleaned_data["code"]},
            )
            return redirect(_version_url(version))
    return render(
        request,
        "outcomes/area_form.html",
        {"framework": framework, "version": version, "form": form, "area": area},
    )


@login_required
def outcome_edit(request, slug: str, number: int, outcome_id: int | None = None):
    framework, version = managed_draft(request, slug, number)
    outcome = None
    if outcome_id is not None:
        outcome = version.outcomes.filter(pk=outcome_id).first()
        if outcome is None:
            raise Http404
    initial = (
        {
            "area": outcome.area_id,
            "code": outcome.code,
            "title": outcome.title,
            "description": outcome.description,
        }
        if outcome
        else {"area": request.GET.get("area")}
    )
    form = OutcomeForm(posted(request), initial=initial, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_save(
                version=version, actor=request.user, outcome=outcome, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Outcome %(code)s has been saved") % {"code": form.cleaned_data["code"]}
            )
            return redirect(_version_url(version))
    return render(
        request,
        "outcomes/outcome_form.html",
        {
            "framework": framework,
            "version": version,
            "form": form,
            "outcome": outcome,
            "has_areas": version.areas.exists(),
        },
    )


@login_required
def indicator_edit(
    request, slug: str, number: int, outcome_id: int, indicator_id: int | None = None
):
    framework, version = managed_draft(request, slug, number)
    outcome = version.outcomes.filter(pk=outcome_id).first()
    if outcome is None:
        raise Http404
    indicator = None
    if indicator_id is not None:
        indicator = outcome.indicators.filter(pk=indicator_id).first()
        if indicator is None:
            raise Http404
    initial = (
        {name: getattr(indicator, name) for name in selectors.INDICATOR_VALUE_FIELDS}
        if indicator
        else {}
    )
    form = IndicatorForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_save(
                outcome=outcome, actor=request.user, indicator=indicator, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Indicator %(code)s has been saved") % {"code": form.cleaned_data["code"]},
            )
            return redirect(_version_url(version))
    return render(
        request,
        "outcomes/indicator_form.html",
        {
            "framework": framework,
            "version": version,
            "form": form,
            "outcome": outcome,
            "indicator": indicator,
        },
    )


_REMOVABLE = {
    "area": (
        lambda version, pk: version.areas.filter(pk=pk).first(),
        services.outcome_area_remove,
        "area",
    ),
    "outcome": (
        lambda version, pk: version.outcomes.filter(pk=pk).first(),
        services.outcome_remove,
        "outcome",
    ),
    "indicator": (
        lambda version, pk: Indicator.objects.filter(outcome__version=version, pk=pk).first(),
        services.indicator_remove,
        "indicator",
    ),
}


@login_required
def item_remove(request, slug: str, number: int, kind: str, item_id: int):
    framework, version = managed_draft(request, slug, number)
    find, remove, argument = _REMOVABLE[kind]
    item = find(version, item_id)
    if item is None:
        raise Http404
    if request.method == "POST":
        remove(actor=request.user, **{argument: item})
        messages.success(request, _("%(code)s has been removed") % {"code": item.code})
        return redirect(_version_url(version))
    return render(
        request,
        "outcomes/item_remove.html",
        {
            "framework": framework,
            "version": version,
            "item": item,
            "kind": kind,
        },
    )
