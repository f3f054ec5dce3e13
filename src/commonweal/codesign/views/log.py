"""You said, we did: what people raised in a place, and what became of it."""

from django.http import Http404
from django.shortcuts import render

from commonweal.codesign import selectors
from commonweal.codesign.forms import LogFilterForm
from commonweal.core.viewtools import paginate
from commonweal.places.selectors import place_get

PAGE_SIZE = 20


def you_said_we_did(request, place_slug: str):
    place = place_get(place_slug)
    if place is None:
        raise Http404
    form = LogFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_bound and form.is_valid() else ""
    listing = paginate(request, selectors.you_said_we_did(place, status=status), PAGE_SIZE)
    return render(
        request,
        "codesign/you_said_we_did.html",
        {
            "place": place,
            "form": form,
            "status": status,
            "entries": selectors.you_said_we_did_entries(listing["page_obj"].object_list),
            **listing,
        },
    )
