"""Pages: questions (see views_questions.py)."""

urlpatterns: list = []
