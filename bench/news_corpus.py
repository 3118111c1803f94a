"""A realistic, seeded news corpus for the benchmarks: air-war reports mixed with ordinary news.

    from news_corpus import generate, frames, write_landing
    articles = generate(10_000, war_share=0.1, seed=7)

Why. The first bench corpora repeated a handful of filler sentences ("Air defence units in Kursk
reported damage to a substation ... on site number 4711"). Every sentence of them matched the
relevance filter or none did, no article told a story, and nothing was ever retold or re-posted,
so their throughput said little about a day of real news. This module writes English news prose
of its own (every template and vocabulary here was written for Skywatch; no news text is
copied) out of the phenomena the pipeline has to handle:

- interception reports with regional breakdowns in several wordings: "19 drones over the Tula
  region", "Bryansk region: 21" lines, "21 - over the territory of the Bryansk region",
  "destroyed 40 drones: 21 over X, 12 over Y and 7 over Z", "Twelve of them ... and 18 over
  Voronezh", and Ukrainian Air Force overnight summaries ("launched 120 Shahed-type drones and
  9 missiles (6 Iskander-M ballistic, 3 Kh-101 cruise); air defence shot down or suppressed 98
  drones and 5 missiles; 14 drones were lost locally");
- strikes with damage and casualties (a refinery or substation on fire, windows blown out in
  apartment blocks, N killed, M injured, K buildings damaged), power outages (households or
  people without electricity), alerts (air-raid alerts, "drone danger" mode, airport
  restrictions);
- officials' statements with titles and reporting verbs (governors, mayors, heads of military
  administrations, ministries, an air force spokesman). People's names are invented; offices,
  institutions and the places (real Russian, Ukrainian and Belarusian regions and towns) are real;
- denials and unverified claims, and hard negatives: a refinery fire from a technical fault,
  storm outages, military exercises, drone light shows, a gas explosion, a fog-bound airport;
- background paragraphs (diplomacy, markets, the energy system, the region's recent history);
- retellings of the same night by several outlets (same facts, other wording and order) and
  near-duplicates (a re-post with a changed headline and page boilerplate; a few exact copies);
- ordinary non-war news (weather, sports, business, culture, local politics) as the filler.

Each article carries the generator's own labels: `topic` ("air_war", "hard_negative" or
"general"), `story` (articles telling the same facts share it) and `variant` ("original",
"retelling", "near_duplicate" or "copy"), so tests and benchmarks can count by them.

Exactly round(n * war_share) articles are about the air war. Of the others, a share
`hard_negative_share` (default 5%) are hard negatives: stories that look like the air war to a
keyword filter but are not. Air-war articles also carry a hard-negative or background paragraph
now and then, so the all-war corpus (war_share=1.0) meets them too.

Deterministic: only `random.Random(seed)` is used (no set iteration, no clock, no hash()), so the
same (n, war_share, seed, start, per_day, hard_negative_share) give byte-identical text on every
run and machine. Articles are 300-900 words (varying); about 10,000 take a few seconds.

`frames(articles)` returns the Polars articles and sentences frames the extract and resolve
benches time (`skywatch.text.clean_text` and `split_sentences`, as the clean stage gives them);
`write_landing(day_dir, articles)` writes a landing day (half `.txt` files, half lines of a
`.jsonl` feed, the formats of the README's "Input: the landing folder") for the ingest bench.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

# --- places (real names) ------------------------------------------------------------------------
# (name, kind, towns): kind "oblast" is "the X region", "krai" too, "republic" is "the Republic of
# X", "crimea" is Crimea itself, "city" a city of federal or special status.
RU_REGIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Belgorod", "oblast", ("Belgorod", "Shebekino", "Valuyki", "Grayvoron", "Stary Oskol", "Alexeyevka")),
    ("Kursk", "oblast", ("Kursk", "Lgov", "Rylsk", "Kurchatov", "Zheleznogorsk", "Oboyan")),
    ("Bryansk", "oblast", ("Bryansk", "Klintsy", "Pogar", "Sevsk", "Starodub", "Novozybkov", "Trubchevsk")),
    ("Voronezh", "oblast", ("Voronezh", "Liski", "Rossosh", "Borisoglebsk", "Ostrogozhsk", "Semiluki")),
    ("Rostov", "oblast", ("Rostov-on-Don", "Taganrog", "Novoshakhtinsk", "Millerovo", "Shakhty",
                          "Kamensk-Shakhtinsky")),
    ("Krasnodar", "krai", ("Krasnodar", "Tuapse", "Novorossiysk", "Armavir", "Slavyansk-na-Kubani",
                           "Krymsk")),
    ("Tula", "oblast", ("Tula", "Novomoskovsk", "Aleksin", "Yefremov", "Shchyokino")),
    ("Kaluga", "oblast", ("Kaluga", "Obninsk", "Lyudinovo", "Kozelsk")),
    ("Lipetsk", "oblast", ("Lipetsk", "Yelets", "Gryazi", "Dankov")),
    ("Oryol", "oblast", ("Oryol", "Livny", "Mtsensk", "Bolkhov")),
    ("Smolensk", "oblast", ("Smolensk", "Roslavl", "Vyazma", "Yartsevo", "Safonovo")),
    ("Tver", "oblast", ("Tver", "Rzhev", "Toropets", "Konakovo", "Torzhok")),
    ("Moscow", "oblast", ("Podolsk", "Kolomna", "Domodedovo", "Ramenskoye", "Krasnogorsk", "Zhukovsky")),
    ("Ryazan", "oblast", ("Ryazan", "Kasimov", "Skopin", "Sasovo")),
    ("Tambov", "oblast", ("Tambov", "Michurinsk", "Kotovsk", "Morshansk")),
    ("Saratov", "oblast", ("Saratov", "Engels", "Balakovo", "Volsk")),
    ("Volgograd", "oblast", ("Volgograd", "Kamyshin", "Volzhsky", "Uryupinsk")),
    ("Yaroslavl", "oblast", ("Yaroslavl", "Rybinsk", "Pereslavl-Zalessky")),
    ("Nizhny Novgorod", "oblast", ("Nizhny Novgorod", "Kstovo", "Dzerzhinsk", "Arzamas")),
    ("Samara", "oblast", ("Samara", "Syzran", "Novokuybyshevsk", "Tolyatti")),
    ("Leningrad", "oblast", ("Kirishi", "Ust-Luga", "Vyborg", "Gatchina")),
    ("Pskov", "oblast", ("Pskov", "Velikiye Luki", "Ostrov")),
    ("Penza", "oblast", ("Penza", "Kuznetsk", "Zarechny")),
    ("Astrakhan", "oblast", ("Astrakhan", "Akhtubinsk", "Znamensk")),
    ("Tatarstan", "republic", ("Kazan", "Yelabuga", "Nizhnekamsk", "Almetyevsk")),
    ("Bashkortostan", "republic", ("Ufa", "Salavat", "Sterlitamak")),
    ("Crimea", "crimea", ("Simferopol", "Feodosia", "Dzhankoi", "Yevpatoria")),
)
# Regions on the border, where most strikes and alerts of the Russian side are reported.
RU_BORDER = ("Belgorod", "Kursk", "Bryansk", "Voronezh", "Rostov", "Krasnodar", "Crimea")
UA_REGIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Kharkiv", "oblast", ("Kharkiv", "Chuhuiv", "Kupiansk", "Izium", "Lozova", "Bohodukhiv", "Zolochiv")),
    ("Sumy", "oblast", ("Sumy", "Shostka", "Konotop", "Okhtyrka", "Romny", "Bilopillia")),
    ("Dnipropetrovsk", "oblast", ("Dnipro", "Kryvyi Rih", "Pavlohrad", "Nikopol", "Kamianske", "Marhanets")),
    ("Zaporizhzhia", "oblast", ("Zaporizhzhia", "Orikhiv", "Vilniansk")),
    ("Odesa", "oblast", ("Odesa", "Izmail", "Chornomorsk", "Pivdennyi", "Bilhorod-Dnistrovskyi")),
    ("Mykolaiv", "oblast", ("Mykolaiv", "Ochakiv", "Voznesensk", "Pervomaisk")),
    ("Kherson", "oblast", ("Kherson", "Beryslav", "Bilozerka")),
    ("Poltava", "oblast", ("Poltava", "Kremenchuk", "Myrhorod", "Lubny", "Horishni Plavni")),
    ("Chernihiv", "oblast", ("Chernihiv", "Nizhyn", "Pryluky", "Novhorod-Siverskyi")),
    ("Kyiv", "oblast", ("Bila Tserkva", "Brovary", "Fastiv", "Boryspil", "Vyshhorod", "Irpin")),
    ("Kyiv", "city", ("Kyiv",)),
    ("Lviv", "oblast", ("Lviv", "Stryi", "Drohobych", "Sambir")),
    ("Khmelnytskyi", "oblast", ("Khmelnytskyi", "Starokostiantyniv", "Shepetivka", "Netishyn")),
    ("Vinnytsia", "oblast", ("Vinnytsia", "Kalynivka", "Zhmerynka", "Ladyzhyn")),
    ("Zhytomyr", "oblast", ("Zhytomyr", "Korosten", "Berdychiv")),
    ("Cherkasy", "oblast", ("Cherkasy", "Uman", "Smila", "Zolotonosha")),
    ("Kirovohrad", "oblast", ("Kropyvnytskyi", "Oleksandriia", "Svitlovodsk")),
    ("Rivne", "oblast", ("Rivne", "Varash", "Dubno")),
    ("Volyn", "oblast", ("Lutsk", "Kovel", "Volodymyr")),
    ("Ivano-Frankivsk", "oblast", ("Ivano-Frankivsk", "Burshtyn", "Kalush")),
    ("Ternopil", "oblast", ("Ternopil", "Chortkiv")),
    ("Donetsk", "oblast", ("Kramatorsk", "Sloviansk", "Druzhkivka", "Kostiantynivka", "Dobropillia")),
)
UA_FRONTLINE = ("Kharkiv", "Sumy", "Dnipropetrovsk", "Zaporizhzhia", "Kherson", "Donetsk", "Mykolaiv",
                "Odesa", "Chernihiv", "Poltava")
KYIV_DISTRICTS = ("Darnytskyi", "Solomianskyi", "Holosiivskyi", "Shevchenkivskyi", "Dniprovskyi",
                  "Obolonskyi", "Sviatoshynskyi", "Desnianskyi", "Podilskyi", "Pecherskyi")
BY_TOWNS = ("Gomel", "Mogilev", "Brest", "Vitebsk", "Grodno", "Baranovichi", "Bobruisk", "Mozyr")
ELSEWHERE = ("Vienna", "Warsaw", "Tallinn", "Riga", "Vilnius", "Helsinki", "Prague", "Budapest", "Istanbul",
             "Tbilisi", "Chisinau", "Bucharest", "Berlin", "Geneva", "Madrid", "Lisbon", "Oslo", "Copenhagen")
RU_AIRPORTS = ("Kaluga", "Kazan", "Nizhnekamsk", "Saratov", "Volgograd", "Sochi", "Penza", "Tambov",
               "Yaroslavl", "Vnukovo", "Sheremetyevo", "Domodedovo", "Zhukovsky", "Pulkovo", "Samara",
               "Ulyanovsk", "Nizhny Novgorod")
LAUNCH_DIRECTIONS = ("Kursk", "Oryol", "Bryansk", "Millerovo", "Primorsko-Akhtarsk", "Shatalovo",
                     "Navlya", "Hvardiiske in occupied Crimea", "Chauda in occupied Crimea")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

# --- people (invented), offices and outlets ----------------------------------------------------
# Officials' first names are men's: the prose refers back to them as "he" ("he added").
RU_FIRST = ("Alexei", "Sergei", "Dmitry", "Andrei", "Igor", "Vladimir", "Yevgeny", "Oleg", "Mikhail",
            "Pavel", "Nikolai", "Roman", "Viktor", "Konstantin", "Gleb", "Anatoly", "Boris", "Stanislav")
RU_LAST = ("Zotov", "Belyakov", "Korneev", "Shubin", "Frolov", "Gromov", "Larionov", "Tikhonov",
           "Abramov", "Kalinin", "Yermakov", "Savelyev", "Ostrovsky", "Pankratov", "Lukin", "Voronin",
           "Dementyev", "Rybakov")
UA_FIRST = ("Oleksandr", "Serhiy", "Vitaliy", "Ivan", "Yuriy", "Andriy", "Mykola", "Taras", "Bohdan",
            "Dmytro", "Oleh", "Roman", "Vadym", "Ihor", "Volodymyr", "Petro", "Artem", "Maksym")
UA_LAST = ("Kovalchuk", "Marchenko", "Bondar", "Tkachenko", "Savchuk", "Hrytsenko", "Lysenko", "Moroz",
           "Shevchuk", "Romaniuk", "Kravets", "Ostapenko", "Pylypenko", "Danyliuk", "Kuzmenko", "Yatsenko",
           "Vakulenko", "Fedoruk")
OTHER_NAMES = ("Anna Berger", "Marco Vidal", "Laura Kettunen", "Jonas Petrauskas", "Eva Novak",
               "Tomas Lindqvist", "Clara Munteanu", "Pieter de Wit", "Sofia Marques", "Lukas Horvat",
               "Maja Kowalczyk", "Henrik Dahl", "Ines Almeida", "Daniel Stern", "Katrin Ilves")
OUTLETS = ("Eastbound Wire", "Meridian News Agency", "The Continental Courier", "Borderland Daily",
           "Dnieper Dispatch", "Volga Evening Post", "The Morning Ledger", "Northern Star Radio",
           "Open Sky Monitor", "Black Sea Observer", "Capital Bulletin", "Riverside Gazette",
           "The Frontier Herald", "Danube Press Service", "Steppe Times")
SAID = ("said", "said on Telegram", "wrote on Telegram", "said in a statement", "told reporters",
        "posted on Telegram", "said in a video address", "wrote on Max", "told state television")

# --- facilities and damage ----------------------------------------------------------------------
RU_FACILITIES = (
    ("oil refinery", "oil"), ("oil depot", "oil"), ("fuel storage facility", "oil"),
    ("oil pumping station", "oil"), ("electrical substation", "energy"), ("power substation", "energy"),
    ("thermal power plant", "energy"), ("industrial enterprise", "industry"), ("chemical plant", "industry"),
    ("seaport oil terminal", "oil"), ("railway depot", "transport"), ("military airfield", "military"),
)
UA_FACILITIES = (
    ("energy infrastructure facility", "energy"), ("thermal power plant", "energy"),
    ("substation", "energy"), ("gas production facility", "energy"), ("port facility", "port"),
    ("grain terminal", "port"), ("railway station", "transport"), ("warehouse of a logistics company",
                                                                    "industry"),
    ("nine-storey apartment block", "residential"), ("five-storey apartment building", "residential"),
    ("private house", "residential"), ("school", "civic"), ("hospital", "civic"),
    ("shopping centre", "commercial"),
)
DEBRIS_DAMAGE = ("the roof of a private house", "two parked cars", "a power line", "the facade of a "
                 "five-storey apartment building", "a gas pipe", "windows in a kindergarten",
                 "an outbuilding on a farm", "the fence of a school", "a garage and a car",
                 "windows in several private homes", "a section of the road", "a shop's glass front")
UA_STRIKE_WEAPONS = (
    ("an Iskander-M ballistic missile", "ballistic missiles", "missile"),
    ("two ballistic missiles", "ballistic missiles", "missile"),
    ("guided aerial bombs", "glide bombs", "bomb"),
    ("a KAB glide bomb", "glide bombs", "bomb"),
    ("Shahed drones", "Shahed drones", "drone"),
    ("attack drones", "drones", "drone"),
    ("a Kh-101 cruise missile", "cruise missiles", "missile"),
    ("S-300 missiles", "missiles", "missile"),
    ("a Geran drone", "drones", "drone"),
)


# --- numbers and small helpers ------------------------------------------------------------------
_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def words(n: int) -> str:
    """English words for 0-99 ("twenty-two"); larger numbers as digits with thousands commas."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    return f"{n:,}"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _join(items: list[str]) -> str:
    if len(items) < 3:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class _Style:
    """How one outlet writes: small numbers as words (AP style), "Region" capitalised (TASS style),
    the dash of lists, and whether attribution tends to come first."""

    outlet: str
    ap_numbers: bool
    cap_region: bool
    dash: str
    attribution_first: bool

    def num(self, n: int, start: bool = False) -> str:
        if start and n < 100:
            return _cap(words(n))
        return words(n) if n == 1 or (self.ap_numbers and n < 10) else f"{n:,}"

    def region(self, r: tuple[str, str, tuple[str, ...]], form: str = "full") -> str:
        """"full": the Bryansk region; "short": Bryansk; "line": Bryansk region."""
        name, kind, _ = r
        word = "Region" if self.cap_region else "region"
        if kind == "crimea":
            return {"full": "Crimea", "short": "Crimea", "line": "Republic of Crimea"}[form]
        if kind == "republic":
            return {"full": f"the Republic of {name}", "short": name, "line": f"Republic of {name}"}[form]
        if kind == "city":
            return {"full": f"the city of {name}", "short": name, "line": f"{name} city"}[form]
        if kind == "krai":
            return {"full": f"the {name} {word}", "short": name, "line": f"{name} Krai"}[form]
        return {"full": f"the {name} {word}", "short": name, "line": f"{name} {word}"}[form]


