from django.conf import settings


def site(request):
    """Values every page needs: whether this is the demo, and the signed-in person's roles."""
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "SITE_NAME": "Commonweal",
        "SOURCE_CODE_URL": settings.SOURCE_CODE_URL,
    }
