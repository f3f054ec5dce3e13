from django.urls import path

from commonweal.needs.views import evidence, manage, need, register

app_name = "needs"
urlpatterns = [
    path("", register.need_list, name="list"),
    path("summary/", register.need_summary, name="summary"),
    path("raise/", need.need_raise, name="raise"),
    path("<int:pk>/", need.need_detail, name="detail"),
    path("<int:pk>/edit/", need.need_edit, name="edit"),
    path("<int:pk>/support/", need.need_support, name="support"),
    path("<int:pk>/unsupport/", need.need_unsupport, name="unsupport"),
    path("<int:pk>/comments/", need.comment_add, name="comment"),
    path(
        "<int:pk>/comments/<int:comment_id>/moderate/",
        manage.comment_moderate,
        name="comment-moderate",
    ),
    path("<int:pk>/status/", manage.need_status, name="status"),
    path("<int:pk>/merge/", manage.need_merge, name="merge"),
    path("<int:pk>/evidence/add/<slug:kind>/", evidence.evidence_add, name="evidence-add"),
    path(
        "<int:pk>/evidence/<int:evidence_id>/", evidence.evidence_download, name="evidence-download"
    ),
    path(
        "<int:pk>/evidence/<int:evidence_id>/remove/",
        evidence.evidence_remove,
        name="evidence-remove",
    ),
]
