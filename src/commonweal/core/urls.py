from django.urls import path

from commonweal.core import views_audit

# The "core" namespace also holds the home app's home page and dashboard (core:home,
# core:dashboard): commonweal/urls.py gathers them here, because core cannot import the app above it.
app_name = "core"
urlpatterns = [
    path("audit/checkpoints/", views_audit.checkpoints, name="audit-checkpoints"),
]
