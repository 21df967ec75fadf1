"""The interface ships complete in Vietnamese, English and French."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|%%")
CATALOGUES = {code: Path(settings.BASE_DIR, "locale", code, "LC_MESSAGES", "django.po")
              for code, _name in settings.LANGUAGES}  # fmt: skip


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_string_is_translated_and_none_is_fuzzy(language):
    catalogue = polib.pofile(str(CATALOGUES[language]))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_translations_keep_every_placeholder(language):
    catalogue = polib.pofile(str(CATALOGUES[language]))
    wrong = []
    for entry in catalogue:
        if "python-format" not in entry.flags:
            continue
        wanted = sorted(set(PLACEHOLDER.findall(entry.msgid)))
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        wrong += [(entry.msgid, text) for text in texts
                  if sorted(set(PLACEHOLDER.findall(text))) != wanted
                  and not (entry.msgid_plural and "%(count)s" not in text)]  # fmt: skip
    assert wrong == []


@pytest.mark.parametrize(
    ("language", "words"), [("vi", "Đơn vị của tôi"), ("fr", "Mes unités"), ("en", "My units")]
)
def test_the_compiled_catalogue_is_used(language, words):
    with translation.override(language):
        assert translation.gettext("My units") == words
