"""Find time expressions in text and normalize them to `DateValue`s (DESIGN.md, "The date model").

The finder is our own regex grammar, compiled once at import: `dateparser.search.search_dates`
is slow and finds "we", "now", "Tomorrow" and "three years" (LIBRARY-NOTES.md). dateparser is
only used, lazily, for month/weekday names of other languages and as a last resort in
`parse_date_value`. English needs no dateparser at all.

Pipeline of `find_dates`:
1. every grammar rule proposes candidates (a span and the parts that were written);
2. overlapping candidates: the longest wins (then the earliest, then the rule order);
3. neighbours joined by "to", "until", "-", "and" (after "between") become one range;
4. a hedge before ("early", "mid-", "late", "the end of", "about") or a time of day before/after
   ("at 3 p.m.") is added to the span;
5. each candidate is resolved against the reference date; what cannot be resolved is dropped.

Rules worth knowing (each one is tested in tests/test_dates.py):

* Year inference (a year-less "January 8", "in March", "last March" excepted):
  - ``prefer="past"`` (news looks back): the latest year whose date starts no later than
    31 days after the end of the reference. So with a reference of 2025-01-05, "December 30"
    is 2024-12-30 and "February 1" is 2025-02-01; with the month-precision reference 2025-01,
    "January 8" is 2025-01-08.
  - ``prefer="future"``: the earliest year whose date ends on or after the start of the reference.
  - a year-precision reference (2025) gives its own year; coarser references give nothing.
  - a year-less quarter ("Q4", "the third quarter") likewise: in January 2025 news, "sales rose
    in Q4" is 2024-Q4; so is a season after a preposition ("in the summer", "during winter":
    in January 2025 news, 2024-SU and 2024-WI; never "fall", nor a capitalised season inside
    a sentence, a name: "with Summer"; nor, without "the", one followed by a noun it qualifies:
    "in winter storms", "in summer camps"). A year before "the third quarter" is its year
    ("2016 the third quarter", "2016's third quarter").
* "the 8th" is the 8th of the reference month (a day- or month-precision reference is needed);
  against a day reference see "the 27th" below.
* Relative expressions are resolved only when the reference is precise enough for the unit:
  "yesterday", weekdays, "two weeks ago", "this week" need a day-precision reference;
  "last month" needs month precision or better; "next year" year precision or better. When the
  reference is too coarse, or None, such expressions are *skipped* (never guessed). Likewise a
  year-less date is skipped when the reference is None; dates that state their year are always
  returned.
* A bare weekday ("Tuesday") is, with ``prefer="past"``, the latest such day on or before the
  reference; with ``prefer="future"`` the earliest on or after it. "last/previous Tuesday" is
  the Tuesday of the previous ISO week, "next Tuesday" that of the next week (the reading of
  the TimeML taggers and of both gold sets), "this Tuesday" is in the reference's ISO week,
  "this coming Tuesday" is the first one after the reference.
* Numeric dates: ``date_order`` if given; otherwise from `lang` ("en", "en-US", "en-PH",
  "en-CA" → MDY, "en-GB", "en-IE", "en-AU", "en-IN"... and most other languages → DMY,
  zh/ja/ko/hu → YMD). For plain "en" (US or UK?) a numeric date whose two first fields could
  both be day or month is flagged ``ambiguous``, unless another numeric date of the same text
  (with its year) can only be read one way and none only the other: "25/01/2025 and
  10/01/2025" are 25 and 10 January, not flagged.
* "early/mid/late X" keep X's value, set ``approximate`` and narrow the interval to the first,
  middle or last third of X. "earlier this month" is the month, interval cut at the reference.
* "in two weeks" is the reference + two weeks only when it says "time" ("in two weeks' time")
  or a future marker ("will", "'ll", "is due", "plans to"...) is in the clause; otherwise it is
  a duration. "two days after today/from tomorrow" count from that day.
* Weeks: "the first/last week of July" (Monday-Sunday weeks numbered from the one holding the
  1st; the last is the last with at least four days in the month; value "2016-07-W05"), "the
  first week of 2015" and "week 10 (of 2019)" are ISO weeks ("week N" alone needs a
  preposition and no "of" after it: "Week 10 kicks off" is a season's week, not ISO week 10).
  "the first Friday of July", "the third Wednesday of last month", "the fifth Sunday of the
  month" ("the month": the reference's, as in "the 8th of the month"), "the first/last day of
  July / of next month / of 2024" are days. A weekday after "the" and an ordinal is no nearest
  weekday: "the fifth Sunday", "the first Sunday of Advent", "first Sunday after the vote" give
  nothing ("the third Tuesday in a row" is the last Tuesday). "the weekend" is the nearest
  weekend (a tie, on a Wednesday, goes to ``prefer``; so does a Monday, when both are near);
  "this weekend" is that of the reference's ISO week. "next week between Wednesday and Friday",
  "from Tuesday to Thursday next week", "this week from Tue to Thur" are days of that week
  (abbreviated weekdays, which alone need "on", make a range after "from"/"between"; but "Sun"
  and "Sat", a paper and a verb, only with an end that is no English word: "from Sun to Thu",
  "from Sun to Wednesday", not "from Sun to Wed", "between Sat and Sun"; and never after
  "the": "on the Sun", "on The Sun website").
* Ranges may mix day dates, "today", weekdays and "now" ("from May 2 to today", "between now
  and November 15": the year-less end is the one after the other end); "now" alone is dropped.
* Moving holidays (Easter and the days it fixes, Thanksgiving, Memorial/Labor/Columbus/MLK/
  Presidents' Day, Mother's/Father's Day), capitalised and not followed by a name ("Easter
  Island"). Fixed ones (Christmas (Eve), New Year's Day/Eve, Boxing Day, Bastille Day,
  Juneteenth...) capitalised, or in lower case when two words ("christmas eve"; not "may
  day"), never before a hyphen ("Christmas-tree"); "Independence Day" only as that of the
  United States ("U.S./American Independence Day": other countries have theirs on other
  days). "Christmas of last year", "Easter this year": that year's.
* Times of day, only right after or before a day ("Wednesday at 3 p.m.", "9am on Tuesday",
  "tomorrow at 8:45a", "October 14 for 8:00:31am" (seconds dropped: minute is the finest
  precision), "Friday 9 o'clock", "tomorrow at seven twenty-seven", "half past six", "a quarter
  to eight", "thirty-five minutes past seven", "five-thirty tomorrow evening", "Sunday late
  evening at 10:00"). A bare hour ("Friday at 10", "tonight around 7", "at seven") needs
  "at"/"around"/"about" and nothing but punctuation, a small word or a part of the day after it
  ("at 10 Downing Street", "at 5 people", "at 3 to 1", "at 7 years old" are no times);
  "ten to eight" and "20 past 7" likewise need "at" (or "minutes"); so does "Monday at 2.30"
  (as "at 2"), which is a price, not a time, in a clause about prices, rates or scores ("the
  index closed on Monday at 2.30": "$", "shares", "rose"...); a bare number before a day ("at
  8 on Monday", "10, tonight") is never an hour; nor is "midnight" (which ends the day, T00:00
  would begin it). An hour without a.m./p.m. is as written, except after "afternoon" (1-7) and
  "evening"/"night"/"tonight" (4-11), which make it p.m. ("tonight around 3" stays 03:00).
  A time range on one day is one range of times, "2025-01-14T09:00/2025-01-14T17:00", never
  its end alone: "from 9 a.m. to 5 p.m. on Tuesday", "9am-5pm on Tuesday", "between 9:00 and
  17:00 on 8 January", "Tuesday from 9 a.m. to 5 p.m."; a bare start hour after "from"/
  "between" or before a dash takes the end's a.m./p.m. when it is before it on the clock
  ("from 9 to 11 a.m.", "from 1 to 5 p.m."); an end before the start is the next day's
  ("from 10 p.m. to 2 a.m."); a start that cannot be read leaves the day without a time.
* Future clauses: with ``prefer="past"``, a year-less date, "the 8th", "the weekend", a season
  after a preposition or a bare weekday whose clause is plainly about the future ("will take
  command on June 4", "agreed to hold talks in October", "is due to vote on Tuesday": a future
  marker before it, no comma, "that/which/said/was"... between) is read forward as with
  ``prefer="future"``; so is one of a plan stated in the present ("is expected in March", "is
  scheduled/set/slated/planned for March 3", "has been postponed until May", "the deadline is
  March 3", "next due on", "takes effect on", "comes into force on"), or after a bare "due",
  "slated", "scheduled" right before it and no past verb after it ("results due in March.",
  but "payments due in March were late"). "was expected in March", "had been scheduled for
  March 3", "the report, expected in March, was published" keep looking back. A capitalised
  "March", "May"... after "for" is a month only after such a word ("slated for March", not
  "voted for May"). So is a plan in the present simple of a verb of schedules right before the
  date ("the trial begins on March 3", "talks resume on Friday", "voting takes place from 7
  a.m. to 10 p.m. on March 3", "the measure is effective from March 1", "the summit opens
  on Monday", "the offer expires on Friday") or, with -s, of a planned act ("parliament votes
  on Tuesday", "the minister travels to Kyiv on Thursday", "meets", "visits", "holds",
  "hosts"), with a subject before it and no past word in its clause ("the votes on Sunday
  were counted", "his visits on Monday", "housing starts in December", "the session, which
  opens on Monday", "signs"/"says" are no plans). A report after a future marker keeps its
  own tense ("data due next week is expected to show inflation eased in December": the
  December before). A range is read forward by these present plans (not by "will": "I'll be
  out from Oct. 2 to October 22" looks back, as the gold's past resolutions do) unless the
  range read back has not ended ("talks run from Tuesday to Friday" on a Thursday).
  A plainly past clause takes no month of grace: "the new rules applied from January 1",
  "the law is in force since January 2" (in late December: that January, not the next).
* Two days with their times, joined like a range, are one range whose end comes after its
  start: "from 6 p.m. Thursday to 6 a.m. Saturday", "from 6 p.m. on January 16 to 6 a.m. on
  January 18" (an end read alone was the Saturday before the Thursday).
* "N years ago" with a year-less date, "today", "this week/month" right after it ("17 years ago
  on September 11", "two years ago, in March", "ten years ago today") is one expression: that
  day, month or week N years before the reference (not "a few years ago"); with a date that
  states its year, that date ("23 years ago on Sept. 11, 2001", one mention). Counts in words
  are read whole: "twenty-four", "twenty four", "thirty-one", "thirteen", "forty", "a hundred"
  ("Twenty-four years ago" is never "four years ago").
* A year opening a text before ":" or a spaced dash ("1998: The company was founded", "2024 –
  The deficit...", a table row read as "YEAR: EVENT") is that statement's year, and the year
  of its year-less dates ("1998: founded on March 3" is 3 March 1998).
* "the 27th": against a day reference, the latest 27th up to a week after it ("past") or the
  next one ("future"); in a plainly past clause no later than the reference ("the vote was
  held on the 14th", "police said the attack happened on the 14th", "they had met on the
  12th", "were held from the 12th to the 14th": was/were/had/did or a past verb right before
  "on"/"from"/"between", and no "is", "will", "to", "due", "postponed", "agreed on"... after
  it); "Friday the 26th", "Tuesday, the 8th": the nearest month where that day
  is that weekday. A bare weekday just before a day date joins it ("friday 5/12"); so does
  "today"/"tomorrow"... before a comma and a date with its year ("tomorrow, 13/04/21"): the
  written date is the value.
* A weekday written with a full date must agree with it: "Thursday, 8 January 2025" (a
  Wednesday) keeps the written date but is flagged ``ambiguous``; a year-less "Friday, June
  23" whose inferred year has no Friday June 23 takes the year just before ("past") or after
  ("future") if that one fits, else the inferred year, flagged ``ambiguous`` either way.
* Days of a relative month: "the 20th of next month", "the 15th day of this month", "from the
  4th to the 22nd this month", "between 4 and 22 next month" (bare numbers need from/between
  and no verb of change before: "rose from 4 to 5 this month" is no date). "June next year",
  "2016 June", "Dec-2018", "August 99" (a number that cannot be a day is the year), "next june",
  "this May 8th" (the reference's year). Month ranges with a day at one end: "Nov-Feb 5th,
  2017" (November 2016 to 5 February 2017), "Jan–Mar 31, 2024", "Nov. 5-Feb 2017", "Nov-5 Feb
  2017"; without a year both months in full ("November-February 5"), else nothing ("Dec-Jan
  3" is not "Jan 3").
* "second Sunday" alone (no "the", end of clause) is of the reference month; "two Sundays from
  now". Spelled days after "the" and a preposition ("on the twenty-second", never "the
  first/second/third"), or "the evening/night of the 14th". After a month, an ordinal ("May
  twenty-first") or a cardinal ("May twenty-one", "June twenty three", "June twelve, 2018"),
  the cardinal only where the clause ends, a year, "at"/"with" or a part of the day follows and
  not after "in"/"during"/"of" ("In May twenty people died", "in May twenty, in June thirty"
  are counts). In lower case "may"/"march"/"august" (verbs) take only a day of two words
  ("may twenty-first", not "we may second that"), "june"/"april" any ("june twelve").
* Years in words after a preposition ("in nineteen ninety six", "since two thousand and
  fifteen", "in twenty twenty-four", "from nineteen ninety to twenty ten") or after a month
  and its day ("August two thousand and fifteen", "January twenty five nineteen eighty six"):
  not followed by a quantity ("in two thousand and fifteen cases"), "two thousand" alone only
  after "year" or a month ("one in two thousand" is a ratio), "twenty twenty" and "two
  thousand" alone only before a clause end or a small word ("twenty twenty vision"), never in
  title case ("Nineteen Eighty-Four").
* Spans of the calendar: "the rest/remainder of the week" (from the reference), "this calendar
  year", "the year to date" (the year, cut at the reference), "the past three weeks" and "the
  past few days/weeks" (three of them, ``approximate``; "the past few years" is a duration).
* "2015-3": a four-digit year, a dash and a one-digit month, but not "2015-6" (2015-16) nor
  after a name or a number word ("Decree 2015-3", "law no. 2015-3"); "2015/3" is no date
  ("Resolution 2015/3", "Directive 2019/2").
* Recurrences are no dates: "every Sunday", "each first Monday of the month", "every January
  (8)" (the nearest such day or month would be a guess).
* Anaphors count from the previous day date of the same text and are dropped without one:
  "the next day", "two days later", "a week earlier", "the following Friday/week/month/
  quarter", "Friday of the following week", "Monday of that week". ("the past quarter" is
  the last quarter before the reference; "the past week/year" are the days up to it: no date.)
* Numeric: "on 4/22", "friday 5/12", lists ("on 11/20, 11/22 or 11/25"), "on 11/12,2016"
  (with its year also without a preposition where the clause ends, but not after a name, a
  designator or a plural: "Chapter 11/12, 2016", "pages 11/12,2016"), ranges
  ("10/1/2018-10/7/2018", "from 5/1-5/7, 2020"), D-M-YY with dashes only after a preposition
  or weekday ("on 3-7-07"; "win-loss 10-12-14" is no date) or, ending the clause, with a field
  padded with a zero ("back 3-7-07.": no count is written so), "On 2016 10 16," (year, month
  and day set off by spaces: after a preposition, ending the clause). A month glued to its day
  with a year: "Dec31, 1994" (not year-less: "Oct4" is a gene; not in capitals: "DEC31").
* Full dates joined by a dash are a range: "Nov 18 2014-Dec 19 2015".
* Not dates: "we", "now", a capitalised "Tomorrow"/"Today" inside a sentence or after "a/the"
  (a noun, e.g. the heading "A Unified Front for a Secure Tomorrow"), "may"/"march"/"august"
  without a day or year unless after a preposition ("in May"), durations ("for three years",
  "24 hours"), ages, percentages, amounts ("$2,025"), phone and version numbers, and a bare
  number that looks like a year but is not introduced as one ("2024 people", "in 2024 km").
  Words glued together ("next weekfri", "from 4 tojanuary 22": "to", "and", "week" must be
  whole words), and a year-less month glued to a year-like number ("September-2020-23",
  "23-2020-September": a year was written, none is inferred).
* Letters a case-insensitive regex reads as ASCII ones ("ſ" as "s", "İ"/"ı" as "i", the Kelvin
  sign as "k") are read so by the whole grammar ("Tueſday" is a Tuesday); offsets and the
  mention's text stay those of the input.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import email.utils
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from briefing.model import DateMention, DateValue, Precision

__all__ = ["find_dates", "known_language", "parse_date_value", "parse_ref"]

P = Precision
_GRACE = dt.timedelta(days=31)
"""prefer="past": a year-less date may lie up to this long after the reference's end."""

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_FULL_MONTHS = {k for k, v in _MONTHS.items() if len(k) > 4 or k in ("may", "june", "july")}
_RISKY_MONTHS = {"may", "march", "august", "april", "june"}
_WORD_MONTHS = {"may", "march", "august", "mar"}
_ABBR_MONTHS = frozenset("feb apr jun jul aug sep sept oct nov dec".split())
_MONTH_PAIR = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?:to|and|or)\s+$",
    re.IGNORECASE)
"""Month names that are ordinary English words even in lower case."""
"""Month names that are also ordinary words or first names: alone, they need a preposition."""
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "a couple of": 2, "couple of": 2,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}
_UNITS_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
_DAY_WORDS = {w: i for i, w in enumerate(_UNITS_WORDS, 1)}
_DAY_WORDS.update({"twentieth": 20, "thirtieth": 30, "thirty-first": 31})
_DAY_WORDS.update({f"twenty-{w}": 20 + i for i, w in enumerate(_UNITS_WORDS[:9], 1)})
_DAYWORD_ALT = "|".join(
    sorted((w.replace("-", r"[\s-]") for w in _DAY_WORDS), key=len, reverse=True))


def _day_word(w: str) -> int:
    return _DAY_WORDS[re.sub(r"[\s-]+", "-", w.lower())]


_CARD_UNITS = "one two three four five six seven eight nine".split()
_DAY_CARDINALS = {w: i for i, w in enumerate(
    [*_CARD_UNITS, *"ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
     "nineteen twenty".split()], 1)}
_DAY_CARDINALS.update({f"twenty-{w}": 20 + i for i, w in enumerate(_CARD_UNITS, 1)})
_DAY_CARDINALS.update({"thirty": 30, "thirty-one": 31})
_DAYCARD_ALT = "|".join(
    sorted((w.replace("-", r"[\s-]") for w in _DAY_CARDINALS), key=len, reverse=True))
"""Days written as cardinals after a month ("May twenty-one", "June twenty three")."""


_TEEN_WORDS = ("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
               "nineteen").split()
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SMALL_NUMBERS = {w: i for i, w in enumerate(_CARD_UNITS, 1)}
_SMALL_NUMBERS.update({w: i for i, w in enumerate(_TEEN_WORDS, 10)})
_SMALL_NUMBERS.update({w: i for i, w in enumerate(_TENS_WORDS, 2)})
for _t in _TENS_WORDS:
    _SMALL_NUMBERS[_t] *= 10
_SMALL_NUMBERS.update({"oh": 0, "zero": 0})
_YY_ALT = (rf"(?:{'|'.join(_TENS_WORDS)})(?:[ \t-]+(?:{'|'.join(_CARD_UNITS)}))?"
           rf"|{'|'.join(_TEEN_WORDS)}")
"""10 to 99 in words ("ninety six", "twenty-four", "fifteen")."""
_SPELLED_YEAR = (
    rf"(?P<c>seventeen|eighteen|nineteen|twenty)[ \t]+(?:(?P<yy>(?:oh|zero)[ \t-]+"
    rf"(?:{'|'.join(_CARD_UNITS)})|{_YY_ALT})|(?P<hu>hundred)(?:(?:[ \t]+and)?[ \t]+"
    rf"(?P<yy2>{_YY_ALT}|{'|'.join(_CARD_UNITS)}))?)"
    rf"|two[ \t]+thousand(?:(?:[ \t]+and)?[ \t]+(?P<u>{_YY_ALT}|{'|'.join(_CARD_UNITS)}))?")
"""A year in words: "nineteen ninety six", "nineteen oh five", "nineteen hundred (and)
ninety three", "twenty twenty-four", "two thousand (and) fifteen", "two thousand"."""


def _spelled_number(words: str) -> int:
    """"ninety six", "twenty-four", "oh five" as a number."""
    return sum(_SMALL_NUMBERS[w] for w in re.split(r"[\s-]+", words.lower()))


_DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

# Words after which a bare year, a bare month name or "the 8th" is read as a date.
_YEAR_PREPS = frozenset(
    "in since until till by of from during before after through throughout to and or between "
    "early mid late around circa c year years the than fiscal fy ca spring summer autumn fall "
    "winter end beginning start middle until".split()
)
_MONTH_PREPS = frozenset(
    "in since until till by of from during before after through throughout to and or between "
    "early mid late last next this coming past".split()
)
_DAY_PREPS = frozenset(
    "on by until till since from before after to through and between for".split())
_DAY_FOLLOW = frozenset(
    "of at and or to through until in when but from for as after before with the that this next "
    "last morning afternoon evening night".split())
# Words after a number that make it a quantity, not a year.
_UNITS = frozenset(
    "people persons men women children kids km kilometres kilometers miles mile metres meters m "
    "feet ft kg kilograms tonnes tons pounds lbs dollars euros usd eur votes troops soldiers units "
    "cases deaths times hours minutes seconds days weeks months years points members jobs homes "
    "houses acres hectares employees workers students residents copies vehicles cars pages words "
    "percent per calories mph kph bn billion million thousand hundred barrels rounds shares "
    "patients tests refugees migrants families households square yards mw gw kw tweets".split()
)
_NOT_PLURAL = frozenset(
    "was is has as its this his us always thus plus across perhaps unless whereas towards "
    "afterwards was does goes".split()
)

# ---------------------------------------------------------------------------------------------
# Regex building blocks
# ---------------------------------------------------------------------------------------------

_MON_ALT = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WD_ALT = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun"
)
_ORD = r"(?:st|nd|rd|th)?"
_NO_UNIT = (
    r"(?!\s*(?:%|percent\b|per\b|years?\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b"
    r"|people\b|km\b|miles?\b|times\b|[:.]\d))"
)
_NO_UNIT_DAY = _NO_UNIT.replace(r"days?\b", r"days\b|day\b(?!\s+of\s)")
"""As `_NO_UNIT`, but "the 15th day of June" is a day."""
_YEAR4 = r"(?:1[0-9]\d\d|20\d\d|21\d\d)"
_YEAR_END = r"\b(?![.,/:\-]\d|%)"
_RSEP = r"\s*(?:-|–|—|\b(?:to|until|till|through|thru)\b)\s*"
_RSEP_AND = r"\s*(?:-|–|—|\b(?:to|until|till|through|thru|and)\b)\s*"
"""Range separators; a word one only as a whole word ("from 4 tojanuary 22" is no range)."""
_NUM_ALT = (
    rf"(?:{'|'.join(_TENS_WORDS)})(?:(?:[ \t]*-[ \t]*|[ \t]+)(?:{'|'.join(_CARD_UNITS)})\b)?"
    r"|(?:a|one)[ \t]+hundred|"
    + "|".join(sorted((re.escape(k) for k in {*_NUMBERS, *_TEEN_WORDS} - {*_TENS_WORDS}),
                      key=len, reverse=True)))
"""A count in words: "two", "a couple of", "fifteen", "twenty-four", "twenty four", "a hundred"
(the compound first: "twenty-four years ago" is never "four years ago")."""
_COMPOUND_HEAD = re.compile(rf"\b(?:{'|'.join(_TENS_WORDS)})[ \t]*-?[ \t]*$", re.IGNORECASE)


def _count(ns: str, text: str = "", start: int = 0) -> int | None:
    """The number `ns` (lower case, single spaces) stands for: digits, a word of `_NUMBERS`,
    "thirteen", "forty", "twenty-four", "a hundred"; None for the units of a compound read
    alone ("four" in "twenty-four years ago", which `_NUM_ALT` reads whole)."""
    if ns.isdigit():
        return int(ns)
    if ns in _CARD_UNITS and _COMPOUND_HEAD.search(text, max(0, start - 12), start):
        return None
    if ns in _NUMBERS:
        return _NUMBERS[ns]
    if ns.endswith("hundred"):
        return 100
    return _spelled_number(ns)
_FLAGS = re.IGNORECASE


def _mon(g: str, alt: str = _MON_ALT) -> str:
    return rf"(?P<{g}>{alt})\b(?:\.(?=\s*[\d'’]))?"


def _day(g: str) -> str:
    return rf"(?<![\w$€£.,/])(?<!\d:)(?P<{g}>[0-3]?\d){_ORD}\b{_NO_UNIT_DAY}"


# ---------------------------------------------------------------------------------------------
# Candidates
# ---------------------------------------------------------------------------------------------


@dataclass
class _C:
    """A candidate expression: its span and the parts that were written (resolved later)."""

    start: int
    end: int
    kind: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    n: int | None = None
    unit: str | None = None
    mode: str | None = None
    hour: int | None = None
    minute: int | None = None
    minute_written: bool = False
    two_digit_year: bool = False
    mod: str | None = None
    ambiguous: bool = False
    parts: tuple[_C, _C] | None = None
    base: int = 0  # "two days after tomorrow": days added to the reference first
    wd: int | None = None  # "the first Friday of July": the weekday
    rank: int = 0
    end_time: tuple[int, int, bool] | None = None  # "from 9 a.m. to 5 p.m. on Tuesday": 17:00


@dataclass(frozen=True)
class _Ctx:
    text: str
    order: str
    order_known: bool


def _prev_word(text: str, pos: int) -> str:
    """The word just before `pos` (lowercased, without punctuation), or ''."""
    m = _prev_word_match(text, max(0, pos - 40), pos)
    return m.group(1).lower() if m else ""


def _prev_word_match(text: str, lo: int, pos: int) -> re.Match[str] | None:
    """`_PREV_WORD.search(text, lo, pos)`, without trying it inside words: where it matches
    after a letter it also matches at that letter, so its first match is at `lo` or after a
    character that is no letter (speed: it backtracks through every word it is tried in)."""
    return _PREV_WORD.match(text, lo, pos) or _PREV_WORD_AT_WORD.search(text, lo + 1, pos)


_CURRENCY_BEFORE = re.compile(r"[$€£¥]\s*$")
_PREV_WORD = re.compile(r"([A-Za-z]+)\.?[\s\-]*(?:the\s+)?$")
_PREV_WORD_AT_WORD = re.compile(r"(?<![A-Za-z])([A-Za-z]+)\.?[\s\-]*(?:the\s+)?$")
_PREV_WORD_RAW = re.compile(r"([A-Za-z]+)[\s\-]*$")
_NEXT_WORD = re.compile(r"\s*([A-Za-z%]+)")
_SENT_START = re.compile(r"(?:^|[.!?:;\n\"“”(]\s*|\n)$")


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return m.group(1) if m else ""


def _quantity_follows(text: str, pos: int) -> bool:
    w = _next_word(text, pos)
    if not w:
        return False
    lw = w.lower()
    if lw in _UNITS or w == "%":
        return True
    return w.islower() and lw.endswith("s") and len(lw) > 3 and lw not in _NOT_PLURAL


def _year_of(s: str | None) -> int | None:
    if not s:
        return None
    s = s.lstrip("'’")
    if len(s) == 2:
        v = int(s)
        return 2000 + v if v < 70 else 1900 + v
    return int(s)


