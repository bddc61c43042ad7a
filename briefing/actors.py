"""Names of people, organisations and places in a sentence, and one spelling per actor.

Rules (tested in tests/test_extract.py; 5, 6 and quotations in tests/test_actors_qa.py):

1. A name is a run of capitalised words ("Jean-Noël Barrot", "Church of Scientology"); leading
   titles and ranks are stripped ("Secretary of Defense", "Army Gen.", "Commander",
   "Bahraini Foreign Minister Sheikh" -> the person), and so are trailing month and day names
   ("Croatia September 27" -> Croatia).
2. "X of Y" is split in two when it joins a person to an organisation or place: the part before
   "of" followed a title ("Commander Tim Kopra of NASA"), or the part after is an acronym or
   starts with a title ("Libya of Ambassador J. Christopher Stevens"). "Church of Scientology"
   stays one name.
3. A single word counts when a title stands before it ("Secretary Blinken"), or when it is not the
   first word of the sentence or of a quotation in it (“Our doors …”) and is not a demonym
   ("Norwegian"), a time zone ("EDT"), an abbreviation or title on its own, a sentence adverb
   ("Then"), nor followed by a number ("Expedition 47", "Tier 1"). Acronyms of two to six
   capitals are names (NASA, UK, GCC); "U.S." written with periods is an adjective here.
4. Titles of works and documents are not actors: a name in quotation marks ('Dewey Defeats
   Truman'), or ending in a document or meeting word (Declaration, Report, Summit …); an acronym or
   possessive owner before such a word is kept ("NATO Summit" -> NATO, "UK’s AI Summit" -> UK).
5. A place, initialism or acronym standing before a title is the title's, like a demonym: "U.K.
   Prime Minister Keir Starmer", "U.N. Secretary-General António Guterres", "NATO Secretary
   General Mark Rutte", "St. Petersburg Mayor Alexander Beglov" -> the person. "St." opens a
   name ("St. Louis"), where "Dr.", "Gen." or "Sen." stay titles and are stripped.
6. Places. By default a place is an actor like any other name (rules 1-5: the hand annotations
   of benchmarks/events.py count them). `find_actors(sentence, places=False)` leaves out what
   names somewhere rather than someone (`_names_a_place`): a well-known place
   (briefing/places.py: countries, territories, US states, major cities), an untitled single
   word right after "in", "near", "outside" … ("talks in Bakhmut"), and the "City" of a "City,
   Country" pair ("Star City, Russia"). A place that speaks or acts, "… while Moscow warned",
   stays (a government named by its capital); so do names that merely start with a place
   ("Paris Hilton", "Nairobi City Council", "Bank of England").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise

from briefing.places import PLACES

TITLES = (
    "Secretary of State for Defence", "Secretary of State", "Secretary of Defense",
    "Secretary-General", "Secretary General", "Deputy Secretary", "Assistant Secretary",
    "Under Secretary", "Press Secretary", "Defense Secretary", "Defence Secretary",
    "Foreign Secretary", "Home Secretary", "Secretary", "President", "Vice President",
    "Deputy Prime Minister", "Prime Minister", "Foreign Minister", "Defense Minister",
    "Defence Minister", "Minister", "Chancellor", "Ambassador", "Senator", "Governor", "General",
    "Admiral", "Mayor", "Director", "Chairman", "Chairwoman", "Chair", "CEO", "Spokesperson",
    "Spokesman", "Spokeswoman", "Commander", "Flight Engineers", "Flight Engineer", "Sheikh",
    "Cardinal", "Archbishop", "Bishop", "Acting", "Deputy", "NATO Ally", "Ally", "Army", "Navy",
    "Air Force", "Marine Corps", "Space Force", "Gen.", "Gen", "Lt.", "Lt", "Maj.", "Maj", "Brig.",
    "Brig", "Col.", "Col", "Capt.", "Capt", "Sgt.", "Sgt", "Adm.", "Adm", "Cmdr.", "Cmdr", "Rep.",
    "Sen.", "Gov.", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "King", "Queen", "Prince", "Princess",
    "Pope", "Outgoing", "outgoing", "Former", "French", "U.S.", "US", "American", "British",
    "German", "Russian", "Ukrainian", "Chinese", "the", "The",
)
_TITLE_SET = frozenset(TITLES)
_TITLE_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
    + r")(?:\s+|$))+"
)
_NOT_ROLES = {"the", "The", "U.S.", "US", "American", "British", "German", "Russian", "Ukrainian",
              "Chinese", "French", "Outgoing", "outgoing", "Former", "Army", "Navy", "Air Force",
              "Marine Corps", "Space Force", "Acting", "Deputy"}
_ROLE_RE = re.compile(
    r"^(?:(?:the|The)\s+)?(?:" + "|".join(
        re.escape(t) for t in sorted(set(TITLES) - _NOT_ROLES, key=len, reverse=True))
    + r")(?:\s+|$)"
)
_NAME_WORD = r"(?:[A-ZÀ-Ý][\w’'\-]*\w|(?:[A-Z]\.)+)"
_NAME = re.compile(  # the first _NAME_WORD spelt so that it opens with a character class:
    # the regex engine then skips to capitals without trying the pattern everywhere (speed)
    # "St. Petersburg": "St." opens a name before a capitalised word (rule 5); first, since
    # the engine keeps the first alternative that lets the whole pattern match (one character
    # compared for other words: about 2% of find_actors)
    r"[A-ZÀ-Ý](?:(?<=S)t\.(?=\s+[A-ZÀ-Ý])|[\w’'\-]*\w|(?<=[A-Z])\.(?:[A-Z]\.)*)"
    rf"(?:\s+(?:(?:of|de|da|van|von|der|del|la|le|bin|al)\s+)?{_NAME_WORD})*"
)
_MONTHS_DAYS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
}
_TIME_ZONES = {"UTC", "GMT", "EDT", "EST", "CDT", "CST", "MDT", "MST", "PDT", "PST", "CET", "CEST",
               "BST", "ET", "PT", "CT", "AM", "PM"}
NOT_ACTORS = _MONTHS_DAYS | _TIME_ZONES | {
    "Sources", "Source", "This", "That", "These", "Those", "He", "She",
    "They", "We", "It", "In", "On", "At", "As", "By", "For", "If", "When", "During", "And",
    "But", "So", "Both", "Such", "Furthermore", "A", "An", "Joint Press Availability", "I",
    "Today", "Tomorrow", "Yesterday", "Mr", "Mrs", "Ms", "Dr", "Prof", "Jr", "Sr", "St",
    # adverbs that open a sentence before its subject: "Then Blinken visited Paris"
    "Then", "Meanwhile", "However", "Later", "Earlier", "Also", "Now", "Still", "Yet",
    "Instead", "Moreover", "Nevertheless", "Nonetheless", "Afterwards", "Thus", "Therefore",
    "Indeed", "Finally",
}
_DEMONYMS = {
    "French", "Dutch", "Greek", "Thai", "Swiss", "German", "Afghan", "Czech", "Slovak", "Kenyan",
    "Bahraini", "Israeli", "Iraqi", "Pakistani", "Omani", "Kuwaiti", "Emirati", "Saudi", "Yemeni",
    "Qatari", "Somali", "Bangladeshi", "Nepali", "Azerbaijani", "Uzbek", "Kazakh", "Tajik",
    "Finnish", "Scottish", "Welsh", "Vietnamese", "Filipino", "Peruvian", "Mexican", "American",
    "African", "Moroccan", "Dominican", "Puerto", "Libyan", "Sudanese", "Nigerian",
}
_DEMONYM_SUFFIX = re.compile(r"(?:ian|ean|ese|ish|ani|ican)$")
_DOCUMENT_WORDS = {
    "Declaration", "Report", "Summit", "Symposium", "Agreement", "Act", "Treaty", "Accord",
    "Accords", "Ministerial", "Strategy", "Initiative", "Dialogue", "Plan", "Convention",
    "Communiqué", "Resolution", "Protocol", "Charter", "Doctrine", "Statement",
}
_QUOTES = "'\"‘’“”"


def _is_demonym(word: str) -> bool:
    return word in _DEMONYMS or (word[:1].isupper() and len(word) > 4
                                 and _DEMONYM_SUFFIX.search(word) is not None)


_POSSESSIVE = re.compile(r"^(\S+)[’']s\s+(.*)$")


@lru_cache(maxsize=1 << 14)  # names recur: each is worked out once per process
def _strip_titles(name: str) -> str:
    """Remove leading titles and function words: "As Secretary Blinken" -> "Blinken"."""
    previous = None
    while name != previous:
        previous = name
        owner = _POSSESSIVE.match(name)
        if owner and _TITLE_RE.match(owner.group(2)):  # "Qatar's Prime Minister X" -> X
            name = owner.group(2)
        first, _, rest = name.partition(" ")
        if _is_demonym(first) and _TITLE_RE.match(rest):  # "Bahraini Foreign Minister X" -> X
            name = rest
        name = _after_owner(name)  # "U.K. Prime Minister X" -> "Prime Minister X" (rule 5)
        name = _TITLE_RE.sub("", name).strip()
        first, _, rest = name.partition(" ")
        if first in NOT_ACTORS:
            name = rest
    return name


_WORD = re.compile(r"\S+")
_PLACE_HEADS = frozenset(place.split()[0] for place in PLACES)
"""First words of the known places: a name opening with none of them has no place as owner."""


def _after_owner(name: str) -> str:
    """What follows a place, initialism or acronym that owns the title after it (rule 5):
    "U.K. Prime Minister Keir Starmer", "NATO Secretary General Mark Rutte", "St. Petersburg
    Mayor Alexander Beglov" -> the title and the person, which the caller strips to the person,
    as it does after "U.S." or a demonym. Only when a name follows the title: "UK Prime
    Minister" alone is left as it is, and so is an organisation ("Nairobi City Council")."""
    words = name.split()
    first = words[0] if words else ""
    if len(words) < 3 or not (first in _PLACE_HEADS or first.isupper() or first[-1:] == "."):
        return name  # most names: worked out for every run of capitals, this is their cost
    spans = [word.start() for word in _WORD.finditer(name)]  # the spacing stays as written
    for i in range(1, min(len(words) - 1, 3) + 1):
        owner = " ".join(words[:i])
        if not (owner in PLACES or _INITIALISM.fullmatch(owner) or _ACRONYM.fullmatch(owner)
                or owner.startswith("St. ")) or words[i] in ("the", "The"):
            continue
        rest = name[spans[i]:]
        title = _TITLE_RE.match(rest)
        if title is not None and title.end() < len(rest):
            return rest
    return name


