"""Pages: an opportunity's clarification questions (views_questions.py), and the social value
frameworks (views_frameworks.py), whose routes live here too: they are not under any one
opportunity, and the frameworks have no routes module of their own."""

from django.urls import path

from commonweal.competitions import views_frameworks, views_questions

urlpatterns = [
    path("<int:pk>/questions/", views_questions.questions, name="questions"),
    path(
        "<int:pk>/questions/<int:question_pk>/answer/",
        views_questions.question_answer,
        name="question-answer",
    ),
    path("social-value-frameworks/", views_frameworks.frameworks, name="frameworks"),
    path(
        "social-value-frameworks/load/", views_frameworks.framework_upload, name="framework-upload"
    ),
    path("social-value-frameworks/<int:pk>/", views_frameworks.framework, name="framework"),
]
