from django.urls import path

from commonweal.panels import views, views_pool, views_selection, views_workspace

app_name = "panels"
urlpatterns = [
    path("", views.panel_list, name="list"),
    path("mine/", views.panels_mine, name="mine"),
    path("new/", views.panel_create, name="create"),
    path("<int:pk>/", views.panel_detail, name="panel"),
    path("<int:pk>/edit/", views.panel_edit, name="edit"),
    path("<int:pk>/features/", views.panel_features, name="features"),
    path("<int:pk>/features/<int:feature_pk>/quotas/", views.feature_quotas, name="quotas"),
    path("<int:pk>/features/<int:feature_pk>/remove/", views.feature_remove, name="feature-remove"),
    path("<int:pk>/pool/", views.pool_list, name="pool"),
    path("<int:pk>/pool/import/", views.pool_import, name="pool-import"),
    path("<int:pk>/pool/template.csv", views.pool_template, name="pool-template"),
    path(
        "<int:pk>/pool/imports/<int:import_pk>/",
        views_pool.pool_import_detail,
        name="pool-import-detail",
    ),
    path(
        "<int:pk>/pool/imports/<int:import_pk>/stop/",
        views_pool.pool_import_stop,
        name="pool-import-stop",
    ),
    path(
        "<int:pk>/pool/imports/<int:import_pk>/retry/",
        views_pool.pool_import_retry,
        name="pool-import-retry",
    ),
    path("<int:pk>/select/", views_selection.run_start, name="run-start"),
    path("<int:pk>/runs/<int:run_pk>/", views_selection.run_detail, name="run"),
    path("<int:pk>/runs/<int:run_pk>/stop/", views_selection.run_stop, name="run-stop"),
    path("<int:pk>/draw/", views_selection.draw_make, name="draw"),
    path("<int:pk>/results/", views_selection.results, name="results"),
    path("<int:pk>/results.json", views_selection.results_json, name="results-json"),
    path("<int:pk>/members/", views_selection.panel_members, name="members"),
    # The panel's workspace: its members' meetings, papers and tasks.
    path("<int:pk>/workspace/", views_workspace.workspace, name="workspace"),
    path("<int:pk>/workspace/meetings/new/", views_workspace.meeting_add, name="meeting-add"),
    path(
        "<int:pk>/workspace/meetings/<int:meeting_pk>/",
        views_workspace.meeting_detail,
        name="meeting",
    ),
    path(
        "<int:pk>/workspace/meetings/<int:meeting_pk>/edit/",
        views_workspace.meeting_edit,
        name="meeting-edit",
    ),
    path(
        "<int:pk>/workspace/meetings/<int:meeting_pk>/remove/",
        views_workspace.meeting_delete,
        name="meeting-delete",
    ),
    path("<int:pk>/workspace/papers/new/", views_workspace.paper_add, name="paper-add"),
    path(
        "<int:pk>/workspace/papers/<int:paper_pk>/edit/",
        views_workspace.paper_edit,
        name="paper-edit",
    ),
    path(
        "<int:pk>/workspace/papers/<int:paper_pk>/remove/",
        views_workspace.paper_delete,
        name="paper-delete",
    ),
    path(
        "<int:pk>/workspace/papers/<int:paper_pk>/download/",
        views_workspace.paper_download,
        name="paper-download",
    ),
    path("<int:pk>/workspace/tasks/new/", views_workspace.task_add, name="task-add"),
    path(
        "<int:pk>/workspace/tasks/<int:task_pk>/edit/",
        views_workspace.task_edit,
        name="task-edit",
    ),
    path(
        "<int:pk>/workspace/tasks/<int:task_pk>/remove/",
        views_workspace.task_delete,
        name="task-delete",
    ),
    path(
        "<int:pk>/workspace/tasks/<int:task_pk>/done/",
        views_workspace.task_done,
        name="task-done",
    ),
]
