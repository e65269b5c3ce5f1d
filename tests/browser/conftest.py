"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live_server.

Browsers cannot be downloaded here, so Playwright launches /usr/bin/chromium. Where it is missing
the journeys are skipped with the reason, unless BUNDEL_REQUIRE_BROWSER=1 (CI), which makes a
missing browser an error.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING = f"browser journeys skipped: {CHROMIUM} is missing (apt-get install chromium)"

# Playwright's sync API runs an event loop in this thread; live_server's ORM calls are safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def _browser_required() -> bool:
    return os.environ.get("BUNDEL_REQUIRE_BROWSER") == "1"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if CHROMIUM.exists():
        return
    if _browser_required():
        terminalreporter.write_line(
            f"browser journeys failed: {CHROMIUM} is missing and BUNDEL_REQUIRE_BROWSER=1"
        )
        return
    terminalreporter.write_line(MISSING)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists() or _browser_required():
        return
    skip = pytest.mark.skip(reason=MISSING)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def base_url() -> str | None:
    """Replaces pytest-playwright's fallback `base_url`, a fixture defined as a method, which
    pytest 9 deprecates: with filterwarnings=error every journey would error. Journeys use
    live_server's URL."""
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], browser_name: str | None
) -> dict[str, Any]:
    if browser_name != "chromium":
        return browser_type_launch_args
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing and BUNDEL_REQUIRE_BROWSER=1")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Dutch browser, as most of Bundel's users have; the UI is Dutch first."""
    return {**browser_context_args, "locale": "nl-NL", "viewport": {"width": 1280, "height": 900}}
