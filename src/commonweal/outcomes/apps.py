from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The stamp of every framework's content (core/pagecache.py): frameworks change rarely, so one for
# all; and of their endorsements, which the API's framework shows (the pages add them around it).
FRAMEWORKS_STAMP = "outcomes"
ENDORSEMENTS_STAMP = "outcomes-endorsements"


class OutcomesConfig(AppConfig):
    name = "commonweal.outcomes"
    label = "outcomes"
    verbose_name = _("Common outcomes frameworks")

    def ready(self) -> None:
        from commonweal.core import audit, pagecache
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
        # A framework's content (pages and exports) is built again when any of it changes, and
        # when the needs its outcomes address change. Endorsements are not part of it.
        for model in (
            models.Framework,
            models.FrameworkVersion,
            models.OutcomeArea,
            models.Outcome,
            models.Indicator,
            models.Outcome.needs.through,
        ):
            pagecache.watch(model, FRAMEWORKS_STAMP)
        pagecache.watch(models.Endorsement, ENDORSEMENTS_STAMP)

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
                stamps=(FRAMEWORKS_STAMP,),
                when=lambda outcome: outcome.version.published_at,
                event_template="outcomes/includes/need_event.html",
                evidence=lambda outcome: (
                    f"{outcome.code} {outcome.title} ({outcome.version.framework.name})",
                    f"{outcome.version.framework.get_absolute_url()}#outcome-{outcome.code}",
                ),
                suggests="in_commissioning",
                reason=lambda outcome: (
                    _("It is now an outcome to work for in %(framework)s: %(outcome)s.")
                    % {"framework": outcome.version.framework.name, "outcome": outcome.title}
                ),
            ),
        )