_SPLIT_OF = re.compile(r"\s+of\s+")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_LONG_CAPITALS = re.compile(r"[A-Z]{7,}")
_POSSESSIVE_S = re.compile(r"[’']s$")
_INITIALISM = re.compile(r"(?:[A-Z]\.)+|[A-Z]")
_COMPOUND = re.compile(r"[^\s-]+(?:-[A-Z][^\s-]*)+")
_LOWER_WORD_NEXT = re.compile(r"\s+[a-z]")
_WORD_BEFORE = re.compile(r"\w\s*$")
_NUMBER_NEXT = re.compile(r"\s*\d")


@lru_cache(maxsize=1 << 14)
def _split_of(raw: str) -> tuple[str, ...]:
    """"Commander Tim Kopra of NASA" -> ["Commander Tim Kopra", "NASA"] (rule 2)."""
    parts = _SPLIT_OF.split(raw)
    pieces = [parts[0]]
    for part in parts[1:]:
        left = pieces[-1]
        person_before = bool(_ROLE_RE.match(left)) and len(_strip_titles(left).split()) >= 2
        organisation_after = bool(_ACRONYM.fullmatch(part.split()[0]))
        if person_before or organisation_after or _ROLE_RE.match(part):
            pieces.append(part)
        else:
            pieces[-1] = f"{left} of {part}"
    return tuple(pieces)


