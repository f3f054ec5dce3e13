"""`commonweal pb tally FILE.pb`: count a Pabulib election from the command line, without Django.

For analysts and auditors: prints the selected project ids (as in the file),
their total cost and the time taken; with ``--json`` exactly one JSON object
with the keys ``selected``, ``cost`` and ``seconds``. A malformed file prints
"line N: problem" and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import NoReturn

from . import pabulib, rules
from .outcome import COMPLETIONS, RULES, Number

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: {message}\n")
        sys.exit(USAGE_ERROR)


def build_parser(prog: str = "commonweal pb") -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description="Participatory budgeting tools.")
    commands = parser.add_subparsers(dest="command", metavar="command", parser_class=_Parser)
    commands.required = True
    tally = commands.add_parser(
        "tally",
        help="Count a Pabulib .pb file with a rule.",
        description="Count a Pabulib .pb file and print the selected projects, their total cost and the time taken.",
    )
    tally.add_argument("file", metavar="FILE.pb", help="the election, in Pabulib's .pb format")
    tally.add_argument(
        "--rule",
        required=True,
        choices=RULES,
        help="greedy by votes, or the Method of Equal Shares",
    )
    tally.add_argument(
        "--satisfaction",
        choices=rules.SATISFACTIONS,
        help="how a voter values a project (default: cost for approval and choose-1 ballots, "
        "cardinal for points, borda for rankings)",
    )
    tally.add_argument(
        "--completion",
        choices=COMPLETIONS,
        default="none",
        help="how MES spends what it leaves over",
    )
    tally.add_argument(
        "--step",
        help="for --completion budget-increase: how much to raise the budget by each time "
        "(a currency amount; default 1%% of the budget)",
    )
    tally.add_argument(
        "--json", action="store_true", help="print one JSON object: selected, cost, seconds"
    )
    return parser


def _json_number(value: Number) -> int | str:
    """Whole amounts as JSON numbers; any other amount as an exact decimal string."""
    if int(value) == value:
        return int(value)
    return pabulib.format_number(value)


def main(argv: list[str] | None = None, prog: str = "commonweal pb") -> int:
    """Run ``pb tally``; returns the exit status."""
    args = build_parser(prog).parse_args(argv)
    started = time.perf_counter()
    step = None
    if args.step is not None:
        if args.completion != "budget-increase":
            sys.stderr.write("--step is only for --completion budget-increase\n")
            return USAGE_ERROR
        try:
            step = pabulib.parse_number(args.step)
        except (ValueError, ZeroDivisionError):
            sys.stderr.write(f"--step {args.step!r} is not an amount\n")
            return USAGE_ERROR
        if step <= 0:
            sys.stderr.write("--step must be more than 0\n")
            return USAGE_ERROR
    try:
        election = pabulib.parse_file(args.file)
    except pabulib.PabulibError as error:
        sys.stderr.write(f"{args.file}: {error}\n")
        return USAGE_ERROR
    except UnicodeDecodeError:
        sys.stderr.write(f"{args.file}: not a text file in UTF-8\n")
        return USAGE_ERROR
    except OSError as error:
        sys.stderr.write(f"{args.file}: {error.strerror or error}\n")
        return USAGE_ERROR
    try:
        outcome = rules.tally(
            election,
            rule=args.rule,
            satisfaction=args.satisfaction,
            completion=args.completion,
            step=step,
        )
    except ValueError as error:
        sys.stderr.write(f"{error}\n")
        return USAGE_ERROR
    seconds = time.perf_counter() - started
    if args.json:
        print(
            json.dumps(
                {
                    "selected": list(outcome.selected),
                    "cost": _json_number(outcome.cost),
                    "seconds": round(seconds, 3),
                }
            )
        )
        return 0
    print(f"Selected {len(outcome.selected)} projects: {' '.join(outcome.selected) or '(none)'}")
    print(
        f"Total cost: {pabulib.format_number(outcome.cost)} (budget {pabulib.format_number(election.budget)})"
    )
    print(f"Time: {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
