"""The organisation directory: search and filters by GET, 25 to a page."""

from django.shortcuts import render

from commonweal.core.viewtools import paginate
from commonweal.organisations import selectors
from commonweal.organisations.forms import DirectoryFilterForm

PAGE_SIZE = 25


def organisation_list(request):
    form = DirectoryFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    listing = paginate(request, selectors.organisation_search(**form.search_arguments()), PAGE_SIZE)
    return render(
        request,
        "organisations/list.html",
        {
            "form": form,
            **listing,
        },
    )
