"""Names of people, organisations and places in a sentence, and one spelling per actor."""

from __future__ import annotations

import re

TITLES = (
    "Secretary of State", "Secretary-General", "Secretary General", "Secretary", "President",
    "Vice President", "Prime Minister", "Foreign Minister", "Defense Minister",
    "Defence Minister", "Minister", "Chancellor", "Ambassador", "Senator", "Governor",
    "General", "Admiral", "Mayor", "Director", "Chairman", "Chairwoman", "Chair", "CEO",
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "King", "Queen", "Prince", "Princess", "Pope",
    "Outgoing", "outgoing", "Former", "French", "U.S.", "US", "American", "British", "German",
    "Russian", "Ukrainian", "Chinese", "the", "The",
)
_TITLE_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
    + r")\s+)+"
)
_NAME_WORD = r"(?:[A-ZÀ-Ý][\w’'\-]*\w|(?:[A-Z]\.)+)"
_NAME = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:(?:of|de|da|van|von|der|del|la|le|bin|al)\s+)?{_NAME_WORD})*"
)
NOT_ACTORS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Sources", "Source", "This", "That", "These", "Those", "He", "She",
    "They", "We", "It", "In", "On", "At", "As", "By", "For", "If", "When", "During", "And",
    "But", "So", "Both", "Such", "Furthermore", "A", "An", "Joint Press Availability",
}


_POSSESSIVE = re.compile(r"^\S+[’']s\s+(.*)$")


def _strip_titles(name: str) -> str:
    """Remove leading titles and function words: "As Secretary Blinken" -> "Blinken"."""
    previous = None
    while name != previous:
        previous = name
        owner = _POSSESSIVE.match(name)
        if owner and _TITLE_RE.match(owner.group(1)):  # "Qatar's Prime Minister X" -> X
            name = owner.group(1)
        name = _TITLE_RE.sub("", name).strip()
        first, _, rest = name.partition(" ")
        if first in NOT_ACTORS:
            name = rest
    return name


def find_actors(sentence: str) -> list[str]:
    """People, organisations and places named in a sentence (multi-word capitalised names).

    Titles are stripped ("Secretary Antony J. Blinken" -> "Antony J. Blinken"). A name made of
    a single word is kept only when a title stood before it ("Secretary Blinken" -> "Blinken").
    """
    actors: list[str] = []
    for match in _NAME.finditer(sentence):
        name = _strip_titles(match.group())
        words = name.split()
        while words and words[-1] == "of":
            words.pop()
        name = re.sub(r"[’']s$", "", " ".join(words))
        if not words or name in NOT_ACTORS or name in TITLES or _is_initialism(name):
            continue
        if len(words) == 1 and not _TITLE_RE.match(match.group()[: -len(name)].strip() + " "):
            continue
        if name not in actors:
            actors.append(name)
    return actors


def _is_initialism(name: str) -> bool:
    """"U.S.", "S." and similar: not a name on their own."""
    return bool(re.fullmatch(r"(?:[A-Z]\.)+|[A-Z]{1,3}", name))


def canonical_actors(actors: list[str]) -> dict[str, str]:
    """Map short forms to the fullest name seen ("Blinken" -> "Antony J. Blinken")."""
    full = sorted(set(actors), key=len, reverse=True)
    mapping: dict[str, str] = {}
    for name in actors:
        last = name.split()[-1]
        for candidate in full:
            if candidate != name and len(candidate) > len(name) and (
                candidate.endswith(" " + name) or (candidate.split()[-1] == last
                and candidate.split()[0] == name.split()[0])
            ):
                mapping[name] = candidate
                break
        else:
            mapping[name] = name
    return mapping
