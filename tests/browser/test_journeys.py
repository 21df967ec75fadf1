"""User stories, told through the browser and checked on what the user sees."""

import datetime
import unicodedata

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from organizations.models import Person
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

MAX_TABS = 60


def focus_by_tabbing(page, condition, *, key="Tab", limit=MAX_TABS):
    """Press Tab (or Shift+Tab) until the JavaScript predicate `condition(element)` holds for
    document.activeElement; return how many presses it took. Bounded, so a focus trap or an
    unreachable control fails the test instead of looping forever."""
    predicate = f"() => {{ const el = document.activeElement; return !!el && ({condition}); }}"
    for presses in range(limit + 1):
        if page.evaluate(predicate):
            return presses
        page.keyboard.press(key)
    focused = page.evaluate("() => document.activeElement && document.activeElement.outerHTML")
    raise AssertionError(
        f"{limit} presses of {key} never focused an element where {condition}; "
        f"focus is on {focused}"
    )


def focused(page, expression):
    return page.evaluate(f"() => {{ const el = document.activeElement; return {expression}; }}")


def choose_with_arrow_down(page, wanted_text, *, limit=20):
    """On the focused (closed) <select>, press ArrowDown until the wanted option is selected."""
    for _ in range(limit):
        if focused(page, "el.selectedOptions[0] && el.selectedOptions[0].text.trim()") == (
            wanted_text
        ):
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"ArrowDown never selected {wanted_text!r}")


def choose_language(page, label):
    """Pick a language by the name the user reads, then press the switcher's button."""
    page.locator("#language-select").select_option(label=unicodedata.normalize("NFC", label))
    with page.expect_navigation():
        page.locator(".language-switcher button[type=submit]").click()


def test_user_signs_in_after_a_wrong_password(page, live_server, clerk_a, tree):
    sign_in(page, live_server, "clerk_a", "not-the-password-1")

    expect(page.get_by_role("alert")).to_contain_text(
        "Please enter a correct username and password"
    )
    expect(page).to_have_url(f"{live_server.url}{reverse('login')}")
    expect(page.locator("#id_password")).to_be_visible()

    sign_in(page, live_server, "clerk_a", PASSWORD)

    expect(page).to_have_url(f"{live_server.url}{reverse('home')}")
    units = page.get_by_role("region", name="My units and roles")
    expect(units).to_be_visible()
    expect(units.get_by_role("link", name=tree["a"].name)).to_be_visible()


def test_user_switches_language_and_sees_navigation_translated(page, live_server, clerk_a):
    sign_in(page, live_server, "clerk_a", PASSWORD)
    nav = page.get_by_role("navigation", name="Main navigation")
    expect(nav.get_by_role("link", name="People", exact=True)).to_be_visible()

    choose_language(page, "Tiếng Việt")

    expect(page.locator("html")).to_have_attribute("lang", "vi")
    nav = page.locator("#main-nav")
    for words in ["Đơn vị của tôi", "Đơn vị", "Cán bộ"]:
        expect(nav.get_by_role("link", name=words, exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="People", exact=True)).to_have_count(0)

    choose_language(page, "Français")

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    nav = page.locator("#main-nav")
    for words in ["Mes unités", "Unités", "Personnes"]:
        expect(nav.get_by_role("link", name=words, exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="Cán bộ", exact=True)).to_have_count(0)


def test_user_finds_a_unit_by_typing_its_name_without_diacritics(page, live_server, officer, tree):
    sign_in(page, live_server, "officer", PASSWORD)
    page.goto(reverse("unit_tree"))
    tree_list = page.locator("#unit-tree")
    # Before searching, both districts are listed, so the later absence means something.
    expect(tree_list.get_by_role("link", name=tree["b"].name)).to_be_visible()

    search = page.get_by_label("Find a unit")
    search.fill("dong van")
    with page.expect_navigation():
        search.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("1 unit matches")
    found = tree_list.get_by_role("link", name=tree["a"].name)
    expect(found).to_be_visible()
    expect(found.locator("mark")).to_have_text(tree["a"].name)
    expect(page.get_by_text(tree["b"].name)).to_have_count(0)
    expect(page.locator("#unit-tree mark")).to_have_count(1)