def _document(name: str) -> str | None:
    """None when the name is a document or meeting; its acronym/possessive owner if it has one."""
    words = name.split()
    if words[-1] not in _DOCUMENT_WORDS:
        return name
    owner = _POSSESSIVE.match(name)
    if owner:
        return owner.group(1)
    if len(words) == 2 and _ACRONYM.fullmatch(words[0]):
        return words[0]
    return None


_BEFORE_QUOTE = ":(["  # and whitespace: what stands before a straight quote that opens


def _at_sentence_start(sentence: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, the sentence's own or a quoted one: only
    quotes and brackets before it, or an end of sentence (".", ":", "!", "?"), or an opening
    quote (“, ‘, or " after a space, ":" or a bracket): “Our doors remain open” names no "Our"."""
    before = sentence[:start].rstrip()
    return not before.strip(_QUOTES + "([") or before.endswith((".", ":", "!", "?", "“", "‘")) \
        or (before.endswith('"') and (before[-2:-1].isspace() or before[-2:-1] in _BEFORE_QUOTE))


_OPENERS = _QUOTES + "(["


def _opens_sentence(sentence: str, start: int) -> bool:
    """`_at_sentence_start` for 0 <= start <= len(sentence), without copying the text before
    `start`: only whitespace, opening quotes and brackets before it, or an end of sentence
    (".", ":", "!", "?") or an opening quote, and whitespace."""
    k = start
    while k and sentence[k - 1].isspace():  # str.rstrip() strips what str.isspace() says
        k -= 1
    if not k or sentence[k - 1] in ".:!?“‘":
        return True
    if sentence[k - 1] == '"' and k > 1 and (sentence[k - 2].isspace()
                                             or sentence[k - 2] in _BEFORE_QUOTE):
        return True  # a straight quote that opens a quotation
    # all of sentence[:k] quotes or brackets: never when the first character is not one
    return sentence[0] in _OPENERS and not sentence[:k].strip(_OPENERS)


def find_actors(sentence: str, places: bool = True) -> list[str]:
    """People, organisations and places named in a sentence (see the module's rules); without
    the places when `places` is False (rule 6).

    Titles are stripped ("Secretary Antony J. Blinken" -> "Antony J. Blinken").

    What a run of capitalised words gives apart from its place in the sentence is worked out
    once per process (`_pieces`); here only the checks that look around it are made.
    """
    actors: list[str] = []
    for match in _NAME.finditer(sentence):
        found = _pieces(match.group())
        if found is None:
            continue  # no name, wherever it stands
        compound, pieces = found
        start, end = match.span()
        before = sentence[start - 1: start]
        after = sentence[end: end + 1]
        if before and after and before in _QUOTES and after in _QUOTES:
            continue  # a title of a work: 'Dewey Defeats Truman'
        if before == "(" and after == ")" and actors and _WORD_BEFORE.search(
                sentence[: start - 1]):
            continue  # an alias of the name before it: "Geological Survey (USGS)"
        if compound and _LOWER_WORD_NEXT.match(sentence, end):
            continue  # a compound modifier: "US-France defense collaboration"
        if len(pieces) == 1:  # the run itself, where it was found
            _, name, at = pieces[0]
            if name is not None and (at < 0 or _plain_here(name, sentence, start + at)) \
                    and name not in actors and (places or not _names_a_place(
                        name, sentence, start + at if at >= 0 else sentence.find(name, start))):
                actors.append(name)
            continue
        offset = start
        for raw, name, at in pieces:
            place = sentence.find(raw, offset)  # -1 if "X  of Y" was rejoined as "X of Y"
            offset = place + len(raw)
            if name is None or (at >= 0 and not _plain_here(name, sentence, place + at)):
                continue
            if name not in actors and (places or not _names_a_place(
                    name, sentence, place + at if at >= 0 and place >= 0
                    else sentence.find(name, max(place, 0)))):
                actors.append(name)
    return actors


def is_place(name: str) -> bool:
    """Whether `name` is a well-known place (briefing/places.py), wherever it stands."""
    return name in PLACES


NEWS_PUBLISHERS = frozenset({
    # news agencies
    "Reuters", "Thomson Reuters", "AFP", "Agence France-Presse", "Agence France Presse", "AP",
    "Associated Press", "The Associated Press", "Bloomberg", "Bloomberg News", "dpa", "DPA",
    "ANSA", "EFE", "Europa Press", "Kyodo", "Kyodo News", "Jiji", "Jiji Press", "Xinhua", "TASS",
    "Interfax", "RIA Novosti", "UPI", "PA", "PA Media", "Press Association", "Anadolu",
    "Anadolu Agency", "Yonhap", "ANP", "Belga", "APA", "PAP", "ČTK", "CTK", "Ukrinform", "NTB",
    "Ritzau", "STT", "TT", "IRNA", "WAFA", "KCNA", "AAP", "Canadian Press", "The Canadian Press",
    "PTI", "ANI", "Bernama", "Antara", "Lusa", "Agerpres",
    # broadcasters and newspapers that tables cite as a source column
    "BBC", "BBC News", "CNN", "Al Jazeera", "France 24", "Euronews", "Deutsche Welle", "DW",
    "NHK", "Le Monde", "Le Figaro", "Libération", "Les Echos", "El País", "Der Spiegel",
    "The Guardian", "Guardian", "Financial Times", "FT", "The Times", "The Economist",
    "The New York Times", "New York Times", "NYT", "The Washington Post", "Washington Post",
    "The Wall Street Journal", "Wall Street Journal", "WSJ", "Politico", "POLITICO", "Axios",
    "Nikkei",
})
"""Publishers that a table's source column names ("… met union leaders — Reuters"): there
they say who reported the event, not who took part in it (extract.py leaves such a last cell
out of the summary and of the event's actors). Elsewhere in a sentence ("Reuters reported
…", "a Reuters journalist was detained") the name is read as any other."""


def is_news_publisher(name: str) -> bool:
    """Whether `name` is a known news agency or outlet (`NEWS_PUBLISHERS`)."""
    return name in NEWS_PUBLISHERS


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|inside|around|across|throughout)\s+$")
_PLACE_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|near|outside|inside|around|across|throughout|at|from|to)\s+$")
_ACTS_NEXT = re.compile(
    r"\s+(?:(?:has|have|had|also|then|later|again|quickly|publicly|has\s+also)\s+)?"
    r"(?:said|says|warned|warns|announced|announces|denied|denies|accused|accuses|condemned|"
    r"condemns|rejected|rejects|urged|urges|agreed|agrees|signed|insisted|insists|responded|"
    r"threatened|threatens|demanded|demands|welcomed|welcomes|vowed|vows|blamed|blames|"
    r"claimed|claims|confirmed|confirms|called|calls|asked|asks|told|tells|wants|hopes|fears|"
    r"criticised|criticized|protested|objected|refused|refuses|retaliated|imposed|recalled|"
    r"expelled|summoned|sanctioned|declared|declares|stated|responded|replied|argued|"
    r"maintains|maintained|believes|believed)\b")
