"""The answers every API operation documents, and the schema class that adds them to each one.

Every operation documents the answers it really gives, not only its happy one: a 400 in the API's
error format (core/api/errors.py) wherever input is read, 401 for a token that is not valid, 403
where a permission can refuse, 404 for a page past the last, and 429 when a client asks too often.
The API's fuzzing test (api/tests/test_fuzz.py) holds the document to that.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiResponse

from commonweal.core.api.throttling import limits_in_words

# {"detail": "..."}: what went wrong, in words.
ERROR_SCHEMA = {
    "type": "object",
    "description": str(_("What went wrong, in words, as detail.")),
    "properties": {
        "detail": {"type": "string", "description": str(_("What went wrong, in words."))}
    },
    "required": ["detail"],
}
# {"field": ["message", ...], ...}: each field named, with what to fix. A field that holds a list or an
# object of its own (a ballot's projects, say) has its messages by item or key inside it.
FIELD_ERRORS_SCHEMA = {
    "type": "object",
    "description": str(
        _(
            "Each field named, with a list of what to fix. Problems with the whole request are under "
            "non_field_errors. For a field holding a list or an object, its messages are given by item or key."
        )
    ),
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
            {"type": "object"},
        ],
    },
}
_COMPONENTS = {"Error": ERROR_SCHEMA, "FieldErrors": FIELD_ERRORS_SCHEMA}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def error_response(description) -> OpenApiResponse:
    """An answer of the form {"detail": "..."}, described."""
    return OpenApiResponse(_ref("Error"), description=description)


# A 400 is either field errors, or {"detail": ...} when the request as a whole cannot be read
# (JSON that is not valid, nested too deep, or text that is not valid UTF-8).
BAD_REQUEST = OpenApiResponse(
    {"anyOf": [_ref("FieldErrors"), _ref("Error")]},
    description=_(
        "Something sent was not right. Each field named has a list of what to fix; when the request "
        "as a whole cannot be read (not valid JSON, nested too deep, or text with a character that cannot "
        "be stored, such as a null character), detail says why."
    ),
)
NOT_SIGNED_IN = error_response(
    _(
        "No API token was sent where one is needed, or the token sent is not valid: it may have been revoked."
    )
)
FORBIDDEN = error_response(
    _(
        "Your account may not do this. A browser session must also have passed two-factor authentication "
        "where the account needs it, and some actions need the account's email address confirmed first."
    )
)
NO_SUCH_PAGE = error_response(
    _("There is no page with that number: it is past the last page. The first page always exists.")
)


def too_many() -> OpenApiResponse:
    """The 429: what to do, and the limits in force (read from the settings when the document is built)."""
    return error_response(
        _(
            "Too many requests in a short time. Wait the number of seconds in the Retry-After header, "
            "then try again. %(limits)s"
        )
        % {"limits": limits_in_words()}
    )


def _may_be_blank(field) -> bool:
    """Whether a text field may hold "": it allows it, or (read-only) its model field does."""
    if getattr(field, "allow_blank", False):
        return True
    model = getattr(getattr(getattr(field, "parent", None), "Meta", None), "model", None)
    if model is None or not isinstance(field.source, str) or "." in field.source:
        return False
    try:
        return model._meta.get_field(field.source).blank
    except FieldDoesNotExist:
        return False


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, adding the answers each operation can give besides its own."""

    def _register_components(self) -> None:
        for name, schema in _COMPONENTS.items():
            self.registry.register_on_missing(
                ResolvedComponent(
                    name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name
                )
            )

    def _insert_field_validators(self, field, schema) -> None:
        super()._insert_field_validators(field, schema)
        if schema.get("format") in ("uri", "email") and _may_be_blank(field):
            # An empty website or email address is "", which is no "uri" or "email": say only that it is text.
            del schema["format"]

    def _get_response_bodies(self, direction="response") -> dict:
        bodies = super()._get_response_bodies(direction)
        self._register_components()
        for code, (response, replace) in self._shared_answers().items():
            if replace or str(code) not in bodies:
                bodies[str(code)] = self._get_response_for_code(
                    response, str(code), direction=direction
                )
        return dict(sorted(bodies.items()))

    def _shared_answers(self) -> dict[int, tuple[OpenApiResponse, bool]]:
        """The answers this operation can give besides its own: {status: (answer, replaces the view's own)}."""
        answers = {
            # Any operation: a query string that cannot be read (core/middleware_input.py) is a 400 before any view.
            400: (BAD_REQUEST, True),  # one shape for every 400, whatever the view said
        }
        if self._is_list_view() and self._get_paginator() is not None:
            answers[404] = (NO_SUCH_PAGE, False)
        if getattr(self.view, "authentication_classes", None):
            # Even a public operation refuses a token that is sent but not valid, and a browser session
            # that has not passed two-factor authentication.
            answers[401] = (NOT_SIGNED_IN, True)
            answers[403] = (FORBIDDEN, False)
        if getattr(self.view, "throttle_classes", None):
            answers[429] = (too_many(), False)
        return answers
