"""`commonweal organisations reclassify`: work out stored sizes and statuses again (run it daily)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commonweal.organisations.services_classification import organisations_reclassify


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the language of the moment
        return _("Work with organisations' records.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        actions.add_parser(
            "reclassify",
            help=gettext_lazy(
                "Work out every organisation's size band, SME and VCSE status again under the "
                "rules in force today, and save those that changed (each change is audited)."
            ),
        )

    def handle(self, *args, action: str, **options):
        changed = organisations_reclassify()
        if not changed:
            self.stdout.write(_("Every organisation's size and status were already up to date."))
            return
        self.stdout.write(
            ngettext(
                "%(count)d organisation's size or status changed:",
                "%(count)d organisations' size or status changed:",
                len(changed),
            )
            % {"count": len(changed)}
        )
        for organisation in changed:
            self.stdout.write(f"  {organisation.name} ({organisation.org_id})")
