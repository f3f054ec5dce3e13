"""Load benchmark: every page and API endpoint under concurrent users, against a bare Django view
served by the same server in the same run.

Run:  .venv/bin/python bench/load.py                      # demo grown 100-fold, 20 and 50 users
      .venv/bin/python bench/load.py --quick              # plain demo, 2 s a page, 50 users only
      .venv/bin/python bench/load.py --keep               # keep the database (and say its name)
      .venv/bin/python bench/load.py --load-only          # make and load a database, keep it
      .venv/bin/python bench/load.py --reuse-db NAME      # measure a kept database again, no loading
      .venv/bin/python bench/load.py --only 'needs|api:need' --json after.json --compare before.json
      .venv/bin/python bench/load.py --compare before.json after.json   # only print the two side by side

It makes its own PostgreSQL database (127.0.0.1:5432, user postgres, or --postgres), migrates it,
loads the demo place (`commonweal demo`, grown with `--scale N` when the command has it), then starts
gunicorn as `commonweal serve` does (--workers, default 2) with API throttling off and DEBUG off, on a
free local port. Settings are bench/bench_site.py: Commonweal's own plus a bare "hello" view
(bench/bench_urls.py) that never reaches production.

Each page (bench/load_pages.py: every URL, as a person who may see it) is driven by --users
concurrent users (default 20,50) for --seconds each; a user sends its next request as soon as the last
is answered. The bare view is measured before and after each level's pages and the better of the
two taken, so each page's throughput is shown as a share of the most a worker can serve right then.
Any answer that is not 2xx or 3xx, and any timeout, is an error. The load generator is one asyncio
loop with plain HTTP/1.1 sockets; its own CPU time and the server's (per request, from /proc) are
printed, as CPU time is steadier than wall time on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SRC = ROOT / "src"
PYTHON = sys.executable

# The goals, at GOAL_USERS concurrent users.
GOAL_USERS = 50
GOAL_P95_MS = 150.0
GOAL_SHARE = 0.10
HELLO = "/__bench__/hello/"


# --- the load generator --------------------------------------------------------------------------


@dataclass
class Measured:
    label: str
    path: str
    users: int
    requests: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    server_cpu_seconds: float | None = None
    database_cpu_seconds: float | None = None
    think: float = 0.0  # seconds a user reads each page (0: asks again at once)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float | None:
        if not self.latencies_ms:
            return None
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def server_cpu_ms_per_request(self) -> float | None:
        if self.server_cpu_seconds is None or not self.requests:
            return None
        return 1000 * self.server_cpu_seconds / self.requests

    @property
    def database_cpu_ms_per_request(self) -> float | None:
        if self.database_cpu_seconds is None or not self.requests:
            return None
        return 1000 * self.database_cpu_seconds / self.requests


def request_bytes(path: str, port: int, headers: dict[str, str]) -> bytes:
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "User-Agent: commonweal-load-bench",
        "Accept: */*",
        *(f"{name}: {value}" for name, value in headers.items()),
        "Connection: keep-alive",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one response; its status, and whether the connection may be used again."""
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head[:-4].decode("latin-1").split("\r\n")
    status = int(status_line.split(" ", 2)[1])
    headers = {}
    for line in header_lines:
        name, _colon, value = line.partition(":")
        headers[name.strip().lower()] = value.strip().lower()
    keep = headers.get("connection") != "close" and status_line.startswith("HTTP/1.1")
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif "chunked" in headers.get("transfer-encoding", ""):
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif status not in (204, 304):
        while await reader.read(65536):
            pass
        keep = False
    return status, keep


