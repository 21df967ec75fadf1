import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(settings):
    """The awards tests read the English interface; the Vietnamese one is the product default,
    and its translations are exercised by the browser journeys and the indicator tests."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
