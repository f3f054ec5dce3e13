"""A null character or bytes that are not UTF-8, in a web address or a form, are a 400 error page
that names the part to fix, before any view runs; never a 500 (PostgreSQL refuses the null character).

Run on PostgreSQL too: DATABASE_URL=postgres://... pytest src/commonweal/core/tests/test_unstorable_input.py
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commonweal.testing.factories import LocalAuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db

NULL = "This has a null character in it, which cannot be stored. Remove it and try again."


def _says(response, *texts) -> None:
    page = response.content.decode()
    assert response.status_code == 400
    assert "Sorry, there is a problem with what you sent" in page
    for text in texts:
        assert text in page


@pytest.mark.parametrize("query", ["place=%00", "q=shelter%00", "status=%00raised"])
def test_a_null_character_in_a_page_address_is_a_400_naming_the_parameter(client, query):
    LocalAuthorityFactory(name="Riverside", slug="riverside")
    name = query.split("=")[0]
    _says(
        client.get(reverse("needs:list") + "?" + query),
        f"The part of the web address called “{name}”",
        NULL,
    )


def test_the_error_page_is_for_people_signed_in_too(client):
    client.force_login(UserFactory())
    _says(client.get(reverse("organisations:list") + "?q=%00"), NULL)


def test_a_page_address_that_is_not_utf8_is_a_400(client):
    _says(
        client.get(reverse("needs:list") + "?q=caf%E9"),
        "This is not valid text: send it encoded as UTF-8.",
    )


def test_a_null_character_in_a_path_is_a_400(client):
    _says(client.get("/organisations/a%00b/"), "The web address")


def test_a_null_character_in_a_form_is_a_400_naming_the_field_and_nothing_is_saved(client):
    response = client.post(
        reverse("accounts:sign-up"),
        {
            "full_name": "Nul\x00Person",
            "email": "nul@example.org",
            "password1": "correct horse battery staple",
            "password2": "correct horse battery staple",
        },
    )
    _says(response, "The form field called “full_name”", NULL)
    assert not get_user_model().objects.filter(email="nul@example.org").exists()


def test_a_form_that_is_not_utf8_is_a_400(client):
    response = client.generic(
        "POST",
        reverse("accounts:sign-in"),
        b"email=caf%E9%40example.org&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    _says(response, "The form field called “email”")


def test_a_null_character_in_a_form_with_a_file_is_a_400(client):
    upload = SimpleUploadedFile("pool.csv", b"name\n", content_type="text/csv")
    response = client.post(
        reverse("accounts:sign-in"), {"email": "a\x00@example.org", "file": upload}
    )
    _says(response, "The form field called “email”", NULL)


def test_ordinary_text_still_reaches_the_page(client):
    LocalAuthorityFactory(name="Riverside", slug="riverside")
    response = client.get(reverse("needs:list") + "?q=Caf%C3%A9+%26+Co")
    assert response.status_code == 200
