"""The back office shows published releases to read and search; nobody may add, change or delete one."""

import pytest
from django.urls import reverse

from commonweal.opendata.services import release_publish
from commonweal.opendata.tests import samples

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]


@pytest.fixture
def back_office_admin(back_office):
    back_office.is_superuser = True
    back_office.save()
    return back_office


def test_the_back_office_reads_a_release_but_cannot_change_it(client, sign_in, back_office_admin):
    release = release_publish(data=samples.release(1), actor=None)
    sign_in(back_office_admin)

    listed = client.get(reverse("admin:opendata_release_changelist"), {"q": "plan-7"})
    page = client.get(reverse("admin:opendata_release_change", args=[release.pk]))

    assert listed.status_code == page.status_code == 200
    assert "ocds-commonweal-local-plan-7-1" in listed.content.decode()
    assert "Homelessness and substance misuse alliance" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    assert client.get(reverse("admin:opendata_release_add")).status_code == 403
    assert (
        client.get(reverse("admin:opendata_release_delete", args=[release.pk])).status_code == 403
    )
    posted = client.post(
        reverse("admin:opendata_release_change", args=[release.pk]), {"ocid": "changed"}
    )
    assert posted.status_code == 403
    release.refresh_from_db()
    assert release.ocid == "ocds-commonweal-local-plan-7"
