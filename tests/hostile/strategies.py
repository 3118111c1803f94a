"""Hypothesis strategies for hostile news text: sentences and articles made of the fragments news
really has, pushed to their edges.

Weapon phrases, numbers (huge, negative, exponents, ordinals, comma groups, words, digits of other
scripts), dates (ordinal, malformed, years 1 and 9999), places, odd unicode (combining marks,
direction marks, zero-width joiners, emoji, lone punctuation, NBSP) and long runs. Every fragment
is written here for these tests; none is taken from a real article.

Use `hostile_sentences()` for one sentence, `hostile_articles()` for a text of several, and
`publication_times()` for a `published_at` (None, ordinary, or at the calendar's ends).
"""

from __future__ import annotations

from datetime import datetime

from hypothesis import strategies as st

WEAPONS = (
    "drones", "drone", "a drone", "Shahed-136 drones", "Shahed drones", "Geran-2", "Kalibr cruise missiles",
    "Iskander-M ballistic missiles", "Kh-101 missiles", "a missile", "UAVs", "unmanned aerial vehicles",
    "glide bombs", "rockets", "sea drones", "both missiles", "S-300 missiles", "attack drones",
    "Grad rockets", "Vilkha MLRS rockets", "a Vilkha rocket", "a rocket", "multiple launch rocket system",
    "HIMARS",
)

_FIXED_NUMBERS = (
    "10^30", "10**30", "10 ^ 30", "1e30", "1.5e3", "1E+30", "2^63", "3 x 10^5", "10 to the power of 30",
    "9223372036854775807", "9223372036854775808", "18446744073709551616", "9,000,000,000,000,000",
    "-5", "\u22127", "minus 5", "minus five", "(-3)", "twenty-one", "forty-six", "one hundred and four",
    "a dozen", "half a dozen", "half a million", "1.5 million", "1,5 million", "5 trillion",
    "nine quintillion", "a billion billion", "0800", "3.5", "10-15", "between 10 and 15", "at least 8",
    "up to 20", "about 500", "some 1,200", "7th", "21st", "22nd", "23rd", "1st", "no one", "nobody",
    "\uff11\uff12", "\u0663", "\u0661\u0662\u0663", "\u0967\u0968", "5\u00b2", "10\u00b3\u2070",
    "1\u0663", "\u0661\u066b\u0665 million", "\u00bd", "\u2167", "0", "00", "007",
)


def _script_digits(n: int, zero: int) -> str:
    """`n` written with the digits of the script whose zero is code point `zero`."""
    return "".join(chr(zero + int(d)) for d in str(n))


NUMBERS = st.one_of(
    st.sampled_from(_FIXED_NUMBERS),
    st.integers(0, 10**40).map(str),
    st.integers(-10**6, -1).map(str),
    st.integers(0, 10**22).map(lambda n: f"{n:,}"),
    st.integers(1000, 10**12).map(lambda n: f"{n:,}".replace(",", "\u00a0")),
    st.integers(0, 99999).map(lambda n: _script_digits(n, 0xFF10)),  # fullwidth
    st.integers(0, 99999).map(lambda n: _script_digits(n, 0x0660)),  # Arabic-Indic
    st.integers(0, 999).map(lambda n: f"{n}{'st' if n % 10 == 1 else 'nd' if n % 10 == 2 else 'th'}"),
    st.integers(300, 5000).map(lambda k: "9" * k),  # beyond floats and near int()'s digit limit
)

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December", "Sept.", "Feb")


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


