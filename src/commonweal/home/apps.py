from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The top layer's pages: the home page, the dashboard and a place's page gather from every app."""

    name = "commonweal.home"
    label = "home"
    verbose_name = _("Home, dashboard and place pages")

    def ready(self) -> None:
        from commonweal.accounts.models import RoleAssignment
        from commonweal.codesign.models import Participant
        from commonweal.core import pagecache
        from commonweal.participation.models import Participation as BudgetVote
        from commonweal.priorities.models import Participation as PriorityVote

        # A person's task list and own activity on the dashboard are kept until what they list
        # changes: these (who holds which role, who voted, who took part in a session) are
        # watched by no app of their own.
        for model in (RoleAssignment, BudgetVote, PriorityVote, Participant):
            pagecache.watch(model, DASHBOARD_STAMP)


# The pages cache's stamp for what only the dashboard lists (home.tasks).
DASHBOARD_STAMP = "dashboards"
