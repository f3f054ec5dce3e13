"""Pages: opportunities (see views_opportunities.py), mounted at /opportunities/."""

from django.urls import path

from commonweal.competitions import views_opportunities as views

urlpatterns = [
    path("", views.opportunity_list, name="opportunities"),
    path("new/<int:plan_pk>/", views.opportunity_create, name="opportunity-create"),
    path("<int:pk>/", views.opportunity_detail, name="opportunity"),
    path("<int:pk>/edit/", views.opportunity_edit, name="opportunity-edit"),
    path("<int:pk>/criteria/", views.criteria, name="criteria"),
    path("<int:pk>/criteria/<int:criterion_pk>/", views.criterion_edit, name="criterion-edit"),
    path(
        "<int:pk>/criteria/<int:criterion_pk>/remove/",
        views.criterion_remove,
        name="criterion-remove",
    ),
    path("<int:pk>/documents/", views.documents, name="documents"),
    path(
        "<int:pk>/documents/<int:document_pk>/",
        views.document_download,
        name="document-download",
    ),
    path(
        "<int:pk>/documents/<int:document_pk>/remove/",
        views.document_remove,
        name="document-remove",
    ),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/interest/", views.interest, name="interest"),
]
