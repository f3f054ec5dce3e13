"""A draft's indicator saved again as it is changes nothing: its edit form's checkboxes send the
breakdowns in their own order, not the order they were stored in (from a file, the API)."""

import pytest

from commonweal.core.models import AuditEntry
from commonweal.outcomes import selectors, services
from commonweal.outcomes.models import Indicator

pytestmark = pytest.mark.django_db


def test_the_same_breakdowns_in_the_checkboxes_order_change_nothing(draft, manager):
    indicator = Indicator.objects.get(outcome__version=draft, code="I1")
    sex_then_age = [Indicator.Breakdown.SEX, Indicator.Breakdown.AGE]
    services.indicator_save(
        outcome=indicator.outcome, actor=manager, indicator=indicator, breakdowns=sex_then_age
    )
    entries = AuditEntry.objects.count()
    values = {name: getattr(indicator, name) for name in selectors.INDICATOR_VALUE_FIELDS}
    services.indicator_save(
        outcome=indicator.outcome,
        actor=manager,
        indicator=indicator,
        **{**values, "breakdowns": [Indicator.Breakdown.AGE, Indicator.Breakdown.SEX]},
    )
    indicator.refresh_from_db()
    assert indicator.breakdowns == sex_then_age
    assert AuditEntry.objects.count() == entries


def test_other_breakdowns_are_saved_as_sent(draft, manager):
    indicator = Indicator.objects.get(outcome__version=draft, code="I1")
    services.indicator_save(
        outcome=indicator.outcome,
        actor=manager,
        indicator=indicator,
        breakdowns=[Indicator.Breakdown.WARD, Indicator.Breakdown.SEX],
    )
    indicator.refresh_from_db()
    assert indicator.breakdowns == [Indicator.Breakdown.WARD, Indicator.Breakdown.SEX]
