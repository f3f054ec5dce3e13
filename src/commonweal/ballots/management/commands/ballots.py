"""`commonweal ballots flush`: commit waiting ballots in every box whose batch is due (run it from cron)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commonweal.ballots import services


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the language of the moment
        return _(
            "Work with the ballot box, where ballots wait before they are committed in batches."
        )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        actions.add_parser(
            "flush",
            help=gettext_lazy(
                "Commit the waiting ballots of every box that has enough of them, or whose voting has ended."
            ),
        )

    def handle(self, *args, action: str, **options):
        done = services.boxes_flush_due()
        if not done:
            self.stdout.write(_("No ballot box had a batch ready."))
        for box, count in done.items():
            self.stdout.write(
                ngettext(
                    "%(box)s: %(count)d ballot committed.",
                    "%(box)s: %(count)d ballots committed.",
                    count,
                )
                % {"box": box, "count": count}
            )
