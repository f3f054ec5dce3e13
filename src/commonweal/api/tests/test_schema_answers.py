"""The OpenAPI document lists the answers the API really gives, not only the happy ones.

The fuzzing test (test_fuzz.py) checks real answers against the document; these check the document
says what a client needs to know, whatever the fuzzer happened to try.
"""

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    return json.loads(client.get(reverse("api:schema")).content)


def _operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield method, path, operation


def _schema(operation, status):
    return operation["responses"][status]["content"]["application/json"]["schema"]


def test_every_operation_documents_a_bad_request_a_bad_token_refusal_and_throttling(document):
    for method, path, operation in _operations(document):
        assert {"400", "401", "403", "429"} <= set(operation["responses"]), (method, path)
        assert _schema(operation, "400") == {
            "anyOf": [
                {"$ref": "#/components/schemas/FieldErrors"},
                {"$ref": "#/components/schemas/Error"},
            ]
        }
        for status in ("401", "403", "429"):
            assert _schema(operation, status) == {"$ref": "#/components/schemas/Error"}, (
                method,
                path,
                status,
            )


def test_every_paged_list_documents_its_envelope_its_page_parameter_and_a_page_past_the_last(
    document,
):
    paged = [
        (method, path, operation)
        for method, path, operation in _operations(document)
        if any(parameter["name"] == "page" for parameter in operation.get("parameters", []))
    ]
    assert {path for _method, path, _operation in paged} >= {
        "/api/places/",
        "/api/organisations/",
        "/api/needs/",
        "/api/sessions/",
        "/api/rounds/",
        "/api/frameworks/",
        "/api/budgets/",
        "/api/panels/",
        "/api/panels/{id}/pool/",
    }
    for _method, path, operation in paged:
        page = next(
            parameter for parameter in operation["parameters"] if parameter["name"] == "page"
        )
        assert page["schema"] == {"type": "integer", "minimum": 1}
        envelope = document["components"]["schemas"][
            _schema(operation, "200")["$ref"].rsplit("/", 1)[-1]
        ]
        assert {"count", "next", "previous", "results"} <= set(envelope["properties"]), path
        assert "past the last page" in operation["responses"]["404"]["description"]


def test_lists_that_are_not_paged_do_not_claim_an_envelope(document):
    projects = document["paths"]["/api/budgets/{id}/projects/"]["get"]
    assert _schema(projects, "200")["type"] == "array"
    assert not any(parameter["name"] == "page" for parameter in projects.get("parameters", []))


def test_a_website_that_may_be_empty_is_not_documented_as_a_web_address(document):
    website = document["components"]["schemas"]["Organisation"]["properties"]["website"]
    assert website["type"] == "string" and "format" not in website


def test_the_error_formats_are_documented(document):
    schemas = document["components"]["schemas"]
    assert schemas["Error"]["required"] == ["detail"]
    assert schemas["FieldErrors"]["type"] == "object"


def test_the_docs_page_explains_paging_and_every_kind_of_error(client):
    page = client.get(reverse("api:docs")).content.decode()
    assert "A page past the last is a 404 that says which page is the last" in page
    assert "nested more than 20 levels deep" in page
    assert ">429<" in page
