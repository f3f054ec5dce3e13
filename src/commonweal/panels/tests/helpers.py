"""Shared set-up for the panels tests: a place with a public body, its staff, and a small panel."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from commonweal.accounts.roles import Role
from commonweal.panels import services
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
)

FEATURES = {"Sex": ["Female", "Male"], "Age band": ["Under 40", "40 and over"]}


def staff_for(place):
    body = PublicBodyFactory()
    body.places_served.add(place)
    return RoleFactory(role=Role.COMMISSIONER, organisation=body).user


def pool_rows(count: int = 12) -> list[list[str]]:
    """People alternating sex, and age bands in blocks, each with an email and their own household."""
    rows = []
    for number in range(1, count + 1):
        rows.append(
            [
                f"Person {number}",
                f"volunteer{number}@example.net",
                f"h{number}",
                "Female" if number % 2 else "Male",
                "Under 40" if number <= count // 2 else "40 and over",
            ]
        )
    return rows


def pool_csv(rows, header=("name", "email", "household", "Sex", "Age band")) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def upload(data: bytes, name: str = "pool.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def make_panel(*, size: int = 4, pool: int | None = 12, quotas: dict | None = None):
    """A panel with two features and (by default) a pool of 12, its place and a staff member."""
    place = LocalAuthorityFactory()
    staff = staff_for(place)
    panel = services.panel_create(
        actor=staff,
        place=place,
        title="Panel on youth services",
        description="Which youth services to fund",
        size=size,
    )
    for name, categories in FEATURES.items():
        feature = services.feature_add(actor=staff, panel=panel, name=name, categories=categories)
        chosen = (quotas or {}).get(name)
        if chosen is None:
            chosen = dict.fromkeys(categories, (size // 2, size // 2))
        services.quotas_set(
            actor=staff,
            feature=feature,
            quotas={category.pk: chosen[category.name] for category in feature.categories.all()},
        )
    if pool:
        from commonweal.panels import imports

        services.pool_replace(
            actor=staff, panel=panel, people=imports.read_pool(panel, pool_csv(pool_rows(pool)))
        )
    panel.refresh_from_db()
    return panel, staff


def outsider():
    return UserFactory()


def post_pool(client, panel, data: bytes, capture, *, name: str = "pool.csv"):
    """Upload a pool file through the import page and let its task run (tests run tasks at once).

    Returns the page the person ends on: the import's page, or the upload form when the file was refused at once.
    """
    from django.urls import reverse

    with capture(execute=True):
        response = client.post(
            reverse("panels:pool-import", kwargs={"pk": panel.pk}), {"file": upload(data, name)}
        )
    if response.status_code != 302:
        return response
    return client.get(response["Location"])
