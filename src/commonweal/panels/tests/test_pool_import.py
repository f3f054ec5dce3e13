"""Pool imports in the background: a large pool as one write and one audit entry, a row-numbered report with
nothing saved, a worker that dies part-way, a stuck import stopped and tried again, and who may see each page."""

import hashlib
import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.core import policy
from commonweal.core.models import AuditEntry
from commonweal.organisations.models import Organisation
from commonweal.organisations.services import organisation_register
from commonweal.panels import pool_imports
from commonweal.panels.models import Panel, PoolImport, Volunteer
from commonweal.panels.tests.helpers import (
    make_panel,
    pool_csv,
    pool_rows,
    post_pool,
    staff_for,
    upload,
)
from commonweal.testing.factories import LocalAuthorityFactory, RoleFactory, UserFactory
from commonweal.testing.place_world import make_resident

pytestmark = pytest.mark.django_db


def pool_names(panel) -> list[str]:
    return list(panel.pool.order_by("number").values_list("name", flat=True))


def canonical_line(line: dict) -> bytes:
    return (
        json.dumps(line, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"
    )


def test_a_pool_of_4000_imports_through_the_task_as_one_audit_entry_whose_digest_matches_the_rows(
    sign_in, django_capture_on_commit_callbacks
):
    panel, staff = make_panel(pool=None)
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    page = post_pool(
        sign_in(staff), panel, pool_csv(pool_rows(4000)), django_capture_on_commit_callbacks
    )
    assert "4,000 people imported" in page.content.decode()
    pool = list(Volunteer.objects.filter(panel=panel).order_by("number"))
    assert (
        len(pool) == 4000
        and pool[0].name == "Person 1"
        and pool[-1].email == "volunteer4000@example.net"
    )
    assert pool[-1].values == {"Sex": "Male", "Age band": "40 and over"}
    new_entries = AuditEntry.objects.exclude(pk__in=before)
    assert not new_entries.filter(model="panels.volunteer").exists()  # no entry per person
    entry = new_entries.get(action="pool_import")
    assert (entry.model, entry.object_id, entry.actor_id) == (
        "panels.panel",
        str(panel.pk),
        staff.pk,
    )
    assert entry.after["rows"] == {"panels.volunteer": 4000}
    # The digest, worked out here from the stored rows (names and contacts are kept out of the trail).
    digest = hashlib.sha256(
        b"".join(
            canonical_line(
                {
                    "model": "panels.volunteer",
                    "action": "create",
                    "object_id": str(person.pk),
                    "before": None,
                    "after": {
                        "id": person.pk,
                        "panel_id": panel.pk,
                        "number": person.number,
                        "values": person.values,
                    },
                }
            )
            for person in pool
        )
    ).hexdigest()
    assert entry.after["digest"] == digest
    pool_import = PoolImport.objects.get(panel=panel)
    assert (pool_import.status, pool_import.imported, pool_import.digest) == ("done", 4000, digest)
    assert bytes(pool_import.data) == b""  # the file is not kept once it is imported
    assert new_entries.count() <= 5  # the import record, the panel's status and the one pool entry


def test_a_file_with_problems_saves_nothing_and_the_import_page_reports_every_row(
    sign_in, django_capture_on_commit_callbacks
):
    panel, staff = make_panel(pool=12)
    before = pool_names(panel)
    rows = pool_rows(6)
    rows[0][3] = "Other"
    rows[2][1] = "not-an-email"
    rows[4][1] = rows[3][1]
    rows[5] = rows[5][:4]
    page = post_pool(
        sign_in(staff), panel, pool_csv(rows), django_capture_on_commit_callbacks
    ).content.decode()
    assert "The file has 4 problems. Nothing was saved" in page
    assert "Row 2: Other is not a category of Sex. Use one of: Female, Male" in page
    assert "Row 4: not-an-email is not an email address in the right format" in page
    assert "Row 6: volunteer4@example.net is already in the pool on row 5" in page
    assert "Row 7: The row has 4 cells but the header has 5 columns" in page
    assert pool_names(panel) == before
    pool_import = PoolImport.objects.get(panel=panel)
    assert pool_import.status == "rejected" and bytes(pool_import.data) == b""
    assert not AuditEntry.objects.filter(
        action="pool_import", object_id=str(panel.pk), at__gte=pool_import.created_at
    )


def test_a_worker_that_dies_during_the_write_leaves_the_old_pool_and_a_failed_import(
    sign_in, django_capture_on_commit_callbacks, monkeypatch
):
    panel, staff = make_panel(pool=12)
    before = pool_names(panel)
    real_bulk_create = Volunteer.objects.bulk_create

    def dies_after_some_rows(objs, **kwargs):
        real_bulk_create(list(objs)[:100], **kwargs)
        raise RuntimeError("the worker was killed")

    monkeypatch.setattr(Volunteer.objects, "bulk_create", dies_after_some_rows)
    staff_client = sign_in(staff)
    page = post_pool(
        staff_client, panel, pool_csv(pool_rows(300)), django_capture_on_commit_callbacks
    )
    text = page.content.decode()
    assert (
        "The import stopped before it finished" in text
        and "Nothing was saved: the pool is as it was." in text
    )
    assert pool_names(panel) == before
    assert panel.pool.count() == 12
    failed = PoolImport.objects.get(panel=panel)
    assert failed.status == "failed" and failed.imported is None
    assert "Try this file again" in text
    # The worker is back: the same file, tried again, is imported whole.
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("panels:pool-import-retry", kwargs={"pk": panel.pk, "import_pk": failed.pk})
        )
    assert "300 people imported" in staff_client.get(response["Location"]).content.decode()
    assert panel.pool.count() == 300


