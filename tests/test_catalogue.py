"""The DDL is the one declaration of the warehouse's columns (`skywatch.catalogue`): the Polars
schemas in code, the expectation suites, warehouse/README.md and the event-model contract must
agree with it. Every failure names the file and the column that disagree."""

import json
import re

import duckdb
import polars as pl
import pytest

from skywatch import catalogue, clean, dedup, entities, events, extract, gazetteer, geocode, ingest, isolation
from skywatch import resolve as resolve_stage
from skywatch.gates import suite_name
from skywatch.paths import DDL_DIR, EXPECTATIONS_DIR, PROJECT_ROOT
from skywatch.warehouse import ensure_schema

README = PROJECT_ROOT / "warehouse" / "README.md"
EVENT_MODEL = PROJECT_ROOT.parent / "shared" / "docs" / "event-model.md"


def ddl_file(table: str) -> str:
    return f"warehouse/ddl/{table.split('.')[0]}.sql"


def _resolved_claims() -> dict[str, pl.DataType]:
    """The frame `skywatch.resolve.resolve_claims` writes to resolve.claims, piece by piece."""
    kept = {c: t for c, t in extract.CLAIM_SCHEMA.items() if c not in resolve_stage._PROVISIONAL}
    claimants = {"claimant" if c == "claimant_name" else c: t for c, t in entities.RESOLVED_COLUMNS.items()}
    return {**kept, **geocode.RESOLVED_SCHEMA, **claimants, "resolver_version": pl.String()}


# (where the frame's schema is declared, the schema, the table it is written to, the columns the
# writer adds beside `arrival_date`, which `skywatch.publish.write_draft` adds to every partition).
WRITERS = [
    ("skywatch/ingest.py RAW_ARTICLE_SCHEMA", ingest.RAW_ARTICLE_SCHEMA, "raw.articles", {"ingested_at"}),
    ("skywatch/ingest.py REJECTED_SCHEMA", ingest.REJECTED_SCHEMA, "raw.rejected", {"ingested_at"}),
    ("skywatch/ingest.py UNIT_SCHEMA", ingest.UNIT_SCHEMA, "raw.inputs", set()),
    ("skywatch/clean.py CLEAN_ARTICLE_SCHEMA", clean.CLEAN_ARTICLE_SCHEMA, "clean.articles", set()),
    ("skywatch/clean.py SENTENCE_SCHEMA", clean.SENTENCE_SCHEMA, "clean.sentences", set()),
    ("skywatch/clean.py BOILERPLATE_SCHEMA", clean.BOILERPLATE_SCHEMA, "clean.boilerplate", set()),
    ("skywatch/clean.py SET_ASIDE_SCHEMA", clean.SET_ASIDE_SCHEMA, "clean.set_aside", set()),
    *((f"skywatch/isolation.py FAILED_SCHEMA ({stage})", isolation.FAILED_SCHEMA, f"{stage}.failed", set())
      for stage in ("clean", "extract", "resolve")),
    ("skywatch/extract.py CLAIM_SCHEMA", extract.CLAIM_SCHEMA, "extract.claims", set()),
    ("skywatch/extract.py QUANTITY_SCHEMA", extract.QUANTITY_SCHEMA, "extract.claim_quantities", set()),
    ("skywatch/extract.py MENTION_SCHEMA", extract.MENTION_SCHEMA, "extract.mentions", set()),
    ("skywatch/gazetteer.py PLACES_SCHEMA", gazetteer.PLACES_SCHEMA, "resolve.places", {"gazetteer_version"}),
    ("skywatch/gazetteer.py ALIASES_SCHEMA", gazetteer.ALIASES_SCHEMA, "resolve.place_aliases",
     {"gazetteer_version"}),
    ("skywatch/entities.py ENTITY_SCHEMA", entities.ENTITY_SCHEMA, "resolve.entities", {"entities_version"}),
    ("skywatch/entities.py ENTITY_ALIAS_SCHEMA", entities.ENTITY_ALIAS_SCHEMA, "resolve.entity_aliases",
     {"entities_version"}),
    ("skywatch/resolve.py resolve_claims (extract CLAIM_SCHEMA, geocode RESOLVED_SCHEMA, entities "
     "RESOLVED_COLUMNS)", _resolved_claims(), "resolve.claims", set()),
    ("skywatch/extract.py QUANTITY_SCHEMA (passed through)", extract.QUANTITY_SCHEMA,
     "resolve.claim_quantities", set()),
    ("skywatch/events.py event_schema", events.event_schema(events.OPTIONAL_COLUMNS), "resolve.events",
     set()),
    ("skywatch/events.py EVENT_CLAIM_SCHEMA", events.EVENT_CLAIM_SCHEMA, "resolve.event_claims", set()),
    ("skywatch/events.py EVENT_QUANTITY_SCHEMA", events.EVENT_QUANTITY_SCHEMA, "resolve.event_quantities",
     set()),
]

