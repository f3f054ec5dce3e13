"""`commonweal audit verify`: check that no entry in the audit trail was changed or removed."""

import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commonweal.core import audit


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the language of the moment
        return _("Work with the audit trail of every change to a record.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        actions.add_parser(
            "verify",
            help=gettext_lazy("Walk the whole trail and check each entry's hash against the one before it."),
        )

    def handle(self, *args, action: str, **options):
        if action == "verify":
            self._verify()

    def _verify(self) -> None:
        report = audit.verify_chain()
        values = {"id": report.first_broken_id or 0, "problem": report.problem, "count": report.checked}
        if report.intact:
            self.stdout.write(self.style.SUCCESS(ngettext(
                "Audit trail intact: %(count)d entry checked.", "Audit trail intact: %(count)d entries checked.",
                report.checked,
            ) % values))
            return
        if report.first_broken_id is not None:
            where = _("Audit trail broken at entry #%(id)d: %(problem)s.") % values
        else:
            where = _("Audit trail broken after its last entry: %(problem)s.") % values
        intact = ngettext(
            "%(count)d entry before it is intact.", "%(count)d entries before it are intact.", report.checked
        ) % values
        self.stderr.write(f"{where} {intact}")
        sys.exit(1)
