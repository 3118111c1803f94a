"""Data Docs for the gates: one validation page per table and day, and an index.

Each page shows what a Great Expectations Data Docs validation page shows: the status, the
statistics (evaluated, successful and unsuccessful expectations), then every expectation by
table and column with its kwargs, success, observed value, unexpected count and a sample of
the unexpected values. We render it ourselves from the GX validation result rather than with
GX's Jinja renderer, because the failing values are the data under test, and data is hostile:
GX's pages printed them unescaped (a file named `<img src=x onerror=alert(1)>.txt` ran script)
and loaded 9 scripts and 6 stylesheets from CDNs. Here:

- every value (suite, day, kwargs, observed and unexpected values, exception messages) goes
  through `html.escape`, and invisible or direction-changing characters (U+202E, U+200B, NUL,
  lone surrogates) are shown as `\\uXXXX`, so a value cannot hide or reorder what is around it;
- a page has no `<script>`, no external stylesheet, font or image: CSS is inline, and a
  Content-Security-Policy meta tag forbids scripts and remote loads even if markup slipped in;
- long values are cut (with an ellipsis) so one huge cell cannot bury the page.

Layout under the Data Docs folder (by default `warehouse/data_docs/` beside the warehouse):

    index.html                       every validation, newest day first, failures marked
    index.json                       the same list, for scripts
    validations/<suite>/<day>.html   one validation page per table and day

A re-run of a day overwrites that day's pages: the index keeps one entry per (suite, day).
No dagster here: `assets/gating.py` calls this after each gate.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from skywatch.gates import GateReport

INDEX_JSON = "index.json"
INDEX_HTML = "index.html"
# Only what a page needs: its inline <style>. No script, no remote stylesheet, image or frame.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
MAX_VALUE_CHARS = 300
MAX_UNEXPECTED_SHOWN = 20
# A suite or day becomes a file name: no separators, no leading dot (no way out of the folder).
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
# Characters that are invisible or change the order of the text around them.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
td, th { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
tr.failed td { background: #fde2e2; } tr.passed td.status { color: #1a7f37; }
code, .value { font-family: ui-monospace, monospace; font-size: 12px; white-space: pre-wrap;
               word-break: break-all; }
.note { color: #555; font-size: 13px; } .status-failed { color: #b42318; }
.status-succeeded { color: #1a7f37; }
"""


def page_path(directory: Path, suite: str, day: str) -> Path:
    """`validations/<suite>/<day>.html` under `directory`; refuses names that would leave it."""
    for name in (suite, day):
        if not _SAFE_NAME.match(name):
            raise ValueError(f"Data Docs: {name!r} cannot be a file name (letters, digits, _ . - only)")
    return Path(directory) / "validations" / suite / f"{day}.html"


def write_validation_page(report: GateReport, directory: Path, day: str) -> Path:
    """Write the report's validation page (escaped, script-free); update the index."""
    path = page_path(directory, report.suite, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, render_validation_page(report, day))
    _update_index(Path(directory), report, day, path)
    return path


def _write(path: Path, text: str) -> None:
    # `visible` already turned lone surrogates into escapes; backslashreplace is the last net.
    path.write_text(text, encoding="utf-8", errors="backslashreplace")


# --- values --------------------------------------------------------------------------------------


def visible(text: str) -> str:
    """`text` with invisible and direction-changing characters spelled `\\uXXXX` (newlines kept)."""
    return "".join(c if c in "\n\t" or unicodedata.category(c) not in _HIDDEN_CATEGORIES
                   else f"\\u{ord(c):04x}" for c in text)


def show(value: Any, limit: int = MAX_VALUE_CHARS) -> str:
    """Any value of a validation result as escaped HTML text: strings as they are, the rest as JSON."""
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except ValueError:  # a circular structure
            text = repr(value)
    text = visible(text)
    if len(text) > limit:
        text = text[:limit] + f"… ({len(text) - limit} more characters)"
    return html.escape(text, quote=True)


# --- the validation result, as plain rows ------------------------------------------------------


def validation_dict(report: GateReport) -> dict | None:
    """GX's validation result as plain JSON data, or None when there is none to read."""
    if report.validation is None:
        return None
    if isinstance(report.validation, dict):  # a frame validated in row slices (`skywatch.gates`)
        return report.validation
    try:
        return report.validation.to_json_dict()
    except Exception:  # a value GX cannot serialise: fall back to our outcomes, keep the page
        return None


