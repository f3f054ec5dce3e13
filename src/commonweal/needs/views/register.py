"""The register of needs: search and filters by GET, 20 to a page, and the summary by ward and theme."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from commonweal.core import charts, pagecache
from commonweal.core.viewtools import paginate
from commonweal.needs import selectors
from commonweal.needs.apps import SUPPORTERS_STAMP
from commonweal.needs.forms import RegisterFilterForm
from commonweal.needs.models import Term

PAGE_SIZE = 20


@require_GET
def need_list(request):
    form = RegisterFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()

    def build() -> str:
        listing = paginate(request, selectors.need_search(**form.search_arguments()), PAGE_SIZE)
        # The request is for the pages' links (their query strings); the part never shows anything
        # of the person, so it is the same for everyone who sends the same query.
        return render_to_string(
            "needs/includes/register.html", {"form": form, **listing}, request=request
        )

    # The filters and a page of needs are the same for everyone who asks the same: kept until a
    # need, a theme, a place or a supporter count changes. A search by words is built each time
    # (there are as many as people type, and they would push the other pages out of the cache).
    if form.search_arguments()["q"]:
        register = mark_safe(build())  # rendered by a template, which escaped it
    else:
        register = pagecache.fragment(
            "needs-register",
            request.GET.urlencode(),
            stamps=("needs", "places", SUPPORTERS_STAMP),
            build=build,
        )
    return render(request, "needs/list.html", {"form": form, "register": register})


def _chart(rows):
    return {
        "rows": rows,
        "chart": charts.bar_chart(
            [(row.label, row.count) for row in rows], width=480, label_width=200, bar_height=28
        ),
    }


def _summary_charts() -> str:
    return render_to_string(
        "needs/includes/summary_charts.html",
        {
            "by_ward": _chart(selectors.needs_by_ward()),
            "by_theme": _chart(selectors.needs_by_theme(Term.Vocabulary.OUTCOME_AREA)),
            "by_group": _chart(selectors.needs_by_theme(Term.Vocabulary.BENEFICIARY_GROUP)),
        },
    )


@require_GET
def need_summary(request):
    # The counts are the same for everyone: kept until a need, a theme or a place changes (apps.py).
    charts = pagecache.fragment("needs-summary", stamps=("needs", "places"), build=_summary_charts)
    return render(request, "needs/summary.html", {"charts": charts})
