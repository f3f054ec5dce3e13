"""Audit entries made readable: when, who, what changed, with field names as people say them.

Any registered model's entries can be shown this way; places use it too.
"""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext as _

from commonweal.core.viewtools import paginate

# Fields Django stamps or numbers itself, and storage details: they say nothing
# a person needs about what was changed (the entry's own time says when).
_NOISE = {
    "id",
    "created_at",
    "updated_at",
    "uploaded_at",
    "granted_at",
    "file",
    "content_type",
    "size_bytes",
}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ReadableEntry:
    at: datetime
    who: str
    action: str
    kind: str  # create, update or delete
    record: str
    reason: str
    changes: list[Change]


def readable(entries) -> list[ReadableEntry]:
    """Each audit entry as when, who, what happened to which record, why, and each change as before → after."""
    entries = list(entries)
    cache = _related_names(entries)
    rows = []
    for entry in entries:
        model = _model(entry.model)
        record = entry.object_repr
        if model is not None:
            record = f"{capfirst(model._meta.verbose_name)}: {entry.object_repr}"
        changes = []
        for name, before, after in entry.changed_fields():
            if name in _NOISE or (entry.action == "create" and after in (None, "", [])):
                continue
            field = _field(model, name)
            label = (
                capfirst(str(field.verbose_name))
                if field is not None
                else name.replace("_", " ").capitalize()
            )
            changes.append(Change(label, _text(field, before, cache), _text(field, after, cache)))
        rows.append(
            ReadableEntry(
                at=entry.at,
                who=_who(entry),
                action=entry.get_action_display(),
                kind=entry.action,
                record=record,
                reason=entry.reason,
                changes=changes,
            )
        )
    return rows


def _related_names(entries) -> dict:
    """What each record named in the entries' changes is called, read in one query per kind of record."""
    wanted: dict = {}
    for entry in entries:
        model = _model(entry.model)
        for name, before, after in entry.changed_fields():
            field = _field(model, name)
            if field is None or not field.is_relation or field.related_model is None:
                continue
            for value in (before, after):
                values = value if isinstance(value, list) else [value]
                wanted.setdefault(field.related_model, set()).update(
                    pk for pk in values if pk not in (None, "")
                )
    cache: dict = {}
    for model, pks in wanted.items():
        try:
            found = model._default_manager.in_bulk(pks)
        except (TypeError, ValueError):
            continue  # a value that is not a key: _related reads it alone
        for pk, obj in found.items():
            cache[(model, pk)] = str(obj)
    return cache


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        for field in model._meta.concrete_fields:
            if field.attname == name:
                return field
    return None


def _who(entry) -> str:
    if entry.actor is not None and entry.actor.get_full_name():
        return entry.actor.get_full_name()
    label = entry.actor_label or ""
    if label == "system":
        return _("Commonweal (automatic)")
    # "Name <email>": the name is enough, and keeps addresses off the page.
    return label.split(" <")[0]


def _text(field, value, cache: dict) -> str:
    if value is None or value == "" or value == []:
        return _("(none)")
    if field is None:
        return str(value)
    if field.many_to_many:
        return ", ".join(_related(field.related_model, pk, cache) for pk in value)
    if field.is_relation:
        return _related(field.related_model, value, cache)
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        parsed = parse_datetime(str(value))
        if parsed is None:
            return str(value)
        return date_format(localtime(parsed) if is_aware(parsed) else parsed, "j F Y, H:i")
    return str(value)


def _related(model, pk, cache: dict) -> str:
    key = (model, pk)
    if key not in cache:
        obj = model._default_manager.filter(pk=pk).first()
        cache[key] = (
            str(obj)
            if obj is not None
            else _("a record that has since been removed (%(id)s)") % {"id": pk}
        )
    return cache[key]


PAGE_SIZE = 25


def readable_page(request, entries, per_page: int = PAGE_SIZE) -> dict:
    """The page of ``entries`` the request asks for, made readable (``history``), with what
    ``includes/pagination.html`` needs: a record with thousands of changes shows 25 at a time."""
    listing = paginate(request, entries, per_page)
    return {"history": readable(listing["page_obj"].object_list), **listing}
