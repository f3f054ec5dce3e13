from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The pages cache's stamp for panels: lists of what is open (home.selectors.take_part).
PANELS_STAMP = "panels"
# The stamp for what a member's dashboard says of their panels' workspaces: the next meeting and the
# tasks not done yet (home.tasks.panel_workspaces).
WORKSPACE_STAMP = "panel-workspaces"


class PanelsConfig(AppConfig):
    name = "commonweal.panels"
    label = "panels"
    verbose_name = _("Citizens' panels")

    def ready(self) -> None:
        from commonweal.core import audit, pagecache
        from commonweal.panels import models, notices

        notices.register()  # people can follow a panel, and hear when it is drawn
        audit.register(models.Panel)
        pagecache.watch(models.Panel, PANELS_STAMP)
        audit.register(models.Feature)
        audit.register(models.Category)
        # Names and contacts stay out of the trail, which more people can read than the pool.
        audit.register(models.Volunteer, exclude=("name", "email", "household"))
        # Progress updates are left out: they change every second while a run works. So is the distribution,
        # which grows with the pool: a finished run records it as one entry with its digest (selection.py).
        audit.register(
            models.SelectionRun,
            exclude=(
                "progress_message",
                "progress_fraction",
                "panels",
                "probabilities",
                "selection_probability",
            ),
        )
        # The file itself (personal data) and the report stay out; progress changes while the file is read.
        audit.register(models.PoolImport, exclude=("data", "problems", "rows_read", "rows_total"))
        audit.register(models.Draw)
        audit.register(models.PanelMember)
        audit.register(models.Meeting)
        audit.register(models.Paper)
        audit.register(models.PanelTask)
        audit.register(models.TaskDone)
        for model in (models.PanelMember, models.Meeting, models.PanelTask, models.TaskDone):
            pagecache.watch(model, WORKSPACE_STAMP)
