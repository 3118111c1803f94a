"""`skywatch report`: one self-contained HTML page of the marts, for people who do not run Dagster.

The page has no external links, scripts or fonts: charts are inline SVG (`skywatch.charts`),
tables are plain HTML, so it can be mailed or opened offline. Every figure comes from the
marts (which count a night's total once, never with its parts) and the evidence sentences
come from `marts.infrastructure_hits`. No dagster here.
"""

from __future__ import annotations

import html
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl

from skywatch import charts
from skywatch.publish import unpublished_warning
from skywatch.warehouse import WarehouseUnavailable, connect_readonly, load_macros, table_exists

_STYLE = """
body { font-family: system-ui, -apple-system, sans-serif; margin: 2em auto; max-width: 1100px;
       color: #222; padding: 0 1em; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; font-size: 13px; margin: 0.5em 0; }
td, th { border: 1px solid #ddd; padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #555; font-size: 13px; } .kpi { display: inline-block; margin-right: 2em; }
.kpi b { display: block; font-size: 22px; }
"""

_REGION_TOTALS = """
select a.country_code, a.admin1_code, region_name(a.admin1_code) as region,
       sum(a.attacks)::bigint as attacks, sum(a.interceptions)::bigint as interceptions,
       sum(a.drones_destroyed_claimed_ru)::bigint as drones_destroyed_ru,
       sum(a.drones_destroyed_claimed_ua)::bigint as drones_destroyed_ua,
       sum(a.missiles_destroyed_claimed_ru)::bigint as missiles_destroyed_ru,
       sum(a.missiles_destroyed_claimed_ua)::bigint as missiles_destroyed_ua,
       sum(a.killed)::bigint as killed, sum(a.injured)::bigint as injured,
       sum(a.people_without_power)::bigint as without_power,
       sum(a.buildings_damaged)::bigint as buildings_damaged,
       sum(a.events)::bigint as events, sum(a.articles)::bigint as articles
from marts.daily_region_activity as a
where a.date >= $since
group by all
order by events desc, attacks desc, a.country_code, a.admin1_code
"""

_HITS = """
select h.date, coalesce(region_name(h.admin1_code), h.admin1_code, h.country_code) as region,
       h.place_name, h.target, h.weapon, array_to_string(h.effects, ', ') as effects,
       array_to_string(h.claimants, ', ') as claimants, h.n_articles as articles, h.evidence
from marts.infrastructure_hits as h
where h.date >= $since
order by h.date, region
"""

_TALLIES = """
select coalesce(t.claimant, '(unattributed)') as claimant, t.kind, t.scope,
       sum(t.claimed)::bigint as claimed, sum(t.events)::bigint as events
from marts.claimant_tallies as t
where t.date >= $since
group by all
order by claimed desc, claimant, t.kind, t.scope
limit 40
"""

_SUMMARY = """
select (select count(*) from clean.articles where duplicate_of is null and arrival_date in
            (select distinct arrival_date from marts.daily_region_activity where date >= $since))
           as articles,
       (select count(*) from resolve.claims where arrival_date in
            (select distinct arrival_date from marts.daily_region_activity where date >= $since))
           as claims,
       (select sum(events) from marts.daily_region_activity where date >= $since) as events,
       (select count(distinct admin1_code) from marts.daily_region_activity where date >= $since)
           as regions,
       (select min(date) from marts.daily_region_activity where date >= $since) as first_day,
       (select max(date) from marts.daily_region_activity where date >= $since) as last_day
"""


class ReportError(RuntimeError):
    """The warehouse cannot give a report (no marts yet)."""


