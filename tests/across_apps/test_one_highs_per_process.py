"""The EJR check and the citizens' panel selection share one process's HiGHS solver.

HiGHS keeps one thread pool per process and refuses a program that asks for another number of
threads than the pool was started with. A worker that checked a community budget's result for EJR
and then ran a panel's selection found "no panel meets the quotas" for a pool that plainly had one.
"""

from commonweal.panels.sortition import Person, Quota, find_distribution
from commonweal.participation.pb import ejr, pabulib

# 4 voters, budget 4: v0 and v1 hold half the budget, enough for a (2), which both want; the
# outcome {b, c} gives them nothing, so EJR fails (worked in participation/pb/tests/test_ejr.py).
ELECTION = (
    "META\nkey;value\nbudget;4\nvote_type;approval\nPROJECTS\nproject_id;cost\na;2\nb;2\nc;2\n"
    "VOTES\nvoter_id;vote\nv0;a\nv1;a\nv2;b,c\nv3;b,c\n"
)
# 6 women and 6 men, 2 seats each: every one of them has the same chance, 1/3.
PEOPLE = [
    Person(id=f"{s}{i}", features={"sex": sex})
    for s, sex in (("f", "Female"), ("m", "Male"))
    for i in range(6)
]
QUOTAS = [Quota("sex", "Female", 2, 2), Quota("sex", "Male", 2, 2)]


def check_ejr_with_the_integer_program():
    report = ejr.check(pabulib.parse(ELECTION), ["b", "c"], "cost", method="ilp")
    assert not report.satisfied and report.violation.projects == ("a",)


def select_a_panel():
    distribution = find_distribution(PEOPLE, QUOTAS, 4)
    assert min(distribution.selection_probability.values()) > 0.33


def test_a_panel_is_selected_after_an_ejr_check_and_the_other_way_round():
    check_ejr_with_the_integer_program()
    select_a_panel()
    check_ejr_with_the_integer_program()
