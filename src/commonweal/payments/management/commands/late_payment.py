"""`commonweal late-payment --amount 12000 --due 2025-01-31 --paid 2025-03-17 [--json]`: what a late
payment adds to an invoice, worked out as the calculator page does. Without --paid, what is owed
today. Bad input is a message on stderr and status 2, as argparse gives for a command used wrongly.
"""

import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commonweal.payments.late_payment import (
    LatePaymentError,
    as_json,
    band_words,
    late_payment,
    not_late_yet,
    percent,
)

# argparse's own status for a command used wrongly.
BAD_INPUT = 2


def _amount(text: str) -> Decimal:
    try:
        amount = Decimal(text.replace(",", "").removeprefix("£").strip())
    except InvalidOperation:
        raise CommandError(
            _("--amount must be an amount in pounds, like 12000 or 12000.50, not %(text)r.")
            % {"text": text},
            returncode=BAD_INPUT,
        ) from None
    if not amount.is_finite():
        raise CommandError(
            _("--amount must be an amount in pounds, like 12000 or 12000.50, not %(text)r.")
            % {"text": text},
            returncode=BAD_INPUT,
        )
    return amount


def _day(option: str, text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            _("%(option)s must be a day written year-month-day, like 2025-01-31, not %(text)r.")
            % {"option": option, "text": text},
            returncode=BAD_INPUT,
        ) from None


def _words(day: date) -> str:
    return date_format(day, "j F Y")


def _money(amount: Decimal) -> str:
    return f"£{amount.quantize(Decimal('0.01')):,}"


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the language of the moment
        return _(
            "Work out what a late payment adds to an invoice under the Late Payment of Commercial "
            "Debts (Interest) Act 1998: days late, the reference rate and its date, statutory "
            "interest, fixed compensation and the total owed. It is not legal advice."
        )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return super().create_parser(prog_name, "late-payment", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--amount",
            required=True,
            metavar="POUNDS",
            help=gettext_lazy("How much the invoice was for, in pounds, like 12000 or 12000.50."),
        )
        parser.add_argument(
            "--due",
            required=True,
            metavar="YYYY-MM-DD",
            help=gettext_lazy("The last day for paying the invoice on time."),
        )
        parser.add_argument(
            "--paid",
            metavar="YYYY-MM-DD",
            help=gettext_lazy(
                "The day it was paid. Left out: today, for what is owed if it is paid today."
            ),
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help=gettext_lazy(
                "Print one JSON object (days_late, reference_rate, reference_rate_date, "
                "statutory_rate, interest, compensation, total, ...) instead of words."
            ),
        )

    def handle(self, *args, amount: str, due: str, paid: str | None, json: bool, **options):
        debt, due_on = _amount(amount), _day("--due", due)
        paid_on = _day("--paid", paid) if paid is not None else timezone.localdate()
        try:
            result = late_payment(debt, due_on, paid_on)
        except DatabaseError:  # the base rates officers add are kept in the database
            raise CommandError(
                _(
                    "Commonweal cannot read the base rates held in its database. If this is a new "
                    "installation, make the database first: commonweal migrate"
                )
            ) from None
        except LatePaymentError as error:
            words = error.message
            if paid is None and error.field == "paid":
                words = not_late_yet(due_on)
            raise CommandError(words.render(_, ngettext), returncode=BAD_INPUT) from None
        if json:
            self.stdout.write(_json_text(as_json(result)))
            return
        rate = result.reference_rate
        lines = [
            (_("Invoice"), _money(result.amount)),
            (_("Payment was due"), _words(result.due)),
            (
                _("Paid"),
                _words(result.paid)
                if paid is not None
                else _("not yet: what is owed today, %(day)s") % {"day": _words(result.paid)},
            ),
            (
                _("Days late"),
                ngettext(
                    "%(days)d (from %(start)s, the day after payment was due)",
                    "%(days)d (from %(start)s, the day after payment was due, to %(end)s)",
                    result.days_late,
                )
                % {
                    "days": result.days_late,
                    "start": _words(result.interest_from),
                    "end": _words(result.paid),
                },
            ),
            (
                _("Reference rate"),
                _("%(rate)s%% (Bank of England Bank Rate on %(day)s, fixed for the whole debt)")
                % {"rate": percent(rate.rate), "day": _words(rate.fixed_on)},
            ),
            (
                _("Interest rate"),
                _("%(rate)s%% a year (the reference rate plus %(margin)s%%)")
                % {
                    "rate": percent(result.statutory_rate),
                    "margin": f"{rate.margin.normalize():f}",
                },
            ),
            (
                _("Interest"),
                _("%(interest)s (%(amount)s × %(rate)s%% × %(days)d days ÷ 365, to the penny)")
                % {
                    "interest": _money(result.interest),
                    "amount": _money(result.amount),
                    "rate": percent(result.statutory_rate),
                    "days": result.days_late,
                },
            ),
            (
                _("Compensation"),
                _("%(sum)s (a fixed sum for each invoice paid late: %(band)s)")
                % {
                    "sum": _money(result.compensation),
                    "band": band_words(result).render(_, ngettext),
                },
            ),
            (_("Total owed"), _money(result.total)),
        ]
        width = max(len(label) for label, _value in lines) + 2
        for label, value in lines:
            self.stdout.write(f"{(label + ':').ljust(width)}{value}")
        self.stdout.write("")
        self.stdout.write(_("Where the rules come from:"))
        for rule in result.rules:
            self.stdout.write(f"- {rule.title}: {rule.source}")
        self.stdout.write("")
        self.stdout.write(_("This is not legal advice."))


def _json_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
