from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The top layer's pages: the home page, the dashboard and a place's page gather from every app."""

    name = "commonweal.home"
    label = "home"
    verbose_name = _("Home, dashboard and place pages")
