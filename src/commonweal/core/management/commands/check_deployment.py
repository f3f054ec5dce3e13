"""`commonweal check`: is this installation safe and ready to serve?

Runs Django's deployment checks (`check --deploy`) and Commonweal's own: the database
answers, every migration is applied, the secret key is not the demo one outside the
demo, and uploaded files can be written. Exits non-zero with a list when anything is wrong.
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

LEVELS = {
    "CRITICAL": checks.CRITICAL,
    "ERROR": checks.ERROR,
    "WARNING": checks.WARNING,
    "INFO": checks.INFO,
    "DEBUG": checks.DEBUG,
}


def database_problem(alias: str = DEFAULT_DB_ALIAS) -> str | None:
    try:
        connections[alias].ensure_connection()
    except Exception as error:  # each database driver raises its own kind of error
        return _("Commonweal cannot reach its database: %(error)s. Check DATABASE_URL.") % {
            "error": str(error).strip() or error.__class__.__name__
        }
    return None


def unapplied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations not yet applied to the database, as app.name."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def secret_key_problem() -> str | None:
    if settings.SECRET_KEY == settings.DEMO_SECRET_KEY and not settings.DEMO_MODE:
        return _(
            "SECRET_KEY is the demo key, which everyone can read in the source code. "
            "Set SECRET_KEY to a long random value and turn DEBUG off."
        )
    return None


def uploads_problem() -> str | None:
    """Uploaded files go to MEDIA_ROOT unless another storage (S3) is configured."""
    storage = import_string(settings.STORAGES["default"]["BACKEND"])
    if not (isinstance(storage, type) and issubclass(storage, FileSystemStorage)):
        return None
    folder = Path(settings.MEDIA_ROOT)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".commonweal-check-"):
            pass
    except OSError as error:
        return _("Uploaded files cannot be saved in %(folder)s: %(error)s.") % {
            "folder": folder,
            "error": error.strerror or error,
        }
    return None


class Command(BaseCommand):
    requires_system_checks = []  # we run them ourselves, deployment checks included
    requires_migrations_checks = False

    @property
    def help(self) -> str:  # argparse needs a real string, in the language of the moment
        return _(
            "Check this installation is safe and ready to serve: Django's deployment checks, the database, "
            "migrations, the secret key and the uploads folder. Exits with an error if anything needs fixing."
        )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return super().create_parser(prog_name, "check", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--fail-level",
            default="ERROR",
            choices=list(LEVELS),
            help=gettext_lazy(
                "Which of Django's messages count as problems (default ERROR; WARNING is stricter)."
            ),
        )

    def handle(self, *args, fail_level: str, **options):
        problems, warnings = [], []
        database = database_problem()
        if database:
            problems.append(database)
        else:
            pending = unapplied_migrations()
            if pending:
                problems.append(
                    ngettext(
                        "%(count)d database migration has not been applied: %(names)s. Run `commonweal migrate`.",
                        "%(count)d database migrations have not been applied: %(names)s. Run `commonweal migrate`.",
                        len(pending),
                    )
                    % {"count": len(pending), "names": ", ".join(pending)}
                )
        problems += [p for p in (secret_key_problem(), uploads_problem()) if p]

        messages = checks.run_checks(
            include_deployment_checks=True, databases=None if database else [DEFAULT_DB_ALIAS]
        )
        for message in messages:
            if message.is_silenced():
                continue
            text = f"[{message.id}] {message.msg}" + (f" {message.hint}" if message.hint else "")
            (problems if message.level >= LEVELS[fail_level] else warnings).append(text)

        self._list(_("Problems to fix:"), problems)
        self._list(_("Worth a look:"), warnings)
        if problems:
            raise CommandError(
                ngettext(
                    "Commonweal is not ready: %(count)d problem to fix.",
                    "Commonweal is not ready: %(count)d problems to fix.",
                    len(problems),
                )
                % {"count": len(problems)}
            )
        self.stdout.write(self.style.SUCCESS(_("Commonweal is ready: no problems found.")))

    def _list(self, heading: str, items: list[str]) -> None:
        if not items:
            return
        self.stdout.write(heading)
        for number, item in enumerate(items, start=1):
            self.stdout.write(f"  {number}. {item}")
        self.stdout.write("")
