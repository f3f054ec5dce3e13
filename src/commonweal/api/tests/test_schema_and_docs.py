"""The OpenAPI document at /api/openapi.json and the documentation page at /api/."""

import itertools
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from drf_spectacular.validation import validate_schema

from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

# Every endpoint, with its methods. A new endpoint must be added here and so
# be seen to appear in the document and on the page.
ENDPOINTS = {
    "/api/me/": {"get"},
    "/api/me/notifications/": {"get"},
    "/api/me/notifications/read/": {"post"},
    "/api/me/follows/": {"get", "post"},
    "/api/me/follows/{kind}/{object_id}/": {"delete"},
    "/api/me/notification-choices/": {"put", "get"},
    "/api/places/": {"get"},
    "/api/places/{slug}/": {"get"},
    "/api/organisations/": {"get"},
    "/api/organisations/{slug}/": {"get", "put", "patch"},
    "/api/organisations/{slug}/members/": {"get"},
    "/api/needs/": {"get", "post"},
    "/api/needs/{id}/": {"get"},
    "/api/needs/{id}/evidence/": {"get"},
    "/api/sessions/": {"get"},
    "/api/sessions/{id}/": {"get"},
    "/api/rounds/": {"get"},
    "/api/rounds/{id}/": {"get"},
    "/api/frameworks/": {"get"},
    "/api/frameworks/{slug}/": {"get"},
    "/api/budgets/": {"get"},
    "/api/budgets/{id}/": {"get"},
    "/api/budgets/{id}/projects/": {"get"},
    "/api/budgets/{id}/my-ballot/": {"get", "put"},
    "/api/budgets/{id}/results/": {"get"},
    "/api/panels/": {"get"},
    "/api/panels/{id}/": {"get"},
    "/api/panels/{id}/pool/": {"get"},
    "/api/plans/": {"get"},
    "/api/plans/{id}/": {"get"},
    "/api/plans/{id}/advice/": {"get", "post"},
    "/api/plans/{id}/route/": {"post"},
    "/api/plans/{id}/market/": {"get"},
    "/api/plans/{id}/requirements/": {"get", "put"},
    "/api/plans/{id}/barriers/": {"get"},
    "/api/plans/{id}/lots/": {"get", "post"},
    "/api/plans/{id}/lots/{lot_pk}/": {"get", "patch", "delete"},
    "/api/opportunities/": {"get", "post"},
    "/api/opportunities/{id}/": {"get", "patch"},
    "/api/opportunities/{id}/interest/": {"post"},
    "/api/opportunities/{id}/criteria/": {"post"},
    "/api/opportunities/{id}/criteria/{criterion_pk}/": {"patch", "delete"},
    "/api/opportunities/{id}/publish/": {"post"},
    "/api/opportunities/{id}/cancel/": {"post"},
    "/api/audit/checkpoints/": {"get"},
    "/api/ocds/releases/": {"get"},
    "/api/ocds/releases/{release_id}/": {"get"},
    "/api/ocds/records/{ocid}/": {"get"},
    "/api/opportunities/{id}/questions/": {"get", "post"},
    "/api/opportunities/{id}/bid/": {"get", "put"},
    "/api/opportunities/{id}/bid/submit/": {"post"},
    "/api/opportunities/{id}/bid/withdraw/": {"post"},
    "/api/opportunities/{id}/evaluation/conflicts/": {"get", "post"},
    "/api/opportunities/{id}/evaluation/scores/": {"get", "post"},
    "/api/opportunities/{id}/evaluation/moderation/": {"get", "post"},
    "/api/opportunities/{id}/evaluation/results/": {"get"},
    "/api/opportunities/{id}/questions/all/": {"get"},
    "/api/opportunities/{id}/questions/{question_pk}/answer/": {"post"},
    "/api/opportunities/{id}/evaluation/panel/": {"get", "post"},
    "/api/opportunities/{id}/evaluation/panel/{evaluator_pk}/": {"delete"},
    "/api/opportunities/{id}/evaluation/low-bids/": {"get"},
    "/api/opportunities/{id}/evaluation/low-bids/check/": {"post"},
    "/api/opportunities/{id}/evaluation/low-bids/{bid_pk}/ask/": {"post"},
    "/api/opportunities/{id}/evaluation/low-bids/{bid_pk}/decide/": {"post"},
    "/api/opportunities/{id}/low-bid-explanation/{bid_pk}/": {"post"},
    "/api/opportunities/{id}/award/": {"get", "post"},
    "/api/opportunities/{id}/decisions/": {"get", "post"},
    "/api/grants/360giving/": {"get"},
    "/api/late-payment/": {"get"},
    "/api/organisations/{slug}/payment-compliance/": {"get"},
    "/api/organisations/{slug}/payment-compliance/agreements/": {"get"},
    "/api/organisations/{slug}/payment-compliance/large-payments/": {"get"},
    "/api/places/{slug}/payment-record/": {"get"},
    "/api/places/{slug}/payment-record/agreements/": {"get"},
    "/api/agreements/import/": {"post"},
    "/api/agreements/": {"get", "post"},
    "/api/agreements/{id}/": {"get"},
    "/api/agreements/{id}/variations/": {"post"},
    "/api/agreements/{id}/decisions/": {"get", "post"},
    "/api/agreements/{id}/members/": {"get", "post"},
    "/api/agreements/{id}/members/{member_pk}/": {"delete", "patch"},
    "/api/agreements/{id}/pain-and-gain/": {"get", "post"},
    "/api/agreements/{id}/risks/": {"get", "post"},
    "/api/agreements/{id}/risks/{risk_pk}/": {"patch"},
    "/api/agreements/{id}/invoices/": {"get", "post"},
    "/api/agreements/{id}/schedule/": {"get", "post"},
    "/api/invoices/{id}/": {"get"},
    "/api/invoices/{id}/dispute/": {"post"},
    "/api/invoices/{id}/resolve/": {"post"},
    "/api/invoices/{id}/approve/": {"post"},
    "/api/invoices/{id}/pay/": {"post"},
    "/api/invoices/{id}/correct/": {"post"},
    "/api/invoices/{id}/waive/": {"post"},
    "/api/organisations/{slug}/cash-flow/": {"get"},
}


