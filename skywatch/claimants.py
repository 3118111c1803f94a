"""Who says so: claimant, channel and certainty of a sentence.

Organisations that report the air war every day are recognised by rules and given
canonical names; people come from the statistical NER (spaCy PERSON) and are kept as
written, with their title stripped. The speaker is the candidate bound to a reporting verb.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from skywatch import lexicon, vocab
from skywatch.lexicon import DENIED, UNVERIFIED

# The verbs that bind a speaker (vocab cues.yaml `words: reporting`); "according to X" and the
# other attributions bind the candidate after them.
REPORTING_WORDS = ("reporting.statement", "reporting.plain", "reporting.addressed", "reporting.progressive",
                   "reporting.attribution")
REPORTING = re.compile(rf"\b{vocab.words_regex(*REPORTING_WORDS)}\b", re.I)
_ATTRIBUTION = frozenset(vocab.words("reporting.attribution"))

_NATION = r"(?:(?P<nation>russian|russia's|ukrainian|ukraine's|belarusian|belarus's|belarus')\s+)?"
# The official long form names its country after the body: "the Air Force of the Armed Forces of
# Ukraine", "the General Staff of the Armed Forces of Ukraine", "the Ministry of Defence of the
# Russian Federation" (one organisation, not the Air Force and then "Armed Forces").
_OF_NATION = (r"(?:\s+of\s+(?:the\s+)?(?:armed\s+forces\s+of\s+(?:the\s+)?)?"
              r"(?P<of_nation>ukraine|russian federation|russia|republic of belarus|belarus)\b)?")
# (pattern, canonical name with {nation} filled from the text or the default)
ORGANISATIONS: tuple[tuple[re.Pattern[str], str, str | None], ...] = tuple(
    (re.compile(_NATION + pattern + _OF_NATION, re.I), canonical, default)
    for pattern, canonical, default in (
        (r"(?:defen[cs]e ministry|ministry of defen[cs]e|\bmod\b|defen[cs]e department|"
         r"military department)", "{nation} Ministry of Defence", "Russian"),
        (r"(?:air force|air forces|air force command)", "{nation} Air Force", "Ukrainian"),
        (r"general staff", "{nation} General Staff", "Ukrainian"),
        (r"(?:emercom|emergencies ministry|emergency situations ministry|ministry of emergency "
         r"situations|ministry for emergency situations)", "EMERCOM of Russia", ""),
        (r"state emergency service", "State Emergency Service of Ukraine", ""),
        (r"(?:border guard service|border guards?|border service|state border guard)",
         "{nation} Border Guard Service", "Ukrainian"),
        (r"(?:military sources|military officials|military command|armed forces)",
         "{nation} military", ""),
        # "the Russian military said", "according to the Ukrainian military.": a body where it speaks
        # or closes a clause (as an adjective, "military airfield", it is no one)
        (r"military(?=\s+(?:" + vocab.words_regex("reporting.statement", "reporting.plain") + r")\b"
         r"|\s*(?:[.,;:]|$))", "{nation} military", ""),
        (r"(?:(?:regional|city|military) administration|(?:regional|local|city|municipal|oblast|district)\s+"
         r"(?:authorities|officials|government|council))", "{nation} local administration", ""),
        # "Ukrainian officials", "Russian authorities": a side's officials; with no nation ("officials
        # said") they name no one (a default of None: the nation is required)
        (r"(?:officials|authorities)\b", "{nation} officials", None),
        (r"government\b(?!-)", "{nation} government", None),
        (r"(?:emergency services|rescuers|firefighters)", "emergency services", ""),
        (r"kremlin", "Kremlin", ""),
        # the security services, which claim strikes of their own ("the SBU said its drones hit ...")
        (r"(?:\bsbu\b|security service of ukraine)", "Ukrainian Security Service", ""),
        (r"(?:\bfsb\b|federal security service)", "Russian Federal Security Service", ""),
        (r"(?:prosecutor general's office|prosecutors?|prosecutor's office)", "{nation} prosecutors",
         ""),
        (r"(?:energy ministry|ministry of energy|ukrenergo|dtek|grid operator|power company|"
         r"energy company)", "{nation} energy authorities", ""),
        (r"(?:police|national police)", "{nation} police", ""),
        # "Ukraine's military intelligence said": a side's intelligence service (entities.yaml maps
        # "Ukrainian military intelligence" to the HUR); with no nation it names no one
        (r"(?:military|defen[cs]e)\s+intelligence(?:\s+(?:agency|service|directorate))?",
         "{nation} military intelligence", None),
        (vocab.words_regex("titles.local_official") + r"\b(?!\s+(?-i:[A-Z]))", "{nation} local official", ""),
    )
)
# A state or its capital as the subject of a reporting verb, or after "according to", is its
# government: "Ukraine said it hit a refinery", "Moscow says", "according to Kyiv" (after a
# preposition it is where the speaker is: "military sources in Minsk said").
_STATE_SPEAKS = re.compile(
    r"\b(?:(?<=according to )|(?<!\bin )(?<!\bat )(?<!\bfrom )(?<!\bnear )(?<!\bover )(?<!\bof )(?<!\bto )"
    r"(?=\w+\s+(?:has\s+|had\s+)?(?:" + vocab.words_regex("reporting.statement", "reporting.plain") + r")\b))"
    r"(?P<state>ukraine|russia|belarus|kyiv|moscow|minsk)\b", re.I)
# "The ministry said": the ministry the article named before (`ministry_named_last`); alone it names no one.
MINISTRY_ANAPHOR = "the ministry"
_MINISTRY_ANAPHOR = re.compile(r"\bthe\s+ministry\b(?!\s+(?:of|for)\b)", re.I)
_NATION_NAMES = {"russian": "Russian", "russia's": "Russian", "ukrainian": "Ukrainian",
                 "ukraine's": "Ukrainian", "belarusian": "Belarusian", "belarus's": "Belarusian",
                 "belarus'": "Belarusian", "ukraine": "Ukrainian", "russia": "Russian",
                 "russian federation": "Russian", "belarus": "Belarusian",
                 "republic of belarus": "Belarusian", "kyiv": "Ukrainian", "moscow": "Russian",
                 "minsk": "Belarusian"}
# Titles and the words before them (vocab cues.yaml `words: titles`), stripped from a person's name.
TITLE_WORDS = ("titles.person", "titles.rank", "titles.honorific")
_BEFORE_TITLE = vocab.words_regex("titles.acting", "titles.not_holder", "titles.scope")
TITLES = re.compile(rf"^(?:(?:the|{_BEFORE_TITLE})\s+)*{vocab.words_regex(*TITLE_WORDS)}\s+", re.I)

CHANNELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("telegram", re.compile(r"\btelegram\b", re.I)),
    ("max", re.compile(r"\bmax (?:messaging|messenger|channel|app)|\bon max\b|\bin max\b", re.I)),
    ("official_site", re.compile(r"\bwebsite\b|\bofficial site\b", re.I)),
    ("tv", re.compile(r"\btelevis|\btv\b|\bbroadcast|\btelethon\b", re.I)),
    ("press", re.compile(r"\bpress (?:conference|briefing|release)|\bbriefing\b|\breporters\b|"
                         r"\bjournalists\b|\binterview\b", re.I)),
    ("statement", re.compile(r"\bstatement\b|\bcommuniqu|\breport said\b|\bthe report\b", re.I)),
)


@dataclass(frozen=True)
class Speaker:
    name: str
    start: int  # offsets within the sentence
    end: int
    kind: str  # 'organisation' | 'person'


_ANY_ORGANISATION = re.compile(
    r"defen[cs]e|\bmod\b|military|air force|general staff|emercom|emergenc|border|sources|"
    r"administration|rescuers|firefighters|kremlin|prosecutor|energy|ukrenergo|dtek|grid|power company|"
    r"police|officials|authorities|government|council|ministry|ukraine|russia|belarus|kyiv|moscow|minsk|"
    r"\bsbu\b|\bfsb\b|security service|"
    + vocab.words_regex("titles.local_official"), re.I)


def _first_letter_either_case(words: tuple[str, ...]) -> str:
    """ "governor" -> "[Gg]overnor": a title written at a sentence's start or before a name."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in sorted(words, key=lambda w: -len(w)))


