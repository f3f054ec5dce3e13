"""Small helpers every app's serializers share: error messages and help that list the codes, a
choice's label in words, a record's page address, and a many-to-many field read for a list's whole
page at once."""

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS


def choice_error(what, choices) -> dict:
    """Error messages for a choice field: "“x” is not a <what> we know. Use one of: a, b, c."."""
    codes = ", ".join(value for value, _label in choices)
    message = format_lazy(
        _("“{{input}}” is not a {what} we know. Use one of: {codes}."), what=what, codes=codes
    )
    return {"invalid_choice": message}


def codes_help(text, choices):
    """Help text followed by the codes a field may hold: "<text> a, b, c."."""
    return format_lazy(
        "{text} {codes}.", text=text, codes=", ".join(value for value, _label in choices)
    )


class ChoiceLabelField(serializers.CharField):
    """A choice field's label, in words in the reader's language: read-only, what
    ``source="get_<field>_display"`` gives (``source`` names the field itself). DRF inspects a method's
    signature each time before calling it, which for a page of 50 rows costs more than the lookups."""

    def __init__(self, choices, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        self.labels = dict(choices)

    def to_representation(self, value) -> str:
        return str(self.labels.get(value, value))


class PageAddressField(serializers.CharField):
    """A record's page on this site, what its ``get_absolute_url()`` gives (``reverse(url_name,
    kwargs={"pk": pk})``), read-only. The address around the number is reversed once for the
    serializer (one request) and the number put in for each row: reversing for every row of a page of
    50 costs more than writing the rest of the row."""

    # A number no record has, to find where the number goes in the reversed address.
    _MARK = 918273645546372819

    def __init__(self, url_name: str, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "pk"
        super().__init__(**kwargs)
        self.url_name = url_name
        self._around: tuple[str, str] | None = None

    def to_representation(self, pk) -> str:
        if self._around is None:
            address = reverse(self.url_name, kwargs={"pk": self._MARK})
            before, mark, after = address.partition(str(self._MARK))
            if not mark or mark in after:
                raise ValueError(f"{self.url_name} does not put the number once in its address")
            self._around = (before, after)
        before, after = self._around
        return f"{before}{pk}{after}"


def page_related_ids(rows: list, relation: str) -> dict[int, list[int]]:
    """For a page of records of one model, the ids of the records each one's many-to-many field
    ``relation`` holds, in id order: one query on the link table, no records made."""
    ids: dict[int, list[int]] = {row.pk: [] for row in rows}
    if not rows:
        return ids
    field = type(rows[0])._meta.get_field(relation)
    mine, theirs = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    links = field.remote_field.through.objects.filter(**{f"{mine}__in": list(ids)})
    for row_id, related_id in links.order_by(theirs).values_list(mine, theirs):
        ids[row_id].append(related_id)
    return ids


@extend_schema_field({"type": "array", "items": {"type": "integer"}})
class RelatedIdsField(serializers.Field):
    """The ids a many-to-many field holds, in id order, read-only: what ``PrimaryKeyRelatedField(
    many=True, read_only=True)`` sends. A list view reads them for its whole page at once
    (``page_related_ids``, in the context as ``related_ids[relation]``); a single record's are read
    from it (prefetched)."""

    def __init__(self, relation: str, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)
        self.relation = relation

    def to_representation(self, record) -> list[int]:
        page = self.context.get("related_ids", {}).get(self.relation)
        if page is not None:
            return page[record.pk]
        return sorted(related.pk for related in getattr(record, self.relation).all())


class PageRelatedField(serializers.ManyRelatedField):
    """What ``SomeRelatedField(many=True, read_only=True)`` sends, with the same schema, for a list
    view that reads its page's related records at once: it puts each row's, in order, in the context
    as ``page_related[field name][row's id]`` (anything the child field writes: for a slug field,
    anything with that slug). A single record's are read from it, as before. Made by
    ``page_related``."""

    def get_attribute(self, instance):
        page = self.context.get("page_related", {}).get(self.field_name)
        if page is not None:
            return page[instance.pk]
        return super().get_attribute(instance)


def page_related(child_class, **kwargs) -> PageRelatedField:
    """``child_class(many=True, read_only=True, **kwargs)``, read for a list's whole page at once
    (``PageRelatedField``)."""
    kwargs["read_only"] = True
    many = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
    return PageRelatedField(child_relation=child_class(**kwargs), **many)
