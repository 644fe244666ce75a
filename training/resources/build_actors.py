"""Build khabar's world actor dictionary (``src/khabar/resources/actors_world.tsv``).

Inputs (under ``--shared``, read at build time only):
  petrarch/arabic/actor_dict_ar_v4.txt       PETRARCH Arabic actor dictionary (5,968 entries),
                                             openeventdata/UniversalPetrarch @ a0af422b2e6d, MIT
  petrarch/english/Phoenix.{Countries,International,MilNonState}.actors.txt
                                             Phoenix actor dictionaries,
                                             openeventdata/UniversalPetrarch @ 067552d83956, MIT
  gazetteer/countries-states-cities/countries.json
                                             ISO3 codes and Persian/Arabic country names,
                                             dr5hn/countries-states-cities-database,
                                             ODbL 1.0 (database) / DbCL (contents)
  news-en/wikipedia_current_events.jsonl.gz  capitalisation counts only (is a one-word English
                                             alias a name, an acronym or a common word?); none
                                             of its text is shipped. Wikipedia text, CC BY-SA
and the repository's ``src/khabar/resources/wordfreq/{en,ar,fa}.tsv`` (the most frequent
English words; Arabic and Persian ones, to keep ordinary words out of the press names),
``gazetteer/country_names.tsv`` (the names the press calls each country by, annotated),
``acled_countries.tsv`` (ISO codes) and the gazetteer (places inside the press names).

PETRARCH dictionary format: ``NAME_ [CODE]`` or a name line followed by ``+SYNONYM`` lines and
indented code lines ``[CODE]``, ``[CODE YYMMDD-YYMMDD]``, ``[CODE >DATE]``, ``[CODE <DATE]``
(six-digit years below 30 are 20xx); ``#`` starts a comment; underscores are spaces and a
trailing underscore only means "more words may follow". Consecutive name lines without codes
share the code block that follows them; a blank line ends an entry (uncoded names are dropped).

Output: one row per actor and code: ``id kind name country sector aliases date_from date_to
source``. Entries are merged when they are the same actor: English entries with the same main
name and country prefix, Arabic entries with the same name (up to plural and adjective endings:
الحوثيين = الحوثيون) and country prefix, entries of the same country sector (the country, GOV,
MIL, COP, SPY, JUD, LEG), and an Arabic entry with the one English entry of the same code whose
name has the same consonant skeleton (باراك اوباما = BARACK OBAMA). English names are written in
Title Case, acronyms kept (NATO: initials of another name, or mostly upper case in the news); a
one-word English alias among the 20,000 most frequent words is dropped unless it is an acronym
or a name (written capitalised at least 4 times in 5 inside news sentences: Turkey, Chad).
An actor with several codes gets one row per code (``ID@1``, ``ID@2``...). Every country of
countries.json gets a country, GOV, MIL and COP row with Persian names (and Arabic ones where the
Arabic dictionary has none), from the press names of country_names.tsv where it has them.
Kinds (person | organisation | country_sector) are inferred from the codes (ELI, dates), the
comments (CountryInfo), titles and organisation words.
The 200 organisations the corpora name most often (``top_organisations.py``) get their Persian
press names from ``training/resources/data/persian_org_names.tsv`` (written by an annotator),
and the organisations Persian and Arabic news name most often that no dictionary knew
(``press_organisations.py``) get rows of their own, or join the row of the one they name, from
``training/resources/data/{persian,arabic}_organisations.tsv`` (named by an annotator).
Arabic entries whose only codes are bare sectors without a country ([GOV], [MIL]) are generic
agents (see agents.tsv) and are left out. Sorted by id; rebuilt byte for byte:

    .venv/bin/python training/resources/build_actors.py --shared ../shared
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "khabar" / "resources" / "actors_world.tsv"
WORDFREQ = ROOT / "src" / "khabar" / "resources" / "wordfreq" / "en.tsv"
HEADER = "id\tkind\tname\tcountry\tsector\taliases\tdate_from\tdate_to\tsource"
AR_FILE = "actor_dict_ar_v4.txt"
EN_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
PERSIAN_ORGS = ROOT / "training" / "resources" / "data" / "persian_org_names.tsv"
_DATA = ROOT / "training" / "resources" / "data"
_NAMED = ", named by an annotator (khabar helper, 2026-12-05) from {}"
# the organisations of each language's news that no dictionary knew (press_organisations.py):
# the annotator's table, its column of forms, the id prefix of a new row, the other language
# (whose word counts keep ordinary words out) and the source
PRESS_ORGS = {
    "fa": (_DATA / "persian_organisations.tsv", "persian", "FA-", "ar",
           "Persian names: Fars News corpus counts (training/resources/press_organisations.py)"
           + _NAMED.format("persian_organisations-guideline.md")),
    "ar": (_DATA / "arabic_organisations.tsv", "arabic", "AR-", "fa",
           "Arabic names: SaudiNewsNet corpus counts (training/resources/press_organisations.py)"
           + _NAMED.format("arabic_organisations-guideline.md")),
}  # fmt: skip
# a one-word name written this often in the other language's news is a word of that language
# too (aliases match in every language): left out
OTHER_WORD_COUNT = 20
CURATED = ROOT / "src" / "khabar" / "resources" / "actors.tsv"
SRC_AR = f"PETRARCH Arabic actor dictionary {AR_FILE} (UniversalPetrarch @ a0af422b2e6d, MIT)"
SRC_EN = "{} (UniversalPetrarch @ 067552d83956, MIT)"
SRC_GAZ = "Persian/Arabic names from countries-states-cities (ODbL 1.0 / DbCL)"
SRC_NEW = "English names from the country name"
SRC_PRESS_COUNTRY = ("Persian/Arabic names: the names the press calls the country by "
                     "(src/khabar/resources/gazetteer/country_names.tsv, annotator)")
COUNTRY_NAMES = ROOT / "src" / "khabar" / "resources" / "gazetteer" / "country_names.tsv"
ACLED_COUNTRIES = ROOT / "src" / "khabar" / "resources" / "acled_countries.tsv"
TOP_COMMON = 20_000
MAX_ALIASES = 30

# CAMEO actor roles; the first one after the country is the row's sector
ROLES = frozenset(
    "GOV MIL COP REB INS OPP CVL BUS MED JUD LEG SPY PTY ELI EDU REL HLH LAB AGR CRM DEV ENV "
    "HRI REF MOD RAD SEP UAF IGO NGO MNC IMG".split()
)
STATE_ROLES = ("GOV", "MIL", "COP", "SPY", "JUD", "LEG")
PERSON_ROLES = ("GOV", "LEG", "JUD", "ELI")
INTERNATIONAL = frozenset(("IGO", "NGO", "MNC", "IMG"))
LEGACY_ISO3 = {"TMP": "TLS", "KSV": "XKX", "ROM": "ROU", "ZAR": "COD"}
SECTOR_NAMES = {
    "GOV": "Government of {}", "MIL": "{} military", "COP": "{} police",
    "SPY": "{} intelligence", "JUD": "{} judiciary", "LEG": "{} legislature",
}  # fmt: skip
FA_TEMPLATES = {"": ("{}",), "GOV": ("دولت {}", "حکومت {}"), "MIL": ("ارتش {}", "نیروهای مسلح {}"),
                "COP": ("پلیس {}",)}  # fmt: skip
AR_TEMPLATES = {"": ("{}",), "GOV": ("حكومة {}",)}

EN_TITLES = frozenset(
    "MR MR. MRS MRS. MS DR DR. SHEIKH SHEIK SHAIKH MULLAH AYATOLLAH IMAM SAYYID PRESIDENT "
    "PRESIDENT-ELECT PRIME KING QUEEN PRINCE PRINCESS EMIR AMIR SULTAN GENERAL GEN. SENATOR "
    "SEN. CHANCELLOR ABU UMM".split()
)
EN_ORG = frozenset(
    "ORGANIZATION ORGANISATION MOVEMENT FRONT PARTY ARMY BRIGADE BRIGADES BATTALION BATTALIONS "
    "COUNCIL COMMITTEE COMMISSION MINISTRY DEPARTMENT AGENCY OFFICE BANK COMPANY CORPORATION "
    "CORP CORP. INC INC. LTD LTD. GROUP GROUPS ASSOCIATION UNION LEAGUE FEDERATION ALLIANCE "
    "COALITION FORCES FORCE GUARD GUARDS SOCIETY FOUNDATION INSTITUTE UNIVERSITY COURT NATIONS "
    "STATE REPUBLIC KINGDOM EMIRATE GOVERNMENT POLICE MILITARY SERVICE SERVICES CENTER CENTRE "
    "NETWORK CELL CELLS JIHAD MUJAHIDEEN TALIBAN NEWS TIMES PRESS TELEVISION RADIO CHURCH "
    "HARAKAT JAMAAT JAMA'AT JAISH JAYSH LIWA LIWAA KATAIB KATIBAT TANZIM TANZEEM HIZB SARAYAT "
    "JABHAT FACTION COMMAND INTERNATIONAL NATIONAL AUTHORITY AUTHORITIES ADMINISTRATION".split()
)
EN_GENERIC = frozenset(
    "GOVERNMENT GOVERNMENTS ADMINISTRATION CABINET REGIME AUTHORITIES AUTHORITY MILITARY ARMY "
    "ARMED FORCES TROOPS SOLDIERS POLICE POLICEMEN INTELLIGENCE JUDICIARY PARLIAMENT "
    "LEGISLATURE".split()
)
EN_FILLER = frozenset("THE OF NATIONAL SECURITY DEFENSE DEFENCE FEDERAL CENTRAL ROYAL".split())
SMALL_WORDS = frozenset(
    "of the and for in on at to by with from a an de da do dos das du des del della van von "
    "der den".split()
)
NOT_ACRONYMS = frozenset("MR MRS MS DR ST JR SR MT".split())
AR_ORG = frozenset(
    "حركة منظمة حزب جبهة جماعة تنظيم اتحاد جامعة شركة بنك جريدة صحيفة وكالة لجنة كتائب كتيبة "
    "ألوية لواء سرايا هيئة مؤسسة مركز معهد جمعية تحالف ائتلاف مجموعة".split()
)
AR_STATE = frozenset(
    "حكومة جيش قوة قوات شرطة مخابرات استخبار استخبارات أمن وزارة مجلس برلمان حرس دولة الديوان "
    "ديوان رئاسة إدارة محكمة قضاء نيابة الكونغرس".split()
)
AR_TITLES = frozenset(
    "شيخ شيخة الشيخ أمير الأمير ملك الملك ملكة جنرال سيناتور الملا ملا سيد السيد آية رئيس وزير "
    "نائب سفير قائد متحدث مسؤول".split()
)
# nisba adjectives the Arabic dictionary uses for countries that its country names do not give
AR_EXTRA_NISBA = ("أميركي", "اميركي", "أمريكي", "امريكي", "بريطاني", "فلسطيني", "أفغاني")

# consonant classes for matching an Arabic name with its English transliteration
AR_SKELETON = {
    "ب": "B", "ت": "T", "ط": "T", "ث": "S", "س": "S", "ص": "S", "ج": "J", "ح": "H", "ه": "H",
    "خ": "H", "د": "D", "ض": "D", "ذ": "Z", "ز": "Z", "ظ": "Z", "ر": "R", "ش": "X", "غ": "G",
    "ف": "F", "ق": "K", "ك": "K", "ک": "K", "ل": "L", "م": "M", "ن": "N", "پ": "B", "گ": "G",
    "چ": "X", "ژ": "Z",
}  # fmt: skip
# English spellings of the same classes; GH is غ, so a plain G is read as ج
EN_SKELETON = {"TH": "S", "DH": "Z", "KH": "H", "GH": "G", "SH": "X", "CH": "X", "PH": "F",
               "Q": "K", "C": "K", "P": "B", "V": "F", "G": "J", "X": "KS"}  # fmt: skip
_EN_SKELETON = re.compile("|".join(sorted(EN_SKELETON, key=len, reverse=True)))

_CODE = re.compile(r"\[([^\]]*)\]")
_CODE_BODY = re.compile(r"([A-Z]{3,})\s*(.*)")
_GLUED = re.compile(r"(?<=\])(?=[^\s\[])")
_PAREN = re.compile(r"\(([^()]*)\)")
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_OPEN_PAREN = re.compile(r"\([^()]*$")
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, order=True)
class Code:
    start: str  # ISO date or ""
    end: str
    base: str  # the CAMEO code, e.g. IRQGOV


@dataclass(frozen=True)
class CodeParts:
    country: str  # ISO3 or ""
    sector: str
    state_level: bool  # a country or one of its state sectors, e.g. IRQ, IRQGOV


@dataclass
class Entry:
    lang: str  # en | ar
    source: str  # file name
    order: int
    names: list[str]
    codes: list[Code] = field(default_factory=list)
    note: str = ""
    kind: str = ""


@dataclass
class Case:
    lower: int = 0
    title: int = 0
    upper: int = 0


@dataclass
class Lexicon:
    common: set[str]  # top English words
    case: dict[str, Case]
    countries: dict[str, dict[str, str]]  # iso3 -> name, fa, ar
    nisba: set[str]  # Arabic country adjectives
    country_words: set[str] = field(default_factory=set)  # words of English country names
    en_first: set[str] = field(default_factory=set)  # first names of known people
    ar_first: set[str] = field(default_factory=set)
    press: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # iso3 -> fa, ar names


# --- reading -----------------------------------------------------------------------------------


def read_common(path: Path, top: int = TOP_COMMON) -> set[str]:
    words: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#") or line.startswith("word\t") or not line.strip():
            continue
        words.append(line.split("\t")[0])
        if len(words) == top:
            break
    return set(words)


def read_case(path: Path) -> dict[str, Case]:
    """How often each word is written lower, Title or UPPER case, away from a sentence start."""
    case: dict[str, Case] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            for m in _WORD.finditer(text):
                before = text[: m.start()].rstrip()
                if not before or before[-1] in '.!?:;"“(':
                    continue
                tok = m.group()
                c = case.setdefault(tok.lower(), Case())
                if tok.islower():
                    c.lower += 1
                elif tok.isupper() and len(tok) > 1:
                    c.upper += 1
                else:
                    c.title += 1
    return case


def read_press_country_names() -> dict[str, dict[str, list[str]]]:
    """ISO3 → {"fa": names, "ar": names}: the names Persian and Arabic news call each country by
    (``gazetteer/country_names.tsv``, written by an annotator), the commonest first."""
    iso3 = {r["iso2"]: r["iso3"] for r in read_tsv(ACLED_COUNTRIES)}
    out: dict[str, dict[str, list[str]]] = {}
    for row in read_tsv(COUNTRY_NAMES):
        if row["iso2"] in iso3:
            out[iso3[row["iso2"]]] = {lang: [n for n in row[lang].split("|") if n]
                                      for lang in ("fa", "ar")}  # fmt: skip
    return out


def read_countries(path: Path) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for c in json.loads(path.read_text("utf-8")):
        if not c.get("iso3"):
            continue
        tr = c.get("translations") or {}
        out[c["iso3"]] = {"name": c["name"], "fa": tr.get("fa") or "", "ar": tr.get("ar") or ""}
    return out


def nisba_forms(countries: dict[str, dict[str, str]]) -> set[str]:
    """Arabic country adjectives (عراقي، سورية، لبنانيون) derived from one-word country names."""
    stems: list[str] = []
    for c in countries.values():
        words = c["ar"].split()
        if len(words) != 1:
            continue
        w = words[0].removeprefix("ال")
        for end in ("ية", "يا", "ا", "ة"):
            if w.endswith(end) and len(w) > len(end) + 2:
                w = w[: -len(end)]
                break
        stems.append(w)
    forms = {s + "ي" for s in stems} | set(AR_EXTRA_NISBA)
    return {f + end for f in forms for end in ("", "ة", "ون", "ين")}


# --- parsing -----------------------------------------------------------------------------------


def parse_date(text: str, lang: str) -> str:
    if not text.isdigit() or len(text) not in (6, 8):
        return ""
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year < 30 else 1900 + year}{text[2:]}"
    if text == "18000101" or (lang == "ar" and text == "19700101"):
        return ""  # open end / placeholder
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError:
        return ""


def parse_code(text: str, lang: str) -> Code | None:
    """``IRQGOV 20101221-20140908`` / ``IGO >19931101`` / ``PSE <20030320`` / ``USA``."""
    m = _CODE_BODY.fullmatch(text.strip())
    if not m:
        return None
    base, rest = m.group(1), m.group(2).replace(" ", "")
    start = end = ""
    if rest.startswith(">"):
        start = parse_date(rest[1:], lang)
    elif rest.startswith("<"):
        end = parse_date(rest[1:], lang)
    elif "-" in rest:
        a, _, b = rest.partition("-")
        start, end = parse_date(a, lang), parse_date(b, lang)
    elif rest:
        start = parse_date(rest, lang)
    if start and end and end < start:
        end = ""  # an end date copied from another entry
    return Code(start, end, base)


def code_parts(base: str, countries: dict[str, dict[str, str]]) -> CodeParts:
    prefix = LEGACY_ISO3.get(base[:3], base[:3])
    if prefix not in countries:
        return CodeParts("", base, False)
    country, rest = prefix, base[3:]
    if rest[:3] in countries and rest[:3] not in ROLES:
        country, rest = rest[:3], rest[3:]  # a territory: GBRFLK, USAPRI
    sector = rest[:3] if rest[:3] in ROLES else ""
    state = rest == "" or rest in STATE_ROLES
    return CodeParts(country, sector, state)


def parse_dictionary(path: Path, lang: str) -> list[Entry]:
    entries: list[Entry] = []
    pending: list[Entry] = []
    coded = False

    def flush() -> None:
        nonlocal pending, coded
        entries.extend(e for e in pending if e.codes)
        pending, coded = [], False

    for raw in path.read_text("utf-8").splitlines():
        body, _, note = raw.partition("#")
        if not body.strip():
            if not raw.strip():
                flush()
            continue
        for seg in _GLUED.split(body):
            text = seg.strip()
            codes = [c for c in (parse_code(t, lang) for t in _CODE.findall(text)) if c]
            name = text.split("[")[0]
            if text.startswith("+"):
                if pending:
                    pending[-1].names += [n for n in name.split("+") if n.strip("_ ")]
                    for e in pending:
                        e.codes += codes
            elif text.startswith("["):
                for e in pending:
                    e.codes += codes
                    e.note += note
                coded = coded or bool(pending)
            else:
                if coded or _CODE.search(text):
                    flush()
                order = len(entries) + len(pending)
                pending.append(Entry(lang, path.name, order, [name], list(codes), note))
                coded = coded or bool(_CODE.search(text))
    flush()
    for e in entries:
        e.names = [n for n in (clean_name(x) for x in e.names) if n]
        e.codes = list(dict.fromkeys(e.codes))
    return [e for e in entries if e.names and e.codes]


def clean_name(raw: str) -> str:
    return " ".join(_BIDI.sub("", raw).replace("_", " ").split()).strip(" ,+")


# --- kinds -------------------------------------------------------------------------------------


def roles_of(code: Code) -> list[str]:
    return [code.base[i : i + 3] for i in range(0, len(code.base), 3)]


def english_kind(e: Entry, lex: Lexicon) -> str:
    words = e.names[0].upper().split()
    parts = [code_parts(c.base, lex.countries) for c in e.codes]
    dated = any(c.start or c.end for c in e.codes)
    if "CountryInfo" in e.note or "IGOrulers" in e.note or words[0] in EN_TITLES:
        return "person"
    if any("ELI" in roles_of(c) for c in e.codes):
        return "person"
    if "MilNonState" not in e.source and is_english_sector(e, parts, lex):
        return "country_sector"
    if set(words) & EN_ORG:
        return "organisation"
    if "MilNonState" in e.source and not dated and any(
            set(n.upper().split()) & EN_ORG for n in e.names[1:]):
        return "organisation"  # "Al Qa'ida" (AL, a first name?), whose aliases say "Qaeda Group"
    if dated or (2 <= len(words) <= 4 and words[0] in lex.en_first):
        return "person"
    return "organisation"


def is_country_name(parts: list[CodeParts]) -> bool:
    return all(p.country and not p.sector for p in parts)


def is_english_sector(e: Entry, parts: list[CodeParts], lex: Lexicon) -> bool:
    """The country itself (any dates), or e.g. IRAQI GOVERNMENT / US MILITARY [undated]."""
    if is_country_name(parts):
        return True
    if not all(p.state_level for p in parts) or any(c.start or c.end for c in e.codes):
        return False
    words = [w.removesuffix("'S") for w in e.names[0].upper().split()]
    allowed = lex.country_words | EN_GENERIC | EN_FILLER
    return bool(set(words) & EN_GENERIC) and all(w in allowed for w in words)


def country_words(entries: list[Entry], lex: Lexicon) -> set[str]:
    words: set[str] = set()
    for e in entries:
        if is_country_name([code_parts(c.base, lex.countries) for c in e.codes]):
            words.update(w.removesuffix("'S") for n in e.names for w in n.upper().split())
    return words


def arabic_kind(e: Entry, lex: Lexicon) -> str:
    words = e.names[0].split()
    parts = [code_parts(c.base, lex.countries) for c in e.codes]
    dated = any(c.start or c.end for c in e.codes)
    state = all(p.state_level for p in parts)
    country_only = all(p.country and p.sector == "" and p.state_level for p in parts)
    adjective = any(w.removeprefix("ال") in lex.nisba for w in words)
    if any("ELI" in roles_of(c) for c in e.codes):
        return "person"
    if words[0] in AR_STATE and state:
        return "country_sector"
    if words[0] in AR_ORG or words[0] in AR_STATE:
        return "organisation"
    if words[0] in AR_TITLES or (len(words) > 1 and words[0] in lex.ar_first and not adjective):
        return "person"
    if country_only or (state and adjective and len(words) <= 3):
        return "country_sector"
    if len(words) == 1:  # a surname in office (علاوي) or a group (حماس, الحوثيين)
        person = dated and any(p.sector in PERSON_ROLES for p in parts)
        return "person" if person else "organisation"
    return "person"


def first_names(entries: list[Entry], lang: str, minimum: int = 3) -> set[str]:
    """First words of the names of known people (CountryInfo leaders, dated Arabic names)."""
    counts: Counter[str] = Counter()
    for e in entries:
        words = e.names[0].split() if lang == "ar" else e.names[0].upper().split()
        if len(words) < 2:
            continue
        if lang == "en" and "CountryInfo" in e.note:
            counts[words[0]] += 1
        elif lang == "ar" and any(c.start for c in e.codes):
            if not {words[0]} & (AR_ORG | AR_STATE | AR_TITLES):
                counts[words[0]] += 1
    return {w for w, n in counts.items() if n >= minimum}


def bare_sectors(e: Entry, lex: Lexicon) -> bool:
    """Only codes like [GOV], [MIL]: a generic agent, not a named actor."""
    return all(
        not code_parts(c.base, lex.countries).country and c.base[:3] in ROLES - INTERNATIONAL
        for c in e.codes
    )


# --- English names -----------------------------------------------------------------------------


def initials(name: str) -> tuple[str, str]:
    """Initials of all words and of the words that are not function words."""
    words = [w for w in re.split(r"[\s\-]+", name.upper()) if w[:1].isalpha()]
    content = "".join(w[0] for w in words if w.lower() not in SMALL_WORDS)
    return "".join(w[0] for w in words), content


def group_acronyms(names: list[str]) -> set[str]:
    """Words written as acronyms: in parentheses, or the initials of another name (NATO)."""
    inits = {i for n in names if len(n.split()) > 1 for i in initials(_PAREN.sub(" ", n))}
    words = [p.strip() for n in names for p in _PAREN.findall(n)] + names
    return {w.upper() for w in words if w.upper() in inits}


def is_acronym(tok: str, acronyms: set[str], lex: Lexicon) -> bool:
    up = tok.upper()
    if re.fullmatch(r"(?:[A-Z]\.){2,}|[A-Z]+[0-9]+", up):
        return True  # U.S., MI6
    if up in NOT_ACRONYMS or not up.isalpha() or len(up) < 2:
        return False
    c = lex.case.get(up.lower())
    if c and c.upper > c.lower + c.title:
        return True
    return up in acronyms or not re.search(r"[AEIOUY]", up)


def title_word(tok: str, first: bool) -> str:
    if not first and tok.lower() in SMALL_WORDS:
        return tok.lower()
    parts = []
    for part in tok.split("-"):
        head, sep, tail = part.partition("'")
        word = head[:1].upper() + head[1:].lower()
        if word.startswith("Mc") and len(word) > 3:
            word = "Mc" + word[2].upper() + word[3:]
        if sep:
            tail = tail[:1].upper() + tail[1:].lower() if len(head) == 1 else tail.lower()
            word += sep + tail
        parts.append(word)
    return "-".join(parts)


def english_title(name: str, acronyms: set[str], lex: Lexicon) -> str:
    words = name.split()
    return " ".join(
        w.upper() if is_acronym(w, acronyms, lex) else title_word(w, i == 0)
        for i, w in enumerate(words)
    )


def is_proper(word: str, lex: Lexicon) -> bool:
    """Hardly ever written in lower case inside a sentence: a name, not a common word."""
    c = lex.case.get(word.lower())
    return not c or c.title + c.upper >= 4 * c.lower


def english_aliases(names: list[str], acronyms: set[str], lex: Lexicon) -> list[str]:
    out: list[str] = []
    for raw in names:
        raw = _OPEN_PAREN.sub("", raw)
        pieces = [_PAREN.sub(" ", raw)] + [p for p in _PAREN.findall(raw) if " " not in p.strip()]
        for piece in pieces:
            piece = " ".join(piece.split()).strip(" ,")
            alias = english_title(piece, acronyms, lex)
            if keep_english(alias, acronyms, lex):
                out.append(alias)
    return out


def keep_english(alias: str, acronyms: set[str], lex: Lexicon) -> bool:
    if " " in alias or alias.lower() not in lex.common:
        return True
    if len(alias) >= 3 and alias.isupper() and is_acronym(alias, acronyms, lex):
        return True
    return is_proper(alias, lex)


# --- merging -----------------------------------------------------------------------------------


def skeleton_ar(name: str) -> str:
    out = []
    for w in name.split():
        w = w.removeprefix("ال") if len(w) > 3 else w
        out.append("".join(AR_SKELETON.get(ch, "") for ch in w.rstrip("هة")))
    return re.sub(r"(.)\1+", r"\1", "".join(out))


def skeleton_en(name: str) -> str:
    out = []
    for w in re.split(r"[\s\-']+", name.upper()):
        if w in ("AL", "EL", "") or not w.isalpha():
            continue
        w = w.rstrip("H") if len(w) > 3 else w  # -AH is ة
        w = _EN_SKELETON.sub(lambda m: EN_SKELETON[m.group()], w)
        out.append(re.sub(r"[AEIOUWY]", "", w))
    return re.sub(r"(.)\1+", r"\1", "".join(out))


class Groups:
    """Union-find over entries."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def merge_keys(e: Entry, lex: Lexicon) -> list[tuple[str, ...]]:
    if e.kind == "country_sector":
        p = code_parts(e.codes[0].base, lex.countries)
        return [("cs", p.country, p.sector)]
    if e.lang == "en":
        key = e.names[0].casefold()
        return [("en", key, c.base[:3]) for c in e.codes]
    return [("ar", arabic_stem(n), c.base[:3]) for n in e.names for c in e.codes]


