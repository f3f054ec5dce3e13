"""Small helpers every app's views share: form data on POST, a silent 403, service errors on a form,
a page of a long list."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator


def posted(request):
    """The submitted data on a POST, None otherwise, so an empty POST still shows its errors."""
    return request.POST if request.method == "POST" else None


def require(allowed: bool) -> None:
    """Refuse with a 403 that says nothing about the record."""
    if not allowed:
        raise PermissionDenied


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def paginate(request, rows, per_page: int, *, param: str = "page") -> dict:
    """One page of ``rows`` (the page asked for by ``param`` in the query string; a wrong one gives the
    nearest page), with what ``includes/pagination.html`` needs: page_obj, page_range, ellipsis and
    page_param. A page with two lists gives the second a ``param`` of its own."""
    return {**page_of(rows, per_page, request.GET.get(param)), "page_param": param}


def page_of(rows, per_page: int, number) -> dict:
    """Page ``number`` of ``rows`` (a wrong one gives the nearest page), with page_obj, page_range and
    ellipsis: for a page asked for some other way than the query string, such as a form's button."""
    paginator = Paginator(rows, per_page)
    page = paginator.get_page(number)
    return {
        "page_obj": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "ellipsis": Paginator.ELLIPSIS,
    }
