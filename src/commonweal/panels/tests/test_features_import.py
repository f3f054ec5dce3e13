"""A new panel's whole make-up set at once (``features_import``): the features and quotas a commissioner
would enter one by one, one audit entry, and the same checks; a pool can then be imported and drawn."""

import pytest
from django.core.exceptions import ValidationError

from commonweal.core.models import AuditEntry
from commonweal.panels import engine, imports, services
from commonweal.panels.models import Category, Feature
from commonweal.panels.tests.helpers import make_panel, pool_csv, pool_rows

pytestmark = pytest.mark.django_db

MAKE_UP = [
    ("Sex", [("Female", 2, 2), ("Male", 2, 2)]),
    ("Age band", [("Under 40", 2, 2), ("40 and over", 2, None)]),
]


def test_the_make_up_is_set_at_once_and_the_panel_works_as_if_entered_by_hand():
    panel, staff = make_panel(size=4, pool=None)
    Feature.objects.filter(panel=panel).delete()  # a new panel: no features yet
    services.features_import(actor=staff, panel=panel, features=MAKE_UP)
    assert list(panel.features.values_list("name", flat=True)) == ["Sex", "Age band"]
    older = Category.objects.get(name="40 and over")
    assert (older.min_seats, older.max_seats) == (2, 4)  # no most: every seat
    assert AuditEntry.objects.get(action="features_import").after["rows"] == {
        "panels.category": 4,
        "panels.feature": 2,
    }
    services.pool_replace(
        actor=staff, panel=panel, people=imports.read_pool(panel, pool_csv(pool_rows(12)))
    )
    assert len(engine.quotas(panel)) == 4


@pytest.mark.parametrize(
    "make_up",
    [
        [("Sex", [("Female", 0, 4)])],  # one category
        [("Sex", [("Female", 0, 4), ("female", 0, 4)])],  # the same twice
        [("Email", [("Yes", 0, 4), ("No", 0, 4)])],  # a column of the pool file
        [("Sex", [("Female", 3, 2), ("Male", 0, 4)])],  # fewest above most
        [("Sex", [("Female", 0, 9), ("Male", 0, 4)])],  # more than the seats
    ],
)
def test_a_make_up_that_breaks_the_rules_is_refused_whole(make_up):
    panel, staff = make_panel(size=4, pool=None)
    Feature.objects.filter(panel=panel).delete()
    with pytest.raises(ValidationError):
        services.features_import(actor=staff, panel=panel, features=make_up)
    assert not panel.features.exists()


def test_a_panel_with_features_already_is_refused():
    panel, staff = make_panel(size=4, pool=None)
    with pytest.raises(ValidationError, match="one by one"):
        services.features_import(actor=staff, panel=panel, features=MAKE_UP)
