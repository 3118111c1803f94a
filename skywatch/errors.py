"""Errors a person can read: one line that names the file, line or option, never a traceback.

`skywatch.cli.main` turns any exception that reaches it into `user_message(...)` and exit 1
(`--debug` or SKYWATCH_DEBUG=1 shows the traceback instead). The messages for the cases people
meet most (a warehouse in use, a corrupt or missing warehouse, a missing file) say what to do.
"""

from __future__ import annotations

import re

_LOCK = re.compile(r"Could not set lock on file \"?([^\"]+?)\"?:.*?(?:PID (\d+))?", re.S)


def first_line(text: str, limit: int = 300) -> str:
    """The first non-blank line of `text`, cut to `limit` characters."""
    for line in str(text).splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return ""


def user_message(exc: BaseException, where: str) -> str:
    """One line for the error `exc` raised by the command `where` (e.g. "skywatch run")."""
    text = str(exc)
    name = type(exc).__name__
    if "Could not set lock on file" in text:
        match = _LOCK.search(text)
        path = match.group(1) if match else "the warehouse"
        pid = f" (process {match.group(2)})" if match and match.group(2) else ""
        return (f"{where}: {path} is in use by another process{pid}; wait for it to finish "
                "or stop it (DuckDB has one writer)")
    if "not a valid DuckDB database file" in text or "is not a valid DuckDB" in text or (
            name in ("IOException", "SerializationException", "InternalException")
            and ("database file" in text or "Corrupt" in text or "checksum" in text.lower())):
        return (f"{where}: the warehouse file is not a readable DuckDB database (corrupt, or another "
                f"kind of file): {first_line(text)}")
    if isinstance(exc, FileNotFoundError):
        return f"{where}: no such file: {exc.filename or first_line(text)}"
    if isinstance(exc, IsADirectoryError):
        return f"{where}: a folder where a file was expected: {exc.filename or first_line(text)}"
    if isinstance(exc, PermissionError):
        return f"{where}: permission denied: {exc.filename or first_line(text)}"
    if isinstance(exc, UnicodeDecodeError):
        return f"{where}: a file is not UTF-8 text ({first_line(text)})"
    return f"{where}: {name}: {first_line(text) or 'no message'} (run with --debug for the traceback)"


def step_failure_lines(result) -> list[str]:
    """One line per failed step of a Dagster run result: the stage and its innermost error."""
    lines = []
    for event in result.all_events:
        if event.event_type_value != "STEP_FAILURE" or event.step_failure_data is None:
            continue
        error = event.step_failure_data.error
        while error is not None and error.cause is not None:
            error = error.cause
        if error is None:
            continue
        if error.cls_name == "DagsterAssetCheckFailedError":
            continue  # a blocking check: the check itself is listed with its reason
        message = first_line(error.message)
        # Dagster's message starts with the exception's qualified name: "_duckdb.BinderException: ...".
        message = re.sub(rf"^[\w.]*{re.escape(error.cls_name)}:\s*", "", message)
        lines.append(f"{event.step_key} raised {error.cls_name}: {message}")
    return lines
