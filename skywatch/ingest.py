"""Ingest: read a landing folder into article rows and rejection rows.

Every input unit (an entry of the day folder, or one line of a `.jsonl` file) ends up in
exactly one of the two outputs: an article, or a rejection with a reason. Nothing is
dropped silently, and `input_units` lists the units from the same listing so that a
reconciliation check can prove it.

Hostile input is expected, not exceptional:

- listing never follows a symbolic link and never opens anything: links, FIFOs, sockets and
  devices are units of their own and become rejections (`symlink`, `not_a_regular_file`); a
  folder that cannot be listed is one `unreadable` unit;
- sizes are checked on `lstat` before reading, and no read takes more than limit + 1 bytes;
- UTF-16 and UTF-32 files with a byte-order mark are decoded; UTF-16 without one is named;
- every string stored is valid UTF-8: names that are not (bytes on disk) are written with
  `\\xNN` escapes so they still point at the file, lone surrogates in content become U+FFFD;
- any unexpected error while reading one file or line becomes one `ingest_error` rejection;
- duplicate ids are resolved in (source_file, line_no) order, whatever the listing order.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from skywatch import plausibility

# The first arrival day (the full-scale invasion): nothing earlier is expected in the landing
# folder. The daily partitions start here (assets/partitions.py), and so do `skywatch run --day`.
FIRST_DAY = "2022-02-24"

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
# The `format` column: suffixes are matched case-insensitively (`REPORT.TXT` is a txt file).
FORMAT_OF_SUFFIX = {".txt": "txt", ".md": "md", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}

DEFAULT_MAX_BYTES = 2_000_000
# A .jsonl file holds many articles: its own limit is the per-article limit times this.
JSONL_FILE_FACTOR = 1_000
MAX_DETAIL_CHARS = 500

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
    "symlink",
    "not_a_regular_file",
    "utf16_no_bom",
    "too_deep",
    "ingest_error",
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
    "given_id": pl.String,
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


class _Refusal(Exception):
    """An input that cannot become an article, with its rejection reason."""

    def __init__(self, reason: str, detail: str, n_bytes: int | None = None):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.n_bytes = n_bytes  # None: the size of what was read


# --- strings that DuckDB and Arrow can store -------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


def _is_utf8(text: str) -> bool:
    """No lone surrogate (the one thing a Python str holds that UTF-8 cannot); C-fast."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def escape_surrogates(name: str) -> str:
    """A name made valid UTF-8 reversibly: a byte that was not UTF-8 on disk (Python holds it as
    U+DC80..U+DCFF) becomes `\\xNN`, any other lone surrogate `\\udNNN`.

    Used for file names and details: they must still say which file on disk is meant.
    """
    if _is_utf8(name):
        return name

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"

    return _SURROGATE.sub(escape, name)


def replace_surrogates(text: str) -> str:
    """Content made valid UTF-8: each lone surrogate (e.g. from a JSON `\\ud800` escape) becomes
    U+FFFD, one character for one, so character offsets into the text stay where they were."""
    return text if _is_utf8(text) else _SURROGATE.sub("\ufffd", text)


def _content(value: str | None) -> str | None:
    return None if value is None else replace_surrogates(value)


def one_line(text: str, limit: int = MAX_DETAIL_CHARS) -> str:
    """A detail as stored: one line, valid UTF-8, at most `limit` characters."""
    return escape_surrogates(" ".join(text.split()))[:limit]


def error_detail(exc: BaseException) -> str:
    """`<ErrorClass>: <message>` on one line."""
    return one_line(f"{type(exc).__name__}: {exc}")


# --- rows ------------------------------------------------------------------------------------

# Candidate rows become a frame every this many: a day of 100,000 articles held as Python dicts
# until the end took a gigabyte more than its frame, and the freed memory stayed with the process.
ROWS_PER_FRAME = 2_000