def arabic_stem(name: str) -> str:
    """الحوثيين، الحوثيون، الحوثية، حوثيين → حوث: one name in its plural and adjective forms."""
    out = []
    for w in name.split():
        w = w.removeprefix("ال") if len(w) > 4 else w
        for end in ("يون", "يين", "ية", "ون", "ين", "ي", "ة"):
            if w.endswith(end) and len(w) - len(end) >= 3:
                w = w[: -len(end)]
                break
        out.append(w)
    return " ".join(out)


def merge(entries: list[Entry], lex: Lexicon) -> list[list[Entry]]:
    groups = Groups(len(entries))
    seen: dict[tuple[str, ...], int] = {}
    for i, e in enumerate(entries):
        for key in merge_keys(e, lex):
            if key in seen:
                groups.union(seen[key], i)
            seen.setdefault(key, i)
    for a, b in cross_language_pairs(entries):
        groups.union(a, b)
    out: dict[int, list[Entry]] = {}
    for i, e in enumerate(entries):
        out.setdefault(groups.find(i), []).append(e)
    return list(out.values())


def code_keys(base: str) -> list[str]:
    """A code and its coarser forms down to country + role: PSEREBHMS, PSEREB."""
    return [base[:n] for n in range(len(base), 5, -3)] or [base]


