from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The stamp of every round's published results (core/pagecache.py): a round or its needs changed.
ROUNDS_STAMP = "priorities"


def ballots_stamp(round_id: int) -> str:
    """The stamp of one round's ballots: the ballot box bumps it as it writes them (in bulk, so no
    signal), leaving the results of every other round kept."""
    return f"{ROUNDS_STAMP}-ballots-{round_id}"


def results_stamps(round_id: int) -> tuple[str, ...]:
    """What a round's published results are kept under: any round (its method, its needs), any need
    (a title or status) and this round's ballots."""
    return (ROUNDS_STAMP, "needs", ballots_stamp(round_id))


class PrioritiesConfig(AppConfig):
    name = "commonweal.priorities"
    label = "priorities"
    verbose_name = _("Priority setting")

    def ready(self) -> None:
        from commonweal.core import audit, pagecache
        from commonweal.priorities import ballot_box, models

        ballot_box.register()  # ballots go through the ballot box, committed in batches

        from commonweal.priorities import notices

        notices.register()  # people can follow a round, and are told when it opens

        # Ballots are not audited record by record: the trail would show who voted for what.
        # Called "Round" until December 2026: its earlier history is sealed under that name.
        audit.register(models.PriorityRound, former_labels=("priorities.round",))
        audit.register(models.Participation)  # who voted, never how
        # Published results are kept in the pages cache until the round changes (or its needs).
        pagecache.watch(models.PriorityRound, ROUNDS_STAMP)
        pagecache.watch(models.PriorityRound.needs.through, ROUNDS_STAMP)

        from commonweal.needs import links
        from commonweal.priorities.selectors import need_rounds

        links.register(
            "priorities",
            links.LinkKind(
                heading=_("Priority rounds it was part of"),
                items=need_rounds,
                template="priorities/includes/need_link.html",
                position=30,
                stamps=(ROUNDS_STAMP,),
                when=lambda round_: round_.opens_at,
                event_template="priorities/includes/need_event.html",
                evidence=lambda round_: (round_.title, round_.get_absolute_url()),
                suggests="prioritised",
                reason=lambda round_: (
                    _("People put it among what comes first in %(round)s.")
                    % {"round": round_.title}
                ),
            ),
        )