@dataclass
class _Rows:
    """What one input made, or many: candidate articles (ids not yet resolved, as frames and the
    dicts not yet in one) and rejections."""

    articles: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    frames: list[pl.DataFrame] = field(default_factory=list)

    def reject(self, source: str, line_no: int | None, reason: str, detail: str, n_bytes: int) -> None:
        self.rejected.append(rejection_row(source, line_no, reason, detail, n_bytes))

    def add(self, row: dict) -> None:
        self.articles.append(row)
        if len(self.articles) >= ROWS_PER_FRAME:
            self._flush()

    def take(self, other: _Rows) -> None:
        """Add what another input made."""
        self.frames.extend(other.frames)
        self.rejected.extend(other.rejected)
        for row in other.articles:
            self.add(row)

    def article_frame(self) -> pl.DataFrame:
        self._flush()
        return pl.concat(self.frames) if self.frames else pl.DataFrame(schema=RAW_ARTICLE_SCHEMA)

    def _flush(self) -> None:
        if self.articles:
            self.frames.append(pl.DataFrame(self.articles, schema=RAW_ARTICLE_SCHEMA))
            self.articles = []


def rejection_row(source: str, line_no: int | None, reason: str, detail: str, n_bytes: int) -> dict:
    """One raw.rejected row; the reason must be one of REJECT_REASONS."""
    if reason not in REJECT_REASONS:
        raise ValueError(f"unknown rejection reason {reason!r}")
    return {"source_file": escape_surrogates(source), "line_no": line_no, "reason": reason,
            "detail": one_line(detail), "n_bytes": n_bytes}


def _unit_name(source: str, line_no: int | None) -> str:
    return source if line_no is None else f"{source}:{line_no}"


def _unit_order(row: dict) -> tuple[str, int]:
    """Rows in (source_file, line_no) order, a whole file before its lines."""
    return row["source_file"], -1 if row["line_no"] is None else row["line_no"]


# --- listing ---------------------------------------------------------------------------------

_DAY_NAME = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def is_day_name(name: str) -> bool:
    """`YYYY-MM-DD` naming a real date (ASCII digits only)."""
    if not _DAY_NAME.fullmatch(name):
        return False
    try:
        date.fromisoformat(name)
    except ValueError:
        return False
    return True


def list_input_files(path: Path) -> list[Path]:
    """Every entry under `path` that is not a listable folder, sorted; hidden ones included.

    Nothing is followed or opened: a symlink (to a file, a folder, nowhere or itself), a FIFO,
    a socket is listed as itself and rejected when read. A folder that cannot be listed is
    listed as itself (it becomes one `unreadable` rejection). `path` itself may be a symlink:
    the folder or file the operator named is read where it points.
    """
    if path.is_dir():
        return sorted(_walk(path), key=str)
    if path.is_symlink() and path.exists():
        return [path.resolve()]
    if os.path.lexists(path):
        return [path]
    raise FileNotFoundError(f"input path does not exist: {path}")


