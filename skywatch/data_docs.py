"""Great Expectations Data Docs for the gates: one validation page per table and day, and an index.

Each page is rendered by GX's own Data Docs renderer (`ValidationResultsPageRenderer` and
`DefaultJinjaPageView`), so it shows every expectation, its kwargs, observed values and
unexpected rows exactly as a GX Data Docs site does. The pages load GX's stylesheets from
their CDN when the browser is online; offline they show the same content unstyled.

Layout under the Data Docs folder (by default `warehouse/data_docs/` beside the warehouse):

    index.html                       every validation, newest day first, failures marked
    index.json                       the same list, for scripts
    validations/<suite>/<day>.html   one GX validation page per table and day

A re-run of a day overwrites that day's pages: the index keeps one entry per (suite, day).
No dagster here: `assets/gating.py` calls this after each gate.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from pathlib import Path

from skywatch.gates import GateReport

INDEX_JSON = "index.json"
INDEX_HTML = "index.html"


def page_path(directory: Path, suite: str, day: str) -> Path:
    return Path(directory) / "validations" / suite / f"{day}.html"


def write_validation_page(report: GateReport, directory: Path, day: str) -> Path:
    """Render the report's GX validation result as a Data Docs page; update the index."""
    from great_expectations.render.renderer import ValidationResultsPageRenderer
    from great_expectations.render.view import DefaultJinjaPageView

    if report.validation is None:
        raise ValueError(f"{report.suite}: the report carries no GX validation result to render")
    path = page_path(directory, report.suite, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    document = ValidationResultsPageRenderer().render(report.validation)
    path.write_text(DefaultJinjaPageView().render(document), encoding="utf-8")
    _update_index(Path(directory), report, day, path)
    return path


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
    (directory / INDEX_HTML).write_text(render_index(entries), encoding="utf-8")


def read_index(directory: Path) -> list[dict]:
    path = Path(directory) / INDEX_JSON
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def render_index(entries: list[dict]) -> str:
    """A plain, self-contained index page (no CDN needed) linking every validation page."""
    rows = []
    for e in entries:
        status = "passed" if e["success"] else "FAILED"
        failures = "<br>".join(html.escape(f) for f in e["failures"])
        rows.append(
            f"<tr class='{status.lower()}'><td>{html.escape(e['day'])}</td>"
            f"<td><a href='{html.escape(e['page'])}'>{html.escape(e['suite'])}</a></td>"
            f"<td>{status}</td><td>{e['expectations_passed']}/{e['expectations']}</td>"
            f"<td>{e['rows']}</td><td>{failures}</td></tr>")
    failed = sum(1 for e in entries if not e["success"])
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Skywatch gates: Data Docs</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #ccc; padding: 4px 8px; text-align: left; }}
tr.failed td {{ background: #fde2e2; }}
</style></head><body>
<h1>Skywatch gates: Great Expectations Data Docs</h1>
<p>{len(entries)} validations, {failed} failed. Each suite is <code>expectations/&lt;suite&gt;.json</code>;
each link opens GX's validation page for that table and arrival day.</p>
<table><thead><tr><th>arrival day</th><th>suite</th><th>result</th><th>expectations passed</th>
<th>rows validated</th><th>failures</th></tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""