def _style(rng: random.Random, outlet: str) -> _Style:
    return _Style(outlet, rng.random() < 0.5, rng.random() < 0.3, rng.choice(("–", "-", "—")),
                  rng.random() < 0.4)


def _ru_person(rng: random.Random) -> str:
    return f"{rng.choice(RU_FIRST)} {rng.choice(RU_LAST)}"


def _ua_person(rng: random.Random) -> str:
    return f"{rng.choice(UA_FIRST)} {rng.choice(UA_LAST)}"


def _ru_region(rng: random.Random, border: float = 0.5) -> tuple[str, str, tuple[str, ...]]:
    if rng.random() < border:
        name = rng.choice(RU_BORDER)
        return next(r for r in RU_REGIONS if r[0] == name)
    return rng.choice(RU_REGIONS)


def _ua_region(rng: random.Random, front: float = 0.6) -> tuple[str, str, tuple[str, ...]]:
    if rng.random() < front:
        name = rng.choice(UA_FRONTLINE)
        return next(r for r in UA_REGIONS if r[0] == name and r[1] == "oblast")
    return rng.choice(UA_REGIONS)


def _split(rng: random.Random, total: int, k: int) -> list[int]:
    """`total` split into k positive parts, largest first (how ministries list them)."""
    if k <= 1:
        return [total]
    cuts = sorted(rng.sample(range(1, total), k - 1))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    return sorted(parts, reverse=True)


# --- the facts of a story ----------------------------------------------------------------------
# A story is a dict of facts fixed once; every article that tells it (the original and its
# retellings) renders the same facts with its own outlet's wording and order.

WAR_KINDS = ("ru_mod", "ua_air_force", "ru_strike", "ua_strike", "alert", "claim")
WAR_WEIGHTS = (28, 22, 15, 15, 10, 10)


def _night(day: date) -> dict:
    return {"day": day, "wd": WEEKDAYS[day.weekday()], "wd_prev": WEEKDAYS[(day.weekday() - 1) % 7]}


def _facts_ru_mod(rng: random.Random, day: date) -> dict:
    k = rng.choice((1, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9))
    regions = []
    while len(regions) < k:
        r = _ru_region(rng, 0.6)
        if r not in regions:
            regions.append(r)
    total = rng.randint(max(k, 6), 40 * k if k > 2 else 60)
    parts = list(zip(regions, _split(rng, total, k), strict=True))
    if k >= 4 and rng.random() < 0.4:  # "one each over the Lipetsk and Ryazan regions"
        parts[-2], parts[-1] = (parts[-2][0], 1), (parts[-1][0], 1)
        total = sum(n for _, n in parts)
        parts.sort(key=lambda p: -p[1])
    damage = []
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        r = rng.choice(regions)
        damage.append({"region": r, "town": rng.choice(r[2]), "what": rng.choice(DEBRIS_DAMAGE),
                       "injured": rng.choice((0, 0, 0, 1, 1, 2, 3)), "governor": _ru_person(rng)})
    return {**_night(day), "kind": "ru_mod", "total": total, "parts": parts,
            "hours": (rng.choice((20, 21, 22, 23)), rng.choice((5, 6, 7, 8))),
            "extra": rng.choice(((), (), (rng.randint(2, 9), "guided aerial bombs"),
                                 (rng.randint(2, 6), "HIMARS rockets"),
                                 (rng.randint(2, 4), "Neptune long-range missiles"))),
            "damage": damage,
            "airports": rng.sample(RU_AIRPORTS, rng.choice((0, 0, 1, 2, 3))),
            "reaction": rng.choice(("silent", "silent", "claim", "media")),
            "claim_town": rng.choice(regions[0][2])}


def _facts_ua_air_force(rng: random.Random, day: date) -> dict:
    drones = rng.randint(30, 650)
    missiles = []
    if rng.random() < 0.55:
        for kind in rng.sample(("Iskander-M ballistic", "Kh-101 cruise", "Kalibr cruise", "Kh-22 cruise",
                                "Kinzhal aeroballistic", "Kh-59/69 guided"), rng.randint(1, 3)):
            missiles.append((rng.randint(1, 16), kind))
    n_missiles = sum(n for n, _ in missiles)
    downed_d = int(drones * rng.uniform(0.7, 0.95))
    lost = rng.randint(0, max(0, drones - downed_d - 1)) if rng.random() < 0.6 else 0
    targets = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        targets.append(_facts_ua_target(rng))
    return {**_night(day), "kind": "ua_air_force", "drones": drones, "missiles": missiles,
            "n_missiles": n_missiles, "downed_drones": downed_d,
            "downed_missiles": rng.randint(0, n_missiles) if n_missiles else 0, "lost": lost,
            "hits": rng.randint(2, 25), "debris": rng.randint(0, 12),
            "directions": rng.sample(LAUNCH_DIRECTIONS, rng.randint(2, 5)),
            "bombers": rng.random() < 0.4 and n_missiles > 0, "spokesman": _ua_person(rng),
            "targets": targets}


def _facts_ua_target(rng: random.Random) -> dict:
    region = _ua_region(rng)
    facility, target = rng.choice(UA_FACILITIES)
    killed = rng.choice((0, 0, 0, 1, 1, 2, 3, 4, 6, 9))
    return {"region": region, "town": rng.choice(region[2]), "facility": facility, "target": target,
            "killed": killed, "children": min(rng.choice((0, 0, 0, 1, 2)), killed - 1) if killed > 1 else 0,
            "injured": rng.choice((0, 1, 2, 3, 5, 8, 12, 17, 26, 40)),
            "blocks": rng.choice((0, 0, 1, 2, 3, 4, 6, 9)), "houses": rng.choice((0, 0, 2, 5, 11, 23)),
            "cars": rng.choice((0, 0, 3, 7, 15)),
            "outage": rng.choice((0, 0, 0, 3_200, 12_000, 45_000, 160_000)) if target == "energy"
            else rng.choice((0, 0, 0, 0, 1_800, 7_500)),
            "head": _ua_person(rng), "mayor": _ua_person(rng), "area": rng.choice((200, 800, 1_500)),
            "weapon": rng.choice(UA_STRIKE_WEAPONS), "district": rng.choice(KYIV_DISTRICTS)}


