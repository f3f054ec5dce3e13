"""The Riverside demo place, as plain data: its wards, organisations and people.

Everything here is made up. Riverside is a fictional London-style borough; its
places have no ONS codes, its organisations' identifiers use number ranges no
register has issued, its email addresses use the reserved ``.example`` and
``example.org`` domains and its phone numbers Ofcom's range kept for drama.

Plain Python: the loader in ``services.py`` turns this into records.
"""

import re
from decimal import Decimal

from commonweal.organisations import classification as forms

# Every demo person signs in with this password. Printed by `commonweal serve --demo`.
DEMO_PASSWORD = "fictional-borough"

EMAIL_DOMAIN = "riverside.example"

COUNTRY = {
    "name": "England",
    "slug": "england",
    "gss_code": "E92000001",
    "population": 56_490_048,  # Census 2021
    "description": "",
}

BOROUGH = {
    "name": "Riverside",
    "slug": "riverside",
    "population": 312_400,
    "description": (
        "A fictional inner London borough on a bend of the river, made up for the Commonweal demo. "
        "Old docks turned into flats sit beside post-war estates, a busy high street and a large market. "
        "One resident in four is under 20, and one child in three grows up in poverty."
    ),
}

# name, population, about
WARDS = [
    (
        "Riverside Central",
        33_100,
        "The town hall, the high street and the market, with flats above the shops.",
    ),
    (
        "Old Wharf",
        31_800,
        "Former docks, now new flats beside the Wharf Estate, one of the largest council estates.",
    ),
    (
        "Millbrook",
        29_400,
        "Terraced streets and a park along the Mill Brook, with many older people living alone.",
    ),
    (
        "Hartfield",
        30_200,
        "A mix of owner-occupied houses and private rented flats around Hartfield station.",
    ),
    (
        "St Anne's",
        32_600,
        "Around St Anne's church and the hospital, with a large student and young worker population.",
    ),
    (
        "Northgate",
        34_900,
        "High-rise blocks on Northgate Heights and the borough's main employment area.",
    ),
    (
        "Canal Side",
        28_700,
        "Along the canal: boats, small workshops and new family housing at Canal Basin.",
    ),
    (
        "Eastmarsh",
        30_500,
        "The borough's eastern edge: marshland, allotments and the old village centre.",
    ),
    (
        "Ferry Lane",
        29_800,
        "By the old ferry crossing: a busy bus interchange and many shared houses.",
    ),
    (
        "Kingsmead",
        31_400,
        "Quiet residential streets, two secondary schools and the borough's leisure centre.",
    ),
]

# name, ward, population
NEIGHBOURHOODS = [
    ("Wharf Estate", "Old Wharf", 6_200),
    ("Millbrook Green", "Millbrook", 4_800),
    ("Northgate Heights", "Northgate", 7_300),
    ("Eastmarsh Village", "Eastmarsh", 3_900),
    ("Canal Basin", "Canal Side", 5_100),
]