def test_a_stuck_import_is_stopped_by_staff_with_a_reason_and_only_one_runs_at_a_time(
    sign_in, django_capture_on_commit_callbacks
):
    panel, staff = make_panel(pool=12)
    staff_client = sign_in(staff)
    response = staff_client.post(
        reverse("panels:pool-import", kwargs={"pk": panel.pk}),
        {"file": upload(pool_csv(pool_rows(20)))},
    )  # no worker picks it up
    stuck = PoolImport.objects.get(panel=panel)
    assert response["Location"] == stuck.get_absolute_url() and stuck.status == "queued"
    page = staff_client.get(stuck.get_absolute_url()).content.decode()
    assert "Refresh this page to see progress" in page and "<meta" not in page.split("<body")[1]
    stop_url = reverse("panels:pool-import-stop", kwargs={"pk": panel.pk, "import_pk": stuck.pk})
    assert stop_url in page
    # Staff find it from the panel and the pool; the public panel page does not mention it.
    assert stuck.get_absolute_url() in staff_client.get(panel.get_absolute_url()).content.decode()
    assert (
        stuck.get_absolute_url()
        in staff_client.get(reverse("panels:pool", kwargs={"pk": panel.pk})).content.decode()
    )
    assert stuck.get_absolute_url() not in Client().get(panel.get_absolute_url()).content.decode()
    # A second file waits for the first: one import per panel at a time.
    page = staff_client.post(
        reverse("panels:pool-import", kwargs={"pk": panel.pk}),
        {"file": upload(pool_csv(pool_rows(30)))},
    ).content.decode()
    assert "An import of this panel&#x27;s pool is already under way" in page
    assert PoolImport.objects.filter(panel=panel).count() == 1
    assert "There is a problem" in staff_client.post(stop_url, {"reason": ""}).content.decode()
    response = staff_client.post(stop_url, {"reason": "It has not moved for an hour"})
    assert response["Location"] == stuck.get_absolute_url()
    page = staff_client.get(stuck.get_absolute_url()).content.decode()
    assert (
        "Stopped by a person before it finished" in page and "It has not moved for an hour" in page
    )
    assert panel.pool.count() == 12
    # The stopped import's task, if its worker comes back, does nothing.
    assert pool_imports.pool_import_execute(import_id=stuck.pk).status == "failed"
    assert panel.pool.count() == 12
    assert "Try this file again" in staff_client.get(stuck.get_absolute_url()).content.decode()
    page = post_pool(
        staff_client, panel, pool_csv(pool_rows(30)), django_capture_on_commit_callbacks
    )
    assert "30 people imported" in page.content.decode()
    # Once a new pool is in, the stopped import's file (personal data) is no longer kept.
    stuck.refresh_from_db()
    assert bytes(stuck.data) == b""
    assert "Try this file again" not in staff_client.get(stuck.get_absolute_url()).content.decode()