def expectation_rows(report: GateReport, data: dict | None = None) -> list[dict]:
    """One dict per expectation (type, kwargs, success, result, meta, exception), from GX or outcomes."""
    if data is None:
        return [{"type": o.expectation, "kwargs": {"column": o.column} if o.column else {},
                 "success": o.success, "meta": {}, "exception": None,
                 "result": {"observed_value": o.observed, "unexpected_count": o.unexpected_count,
                            "element_count": o.element_count}} for o in report.outcomes]
    rows = []
    for result in data.get("results", []):
        config = result.get("expectation_config") or {}
        kwargs = {k: v for k, v in (config.get("kwargs") or {}).items() if k != "batch_id"}
        rows.append({"type": config.get("type", "?"), "kwargs": kwargs,
                     "success": bool(result.get("success")), "result": result.get("result") or {},
                     "meta": config.get("meta") or {},
                     "exception": _exception_message(result.get("exception_info"))})
    return rows


def _exception_message(info: Any) -> str | None:
    """The message of an expectation that raised (never the traceback): GX gives one flat dict,
    or one dict per metric that failed."""
    if not isinstance(info, dict):
        return None
    if "raised_exception" in info:
        return info.get("exception_message") if info.get("raised_exception") else None
    messages = [_exception_message(v) for v in info.values()]
    return "; ".join(dict.fromkeys(m for m in messages if m)) or None


def _statistics(rows: list[dict]) -> dict:
    passed = sum(1 for r in rows if r["success"])
    return {"Evaluated Expectations": len(rows), "Successful Expectations": passed,
            "Unsuccessful Expectations": len(rows) - passed,
            "Success Percent": f"{100 * passed / len(rows):.1f}%" if rows else "-"}


def _column(row: dict) -> str | None:
    kwargs = row["kwargs"]
    if isinstance(kwargs.get("column"), str):
        return kwargs["column"]
    return None


# --- rendering -----------------------------------------------------------------------------------


def render_validation_page(report: GateReport, day: str) -> str:
    """The whole page for one validation: header, statistics, then expectations by column."""
    data = validation_dict(report)
    rows = expectation_rows(report, data)
    success = all(r["success"] for r in rows)
    status = "Succeeded" if success else "Failed"
    stats = "".join(f"<tr><th>{name}</th><td>{show(v)}</td></tr>"
                    for name, v in _statistics(rows).items())
    sections = []
    columns: dict[str | None, list[dict]] = {}
    for row in rows:
        columns.setdefault(_column(row), []).append(row)
    for column in sorted(columns, key=lambda c: (c is not None, c or "")):
        title = "Table-level expectations" if column is None else f"Column <code>{show(column)}</code>"
        sections.append(f"<h2>{title}</h2>" + _expectation_table(columns[column]))
    info = _info(data, report.reused)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<title>{show(report.suite)} {show(day)}: Expectation Validation Result</title>
