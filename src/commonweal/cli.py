"""The `commonweal` console command: Commonweal's own commands first, then every Django command.

`commonweal serve`, `commonweal demo`, `commonweal check`, `commonweal audit verify` and
`commonweal pb tally` are Commonweal's; anything else (`commonweal migrate`, `commonweal createsuperuser`,
`commonweal db_worker` ...) is Django's command line with Commonweal's settings.
"""

import os
import sys
from pathlib import Path


def gettext_noop(text: str) -> str:
    """Mark text for translation without needing the settings (makemessages finds it by this name)."""
    return text


# `commonweal check` is Django's `check --deploy` and Commonweal's own checks, in one
# command of our own, so that Django's plain `check` (used by test runners) is unchanged.
CHECK_COMMAND = "check_deployment"

# Commands whose names people type with a hyphen, as the issue and the README write them; Django
# finds a command by its module's name, which cannot have one.
HYPHENATED = {"late-payment": "late_payment"}

# The commands people use most, in the order they meet them.
COMMANDS = [
    ("serve", gettext_noop("Update the database and start the website and the background worker.")),
    (
        "serve --demo",
        gettext_noop("The same, with the fictional Riverside demo place and its sign-ins."),
    ),
    (
        "demo",
        gettext_noop(
            "Load the Riverside demo place. --reset wipes the database and loads it again."
        ),
    ),
    (
        "check",
        gettext_noop("Check this installation is safe and ready to serve, and list any problems."),
    ),
    (
        "audit verify",
        gettext_noop("Check that no entry in the audit trail has been changed or removed."),
    ),
    (
        "ballots flush",
        gettext_noop("Commit every ballot box whose batch of waiting ballots is due (for cron)."),
    ),
    (
        "pb tally FILE.pb",
        gettext_noop(
            "Count a participatory budgeting election in a Pabulib file (--help for rules)."
        ),
    ),
    (
        "late-payment",
        gettext_noop(
            "Work out what a late invoice adds: interest, compensation (--amount, --due, --paid)."
        ),
    ),
    (
        "export ocds --out DIR",
        gettext_noop(
            "Write the open data: every OCDS release, and a compiled record for each process."
        ),
    ),
    ("migrate", gettext_noop("Create or update the database tables.")),
    ("createsuperuser", gettext_noop("Create a back-office account.")),
    ("db_worker", gettext_noop("Run a background worker on its own (serve starts one for you).")),
]


def main(argv: list[str] | None = None) -> None:
    """Run a Commonweal or Django command, with Commonweal's settings."""
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonweal.settings")
    prog = Path(argv[0]).name if argv else "commonweal"
    if prog in ("cli.py", "__main__.py"):  # python -m commonweal.cli
        prog = "commonweal"
    command = argv[1] if len(argv) > 1 else "help"
    if command == "pb":
        # The PB engine is plain Python: no settings, no database, so `pb tally` starts fast.
        from commonweal.participation.pb.cli import main as pb_main

        sys.exit(pb_main(argv[2:], prog=f"{prog} pb"))

    problem = _set_up()
    if command in ("help", "--help", "-h") and len(argv) <= 2:
        print(help_text(prog, configuration_problem=problem))
        return
    if problem:
        sys.stderr.write(_("Commonweal cannot start: %(problem)s") % {"problem": problem} + "\n")
        sys.exit(2)

    argv = [prog, *argv[1:]] if argv else [prog]
    if command == "check":
        argv[1] = CHECK_COMMAND
    elif command == "help" and len(argv) > 2 and argv[2] == "check":
        argv[2] = CHECK_COMMAND
    elif command in HYPHENATED:
        argv[1] = HYPHENATED[command]
    elif command == "help" and len(argv) > 2 and argv[2] in HYPHENATED:
        argv[2] = HYPHENATED[argv[2]]
    if command != "help":
        _make_database_folder()

    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def _set_up() -> str | None:
    """Load the settings and apps; a configuration problem is returned as words, not a traceback."""
    import django

    from commonweal.env import ConfigurationError

    try:
        django.setup()
    except ConfigurationError as error:
        return str(error)
    return None


def _(text: str) -> str:
    from django.apps import apps

    if not apps.ready:
        return text
    from django.utils.translation import gettext

    return gettext(text)


def _make_database_folder() -> None:
    """The embedded SQLite database lives in var/; make the folder so the first `migrate` works."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and str(database["NAME"]) not in (
        "",
        ":memory:",
    ):
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)


def help_text(prog: str = "commonweal", *, configuration_problem: str | None = None) -> str:
    """What `commonweal --help` prints: our commands in plain words, then Django's list."""
    lines = [
        _("Commonweal: collaborative commissioning of people-focused public services."),
        "",
        _("Usage: %(prog)s <command> [options]") % {"prog": prog},
        "",
        _("Commands you will use most:"),
    ]
    width = max(len(name) for name, _words in COMMANDS) + 2
    lines += [f"  {name.ljust(width)}{_(words)}" for name, words in COMMANDS]
    lines += ["", _("Type '%(prog)s help <command>' for a command's options.") % {"prog": prog}]
    if configuration_problem:
        lines += [
            "",
            _("Commonweal cannot start yet: %(problem)s") % {"problem": configuration_problem},
        ]
        return "\n".join(lines)

    from django.core.management import ManagementUtility

    django_list = ManagementUtility([prog]).main_help_text().split("\n")
    # Drop Django's own first lines (how to get help, "Available subcommands:"): ours said it.
    start = next((i for i, line in enumerate(django_list) if line.startswith("[")), 0)
    lines += ["", _("Every command, including Django's:"), "", *django_list[start:]]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
