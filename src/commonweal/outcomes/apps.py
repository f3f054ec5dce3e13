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

        from commonweal.needs import links
        from commonweal.outcomes.selectors import need_outcomes

        # Links are copied to each new version of a framework: a need's page shows those in the
        # latest published one.
        links.register(
            "outcomes",
            links.LinkKind(
                heading=_("Outcomes that address it"),
                items=need_outcomes,
                template="outcomes/includes/need_link.html",
                position=10,
            ),
        )
