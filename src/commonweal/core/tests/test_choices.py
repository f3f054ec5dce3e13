"""get_<field>_display() gives the same answers as Django's, in the reader's language."""

from django.utils import translation

from commonweal.core import choices
from commonweal.core.models import PolicyEntry
from commonweal.testing.catalogues import use_catalogue


def test_the_label_of_the_value_or_the_value_itself():
    assert PolicyEntry(rule="bank_rate").get_rule_display() == "Bank of England base rate"
    assert PolicyEntry(rule="real_living_wage").get_rule_display() == "Real Living Wage"
    assert PolicyEntry(rule="not_a_rule").get_rule_display() == "not_a_rule"
    assert PolicyEntry(rule=None).get_rule_display() is None


def test_it_is_the_one_in_use():
    assert vars(PolicyEntry)["get_rule_display"].func is choices._display


def test_each_call_is_in_the_language_active_then(settings, tmp_path):
    entry = PolicyEntry(rule="bank_rate")
    assert entry.get_rule_display() == "Bank of England base rate"  # the mapping is made in English
    use_catalogue(settings, tmp_path, "cy", {"Bank of England base rate": "Cyfradd sylfaenol"})
    with translation.override("cy"):
        assert entry.get_rule_display() == "Cyfradd sylfaenol"
    assert entry.get_rule_display() == "Bank of England base rate"