def _facts_ru_strike(rng: random.Random, day: date) -> dict:
    region = _ru_region(rng, 0.6)
    facility, target = rng.choice(RU_FACILITIES[:8])
    return {**_night(day), "kind": "ru_strike", "region": region, "town": rng.choice(region[2]),
            "facility": facility, "target": target, "fire": rng.random() < 0.75,
            "area": rng.choice((150, 300, 600, 1_200, 2_000, 5_000)),
            "injured": rng.choice((0, 0, 0, 1, 2, 3, 5)), "killed": rng.choice((0, 0, 0, 0, 0, 1, 2)),
            "outage": rng.choice((0, 0, 4_000, 15_000, 60_000)) if target == "energy" else 0,
            "downed": rng.randint(2, 30), "governor": _ru_person(rng),
            "ua_claim": rng.random() < 0.6, "firefighters": rng.randint(20, 180)}


def _facts_ua_strike(rng: random.Random, day: date) -> dict:
    return {**_night(day), "kind": "ua_strike", **_facts_ua_target(rng),
            "rescuers": rng.randint(30, 300), "vehicles": rng.randint(10, 60), "mourning": rng.random() < 0.4}


def _facts_alert(rng: random.Random, day: date) -> dict:
    side = rng.choice(("ru", "ua"))
    region = _ru_region(rng, 0.7) if side == "ru" else _ua_region(rng, 0.5)
    return {**_night(day), "kind": "alert", "side": side, "region": region, "town": rng.choice(region[2]),
            "governor": _ru_person(rng) if side == "ru" else _ua_person(rng),
            "hours": rng.randint(1, 9), "minutes": rng.choice((0, 10, 25, 40, 55)),
            "start": rng.choice((21, 22, 23, 0, 1, 2, 3)),
            "airports": rng.sample(RU_AIRPORTS, rng.randint(1, 3)), "downed": rng.choice((0, 0, 2, 3, 5, 8)),
            "ua_regions": rng.randint(5, 20)}


def _facts_claim(rng: random.Random, day: date) -> dict:
    side = rng.choice(("ua", "ua", "ru"))
    region = _ru_region(rng, 0.5) if side == "ua" else _ua_region(rng, 0.5)
    return {**_night(day), "kind": "claim", "side": side, "region": region, "town": rng.choice(region[2]),
            "object": rng.choice(("a military airfield", "an ammunition depot", "an oil depot",
                                  "a radar station", "a drone assembly workshop", "an air defence battery")
                                 if side == "ua" else
                                 ("a drone production workshop", "a fuel depot used by the army",
                                  "a foreign mercenary base", "an air defence position",
                                  "a military airfield")),
            "aircraft": rng.randint(2, 6), "downed": rng.randint(3, 40), "official": _ru_person(rng)
            if side == "ua" else _ua_person(rng), "injured": rng.choice((0, 1, 2, 4))}


_FACTS = {"ru_mod": _facts_ru_mod, "ua_air_force": _facts_ua_air_force, "ru_strike": _facts_ru_strike,
          "ua_strike": _facts_ua_strike, "alert": _facts_alert, "claim": _facts_claim}


# --- rendering the air-war stories -------------------------------------------------------------

def _window(f: dict, rng: random.Random) -> str:
    h1, h2 = f.get("hours", (22, 6))
    return rng.choice((
        "overnight",
        f"from {h1}:00 on {f['wd_prev']} to {h2:02d}:00 Moscow time on {f['wd']}",
        f"between {h1}:00 and {h2:02d}:00 Moscow time",
        f"during the night of {f['wd_prev']} to {f['wd']}",
        f"in the early hours of {f['wd']}",
        f"late on {f['wd_prev']} and overnight",
    ))


def _ministry(rng: random.Random) -> str:
    return rng.choice(("the Defence Ministry", "Russia's Defence Ministry", "the Russian Defence Ministry",
                       "Russia's Ministry of Defence", "the ministry"))


def _drones(rng: random.Random) -> str:
    return rng.choice(("drones", "drones", "Ukrainian drones", "unmanned aerial vehicles", "UAVs",
                       "fixed-wing drones", "aircraft-type drones"))


def _part_list(parts: list, st: _Style, rng: random.Random, form: str) -> list[str]:
    """"21 over the Bryansk region", with the region named in several ways."""
    out = []
    for i, (r, n) in enumerate(parts):
        short = form == "short" or (form == "mixed" and rng.random() < 0.4)
        name = st.region(r, "short" if short else "full")
        unit = f" {rng.choice(('drones', 'UAVs'))}" if i == 0 and rng.random() < 0.5 else ""
        out.append(f"{st.num(n)}{unit} over {name}")
    return out


def _one_each(parts: list, st: _Style) -> tuple[list, str]:
    """Split off trailing ones: "... and one each over the Lipetsk and Ryazan regions"."""
    ones = [r for r, n in parts if n == 1]
    if len(ones) < 2 or parts[-1][1] != 1 or any(r[1] != "oblast" for r in ones):
        return parts, ""
    word = "regions" if not st.cap_region else "Regions"
    return ([p for p in parts if p[1] != 1],
            f"one each over the {_join([r[0] for r in ones])} {word}")


def _breakdown(f: dict, st: _Style, rng: random.Random) -> list[str]:
    """Paragraphs giving the regional breakdown of an interception total (several wordings)."""
    parts = f["parts"]
    who = rng.choice(("the ministry said", "it said", "according to the ministry", "the ministry added"))
    if len(parts) == 1:
        r = parts[0][0]
        return [rng.choice((f"All of them were destroyed over {st.region(r)}, {who}.",
                            f"The {_drones(rng)} were shot down over {st.region(r)}, {who}."))]
    form = rng.choice(("sentence", "sentence", "lines", "territory", "of_them", "split"))
    if form == "lines":
        head = rng.choice(("The ministry gave the following breakdown by region:", "By region:",
                           f"{_cap(_ministry(rng))} listed the regions:"))
        sep = rng.choice((": ", f" {st.dash} "))
        return [head + "\n" + "\n".join(f"{st.region(r, 'line')}{sep}{n}" for r, n in parts)]
    if form == "territory":
        items = [f"{n} {st.dash} over the territory of {st.region(r)}" for r, n in parts]
        return [f"{rng.choice(('Of them', 'Of these', 'Among them'))}, {_join(items)}, {who}."]
    if form == "of_them":
        first, rest = parts[0], parts[1:]
        rest, ones = _one_each(rest, st)
        items = [f"{st.num(n)} over {st.region(r, rng.choice(('full', 'short')))}" for r, n in rest]
        if ones:
            items.append(ones)
        verb = rng.choice(("were downed", "were shot down", "were destroyed", "were intercepted"))
        lead = f"{st.num(first[1], start=True)} of them {verb} over {st.region(first[0])}"
        return [f"{lead}{', ' if len(items) > 1 else ' and '}{_join(items)}." if items else lead + "."]
    if form == "split" and len(parts) >= 4:
        half = len(parts) // 2
        a, b = parts[:half], parts[half:]
        b, ones = _one_each(b, st)
        verb = rng.choice(("were shot down", "were destroyed", "were intercepted"))
        first = f"{st.num(a[0][1], start=True)} {_drones(rng)} {verb} over {st.region(a[0][0])}"
        rest = [f"{st.num(n)} over {st.region(r, rng.choice(('full', 'short')))}" for r, n in a[1:]]
        s1 = f"{first}{', ' + _join(rest) if rest else ''}, {who}."
        items = [f"{st.num(n)} over {st.region(r)}" for r, n in b]
        if ones:
            items.append(ones)
        s2 = (f"{rng.choice(('Another', 'A further'))} {_join(items)}." if items and not items[0][0].isalpha()
              else f"{_cap(_join(items))} were also destroyed.")
        if rng.random() < 0.5:
            return [s1, s2]
        return [s1 + " " + s2]
    parts_, ones = _one_each(parts, st)
    verb = rng.choice(("were destroyed", "were shot down", "were intercepted", "were downed"))
    (r0, n0), rest = parts_[0], parts_[1:]
    items = [f"{st.num(n0, start=True)} {_drones(rng)} {verb} over {st.region(r0)}",
             *_part_list(rest, st, rng, "mixed")]
    if ones:
        items.append(ones)
    return [f"{_join(items)}, {who}."]


def _ru_mod(f: dict, st: _Style, rng: random.Random) -> tuple[str, list[str]]:
    total, parts, k = f["total"], f["parts"], len(f["parts"])
    drones, window, ministry = _drones(rng), _window(f, rng), _ministry(rng)
    if ministry == "the ministry":
        ministry = "the Defence Ministry"
    where = (f"over {st.num(k)} regions" if k > 2
             else f"over {_join([st.region(r) for r, _ in parts])}" if k == 2
             else f"over {st.region(parts[0][0])}")
    leads = [
        f"Russian air defences destroyed {st.num(total)} {drones} {where} {window}, {ministry} said.",
        f"{_cap(ministry)} said on {f['wd']} that air defence systems had intercepted and destroyed "
        f"{st.num(total)} {drones} {window}.",
        f"Air defence units shot down {st.num(total)} Ukrainian {drones.replace('Ukrainian ', '')} {window}, "
        f"{ministry} reported on {f['wd']} morning.",
        f"On-duty air defence systems intercepted and destroyed {st.num(total)} {drones} {where} {window}, "
        f"according to {ministry}.",
    ]
    paras = []
    inline = k >= 2 and k <= 4 and rng.random() < 0.3
    if inline:  # "destroyed 40 drones: 21 over X, 12 over Y and 7 over Z"
        items = _part_list(parts, st, rng, "mixed")
        paras.append(f"Air defences destroyed {st.num(total)} {drones} {window}: {_join(items)}, "
                     f"{ministry} said.")
    else:
        paras.append(rng.choice(leads))
        paras.extend(_breakdown(f, st, rng))
    extra = f["extra"]
    if extra:
        paras.append(rng.choice((
            f"Over the past day, air defences also shot down {st.num(extra[0])} {extra[1]}, the ministry "
            "said in its daily summary.",
            f"In a separate statement, {_ministry(rng)} said {st.num(extra[0])} {extra[1]} had been "
            "intercepted over the past 24 hours.")))
    for d in f["damage"]:
        r = d["region"]
        gov = rng.choice((f"Governor {d['governor']}", f"{r[0]} Governor {d['governor']}",
                          f"the region's governor, {d['governor']},", f"Acting Governor {d['governor']}"))
        hurt = ("nobody was hurt" if d["injured"] == 0 else "a man was injured and taken to hospital"
                if d["injured"] == 1 else f"{st.num(d['injured'])} people were injured")
        said = rng.choice(SAID)
        if gov.endswith(","):
            paras.append(f"In {st.region(r)}, {gov} {said} that debris from a downed drone had damaged "
                         f"{d['what']} in {d['town']}; {hurt}.")
        else:
            paras.append(rng.choice((
                f"{_cap(gov)} {said} that falling debris damaged {d['what']} in {d['town']} and that {hurt}.",
                f"Debris fell on {d['town']} in {st.region(r)}, damaging {d['what']}, "
                f"{gov.rstrip(',')} {said}. "
                f"{_cap(hurt)}, he added.",
                f"{_cap(gov)} {said} that {hurt} after fragments of a drone fell on {d['town']}, where "
                f"{d['what']} {'were' if d['what'].startswith(('two', 'windows')) else 'was'} damaged.")))
    if f["airports"]:
        names = _join(f["airports"])
        plural = len(f["airports"]) > 1
        paras.append(rng.choice((
            f"Temporary restrictions were imposed at {names} airport{'s' if plural else ''} to ensure flight "
            f"safety, Rosaviatsia, the federal air transport agency, said.",
            f"Flights were delayed at {names} while restrictions were in place at the "
            f"airport{'s' if plural else ''} during the night, according to Rosaviatsia.",
            f"Rosaviatsia said {names} airport{'s' if plural else ''} briefly stopped receiving and "
            f"sending flights.")))
    reaction = f["reaction"]
    if reaction == "silent":
        paras.append(rng.choice(("Ukraine did not comment on the reported attack.",
                                 "There was no immediate comment from Kyiv.",
                                 "Ukraine's military did not immediately respond to a request for comment.")))
    elif reaction == "claim":
        paras.append(rng.choice((
            f"Ukraine's General Staff said its forces had struck a fuel facility near {f['claim_town']}. "
            f"{st.outlet} could not independently verify either side's account.",
            f"A source in Ukraine's security service told reporters that drones had targeted an ammunition "
            f"depot near {f['claim_town']}, a claim that could not be independently verified.")))
    else:
        paras.append(f"Local residents' channels reported explosions near {f['claim_town']} after midnight, "
                     f"but their reports could not be checked.")
    nr = st.region(parts[0][0], "short")
    title = rng.choice((
        f"Russia says air defences downed {total} drones over {k} regions" if k > 2 else
        f"Russia says air defences downed {total} drones over {nr}",
        f"{total} Ukrainian drones destroyed overnight, Moscow says",
        f"{nr} bears brunt of overnight drone raid, Russian ministry says",
        f"Russian Defence Ministry reports {total} drones shot down",
        f"Overnight drone attack on {nr} and other regions repelled, ministry says",
    ))
    return title, paras


