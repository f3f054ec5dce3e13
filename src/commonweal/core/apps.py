from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "commonweal.core"
    label = "core"
    verbose_name = _("Core: audit trail and shared pages")

    def ready(self) -> None:
        from commonweal.core import audit

        audit.connect_signals()