def _month_num(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return _MONTHS.get(w) or _LOCAL_MONTHS.get(w)


# --- handlers: (match, ctx) -> _C | None --------------------------------------------------------


def _h_mdy(m: re.Match[str], c: _Ctx) -> _C | None:
    mon = _month_num(m["m"])
    if mon is None:
        return None
    start = m.start()
    day_group = "d" if m["d"] else "dw" if m["dw"] else "dc"
    if "," in c.text[m.end("m"):m.start(day_group)] and not (
            m["d"] and c.text[m.end("d"):m.end("d") + 2].lower() in ("st", "nd", "rd", "th")):
        return None  # "October, 1st" is a date; "In October, 1 person died" is not
    y = _year_of(m["y"] or m["yy"] or m["yy2"] or m["y3"])
    if _MONTH_RANGE_BEFORE.search(c.text, max(0, start - 12), start) or (
            not m["d2"] and y is None and (nxt := _MONTH_DASH_AT.match(c.text, m.end())) and (
                nxt["m"][0].isupper())):
        return None  # "Nov-Feb 5th, 2017", "Nov. 5-Feb 2017": `_h_month_range` reads them
    # ("Nov 18 2014-Dec 19 2015" states its year: two dates, which `_merge_ranges` joins)
    if y is None and m["d"] and _DAY_BEFORE.search(c.text, max(0, start - 4), start):
        return None  # "8 Jan 25": the day is written before the month (25 is a year or a count)
    prev = _prev_word(c.text, start)
    if m["dc"]:  # "May twenty-one": a count unless the clause ends there (or a year follows)
        if prev in _CARD_NOT_PREPS or m["d2"] or not (
                m["y"] or m["yy"] or _CARD_END.match(c.text, m.end())):
            return None  # "in May twenty people died", "in May twenty, in June thirty"
        day = _DAY_CARDINALS[re.sub(r"[\s-]+", "-", m["dc"].lower())]
    else:
        day = int(m["d"]) if m["d"] else _day_word(m["dw"])
    if not m["d"] and m["m"].lower() in _RISKY_MONTHS and not m["m"][0].isupper() and (
            prev not in _SPELLED_DAY_PREPS and not m["wd"]) and (
            m["m"].lower() in _WORD_MONTHS and not _COMPOUND_DAY.match(m["dw"] or m["dc"])):
        return None  # "we may second that" ("on may the eleventh", "friday june 23" are dates)
    # (but "may twenty-first", "march thirty one": a verb takes no such number; and a
    # lower-case "june", "april" is no name: "june twelve" is a day)
    if m["dw"] and _CENTURY_AFTER.match(c.text, m.end()):
        return None  # "in May twenty-first century"
    first = _C(start, m.end(), "date", y, mon, day,
               wd=_WEEKDAYS[m["wd"].lower()] if m["wd"] else None)
    if re.search(r"\bthis\s+$", c.text[start:m.start("m")], _FLAGS):
        first.mode = "this"  # "this May 8th"
    if m["d2"]:
        mon2 = (_month_num(m["m2"]) or mon) if m["m2"] else mon
        second = _C(m.start("d2"), m.end(), "date", y, mon2, int(m["d2"]))
        if not m["m2"] and int(m["d2"]) <= day:
            if y is not None or not m["d"]:
                return None
            # "on January 16 to 6 a.m. on January 18": no range of days, but January 16
            first.end = m.end("d") + len(_ORD_AT.match(c.text, m.end("d"))[0])
            return first
        first.y = None  # takes the year of the end: "December 28 to January 3, 2025"
        return _C(start, m.end(), "range", parts=(first, second))
    return first


_ORD_AT = re.compile(r"(?:st|nd|rd|th)?", _FLAGS)
_MONTH_RANGE_BEFORE = re.compile(rf"\b(?:{_MON_ALT})\.?\s*[-–—]\s*$", _FLAGS)
_DAY_BEFORE = re.compile(r"(?<![\d.,:/$€£¥])(?<![$€£¥] )[0-3]?\d[ \t-]$")
"""A day number just before a month ("8 Jan 25"), not an amount ("$12 December 27")."""
_MONTH_BEFORE = re.compile(rf"\b(?:{_MON_ALT})\.?\s*$", _FLAGS)
_COMPOUND_DAY = re.compile(r"(?:twenty|thirty)[\s-]", _FLAGS)
_CENTURY_AFTER = re.compile(r"[\s-]+centur", _FLAGS)
_CARD_NOT_PREPS = frozenset("in during of throughout over".split())
_CARD_END = re.compile(
    r"\s*(?:[.,;!?)]|$|(?:at|with|morning|afternoon|evening|night)\b)", _FLAGS)


def _h_day_to_mdy(m: re.Match[str], c: _Ctx) -> _C | None:
    """"from 4 to January 22, 1995", "between 2 and April 7": the month is written once, after
    the second day (only after "from"/"between")."""
    mon = _month_num(m["m"])
    d, d2 = int(m["d"]), int(m["d2"])
    if mon is None or d >= d2 or ("and" in m["sep"].lower() and m["pre"].lower() != "between"):
        return None
    y = _year_of(m["y"])
    if (m["m"].lower() in _WORD_MONTHS and m["m"][0].islower()) or (
            not m["y"] and _quantity_follows(c.text, m.end())):
        return None  # "from 4 to March 22 points"
    if not _valid(y or 2000, mon, d2):
        return None
    return _C(m.start(), m.end(), "range", parts=(
        _C(m.start(), m.end(), "date", y, mon, d), _C(m.start(), m.end(), "date", y, mon, d2)))


def _h_dayword(m: re.Match[str], c: _Ctx) -> _C | None:
    mon = _month_num(m["m"])
    if mon is None:
        return None
    return _C(m.start(), m.end(), "date", _year_of(m["y"]), mon, _day_word(m["dw"]))


def _h_glued(m: re.Match[str], c: _Ctx) -> _C | None:
    """"Dec31, 1994": a month glued to its day, only with a year (a year-less "Oct4", "Mar3" is
    as often a name: the gene Oct4) and not in capitals ("DEC31" is a code)."""
    mon = _month_num(m["m"])
    y, d = int(m["y"]), int(m["d"])
    if mon is None or m["m"].isupper() or not _valid(y, mon, d):
        return None
    return _C(m.start(), m.end(), "date", y, mon, d)


_SPELLED_YEAR_PREPS = frozenset(
    "in since until till by of from during before after through throughout around circa year "
    "early mid late between".split())
_SPELLED_YEAR_BEFORE = re.compile(
    rf"(?:{_SPELLED_YEAR})\s+(?:to|and|until|till|through)\s+$", _FLAGS)
_SPELLED_YEAR_FOLLOW = _DAY_FOLLOW | frozenset("he she it they we i you".split())


def _h_spelled_year(m: re.Match[str], c: _Ctx) -> _C | None:
    """A year in words after a preposition ("in nineteen ninety six", "since two thousand and
    fifteen", "from nineteen ninety to twenty ten") or after a month and its day ("August two
    thousand and fifteen", "January twenty five nineteen eighty six"). Not a count: nothing
    but a clause end or a small word after "two thousand" alone or "twenty twenty" (also
    "20/20 vision"), no quantity after ("in two thousand and fifteen cases")."""
    text = c.text
    if m["c"]:
        cent = {"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}[m["c"].lower()]
        if m["hu"]:
            if cent == 20:
                return None  # "twenty hundred (hours)"
            y = cent * 100 + (_spelled_number(m["yy2"]) if m["yy2"] else 0)
        else:
            y = cent * 100 + _spelled_number(m["yy"])
    else:
        y = 2000 + (_spelled_number(m["u"]) if m["u"] else 0)
    if _quantity_follows(text, m.end()):
        return None
    nxt = _next_word(text, m.end()).lower()
    bare = ((m["c"] or "").lower() == "twenty" and (m["yy"] or "").lower() == "twenty") or (
        not m["c"] and not m["u"])
    if bare and nxt and nxt not in _SPELLED_YEAR_FOLLOW and not _CLAUSE_END.match(text, m.end()):
        return None  # "in twenty twenty hindsight", "in May two thousand marched"
    if m["m"]:
        mon = _month_num(m["m"])
        prev = _prev_word(text, m.start())
        if mon is None or (m["m"].lower() in _WORD_MONTHS and m["m"][0].islower()
                           and prev not in _SPELLED_YEAR_PREPS | _SPELLED_DAY_PREPS):
            return None  # "we may two thousand..."
        if m["dc"]:
            d: int | None = _DAY_CARDINALS[re.sub(r"[\s-]+", "-", m["dc"].lower())]
        elif m["dw"] or m["dw0"]:
            d = _day_word(m["dw"] or m["dw0"])
        elif m["d"] or m["d0"]:
            d = int(m["d"] or m["d0"])
        else:
            d = None
        if d is not None and not _valid(y, mon, d):
            return None
        return _C(m.start(), m.end(), "date", y, mon, d)
    prev = _prev_word(text, m.start())
    if not m["c"] and not m["u"] and prev != "year":
        return None  # "in two thousand" alone: a count as often ("one in two thousand")
    if prev not in _SPELLED_YEAR_PREPS and not (
            prev in ("to", "and", "until", "till", "through")
            and _SPELLED_YEAR_BEFORE.search(text, max(0, m.start() - 60), m.start())):
        return None
    if m["c"] and m["c"][0].isupper() and (m["yy"] or m["hu"] or "x")[0].isupper():
        return None  # "Nineteen Eighty-Four": a title
    return _C(m.start(), m.end(), "year", y)


def _h_ymond(m: re.Match[str], c: _Ctx) -> _C | None:
    mon = _month_num(m["m"])
    y, d = int(m["y"]), int(m["d"])
    if mon is None or not _valid(y, mon, d):
        return None
    return _C(m.start(), m.end(), "date", y, mon, d)


def _h_dmy(m: re.Match[str], c: _Ctx) -> _C | None:
    mon = _month_num(m["m"])
    if mon is None or _CURRENCY_BEFORE.search(c.text, max(0, m.start("d") - 3), m.start("d")):
        return None
    y = _year_of(m["y"] or m["yy"])
    wd = _WEEKDAYS[m["wd"].lower()] if m["wd"] else None
    if _MONTH_RANGE_BEFORE.search(c.text, max(0, m.start("d") - 12), m.start("d")) or (
            "-" in c.text[m.end("d"):m.start("m")] and _MONTH_BEFORE.search(
                c.text, max(0, m.start("d") - 12), m.start("d"))):
        return None  # "Nov-5 Feb 2017", "Nov. 5-Feb 2017": `_h_month_range` reads them
    if m["d2"]:
        if "and" in m["sep"].lower() and not (m["pre"] and m["pre"].lower() == "between"):
            return None
        if int(m["d2"]) <= int(m["d"]):
            return None
        a = _C(m.start(), m.end(), "date", None, mon, int(m["d"]), wd=wd)
        b = _C(m.start("d2"), m.end(), "date", y, mon, int(m["d2"]))
        return _C(m.start(), m.end(), "range", parts=(a, b))
    start = m.start("wd") if m["wd"] else m.start("d")
    if m["the"]:
        start = min(start, m.start("the"))
    return _C(start, m.end(), "date", y, mon, int(m["d"]), wd=wd)


_PLANNED_FOR = re.compile(
    r"\b(?:scheduled|rescheduled|slated|set|planned|due|expected|timetabled|earmarked|penciled"
    r"|pencilled|booked)\s+(?:in\s+)?for\s+(?:the\s+)?$", _FLAGS)
"""A month after "for" is a date only after a word of planning ("slated for March", "set for
May"): "voted for May", "a march for March" are no dates."""


def _h_month(m: re.Match[str], c: _Ctx) -> _C | None:
    word = m["m"].lower()
    mon = _month_num(word)
    if mon is None:
        return None
    y = _year_of(m["y"] or m["yy"] or m["y4"])
    rel = (m["rel"] or "").lower() or None
    if y is not None:
        return _C(m.start(), m.end(), "date", y, mon)
    if m["y2d"] or m["yrel"]:
        if word in _WORD_MONTHS and m["m"][0].islower():
            return None  # "prices may next year", "he may 45 times"
        if m["yrel"]:  # "June next year": that month of the year before/after the reference
            off = {"next": 1, "last": -1, "this": 0}[m["yrel"].lower()]
            return _C(m.start(), m.end(), "month_rel", m=mon, mode=f"year{off:+d}")
        if not (word in _FULL_MONTHS or m["m"][0].isupper()) or not _CLAUSE_END.match(
                c.text, m.end()):
            return None  # "in August 45 people died"
        # "August 99": a two-digit number that cannot be a day is the year
        return _C(m.start(), m.end(), "date", _year_of(m["y2d"]), mon, two_digit_year=True)
    if rel:
        if word in _WORD_MONTHS and m["m"][0].islower():
            return None  # "this may take longer", "next march on the capital"
        return _C(m.start(), m.end(), "month_rel", m=mon, mode=rel)
    text = c.text
    if word not in _FULL_MONTHS:
        # "after Feb", "in Sept.": a capitalised abbreviation after a preposition ("Jan" and
        # "Mar" are a name and a verb)
        prev = _prev_word(text, m.start())
        if not (word in _ABBR_MONTHS and m["m"][0].isupper() and m["m"][1:].islower()
                and prev in _MONTH_PREPS and (prev not in ("and", "or", "to") or _MONTH_PAIR.search(
                    text, max(0, m.start() - 20), m.start()))):
            return None
    if word in _RISKY_MONTHS or m["m"][0].islower():
        prev = _prev_word(text, m.start())
        if prev not in _MONTH_PREPS and not (prev == "for" and m["m"][0].isupper() and (
                _PLANNED_FOR.search(text, max(0, m.start() - 30), m.start()))):
            return None
        # "between March and May", "March to May" are fine; "... and may" is not
        if prev in ("and", "or", "to") and word in _RISKY_MONTHS and not m["m"][0].isupper():
            return None
    return _C(m.start(), m.end(), "date", None, mon)


def _h_year_month(m: re.Match[str], c: _Ctx) -> _C | None:
    """"2016 June", "2017 april", "2016, nov" (not followed by a day or a name: "In 2016 May
    became...", "2016 June Carter"). The names that are ordinary words are never read here."""
    word = m["m"].lower()
    mon = _month_num(word)
    if mon is None or word in _WORD_MONTHS or (word in _RISKY_MONTHS and m["m"][0].isupper()):
        return None
    if word == "jan" and m["m"][0].isupper():
        return None  # a first name
    return _C(m.start(), m.end(), "date", int(m["y"]), mon)


def _h_month_range(m: re.Match[str], c: _Ctx) -> _C | None:
    """"June-August 1992", "Jan-Feb 2017", and with a day at either end: "Nov-Feb 5th, 2017"
    (November 2016 to 5 February 2017), "Nov. 5-Feb 2017", "Nov-5 Feb 2017". Without a year
    both months must be written in full ("Dec-Jan 3" is nothing: neither a range nor "Jan 3")."""
    a, b = _month_num(m["m"]), _month_num(m["m2"])
    if a is None or b is None or a == b or (m["d0"] and m["d"]):
        return None
    y = _year_of(m["y"])
    if y is None and (m["m"].lower() not in _FULL_MONTHS or m["m2"].lower() not in _FULL_MONTHS):
        return None
    d1 = int(m["d1"]) if m["d1"] else None
    d2 = int(m["d0"] or m["d"]) if m["d0"] or m["d"] else None
    if (d1 is not None and not _valid(2000, a, d1)) or (
            d2 is not None and not _valid(y or 2000, b, d2)):
        return None
    if (d1 is not None or d2 is not None) and m["m2"].lower() in _WORD_MONTHS and (
            m["m2"][0].islower()):
        return None  # "Jan 5 - may 6"
    return _C(m.start(), m.end(), "range", parts=(
        _C(m.start(), m.end("d1") if d1 else m.end("m"), "date", None, a, d1),
        _C(m.start("d0") if m["d0"] else m.start("m2"), m.end(), "date", y, b, d2)))


_MONTH_DASH_AT = re.compile(rf"\s*[-–—]\s*(?:[0-3]?\d{_ORD}\s+)?(?P<m>{_MON_ALT})\b", _FLAGS)
"""After a day date: a month further on ("Nov. 5-Feb 2017"), which `_h_month_range` reads."""


def _h_num(m: re.Match[str], c: _Ctx) -> _C | None:
    a, b, cc, sep = m["a"], m["b"], m["c"], m["s"]
    hour = int(m["h"]) if m["h"] else None
    minute = int(m["mi"]) if m["mi"] else None
    amb = False
    if len(a) == 4:
        if len(cc) > 2:
            return None
        y, mo, d = int(a), int(b), int(cc)
    elif len(a) <= 2 and len(cc) in (2, 4):
        x1, x2 = int(a), int(b)
        if len(cc) == 2 and sep != "/" and not (sep == "-" and (max(x1, x2) > 12 or (
                (_prev_word(c.text, m.start()) in _NUMDAY_PREPS | _WEEKDAYS.keys()
                 or (_ZERO_PADDED.search(f" {a} {b} {cc}")
                     and not _named_number(c.text, m.start())))
                and _CLAUSE_END.match(c.text, m.end())))):
            return None  # "1.15.22" (a version), "win-loss 10-12-14"; "9-18-15", "on 3-7-07"
        # (and "back 3-7-07.", "03-07-17.": a count is never padded with a zero; "ID 03-07-17"
        # is a number)
        y = _year_of(cc)
        order = c.order
        if order == "YMD":
            order = "DMY" if c.order_known else "MDY"
        mo, d = (x1, x2) if order.startswith("M") else (x2, x1)
        if mo > 12 and d <= 12:
            mo, d = d, mo  # only one reading is possible
        elif x1 <= 12 and x2 <= 12 and x1 != x2 and not c.order_known:
            amb = True
    else:
        return None
    if not _valid(y, mo, d):
        return None
    r = _C(m.start(), m.end(), "date", y, mo, d, ambiguous=amb,
           two_digit_year=len(a) != 4 and len(cc) == 2)
    if hour is not None and hour < 24:
        r.hour, r.minute, r.minute_written = hour, minute, True
    return r


_ZERO_PADDED = re.compile(r" 0\d")
_DASH_DAY_PREPS = frozenset("on by until till since".split())
_NUMDAY_PREPS = frozenset("on by until till since from before after between".split())
_NUMDAY_PAIR = re.compile(
    r"\d{1,2}/\d{1,2}\s*(?:and|or|to|until|till|through|-|–|,)\s*$", _FLAGS)


def _h_num_noyear(m: re.Match[str], c: _Ctx) -> _C | None:
    """"on 4/22": a year-less numeric date needs a preposition or a weekday before it ("Friday
    5/12"), or another such date in a range or a list ("from 4/1 to 4/5", "on 11/20, 11/22 or
    11/25"), and no unit or "of" after it ("1/2 of it"). With a dash ("on 4-22") only right
    after on/by/until/since and at the end of the clause ("on a 4-22 vote" is no date)."""
    prev = _prev_word(c.text, m.start())
    if m["s"] == "-":  # "on 4-22": only right after on/by/until/since, ending the clause
        if m["y"] or prev not in _DASH_DAY_PREPS or not _CLAUSE_END.match(c.text, m.end()):
            return None
    elif prev not in _NUMDAY_PREPS and prev not in _WEEKDAYS and (
            not _NUMDAY_PAIR.search(c.text, max(0, m.start() - 20), m.start())) and not (
            m["y"] and _CLAUSE_END.match(c.text, m.end()) and not _named_number(c.text, m.start())):
        return None  # ("back 11/12, 2016." has its year; "Chapter 11/12, 2016 edition" is none)
    if _quantity_follows(c.text, m.end()) or _next_word(c.text, m.end()).lower() == "of":
        return None
    x1, x2 = int(m["a"]), int(m["b"])
    mo, d = (x1, x2) if c.order in ("MDY", "YMD") else (x2, x1)
    amb = False
    if mo > 12 and d <= 12:
        mo, d = d, mo
    elif x1 <= 12 and x2 <= 12 and x1 != x2 and not c.order_known:
        amb = True
    if not _valid(int(m["y"] or 2000), mo, d):
        return None
    return _C(m.start(), m.end(), "date", int(m["y"]) if m["y"] else None, mo, d, ambiguous=amb)


def _num_md(x1: int, x2: int, c: _Ctx) -> tuple[int, int, bool]:
    """(month, day, ambiguous) of a numeric "x1/x2" in the text's date order."""
    mo, d = (x1, x2) if c.order in ("MDY", "YMD") else (x2, x1)
    amb = False
    if mo > 12 and d <= 12:
        mo, d = d, mo
    elif x1 <= 12 and x2 <= 12 and x1 != x2 and not c.order_known:
        amb = True
    return mo, d, amb


def _h_num_range(m: re.Match[str], c: _Ctx) -> _C | None:
    """"10/1/2018-10/7/2018", "from 5/1-5/7, 2020": a range of numeric dates; without a year
    at the end only after "from"/"between"."""
    y2 = m["c2"] or m["c3"]
    if not y2 and _prev_word(c.text, m.start()) not in ("from", "between"):
        return None
    if m["c1"] and not y2:
        return None
    mo1, d1, amb1 = _num_md(int(m["a1"]), int(m["b1"]), c)
    mo2, d2, amb2 = _num_md(int(m["a2"]), int(m["b2"]), c)
    yb = int(y2) if y2 else None
    ya = int(m["c1"]) if m["c1"] else (None if yb is None else yb - ((mo1, d1) > (mo2, d2)))
    if not _valid(ya or 2000, mo1, d1) or not _valid(yb or 2000, mo2, d2):
        return None
    a = _C(m.start(), m.end(), "date", ya, mo1, d1, ambiguous=amb1)
    b = _C(m.start(), m.end(), "date", yb, mo2, d2, ambiguous=amb2)
    return _C(m.start(), m.end(), "range", parts=(a, b))


_DESIGNATOR_BEFORE = re.compile(
    r"(?:\b(?:no|nr|number|ref|version|v|resolution|decree|law|act|case|directive|regulation"
    r"|decision|bill|report|order|item|file|issue|vol|volume|section|article|art)\.?|[#°№])"
    r"\s*$", _FLAGS)
_CAPITAL_BEFORE = re.compile(r"(?<=[\w,)\]])[ \t]+[A-Z][\w.’'-]*[ \t]+$")
"""A capitalised word inside a sentence just before: a name ("Resolution 2015/3")."""


def _named_number(text: str, pos: int) -> bool:
    """A designator, a capitalised word or a plural noun just before `pos`: "No. 11/12",
    "Chapter 11/12", "pages 11/12"."""
    before = text[max(0, pos - 30):pos]
    if _DESIGNATOR_BEFORE.search(before):
        return True
    prev = _PREV_WORD_RAW.search(before)
    if prev is None:
        return False
    w = prev.group(1)
    lw = w.lower()
    return w[0].isupper() or lw in _UNITS or (
        lw.endswith("s") and len(lw) > 3 and lw not in _NOT_PLURAL)


def _h_ymd_spaced(m: re.Match[str], c: _Ctx) -> _C | None:
    """"On 2016 10 16": a year, a month and a day set off by spaces, only after a preposition
    and where the clause ends ("2016 10 16 20" is a list of numbers)."""
    if _prev_word(c.text, m.start()) not in _NUMDAY_PREPS or not _CLAUSE_END.match(
            c.text, m.end()):
        return None
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(y, mo, d):
        return None
    return _C(m.start(), m.end(), "date", y, mo, d)


def _h_iso_month(m: re.Match[str], c: _Ctx) -> _C | None:
    """"2025-01", "01/2025", and "2015-3" (a one-digit month after a four-digit year and a
    dash, not "2015-6", a season, nor a number: "Decree 2015-3", "No. 2015-3"; "2015/3" is
    left out: "Resolution 2015/3", "Directive 2019/2" are numbers)."""
    if m["y2"]:
        return _C(m.start(), m.end(), "date", int(m["y2"]), int(m["m2"]))
    y, mo = int(m["y"]), int(m["m"] or m["m1"])
    if mo == (y % 100 + 1) % 100:  # "2010-11", "2010/11": a season, left to the year-range rule
        return None
    if m["m1"]:
        before = c.text[max(0, m.start() - 30):m.start()]
        if mo == (y % 10 + 1) % 10 or _DESIGNATOR_BEFORE.search(before) or (
                _CAPITAL_BEFORE.search(before) or _quantity_follows(c.text, m.end())):
            return None  # "2015-6" (2015-16), "Decree 2015-3", "law no. 2015-3"
    return _C(m.start(), m.end(), "date", y, mo)


def _h_year(m: re.Match[str], c: _Ctx) -> _C | None:
    y = int(m["y"])
    text = c.text
    if m["pos"]:
        return _C(m.start(), m.start() + 4, "year", y)
    prev = _prev_word(text, m.start())
    if prev not in _YEAR_PREPS:
        return None
    if _quantity_follows(text, m.end()):
        return None
    return _C(m.start(), m.end(), "year", y)


_MONTH_DASH_BEFORE = re.compile(rf"\b(?:{_MON_ALT})\.?-$", _FLAGS)


def _h_year_range(m: re.Match[str], c: _Ctx) -> _C | None:
    y1 = int(m["y1"])
    s2 = m["y2"]
    y2 = int(s2) if len(s2) == 4 else (y1 // 100) * 100 + int(s2)
    sep = m["sep"].lower()
    pre = (m["pre"] or "").lower()
    if y2 <= y1 or y2 - y1 > 200:
        return None
    if _MONTH_DASH_BEFORE.search(c.text, max(0, m.start() - 12), m.start()):
        return None  # "September-2020-23": a day date written oddly, not 2020-2023
    if "and" in sep and pre != "between":
        return None
    if (not pre and sep.strip() not in ("-", "–", "—")
            and _prev_word(c.text, m.start()) not in _YEAR_PREPS):
        return None
    if _quantity_follows(c.text, m.end()):
        return None
    return _C(m.start(), m.end(), "range", parts=(
        _C(m.start("y1"), m.end("y1"), "year", y1), _C(m.start("y2"), m.end(), "year", y2)))


def _h_decade(m: re.Match[str], c: _Ctx) -> _C | None:
    if m["w"]:
        if not m["the"]:
            return None
        return _C(m.start(), m.end(), "decade", 1900 + _DECADE_WORDS[m["w"].lower()])
    if m["y"]:
        y = int(m["y"])
        if y % 100 == 0:
            return _C(m.start(), m.end(), "century", n=y // 100)
        return _C(m.start(), m.end(), "decade", y)
    yy = int(m["yy"])
    return _C(m.start(), m.end(), "decade", 1900 + yy if yy >= 30 else 2000 + yy)


def _h_century(m: re.Match[str], c: _Ctx) -> _C | None:
    if m["n"]:
        n = int(m["n"])
    else:
        n = _ORDINALS.get(re.sub(r"\s+", " ", m["w"].lower()).replace(" ", "-")) or _ORDINALS.get(
            m["w"].lower())
    if not n or n > 22:
        return None
    return _C(m.start(), m.end(), "century", n=n - 1)


def _h_quarter(m: re.Match[str], c: _Ctx) -> _C | None:
    if m["q"]:
        q = int(m["q"])
        if m["qrel"]:  # "Q3 this year"
            return _C(m.start(), m.end(), "quarter", n=q, mode=m["qrel"].lower())
        y = _year_of(m["y"])
        if y is None and m.end() - m.start() != 2:
            return None
        if y is None and _prev_word(c.text, m.start()) not in _YEAR_PREPS | {"last", "this"}:
            return None
    elif m["q0"]:
        q, y = int(m["q0"]), int(m["y0"])
    else:
        q = _ORDINALS[m["o"].lower()]
        y = _year_of(m["y2"] or m["y1"])  # "the third quarter of 2016", "2016's third quarter"
        if m["y1"] and m["y2"] and m["y1"] != m["y2"]:
            return None
        rel = (m["rel"] or m["rel2"] or m["ry"] or "").lower()
        if y is None and rel and rel != "the":
            return _C(m.start(), m.end(), "quarter", n=q, mode=rel)
    return _C(m.start(), m.end(), "quarter", y, n=q)


def _h_half(m: re.Match[str], c: _Ctx) -> _C | None:
    h = int(m["h2"] or m["h3"] or 0) or _ORDINALS[m["h"].lower()]
    y = _year_of(m["y"] or m["y2"] or m["y3"])
    rel = (m["rel"] or "").lower()
    if y is None and rel not in ("", "the", "this"):
        return _C(m.start(), m.end(), "half", n=h, mode=rel)
    return _C(m.start(), m.end(), "half", y, n=h)


def _h_season(m: re.Match[str], c: _Ctx) -> _C | None:
    s = _SEASONS[m["s"].lower()]
    y = _year_of(m["y"])
    rel = (m["rel"] or "").lower()
    if y is None and not rel:
        # "in the summer", "during winter": a time when a preposition makes it one; its year
        # as for a year-less month ("fall" alone is too often the noun; "the summer of love"
        # is a name)
        text = c.text
        if (m["s"].lower() == "fall" or m.end() != m.end("s")
                or _prev_word(text, m.start()) not in _SEASON_PREPS):
            return None
        prep = _prev_word_match(text, max(0, m.start() - 40), m.start())
        if m["s"][0].isupper() and prep is not None and prep.group(1)[0].islower():
            return None  # "with Summer", "until Winter said": a name inside a sentence
        nxt = _next_word(text, m.end())
        if nxt and (nxt[0].isupper() or (not m["the"] and nxt.lower() not in _SEASON_FOLLOW)):
            return None  # "in the summer Olympics", "in winter storms", "in summer camps"
        return _C(m.start(), m.end(), "season", unit=s)
    if y is not None:
        start = m.start() if not rel else m.start("s")
        return _C(start, m.end(), "season", y, unit=s)
    return _C(m.start(), m.end(), "season", unit=s, mode=rel)


_SEASON_PREPS = frozenset("in during over through throughout until till by since".split())
_SEASON_FOLLOW = _DAY_FOLLOW | frozenset(
    "he she it they we i you his her their its our a an some many most months".split())
"""Words after a bare season ("in winter when...", "during summer months"): other lower-case
words make it a noun's modifier ("in winter storms", "in summer camps")."""


_REL_DAYS = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this morning": 0,
    "this afternoon": 0, "this evening": 0, "last night": -1, "the day before yesterday": -2,
    "day before yesterday": -2, "the day after tomorrow": 2, "day after tomorrow": 2,
    "tomorrow morning": 1, "yesterday morning": -1, "yesterday afternoon": -1,
    "yesterday evening": -1, "tomorrow afternoon": 1, "tomorrow evening": 1, "tomorrow night": 1,
}
_TITLE_AFTER = re.compile(r"(?:['’]s)?[ \t]+[A-Z]")
_NOUN_DETERMINERS = frozenset("a an the our their your his her its my this secure better".split())


def _h_relday(m: re.Match[str], c: _Ctx) -> _C | None:
    word = m.group(0)
    key = re.sub(r"\s+", " ", word.lower())
    text = c.text
    prev = _PREV_WORD_RAW.search(text, max(0, m.start() - 30), m.start())
    pw = prev.group(1).lower() if prev else ""
    if pw in _NOUN_DETERMINERS:
        return None  # "a Secure Tomorrow", "the world of today" (below)
    if pw == "of":
        before = _prev_word(text, prev.start()) if prev else ""
        if before not in ("as", "end", "start", "beginning"):
            return None  # "the world of today" ("as of today", "the end of today" are dates)
    if word[0].isupper() and not _SENT_START.search(text, max(0, m.start() - 3), m.start()):
        return None  # capitalised inside a sentence: a heading or a name
    after = _TITLE_AFTER.match(text, m.end())
    if word[0].isupper() and after:
        return None  # "Tomorrow's World", "Today Show": a title
    return _C(m.start(), m.end(), "relday", n=_REL_DAYS[key])


_WD_BLOCK_BEFORE = frozenset(
    "black good cyber super bloody ash holy palm maundy easter giving small shrove".split())
_WD_BLOCK_AFTER = frozenset("times telegraph express mirror post herald mail school".split())


_WD_OF_WEEK = re.compile(
    r"\s+of\s+(?:(?P<next>the\s+following)|that|the\s+same|that\s+same)\s+week\b", _FLAGS)


_ORDINAL_WORD = (
    r"(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
    r"|tenth|eleventh|twelfth|\w+teenth|twentieth|twenty[\s-]\w+)")
_THE_ORDINAL_BEFORE = re.compile(rf"\bthe\s+{_ORDINAL_WORD}\s+$", _FLAGS)
_ORDINAL_BEFORE = re.compile(rf"\b{_ORDINAL_WORD}\s+$", _FLAGS)
_OF_IN_AFTER = re.compile(r"\s+(?:of|in|after|before|since)\b", _FLAGS)
_IN_A_ROW = re.compile(r"\s+(?:in\s+a\s+row|running|straight)\b", _FLAGS)


def _h_weekday(m: re.Match[str], c: _Ctx) -> _C | None:
    word = m["wd"].lower()
    mode = (m["mod"] or "").lower() or None
    text = c.text
    of = _WD_OF_WEEK.match(text, m.end()) if mode is None else None
    if of:  # "Friday of the following week", "Monday of that week": from the text's last day
        return _C(m.start(), of.end(), "anaphor", unit="week", n=1 if of["next"] else 0,
                  wd=_WEEKDAYS[word])
    prev = _prev_word(text, m.start())
    if len(word) <= 5 and word not in ("monday", "friday", "sunday") and (
            mode is None and prev != "on"):
        return None  # abbreviations ("Wed", "Sun") need "on", "last", "next"...
    if word in _WORD_WEEKDAYS and mode is None and _THE_BEFORE.search(
            text, max(0, m.start() - 5), m.start()):
        return None  # "on the Sun", "on The Sun website": the paper
    if mode is None and not _IN_A_ROW.match(text, m.end()) and (
            _THE_ORDINAL_BEFORE.search(text, max(0, m.start() - 30), m.start()) or (
                _ORDINAL_BEFORE.search(text, max(0, m.start() - 30), m.start())
                and _OF_IN_AFTER.match(text, m.end()))):
        return None  # "the fifth Sunday", "first Sunday of Advent": not the nearest Sunday
    if mode is None and prev in _WD_BLOCK_BEFORE:
        return None
    if _next_word(text, m.end()).lower() in _WD_BLOCK_AFTER:
        return None
    if mode in ("last", "past", "previous"):
        mode = "week-1"  # the Tuesday of last week, as the TimeML taggers and both gold sets
    elif mode == "next":
        mode = "week+1"
    elif mode == "coming":
        mode = "next"  # the first one after the reference
    return _C(m.start(), m.end(), "weekday", n=_WEEKDAYS[word], mode=mode)


def _h_weekday_week(m: re.Match[str], c: _Ctx) -> _C | None:
    rel = (m["rel"] or m["rel2"]).lower()
    wd = _WEEKDAYS[(m["wd"] or m["wd2"]).lower()]
    off = {"last": -1, "previous": -1, "next": 1, "this": 0}[rel]
    return _C(m.start(), m.end(), "weekday", n=wd, mode=f"week{off:+d}")


_NAME_WEEKDAYS = frozenset({"sun", "sat"})
"""Abbreviations that are also a newspaper or a verb ("The Sun", "sat")."""
_WORD_WEEKDAYS = frozenset({"sun", "sat", "wed"})
"""Abbreviations that are English words: no unambiguous end of a range."""
_THE_BEFORE = re.compile(r"\bthe\s+$", _FLAGS)


def _h_weekday_range(m: re.Match[str], c: _Ctx) -> _C | None:
    """"from Tue to Thur", "between Sat and Thu": abbreviated weekdays, which alone need "on",
    make a range after "from"/"between" (and "and" only after "between"); "Sun"/"Sat" only
    with an end that is no English word (not "from Sun to Wed", "between Sat and Sun")."""
    if m["sep"].strip().lower() == "and" and m["pre"].lower() != "between":
        return None
    w1, w2 = m["wd"].lower(), m["wd2"].lower()
    if (w1 in _NAME_WEEKDAYS and w2 in _WORD_WEEKDAYS) or (
            w2 in _NAME_WEEKDAYS and w1 in _WORD_WEEKDAYS):
        return None  # "from Sun to Wed", "between Sat and Sun": a paper, verbs
    a = _C(m.start(), m.end("wd"), "weekday", n=_WEEKDAYS[m["wd"].lower()])
    b = _C(m.start("wd2"), m.end(), "weekday", n=_WEEKDAYS[m["wd2"].lower()])
    return _C(m.start(), m.end(), "range", parts=(a, b))


def _h_weekday_day(m: re.Match[str], c: _Ctx) -> _C | None:
    """"Friday the 26th", "Friday the twenty-sixth", and "Friday the fifteen" (a cardinal only
    after "the" and where the clause ends: "on Friday the twenty protesters left" is a count)."""
    if m["dc"]:
        if not m["the"] or not _CARD_END.match(c.text, m.end()):
            return None
        d = _DAY_CARDINALS[re.sub(r"[\s-]+", "-", m["dc"].lower())]
    else:
        d = int(m["d"]) if m["d"] else _day_word(m["dw"])
    return _C(m.start(), m.end(), "day", d=d, n=_WEEKDAYS[m["wd"].lower()])


_THE_DAY_PAIR = re.compile(
    r"\bthe\s+[0-3]?\d(?:st|nd|rd|th)\s*(?:and|to|until|till|through|-|–)\s*$", _FLAGS)
_SPELLED_DAY_PREPS = frozenset("on by until till since before after for".split())
_CLAUSE_END = re.compile(r"\s*(?:[.,;!?)]|$)")


_DAYPART_OF = re.compile(r"\b(?:morning|afternoon|evening|night)\s+of\s+$", _FLAGS)


def _h_the_day(m: re.Match[str], c: _Ctx) -> _C | None:
    """"on the 8th", "between the 21st and 23rd"; spelled ("on the twenty-second") only after
    "the" and a preposition, with the clause ending there, and never "the first/second/third"
    (ordinary words: "on the second.")."""
    prev = _prev_word(c.text, m.start())
    if m["dw"]:
        if not m["the"] or prev not in _SPELLED_DAY_PREPS:
            return None
        d = _day_word(m["dw"])
        if d <= 3 or not (m["of"] or _CLAUSE_END.match(c.text, m.end())):
            return None
        return _C(m.start(), m.end(), "mday" if m["of"] else "day", d=d, n=0 if m["of"] else None)
    if not m["the"] and prev != "on" and not _THE_DAY_PAIR.search(
            c.text, max(0, m.start() - 25), m.start()):
        return None
    if prev not in _DAY_PREPS and not m["of"] and not (
            m["the"] and _DAYPART_OF.search(c.text, max(0, m.start() - 30), m.start())):
        return None  # ("on the evening of the 25th" is a day)
    nxt = _next_word(c.text, m.end())
    if nxt and not m["of"] and (nxt[0].isupper() or nxt.lower() not in _DAY_FOLLOW):
        return None  # "the 27th floor", "the 8th Army"
    if m["of"]:  # "the 8th of this month"
        return _C(m.start(), m.end(), "mday", d=int(m["d"]), n=0)
    return _C(m.start(), m.end(), "day", d=int(m["d"]))


_CHANGE_VERBS = frozenset(
    "rose risen rise rises fell fallen fall falls increased increase decreased decrease grew grow "
    "jumped jump dropped drop climbed climb went go up down cut raised reduced lowered moved "
    "changed expanded shrank doubled tripled".split())
_MONTH_OFF = {"this": 0, "current": 0, "the": 0, "next": 1, "last": -1, "previous": -1}


def _h_month_day(m: re.Match[str], c: _Ctx) -> _C | None:
    """"the 20th of next month", "the 15th day of this month", "from 4 to 22 this month",
    "between 4 and 22 next month": days of a month named relative to the reference. A bare
    number needs a second one (a range) or an ordinal suffix; "the month" needs "of"."""
    rel = m["rel"].lower()
    if rel == "the" and not m["of"]:
        return None
    off = _MONTH_OFF[rel]
    d = int(m["d"]) if m["d"] else _day_word(m["dw"])
    if not m["sep"]:
        if m["d"] and not m["o"]:
            return None
        return _C(m.start(), m.end(), "mday", d=d, n=off)
    if "and" in m["sep"].lower() and not (m["pre"] and m["pre"].lower() == "between"):
        return None
    if m["d"] and not m["o"] and not m["of"] and (
            not m["pre"] or _prev_word(c.text, m.start()) in _CHANGE_VERBS):
        return None  # "rates rose (from) 4 to 5 this month": quantities
    d2 = int(m["d2"]) if m["d2"] else _day_word(m["dw2"])
    if d2 <= d:
        return None
    return _C(m.start(), m.end(), "range", parts=(
        _C(m.start(), m.end(), "mday", d=d, n=off), _C(m.start(), m.end(), "mday", d=d2, n=off)))


_NOW_BEFORE = re.compile(r"\b(?:between|from)\s+$", _FLAGS)
_NOW_AFTER = re.compile(r"\s*(?:-|–|—|to|until|till|through|thru|and)\s*$", _FLAGS)


def _h_now(m: re.Match[str], c: _Ctx) -> _C | None:
    """"now" only as one end of a range ("between now and May", "from 2019 to now"); a
    "now" that is not merged into a range is dropped."""
    text = c.text
    if not (_NOW_BEFORE.search(text, max(0, m.start() - 10), m.start())
            or _NOW_AFTER.search(text, max(0, m.start() - 10), m.start())):
        return None
    return _C(m.start(), m.end(), "now")


_ANAPHOR_END = re.compile(
    r"\s*(?:[.,;:!?)\]—–-]|$|(?:and|but|or|then|at)\b"
    r"|in\s+the\s+(?:morning|afternoon|evening)\b)", _FLAGS)


def _h_anaphor(m: re.Match[str], c: _Ctx) -> _C | None:
    """"the next day", "the day before": a day from the previous date of the text (see
    `find_dates`). "The day before/after" must end the phrase: "the day before the election",
    "the day after he died" count from an event, not from that date."""
    if m["b"] and not _ANAPHOR_END.match(c.text, m.end()):
        return None
    word = (m["a"] or m["b"]).lower()
    return _C(m.start(), m.end(), "anaphor", n=1 if word in ("next", "following", "after") else -1)


_NTH_WD_PREPS = frozenset("on by until till since before after from to back".split())
_NTH_WD_END = re.compile(r"\s*(?:[.,;!?)]|$|at\b|morning\b|afternoon\b|evening\b)", _FLAGS)


def _h_nth_weekday_bare(m: re.Match[str], c: _Ctx) -> _C | None:
    """"I'll go back second Sunday": the second Sunday of the reference month, only without
    "the" (a narrative "the first Sunday" counts Sundays from something else) and when the
    clause ends there ("first Sunday of Advent", "third Tuesday in a row" are not this)."""
    if _prev_word(c.text, m.start()) not in _NTH_WD_PREPS or re.search(
            r"\bthe\s*$", c.text[max(0, m.start() - 5):m.start()], _FLAGS):
        return None  # "Hamilton finished second Sunday": a place, not a date
    if not _NTH_WD_END.match(c.text, m.end()):
        return None
    return _C(m.start(), m.end(), "nthwd", n=_ORDW[m["o"].lower()], wd=_WEEKDAYS[m["wd"].lower()],
              unit="month", mode="0")


def _h_weekdays_from_now(m: re.Match[str], c: _Ctx) -> _C | None:
    """"two Sundays from now": the second Sunday after the reference."""
    n = _count(re.sub(r"\s+", " ", m["n"].lower()), c.text, m.start("n"))
    if n is None:
        return None
    return _C(m.start(), m.end(), "weekday", n=_WEEKDAYS[m["wd"].lower()], mode=f"next{n}")


def _h_anaphor_n(m: re.Match[str], c: _Ctx) -> _C | None:
    """"two days later", "a week earlier": counted from the previous day date of the text."""
    n = _count(re.sub(r"\s+", " ", m["n"].lower()), c.text, m.start("n"))
    if n is None:
        return None
    n *= 7 if m["u"].lower().startswith("week") else 1
    return _C(m.start(), m.end(), "anaphor", n=n if m["dir"].lower() == "later" else -n)


def _h_anaphor_following(m: re.Match[str], c: _Ctx) -> _C | None:
    """"the following Friday" (the first Friday after the previous day date of the text),
    "the following week/month/quarter/year" (the one after it)."""
    if m["wd"]:
        return _C(m.start(), m.end(), "anaphor", wd=_WEEKDAYS[m["wd"].lower()])
    if _prev_word(c.text, m.start()) == "of":
        return None  # "on Monday of the following week": not counted from that Monday
    return _C(m.start(), m.end(), "anaphor", unit=m["u"].lower())


_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "new year's day": (1, 1), "new year's eve": (12, 31),
    "valentine's day": (2, 14), "halloween": (10, 31), "bastille day": (7, 14),
    "juneteenth": (6, 19), "armistice day": (11, 11), "veterans day": (11, 11),
    "may day": (5, 1), "international workers' day": (5, 1), "all saints' day": (11, 1),
    "independence day": (7, 4),
}
_HOLIDAY_ALT = "|".join(
    sorted((re.escape(k).replace("'", "['’]?") for k in _HOLIDAYS), key=len, reverse=True))


_US_BEFORE = re.compile(
    r"(?:\bU\.?S\.?|\bAmerican|\bAmerica['’]s|\bUnited\s+States['’]?)\s+$")
"""Before "Independence Day": the holiday of the United States (July 4); other countries
have theirs on other days, so a bare "Independence Day" is no date."""
_HYPHEN_AFTER = re.compile(r"-\w")


def _h_holiday(m: re.Match[str], c: _Ctx) -> _C | None:
    """Fixed holidays, capitalised ("Christmas", "Bastille Day") or, for a name of two words
    ending in "day"/"eve", in lower case too ("christmas eve"; not "may day": "may day-trade");
    "Independence Day" only as that of the United States ("U.S. Independence Day")."""
    key = re.sub(r"\s+", " ", m["h"].lower()).replace("’", "'")
    if key not in _HOLIDAYS:
        key = key.replace("s day", "'s day").replace("s eve", "'s eve").replace("''", "'")
    if key not in _HOLIDAYS or _HYPHEN_AFTER.match(c.text, m.end("h")):
        return None
    if not m["h"][0].isupper() and (" " not in key or key == "may day"):
        return None  # "a christmas tree"
    if key == "independence day" and not _US_BEFORE.search(
            c.text, max(0, m.start() - 20), m.start()):
        return None  # India's (August 15), Mexico's (September 16)...
    mo, d = _HOLIDAYS[key]
    return _holiday_year(m, _C(m.start(), m.end(), "date", _year_of(m["y"]), mo, d))


def _holiday_year(m: re.Match[str], r: _C) -> _C:
    """"Christmas of last year", "Easter this year": the holiday of that year."""
    if m["yrel"]:
        r.mode = f"year{_YEAR_OFF[m['yrel'].lower()]:+d}"
    return r


_YEAR_OFF = {"this": 0, "last": -1, "next": 1}


def _easter(y: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(y, month, day + 1)


def _nth_weekday(y: int, mo: int, wd: int, n: int) -> dt.date:
    if n > 0:
        first = dt.date(y, mo, 1)
        return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    last = _last_day(y, mo)
    return last - dt.timedelta(days=(last.weekday() - wd) % 7)


_MOVING = {  # name -> the day in a given year
    "easter": lambda y: _easter(y), "easter sunday": lambda y: _easter(y),
    "easter monday": lambda y: _easter(y) + dt.timedelta(days=1),
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "palm sunday": lambda y: _easter(y) - dt.timedelta(days=7),
    "ash wednesday": lambda y: _easter(y) - dt.timedelta(days=46),
    "ascension day": lambda y: _easter(y) + dt.timedelta(days=39),
    "pentecost": lambda y: _easter(y) + dt.timedelta(days=49),
    "whit sunday": lambda y: _easter(y) + dt.timedelta(days=49),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "mlk day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents day": lambda y: _nth_weekday(y, 2, 0, 3),
    "mother's day": lambda y: _nth_weekday(y, 5, 6, 2),
    "father's day": lambda y: _nth_weekday(y, 6, 6, 3),
    "columbus day": lambda y: _nth_weekday(y, 10, 0, 2),
}
_MOVING_ALT = (
    r"easter(?:\s+(?:sunday|monday))?|good\s+friday|palm\s+sunday|ash\s+wednesday|ascension\s+day"
    r"|pentecost|whit\s+sunday|thanksgiving(?:\s+day)?|memorial\s+day|labor\s+day"
    r"|martin\s+luther\s+king(?:\s+jr\.?)?(?:['’]s)?\s+day|mlk\s+day|presidents['’]?\s+day"
    r"|mothers['’]?\s+day|mother['’]s\s+day|fathers['’]?\s+day|father['’]s\s+day|columbus\s+day")


_NAME_AFTER = re.compile(r"[ \t]+(?!(?:Day|Eve|Sunday|Monday)\b)[A-Z][a-z]")


def _h_moving(m: re.Match[str], c: _Ctx) -> _C | None:
    if not m["h"][0].isupper():
        return None  # "easter egg"? no: a capital is needed, as for the fixed holidays
    key = re.sub(r"\s+", " ", m["h"].lower()).replace("’", "'")
    if _NAME_AFTER.match(c.text, m.end()):
        return None  # "Easter Island", "Easter Rising", "Thanksgiving Parade": a name
    key = re.sub(r"\bjr\.? ", "", key).replace("king's", "king")
    key = key.replace("presidents'", "presidents")
    key = re.sub(r"^(mother|father)s'? day$", r"\1's day", key)
    if key not in _MOVING:
        return None
    return _holiday_year(m, _C(m.start(), m.end(), "moving", _year_of(m["y"]), unit=key))


def _h_ago(m: re.Match[str], c: _Ctx) -> _C | None:
    ns = re.sub(r"\s+", " ", m["n"].lower())
    vague = ns in ("few", "a few", "several")
    n = 3 if vague else _count(ns, c.text, m.start("n"))
    if n is None:
        return None
    unit = m["u"].lower().rstrip("s")
    direction = m["dir"].lower()
    sign = -1 if direction == "ago" or direction.startswith("before") else 1
    base = 0
    if m["base"]:
        if unit not in ("day", "week"):
            return None  # "two months after yesterday": not said
        base = _REL_DAYS[m["base"].lower()]
    return _C(m.start(), m.end(), "ago", n=n * sign, unit=unit, mod="approx" if vague else None,
              base=base)


_FUTURE_MARK = re.compile(
    r"(?:\bwill|['’]ll|\bshall|\bgoing\s+to|\bgonna|\bwould|\b(?:is|are|was|were)\s+(?:due|set"
    r"|expected|scheduled|slated|poised|planned|supposed)|\b(?:wants?|plans?|aims?|hopes?|intends?"
    r"|expects?|promised?|vowed?|pledged?)\s+to|\bback)\b[^.;:!?\n]*$", _FLAGS)


_FUTURE_AFTER = re.compile(r"[^.;:!?\n]{0,60}?(?:\bwill|['’]ll|\bshall|\bgoing\s+to)\b", _FLAGS)


def _h_in(m: re.Match[str], c: _Ctx) -> _C | None:
    """"in two weeks" is a date (the reference + two weeks) when it says "time" ("in two weeks'
    time") or the clause before it speaks of the future ("will", "is due", "plans to"...);
    otherwise a duration ("prices rose 5% in two weeks")."""
    if not (m["time"] or _FUTURE_MARK.search(c.text, max(0, m.start() - 80), m.start())
            or _FUTURE_AFTER.match(c.text, m.end())):
        return None
    ns = re.sub(r"\s+", " ", m["n"].lower())
    vague = ns in ("few", "a few")
    n = 3 if vague else _count(ns, c.text, m.start("n"))
    if n is None:
        return None
    return _C(m.start(), m.end(), "ago", n=n, unit=m["u"].lower().rstrip("s"),
              mod="approx" if vague else None)


def _h_unit_part(m: re.Match[str], c: _Ctx) -> _C | None:
    mod = m["mod"].lower()
    r = _C(m.start(), m.end(), "relunit", n=0, unit=m["u"].lower())
    if mod in ("rest", "remainder"):
        r.mode = "later"
    else:
        r.mod = _MOD_KIND[mod]
    return r


_SPAN_PREPOSITIONS = frozenset("in over for during within across throughout".split())
"""Before "last six weeks" without "the": the time expression; after anything else ("to",
"will", a subject), "last" is the verb."""


def _h_span(m: re.Match[str], c: _Ctx) -> _C | None:
    """"the past three weeks", "the next 10 days": the days from then up to the reference;
    "the past few days/weeks" likewise with three of them, approximate ("the past few years"
    is a duration)."""
    ns = m["n"].lower()
    unit = m["u"].lower().rstrip("s")
    if m["dir"].lower() == "last" and m[0][:1] not in "Tt" and not _SENT_START.search(
            c.text, max(0, m.start() - 3), m.start()) and (
            _prev_word(c.text, m.start()) not in _SPAN_PREPOSITIONS):
        return None  # "expected to last six weeks", "supplies will last three months": a verb
    sign = 1 if m["dir"].lower() in ("next", "coming") else -1
    if ns in ("few", "several"):
        if unit not in ("day", "week"):
            return None  # vague and long: a duration, not a date
        return _C(m.start(), m.end(), "span", n=3 * sign, unit=unit, mod="approx")
    n = _count(ns, c.text, m.start("n"))
    if not n or n < 2:
        return None
    return _C(m.start(), m.end(), "span", n=n * sign, unit=unit)


_ORDW = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
         "4th": 4, "fifth": 5, "5th": 5, "last": -1}
_REL_OFF = {"this": 0, "current": 0, "the": 0, "next": 1, "following": 1, "the following": 1,
            "last": -1, "previous": -1, "past": -1}


def _month_part(m: re.Match[str], c: _C) -> _C | None:
    """Fill the month (or year) written after "of" in the week and nth-weekday rules."""
    g = m.groupdict()
    if g.get("m"):
        c.m = _month_num(m["m"])
        c.y = _year_of(m["y"])
        c.unit = "month"
        return c if c.m else None
    if g.get("mrel"):
        c.unit, c.mode = "month", str(_REL_OFF[re.sub(r"\s+", " ", m["mrel"].lower())])
        return c
    if g.get("y2"):
        c.unit, c.y = "year", int(m["y2"])
        return c
    if g.get("yrel"):
        c.unit, c.mode = "year", str(_REL_OFF[m["yrel"].lower()])
        return c
    return None


def _h_week_of(m: re.Match[str], c: _Ctx) -> _C | None:
    """the first week of July (2016), the last week of this month, the second week of 2021."""
    return _month_part(m, _C(m.start(), m.end(), "weekof", n=_ORDW[m["o"].lower()]))


def _h_nth_weekday(m: re.Match[str], c: _Ctx) -> _C | None:
    """the first Friday of July, the third Wednesday of last month."""
    r = _C(m.start(), m.end(), "nthwd", n=_ORDW[m["o"].lower()], wd=_WEEKDAYS[m["wd"].lower()])
    r = _month_part(m, r)
    return r if r is not None and r.unit == "month" else None


def _h_day_of(m: re.Match[str], c: _Ctx) -> _C | None:
    """the first day of July, the last day of the month, the last day of 2024."""
    return _month_part(m, _C(m.start(), m.end(), "dayof", n=_ORDW[m["o"].lower()]))


_WEEK_PREPS = frozenset("in during from by since until till to between and of through".split())


def _h_week_n(m: re.Match[str], c: _Ctx) -> _C | None:
    """"week 10" (of 2019 / of last year): an ISO week. Without a year only after a preposition
    and not followed by "of" ("week 10 of the season" is no calendar week)."""
    r = _C(m.start(), m.end(), "weekn", n=int(m["n"]))
    if m["y2"] or m["yrel"]:
        return _month_part(m, r)
    if _prev_word(c.text, m.start()) not in _WEEK_PREPS or _next_word(
            c.text, m.end()).lower() == "of":
        return None
    r.unit = "year"
    return r


def _h_weekend(m: re.Match[str], c: _Ctx) -> _C | None:
    return _C(m.start(), m.end(), "weekend")


def _h_to_date(m: re.Match[str], c: _Ctx) -> _C | None:
    """"the year to date": the reference's year up to the reference (as "earlier this year")."""
    return _C(m.start(), m.end(), "relunit", n=0, unit="year", mode="earlier")


def _h_relunit(m: re.Match[str], c: _Ctx) -> _C | None:
    unit = m["u"].lower()
    if m["ea"]:
        mode = m["ea"].lower()  # earlier / later
        off = 0
    else:
        rel = m["rel"].lower()
        if rel == "past" and (unit != "quarter" or _prev_word(c.text, m.start()) in (
                "a", "an", "any", "each", "every", "one", "some")):
            return None  # "the past year/week": the twelve months, the seven days up to now;
            # "in any past quarter": no one quarter
        off = {"last": -1, "previous": -1, "next": 1, "coming": 1, "upcoming": 1, "this": 0,
               "current": 0, "past": -1}[rel]
        mode = None
    return _C(m.start(), m.end(), "relunit", n=off, unit=unit, mode=mode)


# --- the grammar ---------------------------------------------------------------------------------

_Handler = Callable[[re.Match[str], _Ctx], "_C | None"]
_NOT_QUARTER = r"[\s-]+centur|-(?:finals?|mile)\b"
"""After "quarter": no quarter of a year ("the past quarter century", "third quarter-final")."""
_HOLIDAY_YREL = r"|\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year\b"
_MONTH_REF = (
    r"(?:{mon}(?:,?\s+(?P<y>" + _YEAR4 + r"))?\b|(?P<mrel>this|next|last|previous|the\s+following"
    r"|the)\s+month\b|(?P<y2>" + _YEAR4 + r")\b|(?P<yrel>this|next|last|previous)\s+year\b)")


def _grammar(mon_alt: str = _MON_ALT) -> list[tuple[re.Pattern[str], _Handler]]:
    wd = rf"(?:\b(?P<wd>{_WD_ALT})\b\.?,?\s+)"
    rules: list[tuple[str, _Handler]] = [
        # January 8, 2025 / Wednesday, Jan. 8 / January 8-10 / January 8 to February 2, 2025
        (rf"{wd}?(?:\b(?:the|this)\s+)?\b{_mon('m', mon_alt)}(?:\s*|\s*[-/,]\s*)(?:the\s+)?"
         rf"(?:(?<![\w$€£.,:])(?P<d>[0-3]?\d){_ORD}\b{_NO_UNIT}|(?P<dw>{_DAYWORD_ALT})\b"
         rf"|(?P<dc>{_DAYCARD_ALT})\b)"
         rf"(?:{_RSEP}(?:{_mon('m2', mon_alt)}\s*)?{_day('d2')})?"
         rf"(?:\s*,?\s*(?:(?:of|in)\s+)?(?P<y>{_YEAR4}){_YEAR_END}|\s*(?P<yy>['’]\d\d)\b"
         rf"|\s+of\s+(?P<yy2>\d\d)\b|-(?P<y3>{_YEAR4})\b)?", _h_mdy),
        # from 4 to January 22, 1995
        (rf"\b(?P<pre>from|between)\s+(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
         rf"(?P<sep>{_RSEP_AND})(?:the\s+)?\b{_mon('m', mon_alt)}\s*(?:the\s+)?"
         rf"(?<![\w$€£.,:])(?P<d2>[0-3]?\d){_ORD}\b{_NO_UNIT}"
         rf"(?:\s*,?\s*(?P<y>{_YEAR4}){_YEAR_END})?", _h_day_to_mdy),
        # the second of January, first of May 2024
        (rf"(?:\bthe\s+)?\b(?P<dw>{_DAYWORD_ALT})\s+of\s+{_mon('m', mon_alt)}"
         rf"(?:\s*,?\s*(?:(?:of|in)\s+)?(?P<y>{_YEAR4}){_YEAR_END})?", _h_dayword),
        # Dec31, 1994
        (rf"(?<![\w$€£.,/:#@+-])(?P<m>{mon_alt})(?P<d>[0-3]?\d)(?![\w%]|[.,/:\-]\d)"
         rf"\s*,?\s*(?P<y>{_YEAR4}){_YEAR_END}", _h_glued),
        # in nineteen ninety six, August two thousand and fifteen
        (rf"(?:(?:(?:\b(?P<dw0>{_DAYWORD_ALT})|(?<![\w$€£.,:/])(?P<d0>[0-3]?\d)(?:st|nd|rd|th)?)"
         rf"\s+(?:of\s+)?)?\b{_mon('m', mon_alt)}\.?\s*(?:the\s+)?"
         rf"(?:(?<![\w$€£.,:])(?P<d>[0-3]?\d){_ORD}\b|(?P<dw>{_DAYWORD_ALT})\b"
         rf"|(?P<dc>{_DAYCARD_ALT})\b)?\s*,?\s*(?:of\s+)?)?"
         rf"\b(?:{_SPELLED_YEAR})\b(?![\w-]|\s+(?:hundred|thousand)\b)", _h_spelled_year),
        # 2019-sep-1, 2019/Sep/01
        (rf"(?<![\w/.:,$-])(?P<y>{_YEAR4})(?P<s>[-/]){_mon('m', mon_alt)}(?P=s)"
         rf"(?P<d>[0-3]?\d)\b(?![/.:,\-]\d)", _h_ymond),
        # 8 January 2025 / the 8th of January / from 8 to 10 January / 8-Jan-2025
        (rf"(?:\b(?P<pre>from|between)\s+)?{wd}?(?:\b(?P<the>the)\s+)?{_day('d')}"
         rf"(?:(?P<sep>{_RSEP_AND})(?:the\s+)?{_day('d2')})?"
         rf"(?:\s+day\s+of\s+|\s+of\s+|\s+|-|/|\.\s*)(?:de\s+)?{_mon('m', mon_alt)}"
         rf"(?:(?:\s*,?\s*|-|/|\s+de\s+|\s+(?:of|in)\s+)(?P<y>{_YEAR4}){_YEAR_END}"
         rf"|\s+of\s+(?P<yy>\d\d)\b)?", _h_dmy),
        # January / January 2025 / last March / Jan '25
        (rf"(?:\b(?P<rel>last|next|this|coming)\s+)?\b{_mon('m', mon_alt)}"
         rf"(?:[ \t]*,?\s+(?:of\s+)?(?P<y>{_YEAR4}){_YEAR_END}|\s*(?P<yy>['’]\d\d)\b"
         rf"|[-/](?P<y4>{_YEAR4})\b(?![.,/:\-]\d)|\s+(?P<y2d>[3-9]\d)\b(?![\w%]|[.,/:\-]\d)"
         r"|\s+(?:of\s+)?(?P<yrel>next|last|this)\s+year\b)?", _h_month),
        # 2016 June, 2016, Nov
        (rf"(?<![\w$€£¥.,/:+'’#-])(?P<y>{_YEAR4})[ \t]*,?[ \t]*{_mon('m', mon_alt)}"
         r"(?![ \t]*(?:\d|[A-Z]))", _h_year_month),
        # June-August 1992, Jan-Feb 2017, Nov-Feb 5th, 2017, Nov. 5-Feb 2017, Nov-5 Feb 2017
        (rf"\b{_mon('m', mon_alt)}(?:\s*(?<![\w$€£.,:])(?P<d1>[0-3]?\d){_ORD}\b)?"
         rf"\s*[-–—]\s*(?:(?P<d0>[0-3]?\d){_ORD}\s+)?{_mon('m2', mon_alt)}"
         rf"(?:\s*(?<![\w$€£.,:])(?P<d>[0-3]?\d){_ORD}\b{_NO_UNIT})?"
         rf"(?:\s*,?\s*(?P<y>{_YEAR4}){_YEAR_END})?", _h_month_range),
        # 2025-01-08, 08/01/2025, 1/8/25, 2025-01-08T10:00
        (r"(?<![\w/.:,$€£+\-])(?P<a>\d{1,4})(?P<s>[/.\-])(?P<b>\d{1,2})(?P=s)(?P<c>\d{1,4})"
         r"(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
         r"(?![\w%]|[/.:,\-]\d)", _h_num),
        # On 2016 10 16
        (rf"(?<![\w/.:,$€£+\-])(?P<y>{_YEAR4})[ \t](?P<m>0?[1-9]|1[0-2])[ \t](?P<d>[0-3]?\d)"
         r"(?![\w%]|[/.:,\-]\d)", _h_ymd_spaced),
        # on 4/22
        (rf"(?<![\w/.:,$€£+\-])(?P<a>\d{{1,2}})(?P<s>[/-])(?P<b>\d{{1,2}})"
         rf"(?:,[ \t]*(?P<y>{_YEAR4})\b)?(?![\w%]|[/.:,\-]\d)", _h_num_noyear),
        # 10/1/2018-10/7/2018, from 5/1-5/7, 2020, between 10/1-11/7
        (rf"(?<![\w/.:,$€£+\-])(?P<a1>\d{{1,2}})/(?P<b1>\d{{1,2}})(?:/(?P<c1>{_YEAR4}))?\s*[-–]\s*"
         rf"(?P<a2>\d{{1,2}})/(?P<b2>\d{{1,2}})(?:/(?P<c2>{_YEAR4})|,[ \t]*(?P<c3>{_YEAR4}))?"
         r"(?![\w%]|[/.:,\-]\d)", _h_num_range),
        # 2025-01, 2025/01, 01/2025, 1-2025
        (rf"(?<![\w/.:,$€£+\-])(?:(?P<y>{_YEAR4})(?:-(?P<m1>[1-9])|(?:-|\s*/\s*)(?P<m>0[1-9]|1[0-2]))"
         rf"|(?P<m2>0?[1-9]|1[0-2])\s*[-/]\s*(?P<y2>{_YEAR4}))(?![\w%]|[/.:,\-]\d)",
         _h_iso_month),
        # 2019–2021, from 2019 to 2021, 2019-20
        (rf"(?:\b(?P<pre>from|between)\s+)?(?<![\w$€£¥.,/:+'’#])(?P<y1>{_YEAR4})"
         rf"(?P<sep>{_RSEP_AND})(?P<y2>{_YEAR4}|\d\d)\b(?![.,/:\-]\d|%)", _h_year_range),
        # in 2024, 2024's
        (rf"(?<![\w$€£¥.,/:+'’#])(?<!\d-)(?P<y>{_YEAR4})(?P<pos>['’]s)?(?![\w%°]|[.,/:\-]\d)",
         _h_year),
        # the 1990s, the '90s, the nineties, the 1800s
        (r"(?:\b(?P<the>the)\s+)?(?:(?<![\w$'’])(?P<y>1\d\d0|20\d0)s\b|['’](?P<yy>\d0)s\b"
         r"|\b(?:nineteen[\s-]+)?(?P<w>twenties|thirties|forties|fifties|sixties|seventies"
         r"|eighties|nineties)\b)", _h_decade),
        # the 19th century, the twentieth century
        (r"\b(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>(?:twenty[\s-]+)?(?:first|second"
         r"|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
         r"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)))"
         r"[\s-]+century\b", _h_century),
        # Q1 2025, 2025 Q1, the first quarter (of 2025 / of this year), next quarter (below)
        (rf"(?<![\w$])(?:Q(?P<q>[1-4])(?:\s*[-/']?\s*(?P<y>{_YEAR4}|['’]\d\d)\b"
         r"|\s+(?P<qrel>this|last|next)\s+year\b)?"
         rf"|(?P<y0>{_YEAR4})\s*[-/]?\s*Q(?P<q0>[1-4]))\b"
         rf"|(?:(?<![\w$€£¥.,/:+'’#-])(?P<y1>{_YEAR4})(?:['’]s|\s+the)\s+"
         rf"|\b(?:the\s+|(?P<ry>this|last|next)\s+year['’]s\s+)?)"
         rf"(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b(?!{_NOT_QUARTER})"
         rf"(?:(?:\s+of)?\s+(?P<y2>{_YEAR4})\b|\s+of\s+(?P<rel>this|last|next|the)\s+year\b"
         rf"|\s+(?P<rel2>this|last|next)\s+year\b)?",
         _h_quarter),
        # the first half of 2025, H1 2025
        (rf"\b(?:the\s+)?(?P<h>first|second|1st|2nd)\s+half\s+of\s+(?:(?P<y>{_YEAR4})\b"
         rf"|(?P<rel>this|last|next|the)\s+year\b)|\bH(?P<h2>[12])\s*(?P<y2>{_YEAR4})\b"
         rf"|(?<![\w$.,/])(?P<y3>{_YEAR4})\s*-?\s*H(?P<h3>[12])\b",
         _h_half),
        # summer 2024, the summer of 2024, last winter
        (rf"(?:\b(?P<rel>last|this|next|past|coming)\s+)?(?:\b(?P<the>the)\s+)?\b"
         rf"(?P<s>spring|summer|autumn|fall|winter)\b(?:\s+of)?(?:\s+(?P<y>{_YEAR4}){_YEAR_END})?",
         _h_season),
        # today, yesterday, tomorrow, last night
        (r"\b(?:(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow)"
         r"|(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?"
         r"|today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night)\b", _h_relday),
        # Tuesday (of) next week, next week (on) Tuesday
        (rf"\b(?P<wd>{_WD_ALT})\b\.?,?\s+(?:of\s+)?(?:the\s+)?(?P<rel>last|next|this|previous)"
         rf"\s+week\b|\b(?P<rel2>last|next|this|previous)\s+week\b\s*(?:-|,)?\s*(?:on\s+)?"
         rf"(?P<wd2>{_WD_ALT})\b", _h_weekday_week),
        # from Tue to Thur, between Sat and Thu
        (rf"\b(?P<pre>from|between)\s+(?P<wd>{_WD_ALT})\b\.?(?P<sep>{_RSEP_AND})"
         rf"\b(?P<wd2>{_WD_ALT})\b", _h_weekday_range),
        # Friday the 26th
        (rf"\b(?P<wd>{_WD_ALT})\b\.?,?\s+(?:(?P<the>the)\s+)?(?:(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b"
         rf"|(?P<dw>{_DAYWORD_ALT})\b|(?P<dc>{_DAYCARD_ALT})\b)", _h_weekday_day),
        # Tuesday, last Tuesday, next Friday morning
        (rf"(?:\b(?P<mod>last|next|this|past|coming|previous)\s+)?\b(?P<wd>{_WD_ALT})\b"
         r"(?:\s+(?:morning|afternoon|evening|night)\b)?", _h_weekday),
        # (on) the 8th
        (r"(?:\b(?P<the>the)\s+)?(?<![\w.,$])(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b(?P<dw>(?!))?"
         r"(?P<of>\s+of\s+(?:this|the)\s+month\b)?",
         _h_the_day),
        # (on) the twenty-second
        (rf"\b(?P<the>the)\s+(?P<d>(?!))?(?P<dw>{_DAYWORD_ALT})\b"
         rf"(?P<of>\s+of\s+(?:this|the)\s+month\b)?", _h_the_day),
        # the 20th of next month, from 4 to 22 this month, the 15th day of the month
        (rf"(?:\b(?P<pre>from|between)\s+)?(?:\bthe\s+)?(?<![\w.,$/:])(?:(?P<d>[0-3]?\d)"
         rf"(?P<o>st|nd|rd|th)?\b|(?P<dw>{_DAYWORD_ALT})\b)(?:(?P<sep>{_RSEP_AND})(?:the\s+)?"
         rf"(?:(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b|(?P<dw2>{_DAYWORD_ALT})\b))?(?:\s+day)?"
         r"\s+(?P<of>(?:of|in)\s+)?(?:the\s+(?=(?:current|next|last|previous)\b))?"
         r"(?P<rel>this|current|next|last|previous|the)\s+month\b", _h_month_day),
        # now, only as the end of a range
        (r"(?<![\w'’])now\b(?!['’])", _h_now),
        # the next day, the day before: relative to the previous date of the text
        (r"\bthe\s+(?:(?P<a>next|following|previous|preceding)\s+day|day\s+(?P<b>before|after))"
         r"\b(?!\s+(?:yesterday|tomorrow)\b)", _h_anaphor),
        # second Sunday (of the reference month)
        (r"\b(?P<o>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+(?P<wd>monday|tuesday"
         r"|wednesday|thursday|friday|saturday|sunday)\b", _h_nth_weekday_bare),
        # two Sundays from now
        (rf"\b(?P<n>\d|{_NUM_ALT})\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday"
         r"|sunday)s from now\b", _h_weekdays_from_now),
        # two days later, a week earlier
        (rf"\b(?P<n>\d{{1,2}}|{_NUM_ALT})\s+(?P<u>days?|weeks?)\s+(?P<dir>later|earlier)\b",
         _h_anaphor_n),
        # the following Friday, the following week
        (r"\b(?:the\s+)?following\s+(?:(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday"
         rf"|sunday)|(?P<u>week|month|quarter|year))\b(?!\s+of\b|{_NOT_QUARTER})",
         _h_anaphor_following),
        # Christmas 2024, New Year's Eve
        (rf"\b(?P<h>{_HOLIDAY_ALT})\b(?:\s*,?\s*(?P<y>{_YEAR4}){_YEAR_END}{_HOLIDAY_YREL})?",
         _h_holiday),
        # Easter 2024, Thanksgiving, Memorial Day, Easter this year
        (rf"\b(?P<h>{_MOVING_ALT})(?![\w-])(?:\s*,?\s*(?P<y>{_YEAR4}){_YEAR_END}"
         rf"{_HOLIDAY_YREL})?", _h_moving),
        # two weeks ago, 3 days from now
        (rf"\b(?P<n>\d{{1,3}}|{_NUM_ALT}|(?:a\s+)?few|several)\s+"
         r"(?P<u>days?|weeks?|months?|years?|decades?)\s+"
         r"(?P<dir>ago|from\s+now|hence|(?:after|from|before)\s+(?P<base>today|tomorrow"
         r"|yesterday))\b", _h_ago),
        # in two weeks, in 3 days' time (a date only when said of the future: see _h_in)
        (rf"\bin\s+(?P<n>\d{{1,3}}|{_NUM_ALT}|(?:a\s+)?few)\s+(?P<u>days?|weeks?|months?|years?)"
         r"(?P<time>\s*['’]\s*(?:s\s+)?time\b|\s+time\b)?", _h_in),
        # last month, this week, next year, earlier this month, later in the week
        (r"\b(?:(?P<ea>earlier|later)\s+(?:this|in\s+the)\s+|(?P<rel>last|previous|next|coming"
         r"|upcoming|this|current|past)\s+)(?:calendar\s+)?(?P<u>week|weekend|month|year|quarter)\b"
         rf"(?!\s+of\b|{_NOT_QUARTER})", _h_relunit),
        # the year to date, year-to-date
        (r"\b(?:the\s+)?(?P<u>year)[\s-]+to[\s-]+date\b", _h_to_date),
        # the first week of July, the last week of this month, the second week of 2021
        (rf"\b(?:the\s+)?(?P<o>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+"
         rf"week\s+(?:of|in)\s+{_MONTH_REF.format(mon=_mon('m', mon_alt))}", _h_week_of),
        # the first Friday of July, the third Wednesday of last month
        (rf"\b(?:the\s+)?(?P<o>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+"
         rf"(?P<wd>{_WD_ALT})\s+(?:of|in)\s+{_MONTH_REF.format(mon=_mon('m', mon_alt))}",
         _h_nth_weekday),
        # the first day of July, the last day of the month, the last day of 2024
        (rf"\b(?:the\s+)?(?P<o>first|last)\s+day\s+(?:of|in)\s+"
         rf"{_MONTH_REF.format(mon=_mon('m', mon_alt))}", _h_day_of),
        # week 10, week 3 of 2027, week 27 of last year
        (rf"\bweek\s+(?P<n>[1-9]|[1-4]\d|5[0-3])\b(?!\s*[.,:/]\d)(?:\s+(?:of|in)\s+"
         rf"(?:(?P<y2>{_YEAR4})\b|(?P<yrel>this|next|last|previous)\s+year\b))?", _h_week_n),
        # the weekend (this/next/last weekend: below)
        (r"\bthe\s+weekend\b(?!\s+of\b)", _h_weekend),
        # the end of the year, the beginning of this month, the rest/remainder of the week
        (r"\b(?:the\s+)?(?P<mod>end|beginning|start|middle|rest|remainder)\s+of\s+"
         r"(?:(?:the|this)\s+)?"
         r"(?P<u>week|month|year|quarter)\b(?!\s+(?:of|before|after|\d|one|two|three)\b)",
         _h_unit_part),
        # the past three weeks, the next 10 days
        (rf"\b(?:the\s+)?(?P<dir>next|past|last|previous|coming)\s+(?P<n>\d{{1,3}}|{_NUM_ALT}"
         rf"|few|several)\s+(?P<u>days|weeks|months|years)\b", _h_span),
    ]
    return [(re.compile(p, _FLAGS), h) for p, h in rules]


_NEEDS: dict[_Handler, tuple[str, ...]] = {
    _h_month_day: ("month",), _h_anaphor: ("day",), _h_anaphor_n: ("later", "earlier"),
    _h_anaphor_following: ("following",), _h_weekdays_from_now: ("s from now",),
    _h_nth_weekday_bare: ("day",), _h_decade: ("0s", "ties"),
    _h_nth_weekday: ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),  # "the first Mon of July"
    _h_century: ("centur",), _h_half: ("half", "h1", "h2"),
    _h_season: ("spring", "summer", "autumn", "fall", "winter"),
    _h_ago: ("ago", "hence", "from", "after", "before"),
    _h_relunit: ("week", "month", "year", "quarter"), _h_week_of: ("week",),
    _h_week_n: ("week",), _h_weekend: ("weekend",), _h_day_of: ("day",), _h_to_date: ("date",),
    _h_unit_part: ("end", "beginning", "start", "middle", "rest", "remainder"),
    _h_span: ("days", "weeks", "months", "years"), _h_quarter: ("q",), _h_now: ("now",),
    _h_weekday_week: ("week",), _h_in: ("day", "week", "month", "year"),
}
"""Lower-case strings that every match of a rule contains, as read in `_fold(text)` (the
text in lower case, offset for offset, with "ſ", "İ"... as the letter the regex reads them
as): a window without any of them is not searched with that rule. Each one is checked against
the rule's regex in tests/test_dates_speed_invariants.py."""
_LOCAL_MONTHS: dict[str, int] = {}
_GRAMMAR_EN = _grammar()

# --- prefix / suffix attachments ------------------------------------------------------------------

_MOD_BEFORE = re.compile(
    r"(?<![\w])(?P<mod>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of|(?:end|beginning"
    r"|start|middle)\s+of|around|about|circa|c\.|approximately|roughly)(?:\s*-\s*|\s+)"
    r"(?:the\s+)?$", _FLAGS)
_MOD_KIND = {"early": "early", "beginning": "early", "start": "early", "mid": "mid",
             "middle": "mid", "late": "late", "end": "late"}
_HOUR_WORDS = {w: i for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split(), 1)}
_MIN_WORDS = dict(_HOUR_WORDS)
_MIN_WORDS.update({w: i for i, w in enumerate(
    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(), 13)})