def _walk(root: Path) -> list[Path]:
    """The non-folder entries below `root`, without recursion (folders may nest deeply)."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()  # follows only `root`: no other symlink is ever pushed
            if (info.st_dev, info.st_ino) in seen:  # a bind mount looping back
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            found.append(folder)
            continue
        for entry in entries:
            if _is_real_folder(entry):
                stack.append(Path(entry.path))
            else:
                found.append(Path(entry.path))
    return found


def _is_real_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:  # cannot tell: list it, reading it will say what is wrong
        return False


def stray_landing_entries(root: Path) -> list[tuple[str, str]]:
    """Entries of the landing root that no day will read, as (name, reason), sorted by name.

    Only real `YYYY-MM-DD` folders are days (as for `skywatch run`, a symlink is not followed);
    files, other folders and symlinks are stray. A root that cannot be listed is one entry.
    """
    if not os.path.lexists(root):
        return []
    try:
        with os.scandir(root) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        return [(escape_surrogates(str(root)), f"landing root cannot be listed: {error_detail(exc)}")]
    stray = []
    for entry in entries:
        reason = _stray_reason(entry)
        if reason:
            stray.append((escape_surrogates(entry.name), reason))
    return stray


def is_day_folder(entry: os.DirEntry) -> bool:
    """A day of the landing root: a real folder (not a symlink) named `YYYY-MM-DD`."""
    return is_day_name(entry.name) and _is_real_folder(entry)


def _stray_reason(entry: os.DirEntry) -> str | None:
    try:
        is_link = entry.is_symlink()
        is_folder = entry.is_dir(follow_symlinks=False)
    except OSError as exc:
        return f"cannot be examined: {error_detail(exc)}"
    if is_link:
        return "symbolic link, not followed"
    if is_day_name(entry.name):
        return None if is_folder else "named like a day but not a folder"
    if is_folder:
        return "folder not named like a day (YYYY-MM-DD)"
    return "not in a day folder"


def _source_name(path: Path, root: Path) -> str:
    """The path relative to the landing root, lexically (no symlink is resolved), or its name
    when it lies outside; not yet escaped. String work only: it runs twice per file."""
    full, base = os.path.abspath(path), os.path.abspath(root)
    if full == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if full.startswith(prefix):
        return full[len(prefix):].replace(os.sep, "/")
    return path.name


# --- ids and text ----------------------------------------------------------------------------

def normalise_for_id(text: str) -> str:
    """The text as hashed for an id: NFC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def text_digest(text: str) -> str:
    """SHA-256 (hex) of the normalised text: equal digests mean the same article text."""
    return hashlib.sha256(normalise_for_id(replace_surrogates(text)).encode()).hexdigest()


def text_hash_id(text: str) -> str:
    """A stable article id derived from the normalised text (used when none is given)."""
    return text_digest(text)[:16]


def looks_binary(data: bytes) -> bool:
    """NUL bytes do not occur in text files; their presence means a binary file."""
    return b"\x00" in data[:8192]


def looks_utf16_without_bom(data: bytes) -> bool:
    """NUL bytes nearly all on one parity (the high byte of Latin characters) and the rest
    decoding as clean UTF-16: text saved as UTF-16 without a byte-order mark."""
    sample = data[:8192]
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if even + odd < 2 or min(even, odd) > 0.05 * (even + odd):
        return False
    text = sample.decode("utf-16-le" if odd > even else "utf-16-be", errors="replace")
    return text.count("\ufffd") <= 1 and not _CONTROL.search(text)