def _ua_air_force(f: dict, st: _Style, rng: random.Random) -> tuple[str, list[str]]:
    d, missiles, nm = f["drones"], f["missiles"], f["n_missiles"]
    dtype = rng.choice(("Shahed-type attack drones and decoy drones", "Shahed-type drones",
                        "attack drones of the Shahed type and decoys", "Shahed and Gerbera drones", "drones"))
    if len(missiles) == 1:
        weapons = f"{st.num(d)} {dtype} and {st.num(nm)} {missiles[0][1]} missile{'s' if nm > 1 else ''}"
    elif missiles:
        detail = ", ".join(f"{n} {kind}" for n, kind in missiles)
        weapons = f"{st.num(d)} {dtype} and {st.num(nm)} missiles ({detail})"
    else:
        weapons = f"{st.num(d)} {dtype}"
    af = rng.choice(("Ukraine's Air Force", "the Ukrainian Air Force", "the Air Force",
                     "Ukraine's air force"))
    paras = [rng.choice((
        f"Russia launched {weapons} at Ukraine overnight, {af} said on {f['wd']}.",
        f"{_cap(af)} said on {f['wd']} that Russia had attacked Ukraine overnight with {weapons}.",
        f"Russian forces launched {weapons} in an overnight attack on Ukraine, {af} reported.",
    ))]
    md = f" and {st.num(f['downed_missiles'])} missiles" if nm and f["downed_missiles"] else ""
    shot = rng.choice(("shot down or suppressed", "shot down or neutralised by electronic warfare",
                       "shot down/suppressed", "destroyed or suppressed"))
    s = rng.choice((f"Air defence {shot} {st.num(f['downed_drones'])} drones{md}, it said.",
                    f"According to the Air Force, {st.num(f['downed_drones'])} drones{md} were {shot}.",
                    f"Air defences {shot} {st.num(f['downed_drones'])} of the drones{md}, the statement "
                    "said."))
    if f["lost"]:
        s += " " + rng.choice((f"{st.num(f['lost'], start=True)} drones were lost locally, most likely to "
                               "electronic warfare.",
                               f"Another {st.num(f['lost'])} drones were lost locally, the Air Force said.",
                               f"{st.num(f['lost'], start=True)} more were locationally lost."))
    paras.append(s)
    paras.append(rng.choice((
        f"Hits were recorded at {st.num(f['hits'])} locations, and debris fell at {st.num(f['debris'])} "
        "more.",
        f"The Air Force said strikes were recorded at {st.num(f['hits'])} sites"
        f"{', with falling debris at ' + st.num(f['debris']) + ' others' if f['debris'] else ''}.")))
    dirs = _join(f["directions"])
    launch = f"The drones were launched from the directions of {dirs}."
    if f["bombers"]:
        launch += rng.choice((" The cruise missiles were fired from Tu-95MS strategic bombers over the "
                              "Saratov region.", " Missiles were launched from Tu-95MS aircraft over the "
                              "Caspian Sea and from the Black Sea."))
    paras.append(launch)
    if rng.random() < 0.5:
        paras.append(f"\"The enemy keeps sending decoy drones to exhaust our air defences, so mobile fire "
                     f"groups worked all night,\" Air Force spokesman {f['spokesman']} {rng.choice(SAID)}.")
    for t in f["targets"]:
        paras.extend(_ua_target_paras(t, st, rng, brief=True))
    title = rng.choice((
        f"Russia launches {d} drones{' and ' + str(nm) + ' missiles' if nm else ''} at Ukraine overnight",
        f"Ukraine says it downed {f['downed_drones']} of {d} Russian drones",
        f"Overnight attack hits {f['targets'][0]['town']} as Russia fires {d} drones",
        f"Air Force: {f['downed_drones']} drones shot down in overnight attack",
    ))
    return title, paras


def _hurt(t: dict, st: _Style, rng: random.Random) -> str:
    k, i, c = t["killed"], t["injured"], t["children"]
    if k and i:
        child = f", including {st.num(c)} child{'ren' if c > 1 else ''}," if c else ""
        return rng.choice((f"{st.num(k, start=True)} {'people were' if k > 1 else 'person was'} killed"
                           f"{child} and {st.num(i)} {'were' if i > 1 else 'was'} injured",
                           f"The attack killed {st.num(k)} {'people' if k > 1 else 'person'}{child} and "
                           f"wounded {st.num(i)}",
                           f"At least {st.num(k)} {'people' if k > 1 else 'person'} died and {st.num(i)} "
                           f"were wounded"))
    if k:
        return f"{st.num(k, start=True)} {'people were' if k > 1 else 'person was'} killed"
    if i:
        return rng.choice((f"{st.num(i, start=True)} {'people were' if i > 1 else 'person was'} injured",
                           f"At least {st.num(i)} {'people were' if i > 1 else 'person was'} wounded"))
    return rng.choice(("No casualties were reported", "Nobody was hurt", "There were no casualties"))


def _ua_official(t: dict, rng: random.Random) -> str:
    r = t["region"]
    if r[1] == "city":
        return rng.choice((f"Kyiv Mayor {t['mayor']}", f"{t['head']}, head of the Kyiv city military "
                           "administration,"))
    return rng.choice((f"{t['head']}, head of the {r[0]} regional military administration,",
                       f"Governor {t['head']}", f"{r[0]} Governor {t['head']}",
                       f"Mayor {t['mayor']}", f"{t['town']} Mayor {t['mayor']}"))


UA_OUTAGE = ("About {n} households were left without power, the regional energy company said.",
             "The strike left {n} residents of {town} without electricity.",
             "Power was cut to {n} consumers; engineers expected to restore supply within a day, the grid "
             "operator said.")


def _ua_target_paras(t: dict, st: _Style, rng: random.Random, brief: bool = False) -> list[str]:
    who = _ua_official(t, rng)
    town = t["town"] if t["region"][1] != "city" else f"Kyiv's {t['district']} district"
    weapon_phrase = t["weapon"][0]
    said = rng.choice(SAID)
    fac = t["facility"]
    art = "an" if fac[0] in "aeiou" else "a"
    hit = rng.choice((
        f"In {town}, {weapon_phrase} hit {art} {fac}, {who.rstrip(',')} {said}.",
        f"{who} {said} that {weapon_phrase} struck {art} {fac} in {town}.",
        f"{_cap(art)} {fac} in {town} was hit, {who.rstrip(',')} {said}.",
    ))
    paras = [hit + " " + _hurt(t, st, rng) + "."]
    damage = []
    if t["blocks"]:
        damage.append(rng.choice((f"Windows were blown out in {st.num(t['blocks'])} apartment "
                                  f"block{'s' if t['blocks'] > 1 else ''}",
                                  f"{st.num(t['blocks'], start=True)} apartment "
                                  f"building{'s were' if t['blocks'] > 1 else ' was'} damaged")))
    if t["houses"]:
        damage.append(f"{st.num(t['houses'], start=not damage)} private houses"
                      f"{' were damaged' if not damage or rng.random() < 0.5 else ''}")
    if t["cars"] and not brief:
        damage.append(f"{st.num(t['cars'], start=not damage)} cars were burnt out")
    if damage:
        paras.append(_cap(_join(damage)) + rng.choice((".", ", the State Emergency Service said.",
                                                        ", according to local officials.")))
    if t["target"] in ("energy", "port", "industry", "transport") and rng.random() < 0.7:
        paras.append(rng.choice(("The strike caused a fire, which rescuers put out by morning.",
                                 f"A fire broke out at the site and covered about {st.num(t['area'])} "
                                 "square metres, the emergency service said.")))
    if t["outage"]:
        town = t["town"] if t["region"][1] != "city" else "Kyiv"
        paras.append(rng.choice(UA_OUTAGE).format(n=st.num(t["outage"]), town=town))
    return paras


def _ua_strike(f: dict, st: _Style, rng: random.Random) -> tuple[str, list[str]]:
    paras = []
    time = rng.choice(("overnight", f"on {f['wd']} morning", f"late on {f['wd_prev']}", "at around 3 a.m.",
                       f"in the early hours of {f['wd']}"))
    town = f["town"] if f["region"][1] != "city" else "Kyiv"
    attacker = rng.choice(("Russian", "Russia's"))
    lead = rng.choice((
        f"A Russian attack on {town} {time} killed {st.num(f['killed'])} people "
        f"and injured {st.num(f['injured'])}, officials said." if f["killed"] > 1 and f["injured"] else
        f"{attacker} forces struck {town} with {f['weapon'][1]} {time}, officials said.",
        f"{attacker} forces struck {town} {time} with {f['weapon'][1]}, local authorities said.",
        f"{town} came under attack by {f['weapon'][1]} {time}, the regional administration said.",
    ))
    paras.append(lead)
    paras.extend(_ua_target_paras(f, st, rng))
    paras.append(rng.choice((
        f"About {f['rescuers']} rescuers worked at the scene through the night, clearing rubble.",
        f"Emergency crews searched the debris for survivors; {f['rescuers']} rescuers and "
        f"{f['vehicles']} vehicles were involved.",
        f"The State Emergency Service said {f['rescuers']} rescuers took part in the operation.")))
    if f["mourning"] and f["killed"]:
        paras.append(f"{_ua_official(f, rng).rstrip(',')} declared {f['wd']} a day of mourning in {town}.")
    if rng.random() < 0.4:
        paras.append(rng.choice(("Russia's Defence Ministry said it had struck military targets and "
                                 "denied attacking civilians.",
                                 "Moscow did not comment on the strike.",
                                 "Russia denies targeting civilians.")))
    title = rng.choice((
        f"{f['killed']} killed, {f['injured']} injured in Russian strike on {town}" if f["killed"]
        else f"Russian strike on {town} injures {f['injured']}" if f["injured"]
        else f"Russian strike damages {f['facility']} in {town}",
        f"{town} hit by {f['weapon'][1]} overnight",
        f"Russian attack on {town}: what we know",
    ))
    return title, paras


RU_STRIKE_DOWNED = ("{ministry} said {n} drones were destroyed over {region} {window}.",
                    "Russian air defences shot down {n} drones over the region overnight, according to the "
                    "Defence Ministry.")


