"""The guard in front of the Dagster UI, run by uvicorn on loopback around a tiny fake upstream.

No Dagster: the upstream records what reached it, so each test sees both the guard's answer
and whether the request got through. The attacks are the ones a web page in the same browser
can make: DNS rebinding (a foreign Host), cross-origin requests and websockets, a mutation in
a GET's query string, a form POST that needs no preflight.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.parse

import pytest
import uvicorn
from hypothesis import given, settings
from hypothesis import strategies as st

from skywatch.pipelines.ui_guard import (
    ENV_ALLOWED,
    REFUSED,
    Policy,
    UIGuard,
    _guarded_webserver_command,
    guard_answers,
    launch_command,
    refusal,
)


class FakeUpstream:
    """An ASGI app standing in for the webserver: answers 200 'upstream' and echoes websockets."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        self.seen.append((scope["type"], scope["path"]))
        if scope["type"] == "websocket":
            await receive()  # websocket.connect
            await send({"type": "websocket.accept"})
            message = await receive()
            if message["type"] == "websocket.receive":
                await send({"type": "websocket.send", "text": "echo " + (message.get("text") or "")})
            return
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"upstream"})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(app, port: int | None = None) -> tuple[uvicorn.Server, threading.Thread, int]:
    port = port or _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error",
                                           ws="websockets-sansio", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.02)
    return server, thread, port


@pytest.fixture(scope="module")
def guarded():
    upstream = FakeUpstream()
    log: list[str] = []
    holder: dict = {}

    async def app(scope, receive, send):  # the policy needs the port, known once bound
        await holder["guard"](scope, receive, send)

    port = _free_port()
    holder["guard"] = UIGuard(upstream, Policy.for_address("127.0.0.1", port), log=log.append)
    server, thread, _ = _serve(app, port)
    yield {"port": port, "upstream": upstream, "log": log, "own": f"127.0.0.1:{port}"}
    server.should_exit = True
    thread.join(timeout=10)