def cross_language_pairs(entries: list[Entry]) -> list[tuple[int, int]]:
    """Arabic and English entries of one code whose names share a consonant skeleton."""
    index: dict[tuple[str, str], list[int]] = {}
    for i, e in enumerate(entries):
        if e.lang != "en" or e.kind == "country_sector":
            continue
        keys = [(k, skeleton_en(n)) for n in e.names for c in e.codes for k in code_keys(c.base)]
        for key in dict.fromkeys(keys):
            if len(key[1]) >= 2:
                index.setdefault(key, []).append(i)
    pairs = []
    for i, e in enumerate(entries):
        if e.lang != "ar" or e.kind == "country_sector":
            continue
        hits = {
            j
            for n in e.names
            for c in e.codes
            for j in index.get((c.base, skeleton_ar(n)), [])
            if len(skeleton_ar(n)) >= 3 or e.kind == entries[j].kind == "person"
        }
        if len(hits) == 1:
            pairs.append((i, hits.pop()))
    return pairs


# --- rows --------------------------------------------------------------------------------------


@dataclass
class Actor:
    kind: str
    name: str
    en: list[str]
    ar: list[str]
    gaz: list[str]  # Persian/Arabic names from the gazetteer
    codes: list[Code]
    sources: list[str]
    country: str = ""
    sector: str = ""
    key: tuple[str, str] | None = None  # (country, sector) of a country sector


