"""Rules about organisations: size bands (micro, small, medium; above them, large) and VCSE status."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from commonweal.core.policy.dated import Dated, Rule


@dataclass(frozen=True)
class SizeBand:
    name: str  # micro, small, medium
    max_headcount: int  # staff, less than or equal to
    max_turnover: Decimal  # pounds, less than or equal to
    max_balance_sheet_total: Decimal  # pounds, less than or equal to


# A band's test: True (within the band), False (above it), or None when the figures needed are
# missing.
BandTest = Callable[[SizeBand, int | None, Decimal | None, Decimal | None], bool | None]


def staff_and_turnover_or_balance_sheet(
    band: SizeBand,
    headcount: int | None,
    turnover: Decimal | None,
    balance_sheet_total: Decimal | None,
) -> bool | None:
    """Within the staff limit, and within the turnover limit OR the balance sheet limit.

    A figure not given cannot put an organisation in a band: one that gives only its turnover is
    placed by its turnover (giving its balance sheet total may place it in a smaller band)."""
    if headcount is None or (turnover is None and balance_sheet_total is None):
        return None
    if headcount > band.max_headcount:
        return False
    return (turnover is not None and turnover <= band.max_turnover) or (
        balance_sheet_total is not None and balance_sheet_total <= band.max_balance_sheet_total
    )


@dataclass(frozen=True)
class SizeRules:
    """One version of the size rules: the bands, smallest first, and the test that places an
    organisation in a band. Above the last band an organisation is large; the last band's test is
    the test of a small or medium-sized enterprise (SME)."""

    bands: tuple[SizeBand, ...]
    within: BandTest

    def test(
        self,
        band: SizeBand,
        headcount: int | None,
        turnover: Decimal | None,
        balance_sheet_total: Decimal | None,
    ) -> bool | None:
        return self.within(band, headcount, turnover, balance_sheet_total)

    @property
    def sme_limit(self) -> SizeBand:
        return self.bands[-1]


_EU_RECOMMENDATION = (
    "Commission Recommendation 2003/361/EC concerning the definition of micro, small and "
    "medium-sized enterprises, https://eur-lex.europa.eu/eli/reco/2003/361/oj, as used in UK public "
    "procurement guidance before the Procurement Act 2023: micro fewer than 10 staff and a turnover "
    "or balance sheet total up to 2m; small fewer than 50 and up to 10m; medium fewer than 250 and a "
    "turnover up to 50m or a balance sheet total up to 43m. The Recommendation's limits are in "
    "euros; Commonweal has applied them as the same number of pounds since it began. Before issue "
    "10 Commonweal tested turnover only; it held no balance sheet totals, so no finding changes."
)
_PROCUREMENT_ACT_SME = (
    "Procurement Act 2023, section 123 (meaning of small and medium-sized enterprise), "
    "https://www.legislation.gov.uk/ukpga/2023/54/section/123, in force from 24 February 2025, "
    "when the Act's procurement regime began: fewer than 250 staff, "
    "and a turnover of £44m or less OR a balance sheet total of £38m or less. The Act defines no "
    "micro or small band; Commonweal keeps the Recommendation's micro and small bands."
)

SIZE_BANDS: Rule[SizeRules] = Rule(
    "organisation_size_bands",
    "the organisation size bands",
    [
        Dated(
            starts=date(2005, 1, 1),
            value=SizeRules(
                bands=(
                    SizeBand("micro", 9, Decimal("2000000"), Decimal("2000000")),
                    SizeBand("small", 49, Decimal("10000000"), Decimal("10000000")),
                    SizeBand("medium", 249, Decimal("50000000"), Decimal("43000000")),
                ),
                within=staff_and_turnover_or_balance_sheet,
            ),
            source=_EU_RECOMMENDATION,
        ),
        Dated(
            starts=date(2025, 2, 24),
            value=SizeRules(
                bands=(
                    SizeBand("micro", 9, Decimal("2000000"), Decimal("2000000")),
                    SizeBand("small", 49, Decimal("10000000"), Decimal("10000000")),
                    SizeBand("medium", 249, Decimal("44000000"), Decimal("38000000")),
                ),
                within=staff_and_turnover_or_balance_sheet,
            ),
            source=_PROCUREMENT_ACT_SME,
        ),
    ],
)

# A social enterprise reinvests at least this share of its profits in its social purpose (Social
# Enterprise UK's definition, used for VCSE status).
SOCIAL_ENTERPRISE_MIN_PROFIT_REINVESTED: Rule[Decimal] = Rule(
    "social_enterprise_min_profit_reinvested",
    "the share of profits a social enterprise reinvests",
    [
        Dated(
            starts=date(2012, 1, 1),
            value=Decimal("50"),
            source="Social Enterprise UK: a social enterprise reinvests or gives away at least half "
            "of its profits, https://www.socialenterprise.org.uk/what-is-a-social-enterprise/",
        ),
    ],
)
