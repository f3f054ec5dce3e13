"""The organisation directory: search and filters by GET, 25 to a page."""

from django.core.paginator import Paginator
from django.shortcuts import render

from commonweal.organisations import selectors
from commonweal.organisations.forms import DirectoryFilterForm

PAGE_SIZE = 25


def organisation_list(request):
    form = DirectoryFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    paginator = Paginator(selectors.organisation_search(**form.search_arguments()), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/list.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
            "ellipsis": Paginator.ELLIPSIS,
        },
    )
