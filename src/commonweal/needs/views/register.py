"""The register of needs: search and filters by GET, 20 to a page, and the summary by ward and theme."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from commonweal.core import charts, pagecache
from commonweal.core.viewtools import paginate
from commonweal.needs import selectors
from commonweal.needs.forms import RegisterFilterForm
from commonweal.needs.models import Term

PAGE_SIZE = 20


@require_GET
def need_list(request):
    form = RegisterFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    listing = paginate(request, selectors.need_search(**form.search_arguments()), PAGE_SIZE)
    return render(
        request,
        "needs/list.html",
        {
            "form": form,
            **listing,
        },
    )


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
