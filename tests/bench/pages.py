"""The pages `make bench` loads over HTTP, signed in as the department's officer, and the ceiling
they are compared with: the cheapest signed-in page (organizations/accounts/views.py)."""

from urllib.parse import urlencode

from tests.bench import params

CEILING = "ceiling"
# key, label; the order in which they are loaded and printed.
PAGES = [
    ("people", "people list, page 1"),
    ("people_deep", f"people list, page {params.PEOPLE_PAGE:,}"),
    ("people_search", "people search “nguyễn”"),
    ("nominations", "nominations list"),
    ("audit", "audit log"),
    ("unit", "unit detail (the department)"),
    ("home", "home"),
    ("report", "report page, the department"),
    ("screening", "eligibility screening page"),
]
LABELS = {CEILING: "ceiling (signed-in JSON)", **dict(PAGES)}


def deep_page():
    """Page 1,500 of 50 people at scale 1; the same depth into a smaller data set."""
    return max(1, min(round(params.PEOPLE_PAGE * params.SCALE), params.size("people") // 50))


def page_paths():
    """key -> path, from the URL names (needs Django set up, on the bench database)."""
    from django.urls import reverse

    from awards.models import Campaign
    from organizations.models import Unit

    department = Unit.objects.get(parent__isnull=True)
    campaign = Campaign.objects.get(year=params.YEAR)
    return {
        CEILING: reverse("healthz_me"),
        "people": reverse("person_list"),
        "people_deep": reverse("person_list") + "?" + urlencode({"page": deep_page()}),
        "people_search": reverse("person_list") + "?" + urlencode({"q": "nguyễn"}),
        "nominations": reverse("nomination_list"),
        "audit": reverse("audit_log"),
        "unit": reverse("unit_detail", args=[department.pk]),
        "home": reverse("home"),
        "report": reverse("indicator_report") + "?"
        + urlencode({"year": params.YEAR, "unit": department.pk}),
        "screening": reverse("campaign_screening", args=[campaign.pk]),
    }  # fmt: skip
