"""API routes: questions (see api_questions.py)."""

from commonweal.competitions import api_questions

urlpatterns = api_questions.urlpatterns

# Those who run an opportunity: every question with who asked, and answering (api_management.py).
from commonweal.competitions import api_management  # noqa: E402

urlpatterns = urlpatterns + api_management.question_urlpatterns
