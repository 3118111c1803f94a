"""The Dagster UI in a real browser: the asset graph, every check, a backfill launched from the UI.

Starts `skywatch ui` (`dagster dev`'s web server and daemon, the web server behind
`skywatch.pipelines.ui_guard`) on a free localhost port with its own DAGSTER_HOME, warehouse and a
two-day landing folder, then drives Debian's chromium with Playwright through the guard.
Skipped when no chromium is installed; CI installs it and sets SKYWATCH_REQUIRE_BROWSER=1,
which turns the skip into a failure. Screenshots are saved under $SKYWATCH_SCREENSHOTS
(default tests/screenshots/).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from skywatch.pipelines.definitions import defs

from .conftest import PROJECT, SAMPLE_LANDING

pytestmark = pytest.mark.ui

CHROMIUM = os.environ.get("SKYWATCH_CHROMIUM") or shutil.which("chromium") or shutil.which(
    "chromium-browser")
SCREENSHOTS = Path(os.environ.get("SKYWATCH_SCREENSHOTS", PROJECT / "tests" / "screenshots"))
# Without these flags chromium keeps calling Google's hosts, which this sandbox refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STAGES = ("raw", "clean", "extract", "resolve", "marts")
# Two landing days of two sample articles each: a backfill over them is two queued runs.
BACKFILL_DAYS = {"2026-11-18": ["ru-mod-overnight-drones-bryansk-kursk-belgorod.txt",
                                "krasnodar-refinery-fire-drone.txt"],
                 "2026-11-19": ["ru-mod-24-hours-interceptions.txt",
                                "kharkiv-power-cut-after-substation-hit.txt"]}


def _unavailable(reason: str) -> None:
    if os.environ.get("SKYWATCH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser test required but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _graphql(url: str, query: str, variables: dict | None = None) -> dict:
    request = urllib.request.Request(f"{url}/graphql", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"query": query, "variables": variables or {}}).encode())
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dagster dev exited: {log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/server_info", timeout=2):
                return
        except OSError:
            time.sleep(1)
    raise TimeoutError(f"dagster dev did not answer in {timeout} s: {log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def ui(tmp_path_factory):
    if CHROMIUM is None:
        _unavailable("no chromium on PATH (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("playwright is not installed")
    work = tmp_path_factory.mktemp("ui")
    home = work / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    landing = work / "landing"
    for day, names in BACKFILL_DAYS.items():
        (landing / day).mkdir(parents=True)
        for name in names:
            shutil.copy(SAMPLE_LANDING / day / name, landing / day / name)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DAGSTER_HOME": str(home), "SKYWATCH_WAREHOUSE": str(work / "ui.duckdb"),
           "SKYWATCH_LANDING": str(landing), "SKYWATCH_DATA_DOCS_DIR": str(work / "data_docs")}
    log = work / "dagster.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "skywatch.pipelines.cli", "ui", "--port", str(port),
             "--warehouse", env["SKYWATCH_WAREHOUSE"]],
            cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_until_up(url, process, log)
        yield {"url": url, "work": work, "log": log}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def browser(ui):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1800, "height": 1100})
    page.set_default_timeout(60_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield page
    page.close()


def _asset_names() -> set[str]:
    return {spec.key.path[-1] for spec in defs.resolve_all_asset_specs()}


def test_the_asset_graph_shows_every_stage_and_asset(ui, page):
    page.goto(f"{ui['url']}/asset-groups")
    page.get_by_text("Global asset lineage").wait_for()
    for stage in STAGES:  # the collapsed group nodes of the graph
        page.get_by_role("button", name=stage, exact=False).first.wait_for()
    page.mouse.click(1300, 1000, button="right")  # the graph's context menu
    page.get_by_role("menuitem", name="Expand all groups").click()
    page.wait_for_timeout(1500)  # let the graph finish its layout
    zoom_out = page.locator("button:has([aria-label=zoom_out])")
    page.set_viewport_size({"width": 1800, "height": 1700})
    for _ in range(4):  # until all five stages fit the window
        zoom_out.click()
        page.wait_for_timeout(300)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SCREENSHOTS / "asset_graph.png"))
    # The catalog lists every asset by its whole key (the graph shortens long names).
    page.goto(f"{ui['url']}/assets")
    page.get_by_text("daily_region_activity").first.wait_for()
    seen = ""
    for _ in range(6):  # the list is virtual: scroll it to have every row rendered once
        page.wait_for_timeout(500)
        seen += page.inner_text("body")
        page.mouse.move(900, 700)
        page.mouse.wheel(0, 600)
    missing = sorted(n for n in _asset_names() if n not in seen)
    assert not missing, missing


def test_every_assets_checks_are_listed(ui, page):
    checks: dict[str, list[str]] = {}
    for key in defs.resolve_asset_graph().asset_check_keys:
        checks.setdefault("/".join(key.asset_key.path), []).append(key.name)
    assert len(checks) == len(defs.resolve_all_asset_specs())  # every asset is gated
    for asset, names in sorted(checks.items()):
        page.goto(f"{ui['url']}/assets/{asset}?view=checks")
        page.get_by_text(f"Checks ({len(names)})").wait_for()
        for name in names:
            page.get_by_text(name, exact=True).first.wait_for()
    page.screenshot(path=str(SCREENSHOTS / "checks_marts_daily_region_activity.png"))


def _is_backfill_launch(request) -> bool:
    return request.method == "POST" and "LaunchPartitionBackfill" in (request.post_data or "")


def _launch_backfill(page, dialog, attempts: int = 3) -> dict:
    """Click 'Launch backfill' and return the server's answer to the launch mutation.

    A click can be lost on a busy runner (the button re-renders as the partition field loses
    focus), and the toast that reports the outcome fades: so the test watches the mutation
    itself, clicks again only when no mutation was sent, and fails with the server's answer
    and the page's console errors when the launch did not succeed.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    dialog.get_by_text("Launch runs to materialize").first.click()  # blur the partition field
    button = dialog.get_by_role("button", name="Launch backfill")
    for attempt in range(1, attempts + 1):
        button.wait_for()
        page.wait_for_timeout(500)  # let the footer settle after the field's popover closes
        try:
            with page.expect_request(_is_backfill_launch, timeout=30_000) as sent:
                button.click()
        except PlaywrightTimeout:
            if attempt < attempts:
                continue
            page.screenshot(path=str(SCREENSHOTS / "backfill_not_created.png"), full_page=True)
            pytest.fail(f"no launch mutation after {attempts} clicks on 'Launch backfill'; console: "
                        f"{console[-20:]}; the page said: {page.inner_text('body')[-2000:]}")
        response = sent.value.response()  # waits for the server, however busy
        answer = response.json() if response else {"error": sent.value.failure}
        break
    result = answer.get("data", {}).get("launchPartitionBackfill") or {}
    if result.get("__typename") != "LaunchBackfillSuccess":
        page.screenshot(path=str(SCREENSHOTS / "backfill_not_created.png"), full_page=True)
        pytest.fail(f"the backfill was not created: {json.dumps(answer)[:3000]}; console: {console[-20:]}")
    return result


