"""Sentences for people, kept apart from their translation. Plain Python: no Django.

The pure engines (the PB engine, organisation classification, ...) cannot call Django's
``gettext``. They say things as :class:`Message` values: an English template, marked for
translation with the no-op markers below (``makemessages`` finds them by name), and the
values to put into it. Whoever shows a message translates its template and then fills it
in: pages and the API call ``message.render(gettext, ngettext)``; ``str(message)`` gives the
English.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Message",
    "gettext_noop",
    "join_names",
    "message",
    "ngettext_noop",
    "plural_message",
]


def gettext_noop(message: str) -> str:
    """Mark a template for translation; it is translated where it is shown."""
    return message


def ngettext_noop(singular: str, plural: str) -> tuple[str, str]:
    """Mark a template with a singular and a plural form (chosen by the message's count)."""
    return singular, plural


def _english(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


@dataclass(frozen=True)
class Message:
    """One sentence: a ``%(name)s`` template and its values.

    A value may itself be a message (a list of names, say), rendered the same way first.
    With ``plural`` set, ``count`` chooses between ``template`` and ``plural``, as
    ``ngettext`` does.
    """

    template: str
    params: Mapping[str, str | int | Message] = field(default_factory=dict)
    plural: str = ""
    count: int = 0

    def render(
        self,
        gettext: Callable[[str], str] = _english,
        ngettext: Callable[[str, str, int], str] = _english_plural,
    ) -> str:
        """The sentence, its template (and any message in its values) passed through ``gettext``."""
        if self.plural:
            template = ngettext(self.template, self.plural, self.count)
        else:
            template = gettext(self.template)
        values = {
            name: value.render(gettext, ngettext) if isinstance(value, Message) else value
            for name, value in self.params.items()
        }
        return template % values if values else template

    def __str__(self) -> str:
        return self.render()

    def as_json(self) -> dict[str, Any]:
        """The message as JSON-ready data, to store and translate when it is read back."""
        return {
            "template": self.template,
            "params": {
                name: value.as_json() if isinstance(value, Message) else value
                for name, value in self.params.items()
            },
            "plural": self.plural,
            "count": self.count,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Message:
        """A message stored with :meth:`as_json`."""
        return cls(
            data["template"],
            {
                name: cls.from_json(value) if isinstance(value, Mapping) else value
                for name, value in data.get("params", {}).items()
            },
            plural=data.get("plural", ""),
            count=data.get("count", 0),
        )


def message(template: str, /, **params: str | int | Message) -> Message:
    """A sentence from a template marked with :func:`gettext_noop`."""
    return Message(template, params)


def plural_message(
    forms: tuple[str, str], number: int, /, **params: str | int | Message
) -> Message:
    """A sentence from templates marked with :func:`ngettext_noop`, the form chosen by ``number``."""
    return Message(forms[0], params, plural=forms[1], count=number)


def join_names(names: Sequence[str | Message]) -> str | Message:
    """ "A", "A and B", "A, B and C": the words between the names are translated too."""
    listed = names[0]
    for name in names[1:-1]:
        listed = message(gettext_noop("%(list)s, %(name)s"), list=listed, name=name)
    if len(names) == 1:
        return listed
    return message(gettext_noop("%(list)s and %(last)s"), list=listed, last=names[-1])
