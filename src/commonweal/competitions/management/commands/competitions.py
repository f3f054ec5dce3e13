"""`commonweal competitions`: keys for sealed bids."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.competitions import keys


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the language of the moment
        return _("Work with fair competitions: tenders, grant rounds and their sealed bids.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        actions.add_parser(
            "key",
            help=gettext_lazy(
                "Print a new value for COMPETITION_SEALING_KEY. When you rotate it, move the old "
                "value to COMPETITION_SEALING_KEY_FALLBACKS so bids sealed under it still open."
            ),
        )

    def handle(self, *args, action: str, **options) -> None:
        if action == "key":
            self.stdout.write(f"COMPETITION_SEALING_KEY={keys.new_key_text()}")