_WRITTEN_DATES = st.builds(
    lambda day, month, year, form: form.format(d=day, o=_ordinal(day), m=month, y=year),
    st.integers(0, 40), st.sampled_from(_MONTHS),
    st.sampled_from([1, 99, 1000, 1901, 1941, 2013, 2014, 2022, 2026, 2100, 9999, 99999]),
    st.sampled_from(["on {m} {o}", "late on {m} {o}", "the {o} of {m}", "{m} {o}, {y}", "{d} {m} {y}",
                     "{m} the {o}", "on {m} {d}", "{o} {m}", "overnight into {m} {d}", "{m} {o} {y}",
                     "the night of {m} {d}-{o}", "{d}.{d}.{y}", "{y}-{d}-{d}", "in {m} {y}", "in {y}",
                     "since {y}", "since {m} {d}"]),
)
DATES = st.one_of(_WRITTEN_DATES, st.sampled_from((
    "June 31", "February 30th", "32nd of May", "June 7th 99999", "31.06.2024", "29 February 2023",
    "on 1 January 0001", "on 31 December 9999", "overnight", "last night", "yesterday", "on Friday",
    "from 20:00 to 07:00 Moscow time", "at 3 a.m.", "at 25:61", "in the past 24 hours", "this week",
    "earlier this year", "tonight", "the day before yesterday", "at around 3 am local time",
)))

PLACES = ("Kursk", "the Belgorod region", "Kyiv", "Kharkiv", "Odesa", "Moscow", "Bryansk Oblast", "Sumy",
          "the Voronezh, Kursk and Bryansk regions", "near Moscow", "Dnipro", "the Sea of Azov", "Crimea",
          "Russia", "Ukraine", "over the Tula region", "in Zaporizhzhia", "Lgov", "Belgorod, Kursk")

