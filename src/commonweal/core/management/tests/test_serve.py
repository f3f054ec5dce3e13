"""`commonweal serve`: its options, the processes it starts, and how it stops them."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from commonweal.core.management.commands import serve

from .support import commonweal_env


def parse(*args):
    return vars(serve.Command().create_parser("commonweal", "serve").parse_args(args))


def test_defaults_are_this_computer_port_8000_two_web_workers_and_a_background_worker():
    options = parse()
    assert (options["host"], options["port"], options["workers"]) == ("127.0.0.1", 8000, 2)
    assert not options["no_worker"] and not options["demo"]


def test_options_are_read():
    options = parse(
        "--host", "0.0.0.0", "--port", "9000", "--workers", "5", "--no-worker", "--demo"
    )
    assert (options["host"], options["port"], options["workers"]) == ("0.0.0.0", 9000, 5)
    assert options["no_worker"] and options["demo"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--port", "eighty"], "must be a number"),
        (["--port", "0"], "between 1 and 65535"),
        (["--port", "70000"], "between 1 and 65535"),
        (["--workers", "0"], "at least 1"),
        (["--workers", "two"], "whole number"),
    ],
)
def test_bad_options_are_refused_in_words_before_anything_starts(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("serve", *args, stdout=StringIO())


def test_demo_needs_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="COMMONWEAL_DEMO=true"):
        call_command("serve", "--demo", stdout=StringIO())


def test_the_web_server_is_gunicorn_on_the_address_with_the_workers_asked_for():
    command = serve.gunicorn_command(host="127.0.0.1", port=8123, workers=3)
    assert command[:4] == [sys.executable, "-m", "gunicorn", "commonweal.wsgi"]
    assert command[command.index("--bind") + 1] == "127.0.0.1:8123"
    assert command[command.index("--workers") + 1] == "3"
    assert serve.gunicorn_command(host="::1", port=80, workers=1)[5] == "[::1]:80"


def test_the_address_people_are_told_to_open():
    assert serve.site_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert serve.site_url("0.0.0.0", 8080) == "http://127.0.0.1:8080/"


@pytest.mark.parametrize(
    ("set_as", "expected"),
    [
        ("", "http://127.0.0.1:9123"),
        ("https://commonweal.example.org", "https://commonweal.example.org"),
    ],
)
def test_emails_link_to_the_port_served_unless_site_url_names_the_public_address(
    monkeypatch, settings, set_as, expected
):
    monkeypatch.setenv("SITE_URL", set_as)
    settings.SITE_URL = set_as or "http://127.0.0.1:8000"
    seen = {}

    def supervise(commands, **_streams):
        seen["env"] = os.environ["SITE_URL"]  # what the web server and worker start with
        seen["settings"] = settings.SITE_URL
        return 0

    monkeypatch.setattr(serve, "supervise", supervise)
    monkeypatch.setattr(serve.Command, "prepare", lambda self, demo: None)
    call_command("serve", "--port", "9123", "--no-worker", stdout=StringIO())
    assert seen == {"env": expected, "settings": expected}


def test_the_worker_follows_the_task_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert serve.worker_command()[-2:] == ["db_worker", "--no-reload"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    assert serve.worker_command()[-4:] == [
        "rqworker",
        "default",
        "--job-class",
        "django_tasks_rq.Job",
    ]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert serve.worker_command() is None


# --- supervising two processes --------------------------------------------------------------------

WAIT_FOR = "import os, sys, time\nfor _ in range(200):\n    if os.path.exists(sys.argv[1]): break\n    time.sleep(0.05)\n"


def _sleeper(ready: Path, stopped: Path) -> list[str]:
    """A process that says when it is ready and writes a file when asked to stop."""
    code = (
        "import signal, sys, time, pathlib\n"
        f"def stop(*_):\n    pathlib.Path({str(stopped)!r}).write_text('stopped')\n    sys.exit(0)\n"
        "signal.signal(signal.SIGTERM, stop)\n"
        f"pathlib.Path({str(ready)!r}).write_text('ready')\n"
        "time.sleep(60)\n"
    )
    return [sys.executable, "-c", code]


def _wait_for(path: Path, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.05)


@pytest.mark.slow
def test_when_one_process_dies_the_other_is_stopped_and_serve_fails(tmp_path):
    ready, stopped = tmp_path / "ready", tmp_path / "stopped"
    dies = [sys.executable, "-c", WAIT_FOR + "sys.exit(3)", str(ready)]
    err = StringIO()
    code = serve.supervise(
        {"web server": _sleeper(ready, stopped), "background worker": dies}, out=StringIO(), err=err
    )
    assert code == 1
    assert stopped.read_text() == "stopped"
    assert "background worker stopped unexpectedly (exit code 3)" in err.getvalue()


@pytest.mark.slow
def test_what_a_dead_process_leaves_behind_is_stopped_too(tmp_path):
    # Like gunicorn's workers when their master is killed outright.
    ready, stopped, leftover_ready, leftover_stopped = (
        tmp_path / name for name in ("r", "s", "lr", "ls")
    )
    leaves_a_child = [
        sys.executable,
        "-c",
        WAIT_FOR + "import subprocess\n"
        f"subprocess.Popen({_sleeper(leftover_ready, leftover_stopped)!r})\n"
        f"while not os.path.exists({str(leftover_ready)!r}): time.sleep(0.05)\n"
        "os._exit(9)\n",
        str(ready),
    ]
    code = serve.supervise(
        {"web server": leaves_a_child, "background worker": _sleeper(ready, stopped)},
        out=StringIO(),
        err=StringIO(),
    )
    assert code == 1
    _wait_for(leftover_stopped)
    assert leftover_stopped.read_text() == "stopped"


@pytest.mark.slow
def test_sigterm_stops_both_processes_cleanly(tmp_path):
    files = {
        name: (tmp_path / f"{name}-ready", tmp_path / f"{name}-stopped")
        for name in ("web", "worker")
    }

    def send_sigterm_when_both_are_ready():
        for ready, _stopped in files.values():
            _wait_for(ready)
        os.kill(os.getpid(), signal.SIGTERM)

    sender = threading.Thread(target=send_sigterm_when_both_are_ready)
    sender.start()
    out = StringIO()
    code = serve.supervise(
        {name: _sleeper(*paths) for name, paths in files.items()}, out=out, err=StringIO()
    )
    sender.join()
    assert code == 0
    assert all(stopped.read_text() == "stopped" for _ready, stopped in files.values())
    assert "Commonweal has stopped." in out.getvalue()


# --- one real start, on a free port ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


@pytest.mark.slow
def test_serve_demo_answers_with_pages_and_styles_and_stops_on_sigterm(tmp_path):
    port = _free_port()
    env = commonweal_env(tmp_path / "var", COMMONWEAL_DEMO="true")
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "commonweal.cli",
                "serve",
                "--demo",
                "--no-worker",
                "--workers",
                "1",
                "--port",
                str(port),
            ],
            env=env,
            cwd=tmp_path,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            status = None
            while status is None and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.3)
                status = _get(base + "/")
            assert status == 200, log.read_text()
            assert _get(base + "/static/commonweal/commonweal.css") == 200, log.read_text()
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=30) == 0, log.read_text()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    printed = log.read_text()
    assert "commissioner@riverside.example" in printed
    assert f"http://127.0.0.1:{port}/" in printed
