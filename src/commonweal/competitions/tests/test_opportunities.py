"""Opportunities: starting a tender or grant round from a plan, its criteria tree and documents,
publishing it, finding it, registering interest and cancelling; who may do each, and who may not."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.commissioning.models import Lot
from commonweal.competitions import notices
from commonweal.competitions import selectors_opportunities as selectors
from commonweal.competitions import services_opportunities as services
from commonweal.competitions.forms_opportunities import OpportunityForm, scale_lines
from commonweal.competitions.models import Criterion, Document, Interest, Opportunity
from commonweal.competitions.tests.conftest import make_opportunity
from commonweal.core.models import AuditEntry as AuditEvent
from commonweal.notifications import services as notifications
from commonweal.opendata.models import Release
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory
from commonweal.testing.notifications import headlines

pytestmark = pytest.mark.django_db

EVERYONE = [
    "anonymous",
    "resident",
    "stranger",
    "self_made_bidder",
    "other_staff",
    "staff",
    "back_office",
]
RUNNERS = ["staff", "back_office"]
NOT_RUNNERS = [who for who in EVERYONE if who not in RUNNERS]
HUGE = 2**70


def client_for(request, sign_in, client, who):
    if who == "anonymous":
        return client
    return sign_in(request.getfixturevalue(who))


@pytest.fixture
def self_made_bidder(db):
    """A person who made their own account and their own company (may bid; runs nothing)."""
    organisation = OrganisationFactory(
        name="Just Made Ltd", legal_form=Organisation.LegalForm.PRIVATE_COMPANY
    )
    user = UserFactory(full_name="Jo Justmade")
    RoleFactory(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def draft(plan, staff):
    return make_opportunity(
        plan,
        created_by=staff,
        status=Opportunity.Status.DRAFT,
        published_at=None,
        title="Draft recovery service",
    )


def form_data(**changes) -> dict:
    closes = timezone.localdate() + datetime.timedelta(days=30)
    questions = closes - datetime.timedelta(days=7)
    data = {
        "kind": "tender",
        "lot": "",
        "title": "Recovery cafés",
        "description": "Places where people in recovery meet and work.",
        "conditions": "",
        "value": "300000",
        "budget": "300000",
        "contract_months": "36",
        "questions_close_on-year": str(questions.year),
        "questions_close_on-month": str(questions.month),
        "questions_close_on-day": str(questions.day),
        "questions_close_time": "12:00",
        "closes_on-year": str(closes.year),
        "closes_on-month": str(closes.month),
        "closes_on-day": str(closes.day),
        "closes_time": "12:00",
        "consortium_bids": "on",
        "answer_word_limit": "800",
        "quality_weight": "60",
        "social_value_weight": "10",
        "price_weight": "30",
        "price_formula": "proportional",
        "scale": "0: None\n1: Some\n2: Good",
        "inherent_social_value_share": "0",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- who may see what ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_everyone_finds_and_reads_a_published_opportunity(
    request, sign_in, client, who, opportunity
):
    browser = client_for(request, sign_in, client, who)
    listed = browser.get(reverse("competitions:opportunities"))
    assert listed.status_code == 200
    assert "Housing-led recovery service" in listed.content.decode()
    page = browser.get(opportunity.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tell us how you will help people find and keep a home." in text
    assert "The lowest price gets full marks" in text
    assert "Safeguarding policy in place" in text
    # The cost model and evaluators' guidance are the commissioner's own.
    assert "Look for a clear plan, named partners" not in text
    assert ("Change the details" in text) is False  # published: nobody changes it


@pytest.mark.parametrize("who", NOT_RUNNERS)
def test_a_draft_is_hidden_from_everyone_who_does_not_run_it(request, sign_in, client, who, draft):
    browser = client_for(request, sign_in, client, who)
    listed = browser.get(reverse("competitions:opportunities")).content.decode()
    assert "Draft recovery service" not in listed
    page = browser.get(draft.get_absolute_url())
    assert page.status_code in (302, 403) if who == "anonymous" else page.status_code == 403
    if who == "anonymous":
        assert page.status_code == 403


@pytest.mark.parametrize("who", RUNNERS)
def test_those_who_run_it_see_their_draft_in_its_own_list(request, sign_in, client, who, draft):
    browser = client_for(request, sign_in, client, who)
    listed = browser.get(reverse("competitions:opportunities")).content.decode()
    assert "Your drafts" in listed
    assert "Draft recovery service" in listed
    page = browser.get(draft.get_absolute_url()).content.decode()
    assert "Change the details" in page
    assert "Publish it: open for bids" in page


MANAGE_PAGES = [
    ("competitions:opportunity-edit", {}),
    ("competitions:criteria", {}),
    ("competitions:documents", {}),
    ("competitions:publish", {}),
    ("competitions:cancel", {}),
]


@pytest.mark.parametrize("who", NOT_RUNNERS)
@pytest.mark.parametrize(("name", "extra"), MANAGE_PAGES)
def test_nobody_else_reaches_the_pages_that_run_it(
    request, sign_in, client, who, name, extra, draft
):
    browser = client_for(request, sign_in, client, who)
    url = reverse(name, kwargs={"pk": draft.pk, **extra})
    for response in (browser.get(url), browser.post(url, {"reason": "x", "title": "x"})):
        if who == "anonymous":
            assert response.status_code in (302, 403)
        else:
            assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Opportunity.Status.DRAFT
    assert draft.title == "Draft recovery service"


@pytest.mark.parametrize("who", NOT_RUNNERS)
def test_nobody_else_starts_a_competition_from_the_plan(request, sign_in, client, who, plan):
    browser = client_for(request, sign_in, client, who)
    url = reverse("competitions:opportunity-create", kwargs={"plan_pk": plan.pk})
    assert browser.get(url).status_code in ((302, 403) if who == "anonymous" else (403,))
    assert browser.post(url, form_data()).status_code in (
        (302, 403) if who == "anonymous" else (403,)
    )
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "competitions:opportunity",
        "competitions:opportunity-edit",
        "competitions:criteria",
        "competitions:documents",
        "competitions:publish",
        "competitions:cancel",
    ],
)
def test_huge_ids_are_not_found(sign_in, staff, name):
    assert sign_in(staff).get(reverse(name, kwargs={"pk": HUGE})).status_code == 404


def test_huge_ids_inside_an_opportunity_are_not_found(sign_in, staff, draft, plan):
    browser = sign_in(staff)
    for name, kwargs in (
        ("competitions:criterion-edit", {"pk": draft.pk, "criterion_pk": HUGE}),
        ("competitions:criterion-remove", {"pk": draft.pk, "criterion_pk": HUGE}),
        ("competitions:document-download", {"pk": draft.pk, "document_pk": HUGE}),
        ("competitions:opportunity-create", {"plan_pk": HUGE}),
    ):
        assert browser.get(reverse(name, kwargs=kwargs)).status_code == 404


# --- starting and changing -----------------------------------------------------------------------


def test_a_commissioner_starts_a_tender_from_the_plan(sign_in, staff, plan):
    browser = sign_in(staff)
    url = reverse("competitions:opportunity-create", kwargs={"plan_pk": plan.pk})
    assert "Start a tender or grant round" in browser.get(url).content.decode()
    response = browser.post(url, form_data())
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("competitions:criteria", kwargs={"pk": opportunity.pk})
    assert opportunity.status == Opportunity.Status.DRAFT
    assert opportunity.kind == Opportunity.Kind.TENDER
    assert opportunity.value == Decimal("300000")
    assert opportunity.scale == [
        {"score": "0", "descriptor": "None"},
        {"score": "1", "descriptor": "Some"},
        {"score": "2", "descriptor": "Good"},
    ]
    assert opportunity.created_by == staff
    assert AuditEvent.objects.filter(reason="Started a competition from a plan").exists()


def test_a_tender_for_a_lot_takes_the_lots_value(sign_in, staff, plan):
    lot = Lot.objects.create(plan=plan, title="North", description="The north", value=250000)
    response = sign_in(staff).post(
        reverse("competitions:opportunity-create", kwargs={"plan_pk": plan.pk}),
        form_data(lot=str(lot.pk), value=""),
    )
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert opportunity.lot == lot
    assert opportunity.value == Decimal("250000")


def test_bad_input_shows_an_error_summary_and_saves_nothing(sign_in, staff, plan):
    response = sign_in(staff).post(
        reverse("competitions:opportunity-create", kwargs={"plan_pk": plan.pk}),
        form_data(price_weight="50", title="", scale="nonsense"),
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text
    assert response.context["form"].errors["title"]
    assert "Write each score on its own line" in text
    assert not Opportunity.objects.exists()


def test_weights_must_add_up_to_a_hundred(sign_in, staff, plan):
    response = sign_in(staff).post(
        reverse("competitions:opportunity-create", kwargs={"plan_pk": plan.pk}),
        form_data(price_weight="50"),
    )
    assert "They must add up to 100%" in response.content.decode()
    assert not Opportunity.objects.exists()


def test_the_linear_formula_needs_a_floor_below_its_ceiling(sign_in, staff, plan):
    url = reverse("competitions:opportunity-create", kwargs={"plan_pk": plan.pk})
    text = sign_in(staff).post(url, form_data(price_formula="linear")).content.decode()
    assert "Enter the price floor" in text
    text = (
        sign_in(staff)
        .post(url, form_data(price_formula="linear", price_floor="9", price_ceiling="5"))
        .content.decode()
    )
    assert "The price ceiling must be more than the price floor" in text
    assert not Opportunity.objects.exists()


def test_a_low_social_value_weight_is_warned_about_not_refused(sign_in, staff, plan, riverside):
    riverside.gss_code = "E09000001"
    riverside.save()
    response = sign_in(staff).post(
        reverse("competitions:opportunity-create", kwargs={"plan_pk": plan.pk}),
        form_data(social_value_weight="5", price_weight="35"),
        follow=True,
    )
    assert Opportunity.objects.get().social_value_weight == Decimal("5")
    assert "below the minimum of 10%" in response.content.decode()


def test_a_plan_not_yet_published_cannot_have_a_competition(sign_in, staff, plan):
    plan.published_at = None
    plan.save()
    url = reverse("competitions:opportunity-create", kwargs={"plan_pk": plan.pk})
    assert "Publish the commissioning plan" in sign_in(staff).get(url).content.decode()
    sign_in(staff).post(url, form_data())
    assert not Opportunity.objects.exists()


def test_a_grant_round_may_ask_for_match_funding_but_a_tender_may_not(sign_in, staff, plan):
    url = reverse("competitions:opportunity-create", kwargs={"plan_pk": plan.pk})
    text = sign_in(staff).post(url, form_data(match_funding_required="on")).content.decode()
    assert "Only a grant round can ask for match funding" in text
    sign_in(staff).post(url, form_data(kind="grant_round", match_funding_required="on"))
    assert Opportunity.objects.get().match_funding_required


def as_posted(initial: dict) -> dict:
    """What a browser sends back for a form showing ``initial`` unchanged."""
    data = {}
    for name, value in initial.items():
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, datetime.date):
            data[f"{name}-year"], data[f"{name}-month"], data[f"{name}-day"] = (
                str(value.year),
                str(value.month),
                str(value.day),
            )
        else:
            data[name] = str(value)
    return data


def test_the_edit_form_sent_back_unchanged_changes_nothing(sign_in, staff, draft):
    browser = sign_in(staff)
    url = reverse("competitions:opportunity-edit", kwargs={"pk": draft.pk})
    assert browser.get(url).status_code == 200
    before = Opportunity.objects.filter(pk=draft.pk).values().get()
    audited = AuditEvent.objects.count()
    response = browser.post(url, as_posted(OpportunityForm.initial_for(draft)))
    assert response.status_code == 302, response.context["form"].errors
    assert Opportunity.objects.filter(pk=draft.pk).values().get() == before
    assert AuditEvent.objects.count() == audited


def test_a_draft_is_changed_through_the_edit_form(sign_in, staff, draft):
    initial = OpportunityForm.initial_for(draft)
    assert initial["scale"] == scale_lines(draft.scale)
    services.opportunity_update(actor=staff, opportunity=draft, title="A better title")
    draft.refresh_from_db()
    assert draft.title == "A better title"


def test_a_published_opportunity_cannot_be_changed(sign_in, staff, opportunity):
    url = reverse("competitions:opportunity-edit", kwargs={"pk": opportunity.pk})
    text = sign_in(staff).get(url).content.decode()
    assert "can no longer be changed" in text
    sign_in(staff).post(url, form_data(title="Sneaky"))
    opportunity.refresh_from_db()
    assert opportunity.title == "Housing-led recovery service"


# --- the criteria tree ---------------------------------------------------------------------------


def test_the_tree_shows_weights_and_says_when_they_do_not_add_up(sign_in, staff, draft):
    child = draft.criteria.get(title="Listening to the people you support")
    child.weight = 30
    child.save()
    text = (
        sign_in(staff)
        .get(reverse("competitions:criteria", kwargs={"pk": draft.pk}))
        .content.decode()
    )
    assert "The weights under “Quality” add up to 90%, not 100%." in text
    assert "It cannot be published yet" in text


def test_a_criterion_is_added_changed_and_removed(sign_in, staff, draft):
    browser = sign_in(staff)
    url = reverse("competitions:criteria", kwargs={"pk": draft.pk})
    quality = draft.criteria.get(title="Quality", parent=None)
    response = browser.post(
        url,
        {
            "part": "social_value",
            "parent": str(quality.pk),
            "title": "Volunteering",
            "question": "How will volunteers help?",
            "weight": "0",
            "position": "5",
        },
    )
    assert response.status_code == 302
    added = draft.criteria.get(title="Volunteering")
    assert added.part == Criterion.Part.QUALITY  # a child is in its parent's part
    edit = reverse("competitions:criterion-edit", kwargs={"pk": draft.pk, "criterion_pk": added.pk})
    browser.post(
        edit,
        {
            "part": "quality",
            "parent": str(quality.pk),
            "title": "Volunteers",
            "weight": "0",
            "position": "5",
        },
    )
    added.refresh_from_db()
    assert added.title == "Volunteers"
    browser.post(
        reverse("competitions:criterion-remove", kwargs={"pk": draft.pk, "criterion_pk": added.pk})
    )
    assert not draft.criteria.filter(pk=added.pk).exists()


def test_a_criterion_sent_back_unchanged_changes_nothing(sign_in, staff, draft):
    criterion = draft.criteria.get(title="How you will help people keep a home")
    browser = sign_in(staff)
    edit = reverse(
        "competitions:criterion-edit", kwargs={"pk": draft.pk, "criterion_pk": criterion.pk}
    )
    audited = AuditEvent.objects.count()
    response = browser.post(
        edit,
        {
            "part": criterion.part,
            "parent": str(criterion.parent_id),
            "title": criterion.title,
            "question": criterion.question,
            "guidance": criterion.guidance,
            "plain_guidance": criterion.plain_guidance,
            "weight": str(criterion.weight),
            "position": str(criterion.position),
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.count() == audited


def test_a_criterion_cannot_sit_under_its_own_child(staff, draft):
    quality = draft.criteria.get(title="Quality", parent=None)
    child = quality.children.first()
    with pytest.raises(Exception, match="cannot sit under itself"):
        services.criterion_save(
            actor=staff, opportunity=draft, criterion=quality, parent=child, title="Quality"
        )


def test_the_criteria_of_a_published_opportunity_are_not_changed(sign_in, staff, opportunity):
    browser = sign_in(staff)
    url = reverse("competitions:criteria", kwargs={"pk": opportunity.pk})
    text = browser.get(url).content.decode()
    assert "The criteria can no longer be changed" in text
    count = opportunity.criteria.count()
    browser.post(url, {"part": "quality", "title": "Late", "weight": "0", "position": "1"})
    criterion = opportunity.criteria.first()
    browser.post(
        reverse(
            "competitions:criterion-remove",
            kwargs={"pk": opportunity.pk, "criterion_pk": criterion.pk},
        )
    )
    assert opportunity.criteria.count() == count


def test_a_criterion_form_with_bad_input_shows_errors(sign_in, staff, draft):
    response = sign_in(staff).post(
        reverse("competitions:criteria", kwargs={"pk": draft.pk}),
        {"part": "nonsense", "weight": "150", "position": "-1"},
    )
    assert "There is a problem" in response.content.decode()


# --- documents -----------------------------------------------------------------------------------


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_document_is_uploaded_checked_and_downloaded_by_anyone_once_published(
    sign_in, staff, draft, client, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    browser = sign_in(staff)
    url = reverse("competitions:documents", kwargs={"pk": draft.pk})
    bad = browser.post(
        url, {"title": "Spec", "file": SimpleUploadedFile("spec.pdf", b"MZ\x90\x00program")}
    )
    assert "The file must be a PDF" in bad.content.decode()
    browser.post(url, {"title": "The specification", "file": SimpleUploadedFile("spec.pdf", PDF)})
    document = Document.objects.get()
    assert document.content_type == "application/pdf"
    download = reverse(
        "competitions:document-download", kwargs={"pk": draft.pk, "document_pk": document.pk}
    )
    client.logout()
    assert client.get(download).status_code == 403  # a draft's documents are its runners' only
    Opportunity.objects.filter(pk=draft.pk).update(
        status=Opportunity.Status.OPEN, published_at=timezone.now()
    )
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_a_document_added_after_publishing_tells_interested_providers(
    staff,
    opportunity,
    bidders,
    bidder_people,
    tmp_path,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path
    Interest.objects.create(opportunity=opportunity, organisation=bidders[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.document_add(
            actor=staff,
            opportunity=opportunity,
            title="Draft contract",
            file=SimpleUploadedFile("contract.pdf", PDF),
        )
    assert any("Draft contract" in line for line in headlines(bidder_people[0]))
    assert not any("Draft contract" in line for line in headlines(bidder_people[1]))
    document = Document.objects.get()
    with pytest.raises(Exception, match="can no longer be changed"):
        services.document_remove(actor=staff, document=document)


# --- publishing ----------------------------------------------------------------------------------


@pytest.fixture(params=["with schema", "without schema"])
def schema_or_not(request, settings):
    from commonweal.opendata import schema

    if request.param == "without schema":
        settings.OCDS_SCHEMA_DIR = ""
    else:
        try:
            schema.schema_dir()
        except schema.SchemaUnavailable:
            found = sorted(
                p.parent
                for p in __import__("pathlib")
                .Path("/work/shared/data/ocds")
                .glob("**/release-schema.json")
            )
            if not found:
                pytest.skip("The OCDS schema is not installed")
            settings.OCDS_SCHEMA_DIR = str(found[0])
            try:
                schema.schema_dir()
            except schema.SchemaUnavailable:
                pytest.skip("The OCDS schema is not installed")
    return request.param


def test_publishing_opens_it_with_or_without_the_schema(
    sign_in, staff, draft, schema_or_not, resident, riverside, django_capture_on_commit_callbacks
):
    notifications.follow(user=resident, kind="place", object_id=riverside.pk)
    browser = sign_in(staff)
    url = reverse("competitions:publish", kwargs={"pk": draft.pk})
    assert "Publish it: open for bids" in browser.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(url, follow=True)
    draft.refresh_from_db()
    assert draft.status == Opportunity.Status.OPEN
    assert draft.published_at is not None
    releases = Release.objects.filter(tags=["tender"])
    if schema_or_not == "with schema":
        assert releases.count() == 1
        assert releases.get().ocid.endswith(f"-plan-{draft.plan_id}")
    else:
        assert releases.count() == 0
        assert "cannot be read" in response.content.decode()
    assert any("Open for bids: “Draft recovery service”" in line for line in headlines(resident))


def test_it_cannot_be_published_while_its_weights_do_not_add_up(sign_in, staff, draft):
    child = draft.criteria.get(title="Listening to the people you support")
    child.weight = 10
    child.save()
    browser = sign_in(staff)
    url = reverse("competitions:publish", kwargs={"pk": draft.pk})
    assert "add up to 70%" in browser.get(url).content.decode()
    browser.post(url)
    draft.refresh_from_db()
    assert draft.status == Opportunity.Status.DRAFT


def test_it_cannot_be_published_without_a_question(staff, draft):
    draft.criteria.update(question="")
    assert "Add at least one question" in services.why_cannot_publish(draft)


def test_a_part_that_counts_needs_scored_criteria(staff, draft):
    draft.criteria.filter(part=Criterion.Part.SOCIAL_VALUE).delete()
    assert "Social value counts 20% of the score but has no scored criteria" in (
        selectors.tree_problem(draft)
    )


# --- finding -------------------------------------------------------------------------------------


def test_finding_by_place_theme_value_closing_and_kind(client, plan, staff, riverside, ward):
    from commonweal.needs.models import Term

    housing = Term.objects.create(
        vocabulary=Term.Vocabulary.OUTCOME_AREA, slug="housing", name="Housing"
    )
    plan.themes.add(housing)
    soon = make_opportunity(
        plan,
        created_by=staff,
        title="Closing soon",
        value=Decimal("50000"),
        closes_in=datetime.timedelta(days=3),
    )
    later = make_opportunity(
        plan,
        created_by=staff,
        title="Closing later",
        kind=Opportunity.Kind.GRANT_ROUND,
        closes_in=datetime.timedelta(days=60),
    )
    url = reverse("competitions:opportunities")

    def titles(**query):
        return [row.title for row in client.get(url, query).context["page_obj"].object_list]

    assert titles() == ["Closing soon", "Closing later"]
    assert titles(value_max="100000") == ["Closing soon"]
    assert titles(value_min="100000") == ["Closing later"]
    assert titles(kind="grant_round") == ["Closing later"]
    assert titles(theme="housing") == ["Closing soon", "Closing later"]
    before = timezone.localdate() + datetime.timedelta(days=10)
    assert titles(
        **{
            "closes_before-year": before.year,
            "closes_before-month": before.month,
            "closes_before-day": before.day,
        }
    ) == ["Closing soon"]
    assert titles(place=riverside.slug) == ["Closing soon", "Closing later"]
    assert titles(place=ward.slug) == ["Closing soon", "Closing later"]  # around the ward
    Opportunity.objects.filter(pk=soon.pk).update(
        closes_at=timezone.now() - datetime.timedelta(hours=1),
        questions_close_at=timezone.now() - datetime.timedelta(days=1),
    )
    assert titles(open_now="on") == ["Closing later"]
    assert later.pk


def test_bad_filters_show_an_error_not_a_failure(client, opportunity):
    response = client.get(reverse("competitions:opportunities"), {"value_min": "lots", "kind": "x"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_finding_reads_a_page_in_a_fixed_number_of_queries(
    client, plan, staff, django_assert_max_num_queries
):
    for number in range(30):
        make_opportunity(plan, created_by=staff, title=f"Opportunity {number}")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("competitions:opportunities"))
    assert len(response.context["page_obj"].object_list) == 25


def test_the_page_of_one_opportunity_reads_in_a_fixed_number_of_queries(
    client, opportunity, django_assert_max_num_queries
):
    for number in range(20):
        Criterion.objects.create(
            opportunity=opportunity, part="quality", title=f"Extra {number}", question="Why?"
        )
    with django_assert_max_num_queries(15):
        assert client.get(opportunity.get_absolute_url()).status_code == 200


# --- interest, following, cancelling ------------------------------------------------------------


def test_a_provider_registers_interest_and_withdraws_it(
    sign_in, bidders, bidder_people, opportunity
):
    browser = sign_in(bidder_people[0])
    page = browser.get(opportunity.get_absolute_url()).content.decode()
    assert "Register interest for Harbour Housing Co-op" in page
    url = reverse("competitions:interest", kwargs={"pk": opportunity.pk})
    browser.post(url, {"organisation": str(bidders[0].pk)})
    browser.post(url, {"organisation": str(bidders[0].pk)})
    assert Interest.objects.filter(opportunity=opportunity, organisation=bidders[0]).count() == 1
    browser.post(url, {"organisation": str(bidders[0].pk), "action": "withdraw"})
    assert not Interest.objects.exists()


@pytest.mark.parametrize("who", ["resident", "stranger", "other_staff", "staff"])
def test_nobody_registers_interest_for_a_provider_they_do_not_speak_for(
    request, sign_in, who, bidders, opportunity
):
    browser = sign_in(request.getfixturevalue(who))
    response = browser.post(
        reverse("competitions:interest", kwargs={"pk": opportunity.pk}),
        {"organisation": str(bidders[0].pk)},
    )
    assert response.status_code == 403
    assert not Interest.objects.exists()


def test_a_self_made_organisation_may_register_interest(sign_in, self_made_bidder, opportunity):
    organisation = self_made_bidder.role_assignments.get().organisation
    sign_in(self_made_bidder).post(
        reverse("competitions:interest", kwargs={"pk": opportunity.pk}),
        {"organisation": str(organisation.pk)},
    )
    assert Interest.objects.filter(organisation=organisation).exists()


def test_an_opportunity_is_followed(sign_in, resident, opportunity):
    response = sign_in(resident).post(
        reverse("notifications:follow"),
        {"kind": notices.KIND, "object_id": str(opportunity.pk), "next": "/"},
    )
    assert response.status_code == 302
    from commonweal.notifications.models import Follow

    assert Follow.objects.filter(user=resident, kind=notices.KIND).exists()


def test_a_draft_cannot_be_followed_by_outsiders(resident, draft):
    with pytest.raises(Exception, match="cannot be followed"):
        notifications.follow(user=resident, kind=notices.KIND, object_id=draft.pk)


def test_cancelling_needs_a_reason_and_tells_interested_providers(
    sign_in, staff, opportunity, bidders, bidder_people, django_capture_on_commit_callbacks
):
    Interest.objects.create(opportunity=opportunity, organisation=bidders[1])
    browser = sign_in(staff)
    url = reverse("competitions:cancel", kwargs={"pk": opportunity.pk})
    assert "There is a problem" in browser.post(url, {"reason": "  "}).content.decode()
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(url, {"reason": "The money was withdrawn."})
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.CANCELLED
    assert opportunity.cancelled_reason == "The money was withdrawn."
    assert any("is cancelled" in line for line in headlines(bidder_people[1]))
    page = browser.get(opportunity.get_absolute_url()).content.decode()
    assert "The money was withdrawn." in page
    assert AuditEvent.objects.filter(reason="Cancelled a competition").exists()


def test_the_bid_link_shows_only_while_bids_are_open(client, opportunity, closed):
    from commonweal.competitions.views_opportunities import bid_url

    page = client.get(opportunity.get_absolute_url()).content.decode()
    link = bid_url(opportunity)
    if link:
        assert link in page
    closed(opportunity)
    page = client.get(opportunity.get_absolute_url()).content.decode()
    assert "Bids are not being taken now." in page


def test_people_at_an_interested_provider_are_its_interested_people(bidders, opportunity):
    person = UserFactory()
    RoleFactory(user=person, organisation=bidders[2], role=Role.PROVIDER_MEMBER)
    other = OrganisationFactory()
    Interest.objects.create(opportunity=opportunity, organisation=bidders[2])
    assert notices.interested_people(opportunity) == [person.pk]
    assert other.pk


def test_staff_read_their_drafts_a_page_at_a_time_in_a_fixed_number_of_queries(
    sign_in, staff, plan, django_assert_max_num_queries
):
    for number in range(25):
        make_opportunity(
            plan,
            created_by=staff,
            status=Opportunity.Status.DRAFT,
            published_at=None,
            title=f"Draft {number}",
        )
    browser = sign_in(staff)
    browser.get(reverse("competitions:opportunities"))  # the session and the menu, read once
    with django_assert_max_num_queries(20):
        response = browser.get(reverse("competitions:opportunities"))
    assert len(response.context["drafts"]["page_obj"].object_list) == 20
    assert "Pages of your drafts" in response.content.decode()


def test_a_cancelled_draft_is_never_published(staff, draft):
    services.opportunity_cancel(actor=staff, opportunity=draft, reason="Not needed after all.")
    assert "cancelled" in services.why_cannot_publish(draft)
    with pytest.raises(Exception, match="cannot be published"):
        services.opportunity_publish(actor=staff, opportunity=draft)
    draft.refresh_from_db()
    assert draft.published_at is None


def test_every_page_that_runs_a_draft_answers_those_who_run_it(sign_in, staff, draft):
    browser = sign_in(staff)
    criterion = draft.criteria.first()
    for name, kwargs in (
        ("competitions:opportunity-edit", {"pk": draft.pk}),
        ("competitions:criteria", {"pk": draft.pk}),
        ("competitions:criterion-edit", {"pk": draft.pk, "criterion_pk": criterion.pk}),
        ("competitions:criterion-remove", {"pk": draft.pk, "criterion_pk": criterion.pk}),
        ("competitions:documents", {"pk": draft.pk}),
        ("competitions:publish", {"pk": draft.pk}),
        ("competitions:cancel", {"pk": draft.pk}),
    ):
        assert browser.get(reverse(name, kwargs=kwargs)).status_code == 200, name


def test_a_criterion_of_another_opportunity_is_not_found(sign_in, staff, draft, opportunity):
    other = opportunity.criteria.first()
    url = reverse("competitions:criterion-edit", kwargs={"pk": draft.pk, "criterion_pk": other.pk})
    assert sign_in(staff).get(url).status_code == 404


def test_a_plan_without_a_route_may_only_have_a_grant_round(sign_in, staff, plan):
    plan.route = ""
    plan.save()
    url = reverse("competitions:opportunity-create", kwargs={"plan_pk": plan.pk})
    browser = sign_in(staff)
    assert "Tender" not in str(browser.get(url).context["form"].fields["kind"].choices)
    browser.post(url, form_data(kind="tender"))
    assert not Opportunity.objects.exists()
    browser.post(url, form_data(kind="grant_round"))
    assert Opportunity.objects.get().kind == Opportunity.Kind.GRANT_ROUND


def test_the_bid_button_leads_to_the_bid_page_while_bids_are_open(client, opportunity, closed):
    bid_page = reverse("competitions:bid", kwargs={"pk": opportunity.pk})
    assert f'href="{bid_page}"' in client.get(opportunity.get_absolute_url()).content.decode()
    closed(opportunity)
    page = client.get(opportunity.get_absolute_url()).content.decode()
    assert f'href="{bid_page}"' not in page
    assert "Bids are not being taken now." in page


def test_those_who_run_it_find_every_step_from_its_page(sign_in, staff, opportunity, closed):
    page = sign_in(staff).get(opportunity.get_absolute_url()).content.decode()
    for name in ("questions", "evaluation"):
        assert reverse(f"competitions:{name}", kwargs={"pk": opportunity.pk}) in page
    assert reverse("competitions:award", kwargs={"pk": opportunity.pk}) not in page
    closed(opportunity)
    page = sign_in(staff).get(opportunity.get_absolute_url()).content.decode()
    assert reverse("competitions:award", kwargs={"pk": opportunity.pk}) in page


def test_an_evaluator_finds_their_part_and_a_stranger_does_not(
    client, sign_in, evaluator, stranger, opportunity
):
    evaluation = reverse("competitions:evaluation", kwargs={"pk": opportunity.pk})
    assert evaluation in sign_in(evaluator).get(opportunity.get_absolute_url()).content.decode()
    assert evaluation not in sign_in(stranger).get(opportunity.get_absolute_url()).content.decode()


def test_the_bid_button_is_offered_only_to_those_who_can_bid(
    client, sign_in, opportunity, bidder_people, resident, staff
):
    bid_page = reverse("competitions:bid", kwargs={"pk": opportunity.pk})
    register = reverse("organisations:register")
    assert f'href="{bid_page}"' in client.get(opportunity.get_absolute_url()).content.decode()
    page = sign_in(bidder_people[0]).get(opportunity.get_absolute_url()).content.decode()
    assert f'href="{bid_page}"' in page
    for person in (resident, staff):
        page = sign_in(person).get(opportunity.get_absolute_url()).content.decode()
        assert f'href="{bid_page}"' not in page
        assert register in page