_MIN_WORDS.update({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "oh": 0})
_HW_ALT = "twelve|eleven|ten|one|two|three|four|five|six|seven|eight|nine"
_MU_ALT = "one|two|three|four|five|six|seven|eight|nine"
_MW_ALT = (rf"oh[\s-]+(?:{_MU_ALT})|(?:twenty|thirty|forty|fifty)(?:[\s-]+(?:{_MU_ALT}))?"
           r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen")
_OCLOCK = r"o['’]?\s?clock\b"
# A time of day. Which forms stand alone and which need "at" is decided in `_time_of`.
_TIME = (
    # 3 p.m., 8:00:31am, 9:30 a.m., 9a / 9:30p (after "at" only)
    r"(?<![\w:.$€£])(?P<h>1[0-2]|0?\d)(?:[:.](?P<mi>[0-5]\d)(?::[0-5]\d)?)?"
    r"(?:\s*(?P<ap>[ap])(?:\.\s?m\b\.?|\s?m\b)|(?P<apx>[ap])\b(?!\.\w))"
    # 15:30, 17:49:19, 10h30
    r"|(?<![\w:.$€£])(?P<h24>[01]?\d|2[0-3])[:h](?P<mi24>[0-5]\d)(?::[0-5]\d)?\b(?![:.,]\d)"
    r"|\b(?P<nn>noon|midday|midnight)\b"
    # half past six, a quarter to eight, 20 past 7, thirty-five minutes past seven
    rf"|\b(?:(?P<half>half)|(?:a\s+)?(?P<qu>quarter)|(?P<fm>[1-5]?\d|{_MW_ALT}|{_MU_ALT})"
    r"(?P<fmin>\s+minutes?)?)\s+(?P<dir>past|after|to|before)\s+"
    rf"(?P<fh>1[0-2]|0?[1-9]|{_HW_ALT})\b(?:\s*{_OCLOCK})?"
    # nine thirty p.m., six pm, seven twenty-seven, five-thirty, nine o'clock
    rf"|\b(?P<hw>{_HW_ALT})(?:(?P<hsep>[\s-]+)(?P<mw>{_MW_ALT})(?:\s+minutes\b)?)?\b"
    rf"(?:\s*(?P<ap2>[ap])(?:\.\s?m\b\.?|\s?m\b)|\s*(?P<oc>{_OCLOCK}))?"
    # at 2.30 (see `_time_of`)
    r"|(?<![\w:.$€£])(?P<hd>2[0-3]|[01]?\d)\.(?P<mid>[0-5]\d)\b(?![.,:]\d)"
    # 9 o'clock, at 10
    rf"|(?<![\w:.$€£])(?P<hb>2[0-3]|[01]?\d)(?![.:,]?\d)(?:\s*(?P<oc2>{_OCLOCK}))?"
)
_DAYPART = r"(?:morning|afternoon|evening|night)\b"
_TIME_AFTER = re.compile(
    rf",?\s*(?:(?P<dp0>(?:(?:early|late)\s+)?(?:in\s+the\s+)?{_DAYPART})\s*,?\s*)?"
    r"(?P<prep>(?:(?:at|around|about|from|between|by|for|on)\s+|@\s*){0,2})"
    rf"(?:{_TIME})"
    rf"(?P<dp>\s*,?\s*(?:(?:in\s+the|this|at|early|late)\s+)*{_DAYPART}|\s+tonight\b)?", _FLAGS)
_TIME_BEFORE = re.compile(
    r"(?P<prep>(?:\b(?:at|around|about|from|by)\s+|@\s*){0,2})"
    rf"(?P<t>{_TIME})(?-i:\s+[A-Z]{{2,4}}T?)?,?\s+(?:on\s+)?$", _FLAGS)
_TIME_BEFORE_AT_WORD = re.compile(rf"(?:(?<!\w)|(?=@))(?:{_TIME_BEFORE.pattern})", _FLAGS)
"""`_TIME_BEFORE`, tried only where it can start: "@", or no word character before (each of its
ways in opens with \\b before a word character or a lookbehind for no word character)."""


_TIME_HINT = re.compile(rf"\d|noon|midday|midnight|{_HW_ALT}")
"""What every match of `_TIME` holds, read in `_fold(text)`: a digit, "noon", "midday",
"midnight" or an hour in words."""


def _time_before(text: str, pos: int) -> re.Match[str] | None:
    """`_TIME_BEFORE.search(text, max(0, pos - 40), pos)`, faster: it ends with whitespace,
    holds a `_TIME_HINT`, and is not tried inside words (where it fails after trying every
    time of day)."""
    lo = max(0, pos - 40)
    if not pos or not text[pos - 1].isspace() or _TIME_HINT.search(_fold(text[lo:pos])) is None:
        return None
    return _TIME_BEFORE_AT_WORD.search(text, lo, pos)


_WEAK_END = re.compile(
    r"\s*(?:[.,;!?)\]](?!\d)|$|h\b|local\b|(?:gmt|utc|bst|cet|cest|[ecmp][sd]t)\b|tonight\b"
    r"|and\b|until\b|when\b|with\b|for\b|or\b|to\s+(?:\d{1,2}(?::\d\d|\s*[ap]\.?\s?m\b)|noon\b"
    r"|midnight\b))", _FLAGS)
_CLAUSE_STOP = re.compile(r"\s*(?:[.!?;]|$)")
_DAYPART_WORD = re.compile(r"\b(tonight|morning|afternoon|evening|night)\b", _FLAGS)
_WEAK_PREPS = frozenset("at around about @".split())

_RANGE_GAP = re.compile(
    r"\s*(?:-|–|—|to|until|till|through|thru|and)\s*(?:the\s+)?", _FLAGS)
_RANGE_PRE = re.compile(r"\b(?P<pre>from|between)\s+(?:the\s+)?$", _FLAGS)
_RANGE_PRE_AT = re.compile(r"(?:from|between)\s", _FLAGS)
_MERGEABLE = frozenset({"date", "year", "quarter", "season", "decade", "century", "half", "day"})
_DAYISH = frozenset({"relday", "weekday", "day", "now"})
"""Kinds that can be merged with each other and with a day date ("from May 2 to today")."""


def _mergeable(a: _C, b: _C) -> bool:
    if a.kind == b.kind and a.kind in _MERGEABLE:
        return True
    da = a.kind in _DAYISH or (a.kind == "date" and bool(a.d))
    db = b.kind in _DAYISH or (b.kind == "date" and bool(b.d))
    return da and db


# Every English expression contains one of these; the grammar only runs around them (speed).
_TRIGGER = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun"
    r"|today|tonight|yesterday|tomorrow|spring|summer|autumn|fall|winter|\w+ties\b|centur"
    r"|quarter|half|ago\b|days\b|week|month|year|morning|afternoon|evening|night|first|second|third"
    r"|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|twentieth"
    r"|christmas|boxing|new\s+year|valentine|halloween|bastille|juneteenth|armistice|veterans"
    r"|independence|seventeen|eighteen|nineteen|twenty|thousand|all\s+saints|international\s+workers|easter|good\s+friday|palm|ash\s+wed"
    r"|ascension"
    r"|pentecost|whit|thanksgiving|memorial|labor|luther|mlk|president|mother|father|columbus)",
    _FLAGS)
