from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodesignConfig(AppConfig):
    name = "commonweal.codesign"
    label = "codesign"
    verbose_name = _("Co-design")

    def ready(self) -> None:
        from commonweal.codesign import models
        from commonweal.core import audit

        for model in (models.Session, models.Participant, models.Decision):
            audit.register(model)