# Schemas of frames read from tables, or of pieces of a table's frame: (where, schema, the tables
# their columns come from, first match wins; columns renamed on the way to the table).
READERS = [
    ("skywatch/geocode.py RESOLVED_SCHEMA", geocode.RESOLVED_SCHEMA, ["resolve.claims"], {}),
    ("skywatch/entities.py RESOLVED_COLUMNS", entities.RESOLVED_COLUMNS, ["resolve.claims"],
     {"claimant_name": "claimant"}),
    ("skywatch/events.py CLAIM_COLUMNS", events.CLAIM_COLUMNS, ["resolve.claims", "clean.articles"], {}),
    ("skywatch/events.py OPTIONAL_COLUMNS", events.OPTIONAL_COLUMNS, ["resolve.claims"], {}),
    ("skywatch/events.py QUANTITY_COLUMNS", events.QUANTITY_COLUMNS, ["resolve.claim_quantities"], {}),
    ("skywatch/dedup.py ARTICLE_COLUMNS", dedup.ARTICLE_COLUMNS, ["clean.articles"], {}),
    ("skywatch/dedup.py SENTENCE_COLUMNS", dedup.SENTENCE_COLUMNS, ["clean.sentences"], {}),
]


def _type_problem(where: str, column: str, dtype: pl.DataType, table: str, ddl_column: str) -> str | None:
    declared = next(c for c in catalogue.columns(table) if c.name == ddl_column)
    wanted = catalogue.polars_schema(table)[ddl_column]
    if dtype == wanted:
        return None
    return (f"{where}: {column} is {dtype}, but {table}.{ddl_column} is {declared.type} in "
            f"{ddl_file(table)}, which Polars reads as {wanted}")


# --- the catalogue itself ------------------------------------------------------------------------

def test_the_catalogue_reads_every_ddl_file():
    assert catalogue.tables()[:3] == ["raw.articles", "raw.rejected", "raw.inputs"]
    assert {t.split(".")[0] for t in catalogue.tables()} == {"raw", "clean", "extract", "resolve", "marts"}
    start = next(c for c in catalogue.columns("clean.sentences") if c.name == "start")
    assert start == catalogue.Column("start", "BIGINT", False, None, "clean.articles.text[start:end] == text")
    title = next(c for c in catalogue.columns("raw.articles") if c.name == "title")
    assert (title.nullable, title.comment) == (True, "")
    assert catalogue.polars_schema("extract.claims")["effects"] == pl.List(pl.String)
    assert catalogue.polars_schema("raw.articles")["published_at"] == pl.Datetime("us")
    with pytest.raises(KeyError, match="raw.nothing"):
        catalogue.columns("raw.nothing")
    with pytest.raises(ValueError, match=r"t\.x: no Polars type for DuckDB's INTERVAL"):
        catalogue.polars_type("INTERVAL", "t.x")


