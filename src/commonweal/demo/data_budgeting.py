"""Riverside's participatory budgeting rounds, as plain data. Everything here is made up.

Ballots for the finished round are generated from ``COMMUNITIES`` with a fixed seed, so the
numbers look like a real round and are the same every time the demo loads.
"""

# The needs some projects meet (by title, from data_needs.NEEDS): each project's row says so, and
# each need's page lists the projects that meet it.
NEEDS_MET = {
    "Warm welcome space at Ferry Lane library": [
        "Older people cannot afford to heat their homes",
        "Older people in Millbrook are lonely and cut off",
    ],
    "Youth music studio at St Anne's": [
        "Nowhere for young people to go in the evening on Northgate Heights"
    ],
    "Free swimming for under-16s in the holidays": [
        "Nowhere for young people to go in the evening on Northgate Heights"
    ],
}

FINISHED = {
    "title": "Riverside Community Fund 2025",
    "description": (
        "£100,000 for small projects that residents put forward and chose. Residents aged 16 and "
        "over voted online or on paper at the town hall and the libraries."
    ),
    "budget": "100000",
    "max_projects": 5,
    "run_by": "riverside-borough-council",
    "days_ago": {
        "proposals_open": 300,
        "review_from": 240,
        "voting_opens": 200,
        "voting_closes": 170,
        "results_by": 150,
    },
    # title, cost, description, proposer (a fictional resident or "")
    "projects": [
        (
            "Free swimming for under-16s in the holidays",
            "18000",
            "Free sessions at Kingsmead leisure centre in every school holiday.",
            "hana.yilmaz",
        ),
        (
            "Lights on the Mill Brook path",
            "32000",
            "Solar lights along the path from Millbrook Green to the station.",
            "bill.hendricks",
        ),
        (
            "Northgate Heights community garden",
            "14500",
            "Raised beds, a tool shed and a water butt on the green by the towers.",
            "fatima.begum",
        ),
        (
            "Warm welcome space at Ferry Lane library",
            "9800",
            "Open three evenings a week through the winter, with hot drinks.",
            "eddie.flynn",
        ),
        (
            "New goalposts and nets for Eastmarsh rec",
            "6200",
            "Replacing the broken goals on the village recreation ground.",
            "george.pryce",
        ),
        (
            "Canal Side clean-up days",
            "4500",
            "Skips, grabbers and gloves for four clean-up days a year.",
            "isaac.mensah",
        ),
        (
            "Benches and a shelter at the Old Wharf bus stop",
            "11000",
            "Seats and a roof at the stop used by many older people.",
            "amara.okoye",
        ),
        (
            "Youth music studio at St Anne's",
            "27500",
            "Recording kit and a soundproofed room for young people.",
            "chen.li",
        ),
        (
            "Defibrillators for five community buildings",
            "7500",
            "One in each community centre, with training.",
            "joy.campbell",
        ),
        (
            "Hartfield street tree planting",
            "21000",
            "Forty street trees on the roads around the station.",
            "dorota.nowak",
        ),
    ],
}

# Groups of paper and imported voters: how many, the project numbers (0-based) they tend to support,
# and how likely each one is to tick one of those. Different groups want different things, so the
# Method of Equal Shares gives each a fair share where "most votes first" would not.
COMMUNITIES = [
    (95, [1, 6, 8, 3], 0.7),  # older residents: light, seats, defibrillators, warm space
    (70, [0, 7, 4], 0.75),  # young people and families: swimming, music, football
    (45, [2, 5, 9], 0.7),  # green spaces
    (60, [1, 9, 0, 3], 0.5),  # commuters and parents near the station
]
SEED = 2025
PAPER_BATCHES = ["Town hall box 1", "Town hall box 2", "Ferry Lane library", "Kingsmead library"]

# The demo's fictional residents' own (online) ballots: project numbers.
RESIDENT_BALLOTS = {
    "amara.okoye": [6, 8, 1],
    "bill.hendricks": [1, 6],
    "chen.li": [7, 0],
    "dorota.nowak": [9, 1, 2],
    "eddie.flynn": [3, 6, 8],
    "fatima.begum": [2, 5],
    "george.pryce": [4, 0],
    "hana.yilmaz": [0, 7, 4],
    "isaac.mensah": [5, 2, 9],
    "joy.campbell": [8, 3],
    "karl.jensen": [1, 9],
    "lina.haddad": [2, 3, 8],
    "mo.farouk": [7, 4, 0],
    "nell.tanner": [1, 8, 6],
}

OPEN = {
    "title": "Riverside Green Spaces 2026",
    "description": (
        "£60,000 to improve parks, paths and green corners. Choose up to 4 projects you support. "
        "You can change your vote until voting closes."
    ),
    "budget": "60000",
    "max_projects": 4,
    "run_by": "riverside-borough-council",
    "days": {
        "proposals_open": -60,
        "review_from": -30,
        "voting_opens": -5,
        "voting_closes": 25,
        "results_by": 40,
    },
    "projects": [
        (
            "Wildflower meadow at Eastmarsh",
            "8000",
            "Sowing and looking after a meadow on the marsh edge.",
        ),
        (
            "Play area for Canal Basin",
            "26000",
            "Swings, a climbing frame and safe surfacing for under-8s.",
        ),
        (
            "Outdoor gym in Millbrook park",
            "15000",
            "Six pieces of outdoor exercise kit near the bowling green.",
        ),
        (
            "Dog waste bins along the canal",
            "3500",
            "Twelve new bins between Canal Basin and Ferry Lane.",
        ),
        (
            "Accessible paths in Hartfield rec",
            "19000",
            "Smooth, wide paths so wheelchairs and buggies can get round.",
        ),
        (
            "Community orchard at Wharf Estate",
            "9500",
            "Thirty fruit trees, planted and looked after with residents.",
        ),
        (
            "Water fountain in Riverside Central square",
            "7000",
            "Free drinking water on the high street.",
        ),
        (
            "Bird and bat boxes for Northgate",
            "2500",
            "Made with pupils from the two Northgate schools.",
        ),
    ],
    # Fictional residents who have voted already (project numbers); the demo resident has not.
    "ballots": {
        "amara.okoye": [5, 1],
        "chen.li": [6, 4],
        "dorota.nowak": [4, 2, 0],
        "fatima.begum": [7, 5],
        "george.pryce": [0, 3],
        "isaac.mensah": [3, 1],
        "joy.campbell": [6, 2],
        "lina.haddad": [7, 5, 1],
    },
}
