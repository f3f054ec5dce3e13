"""Pages of results: ``?page=2``. A page number that is not a number is a 400, not a 404."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    invalid_page_message = _("There is no page with that number.")

    def get_page_number(self, request, paginator):
        number = super().get_page_number(request, paginator)  # "last" is already a number here
        if not str(number).isdigit() or int(number) < 1:
            raise ValidationError({self.page_query_param: [_("Enter a page number: a whole number, 1 or more.")]})
        return number
