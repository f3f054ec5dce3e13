"""`commonweal export ocds --out DIR`: the open data as files, every OCDS release and every record.
Later apps add their own kinds (`commonweal export 360giving --out FILE`) through
opendata.exports.register."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commonweal.opendata.exports import RECORDS_FILE, RELEASES_FILE, export_ocds, file_exports

# argparse's own status for a command used wrongly.
BAD_INPUT = 2


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the language of the moment
        return _("Export Commonweal's open data.")

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
        ocds = kinds.add_parser(
            "ocds",
            help=gettext_lazy(
                "Write every published OCDS release (releases.json, a release package) and a "
                "compiled record for each contracting process (records.json, a record package)."
            ),
        )
        ocds.add_argument(
            "--out",
            metavar="DIR",
            help=gettext_lazy("The folder to write into. It is made if it does not exist."),
        )
        ocds.add_argument(
            "--base-url",
            metavar="URL",
            help=gettext_lazy(
                "Where the files will be published, for each package's uri (default: the site's "
                "address followed by /ocds/)."
            ),
        )
        for export in file_exports():
            each = kinds.add_parser(export.name, help=export.help)
            each.add_argument(
                "--out", metavar="FILE", help=gettext_lazy("The file to write. It is replaced.")
            )

    def handle(self, *args, kind: str, out: str | None, base_url: str | None = None, **options):
        if kind != "ocds":
            self._write_file(kind, out)
            return
        folder = self._folder(out)
        try:
            done = export_ocds(folder, base_url=base_url)
        except OSError as error:
            raise CommandError(
                _("Could not write into %(folder)s: %(error)s")
                % {"folder": folder, "error": error.strerror or error},
                returncode=BAD_INPUT,
            ) from None
        if not done.releases:
            self.stdout.write(_("No OCDS release has been published yet: nothing was written."))
            return
        self.stdout.write(
            ngettext(
                "Wrote %(count)d release to %(path)s.",
                "Wrote %(count)d releases to %(path)s.",
                done.releases,
            )
            % {"count": done.releases, "path": folder / RELEASES_FILE}
        )
        self.stdout.write(
            ngettext(
                "Wrote %(count)d record to %(path)s.",
                "Wrote %(count)d records to %(path)s.",
                done.records,
            )
            % {"count": done.records, "path": folder / RECORDS_FILE}
        )

    def _write_file(self, kind: str, out: str | None) -> None:
        export = next(each for each in file_exports() if each.name == kind)
        if not out or not out.strip():
            raise CommandError(_("Say which file to write: --out FILE."), returncode=BAD_INPUT)
        path = Path(out).expanduser()
        if path.is_dir():
            raise CommandError(
                _("%(path)s is a folder. Give a file for --out.") % {"path": path},
                returncode=BAD_INPUT,
            )
        if not path.parent.is_dir():
            raise CommandError(
                _("The folder %(path)s does not exist.") % {"path": path.parent},
                returncode=BAD_INPUT,
            )
        try:
            count = export.write(path)
        except OSError as error:
            raise CommandError(
                _("Could not write %(path)s: %(error)s")
                % {"path": path, "error": error.strerror or error},
                returncode=BAD_INPUT,
            ) from None
        if not count:
            self.stdout.write(_("There is nothing to export yet: nothing was written."))
            return
        self.stdout.write(
            ngettext(
                "Wrote %(count)d item to %(path)s.", "Wrote %(count)d items to %(path)s.", count
            )
            % {"count": count, "path": path}
        )

    def _folder(self, out: str | None) -> Path:
        """The folder to write into, made if need be; a clear error (status 2) if it cannot be."""
        if not out or not out.strip():
            raise CommandError(
                _("Say which folder to write the files into: --out DIR."), returncode=BAD_INPUT
            )
        folder = Path(out).expanduser()
        if folder.exists() and not folder.is_dir():
            raise CommandError(
                _("%(path)s is a file, not a folder. Give a folder for --out.") % {"path": folder},
                returncode=BAD_INPUT,
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(
                _("Could not make the folder %(path)s: %(error)s")
                % {"path": folder, "error": error.strerror or error},
                returncode=BAD_INPUT,
            ) from None
        return folder
