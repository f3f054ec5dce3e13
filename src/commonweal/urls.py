"""Top-level URLs: each app owns its own ``urls.py``."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("commonweal.core.urls")),
    path("account/", include("commonweal.accounts.urls")),
    path("places/", include("commonweal.places.urls")),
    path("organisations/", include("commonweal.organisations.urls")),
    path("needs/", include("commonweal.needs.urls")),
    path("co-design/", include("commonweal.codesign.urls")),
    path("priorities/", include("commonweal.priorities.urls")),
    path("outcomes/", include("commonweal.outcomes.urls")),
    path("budgets/", include("commonweal.participation.urls")),
    path("panels/", include("commonweal.panels.urls")),
    path("api/", include("commonweal.api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "commonweal.core.views.bad_request"
handler403 = "commonweal.core.views.permission_denied"
handler404 = "commonweal.core.views.page_not_found"
handler500 = "commonweal.core.views.server_error"
