"""The API's JSON parser: bad bodies are a 400 with a plain message, never a server error.

Django REST framework's own parser lets through what our database or Python cannot take: JSON
nested a thousand deep (Python's recursion limit), a null character or an unpaired surrogate escape
in a string (PostgreSQL refuses both in text), and numbers too long or too large to read. Here each
of those is refused before any view sees the data, naming the field where it can.
"""

import json
import math

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser, get_encoding

from commonweal.core.input_checks import text_problem

# Our deepest real body is two levels (a ballot: {"projects": {"12": 1}}); this is plenty.
MOST_DEPTH = 20
# Longer than any count or id; Python itself refuses more than 4,300 digits.
MOST_DIGITS = 30


class _NumberTooLong(ValueError):
    pass


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MOST_DIGITS:
        raise _NumberTooLong(text)
    return int(text)


def _parse_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number) or len(text) > 400:
        raise _NumberTooLong(text)
    return number


def _refuse_constant(name: str):
    raise ValueError(name)  # NaN and Infinity are not JSON


def check_parsed(data, *, most_depth: int = MOST_DEPTH) -> None:
    """Refuse nesting deeper than ``most_depth`` and text a database cannot store, naming the field."""
    stack = [(data, 1, None)]
    while stack:
        value, depth, field = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > most_depth:
                raise ParseError(
                    _(
                        "The request is nested too deeply. Send no more than %(most)s levels of "
                        "lists and objects inside each other."
                    )
                    % {"most": most_depth}
                )
            items = value.items() if isinstance(value, dict) else ((None, item) for item in value)
            for key, item in items:
                if key is not None:
                    _check_text(key, field or key)
                stack.append((item, depth + 1, field or key))
        elif isinstance(value, str):
            _check_text(value, field)


def _check_text(text: str, field) -> None:
    problem = text_problem(text)
    if problem:
        name = field if isinstance(field, str) and not text_problem(field) else "non_field_errors"
        raise ValidationError({name: [problem]})


class SafeJSONParser(JSONParser):
    """JSON, read whole, with plain 400s for a body too big, not text, not JSON, too deep or unstorable."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = get_encoding(parser_context)
        most = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(most + 1) if most is not None else stream.read()
        if most is not None and len(raw) > most:
            raise ParseError(
                _("The request is too large. Send no more than %(most)s bytes.") % {"most": most}
            )
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            raise ParseError(
                _("The request is not valid %(encoding)s text.") % {"encoding": encoding}
            ) from None
        try:
            data = json.loads(
                text,
                parse_int=_parse_int,
                parse_float=_parse_float,
                parse_constant=_refuse_constant,
            )
        except _NumberTooLong:
            raise ParseError(_("The request has a number too long or too large to read.")) from None
        except RecursionError:
            raise ParseError(
                _(
                    "The request is nested too deeply. Send no more than %(most)s levels of "
                    "lists and objects inside each other."
                )
                % {"most": MOST_DEPTH}
            ) from None
        except json.JSONDecodeError as error:
            raise ParseError(
                _("The request is not valid JSON. Check line %(line)s, column %(column)s.")
                % {"line": error.lineno, "column": error.colno}
            ) from None
        except ValueError:  # NaN or Infinity
            raise ParseError(
                _("The request is not valid JSON: NaN and Infinity are not numbers JSON allows.")
            ) from None
        check_parsed(data)
        return data