_WIN = 90
_SPACE = re.compile(r"\s")

# Scanning _TRIGGER itself tries every alternative, case-insensitively, at every word start. The
# scan used instead finds exactly the same matches several times faster: it stops only at a
# digit or at the non-word character before a word, and tries the words as a tree of
# case-sensitive character classes, which the regex engine rejects without entering them. A
# `\w+…` alternative ("twenties", "fifteenth") is part of it only for a text holding its ending.
_CASE_VARIANTS = {"i": "İı", "k": "\u212a", "s": "ſ"}
"""What else a lower-case letter matches case-insensitively (dotted/dotless i, Kelvin, long s)."""
_TRIGGER_TOKEN = re.compile(r"\\w\+(?P<tail>[a-z]+)(?:\\b)?$|\\s\+|\\b|[a-z]")


def _trigger_alternatives() -> tuple[list[list[str]], dict[str, re.Pattern[str]]] | None:
    """_TRIGGER's word alternatives as token lists, and for each `\\w+…` alternative a search
    for its ending; None when _TRIGGER is not written as `\\d|\\b(?:alt|alt…)` (its plain scan
    is then used)."""
    head, sep, body = _TRIGGER.pattern.partition(r"\b(?:")
    if head != r"\d|" or not sep or not body.endswith(")") or \
            _TRIGGER.flags != re.IGNORECASE | re.UNICODE:
        return None
    alternatives: list[list[str]] = []
    tails: dict[str, re.Pattern[str]] = {}
    for alternative in body[:-1].lower().split("|"):
        tokens, at = [], 0
        while at < len(alternative):
            token = _TRIGGER_TOKEN.match(alternative, at)
            if token is None or (token["tail"] and at > 0):
                return None
            tokens.append(token.group())
            at = token.end()
        if not tokens or tokens[0] in (r"\s+", r"\b"):
            return None
        if tokens[0].startswith("\\w"):
            tails[tokens[0]] = re.compile(token["tail"], _TRIGGER.flags)
        alternatives.append(tokens)
    return alternatives, tails


_TRIGGER_PARTS = _trigger_alternatives()


def _several_words() -> re.Pattern[str]:
    """A word of _TRIGGER followed by spaces and another word ("new" of "new year"), and
    spaces, at the end, in `_fold(text)`."""
    words = {"".join(tokens[:at]).rsplit(r"\s+", 1)[-1].replace(r"\b", "")
             for tokens in (_TRIGGER_PARTS[0] if _TRIGGER_PARTS else [])
             for at, token in enumerate(tokens) if token == r"\s+"}
    return re.compile(f"(?:{'|'.join(sorted(words))})\\s+$" if words else "(?!)")


_SEVERAL_WORDS = _several_words()


def _token_regex(token: str) -> str:
    if len(token) == 1:  # a letter, in every case it matches
        return f"[{token}{token.upper()}{_CASE_VARIANTS.get(token, '')}]"
    return f"(?i:{token})" if token.startswith("\\w") else token


def _exclusive(a: str, b: str) -> bool:
    """Two tokens that cannot both match at one place (distinct letters, a letter and spaces)."""
    return a != b and ((len(a) == 1 and (len(b) == 1 or b == r"\s+"))
                       or (a == r"\s+" and len(b) == 1))


def _alternation(alternatives: list[list[str]]) -> str:
    """Alternatives tried in order, as one regex whose common prefixes are shared wherever that
    cannot change which alternative matches first."""
    children: list[tuple[str, list[list[str]] | None]] = []  # (first token, the rests)
    for tokens in alternatives:
        if not tokens:
            children.append(("", None))  # ends here: always matches, so nothing after counts
            continue
        first = tokens[0]
        for token, rests in reversed(children):
            if token == first and rests is not None and not first.startswith("\\w"):
                rests.append(tokens[1:])
                break
            if not _exclusive(first, token):
                children.append((first, [tokens[1:]]))
                break
        else:
            children.append((first, [tokens[1:]]))
    parts = []
    for token, rests in children:
        if rests is None:
            parts.append("")
            break
        parts.append(_token_regex(token) + _alternation(rests))
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