def place_slug(name: str) -> str:
    """Ward and neighbourhood slugs carry the borough's name, so they cannot clash with real places."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "")).strip("-")
    return slug if slug.startswith("riverside") else f"riverside-{slug}"


def _org(
    name,
    slug,
    org_id,
    legal_form,
    description,
    *,
    serves,
    headcount=None,
    turnover=None,
    asset_lock=False,
    dividend_cap=None,
    reinvested=None,
    profit_use="",
    contact=("", "", ""),
    website="",
):
    return {
        "name": name,
        "slug": slug,
        "org_id": org_id,
        "legal_form": legal_form,
        "description": description,
        "website": website or f"https://{slug}.example.org",
        "places_served": serves,
        "asset_lock": asset_lock,
        "dividend_cap_percent": None if dividend_cap is None else Decimal(dividend_cap),
        "profits_reinvested_percent": None if reinvested is None else Decimal(reinvested),
        "profit_use": profit_use,
        "headcount": headcount,
        "annual_turnover": None if turnover is None else Decimal(turnover),
        "contact_name": contact[0],
        "contact_email": contact[1],
        "contact_phone": contact[2],
    }


BOROUGH_WIDE = ["riverside"]

# Identifiers use ranges no register has reached: charity numbers from 1999000,
# company numbers from 99000000, and letter codes starting with Z or RVS.
ORGANISATIONS = [
    # --- Public bodies: the commissioners -----------------------------------------------------
    _org(
        "Riverside Borough Council",
        "riverside-borough-council",
        "GB-LAE-RVSD",
        forms.PUBLIC_BODY,
        "The local authority for Riverside. It commissions adult social care, children's services, housing "
        "support, public health and community safety services, and funds the voluntary sector through grants.",
        serves=BOROUGH_WIDE,
        website="https://www.riverside.example",
        contact=("Commissioning team", "commissioning@riverside.example", "020 7946 0100"),
    ),
    _org(
        "Riverside Health NHS Trust",
        "riverside-health-nhs-trust",
        "GB-NHS-ZRV01",
        forms.PUBLIC_BODY,
        "Runs St Anne's Hospital and community health services in Riverside, and jointly commissions mental "
        "health and substance misuse services with the council.",
        serves=BOROUGH_WIDE,
        contact=("Partnerships office", "partnerships@health.riverside.example", "020 7946 0110"),
    ),
    _org(
        "Riverside Police",
        "riverside-police",
        "GB-GOR-ZZ901",
        forms.PUBLIC_BODY,
        "The police service for Riverside. Part-funds youth diversion, domestic abuse and victim support services "
        "through its community safety budget.",
        serves=BOROUGH_WIDE,
        contact=(
            "Community safety unit",
            "community.safety@police.riverside.example",
            "020 7946 0120",
        ),
    ),
    # --- Funders and investors ----------------------------------------------------------------
    _org(
        "Riverside Community Foundation",
        "riverside-community-foundation",
        "GB-CHC-1999001",
        forms.CHARITY,
        "The borough's community foundation. Gives small grants to local groups from endowments and local "
        "businesses, and runs the Riverside Winter Fund with the council.",
        serves=BOROUGH_WIDE,
        headcount=14,
        turnover="4200000",
        contact=("Joanne Price", "grants@community-foundation.example.org", "020 7946 0201"),
    ),
    _org(
        "Bridgeway Social Investment Ltd",
        "bridgeway-social-investment",
        "GB-COH-99000101",
        forms.PRIVATE_COMPANY,
        "A social investor. Lends to charities and social enterprises and provides the up-front money for "
        "outcomes contracts, taking repayment only when agreed outcomes are achieved.",
        serves=["england", "riverside"],
        headcount=9,
        turnover="1400000",
        dividend_cap="20",
        reinvested="75",
        profit_use="Three quarters of any surplus is recycled into new social investment; dividends are capped at 20%.",
        contact=("Ruth Lindqvist", "invest@bridgeway.example.org", "020 7946 0202"),
    ),
    # --- Homelessness and housing ---------------------------------------------------------------
    _org(
        "Riverside Night Shelter",
        "riverside-night-shelter",
        "GB-CHC-1999002",
        forms.CHARITY,
        "Emergency beds, a day centre and outreach for people sleeping rough, with help to find a settled home.",
        serves=["riverside-central", "riverside-ferry-lane", "riverside-old-wharf"],
        headcount=28,
        turnover="1600000",
        contact=("Leila Hassan", "hello@night-shelter.example.org", "020 7946 0301"),
    ),
    _org(
        "Riverside Homes",
        "riverside-homes",
        "GB-SHPE-ZRV001",
        forms.COMMUNITY_BENEFIT_SOCIETY,
        "The borough's largest housing association: 9,000 homes, supported housing for young people and "
        "tenancy sustainment for people leaving homelessness.",
        serves=BOROUGH_WIDE,
        headcount=540,
        turnover="96000000",
        asset_lock=True,
        reinvested="100",
        profit_use="Every surplus goes into building and repairing homes.",
        contact=("Tenancy services", "tenancy@riverside-homes.example.org", "020 7946 0302"),
    ),
    _org(
        "Harbour Supported Living Ltd",
        "harbour-supported-living",
        "GB-COH-99000102",
        forms.PRIVATE_COMPANY,
        "Supported accommodation for adults with learning disabilities and for people leaving hospital.",
        serves=["riverside-hartfield", "riverside-kingsmead"],
        headcount=180,
        turnover="8900000",
        reinvested="10",
        profit_use="Most profit is paid to the owners as dividends.",
        contact=("Paul Whitaker", "referrals@harbour-living.example.org", "020 7946 0303"),
    ),
    # --- Substance misuse and mental health ------------------------------------------------------
    _org(
        "Open Door Recovery",
        "open-door-recovery",
        "GB-CHC-1999003",
        forms.CHARITY,
        "Drug and alcohol treatment, recovery groups and peer mentoring, with a needle exchange and a "
        "family support service.",
        serves=BOROUGH_WIDE,
        headcount=140,
        turnover="7800000",
        contact=("Sunita Rao", "referrals@open-door-recovery.example.org", "020 7946 0401"),
    ),
    _org(
        "Steady Ground",
        "steady-ground",
        "GB-CHC-1999004",
        forms.CHARITY,
        "A national mental health charity running crisis cafés, supported housing and talking therapies in "
        "forty areas, including a crisis café in Riverside Central.",
        serves=["england", "riverside"],
        headcount=1850,
        turnover="92000000",
        contact=("Regional office", "london@steady-ground.example.org", "020 7946 0402"),
    ),
    _org(
        "Kingsmead Counselling Service",
        "kingsmead-counselling",
        "GB-CHC-1999005",
        forms.CIO,
        "Low-cost counselling for adults and young people, with evening sessions and counsellors who speak "
        "Bengali, Somali, Polish and Turkish.",
        serves=["riverside-kingsmead", "riverside-hartfield"],
        headcount=6,
        turnover="380000",
        contact=("Amira Osman", "appointments@kingsmead-counselling.example.org", "020 7946 0403"),
    ),
    _org(
        "Riverside Community Health Partnership",
        "riverside-community-health",
        "GB-COH-99000103",
        forms.PUBLIC_SERVICE_MUTUAL,
        "Community nurses and therapists who left the NHS trust to form an employee-owned mutual. Runs "
        "district nursing and a falls prevention service.",
        serves=BOROUGH_WIDE,
        headcount=320,
        turnover="21000000",
        reinvested="100",
        profit_use="Owned by its staff; any surplus goes back into patient care and training.",
        contact=("Daniel Obi", "contact@community-health.example.org", "020 7946 0404"),
    ),
    # --- Children, young people and families -----------------------------------------------------
    _org(
        "Canal Side Children's Centre Trust",
        "canal-side-childrens-centre",
        "GB-CHC-1999006",
        forms.CHARITY,
        "Stay and play sessions, health visitor clinics, parenting courses and speech and language support "
        "for families with children under five.",
        serves=["riverside-canal-side", "riverside-canal-basin", "riverside-eastmarsh"],
        headcount=22,
        turnover="1100000",
        contact=("Grace Mensah", "families@canal-side-centre.example.org", "020 7946 0501"),
    ),
    _org(
        "St Anne's Young Carers",
        "st-annes-young-carers",
        "GB-CHC-1999007",
        forms.CIO,
        "Breaks, clubs and one-to-one support for children who look after a parent or sibling.",
        serves=BOROUGH_WIDE,
        headcount=4,
        turnover="160000",
        contact=("Beth Carroll", "hello@st-annes-young-carers.example.org", "020 7946 0502"),
    ),
    _org(
        "Fresh Start Families CIC",
        "fresh-start-families",
        "GB-COH-99000104",
        forms.CIC,
        "Intensive family support for families at risk of their children going into care, and supervised "
        "contact for children in care.",
        serves=BOROUGH_WIDE,
        headcount=60,
        turnover="3400000",
        asset_lock=True,
        dividend_cap="35",
        reinvested="90",
        profit_use="Surpluses fund a hardship fund for families and staff training.",
        contact=("Nadia Karim", "referrals@fresh-start-families.example.org", "020 7946 0503"),
    ),
    _org(
        "Millbrook Youth Club",
        "millbrook-youth-club",
        "GB-CHC-1999008",
        forms.UNINCORPORATED_ASSOCIATION,
        "Evening youth club, holiday activities and a football league, run by volunteers and two part-time "
        "youth workers from the Millbrook community hall.",
        serves=["riverside-millbrook", "riverside-millbrook-green"],
        headcount=3,
        turnover="95000",
        contact=("Kwame Asante", "millbrookyouthclub@example.org", "020 7946 0504"),
    ),
    _org(
        "Riverside Youth Services Mutual",
        "riverside-youth-services",
        "GB-COH-99000105",
        forms.PUBLIC_SERVICE_MUTUAL,
        "The council's former youth service, now a mutual owned by its staff and young members. Runs four "
        "youth centres and detached youth work.",
        serves=BOROUGH_WIDE,
        headcount=38,
        turnover="2200000",
        reinvested="90",
        profit_use="Surpluses are reinvested in youth centres; members decide priorities each year.",
        contact=("Jordan Reid", "hello@riverside-youth.example.org", "020 7946 0505"),
    ),
    # --- Older people and carers ---------------------------------------------------------------
    _org(
        "Riverside Home Care Co-operative",
        "riverside-home-care-coop",
        "GB-MPR-RVS0001",
        forms.COOPERATIVE,
        "A care workers' co-operative giving home care to older and disabled people, paying the London "
        "Living Wage and guaranteed hours.",
        serves=BOROUGH_WIDE,
        headcount=85,
        turnover="2900000",
        reinvested="70",
        profit_use="Owned by its care workers; most surplus is reinvested, the rest shared as a bonus.",
        contact=("Maria Santos", "care@home-care-coop.example.org", "020 7946 0601"),
    ),
    _org(
        "Millbrook Older People's Forum",
        "millbrook-older-peoples-forum",
        "GB-CHC-1999009",
        forms.CIO,
        "Lunch clubs, befriending by phone and in person, and a digital help desk for people over 65.",
        serves=["riverside-millbrook", "riverside-hartfield", "riverside-kingsmead"],
        headcount=11,
        turnover="520000",
        contact=("Irene Walsh", "forum@millbrook-older-people.example.org", "020 7946 0602"),
    ),
    _org(
        "Riverside Carers' Network",
        "riverside-carers-network",
        "GB-CHC-1999010",
        forms.CIO,
        "Advice, carers' assessments, respite breaks and peer support groups for unpaid carers of all ages.",
        serves=BOROUGH_WIDE,
        headcount=12,
        turnover="700000",
        contact=("Simon Clarke", "support@carers-network.example.org", "020 7946 0603"),
    ),
    _org(
        "Evergreen Living Care Ltd",
        "evergreen-living-care",
        "GB-COH-99000106",
        forms.PRIVATE_COMPANY,
        "A private care group with care homes across the south of England, including two nursing homes in Riverside.",
        serves=["england", "riverside"],
        headcount=1250,
        turnover="58000000",
        reinvested="20",
        profit_use="Profits are paid to its private equity owners, after investment in its homes.",
        contact=("Commercial team", "contracts@evergreen-living.example.org", "020 7946 0604"),
    ),
    # --- Employment, skills and money ----------------------------------------------------------
    _org(
        "Wharf Works CIC",
        "wharf-works",
        "GB-COH-99000107",
        forms.CIC,
        "Employment support, training and paid work placements for people who have been out of work for a "
        "long time, based on the Wharf Estate.",
        serves=["riverside-old-wharf", "riverside-wharf-estate", "riverside-northgate"],
        headcount=16,
        turnover="900000",
        asset_lock=True,
        dividend_cap="35",
        reinvested="85",
        profit_use="At least 85% of profit is reinvested in training places.",
        contact=("Marcus Bell", "hello@wharf-works.example.org", "020 7946 0701"),
    ),
    _org(
        "Second Chance Kitchens CIC",
        "second-chance-kitchens",
        "GB-COH-99000108",
        forms.CIC,
        "A café and catering business that trains and employs people leaving prison.",
        serves=["riverside-central"],
        headcount=7,
        turnover="420000",
        asset_lock=True,
        reinvested="100",
        profit_use="A CIC limited by guarantee: it pays no dividends.",
        contact=("Femi Adebayo", "kitchen@second-chance.example.org", "020 7946 0702"),
    ),
    _org(
        "Brightpath Employment Ltd",
        "brightpath-employment",
        "GB-COH-99000109",
        forms.PRIVATE_COMPANY,
        "Employability programmes and job brokerage for people claiming benefits, paid by results.",
        serves=BOROUGH_WIDE,
        headcount=30,
        turnover="2800000",
        reinvested="60",
        profit_use="Reinvests most of its profit; its owners may take the rest.",
        contact=("Oliver Grant", "partnerships@brightpath.example.org", "020 7946 0703"),
    ),
    _org(
        "Riverside Law and Advice Centre",
        "riverside-law-centre",
        "GB-COH-99000110",
        forms.COMPANY_LIMITED_BY_GUARANTEE,
        "Free legal advice on housing, debt, benefits and immigration, with a duty scheme at the county court.",
        serves=BOROUGH_WIDE,
        headcount=19,
        turnover="1300000",
        asset_lock=True,
        reinvested="100",
        profit_use="A not-for-profit company: its articles forbid paying any surplus to members.",
        contact=("Hannah Levy", "advice@riverside-law-centre.example.org", "020 7946 0704"),
    ),
    _org(
        "Crestline Services plc",
        "crestline-services",
        "GB-COH-99000111",
        forms.PLC,
        "A national outsourcing company running employment programmes, prison services, facilities management "
        "and care contracts for public bodies across the UK.",
        serves=["england"],
        headcount=24000,
        turnover="2800000000",
        reinvested="30",
        profit_use="Listed on the stock exchange; profits are paid to shareholders as dividends.",
        contact=("Public sector bids", "bids@crestline.example.org", "020 7946 0705"),
    ),
    # --- Food, community and neighbourhood -------------------------------------------------------
    _org(
        "Hartfield Food Bank",
        "hartfield-food-bank",
        "GB-CHC-1999011",
        forms.CIO,
        "Emergency food parcels, a weekly community meal and help with benefits and energy bills.",
        serves=["riverside-hartfield", "riverside-st-annes"],
        headcount=3,
        turnover="210000",
        contact=("Rev. Sarah Quinn", "help@hartfield-food-bank.example.org", "020 7946 0801"),
    ),
    _org(
        "Old Wharf Community Grocery",
        "old-wharf-community-grocery",
        "GB-MPR-RVS0002",
        forms.COOPERATIVE,
        "A members' co-operative shop selling affordable food on the Wharf Estate, with a pay-what-you-can shelf.",
        serves=["riverside-wharf-estate", "riverside-old-wharf"],
        headcount=5,
        turnover="350000",
        reinvested="80",
        profit_use="Surpluses lower prices for members and fund free cooking classes.",
        contact=("Tunde Bakare", "shop@old-wharf-grocery.example.org", "020 7946 0802"),
    ),
    _org(
        "Canal Side Community Energy",
        "canal-side-community-energy",
        "GB-MPR-RVS0003",
        forms.COMMUNITY_BENEFIT_SOCIETY,
        "Solar panels on community buildings, and home energy advice for households in fuel poverty.",
        serves=["riverside-canal-side", "riverside-eastmarsh"],
        headcount=2,
        turnover="180000",
        asset_lock=True,
        reinvested="100",
        profit_use="Income from solar panels funds free energy advice.",
        contact=("Ellen Fraser", "energy@canal-side-energy.example.org", "020 7946 0803"),
    ),
    _org(
        "Northgate Community Transport",
        "northgate-community-transport",
        "GB-COH-99000112",
        forms.COMPANY_LIMITED_BY_GUARANTEE,
        "Door-to-door minibus and volunteer car schemes for older and disabled people, and for hospital visits.",
        serves=["riverside-northgate", "riverside-northgate-heights", "riverside-st-annes"],
        headcount=8,
        turnover="600000",
        reinvested="100",
        profit_use="Any surplus replaces and adapts vehicles.",
        contact=("Gary Doyle", "bookings@northgate-transport.example.org", "020 7946 0804"),
    ),
    _org(
        "Northgate Community Shed",
        "northgate-community-shed",
        "GB-CHC-1999012",
        forms.UNINCORPORATED_ASSOCIATION,
        "A workshop where men and women over 50 meet, make and mend things, and look out for each other.",
        serves=["riverside-northgate-heights"],
        headcount=1,
        turnover="40000",
        contact=("Ron Pickering", "northgateshed@example.org", "020 7946 0805"),
    ),
    _org(
        "Eastmarsh Village Hall Association",
        "eastmarsh-village-hall",
        "GB-CHC-1999013",
        forms.UNINCORPORATED_ASSOCIATION,
        "Runs the village hall: a warm space in winter, a baby group, a dementia café and a tenants' surgery.",
        serves=["riverside-eastmarsh-village", "riverside-eastmarsh"],
        headcount=2,
        turnover="65000",
        contact=("Pat Hughes", "eastmarshhall@example.org", "020 7946 0806"),
    ),
    # --- Safety, justice and new arrivals --------------------------------------------------------
    _org(
        "Safe Harbour Riverside",
        "safe-harbour-riverside",
        "GB-CHC-1999014",
        forms.CHARITY,
        "A refuge and community support for women and children escaping domestic abuse, and a perpetrator "
        "programme commissioned with the police.",
        serves=BOROUGH_WIDE,
        headcount=34,
        turnover="1900000",
        contact=("Confidential referrals", "referrals@safe-harbour.example.org", "020 7946 0901"),
    ),
    _org(
        "Kingsmead Refugee Welcome",
        "kingsmead-refugee-welcome",
        "GB-CHC-1999015",
        forms.CIO,
        "English classes, a drop-in for asylum seekers and refugees, and volunteers who help people settle.",
        serves=["riverside-kingsmead", "riverside-ferry-lane"],
        headcount=2,
        turnover="90000",
        contact=("Yusuf Ali", "welcome@kingsmead-refugees.example.org", "020 7946 0902"),
    ),
    _org(
        "Riverside Voluntary Action",
        "riverside-voluntary-action",
        "GB-COH-99000113",
        forms.COMPANY_LIMITED_BY_GUARANTEE,
        "The council for voluntary service: helps local groups with funding bids, governance and volunteers, "
        "and speaks for the sector to the council and NHS.",
        serves=BOROUGH_WIDE,
        headcount=13,
        turnover="750000",
        asset_lock=True,
        reinvested="100",
        profit_use="A not-for-profit company with a charitable purpose.",
        contact=("Chloe Barnes", "info@riverside-voluntary-action.example.org", "020 7946 0903"),
    ),
]

# One person for each role, plus a back-office superuser. The email address is the
# role's name, so a tester can guess it: commissioner@riverside.example.
# email local part, full name, role, where (an organisation slug or a place slug)
PEOPLE = [
    ("commissioner", "Priya Raman", "commissioner", {"organisation": "riverside-borough-council"}),
    (
        "procurement_officer",
        "Tom Okafor",
        "procurement_officer",
        {"organisation": "riverside-borough-council"},
    ),
    (
        "finance_officer",
        "Helen Marsh",
        "finance_officer",
        {"organisation": "riverside-borough-council"},
    ),
    ("evaluator", "Daniel Wu", "evaluator", {"organisation": "riverside-borough-council"}),
    (
        "citizen_commissioner",
        "Grace Adeyemi",
        "citizen_commissioner",
        {"place": "riverside-old-wharf"},
    ),
    ("resident", "Sam Kowalski", "resident", {"place": "riverside-millbrook"}),
    (
        "provider_member",
        "Leila Hassan",
        "provider_member",
        {"organisation": "riverside-night-shelter"},
    ),
    ("administrator", "Marcus Bell", "administrator", {"organisation": "wharf-works"}),
    ("investor", "Ruth Lindqvist", "investor", {"organisation": "bridgeway-social-investment"}),
]

# Roles some of those people hold as well: (email local part, role, where).
# The night shelter is small: the person who works for it also runs its account, so she keeps its
# profile up to date, as her dashboard asks.
MORE_ROLES = [
    ("provider_member", "administrator", {"organisation": "riverside-night-shelter"}),
]

# Can use the Django admin at /admin/ (with two-factor authentication).
SUPERUSER = ("backoffice", "Alex Morgan")

# The back office verifies the three public bodies for the borough, so their staff have their powers.
# organisation, place, kind of evidence, evidence (made up, like everything here)
VERIFICATIONS = [
    (
        "riverside-borough-council",
        "riverside",
        "other",
        "Fictional council: its identifier GB-LAE-RVSD and its riverside.example address checked by the back office",
    ),
    ("riverside-health-nhs-trust", "riverside", "ods_code", "ZRV01"),
    (
        "riverside-police",
        "riverside",
        "other",
        "Fictional police service: its identifier GB-GOR-ZZ901 checked by the back office",
    ),
]


def email(local_part: str) -> str:
    return f"{local_part}@{EMAIL_DOMAIN}"