def _ru_strike(f: dict, st: _Style, rng: random.Random) -> tuple[str, list[str]]:
    r, town, fac = f["region"], f["town"], f["facility"]
    gov = rng.choice((f"Governor {f['governor']}", f"{r[0]} Governor {f['governor']}",
                      f"the region's governor, {f['governor']},", "the regional governor"))
    said = rng.choice(SAID)
    art = "an" if fac[0] in "aeiou" else "a"
    fire = ("caused a fire at" if f["fire"] else "damaged")
    paras = [rng.choice((
        f"A Ukrainian drone attack {fire} {art} {fac} in {town} in {st.region(r)} {_window(f, rng)}, "
        f"{gov.rstrip(',')} {said}.",
        f"{_cap(gov)} {said} that drones had attacked {art} {fac} in {town}"
        f"{', causing a fire' if f['fire'] else ''}.",
        f"Debris from a drone shot down over {town} {fire} {art} {fac}, {gov.rstrip(',')} {said}.",
    ))]
    if f["fire"]:
        paras.append(rng.choice((
            f"The fire covered about {st.num(f['area'])} square metres and was put out by "
            f"{st.num(f['firefighters'])} firefighters, the emergencies ministry said.",
            f"Firefighters brought the blaze under control after several hours; it had spread over "
            f"{st.num(f['area'])} square metres.",
            f"Video posted by residents showed a large column of smoke over the {fac}.")))
    if f["injured"] or f["killed"]:
        k, i = f["killed"], f["injured"]
        bits = []
        if k:
            bits.append(f"{st.num(k, start=True)} {'person was' if k == 1 else 'people were'} killed")
        if i:
            bits.append(f"{st.num(i, start=not k)} {'worker was' if i == 1 else 'people were'} injured")
        who = rng.choice(("the governor said", "officials said", "he added"))
        paras.append(f"{_cap(_join(bits))}, {who}.")
    else:
        paras.append(rng.choice(("There were no casualties.", "Nobody was injured, the governor said.")))
    if f["outage"]:
        paras.append(f"About {st.num(f['outage'])} residents of {town} were left without electricity after "
                     f"the substation was hit, {rng.choice(('the regional grid company said', 'he said'))}.")
    paras.append(rng.choice(RU_STRIKE_DOWNED).format(
        ministry=_cap(_ministry(rng)), n=st.num(f["downed"]), region=st.region(r), window=_window(f, rng)))
    if f["ua_claim"]:
        paras.append(rng.choice((
            f"Ukraine's General Staff said it had struck the {fac} in {town}, which it said supplies fuel to "
            f"Russian forces. The claim could not be independently verified.",
            f"A Ukrainian security source said the attack on the {fac} was carried out by long-range drones "
            f"of the SBU. {st.outlet} was unable to verify the claim.")))
    title = rng.choice((
        f"Drone attack sparks fire at {fac} in Russia's {r[0]} region" if f["fire"]
        else f"Drone attack damages {fac} in Russia's {r[0]} region",
        f"{town} {fac} hit by Ukrainian drones, governor says",
        f"Ukraine strikes {fac} in {town}",
    ))
    return title, paras


UA_ALERT_LEADS = (
    "An air-raid alert was declared across {n} regions of Ukraine overnight after Russian MiG-31K fighters "
    "took off, the Air Force said.",
    "Air-raid sirens sounded in {town} and much of Ukraine late on {wd_prev}, as the Air Force warned of a "
    "missile threat.",
    "Ukraine declared a nationwide air-raid alert overnight over the threat of missile strikes.")


def _alert(f: dict, st: _Style, rng: random.Random) -> tuple[str, list[str]]:
    r = f["region"]
    paras = []
    if f["side"] == "ru":
        gov = rng.choice((f"{r[0]} Governor {f['governor']}", f"Governor {f['governor']}"))
        mode = rng.choice(("a \"drone danger\" mode", "drone danger mode", "a missile danger regime"))
        paras.append(rng.choice((
            f"{gov} declared {mode} across {st.region(r)} late on {f['wd_prev']}, warning of a possible "
            "attack by Ukrainian drones.",
            f"Authorities in {st.region(r)} declared {mode} on {f['wd_prev']} evening, {gov} "
            f"{rng.choice(SAID)}.")))
        lifted = (f["start"] + f["hours"]) % 24
        paras.append(f"The regime, in force from {f['start']:02d}:00, was lifted at "
                     f"{lifted:02d}:{f['minutes']:02d}, after about {st.num(f['hours'])} hours.")
        if f["downed"]:
            paras.append(f"Air defences destroyed {st.num(f['downed'])} drones over {st.region(r)} during "
                         "the night, the governor said; there was no damage.")
        names = _join(f["airports"])
        plural = len(f["airports"]) > 1
        paras.append(rng.choice((
            f"Restrictions were also imposed at {names} airport{'s' if plural else ''}, Rosaviatsia said, "
            "and several flights were diverted.",
            f"{names} airport{'s' if plural else ''} suspended flights for several hours.")))
        paras.append(rng.choice(("Mobile internet was restricted in the city during the alert.",
                                 "Residents were urged to stay away from windows and to take shelter.",
                                 "Sirens sounded in the regional capital shortly after midnight.")))
        title = rng.choice((f"{r[0]} declares drone danger mode, airports restricted",
                            f"Drone alert in {r[0]} region lasts {f['hours']} hours",
                            f"{f['airports'][0]} airport restrictions as {r[0]} declares drone alert"))
    else:
        paras.append(rng.choice(UA_ALERT_LEADS).format(n=st.num(f["ua_regions"]), town=f["town"],
                                                       wd_prev=f["wd_prev"]))
        paras.append(f"The alert in {f['town']} lasted {st.num(f['hours'])} hours and {f['minutes']} "
                     "minutes, according to the city's alert map.")
        paras.append(rng.choice((
            f"Residents of {f['town']} spent the night in shelters and metro stations, {f['governor']}, the "
            f"head of the regional administration, {rng.choice(SAID)}.",
            f"Schools in {f['town']} moved classes online for the morning after the alert, "
            f"{f['governor']} {rng.choice(SAID)}.")))
        if f["downed"]:
            paras.append(f"Air defence was working in {st.region(r)}, where {st.num(f['downed'])} drones "
                         "were shot down, the regional administration said.")
        title = rng.choice(("Nationwide air-raid alert as MiG-31K takes off",
                            f"{f['town']} spends {f['hours']} hours under air-raid alert",
                            "Air-raid alert across Ukraine overnight"))
    return title, paras


def _claim(f: dict, st: _Style, rng: random.Random) -> tuple[str, list[str]]:
    r, town, obj = f["region"], f["town"], f["object"]
    paras = []
    if f["side"] == "ua":
        paras.append(rng.choice((
            f"Ukraine's General Staff said on {f['wd']} that its drones had struck {obj} near {town} in "
            f"Russia's {r[0]} region, destroying {st.num(f['aircraft'])} aircraft.",
            f"Ukrainian forces hit {obj} near {town} overnight, a source in Ukraine's military intelligence "
            f"told {st.outlet}.")))
        paras.append(rng.choice((
            "The claim could not be independently verified.",
            f"{st.outlet} was unable to verify the claim, and satellite images of the site were not "
            f"immediately available.",
            "There was no independent confirmation of the strike.")))
        paras.append(rng.choice((
            f"{_cap(_ministry(rng))} said {st.num(f['downed'])} drones had been destroyed over the region "
            "and denied that any military site had been damaged.",
            f"Governor {f['official']} denied that {obj} had been hit, saying debris had fallen on an empty "
            f"field near {town} and that \"reports of a strike are fabrications\".",
            f"Russian officials dismissed the claim as false, saying all {st.num(f['downed'])} drones were "
            f"shot down.")))
        title = rng.choice((f"Ukraine says it hit {obj} in Russia's {r[0]} region; Moscow denies damage",
                            f"Kyiv claims strike near {town}, Russia says drones downed",
                            f"Unverified: Ukrainian drones target {obj} near {town}"))
    else:
        paras.append(rng.choice((
            f"Russia's Defence Ministry said on {f['wd']} that its forces had struck {obj} near {town} in "
            f"Ukraine's {r[0]} region with precision weapons and drones.",
            f"Russian forces hit {obj} in the {r[0]} region overnight, the Defence Ministry claimed.")))
        paras.append(rng.choice((
            f"Ukrainian officials rejected the claims, saying a civilian warehouse had been hit and "
            f"{st.num(f['injured'])} people injured." if f["injured"] else
            "Ukrainian officials denied the claim, saying a civilian warehouse had been hit.",
            f"{f['official']}, the head of the regional administration, said no military site had been hit "
            "and called the Russian statement \"lies\".")))
        paras.append("Neither account could be independently verified.")
        title = rng.choice((f"Russia claims strike near {town}; Ukraine says civilian site hit",
                            f"Moscow says it hit {obj} in {r[0]} region, Kyiv denies"))
    return title, paras


_RENDER = {"ru_mod": _ru_mod, "ua_air_force": _ua_air_force, "ru_strike": _ru_strike,
           "ua_strike": _ua_strike, "alert": _alert, "claim": _claim}


# --- background, hard negatives and filler (templates with lazily filled slots) ---------------

_FIELDS = {
    "ru_town": lambda rng: rng.choice(rng.choice(RU_REGIONS)[2]),
    "ua_town": lambda rng: rng.choice(rng.choice(UA_REGIONS)[2]),
    "ru_region": lambda rng: rng.choice(RU_REGIONS[:24])[0],
    "ua_region": lambda rng: rng.choice(UA_REGIONS)[0],
    "by_town": lambda rng: rng.choice(BY_TOWNS),
    "city": lambda rng: rng.choice(ELSEWHERE),
    "city2": lambda rng: rng.choice(ELSEWHERE),
    "any_town": lambda rng: rng.choice((*ELSEWHERE, *BY_TOWNS, "Kyiv", "Lviv", "Odesa", "Kazan", "Samara",
                                        "Tula", "Yaroslavl", "Vinnytsia", "Poltava", "Rivne", "Ternopil")),
    "person": lambda rng: rng.choice(OTHER_NAMES),
    "ru_person": _ru_person,
    "ru_first": lambda rng: rng.choice(RU_FIRST),
    "ua_first": lambda rng: rng.choice(UA_FIRST),
    "age": lambda rng: rng.randint(19, 84),
    "hour": lambda rng: rng.randint(1, 5),
    "ua_person": _ua_person,
    "wd": lambda rng: rng.choice(WEEKDAYS),
    "month": lambda rng: rng.choice(MONTHS),
    "n": lambda rng: rng.randint(2, 9),
    "n2": lambda rng: rng.randint(11, 95),
    "n3": lambda rng: rng.randint(120, 980),
    "k": lambda rng: rng.randint(2, 60),
    "pct": lambda rng: f"{rng.randint(1, 14)}.{rng.randint(0, 9)}",
    "price": lambda rng: f"{rng.randint(58, 92)}.{rng.randint(10, 99)}",
    "fyear": lambda rng: rng.randint(2027, 2031),
    "warm": lambda rng: rng.randint(12, 31),
    "win": lambda rng: (lambda a: f"{a}-{rng.randint(0, a - 1)}")(rng.randint(1, 5)),
    "draw": lambda rng: (lambda a: f"{a}-{a}")(rng.randint(0, 3)),
    "place": lambda rng: rng.choice(("third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")),
    "ordinal": lambda rng: rng.choice(("second", "third", "fourth", "fifth", "sixth")),
    "show": lambda rng: rng.choice(SHOWS),
    "temp2": lambda rng: rng.randint(3, 18),
    "minute": lambda rng: rng.randint(3, 90),
    "team": lambda rng: rng.choice(TEAMS),
    "team2": lambda rng: rng.choice(TEAMS),
    "company": lambda rng: rng.choice(COMPANIES),
    "product": lambda rng: rng.choice(PRODUCTS),
    "artist": lambda rng: rng.choice(OTHER_NAMES),
    "work": lambda rng: rng.choice(WORKS),
    "street": lambda rng: rng.choice(STREETS),
    "party": lambda rng: rng.choice(PARTIES),
    "sport": lambda rng: rng.choice(("volleyball", "handball", "basketball", "water polo", "futsal")),
    "crop": lambda rng: rng.choice(("wheat", "barley", "sunflower seeds", "maize", "rapeseed", "sugar beet")),
    "envoy": lambda rng: rng.choice(("a senior US envoy", "the Turkish foreign minister", "EU diplomats",
                                     "a Vatican envoy", "Gulf mediators", "the Swiss foreign minister")),
}
TEAMS = ("Vorskla Poltava", "Metalurh Zaporizhzhia", "Rukh Lviv", "Kolos Kovalivka", "Zorya", "Polissya",
         "FC Volna", "Sokol Saratov", "Rotor Volgograd", "Arsenal Tula", "Baltika", "Akron Tolyatti",
         "Dinamo Brest", "Neman Grodno", "Shakhtyor Soligorsk", "Riverside Rovers", "Northport United")