async def drive(
    *,
    port: int,
    path: str,
    headers: dict[str, str],
    users: int,
    seconds: float,
    timeout: float,
    think: float = 0.0,
) -> tuple[int, float, list[float], dict[str, int]]:
    """``users`` users each asking for ``path`` again as soon as answered, for ``seconds``; with
    ``think``, each first reads the page for half to one and a half times ``think`` seconds (and
    the users start spread over the first ``think`` seconds), as people clicking through a site do."""
    request = request_bytes(path, port, headers)
    pauses = random.Random(path)  # the same pauses for the same page in every run
    latencies: list[float] = []
    errors: dict[str, int] = {}
    clock = time.perf_counter
    started = clock()
    deadline = started + seconds

    def error(kind: str) -> None:
        errors[kind] = errors.get(kind, 0) + 1

    async def pause(seconds_: float) -> bool:
        """Wait, unless that runs past the deadline; False if it would."""
        if clock() + seconds_ >= deadline:
            return False
        await asyncio.sleep(seconds_)
        return True

    async def user() -> None:
        reader = writer = None
        if think and not await pause(pauses.uniform(0, think)):
            return
        while clock() < deadline:
            begun = clock()
            keep = False
            try:
                if writer is None:
                    reader, writer = await asyncio.wait_for(
                        asyncio.open_connection("127.0.0.1", port), timeout
                    )
                writer.write(request)
                status, keep = await asyncio.wait_for(read_response(reader), timeout)
            except TimeoutError:
                error("timeout")
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
                error("connection")
            else:
                if 200 <= status < 400:
                    latencies.append(1000 * (clock() - begun))
                else:
                    error(str(status))
            if not keep and writer is not None:
                writer.close()
                reader = writer = None
            if think and not await pause(pauses.uniform(0.5 * think, 1.5 * think)):
                break
        if writer is not None:
            writer.close()

    await asyncio.gather(*(user() for _ in range(users)))
    elapsed = clock() - started
    return len(latencies) + sum(errors.values()), elapsed, latencies, errors


# --- the server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_cpu_seconds(pid: int) -> float | None:
    """A process's user and system CPU time, from /proc (Linux); None if it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if parent == pid:
                found.append(int(entry.name))
    return found


class Server:
    def __init__(
        self, *, env: dict[str, str], workers: int, log: Path, admin_url: str, database: str
    ):
        self.admin_url = admin_url
        self.database = database
        self.database_pids: list[int] = []
        self.port = free_port()
        self.workers = workers
        self.log = log
        from commonweal.core.management.commands.serve import gunicorn_command

        command = gunicorn_command(host="127.0.0.1", port=self.port, workers=workers)
        self.process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT
        )
        self.worker_pids: list[int] = []

    def wait_ready(self, seconds: float = 90) -> None:
        give_up = time.monotonic() + seconds
        while time.monotonic() < give_up:
            if self.process.poll() is not None:
                sys.exit(f"The server stopped at start-up; its log is {self.log}.")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(request_bytes(HELLO, self.port, {}))
                    if sock.recv(64).startswith(b"HTTP/1.1 200"):
                        break
            except OSError:
                pass
            time.sleep(0.3)
        else:
            sys.exit(f"The server did not answer within {seconds:.0f} s; its log is {self.log}.")
        while len(self.worker_pids) < self.workers and time.monotonic() < give_up:
            self.worker_pids = children(self.process.pid)
            time.sleep(0.2)

    def cpu_seconds(self) -> float | None:
        """The workers' CPU time so far; None if a worker has been replaced (then the figure is lost)."""
        times = [process_cpu_seconds(pid) for pid in self.worker_pids]
        if not self.worker_pids or None in times:
            self.worker_pids = children(self.process.pid)
            return None
        return sum(t for t in times if t is not None)

    def database_cpu(self) -> dict[int, float | None]:
        """The CPU time so far of each PostgreSQL backend connected to the database (the workers',
        which last CONN_MAX_AGE, and any of this process's), by process id."""
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND backend_type = 'client backend'",
                [self.database],
            ).fetchall()
        return {pid: process_cpu_seconds(pid) for (pid,) in rows}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# --- the database --------------------------------------------------------------------------------


def postgres(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql)


