"""The difference between versions: plain dicts compared by code, no database."""

from commonweal.outcomes import diff


def version(*areas) -> dict:
    return {"areas": list(areas)}


def area(code, name, *outcomes) -> dict:
    return {"code": code, "name": name, "outcomes": list(outcomes)}


def outcome(code, title, *indicators, description="") -> dict:
    return {
        "code": code,
        "title": title,
        "description": description,
        "indicators": list(indicators),
    }


def indicator(code, **values) -> dict:
    return {
        "code": code,
        "name": "Rough sleepers",
        "unit": "people",
        "direction": "lower",
        "target_value": "10",
        "breakdowns": ["age"],
        **values,
    }


def test_the_same_content_has_no_difference():
    content = version(
        area("A1", "Housing", outcome("O1", "People keep their home", indicator("I1")))
    )
    assert diff.compare(content, content).is_empty


def test_records_added_and_removed_are_found_by_code_at_every_level():
    before = version(
        area("A1", "Housing", outcome("O1", "Keep home", indicator("I1"))), area("A9", "Old area")
    )
    after = version(
        area(
            "A1", "Housing", outcome("O1", "Keep home", indicator("I2")), outcome("O2", "Find work")
        )
    )
    difference = diff.compare(before, after)
    assert {(item.kind, item.code) for item in difference.added} == {
        ("outcome", "O2"),
        ("indicator", "I2"),
    }
    assert {(item.kind, item.code) for item in difference.removed} == {
        ("area", "A9"),
        ("indicator", "I1"),
    }
    assert difference.changed == []


def test_changed_fields_show_before_and_after():
    before = version(
        area("A1", "Housing", outcome("O1", "Keep home", indicator("I1", target_value="10")))
    )
    after = version(
        area("A1", "Homes", outcome("O1", "Keep home", indicator("I1", target_value="5")))
    )
    changed = {(item.kind, item.code): item.changes for item in diff.compare(before, after).changed}
    assert changed == {
        ("area", "A1"): (diff.FieldChange("name", "Housing", "Homes"),),
        ("indicator", "I1"): (diff.FieldChange("target_value", "10", "5"),),
    }


def test_moving_an_outcome_to_another_area_is_a_change_of_area():
    before = version(area("A1", "Housing", outcome("O1", "Keep home")), area("A2", "Health"))
    after = version(area("A1", "Housing"), area("A2", "Health", outcome("O1", "Keep home")))
    [item] = diff.compare(before, after).changed
    assert (item.code, item.changes) == ("O1", (diff.FieldChange("area", "A1", "A2"),))


def test_breakdowns_in_another_order_are_not_a_change_and_empty_means_none():
    before = version(
        area(
            "A1",
            "Housing",
            outcome(
                "O1", "Keep home", indicator("I1", breakdowns=["age", "sex"], baseline_date=None)
            ),
        )
    )
    after = version(
        area(
            "A1",
            "Housing",
            outcome(
                "O1", "Keep home", indicator("I1", breakdowns=["sex", "age"], baseline_date="")
            ),
        )
    )
    assert diff.compare(before, after).is_empty
