"""The controlled vocabulary to start from: outcome areas, groups of people, services and agencies.

Administrators extend it (and take terms out of use) in the admin.
"""

from django.db import migrations
from django.utils.text import slugify

# The Outcomes Matrix's nine outcome areas (Big Society Capital and Social Value UK).
OUTCOME_AREAS = [
    "Arts, heritage, sport and faith",
    "Citizenship and community",
    "Conservation of the natural environment",
    "Employment, education and training",
    "Family, friends and relationships",
    "Housing and local facilities",
    "Income and financial inclusion",
    "Mental health and wellbeing",
    "Physical health",
]

BENEFICIARY_GROUPS = [
    "People who are homeless",
    "People who misuse substances",
    "Care leavers",
    "Older people",
    "People leaving prison",
    "Children in care",
    "Young people at risk of exploitation",
    "Carers",
    "People with mental ill health",
    "People with learning disabilities",
    "Disabled people",
    "Refugees and asylum seekers",
    "Survivors of domestic abuse",
    "People who offend",
    "Young people not in education, employment or training",
]

AGENCIES = [
    "Housing",
    "Health",
    "Adult social care",
    "Children's services",
    "Police",
    "Probation",
    "DWP",
    "Voluntary sector",
]

VOCABULARIES = {
    "outcome_area": OUTCOME_AREAS,
    "beneficiary_group": BENEFICIARY_GROUPS,
    "agency": AGENCIES,
}


def seed(apps, schema_editor):
    Term = apps.get_model("needs", "Term")
    for vocabulary, names in VOCABULARIES.items():
        for position, name in enumerate(names, start=1):
            Term.objects.get_or_create(
                vocabulary=vocabulary,
                slug=slugify(name),
                defaults={"name": name, "position": position},
            )


def unseed(apps, schema_editor):
    Term = apps.get_model("needs", "Term")
    for vocabulary, names in VOCABULARIES.items():
        Term.objects.filter(
            vocabulary=vocabulary, slug__in=[slugify(name) for name in names], needs__isnull=True
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("needs", "0002_initial")]
    operations = [migrations.RunPython(seed, unseed)]
