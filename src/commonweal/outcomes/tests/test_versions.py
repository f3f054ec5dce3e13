"""New versions, editing a draft, publishing; a published version never changes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commonweal.outcomes import selectors, services
from commonweal.outcomes.models import FrameworkVersion, Indicator, Outcome, OutcomeArea
from commonweal.testing.forms import date_boxes

pytestmark = pytest.mark.django_db


def url(name: str, version, **kwargs) -> str:
    return reverse(
        f"outcomes:{name}",
        kwargs={"slug": version.framework.slug, "number": version.number, **kwargs},
    )


def indicator_form(**overrides) -> dict:
    return {
        "code": "I9",
        "name": "Nights in emergency accommodation",
        "definition": "Nights counted by the council.",
        "unit": "nights",
        "direction": "lower",
        "baseline_value": "1200.5",
        "baseline_date": "2025-04-01",
        "target_value": "600",
        "target_date": "2028-03-31",
        "data_source": "Housing register",
        "frequency": "quarterly",
        "validation_method": "",
        "breakdowns": ["sex", "deprivation"],
        **overrides,
    }


class TestNewVersion:
    def test_a_new_version_copies_the_latest_with_codes_and_needs(self, framework, manager, need):
        draft = services.framework_version_create(
            framework=framework, actor=manager, change_note="Yearly review"
        )
        assert (draft.number, draft.status) == (2, FrameworkVersion.Status.DRAFT)
        assert selectors.version_as_dict(draft) == selectors.version_as_dict(
            framework.versions.get(number=1)
        )
        assert list(draft.outcomes.get(code="O1").needs.all()) == [need]
        # The published version keeps its own link.
        assert list(framework.versions.get(number=1).outcomes.get(code="O1").needs.all()) == [need]

    def test_only_one_draft_at_a_time(self, framework, draft, manager):
        with pytest.raises(ValidationError, match="already a draft"):
            services.framework_version_create(
                framework=framework, actor=manager, change_note="Again"
            )
        assert framework.versions.count() == 2

    @pytest.mark.parametrize("who", ["stranger", "vcse_member", "other_commissioner"])
    def test_only_managers_start_a_version(self, sign_in, framework, request, who):
        client = sign_in(request.getfixturevalue(who))
        new_url = reverse("outcomes:version-new", kwargs={"slug": framework.slug})
        assert client.get(new_url).status_code == 403
        assert client.post(new_url, {"change_note": "Mine"}).status_code == 403
        assert framework.versions.count() == 1

    def test_the_page_points_to_the_existing_draft(self, sign_in, framework, draft, manager):
        new_url = reverse("outcomes:version-new", kwargs={"slug": framework.slug})
        page = sign_in(manager).post(new_url, {"change_note": "Another"}).content.decode()
        assert "There is already a draft, version 2" in page and "There is a problem" not in page
        assert framework.versions.count() == 2

    def test_anonymous_people_are_asked_to_sign_in(self, client, framework):
        new_url = reverse("outcomes:version-new", kwargs={"slug": framework.slug})
        assert client.post(new_url, {"change_note": "Mine"}).status_code == 302
        assert framework.versions.count() == 1

    @pytest.mark.parametrize("who", ["manager", "back_office"])
    def test_managers_start_a_version_with_a_change_note(self, sign_in, framework, request, who):
        client = sign_in(request.getfixturevalue(who))
        new_url = reverse("outcomes:version-new", kwargs={"slug": framework.slug})
        page = client.post(new_url, {"change_note": ""}).content.decode()
        assert "Say what changed and why" in page and framework.versions.count() == 1
        response = client.post(new_url, {"change_note": "Yearly review"})
        draft = framework.versions.get(number=2)
        assert response.status_code == 302 and response.url == url("version", draft)
        assert draft.change_note == "Yearly review"


class TestEditingADraft:
    def test_a_manager_adds_an_indicator_with_every_field(self, sign_in, draft, manager):
        outcome = draft.outcomes.get(code="O1")
        response = sign_in(manager).post(
            url("indicator-add", draft, outcome_id=outcome.pk), indicator_form()
        )
        assert response.status_code == 302
        indicator = Indicator.objects.get(outcome=outcome, code="I9")
        assert (
            str(indicator.baseline_value) == "1200.5000"
            and indicator.target_date.isoformat() == "2028-03-31"
        )
        assert indicator.breakdowns == ["sex", "deprivation"] and indicator.frequency == "quarterly"

    def test_bad_input_is_explained_and_kept(self, sign_in, draft, manager):
        outcome = draft.outcomes.get(code="O1")
        page = (
            sign_in(manager)
            .post(
                url("indicator-add", draft, outcome_id=outcome.pk),
                indicator_form(
                    **date_boxes("target_date", 31, 13, 2028),
                    baseline_value="lots",
                    direction="",
                    code="I1",
                ),
            )
            .content.decode()
        )
        assert "There is a problem" in page
        assert (
            "Target date must be a real date" in page and "Enter a number, like 120 or 7.5" in page
        )
        assert "Choose which way is better" in page
        # The three boxes keep what was typed, and the month is marked as the wrong part.
        assert 'name="target_date-day" type="text" inputmode="numeric" value="31"' in page
        assert (
            'govuk-input--width-2 govuk-input--error" id="id_target_date-month" '
            'name="target_date-month" type="text" inputmode="numeric" value="13"'
        ) in page
        assert not Indicator.objects.filter(
            outcome=outcome, name="Nights in emergency accommodation"
        ).exists()

    def test_a_code_already_used_in_the_version_is_refused(self, sign_in, draft, manager):
        outcome = draft.outcomes.get(code="O1")
        page = (
            sign_in(manager)
            .post(url("indicator-add", draft, outcome_id=outcome.pk), indicator_form(code="I2"))
            .content.decode()
        )
        assert "Another indicator already has the code I2" in page

    def test_a_manager_adds_and_changes_areas_and_outcomes(self, sign_in, draft, manager):
        client = sign_in(manager)
        assert (
            client.post(url("area-add", draft), {"code": "A3", "name": "Work"}).status_code == 302
        )
        area = draft.areas.get(code="A3")
        assert (
            client.post(
                url("outcome-add", draft),
                {"area": area.pk, "code": "O5", "title": "People find work"},
            ).status_code
            == 302
        )
        outcome = draft.outcomes.get(code="O5")
        assert (
            client.post(
                url("outcome-edit", draft, outcome_id=outcome.pk),
                {"area": area.pk, "code": "O5", "title": "People find good work"},
            ).status_code
            == 302
        )
        outcome.refresh_from_db()
        assert outcome.title == "People find good work" and outcome.area == area

    def test_removing_an_area_removes_its_outcomes_and_indicators(self, sign_in, draft, manager):
        area = draft.areas.get(code="A1")
        client = sign_in(manager)
        assert (
            "Yes, remove it"
            in client.get(url("area-remove", draft, item_id=area.pk)).content.decode()
        )
        assert client.post(url("area-remove", draft, item_id=area.pk)).status_code == 302
        assert not Outcome.objects.filter(version=draft).exists()
        assert not Indicator.objects.filter(outcome__version=draft).exists()
        assert Indicator.objects.filter(outcome__version__number=1).count() == 2

    @pytest.mark.parametrize("who", ["stranger", "vcse_member", "other_commissioner"])
    def test_people_who_do_not_manage_it_cannot_edit(self, sign_in, draft, request, who):
        client = sign_in(request.getfixturevalue(who))
        outcome = draft.outcomes.get(code="O1")
        indicator = Indicator.objects.get(outcome=outcome, code="I1")
        area = draft.areas.get(code="A1")
        for target in (
            url("area-add", draft),
            url("area-edit", draft, area_id=area.pk),
            url("outcome-add", draft),
            url("outcome-edit", draft, outcome_id=outcome.pk),
            url("indicator-add", draft, outcome_id=outcome.pk),
            url("indicator-edit", draft, outcome_id=outcome.pk, indicator_id=indicator.pk),
            url("area-remove", draft, item_id=area.pk),
            url("outcome-remove", draft, item_id=outcome.pk),
            url("indicator-remove", draft, item_id=indicator.pk),
            url("version-publish", draft),
        ):
            assert client.get(target).status_code == 403, target
            assert (
                client.post(target, {"code": "X1", "name": "X", "change_note": "X"}).status_code
                == 403
            ), target
        assert OutcomeArea.objects.filter(version=draft).count() == 2
        assert (
            draft.outcomes.count() == 1
            and Indicator.objects.filter(outcome__version=draft).count() == 2
        )
        draft.refresh_from_db()
        assert draft.status == FrameworkVersion.Status.DRAFT

    def test_anonymous_people_are_asked_to_sign_in(self, client, draft):
        assert (
            client.post(url("area-add", draft), {"code": "A3", "name": "Work"}).status_code == 302
        )
        assert not draft.areas.filter(code="A3").exists()

    def test_an_item_of_another_version_is_not_found(self, sign_in, draft, published, manager):
        old_area = published.areas.get(code="A1")
        assert sign_in(manager).get(url("area-edit", draft, area_id=old_area.pk)).status_code == 404


class TestPublishing:
    def test_publishing_needs_a_change_note(self, sign_in, draft, manager):
        client = sign_in(manager)
        page = client.post(url("version-publish", draft), {"change_note": ""}).content.decode()
        assert "Say what changed and why" in page
        response = client.post(
            url("version-publish", draft), {"change_note": "Added housing targets"}
        )
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.status == FrameworkVersion.Status.PUBLISHED and draft.published_at is not None
        assert (
            "Added housing targets"
            in client.get(draft.framework.get_absolute_url()).content.decode()
        )

    def test_the_public_page_shows_the_newest_published_version(
        self, client, sign_in, draft, manager
    ):
        services.outcome_area_save(
            version=draft,
            actor=manager,
            area=draft.areas.get(code="A2"),
            code="A2",
            name="Wellbeing",
        )
        services.framework_version_publish(
            version=draft, actor=manager, change_note="Renamed an area"
        )
        page = client.get(draft.framework.get_absolute_url()).content.decode()
        assert "Wellbeing" in page and "Mental health and wellbeing" not in page


class TestPublishedVersionsNeverChange:
    def test_services_refuse_every_change(self, published, manager):
        area = published.areas.get(code="A1")
        outcome = published.outcomes.get(code="O1")
        indicator = outcome.indicators.get(code="I1")
        attempts = [
            lambda: services.outcome_area_save(
                version=published, actor=manager, code="A9", name="New"
            ),
            lambda: services.outcome_area_save(
                version=published, actor=manager, area=area, code="A1", name="Changed"
            ),
            lambda: services.outcome_area_remove(area=area, actor=manager),
            lambda: services.outcome_save(
                version=published, actor=manager, area=area, code="O9", title="New"
            ),
            lambda: services.outcome_remove(outcome=outcome, actor=manager),
            lambda: services.indicator_save(
                outcome=outcome, actor=manager, indicator=indicator, name="Changed"
            ),
            lambda: services.indicator_remove(indicator=indicator, actor=manager),
            lambda: services.framework_version_publish(
                version=published, actor=manager, change_note="Again"
            ),
        ]
        for attempt in attempts:
            with pytest.raises(ValidationError, match="published and cannot be changed"):
                attempt()
        assert selectors.version_as_dict(published)["areas"][0]["name"] == "Housing"
        assert Indicator.objects.filter(outcome__version=published).count() == 2

    def test_no_edit_forms_are_offered_or_answered(self, sign_in, published, manager):
        client = sign_in(manager)
        page = client.get(url("version", published)).content.decode()
        assert "Add an outcome area" not in page and "Publish this version" not in page
        assert (
            client.post(url("area-add", published), {"code": "A9", "name": "New"}).status_code
            == 404
        )
        assert not published.areas.filter(code="A9").exists()
