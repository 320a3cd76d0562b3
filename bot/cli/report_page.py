"""The report as one self-contained HTML file: the outcome table, then the charts inline.

Nothing is fetched when it opens (no script, no font, no stylesheet from elsewhere), so it works offline
and can be mailed. Every text from the data is escaped; the SVG comes from matplotlib, not from the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from bot.cli.charts import Chart, ReportExtraMissing, charts, require_plotting
from bot.cli.files import check_output, write_text
from bot.config import ConfigError
from bot.domain.program.outcomes import ProgramRecord

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } .sub { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 1rem 0 2rem; } th, td { padding: .3rem .7rem; }
th { text-align: right; border-bottom: 2px solid #ccc; } td { border-bottom: 1px solid #eee; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
figure { margin: 0 0 2.5rem; } figcaption { color: #555; margin: .2rem 0 .6rem; }
figure svg { max-width: 100%; height: auto; } .missing { color: #777; font-style: italic; }
"""


def page(
    title: str,
    subtitle: str,
    head: Sequence[str],
    rows: Sequence[tuple[str, Sequence[str]]],
    records: Sequence[ProgramRecord],
    extra: Sequence[SmallTable] = (),
) -> str:
    """The whole HTML document, with `extra` small tables after the outcomes. Raises ReportExtraMissing
    when the plotting extra is not installed."""
    figures = "\n".join(_figure(chart) for chart in charts(records))
    header = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "\n".join(
        f"<tr><td>{escape(label)}</td>{''.join(f'<td class=num>{escape(v)}</td>' for v in values)}</tr>"
        for label, values in rows
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>
<body>
<h1>{escape(title)}</h1>
<p class="sub">{escape(subtitle)}</p>
<table id="outcomes"><thead><tr><th></th>{header}</tr></thead><tbody>
{body}
</tbody></table>
{"".join(_small(table) for table in extra)}
{figures}
</body></html>
"""


@dataclass(frozen=True)
class SmallTable:
    id: str
    title: str
    rows: Sequence[tuple[str, str]]


def _small(table: SmallTable) -> str:
    body = "".join(
        f"<tr><td>{escape(label)}</td><td class=num>{escape(value)}</td></tr>" for label, value in table.rows
    )
    return f'<h2>{escape(table.title)}</h2>\n<table id="{escape(table.id)}"><tbody>{body}</tbody></table>\n'


def _figure(chart: Chart) -> str:
    drawn = chart.svg if chart.svg is not None else f'<p class="missing">{escape(chart.missing)}</p>'
    return (
        f'<figure id="{escape(chart.id)}" data-chart="{escape(chart.id)}">'
        f"<h2>{escape(chart.title)}</h2><figcaption>{escape(chart.caption)}</figcaption>{drawn}</figure>"
    )


def check_target(path: Path, force: bool) -> None:
    """Before any work: the report can be written to `path` (--force to replace it), and the plotting extra
    is installed. Raises ConfigError."""
    check_output(path, "--html", force)
    try:
        require_plotting()
    except ReportExtraMissing as error:
        raise ConfigError(str(error)) from None


def write_report(path: Path, document: str) -> None:
    """Write the file whole or not at all (a half-written report is worse than none)."""
    write_text(path, "--html", document)