def _request(port: int, method: str, path: str, headers: dict[str, str] | None = None,
             body: bytes | None = None, host: str | None = None) -> tuple[int, str, dict]:
    """One request with exactly these headers (Host included), over a fresh connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace"), dict(response.getheaders())
    finally:
        connection.close()


def _reached(guarded, send) -> tuple[int, str, bool]:
    """(status, body, whether the upstream saw the request) for one request `send` makes."""
    before = len(guarded["upstream"].seen)
    status, body, _ = send()
    return status, body, len(guarded["upstream"].seen) > before


def _assert_refused(result: tuple[int, str, bool]) -> str:
    status, body, reached = result
    assert status == 403 and not reached, result
    assert body.endswith("\n") and body.count("\n") == 1 and body.startswith(REFUSED + ": "), body
    return body


MUTATION = 'mutation { startSensor(sensorSelector: {sensorName: "landing_sensor"}) { __typename } }'


def _graphql_url(query: str, **extra: str) -> str:
    return "/graphql?" + urllib.parse.urlencode({"query": query, **extra})


# --- the UI's own use passes -------------------------------------------------------------------

@pytest.mark.parametrize("method, path, headers, body", [
    ("GET", "/", {}, None),
    ("GET", "/assets/marts/daily_region_activity", {"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate"},
     None),
    ("GET", "/server_info", {"Sec-Fetch-Site": "same-origin"}, None),
    ("POST", "/graphql", {"Content-Type": "application/json", "Origin": "{own_origin}",
                          "Sec-Fetch-Site": "same-origin"},
     json.dumps({"query": MUTATION}).encode()),
    ("POST", "/graphql", {"Content-Type": "application/json; charset=utf-8"},
     json.dumps({"query": "{ version }"}).encode()),
    ("GET", _graphql_url("{ version }"), {}, None),
    ("GET", _graphql_url("query Runs { runsOrError { __typename } }", operationName="Runs"), {}, None),
    ("GET", "/graphql", {"Accept": "text/html"}, None),
    ("GET", "/", {"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "navigate"}, None),
])
def test_the_uis_own_requests_reach_the_webserver(guarded, method, path, headers, body):
    headers = {k: v.replace("{own_origin}", f"http://{guarded['own']}") for k, v in headers.items()}
    status, text, reached = _reached(guarded, lambda: _request(guarded["port"], method, path, headers, body))
    assert (status, text, reached) == (200, "upstream", True)


def test_localhost_is_the_same_ui(guarded):
    port = guarded["port"]
    headers = {"Content-Type": "application/json", "Origin": f"http://localhost:{port}"}
    result = _reached(guarded, lambda: _request(port, "POST", "/graphql", headers, b"{}",
                                                host=f"localhost:{port}"))
    assert result == (200, "upstream", True)


# --- attacks are refused -----------------------------------------------------------------------

@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1", "127.0.0.1:1",
                                  "127.0.0.2:{port}", "0.0.0.0:{port}", "[::1]:{port}", "127.0.0.1.:{port}",
                                  "localhost.evil.example:{port}", "", "127.0.0.1:{port} evil"])
def test_a_foreign_host_is_refused_dns_rebinding(guarded, host):
    host = host.replace("{port}", str(guarded["port"]))
    body = _assert_refused(_reached(guarded, lambda: _request(guarded["port"], "GET", "/", host=host)))
    assert "Host" in body


def test_a_request_without_host_or_with_two_is_refused(guarded):
    port = guarded["port"]
    for raw in (b"GET / HTTP/1.0\r\n\r\n",
                f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\n\r\n".encode()):
        before = len(guarded["upstream"].seen)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(raw)
            answer = s.recv(4096).decode("latin-1")
        assert answer.split()[1] in ("403", "400"), answer  # h11 may refuse two Hosts itself
        assert len(guarded["upstream"].seen) == before


@pytest.mark.parametrize("origin", ["https://evil.example", "http://evil.example:{port}", "null",
                                    "http://127.0.0.1:1", "https://127.0.0.1:{port}", "file://",
                                    "http://127.0.0.1:{port}.evil.example"])
def test_a_foreign_origin_is_refused_even_with_our_host(guarded, origin):
    origin = origin.replace("{port}", str(guarded["port"]))
    body = _assert_refused(_reached(guarded, lambda: _request(
        guarded["port"], "POST", "/graphql", {"Origin": origin, "Content-Type": "application/json"},
        json.dumps({"query": MUTATION}).encode())))
    assert "Origin" in body


@pytest.mark.parametrize("site, mode, method", [
    ("cross-site", "navigate", "GET"), ("cross-site", "no-cors", "GET"), ("cross-site", "cors", "POST"),
    ("same-site", "no-cors", "GET"), ("same-site", "navigate", "POST")])
def test_sec_fetch_site_from_another_site_is_refused(guarded, site, mode, method):
    body = _assert_refused(_reached(guarded, lambda: _request(
        guarded["port"], method, "/", {"Sec-Fetch-Site": site, "Sec-Fetch-Mode": mode},
        b"" if method == "POST" else None)))
    assert "Sec-Fetch-Site" in body


@pytest.mark.parametrize("query", [
    MUTATION,
    "mutation{launchPartitionBackfill(backfillParams:{}){__typename}}",
    "# a comment\n  mutation   Start { startSensor { __typename } }",
    "query A { version } mutation B { startSensor { __typename } }",
    "subscription { pipelineRunLogs(runId: \"x\") { __typename } }",
    "mutation { a: terminateRun(runId: \"1st\") { __typename } }",
    "\ufeffmutation { startSensor { __typename } }",
    "{ version",  # does not parse: cannot be shown to be a read
    "",
])
def test_a_graphql_mutation_in_a_get_is_refused(guarded, query):
    body = _assert_refused(_reached(guarded, lambda: _request(guarded["port"], "GET", _graphql_url(query))))
    assert "GraphQL" in body


def test_a_mutation_hidden_in_a_second_query_parameter_or_another_path_is_refused(guarded):
    port = guarded["port"]
    twice = "/graphql?" + urllib.parse.urlencode([("query", "{ version }"), ("query", MUTATION)])
    _assert_refused(_reached(guarded, lambda: _request(port, "GET", twice)))
    _assert_refused(_reached(guarded, lambda: _request(port, "GET", _graphql_url(MUTATION).replace(
        "/graphql", "/graphql/"))))
    _assert_refused(_reached(guarded, lambda: _request(port, "GET", "/prefix" + _graphql_url(MUTATION))))
    # A POST whose URL carries the mutation (dagster reads the query string of a form POST).
    _assert_refused(_reached(guarded, lambda: _request(port, "POST", _graphql_url(MUTATION),
                                                       {"Content-Type": "application/json"}, b"{}")))


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "TEXT/PLAIN; charset=utf-8",
                                          None])
def test_a_graphql_post_a_page_could_send_without_preflight_is_refused(guarded, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    _assert_refused(_reached(guarded, lambda: _request(guarded["port"], "POST", "/graphql", headers,
                                                       f"query={MUTATION}".encode())))


def test_a_refusal_is_one_plain_text_line_and_logged(guarded):
    status, body, headers = _request(guarded["port"], "GET", "/", host="evil.example\u00e9")
    assert status == 403 and body.count("\n") == 1
    assert headers["content-type"].startswith("text/plain") and headers["x-content-type-options"] == "nosniff"
    assert any("evil.example" in line and line.startswith(REFUSED) for line in guarded["log"])


# --- websockets -------------------------------------------------------------------------------

def _websocket(port: int, origin: str | None, host: str | None = None) -> str:
    from websockets.sync.client import connect

    headers = {"Host": host} if host else None
    with connect(f"ws://127.0.0.1:{port}/graphql", origin=origin, additional_headers=headers,
                 open_timeout=10) as ws:
        ws.send("hello")
        return ws.recv(timeout=10)


def test_the_uis_own_websocket_works(guarded):
    assert _websocket(guarded["port"], f"http://{guarded['own']}") == "echo hello"
    assert _websocket(guarded["port"], None) == "echo hello"  # a local script sends no Origin


@pytest.mark.parametrize("origin, host", [("https://evil.example", None), ("null", None),
                                          (None, "evil.example:{port}")])
def test_a_websocket_from_another_origin_or_host_is_refused(guarded, origin, host):
    from websockets.exceptions import InvalidStatus

    port = guarded["port"]
    before = len(guarded["upstream"].seen)
    with pytest.raises(InvalidStatus) as refused:
        _websocket(port, origin, host.replace("{port}", str(port)) if host else None)
    assert refused.value.response.status_code == 403
    assert len(guarded["upstream"].seen) == before


# --- launching ---------------------------------------------------------------------------------

def test_the_self_test_tells_a_guarded_ui_from_an_unguarded_one(guarded):
    assert guard_answers("127.0.0.1", guarded["port"])
    server, thread, port = _serve(FakeUpstream())  # the webserver without the guard
    try:
        assert not guard_answers("127.0.0.1", port)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_dagster_devs_webserver_command_is_replaced_and_an_unknown_one_refused():
    command = ["/py", "-m", "dagster_webserver", "--port", "3000", "--host", "127.0.0.1"]
    assert _guarded_webserver_command(command) == ["/py", "-m", "skywatch.pipelines.ui_guard", "webserver",
                                                   "--port", "3000", "--host", "127.0.0.1"]
    daemon = ["/py", "-m", "dagster._daemon", "run"]
    assert _guarded_webserver_command(daemon) == daemon
    with pytest.raises(SystemExit, match="unguarded"):
        _guarded_webserver_command(["/usr/bin/dagster-webserver", "--port", "3000"])
    assert launch_command("127.0.0.1", 3000)[2:4] == ["skywatch.pipelines.ui_guard", "dev"]


def test_the_guarded_webserver_will_not_start_without_its_address(monkeypatch):
    monkeypatch.delenv(ENV_ALLOWED, raising=False)
    with pytest.raises(SystemExit, match=ENV_ALLOWED):
        Policy.from_env()
    monkeypatch.setenv(ENV_ALLOWED, "127.0.0.1:3000")
    assert "127.0.0.1:3000" in Policy.from_env().hosts


# --- fuzz: the decision itself, on headers and documents a page could send ---------------------

POLICY = Policy.for_address("127.0.0.1", 3000)
HEADER_TEXT = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255), max_size=60)


def _scope(headers: list[tuple[str, str]], path: str = "/", query: str = "", method: str = "GET") -> dict:
    return {"type": "http", "method": method, "path": path, "query_string": query.encode("latin-1"),
            "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers]}


@settings(max_examples=200, deadline=None)
@given(host=HEADER_TEXT)
def test_fuzz_only_the_served_host_passes(host):
    reason = refusal(_scope([("host", host)]), POLICY)
    assert (reason is None) == (host.strip().lower() in POLICY.hosts)


@settings(max_examples=200, deadline=None)
@given(origin=HEADER_TEXT)
def test_fuzz_only_the_uis_origin_passes(origin):
    reason = refusal(_scope([("host", "127.0.0.1:3000"), ("origin", origin)]), POLICY)
    assert (reason is None) == (origin.strip().lower() in POLICY.origins)


NEWS = st.sampled_from(["1st", "22nd", "1,200", "9" * 40, "Бєлгород", "\u202e", "🚀", "mutation", "\\\"",
                        "subscription", "query"])


@settings(max_examples=150, deadline=None)
@given(words=st.lists(NEWS, max_size=8), kind=st.sampled_from(["mutation", "subscription", "query", ""]),
       comment=st.booleans())
def test_fuzz_graphql_in_a_url_passes_only_when_it_only_reads(words, kind, comment):
    argument = json.dumps(" ".join(words), ensure_ascii=False)  # news text inside a string literal
    document = ("# " + " ".join(words) + "\n" if comment else "") + f'{kind} {{ f(a: {argument}) {{ x }} }}'
    reason = refusal(_scope([("host", "127.0.0.1:3000")], "/graphql",
                            urllib.parse.urlencode({"query": document})), POLICY)
    assert (reason is None) == (kind in ("query", "")), (document, reason)
