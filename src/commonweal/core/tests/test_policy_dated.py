"""Dated rules: in_force needs the day and the place, and a malformed table stops the import.

Plain Python: the built-in tables only (officer-entered versions are tested in
test_policy_entries.py).
"""

import importlib
import subprocess
import sys
import textwrap
from datetime import date, datetime

import pytest

from commonweal.core.policy import dated
from commonweal.core.policy.dated import (
    Dated,
    Jurisdiction,
    JurisdictionRequired,
    NoRuleInForce,
    Rule,
    RuleTableError,
    UnknownJurisdiction,
    check_entries,
    in_force,
)

SCOTLAND_ONLY = frozenset({Jurisdiction.SCOTLAND})
NOT_SCOTLAND = frozenset(Jurisdiction) - SCOTLAND_ONLY


@pytest.fixture(autouse=True)
def built_in_tables_only(monkeypatch):
    monkeypatch.setattr(dated, "_officer_entries", None)


def rule(*entries: Dated, key: str) -> Rule:
    made = Rule(key, f"the {key} rule", entries)
    dated.RULES.pop(key)  # keep the registry to the real rules
    return made


def test_in_force_picks_the_latest_version_started_on_or_before_the_day():
    r = rule(Dated(date(2020, 1, 1), "old", "s1"), Dated(date(2025, 2, 24), "new", "s2"), key="t1")
    assert in_force(r, date(2025, 2, 23)).value == "old"
    assert in_force(r, date(2025, 2, 24)).value == "new"
    assert in_force(r, on=date(2040, 1, 1)).value == "new"


def test_the_day_is_required_and_must_be_a_date():
    r = rule(Dated(date(2020, 1, 1), "only", "s"), key="t2")
    with pytest.raises(TypeError):
        in_force(r)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="legally relevant day as a date"):
        in_force(r, None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not datetime"):
        in_force(r, datetime(2024, 1, 1, 12, 0))


def test_a_day_before_the_first_version_is_a_clear_error():
    r = rule(Dated(date(2025, 2, 24), "v", "s"), key="t3")
    with pytest.raises(NoRuleInForce) as error:
        in_force(r, date(2025, 2, 23))
    assert str(error.value) == (
        "No version of the t3 rule applied on 2025-02-23: the first began on 2025-02-24."
    )


def test_rules_that_differ_by_jurisdiction_need_one_and_refuse_an_unknown_one():
    r = rule(
        Dated(date(2025, 1, 1), "most", "s", applies_in=NOT_SCOTLAND),
        Dated(date(2025, 1, 1), "scottish", "s", applies_in=SCOTLAND_ONLY),
        key="t4",
    )
    assert in_force(r, date(2025, 6, 1), Jurisdiction.WALES).value == "most"
    assert in_force(r, date(2025, 6, 1), "scotland").value == "scottish"
    with pytest.raises(JurisdictionRequired, match="differs between the UK's jurisdictions"):
        in_force(r, date(2025, 6, 1))
    with pytest.raises(UnknownJurisdiction) as error:
        in_force(r, date(2025, 6, 1), "cornwall")
    assert str(error.value) == (
        "'cornwall' is not a jurisdiction: use one of england, wales, scotland, northern_ireland."
    )


def test_a_rule_that_does_not_reach_a_jurisdiction_says_so():
    r = rule(Dated(date(2025, 1, 1), "v", "s", applies_in=NOT_SCOTLAND), key="t5")
    with pytest.raises(NoRuleInForce, match="^the t5 rule does not apply in Scotland.$"):
        in_force(r, date(2025, 6, 1), "scotland")


def test_each_jurisdiction_keeps_its_own_timeline():
    r = rule(
        Dated(date(2024, 1, 1), "first", "s"),
        Dated(date(2026, 1, 1), "england's second", "s", applies_in={Jurisdiction.ENGLAND}),
        key="t6",
    )
    assert in_force(r, date(2026, 6, 1), "england").value == "england's second"
    assert in_force(r, date(2026, 6, 1), "wales").value == "first"


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([], "has no versions"),
        (
            [Dated(date(2025, 1, 1), "b", "s"), Dated(date(2024, 1, 1), "a", "s")],
            r"entry 2 \(starting 2024-01-01\) is listed after a version starting 2025-01-01",
        ),
        (
            [Dated(date(2025, 1, 1), "a", "s"), Dated(date(2025, 1, 1), "b", "s")],
            "overlaps another version starting the same day in England",
        ),
        (
            [
                Dated(date(2025, 1, 1), "a", "s", applies_in=NOT_SCOTLAND),
                Dated(date(2025, 1, 1), "b", "s", applies_in={Jurisdiction.WALES}),
            ],
            "overlaps another version starting the same day in Wales",
        ),
        ([Dated(date(2025, 1, 1), "a", "  ")], "must say where it came from"),
        ([Dated(datetime(2025, 1, 1, 9, 0), "a", "s")], "starts on a day"),
        ([Dated(date(2025, 1, 1), "a", "s", applies_in=frozenset())], "at least one"),
    ],
)
def test_a_malformed_table_is_refused_with_a_message_naming_the_rule(entries, message):
    with pytest.raises(RuleTableError, match=message) as error:
        check_entries("the test rule", entries)
    assert str(error.value).startswith("the test rule")


def test_versions_for_different_jurisdictions_may_start_the_same_day():
    check_entries(
        "the test rule",
        [
            Dated(date(2025, 1, 1), "a", "s", applies_in=NOT_SCOTLAND),
            Dated(date(2025, 1, 1), "b", "s", applies_in=SCOTLAND_ONLY),
        ],
    )


def test_a_module_with_a_bad_table_cannot_be_imported(tmp_path, monkeypatch):
    (tmp_path / "bad_rules.py").write_text(
        textwrap.dedent(
            """
            from datetime import date
            from commonweal.core.policy.dated import Dated, Rule

            LIMIT = Rule(
                "bad_rules_limit",
                "the bad limit",
                [Dated(date(2026, 1, 1), 2, "later"), Dated(date(2025, 1, 1), 1, "earlier")],
            )
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(RuleTableError, match="the bad limit, entry 2"):
        importlib.import_module("bad_rules")
    assert "bad_rules_limit" not in dated.RULES


@pytest.mark.slow
def test_the_policy_package_imports_no_django():
    code = "import sys, commonweal.core.policy; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"
