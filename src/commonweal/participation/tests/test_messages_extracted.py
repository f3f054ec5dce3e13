"""makemessages finds the PB engine's sentences, plural forms included, though the engine
marks them with its own no-op markers (it cannot import Django)."""

import shutil
from pathlib import Path

import pytest

from commonweal import messages as messages_module
from commonweal.participation import pb
from commonweal.participation.pb import ejr, explain, pabulib, rules
from commonweal.testing.catalogues import extracted, templates

pytestmark = pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="makemessages needs GNU gettext's xgettext"
)


def test_every_sentence_of_a_worked_example_is_in_the_catalogue(tmp_path, monkeypatch):
    found = extracted(
        tmp_path, monkeypatch, Path(pb.__file__).parent, Path(messages_module.__file__)
    )

    # Budget 8, four voters: X, Y, Z as in the MES worked example, W nobody wants, and a
    # group (v3) that EJR says was left out when the outcome is only X.
    e = pabulib.parse(
        "META\nkey;value\nbudget;8\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
        "W;1\nX;4\nY;3\nZ;2\nVOTES\nvoter_id;vote\nv0;X,Z\nv1;X,Z\nv2;X,Z\nv3;Y,Z\n"
    )
    messages = []
    for rule, completion in (("mes", "none"), ("greedy", "none"), ("mes", "add1-greedy")):
        ex = explain.explain(e, rules.tally(e, rule=rule, completion=completion))
        for project in e.projects:
            messages += ex.messages(project.id)
    messages += ejr.check(e, ["X"], "cost").messages()
    messages += ejr.check(e, ["X"], "cardinality").messages()

    used = set().union(*(templates(message) for message in messages))
    assert len(used) >= 10
    assert used <= found, sorted(used - found)
