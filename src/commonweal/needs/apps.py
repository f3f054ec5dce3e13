from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The pages cache's stamps (core/pagecache.py). NEEDS_STAMP: any change to a need, its themes or
# the terms (pages and counts built from them). SUPPORTERS_STAMP: the supporter counts the
# register shows.
NEEDS_STAMP = "needs"
SUPPORTERS_STAMP = "needs-supporters"


class NeedsConfig(AppConfig):
    name = "commonweal.needs"
    label = "needs"
    verbose_name = _("Needs register")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from commonweal.core import audit, pagecache
        from commonweal.needs import models

        # The supporter count is derived from the supports, which are recorded themselves.
        audit.register(models.Need, exclude=("supporter_count",))
        for model in (
            models.Term,
            models.Evidence,
            models.Support,
            models.Comment,
            models.StatusChange,
        ):
            audit.register(model)
        # Pages built from the needs, their themes and titles (the summary, the outcomes that
        # address them) are built again when one changes. Supports, evidence and comments are
        # not on those pages: a support moves the count with an update, which sends no signal.
        # A need's story (its page) lists its status changes.
        for model in (models.Need, models.Term, models.Need.themes.through, models.StatusChange):
            pagecache.watch(model, NEEDS_STAMP)
        # The register shows and sorts by each need's supporter count, which moves with an update.
        pagecache.watch(models.Support, SUPPORTERS_STAMP)
        from commonweal.needs.selectors import people_who_care
        from commonweal.notifications import registry as notifications

        notifications.register(
            "need",
            notifications.Kind(
                label=_("need"),
                records=models.Need.objects.in_bulk,
                can_follow=lambda user, need: True,  # every need is public
                involved=people_who_care,
            ),
        )
        post_save.connect(
            supporter_count_keep, sender=models.Support, dispatch_uid="needs-support-added"
        )
        post_delete.connect(
            supporter_count_keep, sender=models.Support, dispatch_uid="needs-support-removed"
        )


def supporter_count_keep(sender, instance, created=None, **kwargs) -> None:
    """A support added or taken back, by a service or anywhere else, moves its need's count by one.

    An update in the database (not a count read and written back), so two supports at once both
    count. A support moved to another need (a merge) is counted again by the merge.
    """
    from django.db.models import F

    from commonweal.needs.models import Need

    if created is False:
        return
    step = 1 if created else -1
    Need.objects.filter(pk=instance.need_id).update(supporter_count=F("supporter_count") + step)
