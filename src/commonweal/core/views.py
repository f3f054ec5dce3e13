"""The error pages. (The home page and dashboard are the home app's: commonweal/home/views.py.)"""

from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


def _error(request, template: str, status: int):
    return render(request, template, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _error(request, "errors/400.html", 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _error(request, "errors/403.html", 403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return _error(request, "errors/404.html", 404)


@requires_csrf_token
def server_error(request):
    # No context processors or database: the fault may be there.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("errors/500.html").render({}))
