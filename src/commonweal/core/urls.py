from django.urls import path

from commonweal.core import views, views_audit

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("audit/checkpoints/", views_audit.checkpoints, name="audit-checkpoints"),
]
