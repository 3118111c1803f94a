"""Word lists that map news wording to the event model's vocabularies.

Each list is a general description of how the air war is reported in English (wire
copy, ministry statements, ACLED-style notes), not a list of phrases from particular
texts. Patterns are compiled case-insensitively unless said otherwise.
"""

from __future__ import annotations

import re


def _rx(*parts: str, flags: int = re.I) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), flags)


# --- the cheap relevance filter -------------------------------------------------------------
# A sentence that matches none of these cannot state an air-war event; only sentences that
# match go through the expensive steps (NER, numbers, places, time).
RELEVANCE = (
    r"drone|\buav|unmanned|shahed|geran|lancet|kamikaze|loitering|missile|rocket|\bmlrs\b|grad\b|"
    r"himars|iskander|kalibr|kinzhal|oreshnik|\bkh-\d|\bkab\b|glide bomb|guided (?:aerial )?bomb|"
    r"air ?strike|air ?raid|air defen[cs]e|anti-aircraft|shot down|shoot down|downed|intercept|"
    r"shell(?:ed|ing|s)\b|artillery|mortar|strike|struck|attack|bombard|explosion|exploded|blast|"
    r"debris|wreckage|drone danger|missile danger|sirens?\b|alert|electronic warfare|bombs?\b|"
    r"\bfir(?:e|ed|es|ing) (?:at|on|in)\b|air forces?|aircraft|helicopter|"
    r"without (?:power|electricity|heat|water)|blackout|power outage|killed|injured|wounded|"
    r"damag|destr(?:oy|uct)|windows|blown out|shattered|casualt|\bdead\b|\bdied\b|hospitali[sz]|"
    r"fire\b|blaze|burn|"
    # a breakdown with no weapon word: "34 over the Bryansk region, 28 over Voronezh"
    r"\b(?:\d+|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)"
    r"(?:\s+of\s+(?:them|these|those|the\s+\w+))?\s+(?:more\s+)?(?:each\s+)?(?:were\s+|was\s+)?"
    r"(?:over|above)\b"
)

# --- event cues -----------------------------------------------------------------------------
INTERCEPTION = _rx(
    r"\bshot down\b", r"\bshoot(?:s|ing)? down\b", r"\bdowned\b", r"\bdowning\b",
    r"\bintercept(?:ed|s|ing|ion|ions)?\b", r"\bneutrali[sz]ed\b", r"\brepel(?:led|s|ling)?\b",
    r"\brepulsed\b", r"\bthwarted\b", r"\bfoiled\b", r"\bsuppressed\b", r"\bjammed\b",
    r"\b(?:were|was|been|being|had|have|has) (?:\w+ ){0,3}destroyed\b",
    r"\bdestroyed (?:\w+ ){0,4}(?:drones?|uavs?|unmanned|missiles?|rockets?|shaheds?|aircraft|bombs?)\b(?!-)",
    r"\bdestroy(?:ed|ing|s)? (?:a |an |the |all |both )?(?:\d[\d,]*|\w+) (?:\w+ ){0,4}"
    r"(?:drones?|uavs?|unmanned|missiles?|rockets?|shaheds?|bombs?)\b(?!-)",
    r"\bair defen[cs]e (?:\w+ ){0,3}(?:destroyed|downed|intercepted|shot|worked|repelled|"
    r"repulsed|engaged|active|operat\w*)\b",
    r"\b(?:destroyed|downed|intercepted|shot down) (?:\w+ ){0,6}by air defen[cs]e",
    r"\belectronic warfare\b",
    r"\bdestruction of (?:a |an |the )?(?:\w+ ){0,3}(?:drones?|uavs?|missiles?|rockets?)\b",
    r"\b(?:drones?|uavs?|missiles?|rockets?|shaheds?)\s+(?:were\s+|was\s+|had been\s+)?"
    r"(?:destroyed|downed|shot down|intercepted)\b",
)
ATTACK = _rx(
    r"\bstr(?:uck|ike|ikes|iking)\b", r"\bhit(?:s|ting)?\b", r"\battack(?:ed|s|ing)?\b",
    r"\bshell(?:ed|ing|s)\b", r"\bbombard(?:ed|ment|ing)\b", r"\bair ?strikes?\b",
    r"\bexplo(?:ded|sion|sions)\b", r"\bdetonat(?:ed|ion)\b", r"\bcrash(?:ed)? into\b",
    r"\bflew into\b", r"\bslammed into\b",
    r"\bfir(?:e|es|ed|ing) (?:[\w,-]+ ){0,6}(?:at|on|into|toward|near|in)\b",
    r"\bdrop(?:ped|s|ping)? (?:\w+ ){0,3}bombs?\b", r"\bdestroyed\b",
    r"\blaunched (?:\w+ ){0,6}(?:at|on|against|toward|towards|into)\b",
    r"\btargeted\b", r"\btargeting\b", r"\bdamag(?:ed|ing|e)\b", r"\bcaught fire\b",
    r"\bfire broke out\b", r"\bblaze\b",
)
# Debris alone is what falls after an interception; it is an attack only when it does harm.
DEBRIS = _rx(r"\bdebris\b", r"\bwreckage\b", r"\bfragments\b", r"\bshrapnel\b")
# Habitual or summarising statements report no particular event.
GENERIC = _rx(r"\b(?:pattern|campaign|series) of (?:\w+ ){0,2}(?:strikes|attacks)\b",
              r"\b(?:frequently|regularly|routinely|repeatedly|often|increasingly)\b",
              r"\b(?:has|have) become (?:a |an )?(?:\w+ ){0,2}(?:routine|norm|common)",
              r"\bin (?:recent|previous|past|the past|the previous|earlier) (?:days|weeks|months|years)\b",
              r"\bsince the (?:start|beginning) of the war\b")
