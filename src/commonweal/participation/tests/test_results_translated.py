"""The results page translates the PB engine's sentences: the engine gives templates, the page
translates them in the reader's language, and the cached explanation serves every language."""

import struct

import pytest
from django.utils import translation

from commonweal.participation import results, services, services_counting, services_voting
from commonweal.participation.models import BudgetRound
from commonweal.participation.tests.conftest import make_resident, project_pk

pytestmark = pytest.mark.django_db

PAID_EACH = (
    "Funded. %(count)s person who voted for it paid %(amount)s of its %(cost)s cost.",
    "Funded. %(count)s people who voted for it each paid %(amount)s of its %(cost)s cost.",
)
NOBODY = "Not funded. Nobody voted for it."
EJR_YES = (
    "Yes. The result passes the test of extended justified representation (EJR): no group of "
    "voters who all backed the same projects, and whose fair share of the budget would have paid "
    "for them, was left with less than those projects would have given them."
)
# A pretend Welsh catalogue (not real Welsh: easy to tell from English, placeholders kept).
CATALOGUE = {
    PAID_EACH: (
        "CY %(count)s person paid %(amount)s of %(cost)s.",
        "CY %(count)s paid %(amount)s each of %(cost)s.",
    ),
    NOBODY: "CY nobody voted.",
    EJR_YES: "CY yes, EJR.",
}


def write_mo(path, catalogue: dict) -> None:
    """A compiled gettext catalogue (the .mo format), plural entries included."""
    entries = {
        "": "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
    }
    for msgid, msgstr in catalogue.items():
        if isinstance(msgid, tuple):
            entries["\0".join(msgid)] = "\0".join(msgstr)
        else:
            entries[msgid] = msgstr
    ids = sorted(entries)
    keys = [k.encode() for k in ids]
    values = [entries[k].encode() for k in ids]
    start = 7 * 4 + 16 * len(ids)
    key_offsets, offset = [], start
    for key in keys:
        key_offsets.append((len(key), offset))
        offset += len(key) + 1
    value_offsets = []
    for value in values:
        value_offsets.append((len(value), offset))
        offset += len(value) + 1
    header = struct.pack("<7I", 0x950412DE, 0, len(ids), 7 * 4, 7 * 4 + 8 * len(ids), 0, 0)
    table = b"".join(struct.pack("<2I", *pair) for pair in key_offsets + value_offsets)
    path.parent.mkdir(parents=True)
    path.write_bytes(
        header + table + b"".join(k + b"\0" for k in keys) + b"".join(v + b"\0" for v in values)
    )


@pytest.fixture
def welsh(settings, tmp_path):
    write_mo(tmp_path / "cy" / "LC_MESSAGES" / "django.mo", CATALOGUE)
    settings.LOCALE_PATHS = [tmp_path]


@pytest.fixture
def counted(make_round, staff, ward):
    """Two voters back the benches (£3,000) and nobody the others: each pays £1,500."""
    round_ = make_round(rule="mes", completion="none")
    for name in ("Ann", "Ben"):
        services_voting.ballot_cast(
            round_=round_,
            voter=make_resident(ward, name),
            age_confirmed=True,
            marks={project_pk(round_, "Benches by the river"): 1},
        )
    services.round_move(round_=round_, actor=staff, to=BudgetRound.Status.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    services_counting.round_publish(round_=round_, actor=staff)
    return round_


def explained(round_):
    found = results.results_for(round_)
    [benches] = found.funded
    return benches.payments, {row.project.title: row.why_not for row in found.unfunded}, found.ejr


def test_the_engines_sentences_are_shown_in_the_readers_language(welsh, counted):
    with translation.override("cy"):
        payments, why_not, ejr = explained(counted)
    assert payments == ["CY 2 paid £1,500 each of £3,000."]
    assert set(why_not.values()) == {"CY nobody voted."}
    assert ejr == "CY yes, EJR."


def test_one_cached_explanation_serves_every_language(welsh, counted):
    with translation.override("cy"):
        explained(counted)  # the first visitor reads Welsh
    with translation.override("en-gb"):
        payments, why_not, ejr = explained(counted)
    assert payments == ["Funded. 2 people who voted for it each paid £1,500 of its £3,000 cost."]
    assert set(why_not.values()) == {NOBODY}
    assert ejr == EJR_YES
