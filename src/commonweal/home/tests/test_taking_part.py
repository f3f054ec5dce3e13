"""A place's page leads to its needs, its 'You said, we did' log and its outcomes frameworks."""

import pytest
from django.urls import reverse

from commonweal.needs.models import Need
from commonweal.outcomes.models import Framework
from commonweal.testing.factories import LocalAuthorityFactory, PublicBodyFactory, WardFactory

pytestmark = pytest.mark.django_db


def test_a_borough_page_counts_the_needs_of_its_wards_and_links_to_taking_part(client):
    borough = LocalAuthorityFactory(name="Riverside")
    ward = WardFactory(parent=borough)
    for title in ("Nowhere safe to sleep", "No youth club after 6pm"):
        Need.objects.create(title=title, problem="p", population="people", place=ward)
    Need.objects.create(
        title="A duplicate", problem="p", population="people", place=ward, status=Need.Status.MERGED
    )
    Framework.objects.create(
        place=borough,
        name="Riverside outcomes framework",
        slug="riverside-outcomes",
        owner=PublicBodyFactory(),
    )

    html = client.get(borough.get_absolute_url()).content.decode()
    assert "2 needs raised in Riverside" in html
    assert f"{reverse('needs:list')}?place={borough.slug}" in html
    assert reverse("codesign:you-said-we-did", kwargs={"place_slug": borough.slug}) in html
    assert "Riverside outcomes framework" in html
