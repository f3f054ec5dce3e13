"""An organisation's size band, SME and VCSE reasons are shown in the reader's language: the
classification gives them as messages, and the page and the API translate them."""

import pytest
from django.urls import reverse

from commonweal.testing.catalogues import use_catalogue

pytestmark = pytest.mark.django_db

# A pretend Welsh catalogue (not real Welsh: easy to tell from English, placeholders kept).
CATALOGUE = {
    "Yes: it is a registered charity.": "CY charity.",
    "%(figures)s: within the %(band)s limits of %(limits)s.": "CY %(figures)s within %(band)s.",
    (
        "%(headcount)s staff and a turnover of %(turnover)s",
        "%(headcount)s staff and a turnover of %(turnover)s",
    ): ("%(headcount)s person, %(turnover)s", "%(headcount)s people, %(turnover)s"),
    "small": "CY-small",
    "It is %(band)s sized. %(reason)s": "CY %(band)s. %(reason)s",
}


@pytest.fixture
def welsh(settings, tmp_path):
    use_catalogue(settings, tmp_path, "cy", CATALOGUE)
    settings.LANGUAGES = [*settings.LANGUAGES, ("cy", "Cymraeg")]


@pytest.fixture
def charity(provider, administrator):
    from commonweal.organisations import services

    services.organisation_update(
        organisation=provider, actor=administrator, reason="Filed accounts", headcount=15
    )
    provider.refresh_from_db()
    assert provider.annual_turnover is not None and provider.legal_form == "charity"
    return provider


def test_the_profile_page_shows_the_reasons_in_the_readers_language(welsh, charity, client):
    url = reverse("organisations:detail", kwargs={"slug": charity.slug})
    welsh_page = client.get(url, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    turnover = f"£{charity.annual_turnover:,.0f}"
    assert f"CY 15 people, {turnover} within CY-small." in welsh_page
    assert f"CY CY-small. CY 15 people, {turnover} within CY-small." in welsh_page
    assert "CY charity." in welsh_page
    english_page = client.get(url, HTTP_ACCEPT_LANGUAGE="en-gb").content.decode()
    assert f"15 staff and a turnover of {turnover}: within the small limits" in english_page
    assert "Yes: it is a registered charity." in english_page and "CY" not in english_page


def test_the_api_gives_the_reasons_in_the_readers_language(welsh, charity, client):
    url = reverse("api:organisation-detail", kwargs={"slug": charity.slug})
    data = client.get(url, HTTP_ACCEPT_LANGUAGE="cy", HTTP_ACCEPT="application/json").json()
    assert data["is_vcse_reason"] == "CY charity."
    assert data["size_band_reason"].startswith("CY 15 people, £")
    assert data["is_sme_reason"].startswith("CY CY-small. CY 15 people, £")


def test_the_api_list_gives_each_reader_their_own_language(welsh, charity, client):
    def reason(language: str) -> str:
        answer = client.get(
            reverse("api:organisation-list"),
            HTTP_ACCEPT_LANGUAGE=language,
            HTTP_ACCEPT="application/json",
        ).json()
        (row,) = [row for row in answer["results"] if row["slug"] == charity.slug]
        return row["is_vcse_reason"]

    assert reason("cy") == "CY charity."
    assert reason("en-gb") == "Yes: it is a registered charity."
    assert reason("cy") == "CY charity."  # each language its own sentences, however often asked