_PLACE_NEXT = re.compile(r",\s+(?:the\s+)?")
_PAIR_END = re.compile(r"\s*(?:$|[.;:!?)]|,\s+[a-z0-9])|\s+(?!(?:and|or|nor)\b)[a-z]")
_POSSESSIVE_NEXT = re.compile(r"[’']s\b")
_INSTITUTIONS = frozenset({
    "Congress", "Parliament", "Senate", "Cabinet", "Government", "Council", "Court",
    "Commission", "Assembly", "Kremlin", "Pentagon", "Bundestag", "Knesset", "Duma", "Majlis",
    "Sejm", "Storting", "Riksdag", "Folketing", "Eduskunta", "Oireachtas", "Dáil", "Seanad",
    "Westminster", "Whitehall", "Office", "Ministry", "Department", "Church",
})
"""Single words naming a body, not a place, after "in": "a vote in Congress"."""


def _names_a_place(name: str, sentence: str, start: int) -> bool:
    """Rule 6: whether `name`, found at `start` in `sentence` (-1: not found), names somewhere
    rather than someone. A well-known place (`is_place`), an untitled single word right after
    "in", "near", "outside" … ("talks in Bakhmut"; not an acronym, nor a body such as
    "Congress"), or the first of a "City, Country" pair ("Star City, Russia", "Kao-hsiung,
    Taiwan") that ends there (not a list "Blinken, Kenya and Somalia"). Not when the name then
    speaks or acts ("… while Moscow warned", "Washington said"): a government named by its
    capital or country is an actor; but "officials in Bogotá said" is a place."""
    if start < 0:  # not found as written: only what the name says by itself
        return name in PLACES
    end = start + len(name)
    located = _PLACE_PREPOSITION_BEFORE.search(sentence, max(0, start - 12), start) is not None
    if not located and _ACTS_NEXT.match(sentence, end):
        return False
    if name in PLACES:
        return True
    if _POSSESSIVE_NEXT.match(sentence, end):
        return False  # "in Macron’s view"
    single = " " not in name and not _ACRONYM.fullmatch(name) and name not in _INSTITUTIONS
    if single and located and _LOCATIVE_BEFORE.search(sentence, max(0, start - 12), start):
        return True
    pair = _PLACE_NEXT.match(sentence, end)
    if pair and (single or located):
        country = _NAME.match(sentence, pair.end())
        return bool(country) and country.group() in PLACES and \
            bool(_PAIR_END.match(sentence, country.end()))
    return False


