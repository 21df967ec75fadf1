import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from organizations.models import Person, Unit
from organizations.text import fold, person_sort_key, sort_key
from tests.factories import PersonFactory, UnitFactory

# Letters a Vietnamese name is written with, in both cases, plus spaces and a few digits.
VIETNAMESE = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
vietnamese_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " 0123456789-"), max_size=40
)


def vietnamese_sorted(words, key=sort_key):
    return sorted(words, key=key)


def test_fold_strips_diacritics_and_lowers_case():
    assert fold("Đồng Văn") == "dong van"
    assert fold("Ủy ban nhân dân xã Lũng Cú") == "uy ban nhan dan xa lung cu"


def test_fold_collapses_whitespace_and_accepts_empty_values():
    assert fold("  Mèo   Vạc \t") == "meo vac"
    assert fold("") == ""
    assert fold(None) == ""


def test_fold_treats_decomposed_input_like_precomposed_input():
    decomposed = unicodedata.normalize("NFD", "Phòng Lao động Đồng Văn")
    assert fold(decomposed) == fold("Phòng Lao động Đồng Văn") == "phong lao dong dong van"


def test_sort_key_follows_the_vietnamese_alphabet_for_a_breve_and_circumflex():
    assert vietnamese_sorted(["b", "â", "ă", "a"]) == ["a", "ă", "â", "b"]
    assert vietnamese_sorted(["Bình", "Ân", "Ăn", "An"]) == ["An", "Ăn", "Ân", "Bình"]


def test_sort_key_puts_d_bar_after_d_and_before_e():
    assert vietnamese_sorted(["Đào", "Em", "Dung"]) == ["Dung", "Đào", "Em"]


def test_sort_key_puts_hooked_o_and_u_after_their_plain_letters():
    assert vietnamese_sorted(["ơ", "ô", "o", "p"]) == ["o", "ô", "ơ", "p"]
    assert vietnamese_sorted(["ư", "u", "v"]) == ["u", "ư", "v"]


def test_sort_key_lets_tones_only_break_ties_between_equal_letters():
    # The tone order of dictionaries: none, grave, hook, tilde, acute, dot.
    assert vietnamese_sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == [
        "ma", "mà", "mả", "mã", "má", "mạ",
    ]  # fmt: skip
    # A tone never outweighs a later letter: "ạc" sorts after "ab" although "a" < "ạ".
    assert vietnamese_sorted(["ạc", "ab"]) == ["ab", "ạc"]
    assert vietnamese_sorted(["Lâm", "Lấm", "Lan"]) == ["Lan", "Lâm", "Lấm"]


def test_sort_key_puts_a_shorter_word_before_its_extensions():
    assert vietnamese_sorted(["Anh", "An", "A"]) == ["A", "An", "Anh"]


def test_sort_key_ignores_case_and_extra_spaces():
    assert sort_key("Đồng  Văn") == sort_key("đồng văn")


def test_person_sort_key_orders_people_by_given_name_first():
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Anh", "Đỗ Văn Đức", "Vũ Dũng"]
    assert sorted(names, key=person_sort_key) == [
        "Trần Thị An", "Lê Anh", "Nguyễn Văn Bình", "Vũ Dũng", "Đỗ Văn Đức",
    ]  # fmt: skip


def test_person_sort_key_breaks_ties_of_the_given_name_by_full_name():
    names = ["Trần Thị Mai", "Lê Thị Mai", "Đặng Mai"]
    assert sorted(names, key=person_sort_key) == ["Đặng Mai", "Lê Thị Mai", "Trần Thị Mai"]


@pytest.mark.django_db
def test_unit_search_finds_a_unit_without_typing_diacritics():
    dong_van = UnitFactory(code="PLD-DV", name="Phòng LĐTBXH huyện Đồng Văn")
    UnitFactory(code="PLD-MV", name="Phòng LĐTBXH huyện Mèo Vạc")
    assert list(Unit.objects.search("dong van")) == [dong_van]
    assert list(Unit.objects.search("ĐỒNG VĂN")) == [dong_van]
    assert list(Unit.objects.search("pld-dv")) == [dong_van]


@pytest.mark.django_db
def test_unit_search_also_looks_in_the_short_name():
    unit = UnitFactory(code="TTDVVL", name="Trung tâm Dịch vụ việc làm", short_name="TT DVVL")
    assert list(Unit.objects.search("tt dvvl")) == [unit]


@pytest.mark.django_db
def test_unit_search_with_blank_text_returns_every_unit():
    UnitFactory(code="X1", name="Một")
    UnitFactory(code="X2", name="Hai")
    assert Unit.objects.search("   ").count() == 2


@pytest.mark.django_db
def test_person_search_ignores_diacritics_and_case():
    unit = UnitFactory(code="U1", name="Văn phòng")
    my = PersonFactory(code="NV028", full_name="Vàng Thị Mỷ", position="Chuyên viên", unit=unit)
    dinh = PersonFactory(code="NV032", full_name="Ly Thị Dính", position="Kế toán", unit=unit)
    assert list(Person.objects.search("vang thi my")) == [my]
    assert list(Person.objects.search("DÍNH")) == [dinh]
    assert list(Person.objects.search("ke toan")) == [dinh]
    assert list(Person.objects.search("nv028")) == [my]
    assert set(Person.objects.search("thi")) == {my, dinh}


@pytest.mark.django_db
def test_people_are_listed_in_vietnamese_order_of_their_given_names():
    unit = UnitFactory(code="U1", name="Văn phòng")
    for code, name in [("1", "Nguyễn Văn Bình"), ("2", "Trần Thị Ánh"), ("3", "Lê Văn An")]:
        PersonFactory(code=code, full_name=name, unit=unit)
    listed = list(Person.objects.values_list("full_name", flat=True))
    assert listed == ["Lê Văn An", "Trần Thị Ánh", "Nguyễn Văn Bình"]


@given(st.text(max_size=60))
def test_fold_is_idempotent_on_any_text(text):
    assert fold(fold(text)) == fold(text)


@given(vietnamese_text)
def test_fold_of_vietnamese_text_leaves_only_plain_ascii(text):
    assert fold(text).isascii()


@given(st.text(max_size=60))
def test_sort_key_of_the_same_text_is_stable_and_digits_only(text):
    key = sort_key(text)
    assert key == sort_key(text)
    assert key.isdigit()


@given(vietnamese_text)
def test_sort_key_does_not_depend_on_unicode_normalisation(text):
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    assert sort_key(nfc) == sort_key(nfd)
    assert person_sort_key(nfc) == person_sort_key(nfd)
