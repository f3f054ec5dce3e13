"""The `commonweal demo` command, on an empty database (or one with real places): it loads the demo
place, once, and never wipes real data.

These tests start from an empty database, so they sit apart from the tests that read the demo
place loaded once for their whole module (conftest.py).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from commonweal.accounts.models import User
from commonweal.places.models import Place
from commonweal.testing.factories import PlaceFactory, UserFactory

from .test_demo import _counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True


def test_the_command_loads_the_demo_and_prints_the_sign_ins(demo_mode):
    out = StringIO()
    call_command("demo", stdout=out)
    assert Place.objects.filter(slug="riverside", is_fictional=True).exists()
    assert "resident@riverside.example" in out.getvalue()


def test_if_empty_loads_once_and_never_duplicates(demo_mode):
    call_command("demo", if_empty=True, stdout=StringIO())
    loaded = _counts()
    out = StringIO()
    call_command("demo", if_empty=True, stdout=out)
    assert _counts() == loaded
    assert "already has places" in out.getvalue()


def test_if_empty_leaves_a_database_with_real_places_alone(demo_mode):
    PlaceFactory(name="Somewhere real")
    call_command("demo", if_empty=True, stdout=StringIO())
    assert not Place.objects.filter(slug="riverside").exists()
    assert not User.objects.filter(is_demo_account=True).exists()


def test_sign_ins_are_printed_when_asked_even_if_the_demo_was_already_loaded(demo_mode):
    # What `commonweal serve --demo` asks for on every start, the first and the later ones.
    call_command("demo", if_empty=True, sign_ins=True, verbosity=0, stdout=StringIO())
    out = StringIO()
    call_command("demo", if_empty=True, sign_ins=True, verbosity=0, stdout=out)
    printed = out.getvalue()
    assert "already has places" in printed
    assert printed.count("Sign in as any of these fictional people") == 1
    assert "commissioner@riverside.example" in printed
    assert "code is shown on the page that asks for it" in printed


def test_no_sign_ins_are_printed_for_a_database_without_demo_people(demo_mode):
    PlaceFactory(name="Somewhere real")
    out = StringIO()
    call_command("demo", if_empty=True, sign_ins=True, verbosity=0, stdout=out)
    assert "Sign in as" not in out.getvalue()


def test_the_command_with_reset_wipes_and_reloads(demo_mode):
    call_command("demo", stdout=StringIO())
    UserFactory(email="someone@example.org")
    call_command("demo", reset=True, stdout=StringIO())
    assert not User.objects.filter(email="someone@example.org").exists()
    assert User.objects.filter(email="commissioner@riverside.example").exists()


def test_the_command_refuses_outside_demo_mode_so_real_data_is_never_wiped(settings):
    settings.DEMO_MODE = False
    UserFactory(email="real.person@example.org")
    with pytest.raises(CommandError, match="COMMONWEAL_DEMO=true"):
        call_command("demo", reset=True, stdout=StringIO())
    assert User.objects.filter(email="real.person@example.org").exists()
    assert not Place.objects.filter(slug="riverside").exists()


def test_reset_and_if_empty_cannot_be_combined(demo_mode):
    with pytest.raises(CommandError):
        call_command("demo", "--reset", "--if-empty", stdout=StringIO())