@lru_cache(maxsize=1 << 14)  # names recur: each is worked out once per process
def _pieces(run: str) -> tuple[bool, tuple[tuple[str, str | None, int], ...]] | None:
    """What a run of capitalised words found by _NAME gives wherever it stands: whether it is
    a hyphenated compound ("US-France"), and for each of its pieces (`_split_of`) the piece,
    its name (None: no name anywhere) and, for an untitled single word, the word's offset in
    the piece (its place in the sentence then decides, `_plain_here`), else -1. None when no
    piece gives a name anywhere."""
    pieces = []
    for raw in _split_of(run):
        found = _name_in(raw)
        name, at = found if found is not None else (None, -1)
        if name is not None and at >= 0 and (_is_demonym(name) or name + "." in _TITLE_SET):
            name = None  # rule 3, wherever it stands
        pieces.append((raw, name, at))
    if all(name is None for _, name, _ in pieces):
        return None
    return bool(_COMPOUND.fullmatch(run)), tuple(pieces)


def _plain_here(name: str, sentence: str, start: int) -> bool:
    """The checks of `_plain_single_word` that depend on the place of `name` (found at
    `start`): not the sentence's first word, not followed by a number or an elided article's
    lower-case word."""
    if start < 0:  # not found where expected: exactly as _plain_single_word does
        return _plain_single_word(name, sentence, start)
    return not _opens_sentence(sentence, start) and \
        not _NUMBER_NEXT.match(sentence, start + len(name)) and \
        not _ELIDED_COMMON_NEXT.match(sentence, start + len(name))


