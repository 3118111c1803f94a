"""Ingest: read a landing folder into article rows and rejection rows.

Every input unit (a `.txt`/`.md`/`.html` file, or one line of a `.jsonl` file) ends up in
exactly one of the two outputs: an article, or a rejection with a reason. Nothing is
dropped silently, and `input_units` lists the units independently so that a reconciliation
check can prove it.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

DEFAULT_MAX_BYTES = 2_000_000
# A .jsonl file holds many articles: its own limit is the per-article limit times this.
JSONL_FILE_FACTOR = 1_000

# Rejection reasons: a closed vocabulary, so the gate can check it and analysts can group by it.
REJECT_REASONS = (
    "unsupported_format",
    "binary",
    "not_utf8",
    "empty",
    "too_large",
    "broken_json",
    "not_an_object",
    "missing_text",
    "bad_field",
    "no_main_text",
    "duplicate_id",
    "unreadable",
)

RAW_ARTICLE_SCHEMA = {
    "article_id": pl.String,
    "source_file": pl.String,
    "line_no": pl.Int64,
    "format": pl.String,
    "title": pl.String,
    "text": pl.String,
    "published_at": pl.Datetime("us"),
    "published_at_raw": pl.String,
    "url": pl.String,
    "source": pl.String,
    "n_bytes": pl.Int64,
}
REJECTED_SCHEMA = {
    "source_file": pl.String,
    "line_no": pl.Int64,
    "reason": pl.String,
    "detail": pl.String,
    "n_bytes": pl.Int64,
}
UNIT_SCHEMA = {"source_file": pl.String, "line_no": pl.Int64}


@dataclass
class IngestResult:
    """What one landing batch became."""

    articles: pl.DataFrame
    rejected: pl.DataFrame
    units: pl.DataFrame

    @property
    def n_inputs(self) -> int:
        return self.units.height


@dataclass
class _Batch:
    articles: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    seen_ids: dict[str, str] = field(default_factory=dict)

    def reject(self, source: str, line_no: int | None, reason: str, detail: str, n_bytes: int):
        assert reason in REJECT_REASONS, reason
        self.rejected.append(
            {"source_file": source, "line_no": line_no, "reason": reason,
             "detail": detail[:500], "n_bytes": n_bytes}
        )

    def accept(self, row: dict) -> None:
        """Keep the article unless its id was already taken in this batch."""
        where = _unit_name(row["source_file"], row["line_no"])
        first = self.seen_ids.get(row["article_id"])
        if first is not None:
            self.reject(row["source_file"], row["line_no"], "duplicate_id",
                        f"article_id {row['article_id']!r} already used by {first}", row["n_bytes"])
            return
        self.seen_ids[row["article_id"]] = where
        self.articles.append(row)


def _unit_name(source: str, line_no: int | None) -> str:
    return source if line_no is None else f"{source}:{line_no}"


def list_input_files(path: Path) -> list[Path]:
    """Every regular file under `path` (or `path` itself), sorted, hidden ones included.

    Hidden files are listed too: a stray `.DS_Store` becomes an `unsupported_format`
    rejection rather than vanishing.
    """
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileNotFoundError(f"input path does not exist: {path}")
    return sorted(p for p in path.rglob("*") if p.is_file())


def normalise_for_id(text: str) -> str:
    """The text as hashed for an id: NFC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def text_hash_id(text: str) -> str:
    """A stable article id derived from the normalised text (used when none is given)."""
    return hashlib.sha256(normalise_for_id(text).encode()).hexdigest()[:16]


def looks_binary(data: bytes) -> bool:
    """NUL bytes do not occur in text files; their presence means a binary file."""
    return b"\x00" in data[:8192]


