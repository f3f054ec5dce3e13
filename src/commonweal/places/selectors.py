"""Reads about places: the tree of places and the places inside a place."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from commonweal.core import pagecache
from commonweal.core.requestmemo import remember
from commonweal.places.models import Place


@dataclass
class PlaceNode:
    place: Place
    children: list["PlaceNode"] = field(default_factory=list)


def place_tree() -> list[PlaceNode]:
    """Every place, nested under the place it is part of: countries, then local authorities, then wards."""
    places = list(Place.objects.order_by("name"))
    nodes = {place.pk: PlaceNode(place) for place in places}
    roots = []
    for place in places:
        parent = nodes.get(place.parent_id)
        (parent.children if parent is not None else roots).append(nodes[place.pk])
    kind_order = {kind: index for index, kind in enumerate(Place.Kind.values)}
    roots.sort(key=lambda node: (kind_order.get(node.place.kind, 99), node.place.name))
    return roots


def place_with_descendant_ids(place: Place) -> list[int]:
    """The place's id first, then the ids of every place inside it, at any depth (worked out once a
    request: a page asks it for its lists, its form and its checks)."""

    def ask() -> tuple[int, ...]:
        return (place.pk, *sorted(places_and_inside_ids([place.pk]) - {place.pk}))

    return list(remember(("place_with_descendant_ids", place.pk), ask))


# The pages cache's stamp for places: any place saved or deleted bumps it (apps.py).
PLACES_STAMP = "places"


def places_and_inside_ids(place_ids) -> set[int]:
    """These places' ids and the ids of every place inside any of them, at any depth. Kept in the
    pages cache until a place changes (one query for the stamp), else one query a level: every
    page for a council's staff asks it of the places their body is verified for."""
    return _kept_walk(place_ids, down=True)


def places_and_around_ids(place_ids) -> set[int]:
    """These places' ids and the ids of every place they are part of, up to the country, kept as
    ``places_and_inside_ids`` keeps its answer."""
    return _kept_walk(place_ids, down=False)


def _kept_walk(place_ids, *, down: bool) -> set[int]:
    ids = frozenset(place_ids)
    if not ids:
        return set()
    name = "places-inside" if down else "places-around"
    return set(
        pagecache.cached(
            name,
            *sorted(ids),
            stamps=(PLACES_STAMP,),
            build=lambda: frozenset(_walk(ids, down=down)),
        )
    )


def _walk(place_ids: frozenset[int], *, down: bool) -> set[int]:
    """The places and those inside them (``down``) or around them, one query a level."""
    ids = set(place_ids)
    frontier = set(ids)
    while frontier:
        if down:
            level = Place.objects.filter(parent_id__in=frontier).order_by().values_list("pk")
        else:
            level = Place.objects.filter(pk__in=frontier, parent__isnull=False).values_list(
                "parent_id"
            )
        found = {pk for (pk,) in level} - ids
        ids |= found
        frontier = found
    return ids


def place_children(place: Place):
    """The wards and neighbourhoods (or local authorities) directly inside a place."""
    return place.children.order_by("name")


def place_get(slug: str) -> Place | None:
    return Place.objects.select_related("parent", "parent__parent").filter(slug=slug).first()


def place_list(*, kind: str = "", parent: Place | None = None) -> QuerySet[Place]:
    """Places, by name, optionally of one kind or directly inside one place (the API's list)."""
    places = Place.objects.select_related("parent").order_by("name", "pk")
    if kind:
        places = places.filter(kind=kind)
    if parent is not None:
        places = places.filter(parent=parent)
    return places
