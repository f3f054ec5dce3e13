from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "commonweal.agreements"
    label = "agreements"
    verbose_name = _("Long-term agreements")

    def ready(self) -> None:
        from commonweal.agreements import models
        from commonweal.core import audit

        for model in (
            models.Agreement,
            models.Member,
            models.KPI,
            models.BreakPoint,
            models.Variation,
            models.AssetTransfer,
            models.Decision,
            models.Risk,
            models.PainGainYear,
        ):
            audit.register(model)
