"""`commonweal agreements`: importing a CSV file of existing contracts and grants."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commonweal.agreements import services_import
from commonweal.agreements.contracts_csv import ContractProblems
from commonweal.organisations.models import Organisation
from commonweal.places.models import Place

# The exit status when the file has problems (nothing imported), as for any bad input.
BAD_INPUT = 2


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the language of the moment
        return _(
            "Work with long-term agreements: import the contracts and grants a body holds today."
        )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        load = actions.add_parser(
            "import",
            help=gettext_lazy(
                "Import a CSV file of existing contracts and grants (reference, title, provider, "
                "value, starts, ends; kind, payment_terms_days, payment_profile, summary). All or "
                "nothing: with any problem, nothing is imported, each problem is printed by row "
                "and the exit status is 2."
            ),
        )
        load.add_argument("file", help=gettext_lazy("The CSV file."))
        load.add_argument(
            "--place", required=True, help=gettext_lazy("The place they serve (its short name).")
        )
        load.add_argument(
            "--commissioner",
            required=True,
            help=gettext_lazy("The body that commissioned or funds them (its short name)."),
        )
        load.add_argument(
            "--as",
            dest="as_email",
            required=True,
            help=gettext_lazy(
                "Who imports them (an email): place staff acting for the commissioner, or the back "
                "office. The audit trail records them."
            ),
        )

    def handle(self, *args, action: str, **options) -> None:
        if action == "import":
            self._import(**options)

    def _import(self, *, file, place, commissioner, as_email, **options) -> None:
        actor = get_user_model().objects.filter(email__iexact=as_email).first()
        if actor is None:
            raise CommandError(
                _("Nobody has an account with that email address."), returncode=BAD_INPUT
            )
        found_place = Place.objects.filter(slug=place).first()
        if found_place is None:
            raise CommandError(
                _("There is no place with the short name %(slug)s.") % {"slug": place},
                returncode=BAD_INPUT,
            )
        body = Organisation.objects.filter(slug=commissioner).first()
        if body is None:
            raise CommandError(
                _("There is no organisation with the short name %(slug)s.")
                % {"slug": commissioner},
                returncode=BAD_INPUT,
            )
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from None
        try:
            imported = services_import.contracts_import(
                actor=actor, place=found_place, commissioner=body, data=data
            )
        except PermissionDenied:
            raise CommandError(
                _("%(email)s may not import agreements for %(body)s in %(place)s.")
                % {"email": as_email, "body": body.name, "place": found_place.name},
                returncode=BAD_INPUT,
            ) from None
        except ContractProblems as problems:
            for problem in problems.problems:
                self.stderr.write(problem.render(_, ngettext))
            raise CommandError(
                _("Nothing was imported. Correct the file and run the command again."),
                returncode=BAD_INPUT,
            ) from None
        except ValidationError as error:
            raise CommandError("\n".join(error.messages), returncode=BAD_INPUT) from None
        self.stdout.write(
            ngettext(
                "Imported %(count)s agreement for %(body)s in %(place)s.",
                "Imported %(count)s agreements for %(body)s in %(place)s.",
                imported.count,
            )
            % {"count": imported.count, "body": body.name, "place": found_place.name}
        )
        for agreement in imported.agreements:
            self.stdout.write(f"{agreement.reference}\t{agreement.pk}\t{agreement.title}")