# A title before a capitalised word ("Governor Vasily Anokin", "head of Crimea Sergey Aksyonov"):
# the NER may find a person there.
_TITLED_NAME = re.compile(
    rf"\b(?:{_first_letter_either_case(vocab.words(*TITLE_WORDS))})\s+(?:of\s+\w+\s+)?[A-Z]")
_NAME_LIKE = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+[A-Z][a-z]{2,}")


# A title and the capitalised words after it ("Mayor Ihor Terekhov", "head of the regional military
# administration Serhiy Lysak", "Governor of Belgorod Region Vyacheslav Gladkov"): the last two of
# those words are the person's name. Where the small NER model misses a name it does not know, the
# title still says a person is named.
_NAME_WORD = r"[A-Z][a-z\u2019']+(?:-[A-Z][a-z]+)?"
_TITLED_RUN = re.compile(
    rf"\b(?:{_first_letter_either_case(vocab.words(*TITLE_WORDS))})\.?\s+"
    r"(?:of\s+(?:the\s+)?(?:[a-z]+\s+){0,4}?(?=[A-Z]))?"
    rf"(?P<run>{_NAME_WORD}(?:\s+{_NAME_WORD})+)\b")
_LAST_TWO_WORDS = re.compile(rf"{_NAME_WORD}\s+{_NAME_WORD}$")