def test_polars_schema_is_what_duckdb_reads_back():
    con = duckdb.connect()
    for stage in {t.split(".")[0] for t in catalogue.tables()}:
        ensure_schema(con, stage)
    for table in catalogue.tables():
        read = dict(con.execute(f"select * from {table} limit 0").pl().schema)
        assert catalogue.polars_schema(table) == read, f"{ddl_file(table)} {table}"


def test_every_ddl_comment_is_on_a_column():
    for table in catalogue.tables():
        text = (DDL_DIR / f"{table.split('.')[0]}.sql").read_text()
        block = re.search(rf"create table if not exists {re.escape(table)} \((.*?)\n\);", text, re.S).group(1)
        commented = [line for line in block.splitlines() if "--" in line]
        described = [c for c in catalogue.columns(table) if c.comment]
        assert len(described) == len(commented), f"{ddl_file(table)} {table}: a comment not on a column line"


# --- Polars schemas in code ----------------------------------------------------------------------

@pytest.mark.parametrize(("where", "schema", "table", "adds"), WRITERS, ids=[w[0] for w in WRITERS])
def test_frames_written_fit_their_table(where, schema, table, adds):
    declared = {c.name: c for c in catalogue.columns(table)}
    problems = [f"{where}: column {c} is not in {table} ({ddl_file(table)})"
                for c in schema if c not in declared]
    problems += [p for c, t in schema.items() if c in declared
                 and (p := _type_problem(where, c, t, table, c))]
    written = set(schema) | adds | ({"arrival_date"} & set(declared))
    problems += [f"{where}: adds {c}, which {table} lacks ({ddl_file(table)})"
                 for c in adds if c not in declared]
    problems += [f"{where} never fills {table}.{c.name}, NOT NULL without a default in {ddl_file(table)}"
                 for c in declared.values() if not c.nullable and c.default is None and c.name not in written]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("where", "schema", "tables", "renamed"), READERS, ids=[r[0] for r in READERS])
def test_frames_read_or_assembled_match_their_tables(where, schema, tables, renamed):
    problems = []
    for column, dtype in schema.items():
        name = renamed.get(column, column)
        table = next((t for t in tables if name in catalogue.polars_schema(t)), None)
        if table is None:
            problems.append(f"{where}: column {name} is in none of {', '.join(tables)} "
                            f"({', '.join(sorted({ddl_file(t) for t in tables}))})")
        elif problem := _type_problem(where, column, dtype, table, name):
            problems.append(problem)
    assert not problems, "\n".join(problems)


# --- expectation suites --------------------------------------------------------------------------

def test_every_table_has_a_suite_and_every_suite_a_table():
    suites = {p.name for p in EXPECTATIONS_DIR.glob("*.json")}
    wanted = {f"{suite_name(t)}.json": t for t in catalogue.tables()}
    missing = [f"expectations/{s} (for {t}, declared in {ddl_file(t)})" for s, t in wanted.items()
               if s not in suites]
    orphans = [f"expectations/{s}" for s in sorted(suites - set(wanted))]
    assert not missing, "no suite: " + ", ".join(missing)
    assert not orphans, "suites of no table in warehouse/ddl/*.sql: " + ", ".join(orphans)


def _named_columns(kwargs: dict) -> list[str]:
    """Every column an expectation's kwargs name: `column`, `column_A`, `column_list`, ..."""
    named = []
    for key, value in kwargs.items():
        if key == "column" or key.startswith("column_"):
            named += [value] if isinstance(value, str) else list(value)
    return named


