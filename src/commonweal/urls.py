"""Top-level URLs: each app owns its own ``urls.py``."""

from django.contrib import admin
from django.urls import include, path

from commonweal.core import urls as core_urls
from commonweal.home import urls as home_urls
from commonweal.places import urls as places_urls

urlpatterns = [
    # The home app's pages keep the names they always had (core:home, core:dashboard and
    # places:detail): they are gathered into those namespaces here, where every app may be seen.
    path("", include((home_urls.core_urlpatterns + core_urls.urlpatterns, core_urls.app_name))),
    path("account/", include("commonweal.accounts.urls")),
    path(
        "places/",
        include((places_urls.urlpatterns + home_urls.places_urlpatterns, places_urls.app_name)),
    ),
    path("organisations/", include("commonweal.organisations.urls")),
    path("needs/", include("commonweal.needs.urls")),
    path("co-design/", include("commonweal.codesign.urls")),
    path("priorities/", include("commonweal.priorities.urls")),
    path("outcomes/", include("commonweal.outcomes.urls")),
    path("budgets/", include("commonweal.participation.urls")),
    path("panels/", include("commonweal.panels.urls")),
    path("plans/", include("commonweal.commissioning.urls")),
    path("opportunities/", include("commonweal.competitions.urls")),
    path("agreements/", include("commonweal.agreements.urls")),
    path("payments/", include("commonweal.payments.urls")),
    path("late-payment/", include("commonweal.payments.urls_calculator")),
    path("notifications/", include("commonweal.notifications.urls")),
    path("api/", include("commonweal.api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "commonweal.core.views.bad_request"
handler403 = "commonweal.core.views.permission_denied"
handler404 = "commonweal.core.views.page_not_found"
handler500 = "commonweal.core.views.server_error"