def build_report(con: duckdb.DuckDBPyConnection, since: date | None = None,
                 source: str = "") -> str:
    """The whole HTML page, from a (read-only) connection to a warehouse with marts."""
    if not table_exists(con, "marts", "daily_region_activity") or not load_macros(con):
        raise ReportError("the warehouse has no marts yet: run `skywatch run` first")
    params = {"since": since or date(1900, 1, 1)}
    summary = con.execute(_SUMMARY, params).pl().row(0, named=True)
    drones = charts.drones_destroyed_by_day_and_region(con, since).with_columns(charts.region_label())
    regions = con.execute(_REGION_TOTALS, params).pl()
    hits = con.execute(_HITS, params).pl()
    tallies = con.execute(_TALLIES, params).pl()
    ministry = con.sql("from ministry_vs_regions() where date >= $since", params=params).pl()
    attacks = regions.filter(pl.col("attacks") > 0).with_columns(
        pl.coalesce("region", "admin1_code", "country_code", pl.lit("no place")).alias("label")).head(15)
    period = (f"{summary['first_day']} to {summary['last_day']}" if summary["first_day"]
              else "no data")
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        "<h1>Skywatch: the air war in the marts</h1>",
        f"<p class='note'>Event dates {html.escape(period)}"
        f"{' (since ' + since.isoformat() + ')' if since else ''}. Generated {generated}"
        f"{' from ' + html.escape(source) if source else ''}.</p>",
        "<div>" + "".join(f"<span class='kpi'><b>{summary[k] or 0}</b>{label}</span>" for k, label in
                          (("articles", "articles"), ("claims", "claims"), ("events", "events counted"),
                           ("regions", "regions"))) + "</div>",
        "<h2>Drones claimed destroyed, per day and region</h2>",
        charts.svg_stacked_bars(drones, "date", "label", "claimed",
                                "Drones claimed destroyed (both sides' claimants)"),
        "<p class='note'>Each event counts once: a night's total is not added to its regional "
        "parts, and when several claimants give a figure for one event the largest of each side "
        "counts. Russian claimants report over Russia and occupied areas, Ukrainian claimants "
        "over Ukraine.</p>",
        "<h2>Attacks per region</h2>",
        charts.svg_horizontal_bars(attacks["label"].to_list(), attacks["attacks"].to_list(),
                                   "Attacks (events) per region"),
        "<h2>Per region</h2>", html_table(regions),
        "<h2>Ministry totals against its regional figures</h2>",
        "<p class='note'>Russian Ministry of Defence, drones destroyed. A negative difference "
        "means regional figures given outside the totals (separate statements during the day); "
        "a positive one, regions the ministry did not list.</p>",
        html_table(ministry),
        "<h2>Strikes on energy, oil, ports and transport</h2>", html_table(hits, wide={"evidence"}),
        "<h2>What each claimant claimed</h2>",
        "<p class='note'>Totals and regional figures are in separate rows: never add the two.</p>",
        html_table(tallies),
    ]
    return ("<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
            "<title>Skywatch report</title>"
            f"<style>{_STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def html_table(frame: pl.DataFrame, wide: set[str] | None = None, max_rows: int = 500) -> str:
    if frame.is_empty():
        return "<p><em>No rows.</em></p>"
    wide = wide or set()
    numeric = {c for c, t in frame.schema.items() if t.is_numeric()}
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    rows = []
    for row in frame.head(max_rows).iter_rows(named=True):
        cells = []
        for column, value in row.items():
            text = "" if value is None else html.escape(str(value))
            style = " class='n'" if column in numeric else (" style='min-width:28em'"
                                                            if column in wide else "")
            cells.append(f"<td{style}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = (f"<p class='note'>{frame.height - max_rows} more rows not shown.</p>"
            if frame.height > max_rows else "")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{more}"


def write_report(warehouse: str | Path, output: str | Path, since: date | None = None) -> Path:
    """Open the warehouse read-only and write the page to `output`."""
    try:  # the same locked-down session as `skywatch query`: nothing the page runs can write
        con = connect_readonly(warehouse, macros=False)
    except WarehouseUnavailable as exc:
        raise ReportError(str(exc)) from None
    try:
        page = build_report(con, since, source=str(warehouse))
        warning = unpublished_warning(con)
    finally:
        con.close()
    if warning:  # said on the page and to the person who made it
        page = page.replace("<body>", f"<body>\n<p class=\"warning\"><strong>{html.escape(warning)}"
                                      "</strong></p>", 1)
        print(f"skywatch report: {warning}", file=sys.stderr)
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
