"""Evidence on a need: adding a figure, a story or a document, downloading documents, removing."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from commonweal.core import uploads
from commonweal.needs import permissions, selectors, services
from commonweal.needs.forms import EVIDENCE_FORMS
from commonweal.needs.models import Evidence
from commonweal.needs.views._common import add_service_errors, need_or_404, posted, require


def _evidence_or_404(need, evidence_id: int) -> Evidence:
    evidence = selectors.need_evidence_get(need, evidence_id)
    if evidence is None:
        raise Http404
    return evidence


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request, pk: int, kind: str):
    need = need_or_404(pk)
    if kind not in EVIDENCE_FORMS:
        raise Http404
    require(permissions.can_add_evidence(request.user, need))
    form_class = EVIDENCE_FORMS[kind]
    form = form_class(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            evidence = services.evidence_add(
                need=need, actor=request.user, kind=kind, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(title)s has been added") % {"title": evidence.title})
            return redirect(f"{need.get_absolute_url()}#evidence")
    return render(
        request,
        "needs/evidence_add.html",
        {
            "need": need,
            "form": form,
            "kind": kind,
            "kind_label": Evidence.Kind(kind).label,
        },
    )


@require_GET
def evidence_download(request, pk: int, evidence_id: int):
    need = need_or_404(pk)
    evidence = _evidence_or_404(need, evidence_id)
    if evidence.kind != Evidence.Kind.DOCUMENT or not evidence.file:
        raise Http404
    require(permissions.can_view_evidence(request.user, evidence))
    try:
        stored = evidence.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    filename = (slugify(evidence.title) or "evidence") + uploads.extension_for(
        evidence.content_type
    )
    response = FileResponse(
        stored, as_attachment=True, filename=filename, content_type=evidence.content_type
    )
    patch_cache_control(response, private=True)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def evidence_remove(request, pk: int, evidence_id: int):
    need = need_or_404(pk)
    evidence = _evidence_or_404(need, evidence_id)
    require(permissions.can_remove_evidence(request.user, evidence))
    form = forms.Form(posted(request))
    if request.method == "POST":
        title = evidence.title
        services.evidence_remove(evidence=evidence, actor=request.user)
        messages.success(request, _("%(title)s has been removed") % {"title": title})
        return redirect(f"{need.get_absolute_url()}#evidence")
    return render(
        request, "needs/evidence_remove.html", {"need": need, "evidence": evidence, "form": form}
    )
