"""A guard in front of the Dagster UI: only the UI's own pages may drive it.

Why: the Dagster webserver (1.13) has no authentication and checks neither `Host` nor
`Origin`. Any web page open in the same browser could therefore drive it: a cross-origin
`GET /graphql?query=mutation{...}` (an `<img src>` is enough) switched the landing sensor on
and started a run, and a DNS-rebinding page (its own name re-pointed at 127.0.0.1) could read
and write everything. Dagster's own settings do not cover this: `--read-only` turns every
mutation off (no backfill from the UI either), and there is no allowed-hosts or CSRF option.

What: `UIGuard`, an ASGI middleware wrapped around the webserver's own Starlette app, in the
webserver's process. Before a request (HTTP or websocket) reaches Dagster it is refused with
403 and a one-line body when:

- its `Host` is not the served loopback address (`127.0.0.1:<port>`, or `localhost:<port>`):
  a DNS-rebinding page always sends its own name there;
- it carries an `Origin` that is not the UI's own (`http://127.0.0.1:<port>`): every
  cross-origin POST, preflight and websocket handshake from another page does;
- `Sec-Fetch-Site` says `cross-site` (or `same-site`, e.g. another localhost port, except for a
  plain link the user follows): the browser telling us another site sent it;
- it is a GraphQL request whose URL query string holds anything but a read-only query (a
  mutation or subscription, or text that does not parse), whatever the method: mutations come
  in a JSON body, which a page elsewhere cannot send without a preflight;
- it POSTs to GraphQL with a form or plain-text body, the only kinds a foreign page can send
  without a preflight (the UI sends `application/json`).

The UI itself (same origin: pages, GraphQL POSTs, the websocket, launching a backfill) and
local scripts that send no `Origin` (curl, urllib) pass unchanged.

How it is put in front: `skywatch ui` runs `python -m skywatch.pipelines.ui_guard dev ...`, which runs
`dagster dev` in-process with one change: the webserver process it starts is
`python -m skywatch.pipelines.ui_guard webserver ...`, which is `dagster-webserver` with its app wrapped
by the guard. In-process, not a reverse proxy, because a proxy leaves the real webserver
listening on another loopback port that a page could reach directly. The launcher then checks
the guard from outside (a request with a foreign `Host` must get our 403) and stops the UI if
it does not, so a Dagster upgrade that bypasses the wrapper fails closed instead of serving
an unguarded UI. No dagster import at module level: the unit tests run the guard alone.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ENV_ALLOWED = "SKYWATCH_UI_GUARD_ADDRESS"  # host:port the guarded webserver serves
REFUSED = "skywatch ui guard: refused"
LOOPBACK_NAMES = {"127.0.0.1": ("localhost",), "localhost": ("127.0.0.1",), "::1": ("localhost",)}
# The content types a page on another origin can POST without a CORS preflight.
SIMPLE_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain")
SAFE_METHODS = {"GET", "HEAD"}


@dataclass(frozen=True)
class Policy:
    """Which `Host` and `Origin` values are the UI's own."""

    hosts: frozenset[str]

    @classmethod
    def for_address(cls, host: str, port: int) -> Policy:
        """The served `host:port` and its loopback aliases (`localhost` for 127.0.0.1)."""
        names = (host, *LOOPBACK_NAMES.get(host, ()))
        hosts = set()
        for name in names:
            shown = f"[{name}]" if ":" in name else name
            hosts.add(f"{shown}:{port}".lower())
            if port == 80:
                hosts.add(shown.lower())
        return cls(frozenset(hosts))

    @classmethod
    def from_env(cls) -> Policy:
        """The policy of the address `skywatch ui` serves, or SystemExit (never an unguarded UI)."""
        value = os.environ.get(ENV_ALLOWED, "")
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit():
            raise SystemExit(f"skywatch ui guard: ${ENV_ALLOWED} must be host:port, not {value!r}")
        return cls.for_address(host.strip("[]"), int(port))

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(f"http://{h}" for h in self.hosts)


def _headers(scope: Scope) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in scope.get("headers") or []:
        found.setdefault(name.decode("latin-1").lower(), []).append(value.decode("latin-1"))
    return found


