"""Commonweal's own limits: not law, but held as dated rules beside it so they change the same way.

The largest uploaded file and the kinds of file accepted are deployment settings (UPLOAD_MAX_MB),
not law or policy, so they live in settings.py.
"""

from datetime import date

from commonweal.core.policy.dated import Dated, Rule

# The most people a citizens' panel's pool may hold, and the most columns a pool file may have.
# Pools come from invitation lotteries, where even national assemblies receive a few thousand
# replies, and each column is a fixed field or one of the panel's features. A file beyond them is
# refused with a plain message before any row is read.
PANEL_POOL_MAX_PEOPLE: Rule[int] = Rule(
    "panel_pool_max_people",
    "the largest citizens' panel pool",
    [
        Dated(
            starts=date(2020, 1, 1),
            value=20_000,
            source="Commonweal's limit for a citizens' panel pool: several times the replies a "
            "national citizens' assembly's invitation lottery gets (a few thousand), and as many "
            "as a selection can use.",
        ),
    ],
)
PANEL_POOL_MAX_COLUMNS: Rule[int] = Rule(
    "panel_pool_max_columns",
    "the most columns in a citizens' panel pool file",
    [
        Dated(
            starts=date(2020, 1, 1),
            value=100,
            source="Commonweal's limit for a citizens' panel pool file: name, email and household, "
            "and one column for each of the panel's features, which are a handful in practice.",
        ),
    ],
)
