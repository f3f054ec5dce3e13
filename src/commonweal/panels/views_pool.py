"""Citizens' panel pages for a pool import: its progress and outcome, stopping one that is stuck, trying again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.core.viewtools import add_service_errors, posted
from commonweal.panels import forms, pool_imports, selectors
from commonweal.panels.views import managed_panel


def _import_or_404(user, pk: int, import_pk: int):
    panel = managed_panel(user, pk)  # the report names people in the pool: staff for the panel only
    pool_import = selectors.pool_import_get(panel, import_pk)
    if pool_import is None:
        raise Http404
    return panel, pool_import


@login_required
@require_http_methods(["GET"])
def pool_import_detail(request, pk: int, import_pk: int):
    panel, pool_import = _import_or_404(request.user, pk, import_pk)
    return render(
        request,
        "panels/pool_import_detail.html",
        {
            "panel": panel,
            "pool_import": pool_import,
            "can_retry": pool_import.status == pool_import.Status.FAILED
            and panel.can_change_setup  # the service refuses a new pool once drawn
            and selectors.pool_import_keeps_file(pool_import),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pool_import_stop(request, pk: int, import_pk: int):
    panel, pool_import = _import_or_404(request.user, pk, import_pk)
    if not pool_import.is_active:
        messages.info(request, _("This import has already ended, so there is nothing to stop."))
        return redirect(pool_import)
    form = forms.ImportStopForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            pool_imports.pool_import_stop(
                actor=request.user, pool_import=pool_import, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The import is stopped. The pool is as it was."))
            return redirect(pool_import)
    return render(
        request,
        "panels/pool_import_stop.html",
        {"panel": panel, "pool_import": pool_import, "form": form},
    )


@login_required
@require_http_methods(["POST"])
def pool_import_retry(request, pk: int, import_pk: int):
    _panel, pool_import = _import_or_404(request.user, pk, import_pk)
    try:
        again = pool_imports.pool_import_retry(actor=request.user, pool_import=pool_import)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(pool_import)
    return redirect(again)