COMPANIES = ("Orion Retail", "a regional dairy cooperative", "Kalina Foods", "Tessera Logistics",
             "Northwind Airlines", "Granit Construction", "Lumen Telecom", "Polar Bakeries",
             "Steppe Agro Holding", "Atlas Pharmaceuticals", "the city's largest brewery", "Vektor Software")
PRODUCTS = ("frozen dumplings", "electric buses", "flat-pack furniture", "cheese", "organic fertiliser",
            "school uniforms", "winter tyres", "tram cars", "children's books", "solar panels", "oat milk")
WORKS = ("a retrospective of 1920s poster art", "an exhibition of folk embroidery", "a show of Dutch prints",
         "a photography show on village life", "an exhibition of icons from northern monasteries",
         "a display of early Soviet porcelain", "a show of contemporary textile art")
SHOWS = ("a new staging of Swan Lake", "a chamber opera", "a comedy by Gogol",
         "a new play about a river port", "a production of The Cherry Orchard", "an evening of one-act plays")
STREETS = ("Sadova Street", "Lenina Avenue", "Shevchenka Street", "Pushkinskaya Street", "the ring road",
           "Naberezhnaya Street", "Mira Avenue", "Soborna Square", "the old river bridge")
PARTIES = ("the ruling party's faction", "the opposition bloc", "independent deputies", "the council's "
           "budget committee", "a group of local residents")


class _Slots(dict):
    """Template slots: facts given up front, anything else drawn once on first use."""

    def __init__(self, rng: random.Random, base: dict | None = None) -> None:
        super().__init__(base or {})
        self.rng = rng

    def __missing__(self, key: str) -> object:
        value = _FIELDS[key](self.rng)
        self[key] = value
        return value


