from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# A need's page lists the published plans that meet it, and a commissioner's dashboard the plans
# their body leads or pays into: kept until a plan, its needs or its money change.
PLANS_STAMP = "commissioning-plans"


class CommissioningConfig(AppConfig):
    name = "commonweal.commissioning"
    label = "commissioning"
    verbose_name = _("Commissioning plans")

    def ready(self) -> None:
        from commonweal.commissioning import models, notices
        from commonweal.core import audit

        notices.register()  # people follow a plan; interested providers hear engagement notes
        for model in (
            models.Plan,
            models.Contribution,
            models.CurrentContract,
            models.Advice,
            models.Requirements,
            models.Lot,
            models.EngagementEvent,
            models.ProviderInterest,
        ):
            audit.register(model)

        from commonweal.commissioning.selectors import need_plans
        from commonweal.needs import links

        links.register(
            "commissioning",
            links.LinkKind(
                heading=_("Commissioning plans that meet it"),
                items=need_plans,
                template="commissioning/includes/need_link.html",
                position=50,
                stamps=(PLANS_STAMP,),
            ),
        )
        from commonweal.core import pagecache

        pagecache.watch(models.Plan, PLANS_STAMP)
        pagecache.watch(models.Plan.needs.through, PLANS_STAMP)
        pagecache.watch(models.Contribution, PLANS_STAMP)  # who pays in: whose dashboard lists it
