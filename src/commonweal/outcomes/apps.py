from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "commonweal.outcomes"
    label = "outcomes"
    verbose_name = _("Common outcomes frameworks")

    def ready(self) -> None:
        from commonweal.core import audit
        from commonweal.outcomes import models

        for model in (
            models.Framework,
            models.FrameworkVersion,
            models.OutcomeArea,
            models.Outcome,
            models.Indicator,
            models.Endorsement,
        ):
            audit.register(model)
