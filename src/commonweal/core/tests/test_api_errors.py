"""The API's error handler: Django's own exceptions become plain JSON answers that leak nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from commonweal.core.api.errors import api_exception_handler
from commonweal.core.exceptions import RefusedWithReason


def test_a_refusal_with_a_reason_says_it():
    response = api_exception_handler(RefusedWithReason("Confirm your email address first."), {})
    assert response.status_code == 403
    assert response.data == {"detail": "Confirm your email address first."}


def test_a_plain_refusal_says_nothing_of_its_message():
    response = api_exception_handler(PermissionDenied("the record belongs to Ann"), {})
    assert response.status_code == 403
    assert "Ann" not in str(response.data["detail"])


def test_not_found_and_broken_rules_are_a_404_and_field_errors():
    missing = api_exception_handler(Http404("no organisation called secret-shelter"), {})
    assert missing.status_code == 404
    assert "secret-shelter" not in str(missing.data["detail"])
    broken = api_exception_handler(ValidationError({"name": ["Enter a name."]}), {})
    assert broken.status_code == 400
    assert broken.data == {"name": ["Enter a name."]}
