"""Text a database cannot store, found before it reaches one. Plain Python: no Django models.

PostgreSQL refuses a null character in text, and no database can store an unpaired UTF-16
surrogate (from a JSON escape like \\ud800): either one crashed the request that carried it.
Web addresses and form data must also be valid UTF-8; Django would quietly swap bad bytes for
question marks, so the person would search for, or save, something they never typed.
"""

import re
from urllib.parse import unquote_to_bytes

from django.utils.translation import gettext as _

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def text_problem(text: str) -> str:
    """Why this text cannot be stored, in words; empty when it can."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return ""
    if found.group() == "\x00":
        return _(
            "This has a null character in it, which cannot be stored. Remove it and try again."
        )
    return _(
        "This has a character that is not valid text (half of a surrogate pair, like \\ud800). "
        "Remove it and try again."
    )


def not_utf8() -> str:
    return _("This is not valid text: send it encoded as UTF-8.")


def encoded_pairs_problem(raw: bytes) -> tuple[str | None, str] | None:
    """The first name=value pair of a query string or form body that is not storable UTF-8 text.

    Gives (the field's name, or None when the name itself is the problem; the problem in words),
    or None when every pair is fine. Splits and decodes as Django's QueryDict does.
    """
    for pair in raw.split(b"&"):
        if not pair:
            continue
        name_bytes, _equals, value_bytes = pair.partition(b"=")
        try:
            name = unquote_to_bytes(name_bytes.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            return None, not_utf8()
        if text_problem(name):
            return None, text_problem(name)
        try:
            value = unquote_to_bytes(value_bytes.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            return name, not_utf8()
        if text_problem(value):
            return name, text_problem(value)
    return None
