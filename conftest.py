"""Fixtures shared by the whole suite."""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY

from commonweal.testing.factories import confirmed_totp_device


@pytest.fixture
def sign_in(client):
    """Sign a person in to the test client, with a second factor when their roles need one."""

    def _sign_in(user, *, verified: bool = True):
        client.force_login(user)
        if verified and user.needs_two_factor:
            device = confirmed_totp_device(user)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return _sign_in
