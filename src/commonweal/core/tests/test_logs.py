"""A page refused to someone is logged in one line; a server's fault keeps its traceback."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.log import log_response


def logged(status: int, exception: Exception, caplog) -> str:
    request = RequestFactory().get("/needs/12/edit/")
    try:
        raise exception
    except Exception as raised:
        with caplog.at_level(logging.WARNING, logger="django.request"):
            log_response(
                "Refused: %s",
                request.path,
                response=HttpResponse(status=status),
                request=request,
                exception=raised,
            )
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    return logging.Formatter("%(levelname)s %(message)s").format(record)


def test_a_refusal_is_one_line_naming_the_page(caplog):
    # As the site is set up (settings.LOGGING), not a filter added by the test.
    text = logged(403, PermissionDenied("not theirs"), caplog)
    assert text == "WARNING Refused: /needs/12/edit/"


def test_a_server_fault_keeps_its_traceback(caplog):
    text = logged(500, RuntimeError("broken"), caplog)
    assert text.startswith("ERROR Refused: /needs/12/edit/\nTraceback")
    assert "RuntimeError: broken" in text
