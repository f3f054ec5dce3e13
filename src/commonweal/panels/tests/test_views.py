"""The panel pages and the API: who may see and do what, and what each sees."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.panels import imports, selection, services
from commonweal.panels.models import Panel
from commonweal.panels.tests.helpers import make_panel, pool_csv, pool_rows, post_pool
from commonweal.panels.views_selection import CHANCES_PAGE_SIZE
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(django_capture_on_commit_callbacks):
    panel, staff = make_panel(size=4, pool=12)
    with django_capture_on_commit_callbacks(execute=True):
        selection.run_start(actor=staff, panel=panel, method="leximin", time_limit=30)
    services.draw_make(actor=staff, panel=panel, seed="6 2 5")
    panel.refresh_from_db()
    return panel, staff


def test_a_draft_is_hidden_from_the_public_and_other_places_staff(client, sign_in):
    panel, staff = make_panel(pool=None)
    assert panel.status == Panel.Status.DRAFT
    assert client.get(panel.get_absolute_url()).status_code == 403
    assert panel.title not in client.get(reverse("panels:list")).content.decode()
    other_place_staff = make_panel(pool=None)[1]
    assert sign_in(other_place_staff).get(panel.get_absolute_url()).status_code == 403
    assert sign_in(staff).get(panel.get_absolute_url()).status_code == 200
    assert client.get(reverse("panels:panel", kwargs={"pk": 99999})).status_code == 404


def test_only_staff_for_the_place_can_set_up_and_manage(client, sign_in):
    panel, staff = make_panel(pool=None)
    for name in ("edit", "features", "pool", "pool-import", "pool-template", "run-start", "draw"):
        url = reverse(f"panels:{name}", kwargs={"pk": panel.pk})
        assert sign_in(UserFactory()).get(url).status_code == 403, name
        assert sign_in(staff).get(url).status_code == 200, name


def test_create_a_panel_shows_errors_in_a_summary(sign_in):
    panel, staff = make_panel(pool=None)
    client = sign_in(staff)
    response = client.post(
        reverse("panels:create"), {"place": panel.place.pk, "title": "", "size": "0"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "There is a problem" in page
        and "Enter a title for the panel" in page
        and "at least 1 seat" in page
    )
    response = client.post(
        reverse("panels:create"), {"place": panel.place.pk, "title": "New panel", "size": "12"}
    )
    created = Panel.objects.get(title="New panel")
    assert response.status_code == 302 and created.size == 12 and created.created_by == staff


def test_pool_upload_reports_rows_and_saves_nothing(sign_in, django_capture_on_commit_callbacks):
    panel, staff = make_panel(pool=None)
    rows = pool_rows(3)
    rows[1][3] = "Other"
    page = post_pool(
        sign_in(staff), panel, pool_csv(rows), django_capture_on_commit_callbacks
    ).content.decode()
    assert "Row 3: Other is not a category of Sex" in page and "Nothing was saved" in page
    assert not panel.pool.exists()
    response = post_pool(
        sign_in(staff), panel, pool_csv(pool_rows(3)), django_capture_on_commit_callbacks
    )
    assert "3 people imported" in response.content.decode() and panel.pool.count() == 3


def test_template_download_has_the_feature_columns(sign_in):
    panel, staff = make_panel(pool=None)
    response = sign_in(staff).get(reverse("panels:pool-template", kwargs={"pk": panel.pk}))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode() == "name,email,household,Sex,Age band\r\n"


def test_infeasible_quotas_are_shown_in_an_error_summary_on_the_panel_page(
    client, sign_in, django_capture_on_commit_callbacks
):
    panel, staff = make_panel(
        size=4,
        pool=12,
        quotas={
            "Sex": {"Female": (4, 4), "Male": (0, 0)},
            "Age band": {"Under 40": (2, 2), "40 and over": (2, 2)},
        },
    )
    rows = [
        row for row in pool_rows(12) if row[3] == "Male" or row[4] == "Under 40"
    ]  # 3 women, all under 40
    services.pool_replace(actor=staff, panel=panel, people=imports.read_pool(panel, pool_csv(rows)))
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(staff).post(
            reverse("panels:run-start", kwargs={"pk": panel.pk}),
            {"method": "leximin", "time_limit": "30"},
        )
    assert response.status_code == 302
    page = client.get(panel.get_absolute_url()).content.decode()
    assert "govuk-error-summary" in page and "The quotas cannot all be met" in page
    assert "Female" in page


def test_results_show_names_only_to_staff(client, sign_in, drawn):
    panel, staff = drawn
    public = client.get(reverse("panels:results", kwargs={"pk": panel.pk})).content.decode()
    assert "6 2 5" in public and "Pool number" in public
    assert "Person 1<" not in public and "volunteer1@example.net" not in public
    staff_page = (
        sign_in(staff).get(reverse("panels:results", kwargs={"pk": panel.pk})).content.decode()
    )
    assert "Person 1<" in staff_page
    assert (
        sign_in(UserFactory()).get(reverse("panels:pool", kwargs={"pk": panel.pk})).status_code
        == 403
    )


def test_rerun_from_the_seed_confirms_the_same_panel(client, drawn):
    panel, _staff = drawn
    page = client.get(
        reverse("panels:results", kwargs={"pk": panel.pk}), {"check": "1"}
    ).content.decode()
    assert "picked the same panel" in page


def test_the_downloaded_lottery_reproduces_the_draw(client, drawn):
    from commonweal.panels.sortition import Distribution, draw

    panel, _staff = drawn
    document = json.loads(
        client.get(reverse("panels:results-json", kwargs={"pk": panel.pk})).content
    )
    lottery = Distribution(
        panels=[tuple(p) for p in document["panels"]],
        probabilities=document["probabilities"],
        selection_probability=document["selection_probability"],
        method=document["method"],
        maximin=document["maximin"],
        stages_completed=document["stages_completed"],
        finished=document["refinement_finished"],
        seconds=0.0,
    )
    assert sorted(draw(lottery, document["seed"]), key=int) == sorted(document["drawn"], key=int)
    assert "name" not in json.dumps(document["selection_probability"])


def test_members_see_your_panels_and_outsiders_cannot_see_members(
    client, sign_in, drawn, django_capture_on_commit_callbacks
):
    panel, staff = drawn
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(staff).post(
            reverse("panels:members", kwargs={"pk": panel.pk}), {"confirm": "on"}
        )
    assert response.status_code == 302
    member = panel.members.first().user
    page = sign_in(member).get(reverse("panels:mine")).content.decode()
    assert panel.title in page
    assert (
        sign_in(member).get(reverse("panels:members", kwargs={"pk": panel.pk})).status_code == 200
    )
    assert (
        sign_in(member)
        .post(reverse("panels:members", kwargs={"pk": panel.pk}), {"confirm": "on"})
        .status_code
        == 403
    )
    assert (
        sign_in(UserFactory()).get(reverse("panels:members", kwargs={"pk": panel.pk})).status_code
        == 403
    )


def test_api_detail_is_public_by_number_and_names_are_for_staff(client, sign_in, drawn):
    panel, staff = drawn
    url = reverse("api:panel-detail", kwargs={"pk": panel.pk})
    public = client.get(url).json()
    assert (
        public["size"] == 4
        and public["draw"]["seed"] == "6 2 5"
        and public["draw"]["quotas_met"] is True
    )
    assert public["pool"] == {"count": 12, "address": f"/api/panels/{panel.pk}/pool/"}
    assert public["selection"]["panel_count"] >= 1
    assert [f["name"] for f in public["features"]] == ["Sex", "Age band"]
    assert public["features"][0]["categories"][0] == {
        "name": "Female",
        "min_seats": 2,
        "max_seats": 2,
    }
    # Names and contacts are in the pool's own pages, for staff: the panel's answer stays small.
    full = sign_in(staff).get(url).json()
    assert full == public and "volunteer1@example.net" not in json.dumps(full)
    assert client.get(reverse("api:panel-detail", kwargs={"pk": 99999})).status_code == 404


def test_api_refuses_drafts_and_bad_filters(client):
    panel, _staff = make_panel(pool=None)
    assert client.get(reverse("api:panel-detail", kwargs={"pk": panel.pk})).status_code == 403
    response = client.get(reverse("api:panel-list"), {"status": "nonsense"})
    assert response.status_code == 400 and "status" in response.json()
    assert client.get(reverse("api:panel-list")).json()["results"] == []


def test_quotas_from_shares_and_the_draw_through_the_pages(
    client, sign_in, django_capture_on_commit_callbacks
):
    panel, staff = make_panel(size=4, pool=12)
    feature = panel.features.get(name="Sex")
    female, male = feature.categories.all()
    staff_client = sign_in(staff)
    url = reverse("panels:quotas", kwargs={"pk": panel.pk, "feature_pk": feature.pk})
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url, {"form": "shares", f"share_{female.pk}": "60", f"share_{male.pk}": "30"}
    )
    assert "The shares add up to 90 per cent" in response.content.decode()
    response = staff_client.post(
        url, {"form": "shares", f"share_{female.pk}": "50", f"share_{male.pk}": "50", "margin": "0"}
    )
    assert response.status_code == 302
    female.refresh_from_db()
    assert (female.min_seats, female.max_seats) == (2, 2)
    assert (
        staff_client.get(
            reverse("panels:features", kwargs={"pk": panel.pk}), {"default": "age-band"}
        ).status_code
        == 200
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("panels:run-start", kwargs={"pk": panel.pk}),
            {"method": "maximin", "time_limit": "30"},
        )
    run_page = client.get(response["Location"])
    assert run_page.status_code == 200 and "Lowest chance of anyone" in run_page.content.decode()
    draw_url = reverse("panels:draw", kwargs={"pk": panel.pk})
    response = staff_client.post(draw_url, {"seed": "1 2 3"})
    assert "Confirm the seed was entered in public" in response.content.decode()
    response = staff_client.post(draw_url, {"seed": "1 2 3", "confirm": "on"})
    assert response.status_code == 302
    panel.refresh_from_db()
    assert panel.status == Panel.Status.DRAWN and panel.draw.seed == "1 2 3"
    assert "1 2 3" in client.get(panel.get_absolute_url()).content.decode()


def test_staff_can_stop_a_run_that_is_stuck_and_must_say_why(client, sign_in):
    panel, staff = make_panel(size=4, pool=12)
    run = selection.run_start(
        actor=staff, panel=panel, method="leximin", time_limit=30
    )  # no worker runs it
    stop_url = reverse("panels:run-stop", kwargs={"pk": panel.pk, "run_pk": run.pk})
    run_url = reverse("panels:run", kwargs={"pk": panel.pk, "run_pk": run.pk})
    assert stop_url not in client.get(run_url).content.decode()  # the public sees no stop link
    assert client.get(stop_url).status_code in (302, 403)
    other_place_staff = make_panel(pool=None)[1]  # staff, but for another place
    assert (
        sign_in(other_place_staff).post(stop_url, {"reason": "Not mine to stop"}).status_code == 403
    )
    run.refresh_from_db()
    assert run.status == "queued"
    staff_client = sign_in(staff)
    assert stop_url in staff_client.get(run_url).content.decode()
    assert stop_url in staff_client.get(panel.get_absolute_url()).content.decode()
    page = staff_client.post(stop_url, {"reason": ""})
    assert page.status_code == 200
    assert "govuk-error-summary" in page.content.decode()
    assert "Enter why you are stopping this run" in page.content.decode()
    response = staff_client.post(stop_url, {"reason": "It has not moved for an hour"})
    assert response.status_code == 302 and response["Location"] == run_url
    page = staff_client.get(run_url).content.decode()
    assert "Stopped by a person" in page and "It has not moved for an hour" in page
    assert stop_url not in page
    # Stopping again just says so.
    assert staff_client.get(stop_url).status_code == 302
    panel.refresh_from_db()
    assert panel.status == Panel.Status.POOL_OPEN


def test_the_run_page_says_when_refinement_stopped_at_the_time_limit(client):
    panel, staff = make_panel(size=4, pool=12)
    run = selection.run_start(actor=staff, panel=panel, method="leximin", time_limit=30)
    # A limit of 0 (below what the form allows) stops refinement right after the maximin stage.
    type(run).objects.filter(pk=run.pk).update(time_limit=0)
    run = selection.run_execute(run_id=run.pk)
    assert run.status == "finished" and not run.refinement_finished
    assert run.stages_completed == 1
    page = client.get(reverse("panels:run", kwargs={"pk": panel.pk, "run_pk": run.pk}))
    text = " ".join(page.content.decode().split())
    assert "This run stopped at its time limit, after 1 stage of refinement." in text
    assert "start a new run with a longer time limit" in text


def test_the_run_page_says_nothing_of_a_time_limit_when_refinement_finished(client, drawn):
    panel, _ = drawn
    run = panel.runs.get()
    assert run.refinement_finished
    page = client.get(reverse("panels:run", kwargs={"pk": panel.pk, "run_pk": run.pk}))
    assert "This run stopped at its time limit" not in page.content.decode()


def _chance_rows(page: str) -> int:
    return page.count('govuk-table__cell">Yes</td>') + page.count('govuk-table__cell">No</td>')


def test_results_list_each_persons_chance_a_page_at_a_time(
    sign_in, django_capture_on_commit_callbacks
):
    pool = CHANCES_PAGE_SIZE + 10
    panel, staff = make_panel(size=4, pool=pool)
    with django_capture_on_commit_callbacks(execute=True):
        selection.run_start(actor=staff, panel=panel, method="maximin", time_limit=30)
    services.draw_make(actor=staff, panel=panel, seed="1 2 3")
    url = reverse("panels:results", kwargs={"pk": panel.pk})
    visitor, staff_client = Client(), sign_in(staff)
    for who in (visitor, staff_client):
        first, second = who.get(url).content.decode(), who.get(url, {"page": 2}).content.decode()
        # The summary is of the whole pool on every page; the table is a page of it.
        for page in (first, second):
            assert f"drawn by lottery from {pool} people" in page
            assert "The most likely panels" in page
        assert (_chance_rows(first), _chance_rows(second)) == (CHANCES_PAGE_SIZE, 10)
        assert 'class="govuk-pagination"' in first and 'href="?page=2"' in first
    # Staff see the names of the people on the page they are on; the public never do.
    named = [
        staff_client.get(url, {"page": n})
        .content.decode()
        .count('<td class="govuk-table__cell">Person ')
        for n in (1, 2)
    ]
    assert named == [CHANCES_PAGE_SIZE, 10]
    assert "Person " not in visitor.get(url, {"page": 2}).content.decode()


def test_the_pool_page_shows_each_persons_answers_under_their_features(sign_in):
    import re

    panel, staff = make_panel(pool=4)
    page = sign_in(staff).get(reverse("panels:pool", kwargs={"pk": panel.pk})).content.decode()
    headers = re.findall(r'<th scope="col" class="govuk-table__header">([^<]*)</th>', page)
    assert headers[-2:] == ["Sex", "Age band"]
    row = page.split("volunteer3@example.net")[1].split("</tr>")[0]
    cells = re.findall(r'<td class="govuk-table__cell">([^<]*)</td>', row)
    assert cells[-2:] == ["Female", "40 and over"]  # in the columns' order, each once
