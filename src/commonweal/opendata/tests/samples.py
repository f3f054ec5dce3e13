"""Releases written by hand for the tests, as a commissioning plan's pipeline entry would be."""

import copy
from decimal import Decimal

PLANNING_RELEASE = {
    "ocid": "ocds-commonweal-local-plan-7",
    "id": "ocds-commonweal-local-plan-7-1",
    "date": "2027-01-31T09:30:00Z",
    "tag": ["planning"],
    "initiationType": "tender",
    "language": "en",
    "parties": [
        {
            "id": "GB-LAE-RVR",
            "name": "Riverside Council",
            "identifier": {"scheme": "GB-LAE", "id": "RVR", "legalName": "Riverside Council"},
            "roles": ["buyer"],
        }
    ],
    "buyer": {"id": "GB-LAE-RVR", "name": "Riverside Council"},
    "planning": {
        "rationale": "Rough sleeping in Riverside rose by a third in two years; residents ranked "
        "it their first priority.",
        "budget": {
            "description": "Homelessness prevention, 2027 to 2030",
            "amount": {"amount": Decimal("1250000.50"), "currency": "GBP"},
        },
    },
    "tender": {
        "id": "plan-7-tender",
        "title": "Homelessness and substance misuse alliance",
        "status": "planning",
    },
}


def release(number: int, *, ocid: str = "ocds-commonweal-local-plan-7", **changes) -> dict:
    """The planning release again, as release ``number`` of ``ocid``, with top-level ``changes``."""
    data = copy.deepcopy(PLANNING_RELEASE)
    data.update(ocid=ocid, id=f"{ocid}-{number}", **changes)
    return data
