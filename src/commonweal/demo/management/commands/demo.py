"""`commonweal demo`: load the fictional Riverside demo place, or wipe the database and load it again."""

import argparse
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.demo import scale, selectors, services
from commonweal.places.models import Place

# Beyond this a load takes hours and a database of many gigabytes: nobody needs it to try Commonweal.
MOST_SCALE = 1000


def _scale(text) -> int:
    """The --scale factor: a whole number from 1 to MOST_SCALE, or a message saying what to give."""
    try:
        factor = int(str(text).strip())
    except ValueError:
        factor = None
    if factor is None or not 1 <= factor <= MOST_SCALE:
        raise argparse.ArgumentTypeError(
            _(
                "Give --scale a whole number from 1 to %(most)d, like --scale 100 (you gave %(text)s)."
            )
            % {"most": MOST_SCALE, "text": text}
        )
    return factor


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

        parser.add_argument(
            "--scale",
            type=_scale,
            metavar="N",
            help=gettext_lazy(
                "Then grow Riverside N-fold with generated people, organisations, needs, supports, "
                "sessions, rounds with their ballots and panels, for trying Commonweal at the size of a "
                "city (--scale 100 makes about 4,000 needs, 77,000 supports and 35,000 ballots). Once "
                "only: a place already grown is refused (start again with --reset)."
            ),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=scale.DEFAULT_SEED,
            help=gettext_lazy("The seed for --scale: the same seed makes the same records."),
        )

    def handle(self, *args, reset: bool, if_empty: bool, sign_ins: bool = False, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                _(
                    "The demo place is only loaded in demo mode, so that real data is never mixed with it or wiped. "
                    "Run it as: COMMONWEAL_DEMO=true commonweal demo"
                )
            )
        factor = options.get("scale")
        if factor is not None:
            try:
                factor = _scale(factor)
            except argparse.ArgumentTypeError as error:
                raise CommandError(str(error)) from None
        if if_empty and Place.objects.exists():
            self.stdout.write(
                _("The database already has places, so the demo place was not loaded.")
            )
        else:
            if factor is not None and not reset and scale.is_grown():
                raise CommandError(
                    _(
                        "Riverside has already been grown with generated records, so it was not grown "
                        "again. To start again: commonweal demo --reset --scale %(factor)d"
                    )
                    % {"factor": factor}
                )
            # The short table after loading, unless the longer sign-ins follow.
            self.load(reset=reset, table=options["verbosity"] >= 1 and not sign_ins)
            if factor is not None:
                self.grow(
                    factor,
                    seed=options.get("seed", scale.DEFAULT_SEED),
                    verbosity=options["verbosity"],
                )
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

    def grow(self, factor: int, *, seed: int, verbosity: int) -> None:
        started = time.monotonic()

        def progress(text: str) -> None:
            if verbosity >= 2:
                self.stdout.write(text)

        summary = services.demo_grow(factor=factor, seed=seed, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Riverside grown %(factor)d-fold in %(seconds)d seconds: %(people)d people, "
                    "%(organisations)d organisations, %(needs)d needs with %(supports)d supports and "
                    "%(comments)d comments, %(sessions)d co-design sessions, %(rounds)d priority rounds, "
                    "%(budgets)d community budget rounds, %(ballots)d ballots, %(panels)d panels with "
                    "%(volunteers)d people in their pools added."
                )
                % {
                    "factor": summary.factor,
                    "seconds": round(time.monotonic() - started),
                    "people": summary.people,
                    "organisations": summary.organisations,
                    "needs": summary.needs,
                    "supports": summary.supports,
                    "comments": summary.comments,
                    "sessions": summary.sessions,
                    "rounds": summary.priority_rounds,
                    "budgets": summary.budget_rounds,
                    "ballots": summary.ballots,
                    "panels": summary.panels,
                    "volunteers": summary.volunteers,
                }
            )
        )

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