@lru_cache(maxsize=8)
def _trigger_scan(words: frozenset[str]) -> re.Pattern[str]:
    """The scan for a text where of the `\\w+…` alternatives only `words` may match. Run on
    " " + text; group 1 is a word matched, else the match is a digit."""
    assert _TRIGGER_PARTS is not None
    alternatives = _TRIGGER_PARTS[0]
    letters = list(dict.fromkeys(t[0] for t in alternatives if len(t[0]) == 1))
    tree: list[list[str]] = []
    for tokens in alternatives:
        if len(tokens[0]) == 1:
            tree.append(tokens)
        elif tokens[0] in words:  # "\w+ties\b" after each letter, in its place in the order
            tree.extend([letter, "\\w*" + tokens[0][3:]] for letter in letters)
    pattern = _alternation(tree)
    if words:  # a word starting with any other character (digits are matched one by one)
        anyword = "|".join(t[0] for t in alternatives if t[0] in words)
        pattern = f"(?:{pattern}|(?!\\d)(?i:{anyword}))"
    return re.compile(rf"[\d\W](?:(?<=\d)|({pattern}))")


def _trigger_words(folded: str) -> frozenset[str]:
    """The `\\w+…` alternatives of _TRIGGER whose ending is in `folded` (`_fold(text)`, which
    holds the ending wherever the case-insensitive alternative finds it); the others cannot
    match."""
    assert _TRIGGER_PARTS is not None
    return frozenset(word for word, tail in _TRIGGER_PARTS[1].items() if tail.pattern in folded)


def _trigger_spans(text: str, folded: str | None = None) -> list[tuple[int, int]]:
    """The [start, end) of every match of _TRIGGER in `text`, in order."""
    if _TRIGGER_PARTS is None:
        return [m.span() for m in _TRIGGER.finditer(text)]
    scan = _trigger_scan(_trigger_words(_fold(text) if folded is None else folded))
    return [_span(m) for m in scan.finditer(" " + text)]


def _windows(text: str, folded: str | None = None) -> list[tuple[int, int]]:
    """Disjoint stretches of `text` around trigger words, cut at whitespace (`folded`: the
    text's `_fold`, if known): those `_windows_of(text, _trigger_spans(text))` gives.

    News paragraphs are dense with triggers: from a trigger, the search for another one starts
    _WIN past it, and only where none is found within 2 * _WIN (where a window may end) are
    the triggers read one by one (`_window_end`)."""
    if _TRIGGER_PARTS is None:
        return _windows_of(text, _trigger_spans(text))
    if folded is None:
        folded = _fold(text)
    tails = _trigger_words(folded)
    scan = _trigger_scan(tails)
    padded = " " + text  # as `_trigger_spans` scans it
    n = len(text)
    out = []
    m = scan.search(padded)  # the first match of `finditer`
    while m is not None:  # a match of `finditer` that starts a window
        start = max(0, _span(m)[0] - _WIN)
        end, m = _window_end(scan, padded, folded, bool(tails), m)
        if end < n:
            sp = _SPACE.search(text, end)
            end = sp.start() if sp else n
        out.append((start, min(end, n)))
    return out


def _span(m: re.Match[str]) -> tuple[int, int]:
    """The trigger span in the text of a match of `_trigger_scan` in " " + text."""
    start, end = m.span(1) if m.lastindex else m.span()
    return start - 1, end - 1


def _window_end(scan: re.Pattern[str], padded: str, folded: str, tails: bool,
                m: re.Match[str]) -> tuple[int, re.Match[str] | None]:
    """The end (before it is taken to a space) of the window holding `m`, a match of
    `scan.finditer(padded)`, and the match of it that starts the next window (None: none).

    A match of the scan searched from any position starts at a point of some trigger span
    [A_s, A_e] (one that `finditer` does not find starts inside one it finds), so A's window
    holds [point - _WIN, point + _WIN]: points no more than 2 * _WIN apart are in one window.
    Past the last of them, the triggers are read one by one with `finditer` from a match it
    finds (`_found_by_finditer`; else from `m`), until a trigger's window starts after the
    end of the window so far (the next window), or one starts _WIN past that point (points
    are searched for again from there)."""
    n = len(padded) - 1
    while True:
        point, last = _span(m)[0], None
        while point + _WIN < n:
            hit = scan.search(padded, point + _WIN)  # at or after text[point + _WIN - 1]
            if hit is None or _span(hit)[0] > point + 2 * _WIN:
                break
            point, last = _span(hit)[0], hit
        else:
            return n, None  # the window reaches the end of the text
        if last is not None and _found_by_finditer(last, padded, folded, tails):
            m = last
        end = _span(m)[1] + _WIN
        for u in scan.finditer(padded, m.end()):
            u_start, u_end = _span(u)
            if u_start - _WIN > end:
                return end, u
            end = u_end + _WIN
            if end >= n:
                return n, None
            if u_start >= point + _WIN:
                m = u
                break
        else:
            return end, None


def _found_by_finditer(m: re.Match[str], padded: str, folded: str, tails: bool) -> bool:
    """Whether `m`, a match of `_trigger_scan(…)` searched from anywhere in `padded`, is one
    `finditer` finds too (a False may be wrong): only a word after the spaces of a trigger of
    several words ("new year", read "year" from its space) or a digit inside a `\\w+…` word
    can start inside a match `finditer` finds."""
    at = m.start()  # the character before the word, or the digit
    if m.lastindex:
        return not (padded[at].isspace()
                    and _SEVERAL_WORDS.search(folded, max(0, at - 30), at) is not None)
    return not tails or _WORD_CHAR.match(padded, at - 1) is None