def display_country(iso3: str, actors: list[Actor], lex: Lexicon) -> str:
    for a in actors:
        if a.key == (iso3, "") and a.en:
            return a.en[0]
    return lex.countries[iso3]["name"]


def build_actor(group: list[Entry], lex: Lexicon) -> Actor:
    english = [e for e in group if e.lang == "en"]
    lead = english[0] if english else group[0]
    kinds = [e.kind for e in group]
    kind = lead.kind if english else ("person" if "person" in kinds else lead.kind)
    if "country_sector" in kinds:
        kind = "country_sector"
    acronyms = group_acronyms([n for e in english for n in e.names])
    en_names = english_aliases([n for e in english for n in e.names[:1]], acronyms, lex)
    en_names += english_aliases([n for e in english for n in e.names[1:]], acronyms, lex)
    ar_names = [n for e in group if e.lang == "ar" for n in e.names]
    codes = sorted({c for e in (english or group) for c in e.codes})
    if kind == "country_sector":
        first = next(e for e in group if e.kind == "country_sector")
        p = code_parts(first.codes[0].base, lex.countries)
        codes = [Code("", "", p.country + p.sector)]
    sources = [SRC_EN.format(e.source) if e.lang == "en" else SRC_AR for e in group]
    actor = Actor(kind, "", en_names, ar_names, [], codes, list(dict.fromkeys(sources)))
    if kind == "country_sector":
        p = code_parts(codes[0].base, lex.countries)
        actor.key = (p.country, p.sector)
    actor.name = en_names[0] if en_names else (ar_names[0] if ar_names else "")
    return actor


