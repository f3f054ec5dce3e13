from django.urls import path

from commonweal.participation import views, views_officer, views_paper

app_name = "participation"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/", views_officer.round_create, name="create"),
    path("import/", views_officer.round_import, name="import"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/propose/", views.project_propose, name="propose"),
    path("<int:pk>/check-me/", views.check_me, name="check-me"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/vote/recorded/", views.voted, name="voted"),
    path("<int:pk>/results/", views.round_results, name="results"),
    path("<int:pk>/round.pb", views_officer.round_export, name="export"),
    path("<int:pk>/edit/", views_officer.round_edit, name="edit"),
    path("<int:pk>/move/<slug:to>/", views_officer.round_move, name="move"),
    path("<int:pk>/projects/add/", views_officer.project_add, name="project-add"),
    path("<int:pk>/projects/<int:project_pk>/review/", views_officer.project_review, name="review"),
    path("<int:pk>/eligibility/", views_officer.eligibility_upload, name="eligibility"),
    path("<int:pk>/codes/", views_officer.codes_create, name="codes"),
    path("<int:pk>/verify/", views_officer.person_verify, name="verify"),
    path("<int:pk>/paper/", views_officer.paper_ballot, name="paper"),
    path("<int:pk>/paper/sheet/", views_paper.paper_sheet, name="paper-sheet"),
    path("<int:pk>/count/", views_officer.round_count, name="count"),
    path("<int:pk>/count/stop/", views_officer.round_count_stop, name="count-stop"),
    path("<int:pk>/publish/", views_officer.round_publish, name="publish"),
]
