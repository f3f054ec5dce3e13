"""Organisation identifiers are checked against the register they name. Plain Python."""

import pytest

from commonweal.organisations import identifiers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GB-CHC-1123456", ("GB-CHC", "1123456")),
        ("GB-CHC-212345", ("GB-CHC", "212345")),
        (" gb-chc-1123456 ", ("GB-CHC", "1123456")),
        ("GB-SC-SC012345", ("GB-SC", "SC012345")),
        ("GB-NIC-100123", ("GB-NIC", "100123")),
        ("GB-COH-01234567", ("GB-COH", "01234567")),
        ("GB-COH-SC123456", ("GB-COH", "SC123456")),
        ("GB-MPR-31234R", ("GB-MPR", "31234R")),
        ("GB-LAE-SWK", ("GB-LAE", "SWK")),
        ("GB-LAS-EDH", ("GB-LAS", "EDH")),
        ("GB-PLA-CRF", ("GB-PLA", "CRF")),
        ("GB-LANI-BFS", ("GB-LANI", "BFS")),
        ("GB-NHS-RJ1", ("GB-NHS", "RJ1")),
        ("GB-GOR-PB12", ("GB-GOR", "PB12")),
        ("GB-SHPE-L0001", ("GB-SHPE", "L0001")),
        ("GB-UKPRN-10001234", ("GB-UKPRN", "10001234")),
        ("XI-ABC-123", ("XI-ABC", "123")),
    ],
)
def test_valid_identifiers(text, expected):
    assert identifiers.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "register"),
    [
        ("GB-CHC-12345", "Charity Commission for England and Wales"),
        ("GB-CHC-12345678", "Charity Commission for England and Wales"),
        ("GB-SC-012345", "Scottish Charity Regulator"),
        ("GB-NIC-200123", "Charity Commission for Northern Ireland"),
        ("GB-COH-1234567", "Companies House"),
        ("GB-LAE-SW", "Local authorities in England"),
        ("GB-UKPRN-1234", "UK register of learning providers"),
    ],
)
def test_a_number_that_does_not_fit_its_register_names_the_register_and_an_example(text, register):
    with pytest.raises(identifiers.InvalidIdentifier) as error:
        identifiers.parse(text)
    assert register in str(error.value)
    assert "It should look like GB-" in str(error.value)


def test_an_empty_identifier_asks_for_one():
    with pytest.raises(identifiers.InvalidIdentifier, match="Enter the organisation's identifier"):
        identifiers.parse("   ")


def test_a_number_without_a_register_code_explains_the_form():
    with pytest.raises(
        identifiers.InvalidIdentifier, match="the register's code, a hyphen and the number"
    ):
        identifiers.parse("1123456")


def test_an_empty_number_after_a_known_code_is_refused():
    with pytest.raises(identifiers.InvalidIdentifier, match="Charity Commission"):
        identifiers.parse("GB-CHC-")
