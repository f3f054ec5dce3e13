from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "commonweal.places"
    label = "places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from commonweal.core import audit, pagecache, requestmemo
        from commonweal.places.models import Place
        from commonweal.places.selectors import PLACES_STAMP

        audit.register(Place)
        # Pages that name places (the needs summary) and the places inside and around a place
        # (selectors.py) are worked out again when one changes.
        pagecache.watch(Place, PLACES_STAMP)
        # The places inside a place, kept for the rest of a request, are asked again after a change.
        requestmemo.forget_when_changed(Place)
