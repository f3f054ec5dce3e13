"""Pages that gather from every app: the home page, the signed-in dashboard and a place's page.

They live at the top of the layers so that no lower app has to know the apps above it
(core, places and organisations know nothing of needs, rounds or sessions).
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from commonweal.core import audit, pagecache
from commonweal.home import selectors, tasks
from commonweal.home.tasks_competitions import competition_tasks
from commonweal.organisations import history
from commonweal.organisations.models import Organisation
from commonweal.organisations.selectors import organisations_serving
from commonweal.places import selectors as place_selectors

SERVING_SHOWN = 25


def home(request):
    return render(request, "home/home.html", selectors.home_summary())


def take_part(request):
    """Everything open now and coming soon, everywhere or in one place (``?place=<slug>``, with the
    places it is part of and those inside it)."""
    slug = request.GET.get("place", "").strip()
    place = place_selectors.place_get(slug) if slug else None
    if slug and place is None:
        raise Http404
    return render(
        request,
        "home/take_part.html",
        {
            "place": place,
            "take_part": selectors.take_part(place),
            "authorities": [] if place else selectors.local_authorities(),
        },
    )


@login_required
def dashboard(request):
    return render(
        request,
        "home/dashboard.html",
        {
            "sections": selectors.dashboard_sections(request.user),
            "tasks": tasks.staff_tasks(request.user) + competition_tasks(request.user),
            "activity": tasks.activity(request.user),
            "panel_workspaces": tasks.panel_workspaces(request.user),
        },
    )


def place_detail(request, slug: str):
    """One place: its facts, the places around it, who serves it and how to take part there."""
    place = place_selectors.place_get(slug)
    if place is None:
        raise Http404
    children = place_selectors.place_children(place)
    context = {
        "place": place,
        "ancestors": place.ancestors(),
        "children": children,
        # The same for everyone: kept until an organisation or a place changes (and each day, as
        # an organisation's size and status are worked out for the day).
        "serving": pagecache.fragment(
            "place-serving",
            place.pk,
            timezone.localdate(),
            stamps=("organisations", "places"),
            build=lambda: _serving(place, bool(children)),
        ),
        "history": None,
        **selectors.taking_part(place),
        "open_here": selectors.take_part(place, shown=5),
    }
    if request.user.is_authenticated and request.user.is_staff:
        context.update(history.readable_page(request, audit.history_for(place).order_by("-id")))
    return render(request, "home/place.html", context)


def _serving(place, has_children: bool) -> str:
    serving = organisations_serving(place)
    public = Q(legal_form=Organisation.LegalForm.PUBLIC_BODY)
    # A city has thousands of providers: the first of each kind, and how many there are in all
    # (the directory, filtered by the place, lists them all a page at a time).
    public_bodies, providers = serving.filter(public), serving.exclude(public)
    return render_to_string(
        "home/includes/place_serving.html",
        {
            "place": place,
            "children": has_children,
            "public_bodies": list(public_bodies[:SERVING_SHOWN]),
            "public_body_count": public_bodies.count(),
            "providers": list(providers[:SERVING_SHOWN]),
            "provider_count": providers.count(),
        },
    )
