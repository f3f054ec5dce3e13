"""The route advisor's pages, under a plan (/plans/<pk>/route/...)."""

from django.urls import path

from commonweal.commissioning import views_advisor

urlpatterns = [
    path("<int:pk>/route/", views_advisor.advice, name="advice"),
    path("<int:pk>/route/<int:advice_pk>/", views_advisor.advice_detail, name="advice-detail"),
    path("<int:pk>/route/start/", views_advisor.advisor_start, name="advisor-start"),
    path(
        "<int:pk>/route/questions/<slug:key>/",
        views_advisor.advisor_question,
        name="advisor-question",
    ),
    path("<int:pk>/route/check/", views_advisor.advisor_check, name="advisor-check"),
    path("<int:pk>/route/choose/", views_advisor.route_choose, name="route-choose"),
]
