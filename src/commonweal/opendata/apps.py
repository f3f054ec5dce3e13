"""Open data: OCDS releases every stage of the cycle publishes, checked against the schema,
and compiled records (ocdsmerge), served by the API and written by `commonweal export ocds`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "commonweal.opendata"
    label = "opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        from commonweal.core import audit
        from commonweal.opendata.models import Release

        audit.register(Release)
