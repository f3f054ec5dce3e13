"""Places: the list of every place, and one place with the organisations serving it."""

from django.http import Http404
from django.shortcuts import render

from commonweal.core import audit
from commonweal.organisations import history
from commonweal.organisations.selectors import organisations_serving
from commonweal.places import selectors


def place_list(request):
    return render(request, "places/list.html", {"tree": selectors.place_tree()})


def taking_part(place) -> dict:
    """How people take part in this place: its needs and its outcomes frameworks."""
    from commonweal.needs.models import Need

    needs = Need.objects.filter(place_id__in=selectors.place_with_descendant_ids(place)).exclude(
        status=Need.Status.MERGED
    )
    return {"need_count": needs.count(), "frameworks": list(place.frameworks.order_by("name"))}


def place_detail(request, slug: str):
    place = selectors.place_get(slug)
    if place is None:
        raise Http404
    serving = list(organisations_serving(place))
    context = {
        "place": place,
        "ancestors": place.ancestors(),
        "children": selectors.place_children(place),
        "public_bodies": [org for org in serving if org.is_public_body],
        "providers": [org for org in serving if not org.is_public_body],
        "history": None,
        **taking_part(place),
    }
    if request.user.is_authenticated and request.user.is_staff:
        context["history"] = list(reversed(history.readable(audit.history_for(place))))
    return render(request, "places/detail.html", context)
