from django.urls import path

from commonweal.core.api import audit

# Included into the API's own namespace ("api"), before its catch-all.
urlpatterns = [
    path("audit/checkpoints/", audit.AuditCheckpointListView.as_view(), name="audit-checkpoints"),
]