# Habits, not events: "has reported drone interceptions almost every night this month".
HABITUAL = _rx(r"\b(?:almost |nearly |virtually )?(?:every|each) (?:night|day|week|month)\b",
               r"\b(?:almost |nearly )?(?:daily|nightly)\b(?! (?:update|report|briefing|statement|summary))")
# Verbs of launching with a weapon object: "Russia launched 31 drones" (counts as launched).
LAUNCH = _rx(r"\blaunch(?:ed|es|ing)?\b", r"\bfired\b", r"\bsent\b", r"\bused\b",
             r"\bcarried out (?:\w+ ){0,3}attack", r"\bwaves? of\b", r"\bbarrage\b",
             r"\bout of\b", r"\bof the\b")
ALERT = _rx(
    r"\bair[- ]raid (?:alert|alarm|warning|siren)s?\b", r"\bair alert\b", r"\balert (?:was|has been) "
    r"(?:declared|announced|issued|active)", r"\b(?:drone|missile|uav) danger\b",
    r"\bdanger mode\b", r"\b(?:drone|missile) (?:attack )?(?:threat|alert|warning) (?:regime|mode)\b",
    r"\bsirens? (?:sounded|wailed|blared|went off)\b", r"\brestrictions? (?:\w+ ){0,3}airports?\b",
    r"\bairports? (?:\w+ ){0,3}(?:restrictions?|suspended|closed|halted)\b",
    r"\b(?:threat|danger) of (?:a )?(?:drone|uav|missile)s? attacks?\b",
)
# Hypotheticals: "whether the drone had been intercepted" reports no interception.
HYPOTHETICAL_INTERCEPTION = _rx(r"\b(?:whether|if) (?:\w+ ){0,8}(?:had been|has been|was|were|would be) "
                                r"(?:intercepted|shot down|downed|destroyed)")
