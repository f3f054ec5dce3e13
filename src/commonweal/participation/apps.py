from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The pages cache's stamp for budget rounds: lists of what is open (home.selectors.take_part).
ROUNDS_STAMP = "budget-rounds"


class ParticipationConfig(AppConfig):
    name = "commonweal.participation"
    label = "participation"
    verbose_name = _("Participatory budgeting")

    def ready(self) -> None:
        from commonweal.core import audit, pagecache
        from commonweal.participation import ballot_box, models

        ballot_box.register()  # online ballots go through the ballot box, committed in batches

        from commonweal.participation import notices

        notices.register()  # people can follow a community budget, and are told when it opens

        # Ballots are never audited: the trail would show who voted for what. Who took part is.
        audit.register(models.BudgetRound)
        audit.register(models.Project)
        audit.register(models.Participation)
        audit.register(models.Verification)
        # A count's numbers stay out of the trail: they are hidden until the results are published.
        audit.register(models.Count, exclude=("selected", "votes", "details", "explanation"))
        audit.register(models.CountRequest)
        pagecache.watch(models.BudgetRound, ROUNDS_STAMP)
        pagecache.watch(models.Project, ROUNDS_STAMP)
        pagecache.watch(models.Project.needs.through, ROUNDS_STAMP)

        from commonweal.needs import links
        from commonweal.participation.selectors import need_projects

        links.register(
            "participation",
            links.LinkKind(
                heading=_("Community budget projects that meet it"),
                items=need_projects,
                template="participation/includes/need_link.html",
                position=25,
                stamps=(ROUNDS_STAMP,),
                # On the ballot from the day voting opens (or, without dates, when it was put forward).
                when=lambda project: project.round.voting_opens or project.created_at,
                event_template="participation/includes/need_event.html",
                evidence=lambda project: (
                    f"{project.title} ({project.round.title})",
                    project.round.get_absolute_url(),
                ),
                suggests="in_commissioning",
                reason=lambda project: (
                    _("A community budget project will meet it: %(project)s, in %(round)s.")
                    % {"project": project.title, "round": project.round.title}
                ),
            ),
        )
