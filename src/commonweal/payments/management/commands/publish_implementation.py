"""`commonweal publish_implementation --agreement N` (or `--all`): publish agreements' payments and
payment milestones as OCDS implementation releases, where anything changed since the last (for
cron, or after payments recorded outside Commonweal were loaded)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commonweal.agreements.models import Agreement
from commonweal.payments.services_opendata import implementation_publish

BAD_INPUT = 2


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the language of the moment
        return _(
            "Publish agreements' payments and payment milestones as OCDS implementation releases."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--agreement", type=int, metavar="N", help=gettext_lazy("The agreement's number.")
        )
        which.add_argument(
            "--all",
            action="store_true",
            help=gettext_lazy("Every agreement in force or ended."),
        )

    def handle(self, *args: object, agreement: int | None, all: bool, **options: object) -> None:
        if agreement is not None:
            found = Agreement.objects.filter(pk=agreement).first()
            if found is None:
                raise CommandError(
                    _("There is no agreement number %(n)s.") % {"n": agreement},
                    returncode=BAD_INPUT,
                )
            agreements = [found]
        else:
            agreements = list(
                Agreement.objects.exclude(status=Agreement.Status.DRAFT).order_by("pk")
            )
        published = 0
        for each in agreements:
            try:
                done = implementation_publish(agreement=each, actor=None)
            except ValidationError as error:
                self.stderr.write(f"{each.pk} {each.title}: " + " ".join(error.messages))
                continue
            if done.release is not None:
                published += 1
                self.stdout.write(f"{each.pk} {each.title}: {done.release.release_id}")
            elif agreement is not None:
                self.stdout.write(f"{each.pk} {each.title}: {done.why_not}")
        self.stdout.write(
            ngettext("Published %(count)d release.", "Published %(count)d releases.", published)
            % {"count": published}
        )
