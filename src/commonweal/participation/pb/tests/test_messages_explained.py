"""The engine's sentences are templates and values: translated where they are shown."""

from commonweal.messages import Message, join_names, message, plural_message
from commonweal.participation.pb import pabulib, rules
from commonweal.participation.pb.explain import explain

# A pretend catalogue: each English template and its "translation" (upper case, with the
# placeholders kept), so a translated sentence is easy to tell from an English one.
CATALOGUE = {
    "Funded. %(count)s person who voted for it paid %(amount)s of its %(cost)s cost.": (
        "FUNDED. %(count)s PERSON PAID %(amount)s OF %(cost)s."
    ),
    "Funded. %(count)s people who voted for it each paid %(amount)s of its %(cost)s cost.": (
        "FUNDED. %(count)s PEOPLE EACH PAID %(amount)s OF %(cost)s."
    ),
    "%(list)s and %(last)s": "%(list)s AND %(last)s",
    "project %(id)s": "PROJECT %(id)s",
}


def gettext(template):
    return CATALOGUE.get(template, template)


def ngettext(singular, plural, count):
    return gettext(singular if count == 1 else plural)


def test_a_message_reads_as_english_until_it_is_translated():
    sentence = plural_message(
        ("%(count)s person paid %(amount)s.", "%(count)s people paid %(amount)s each."),
        3,
        count="3",
        amount="£5",
    )
    assert str(sentence) == "3 people paid £5 each."
    assert str(plural_message(("%(n)s person.", "%(n)s people."), 1, n="1")) == "1 person."


def test_the_template_and_any_message_among_its_values_are_translated_but_not_the_values():
    names = join_names(["Skate park", message("project %(id)s", id="7"), "Library"])
    assert str(names) == "Skate park, project 7 and Library"
    assert names.render(gettext, ngettext) == "Skate park, PROJECT 7 AND Library"


def test_the_engines_explanation_is_translated_by_whoever_shows_it():
    e = pabulib.parse(
        "META\nkey;value\nbudget;8\nvote_type;approval\nPROJECTS\nproject_id;cost;name\n"
        "Z;2;Bench\nVOTES\nvoter_id;vote\nv0;Z\nv1;Z\n"
    )
    ex = explain(e, rules.tally(e, rule="mes", satisfaction="cost"))
    [sentence] = ex.messages("Z")
    assert isinstance(sentence, Message)
    assert str(sentence) == "Funded. 2 people who voted for it each paid £1 of its £2 cost."
    assert sentence.render(gettext, ngettext) == "FUNDED. 2 PEOPLE EACH PAID £1 OF £2."
    assert ex.sentences("Z") == [str(sentence)]
