"""An organisation's inherent social value facts, and what follows from them.

Size band, VCSE status and SME status are derived from facts the organisation
gives (legal form, asset lock, dividend cap, profits reinvested, headcount,
turnover, balance sheet total), never typed in, and each comes with the reason in
plain words: a :class:`~commonweal.messages.Message`, translated where it is shown
(``finding.reason`` is the English). The rules in force on the day that matters
(``core.policy``'s size rules and social enterprise profit share) are passed in by the
caller, so this module imports neither Django nor any app.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from commonweal.messages import Message, gettext_noop, message, ngettext_noop, plural_message

# Legal forms, by their stored code.
CHARITY = "charity"
CIO = "cio"
CIC = "cic"
COOPERATIVE = "cooperative"
COMMUNITY_BENEFIT_SOCIETY = "community_benefit_society"
COMPANY_LIMITED_BY_GUARANTEE = "company_limited_by_guarantee"
PRIVATE_COMPANY = "private_company"
PLC = "plc"
PUBLIC_BODY = "public_body"
PUBLIC_SERVICE_MUTUAL = "public_service_mutual"
UNINCORPORATED_ASSOCIATION = "unincorporated_association"

# Forms that by law cannot hand their assets or profits to private owners.
# Each with the reason it is a VCSE.
NOT_FOR_PRIVATE_PROFIT = {
    CHARITY: gettext_noop("Yes: it is a registered charity."),
    CIO: gettext_noop("Yes: it is a charitable incorporated organisation."),
    CIC: gettext_noop("Yes: it is a community interest company, with a statutory asset lock."),
    COMMUNITY_BENEFIT_SOCIETY: gettext_noop(
        "Yes: it is a community benefit society, run for the benefit of the community."
    ),
    UNINCORPORATED_ASSOCIATION: gettext_noop(
        "Yes: it is a voluntary or community group (an unincorporated association)."
    ),
}
# Forms that are social enterprises when they reinvest most of their profits.
MEMBER_OR_MISSION_LED = {
    COOPERATIVE,
    COMPANY_LIMITED_BY_GUARANTEE,
    PUBLIC_SERVICE_MUTUAL,
    PRIVATE_COMPANY,
}


@dataclass(frozen=True)
class Facts:
    legal_form: str
    asset_lock: bool = False
    dividend_cap_percent: Decimal | None = None
    profits_reinvested_percent: Decimal | None = None
    headcount: int | None = None
    annual_turnover: Decimal | None = None
    balance_sheet_total: Decimal | None = None


# Size band names, as words in a sentence.
BAND_WORDS = {
    "micro": gettext_noop("micro"),
    "small": gettext_noop("small"),
    "medium": gettext_noop("medium"),
}


@dataclass(frozen=True)
class Finding:
    value: bool | str | None
    why: Message

    @property
    def reason(self) -> str:
        """The reason in English (pages and the API show ``why`` translated)."""
        return str(self.why)


class Band(Protocol):
    """A size band's limits (``core.policy.SizeBand``)."""

    @property
    def name(self) -> str: ...

    @property
    def max_headcount(self) -> int: ...

    @property
    def max_turnover(self) -> Decimal: ...

    @property
    def max_balance_sheet_total(self) -> Decimal: ...


class SizeRules(Protocol):
    """The size rules in force (``core.policy.SizeRules``): bands smallest first, and the test that
    places an organisation in one (True, False, or None when the figures needed are missing)."""

    @property
    def bands(self) -> tuple[Band, ...]: ...

    @property
    def sme_limit(self) -> Band: ...

    def test(
        self,
        band: Band,
        headcount: int | None,
        turnover: Decimal | None,
        balance_sheet_total: Decimal | None,
    ) -> bool | None: ...


def _money(amount: Decimal) -> str:
    return f"£{amount:,.0f}"


def _band_word(name: str) -> str | Message:
    return message(BAND_WORDS[name]) if name in BAND_WORDS else name


def _figures(facts: Facts) -> Message:
    """ "12 staff, a turnover of £1,500,000 and a balance sheet total of £900,000"."""
    headcount = facts.headcount or 0
    turnover, balance = facts.annual_turnover, facts.balance_sheet_total
    if turnover is not None and balance is not None:
        forms = ngettext_noop(
            "%(headcount)s staff, a turnover of %(turnover)s and a balance sheet total of "
            "%(balance)s",
            "%(headcount)s staff, a turnover of %(turnover)s and a balance sheet total of "
            "%(balance)s",
        )
    elif turnover is not None:
        forms = ngettext_noop(
            "%(headcount)s staff and a turnover of %(turnover)s",
            "%(headcount)s staff and a turnover of %(turnover)s",
        )
    elif balance is not None:
        forms = ngettext_noop(
            "%(headcount)s staff and a balance sheet total of %(balance)s",
            "%(headcount)s staff and a balance sheet total of %(balance)s",
        )
    else:
        forms = ngettext_noop("%(headcount)s staff", "%(headcount)s staff")
    return plural_message(
        forms,
        headcount,
        headcount=str(facts.headcount),
        turnover=_money(turnover) if turnover is not None else "",
        balance=_money(balance) if balance is not None else "",
    )


