"""Charts of the marts, as Markdown (the Dagster UI renders it) and as inline SVG (the report).

Both are drawn from small Polars frames, with no plotting library and nothing fetched: a
Markdown chart is a table with a bar of block characters per row, an SVG chart is a string
the report embeds. The SQL that feeds them is in `warehouse/marts/chart_*.sql`. No dagster.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

import duckdb
import polars as pl

from skywatch.paths import MARTS_SQL_DIR

BAR = "█"
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf")
OTHER = "other regions"


def drones_destroyed_by_day_and_region(con: duckdb.DuckDBPyConnection, since: date | None = None,
                                       until: date | None = None,
                                       arrival_date: date | None = None) -> pl.DataFrame:
    """date, country_code, admin1_code, region, claimed_ru, claimed_ua, claimed (both sides);
    all partitions, or the one that arrived on `arrival_date`."""
    sql = (MARTS_SQL_DIR / "chart_drones_destroyed.sql").read_text()
    return con.execute(sql, {"since": since or date(1900, 1, 1), "until": until or date(9999, 12, 31),
                             "arrival_date": arrival_date}).pl()


def daily_region_activity_chart(con: duckdb.DuckDBPyConnection, day: date, days: int = 14) -> str:
    """Markdown for the mart's materialization: the partition's drones claimed destroyed per
    region, and the daily totals of the `days` event dates up to it."""
    partition = drones_destroyed_by_day_and_region(con, arrival_date=day)
    recent = drones_destroyed_by_day_and_region(con, since=day - timedelta(days=days - 1), until=day)
    per_day = recent.group_by("date").agg(pl.col("claimed").sum()).sort("date")
    trend = (f"**Drones claimed destroyed per event date, {days} days to {day}**\n\n"
             + markdown_bars([str(d) for d in per_day["date"].to_list()], per_day["claimed"].to_list()))
    return drones_destroyed_markdown(partition, f"Drones claimed destroyed per region, arrived {day}") \
        + "\n\n" + trend


def region_label() -> pl.Expr:
    """The region's name, else its code, else "no region" (country-wide figures are in totals)."""
    return pl.coalesce(pl.col("region"), pl.col("admin1_code"), pl.lit("no region")).alias("label")


def markdown_bars(labels: list[str], values: list[int], width: int = 30, unit: str = "") -> str:
    """| label | bar | value | rows, the longest bar `width` characters."""
    if not labels:
        return "_nothing to chart_"
    top = max(max(values), 1)
    lines = ["| | | |", "| --- | --- | ---: |"]
    for label, value in zip(labels, values, strict=True):
        bar = BAR * max(1 if value else 0, round(width * value / top))
        lines.append(f"| {label} | {f'`{bar}`' if bar else ''} | {value}{unit} |")
    return "\n".join(lines)


def drones_destroyed_markdown(frame: pl.DataFrame, title: str) -> str:
    """Drones claimed destroyed per region (both sides' claimants), largest first."""
    if frame.is_empty():
        return f"**{title}**\n\n_no drones claimed destroyed_"
    per_region = (frame.with_columns(region_label())
                  .group_by("label").agg(pl.col("claimed").sum(), pl.col("claimed_ru").sum(),
                                         pl.col("claimed_ua").sum())
                  .filter(pl.col("claimed") > 0).sort(["claimed", "label"], descending=[True, False]))
    labels = [f"{r['label']} (RU {r['claimed_ru']}, UA {r['claimed_ua']})"
              for r in per_region.iter_rows(named=True)]
    return f"**{title}**\n\n" + markdown_bars(labels, per_region["claimed"].to_list())


def counts_markdown(frame: pl.DataFrame, label: str, value: str, title: str) -> str:
    rows = frame.sort([value, label], descending=[True, False])
    return f"**{title}**\n\n" + markdown_bars([str(v) for v in rows[label].to_list()],
                                              rows[value].to_list())


# --- SVG -------------------------------------------------------------------------------------

def _top_series(frame: pl.DataFrame, series: str, value: str, keep: int) -> pl.DataFrame:
    """Keep the `keep` largest series; the rest are summed as "other regions"."""
    order = (frame.group_by(series).agg(pl.col(value).sum())
             .sort([value, series], descending=[True, False]))
    kept = order[series].head(keep).to_list()
    return frame.with_columns(pl.when(pl.col(series).is_in(kept)).then(pl.col(series))
                              .otherwise(pl.lit(OTHER)).alias(series))