BACKGROUND = (  # war context, diplomacy, markets: relevant to the story, no event of its own
    # diplomacy
    "Talks on a ceasefire resumed in {city} this week, with {envoy} shuttling between the two delegations.",
    "Diplomats said a new round of consultations in {city} could take place as early as {month}.",
    "The Kremlin said it was open to negotiations but that its conditions had not changed.",
    "European foreign ministers meeting in {city} discussed a new package of financial aid for Kyiv.",
    "Prisoner exchanges, mediated by {envoy}, have continued despite the lack of a broader deal.",
    "A parliamentary delegation from {city} visited {ua_town} this week to discuss reconstruction projects.",
    "{person}, a political analyst in {city}, said neither side expected a breakthrough before {month}.",
    "The foreign ministers of {n} countries are due to meet in {city2} on {wd} to discuss security "
    "guarantees.",
    "The two sides exchanged the bodies of {n3} fallen soldiers last week, officials said.",
    "Kyiv and Moscow each accuse the other of dragging out the talks, and no date has been set for a summit.",
    "A joint statement after the meeting in {city} called for the protection of civilians and of nuclear "
    "power plants.",
    # markets
    "Oil prices rose {pct}% in Asian trading, with Brent crude at ${price} a barrel, as traders weighed the "
    "risk to Russian export capacity.",
    "Analysts at a {city} bank estimated that refinery outages had cut Russia's fuel output by about {n} "
    "percent in some weeks.",
    "The government has extended a ban on gasoline exports until the end of {month} to keep domestic "
    "prices in check.",
    "Wholesale electricity prices in Ukraine climbed to a record this week, the energy exchange said.",
    "Grain exports from the Black Sea ports reached {n2} million tonnes since the start of the season, "
    "according to the agriculture ministry.",
    "Insurance premiums for ships calling at Black Sea ports rose again this month, brokers in {city} said.",
    "The central bank in Moscow kept its key rate unchanged, citing persistent inflation of {pct}%.",
    "The hryvnia was little changed against the dollar on {wd}, trading near {n2}.{n} per dollar.",
    "Diesel prices at Russian filling stations have risen for {n} weeks in a row, exchange data showed.",
    "Ukraine's budget deficit is covered largely by foreign loans and grants, the finance ministry said.",
    "Shipping data showed {n} tankers waiting to load at Novorossiysk on {wd}.",
    "Wheat futures in {city} edged up {pct}% on concerns about Black Sea supply.",
    # energy and civil defence
    "Ukraine's grid operator has asked neighbouring countries for emergency imports of electricity on "
    "several occasions this winter.",
    "Energy engineers have been working in shifts to repair damaged networks before the frosts set in.",
    "Officials in {ua_region} said they were building more concrete shelters at bus stops and schools.",
    "Ukraine's energy minister said the country had enough gas in storage to get through the winter.",
    "Russian officials have urged companies to install protective nets over critical equipment.",
    "Rolling power cuts of up to {n} hours a day were in force in several Ukrainian regions this week.",
    "Hospitals in {ua_town} have installed backup generators and stocked fuel for {n2} days.",
    "Several Russian regions have restricted mobile internet during alerts, saying it hampers drone "
    "navigation.",
    "Authorities in {ru_town} have built protective shelters around key substations, the regional "
    "government said.",
    # the war
    "Kyiv has said its long-range strikes on Russian energy sites are a response to attacks on Ukraine's "
    "power grid.",
    "Moscow says its strikes target military and energy infrastructure that supports Ukraine's army.",
    "Both sides have sharply increased their use of long-range drones over the past year.",
    "Russia began its full-scale invasion of Ukraine in February 2022.",
    "Ukraine says it now produces most of its long-range drones at home.",
    "Western officials say Russia has expanded production of Shahed-type drones at a plant in Tatarstan.",
    "Interceptor drones, cheaper than air defence missiles, are increasingly used against the Shaheds.",
    "Neither side publishes full figures for its own military losses.",
    # humanitarian
    "The United Nations human rights mission said civilian casualties had risen compared with {month}.",
    "Aid agencies said {n3} families in frontline districts had received winter kits this month.",
    "The Red Cross said it was delivering generators and heaters to {n} towns in the east and south.",
    "Residents of border villages have been offered temporary housing in {ru_town} and other towns.",
    "About {n2},000 people have left the border districts since the summer, regional officials estimate.",
)
COLOUR = {  # story-specific detail: {town} and {region} are the story's own place
    "ru": (
        "Residents of {town} said they were woken by loud bangs shortly after {hour} a.m.",
        "\"The whole building shook, and then we heard the sirens,\" said {ru_first}, a pensioner who lives "
        "nearby.",
        "The regional government said owners of damaged property would receive compensation of up to "
        "{n2},000 roubles.",
        "Schools in {town} switched to remote learning for the rest of the week, the local administration "
        "said.",
        "A temporary aid point was set up in a local school, where residents could get food and help with "
        "documents.",
        "Mobile internet was switched off in {town} for several hours as a security measure.",
        "Police cordoned off the area while specialists examined the wreckage.",
        "Gas supply to {n} houses was cut off as a precaution, the local gas company said.",
        "Local Telegram channels published videos of flashes in the night sky over {town}, which could not "
        "be verified.",
        "The city administration asked residents not to publish photos or videos of the aftermath.",
        "{Region} has been targeted by Ukrainian drones almost daily this autumn.",
        "Commuter trains to {town} ran with delays of up to {n} hours in the morning, the railway said.",
    ),
    "ua": (
        "\"I heard the whistle and then the blast threw me to the floor,\" said {ua_first}, {age}, who lives "
        "on the fifth floor.",
        "Volunteers handed out tea and plastic sheeting to cover broken windows.",
        "Psychologists from the emergency service were working with residents at the scene.",
        "Utility crews boarded up windows in {n2} flats by the evening, the city council said.",
        "Heated tents with power and internet were opened for residents left without electricity.",
        "Medics said {n} of the injured were in serious condition.",
        "The regional prosecutor's office opened an investigation into a war crime.",
        "Schools in {town} moved lessons online for the day.",

        "Water supply in several districts was disrupted because pumping stations lost power.",
        "Residents queued at an aid centre set up in a school gym to apply for repair vouchers.",
        "Trolleybuses in {town} were replaced by diesel buses until power was restored.",
        "{Region} has come under attack almost every night this month.",
    ),
}
HARD_NEGATIVE_PARAS = (  # look like the air war to a keyword filter, are not
    "Separately, officials in {ru_town} said a fire at a warehouse on {wd} had been caused by a faulty "
    "heater and was not linked to the war.",
    "In an unrelated incident, a gas leak caused an explosion in a private house in {ua_town}, injuring "
    "{n} people, the emergency service said.",
    "A storm with strong winds left about {n3} households in the {ru_region} region without power on {wd}, "
    "the regional grid company said.",
    "Belarus said its air defence units held drills near {by_town} this week, practising the interception "
    "of drones and cruise missiles.",
    "A drone light show with {n3} drones over the river closed the city festival in {any_town} on {wd}.",
    "Sappers defused an unexploded Second World War bomb found at a building site in {any_town}.",
    "The airport in {any_town} was closed for several hours on {wd} because of heavy snow and ice on the "
    "runway.",
)
HARD_NEGATIVE_STORIES = {  # whole articles: (headline, paragraphs), each paragraph a template
    "refinery_fault": (
        "Fire at {ru_town} refinery caused by equipment failure, company says",
        ("A fire broke out at an oil refinery in {ru_town} on {wd} after a pipe burst during maintenance, "
         "the company that runs the plant said.",
         "The blaze at a distillation unit was put out within two hours by {k} firefighters, and nobody was "
         "injured, the regional emergencies department said.",
         "The company said the incident was caused by a technical fault, not by an attack, and that output "
         "would return to normal within {n} days.",
         "Prosecutors opened a check into compliance with industrial safety rules at the site.",
         "The refinery processes about {n2} million tonnes of crude a year and supplies fuel stations across "
         "the region.",
         "A similar short circuit caused a smaller fire at the plant in {month}, local media reported.")),
    "storm_outage": (
        "Storm leaves {n3} households without power in {ru_region} region",
        ("A storm with gusts of up to {n2} metres per second left about {n3} households without power in "
         "the {ru_region} region overnight, the regional grid company said.",
         "Falling trees damaged power lines in {k} districts, and repair crews worked through the night.",
         "Electricity was restored to most homes by {wd} evening, the company said, but some villages "
         "could remain without power for another day.",
         "The weather service issued a warning for strong winds and heavy snow for the rest of the week.",
         "In {ru_town}, several roads were closed because of fallen trees and ice.")),
    "exercise": (
        "Belarusian air defence holds drills near {by_town}",
        ("Air defence units of Belarus held military exercises near {by_town} this week, practising the "
         "detection and interception of drones and cruise missiles, the defence ministry in Minsk said.",
         "Crews of surface-to-air missile systems fired at target drones at a training range, the ministry "
         "said, adding that all targets were hit.",
         "The drills involved about {n3} troops and {k} units of equipment, it said.",
         "Belarus holds such training exercises regularly, and neighbouring countries are informed in "
         "advance, the ministry said.",
         "Observers from {city} were invited to parts of the exercise.")),
    "light_show": (
        "{n3} drones light up the sky at {any_town} city festival",
        ("A drone light show with {n3} drones lit up the sky over the river in {any_town} on {wd} night, "
         "closing the city's annual festival.",
         "The drones formed the city's coat of arms, a sailing ship and a giant heart, organisers said.",
         "About {n2},000 people watched the show from the embankment, according to the city administration.",
         "The organisers said the drone show was filmed by a drone camera and would be posted online.",
         "Next year's festival will include a fireworks display over the harbour, the mayor said.")),
    "gas_blast": (
        "Gas explosion damages apartment block in {ua_town}",
        ("A gas explosion damaged a five-storey apartment block in {ua_town} on {wd} morning, injuring {n} "
         "people, the State Emergency Service said.",
         "Investigators said the blast was caused by a gas leak in a flat on the third floor.",
         "Windows were shattered in two neighbouring buildings, and residents were moved to a school nearby.",
         "The gas company said it would inspect all the pipes in the building before residents return.",
         "Police opened a case over violation of safety rules for the use of gas equipment.")),
    "fog_airport": (
        "Fog disrupts flights at {any_town} airport",
        ("Thick fog led to restrictions at the airport in {any_town} on {wd}, with {k} flights delayed and "
         "several diverted, the airport said.",
         "The weather service said visibility fell below 200 metres overnight.",
         "Passengers were offered hotel rooms, and the airport expected to clear the backlog by evening.",
         "Fog of this kind is common in the region in late autumn, forecasters said.")),
}
FILLER = {  # topic: ((headline, lead), ...), body sentences
    "weather": (
        (("Cold snap on the way for {any_town} as temperatures fall to minus {temp2}",
          "Temperatures in {any_town} will fall to minus {temp2} degrees by {wd}, forecasters said, as cold "
          "air moves in from the north."),
         ("Mild weekend ahead in {any_town}, forecasters say",
          "Forecasters expect a mild weekend in {any_town}, with daytime highs of up to {warm} degrees and "
          "little wind."),
         ("Rain and wind expected across the region this weekend",
          "A band of rain will move across the region from {wd}, the weather service said, with up to {n2} "
          "millimetres expected in places."),
         ("First snow of the season falls in {any_town}",
          "The first snow of the season fell in {any_town} on {wd} night, covering roofs and parks with a "
          "thin white layer.")),
        ("Drivers were advised to fit winter tyres before the end of {month}.",
         "Snow cover in the northern districts is expected to reach {k} centimetres by the weekend.",
         "Last {month} was the warmest on record in {any_town}, the meteorological centre said.",
         "Farmers welcomed the rain after a dry spell that had worried {crop} growers.",
         "Night frosts are likely in low-lying areas, and gardeners were advised to cover young plants.",
         "The river level in {any_town} rose by {k} centimetres over the past day, the water agency said.",
         "Air quality in the city centre was rated good on {wd}, the environmental service said.",
         "{person}, a forecaster, said the pattern was typical for the time of year.",
         "Humidity will stay high, with patches of morning fog near the river.",
         "The city's road service has {n2} snow ploughs ready and {n3} tonnes of sand and salt in stock.",
         "Schools will stay open, the education department said, but outdoor lessons may move indoors.",
         "By {wd} a high-pressure system should bring clear skies and lighter winds.",
         "The long-range outlook for {month} suggests a milder start than last year.",
         "Pharmacies reported higher demand for cold remedies as temperatures swung through the week.",
         "Commuters should allow extra time on {street}, where the surface is being replaced.",
         "Daytime highs should reach {warm} degrees in the south of the region, well above the norm.",
         "The ski slopes near {any_town} plan to open on {wd} if the cold holds.",
         "Beekeepers said the long autumn had been good for their colonies.",
         "The municipal heating season started on {wd}, a week earlier than planned.",
         "Ferries on the lake will stop running for the winter at the end of {month}.",
         "Sunrise will come after eight o'clock by the end of the month.")),
    "sports": (
        (("{team} beat {team2} {win} to move up the table",
          "{team} beat {team2} {win} on {wd}, with the winner coming after {minute} minutes."),
         ("Late goal gives {team} a draw against {team2}",
          "A goal in stoppage time gave {team} a {draw} draw against {team2} on {wd}."),
         ("{team2} coach stays upbeat after defeat",
          "The coach of {team2}, {ru_person}, said his players had nothing to be ashamed of after a {win} "
          "defeat by {team} on {wd}."),
         ("{person} reaches semi-finals in {city}",
          "{person} reached the semi-finals of the indoor tennis tournament in {city} on {wd}, beating the "
          "third seed in three sets.")),
        ("The visitors controlled possession for most of the first half but created few chances.",
         "{person} scored twice and was named player of the match.",
         "The goalkeeper made {n} saves, including a penalty in the second half.",
         "The result lifts {team} to {place} place, {n} points behind the leaders.",
         "\"We played with courage and we deserved the points,\" the captain told reporters.",
         "A crowd of {n2},000 attended the match at the renovated stadium.",
         "{team2} had not lost at home since {month}.",
         "The league's {sport} championship also resumed on {wd}, with {team} winning in straight sets.",
         "The club confirmed that its striker would miss {n} weeks with a hamstring injury.",
         "Tickets for the cup quarter-final in {any_town} sold out within an hour.",
         "The federation said the winter break would start after the next round.",
         "A youth academy graduate made his debut in the last ten minutes.",
         "The referee showed {n} yellow cards in a tense second half.",
         "The biathlon team announced its squad for the World Cup stage in {city}.",
         "The club's owners said they would invest in a new training centre by {fyear}.",
         "The women's team won its sixth game in a row and leads the table by {n} points.",
         "Fans marched to the stadium with scarves and drums before kick-off.",
         "The club's chess section hosted a rapid tournament for schoolchildren on {wd}.",
         "Next weekend {team} travel to {any_town} for the derby.",
         "The marathon in {any_town} drew {n3} runners despite the cold.")),
    "business": (
        (("{company} reports higher quarterly revenue",
          "{company} said on {wd} that quarterly revenue rose {pct}% from a year earlier, helped by strong "
          "demand for {product}."),
         ("{company} to build new plant near {any_town}",
          "{company} will build a plant near {any_town} to make {product}, investing {n3} million by "
          "{fyear}, the company said on {wd}."),
         ("Retail sales rise {pct}% as shoppers return",
          "Retail sales rose {pct}% in {month} from a year earlier, the statistics office said on {wd}."),
         ("Central bank holds key rate at {n2}%",
          "The central bank left its key interest rate unchanged at {n2} percent on {wd}, saying inflation "
          "was slowing more gradually than expected.")),
        ("Shares of {company} rose {pct}% in morning trading.",
         "Chief executive {person} said the company would hire about {n3} people over the next two years.",
         "Analysts had expected a smaller increase, citing higher costs for energy and transport.",
         "Inflation slowed to {pct}% in {month}, the statistics office said.",
         "The new line will make {product} for the domestic market and for export to {city}.",
         "{company} also signed a supply agreement with a partner in {city2}.",
         "Exports of {crop} rose to a record in the first ten months of the year.",
         "The regional government offered tax breaks to investors in the industrial park.",
         "A new logistics centre on {street} is due to open in {month}, the developer said.",
         "Consumer confidence improved for the {ordinal} month in a row, a survey showed.",
         "The company's net debt fell to {n2} percent of earnings.",
         "Unions said they welcomed the plans but wanted guarantees on wages.",
         "Northwind Airlines said it would open a new route between {any_town} and {city} in {month}.",
         "Small businesses in {any_town} reported stronger sales ahead of the holidays.",
         "The company's dividend will be paid in {month}, the board said.",
         "Mortgage lending rose for a third month, the banking association said.",
         "The price of a basket of basic foods was little changed in {month}.",
         "Economists at a {city} bank raised their growth forecast for next year to {pct}%.",
         "The company said it would publish its annual report in {month}.")),
    "culture": (
        (("{work} opens in {any_town}",
          "{work} opened at the city museum in {any_town} on {wd}, drawing long queues."),
         ("Festival draws record crowds in {any_town}",
          "The annual arts festival in {any_town} drew a record {n2},000 visitors over the weekend, "
          "organisers said."),
         ("{artist} wins regional literature prize",
          "The writer {artist} won the regional literature prize on {wd} for a novel about a family of river "
          "pilots."),
         ("Drama theatre opens season with {show}",
          "The drama theatre in {any_town} opened its season on {wd} with {show}, sold out weeks in "
          "advance.")),
        ("Curator {person} said the show brings together more than {n3} objects from {n2} collections.",
         "Tickets cost between {n2} and {n3} hryvnias, and students get a discount.",
         "The festival programme includes concerts, readings and workshops for children.",
         "The library on {street} reopened after a renovation funded by the city.",
         "A touring orchestra from {city} will give {n} concerts in the region.",
         "The film festival in {city} selected a documentary by a young director from {any_town}.",
         "Restorers completed work on the ceiling frescoes of the old cathedral.",
         "The museum plans to digitise its archive of {n3} photographs by {fyear}.",
         "\"Art is how a city remembers itself,\" {person} said at the opening.",
         "Entry will be free on the first {wd} of every month.",
         "The choir's new album was recorded in a wooden church in a village near {any_town}.",
         "Critics praised the staging, singling out the lighting and the costumes.",
         "A street art festival will turn {k} facades on {street} into murals.",
         "The puppet theatre is touring schools in the district with a new show for children.",
         "A collection of letters from the nineteenth century was donated to the city archive.",
         "Young musicians from {n} countries will compete in the piano contest in {month}.",
         "The conservatory announced a series of free lunchtime concerts.")),
    "local_politics": (
        (("City council approves budget for {fyear}",
          "The city council in {any_town} approved a budget for {fyear} on {wd}, with more money for roads "
          "and schools."),
         ("New bus routes for {any_town} from {month}",
          "{any_town} will get {n} new bus routes from {month}, linking the suburbs with the centre, the "
          "transport department said."),
         ("Residents debate plans to redevelop {street}",
          "Residents of {any_town} packed a public hearing on {wd} to debate plans to redevelop {street}."),
         ("Low turnout in {any_town} by-election",
          "Turnout in the by-election for the city council in {any_town} was {n2} percent, the election "
          "commission said on {wd}.")),
        ("Deputies voted {n2} to {n} in favour, with {party} abstaining.",
         "Mayor {ua_person} said the city would repair {k} kilometres of roads next year.",
         "Residents of {street} complained about noise from the construction of a new residential complex.",
         "A public hearing on the plans is scheduled for {month}.",
         "The city will buy {n2} new low-floor buses and {n} trams, the transport department said.",
         "{party} proposed cutting the cost of parking permits for families.",
         "A new school with {n2} classrooms will open in the district in September.",
         "The head of the district, {ru_person}, said the kindergarten queue had fallen by half.",
         "Council members agreed to rename a square after a local teacher.",
         "The audit office found that {pct}% of last year's road budget had not been spent.",
         "The mayor's office said water tariffs would rise by {pct}% from {month}.",
         "Volunteers planted {n3} trees along the river embankment on {wd}.",
         "A petition to keep the old market open gathered {n3} signatures.",
         "The city will publish its spending online every month, the finance department said.",
         "Cycle lanes on {street} will be finished by the summer, the council said.",
         "The council postponed a vote on raising the tourist tax until {month}.",
         "Pensioners will travel free on city trams on weekends from {month}.")),
}
FILLER_TOPICS = tuple(FILLER)
BOILERPLATE = ("Read more: {headline}", "Share this article", "Subscribe to our newsletter for daily updates",
               "Follow our live coverage", "Advertisement", "Click here to get the app",
               "RELATED: OFFICIALS REVIEW SHELTER CAPACITY IN BORDER DISTRICTS",
               "Sign up for the morning briefing")


