from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    name = "commonweal.panels"
    label = "panels"
    verbose_name = _("Citizens' panels")
