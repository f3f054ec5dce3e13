"""You said, we did: what people raised in a place, and what became of it."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from commonweal.codesign import selectors
from commonweal.codesign.forms import LogFilterForm
from commonweal.places.selectors import place_get

PAGE_SIZE = 20


def you_said_we_did(request, place_slug: str):
    place = place_get(place_slug)
    if place is None:
        raise Http404
    form = LogFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_bound and form.is_valid() else ""
    paginator = Paginator(selectors.you_said_we_did(place, status=status), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "codesign/you_said_we_did.html",
        {
            "place": place,
            "form": form,
            "status": status,
            "entries": selectors.you_said_we_did_entries(page.object_list),
            "page_obj": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
            "ellipsis": Paginator.ELLIPSIS,
        },
    )