def decode_utf8(data: bytes) -> str | None:
    """Strict UTF-8 (a leading BOM is allowed); None when the bytes are not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
              (b"\xff\xfe", "utf-16", "UTF-16"), (b"\xfe\xff", "utf-16", "UTF-16"))


def _wide_bom(data: bytes) -> tuple[str, str] | None:
    """(codec, name) when the data starts with a UTF-32 or UTF-16 byte-order mark."""
    for bom, codec, name in _WIDE_BOMS:  # UTF-32 first: its LE mark starts like UTF-16's
        if data.startswith(bom):
            return codec, name
    return None


def _refuse_nul(data: bytes, whole: bool) -> None:
    """Refuse bytes holding NUL: UTF-16 without a BOM when it looks like it, else binary."""
    if b"\x00" not in (data if whole else data[:8192]):
        return
    if looks_utf16_without_bom(data):
        raise _Refusal("utf16_no_bom", "text looks like UTF-16 (NUL in every other byte) without a "
                                       "byte-order mark; save it as UTF-8 or with a BOM")
    raise _Refusal("binary", "file holds NUL bytes")


def decode_file(data: bytes) -> str:
    """A whole text file: UTF-8 (a BOM is allowed), or UTF-16/UTF-32 after its BOM.

    Raises _Refusal (binary, utf16_no_bom, not_utf8).
    """
    wide = _wide_bom(data)
    if wide is None:
        _refuse_nul(data, whole=True)
        text = decode_utf8(data)
        if text is None:
            raise _Refusal("not_utf8", "file is not valid UTF-8")
        return text
    codec, name = wide
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _Refusal("not_utf8", f"file starts with a {name} byte-order mark but is not valid "
                                   f"{name} ({exc.reason} at byte {exc.start})") from None
    if _CONTROL.search(text):
        raise _Refusal("binary", f"file decoded as {name} holds control characters")
    return text


def jsonl_payload(data: bytes) -> bytes:
    """The UTF-8 bytes whose lines are the articles of a .jsonl file.

    UTF-16/32 with a BOM is decoded whole and re-encoded; UTF-8 stays as it is and each line is
    decoded alone, so that one bad line costs one line. Raises _Refusal.
    """
    if _wide_bom(data) is not None:
        payload = decode_file(data).encode("utf-8")
    else:
        _refuse_nul(data, whole=False)  # a NUL deep inside costs only its line (broken JSON)
        payload = data
    if not payload:
        raise _Refusal("empty", "file holds no text")
    return payload


def jsonl_lines(data: bytes) -> list[bytes]:
    """The lines of a JSON Lines file; a final newline does not start another line."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return [line.rstrip(b"\r") for line in lines]


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
    """An ISO 8601 time as naive UTC, or None when absent, unreadable or out of range.

    Out of range is outside `plausibility.publication_span()` (1900..2199): a "published" year 1
    or 9999 is a broken field, not a time (`published_at_raw` keeps what was given).
    """
    if not value:
        return None
    try:
        ts = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        if ts.tzinfo is not None:
            ts = ts.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):  # `9999-12-31T23:00-05:00` overflows into year 10000
        return None
    return ts if plausibility.publication_is_plausible(ts) else None


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
             n_bytes: int, given_id: str | None = None, published_raw: str | None = None,
             url: str | None = None, outlet: str | None = None) -> dict:
    """A candidate raw.articles row, every string valid UTF-8; its id may still change when
    another article of the batch already holds it (see resolve_ids)."""
    text = replace_surrogates(text)
    given_id = _content(given_id.strip()) if given_id and given_id.strip() else None
    published_raw = _content(published_raw)
    return {
        "article_id": given_id or text_hash_id(text),
        "source_file": escape_surrogates(source),
        "line_no": line_no,
        "format": fmt,
        "title": _content(title),
        "text": text,
        "published_at": parse_timestamp(published_raw),
        "published_at_raw": published_raw,
        "url": _content(url),
        "source": _content(outlet),
        "n_bytes": n_bytes,
        "given_id": given_id,
    }


# --- reading ---------------------------------------------------------------------------------

def _limit(suffix: str, max_bytes: int) -> int:
    return max_bytes * JSONL_FILE_FACTOR if suffix in JSONL_SUFFIXES else max_bytes


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _refuse_by_stat(path: Path, info: os.stat_result, max_bytes: int) -> _Refusal | None:
    """What `lstat` alone shows is wrong with an entry, before anything is opened."""
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return _Refusal("symlink", f"symbolic link to {target!r}, not followed", 0)
    if stat.S_ISDIR(mode):
        return _Refusal("unreadable", f"folder cannot be listed: {_listing_error(path)}", 0)
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        return _Refusal("not_a_regular_file", f"{kind}, not opened", 0)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return _Refusal("unsupported_format",
                        f"'{path.suffix or path.name}' is not one of {sorted(SUPPORTED_SUFFIXES)}",
                        info.st_size)
    limit = _limit(suffix, max_bytes)
    if info.st_size > limit:
        return _Refusal("too_large", f"{info.st_size} bytes > limit {limit}, not read", info.st_size)
    return None


def _listing_error(path: Path) -> str:
    try:
        with os.scandir(path):
            return "it was unreadable when the day was listed"
    except OSError as exc:
        return error_detail(exc)


def read_bounded(path: Path, limit: int) -> bytes | None:
    """At most `limit` + 1 bytes of a regular file (None when it is not one any more).

    O_NOFOLLOW and O_NONBLOCK: an entry swapped for a symlink or a FIFO after listing is
    neither followed nor waited on.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks, remaining = [], limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _read_checked(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file that passed every check on its `lstat`; raises _Refusal."""
    refusal = _refuse_by_stat(path, os.lstat(path), max_bytes)
    if refusal is not None:
        raise refusal
    limit = _limit(path.suffix.lower(), max_bytes)
    data = read_bounded(path, limit)
    if data is None:
        raise _Refusal("not_a_regular_file", "replaced by something else than a regular file", 0)
    if not data:
        raise _Refusal("empty", "file is empty", 0)
    if len(data) > limit:
        raise _Refusal("too_large", f"grew past the limit {limit} while read", len(data))
    return data


