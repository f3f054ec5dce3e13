"""Pages: agreements themselves (views_agreements.py) and their KPIs, break points and assets
(views_terms.py)."""

from django.urls import path

from commonweal.agreements import views_agreements as views
from commonweal.agreements import views_terms as terms

urlpatterns: list = [
    path("", views.agreement_list, name="list"),
    path("enter/", views.agreement_enter, name="enter"),
    path("enter/<str:kind>/", views.agreement_enter_kind, name="enter-kind"),
    path("from-award/<int:award_pk>/", views.from_award, name="from-award"),
    path(
        "from-grant-decision/<int:decision_pk>/",
        views.from_grant_decision,
        name="from-grant-decision",
    ),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/edit/", views.agreement_edit, name="edit"),
    path("<int:pk>/make-live/", views.agreement_make_live, name="make-live"),
    path("<int:pk>/vary/", views.agreement_vary, name="vary"),
    path("<int:pk>/subcontracts/new/", views.subcontract_enter, name="subcontract-enter"),
    *[
        route
        for part in terms.PARTS
        for route in (
            path(f"<int:pk>/{part}/new/", terms.part_add, {"part": part}, name=f"{part}-add"),
            path(
                f"<int:pk>/{part}/<int:row_pk>/",
                terms.part_edit,
                {"part": part},
                name=f"{part}-edit",
            ),
            path(
                f"<int:pk>/{part}/<int:row_pk>/remove/",
                terms.part_remove,
                {"part": part},
                name=f"{part}-remove",
            ),
        )
    ],
]