GLUE = ("from the directions of", "directions", "drones hit targets in the", "of them struck",
        "; nine got through and hit", "Russian air defences", "Ukraine's air defence forces",
        "region accounted for", "alone made up about", "Of these,", "across the country",
        "in the north, south and east of the country", "Kharkiv Mayor Ihor Terekhov said",
        "Head of the Kherson Regional Military Administration Oleksandr", "Russian shelling",
        "Ukraine's military intelligence said", "more than a dozen times this week", "since 2023",
        "Two men sustained injuries.", "suffered shrapnel wounds", "received serious head",
        "8 and 5 drones over the Kursk and Voronezh regions respectively", "region with 9 and the",
        "Of these, 51 were neutralised.", "Among them: 22 were brought down", "and all 7 missiles",
        "All 12 missiles and six drones", "Russia launched 85 drones", "launched at least 45",
        "Russian troops shelled 19 settlements of the", "carried out 230 attacks on 11 settlements",
        "Ukrainian forces struck six villages", "attacked near the village of",
        "including 5 flying toward Moscow", "reported the destruction of", "of which 26 were over the",
        "The death toll from the Russian missile strike on", "in the drone attack on Sumy increased to",
        "Another man was wounded.", "Three more people were hurt.",
        "Israel's air defences intercepted", "from southern Lebanon", "Houthi forces fired",
        "Iranian-made",
        "Three were shot down over the", "All six were intercepted near",
        "guided missiles from Su-34 aircraft",
        "; there was no damage.", "no power outages were reported", "with no casualties or damage",
        "MOSCOW, June 9. /TASS/.", "The Kyiv regime attempted", "Chernihiv Mayor Oleksandr Lomako said",
        "; the driver was injured.", "The minibus driver was seriously wounded.",
        "Ukrainian forces struck the", "confirmed the hit on the", "no hits on the capital",
        "The SBU said its",
        "The Air Force said 81 missiles and 144 drones were shot down.", "were destroyed over the region",
        "at Ukraine's power grid overnight. In the Rivne region,",
        "rescuers recovered 9 bodies from the rubble", "Two state bodies said",
        "marked the anniversary of the missile strike on", "jailed a man for 12 years for guiding",
        "the 2022 missile attack", "is preparing to launch a massive drone attack", "in the coming days",
        "Russia used 35 drones",
        "shot down all the missiles and 21 drones", "38 of the 47 drones were shot down",
        "over the Kursk and Voronezh regions, 8 and 5 respectively", "9, 6 and 5 respectively",
        "practised repelling a massed missile attack", "12 simulated targets", "in trials near",
        "Air defence shot down most of them.",
        "Prime Minister Olena Marchenko said Russia fired 25 missiles", "the regional minister",
        "; 2 missiles and 9 drones struck 5 sites", "downed 70 drones, 9 drones struck",
        "over Russian territory: 15 over the", "flew into Belarus from Ukraine", "Both were shot down",
        "flew into Belarusian airspace and were shot down",
        "region with 12 and the", "region (12) and the", "took the brunt with", "followed by the",
        "said its forces hit the", "used by the Ukrainian army",
        "over the Chernihiv and Poltava regions: 20 over", "regions, including 15 over the",
        "; 4 missiles and 6 drones struck 3 sites",
        "Of them, 35 - over the territory of the", "All of them were destroyed.", "region led with 14",
        "region had 6", "region accounted for 20 of them, the Kursk region for 15 and the",
        "Air defences destroyed 66 fixed-wing drones", "19 aircraft-type drones",
        "was caused by wear of the equipment", "there was no drone attack", ", in Russia's Belgorod region",
        "The number of injured as a result of the enemy strike on the", 'Mayor Ihor Terekhov: "',
        "Governor Oleh Kiper: \u201c", ", head of the Dnipropetrovsk Regional Military Administration, said",
        ", spokesman for the Ukrainian Air Force, said",
        "drones Russia launched overnight, as well as 3 of the 4", "two of the three", "1 out of 2",
        "Russia attacked Ukraine overnight with", "struck the Odesa region with", "out of 44 drones and 2",
        "While Putin was in Minsk for talks with Lukashenko, ", "As Zelensky met European leaders in Kyiv, ",
        "with the Voronezh region accounting for 14 of them and the", "41 Ukrainian fixed-wing UAVs",
        "regions, 19 in total.", "The death toll from Russia's missile strike on",
        "Kharkiv regional governor Oleh Syniehubov: As a result of the enemy shelling of",
        "in Kharkiv's Kyivskyi district", "Zelensky, who met Trump on Friday, said",
        "Russia, which has used Iskander missiles against the city before, ",
        "The ministry listed them by region:", "drones of the Shahed type and decoys and 34 missiles (",
        "a source in Ukraine's military intelligence told", "district of the city",
        "'s Shevchenkivskyi district", "with artillery and drones 27 times during the day",
        "Russian Defence Ministry: air defence forces", "57 Ukrainian unmanned aerial vehicles",
        "In the course of joint manoeuvres, ", "air targets imitating", "the notional enemy's drones",
        "in the past 24 hours, the Russians killed 3 residents of the region: in",
        "During the day, the Russians carried out 96 attacks on 33 settlements",
        "An hour later, a drone hit an apartment building", "over the threat of missile strikes",
        "Talks on a ceasefire resumed in Istanbul, where the two delegations met",
        "In Rossosh, falling debris damaged the roof of a school", "with falling debris at three others",
        "Overnight the enemy attacked with 70 Shahed-type strike UAVs", "region, officials reported that",
        "Seven drones struck targets in the", "Two missiles and seven drones hit targets at nine locations.",
        "84 drones and six missiles at Ukraine overnight; 61 were shot down",
        "Russia's defence ministry said its forces had shot down 14 Ukrainian drones over the",
        "Russian troops struck 32 settlements in the",
        "A man was killed when a shell hit his yard in the Dniprovskyi district.",
        "Tula (3) and Lipetsk (2), 28 in all.", "3 over Tula and 2 over Lipetsk regions, a total of 28.",
        "The death toll from last night's attack on", "As a result of the night attack on",
        "Overnight, 24 were destroyed over the", "twenty-four more were shot down over the",
        "during a test flight", "during a scheduled test of the warning system", "siren test",
        "lost its signal and crashed into a barn", "lost its signal to electronic warfare and",
        "were downed or jammed, while 18 hit targets in the",
        "stayed shut on Monday. A drone struck a house there",
        "; the driver was injured. In Alekseyevka, a drone",
        "The two sides exchanged the bodies of 412 fallen soldiers", "a prisoner exchange",
        "In the Sumy region, Russian artillery shelled the village of",
        "governor said a drone hit the village of", "were injured in attacks on the Nikopol and",
        "Russian forces targeted the port and", "people were injured in Mykolaiv Oblast. Russian forces",
        "The number of injured later rose to", "By evening, the number had risen to",
        "over the regions of Tver (9), Smolensk (6) and Moscow (4)", "over the oblasts of Chernihiv - 5,",
        "have asked for more generators. Hours later, missiles struck the city",
        "a massive combined attack on Ukraine's energy infrastructure",
        "of the Armed Forces of Ukraine", "; in the", "region,",
        "the number of injured has since risen to", "the death toll rose to", "the enemy attack on",
        "and another", "overnight:", "region -", "the Ukrainian Air Force reported",
        "speaking at a forum in", "dropped explosives on", "Zelensky said", "an agricultural drone",
        "drones from the", "Hits by", "was killed by a", "destroyed a total of", "one each over the",
        "Prosecutors said the death toll had risen to", "The driver and", "and her two",
        "Russian forces destroyed", "drones were shot down: Tver - 11;", "said he was disappointed after",
        "destroyed, in the Pskov region 6 and in the", "with 45 shot down and 19 lost to",
        "overnight: Kursk (8), Belgorod (", "over the regions of Bryansk (", "region: 12 near",
        "most of them (", "most of them over the", "mainly over", "regional authorities",
        "Ukrainian officials said", "according to the Russian military", "Russia struck", "said that of the",
        "Hits by the missiles and", "Ukraine said it hit", "sources in Minsk said", "said it was a",
        "and his wife were injured", "injuring a man, his wife and their", "region, 8 of which were",
        "The ministry said", "police ruled out a drone attack", "was not caused by a",
        "Residents of Sumy spent another night in shelters.", "if an air-raid alert is declared",
        ", for a total of", ", bringing the total to", "The number of victims has increased to",
        "entered Belarusian airspace. It was shot down", "wounding the driver",
        "drones at Ukraine last week", "a week against", "so far this month", "In September",
        "the enemy attacked with", "Shahed-type drones. Air defence shot down",
        "in the north and centre of the country",
        "shot down", "destroyed", "intercepted", "launched", "hit", "struck", "killing", "injuring",
        "people were killed", "were injured", "the governor said", "according to the ministry",
        "Governor Vyacheslav Gladkov said", ",", "and", "over", "in", "of them", "each", ";", ":", "all",
        "no one was hurt", "left", "residents without power", "houses were damaged", "the", "of",
        "air defences", "Russia said", "Ukraine's air force said", "at least", "including", "Mayor Klitschko",
        "could not be verified", "denied", "a fire broke out", "debris fell on", "sirens sounded",
        # regional lists, origins and agents, stated causes (issue 14)
        "\u2013 over the territory of", "region:", "Region \u2014", "Regions", "\n", "launched from",
        "launch areas:", "by Russia", "Russia attacked", "returned to", "caused by a technical fault",
        "exercise", "according to the exercise scenario", "not connected with drone attacks",
        "no traces of drones", "had no electricity", "power was cut", "fatalities had risen to",
        "have both used", "the Armed Forces of", "Russian attack on", "after the Russian strike",
        "respectively", "MOSCOW (Sputnik) -", "Kyiv, Dec 5 (AP)", "went astray", "were lost locally",
        "of 85", "flew into Belarus", "Storm Shadow", "the majority of", "over the past week",
        "and two were intercepted over", "in the last days of", "since the beginning of its invasion",
        ".Read also:", "Also read:", "\n\nDrones hit a depot near Sumy, two hurt\n\n", "initially",
        "were previously reported", "but later the number rose to", "although", "wounded", "other drones",
        "more", "another", "over the same city", "debris of one of the", "debris from",
        "without heat and electricity", "disconnected from the power supply",
        "the area surrounding the Ukrainian capital", "over the Bryansk and Oryol regions",
        # attacks tried, alleged, doubted or dismissed; the side that is blamed (issue 14)
        "attempted to strike", "the alleged drone attack", "To attack", "would have had to",
        "doubt that the strike", "was dismissed as a hoax", "impossible to intercept",
        "condemned Russia for", "Russia fires", "nobody was injured")