<style>{_STYLE}</style></head><body>
<p><a href="../../{INDEX_HTML}">All validations</a></p>
<h1>Expectation Validation Result</h1>
<p>Suite <code>{show(report.suite)}</code> (<code>expectations/{show(report.suite)}.json</code>),
arrival day <b>{show(day)}</b>, {show(report.n_rows)} rows validated.
Status: <b class="status-{status.lower()}">{status}</b></p>
<h2>Statistics</h2><table>{stats}</table>
{info}
{chr(10).join(sections)}
</body></html>
"""


def _info(data: dict | None, reused: bool = False) -> str:
    meta = (data or {}).get("meta") or {}
    markers = meta.get("batch_markers") or {}
    batch = meta.get("active_batch_definition") or {}
    items = {"Great Expectations version": meta.get("great_expectations_version"),
             "Validated at": markers.get("ge_load_time"),
             "Result": "reused: the same rows against the same expectations were validated at the "
                       "time above, earlier in this process" if reused else None,
             "Data asset": batch.get("data_asset_name"),
             "Row slices": f"{meta['row_slices']}: the counts are added over slices of the rows "
                           "(`skywatch.gates.GATE_SLICE_BYTES`)" if meta.get("row_slices") else None}
    cells = "".join(f"<tr><th>{name}</th><td>{show(v)}</td></tr>" for name, v in items.items() if v)
    return f"<h2>Info</h2><table>{cells}</table>" if cells else ""


def _expectation_table(rows: list[dict]) -> str:
    head = ("<tr><th>Status</th><th>Expectation</th><th>Arguments</th><th>Observed value</th>"
            "<th>Unexpected</th></tr>")
    body = []
    for row in rows:
        state = "passed" if row["success"] else "failed"
        why = row["meta"].get("why") if isinstance(row["meta"], dict) else None
        expectation = f"<code>{show(row['type'])}</code>" + (
            f"<div class='note'>{show(why)}</div>" if why else "")
        body.append(f"<tr class='{state}'><td class='status'>{'✔' if row['success'] else '✘'} {state}</td>"
                    f"<td>{expectation}</td><td>{_kwargs(row['kwargs'])}</td>"
                    f"<td>{_observed(row)}</td><td>{_unexpected(row['result'])}</td></tr>")
    return f"<table><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"


def _kwargs(kwargs: dict) -> str:
    return "<br>".join(f"<code>{show(k)}</code> = <span class='value'>{show(v)}</span>"
                       for k, v in kwargs.items()) or "-"


def _observed(row: dict) -> str:
    if row["exception"]:
        return f"<span class='status-failed'>error: {show(row['exception'])}</span>"
    result = row["result"]
    if result.get("observed_value") is not None:
        return f"<span class='value'>{show(result['observed_value'])}</span>"
    percent = result.get("unexpected_percent")
    if isinstance(percent, int | float):
        return f"{percent:.2f}% unexpected"
    return "-"


def _unexpected(result: dict) -> str:
    """The unexpected count and a sample of the values, with their counts when GX gave them."""
    count = result.get("unexpected_count")
    if count is None:
        return "-"
    total = result.get("element_count")
    text = f"{show(count)} of {show(total)} rows" if total is not None else f"{show(count)} rows"
    counts = result.get("partial_unexpected_counts")
    values = result.get("partial_unexpected_list")
    if isinstance(counts, list) and counts:
        items = [f"<li><span class='value'>{show(c.get('value') if isinstance(c, dict) else c)}</span>"
                 f"{' × ' + show(c.get('count')) if isinstance(c, dict) and c.get('count') else ''}</li>"
                 for c in counts[:MAX_UNEXPECTED_SHOWN]]
    elif isinstance(values, list) and values:
        items = [f"<li><span class='value'>{show(v)}</span></li>" for v in values[:MAX_UNEXPECTED_SHOWN]]
    else:
        return text
    return f"{text}<ul>{''.join(items)}</ul>"


# --- the index -----------------------------------------------------------------------------------


def _update_index(directory: Path, report: GateReport, day: str, page: Path) -> None:
    entries = read_index(directory)
    entries = [e for e in entries if not (e["suite"] == report.suite and e["day"] == day)]
    entries.append({
        "suite": report.suite, "day": day, "success": report.success, "rows": report.n_rows,
        "expectations": len(report.outcomes),
        "expectations_passed": len(report.outcomes) - len(report.failures),
        "failures": [f.describe() for f in report.failures],
        "page": page.relative_to(directory).as_posix(),
        "validated_at": datetime.now(UTC).isoformat(timespec="seconds"),
    })
    entries.sort(key=lambda e: (e["day"], e["suite"]), reverse=True)
    (directory / INDEX_JSON).write_text(json.dumps(entries, indent=1), encoding="utf-8")
    _write(directory / INDEX_HTML, render_index(entries))


def read_index(directory: Path) -> list[dict]:
    path = Path(directory) / INDEX_JSON
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def _page_link(page: Any, suite: Any) -> str:
    """A link to a page of this folder only: an index.json edited to point elsewhere links nowhere."""
    if isinstance(page, str) and page.startswith("validations/") and ".." not in page.split("/") \
            and ":" not in page:
        return f"<a href='{html.escape(page, quote=True)}'>{show(suite)}</a>"
    return show(suite)


def render_index(entries: list[dict]) -> str:
    """A plain, self-contained index page (no script, nothing from elsewhere) linking every page."""
    rows = []
    for e in entries:
        status = "passed" if e["success"] else "FAILED"
        failures = "<br>".join(show(f) for f in e["failures"])
        rows.append(
            f"<tr class='{status.lower()}'><td>{show(e['day'])}</td>"
            f"<td>{_page_link(e.get('page'), e['suite'])}</td>"
            f"<td>{status}</td><td>{show(e['expectations_passed'])}/{show(e['expectations'])}</td>"
            f"<td>{show(e['rows'])}</td><td>{failures}</td></tr>")
    failed = sum(1 for e in entries if not e["success"])
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<title>Skywatch gates: Data Docs</title>
<style>{_STYLE}</style></head><body>
<h1>Skywatch gates: Great Expectations Data Docs</h1>
<p>{len(entries)} validations, {failed} failed. Each suite is <code>expectations/&lt;suite&gt;.json</code>;
each link opens the validation page for that table and arrival day.</p>
<table><thead><tr><th>arrival day</th><th>suite</th><th>result</th><th>expectations passed</th>
<th>rows validated</th><th>failures</th></tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""