def commonweal(args: list[str], env: dict[str, str]) -> str:
    """Run the `commonweal` command in a child process; stop with its output if it fails."""
    done = subprocess.run(
        [PYTHON, "-m", "commonweal.cli", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(
            f"`commonweal {' '.join(args)}` failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    return done.stdout


def scale_available(env: dict[str, str]) -> bool:
    return "--scale" in commonweal(["demo", "--help"], {**env, "COMMONWEAL_DEMO": "true"})


def checkout(root: Path = ROOT) -> str:
    """The commit measured, and whether the working tree had changes beyond it."""

    def git(*words: str) -> str:
        return subprocess.run(["git", *words], cwd=root, capture_output=True, text=True).stdout

    changed = git("status", "--porcelain", "--untracked-files=no").strip()
    return git("rev-parse", "--short", "HEAD").strip() + (
        " with uncommitted changes" if changed else ""
    )


# --- the table -----------------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def misses(row: dict) -> list[str]:
    if row["users"] != GOAL_USERS or row.get("bare"):
        return []
    found = []
    if row["p95_ms"] is None or row["p95_ms"] >= GOAL_P95_MS:
        found.append(f"p95>={GOAL_P95_MS:.0f}ms")
    # With think time the users' pace sets the throughput: the share goal is for runs without it.
    if not row.get("think") and (row["share"] is None or row["share"] < GOAL_SHARE):
        found.append(f"share<{GOAL_SHARE:.0%}")
    if row["errors"]:
        found.append("errors")
    return found


def cpu_share(row: dict, bare: dict) -> float | None:
    """The bare view's CPU time per request (workers' and PostgreSQL's) over the page's: the share of
    its throughput the page would reach on an otherwise idle machine, where both are held by CPU."""
    parts = [row.get("server_cpu_ms"), row.get("database_cpu_ms")]
    # The bare view makes no queries: its database figure is lost when a connection is replaced.
    bare_parts = [bare.get("server_cpu_ms"), bare.get("database_cpu_ms") or 0.0]
    if None in parts or None in bare_parts or not sum(parts):
        return None
    return sum(bare_parts) / sum(parts)


def as_row(measured: Measured, hello: Measured | None) -> dict:
    share = None
    if hello is not None and hello.per_second:
        share = measured.per_second / hello.per_second
    row = {
        "label": measured.label,
        "path": measured.path,
        "users": measured.users,
        "requests": measured.requests,
        "per_second": round(measured.per_second, 1),
        "p50_ms": measured.percentile(0.50),
        "p95_ms": measured.percentile(0.95),
        "p99_ms": measured.percentile(0.99),
        "share": share,
        "errors": dict(measured.errors),
        "server_cpu_ms": measured.server_cpu_ms_per_request,
        "database_cpu_ms": measured.database_cpu_ms_per_request,
        "think": measured.think,
    }
    if hello is not None:
        row["cpu_share"] = cpu_share(row, as_row(hello, None))
    return row


HEADER = (
    f"{'page [as]':<58} {'users':>5} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
    f"{'share':>6} {'cpu ms':>7} {'db ms':>6} {'cpu shr':>7}  errors / goals missed"
)


def print_row(row: dict) -> None:
    errors = ", ".join(f"{count} {kind}" for kind, count in sorted(row["errors"].items()))
    marks = " ".join(f"MISS {m}" for m in misses(row) if m != "errors")
    share = "-" if row["share"] is None else f"{row['share']:.1%}"
    by_cpu = "-" if row.get("cpu_share") is None else f"{row['cpu_share']:.1%}"
    print(
        f"{row['label'][:58]:<58} {row['users']:>5} {fmt(row['per_second'], 1):>7} "
        f"{fmt(row['p50_ms']):>7} {fmt(row['p95_ms']):>7} {fmt(row['p99_ms']):>7} {share:>6} "
        f"{fmt(row['server_cpu_ms'], 1):>7} {fmt(row.get('database_cpu_ms'), 1):>6} {by_cpu:>7}  {errors}{'  ' if errors and marks else ''}{marks}",
        flush=True,
    )


def compare(before: dict, after: dict) -> None:
    """Two runs side by side: each page and level in either, with the ratio of throughputs."""
    print(f"\nBefore: {before['meta'].get('summary', '?')}")
    print(f"After:  {after['meta'].get('summary', '?')}\n")
    print(
        f"{'page [as]':<52} {'users':>5} {'req/s':>15} {'p95 ms':>15} {'share':>13} "
        f"{'cpu ms':>13} {'x req/s':>7}"
    )
    old = {(r["label"], r["users"]): r for r in before["rows"]}
    new = {(r["label"], r["users"]): r for r in after["rows"]}
    keys = list(dict.fromkeys([*old, *new]))
    for key in keys:
        a, b = old.get(key), new.get(key)

        def pair(name: str, digits: int = 0, percent: bool = False, a=a, b=b) -> str:
            def one(row):
                if row is None or row[name] is None:
                    return "-"
                return f"{row[name]:.0%}" if percent else fmt(row[name], digits)

            return f"{one(a)} > {one(b)}"

        ratio = "-"
        if a and b and a["per_second"]:
            ratio = f"{b['per_second'] / a['per_second']:.2f}"
        print(
            f"{key[0][:52]:<52} {key[1]:>5} {pair('per_second', 1):>15} {pair('p95_ms'):>15} "
            f"{pair('share', percent=True):>13} {pair('server_cpu_ms', 1):>13} {ratio:>7}"
        )


# --- the run -------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100, help="grow the demo N-fold (default 100)")
    parser.add_argument("--reuse-db", metavar="NAME", help="a kept database: no loading")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument(
        "--load-only",
        action="store_true",
        help="make and load the database, keep it, measure nothing",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--users", default="20,50", help="concurrent users, comma-separated")
    parser.add_argument("--seconds", type=float, default=5.0, help="per page, per level")
    parser.add_argument("--timeout", type=float, default=10.0, help="a request slower is an error")
    parser.add_argument("--only", help="a regular expression: only pages whose 'name [as]' match")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="each user reads a page for about this long before the next (default 0: asks again "
        "at once, which measures throughput); with it, the p95 is what people wait",
    )
    parser.add_argument(
        "--quick", action="store_true", help="plain demo, 2 s a page, 50 users only"
    )
    parser.add_argument("--json", type=Path, help="write the results to this file")
    parser.add_argument(
        "--compare",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="print an earlier run (--json) beside this one; with two files, only print them",
    )
    parser.add_argument(
        "--show", type=Path, metavar="FILE", help="only print a run saved with --json"
    )
    parser.add_argument(
        "--server-code",
        type=Path,
        metavar="DIR",
        help="serve the pages with another checkout's code (its src/), such as an earlier commit, "
        "against the same database: a before-and-after on the same data",
    )
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    if args.quick:
        args.seconds = min(args.seconds, 2.0)
        args.users = "50"
        if "--scale" not in sys.argv:
            args.scale = 1
    try:
        args.levels = [int(n) for n in args.users.split(",")]
    except ValueError:
        parser.error("--users takes whole numbers separated by commas, like 20,50")
    if args.load_only:
        args.keep = True
        if args.reuse_db:
            parser.error("--load-only makes a new database: leave out --reuse-db")
    if args.server_code is not None:
        args.server_code = args.server_code.resolve()
        if not (args.server_code / "src" / "commonweal" / "wsgi.py").exists():
            parser.error(
                f"--server-code {args.server_code} is not a Commonweal checkout (no src/commonweal)"
            )
        if not args.reuse_db:
            parser.error("--server-code needs --reuse-db: load the data with this checkout first")
    if args.compare and len(args.compare) > 2:
        parser.error("--compare takes one file (to compare with this run) or two")
    return args


def main() -> None:
    args = parse_args()
    # Stopped with SIGTERM (or SIGINT, even when started in the background): stop the server and
    # drop the database on the way out, as at the end.
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if args.show:
        show(json.loads(args.show.read_text()))
        return
    if args.compare and len(args.compare) == 2:
        before, after = (json.loads(p.read_text()) for p in args.compare)
        compare(before, after)
        return

    name = args.reuse_db or f"commonweal_bench_{os.getpid()}"
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        sys.exit("Give --reuse-db a plain database name: lower-case letters, digits and _.")
    admin_url = f"{args.postgres}/postgres"
    var = Path(f"/tmp/{name}")  # uploads, static files, the file cache, the keys and the log
    var.mkdir(exist_ok=True)
    keys_file = var / "keys.json"
    if keys_file.exists():
        keys = json.loads(keys_file.read_text())
    else:
        os.environ.setdefault("COMMONWEAL_TESTING", "true")  # to import the key maker only
        sys.path.insert(0, str(SRC))
        from commonweal.core.audit_keys import new_keys

        made = new_keys()
        keys = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "AUDIT_KEY": made["AUDIT_KEY"],
            "AUDIT_SIGNING_KEY": made["AUDIT_SIGNING_KEY"],
        }
        keys_file.write_text(json.dumps(keys))
        os.environ.pop("COMMONWEAL_TESTING")

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "COMMONWEAL_DEMO", "COMMONWEAL_TESTING")
    }
    env.update(keys)
    env.update(
        {
            "DATABASE_URL": f"{args.postgres}/{name}",
            "DJANGO_SETTINGS_MODULE": "bench_site",
            "PYTHONPATH": os.pathsep.join([str(BENCH), str(SRC), env.get("PYTHONPATH", "")]),
            "COMMONWEAL_VAR_DIR": str(var),
            "API_THROTTLE": "off",
            "DEBUG": "off",
            "PYTHONUNBUFFERED": "1",
        }
    )

    created = False
    server = None
    try:
        scale_note = ""
        if args.reuse_db:
            loaded = (
                json.loads((var / "loaded.json").read_text())
                if (var / "loaded.json").exists()
                else {}
            )
            scale = loaded.get("scale")
            scale_note = f"reused database {name}" + (f", loaded at scale {scale}" if scale else "")
            print(
                f"Using the database {name} (--reuse-db): nothing loaded; migrating to this code ...",
                flush=True,
            )
            commonweal(["migrate", "--no-input", "-v0"], env)
        else:
            postgres(admin_url, f'CREATE DATABASE "{name}"')
            created = True
            print(f"Made the database {name}; migrating ...", flush=True)
            commonweal(["migrate", "--no-input", "-v0"], env)
            scale = args.scale
            demo_args = ["demo"]
            if scale > 1:
                if scale_available(env):
                    demo_args += ["--scale", str(scale)]
                else:
                    print(
                        f"SCALING IS NOT AVAILABLE: this checkout's `commonweal demo` has no --scale, so "
                        f"the plain demo is measured (scale 1), not {scale}x.",
                        flush=True,
                    )
                    scale = 1
            started = time.perf_counter()
            print(f"Loading: commonweal {' '.join(demo_args)} ...", flush=True)
            commonweal(demo_args, {**env, "COMMONWEAL_DEMO": "true"})
            print(f"Loaded in {time.perf_counter() - started:.0f} s.", flush=True)
            (var / "loaded.json").write_text(json.dumps({"scale": scale}))
            scale_note = f"demo at scale {scale}"
        # Autovacuum may be off (it is on some development machines) or not have run yet: without
        # it the rows the load updated stay as dead versions and the planner's sizes stay those of
        # an empty database, and every run would measure that instead of a kept-up database.
        print("Vacuuming and analysing the database ...", flush=True)
        postgres(f"{args.postgres}/{name}", "VACUUM ANALYZE")
        if not (var / "static" / "staticfiles.json").exists():
            commonweal(["collectstatic", "--no-input", "-v0"], env)
        if args.load_only:
            return

        # The people, their sessions and token, and the pages: made here, through Django.
        for key, value in env.items():
            os.environ[key] = value
        sys.path[:0] = [str(BENCH), str(SRC)]
        import django

        django.setup()
        import load_pages
        from django.db import connections

        pattern = re.compile(args.only) if args.only else None
        targets = load_pages.targets(
            include=lambda label: pattern is None or bool(pattern.search(label))
        )
        if not targets:
            sys.exit(f"No page matches --only {args.only!r}.")
        headers = load_pages.credentials({t.role for t in targets})
        connections.close_all()

        server_env = env
        if args.server_code is not None:
            server_env = {
                **env,
                "PYTHONPATH": os.pathsep.join(
                    [str(BENCH), str(args.server_code / "src"), os.environ.get("PYTHONPATH", "")]
                ),
            }
        server = Server(
            env=server_env,
            workers=args.workers,
            log=var / "server.log",
            admin_url=admin_url,
            database=name,
        )
        server.wait_ready()
        summary = (
            f"{scale_note}; gunicorn, {args.workers} workers (sync), PostgreSQL; "
            f"API throttling OFF, DEBUG off; {args.seconds:g} s a page at each of "
            f"{', '.join(map(str, args.levels))} users"
            + (f", each reading a page for about {args.think:g} s" if args.think else "")
        )
        code = checkout(args.server_code or ROOT)
        if args.server_code is not None:
            code = f"{code} from {args.server_code} (pages and sessions made with {checkout()})"
        print(f"\n{summary}; code: {code}.")
        bare_runs = 2 + (len(targets) - 1) // BARE_EVERY
        estimate = (len(targets) + bare_runs) * len(args.levels) * (args.seconds + 0.3)
        print(
            f"{len(targets)} pages and endpoints; about {estimate / 60:.0f} minutes. "
            f"Server on 127.0.0.1:{server.port} (log: {server.log}).\n",
            flush=True,
        )

        rows, hello_rows, generator_cpu, load_wall = asyncio.run(
            run_all(args=args, server=server, targets=targets, headers=headers)
        )
        server_cpu = server.cpu_seconds()
        print_summary(rows, hello_rows, generator_cpu, load_wall, server_cpu, think=args.think)
        result = {
            "meta": {
                "summary": summary,
                "scale": scale,
                "database": name,
                "workers": args.workers,
                "users": args.levels,
                "seconds": args.seconds,
                "think": args.think,
                "throttle": "off",
                "commit": code,
                "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                "generator_cpu_seconds": generator_cpu,
                "load_seconds": load_wall,
                "server_cpu_seconds": server_cpu,
            },
            "hello": hello_rows,
            "rows": rows,
        }
        if args.json:
            args.json.write_text(json.dumps(result, indent=1))
            print(f"Results written to {args.json}.")
        if args.compare:
            compare(json.loads(args.compare[0].read_text()), result)
    finally:
        if server is not None:
            server.stop()
        if created and not args.keep:
            try:
                from django.db import connections

                connections.close_all()
            except Exception:
                pass
            postgres(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            shutil.rmtree(var, ignore_errors=True)
            print(f"Dropped the database {name}.")
        elif created or args.keep:
            print(f"Kept the database {name}: measure it again with --reuse-db {name}.")


async def drain(server: Server) -> None:
    """Wait until the workers have finished what is queued. Requests given up at the timeout stay in
    the listening socket's queue and are still served; without this, their work would be counted
    against the next page. A bare-view request from each worker's share of the queue, sent after
    them, comes back only once they are done."""

    async def one() -> None:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(request_bytes(HELLO, server.port, {}))
            await asyncio.wait_for(read_response(reader), 600)
            writer.close()
        except (OSError, TimeoutError, asyncio.IncompleteReadError):
            pass

    await asyncio.gather(*(one() for _ in range(server.workers)))


async def measure(args, server: Server, label: str, path: str, headers, users: int) -> Measured:
    await drain(server)
    cpu_before, database_before = server.cpu_seconds(), server.database_cpu()
    count, elapsed, latencies, errors = await drive(
        port=server.port,
        path=path,
        headers=headers,
        users=users,
        seconds=args.seconds,
        timeout=args.timeout,
        think=args.think,
    )
    cpu_after, database_after = server.cpu_seconds(), server.database_cpu()
    measured = Measured(label, path, users, count, elapsed, latencies, errors, think=args.think)
    if cpu_before is not None and cpu_after is not None:
        measured.server_cpu_seconds = cpu_after - cpu_before
    # Only when the same backends served from start to end (a connection replaced: figure lost).
    if database_before.keys() == database_after.keys() and None not in (
        *database_before.values(),
        *database_after.values(),
    ):
        measured.database_cpu_seconds = sum(
            database_after[pid] - database_before[pid]  # type: ignore[operator]
            for pid in database_before
        )
    return measured


async def warm_up(server: Server, targets, headers) -> None:
    """Each page once on every worker, so the first measured requests find warm workers."""
    for target in targets:
        await drive(
            port=server.port,
            path=target.path,
            headers=headers[target.role],
            users=server.workers,
            seconds=0.05,
            timeout=60,
        )


BARE_EVERY = 8


async def run_all(*, args, server: Server, targets, headers):
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    await warm_up(server, targets, headers)
    rows: list[dict] = []
    hello_rows: list[dict] = []
    print(HEADER)
    for users in args.levels:
        # The bare view is measured again every BARE_EVERY pages: a shared machine's speed drifts
        # (its other work, the host's), by half or more over a run, and each page is compared with
        # the bare view measured just before and just after it (the better of the two).
        bares = [await measure(args, server, "bare Django view", HELLO, {}, users)]
        level_rows = []
        for index, target in enumerate(targets):
            if index and index % BARE_EVERY == 0:
                bares.append(await measure(args, server, "bare Django view", HELLO, {}, users))
            measured = await measure(
                args, server, target.label, target.path, headers[target.role], users
            )
            level_rows.append((measured, len(bares) - 1))
            print_row(as_row(measured, bares[-1]))
        bares.append(await measure(args, server, "bare Django view", HELLO, {}, users))
        best = max(bares, key=lambda m: m.per_second)
        for number, measured in enumerate(bares, start=1):
            measured.label = f"bare Django view ({number} of {len(bares)})"
            hello_rows.append({**as_row(measured, best), "bare": True})
            print_row(hello_rows[-1])
        for measured, before in level_rows:
            hello = max(bares[before], bares[before + 1], key=lambda m: m.per_second)
            rows.append(as_row(measured, hello))
        slowest = min(bares, key=lambda m: m.per_second)
        print(
            f"  ({users} users: shares above were of the bare view measured before each page; the "
            f"table below uses the better of those just before and just after it. The bare view "
            f"ranged from {slowest.per_second:,.0f} to {best.per_second:,.0f} req/s.)\n",
            flush=True,
        )
    return rows, hello_rows, time.process_time() - cpu_started, time.perf_counter() - wall_started


def show(result: dict) -> None:
    """Print a run saved with --json again, with its share by CPU time."""
    meta = result["meta"]
    print(f"{meta.get('summary', '?')}; code: {meta.get('commit', '?')}; {meta.get('when', '?')}.")
    bare = {}
    for row in result["hello"]:
        if row["users"] not in bare or row["per_second"] > bare[row["users"]]["per_second"]:
            bare[row["users"]] = row
    for row in result["rows"]:
        if row.get("cpu_share") is None and row["users"] in bare:
            row["cpu_share"] = cpu_share(row, bare[row["users"]])
    for row in result["hello"]:
        row["cpu_share"] = cpu_share(row, bare[row["users"]])
    print_summary(
        result["rows"],
        result["hello"],
        meta.get("generator_cpu_seconds", 0.0),
        meta.get("load_seconds", 1.0),
        meta.get("server_cpu_seconds"),
    )


def print_summary(
    rows, hello_rows, generator_cpu, load_wall, server_cpu: float | None, *, think: float = 0.0
) -> None:
    print("\nResults (share: throughput as a share of the bare Django view at the same level;")
    print(
        "cpu ms: the server workers' CPU time per request; db ms: PostgreSQL's, for their connections;"
    )
    print(
        "cpu shr: the share by CPU time, (bare view's cpu + db ms) / (page's), the share an idle\n"
        "machine would show, steadier than share on a busy one; latencies include waiting for a worker):\n"
    )
    print(HEADER)
    for row in hello_rows:
        print_row(row)
    order = {label: n for n, label in enumerate(dict.fromkeys(r["label"] for r in rows))}
    for row in sorted(rows, key=lambda r: (order[r["label"]], r["users"])):
        print_row(row)
    missed = [r for r in rows if misses(r)]
    print(
        f"\nGoals at {GOAL_USERS} users: p95 under {GOAL_P95_MS:.0f} ms and at least "
        f"{GOAL_SHARE:.0%} of the bare view's throughput, no errors. "
        + (
            f"{len(missed)} of {sum(r['users'] == GOAL_USERS for r in rows)} miss:"
            if missed
            else "Every page meets them."
        )
    )
    for row in sorted(missed, key=lambda r: -(r["p95_ms"] or 1e9)):
        print(f"  {row['label']}: {', '.join(misses(row))}")
    errors = sum(sum(r["errors"].values()) for r in rows)
    print(f"\nErrors (not 2xx/3xx, or no answer within the timeout): {errors}.")
    print(
        f"Load generator: {generator_cpu:.1f} s of CPU over {load_wall:.0f} s "
        f"({generator_cpu / load_wall:.0%} of one core), beside the server's workers"
        + (f" ({server_cpu:.1f} s of CPU since they started)." if server_cpu is not None else ".")
    )
    if think:
        print(
            f"Each user read each page for {0.5 * think:g} to {1.5 * think:g} s before asking "
            "again, so the p95 is what people wait; the share of the bare view is not a goal here "
            "(the users' pace sets the throughput): run without --think for it."
        )
    else:
        print(
            f"Each user asks again as soon as answered, so at {GOAL_USERS} users a p95 under "
            f"{GOAL_P95_MS:.0f} ms needs about {GOAL_USERS / (GOAL_P95_MS / 1000):.0f} req/s or "
            "more (latency is users / throughput); --think gives what people clicking through wait."
        )
    print("API throttling was OFF (API_THROTTLE=off) for this run.")


if __name__ == "__main__":
    main()