# Contexts in which weapon words do not describe an event that happened.
NEGATIVE_CONTEXT = _rx(
    r"\bdrone (?:footage|video|image|images|photo|photos|shot|shots|view|camera|show|racing|"
    r"light show|delivery|deliveries)\b", r"\bfilmed (?:by|from|with) a drone\b",
    r"\b(?:training|military) exercises?\b", r"\bdrills?\b", r"\bwar ?games?\b",
    r"\bdefus(?:ed|al|ing)\b", r"\bdisarmed\b", r"\bseiz(?:ed|ure)\b", r"\bconfiscated\b",
    r"\bunexploded\b", r"\bdemined\b", r"\bdemining\b",
    r"\bstorm\b", r"\bhurricane\b", r"\bblizzard\b", r"\bsnowstorm\b", r"\bice\b", r"\bheavy snow\b",
    r"\bstrong winds?\b", r"\bweather\b", r"\bfaulty\b", r"\bshort circuit\b", r"\bheater\b",
    r"\bcigarette\b", r"\bgas leak\b", r"\bworld war\b", r"\bsoviet era\b",
    r"\bmilitary parade\b", r"\bproduc(?:e|es|ed|tion) (?:\w+ ){0,3}(?:drones?|missiles?)\b",
    r"\bsupply (?:of )?(?:drones?|missiles?)\b", r"\bsanctions?\b", r"\bpeace (?:talks|plan|deal)\b",
    r"\bwould (?:hit|strike|attack)\b", r"\bcould (?:hit|strike|attack)\b", r"\bthreaten(?:ed|s)? to\b",
    r"\bif (?:russia|ukraine|kyiv|moscow)\b",
)

# --- weapons (first match in priority order decides) ----------------------------------------
WEAPONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("naval_drone", _rx(r"\b(?:sea|naval|maritime|marine|water) drones?\b", r"\bunmanned (?:boat|surface|"
                        r"sea)", r"\buncrewed (?:boat|surface)", r"\b(?:usv|usvs)\b", r"\bmagura\b",
                        r"\bsea baby\b")),
    ("drone", _rx(r"\bdrones?\b", r"\buavs?\b", r"\bunmanned aerial", r"\bunmanned aircraft",
                  r"\bshaheds?\b", r"\bgerans?\b", r"\blancets?\b", r"\bkamikaze", r"\bloitering munitions?",
                  r"\bbarrage munitions?", r"\bquadcopters?\b", r"\bfpv\b", r"\borlan\b")),
    ("ballistic_missile", _rx(r"\bballistic\b", r"\biskander", r"\boreshnik", r"\bkn-2[34]\b",
                              r"\batacms\b", r"\btochka", r"\bkinzhal", r"\bzircon\b", r"\btsirkon\b")),
    ("cruise_missile", _rx(r"\bcruise missiles?\b", r"\bkalibr", r"\bkh-(?:101|555|55)\b", r"\bstorm shadow",
                           r"\bscalp\b", r"\btomahawk", r"\bneptunes?\b", r"\bflamingo\b")),
    ("glide_bomb", _rx(r"\bglide bombs?\b", r"\bguided (?:aerial |air )?bombs?\b", r"\bkabs?\b",
                       r"\bumpk\b", r"\baerial bombs?\b")),
    ("rocket", _rx(r"\brockets?\b", r"\bmlrs\b", r"\bmultiple (?:launch )?rocket", r"\bgrads?\b",
                   r"\bbm-\d+", r"\buragan\b", r"\bsmerch\b", r"\bhimars\b", r"\btornado-s\b",
                   r"\bvampire\b", r"\bs-13\b")),
    ("missile", _rx(r"\bmissiles?\b", r"\bkh-\d+", r"\bs-300\b", r"\bs-400\b", r"\bp-800\b", r"\bonyx\b")),
    ("artillery", _rx(r"\bshell(?:ed|ing|s)\b", r"\bartillery\b", r"\bmortars?\b", r"\bhowitzers?\b",
                      r"\btanks? fir", r"\bcannon\b", r"\bmm (?:mortars?|shells?|guns?)\b")),
    ("aircraft", _rx(r"\bair ?strikes?\b", r"\bairborne\b",
                     r"\bair (?:and [\w-]+ )?(?:strikes?|bombs?|missiles?)\b",
                     r"\bair (?:and [\w-]+ )?(?:forces?|force|units?)(?: and [\w-]+)? (?:struck|attacked|hit|"
                     r"carried|conducted|launched|bombed|dropped|fired|destroyed)\b",
                     r"(?<!anti-)\b(?:military |fighter |combat |enemy )?aircraft\b(?!-)",
                     r"\baerial (?:bomb|strike)", r"\baviation\b", r"\bhelicopters?\b",
                     r"\bfighter jets?\b", r"\bwarplanes?\b", r"\bbombers?\b", r"\bsu-\d+",
                     r"\bmi-\d+", r"\bka-52\b", r"\btu-\d+")),
)

