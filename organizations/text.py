"""Vietnamese-aware text folding and sorting.

Databases disagree on accent-insensitive matching (SQLite has no unaccent, PostgreSQL needs an
extension and still keeps "đ"), so every searchable name is stored once more in folded form and
every sortable name gets a collation key computed here, identically on both databases.
"""

import unicodedata
from functools import lru_cache

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# Tone marks, in the order Vietnamese dictionaries use: none, grave, hook, tilde, acute, dot.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Combining marks that belong to the letter itself, not the tone.
_LETTER_MARKS = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
                 ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}  # fmt: skip


def fold(text):
    """Lower-case and strip every diacritic, so "Đồng Văn" and "dong van" compare equal."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).replace("Đ", "D").replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def _letters(text):
    """Yield (letter, tone) for each character, with letter being a Vietnamese base letter."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    letter = None
    tone = 0
    for ch in decomposed:
        if unicodedata.combining(ch):
            if ch in _TONES:
                tone = _TONES[ch]
            elif letter is not None and (letter, ch) in _LETTER_MARKS:
                letter = _LETTER_MARKS[(letter, ch)]
            continue
        if letter is not None:
            yield letter, tone
        letter, tone = ch, 0
    if letter is not None:
        yield letter, tone


def _code(letter):
    position = _ALPHABET.find(letter)
    if position >= 0:
        return 100 + position
    if letter == " ":
        return 1
    if letter.isdigit():
        return 10 + int(letter) if letter in "0123456789" else 20
    return 300 + ord(letter) % 700


@lru_cache(maxsize=1024)
def _code_digits(letter):
    return f"{_code(letter):03d}"


@lru_cache(maxsize=4096)  # an import of thousands of people keys each given name once
def _words_key(words):
    letters = list(_letters(words))
    primary = "".join([_code_digits(letter) for letter, _tone in letters])
    tones = "".join([str(tone) for _letter, tone in letters])
    return primary + "000" + tones


def sort_key(text):
    """A digits-only string whose ordering follows the Vietnamese alphabet (a < ă < â < b … d < đ)
    with tones only breaking ties, as in Vietnamese dictionaries. Digits only, because database
    collations ignore spaces and punctuation and order other symbols each their own way."""
    return _words_key(" ".join(str(text or "").split()))


def person_sort_key(full_name):
    """Vietnamese lists order people by given name (the last word), then by the full name."""
    words = str(full_name or "").split()
    given = words[-1] if words else ""
    return sort_key(given) + "000" + sort_key(full_name)