def decode_utf8(data: bytes) -> str | None:
    """Strict UTF-8 (a leading BOM is allowed); None when the bytes are not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def split_title(text: str) -> tuple[str | None, str]:
    """Split a plain-text article into (title, body).

    The first line is the title when a blank line follows it, as in wire copy saved to
    text files; otherwise there is no title and the whole text is the body.
    """
    stripped = text.lstrip("\n\r \t")
    lines = stripped.splitlines()
    if len(lines) >= 3 and lines[0].strip() and not lines[1].strip():
        body = "\n".join(lines[2:]).strip("\n")
        if body.strip():
            # A Markdown heading marker is layout, not part of the title.
            return lines[0].strip().lstrip("#").strip(), body
    return None, stripped


def parse_timestamp(value: str | None) -> datetime | None:
    """An ISO 8601 time as naive UTC, or None when absent or unreadable."""
    if not value:
        return None
    try:
        ts = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if ts.tzinfo is not None:
        ts = ts.astimezone(UTC).replace(tzinfo=None)
    return ts


def html_main_text(html: str) -> tuple[str | None, str | None]:
    """(title, main text) of an HTML page, boilerplate (menus, footers) removed by trafilatura."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                      with_metadata=True)
    if doc is None:
        return None, None
    text = getattr(doc, "text", None)
    title = getattr(doc, "title", None)
    if text and title:
        first, _, rest = text.partition("\n")
        if first.strip() == title.strip():  # the page's <h1> repeats the title
            text = rest
    return title, text


def _article(source: str, line_no: int | None, fmt: str, title: str | None, text: str,
             n_bytes: int, article_id: str | None = None, published_raw: str | None = None,
             url: str | None = None, outlet: str | None = None) -> dict:
    return {
        "article_id": article_id or text_hash_id(text),
        "source_file": source,
        "line_no": line_no,
        "format": fmt,
        "title": title,
        "text": text,
        "published_at": parse_timestamp(published_raw),
        "published_at_raw": published_raw,
        "url": url,
        "source": outlet,
        "n_bytes": n_bytes,
    }


def _read_text_file(path: Path, source: str, data: bytes, batch: _Batch) -> None:
    text = decode_utf8(data)
    if text is None:
        batch.reject(source, None, "not_utf8", "file is not valid UTF-8", len(data))
        return
    if not text.strip():
        batch.reject(source, None, "empty", "file holds no text", len(data))
        return
    title, body = split_title(text)
    # The file name is the given id of a text file: it is what the newsroom named the story.
    batch.accept(_article(source, None, path.suffix.lstrip("."), title, body, len(data),
                          article_id=path.stem))


def _read_html_file(path: Path, source: str, data: bytes, batch: _Batch) -> None:
    html = decode_utf8(data)
    if html is None:
        batch.reject(source, None, "not_utf8", "file is not valid UTF-8", len(data))
        return
    if not html.strip():
        batch.reject(source, None, "empty", "file holds no text", len(data))
        return
    title, text = html_main_text(html)
    if not text or not text.strip():
        batch.reject(source, None, "no_main_text", "no main text found in the HTML page", len(data))
        return
    batch.accept(_article(source, None, "html", title, text, len(data), article_id=path.stem))


OPTIONAL_STRING_FIELDS = ("id", "title", "published_at", "url", "source")


