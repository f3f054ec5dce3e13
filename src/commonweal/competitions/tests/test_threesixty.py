"""Funded grant decisions as 360Giving data, valid against the 360Giving schema on disk (without it
these tests skip, saying why; under CI=true they fail), and `commonweal export 360giving`."""

import datetime
import json
import os
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from commonweal.competitions import services_award, threesixty
from commonweal.competitions.tests.fixtures_award import make_grant_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def threesixty_schema():
    try:
        return threesixty.schema_dir()
    except threesixty.SchemaUnavailable as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"The 360Giving schema must be installed in CI: {error}")
        pytest.skip(f"The 360Giving schema is not installed ({error})")


@pytest.fixture
def grant_round(plan, staff, bidders, closed):
    return make_grant_round(plan, staff, bidders, closed)


def decide(round_, bids, staff, *, publish=True):
    services_award.grant_decide(
        actor=staff,
        bid=bids[0],
        awarded=True,
        amount=Decimal("9500.50"),
        reason="A strong plan with local volunteers.",
        planned_start=datetime.date(2027, 4, 1),
        planned_end=datetime.date(2028, 3, 31),
    )
    services_award.grant_decide(
        actor=staff, bid=bids[1], awarded=False, amount=None, reason="Outside the round's aims."
    )
    if publish:
        services_award.grant_round_award(actor=staff, opportunity=round_)


def test_the_package_holds_only_published_funded_grants_and_is_valid(
    grant_round, staff, bidders, council, threesixty_schema
):
    round_, bids = grant_round
    decide(round_, bids, staff)
    data = threesixty.published_package()
    assert threesixty.validate(data) == []
    assert len(data["grants"]) == 1
    grant = data["grants"][0]
    assert grant["id"] == f"360G-commonweal-local-{round_.uid}-{bids[0].pk}"
    assert grant["amountAwarded"] == 9500.5
    assert grant["currency"] == "GBP"
    assert grant["recipientOrganization"][0]["name"] == bidders[0].name
    assert grant["fundingOrganization"][0] == {"id": council.org_id, "name": council.name}
    assert grant["plannedDates"] == [{"startDate": "2027-04-01", "endDate": "2028-03-31"}]
    assert grant["beneficiaryLocation"][0]["name"] == round_.plan.place.name


def test_decisions_not_yet_published_are_not_in_the_package(grant_round, staff):
    round_, bids = grant_round
    decide(round_, bids, staff, publish=False)
    assert threesixty.published_package() is None


def test_a_broken_grant_is_caught_by_the_schema(grant_round, staff, threesixty_schema):
    round_, bids = grant_round
    decide(round_, bids, staff)
    data = threesixty.published_package()
    data["grants"][0]["awardDate"] = "31/12/2027"
    del data["grants"][0]["currency"]
    problems = threesixty.validate(data)
    assert problems


def test_the_export_command_writes_a_valid_package(grant_round, staff, tmp_path, threesixty_schema):
    round_, bids = grant_round
    decide(round_, bids, staff)
    out = tmp_path / "grants.json"
    call_command("export", "360giving", "--out", str(out))
    data = json.loads(out.read_text())
    assert threesixty.validate(data) == []
    assert len(data["grants"]) == 1


def test_the_export_command_with_nothing_published_writes_nothing(db, tmp_path, capsys):
    out = tmp_path / "grants.json"
    call_command("export", "360giving", "--out", str(out))
    assert not out.exists()
    assert "nothing was written" in capsys.readouterr().out


def test_the_export_command_needs_a_file(db, tmp_path):
    with pytest.raises(CommandError, match="--out FILE"):
        call_command("export", "360giving")
    with pytest.raises(CommandError, match="is a folder"):
        call_command("export", "360giving", "--out", str(tmp_path))