@pytest.mark.parametrize("table", catalogue.tables())
def test_suites_name_only_columns_of_their_table(table):
    path = EXPECTATIONS_DIR / f"{suite_name(table)}.json"
    if not path.exists():
        pytest.skip(f"no {path.name}: test_every_table_has_a_suite_and_every_suite_a_table says so")
    suite = json.loads(path.read_text())
    here = f"expectations/{path.name}"
    assert suite["name"] == suite_name(table), f"{here}: named {suite['name']!r}"
    declared = [c.name for c in catalogue.columns(table)]
    problems = []
    for expectation in suite["expectations"]:
        kwargs = expectation["kwargs"]
        problems += [f"{here}: {expectation['type']} names {c}, which {table} lacks ({ddl_file(table)})"
                     for c in _named_columns(kwargs) if c not in declared]
        if kwargs.get("exact_match") and "column_set" in kwargs:
            problems += [f"{here}: {expectation['type']} (exact_match) leaves out {c} of {table} "
                         f"({ddl_file(table)})" for c in declared if c not in kwargs["column_set"]]
    assert not problems, "\n".join(problems)


# --- warehouse/README.md -------------------------------------------------------------------------

def readme_tables(text: str) -> dict[str, list[tuple[str, str]]]:
    """{table: [(column, type), ...]} of the column tables under each "### `schema.table`" heading."""
    found: dict[str, list[tuple[str, str]]] = {}
    table = None
    for line in text.splitlines():
        if line.startswith("#"):
            named = re.match(r"### `(\w+\.\w+)`", line)
            table = named.group(1) if named else None
            if table:
                found.setdefault(table, [])
        elif table and (row := re.match(r"\|\s*`(\w+)`\s*\|\s*([^|]*?)\s*\|", line)):
            found[table].append((row.group(1), row.group(2)))
    return found


def test_readme_lists_exactly_the_columns_of_every_table():
    documented = readme_tables(README.read_text())
    missing = [f"{t} ({ddl_file(t)})" for t in catalogue.tables() if t not in documented]
    assert not missing, "warehouse/README.md has no section for " + ", ".join(missing)
    stale = sorted(set(documented) - set(catalogue.tables()))
    assert not stale, "warehouse/README.md documents tables no DDL declares: " + ", ".join(stale)
    problems = []
    for table in catalogue.tables():
        declared = [(c.name, c.type) for c in catalogue.columns(table)]
        listed = documented[table]
        problems += [f"warehouse/README.md {table}: lacks {c} {t} of {ddl_file(table)}"
                     for c, t in declared if c not in dict(listed)]
        problems += [f"warehouse/README.md {table}: lists {c}, which {ddl_file(table)} does not declare"
                     for c, _ in listed if c not in dict(declared)]
        problems += [f"warehouse/README.md {table}.{c}: says {t}, {ddl_file(table)} says {dict(declared)[c]}"
                     for c, t in listed if c in dict(declared) and t != dict(declared)[c]]
        if not problems and [c for c, _ in listed] != [c for c, _ in declared]:
            problems.append(f"warehouse/README.md {table}: columns not in the order of {ddl_file(table)}")
    assert not problems, "\n".join(problems)


def test_readme_parser_reads_sections_and_rows():
    text = "### `a.b`\n\n| column | type |\n|---|---|\n| `x` | BIGINT | n |\n\n## Other\n| `y` | DATE |\n"
    assert readme_tables(text) == {"a.b": [("x", "BIGINT")]}


# --- the event-model contract: columns are added, never renamed --------------------------------

@pytest.mark.skipif(not EVENT_MODEL.exists(), reason=f"no {EVENT_MODEL}")
def test_the_event_models_columns_are_all_in_the_ddl():
    text = EVENT_MODEL.read_text()
    problems = []
    for table in ("resolve.claims", "resolve.claim_quantities"):
        section = text.split(f"`{table}`:", 1)[1].split("\n\n", 2)[1]
        names = [n for line in section.splitlines() for n in re.findall(r"`(\w+)`", line.split("|")[1])]
        assert names, f"../shared/docs/event-model.md: no column table under {table}"
        problems += [f"../shared/docs/event-model.md names {table}.{n}, which {ddl_file(table)} lacks"
                     for n in names if n not in catalogue.polars_schema(table)]
    assert not problems, "\n".join(problems)
