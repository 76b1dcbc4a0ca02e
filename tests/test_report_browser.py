"""The HTML report of the shipped export in a real browser: Debian's chromium, driven by Playwright.

Playwright's own browser download cannot be reached, so the tests launch /usr/bin/chromium.
Where chromium or the playwright package is missing they are skipped, except under CI
(CI=true), where `.ci/run` installs chromium and a skip would hide a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.report_html import REPORT_FILE
from pipeline.run import run_pipeline

ROOT = Path(__file__).parents[1]
RAW = ROOT / "data" / "raw"
BASELINE = ROOT / "data" / "divergences.baseline.json"
CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
# No sandbox (root in a container), nothing that phones home: updates, sync, QUIC probes.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if not CHROMIUM.exists():
        return "chromium is not installed (apt-get install chromium; .ci/run does it)"
    return None


MISSING = _missing()
if MISSING and os.environ.get("CI"):
    raise RuntimeError(f"browser tests cannot run under CI: {MISSING}")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=f"browser tests skipped: {MISSING}")


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(app, ["report", str(RAW), "--out", str(out), "--baseline", str(BASELINE),
                                      "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    return (out / REPORT_FILE).as_uri()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=str(CHROMIUM), headless=True,
            args=ARGS, viewport={"width": 1400, "height": 1000})
        yield context
        context.close()


class Visit:
    """One page of the report, with every request it made and every script error."""

    def __init__(self, context, url: str) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = context.new_page()
        self.page.set_default_timeout(10_000)  # a missing element fails in seconds, not 30
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url)
        self.page.wait_for_load_state("load")


@pytest.fixture
def visit(browser, report_url: str) -> Iterator[Visit]:
    opened = Visit(browser, report_url)
    yield opened
    opened.page.close()


def test_every_record_title_is_visible(visit: Visit) -> None:
    titles = [record.title for record in run_pipeline(RAW, workers=1).records]
    headings = visit.page.locator("details.resource > summary h3")
    assert headings.count() == len(titles)
    for index, title in enumerate(titles):
        heading = headings.nth(index)
        assert heading.is_visible()
        assert " ".join(heading.inner_text().split()) == " ".join(title.split())


def test_mobicoop_and_mobiccop_are_marked_differences_with_the_body_preferred(visit: Visit) -> None:
    struck = visit.page.locator("table.sides del", has_text=re.compile(r"^Mobicoop$"))
    marked = visit.page.locator("table.sides ins", has_text=re.compile(r"^Mobiccop$"))
    assert struck.count() == 1 and struck.is_visible()
    assert marked.count() == 1 and marked.is_visible()
    mobiccop = visit.page.locator("ins", has_text=re.compile(r"^Mobiccop$"))
    row = visit.page.locator("table.sides tr", has=mobiccop)
    cells = row.locator("td")
    assert cells.nth(1).inner_text() == "typo"
    assert cells.nth(4).inner_text() == "body"
    assert "occurs 13 times" in cells.nth(5).inner_text()
    assert re.fullmatch(r"\d+ / \d+", cells.nth(0).inner_text())


def test_preferred_sides_are_shown(visit: Visit) -> None:
    preferred = visit.page.locator("table.sides td .pref")
    shown = {preferred.nth(i).inner_text() for i in range(preferred.count())}
    assert shown == {"body", "Résumé"}
    relevant = visit.page.locator("table.sides tr", has=visit.page.locator("ins", has_text="relevant"))
    assert relevant.locator("td").nth(4).inner_text() == "Résumé"


def test_the_quarantined_site_header_is_listed(visit: Visit) -> None:
    row = visit.page.locator("#quarantine tbody tr").first
    assert row.is_visible()
    text = row.inner_text()
    assert "site header" in text and "1–2" in text
    assert "Réseau des collectivités Territoriales pour une Économie Solidaire" in text


def _values(visit: Visit) -> list[float]:
    return [float(v) for v in visit.page.locator("table.figures tbody tr:not([hidden]) td:nth-child(3)")
            .evaluate_all("cells => cells.map(c => c.dataset.sort)")]


def test_the_figures_table_sorts(visit: Visit) -> None:
    button = visit.page.get_by_role("button", name="sort by value")
    button.click()
    ascending = _values(visit)
    assert len(ascending) > 10 and ascending == sorted(ascending)
    assert visit.page.locator("table.figures th", has=button).get_attribute("aria-sort") == "ascending"
    button.click()
    descending = _values(visit)
    assert descending == sorted(ascending, reverse=True)


def test_the_figures_table_filters(visit: Visit) -> None:
    rows = visit.page.locator("table.figures tbody tr:not([hidden])")
    everything = rows.count()
    visit.page.select_option("#figure-unit", "EUR")
    euros = rows.count()
    assert 0 < euros < everything
    assert set(rows.evaluate_all("rows => rows.map(r => r.dataset.unit)")) == {"EUR"}
    visit.page.select_option("#figure-unit", "")
    visit.page.fill("#figure-filter", "participants")
    texts = rows.all_inner_texts()
    assert 0 < len(texts) < everything and all("participants" in t.lower() for t in texts)
    assert visit.page.locator("#figure-count").inner_text().startswith(f"{len(texts)} of {len(texts)}")


def test_nothing_is_loaded_from_the_network(visit: Visit, tmp_path: Path) -> None:
    visit.page.get_by_role("button", name="Open all").click()
    visit.page.get_by_role("button", name="sort by resource").click()
    visit.page.fill("#figure-filter", "EUR")
    visit.page.screenshot(path=str(tmp_path / "report-full.png"), full_page=True)
    assert visit.requests, "the page itself is a request"
    assert all(url.startswith(("file:", "data:")) for url in visit.requests), visit.requests
    assert visit.errors == []


def test_screenshot_of_the_report(visit: Visit, tmp_path_factory: pytest.TempPathFactory) -> None:
    shot = tmp_path_factory.mktemp("screenshots") / "report.png"
    visit.page.locator("details.resource", has_text="Plateformes collaboratives").scroll_into_view_if_needed()
    visit.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")
