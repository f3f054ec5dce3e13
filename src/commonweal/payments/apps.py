from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "commonweal.payments"
    label = "payments"
    verbose_name = _("Paying on time")

    def ready(self) -> None:
        from commonweal.core import audit
        from commonweal.payments import models

        for model in (models.ScheduledPayment, models.Invoice):
            audit.register(model)

        from commonweal.competitions import threesixty
        from commonweal.payments import threesixty_grants

        # Grants' disbursements, and grant agreements entered here, in the 360Giving package.
        threesixty.register("payments", threesixty_grants.EXTENSION)