# --- targets (first match in priority order decides) ----------------------------------------
TARGETS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("oil", _rx(r"\brefiner(?:y|ies)\b", r"\boil (?:depot|terminal|storage|facilit|plant|pumping|"
                r"tank|base|pipeline)", r"\bfuel (?:depot|storage|tank|facilit)", r"\bpetroleum\b",
                r"\bpumping station\b", r"\bpetrochemical\b", r"\bgas (?:processing|storage|plant)\b",
                r"\bfilling station\b", r"\bpetrol station\b", r"\btank farm\b")),
    ("energy", _rx(r"\bpower (?:plant|station|grid|line|lines|facilit|infrastructure|supply|"
                   r"substation)", r"\bsubstations?\b", r"\benergy (?:infrastructure|facilit|system|"
                   r"grid|sector)", r"\belectricity\b", r"\bthermal power\b", r"\bhydroelectric\b",
                   r"\bchp\b", r"\bheating plant\b", r"\bcombined heat\b", r"\bnuclear power\b",
                   r"\bpower engineering\b", r"\bwithout power\b", r"\bblackouts?\b", r"\bde-?energi")),
    ("port", _rx(r"\bports?\b", r"\bseaports?\b", r"\bharbou?r\b", r"\bgrain terminal\b",
                 r"\bberths?\b", r"\bdocks?\b", r"\bnaval base\b")),
    ("civic", _rx(r"\bschools?\b", r"\bhospitals?\b", r"\bkindergartens?\b", r"\bclinics?\b",
                  r"\bwater (?:supply|utility|pipe|treatment)", r"\buniversit", r"\bchurch",
                  r"\bmedical\b", r"\bambulance", r"\blibrary\b", r"\bmuseum\b", r"\bpostal\b",
                  r"\bpost office\b", r"\btheat(?:re|er)\b")),
    ("transport", _rx(r"\brailway", r"\btrains?\b", r"\brail\b", r"\b(?:bus|railway|train) station",
                      r"\bbridges?\b", r"\bbus(?:es)?\b", r"\bminibus", r"\bairports?\b", r"\bhighway",
                      r"\blocomotive", r"\bcarriage\b", r"\bmetro\b")),
    ("military", _rx(r"\bmilitary (?:positions?|base|facilit|target|unit|airfield|equipment|"
                     r"enterprise|infrastructure)", r"\bairfields?\b", r"\bair ?bases?\b",
                     r"\b(?:ammunition|ammo) (?:depot|dump|train)", r"\bcommand post",
                     r"\bpositions\b", r"\btroops\b", r"\bradar", r"\barms depot", r"\bbarracks\b")),
    ("industrial", _rx(r"\bfactor(?:y|ies)\b", r"\bplants?\b", r"\bindustrial\b", r"\benterprises?\b",
                       r"\bworks\b", r"\bmanufactur", r"\bindustrial site")),
    ("commercial", _rx(r"\bcommercial\b", r"\bshop(?:s|ping)?\b", r"\bstores?\b", r"\bsupermarkets?\b",
                       r"\bmarkets?\b", r"\bbusiness(?:es)?\b", r"\boffices?\b", r"\bwarehouses?\b",
                       r"\bcaf[eé]s?\b", r"\brestaurants?\b", r"\bhotels?\b", r"\bmall\b")),
    ("residential", _rx(r"\bapartment", r"\bresidential\b", r"\bhouses?\b", r"\bhomes?\b",
                        r"\bhigh-rises?\b", r"\bdwellings?\b", r"\bresidences?\b", r"\bblocks? of flats\b",
                        r"\bhousing\b", r"\bflats?\b", r"\bdormitor")),
)