def test_a_backfill_over_two_days_launched_from_the_ui_fills_the_marts(ui, page):
    page.goto(f"{ui['url']}/asset-groups")
    page.get_by_role("button", name="Materialize all…").click()
    dialog = page.get_by_role("dialog")
    partitions = dialog.get_by_placeholder("No matching partitions")
    partitions.fill(f"[{min(BACKFILL_DAYS)}...{max(BACKFILL_DAYS)}]")
    partitions.press("Enter")
    dialog.get_by_text("2 partitions").wait_for()
    _launch_backfill(page, dialog)
    backfills = _graphql(ui["url"], "{ partitionBackfillsOrError { ... on PartitionBackfills "
                                    "{ results { id status numPartitions } } } }")
    assert [b["numPartitions"] for b in backfills["data"]["partitionBackfillsOrError"]["results"]] == [2]

    # The events of a day merge with those of the day before (resolve/events depends on its own
    # previous partition), so the daemon may split a day over more than one run: wait for the
    # backfill itself to finish, then every run it launched must have succeeded.
    deadline = time.monotonic() + 600
    runs: list[dict] = []
    backfill_status = ""
    while time.monotonic() < deadline:
        backfill_status = _graphql(ui["url"], "{ partitionBackfillsOrError { ... on PartitionBackfills "
                                              "{ results { status } } } }")[
            "data"]["partitionBackfillsOrError"]["results"][0]["status"]
        runs = _graphql(ui["url"], "{ runsOrError { ... on Runs { results { status "
                                   "tags { key value } } } } }")["data"]["runsOrError"]["results"]
        finished = runs and all(r["status"] in ("SUCCESS", "FAILURE", "CANCELED") for r in runs)
        if backfill_status not in ("REQUESTED", "CANCELING", "FAILING") and finished:
            break
        time.sleep(3)
    assert backfill_status in ("COMPLETED_SUCCESS", "COMPLETED"), backfill_status
    assert runs and {r["status"] for r in runs} == {"SUCCESS"}, ui["log"].read_text()[-3000:]
    days = {t["value"] for r in runs for t in r["tags"] if t["key"] == "dagster/partition"}
    assert days == set(BACKFILL_DAYS)

    con = duckdb.connect(str(ui["work"] / "ui.duckdb"), read_only=True)
    try:
        filled = con.execute("select distinct arrival_date::varchar from marts.daily_region_activity "
                             "order by 1").fetchall()
    finally:
        con.close()
    assert [d for (d,) in filled] == sorted(BACKFILL_DAYS)

    # The mart's page: its chart and the gate that passed, with the Data Docs page it wrote.
    page.goto(f"{ui['url']}/assets/marts/daily_region_activity")
    page.get_by_text("chart", exact=True).first.wait_for()
    page.screenshot(path=str(SCREENSHOTS / "marts_daily_region_activity.png"), full_page=True)
    page.goto(f"{ui['url']}/assets/marts/daily_region_activity?view=checks")
    page.get_by_text("gx_suite", exact=True).first.click()
    page.get_by_text("data_docs_page").first.wait_for()
    assert (ui["work"] / "data_docs" / "index.html").exists()