@pytest.fixture
def document(client):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_document_is_openapi_3_json(client):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["openapi"].startswith("3.")


def test_the_document_is_valid_openapi(document):
    validate_schema(document)  # raises if it breaks the OpenAPI 3 specification


def test_the_document_is_generated_without_warnings(tmp_path):
    # drf-spectacular warns when it has to guess a type; a guess is a gap in the documentation.
    call_command(
        "spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "openapi.yaml")
    )


def test_the_document_lists_every_endpoint_and_method(document):
    found = {
        path: {method for method in item if method in {"get", "put", "patch", "post", "delete"}}
        for path, item in document["paths"].items()
    }
    assert found == ENDPOINTS


def test_every_operation_has_a_summary_a_description_and_described_responses(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert operation.get("summary"), (method, path)
            assert operation.get("description"), (method, path)
            for status, response in operation["responses"].items():
                assert response["description"], (method, path, status)


def test_the_document_describes_the_bearer_token(document):
    scheme = document["components"]["securitySchemes"]["apiToken"]
    assert scheme["type"] == "http"
    assert scheme["scheme"] == "bearer"


def test_changes_need_a_token_and_reads_do_not(document):
    organisation = document["paths"]["/api/organisations/{slug}/"]
    assert {} in organisation["get"]["security"]
    assert {"apiToken": []} in organisation["patch"]["security"]
    assert {} not in organisation["patch"]["security"]
    assert {} not in document["paths"]["/api/me/"]["get"]["security"]


def test_the_document_says_which_filters_the_organisation_list_takes(document):
    names = {
        parameter["name"]
        for parameter in document["paths"]["/api/organisations/"]["get"]["parameters"]
    }
    assert {"q", "legal_form", "size_band", "is_vcse", "is_sme", "place", "page"} <= names


def test_the_document_says_which_filters_the_need_list_takes(document):
    names = {
        parameter["name"] for parameter in document["paths"]["/api/needs/"]["get"]["parameters"]
    }
    assert {"place", "status", "theme", "q", "page"} <= names


def test_raising_a_need_needs_a_token(document):
    assert {} not in document["paths"]["/api/needs/"]["post"]["security"]


def test_the_needs_sessions_rounds_and_frameworks_are_read_without_a_token(document):
    for path in (
        "/api/needs/",
        "/api/needs/{id}/evidence/",
        "/api/sessions/{id}/",
        "/api/rounds/{id}/",
        "/api/frameworks/{slug}/",
    ):
        assert {} in document["paths"][path]["get"]["security"], path


def test_the_document_is_public_even_with_a_bad_token(client):
    response = client.get(reverse("api:schema"), headers={"Authorization": "Bearer cw_wrong"})
    assert response.status_code == 200


# --- the documentation page ---------------------------------------------------------


def test_the_docs_page_shows_every_endpoint_with_its_summary(client, document):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    page = response.content.decode()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert f"{method.upper()} {path}" in page
            assert operation["summary"].replace("'", "&#x27;") in page


def test_the_docs_page_explains_how_to_get_and_send_a_token(client):
    page = client.get(reverse("api:docs")).content.decode()
    assert f'href="{reverse("accounts:settings")}"' in page
    assert "Authorization: Bearer" in page
    assert f'href="{reverse("api:schema")}"' in page


def test_the_docs_page_lists_parameters_in_a_table_and_the_data_fields(client):
    page = client.get(reverse("api:docs")).content.decode()
    assert '<th scope="row" class="govuk-table__header"><code>is_vcse</code></th>' in page
    assert 'id="schema-Organisation"' in page
    assert "<code>size_band_reason</code>" in page
    assert '<th scope="row" class="govuk-table__header"><code>theme</code></th>' in page
    assert 'id="schema-Evidence"' in page
    assert "<code>storyteller</code>" in page


def test_the_docs_page_has_one_h1_headings_in_order_and_no_scripts_of_its_own(client):
    page = client.get(reverse("api:docs")).content.decode()
    assert page.count("<h1") == 1
    levels = [int(level) for level in re.findall(r"<h([1-6])", page)]
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))
    main = page.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    assert "<script" not in main
    assert "<title>API documentation" in page


def test_a_signed_in_person_sees_the_docs_page_too(sign_in, client):
    sign_in(UserFactory())
    assert client.get(reverse("api:docs")).status_code == 200


# --- unknown addresses ----------------------------------------------------------------


def test_an_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/no/such/thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_an_api_address_without_its_slash_says_where_to_go(client):
    response = client.get("/api/places")
    assert response.status_code == 404
    assert "/api/places/" in response.json()["detail"]


def test_an_unknown_api_address_is_json_for_other_methods_too(client):
    response = client.post("/api/organisations/x/y/z/", "{}", content_type="application/json")
    assert response.status_code == 404
    assert response.json()["detail"]