def add_countries(actors: list[Actor], lex: Lexicon) -> None:
    """A country, GOV, MIL and COP row for every country, with Persian and Arabic names."""
    by_key: dict[tuple[str, str], Actor] = {}
    for a in actors:
        if a.key and a.key not in by_key:
            by_key[a.key] = a
    for iso3 in sorted(lex.countries):
        for sector in ("", "GOV", "MIL", "COP"):
            if (iso3, sector) not in by_key:
                new = Actor("country_sector", "", [], [], [], [Code("", "", iso3 + sector)], [])
                new.key = (iso3, sector)
                by_key[new.key] = new
                actors.append(new)
    for (iso3, sector), a in by_key.items():
        if iso3 not in lex.countries:
            continue
        country = display_country(iso3, actors, lex)
        if sector in SECTOR_NAMES:
            generated = SECTOR_NAMES[sector].format(country)
            a.en = [generated] + [n for n in a.en if n != generated]
        elif not a.en:
            a.en = [country]
        a.name = a.en[0]
        if not a.sources:
            a.sources.append(SRC_NEW)
        # the names the press calls the country by (the annotators' country_names.tsv), else
        # countries-states-cities' (which gives Turkey's Arabic name as the bird's, ديك رومى)
        press = lex.press.get(iso3, {})
        fa = press.get("fa") or [n for n in [lex.countries[iso3]["fa"]] if n]
        ar = press.get("ar") or [n for n in [lex.countries[iso3]["ar"]] if n]
        a.gaz = [t.format(n) for n in fa for t in FA_TEMPLATES.get(sector, ())]
        if not a.ar:
            a.gaz += [t.format(n) for n in ar for t in AR_TEMPLATES.get(sector, ())]
        if a.gaz:
            a.sources.append(SRC_PRESS_COUNTRY if press else SRC_GAZ)


