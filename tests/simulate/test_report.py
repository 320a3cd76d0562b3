"""`rapport simulate --html`: one self-contained page with the table and the charts, checked as text and
in a real browser (the file opens, every chart is drawn, the console stays quiet)."""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli.report_page import page
from bot.domain.program.figures import MeetingFact
from bot.domain.program.outcomes import ProgramRecord
from tests.browser import needs_browser, severe_logs
from tests.simulate.test_command import SHORT, row

CHARTS = ("network", "teams", "rounds", "load", "map")
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A two-cadence report of a tiny program, and the table printed beside it."""
    path = tmp_path_factory.mktemp("report") / "plan.html"
    capture = _Capture()
    with capture:
        code = main(["simulate", *SHORT, "--compare", "weekly,biweekly", "--html", str(path)])
    assert code == 0, capture.err
    return path, capture.out


def test_the_page_holds_the_printed_table_and_every_chart_drawn(report):
    path, printed = report
    html = path.read_text(encoding="utf-8")
    assert f"report written to {path}" in printed
    assert re.findall(r"<th>([^<]+)</th>", html) == ["weekly", "biweekly"]
    label = "meetings stored"
    cells = re.search(rf"<td>{label}</td>(.*?)</tr>", html).group(1)  # type: ignore[union-attr]
    assert re.findall(r"<td class=num>([^<]*)</td>", cells) == row(printed, label)
    for chart in CHARTS:
        figure = re.search(rf'<figure id="{chart}".*?</figure>', html, flags=re.S)
        assert figure is not None, chart
        assert "<svg" in figure.group(0) and "<path" in figure.group(0), chart


def test_nothing_is_fetched_from_elsewhere(report):
    html = report[0].read_text(encoding="utf-8")
    assert not re.search(r"<script|<link|@import|src=|url\(\s*['\"]?http", html)


def test_text_from_the_data_is_escaped():
    record = ProgramRecord(
        label="<script>alert(1)</script>",
        start=START,
        weeks=1,
        interns=("U1",),
        mentors=frozenset(),
        team_of={"U1": "<b>Data</b>", "U2": "Design"},
        meetings=(MeetingFact(("U1", "U2"), START),),
        rounds=(),
    )
    html = page("Plan & <review>", "for <you>", [record.label], [("a <row>", ["<1>"])], [record])
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Plan &amp; &lt;review&gt;" in html and "a &lt;row&gt;" in html and "&lt;1&gt;" in html
    assert "Nothing to draw." in html  # no rounds: the rate chart says so instead of an empty plot


def test_without_the_plotting_extra_it_says_how_to_install_it_before_simulating(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # what `import matplotlib` meets when missing
    code = main(["simulate", *SHORT, "--html", str(tmp_path / "plan.html")])
    out, err = capsys.readouterr()
    assert code == 2
    assert (
        err.strip() == "rapport simulate: the report needs the optional extra: pip install 'rapport[report]'"
    )
    assert out == ""  # refused before the weeks were simulated
    assert not (tmp_path / "plan.html").exists()


@pytest.mark.parametrize(
    ("where", "message"),
    [("missing/plan.html", "there is no folder"), (".", "is a folder: name a file in it")],
)
def test_a_report_path_that_cannot_be_written_is_one_line(where, message, tmp_path, capsys):
    code = main(["simulate", *SHORT, "--html", str(tmp_path / where)])
    _, err = capsys.readouterr()
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1


@needs_browser
def test_the_report_opens_in_a_browser_with_every_chart_drawn(report, browser):
    from selenium.webdriver.common.by import By

    browser.get(report[0].resolve().as_uri())
    assert browser.title == "Rapport: a simulated program"
    for chart in CHARTS:
        svg = browser.find_element(By.CSS_SELECTOR, f"figure[data-chart='{chart}'] svg")
        size = svg.size
        assert size["width"] > 100 and size["height"] > 100, chart
        assert len(svg.find_elements(By.CSS_SELECTOR, "path")) > 3, chart
    rows = browser.find_elements(By.CSS_SELECTOR, "table#outcomes tbody tr")
    assert len(rows) >= 10
    assert severe_logs(browser) == []


class _Capture:
    """Standard output and error of an in-process `main`, for a module-scoped fixture (capsys is not)."""

    def __enter__(self) -> None:
        import io

        self._saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = self._out, self._err = io.StringIO(), io.StringIO()

    def __exit__(self, *exc: object) -> None:
        sys.stdout, sys.stderr = self._saved
        self.out, self.err = self._out.getvalue(), self._err.getvalue()
