"""Pages of results: ``?page=2``.

A page number that is not a whole number of 1 or more is a 400 naming ``page``; a page past the last
is a 404 that says which page is the last (the first page always exists, even when it is empty).
Both are documented on every list operation (core/api/openapi.py).
"""

from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

# Far more pages than any list will have, and few enough digits to read as a number safely.
MOST_DIGITS = 18


class ApiPagination(PageNumberPagination):
    page_query_description = _("Which page of results, from 1. A page past the last is a 404.")
    last_page_strings = ()  # only numbers, as documented

    def get_page_number(self, request, paginator) -> int:
        given = (
            request.query_params.get(self.page_query_param, "").strip() or "1"
        )  # empty: the first page
        digits = given.lstrip("0") if given.isascii() and given.isdigit() else ""
        if not digits:
            raise ValidationError(
                {self.page_query_param: [_g("Enter a page number: a whole number, 1 or more.")]}
            )
        if len(digits) > MOST_DIGITS:
            self._no_such_page(digits, paginator)
        return int(digits)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            self._no_such_page(number, paginator)
        return list(self.page)

    def _no_such_page(self, number, paginator):
        raise NotFound(
            _g("There is no page %(page)s. The last page is %(last)s.")
            % {"page": number, "last": paginator.num_pages}
        )

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": str(self.page_query_description),
                "schema": {"type": "integer", "minimum": 1},
            }
        ]