def titled_people(sentence: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of each name written after a title ("Mayor Ihor Terekhov said")."""
    found = []
    for m in _TITLED_RUN.finditer(sentence):
        name = _LAST_TWO_WORDS.search(m["run"])
        if name is not None:
            start = m.start("run") + name.start()
            found.append((name.group(), start, m.end("run")))
    return found


def may_name_a_speaker(sentence: str) -> bool:
    """Whether the statistical NER could add a speaker the rules do not find: a titled name
    ("Governor Vasily Anokin"), a reporting verb beside a name-like pair of capitalised words when
    no organisation is named, or beside a one-word name of a known official ("Zelensky said")."""
    if _TITLED_NAME.search(sentence) or _TITLED_RUN.search(sentence):
        return True
    if not REPORTING.search(sentence):
        return False
    return bool((_NAME_LIKE.search(sentence) and not organisation_mentions(sentence))
                or _one_word_names().search(sentence))


@lru_cache(maxsize=1)
def _one_word_names() -> re.Pattern[str]:
    """The one-word names and aliases of the people in `data/entities.yaml` ("Putin", "Zelensky"):
    two-word names are found by their shape already."""
    from skywatch.entities import load_entities  # deferred: entities is heavy, and most runs need it late

    words = {alias for e in load_entities() if e.kind == "person" for alias in (e.name, *e.aliases)
             if len(alias.split()) == 1}
    return re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, words), key=len, reverse=True))})\b"
                      if words else r"(?!x)x")


def organisation_mentions(sentence: str) -> list[Speaker]:
    return list(_organisation_mentions(sentence))


@lru_cache(maxsize=8192)
def _organisation_mentions(sentence: str) -> tuple[Speaker, ...]:
    if not _ANY_ORGANISATION.search(sentence):  # cheap exit: most sentences name none
        return ()
    found = []
    for pattern, canonical, default in ORGANISATIONS:
        for match in pattern.finditer(sentence):
            nation = match.group("nation") or match.group("of_nation")
            if default is None and not nation:
                continue
            nation_name = _NATION_NAMES.get(nation.lower(), default or "") if nation else default
            name = canonical.format(nation=nation_name).strip()
            found.append(Speaker(name, match.start(), match.end(), "organisation"))
    for match in _MINISTRY_ANAPHOR.finditer(sentence):
        found.append(Speaker(MINISTRY_ANAPHOR, match.start(), match.end(), "organisation"))
    for match in _STATE_SPEAKS.finditer(sentence):
        name = f"{_NATION_NAMES[match.group('state').lower()]} government"
        found.append(Speaker(name, match.start(), match.end(), "organisation"))
    return tuple(_without_overlaps(found))


def ministry_named_last(earlier: list[str]) -> str | None:
    """What "the ministry" means: the last ministry of the names `earlier` ("the Russian Defence
    Ministry said ... The ministry said ..."); None when none is a ministry."""
    return next((name for name in reversed(earlier)
                 if "ministry" in name.lower() and name != MINISTRY_ANAPHOR), None)


_NATION_COUNTRIES = {"Russian": "RU", "Ukrainian": "UA", "Belarusian": "BY"}


# "Russian air defences", "Ukraine's air defence forces", "Moscow's air defence": whose defence it is.
_AIR_DEFENCE_OF = re.compile(
    r"\b(?P<nation>" + "|".join(re.escape(w) for w in sorted(_NATION_NAMES, key=len, reverse=True))
    + r")\s+(?:[\w-]+\s+){0,2}?air[\s-]+defen[cs]es?\b", re.I)


def air_defence_country(text: str) -> str | None:
    """The country whose air defence the text names ("Russian air defences shot down ..."), if any."""
    found = _AIR_DEFENCE_OF.search(text)
    return _NATION_COUNTRIES.get(_NATION_NAMES[found["nation"].lower()]) if found else None


def attacking_side(text: str) -> str | None:
    """The country of the side the text names as the subject of its own attack ("Russia launched
    120 drones", "Ukrainian forces struck ..."), if any."""
    found = lexicon.ATTACKING_SIDE.search(text)
    if found is None:
        return None
    word = found.group(0).lower()
    return "RU" if ("russia" in word or "moscow" in word) else "UA"


# The bodies that report for a whole country ("the Ukrainian Air Force said 144 drones were shot
# down"): a figure of theirs with no place is the country's, not the region the story told before.
_NATIONAL_BODY = re.compile(r"\b(?:Air Force|General Staff|Ministry of Defence|military intelligence)$")


def speaks_for_the_country(name: str | None) -> bool:
    """Whether the claimant's canonical name is a body that reports for its whole country."""
    return bool(name) and organisation_country(name) is not None and bool(_NATIONAL_BODY.search(name))


# A national office's title just before a person's name, not a local one ("the regional minister"):
# "Prime Minister Olena Marchenko", "Ukraine's Foreign Minister Petro Ivanenko".
_NATIONAL_TITLE = re.compile(
    "".join(f"(?<!{re.escape(w)} )" for w in vocab.words("titles.scope", "titles.not_holder"))
    + rf"\b{vocab.words_regex('titles.national_office')}\s+(?:[A-Z][\w'’.-]*\s+){{0,3}}$", re.I)


def national_speaker(speaker: Speaker | None, text: str) -> bool:
    """Whether the sentence's speaker reports for a whole country: a national body
    (`speaks_for_the_country`), an official of `data/entities.yaml` with no region of office
    (a president, a minister, a spokesperson), or a person titled with a national office just
    before the name ("Prime Minister Olena Marchenko"). A governor or a mayor is not."""
    if speaker is None:
        return False
    if speaker.kind == "organisation":
        return speaks_for_the_country(speaker.name)
    if person_name(speaker.name).lower() in _national_people():
        return True
    # the title stands before the name, inside the speaker's span ("Prime Minister X") or before it
    name_at = text.rfind(person_name(speaker.name), speaker.start, speaker.end)
    return bool(_NATIONAL_TITLE.search(text, max(0, speaker.start - 60), max(name_at, speaker.start)))


def speaker_country(speaker: Speaker | None) -> str | None:
    """The country a speaker serves, where the name says it: an organisation's nation word, or a
    national official of `data/entities.yaml`; None otherwise."""
    if speaker is None:
        return None
    if speaker.kind == "organisation":
        return organisation_country(speaker.name)
    return _national_people().get(person_name(speaker.name).lower())


@lru_cache(maxsize=1)
def _national_people() -> dict[str, str]:
    """The lower-case names and aliases of the people of `data/entities.yaml` whose office has no
    region (its `admin1_code` is empty), with their country: they speak for it."""
    from skywatch.entities import load_entities  # deferred, as in `_one_word_names`

    national = [e for e in load_entities() if e.kind == "person" and e.admin1_code is None]
    return {alias.lower(): e.country_code for e in national for alias in (e.name, *e.aliases)}


def organisation_country(name: str | None) -> str | None:
    """The country of an organisation's canonical name ("Ukrainian Air Force" -> "UA"), read from
    the nation word `ORGANISATIONS` put before it; None for a person or a body of no nation."""
    first = (name or "").split(" ", 1)[0]
    return _NATION_COUNTRIES.get(first)


def _without_overlaps(speakers: list[Speaker]) -> list[Speaker]:
    kept: list[Speaker] = []
    for s in sorted(speakers, key=lambda s: (s.start, -(s.end - s.start))):
        if not kept or s.start >= kept[-1].end:
            kept.append(s)
    return kept


def person_name(text: str) -> str:
    """A PERSON entity without its title or possessive: 'Governor Vasily Anokin's' -> 'Vasily Anokin'."""
    name = TITLES.sub("", text.strip())
    return re.sub(r"(?:'s|')$", "", name).strip()


# `choose_speaker` binds a candidate at most this far from its reporting verb.
SPEAKER_REACH = 80

_SELF_STATE = re.compile(
    r"\s+(?:that\s+)?(?:he|she|they|we|i)\s+"
    r"(?:was|were|is|are|am|felt|feels|had been|has been|remains?|remained)"
    rf"\s+(?:(?:very|deeply|extremely|so|greatly)\s+)?{vocab.words_regex('reporting.self_state')}\b", re.I)


_AGENT_REACH = 40  # "according to X": X starts at most this far after the words


class _ByStart:
    """Candidates indexed by start offset, to list those near a verb without scanning them all
    (a run-on sentence can hold thousands of verbs and names)."""

    def __init__(self, candidates: list[Speaker]) -> None:
        self.candidates = candidates
        self.order = sorted(range(len(candidates)), key=lambda k: candidates[k].start)
        self.starts = [candidates[k].start for k in self.order]
        self.longest = max((c.end - c.start for c in candidates), default=0)

    def starting_in(self, low: int, high: int) -> list[Speaker]:
        """Candidates with low <= start <= high, in their original order."""
        a, b = bisect.bisect_left(self.starts, low), bisect.bisect_right(self.starts, high)
        return [self.candidates[k] for k in sorted(self.order[a:b])]


# An official's post as news sets it: "Kharkiv Mayor Ihor Terekhov: "The number of injured ..."",
# "Governor Oleh Syniehubov: As a result of the shelling ...". The speaker opens the sentence (at
# most a title and an office before the name), and a colon right after the name opens a quote or a
# statement, in a headline's lower case too ("Russian Defence Ministry: air defence forces shot
# down ..."); "toured the port: a drone had hit ..." attributes nothing (no speaker before the colon).
_COLON_QUOTE = re.compile(r"\s*:\s*(?:[\"\u201c\u201e\u00ab]|\w)")
_COLON_LEAD = 80


def _colon_speaker(sentence: str, candidates: list[Speaker]) -> Speaker | None:
    return next((c for c in sorted(candidates, key=lambda c: c.start)
                 if c.start <= _COLON_LEAD and _COLON_QUOTE.match(sentence, c.end)), None)


def choose_speaker(sentence: str, candidates: list[Speaker]) -> Speaker | None:
    """The candidate bound to a reporting verb: 'according to X', 'X said', 'said X', or who opens
    the sentence before a colon and a quote ('Mayor Ihor Terekhov: "..."'); not one named only in an
    aside ('Zelensky, who met Trump on Friday, said').

    The nearest candidate to any verb wins (the first verb and candidate on a tie) when it is
    at most `SPEAKER_REACH` characters away.
    """
    if not candidates:
        return None
    if (posted := _colon_speaker(sentence, candidates)) is not None:
        return posted
    # "Zelensky, who met Trump on Friday, said ...": who is named in an aside is not the subject
    asides = [m.span() for m in lexicon.ASIDE.finditer(sentence)]
    candidates = [c for c in candidates if not any(s < c.start and c.end <= e for s, e in asides)] \
        or candidates
    # "X said he was disappointed after ...": a statement about the speaker, not the event
    verbs = [v for v in REPORTING.finditer(sentence) if not _SELF_STATE.match(sentence, v.end())]
    if not verbs:
        return None
    index = _ByStart(candidates)
    for verb in verbs:
        if verb.group(0).lower() in _ATTRIBUTION:
            after = index.starting_in(verb.end(), verb.end() + _AGENT_REACH)
            if after:
                return min(after, key=lambda c: c.start)
    best, best_gap = None, SPEAKER_REACH + 1
    for verb in verbs:
        # Only candidates that can be within reach: a farther one never wins.
        for c in index.starting_in(verb.start() - SPEAKER_REACH - index.longest, verb.end() + SPEAKER_REACH):
            gap = verb.start() - c.end if c.end <= verb.start() else c.start - verb.end()
            if gap < best_gap:
                best, best_gap = c, gap
    if best is not None and best.kind != "person":
        return _person_of_apposition(sentence, best, index)
    return best


# "Serhii Lysak, head of the Dnipropetrovsk Regional Military Administration, said": the body in an
# apposition after a person is where the person works; the person is the subject of the verb.
# Only one who heads the body ("head", "governor": `titles.regional_office`); a spokesman speaks
# for the body, which stays the claimant ("Yuriy Ihnat, spokesman for the Air Force, said").
# (the body's own name may begin before its span: "the Dnipropetrovsk Regional [Military Administration]")
_APPOSITION_TO_BODY = re.compile(r"\s*,\s*(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                                 rf"{vocab.words_regex('titles.regional_office')}\s+of\s+(?:the\s+)?"
                                 r"(?:[\w'-]+\s+){0,3}", re.I)


_APPOSITION_REACH = 80  # characters from the person's name to the body's


def _person_of_apposition(sentence: str, body: Speaker, index: _ByStart) -> Speaker:
    """The person whose apposition names `body` ("X, head of the ... Administration"), else `body`."""
    reach = max(0, body.start - _APPOSITION_REACH - index.longest)
    person = max((c for c in index.starting_in(reach, body.start)
                  if c.kind == "person" and c.end <= body.start), key=lambda c: c.end, default=None)
    if person is not None and _APPOSITION_TO_BODY.fullmatch(sentence, person.end, body.start):
        return person
    return body


# Up to this length a sentence goes to the NER model whole; in a longer one (a run-on list or a
# page without full stops) only the text around reporting verbs can hold a speaker, and the
# model's time grows with what it reads (about 2.5 s per 100,000 characters on one core).
MODEL_WHOLE_CHARS = 5_000
MODEL_MAX_CHARS = 20_000  # of one sentence, at most: the first windows around its verbs
_WINDOW_MARGIN = SPEAKER_REACH + 120  # the reach plus room for a long name and its title


def speaker_windows(sentence: str) -> list[tuple[int, int]]:
    """The spans of `sentence` the NER model must read to find every speaker `choose_speaker`
    can bind: the whole of a sentence of usual length, else the text around its reporting
    verbs (merged, cut at word gaps), up to `MODEL_MAX_CHARS` in all."""
    if len(sentence) <= MODEL_WHOLE_CHARS:
        return [(0, len(sentence))] if sentence else []
    windows: list[tuple[int, int]] = []
    total = 0
    for verb in REPORTING.finditer(sentence):
        start, end = _word_gap_before(sentence, verb.start() - _WINDOW_MARGIN), \
            _word_gap_after(sentence, verb.end() + _WINDOW_MARGIN)
        if windows and start <= windows[-1][1]:
            total -= windows[-1][1] - windows[-1][0]
            start = windows.pop()[0]
        if total + (end - start) > MODEL_MAX_CHARS:
            break
        windows.append((start, end))
        total += end - start
    return windows


def _word_gap_before(text: str, i: int) -> int:
    """The start of the word at offset i (0 before the text): a window never cuts a name."""
    if i <= 0:
        return 0
    gap = text.rfind(" ", max(0, i - 40), i)
    return gap + 1 if gap >= 0 else i


def _word_gap_after(text: str, i: int) -> int:
    if i >= len(text):
        return len(text)
    gap = text.find(" ", i, i + 40)
    return gap if gap >= 0 else i


def channel_of(sentence: str) -> str | None:
    for name, pattern in CHANNELS:
        if pattern.search(sentence):
            return name
    return None


def certainty_of(sentence: str, article_text: str, claimant: str | None) -> str:
    """denied > unverified > claimed (a party says so) > reported (the article states it)."""
    return _doubt_of(sentence, article_text) or ("claimed" if claimant else "reported")


@lru_cache(maxsize=64)
def _doubt_of(sentence: str, article_text: str) -> str | None:
    """"denied", "unverified" or None: the same for every claim of a sentence, so read once per
    sentence (a run-on list makes thousands of claims, and each search reads the whole text)."""
    if DENIED.search(sentence):
        return "denied"
    if UNVERIFIED.search(sentence) or UNVERIFIED.search(article_text):
        return "unverified"
    return None