def test_clerk_adds_a_person_with_the_keyboard_only(page, live_server, clerk_a, tree):
    """No mouse, no page.fill: Tab / Shift+Tab, typing, Enter and ArrowDown only. Controls are
    reached by pressing Tab until the wanted one has the focus (bounded), rather than by a
    hard-coded number of Tabs that would break with every new navbar link."""
    page.goto(reverse("login"))
    focus_by_tabbing(page, "el.id === 'id_username'")  # autofocus: normally 0 presses
    page.keyboard.type("clerk_a")
    page.keyboard.press("Tab")
    assert focused(page, "el.id") == "id_password"
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{reverse('home')}")

    page.goto(reverse("person_list"))
    # Skip link, brand, three navbar links, account menu, language select, breadcrumb "Home",
    # then the button: 9 presses for clerk_a today (the hidden "Go" button is skipped).
    focus_by_tabbing(page, "el.textContent.trim() === 'Add a person'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Add a person")).to_be_visible()

    focus_by_tabbing(page, "el.id === 'id_code'")
    page.keyboard.type("HG-0042")
    page.keyboard.press("Tab")
    assert focused(page, "el.id") == "id_full_name"
    page.keyboard.type("Vàng Thị Mỷ")
    page.keyboard.press("Tab")
    assert focused(page, "el.id") == "id_sex"
    choose_with_arrow_down(page, "Female")
    page.keyboard.press("Tab")
    assert focused(page, "el.id") == "id_date_of_birth"
    page.keyboard.type("14/03/1990")
    page.keyboard.press("Tab")
    assert focused(page, "el.id") == "id_position"
    page.keyboard.type("Chuyên viên")
    page.keyboard.press("Tab")
    assert focused(page, "el.id") == "id_unit"
    # The unit is looked up by name among the clerk's own (Mèo Vạc's office is not offered),
    # then picked with the arrows: the box holds its code.
    page.keyboard.type("phong ldtbxh")
    offered = page.get_by_role("listbox").get_by_role("option")
    expect(offered).to_have_text([f"{tree['a'].name} {tree['a'].code}"])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#id_unit")).to_have_value(tree["a"].code)
    page.keyboard.press("Tab")
    assert focused(page, "el.id") == "id_sector_start"
    page.keyboard.type("01/09/2012")
    # A step back and forth with Shift+Tab keeps what was typed.
    page.keyboard.press("Shift+Tab")
    assert focused(page, "el.id") == "id_unit"
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Vàng Thị Mỷ")
    expect(page.get_by_role("status").first).to_contain_text("Vàng Thị Mỷ was added.")
    details = page.locator("dl")
    expect(details).to_contain_text("14/03/1990")
    expect(details).to_contain_text("01/09/2012")
    expect(details.get_by_role("link", name=tree["a"].name)).to_be_visible()

    person = Person.objects.get(code="HG-0042")
    assert person.full_name == "Vàng Thị Mỷ"
    assert person.unit == tree["a"]
    assert person.sex == Person.Sex.FEMALE
    assert person.date_of_birth == datetime.date(1990, 3, 14)
    assert person.sector_start == datetime.date(2012, 9, 1)
    assert person.position == "Chuyên viên"


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def test_pages_send_a_strict_content_security_policy(page, live_server, clerk_a):
    login_response = page.goto(reverse("login"))
    sign_in(page, live_server, "clerk_a", PASSWORD)
    home_response = page.goto(reverse("home"))
    expect(page.get_by_role("heading", name="My units and roles")).to_be_visible()

    for response in (login_response, home_response):
        headers = response.headers  # lower-cased names
        assert "content-security-policy" in headers, response.url
        directives = csp_directives(headers["content-security-policy"])
        script_src = directives.get("script-src", directives.get("default-src"))
        assert script_src == ["'self'"], (response.url, script_src)
        assert "'unsafe-inline'" not in script_src
        assert "'unsafe-eval'" not in script_src
        assert "'unsafe-inline'" not in directives.get("style-src", [])
        assert directives.get("frame-ancestors") == ["'none'"]
        assert headers.get("x-frame-options") == "DENY"


@pytest.mark.parametrize("page", [None], indirect=True)
def test_an_english_browser_opens_the_site_in_vietnamese(page, live_server):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("button", name="Đăng nhập").is_visible()