def aliases_of(a: Actor) -> list[str]:
    """Main English name, gazetteer names, then English and Arabic names in turn; at most 30."""
    ordered = a.en[:1] + a.gaz
    rest_en, rest_ar = a.en[1:], a.ar
    for i in range(max(len(rest_en), len(rest_ar))):
        ordered += rest_en[i : i + 1] + rest_ar[i : i + 1]
    out: dict[str, str] = {}
    for alias in ordered:
        alias = " ".join(alias.split())
        if 2 <= len(alias) <= 80 and "|" not in alias and alias.casefold() not in out:
            out[alias.casefold()] = alias
        if len(out) == MAX_ALIASES:
            break
    return list(out.values())


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^A-Z0-9]+", "_", ascii_text.upper()).strip("_")
    return s[:60].rstrip("_")


def romanize(text: str) -> str:
    letters = {**AR_SKELETON, "ا": "A", "أ": "A", "إ": "I", "آ": "A", "ى": "A", "ة": "A",
               "و": "W", "ي": "Y", "ی": "Y", "ع": "", "ء": "", "ؤ": "", "ئ": "", "ش": "SH",
               "خ": "KH", "ث": "TH", "ذ": "DH", "غ": "GH", "ص": "S", "ض": "D", "ط": "T",
               "ظ": "Z", "چ": "CH", "ژ": "ZH", "پ": "P"}  # fmt: skip
    return "AR_" + slug("".join(letters.get(ch, ch if ch == " " else "") for ch in text))