def _windows_of(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The windows of `text` around the trigger `spans`."""
    out: list[list[int]] = []
    n = len(text)
    for start, end in spans:
        s, e = max(0, start - _WIN), end + _WIN
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    res = []
    for s, e in out:
        if e >= n:
            res.append((s, n))
            continue
        sp = _SPACE.search(text, e)
        res.append((s, sp.start() if sp else n))
    return res


# ---------------------------------------------------------------------------------------------
# Fast scanning
# ---------------------------------------------------------------------------------------------
#
# News text is dense with triggers, so the windows cover most of it, and scanning a window with
# every rule was most of the time of `find_dates`: the regex engine tries each rule at every
# position, and a rule that starts with optional words ("Wednesday, the January 8") or with
# case-insensitive letters has no quick first-character test. These cut that down without
# changing a single match (`_FAST = False` runs the plain scan, which the tests compare with):
#
# 1. Words a rule needs (`_WORDS_NEEDED`): a window lacking them is not scanned with the rule.
#    The clauses a window's words meet are one bitmask, which picks the rules to run from a
#    cache (`_FastRules.applicable`): no test per rule and window.
# 2. Where a match can start (`_start_chars`, worked out from the rule's own regex): each rule is
#    searched with a pattern that the engine only tries at those characters (`_Scan`; a
#    back-reference is tried as a copy of its group, `_no_backrefs`).
# 3. Digits a rule needs (`_SHAPES`: "1\d\d\d" or "2[01]\d\d" for a year, a digit, "/" and a digit
#    for "4/22"...): a window where none is found is not scanned with the rule. Each is looked
#    for once per window, with a regex opening with a literal character (as fast as str.find).
# 4. Anchors (`_ANCHORS`): a group that is one of a few words (a month, a weekday...) in every
#    match, with at most so many runs of letters before it (`_runs_before`, worked out from the
#    regex) and, for some rules, a digit (`_digit_before`). Such a rule is tried only at its
#    start characters from a few words before each such word of the window (`_Anchored`):
#    a month name shows up about once a paragraph, which the rule used to be tried at every
#    word start for.
#
# Outside the rules: `_windows` jumps from trigger to trigger _WIN apart where they are dense,
# and `_prev_word` and `_time_before` skip the places inside words where their searches
# (anchored at their end) cannot start.

_FAST = True
"""False: every rule scans every window with `finditer` (only `_NEEDS` skips some): the
reference the fast scan is tested against."""

_MONTH_WORDS = frozenset(_MONTHS)  # the words _MON_ALT matches
_WEEKDAY_WORDS = frozenset(_WEEKDAYS)  # the words _WD_ALT matches
_FULL_WEEKDAYS = frozenset(w for w in _WEEKDAYS if w.endswith("day"))
_DAY_WORD_PARTS = frozenset(p for w in _DAY_WORDS for p in w.split("-"))  # twenty, first...
_DAY_CARD_PARTS = frozenset(p for w in _DAY_CARDINALS for p in w.split("-"))  # twenty, one...
_ORD_SUFFIXES = frozenset({"st", "nd", "rd", "th"})  # as letter runs after a number: "8th"
_UNIT_WORDS = frozenset({"week", "month", "year", "quarter"})

_WORDS_NEEDED: dict[_Handler, tuple[frozenset[str], ...]] = {
    # Months: _mon() is always preceded by \b, a space, "-", "/", "." or a digit here and
    # always followed by \b.
    _h_mdy: (_MONTH_WORDS,), _h_dmy: (_MONTH_WORDS,), _h_month: (_MONTH_WORDS,),
    _h_ymond: (_MONTH_WORDS,), _h_glued: (_MONTH_WORDS,),
    _h_year_month: (_MONTH_WORDS,), _h_month_range: (_MONTH_WORDS,),
    _h_dayword: (_DAY_WORD_PARTS, frozenset({"of"}), _MONTH_WORDS),
    _h_day_to_mdy: (frozenset({"from", "between"}), _MONTH_WORDS),
    # Years in words: the century word or "thousand" ("nineteen ninety", "two thousand")
    _h_spelled_year: (frozenset("seventeen eighteen nineteen twenty thousand".split()),),
    # Weekdays
    _h_weekday: (_WEEKDAY_WORDS,), _h_nth_weekday: (_WEEKDAY_WORDS,),
    _h_weekday_range: (frozenset({"from", "between"}), _WEEKDAY_WORDS),
    _h_weekday_day: (_WEEKDAY_WORDS, _ORD_SUFFIXES | _DAY_WORD_PARTS | _DAY_CARD_PARTS),
    _h_weekday_week: (frozenset({"last", "next", "this", "previous"}), frozenset({"week"}),
                      _WEEKDAY_WORDS),
    _h_nth_weekday_bare: (_FULL_WEEKDAYS,),
    _h_weekdays_from_now: (frozenset(w + "s" for w in _FULL_WEEKDAYS), frozenset({"now"})),
    # Days and relative expressions
    _h_the_day: (_ORD_SUFFIXES | _DAY_WORD_PARTS,),  # both rules: "the 8th", "the eighth"
    _h_relday: (frozenset(
        "today tonight yesterday tomorrow morning afternoon evening night".split()),),
    _h_now: (frozenset({"now"}),), _h_anaphor: (frozenset({"day"}),),
    _h_anaphor_n: (frozenset({"later", "earlier"}), frozenset({"day", "days", "week", "weeks"})),
    _h_anaphor_following: (frozenset({"following"}),),
    _h_ago: (frozenset({"ago", "now", "hence", "today", "tomorrow", "yesterday"}),
             frozenset(unit + s for unit in ("day", "week", "month", "year", "decade")
                       for s in ("", "s"))),
    _h_span: (frozenset({"next", "past", "last", "previous", "coming"}),
              frozenset({"days", "weeks", "months", "years"})),
    # Units of the calendar
    _h_month_day: (frozenset({"month"}),), _h_relunit: (_UNIT_WORDS | {"weekend"},),
    _h_to_date: (frozenset({"year"}), frozenset({"to"}), frozenset({"date"})),
    _h_week_of: (frozenset({"week"}),), _h_week_n: (frozenset({"week"}),),
    _h_day_of: (frozenset({"first", "last"}), frozenset({"day"})),
    _h_weekend: (frozenset({"weekend"}),),
    _h_unit_part: (frozenset({"end", "beginning", "start", "middle", "rest", "remainder"}),
                   _UNIT_WORDS),
    _h_century: (frozenset({"century"}),), _h_quarter: (frozenset({"q", "quarter"}),),
    _h_half: (frozenset({"half", "h"}),), _h_season: (frozenset(_SEASONS),),
    # Holidays: the first and the last word of every name ("valentines day" has no apostrophe)
    _h_holiday: (frozenset("christmas boxing new valentine valentines halloween bastille "
                           "juneteenth armistice veterans may international all "
                           "independence".split()),
                 frozenset("christmas day eve halloween juneteenth".split())),
    _h_moving: (frozenset("easter good palm ash ascension pentecost whit thanksgiving memorial "
                          "labor martin mlk presidents mothers mother fathers father "
                          "columbus".split()),
                frozenset("easter sunday monday friday wednesday day pentecost "
                          "thanksgiving".split())),
}
"""For each clause, one of its words is a whole word of every match of the English rule: a run
of letters of `_fold(text)` that no letter extends (the rule's regex has a \\b, a space, a
digit or another non-letter on both sides of it). A window where some clause has none of its
words is not scanned with the rule. Unlike `_NEEDS` these are whole words ("month" is not in
"for months"), so each one is checked against the regex in tests/test_dates_speed_invariants.py
(matches generated from the regex itself must hold it)."""

_YEAR_SHAPE = (re.compile(r"1\d\d\d"), re.compile(r"2[01]\d\d"))  # what every `_YEAR4` holds
_SLASHED = re.compile(r"/(?<=\d/)\d")
_SHAPES: dict[_Handler, tuple[re.Pattern[str], ...]] = {
    _h_year: _YEAR_SHAPE, _h_year_range: _YEAR_SHAPE, _h_iso_month: _YEAR_SHAPE,
    _h_ymd_spaced: _YEAR_SHAPE,
    _h_num: tuple(re.compile(rf"{s}(?<=\d{s})\d\d?{s}\d") for s in ("/", r"\.", "-")),
    _h_num_noyear: (_SLASHED, re.compile(r"-(?<=\d-)\d")), _h_num_range: (_SLASHED,),
}
"""Regexes of which every match of the English rule holds a match of one (a digit, a
separator, a digit...): a window where none finds anything is not scanned with the rule. Each
starts with a literal character, looked for with `in` first (the regex engine also looks for a
literal as fast as `str.find`; a class, \\d above all, it tests character by character). Each
is checked against the rule's regex in tests/test_dates_speed_invariants.py."""


def _shape_checks(shapes: tuple[re.Pattern[str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each regex of `_SHAPES` with its first character when that is a literal (else "")."""
    out = []
    for regex in shapes:
        first = _srep.parse(regex.pattern)[0] if _srep is not None else None
        out.append((chr(first[1]) if first and first[0] is _srec.LITERAL else "", regex))
    return tuple(out)

_LETTERS = re.compile("[a-z]+")
_ODD_CASES = "".join(_CASE_VARIANTS.values())
_ODD_CASE = re.compile(f"[{_ODD_CASES}]")
_ODD_FOLD = str.maketrans({v: k for k, vs in _CASE_VARIANTS.items() for v in vs})


_ASCII_CASE = str.maketrans({v: k.upper() if v.isupper() else k
                             for k, vs in _CASE_VARIANTS.items() for v in vs})
"""The letters an English rule reads as ASCII ones, made those letters in their own case ("ſ"
→ "s", "İ" → "I", "ı" → "i", Kelvin's "K" → "K"): the handlers look words up in ASCII tables
("ſunday" matched the weekday regex but is no key of `_WEEKDAYS`). Offsets do not change."""


def _fold(text: str) -> str:
    """`text` in lower case, with the letters a case-insensitive regex also reads as an ASCII
    letter ("ſ", "ı", "İ", Kelvin's "K") made that letter; as long as `text`, offset for offset
    (str.lower() alone would make "İ" two characters)."""
    if _ODD_CASE.search(text):
        text = text.translate(_ODD_FOLD)
    return text.lower()


class _Unbounded(Exception):
    """`_start_chars` cannot tell where a match of the pattern starts."""


try:  # the regex parser of the standard library (private, but stable for many versions)
    from re import _constants as _srec
    from re import _parser as _srep
except ImportError:  # pragma: no cover - then every rule is scanned plainly
    _srec = _srep = None  # type: ignore[assignment]

_Path = str
"""How much `_start_chars` knows of the character before the current position on one path
through a regex: "" nothing, "b" a word boundary is here, "n" it is no word character."""


def _case_chars(code: int, ignorecase: bool) -> set[str]:
    """The characters a literal matches: with IGNORECASE an ASCII letter in both cases and its
    `_CASE_VARIANTS` (tests/test_parallel_extraction.py checks they are all of them)."""
    ch = chr(code)
    if not ignorecase or (ch.lower() == ch and ch.upper() == ch):
        return {ch}
    if not ch.isascii():
        raise _Unbounded(ch)  # a month name of another language: not worked out
    low = ch.lower()
    return {low, low.upper(), *_CASE_VARIANTS.get(low, "")}


def _char_set(op: Any, av: Any, ignorecase: bool) -> set[str]:
    """The characters one LITERAL or IN item of a parsed regex matches, as characters and
    category escapes ("\\d", "\\w", "\\s")."""
    c = _srec
    if op is c.LITERAL:
        return _case_chars(av, ignorecase)
    if op is not c.IN:
        raise _Unbounded(op)  # ANY, NOT_LITERAL...: anything may come first
    categories = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_WORD: r"\w", c.CATEGORY_SPACE: r"\s"}
    chars: set[str] = set()
    for iop, iav in av:
        if iop is c.LITERAL:
            chars |= _case_chars(iav, ignorecase)
        elif iop is c.RANGE and iav[1] - iav[0] < 128:
            for code in range(iav[0], iav[1] + 1):
                chars |= _case_chars(code, ignorecase)
        elif iop is c.CATEGORY and iav in categories:
            chars.add(categories[iav])
        else:  # NEGATE, other categories, wide ranges
            raise _Unbounded(iop)
    if ignorecase and any(len(x) > 1 for x in chars) and any(
            x.lower() != x.upper() for x in chars if len(x) == 1):
        raise _Unbounded(av)  # lower-cases a character before testing the categories
    return chars


def _no_word_before(op: Any, av: Any) -> bool:
    """A lookbehind `(?<![...\\w...])`: the character before is no word character."""
    c = _srec
    if op is not c.ASSERT_NOT or av[0] != -1 or len(av[1].data) != 1:
        return False
    iop, iav = av[1].data[0]
    return iop is c.IN and (c.CATEGORY, c.CATEGORY_WORD) in iav and not any(
        i is c.LITERAL and chr(v).lower() != chr(v).upper() for i, v in iav)


def _first(items: Any, flags: int, path: _Path, out: set[tuple[str, _Path]]) -> set[_Path]:
    """Add to `out` the (first character, what is known before it) of the matches of the
    parsed regex `items` entered with `path`; return the paths on which `items` can match
    without consuming anything."""
    c = _srec
    paths = {path}
    for op, av in items:
        after: set[_Path] = set()
        for p in paths:
            if op is c.LITERAL or op is c.IN:
                out.update((ch, p) for ch in _char_set(op, av, bool(flags & re.IGNORECASE)))
            elif op is c.BRANCH:
                for alternative in av[1]:
                    after |= _first(alternative, flags, p, out)
            elif op is c.SUBPATTERN:
                _, add, remove, sub = av
                after |= _first(sub, (flags | add) & ~remove, p, out)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                low, _, sub = av
                empty: set[_Path] = set()  # paths after one or more empty repetitions
                todo = _first(sub, flags, p, out)
                while todo:
                    q = todo.pop()
                    if q not in empty:
                        empty.add(q)
                        todo |= _first(sub, flags, q, out)
                after |= empty | ({p} if low == 0 else set())
            elif op is c.AT:
                after.add("n" if p == "n" else "b" if av is c.AT_BOUNDARY else p)
            elif op is c.ASSERT or op is c.ASSERT_NOT:
                after.add("n" if _no_word_before(op, av) else p)
            else:  # back-references, conditionals, atomic groups
                raise _Unbounded(op)
        paths = after
        if not paths:
            break
    return paths


_WORD_CHAR = re.compile(r"\w")


def _start_chars(rx: re.Pattern[str]) -> tuple[str, bool] | None:
    """A character class (regex source) holding the first character of every match of `rx`,
    and whether every match starts where no word character is before it (a \\b before a word
    character, or `(?<![\\w...])`); None when the regex does not tell (or matches "")."""
    if _srep is None or rx.flags & (re.ASCII | re.LOCALE | re.VERBOSE):
        return None
    out: set[tuple[str, _Path]] = set()
    try:
        if _first(_srep.parse(rx.pattern, rx.flags), rx.flags, "", out):
            return None  # may match the empty string: no first character
    except (_Unbounded, RecursionError):
        return None
    word_start = all(p == "n" or (p == "b" and (ch in (r"\d", r"\w") or (
        len(ch) == 1 and _WORD_CHAR.match(ch) is not None))) for ch, p in out)
    chars = {ch for ch, _ in out}
    singles = "".join(re.escape(ch) for ch in sorted(chars) if len(ch) == 1)
    return "".join(sorted(ch for ch in chars if len(ch) > 1)) + singles, word_start


_PLAIN_GROUP = re.compile(r"\(\?P<(\w+)>((?:[^()\\]|\\.)*)\)")
_BACKREF = re.compile(r"\(\?P=(\w+)\)")


def _no_backrefs(pattern: str) -> str:
    """`pattern` with each back-reference `(?P=name)` to a group without parentheses in it
    made a copy of the group's pattern: it matches wherever `pattern` matches."""
    groups = {m[1]: m[2] for m in _PLAIN_GROUP.finditer(pattern)}
    return _BACKREF.sub(lambda m: f"(?:{groups[m[1]]})" if m[1] in groups else m[0], pattern)


class _Scan:
    """The matches of a rule's regex in a window, found without trying it everywhere.

    `rx.finditer(text, ws, we)` tries `rx` at every position from `ws` on and takes the first
    match, then goes on from its end. No match starts at a character outside `_start_chars`,
    so the same matches come from a search that only tries those characters: `(?-i:[…])`
    first, which the engine looks for with its fast character-set loop, then `(?<=(?=RX).)`,
    which steps back onto that character and tries the whole rule there, with the same text
    and window (so \\b and lookbehinds see what they saw). `rx.match` at the found position
    then gives the very match `finditer` gives. A back-reference (not allowed in a lookbehind)
    is tried there as a copy of its group's pattern (`_no_backrefs`), which may match where
    `rx` does not: `rx.match` then finds nothing and the search goes on; if the group is not
    that plain, the search is of the first characters alone.
    """

    def __init__(self, rx: re.Pattern[str], chars: str, word_start: bool) -> None:
        self.rx = rx
        first = rf"(?-i:[{chars}])"
        if word_start:  # not inside a word: the engine gives up there before entering `rx`
            first += r"(?<!\w[\s\S])"
        try:
            self.search = re.compile(rf"{first}(?<=(?=(?:{_no_backrefs(rx.pattern)}))[\s\S])",
                                     rx.flags).search
        except re.error:  # a back-reference to a group holding groups
            self.search = re.compile(first).search

    def finditer(self, text: str, ws: int, we: int) -> list[re.Match[str]]:
        """The same matches as `self.rx.finditer(text, ws, we)`."""
        out = []
        match, search = self.rx.match, self.search
        pos = ws
        while (hit := search(text, pos, we)) is not None:
            m = match(text, hit.start(), we)
            if m is None:  # the search tried a copy of a back-reference's group, or no rule
                pos = hit.start() + 1
                continue
            out.append(m)
            pos = m.end()  # never empty: `_start_chars` is None for a regex matching ""
        return out


_ANCHORS: dict[_Handler, tuple[str, frozenset[str]]] = {
    _h_mdy: ("m", _MONTH_WORDS), _h_dmy: ("m", _MONTH_WORDS), _h_month: ("m", _MONTH_WORDS),
    _h_glued: ("m", _MONTH_WORDS), _h_ymond: ("m", _MONTH_WORDS),
    _h_year_month: ("m", _MONTH_WORDS), _h_month_range: ("m", _MONTH_WORDS),
    _h_dayword: ("m", _MONTH_WORDS), _h_day_to_mdy: ("m", _MONTH_WORDS),
    _h_weekday: ("wd", _WEEKDAY_WORDS), _h_nth_weekday: ("wd", _WEEKDAY_WORDS),
    _h_weekday_day: ("wd", _WEEKDAY_WORDS), _h_weekday_range: ("wd", _WEEKDAY_WORDS),
    _h_nth_weekday_bare: ("wd", _FULL_WEEKDAYS), _h_relunit: ("u", _UNIT_WORDS | {"weekend"}),
}
"""A group of the English rule that, in every match, is one of the words as a whole run of
letters of `_fold(text)` (as in `_WORDS_NEEDED`; checked the same way in
tests/test_dates_speed_invariants.py): the rule's anchor (`_Anchored`)."""


def _letter_kind(code: int) -> bool | None:
    """Whether the character of a regex literal is read as a letter of `_fold`: True always,
    False never, None either (a letter of another script may be an ASCII one's case)."""
    ch = chr(code)
    if not ch.isalpha():
        return False  # matches only characters that `_fold` leaves no ASCII letter
    return True if ch.isascii() else None


def _class_kind(items: Any) -> bool | None:
    """`_letter_kind` of a parsed character class."""
    c = _srec
    kinds: set[bool | None] = set()
    for op, av in items:
        if op is c.LITERAL:
            kinds.add(_letter_kind(av))
        elif op is c.RANGE and av[1] - av[0] < 256:
            kinds.update(_letter_kind(code) for code in range(av[0], av[1] + 1))
        elif op is c.CATEGORY and av in (c.CATEGORY_DIGIT, c.CATEGORY_SPACE, c.CATEGORY_NOT_WORD):
            kinds.add(False)
        else:  # \w, a negated class, a wide range
            return None
    return kinds.pop() if len(kinds) == 1 else None


def _letter_runs(items: Any) -> tuple[int, bool]:
    """At most how many runs of letters (of `_fold`) the text a parsed regex matches holds,
    and whether that text is letters only (then it is at most one run, joined with the
    letters of the items around it); raises _Unbounded when the regex sets no bound."""
    c = _srec
    runs, only, joined = 0, True, False  # joined: the item before gave letters only
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # reads no character
        if op is c.LITERAL or op is c.IN:
            kind = _letter_kind(av) if op is c.LITERAL else _class_kind(av)
            n, letters = (0, False) if kind is False else (1, bool(kind))
        elif op is c.ANY or op is c.NOT_LITERAL:
            n, letters = 1, False
        elif op is c.BRANCH:
            found = [_letter_runs(alternative) for alternative in av[1]]
            n, letters = max(f[0] for f in found), all(f[1] for f in found)
        elif op is c.SUBPATTERN:
            n, letters = _letter_runs(av[3])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            n, letters = _letter_runs(av[2])
            if n and not letters:
                if av[1] is c.MAXREPEAT:
                    raise _Unbounded(op)
                n *= av[1]
        elif op is c.ATOMIC_GROUP:
            n, letters = _letter_runs(av)
        else:  # back-references, conditionals
            raise _Unbounded(op)
        if not letters:
            runs, only, joined = runs + n, False, False
        elif n and not joined:
            runs, joined = runs + 1, True
    return runs, only


def _runs_before(rx: re.Pattern[str], group: str) -> int | None:
    """At most how many runs of letters a match of `rx` holds before its group `group`, worked
    out from the regex when `group` is one of its top-level items (so in every match); None
    when the regex does not tell."""
    if _srep is None or group not in rx.groupindex:
        return None
    try:
        items = list(_srep.parse(rx.pattern, rx.flags))
        for at, (op, av) in enumerate(items):
            if op is _srec.SUBPATTERN and av[0] == rx.groupindex[group]:
                return _letter_runs(items[:at])[0]
    except (_Unbounded, RecursionError):
        pass
    return None


def _holds_digit(items: Any) -> bool:
    """Whether every match of the parsed regex `items` holds a digit (`\\d`)."""
    c = _srec
    for op, av in items:
        if op is c.LITERAL:
            found = chr(av).isdecimal()
        elif op is c.IN:
            found = bool(av) and all(
                (iop is c.LITERAL and chr(iav).isdecimal())
                or (iop is c.RANGE and all(chr(x).isdecimal() for x in range(iav[0], iav[1] + 1)))
                or (iop is c.CATEGORY and iav is c.CATEGORY_DIGIT) for iop, iav in av)
        elif op is c.SUBPATTERN:
            found = _holds_digit(av[3])
        elif op is c.BRANCH:
            found = all(_holds_digit(alternative) for alternative in av[1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            found = av[0] >= 1 and _holds_digit(av[2])
        else:
            found = False
        if found:
            return True
    return False


def _digit_before(rx: re.Pattern[str], group: str) -> bool:
    """Whether every match of `rx` holds a digit before its group `group`, a top-level item."""
    if _srep is None or group not in rx.groupindex:
        return False
    items = list(_srep.parse(rx.pattern, rx.flags))
    for at, (op, av) in enumerate(items):
        if op is _srec.SUBPATTERN and av[0] == rx.groupindex[group]:
            return _holds_digit(items[:at])
    return False


_BACK = 12  # `_h_dmy` looks 11 runs back ("from the 8th to the 10th day of January")
_RUNS_BACK = re.compile("".join("(?:[^a-z]*+([a-z]++)" for _ in range(_BACK)) + ")?" * _BACK)
"""Read in reverse from a position of the reversed `_fold(text)`: group k is the k-th run of
letters before that position (possessive: a run is never split), up to _BACK runs."""
_ONLY_LETTERS = bytes(code if 97 <= code <= 122 else 32 for code in range(256))
"""For bytes.translate: the ASCII lower-case letters as they are, any other byte a space."""
_DIGIT = re.compile(r"\d")


_Anchor = tuple[int, tuple[tuple[int, int], ...]]
"""Where an anchor word starts, and the spans (in the reversed `_fold(text)`; (-1, -1): none)
of the runs of letters before it: `_RUNS_BACK.match(…).regs`."""


class _Runs:
    """Where the runs of letters of `_fold(text)` are, as far as the fast scan asks."""

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.data = folded.encode("ascii", "replace")  # a byte a character, "?" if not ASCII
        self.reverse = ""
        self.back: dict[int, tuple[tuple[int, int], ...]] = {}

    def words(self, ws: int, we: int) -> list[bytes]:
        """The runs of letters in [ws, we), as `_LETTERS.findall(folded, ws, we)` in ASCII."""
        return self.data[ws:we].translate(_ONLY_LETTERS).split()

    def anchors(self, words: Iterable[bytes], ws: int, we: int) -> list[_Anchor]:
        """The whole runs of letters in [ws, we) that are `words`, in order."""
        data, n = self.data, len(self.data)
        found = []
        for word in words:
            at = data.find(word, ws, we)
            while at >= 0:
                end = at + len(word)
                if (at == 0 or not 97 <= data[at - 1] <= 122) and (
                        end == n or not 97 <= data[end] <= 122):
                    found.append(at)
                at = data.find(word, end, we)
        if not found:
            return []
        found.sort()
        back = self.back
        if not self.reverse:
            self.reverse = self.folded[::-1]
        out = []
        for at in found:
            runs = back.get(at)
            if runs is None:
                runs = back[at] = _RUNS_BACK.match(self.reverse, n - at).regs  # type: ignore[union-attr]
            out.append((at, runs))
        return out


class _Anchored:
    """The matches of a rule with an anchor (`_ANCHORS`) in a window, tried only just before
    each whole run of letters of the window that is one of the anchor's words.

    A match holds its anchor group, a whole run of letters of the window (windows end before
    whitespace or at the end of the text, so a run of the window is one of the text), and at
    most `before` (`_runs_before`) whole runs before it: so it starts after the start of the
    (`before` + 1)-th run before some anchor word and no later than that word, or, for a rule
    with a digit before its anchor (`_digit_before`: "8 January"), than the last digit before
    it; and on one of `_start_chars`. `rx.match` at each such character, in order, from where
    the last match ended, finds what `finditer` finds."""

    def __init__(self, rx: re.Pattern[str], chars: str, word_start: bool, words: frozenset[str],
                 before: int, digit: bool) -> None:
        self.rx, self.runs, self.digit = rx, before + 1, digit
        self.words = frozenset(word.encode("ascii") for word in words)
        self.first = re.compile(rf"(?-i:[{chars}])" + (r"(?<!\w[\s\S])" if word_start else ""),
                                rx.flags).search

    def finditer(self, text: str, ws: int, we: int, anchors: list[_Anchor],
                 reverse: str) -> list[re.Match[str]]:
        """The same matches as `self.rx.finditer(text, ws, we)`, given the anchor words of the
        window (`_Runs.anchors`) and `_fold(text)` reversed."""
        out = []
        first, match, k, n = self.first, self.rx.match, self.runs, len(text)
        done = ws  # no match starts before it, but those in `out`
        for at, runs in anchors:
            if at < done:
                continue
            end = runs[k][1]  # in the reversed text: the start of the k-th run before `at`
            pos = n - end + 1 if end >= 0 else 0
            if pos < done:
                pos = done
            last = at
            if self.digit:
                digit = _DIGIT.search(reverse, n - at, n - pos)
                last = n - 1 - digit.start() if digit is not None else -1
            while pos <= last and (hit := first(text, pos, last + 1)) is not None:
                m = match(text, hit.start(), we)
                if m is None:
                    pos = hit.start() + 1
                else:
                    out.append(m)
                    pos = m.end()  # never empty
            done = pos if pos > at else at + 1
        return out


_Grammar = list[tuple[re.Pattern[str], _Handler]]
_Matches = Callable[[str, int, int], Iterable[re.Match[str]]]
_ShapeChecks = tuple[tuple[str, re.Pattern[str]], ...]
_FastRule = tuple[int, "tuple[str, ...] | None", "_ShapeChecks | None", _Matches,
                  "_Anchored | None"]


class _FastRules:
    """The rules of `_grammar_for(lang)` as the fast scan runs them: for each, its rank, its
    `_NEEDS`, its `_SHAPES` (English), how its matches in a window are found (`_Scan.finditer`,
    else `finditer`) and, for an English rule with an anchor whose runs before it are
    bounded, `_Anchored`; and which of them a window's words leave (`_WORDS_NEEDED`)."""

    def __init__(self, lang: str) -> None:
        grammar = _grammar_for(lang)
        english = grammar is _GRAMMAR_EN
        clause_bit: dict[frozenset[str], int] = {}
        self.rules: list[tuple[int, _FastRule]] = []  # (bits of its clauses, the rule)
        for rank, (rx, handler) in enumerate(grammar):
            start = _start_chars(rx)
            matches: _Matches = rx.finditer if start is None else _Scan(rx, *start).finditer
            anchored = None
            if english and start is not None and handler in _ANCHORS:
                group, words = _ANCHORS[handler]
                before = _runs_before(rx, group)
                if before is not None and before < _BACK:
                    anchored = _Anchored(rx, *start, words, before, _digit_before(rx, group))
            bits = 0
            for clause in _WORDS_NEEDED.get(handler, ()) if english else ():
                bits |= clause_bit.setdefault(clause, 1 << len(clause_bit))
            shape = _shape_checks(_SHAPES[handler]) if english and handler in _SHAPES else None
            self.rules.append((bits, (rank, _NEEDS.get(handler), shape, matches, anchored)))
        self.word_bits: dict[bytes, int] = {}
        for clause, bit in clause_bit.items():
            for word in clause:
                key = word.encode("ascii")
                self.word_bits[key] = self.word_bits.get(key, 0) | bit
        # the words that decide which rules run, and where the anchored ones are tried
        self.vocabulary = frozenset(self.word_bits).union(
            word for _, rule in self.rules if rule[4] is not None for word in rule[4].words)
        self.chosen: dict[int, list[_FastRule]] = {}

    def applicable(self, words: set[bytes]) -> list[_FastRule]:
        """The rules, in order, whose every clause of `_WORDS_NEEDED` has a word in `words`
        (words of `vocabulary`, in ASCII)."""
        held = 0  # the bits of the clauses with a word in `words`
        bits = self.word_bits
        for word in words:
            held |= bits.get(word, 0)
        rules = self.chosen.get(held)
        if rules is None:
            if len(self.chosen) > 4096:
                self.chosen.clear()
            rules = self.chosen[held] = [rule for bits, rule in self.rules if bits & held == bits]
        return rules


@lru_cache(maxsize=32)
def _fast_rules(lang: str) -> _FastRules:
    return _FastRules(lang)


def _rule_matches(text: str, lang: str, grammar: _Grammar, windows: list[tuple[int, int]],
                  folded: str) -> Iterator[tuple[int, re.Match[str]]]:
    """(rank, match) of every rule in every window: window by window, rule by rule, in text
    order; the same with `_FAST` as without. `folded`: `_fold(text)`."""
    if not _FAST:
        for ws, we in windows:
            for rank, (rx, handler) in enumerate(grammar):
                need = _NEEDS.get(handler)
                if need is not None and not any(folded.find(k, ws, we) >= 0 for k in need):
                    continue  # a word every match of the rule contains is not there (speed)
                for m in rx.finditer(text, ws, we):
                    yield rank, m
        return
    fast = _fast_rules(lang)
    runs = _Runs(folded)
    for ws, we in windows:
        window = folded[ws:we]  # as `folded.find(k, ws, we)` above
        words = fast.vocabulary.intersection(runs.words(ws, we))
        shapes: dict[re.Pattern[str], bool] = {}
        anchors: dict[frozenset[bytes], list[_Anchor]] = {}
        for rank, need, shape, matches, anchored in fast.applicable(words):
            if need is not None and not any(map(window.__contains__, need)):
                continue
            if shape is not None:
                for first, regex in shape:
                    held = shapes.get(regex)
                    if held is None:
                        held = shapes[regex] = first in window and (
                            regex.search(text, ws, we) is not None)
                    if held:
                        break
                else:
                    continue
            if anchored is None:
                found = matches(text, ws, we)
            else:
                at = anchors.get(anchored.words)
                if at is None:
                    at = anchors[anchored.words] = runs.anchors(words & anchored.words, ws, we)
                found = anchored.finditer(text, ws, we, at, runs.reverse)
            for m in found:
                yield rank, m


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


_UNREAD_YEAR = re.compile(
    r"[ \t]*(?:[0-3]?\d(?:st|nd|rd|th)?\b)?[ \t]*,?[ \t]*\d{3,5}\b(?![.,]\d)|[-/]\d{3,5}\b")
_UNREAD_YEAR_BEFORE = re.compile(r"(?<![\d.,])\d{3,5}[-/]$")


_SET_BEFORE = re.compile(r"\b(?:every|each)\s+$", _FLAGS)
_SET_KINDS = frozenset({"weekday", "nthwd", "day", "dayof", "mday"})


def _is_set(c: _C, text: str) -> bool:
    """"every Sunday", "each first Monday of the month", "every January (8)": a recurrence,
    no date (the nearest such day or month would be a guess)."""
    return (c.kind in _SET_KINDS or (c.kind == "date" and c.y is None)) and (
        _SET_BEFORE.search(text, max(0, c.start - 10), c.start) is not None)


def _year_left_out(c: _C, text: str) -> bool:
    """A year-less date directly next to a number the grammar does not read as a year
    ("29 February 2624", "March 8, 0999", "January 1, 100", "September-2020-23",
    "23-2020-September"): the year was written, so never infer another."""
    return c.kind == "date" and c.y is None and c.m is not None and bool(
        _UNREAD_YEAR.match(text, c.end)
        or _UNREAD_YEAR_BEFORE.search(text, max(0, c.start - 6), c.start))


def find_dates(text: str, reference: DateValue | None, lang: str = "en", *,
               prefer: str = "past", date_order: str | None = None) -> list[DateMention]:
    """Every time expression of `text`, in order, non-overlapping, resolved against `reference`.

    `reference` is the source's own date (any precision) or None; expressions that need it
    (a year-less date, "yesterday", ...) are skipped when it is None or too coarse.
    `prefer` is "past" (news: a year-less date is the latest one up to 31 days after the
    reference) or "future". `date_order` ("DMY", "MDY", "YMD") overrides the order of numeric
    dates otherwise derived from `lang`. See the module docstring for every rule.
    """
    if prefer not in ("past", "future"):
        raise ValueError(f"prefer must be 'past' or 'future', not {prefer!r}")
    if not text:
        return []
    order, known = _order_for(lang, date_order)
    grammar = _grammar_for(lang)
    written = text
    if _ODD_CASE.search(text):
        text = text.translate(_ASCII_CASE)  # "ſunday" is read as "sunday" by the regex too
    ctx = _Ctx(text, order, known)
    cands: list[_C] = []
    folded = _fold(text)  # as long as `text` (text.lower() is longer when it holds "İ")
    windows = _windows(text, folded) if grammar is _GRAMMAR_EN else [(0, len(text))]
    for rank, m in _rule_matches(text, lang, grammar, windows, folded):
        c = grammar[rank][1](m, ctx)
        if c is not None and c.end > c.start and not _year_left_out(c, text) and not (
                _is_set(c, text)):
            c.rank = rank
            cands.append(c)
    chosen = _select(cands)
    labelled: DateValue | None = None  # "1998: The company was founded on March 3": 1998
    label_end = 0  # the label dates its own statement, not the sentences after it
    if text[:1].isdigit() and (lab := _YEAR_LABEL.match(text)) and not (
            chosen and chosen[0].start < lab.end()):
        chosen.insert(0, _C(0, lab.end("y"), "year", int(lab["y"])))
        labelled = _year_value(int(lab["y"]))
        stop = _LABEL_STATEMENT_END.search(text, lab.end())
        label_end = stop.start() if stop else len(text)
    chosen = _join_weekday(chosen, text)
    chosen = _merge_ranges(chosen, text)
    chosen = _join_week_days(chosen, text)
    if "ago" in folded:  # (speed: no pass over the candidates of most texts)
        chosen = _join_ago(chosen, text)
    if len(chosen) > 1:  # (speed: one mention is given its time in the loop below)
        timed = False
        for c in chosen:
            if c.kind != "now":
                _attach(c, text)
                timed = timed or c.hour is not None
        if timed:  # (speed: most texts have no time of day)
            chosen = _join_timed(chosen, text)
    elif chosen and chosen[0].kind != "now":
        _attach(chosen[0], text)
    out: list[DateMention] = []
    last_day: DateValue | None = None
    ambiguous = False
    for c in chosen:
        if c.kind == "now":
            continue  # "now" alone is not a date (only as the end of a range)
        if c.kind == "anaphor":  # "the next day": only after a day-precision date of this text
            if last_day is None:
                continue
            value: DateValue | None = _resolve_anaphor(c, last_day.end)
        else:
            tense = _tense_prefer(c, text, prefer)
            if tense == "past":
                _mark_past_day(c, text)
            ref = labelled if labelled and c.kind in _LABELLED_KINDS and c.start < label_end \
                else reference
            value = _resolve(c, ref, tense)
            if tense != prefer and c.kind == "range" and ref is not None:
                # "talks run from Tuesday to Friday" on a Thursday: this week's, which is not
                # over (a range read forward is the first one that has not ended)
                back = _resolve(c, ref, prefer)
                if back is not None and back.end >= ref.start:
                    value = back
            if (tense == "past" and value is not None and ref is not None
                    and value.start > ref.end and c.kind in _STRICT_KINDS
                    and _plainly_past(c, text)):
                # "the rules applied from January 1", "in force since January 2": no date
                # after the reference (the month of grace is for what is not said to be past)
                value = _resolve(c, ref, "strict") or value
        if value is not None:
            out.append(DateMention(written[c.start:c.end], c.start, c.end, value))
            ambiguous = ambiguous or value.ambiguous
            if value.precision.rank <= P.DAY.rank:
                last_day = value
    if ambiguous and not known and (order := _numeric_order(text)):
        # "25/01/2025 and 10/01/2025": the first can only be day first, so is the second
        return find_dates(written, reference, lang, prefer=prefer, date_order=order)
    return out


_STRICT_KINDS = frozenset({"date", "moving", "range"})
"""What a plainly past clause keeps from being after the reference (`_plainly_past`; not
seasons: "talks stalled during winter" in November is the winter to come, tests/test_dates.py)."""
_LABELLED_KINDS = frozenset({"date", "moving", "season", "quarter", "range"})
"""What takes its year from a year label opening the text (`_YEAR_LABEL`) when it writes none."""
_NUMERIC_DATE = re.compile(r"(?<![\w/.])([0-3]?\d)([/.])([0-3]?\d)\2(?:\d{4}|\d\d)(?![\w/])")


def _numeric_order(text: str) -> str | None:
    """The order the numeric dates with a year of `text` ("25/01/2025", "1.13.2025") show
    when one can only be read one way and none only the other: "DMY", "MDY" or None."""
    day_first = month_first = False
    for m in _NUMERIC_DATE.finditer(text):
        x1, x2 = int(m[1]), int(m[3])
        if 12 < x1 <= 31 and 1 <= x2 <= 12:
            day_first = True
        elif 12 < x2 <= 31 and 1 <= x1 <= 12:
            month_first = True
    if day_first == month_first:
        return None
    return "DMY" if day_first else "MDY"


_LABEL_STATEMENT_END = re.compile(r"[.!?;](?=\s|$)")
"""The end of the statement a year label opens ("2016: the year Britain voted to leave.")."""
_YEAR_LABEL = re.compile(
    rf"(?P<y>{_YEAR4})(?:[ \t]*:(?=[ \t]*\S)|[ \t]+[-–—][ \t]+(?=[A-ZÀ-ÖØ-Þ]))")
"""A year opening a text as its label: "1998: The company was founded", "2024 – The deficit
reached 6.1%" (a table row read as "YEAR: EVENT", see `briefing.sources.word`)."""
_FUTURE_CLAUSE = re.compile(
    r"(?:\bwill|['’]ll|\bshall|\bgoing\s+to|\b(?:is|are)\s+(?:due|set|scheduled|slated|expected)"
    r"\s+to|\b(?:plans?|planned|intends?|aims?|hopes?|wants?|expects?|agree[sd]?|decided"
    r"|promised?|pledged?|vowed?)\s+to)\b(?:\s+not)?\s+(?P<v>\w+)[^.,;:!?()\n—–]*$", _FLAGS)
_REPORT_VERBS = frozenset(
    "show shows confirm confirms reveal reveals suggest suggests indicate indicates find finds"
    " report reports say says conclude concludes prove proves signal signals point points"
    " demonstrate demonstrates".split())
"""After a future marker ("is expected to show"), a verb whose object is a statement with a
tense of its own: "data due next week is expected to show inflation eased in December" is
about a past December."""
_PAST_WORD = (r"(?-i:\b(?:was|were|had|did|been|[a-z]{2,}ed|rose|fell|met|held|took|began"
              r"|left|came|went|won|lost|said|told|saw|made|gave|got|sold|spoke|broke|led|ran"
              r"|sent|became|brought|kept|hit|put|set|cut|paid|drew)\b)")
_PAST_WORD_RE = re.compile(_PAST_WORD)
_PAST_CLAUSE = re.compile(
    r"\b(?:was|were|had|did|said|says|ago|last|yesterday|that|which|who|when|since|after"
    r"|(?:will|['’]ll|shall)\s+have)\b", _FLAGS)
_FUTURE_STATE = re.compile(
    r"\b(?:(?:is|are|ha(?:s|ve)\s+been)\s+(?:(?:now|still|also|next|\w+ly)\s+)?(?:due|set"
    r"|scheduled|rescheduled|slated|expected|planned|timetabled|poised|postponed|delayed"
    r"|deferred|pushed\s+back|moved)(?!\s+to\b)|next\s+due|deadline\b[^.,;:!?()\n—–]{0,40}?"
    r"\b(?:is|are)|(?=[tcge])(?<!\bdid\s)(?<!\bnot\s)(?<!n['’]t\s)(?:takes?\s+effect"
    r"|comes?\s+into\s+(?:force|effect)|goes\s+into\s+effect|enters?\s+into\s+force))\b"
    r"[^.,;:!?()\n—–]*$", _FLAGS)
"""A present statement of what is planned, with no "to" after it: "the report is expected in
March", "the hearing is scheduled for March 3", "the vote has been postponed until May",
"the deadline (for bids) is March 3", "the next payment is next due on June 1", "the law
takes effect on July 1". Only "is/are" and "has/have been": "was expected in March", "had been
scheduled for March 3" (plans of the past, met or not) keep looking back, and so do bare
participles, which are as often past tenses ("analysts expected in March that..."). "is due
to" is `_FUTURE_CLAUSE`'s ("the fall is due to weak sales in March" is no plan)."""
_CLAUSE_CUT = re.compile(r".*[.,;:!?()\n—–]", re.DOTALL)
_DUE_BEFORE = re.compile(
    r"(?<![\w'’-])(?:due|slated|scheduled)\s+(?:in|on|for|by|before|around|until|till|at)\s+$",
    _FLAGS)
_NOT_DUE_AFTER = frozenset("was were been had being as than not".split())
_PAST_AFTER = re.compile(r"[^.;!?\n]*?" + _PAST_WORD)
"""Any past verb after a date, up to the end of its sentence."""
_PAST_AFTER_IN_CLAUSE = re.compile(r"[^.,;:!?()\n—–]*?" + _PAST_WORD)
"""Any past verb after a date, up to the end of its clause."""
_PLAN_PRESENT = re.compile(
    r"(?<![\w'’-])(?P<v>(?:begin|open|reopen|resume|end|close|expire|conclude|convene"
    r"|reconvene|adjourn)s?|takes?\s+place|kicks?\s+off|gets?\s+under\s*way|(?:is|are)\s+"
    r"(?:effective|held|in\s+effect)|runs?(?=\s+(?:from|until|till|through)\b)"
    r"|(?:vote|travel|meet|visit|hold|host|depart|arrive|attend|chair)s|heads(?=\s+(?:to|for)"
    r"\b)|flies(?=\s+to\b)|addresses|testifies)"
    r"(?P<mid>(?:\s+(?!(?:that|which|who|when|and|but|or|is|are|was|were|had|has|have|will"
    r"|would|did|does|higher|lower|up|down|flat|ago|last|yesterday)\b)[a-z][\w'’-]*){0,4}?)"
    r"\s+(?:(?:on|in|from|until|till|through|between|at|during)\s+(?:the\s+)?)?$", _FLAGS)
"""A plan stated in the present simple, right before its date: "the trial begins on March 3",
"talks resume on Friday", "voting takes place from 7 a.m. to 10 p.m. on March 3", "the measure
is effective from March 1", "the minister travels to Kyiv on Thursday", "parliament votes on
Tuesday" (up to four words between the verb and the date). Verbs of what is done (vote, meet,
travel...) only with -s: "we meet on Monday at 2.30", "they meet on Friday" are also said of
the week before (tests/test_dates.py); nor "start(s)", which the gold's "the event starts on
Sunday" reads back. See `_plan_in_present` for what else it needs: these verbs also report
past events in headlines and captions."""
_PLAN_WORDS = frozenset(
    [v + s for v in "begin open reopen resume end close expire conclude convene reconvene adjourn"
     " run kick".split() for s in ("", "s")]
    + "votes travels meets visits holds hosts departs arrives attends chairs heads flies"
      " addresses testifies place effective held effect way underway".split())
"""A word every match of `_PLAN_PRESENT` holds whole ("takes place": "place")."""
_NOT_PLAN_SUBJECT = frozenset(
    "to not never did didn't does doesn't do don't would could should might must can may will"
    " shall let's lets the a an of his her their its our my your this these those some many any"
    " no all every each which that who what when where as than if whether for by with from in"
    " on at fresh strong good bad slow weak new false early late official state".split())
_DETERMINERS = frozenset("the a an his her their its our my your this these those".split())
_PARTICIPLE_AFTER = re.compile(r"\s+(?:of|by|with|for|in|at|on|to)\b", _FLAGS)
_PLURAL_SUBJECT = re.compile(r"(?:[a-z]{2,}s|we|they|you|i)$", _FLAGS)


def _plan_in_present(text: str, lo: int, c: _C) -> bool:
    """`_PLAN_PRESENT` before `c` (from `lo`, its clause's start), read as a plan, not as
    headline or caption shorthand for a past event: a subject before the verb (not "to",
    "did", "the", "his"...: "housing starts in March", "his visits on Monday" are nouns; a
    verb without -s needs a plural subject: "talks resume on Friday", not "a strong start in
    January"), and no past word in the clause, before or after ("the trial that begins", "the
    long-delayed vote", "the votes on Sunday were counted")."""
    pre = _RANGE_PRE_AT.match(text, c.start)  # "runs from Thursday to Saturday": the range
    end = pre.end() if pre else c.start  # holds its "from"
    near = max(lo, end - 72)  # (speed: a verb, four words and "on the" at most; and a word
    if _PLAN_WORDS.isdisjoint(text[near:end].lower().split()):  # of the verb first, as
        return False  # str.split is faster than the regex)
    m = _PLAN_PRESENT.search(text, near, end)
    if m is None:
        return False
    prev = _prev_word(text, m.start())
    if prev in _NOT_PLAN_SUBJECT or prev.isdigit() or prev.endswith(("'s", "’s")):
        return False
    if not m["v"].split()[0].lower().endswith("s") and not _PLURAL_SUBJECT.search(prev):
        return False
    if _PAST_CLAUSE.search(text, lo, c.start) or _PAST_AFTER_IN_CLAUSE.match(text, c.end):
        return False
    for w in _PAST_WORD_RE.finditer(text, lo, m.start()):
        if not w[0].endswith("ed"):
            return False  # "won more votes on Sunday"
        # "-ed": a past verb ("the party secured more votes on Sunday"), unless a participle
        # after "the"/"long-" or before "of"/"by" ("the delayed summit opens", "the man
        # accused of murder", "a conference organised by the UN")
        if w[0].endswith("eed") or w[0] == "hundred":
            continue
        if not (_prev_word(text, w.start()) in _DETERMINERS or text[w.start() - 1] == "-"
                or _PARTICIPLE_AFTER.match(text, w.end())):
            return False
    return True


_TENSED_KINDS = frozenset({"date", "weekday", "moving", "day", "weekend", "quarter", "season"})
_QUARTER_TIME_PREPS = frozenset("in during by until till before over through".split())


def _tensed(c: _C, text: str) -> bool:
    """Whether `c` is a year-less expression whose year (or week) the tense may choose."""
    if c.kind not in _TENSED_KINDS or c.y is not None:
        return False
    if c.kind in ("weekday", "season") and c.mode is not None:
        return False
    if c.kind == "date" and c.m is None:
        return False
    if c.kind == "day" and c.n is not None:
        return False  # "Friday the 26th": the weekday decides
    # "will report fourth-quarter results": the results' quarter, not when
    return c.kind != "quarter" or (
        c.mode is None and _prev_word(text, c.start) in _QUARTER_TIME_PREPS)


def _tense_prefer(c: _C, text: str, prefer: str) -> str:
    """With ``prefer="past"``, a year-less date, "the 8th", "the weekend", "in the second
    quarter" or a bare weekday in a clause that is plainly about the future ("Williams will
    take command of the station on June 4", "the vote is due to take place on Tuesday") is
    read forward, as ``prefer="future"`` would."""
    if prefer != "past" or c.y is not None:
        return prefer
    if c.kind == "range":  # "will run from March 3 to March 7": both ends year-less
        if not c.parts or not all(p.mode is None and _tensed(p, text) for p in c.parts):
            return prefer
    elif not _tensed(c, text):
        return prefer
    lo = max(0, c.start - 150)
    cut = _CLAUSE_CUT.match(text, lo, c.start)  # (speed: `_FUTURE_CLAUSE` and `_FUTURE_STATE`
    lo = cut.end() if cut else lo  # can only start after the clause's last punctuation)
    # (not for a range: "I'll be out from Oct. 2 to October 22" is read back, as the gold's
    # "past" resolutions read it: reading it forward costs eight of them)
    m = _FUTURE_CLAUSE.search(text, lo, c.start) if c.kind != "range" else None
    while m is not None:  # the last future marker with no past one after it
        past = _PAST_CLAUSE.search(text, m.start(), c.start)
        if past is None:
            if m["v"].lower() in _REPORT_VERBS and _PAST_WORD_RE.search(
                    text, m.end("v"), c.start):
                break  # "is expected to show inflation eased in December"
            return "future"
        m = _FUTURE_CLAUSE.search(text, past.end(), c.start)  # "...show that prices will rise"
    m = _FUTURE_STATE.search(text, lo, c.start)
    if m is not None and _PAST_CLAUSE.search(text, m.start(), c.start) is None:
        return "future"
    if _plan_in_present(text, lo, c):
        return "future"
    # "the vote, due on March 3, is...", "results due in March.": a bare "due/slated/scheduled"
    # right before the date, which is no past tense; still past where a past verb follows
    # ("payments due in March were late", "the vote, scheduled for March 3, sparked protests")
    m = _DUE_BEFORE.search(text, max(lo, c.start - 30), c.start)
    if m is not None and _prev_word(text, m.start()) not in _NOT_DUE_AFTER and (
            _PAST_AFTER.match(text, c.end) is None):
        return "future"
    return prefer


_PAST_AUX = re.compile(r"\b(?:was|were|had|did)\b", _FLAGS)
"""The past auxiliaries of `_PAST_CLAUSE`."""
_PAST_VERB = re.compile(
    r"(?-i:\b(?:[a-z]{3,}(?<!e)ed|met|held|took\s+place|began|left|died|fell|won|lost|came|went"
    r"|fled|struck|led|sank|spoke|broke|sold|signed|shot|ran|rose|grew|took|became|stood)"
    r"(?:\s+[a-z]+ly)?\s*)$")
"""A past verb right before the day's preposition ("the attack happened on the 14th")."""
_PAST_DAY_PREP = re.compile(
    r"\s+(?:on|from|between)\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?$", _FLAGS)
_PAST_TAIL_START = re.compile(
    r".*(?:[.,;:!?()\[\]\n\"“”—–]|\b(?:that|which|who|whom|whose|when|where|whether|if|because"
    r"|while|as|and|but|or|said|says|say|told|tells)\b)", _FLAGS | re.DOTALL)
_NOT_PAST = re.compile(
    r"\b(?:is|are|am|will|would|shall|can|could|may|might|must|should|be|to|due|set|scheduled"
    r"|slated|expected|planned|supposed|postponed|delayed|deferred|moved|pushed|rescheduled"
    r"|brought|extended|agreed|decided|settled|fixed|insisted|focused|based|next|coming"
    r"|upcoming|now|likely|unlikely|possible|probable|poised|bound|going|ready|sure|certain)"
    r"\b|['’]ll\b", _FLAGS)


def _mark_past_day(c: _C, text: str) -> None:
    """"the 14th" (or "from the 12th to the 14th") in a plainly past clause ("the vote was
    held on the 14th", "police said the attack happened on the 14th", "they had met on the
    12th"): a past auxiliary of `_PAST_CLAUSE` (was/were/had/did) in the clause before it, or a
    past verb right before its "on"/"from"/"between", and nothing after them that points
    forward ("was due/set/postponed/moved to", "is", "will", "to", "agreed on"...): no day
    after the reference then (mode "past": `_resolve_day` drops its week of grace)."""
    days = [c] if c.kind == "day" and c.n is None else [
        p for p in c.parts or () if p.kind == "day" and p.n is None] if c.kind == "range" else []
    if not days:
        return
    lo = max(0, c.start - 150)
    prep = _PAST_DAY_PREP.search(text, lo, c.start)
    if prep is not None:
        end = prep.start()
    elif c.kind == "range" and _RANGE_PRE_AT.match(text, c.start):
        end = c.start  # "from the 12th to the 14th": the range took its "from"
    else:
        return
    if _past_tail(text, lo, end):
        for p in days:
            p.mode = "past"


def _past_tail(text: str, lo: int, end: int) -> bool:
    """Whether the clause before `end` (from `lo` at most) is plainly past: a past auxiliary
    (was/were/had/did) with nothing after it that points forward, or a past verb at its end
    and nothing pointing forward at all (see `_mark_past_day`)."""
    cut = _PAST_TAIL_START.match(text, lo, end)
    tail = text[cut.end() if cut else lo:end]
    aux = _PAST_AUX.search(tail)
    if aux is not None:
        return _NOT_PAST.search(tail, aux.end()) is None
    return _PAST_VERB.search(tail) is not None and _NOT_PAST.search(tail) is None


_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", _FLAGS)
_PAST_DATE_PREP = re.compile(
    r"\s+(?:on|in|from|between|during|by|until|till|through|throughout|at|over|around)\s+"
    r"(?:the\s+)?$", _FLAGS)


def _plainly_past(c: _C, text: str) -> bool:
    """A year-less date after "since" ("in force since January 2"), or after a preposition
    in a plainly past clause (`_past_tail`: "the new rules applied from January 1", "the
    vote was held in February"): not after the reference."""
    lo = max(0, c.start - 150)
    if _SINCE_BEFORE.search(text, max(0, c.start - 12), c.start):
        return True
    prep = _PAST_DATE_PREP.search(text, max(0, c.start - 20), c.start)
    if prep is not None:
        end = prep.start()
    elif c.kind == "range" and _RANGE_PRE_AT.match(text, c.start):
        end = c.start  # "ran from March 3 to March 7": the range took its "from"
    else:
        return False
    return _past_tail(text, lo, end)


def _resolve_anaphor(c: _C, base: dt.date) -> DateValue:
    """"the next day", "two days later", "the following Friday/week/month/year" after `base`;
    "Friday of the following week", "Monday of that week"."""
    if c.wd is not None and c.unit == "week":
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=c.n or 0)
        return _day_value(monday + dt.timedelta(days=c.wd), relative=True)
    if c.wd is not None:
        return _day_value(base + dt.timedelta(days=(c.wd - base.weekday() - 1) % 7 + 1),
                          relative=True)
    if c.unit == "week":
        return _week_value(base + dt.timedelta(weeks=1), relative=True)
    if c.unit == "month":
        return _month_value(*_add_months(base.year, base.month, 1), relative=True)
    if c.unit == "quarter":
        y, q = divmod(base.year * 4 + (base.month - 1) // 3 + 1, 4)
        return _quarter_value(y, q + 1, relative=True)
    if c.unit == "year":
        return _year_value(base.year + 1, relative=True)
    return _day_value(base + dt.timedelta(days=c.n or 0), relative=True)


def parse_date_value(value: object, lang: str = "en") -> DateValue | None:
    """A metadata date (YAML date/datetime, int year or string) at its real precision, or None.

    "2025-01" is month precision, "2025" year precision: no day is ever invented.
    A datetime with a time other than midnight keeps its time (minute precision, as written).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return _day_value(value.date())
        return _minute_value(value)
    if isinstance(value, dt.date):
        return _day_value(value)
    if isinstance(value, int):
        return _year_value(value) if 1000 <= value <= 2999 else None
    if not isinstance(value, str):
        return None
    s = value.strip().strip(".,;")
    if not s or len(s) > 100:
        return None
    m = _ISO_FULL.fullmatch(s)
    if m:
        try:
            y, mo, d = int(m["y"]), int(m["m"] or 0), int(m["d"] or 0)
            if not mo:
                return _year_value(y)
            if not d:
                return _month_value(y, mo)
            day = dt.date(y, mo, d)
        except ValueError:
            return None
        if m["h"] and (m["h"], m["mi"] or "00", m["sec"] or "00") != ("00", "00", "00"):
            return _minute_value(dt.datetime(y, mo, d, int(m["h"]), int(m["mi"] or 0)))
        return _day_value(day)
    m = _TIMEX_PERIOD.fullmatch(s)
    if m:
        return _resolve(_C(0, len(s), "quarter", int(m["y"]), n=int(m["q"])), None, "past")
    timex = _timex_value(s)
    if timex is not None:
        return timex
    try:
        rfc = email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        rfc = None
    if rfc is not None:
        return parse_date_value(rfc.replace(tzinfo=None), lang)
    found = find_dates(s, None, lang)
    if len(found) == 1:
        f = found[0]
        rest = (s[:f.start] + s[f.end:]).strip(" ,.;()")
        if not rest or re.fullmatch(r"(?:on|in|the|dated?:?)\s*", rest, re.IGNORECASE):
            return f.date
    return _dateparser_value(s, lang)


def parse_ref(text: str) -> DateValue:
    """Like `parse_date_value`, for the CLI's --ref/--as-of; raises ValueError when not a date."""
    v = parse_date_value(text)
    if v is None:
        raise ValueError(
            f"not a date: {text!r} (expected e.g. 2025-01-08, 2025-01, 2025 or 'January 2025')")
    return v


_ISO_FULL = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})"
    r"(?::(?P<sec>\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?")
_TIMEX_PERIOD = re.compile(r"(?P<y>\d{4})-Q(?P<q>[1-4])")
_TIMEX_SEASON = re.compile(r"(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)")
_TIMEX_WEEK = re.compile(r"(?P<y>\d{4})-W(?P<w>\d\d)")
_TIMEX_DECADE = re.compile(r"(?P<d>\d{3})X")
_TIMEX_CENTURY = re.compile(r"(?P<c>\d{2})XX")


def _timex_value(s: str) -> DateValue | None:
    """The TIMEX3 values this module writes, read back: 2025-SU, 2025-W02, 199X, 19XX."""
    if m := _TIMEX_SEASON.fullmatch(s):
        return _season_value(int(m["y"]), m["s"])
    if m := _TIMEX_WEEK.fullmatch(s):
        try:
            return _week_value(dt.date.fromisocalendar(int(m["y"]), int(m["w"]), 1))
        except ValueError:
            return None
    if m := _TIMEX_DECADE.fullmatch(s):
        y = int(m["d"]) * 10
        return DateValue(s, P.DECADE, dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31))
    if m := _TIMEX_CENTURY.fullmatch(s):
        n = int(m["c"])
        return DateValue(s, P.CENTURY, dt.date(max(n * 100, 1), 1, 1),
                         dt.date(n * 100 + 99, 12, 31))
    return None


# ---------------------------------------------------------------------------------------------
# Selection and assembly
# ---------------------------------------------------------------------------------------------


def _select(cands: list[_C]) -> list[_C]:
    """Non-overlapping candidates: the longest first, then the earliest, then the rule order."""
    cands.sort(key=lambda c: (c.start - c.end, c.start, c.rank))
    starts: list[int] = []  # of the chosen, which never overlap: sorted by start, their ends
    ends: list[int] = []  # are too (a text of 100,000 candidates: no pass over all chosen)
    chosen: list[_C] = []
    for c in cands:
        i = bisect.bisect_right(starts, c.start)
        if (i and ends[i - 1] > c.start) or (i < len(starts) and starts[i] < c.end):
            continue  # overlaps the chosen one starting at or before it, or the next one
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


_WD_GAP = re.compile(r"[ \t]*[,(]?[ \t]*")
_REL_GAP = re.compile(r"[ \t]*[,(][ \t]*")


def _join_weekday(chosen: list[_C], text: str) -> list[_C]:
    """A bare weekday just before a day date is part of it: "Friday 2018-7-6", "friday 5/12",
    "Tuesday, the 8th" (whose month is then one where the 8th is a Tuesday), "this Friday
    (Jun-15)": the written date is the value. So is a full date set off after "today",
    "tomorrow"... ("tomorrow, 13/04/21, at 7 PM"): the writer's own date beats our reading of
    "tomorrow" against a reference that may not be the day it was written."""
    out: list[_C] = []
    i = 0
    while i < len(chosen):
        a = chosen[i]
        if i + 1 < len(chosen) and a.kind == "relday" and a.hour is None:
            b = chosen[i + 1]
            if b.kind == "date" and b.d and b.y is not None and _REL_GAP.fullmatch(
                    text, a.end, b.start):
                if "(" in text[a.end:b.start] and text[b.end:b.end + 1] == ")":
                    b.end += 1
                b.start = a.start  # "tomorrow, 13/04/21": the written date is the value
                out.append(b)
                i += 2
                continue
        if i + 1 < len(chosen) and a.kind == "weekday" and a.hour is None and (
                a.mode is None or "(" in text[a.end:chosen[i + 1].start]):
            b = chosen[i + 1]
            if ((b.kind == "date" and b.d) or (b.kind == "day" and b.n is None)) and (
                    _WD_GAP.fullmatch(text, a.end, b.start)):
                if "(" in text[a.end:b.start] and text[b.end:b.end + 1] == ")":
                    b.end += 1
                b.start = a.start
                if b.kind == "day":
                    b.n = a.n
                elif a.mode is None or a.mode == "this":
                    b.wd = a.n  # "friday 5/12": the weekday must agree (see `_resolve_kind`)
                out.append(b)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


_AGO_GAP = re.compile(r"[ \t]*,?[ \t]*(?P<prep>(?:on|in)[ \t]+)?", _FLAGS)


def _join_ago(chosen: list[_C], text: str) -> list[_C]:
    """"17 years ago on September 11", "two years ago, in March", "ten years ago today", "a
    year ago this week/month": that day, month or week of the year so many years before the
    reference, one expression (not "17 years ago" and a September 11 of the reference's year).
    "23 years ago on Sept. 11, 2001" is the date written, one expression. The date must
    follow at once ("on"/"in" for a date, nothing for "today"/"this week"); "a few years ago"
    is too vague to count from."""
    def join(a: _C, b: _C) -> _C | None:
        if not (a.kind == "ago" and a.unit == "year" and (a.n or 0) < 0 and not a.base
                and a.mod is None):
            return None
        gap = _AGO_GAP.fullmatch(text, a.end, b.start)
        if gap and gap["prep"] and b.kind == "date" and b.y is not None and b.m:
            # "23 years ago on Sept. 11, 2001": the date written, one expression (not also a
            # year 23 years before the reference, which the count may miss by one)
            b.start = a.start
            return b
        if gap and b.mode is None and b.mod is None and b.hour is None and (
                (b.kind == "date" and b.y is None and b.m and gap["prep"])
                or (not gap["prep"] and b.n == 0 and (b.kind == "relday" or (
                    b.kind == "relunit" and b.unit in ("week", "month"))))):
            b.start, b.mode = a.start, f"year{a.n:+d}"
            return b
        return None

    return _join_pairs(chosen, join)


_TIMED_GAP = re.compile(r"\s*(?:-|–|—|to|until|till|through|thru|and)\s*", _FLAGS)


def _join_timed(chosen: list[_C], text: str) -> list[_C]:
    """"from 6 p.m. Thursday to 6 a.m. Saturday", "between Monday at 9 a.m. and Wednesday at
    noon": two days with a time of day each (given by `_attach`), joined as `_merge_ranges`
    joins days, are one range whose end is after its start (the end read alone was the
    Saturday before the Thursday)."""
    def join(a: _C, b: _C) -> _C | None:
        gap = _TIMED_GAP.fullmatch(text, a.end, b.start)
        if (gap and (a.hour is not None or b.hour is not None) and a.end_time is None
                and b.end_time is None and a.mod is None and b.mod is None
                and a.kind != "range" and b.kind != "range" and _mergeable(a, b)):
            pre = _RANGE_PRE.search(text, max(0, a.start - 10), a.start)
            if "and" not in gap[0].lower() or (pre and pre["pre"].lower() == "between"):
                return _C(pre.start() if pre else a.start, b.end, "range", parts=(a, b))
        return None

    return _join_pairs(chosen, join)


_YEAR_GAP = re.compile(r"\s*,?\s*(?:(?:in|of)\s+)?", _FLAGS)


def _merge_ranges(chosen: list[_C], text: str) -> list[_C]:
    """Join "from X to Y", "between X and Y", "X - Y" into one range candidate."""
    out: list[_C] = []
    i = 0
    while i < len(chosen):
        a = chosen[i]
        if i + 1 < len(chosen):
            b = chosen[i + 1]
            gap = _RANGE_GAP.fullmatch(text, a.end, b.start)
            if gap and _mergeable(a, b) and (b.d or b.kind == "day" or not re.search(
                    r"\bthe\s*$", gap.group(0), _FLAGS)):  # "to the 2018/08/16", not "the 2020"
                pre = _RANGE_PRE.search(text, max(0, a.start - 10), a.start)
                word = gap.group(0).split()[0].lower() if gap.group(0).split() else ""
                if word != "and" or (pre and pre["pre"].lower() == "between"):
                    start = pre.start() if pre else a.start
                    end = b.end
                    if (a.kind == b.kind == "date" and a.y is None and b.y is None
                            and not a.d and not b.d and i + 2 < len(chosen)
                            and chosen[i + 2].kind == "year"
                            and _YEAR_GAP.fullmatch(text, b.end, chosen[i + 2].start)):
                        b.y, end = chosen[i + 2].y, chosen[i + 2].end  # "April to June in 2017"
                        i += 1
                    out.append(_C(start, end, "range", parts=(a, b)))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


_WEEK_GAP = re.compile(r"[ \t]*,?[ \t]*")


def _join_week_days(chosen: list[_C], text: str) -> list[_C]:
    """"next week between Wednesday and Friday", "from Tuesday to Thursday last week": the
    days of that week (not the nearest Wednesday and Friday, and the week beside them)."""
    def join(a: _C, b: _C) -> _C | None:
        if not _WEEK_GAP.fullmatch(text, a.end, b.start):
            return None
        week, days = (a, b) if a.kind == "relunit" else (b, a)
        if (week.kind == "relunit" and week.unit == "week" and week.mode is None
                and week.mod is None and days.kind == "range" and days.mod is None
                and days.hour is None and days.parts is not None
                and all(p.kind == "weekday" and p.mode is None for p in days.parts)):
            first, second = days.parts
            parts = (replace(first, mode=f"week{week.n or 0:+d}"), second)
            return _C(a.start, b.end, "range", parts=parts)
        return None

    return _join_pairs(chosen, join)


def _join_pairs(chosen: list[_C], join: Callable[[_C, _C], _C | None]) -> list[_C]:
    """`chosen` with each two neighbours that `join` makes one expression replaced by it (what
    `join` gives: None leaves them apart), in text order."""
    out: list[_C] = []
    i = 0
    while i < len(chosen):
        joined = join(chosen[i], chosen[i + 1]) if i + 1 < len(chosen) else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(chosen[i])
            i += 1
    return out


def _minute_word(w: str) -> int:
    return sum(_MIN_WORDS[p] for p in re.split(r"[\s-]+", w.lower()))


def _daypart_hour(h: int, part: str) -> int:
    """An hour written without a.m./p.m. in the afternoon ("at 5") or the evening ("tonight
    around 9"): 1-7 and 4-11 are p.m.; other hours stay as written ("tonight around 3")."""
    if (part == "afternoon" and 1 <= h <= 7) or (
            part in ("evening", "night", "tonight") and 4 <= h <= 11):
        return h + 12
    return h


def _time_of(m: re.Match[str], text: str, after: bool) -> tuple[int, int, bool, bool] | None:
    """(hour, minute, minutes written, a.m./p.m. known) of a `_TIME_AFTER`/`_TIME_BEFORE` match,
    or None when the form needs what is not there: a bare hour ("at 10", "at seven") needs
    "at"/"around" after the day and a clause end after it ("at 10 Downing Street", "at 5 people",
    "at 3 to 1" are not times); "9a" needs "at"; "20 to 8" is read only with "minutes"."""
    g = m.groupdict()
    preps = set(re.findall(r"[a-z]+|@", (g["prep"] or "").lower()))
    weak = bool(preps & _WEAK_PREPS)
    end_ok = bool(g.get("dp")) or bool(_WEAK_END.match(text, m.end()))
    if g["h"] is not None:
        if g["apx"] and not (after and weak):
            return None  # "9a", "9:30p": only "at 9a" after a day
        pm = (g["ap"] or g["apx"]).lower() == "p"
        return int(g["h"]) % 12 + 12 * pm, int(g["mi"] or 0), bool(g["mi"]), True
    if g["h24"] is not None:
        h = int(g["h24"])
        return h, int(g["mi24"]), True, h >= 13 or g["h24"].startswith("0")
    if g["nn"]:
        if not preps or g["nn"].lower() == "midnight":
            return None  # "at midnight on Friday" ends Friday: T00:00 would be its start
        return 12, 0, False, True
    if g["dir"]:
        d = g["dir"].lower()
        if g["half"]:
            if d != "past":
                return None
            mi = 30
        elif g["qu"]:
            mi = 15
        else:
            f = g["fm"].lower()
            mi = int(f) if f.isdigit() else _minute_word(f)
            if not 0 < mi < 60:
                return None
            if not g["fmin"] and (d in ("after", "before") or not (weak and end_ok) or (
                    f.isdigit() and d != "past")):
                return None  # "at 3 to 1" is a score, "ten to twelve people" a count
        fh = g["fh"].lower()
        h = int(fh) if fh.isdigit() else _HOUR_WORDS[fh]
        if d in ("to", "before"):
            h, mi = (h - 2) % 12 + 1, 60 - mi
        return h, mi, True, False
    if g["hw"]:
        h = _HOUR_WORDS[g["hw"].lower()]
        mi = _minute_word(g["mw"]) if g["mw"] else None
        if g["ap2"]:
            s = m.start("ap2")
            if not preps and text[s].isupper() and "." not in text[s:s + 4]:
                return None  # "one PM": a prime minister
            return h % 12 + 12 * (g["ap2"].lower() == "p"), mi or 0, mi is not None, True
        if g["oc"]:
            return h, mi or 0, mi is not None, False
        if mi is None:  # "at seven"
            return (h, 0, False, False) if after and weak and end_ok else None
        if after:  # "at seven twenty-seven", "march eighteenth nine thirty."
            ok = (weak and end_ok) or bool(_CLAUSE_STOP.match(text, m.end()))
        else:  # "at eight twenty-five tomorrow", "seven-thirty tomorrow evening"
            ok = weak or "-" in (g["hsep"] or "")
        return (h, mi, True, False) if ok else None
    if g["hd"] is not None:  # "Monday at 2.30": as "at 2", unless the clause is of prices
        if not after or not weak or not end_ok or _PRICE_CLAUSE.search(
                text, _clause_start(text, m.start()), m.start()):
            return None  # "The index closed on Monday at 2.30"
        h = int(g["hd"])
        return h, int(g["mid"]), True, h >= 13 or g["hd"].startswith("0")
    h = int(g["hb"])
    if g["oc2"]:
        return (h, 0, False, False) if h <= 12 else None
    if not after or not weak or not end_ok:
        return None
    return h, 0, False, h >= 13


_PRICE_CLAUSE = re.compile(
    r"[$€£¥%]|\b(?:clos\w*|open(?:ed|ing)|trad\w*|end(?:ed|ing)|finish\w*|settl\w*|stood"
    r"|rose|risen|fell|fallen|gain\w*|lost|los(?:s|ing)|jump\w*|drop\w*|slip\w*|climb\w*"
    r"|dipp?\w*|pric\w+|shares?|stocks?|index|indices|rates?|yields?|bonds?|currency|cents?"
    r"|dollars?|euros?|pounds?|yen|points?|percent|cent|odds|score\w*|valu\w+|cost\w*)\b",
    _FLAGS)
"""A clause about prices, rates or scores: "at 2.30" there is a number, not a time."""
_CLAUSE_BEGIN = re.compile(r".*[.;!?\n]\s", re.DOTALL)


def _clause_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts (up to 200 characters back)."""
    lo = max(0, pos - 200)
    m = _CLAUSE_BEGIN.match(text, lo, pos)
    return m.end() if m else lo


_DAYPART_AFTER = re.compile(rf"\s+(?:in\s+the\s+)?{_DAYPART}", _FLAGS)
_TIME_UNTIL = re.compile(
    rf"\s*(?P<sep>-|–|—|\b(?:to|until|till|and)\b)\s*(?P<prep>)(?P<t>{_TIME})", _FLAGS)
"""The end of a time range after its start ("Tuesday from 9 a.m. to 5 p.m.")."""
_TIME_HEAD = re.compile(
    rf"(?:\b(?P<prep>from|between)\s+)?(?P<t>{_TIME})\s*(?P<sep>-|–|—|\b(?:to|until|till"
    r"|and)\b)\s*$", _FLAGS)
"""The start of a time range before its end ("from 9 a.m. to 5 p.m. on Tuesday", "9am-5pm")."""
_DAY_BEFORE_TIME = re.compile(rf"\b(?:{_MON_ALT}|{_WD_ALT})\.?,?\s+(?:at\s+)?$", _FLAGS)
"""A day before what `_TIME_HEAD` found: "January 16 to 6 a.m. on January 18", "Thursday 6 p.m.
to 6 a.m. Saturday" are no time range within January 18 or Saturday (the day before has it)."""
_DAY_AFTER_TIME = re.compile(
    rf"\s*,?\s*(?:on\s+)?(?:(?:the\s+)?[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    rf"\b(?:{_MON_ALT}|{_WD_ALT}|today|tomorrow)\b", _FLAGS)
"""A day after the end of what looked like a time range: "Thursday 6 p.m. to 6 a.m. Saturday"
ends on Saturday (`_join_timed`)."""
_BARE_TIME = re.compile(r"(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?")


def _range_head(head: re.Match[str], text: str) -> tuple[int, int, bool, bool] | None:
    """The start of a time range written before its end (`_TIME_HEAD`): as `_time_of`, and
    also a bare hour after "from"/"between" or before a dash ("from 9 to 5 p.m.", "2-3 p.m."),
    whose a.m./p.m. the end decides (see `_time_span`)."""
    t = _time_of(head, text, False)
    if t is None and (head["prep"] or head["sep"] in ("-", "–", "—")):
        bare = _BARE_TIME.fullmatch(head["t"])
        if bare:
            return int(bare["h"]), int(bare["mi"] or 0), bool(bare["mi"]), False
    return t


def _time_span(t1: tuple[int, int, bool, bool], t2: tuple[int, int, bool, bool]
               ) -> tuple[int, int, bool, bool]:
    """The start of a time range whose a.m./p.m. only its end says: "from 9 to 11 a.m." is
    9 a.m., "from 1 to 5 p.m." 1 p.m., "from 10 to 2 p.m." 10 a.m. (the start is before the
    end on the clock face, else in the morning)."""
    h, minute, written, known = t1
    h2, minute2, _, known2 = t2
    if known or not known2 or h > 12:
        return t1
    pm = h2 >= 12 and (h % 12, minute) < (h2 % 12, minute2)
    return h % 12 + 12 * pm, minute, written, True


def _attach(c: _C, text: str) -> None:
    """Extend `c` with a hedge before it and a time of day before or after it."""
    dayish = c.kind in ("day", "relday", "weekday", "nthwd", "mday", "dayof") or (
        c.kind == "date" and c.d)
    if dayish and c.hour is None:
        start, end = c.start, c.end
        t2 = None  # the end of a time range: "from 9 a.m. to 5 p.m. on Tuesday"
        m = _TIME_AFTER.match(text, c.end)
        t = _time_of(m, text, True) if m else None
        if m and t:
            end = m.end()
            between = "between" in m["prep"].lower()
            tail = _TIME_UNTIL.match(text, end)
            if tail and (between or tail["sep"].lower() != "and") and not (
                    _DAY_AFTER_TIME.match(text, tail.end())):
                t2 = _time_of(tail, text, True)
                if t2:
                    end = tail.end()
            if between and t2 is None:
                t = None  # "Tuesday between 9:00": half a range, no time
        if not t:
            m = _time_before(text, c.start)
            t = _time_of(m, text, False) if m else None
            if m and t:
                start = m.start("t")
                head = _TIME_HEAD.search(text, max(0, start - 40), start)
                if head and (head["sep"].lower() != "and" or head["prep"]) and not (
                        _DAY_BEFORE_TIME.search(text, max(0, head.start("t") - 15),
                                                head.start("t"))):
                    # "from 9 a.m. to 5 p.m. on Tuesday": not 5 p.m., but from 9 a.m. (and
                    # when the start cannot be read, no time at all rather than the end)
                    t, t2 = _range_head(head, text), t
                    start = head.start()
                dp = _DAYPART_AFTER.match(text, c.end)
                if t and dp and not t[3]:
                    end = dp.end()  # "at 7:30 Monday evening"
        if t and t2:
            t = _time_span(t, t2)
        if t:
            h, minute, written, known = t
            part = _DAYPART_WORD.search(text, start, end)
            if not known and part:
                h = _daypart_hour(h, part[1].lower())
            if h != 12 or known or not part or part[1].lower() in ("morning", "afternoon"):
                # ("tonight at 12" is midnight, which ends the day: no time is kept)
                c.start, c.end, c.hour, c.minute, c.minute_written = (
                    start, end, h, minute, written)
                if t2:
                    h2 = t2[0] if t2[3] or not part else _daypart_hour(t2[0], part[1].lower())
                    c.end_time = h2, t2[1], t2[2]
    if c.kind == "range":
        pre = _RANGE_PRE.search(text, max(0, c.start - 10), c.start)
        if pre:
            c.start = pre.start()
    m = _MOD_BEFORE.search(text, max(0, c.start - 25), c.start)
    if m:
        word = m["mod"].lower().split()
        key = word[1] if word[0] == "the" else word[0]
        c.mod = _MOD_KIND.get(key, "approx")
        c.start = m.start()


# ---------------------------------------------------------------------------------------------
# Resolution against the reference
# ---------------------------------------------------------------------------------------------


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _last_day(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _day_value(d: dt.date, **flags: bool) -> DateValue:
    return DateValue(d.isoformat(), P.DAY, d, d, **flags)


def _minute_value(t: dt.datetime, minute: bool = True, **flags: bool) -> DateValue:
    d = t.date()
    return DateValue(f"{d.isoformat()}T{t.hour:02d}:{t.minute:02d}",
                     P.MINUTE if minute else P.HOUR, d, d, **flags)


def _month_value(y: int, m: int, **flags: bool) -> DateValue:
    return DateValue(f"{y:04d}-{m:02d}", P.MONTH, dt.date(y, m, 1), _last_day(y, m), **flags)


def _year_value(y: int, **flags: bool) -> DateValue:
    return DateValue(f"{y:04d}", P.YEAR, dt.date(y, 1, 1), dt.date(y, 12, 31), **flags)


def _quarter_value(y: int, q: int, **flags: bool) -> DateValue:
    return DateValue(f"{y:04d}-Q{q}", P.QUARTER, dt.date(y, 3 * q - 2, 1),
                     _last_day(y, 3 * q), **flags)


def _season_value(y: int, s: str, **flags: bool) -> DateValue:
    a, b = _SEASON_MONTHS[s]
    end = _last_day(y + 1, b) if s == "WI" else _last_day(y, b)
    return DateValue(f"{y:04d}-{s}", P.SEASON, dt.date(y, a, 1), end, **flags)


def _week_value(day: dt.date, weekend: bool = False, **flags: bool) -> DateValue:
    iy, iw, _ = day.isocalendar()
    monday = day - dt.timedelta(days=day.weekday())
    if weekend:
        return DateValue(f"{iy:04d}-W{iw:02d}-WE", P.WEEK, monday + dt.timedelta(days=5),
                         monday + dt.timedelta(days=6), **flags)
    return DateValue(f"{iy:04d}-W{iw:02d}", P.WEEK, monday, monday + dt.timedelta(days=6),
                     **flags)


def _ref_day(ref: DateValue | None) -> dt.date | None:
    """The reference day, only when the reference is day precision or finer."""
    if ref is None or ref.precision.rank > P.DAY.rank:
        return None
    return ref.start


def _pick_year(span: Callable[[int], tuple[dt.date, dt.date]], ref: DateValue | None,
               prefer: str, ok: Callable[[int], bool] | None = None) -> int | None:
    """The year for a year-less expression (see the module docstring); with `ok`, the first
    of the years the inference allows that `ok` accepts (None when none does)."""
    if ref is None or ref.precision.rank > P.YEAR.rank:
        return None
    if ref.precision == P.YEAR:
        return ref.start.year if ok is None or ok(ref.start.year) else None
    if prefer == "future":
        years: tuple[int, ...] = tuple(range(ref.start.year - 1, ref.start.year + 5))
        for y in years:
            try:
                if span(y)[1] >= ref.start and (ok is None or ok(y)):
                    return y
            except ValueError:
                continue
        return None
    limit = ref.end + (_GRACE if prefer != "strict" else dt.timedelta(0))
    for y in (ref.end.year + 1, ref.end.year, ref.end.year - 1, ref.end.year - 2,
              ref.end.year - 3, ref.end.year - 4):
        try:
            if span(y)[0] <= limit and (ok is None or ok(y)):
                return y
        except ValueError:
            continue  # 29 February
    return None


def _narrow(v: DateValue, mod: str | None) -> DateValue:
    if mod is None:
        return v
    if mod == "approx" or v.precision.rank <= P.DAY.rank:
        return replace(v, approximate=True)
    days = (v.end - v.start).days + 1
    third = days // 3
    if mod == "early":
        start, end = v.start, v.start + dt.timedelta(days=third - 1)
    elif mod == "mid":
        start, end = v.start + dt.timedelta(days=third), v.end - dt.timedelta(days=third)
    else:
        start, end = v.end - dt.timedelta(days=third - 1), v.end
    return replace(v, start=start, end=end, approximate=True)


def _resolve(c: _C, ref: DateValue | None, prefer: str) -> DateValue | None:
    try:
        v = _resolve_kind(c, ref, prefer)
    except (ValueError, OverflowError):
        return None
    if v is None:
        return None
    if c.ambiguous:
        v = replace(v, ambiguous=True)
    return _narrow(v, c.mod)


def _with_time(c: _C, d: dt.date, **flags: bool) -> DateValue:
    if c.hour is None:
        return _day_value(d, **flags)
    t = dt.datetime(d.year, d.month, d.day, c.hour, c.minute or 0)
    v = _minute_value(t, c.minute_written, **flags)
    if c.end_time is None:
        return v
    # a time range on one day, written as any range: "2025-01-14T09:00/2025-01-14T17:00"
    # (one that ends before it starts, "from 10 p.m. to 2 a.m.", ends the day after)
    h2, minute2, written2 = c.end_time
    t2 = dt.datetime(d.year, d.month, d.day, h2, minute2)
    if t2 <= t:
        t2 += dt.timedelta(days=1)
    return _range_value(v, _minute_value(t2, written2, **flags)) or v


def _resolve_kind(c: _C, ref: DateValue | None, prefer: str) -> DateValue | None:
    k = c.kind
    if k == "date":
        if c.m is None:
            return None
        inferred = c.y is None
        y = c.y
        if y is not None and c.two_digit_year and ref is not None:
            # "03/18/40": the latest such year no more than 10 years after the reference
            y = y % 100 + (ref.start.year + 10 - y % 100) // 100 * 100
        flags = {}
        if y is None and c.mode is not None:  # "this May 8th": the reference's year
            if ref is None or ref.precision.rank > P.YEAR.rank:
                return None
            y = ref.start.year
            if c.mode.startswith("year"):  # "Christmas of last year"
                y += int(c.mode[4:])
                inferred, flags = False, {"relative": True}
        amb = False
        if y is None:
            mo, d = c.m, c.d

            def span(yy: int) -> tuple[dt.date, dt.date]:
                if d:
                    day = dt.date(yy, mo, d)
                    return day, day
                return dt.date(yy, mo, 1), _last_day(yy, mo)

            y = _pick_year(span, ref, prefer)
            if y is None:
                return None
            if c.d and c.wd is not None and dt.date(y, c.m, c.d).weekday() != c.wd:
                # "Friday, June 23" whose nearest June 23 is no Friday: the year after it
                # ("future") or before it ("past") if that one is a Friday, else as inferred;
                # flagged either way (a year moved by a weekday, or a weekday that fits none)
                near = y

                def fits(yy: int) -> bool:
                    return abs(yy - near) <= 1 and dt.date(yy, mo, d).weekday() == c.wd

                y, amb = _pick_year(span, ref, prefer, fits) or y, True
        if c.d:
            if c.wd is not None and dt.date(y, c.m, c.d).weekday() != c.wd:
                amb = True  # "Thursday, 8 January 2025" (a Wednesday): as written, flagged
            return _with_time(c, dt.date(y, c.m, c.d), inferred_year=inferred, ambiguous=amb,
                              **flags)
        return _month_value(y, c.m, inferred_year=inferred, **flags)
    if k == "year":
        return _year_value(c.y or 0)
    if k == "range":
        return _resolve_range(c, ref, prefer)
    if k == "decade":
        y = c.y or 0
        return DateValue(f"{y // 10:03d}X", P.DECADE, dt.date(y, 1, 1), dt.date(y + 9, 12, 31))
    if k == "century":
        n = c.n or 0
        return DateValue(f"{n:02d}XX", P.CENTURY, dt.date(max(n * 100, 1), 1, 1),
                         dt.date(n * 100 + 99, 12, 31))
    if k == "quarter":
        return _resolve_quarter(c, ref, prefer)
    if k == "half":
        return _resolve_half(c, ref)
    if k == "season":
        return _resolve_season(c, ref, prefer)
    if k == "month_rel":
        return _resolve_month_rel(c, ref)
    if k == "day":
        return _resolve_day(c, ref, prefer)
    if k == "mday":
        if ref is None or ref.precision.rank > P.MONTH.rank or ref.precision == P.WEEK:
            return None
        y, mo = _add_months(ref.start.year, ref.start.month, c.n or 0)
        if not _valid(y, mo, c.d or 0):
            return None
        return _with_time(c, dt.date(y, mo, c.d or 1), relative=True)
    if k == "now":
        day = _ref_day(ref)
        return None if day is None else _day_value(day, relative=True)
    if k == "relday":
        day = _ref_day(ref)
        if day is None:
            return None
        if c.mode is not None:  # "ten years ago today" (`_join_ago`)
            day = _years_later(day, int(c.mode[4:]))
        return _with_time(c, day + dt.timedelta(days=c.n or 0), relative=True)
    if k == "weekday":
        return _resolve_weekday(c, ref, prefer)
    if k == "ago":
        return _resolve_ago(c, ref)
    if k == "relunit":
        return _resolve_relunit(c, ref)
    if k == "moving":
        rule = _MOVING[c.unit or "easter"]
        if c.mode is not None:  # "Easter this year"
            if ref is None or ref.precision.rank > P.YEAR.rank:
                return None
            return _with_time(c, rule(ref.start.year + int(c.mode[4:])), relative=True)
        y = c.y if c.y is not None else _pick_year(lambda yy: (rule(yy), rule(yy)), ref, prefer)
        if y is None:
            return None
        return _with_time(c, rule(y), inferred_year=c.y is None)
    if k in ("weekof", "nthwd", "weekn", "dayof"):
        return _resolve_week(c, ref, prefer)
    if k == "weekend":
        day = _ref_day(ref)
        if day is None:
            return None
        back = day.weekday() + 1 if day.weekday() < 5 else 0  # days since last Sunday
        ahead = 5 - day.weekday() if day.weekday() < 5 else 0  # days to next Saturday
        if day.weekday() == 0:
            back = ahead  # on a Monday both weekends are near: `prefer` decides
        if back < ahead or (back == ahead and prefer != "future"):
            day -= dt.timedelta(days=7)
        return _week_value(day, True, relative=True)
    if k == "span":
        return _resolve_span(c, ref)
    return None


def _resolve_range(c: _C, ref: DateValue | None, prefer: str) -> DateValue | None:
    assert c.parts is not None
    a, b = (replace(p, mod=None) for p in c.parts)
    if a.kind == "date" and b.kind == "date":
        if a.y is None and b.y is not None:
            a.y = b.y - (1 if (a.m or 0, a.d or 0) > (b.m or 0, b.d or 0) else 0)
        elif b.y is None and a.y is not None:
            b.y = a.y + (1 if (a.m or 0, a.d or 0) > (b.m or 0, b.d or 0) else 0)
        elif a.y is None and b.y is None:
            va = _resolve(a, ref, prefer)
            if va is None:
                return None
            a.y = va.start.year
            b.y = a.y + (1 if (a.m or 0, a.d or 0) > (b.m or 0, b.d or 0) else 0)
            inferred = True
            vb = _resolve(b, ref, prefer)
            if vb is None:
                return None
            return _range_value(replace(va, inferred_year=inferred), vb)
    if a.kind == "day" and b.kind == "day":  # "between the 21st and 23rd": one month
        va = _resolve(a, ref, prefer)
        if va is None:
            return None
        y, mo = va.start.year, va.start.month
        if (b.d or 0) < (a.d or 0):
            y, mo = _add_months(y, mo, 1)
        if not _valid(y, mo, b.d or 0):
            return None
        return _range_value(va, _with_time(b, dt.date(y, mo, b.d or 1), inferred_year=True))
    if a.kind == "weekday" and b.kind == "weekday" and b.mode is None:
        va = _resolve(a, ref, prefer)  # "from Tuesday to Friday": the Friday after that Tuesday
        if va is None:
            return None
        vb = _with_time(b, va.start + dt.timedelta(days=((b.n or 0) - (a.n or 0)) % 7),
                        relative=True)
        return _range_value(va, vb)
    if a.kind == "weekday" and b.kind == "weekday" and a.mode is None and (
            b.mode or "").startswith("week"):
        vb = _resolve(b, ref, prefer)  # "from Tuesday to Thursday next week": both next week
        if vb is None:
            return None
        va = _with_time(a, vb.start - dt.timedelta(days=((b.n or 0) - (a.n or 0)) % 7),
                        relative=True)
        return _range_value(va, vb)
    if a.kind != "date" and b.kind == "date" and b.y is None and b.m:
        va = _resolve(a, ref, prefer)  # "between now and November 15": the next November 15
        if va is None:
            return None
        b.y = va.start.year + (1 if (b.m, b.d or 31) < (va.start.month, va.start.day) else 0)
        vb = _resolve(b, ref, prefer)
        return None if vb is None else _range_value(va, replace(vb, inferred_year=True))
    if b.kind != "date" and a.kind == "date" and a.y is None and a.m:
        vb = _resolve(b, ref, prefer)  # "from January 22 to today": the last January 22
        if vb is None:
            return None
        a.y = vb.end.year - (1 if (a.m, a.d or 1) > (vb.end.month, vb.end.day) else 0)
        va = _resolve(a, ref, prefer)
        return None if va is None else _range_value(replace(va, inferred_year=True), vb)
    if a.kind in ("quarter", "half") and a.y is None and b.y is not None:
        a.y = b.y
    va, vb = _resolve(a, ref, prefer), _resolve(b, ref, prefer)
    if va is None or vb is None:
        return None
    return _range_value(va, vb)


def _range_value(va: DateValue, vb: DateValue) -> DateValue | None:
    if vb.end < va.start:
        return None
    return DateValue(f"{va.value}/{vb.value}", va.precision, va.start, vb.end,
                     approximate=va.approximate or vb.approximate,
                     inferred_year=va.inferred_year or vb.inferred_year,
                     relative=va.relative or vb.relative,
                     ambiguous=va.ambiguous or vb.ambiguous)


def _resolve_quarter(c: _C, ref: DateValue | None, prefer: str) -> DateValue | None:
    q = c.n or 1
    if c.y is not None:
        return _quarter_value(c.y, q)
    if c.mode in ("last", "next", "this"):
        if ref is None or ref.precision.rank > P.YEAR.rank:
            return None
        y = ref.start.year + {"last": -1, "next": 1, "this": 0}[c.mode]
        return _quarter_value(y, q, relative=True)
    if c.mode is None and c.n:  # "Q3": the year as for a year-less month
        y = _pick_year(lambda yy: (dt.date(yy, 3 * q - 2, 1), _last_day(yy, 3 * q)), ref, prefer)
        return None if y is None else _quarter_value(y, q, inferred_year=True)
    return None


def _resolve_half(c: _C, ref: DateValue | None) -> DateValue | None:
    h = c.n or 1
    flags: dict[str, bool] = {}
    y = c.y
    if y is None:
        if ref is None or ref.precision.rank > P.YEAR.rank:
            return None
        y = ref.start.year + {"last": -1, "next": 1}.get(c.mode or "", 0)
        flags = {"relative": True} if c.mode else {"inferred_year": True}
    a, b = (1, 6) if h == 1 else (7, 12)
    return DateValue(f"{y:04d}-{a:02d}/{y:04d}-{b:02d}", P.MONTH, dt.date(y, a, 1),
                     _last_day(y, b), **flags)


def _resolve_season(c: _C, ref: DateValue | None, prefer: str) -> DateValue | None:
    s = c.unit or "SU"
    if c.y is not None:
        return _season_value(c.y, s)
    if ref is None or ref.precision.rank > P.YEAR.rank:
        return None
    rs, re_ = ref.start, ref.end
    years = range(rs.year - 2, rs.year + 2)
    vals = [_season_value(y, s, relative=True) for y in years]
    if c.mode in ("last", "past"):
        ok = [v for v in vals if v.end < rs]
        return ok[-1] if ok else None
    if c.mode in ("next", "coming"):
        ok = [v for v in vals if v.start > re_]
        return ok[0] if ok else None
    if c.mode is None:  # "in the summer": as a year-less month
        y = _pick_year(lambda yy: (_season_value(yy, s).start, _season_value(yy, s).end), ref,
                       prefer)
        return None if y is None else _season_value(y, s, inferred_year=True)
    for v in vals:  # this
        if v.start <= rs <= v.end:
            return v
    return _season_value(rs.year, s, relative=True)


def _resolve_month_rel(c: _C, ref: DateValue | None) -> DateValue | None:
    if c.mode and c.mode.startswith("year"):  # "June next year"
        if ref is None or ref.precision.rank > P.YEAR.rank:
            return None
        return _month_value(ref.start.year + int(c.mode[4:]), c.m or 1, relative=True)
    if ref is None or ref.precision.rank > P.MONTH.rank or ref.precision == P.WEEK:
        return None
    y, mo = ref.start.year, c.m or 1
    cur = ref.start.month
    if c.mode == "last":
        y = y if mo < cur else y - 1
    elif c.mode in ("next", "coming"):
        y = y if mo > cur else y + 1
    return _month_value(y, mo, relative=True)


_DAY_GRACE = dt.timedelta(days=7)
"""prefer="past": "the 15th" may lie up to a week after a day-precision reference."""


def _resolve_day(c: _C, ref: DateValue | None, prefer: str) -> DateValue | None:
    """"the 8th": in a month-precision reference, that month. Against a day: with
    ``prefer="past"`` the latest such day up to a week after the reference, with "future" the
    earliest on or after it. "Friday the 26th": the 26th nearest to the reference (within a
    year; a tie goes to `prefer`) that is a Friday."""
    if ref is None or ref.precision.rank > P.MONTH.rank or ref.precision == P.WEEK:
        return None
    d = c.d or 0
    if ref.precision == P.MONTH and c.n is None:
        y, mo = ref.start.year, ref.start.month
        if not _valid(y, mo, d):
            return None
        return _with_time(c, dt.date(y, mo, d), inferred_year=True)
    day = ref.start
    span = 12 if c.n is not None else 2
    cands = []
    for k in range(-span, span + 1):
        y, mo = _add_months(day.year, day.month, k)
        if _valid(y, mo, d) and (c.n is None or dt.date(y, mo, d).weekday() == c.n):
            cands.append(dt.date(y, mo, d))
    if c.n is not None:  # the weekday pins the month: the nearest one, ties to `prefer`
        sign = 1 if prefer == "future" else -1
        target = min(cands, key=lambda x: (abs((x - day).days), sign * (day - x).days),
                     default=None)
    elif prefer == "future":
        ok = [x for x in cands if x >= ref.start]
        target = min(ok) if ok else None
    else:
        limit = ref.end + (_GRACE if c.n is not None else
                           dt.timedelta(0) if c.mode == "past" else _DAY_GRACE)
        ok = [x for x in cands if x <= limit]
        target = max(ok) if ok else None
    if target is None:
        return None
    return _with_time(c, target, inferred_year=True)


def _resolve_weekday(c: _C, ref: DateValue | None, prefer: str) -> DateValue | None:
    day = _ref_day(ref)
    if day is None:
        return None
    wd = c.n or 0
    diff = (wd - day.weekday()) % 7  # days forward to the next such weekday (0: today)
    if c.mode == "last":
        target = day - dt.timedelta(days=(7 - diff) if diff else 7)
    elif c.mode == "next":
        target = day + dt.timedelta(days=diff or 7)
    elif c.mode and c.mode.startswith("next"):  # "two Sundays from now"
        target = day + dt.timedelta(days=(diff or 7) + 7 * (int(c.mode[4:]) - 1))
    elif c.mode == "this":
        target = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=wd)
    elif c.mode and c.mode.startswith("week"):
        target = (day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=wd)
                  + dt.timedelta(weeks=int(c.mode[4:])))
    elif prefer == "future":
        target = day + dt.timedelta(days=diff)
    else:
        target = day - dt.timedelta(days=(7 - diff) % 7)
    return _with_time(c, target, relative=True)


def _years_later(day: dt.date, n: int) -> dt.date:
    """The same day `n` years later (or earlier); 29 February becomes the 28th."""
    y = day.year + n
    return day.replace(year=y, day=min(day.day, calendar.monthrange(y, day.month)[1]))


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _resolve_ago(c: _C, ref: DateValue | None) -> DateValue | None:
    n, unit = c.n or 0, c.unit
    if unit in ("day", "week"):
        day = _ref_day(ref)
        if day is None:
            return None
        return _day_value(day + dt.timedelta(days=c.base + n * (7 if unit == "week" else 1)),
                          relative=True)
    if ref is None:
        return None
    if unit == "month":
        if ref.precision.rank > P.MONTH.rank or ref.precision == P.WEEK:
            return None
        y, mo = _add_months(ref.start.year, ref.start.month, n)
        return _month_value(y, mo, relative=True)
    if ref.precision.rank > P.YEAR.rank:
        return None
    step = 10 if unit == "decade" else 1
    return _year_value(ref.start.year + n * step, relative=True)


def _resolve_span(c: _C, ref: DateValue | None) -> DateValue | None:
    """"the past three weeks": the days from then up to the reference (a day range)."""
    day = _ref_day(ref)
    if day is None:
        return None
    n, unit = c.n or 0, c.unit
    if unit in ("day", "week"):
        other = day + dt.timedelta(days=n * (7 if unit == "week" else 1))
    else:
        y, mo = _add_months(day.year, day.month, n * (12 if unit == "year" else 1))
        other = dt.date(y, mo, min(day.day, calendar.monthrange(y, mo)[1]))
    a, b = sorted((day, other))
    if n > 0:
        a = day + dt.timedelta(days=1)
    return DateValue(f"{a.isoformat()}/{b.isoformat()}", P.DAY, a, b, relative=True)


def _resolve_week(c: _C, ref: DateValue | None, prefer: str) -> DateValue | None:
    """Weeks of a month (Monday to Sunday; the first is the one holding the 1st, the last the one
    holding the last day), ISO weeks of a year, and the nth weekday of a month."""
    rel = c.mode is not None
    if c.unit == "month":
        if c.mode is not None:
            if ref is None or ref.precision.rank > P.MONTH.rank or ref.precision == P.WEEK:
                return None
            y, mo = _add_months(ref.start.year, ref.start.month, int(c.mode))
        elif c.y is not None:
            y, mo = c.y, c.m or 1
        else:
            mo = c.m or 1
            yy = _pick_year(lambda y: (dt.date(y, mo, 1), _last_day(y, mo)), ref, prefer)
            if yy is None:
                return None
            y = yy
        first, last = dt.date(y, mo, 1), _last_day(y, mo)
        flags = {"relative": rel, "inferred_year": c.y is None and not rel}
        if c.kind == "dayof":
            return _with_time(c, first if (c.n or 1) > 0 else last, **flags)
        if c.kind == "nthwd":
            wd = c.wd or 0
            if (c.n or 1) > 0:
                day = first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * ((c.n or 1) - 1))
            else:
                day = last - dt.timedelta(days=(last.weekday() - wd) % 7)
            if day.month != mo:
                return None  # no fifth Friday
            return _with_time(c, day, **flags)
        week1 = first - dt.timedelta(days=first.weekday())
        if (c.n or 1) > 0:
            monday = week1 + dt.timedelta(weeks=(c.n or 1) - 1)
            if monday > last:
                return None
        else:
            monday = last - dt.timedelta(days=last.weekday())
            if last.weekday() < 3:  # a Mon-Wed last day: the week before is the last full one
                monday -= dt.timedelta(weeks=1)
        idx = (monday - week1).days // 7 + 1
        return DateValue(f"{y:04d}-{mo:02d}-W{idx:02d}", P.WEEK, monday,
                         monday + dt.timedelta(days=6), **flags)
    # ISO weeks of a year
    if c.mode is not None:
        if ref is None or ref.precision.rank > P.YEAR.rank:
            return None
        y = ref.start.year + int(c.mode)
    elif c.y is not None:
        y = c.y
    else:
        if ref is None or ref.precision.rank > P.YEAR.rank:
            return None
        y = ref.start.year
    if c.kind == "dayof":  # the first/last day of a year
        return _with_time(c, dt.date(y, 1, 1) if (c.n or 1) > 0 else dt.date(y, 12, 31),
                          relative=rel)
    n = c.n or 1
    weeks = dt.date(y, 12, 28).isocalendar()[1]
    if n < 0:
        n = weeks
    if n > weeks:
        return None
    monday = dt.date.fromisocalendar(y, n, 1)
    return _week_value(monday, relative=rel, inferred_year=c.y is None and not rel)


def _resolve_relunit(c: _C, ref: DateValue | None) -> DateValue | None:
    if ref is None:
        return None
    off, unit = c.n or 0, c.unit
    years = int(c.mode[4:]) if (c.mode or "").startswith("year") else 0  # "17 years ago this
    v: DateValue | None  # week" (`_join_ago`)
    if unit in ("week", "weekend"):
        day = _ref_day(ref)
        if day is None:
            return None
        v = _week_value(_years_later(day, years) + dt.timedelta(weeks=off), unit == "weekend",
                        relative=True)
    elif unit == "month":
        if ref.precision.rank > P.MONTH.rank or ref.precision == P.WEEK:
            return None
        y, mo = _add_months(ref.start.year + years, ref.start.month, off)
        v = _month_value(y, mo, relative=True)
    elif unit == "quarter":
        if ref.precision.rank > P.QUARTER.rank or ref.precision in (P.WEEK, P.SEASON):
            return None
        q = (ref.start.month - 1) // 3 + 1
        y, q = divmod(ref.start.year * 4 + q - 1 + off, 4)
        v = _quarter_value(y, q + 1, relative=True)
    else:
        if ref.precision.rank > P.YEAR.rank:
            return None
        v = _year_value(ref.start.year + off, relative=True)
    if c.mode == "earlier" and ref.end < v.end:
        v = replace(v, end=max(v.start, ref.end))
    elif c.mode == "later" and ref.start > v.start:
        v = replace(v, start=min(v.end, ref.start))
    return v


# ---------------------------------------------------------------------------------------------
# Languages and dateparser
# ---------------------------------------------------------------------------------------------

_YMD_LANGS = frozenset({"zh", "ja", "ko", "hu", "lt", "mn"})
_MDY_LOCALES = frozenset({"en", "en-us", "en_us", "en-ph", "en-ca"})


def _order_for(lang: str, date_order: str | None) -> tuple[str, bool]:
    """(order of numeric dates, whether that order is known rather than a guess)."""
    if date_order:
        order = date_order.upper()
        if order not in ("DMY", "MDY", "YMD"):
            raise ValueError(f"date_order must be DMY, MDY or YMD, not {date_order!r}")
        return order, True
    low = (lang or "en").lower()
    if low == "en":
        return "MDY", False
    if low in _MDY_LOCALES:
        return "MDY", True
    if low.split("-")[0].split("_")[0] in _YMD_LANGS:
        return "YMD", True
    return "DMY", True


@lru_cache(maxsize=32)
def _grammar_for(lang: str) -> list[tuple[re.Pattern[str], _Handler]]:
    base = (lang or "en").lower().replace("_", "-").split("-")[0]
    if base == "en":
        return _GRAMMAR_EN
    names = _local_month_names(base)
    if not names:
        return _GRAMMAR_EN
    _LOCAL_MONTHS.update(names)
    alt = "|".join(sorted((re.escape(n) for n in set(names) | set(_MONTHS)), key=len,
                          reverse=True))
    return _grammar(alt)


@lru_cache(maxsize=64)
def known_language(lang: str) -> bool:
    """`lang` ("fr", "en-GB", "pt_BR") is one whose dates can be read: English, or a language
    dateparser has month names for (another code would silently be read as English)."""
    base = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    return base == "en" or (base.isalpha() and bool(_local_month_names(base)))


def _local_month_names(lang: str) -> dict[str, int]:
    """Month names of `lang` from dateparser's locale data ({} when unknown)."""
    try:
        from dateparser.languages.loader import LocaleDataLoader
        info = LocaleDataLoader().get_locale(lang).info
    except Exception:  # unknown language or dateparser internals changed
        return {}
    out: dict[str, int] = {}
    for i, key in enumerate(("january", "february", "march", "april", "may", "june", "july",
                             "august", "september", "october", "november", "december"), 1):
        for name in info.get(key, []):
            n = name.translate(_ASCII_CASE).lower().rstrip(".")  # as find_dates reads it
            if len(n) >= 3 and n not in _MONTHS:
                out[n] = i
    return out


@lru_cache(maxsize=16)
def _dateparser_for(lang: str) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=[lang], settings={
        "PREFER_DAY_OF_MONTH": "first", "RELATIVE_BASE": dt.datetime(2000, 1, 1),
        "RETURN_TIME_AS_PERIOD": True})


def _year_written(year: int, s: str) -> bool:
    """`year` is in `s`, in full or as two digits ("08.01.25") standing apart (and not the
    minutes or hours of a time: "Jan 8 10:00")."""
    return re.search(rf"(?<![\d:])(?:{year}|{year % 100:02d})(?![\d:])", s) is not None


def _dateparser_value(s: str, lang: str) -> DateValue | None:
    """Last resort for metadata strings in other formats/languages; None when not a date."""
    if not re.search(r"\d", s):
        return None  # no year written: a metadata date must state one
    try:
        data = _dateparser_for((lang or "en").split("-")[0].lower()).get_date_data(s)
    except Exception:
        return None
    when = data.date_obj if data else None
    if when is None or not _year_written(when.year, s):
        return None  # dateparser takes a missing year from RELATIVE_BASE: never invent one
    period = data.period
    if period == "year":
        return _year_value(when.year)
    if period == "month":
        return _month_value(when.year, when.month)
    if period == "time" and (when.hour, when.minute) != (0, 0):
        return _minute_value(when)
    return _day_value(when.date())


_IMPOSSIBLE = re.compile(
    rf"\b(?:(?P<m1>{_MON_ALT})\.?\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y1>{_YEAR4})"
    rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MON_ALT})\.?,?\s+(?P<y2>{_YEAR4})"
    rf"|(?P<y3>{_YEAR4})-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))\b",
    re.IGNORECASE,
)