def _sensor_status(url: str) -> str:
    answer = _graphql(url, "{ repositoriesOrError { ... on RepositoryConnection { nodes { sensors "
                           "{ name sensorState { status } } } } } }")
    sensors = [s for n in answer["data"]["repositoriesOrError"]["nodes"] for s in n["sensors"]]
    return {s["name"]: s["sensorState"]["status"] for s in sensors}["landing_sensor"]


def test_a_foreign_page_cannot_drive_the_ui(ui):
    """The attacks of issue 12 against the real webserver: each is refused, the sensor stays off."""
    import urllib.error
    import urllib.parse

    port = ui["url"].rsplit(":", 1)[1]
    mutation = ('mutation { startSensor(sensorSelector: '
                '{repositoryLocationName: "skywatch.pipelines.definitions", '
                'repositoryName: "__repository__", sensorName: "landing_sensor"}) { __typename } }')
    attacks = [  # (path, headers): a GET mutation by <img src>, a rebinding page, a cross-site POST
        ("/graphql?" + urllib.parse.urlencode({"query": mutation}), {}),
        ("/graphql?" + urllib.parse.urlencode({"query": mutation}), {"Sec-Fetch-Site": "cross-site"}),
        ("/server_info", {"Host": f"rebound.example:{port}"}),
        ("/graphql", {"Origin": "https://evil.example", "Content-Type": "application/json"}),
    ]
    assert _sensor_status(ui["url"]) == "STOPPED"
    for path, headers in attacks:
        data = json.dumps({"query": mutation}).encode() if "Origin" in headers else None
        request = urllib.request.Request(ui["url"] + path, headers=headers, data=data)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 403, path
        assert refused.value.read().decode().startswith("skywatch ui guard: refused")
    assert _sensor_status(ui["url"]) == "STOPPED"
