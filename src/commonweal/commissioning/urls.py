from django.urls import path

from commonweal.commissioning import urls_advisor, urls_design, views, views_money, views_pipeline

app_name = "commissioning"
urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("new/", views.plan_create_place, name="plan-create-place"),
    path("new/<int:place_pk>/", views.plan_create, name="plan-create"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/edit/", views.plan_edit, name="plan-edit"),
    path("<int:pk>/stage/", views.plan_stage, name="plan-stage"),
    path("<int:pk>/money/", views_money.money, name="money"),
    path("<int:pk>/money/<int:contribution_pk>/", views_money.contribution_edit, name="money-edit"),
    path(
        "<int:pk>/money/<int:contribution_pk>/remove/",
        views_money.contribution_remove,
        name="money-remove",
    ),
    path("<int:pk>/current-spend/", views_money.current_spend, name="current-spend"),
    path(
        "<int:pk>/current-spend/<int:contract_pk>/remove/",
        views_money.current_spend_remove,
        name="current-spend-remove",
    ),
    path("<int:pk>/pipeline/", views_pipeline.pipeline, name="pipeline"),
    path("<int:pk>/pipeline/publish/", views_pipeline.publish, name="publish"),
    path("<int:pk>/engagement/new/", views_pipeline.event_add, name="event-add"),
    path("<int:pk>/engagement/<int:event_pk>/", views_pipeline.event_edit, name="event-edit"),
    path(
        "<int:pk>/engagement/<int:event_pk>/publish/",
        views_pipeline.event_publish,
        name="event-publish",
    ),
    path("<int:pk>/interest/", views_pipeline.interest, name="interest"),
    *urls_advisor.urlpatterns,
    *urls_design.urlpatterns,
]
