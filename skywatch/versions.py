"""Version stamps: every version written on a row is a hash of the rules and data that made it.

A stamp reads `<name>+<12 hex>`: the name says which stage (and is bumped by hand only for a
change of meaning, e.g. `extract-5`); the hash covers the source of every module that decides
the stage's output, the data files it reads (the vocabulary, plausibility bounds) and the
versions of the packages it runs (the spaCy model, the gazetteer packages). A rule change thus
always ships under a new stamp, even when nobody bumped anything. No dagster here.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path

from skywatch import vocab

# The vocabulary and the bounds: data every extraction rule reads.
RULE_DATA = (*(files("skywatch.vocab") / f"{name}.yaml" for name in vocab.FILES),
             files("skywatch") / "data" / "plausibility.yaml")


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def module_source(name: str) -> bytes:
    """The bytes of a module's source file, found without importing it (no import cycles)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"no source for {name}")
    return Path(spec.origin).read_bytes()


def content_hash(modules: Iterable[str] = (), data: Iterable = (), packages: Iterable[str] = (),
                 extra: str = "") -> str:
    """SHA-256 hex over module sources, data files' bytes and package versions (order-free)."""
    digest = hashlib.sha256(extra.encode())
    for name in sorted(set(modules)):
        digest.update(b"\0module " + name.encode() + b"\0" + module_source(name))
    for item in sorted(data, key=str):
        digest.update(b"\0data " + Path(str(item)).name.encode() + b"\0" + item.read_bytes())
    for name in sorted(set(packages)):
        digest.update(f"\0package {name}={package_version(name)}".encode())
    return digest.hexdigest()


def stamp(name: str, modules: Iterable[str] = (), data: Iterable = (), packages: Iterable[str] = ()) -> str:
    """`<name>+<12 hex>` for the rows a stage writes."""
    return f"{name}+{content_hash(modules, data, packages)[:12]}"