def _read_file(path: Path, source: str, max_bytes: int, out: _Rows) -> None:
    """One listed entry: its article(s) and rejection(s) into `out`."""
    suffix = path.suffix.lower()
    data = b""
    try:
        data = _read_checked(path, max_bytes)
        if suffix in JSONL_SUFFIXES:
            payload = jsonl_payload(data)
        else:
            text = decode_file(data)
    except _Refusal as refusal:
        n_bytes = len(data) if refusal.n_bytes is None else refusal.n_bytes
        out.reject(source, None, refusal.reason, refusal.detail, n_bytes)
        return
    if suffix in JSONL_SUFFIXES:
        _read_jsonl_lines(source, payload, max_bytes, out)
    elif suffix in HTML_SUFFIXES:
        _read_html(path, source, text, len(data), out)
    else:
        _read_text(path, source, text, len(data), out)


def _file_id(path: Path) -> str | None:
    """The given id of a whole file: what the newsroom named the story (escaped like its name)."""
    return escape_surrogates(path.stem)


def _read_text(path: Path, source: str, text: str, n_bytes: int, out: _Rows) -> None:
    if not text.strip():
        out.reject(source, None, "empty", "file holds no text", n_bytes)
        return
    title, body = split_title(text)
    out.add(_article(source, None, FORMAT_OF_SUFFIX[path.suffix.lower()], title, body, n_bytes,
                     given_id=_file_id(path)))


def _read_html(path: Path, source: str, html: str, n_bytes: int, out: _Rows) -> None:
    if not html.strip():
        out.reject(source, None, "empty", "file holds no text", n_bytes)
        return
    title, text = html_main_text(html)
    if not text or not text.strip():
        out.reject(source, None, "no_main_text", "no main text found in the HTML page", n_bytes)
        return
    out.add(_article(source, None, "html", title, text, n_bytes, given_id=_file_id(path)))


def _read_jsonl_lines(source: str, payload: bytes, max_bytes: int, out: _Rows) -> None:
    for i, raw in enumerate(jsonl_lines(payload), start=1):
        try:
            _read_jsonl_line(source, i, raw, max_bytes, out)
        except Exception as exc:  # the safety net: one line, never the batch
            out.reject(source, i, "ingest_error", error_detail(exc), len(raw))


OPTIONAL_STRING_FIELDS = ("id", "title", "published_at", "url", "source")


def _read_jsonl_line(source: str, line_no: int, raw: bytes, max_bytes: int, out: _Rows) -> None:
    """One line of a .jsonl file: one article or one rejection, appended last."""
    n = len(raw)
    try:
        obj = _parse_jsonl_line(raw, max_bytes)
        text = _checked_fields(obj)
    except _Refusal as refusal:
        out.reject(source, line_no, refusal.reason, refusal.detail, n)
        return
    out.add(_article(
        source, line_no, "jsonl", _str_or_none(obj.get("title")), text, n,
        given_id=_str_or_none(obj.get("id")), published_raw=_str_or_none(obj.get("published_at")),
        url=_str_or_none(obj.get("url")), outlet=_str_or_none(obj.get("source")),
    ))


def _parse_jsonl_line(raw: bytes, max_bytes: int) -> dict:
    if len(raw) > max_bytes:
        raise _Refusal("too_large", f"{len(raw)} bytes > limit {max_bytes}")
    line = decode_utf8(raw)
    if line is None:
        raise _Refusal("not_utf8", "line is not valid UTF-8")
    if not line.strip():
        raise _Refusal("empty", "blank line")
    try:
        obj = json.loads(line)
    except RecursionError:
        raise _Refusal("too_deep", "JSON nested deeper than the parser can follow") from None
    except ValueError as exc:  # JSONDecodeError, and integers of more than 4300 digits
        raise _Refusal("broken_json", str(exc)) from None
    if not isinstance(obj, dict):
        raise _Refusal("not_an_object", f"JSON {type(obj).__name__}, not an object")
    return obj


