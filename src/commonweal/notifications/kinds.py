"""The one kind of record notifications registers itself: a place, for people who follow a whole place."""

from django.utils.translation import gettext_lazy as _

from commonweal.notifications import registry


def _places(ids: list[int]) -> dict:
    from commonweal.places.models import Place

    return Place.objects.in_bulk(ids)


def register_places() -> None:
    registry.register(
        "place",
        registry.Kind(
            label=_("place"),
            records=_places,
            can_follow=lambda user, place: True,  # every place is public
            place_id=lambda place: place.pk,
        ),
    )
