"""Organisation identifiers in org-id.guide form: a list code, a hyphen, the identifier.

Plain Python, importable without Django.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class IdentifierList:
    code: str
    name: str
    pattern: str  # the identifier's form within the list
    example: str


# The registers UK people-focused services meet most. org-id.guide has more;
# an identifier from another list is accepted when it has the general form.
KNOWN_LISTS = {
    lst.code: lst
    for lst in (
        IdentifierList(
            "GB-CHC", "Charity Commission for England and Wales", r"\d{6,7}", "GB-CHC-1123456"
        ),
        IdentifierList("GB-SC", "Scottish Charity Regulator", r"SC\d{6}", "GB-SC-SC012345"),
        IdentifierList(
            "GB-NIC", "Charity Commission for Northern Ireland", r"1\d{5}", "GB-NIC-100123"
        ),
        IdentifierList("GB-COH", "Companies House", r"(\d{8}|[A-Z]{2}\d{6})", "GB-COH-01234567"),
        IdentifierList(
            "GB-MPR",
            "Mutuals Public Register (co-operatives and community benefit societies)",
            r"[A-Z0-9]{1,10}",
            "GB-MPR-31234R",
        ),
        IdentifierList("GB-LAE", "Local authorities in England", r"[A-Z]{3,4}", "GB-LAE-SWK"),
        IdentifierList("GB-LAS", "Local authorities in Scotland", r"[A-Z]{3,4}", "GB-LAS-EDH"),
        IdentifierList(
            "GB-PLA", "Principal local authorities in Wales", r"[A-Z]{3,4}", "GB-PLA-CRF"
        ),
        IdentifierList(
            "GB-LANI", "Local authorities in Northern Ireland", r"[A-Z]{3,4}", "GB-LANI-BFS"
        ),
        IdentifierList("GB-NHS", "NHS organisations", r"[A-Z0-9]{3,6}", "GB-NHS-RJ1"),
        IdentifierList(
            "GB-GOR", "Government organisation register", r"[A-Z]{2}\d{1,4}", "GB-GOR-PB12"
        ),
        IdentifierList(
            "GB-SHPE", "Social housing providers in England", r"[A-Z0-9]{4,6}", "GB-SHPE-L0001"
        ),
        IdentifierList(
            "GB-UKPRN", "UK register of learning providers", r"\d{8}", "GB-UKPRN-10001234"
        ),
    )
}

_GENERAL = re.compile(r"^(?P<list>[A-Z]{2}-[A-Z0-9]{2,10})-(?P<id>[A-Za-z0-9][A-Za-z0-9./_-]*)$")


class InvalidIdentifier(ValueError):
    """The text is not an org-id identifier; the message says why, in plain words."""


def normalise(text: str) -> str:
    return text.strip().upper()


def parse(text: str) -> tuple[str, str]:
    """Split an identifier into (list code, identifier), checking it against its list."""
    value = normalise(text)
    if not value:
        raise InvalidIdentifier("Enter the organisation's identifier, like GB-CHC-1123456.")
    # List codes themselves contain a hyphen (GB-CHC), so try the known ones first.
    for code, lst in KNOWN_LISTS.items():
        if value.startswith(code + "-"):
            ident = value[len(code) + 1 :]
            if not re.fullmatch(lst.pattern, ident):
                raise InvalidIdentifier(
                    f"{ident or 'The identifier'} is not a valid number for the {lst.name}. "
                    f"It should look like {lst.example}."
                )
            return code, ident
    match = _GENERAL.match(value)
    if not match:
        raise InvalidIdentifier(
            "Enter the identifier as the register's code, a hyphen and the number, "
            "like GB-CHC-1123456 for a charity or GB-COH-01234567 for a company."
        )
    return match.group("list"), match.group("id")
