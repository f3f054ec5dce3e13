"""`commonweal serve`: update the database, then run the web server and the background worker side by side.

The web server is gunicorn; the worker is django-tasks' `db_worker` (or RQ's worker when
TASKS_BACKEND=rq). Ctrl+C or SIGTERM stops both; if either stops by itself, the other is
stopped too and the command exits with an error, so a process manager can restart it.
"""

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

STOP_TIMEOUT_SECONDS = 15
POLL_SECONDS = 0.2


def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("the port must be a number, like 8000")) from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(_("the port must be between 1 and 65535"))
    return value


def worker_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("the number of workers must be a whole number, like 2")
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("there must be at least 1 worker"))
    return value


def bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def site_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "::", "[::]") else host
    return f"http://{bind_address(shown, port)}/"


def gunicorn_command(*, host: str, port: int, workers: int) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "commonweal.wsgi",
        "--bind",
        bind_address(host, port),
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        str(STOP_TIMEOUT_SECONDS - 5),
    ]
    from gunicorn.config import KNOWN_SETTINGS

    if any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS):
        # Gunicorn 25.1+ opens a control socket at one fixed path per user; two sites
        # on one machine would fight over it, and `serve` does not need it.
        command.append("--no-control-socket")
    return command


def worker_command() -> list[str] | None:
    """The background worker for the configured task backend; None when jobs run at once."""
    task_settings = settings.TASKS["default"]
    backend = task_settings["BACKEND"]
    cli = [sys.executable, "-m", "commonweal.cli"]
    if backend == "django_tasks_db.DatabaseBackend":
        return [*cli, "db_worker", "--no-reload"]
    if backend == "django_tasks_rq.RQBackend":
        return [
            *cli,
            "rqworker",
            *task_settings.get("QUEUES", ["default"]),
            "--job-class",
            "django_tasks_rq.Job",
        ]
    return None


def _parent_death_signal():
    """On Linux, a function for a child to ask the kernel to stop it if `serve` itself is killed.

    Made here, in the parent, so the child runs no imports between fork and exec.
    """
    if sys.platform != "linux":
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL("libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1
    return lambda: prctl(pr_set_pdeathsig, signal.SIGTERM)


_STOP_WITH_PARENT = _parent_death_signal()


def supervise(commands: dict[str, list[str]], *, out=sys.stdout, err=sys.stderr) -> int:
    """Run the commands side by side until a signal or until one stops; then stop the rest.

    Returns 0 after Ctrl+C or SIGTERM, 1 when a process stopped by itself.
    """
    stopping = {"signal": None}
    processes: dict[str, subprocess.Popen] = {}

    def on_signal(signum, frame):
        if stopping["signal"] is not None:  # a second Ctrl+C: do not wait
            for process in processes.values():
                if process.poll() is None:
                    process.kill()
        stopping["signal"] = signum

    previous = {
        signum: signal.signal(signum, on_signal) for signum in (signal.SIGINT, signal.SIGTERM)
    }
    failed = None
    try:
        for name, command in commands.items():
            # Their own process group: Ctrl+C comes to us, and we stop them in order.
            processes[name] = subprocess.Popen(
                command, process_group=0, preexec_fn=_STOP_WITH_PARENT
            )
        while stopping["signal"] is None and failed is None:
            for name, process in processes.items():
                if process.poll() is not None:
                    failed = (name, process.returncode)
                    break
            else:
                time.sleep(POLL_SECONDS)
    finally:
        _stop(processes)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if failed is not None and stopping["signal"] is None:
        name, code = failed
        err.write(
            _("The %(name)s stopped unexpectedly (exit code %(code)s), so Commonweal has stopped.")
            % {"name": name, "code": code}
            + "\n"
        )
        return 1
    out.write(_("Commonweal has stopped.") + "\n")
    return 0


def _stop(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for process in processes.values():
        # Anything left in a stopped process's group (gunicorn's workers, if its master was
        # killed outright) is stopped too, rather than left serving on its own.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGTERM)


class Command(BaseCommand):
    requires_migrations_checks = False  # we apply them

    @property
    def help(self) -> str:  # argparse needs a real string, in the language of the moment
        return _(
            "Update the database, then run the website (gunicorn) and the background worker until Ctrl+C."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default="127.0.0.1",
            help=gettext_lazy("The address to listen on (default 127.0.0.1, this computer only)."),
        )
        parser.add_argument(
            "--port",
            type=port_number,
            default=8000,
            help=gettext_lazy("The port to listen on (default 8000)."),
        )
        parser.add_argument(
            "--workers",
            type=worker_count,
            default=2,
            help=gettext_lazy("How many web server processes to run (default 2)."),
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help=gettext_lazy(
                "Do not start the background worker (run `commonweal db_worker` yourself)."
            ),
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help=gettext_lazy(
                "Load the Riverside demo place if the database has no places, "
                "and print its sign-ins. Needs COMMONWEAL_DEMO=true."
            ),
        )

    def handle(
        self, *args, host: str, port: int, workers: int, no_worker: bool, demo: bool, **options
    ):
        if demo and not settings.DEMO_MODE:
            raise CommandError(
                _("--demo needs demo mode. Run it as: COMMONWEAL_DEMO=true commonweal serve --demo")
            )
        if not os.environ.get("SITE_URL", "").strip():
            # The address in emails (confirmations, invitations) is where this server answers,
            # for the web server and the worker (they inherit the environment) and for the demo's
            # sign-ins printed below; SITE_URL, when set, names the public address instead.
            os.environ["SITE_URL"] = settings.SITE_URL = site_url(host, port).rstrip("/")
        self.prepare(demo=demo)
        commands = {_("web server"): gunicorn_command(host=host, port=port, workers=workers)}
        worker = None if no_worker else worker_command()
        if worker:
            commands[_("background worker")] = worker
        elif not no_worker:
            self.stdout.write(
                _("Background jobs run as soon as they are made, so no worker is started.")
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Commonweal is starting at %(url)s. Press Ctrl+C to stop.")
                % {"url": site_url(host, port)}
            )
        )
        self.stdout.flush()
        os.environ.setdefault("PYTHONUNBUFFERED", "1")  # the servers' logs appear as they happen
        code = supervise(commands, out=self.stdout, err=self.stderr)
        if code:
            sys.exit(code)

    def prepare(self, *, demo: bool) -> None:
        """Apply migrations, collect static files for the web server, and load the demo if asked."""
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        self.stdout.write(_("Updating the database…"))
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(_("Collecting styles, scripts and images…"))
        call_command("collectstatic", interactive=False, verbosity=0)
        if demo:
            # The demo app loads its place and prints its sign-ins: core knows it only by the
            # command's name, as a person typing `commonweal demo` would.
            call_command("demo", if_empty=True, sign_ins=True, verbosity=0, stdout=self.stdout)