@lru_cache(maxsize=1 << 14)  # names recur: each is worked out once per process
def _name_in(raw: str) -> tuple[str, int] | None:
    """The name `raw` gives, and for an untitled single word its offset in `raw` (its place in
    the sentence decides, see _plain_single_word), else -1; None when it gives no name."""
    name = _strip_titles(raw)
    words = name.split()
    while words and (words[-1] == "of" or words[-1] in _MONTHS_DAYS):
        words.pop()
    name = _POSSESSIVE_S.sub("", " ".join(words))
    if not name:
        return None
    document = _document(name)
    if document is None:
        return None
    name = _POSSESSIVE_S.sub("", document)
    if name in NOT_ACTORS or (name in TITLES and name != "US") or _is_initialism(name):
        return None
    if (_is_gerund(name.split()[0]) and name.split()[-1] not in _PLACE_WORDS) or \
            _LONG_CAPITALS.fullmatch(name):
        return None  # "Defending Religious Freedom", "EMBARGOED"
    if " " not in name:
        at = raw.rfind(name)
        prefix = raw[:at].strip() if at > 0 else ""
        titled = bool(prefix) and bool(_TITLE_RE.match(prefix + " "))
        if not titled:
            return name, max(at, 0)
    return name, -1


_ELIDED_COMMON_NEXT = re.compile(r"\s+[dl][’'][a-zà-ÿ]")
"""" d'honneur", " l'année": a lower-case word joined by an elided French article follows."""


def _plain_single_word(name: str, sentence: str, start: int) -> bool:
    """Rule 3: an untitled single word is a name unless it opens the sentence, is a demonym, a
    time zone, an abbreviation or title, or is followed by a number or by a lower-case word
    after an elided article ("the Légion d'honneur": a thing; "Jeanne d'Arc" stays a name)."""
    if _at_sentence_start(sentence, start) or _is_demonym(name) or name + "." in _TITLE_SET:
        return False
    following = sentence[start + len(name):]
    return not _NUMBER_NEXT.match(following) and not _ELIDED_COMMON_NEXT.match(following)


_PLACE_WORDS = {"Street", "Road", "Avenue", "Square", "Lane", "Park", "Bridge", "Station",
                "Airport", "Hall", "House", "Palace", "Court", "Place", "Gate", "Hill"}
_ING_PLACES = {"Beijing", "Nanjing", "Kunming", "Chongqing", "Xining", "Reading", "Wyoming",
               "Kettering", "Woking", "Ealing", "Barking", "Epping", "Hong Kong", "Sterling"}


