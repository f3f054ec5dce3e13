from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "commonweal.needs"
    label = "needs"
    verbose_name = _("Needs register")

    def ready(self) -> None:
        from commonweal.core import audit
        from commonweal.needs import models

        for model in (
            models.Term,
            models.Need,
            models.Evidence,
            models.Support,
            models.Comment,
            models.StatusChange,
        ):
            audit.register(model)
