"""makemessages finds the PB engine's sentences, plural forms included, though the engine
marks them with its own no-op markers (it cannot import Django)."""

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from commonweal.participation import pb
from commonweal.participation.pb import ejr, explain, pabulib, rules

pytestmark = pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="makemessages needs GNU gettext's xgettext"
)


def catalogue_entries(po: str) -> set[str]:
    """Every msgid and msgid_plural in a .po file, its quoted lines joined."""
    entries, current = set(), None
    for line in po.splitlines() + [""]:
        start = re.match(r'(msgid|msgid_plural) "(.*)"$', line)
        if start:
            if current is not None:
                entries.add(current)
            current = start.group(2)
        elif current is not None and line.startswith('"'):
            current += line[1:-1]
        else:
            if current is not None:
                entries.add(current)
            current = None
    return {entry.replace('\\"', '"') for entry in entries} - {""}


def test_every_sentence_of_a_worked_example_is_in_the_catalogue(tmp_path, monkeypatch):
    shutil.copytree(
        Path(pb.__file__).parent, tmp_path / "pb", ignore=shutil.ignore_patterns("tests")
    )
    (tmp_path / "locale").mkdir()
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["cy"], verbosity=0)
    found = catalogue_entries((tmp_path / "locale/cy/LC_MESSAGES/django.po").read_text())

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

    def templates(message):
        yield message.template
        if message.plural:
            yield message.plural
        for value in message.params.values():
            if not isinstance(value, str | int):
                yield from templates(value)

    used = {template for message in messages for template in templates(message)}
    assert len(used) >= 10
    assert used <= found, sorted(used - found)