def _is_gerund(word: str) -> bool:
    """"Defending", "Trafficking": a verb form opening a heading-case phrase, not a name."""
    return word.endswith("ing") and len(word) > 5 and word not in _ING_PLACES


def _is_initialism(name: str) -> bool:
    """"U.S.", "S." and single letters: not a name on their own."""
    return bool(_INITIALISM.fullmatch(name))


_TITLE_WORDS = frozenset(word for title in TITLES for word in title.split())


def _given(words: list[str]) -> tuple[str, ...]:
    """What a form says of a person besides the family name: its words before the last one,
    without the words of known titles ("Secretary of State Antony J. Blinken" -> Antony, J.;
    an unknown title such as "Interior" in "Interior Minister Ana Ruiz" stays in)."""
    return tuple(word for word in words[:-1] if word not in _TITLE_WORDS)


def _within(short: Sequence[str], long: Sequence[str]) -> bool:
    """Every word of `short`, in order, among those of `long`."""
    rest = iter(long)
    return all(word in rest for word in short)


def canonical_actors(actors: list[str]) -> dict[str, str]:
    """Map short forms to the fullest form of the same person ("Blinken" -> "Antony J.
    Blinken"; "Antony Blinken" -> "Antony J. Blinken").

    A form maps to the longest form that holds all its words, in order, and ends with the same
    family name, unless the longer forms it could stand for are two people: two forms are one
    person when what one says besides the family name and known titles (`_given`) is all in
    the other ("Interior Minister Kwame Larsen" and "Interior Minister Chiara Larsen" are two,
    so "Larsen" and "Minister Larsen" stay as written)."""
    # dict.fromkeys, not set: ties (same length) go to the name seen first, whatever the
    # process's hash seed (a Dask worker's differs from this one's)
    distinct = {name: name.split() for name in dict.fromkeys(actors)}
    # A fuller form ends with the same word: only those are compared, longest first.
    by_family: dict[str, list[str]] = {}
    for form in sorted(distinct, key=len, reverse=True):
        by_family.setdefault(distinct[form][-1], []).append(form)
    families: dict[str, _Family] = {}  # made for the families that have a name to map
    mapping: dict[str, str] = {}
    for name, words in distinct.items():
        forms = by_family[words[-1]]
        if len(forms[0]) <= len(name):
            mapping[name] = name  # no longer form: it is the fullest
            continue
        family = families.get(words[-1])
        if family is None:
            family = families[words[-1]] = _Family([(form, distinct[form]) for form in forms])
        mapping[name] = family.fullest(name, words)
    return mapping


class _Family:
    """The forms of names sharing a family name, longest first, indexed by what they say
    besides it (`_given`): a form is compared only with those sharing one of those words, or
    saying nothing besides (thousands of forms share a common family name in a large corpus)."""

    def __init__(self, forms: list[tuple[str, list[str]]]) -> None:
        """`forms`: (form, its words), longest first."""
        self.forms: list[tuple[str, list[str], tuple[str, ...]]] = []
        self.by_word: dict[str, list[int]] = {}
        self.bare: list[int] = []  # forms with nothing besides the family name and titles
        for i, (form, words) in enumerate(forms):
            given = _given(words)
            for word in dict.fromkeys(given):
                self.by_word.setdefault(word, []).append(i)
            if not given:
                self.bare.append(i)
            self.forms.append((form, words, given))

    def fullest(self, name: str, words: list[str]) -> str:
        """The fullest form of the person `name` stands for; `name` itself when it is the
        fullest, when no longer form holds all its words, or when it could be two people."""
        given = _given(words)
        if given:
            near = {i for word in given for i in self.by_word.get(word, ())}
            near.update(self.bare)
            ids: Iterable[int] = sorted(near)
        else:
            ids = range(len(self.forms))
        fuller = []  # (form, its words) of the longer forms of this person, longest first
        people = []  # what each of them says besides the family name
        for i in ids:
            form, form_words, form_given = self.forms[i]
            if len(form) <= len(name):
                break
            if _within(given, form_given) or _within(form_given, given):
                people.append(form_given)
                fuller.append((form, form_words))
        people.sort(key=len)
        if any(not _within(a, b) for a, b in pairwise(people)):
            return name  # two people answer to this form: keep it as written
        return next((form for form, form_words in fuller if _within(words, form_words)), name)
