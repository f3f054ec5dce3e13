"""`commonweal demo`: load the fictional Riverside demo place, or wipe the database and load it again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.demo import selectors, services
from commonweal.places.models import Place


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the language of the moment
        return _(
            "Load the fictional Riverside demo place: its wards, organisations, a person for every role, and its "
            "needs, co-design sessions, priority round and outcomes framework. "
            "Only in demo mode (COMMONWEAL_DEMO=true)."
        )

    def add_arguments(self, parser):
        when = parser.add_mutually_exclusive_group()
        when.add_argument(
            "--reset",
            action="store_true",
            help=gettext_lazy("Wipe the whole database, then load the demo place again."),
        )
        when.add_argument(
            "--if-empty",
            action="store_true",
            help=gettext_lazy("Load the demo place only if the database has no places yet."),
        )
        parser.add_argument(
            "--sign-ins",
            action="store_true",
            help=gettext_lazy(
                "Print the demo people to sign in as, whether or not the demo was loaded now "
                "(`commonweal serve --demo` asks for this)."
            ),
        )

    def handle(self, *args, reset: bool, if_empty: bool, sign_ins: bool = False, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                _(
                    "The demo place is only loaded in demo mode, so that real data is never mixed with it or wiped. "
                    "Run it as: COMMONWEAL_DEMO=true commonweal demo"
                )
            )
        if if_empty and Place.objects.exists():
            self.stdout.write(
                _("The database already has places, so the demo place was not loaded.")
            )
        else:
            # The short table after loading, unless the longer sign-ins follow.
            self.load(reset=reset, table=options["verbosity"] >= 1 and not sign_ins)
        if sign_ins:
            self.print_sign_ins()

    def load(self, *, reset: bool, table: bool) -> None:
        summary = services.demo_load(reset=reset)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Riverside demo place %(action)s: %(places)d places, %(organisations)d organisations, %(people)d people, "
                    "%(needs)d needs."
                )
                % {
                    "action": _("reset and loaded") if reset else _("loaded"),
                    "places": summary.places,
                    "organisations": summary.organisations,
                    "people": summary.people,
                    "needs": summary.needs,
                }
            )
        )
        if table:
            self.stdout.write("\n" + selectors.sign_in_table(selectors.demo_sign_ins()) + "\n")

    def print_sign_ins(self) -> None:
        """The fictional people to sign in as, and how staff get past the second factor."""
        rows = selectors.demo_sign_ins()
        if not rows:
            return
        self.stdout.write("\n" + _("Sign in as any of these fictional people:") + "\n")
        self.stdout.write(selectors.sign_in_table(rows) + "\n\n")
        self.stdout.write(
            _(
                "Staff roles also need a code from an authenticator app: in the demo, the "
                "code is shown on the page that asks for it."
            )
            + "\n"
        )