def _read_jsonl_line(source: str, line_no: int, raw: bytes, max_bytes: int, batch: _Batch) -> None:
    n = len(raw)
    if n > max_bytes:
        batch.reject(source, line_no, "too_large", f"{n} bytes > limit {max_bytes}", n)
        return
    line = decode_utf8(raw)
    if line is None:
        batch.reject(source, line_no, "not_utf8", "line is not valid UTF-8", n)
        return
    if not line.strip():
        batch.reject(source, line_no, "empty", "blank line", n)
        return
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        batch.reject(source, line_no, "broken_json", str(exc), n)
        return
    if not isinstance(obj, dict):
        batch.reject(source, line_no, "not_an_object", f"JSON {type(obj).__name__}, not an object", n)
        return
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        batch.reject(source, line_no, "missing_text", "no non-empty string field 'text'", n)
        return
    for key in OPTIONAL_STRING_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str | int):
            batch.reject(source, line_no, "bad_field", f"field {key!r} is a {type(value).__name__}", n)
            return
    given_id = str(obj["id"]).strip() if obj.get("id") not in (None, "") else None
    batch.accept(_article(
        source, line_no, "jsonl", obj.get("title"), text, n, article_id=given_id,
        published_raw=_str_or_none(obj.get("published_at")), url=_str_or_none(obj.get("url")),
        outlet=_str_or_none(obj.get("source")),
    ))


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def jsonl_lines(data: bytes) -> list[bytes]:
    """The lines of a JSON Lines file; a final newline does not start another line."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return [line.rstrip(b"\r") for line in lines]


def input_units(files: Iterable[Path], root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> pl.DataFrame:
    """What must be accounted for: one unit per file, or per line of a readable .jsonl file."""
    rows: list[tuple[str, int | None]] = []
    for path in files:
        source = _source_name(path, root)
        if path.suffix.lower() in JSONL_SUFFIXES:
            data = path.read_bytes()
            if data and not looks_binary(data) and len(data) <= max_bytes * JSONL_FILE_FACTOR:
                rows.extend((source, i) for i in range(1, len(jsonl_lines(data)) + 1))
                continue
        rows.append((source, None))
    return pl.DataFrame(rows, schema=UNIT_SCHEMA, orient="row")


def _source_name(path: Path, root: Path) -> str:
    """The file's path relative to the landing root, or its name when it lies outside."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def _read_file(path: Path, source: str, max_bytes: int, batch: _Batch) -> None:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        size = path.stat().st_size
        batch.reject(source, None, "unsupported_format",
                     f"'{suffix or path.name}' is not one of {sorted(SUPPORTED_SUFFIXES)}", size)
        return
    data = path.read_bytes()
    limit = max_bytes * JSONL_FILE_FACTOR if suffix in JSONL_SUFFIXES else max_bytes
    if not data:
        batch.reject(source, None, "empty", "file is empty", 0)
    elif looks_binary(data):
        batch.reject(source, None, "binary", "file holds NUL bytes", len(data))
    elif len(data) > limit:
        batch.reject(source, None, "too_large", f"{len(data)} bytes > limit {limit}", len(data))
    elif suffix in JSONL_SUFFIXES:
        for i, raw in enumerate(jsonl_lines(data), start=1):
            _read_jsonl_line(source, i, raw, max_bytes, batch)
    elif suffix in HTML_SUFFIXES:
        _read_html_file(path, source, data, batch)
    else:
        _read_text_file(path, source, data, batch)


def iter_progress(items: list[Path], progress: Callable[[str], None] | None,
                  every: int = 1000) -> Iterator[Path]:
    for i, item in enumerate(items, start=1):
        yield item
        if progress and (i % every == 0 or i == len(items)) and len(items) >= every:
            progress(f"ingest: read {i}/{len(items)} files")


def ingest_files(files: list[Path], root: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                 progress: Callable[[str], None] | None = None) -> IngestResult:
    """Read the given files into articles and rejections; one bad input never stops the batch."""
    batch = _Batch()
    for path in iter_progress(files, progress):
        source = _source_name(path, root)
        try:
            _read_file(path, source, max_bytes, batch)
        except OSError as exc:  # permissions, a file removed while reading
            batch.reject(source, None, "unreadable", str(exc), 0)
    return IngestResult(
        articles=pl.DataFrame(batch.articles, schema=RAW_ARTICLE_SCHEMA),
        rejected=pl.DataFrame(batch.rejected, schema=REJECTED_SCHEMA),
        units=input_units(files, root, max_bytes),
    )


def ingest_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                progress: Callable[[str], None] | None = None) -> IngestResult:
    """Ingest a folder, a landing day or a single file."""
    root = path if path.is_dir() else path.parent
    return ingest_files(list_input_files(path), root, max_bytes, progress)


def move_known_ids(articles: pl.DataFrame, rejected: pl.DataFrame,
                   known: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Reject articles whose id already arrived on another day (known: article_id, arrival_date).

    The warehouse keeps one article per id; a re-delivery is recorded, not stored twice.
    """
    if known.is_empty():
        return articles, rejected
    first = known.group_by("article_id").agg(pl.col("arrival_date").min())
    hit = articles.join(first, on="article_id", how="inner")
    moved = hit.select(
        "source_file", "line_no", pl.lit("duplicate_id").alias("reason"),
        pl.format("article_id {} already arrived on {}", "article_id", "arrival_date")
        .alias("detail"), "n_bytes",
    )
    kept = articles.join(first, on="article_id", how="anti")
    return kept, pl.concat([rejected, moved.cast(REJECTED_SCHEMA)])