def _checked_fields(obj: dict) -> str:
    """The text of a parsed line, once every field has a usable type."""
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _Refusal("missing_text", "no non-empty string field 'text'")
    for key in OPTIONAL_STRING_FIELDS:
        value = obj.get(key)
        # bool is an int to Python, but `true` is no id or title.
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise _Refusal("bad_field", f"field {key!r} is a {type(value).__name__}")
    return text


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _read_one(path: Path, source: str, max_bytes: int) -> _Rows:
    """Every row of one listed entry; any error becomes its one rejection (the safety net)."""
    out = _Rows()
    try:
        _read_file(path, source, max_bytes, out)
    except OSError as exc:  # permissions, a file removed while reading
        out = _Rows()
        out.reject(source, None, "unreadable", error_detail(exc), 0)
    except Exception as exc:  # whatever else: this input's rejection, never the batch's crash
        out = _Rows()
        out.reject(source, None, "ingest_error", error_detail(exc), 0)
    return out


# --- units and the batch ---------------------------------------------------------------------

def _unit_lines(path: Path, max_bytes: int) -> list[int | None]:
    """The units of one entry: its lines when it is a readable .jsonl file, else itself."""
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return [None]
    try:
        return list(range(1, len(jsonl_lines(jsonl_payload(_read_checked(path, max_bytes)))) + 1))
    except Exception:  # whatever stops reading it: the file is then one unit, rejected whole
        return [None]


def input_units(files: Iterable[Path], root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> pl.DataFrame:
    """What must be accounted for: one unit per listed entry, or per line of a readable .jsonl
    file; the same checks as reading decide what is readable, and nothing here raises."""
    rows = [(escape_surrogates(_source_name(path, root)), line)
            for path in files for line in _unit_lines(path, max_bytes)]
    return pl.DataFrame(rows, schema=UNIT_SCHEMA, orient="row")


def _id_candidates(wanted: str, digest: str) -> Iterator[str]:
    """The ids an article may take, in order: the one it came with, then `<id>~<8 hex of its
    text hash>`, longer only when even that is taken."""
    yield wanted
    yield f"{wanted}~{digest[:8]}"
    yield f"{wanted}~{digest[:16]}"
    n = 2
    while True:
        yield f"{wanted}~{digest[:16]}-{n}"
        n += 1


def resolve_ids(candidates: pl.DataFrame) -> tuple[pl.DataFrame, list[dict]]:
    """Unique article ids, decided in (source_file, line_no) order whatever the listing order.

    The same id with the same normalised text is a re-delivery: a `duplicate_id` rejection
    naming the first. The same id with another text is another article: it is kept under a
    derived id, and `given_id` still says which id it came with. Texts are hashed only when
    ids meet (only the ids and file names become Python objects here, not the texts).
    """
    ordered = candidates.sort([pl.col("source_file"), pl.col("line_no").fill_null(-1)], maintain_order=True)
    ids, sources, lines = (ordered[c].to_list() for c in ("article_id", "source_file", "line_no"))
    texts, sizes = ordered["text"], ordered["n_bytes"]
    kept: list[str | None] = []  # the id each row keeps; None for a re-delivery
    duplicates: list[dict] = []
    holder: dict[str, int] = {}  # article id -> the row holding it
    digests: dict[int, str] = {}

    def digest_of(row: int) -> str:
        if row not in digests:
            digests[row] = text_digest(texts[row])
        return digests[row]

    for row, wanted in enumerate(ids):
        if wanted not in holder:
            holder[wanted] = row
            kept.append(wanted)
            continue
        digests[row] = digest = text_digest(texts[row])
        kept.append(None)
        for article_id in _id_candidates(wanted, digest):
            first = holder.get(article_id)
            if first is None:
                holder[article_id] = row
                kept[row] = article_id
                break
            if digest_of(first) == digest:
                duplicates.append(rejection_row(
                    sources[row], lines[row], "duplicate_id",
                    f"article_id {article_id!r} with the same text already used by "
                    f"{_unit_name(sources[first], lines[first])}", sizes[row]))
                break
    articles = ordered.with_columns(pl.Series("article_id", kept, dtype=pl.String)) \
        .filter(pl.col("article_id").is_not_null())
    return articles, duplicates


def iter_progress(items: list[Path], progress: Callable[[str], None] | None,
                  every: int = 1000) -> Iterator[Path]:
    for i, item in enumerate(items, start=1):
        yield item
        if progress and (i % every == 0 or i == len(items)) and len(items) >= every:
            progress(f"ingest: read {i}/{len(items)} files")


def ingest_files(files: list[Path], root: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                 progress: Callable[[str], None] | None = None) -> IngestResult:
    """Read the given entries into articles and rejections; one bad input never stops the batch."""
    day = _Rows()
    for path in iter_progress(files, progress):
        day.take(_read_one(path, _source_name(path, root), max_bytes))
    articles, duplicates = resolve_ids(day.article_frame())
    return IngestResult(
        articles=articles,
        rejected=pl.DataFrame(sorted(day.rejected + duplicates, key=_unit_order), schema=REJECTED_SCHEMA),
        units=input_units(files, root, max_bytes),
    )


def ingest_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                progress: Callable[[str], None] | None = None) -> IngestResult:
    """Ingest a folder, a landing day or a single file."""
    files = list_input_files(path)
    root = path if path.is_dir() else files[0].parent
    return ingest_files(files, root, max_bytes, progress)


