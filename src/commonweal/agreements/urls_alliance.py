"""Pages of an alliance's governance (views_alliance.py): members, decisions, risks, pain and gain."""

from django.urls import path

from commonweal.agreements import views_alliance as views

urlpatterns = [
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/members/add/", views.member_add, name="member-add"),
    path("<int:pk>/members/<int:member_pk>/edit/", views.member_edit, name="member-edit"),
    path("<int:pk>/members/<int:member_pk>/remove/", views.member_remove, name="member-remove"),
    path("<int:pk>/decisions/", views.decisions, name="decisions"),
    path("<int:pk>/decisions/add/", views.decision_add, name="decision-add"),
    path("<int:pk>/risks/", views.risks, name="risks"),
    path("<int:pk>/risks/add/", views.risk_add, name="risk-add"),
    path("<int:pk>/risks/<int:risk_pk>/edit/", views.risk_edit, name="risk-edit"),
    path("<int:pk>/risks/<int:risk_pk>/close/", views.risk_close, name="risk-close"),
    path("<int:pk>/pain-and-gain/", views.pain_gain, name="pain-gain"),
    path("<int:pk>/pain-and-gain/add/", views.pain_gain_add, name="pain-gain-add"),
]