def _shown(value: str, limit: int = 80) -> str:
    """A header value quoted on one line for the refusal message."""
    return repr(value[:limit] + ("…" if len(value) > limit else ""))


def refusal(scope: Scope, policy: Policy) -> str | None:
    """Why the guard refuses this HTTP or websocket request, or None to let it through."""
    headers = _headers(scope)
    for check in (_check_host, _check_origin, _check_fetch_site):
        reason = check(headers, scope, policy)
        if reason:
            return reason
    if _is_graphql(scope.get("path", "")):
        return _check_graphql(headers, scope)
    return None


def _check_host(headers: dict[str, list[str]], scope: Scope, policy: Policy) -> str | None:
    hosts = headers.get("host", [])
    if len(hosts) != 1:
        return f"{len(hosts)} Host headers (one is required)"
    if hosts[0].strip().lower() not in policy.hosts:
        return f"Host {_shown(hosts[0])} is not {' or '.join(sorted(policy.hosts))}"
    return None


def _check_origin(headers: dict[str, list[str]], scope: Scope, policy: Policy) -> str | None:
    for origin in headers.get("origin", []):
        if origin.strip().lower() not in policy.origins:
            return f"Origin {_shown(origin)} is not the UI's own"
    return None


def _check_fetch_site(headers: dict[str, list[str]], scope: Scope, policy: Policy) -> str | None:
    site = (headers.get("sec-fetch-site") or [""])[-1].strip().lower()
    if site == "cross-site":
        return "Sec-Fetch-Site: cross-site (sent by a page of another site)"
    if site == "same-site":
        # Another port of this host: a link the user follows may open the UI, nothing more.
        mode = (headers.get("sec-fetch-mode") or [""])[-1].strip().lower()
        if not (mode == "navigate" and scope.get("method", "GET") in SAFE_METHODS):
            return "Sec-Fetch-Site: same-site (sent by a page of another port or subdomain)"
    return None


def _is_graphql(path: str) -> bool:
    return path.rstrip("/").endswith("/graphql")


def _check_graphql(headers: dict[str, list[str]], scope: Scope) -> str | None:
    query_string = scope.get("query_string", b"").decode("latin-1")
    for name, value in parse_qsl(query_string, keep_blank_values=True):
        if name == "query":
            reason = _not_a_read(value)
            if reason:
                return f"GraphQL in the URL: {reason}"
    if scope["type"] == "http" and scope.get("method") not in SAFE_METHODS | {"OPTIONS"}:
        content_type = (headers.get("content-type") or [""])[-1].split(";")[0].strip().lower()
        if content_type in SIMPLE_CONTENT_TYPES or not content_type:
            return f"GraphQL {scope.get('method')} with body type {_shown(content_type or 'none')}"
    return None


def _not_a_read(document: str) -> str | None:
    """None when `document` holds only query operations, else what else it holds."""
    from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse

    try:
        parsed = parse(document)
    except (GraphQLError, RecursionError):
        return "not a readable GraphQL document"
    for definition in parsed.definitions:
        if isinstance(definition, OperationDefinitionNode) and definition.operation != OperationType.QUERY:
            return f"a {definition.operation.value} (only queries may be sent by URL)"
    return None


