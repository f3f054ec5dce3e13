from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "commonweal.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        # Registers the API token scheme with drf-spectacular.
        from commonweal.api import schema  # noqa: F401