@dataclass(frozen=True)
class NewsArticle:
    """One generated article and the generator's labels for it."""

    article_id: str
    title: str
    text: str
    published_at: datetime
    source: str
    topic: str    # "air_war" | "hard_negative" | "general"
    kind: str     # air war: ru_mod, ua_air_force, ru_strike, ua_strike, alert, claim; hard negative:
    #               refinery_fault, storm_outage, exercise, light_show, gas_blast, fog_airport;
    #               general: weather, sports, business, culture, local_politics
    story: str    # articles telling the same facts (an original and its retellings) share it
    variant: str  # "original" | "retelling" | "near_duplicate" | "copy"

    @property
    def war(self) -> bool:
        return self.topic == "air_war"


def _fill(template: str, slots: _Slots) -> str:
    return template.format_map(slots)


def _pad(paras: list[str], target: int, pool: tuple[str, ...], rng: random.Random, base: dict) -> None:
    """Add paragraphs of 1-3 sentences from `pool` (each used once) until the text has `target` words."""
    count = sum(len(p.split()) for p in paras)
    order = rng.sample(pool, len(pool))
    while count < target and order:
        slots = _Slots(rng, base)
        k = min(len(order), rng.choice((1, 2, 2, 3)))
        para = " ".join(_cap(_fill(order.pop(), slots)) for _ in range(k))
        paras.append(para)
        count += len(para.split())


def _story_place(facts: dict) -> tuple[str, str, str]:
    """(side, town, region) of a story, for its colour paragraphs: ("ru", "Lgov", "the Kursk region")."""
    kind = facts["kind"]
    plain = _Style("", False, False, "-", False)
    if kind == "ru_mod":
        town = facts["damage"][0]["town"] if facts["damage"] else facts["claim_town"]
        return "ru", town, plain.region(facts["parts"][0][0])
    if kind == "ua_air_force":
        t = facts["targets"][0]
        return "ua", t["town"], plain.region(t["region"])
    side = {"ru_strike": "ru", "ua_strike": "ua"}.get(kind) or \
        ("ru" if (kind == "alert") == (facts["side"] == "ru") else "ua")
    return side, facts["town"], plain.region(facts["region"])


def _war_article(facts: dict, st: _Style, rng: random.Random, target: int) -> tuple[str, str]:
    title, paras = _RENDER[facts["kind"]](facts, st, rng)
    if len(paras) > 4 and rng.random() < 0.6:  # retellings differ in order too; the first two stay
        rest = paras[2:]
        i, j = rng.randrange(len(rest)), rng.randrange(len(rest))
        rest[i], rest[j] = rest[j], rest[i]
        paras = [*paras[:2], *rest]
    if st.attribution_first and rng.random() < 0.5:
        paras[0] = f"{facts['wd'].upper()} ({st.outlet}) {st.dash} {paras[0]}"
    side, town, region = _story_place(facts)
    pool = COLOUR[side]
    for k, index in enumerate(rng.sample(range(len(pool)), rng.randint(1, 4))):
        # The story's own numbers: every outlet that retells it quotes the same ones.
        slots = _Slots(random.Random(facts["seed"] * 100 + index), {"town": town, "region": region,
                                                                    "Region": _cap(region)})
        paras.insert(min(len(paras), 2 + k + rng.randint(0, 2)), _fill(pool[index], slots))
    if rng.random() < 0.15:
        paras.insert(rng.randint(2, len(paras)), _fill(rng.choice(HARD_NEGATIVE_PARAS), _Slots(rng)))
    _pad(paras, target, BACKGROUND, rng, {})
    return title, "\n\n".join(paras)


def _filler_article(topic: str, rng: random.Random, target: int) -> tuple[str, str]:
    leads, pool = FILLER[topic]
    headline, lead = rng.choice(leads)
    base = _Slots(rng)
    title, paras = _cap(_fill(headline, base)), [_cap(_fill(lead, base))]
    _pad(paras, target, pool, rng, dict(base))
    _digest(paras, target, rng, topic)
    return title, "\n\n".join(paras)


def _digest(paras: list[str], target: int, rng: random.Random, topic: str | None = None) -> None:
    """Items of other news under a heading, while the article is shorter than `target` words."""
    if sum(len(p.split()) for p in paras) >= target:
        return
    paras.append(rng.choice(("In other news:", "Elsewhere in the region:", "Briefly:", "Also today:")))
    for other in rng.sample(FILLER_TOPICS, len(FILLER_TOPICS)):
        if other != topic:
            _pad(paras, target, FILLER[other][1], rng, {})


def _negative_article(name: str, rng: random.Random, target: int) -> tuple[str, str]:
    headline, pool = HARD_NEGATIVE_STORIES[name]
    slots = _Slots(rng)
    title = _fill(headline, slots)
    paras = [_fill(p, slots) for p in pool]
    _digest(paras, target, rng)
    return title, "\n\n".join(paras)


def _near_duplicate(title: str, text: str, rng: random.Random) -> tuple[str, str]:
    """A re-post: a changed headline, page boilerplate, sometimes a rewritten first paragraph."""
    title = rng.choice((f"UPDATE 1-{title}", f"{title} - live", f"{title} (updated)",
                        f"WATCH: {title}", title.replace(" says", " reports"), f"{title}, officials say"))
    paras = text.split("\n\n")
    for _ in range(rng.randint(1, 3)):
        line = rng.choice(BOILERPLATE).format(headline=rng.choice(("Power cuts expected in border districts",
                                                                   "What we know about the overnight attack",
                                                                   "Markets close mixed")))
        paras.insert(rng.randint(1, len(paras)), line)
    if rng.random() < 0.3:
        paras[0] = rng.choice(("Updated with new details.", "This story has been updated.",
                               "Corrects spelling of a name in paragraph four.")) + "\n\n" + paras[0]
    return title, "\n\n".join(paras)


def generate(n: int, war_share: float, seed: int = 7, *, start: date = date(2026, 11, 1),
             per_day: int = 300, hard_negative_share: float = 0.05) -> list[NewsArticle]:
    """`n` articles, round(n * war_share) of them about the air war, `per_day` published a day from
    `start`. Same arguments, same articles, byte for byte."""
    if not 0.0 <= war_share <= 1.0:
        raise ValueError("war_share must be between 0 and 1")
    rng = random.Random(seed)
    n_war = round(n * war_share)
    n_negative = round((n - n_war) * hard_negative_share)
    topics = ["air_war"] * n_war + ["hard_negative"] * n_negative + ["general"] * (n - n_war - n_negative)
    rng.shuffle(topics)
    out: list[NewsArticle] = []
    war_stories: list[tuple[str, date, dict, list[str]]] = []  # (story, day, facts, outlets so far)
    recent: list[NewsArticle] = []
    n_stories = 0
    for i, topic in enumerate(topics):
        day = start + timedelta(days=i // per_day)
        target = rng.randint(300, 900)
        minute = rng.randint(6 * 60, 22 * 60)
        published = datetime(day.year, day.month, day.day, minute // 60, minute % 60)
        roll = rng.random()
        same_day = [a for a in recent if a.published_at.date() == day and a.topic == topic]
        if same_day and roll < (0.08 if topic == "air_war" else 0.04):
            source = rng.choice(same_day)
            if rng.random() < 0.25:
                title, text, variant = source.title, source.text, "copy"
            else:
                title, text = _near_duplicate(source.title, source.text, rng)
                variant = "near_duplicate"
            article = NewsArticle(f"nc-{i:06d}", title, text, max(published, source.published_at),
                                  rng.choice(OUTLETS), topic, source.kind, source.story, variant)
        elif topic == "air_war":
            open_stories = [s for s in war_stories[-12:] if s[1] == day and len(s[3]) < 4]
            if open_stories and roll < 0.38:
                story, _, facts, outlets = rng.choice(open_stories)
                variant = "retelling"
            else:
                n_stories += 1
                story, variant = f"s{n_stories:06d}", "original"
                kind = rng.choices(WAR_KINDS, WAR_WEIGHTS)[0]
                facts, outlets = _FACTS[kind](rng, day), []
                facts["seed"], facts["published"] = rng.randrange(2**32), published
                war_stories.append((story, day, facts, outlets))
            outlet = rng.choice([o for o in OUTLETS if o not in outlets])
            outlets.append(outlet)
            if variant == "retelling":  # later the same day: other outlets follow the first report
                published = min(facts["published"] + timedelta(minutes=rng.randint(10, 360)),
                                datetime(day.year, day.month, day.day, 23, 59))
            title, text = _war_article(facts, _style(rng, outlet), rng, target)
            article = NewsArticle(f"nc-{i:06d}", title, text, published, outlet, topic, facts["kind"], story,
                                  variant)
        else:
            n_stories += 1
            if topic == "hard_negative":
                kind = rng.choice(tuple(HARD_NEGATIVE_STORIES))
                title, text = _negative_article(kind, rng, target)
            else:
                kind = rng.choice(FILLER_TOPICS)
                title, text = _filler_article(kind, rng, target)
            article = NewsArticle(f"nc-{i:06d}", title, text, published, rng.choice(OUTLETS), topic, kind,
                                  f"s{n_stories:06d}", "original")
        out.append(article)
        recent.append(article)
        if len(recent) > 40:
            del recent[0]
    return out


# --- what the benches read ------------------------------------------------------------------------

def frames(articles: list[NewsArticle], copies: bool = False):
    """(articles, sentences) Polars frames as the clean stage gives them to extract: the articles
    with `article_id`, `published_at`, `arrival_date` (the publication day) and clean `text`, and
    the sentences with `article_id`, `sentence_index`, `start`, `end`, `text`. Exact copies are
    left out unless `copies`, as the extract stage skips exact duplicates."""
    import polars as pl

    from skywatch.text import clean_text, split_sentences

    rows, sentences = [], []
    for a in articles:
        if a.variant == "copy" and not copies:
            continue
        text, _ = clean_text(a.text)
        rows.append({"article_id": a.article_id, "published_at": a.published_at,
                     "arrival_date": a.published_at.date(), "text": text})
        sentences.extend((a.article_id, j, s, e, t) for j, (s, e, t) in enumerate(split_sentences(text)))
    return (pl.DataFrame(rows, schema={"article_id": pl.String, "published_at": pl.Datetime("us"),
                                       "arrival_date": pl.Date, "text": pl.String}),
            pl.DataFrame(sentences, schema={"article_id": pl.String, "sentence_index": pl.Int64,
                                            "start": pl.Int64, "end": pl.Int64, "text": pl.String},
                         orient="row"))


def write_landing(day_dir: Path, articles: list[NewsArticle]) -> None:
    """One landing day: even-numbered articles as `<id>.txt` (title line, blank line, body), the
    others as lines of `feed.jsonl` with id, title, text, published_at and source."""
    day_dir.mkdir(parents=True, exist_ok=True)
    with (day_dir / "feed.jsonl").open("w", encoding="utf-8") as feed:
        for i, a in enumerate(articles):
            if i % 2:
                feed.write(json.dumps({"id": a.article_id, "title": a.title, "text": a.text,
                                       "published_at": a.published_at.isoformat(), "source": a.source},
                                      ensure_ascii=False) + "\n")
            else:
                (day_dir / f"{a.article_id}.txt").write_text(f"{a.title}\n\n{a.text}\n", encoding="utf-8")
