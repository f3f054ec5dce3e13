"""An organisation's documents: adding, downloading through a permission check, and removing."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from commonweal.core import uploads
from commonweal.organisations import permissions, selectors, services
from commonweal.organisations.forms import DocumentForm
from commonweal.organisations.views._common import (
    add_service_errors,
    organisation_or_404,
    posted,
    require,
)


def _document_or_404(organisation, document_id: int):
    document = selectors.organisation_document_get(organisation, document_id)
    if document is None:
        raise Http404
    return document


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request, slug: str):
    organisation = organisation_or_404(slug)
    require(permissions.can_edit(request.user, organisation))
    form = DocumentForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.organisation_document_add(
                organisation=organisation, actor=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(title)s has been added") % {"title": document.title})
            return redirect(f"{organisation.get_absolute_url()}#documents")
    return render(
        request, "organisations/document_add.html", {"organisation": organisation, "form": form}
    )


@require_GET
def document_download(request, slug: str, document_id: int):
    organisation = organisation_or_404(slug)
    document = _document_or_404(organisation, document_id)
    if not document.is_public:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require(permissions.can_view_private(request.user, organisation))
    try:
        stored = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    filename = (slugify(document.title) or "document") + uploads.extension_for(
        document.content_type
    )
    response = FileResponse(
        stored, as_attachment=True, filename=filename, content_type=document.content_type
    )
    if not document.is_public:
        patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document_remove(request, slug: str, document_id: int):
    organisation = organisation_or_404(slug)
    require(permissions.can_edit(request.user, organisation))
    document = _document_or_404(organisation, document_id)
    form = forms.Form(posted(request))
    if request.method == "POST":
        title = document.title
        services.organisation_document_remove(document=document, actor=request.user)
        messages.success(request, _("%(title)s has been removed") % {"title": title})
        return redirect(f"{organisation.get_absolute_url()}#documents")
    return render(
        request,
        "organisations/document_remove.html",
        {
            "organisation": organisation,
            "document": document,
            "form": form,
        },
    )
