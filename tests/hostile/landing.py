"""Landing days for the hostile tier: a few good articles written for these tests, one bad input.

The good articles are ordinary wire copy about the air war (and one about something else); each
day's copies differ in their figures and places, so the cleaner does not take a later day's copy
for a duplicate of an earlier one. `HOSTILE_INPUTS` builds each bad input a tester found.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

_REGIONS = ["Bryansk", "Kursk", "Belgorod", "Oryol", "Voronezh", "Rostov", "Tula", "Kaluga", "Lipetsk",
            "Smolensk", "Tambov", "Ryazan", "Penza", "Saratov", "Volgograd", "Krasnodar"]
_CITIES = ["Sumy", "Kharkiv", "Poltava", "Odesa", "Dnipro", "Chernihiv", "Mykolaiv", "Zaporizhzhia",
           "Kherson", "Vinnytsia", "Kropyvnytskyi", "Cherkasy", "Zhytomyr", "Rivne", "Lutsk", "Ternopil"]


def good_articles(i: int) -> dict[str, str]:
    """Article id → text of day `i`'s good articles (war news, and one about a budget)."""
    region, other = _REGIONS[i % len(_REGIONS)], _REGIONS[(i + 5) % len(_REGIONS)]
    city, town = _CITIES[i % len(_CITIES)], _CITIES[(i + 7) % len(_CITIES)]
    return {
        f"good-mod-{i}": (f"Air defences shot down {12 + i} drones over {region}\n\n"
                          f"Russian air defences shot down {12 + i} Ukrainian drones over the {region} "
                          f"region overnight, the Defence Ministry said on Telegram. Another {3 + i} "
                          f"drones were destroyed over the {other} region, it added.\n"),
        f"good-grid-{i}": (f"Drone hits substation in {city}\n\n"
                           f"A drone struck an electrical substation in {city} late on Tuesday, "
                           f"leaving {4000 + 100 * i} homes without power, the regional governor "
                           "said.\n"),
        f"good-missile-{i}": (f"Missile hits apartment block in {town}\n\n"
                              f"{2 + i % 5} people were injured when a Russian missile hit an apartment "
                              f"block in {town} on Monday night, local officials said.\n"),
        f"good-budget-{i}": ("City council approves school budget\n\n"
                             f"The city council approved a budget of {100 + i} million hryvnias for "
                             "school repairs on Monday, the mayor's office said.\n"),
    }


WAR_ARTICLES = ("good-mod", "good-grid", "good-missile")


def write_good(folder: Path, i: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for article_id, text in good_articles(i).items():
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
    return list(good_articles(i))


def _text(name: str, body: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_text(body, encoding="utf-8")


def _jsonl(name: str, *objects: object, raw: str | None = None) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        lines = [json.dumps(o) for o in objects] + ([raw] if raw is not None else [])
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return write


def _nested(folder: Path) -> None:
    depth = 100_000
    (folder / "deep.jsonl").write_text('{"text": ' + "[" * depth + "]" * depth + "}\n", encoding="utf-8")


def _non_utf8_name(folder: Path) -> None:
    name = os.fsencode(str(folder)) + b"/caf\xe9-drones.txt"
    with open(name, "wb") as handle:
        handle.write(b"A drone was shot down over Kursk overnight, the governor said.\n")


def _symlink_to_passwd(folder: Path) -> None:
    (folder / "passwd.txt").symlink_to("/etc/passwd")


def _dangling_and_loop(folder: Path) -> None:
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")


def _utf16(folder: Path) -> None:
    text = "Drones attacked Belgorod overnight; two were shot down, the governor said.\n"
    (folder / "utf16.txt").write_bytes(text.encode("utf-16"))


def _same_id_as_txt(folder: Path) -> None:
    (folder / "dup-id.txt").write_text("A drone hit a fuel depot in Tambov on Sunday, the governor "
                                       "said.\n", encoding="utf-8")
    _jsonl("feed.jsonl", {"id": "dup-id", "text": "Four drones were shot down over Lipetsk on "
                                                  "Saturday, the governor said."})(folder)


def _md_beside_txt(folder: Path) -> None:
    (folder / "twin.txt").write_text("A drone hit a warehouse in Voronezh, the governor said.\n")
    (folder / "twin.md").write_text("Sirens sounded in Kharkiv late on Friday.\n")


_LONG = ("Drones attacked the Odesa region and air defences shot down several of them, "
         "officials said, ") * 3_000

# name → how to write the bad input into a day folder that also holds good articles.
HOSTILE_INPUTS: dict[str, Callable[[Path], None]] = {
    "ordinal date": _text("ordinal.txt", "Late on June 7th, the governor said 14 drones were shot "
                                         "down over the Kursk region.\n"),
    "count of 2**63-1": _jsonl("huge.jsonl", {"id": "huge", "text": "Air defences destroyed "
                                              "9223372036854775807 drones over Bryansk overnight."}),
    "30-digit count": _text("digits30.txt", "Russia said 100000000000000000000000000000 drones "
                                            "were shot down over Oryol.\n"),
    "309-digit count": _text("digits309.txt", "Russia said " + "9" * 309 + " drones were shot down "
                                              "over Tula.\n"),
    "count with thousands groups beyond belief": _text("quadrillion.txt", "Air defences destroyed "
                                                       "9,000,000,000,000,000 drones over Kaluga.\n"),
    "power of ten": _text("power.txt", "Air defences shot down 10^30 drones over Penza, it said.\n"),
    "negative count": _text("negative.txt", "Air defences shot down -5 drones over Saratov.\n"),
    "destroyed more than launched": _text("more.txt", "Ukraine's Air Force said it shot down 50 of "
                                                      "the 10 drones Russia launched overnight.\n"),
    "event in 1901": _text("y1901.txt", "On June 7, 1901, drones struck a refinery in Volgograd, "
                                        "the governor said.\n"),
    "event in 2100": _text("y2100.txt", "On May 3, 2100, drones struck a refinery in Volgograd, "
                                        "the governor said.\n"),
    "published in year 1": _jsonl("year1.jsonl", {"id": "year1", "published_at": "0001-01-01T00:00:00Z",
                                                  "text": "Drones struck Kherson overnight, killing one."}),
    "published in year 9999": _jsonl("year9999.jsonl", {
        "id": "y9999", "published_at": "9999-12-31T23:59:59Z",
        "text": "Drones struck Sumy overnight, killing two."}),
    "lone surrogate": _jsonl("surrogate.jsonl",
                             raw='{"id": "sur", "text": "Drones hit Kyiv \\ud800 overnight."}'),
    "JSON nested 100,000 deep": _nested,
    "non-UTF-8 file name": _non_utf8_name,
    "upper-case suffix": _text("REPORT.TXT", "Two drones were shot down over Ryazan, the governor said.\n"),
    "mixed-case suffix": _text("x.Md", "One drone was shot down over Penza, the governor said.\n"),
    "symlink to /etc/passwd": _symlink_to_passwd,
    "dangling symlink and loop": _dangling_and_loop,
    "FIFO": _fifo,
    "UTF-16 with BOM": _utf16,
    "jsonl id equal to a txt id": _same_id_as_txt,
    "x.md beside x.txt": _md_beside_txt,
    "very long sentence": _text("long.txt", _LONG + "\n"),
    "odd unicode": _text("unicode.txt", "\u200fDrones\u200d \u0000hit\u00a0Kharkiv \U0001f4a5 on "
                                        "\uff11\uff12 June; \u0661\u0662 were shot down.\n"),
}
