"""Reads about people."""

import pytest

from commonweal.accounts import selectors
from commonweal.places.models import Place
from commonweal.testing.factories import LocalAuthorityFactory, PlaceFactory, WardFactory

pytestmark = pytest.mark.django_db


def test_places_to_live_come_borough_first_then_its_wards_then_neighbourhoods():
    england = PlaceFactory(name="England")
    zed = LocalAuthorityFactory(name="Zedford", parent=england)
    riverside = LocalAuthorityFactory(name="Riverside", parent=england)
    westbank = WardFactory(name="Westbank", parent=riverside)
    WardFactory(name="Eastbank", parent=riverside)
    Place.objects.create(
        name="Mill Lane", slug="mill-lane", kind=Place.Kind.NEIGHBOURHOOD, parent=westbank
    )
    WardFactory(name="Abbey", parent=zed)
    labels = [label for _place, label in selectors.residence_choices()]
    assert labels == [
        "Riverside",
        "Eastbank, Riverside",
        "Westbank, Riverside",
        "Mill Lane, Westbank, Riverside",
        "Zedford",
        "Abbey, Zedford",
    ]


def test_residence_label_names_the_borough():
    ward = WardFactory(name="Eastbank", parent=LocalAuthorityFactory(name="Riverside"))
    assert selectors.residence_label(ward) == "Eastbank, Riverside"


def test_a_second_factor_is_expected_for_staff_roles_and_confirmed_apps_only():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from commonweal.accounts.roles import Role
    from commonweal.testing.factories import (
        PublicBodyFactory,
        RoleFactory,
        UserFactory,
        confirmed_totp_device,
    )

    resident = RoleFactory(role=Role.RESIDENT, organisation=None, place=WardFactory()).user
    commissioner = RoleFactory(role=Role.COMMISSIONER, organisation=PublicBodyFactory()).user
    with_app = UserFactory()
    confirmed_totp_device(with_app)
    app_not_confirmed = UserFactory()
    TOTPDevice.objects.create(user=app_not_confirmed, name="Half set up", confirmed=False)

    assert not selectors.second_factor_expected(resident)
    assert not selectors.second_factor_expected(app_not_confirmed)
    assert selectors.second_factor_expected(commissioner)
    assert selectors.second_factor_expected(with_app)
    assert selectors.second_factor_expected(UserFactory(is_staff=True))
    # The same answer as the rule written out: the roles' or an app.
    for person in (resident, commissioner, with_app, app_not_confirmed):
        assert selectors.second_factor_expected(person) == (
            person.needs_two_factor or selectors.has_two_factor(person)
        )