class UIGuard:
    """ASGI middleware: `refusal` decides, refused requests get 403 and one line."""

    def __init__(self, app: ASGIApp, policy: Policy, log: Callable[[str], None] | None = None) -> None:
        self.app = app
        self.policy = policy
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)  # lifespan
            return
        reason = refusal(scope, self.policy)
        if reason is None:
            await self.app(scope, receive, send)
            return
        method = scope.get("method", "WEBSOCKET") if scope["type"] == "http" else "WEBSOCKET"
        self.log(f"{REFUSED} {method} {scope.get('path', '')}: {reason}")
        body = f"{REFUSED}: {reason}\n".encode()
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 403, "headers": [
                (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"), (b"x-content-type-options", b"nosniff")]})
            await send({"type": "http.response.body", "body": body})
        else:
            # Closing before accept makes the server answer the handshake with 403. (uvicorn's
            # websocket.http.response path would carry our line, but it logs a spurious error.)
            await send({"type": "websocket.close", "code": 1008})


# --- running the guarded UI -------------------------------------------------------------------


def launch_command(host: str, port: int, module: str = "skywatch.pipelines.definitions") -> list[str]:
    """The command `skywatch ui` runs: `dagster dev` with the guarded webserver."""
    return [sys.executable, "-m", "skywatch.pipelines.ui_guard", "dev", "-m", module,
            "-h", host, "-p", str(port)]


def _guarded_webserver_command(command: list[str]) -> list[str]:
    """`python -m dagster_webserver ARGS` → `python -m skywatch.pipelines.ui_guard webserver ARGS`."""
    if command[1:3] == ["-m", "dagster_webserver"]:
        return [command[0], "-m", "skywatch.pipelines.ui_guard", "webserver", *command[3:]]
    if any("dagster_webserver" in part or "dagster-webserver" in part for part in command):
        raise SystemExit("skywatch ui guard: dagster dev starts its webserver in a way the guard "
                         f"does not know ({command[:3]}); refusing to serve an unguarded UI")
    return command


def run_dev(argv: list[str]) -> int:
    """`dagster dev ARGV` in this process, its webserver replaced by the guarded one."""
    import dagster._cli.dev as dev

    host, port = _option(argv, "-h", "--host", "127.0.0.1"), int(_option(argv, "-p", "--port", "3000"))
    # Ctrl-C and SIGTERM (which dagster maps onto SIGINT) must stop the UI even when a shell
    # started us in the background with SIGINT ignored; the self-test relies on it too.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    warnings.filterwarnings("ignore", message=".*dev_command.*superseded")  # we run it on purpose
    os.environ[ENV_ALLOWED] = f"{host}:{port}"
    start = dev.open_ipc_subprocess
    dev.open_ipc_subprocess = lambda command, **kwargs: start(_guarded_webserver_command(command), **kwargs)
    failed = threading.Event()
    threading.Thread(target=_self_test, args=(host, port, failed), daemon=True).start()
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C, or the self-test stopping an unguarded UI
        dev.dev_command.main(args=argv, prog_name="skywatch ui", standalone_mode=False)
    return 1 if failed.is_set() else 0


def _option(argv: list[str], short: str, long: str, default: str) -> str:
    for i, arg in enumerate(argv):
        if arg in (short, long) and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(long + "="):
            return arg.split("=", 1)[1]
    return default


def probe(host: str, port: int, host_header: str, timeout: float = 5) -> tuple[int, str]:
    """(status, body) of `GET /server_info` sent with this Host header."""
    shown = f"[{host}]" if ":" in host else host
    request = urllib.request.Request(f"http://{shown}:{port}/server_info", headers={"Host": host_header})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(2000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(2000).decode("utf-8", "replace")


def guard_answers(host: str, port: int, timeout: float = 5) -> bool:
    """Whether a request with a foreign Host gets the guard's 403 (not Dagster's page)."""
    status, body = probe(host, port, "guard-self-test.invalid", timeout)
    return status == 403 and body.startswith(REFUSED)


def _self_test(host: str, port: int, failed: threading.Event, wait: float = 300) -> None:
    """Once the UI answers, check the guard is in front of it; stop the UI when it is not."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            if guard_answers(host, port):
                print(f"skywatch ui: guard active on http://{host}:{port}", file=sys.stderr, flush=True)
                return
            break
        except OSError:
            time.sleep(1)
    failed.set()
    print(f"skywatch ui: the guard does not answer on {host}:{port}; stopping the UI",
          file=sys.stderr, flush=True)
    os.kill(os.getpid(), signal.SIGINT)


def run_webserver(argv: list[str]) -> None:
    """`dagster-webserver ARGV`, its app wrapped by `UIGuard` for the address `run_dev` serves."""
    import dagster_webserver.cli as webserver

    policy = Policy.from_env()
    create = webserver.create_app_from_workspace_process_context

    def guarded(*args: Any, **kwargs: Any) -> UIGuard:
        return UIGuard(create(*args, **kwargs), policy)

    webserver.create_app_from_workspace_process_context = guarded
    sys.argv = ["dagster-webserver", *argv]
    webserver.main()


def main(argv: Iterable[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["dev"]:
        return run_dev(args[1:])
    if args[:1] == ["webserver"]:
        run_webserver(args[1:])
        return 0
    print("usage: python -m skywatch.pipelines.ui_guard dev|webserver [dagster options]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