def assign_ids(actors: list[Actor]) -> list[str]:
    bases = [slug(a.name) if a.en else romanize(a.name) for a in actors]
    order = sorted(range(len(actors)), key=lambda i: (bases[i] or "ACTOR", actor_rank(actors[i])))
    ids = [""] * len(actors)
    taken: set[str] = set()
    for i in order:
        base = candidate = bases[i] or "ACTOR"
        n = 1
        while candidate in taken:
            n += 1
            candidate = f"{base}_{n}"
        taken.add(candidate)
        ids[i] = candidate
    return ids


def actor_rank(a: Actor) -> tuple[int, str, str]:
    kinds = ("country_sector", "organisation", "person")
    return (kinds.index(a.kind), a.codes[0].base, "|".join(a.en[:3] + a.ar[:3]))


def rows_of(actor_id: str, a: Actor, lex: Lexicon) -> list[str]:
    aliases = "|".join(aliases_of(a))
    source = "; ".join(a.sources)
    rows = []
    for n, code in enumerate(a.codes, 1):
        p = code_parts(code.base, lex.countries)
        sector = p.sector if p.country else code.base
        rid = f"{actor_id}@{n}" if len(a.codes) > 1 else actor_id
        cells = [rid, a.kind, a.name, p.country, sector, aliases, code.start, code.end, source]
        rows.append("\t".join(c.replace("\t", " ") for c in cells))
    return rows


# --- main --------------------------------------------------------------------------------------


def load_entries(shared: Path, lex: Lexicon) -> list[Entry]:
    petrarch = shared / "field-data" / "petrarch"
    english: list[Entry] = []
    for name in EN_FILES:
        english += parse_dictionary(petrarch / "english" / name, "en")
    arabic = parse_dictionary(petrarch / "arabic" / AR_FILE, "ar")
    arabic = [e for e in arabic if not bare_sectors(e, lex)]
    lex.country_words = country_words(english, lex)
    lex.en_first = first_names(english, "en")
    lex.ar_first = first_names(arabic, "ar")
    for e in english:
        e.kind = english_kind(e, lex)
    for e in arabic:
        e.kind = arabic_kind(e, lex)
    entries = english + arabic
    return [e for e in entries if any(len(n.replace(" ", "")) > 2 for n in e.names)]


def build(shared: Path) -> list[str]:
    field_data = shared / "field-data"
    countries = read_countries(
        field_data / "gazetteer" / "countries-states-cities" / "countries.json"
    )
    lex = Lexicon(
        common=read_common(WORDFREQ),
        case=read_case(field_data / "news-en" / "wikipedia_current_events.jsonl.gz"),
        countries=countries,
        nisba=nisba_forms(countries),
        press=read_press_country_names(),
    )
    entries = load_entries(shared, lex)
    actors = [build_actor(g, lex) for g in merge(entries, lex)]
    add_countries(actors, lex)
    actors = [a for a in actors if a.en or a.ar or a.gaz]
    ids = assign_ids(actors)
    rows = [r for actor_id, a in zip(ids, actors, strict=True) for r in rows_of(actor_id, a, lex)]
    rows = add_persian_names(rows, read_tsv(PERSIAN_ORGS), read_tsv(CURATED))
    for lang in PRESS_ORGS:
        rows = add_press_organisations(rows, read_tsv(CURATED), lang)
    return sorted(rows, key=lambda r: r.split("\t", 1)[0])


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = path.read_text("utf-8").splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, line.split("\t"), strict=True)) for line in lines[1:] if line]


def add_persian_names(rows: list[str], names: list[dict[str, str]],
                      curated: list[dict[str, str]]) -> list[str]:  # fmt: skip
    """The Persian names of the most frequent organisations (``persian_org_names.tsv``) added
    to their rows; an organisation of the curated ``actors.tsv`` gets a row of its own (so a
    recognised Persian name resolves to it)."""
    by_id: dict[str, list[int]] = {}
    for k, r in enumerate(rows):
        by_id.setdefault(r.split("\t", 1)[0].split("@")[0], []).append(k)
    curated_names = {r["id"]: r["name"] for r in curated}
    for n in names:
        persian = [a for a in n["persian"].split("|") if a]
        if not persian:
            continue
        for k in by_id.get(n["id"], []):
            cells = rows[k].split("\t")
            old = cells[5].split("|") if cells[5] else []
            cells[5] = "|".join(old + [a for a in persian if a not in old])
            cells[8] = f"{cells[8]}; Persian names: {n['source']}"
            rows[k] = "\t".join(cells)
        if n["id"] not in by_id and n["id"] in curated_names:
            cells = [n["id"], "organisation", curated_names[n["id"]], "", "", "|".join(persian),
                     "", "", f"actors.tsv; Persian names: {n['source']}"]  # fmt: skip
            rows.append("\t".join(cells))
    return rows


_IN = frozenset(("في", "در", "in"))  # the preposition "in" (alias keys: فى is في)
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
LOCAL_PEOPLE = 100_000  # a town this big named inside a body's name is a place of its own


def _ends_in_place(key: str) -> bool:
    """Whether a form (an alias key) ends "in" + a place the gazetteer knows ("المقاومة الشعبية
    في اليمن"): the place is a place of its own there, which the organisation's name would
    swallow."""
    from khabar.extract.places import gazetteer

    words = key.split(" ")
    return any(words[k] in _IN and " ".join(words[k + 1 :]) in gazetteer().index
               for k in range(1, len(words) - 1))  # fmt: skip


def _holds_local_place(key: str) -> bool:
    """Whether a form names a province or a town of ``LOCAL_PEOPLE`` or more ("شرطة منطقة مكة
    المكرمة", "شهرداری تهران"): extraction drops a place inside a dictionary organisation's
    name, and a local body's city is where its news happens."""
    from khabar.extract.places import gazetteer

    g, words = gazetteer(), key.split(" ")
    words_too = g.common | g.common_fa | g.frequent | g.frequent_fa  # a word first (المدينة)
    spans = [" ".join(words[i:j]) for i in range(len(words))
             for j in range(i + 1, min(len(words), i + 3) + 1)]  # fmt: skip
    return any((p.precision == "province" and span not in g.weak)  # not مركزي "central"
               or (p.kind != "country" and p.population >= LOCAL_PEOPLE)
               for span in spans if span not in words_too
               for i in g.index.get(span, ()) if (p := g.places.get(i)))