def svg_stacked_bars(frame: pl.DataFrame, x: str, series: str, value: str, title: str,
                     keep: int = 8, width: int = 760, height: int = 300) -> str:
    """Vertical bars per `x` (a day), stacked by `series` (a region), with a legend."""
    if frame.is_empty() or frame[value].sum() == 0:
        return f"<p><em>{html.escape(title)}: nothing to chart.</em></p>"
    frame = _top_series(frame.filter(pl.col(value) > 0), series, value, keep)
    grid = frame.group_by([x, series]).agg(pl.col(value).sum())
    xs = sorted(grid[x].unique().to_list())
    names = (grid.group_by(series).agg(pl.col(value).sum())
             .sort([value, series], descending=[True, False])[series].to_list())
    if OTHER in names:
        names = [n for n in names if n != OTHER] + [OTHER]
    colour = {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(names)}
    totals = grid.group_by(x).agg(pl.col(value).sum())
    top = max(totals[value].max(), 1)
    left, bottom, top_pad, legend_w = 40, 40, 30, 220
    plot_w, plot_h = width - left - legend_w, height - bottom - top_pad
    step = plot_w / len(xs)
    bar_w = max(4.0, step * 0.7)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="{html.escape(title)}" font-family="sans-serif" font-size="11">',
             f'<text x="{left}" y="16" font-size="13" font-weight="bold">{html.escape(title)}</text>',
             f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" '
             'stroke="#333"/>']
    for tick in _ticks(top):
        y = top_pad + plot_h - plot_h * tick / top
        parts.append(f'<line x1="{left - 3}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                     'stroke="#ddd"/>')
        parts.append(f'<text x="{left - 5}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    cells = {(r[x], r[series]): r[value] for r in grid.iter_rows(named=True)}
    for i, xv in enumerate(xs):
        bx = left + i * step + (step - bar_w) / 2
        y = top_pad + plot_h
        for name in names:
            v = cells.get((xv, name), 0)
            if not v:
                continue
            h = plot_h * v / top
            y -= h
            parts.append(f'<rect x="{bx:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                         f'fill="{colour[name]}"><title>{html.escape(str(xv))} '
                         f'{html.escape(name)}: {v}</title></rect>')
        label = xv.isoformat() if isinstance(xv, date) else str(xv)
        parts.append(f'<text x="{bx + bar_w / 2:.1f}" y="{top_pad + plot_h + 14}" '
                     f'text-anchor="middle">{html.escape(label[5:] if len(label) == 10 else label)}</text>')
    for i, name in enumerate(names):
        ly = top_pad + i * 16
        parts.append(f'<rect x="{width - legend_w + 10}" y="{ly}" width="10" height="10" '
                     f'fill="{colour[name]}"/>')
        parts.append(f'<text x="{width - legend_w + 26}" y="{ly + 9}">{html.escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def svg_horizontal_bars(labels: list[str], values: list[int], title: str, width: int = 760) -> str:
    """One bar per label, largest first as given."""
    if not labels:
        return f"<p><em>{html.escape(title)}: nothing to chart.</em></p>"
    row_h, left, top_pad = 18, 230, 26
    height = top_pad + row_h * len(labels) + 10
    top = max(max(values), 1)
    plot_w = width - left - 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="{html.escape(title)}" font-family="sans-serif" font-size="11">',
             f'<text x="0" y="16" font-size="13" font-weight="bold">{html.escape(title)}</text>']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top_pad + i * row_h
        w = plot_w * value / top
        parts.append(f'<text x="{left - 6}" y="{y + 12}" text-anchor="end">{html.escape(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{row_h - 5}" '
                     f'fill="{PALETTE[0]}"/>')
        parts.append(f'<text x="{left + w + 4:.1f}" y="{y + 12}">{value}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _ticks(top: int) -> list[int]:
    """About four round gridline values up to `top`."""
    raw = top / 4
    magnitude = 10 ** max(len(str(int(raw))) - 1, 0)
    step = max(1, next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))
    return list(range(0, top + 1, step))


def claimant_tallies_chart(tallies: pl.DataFrame, kind: str = "drones_destroyed") -> str:
    """Per claimant: the day's `kind` figures, totals and regional figures in separate bars."""
    rows = (tallies.filter(pl.col("kind") == kind)
            .with_columns(pl.coalesce("claimant", pl.lit("(unattributed)")).alias("who"))
            .group_by("who", "scope").agg(pl.col("claimed").sum())
            .sort(["claimed", "who"], descending=[True, False]))
    labels = [f"{r['who']} ({r['scope']})" for r in rows.iter_rows(named=True)]
    return f"**{kind} claimed, per claimant (totals and regional figures apart)**\n\n" + \
        markdown_bars(labels, rows["claimed"].to_list())


def infrastructure_hits_chart(hits: pl.DataFrame) -> str:
    """Hits per target and region."""
    rows = (hits.with_columns(pl.concat_str([pl.col("target"), pl.lit(" in "),
                                             pl.coalesce("admin1_code", "country_code", pl.lit("?"))])
                              .alias("what"))
            .group_by("what").agg(pl.len().alias("hits")))
    return counts_markdown(rows, "what", "hits", "Infrastructure hits per target and region")