ODD = ("\u0301", "\u200f", "\u200e", "\u200d", "\u200b", "\u00a0", "\u2009", "\u202f", "\ufeff", "\u2028",
       "\U0001f600", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1fa\U0001f1e6", "\u2014", "\u2026",
       "\u00ab", "\u00bb", "(", ")", '"', "'", "\u2019", "\u066b", "\t", "!", "?", "-", "/", "#", "%", "$",
       "\u0410\u0442\u0430\u043a\u0430", "\u0627\u0644\u0647\u062c\u0648\u0645", "e\u0301", "\u0130",
       "\ufb01", "\u2116 5")

LONG_RUNS = st.one_of(
    st.integers(1, 40).map(lambda k: "drones " * k),
    st.integers(1, 40).map(lambda k: "Kursk, " * k),
    st.integers(1, 40).map(lambda k: "and 5 over Kursk " * k),
    st.integers(1, 40).map(lambda k: "9 \u2013 over the territory of the Kursk region,\n" * k),
    st.integers(1, 40).map(lambda k: "Kursk region: 5; " * k),
    st.integers(100, 3000).map(lambda k: "Kursk region: 1" + "," * k + "x"),
    st.integers(1, 200).map(lambda k: "tried to attempt to " * k + "strike"),
    st.integers(100, 3000).map(lambda k: "a" * k),
    st.integers(100, 3000).map(lambda k: "," * k),
    st.integers(100, 3000).map(lambda k: "\u0301" * k),
)