# an Arabic adjective with the article (الدولي, العربي, السعودية): after a body's short name it
# names another body as often ("مجلس الأمن القومي", "صندوق النقد العربي")
_ARABIC_ADJECTIVE = re.compile(r"^ال\w+(?:ي|يه)$")
# sectors of local bodies, whose town is where their news happens (a club's, a company's or a
# university's town is part of its name as a brand: Real Madrid, University of Tehran)
LOCAL_SECTORS = frozenset(("GOV", "LEG", "JUD", "COP", "MIL", "SPY"))


def _usable_forms(keys: dict[str, str], sector: str, other_words: dict[str, int]) -> list[str]:
    """The forms (form → alias key) an annotator's row may add: Arabic script (a Latin form such
    as "STC" would match English text, where it is another body), no one word the other
    language's news writes ``OTHER_WORD_COUNT`` times or more, no "in" + a place, no province
    or big town inside a local body's name (``LOCAL_SECTORS``), and no short form that a longer
    form of the same row goes on with an Arabic adjective (مجلس الأمن of مجلس الأمن الدولي: the
    press shortens other bodies so too, مجلس الأمن القومي)."""
    out = []
    for f, key in keys.items():
        if not _ARABIC_SCRIPT.search(key) or _ends_in_place(key) or \
                (sector in LOCAL_SECTORS and _holds_local_place(key)):  # fmt: skip
            continue
        if " " not in key and other_words.get(key, 0) >= OTHER_WORD_COUNT:
            continue
        if any(k.startswith(key + " ") and _ARABIC_ADJECTIVE.match(k[len(key) + 1 :].split()[0])
               for k in keys.values()):  # fmt: skip
            continue
        out.append(f)
    return out


def add_press_organisations(rows: list[str], curated: list[dict[str, str]], lang: str,
                            table: list[dict[str, str]] | None = None) -> list[str]:  # fmt: skip
    """The organisations of ``lang``'s news that no dictionary knew (``PRESS_ORGS``: the
    annotator's ``table``, read from its file unless given), their forms (``_usable_forms``)
    added: to the rows of the actor whose main name or alias is the row's English name (each
    actor taken by one English name: Phoenix lists the Guardian Council among the parliament's
    aliases, which the parliament's own row claims first), else of the one actor that holds one
    of its forms (a curated actor of ``actors.tsv`` with no row gets one of its own id, as in
    ``add_persian_names``), else to a row of its own (``FA-`` or ``AR-`` + its English name,
    which the other language's table then meets), with its country and CAMEO sector. A row
    whose forms several actors hold is left out, and said."""
    from khabar.extract.lexicon import alias_key
    from khabar.resources import word_counts

    def base(row: str) -> str:
        return row.split("\t", 1)[0].split("@")[0]

    owner: dict[str, str] = {}  # alias key → actor id: main names first, then the aliases
    for r in rows:
        owner.setdefault(alias_key(r.split("\t")[2]), base(r))
    for r in rows:
        for alias in r.split("\t")[5].split("|"):
            owner.setdefault(alias_key(alias), base(r))
    for c in curated:
        for alias in c["aliases"].split("|"):
            owner[alias_key(alias)] = c["id"]  # resolve_actor reads actors.tsv first
    curated_names = {c["id"]: c["name"] for c in curated}
    country = {base(r): r.split("\t")[3] for r in rows}
    claimed: dict[str, str] = {}  # actor id → the English name that joined it
    path, column, prefix, other, source = PRESS_ORGS[lang]
    other_words = word_counts(other)
    for org in read_tsv(path) if table is None else table:
        keys = {f: alias_key(f) for f in org[column].split("|") if alias_key(f)}
        forms = _usable_forms(keys, org["sector"], other_words)
        name_key = alias_key(re.sub(r"\s*\(.*?\)", "", org["name"]))  # "Kremlin (...)"
        named = owner.get(name_key)
        if named is not None and org["country"] and country.get(named, org["country"]) not in \
                ("", org["country"]):  # fmt: skip
            named = None  # another country's body of that name ("Popular Resistance (Yemen)")
        holders = {owner[keys[f]] for f in forms if keys[f] in owner}
        if named is not None and claimed.setdefault(named, name_key) == name_key:
            actor_id = named
        elif len(holders) == 1:
            actor_id = holders.pop()
        elif holders:
            print(f"{lang}: {org['name']}: forms of several actors ({sorted(holders)}): left out")
            continue
        else:
            name = unicodedata.normalize("NFKD", org["name"]).encode("ascii", "ignore").decode()
            actor_id = prefix + re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")
        new = [f for f in forms if keys[f] not in owner]
        if new and not any(base(r) == actor_id for r in rows):  # a new one, or a curated one
            fresh = actor_id.startswith(prefix)
            cells = [org["name"], org["country"], org["sector"]] if fresh else \
                [curated_names[actor_id], "", ""]  # fmt: skip
            rows.append("\t".join([actor_id, "organisation", *cells, "", "", "",
                                    source if fresh else "actors.tsv"]))  # fmt: skip
        for j, r in enumerate(rows if new else ()):
            if base(r) == actor_id:
                cells = r.split("\t")
                cells[5] = "|".join([*filter(None, cells[5].split("|")), *new])
                if source not in cells[8]:
                    cells[8] = f"{cells[8]}; {source}"
                rows[j] = "\t".join(cells)
        owner.update((keys[f], actor_id) for f in new)
        owner.setdefault(name_key, actor_id)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = build(args.shared)
    args.out.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8", newline="\n")
    print(f"{args.out}: {len(rows)} rows")


if __name__ == "__main__":
    main()
