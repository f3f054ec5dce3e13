"""makemessages finds every reason the organisation classification gives, though it marks them
with no-op markers of its own (it cannot import Django)."""

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from commonweal.core.policy import SIZE_BANDS, in_force
from commonweal.organisations import classification as c
from commonweal.testing.catalogues import extracted, templates

pytestmark = pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="makemessages needs GNU gettext's xgettext"
)

RULES = in_force(SIZE_BANDS, date(2025, 6, 1)).value
M = Decimal(1_000_000)


def test_every_reason_is_in_the_catalogue(tmp_path, monkeypatch):
    found = extracted(tmp_path, monkeypatch, Path(c.__file__))
    everyone = [
        c.Facts(legal_form=c.PUBLIC_BODY),
        c.Facts(legal_form=c.CHARITY),
        c.Facts(legal_form=c.CIC, headcount=1, annual_turnover=M),
        c.Facts(legal_form=c.COOPERATIVE, headcount=30, balance_sheet_total=M),
        c.Facts(legal_form=c.COOPERATIVE, profits_reinvested_percent=Decimal(10)),
        c.Facts(legal_form=c.PRIVATE_COMPANY, profits_reinvested_percent=Decimal(80)),
        c.Facts(legal_form=c.PUBLIC_SERVICE_MUTUAL, profits_reinvested_percent=Decimal(80)),
        c.Facts(legal_form=c.PLC, asset_lock=True, headcount=900, annual_turnover=900 * M),
        c.Facts(legal_form=c.PLC, headcount=900, annual_turnover=900 * M, balance_sheet_total=M),
        c.Facts(legal_form=c.PLC, headcount=900),
    ]
    findings = [
        finding
        for facts in everyone
        for finding in (
            c.size_band(facts, RULES),
            c.is_sme(facts, RULES),
            c.is_vcse(facts, Decimal(50)),
        )
    ]
    used = set().union(*(templates(finding.why) for finding in findings))
    assert len(used) >= 12
    assert used <= found, sorted(used - found)