def _limits(band: Band) -> Message:
    return plural_message(
        ngettext_noop(
            "up to %(headcount)s staff and a turnover up to %(turnover)s or a balance sheet "
            "total up to %(balance)s",
            "up to %(headcount)s staff and a turnover up to %(turnover)s or a balance sheet "
            "total up to %(balance)s",
        ),
        band.max_headcount,
        headcount=str(band.max_headcount),
        turnover=_money(band.max_turnover),
        balance=_money(band.max_balance_sheet_total),
    )


NOT_KNOWN = gettext_noop("Not known until the organisation gives its headcount and turnover.")


def size_band(facts: Facts, rules: SizeRules) -> Finding:
    """micro, small, medium or large under ``rules``; None when the figures needed are missing."""
    if facts.legal_form == PUBLIC_BODY:
        return Finding(
            None, message(gettext_noop("Size bands apply to suppliers, not public bodies."))
        )
    for band in rules.bands:
        within = rules.test(band, facts.headcount, facts.annual_turnover, facts.balance_sheet_total)
        if within is None:
            return Finding(None, message(NOT_KNOWN))
        if within:
            return Finding(
                band.name,
                message(
                    gettext_noop("%(figures)s: within the %(band)s limits of %(limits)s."),
                    figures=_figures(facts),
                    band=_band_word(band.name),
                    limits=_limits(band),
                ),
            )
    limit = rules.sme_limit
    if facts.balance_sheet_total is None:
        template = gettext_noop(
            "%(figures)s: above the %(band)s limits of %(limits)s. It has not given its balance "
            "sheet total, which could place it in a smaller band."
        )
    else:
        template = gettext_noop("%(figures)s: above the %(band)s limits of %(limits)s.")
    return Finding(
        "large",
        message(
            template, figures=_figures(facts), band=_band_word(limit.name), limits=_limits(limit)
        ),
    )


def is_sme(facts: Facts, rules: SizeRules) -> Finding:
    """A small or medium-sized enterprise under ``rules``: within the medium limits."""
    band = size_band(facts, rules)
    if band.value is None:
        return Finding(None, band.why)
    if band.value == "large":
        return Finding(
            False, message(gettext_noop("It is a large organisation. %(reason)s"), reason=band.why)
        )
    return Finding(
        True,
        message(
            gettext_noop("It is %(band)s sized. %(reason)s"),
            band=_band_word(str(band.value)),
            reason=band.why,
        ),
    )


def is_vcse(facts: Facts, min_profit_reinvested: Decimal) -> Finding:
    """Voluntary, community or social enterprise: purpose before private profit.

    ``min_profit_reinvested`` is the social enterprise profit share in force (a percentage)."""
    if facts.legal_form == PUBLIC_BODY:
        return Finding(False, message(gettext_noop("It is a public body.")))
    if facts.legal_form in NOT_FOR_PRIVATE_PROFIT:
        return Finding(True, message(NOT_FOR_PRIVATE_PROFIT[facts.legal_form]))
    if facts.asset_lock:
        return Finding(
            True, message(gettext_noop("Yes: its assets are locked for its social purpose."))
        )
    threshold = min_profit_reinvested
    reinvested = facts.profits_reinvested_percent
    if (
        facts.legal_form in MEMBER_OR_MISSION_LED
        and reinvested is not None
        and reinvested >= threshold
    ):
        if facts.legal_form == PRIVATE_COMPANY and facts.dividend_cap_percent is None:
            return Finding(
                False,
                message(
                    gettext_noop(
                        "No: it reinvests %(reinvested)s%% of its profits but, as a private "
                        "company without an asset lock or a cap on dividends, its owners may take "
                        "the rest."
                    ),
                    reinvested=str(reinvested),
                ),
            )
        return Finding(
            True,
            message(
                gettext_noop(
                    "Yes: a social enterprise that reinvests %(reinvested)s%% of its profits "
                    "(at least %(threshold)s%%)."
                ),
                reinvested=str(reinvested),
                threshold=str(threshold),
            ),
        )
    if reinvested is None:
        return Finding(
            False,
            message(
                gettext_noop(
                    "No: it has no asset lock and has not said how much of its profit it reinvests."
                )
            ),
        )
    return Finding(
        False,
        message(
            gettext_noop(
                "No: it has no asset lock and reinvests %(reinvested)s%% of its profits, less "
                "than %(threshold)s%%."
            ),
            reinvested=str(reinvested),
            threshold=str(threshold),
        ),
    )
