"""The people the browser tests sign in as: everyone in the Riverside demo place."""

from __future__ import annotations

from dataclasses import dataclass

from commonweal.accounts.roles import Role

ANONYMOUS = "anonymous"
# The back-office superuser of the demo: staff, so they see what no role alone shows.
BACK_OFFICE = "backoffice"
PERSONAS = [ANONYMOUS, *Role.values, BACK_OFFICE]


@dataclass
class Riverside:
    password: str
    emails: dict[str, str]

    def email_for(self, persona: str) -> str:
        return self.emails[persona]


def load_riverside() -> Riverside:
    """Load the demo place with its own loader, and say how each role's person signs in."""
    from commonweal.demo import data, services

    services.demo_load()
    emails = {role: data.email(local_part) for local_part, _name, role, _where in data.PEOPLE}
    emails[BACK_OFFICE] = data.email(data.SUPERUSER[0])
    missing = set(Role.values) - set(emails)
    assert not missing, f"The demo place has nobody with these roles: {', '.join(sorted(missing))}"
    return Riverside(password=data.DEMO_PASSWORD, emails=emails)
