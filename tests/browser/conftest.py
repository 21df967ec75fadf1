"""Browser journeys: Playwright (sync API) driving Debian's Chromium against pytest-django's
live server.

Every test here is marked `browser`. Without /usr/bin/chromium they are skipped, and the
terminal summary says so; with THIDUA_REQUIRE_BROWSER=1 a missing Chromium fails them instead.
A test also fails when the page logs a console error or a JavaScript exception: with the
site's strict Content-Security-Policy, a CSP violation shows up as a console error. A failing
test leaves a full-page screenshot in test-artifacts/screenshots/<test name>.png.
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM
# calls made by the tests and fixtures while it is running.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP_MESSAGE = f"Chromium not found at {CHROMIUM}: browser journeys skipped"
HERE = Path(__file__).resolve().parent


def browser_required():
    return os.environ.get("THIDUA_REQUIRE_BROWSER") == "1"


def pytest_collection_modifyitems(config, items):
    missing = not CHROMIUM.exists()
    for item in items:
        if HERE not in Path(item.path).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        if missing and not browser_required():
            item.add_marker(pytest.mark.skip(reason=SKIP_MESSAGE))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", [])
    if any(SKIP_MESSAGE in str(report.longrepr) for report in skipped):
        terminalreporter.write_sep("-", "browser journeys")
        terminalreporter.write_line(SKIP_MESSAGE, yellow=True, bold=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After a test body passed, fail it if the page logged console errors (CSP violations
    included) or raised JavaScript exceptions along the way."""
    __tracebackhide__ = True
    result = yield
    check = getattr(item, "_browser_console_check", None)
    if check is not None:
        check()
    return result


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if browser_required():
            pytest.fail(
                f"Chromium not found at {CHROMIUM} and THIDUA_REQUIRE_BROWSER=1: "
                "the browser journeys cannot run",
                pytrace=False,
            )
        pytest.skip(SKIP_MESSAGE)
    from playwright.sync_api import expect, sync_playwright

    # Generous waits: the suite may share a busy machine with other jobs.
    expect.set_options(timeout=10_000)
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(request, browser, live_server):
    context = browser.new_context(
        locale="en-US", viewport={"width": 1280, "height": 900}, base_url=live_server.url
    )
    # The site opens in Vietnamese whatever the browser says; these journeys read English, as
    # a user who picked English once (the language cookie) would.
    language = getattr(request, "param", "en")
    if language:
        context.add_cookies([{"name": "django_language", "value": language,
                              "url": live_server.url}])  # fmt: skip
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems = []

    def on_console(message):
        if message.type == "error":
            where = (message.location or {}).get("url") or page.url
            problems.append(f"console error on {where}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"JavaScript exception: {error}"))

    def check():
        __tracebackhide__ = True
        if not page.is_closed():
            page.evaluate("0")  # a round trip, so events already sent have been delivered
        if problems:
            raise AssertionError(
                "The browser reported errors (a CSP violation is a policy problem to report, "
                "not a reason to weaken the policy):\n" + "\n".join(problems)
            )

    request.node._browser_console_check = check
    yield page
    try:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed and not page.is_closed():
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            target = request.config.rootpath / "test-artifacts" / "screenshots" / f"{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target), full_page=True)
    finally:
        context.close()


def sign_in(page, live_server, username, password):
    """Sign in through the login form. The navbar's language switcher has a submit button of
    its own (hidden by JavaScript), so the button is looked up inside <main>."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main").locator("button[type=submit], input[type=submit]").first.click()