def test_a_header_of_100000_columns_gets_a_plain_message(
    sign_in, django_capture_on_commit_callbacks
):
    panel, staff = make_panel(pool=12)
    header = ("name", "email", "household", "Sex", "Age band") + tuple(
        f"extra {n}" for n in range(1, 99_996)
    )
    data = pool_csv([], header=header)
    page = post_pool(
        sign_in(staff), panel, data, django_capture_on_commit_callbacks
    ).content.decode()
    most = policy.in_force(policy.PANEL_POOL_MAX_COLUMNS, date.today()).value
    assert (
        f"Row 1: The first row has 100,000 columns, but a pool file can have at most {most}. This panel&#x27;s "
        "file has 5: name, email, household, Sex, Age band"
    ) in page
    assert (
        "These are not columns the pool file can have, because the panel has no features called that: "
        "extra 1, extra 2, extra 3, extra 4, extra 5, extra 6, extra 7, extra 8, extra 9, extra 10 and 99,985 "
        "more"
    ) in page
    assert panel.pool.count() == 12


def test_a_pool_bigger_than_the_policy_allows_is_refused_before_its_rows_are_checked(
    sign_in, django_capture_on_commit_callbacks
):
    panel, staff = make_panel(pool=12)
    most = policy.in_force(policy.PANEL_POOL_MAX_PEOPLE, date.today()).value
    rows = [[f"P{n}", "", "", "Female", "Under 40"] for n in range(most + 1)]
    page = post_pool(
        sign_in(staff), panel, pool_csv(rows), django_capture_on_commit_callbacks
    ).content.decode()
    assert (
        f"The file has {most + 1:,} rows of people, but a pool can have at most {most:,} people"
        in page
    )
    assert panel.pool.count() == 12


