"""Which places the list of sessions links to a "You said, we did" log for: places with sessions, and
local authorities with needs of their own or in their wards. Each once, by name."""

import pytest

from commonweal.codesign import selectors
from commonweal.codesign.tests.samples import make_need
from commonweal.testing.factories import LocalAuthorityFactory, WardFactory

pytestmark = pytest.mark.django_db


def names() -> list[str]:
    return [place.name for place in selectors.places_with_a_log()]


def test_places_with_sessions_and_authorities_with_needs_each_once_by_name(session, borough):
    quiet = LocalAuthorityFactory(name="Quietbridge")  # nothing at all
    WardFactory(name="Quietbridge North", parent=quiet)
    with_ward_needs = LocalAuthorityFactory(name="Ashby")
    busy_ward = WardFactory(name="Ashby Central", parent=with_ward_needs)
    for number in range(3):
        make_need(busy_ward, title=f"Ward need {number}")
    with_own_needs = LocalAuthorityFactory(name="Moorfield")
    for number in range(3):
        make_need(with_own_needs, title=f"Authority need {number}")
    ward_with_a_session = WardFactory(name="Riverside East", parent=borough)
    session.place = ward_with_a_session
    session.save()

    # The ward with needs but no session is not listed (its authority's log covers it); a place
    # with several sessions or needs is listed once.
    assert names() == ["Ashby", "Moorfield", "Riverside East"]

    make_need(borough, title="A need in the borough itself")
    assert names() == ["Ashby", "Moorfield", "Riverside", "Riverside East"]
