"""Social value frameworks: the list (each with its licence and source), one framework's measures,
and loading a council's own framework from a CSV file for a place its person is staff for."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from commonweal.competitions import services_frameworks as frameworks_service
from commonweal.competitions.forms_frameworks import FrameworkUploadForm
from commonweal.core.viewtools import add_service_errors, paginate, posted, require
from commonweal.organisations.place_staff import is_staff_anywhere, staff_places

PAGE_SIZE = 20
MEASURES_PAGE_SIZE = 50


@require_GET
def frameworks(request):
    return render(
        request,
        "competitions/frameworks/list.html",
        {
            **paginate(request, frameworks_service.frameworks_list(), PAGE_SIZE),
            "can_load": is_staff_anywhere(request.user),
        },
    )


@require_GET
def framework(request, pk: int):
    found = frameworks_service.framework_get(pk)
    if found is None:
        raise Http404
    return render(
        request,
        "competitions/frameworks/detail.html",
        {
            "framework": found,
            **paginate(request, frameworks_service.framework_measures(found), MEASURES_PAGE_SIZE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def framework_upload(request):
    require(is_staff_anywhere(request.user))
    form = FrameworkUploadForm(
        posted(request), request.FILES or None, places=staff_places(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            loaded = frameworks_service.framework_upload(
                actor=request.user,
                place=data["place"],
                data=data["file"].read(),
                name=data["name"],
                version=data["version"],
                licence=data["licence"],
                licence_url=data["licence_url"],
                source_url=data["source_url"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(name)s” is loaded for %(place)s.")
                % {"name": str(loaded), "place": data["place"].name},
            )
            return redirect("competitions:framework", pk=loaded.pk)
    return render(request, "competitions/frameworks/upload.html", {"form": form})
