from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Dashboards list the competitions a person runs or scores in: kept until one of them, a seat, a
# question or a low-bid review changes. Not bids: a rush of bids at the deadline must not queue on
# one stamp's row (a provider's own bids are read afresh on their dashboard).
COMPETITIONS_STAMP = "competitions"


class CompetitionsConfig(AppConfig):
    name = "commonweal.competitions"
    label = "competitions"
    verbose_name = _("Fair competitions")

    def ready(self) -> None:
        from commonweal.competitions import keys, models, notices  # noqa: F401  (keys: its checks)
        from commonweal.core import audit

        notices.register()  # people follow an opportunity; interested providers hear its news

        from commonweal.competitions import plan_steps

        plan_steps.register()  # a plan's page lists its tenders and grant rounds

        for model in (
            models.Opportunity,
            models.Document,
            models.Criterion,
            models.Question,
            models.Interest,
            models.Opening,
            models.Evaluator,
            models.Conflict,
            models.Score,
            models.ModeratedScore,
            models.LowBidReview,
            models.SocialValueFramework,
            models.Measure,
            models.Award,
            models.AssessmentSummary,
            models.GrantDecision,
        ):
            audit.register(model)
        # A bid's sealed content is ciphertext: the trail records its version and receipt instead.
        audit.register(models.Bid, exclude=("sealed",))
        audit.register(models.BidDocument, exclude=("sealed_name",))

        from commonweal.core import pagecache

        for model in (
            models.Opportunity,
            models.Evaluator,
            models.Question,
            models.LowBidReview,
        ):
            pagecache.watch(model, COMPETITIONS_STAMP)
        self._register_exports()

    def _register_exports(self) -> None:
        from commonweal.competitions import threesixty
        from commonweal.opendata import exports

        exports.register(
            "360giving",
            threesixty.write_package,
            help=_(
                "Write every published funded grant decision as a 360Giving grant package (JSON), "
                "checked against the 360Giving schema."
            ),
        )
