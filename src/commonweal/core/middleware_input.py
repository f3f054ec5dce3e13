"""Refuse, with a plain 400, a request whose web address or form data a database could not store.

One place for the whole site, before any view runs: a null character in a query parameter
(``?place=%00``) or a form field, or bytes that are not UTF-8. Pages get the error page naming the
part to fix; the API gets its usual field errors (``{"place": ["..."]}``). JSON bodies are checked
by the API's own parser (api/parsers.py), which reads them.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from commonweal.core.input_checks import encoded_pairs_problem, text_problem

API_PREFIX = "/api/"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _raw(text: str) -> bytes:
    # WSGI servers hand over the raw bytes as latin-1 text (PEP 3333).
    try:
        return text.encode("iso-8859-1")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape")


def input_problem(request) -> tuple[str, str | None, str] | None:
    """Where the request has text that cannot be stored: (where, field or None, problem in words)."""
    if text_problem(request.path_info):
        return "address", None, text_problem(request.path_info)
    found = encoded_pairs_problem(_raw(request.META.get("QUERY_STRING", "")))
    if found:
        return "query", *found
    if request.method in ("POST", "PUT", "PATCH") and request.content_type in FORM_TYPES:
        if request.content_type == "application/x-www-form-urlencoded":
            found = encoded_pairs_problem(request.body)
            return ("form", *found) if found else None
        # Multipart: Django has decoded each field already (bytes that are not UTF-8 become U+FFFD) and
        # takes unprintable characters out of file names; a null character in a field is left to find.
        for name, values in request.POST.lists():
            if text_problem(name):
                return "form", None, text_problem(name)
            for value in values:
                if text_problem(value):
                    return "form", name, text_problem(value)
    return None


class RefuseUnstorableInputMiddleware:
    """A 400 with a plain message for input a database cannot store, before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = input_problem(request)
        if problem is None:
            return self.get_response(request)
        where, field, message = problem
        if request.path_info.startswith(API_PREFIX):
            body = (
                {"detail": message}
                if where == "address"
                else {field or "non_field_errors": [message]}
            )
            return JsonResponse(body, status=400)
        return render(
            request,
            "errors/bad_input.html",
            {"part": _part(where, field), "problem": message},
            status=400,
        )


def _part(where: str, field: str | None) -> str:
    if where == "address":
        return _("The web address")
    if where == "query":
        return (
            _("The part of the web address called “%(name)s”") % {"name": field}
            if field
            else _("The web address")
        )
    return _("The form field called “%(name)s”") % {"name": field} if field else _("The form")