def test_a_file_that_is_not_a_csv_at_all_is_refused_on_the_form_at_once(
    sign_in, django_capture_on_commit_callbacks
):
    panel, staff = make_panel(pool=12)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    response = post_pool(
        sign_in(staff), panel, png, django_capture_on_commit_callbacks, name="pool.csv"
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "The file must be a CSV file" in page
    assert not PoolImport.objects.filter(panel=panel).exists()


def test_a_pool_saved_by_excel_on_windows_is_read_with_its_accents(
    sign_in, django_capture_on_commit_callbacks
):
    # Excel on Windows saves plain "CSV" in Windows-1252: each é and ë is one byte, not UTF-8.
    panel, staff = make_panel(pool=None)
    rows = pool_rows(12)
    rows[0][0], rows[1][0] = "Zoë Brontë", "Chloé Dupré"
    data = pool_csv(rows).decode().replace("\n", "\r\n").encode("cp1252")
    assert b"Zo\xeb" in data
    page = post_pool(sign_in(staff), panel, data, django_capture_on_commit_callbacks)
    assert "12 people imported" in page.content.decode()
    assert pool_names(panel)[:2] == ["Zoë Brontë", "Chloé Dupré"]


def test_a_pool_in_another_character_set_is_refused_saying_how_to_save_it(
    sign_in, django_capture_on_commit_callbacks
):
    panel, staff = make_panel(pool=12)
    data = pool_csv(pool_rows(12)).replace(
        b"Person 1,", b"Person \x81,"
    )  # not UTF-8 or Windows-1252
    page = post_pool(sign_in(staff), panel, data, django_capture_on_commit_callbacks)
    assert page.status_code == 200
    assert "Save the file as CSV UTF-8 in Excel: File, Save as, CSV UTF-8" in page.content.decode()
    assert "The file must be a CSV file" not in page.content.decode()
    assert not PoolImport.objects.filter(panel=panel).exists()


def test_the_task_refuses_a_file_when_the_panel_was_drawn_meanwhile(
    staff_and_panel_with_queued_import,
):
    panel, pool_import = staff_and_panel_with_queued_import
    Panel.objects.filter(pk=panel.pk).update(status=Panel.Status.DRAWN)
    done = pool_imports.pool_import_execute(import_id=pool_import.pk)
    assert (
        done.status == "failed"
        and "cannot change" in done.error
        and "Nothing was saved" in done.error
    )
    assert panel.pool.count() == 12


@pytest.fixture
def staff_and_panel_with_queued_import():
    panel, staff = make_panel(pool=12)
    pool_import = pool_imports.pool_import_start(
        actor=staff, panel=panel, file_name="pool.csv", data=pool_csv(pool_rows(20))
    )
    return panel, pool_import


# --- who may ------------------------------------------------------------------------------------


@pytest.fixture
def people():
    """Staff for the panel and everyone who must not see its imports."""
    panel, staff = make_panel(pool=12)
    elsewhere = LocalAuthorityFactory(name="Elsewhere")
    self_made = UserFactory(full_name="Sam Selfmade")
    own_body = organisation_register(
        actor=self_made,
        name="Totally Real Council",
        org_id="GB-LAE-ZZZ",
        legal_form=Organisation.LegalForm.PUBLIC_BODY,
        places_served=[panel.place],
    )
    RoleFactory(user=self_made, organisation=own_body, role="commissioner")
    return {
        "panel": panel,
        "staff": staff,
        "others": {
            "commissioner elsewhere": staff_for(elsewhere),
            "resident": make_resident(panel.place),
            "stranger": UserFactory(),
            "self-made public body": self_made,
        },
    }


def _import_urls(panel, pool_import):
    kwargs = {"pk": panel.pk, "import_pk": pool_import.pk}
    return {
        "detail": reverse("panels:pool-import-detail", kwargs=kwargs),
        "stop": reverse("panels:pool-import-stop", kwargs=kwargs),
    }


def test_only_staff_for_the_panel_see_and_stop_its_imports(client, sign_in, people):
    panel, staff = people["panel"], people["staff"]
    pool_import = pool_imports.pool_import_start(
        actor=staff, panel=panel, file_name="pool.csv", data=pool_csv(pool_rows(20))
    )
    urls = _import_urls(panel, pool_import)
    retry = reverse(
        "panels:pool-import-retry", kwargs={"pk": panel.pk, "import_pk": pool_import.pk}
    )
    for who, user in people["others"].items():
        signed_in = sign_in(user)
        for name, url in urls.items():
            assert signed_in.get(url).status_code == 403, (who, name)
        assert signed_in.post(urls["stop"], {"reason": "Not mine"}).status_code == 403, who
        assert signed_in.post(retry).status_code == 403, who
        assert (
            signed_in.post(
                reverse("panels:pool-import", kwargs={"pk": panel.pk}),
                {"file": upload(pool_csv(pool_rows(3)))},
            ).status_code
            == 403
        ), who
    client.logout()
    for url in (*urls.values(), retry):
        response = client.get(url) if url != retry else client.post(url)
        assert response.status_code == 302 and reverse("accounts:sign-in") in response["Location"]
    pool_import.refresh_from_db()
    assert pool_import.status == "queued" and PoolImport.objects.filter(panel=panel).count() == 1
    staff_client = sign_in(staff)
    for url in urls.values():
        assert staff_client.get(url).status_code == 200
    # An unknown import, or one of another panel, is not found.
    other_panel, other_staff = make_panel(pool=None)
    assert (
        staff_client.get(
            reverse("panels:pool-import-detail", kwargs={"pk": panel.pk, "import_pk": 99999})
        ).status_code
        == 404
    )
    other_import = pool_imports.pool_import_start(
        actor=other_staff, panel=other_panel, file_name="pool.csv", data=pool_csv(pool_rows(3))
    )
    assert (
        sign_in(other_staff)
        .get(
            reverse(
                "panels:pool-import-detail",
                kwargs={"pk": other_panel.pk, "import_pk": pool_import.pk},
            )
        )
        .status_code
        == 404
    )
    assert (
        sign_in(staff)
        .get(
            reverse(
                "panels:pool-import-detail",
                kwargs={"pk": other_panel.pk, "import_pk": other_import.pk},
            )
        )
        .status_code
        == 403
    )
    # Retrying needs an import that failed; a queued one is refused with a message.
    response = sign_in(staff).post(retry)
    assert response.status_code == 302
    assert (
        "Only an import that stopped before it finished can be tried again"
        in sign_in(staff).get(response["Location"]).content.decode()
    )


def test_an_import_stopped_by_staff_while_its_file_is_read_writes_nothing(
    staff_and_panel_with_queued_import, monkeypatch
):
    panel, pool_import = staff_and_panel_with_queued_import
    staff = pool_import.created_by
    real_read_pool = pool_imports.imports.read_pool

    def stopped_half_way(panel, data, *, progress):
        people = real_read_pool(panel, data)
        pool_imports.pool_import_stop(actor=staff, pool_import=pool_import, reason="Wrong file")
        progress(len(people) // 2, len(people))
        return people

    monkeypatch.setattr(pool_imports.imports, "read_pool", stopped_half_way)
    done = pool_imports.pool_import_execute(import_id=pool_import.pk)
    assert (done.status, done.stop_reason, done.stopped_by) == ("failed", "Wrong file", staff)
    assert panel.pool.count() == 12