FRAGMENTS = st.one_of(
    st.sampled_from(WEAPONS), NUMBERS, DATES, st.sampled_from(PLACES), st.sampled_from(GLUE),
    st.sampled_from(ODD), LONG_RUNS,
)
SEPARATORS = st.sampled_from((" ", " ", " ", "", "\u00a0", ", ", "  "))


def hostile_sentences(max_fragments: int = 24) -> st.SearchStrategy[str]:
    """One sentence (no full stop of its own) of hostile fragments and separators."""
    return st.lists(st.tuples(FRAGMENTS, SEPARATORS), min_size=1, max_size=max_fragments).map(
        lambda parts: "".join(f + s for f, s in parts).strip() or "drones")


def hostile_articles(max_sentences: int = 6) -> st.SearchStrategy[str]:
    """An article: hostile sentences joined by full stops, now and then by a line break (or by a
    line break alone, as a headline line stands between paragraphs)."""
    return st.lists(st.tuples(hostile_sentences(), st.sampled_from((". ", ".\n", "! ", ".\n\n", "\n\n"))),
                    min_size=1, max_size=max_sentences).map(lambda parts: "".join(s + e for s, e in parts))


def publication_times() -> st.SearchStrategy[datetime | None]:
    """None, an ordinary time of the war, or one at or beyond the calendar's ends."""
    return st.one_of(
        st.none(),
        st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2030, 12, 31)),
        st.sampled_from((datetime.min, datetime(1, 1, 1, 23, 59), datetime.max, datetime(9999, 12, 31, 21),
                         datetime(1899, 12, 31), datetime(2014, 2, 19, 23), datetime(2199, 12, 31, 23))),
        st.datetimes(),
    )
