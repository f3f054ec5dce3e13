"""`commonweal competitions`: keys for sealed bids; loading social value measures."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.competitions import keys, services_frameworks
from commonweal.competitions.frameworks_csv import MeasureProblems, read_measures_file
from commonweal.places.models import Place


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

        load = actions.add_parser(
            "load-measures",
            help=gettext_lazy(
                "Load social value measures. With no file, Commonweal's own open measures for every "
                "place (run it again: nothing changes). With a CSV file (code, title, unit, "
                "proxy_value, theme), a council's own framework for its place."
            ),
        )
        load.add_argument("file", nargs="?", help=gettext_lazy("A CSV file of measures."))
        load.add_argument("--name", default="", help=gettext_lazy("The framework's name."))
        load.add_argument("--version", dest="framework_version", default="")
        load.add_argument(
            "--licence", default="", help=gettext_lazy("Its licence, as its publisher states it.")
        )
        load.add_argument("--licence-url", default="")
        load.add_argument("--source-url", default="")
        load.add_argument(
            "--place", type=int, help=gettext_lazy("The number of the place it is for.")
        )
        load.add_argument(
            "--as", dest="as_email", default="", help=gettext_lazy("Who loads it (an email).")
        )

    def handle(self, *args, action: str, **options) -> None:
        if action == "key":
            self.stdout.write(f"COMPETITION_SEALING_KEY={keys.new_key_text()}")
        elif action == "load-measures":
            self._load_measures(**options)

    def _load_measures(self, *, file, name, framework_version, licence, place, **options) -> None:
        actor = None
        if options["as_email"]:
            actor = get_user_model().objects.filter(email__iexact=options["as_email"]).first()
            if actor is None:
                raise CommandError(_("Nobody has an account with that email address."))
        try:
            if not file:
                loaded = services_frameworks.open_measures_load(actor=actor)
            else:
                if not name or not licence or place is None:
                    raise CommandError(_("Give the framework's --name, --licence and --place."))
                found = Place.objects.filter(pk=place).first() if place < 2**63 else None
                if found is None:
                    raise CommandError(
                        _("There is no place with the number %(id)s.") % {"id": place}
                    )
                try:
                    rows = read_measures_file(Path(file).read_bytes())
                except OSError as error:
                    raise CommandError(str(error)) from None
                loaded = services_frameworks.framework_load(
                    actor=actor,
                    place=found,
                    name=name,
                    version=framework_version,
                    licence=licence,
                    licence_url=options["licence_url"],
                    source_url=options["source_url"],
                    rows=rows,
                )
        except MeasureProblems as problems:
            raise CommandError("\n".join(problems.messages)) from None
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from None
        count = loaded.measures.count()
        self.stdout.write(
            _("%(name)s: %(count)s measures, licence %(licence)s.")
            % {"name": str(loaded), "count": count, "licence": loaded.licence}
        )