_DAY_29_UP = re.compile(
    rf"(?:2(?![0-8])|3)\d(?:(?<=-..)(?!\w)|(?<!\w..)(?:st|nd|rd|th)?"
    rf"(?:,?\s+{_YEAR4}|\s+(?:of\s+)?(?:{_MON_ALT})))",
    re.IGNORECASE,
)
r"""What `_IMPOSSIBLE` holds where its day is 29 or more, matched at that day: the day is
`[0-3]?\d` (or `[0-3]\d`), so two digits, an ASCII 3 and any digit, or an ASCII 2 and a 9 of
some script (int() reads every digit `\d` reads; any digit but an ASCII 0-8 is let through);
then the day's context in each form of `_IMPOSSIBLE`: after "-" and before no word character
("2025-04-31"), or after no word character and before a year ("February 30, 2025") or before a
month ("30 February 2025"). Rare in news (a paragraph seldom names a 29th, 30th or 31st), unlike
a bare `[23]\d` (every "2025" holds one). Checked on matches generated from `_IMPOSSIBLE` in
tests/test_dates_speed_invariants.py."""


def impossible_dates(text: str) -> list[tuple[int, int, str]]:
    """Written dates that do not exist ("February 30, 2025", "2025-04-31"): [start, end) and
    text of each, so the caller can warn about them (find_dates never returns them)."""
    if _DAY_29_UP.search(text) is None:
        return []  # every month has days 1 to 28 (the speed of most paragraphs)
    found = []
    for m in _IMPOSSIBLE.finditer(text):
        if m["y3"]:
            y, mo, d = int(m["y3"]), int(m["m3"]), int(m["d3"])
        else:
            month = m["m1"] or m["m2"]
            y, mo, d = int(m["y1"] or m["y2"]), _month_num(month) or 0, int(m["d1"] or m["d2"])
        if 1 <= mo <= 12 and d >= 1 and not _valid(y, mo, d):
            found.append((m.start(), m.end(), m.group()))
    return found