def move_known_ids(articles: pl.DataFrame, rejected: pl.DataFrame,
                   known: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Articles whose id already arrived on another day (known: article_id, arrival_date and,
    optionally, text).

    The warehouse keeps one article per id; a re-delivery is recorded, not stored twice. When
    `known` carries the text, only the same text is a re-delivery: another text under a known
    id is kept under a derived id, as within a day (see resolve_ids).
    """
    if known.is_empty():
        return articles, rejected
    if "text" in known.columns:
        return _move_known_texts(articles, rejected, known)
    first = known.group_by("article_id").agg(pl.col("arrival_date").min())
    hit = articles.join(first, on="article_id", how="inner")
    moved = hit.select(
        "source_file", "line_no", pl.lit("duplicate_id").alias("reason"),
        pl.format("article_id {} already arrived on {}", "article_id", "arrival_date")
        .alias("detail"), "n_bytes",
    )
    kept = articles.join(first, on="article_id", how="anti")
    return kept, pl.concat([rejected, moved.cast(REJECTED_SCHEMA)])


def _move_known_texts(articles: pl.DataFrame, rejected: pl.DataFrame,
                      known: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    arrived: dict[str, dict[str, object]] = {}  # known id -> text digest -> first arrival day
    for article_id, day, text in known.select("article_id", "arrival_date", "text").iter_rows():
        days = arrived.setdefault(article_id, {})
        digest = text_digest(text or "")
        days[digest] = min(days.get(digest, day), day)
    taken = set(articles["article_id"])
    kept, moved = [], []
    for row in articles.iter_rows(named=True):
        if row["article_id"] not in arrived:
            kept.append(row)
            continue
        digest = text_digest(row["text"])
        for article_id in _id_candidates(row["article_id"], digest):
            day = arrived.get(article_id, {}).get(digest)
            if day is not None:
                moved.append(rejection_row(row["source_file"], row["line_no"], "duplicate_id",
                                           f"article_id {article_id!r} with the same text already "
                                           f"arrived on {day}", row["n_bytes"]))
                break
            if article_id not in arrived and article_id not in taken:
                taken.add(article_id)
                kept.append({**row, "article_id": article_id})
                break
    return (pl.DataFrame(kept, schema=articles.schema),
            pl.concat([rejected, pl.DataFrame(moved, schema=REJECTED_SCHEMA)]))