# --- effects (every match counts) -----------------------------------------------------------
EFFECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("fire", _rx(r"\bfires?\b", r"\bblaze\b", r"\bburn(?:ed|ing|t)\b", r"\bcaught fire\b", r"\bflames\b")),
    ("explosion", _rx(r"\bexplo(?:ded|sion|sions)\b", r"\bblasts?\b", r"\bdetonat")),
    ("damage", _rx(r"\bdamag(?:ed|e|ing)\b", r"\bwindows? (?:\w+ ){0,3}(?:blown|shattered|broken)",
                   r"\b(?:blown|shattered|broken) (?:\w+ ){0,2}windows?\b", r"\bdestruction\b",
                   r"\bdestroyed (?:\w+ ){0,3}(?:buildings?|houses?|homes?|facilit|infrastructure)",
                   r"\bcollapsed\b")),
    ("power_outage", _rx(r"\bwithout (?:power|electricity)\b", r"\bpower (?:outages?|cuts?|failures?)\b",
                         r"\bblackouts?\b", r"\bde-?energi[sz]ed\b", r"\bcut (?:off )?(?:the )?power\b",
                         r"\bno (?:power|electricity)\b", r"\belectricity (?:supply )?(?:was |were )?"
                         r"(?:cut|disrupted|lost)", r"\blost (?:power|electricity)\b")),
    ("water_outage", _rx(r"\bwithout water\b", r"\bwater supply (?:\w+ ){0,3}(?:disrupted|cut|damaged|"
                         r"interrupted|systems)", r"\bno water\b", r"\bwater (?:was|were) cut\b")),
    ("transport_disruption", _rx(r"\btrains? (?:\w+ ){0,3}(?:delayed|suspended|halted|stopped)",
                                 r"\bflights? (?:\w+ ){0,3}(?:suspended|delayed|cancel)",
                                 r"\b(?:traffic|movement) (?:\w+ ){0,3}(?:suspended|halted|blocked|closed)",
                                 r"\brestrictions? (?:\w+ ){0,3}airports?\b")),
    ("debris", _rx(r"\bdebris\b", r"\bfragments?\b", r"\bwreckage\b", r"\bfalling (?:drone|uav|missile)")),
)

# --- certainty --------------------------------------------------------------------------------
UNVERIFIED = _rx(r"could not (?:be )?(?:independently )?verif", r"not (?:been )?independently verified",
                 r"unable to (?:independently )?verify", r"cannot (?:be )?(?:independently )?verif",
                 r"impossible to verify", r"no independent confirmation", r"unconfirmed")
DENIED = _rx(r"\bden(?:ied|ies|y|ying)\b", r"\brejected (?:the|these|those) (?:claims?|accusations?|"
             r"allegations?)", r"\bdismissed (?:the|these|those)? ?(?:claims?|accusations?|allegations?|"
             r"as)", r"\bfabricat", r"\bno such (?:attack|strike)\b", r"\bfalse claims?\b", r"\blies\b")

# --- attacker cues ------------------------------------------------------------------------------
ATTACKER_UA = _rx(r"\bukrainian (?:\w+ ){0,2}(?:drones?|uavs?|missiles?|rockets?|forces|military|"
                  r"armed forces|air forces?|attack|strike|artillery|sea drones?|naval drones?)",
                  r"\bkyiv regime\b", r"\bukraine (?:launched|attacked|struck|fired|hit)\b",
                  r"\bby ukraine\b", r"\bukrainians? (?:launched|attacked|struck|fired)")
ATTACKER_RU = _rx(r"\brussian (?:\w+ ){0,2}(?:drones?|uavs?|missiles?|rockets?|forces|military|"
                  r"armed forces|air forces?|attack|strike|artillery|shaheds?|bombs?)",
                  r"\brussia (?:launched|attacked|struck|fired|hit|shelled)\b", r"\bby russia\b",
                  r"\bmoscow (?:launched|attacked|struck|fired)\b", r"\bshaheds?\b")

# Words after which a number counts things launched rather than destroyed.
LAUNCHED_CONTEXT = _rx(r"\blaunch(?:ed|es|ing)?\b", r"\bfired\b", r"\bsent\b", r"\bused\b",
                       r"\bout of\b", r"\btotal of\b", r"\bwaves?\b")
DESTROYED_CONTEXT = _rx(r"\bshot down\b", r"\bdowned\b", r"\bdestroyed\b", r"\bintercepted\b",
                        r"\bneutrali[sz]ed\b", r"\bsuppressed\b", r"\blocation[- ]lost\b")
