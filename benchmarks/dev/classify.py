"""Capability of a table question, read from its surface form only.

This lives in the benchmark, not in the engine: it sorts questions into the kinds a reader
must handle so the report shows where answers are missing or wrong. It is a set of ordered
surface patterns (first match wins), deliberately simple and independent of how the engine
reads the question:

1. ``comparison``: a yes/no question (starts with is/are/was/does/did/has/can ...); then
2. ``change``: a difference or change between two points ("difference", "how many more",
   "how much less", "increase", "grew", "margin"); then ``comparison`` again for a choice
   between two named items ("which is deeper, A or B", "more or less", "compared to");
3. ``order``: table order (first, last, next, previous, before/after a row that is not a
   number, above/below, preceding/following, the Nth; not an ordinal naming a value such as
   "third place");
4. ``superlative``: arg-max/arg-min (most, least, highest, -est words, "top", "the best");
5. ``count``: "how many", "number of", "count", "how often";
6. ``arithmetic``: sums, averages and other arithmetic ("total", "sum", "average", "combined");
7. ``list``: asks for several items ("list", "name all", "what are the ...", "which ... were");
8. ``lookup``: any other wh-question (what, who, which, where, when, how much/long/old ...)
   or request for one item ("name a ...", "tell me ...");
9. ``other``.
"""

from __future__ import annotations

import re

CAPABILITIES: tuple[tuple[str, str], ...] = (
    ("count", "count"),
    ("superlative", "superlative / arg-max"),
    ("lookup", "cell lookup"),
    ("order", "table order"),
    ("comparison", "comparison / yes-no"),
    ("change", "change / difference"),
    ("arithmetic", "sum / average / arithmetic"),
    ("list", "list / set"),
    ("other", "other"),
)
LABELS = dict(CAPABILITIES)

_AUX = (r"is|are|was|were|am|do|does|did|has|have|had|can|could|will|would|should|"
        r"shall|may|might|must|isn't|aren't|wasn't|weren't|doesn't|didn't|hasn't|haven't")
_YES_NO = re.compile(rf"^(?:{_AUX})\b")
_COMPARATIVES = (r"more|less|fewer|higher|lower|larger|smaller|bigger|greater|longer|"
                 r"shorter|older|younger|earlier|later|faster|slower|better|worse|"
                 r"heavier|lighter|taller|deeper|wider|closer|farther|further|newer")
#: "A or B" after a comparative or a "which": a choice between two named items. "or higher",
#: "or more" after a value is a range, not a choice.
_CHOICE = re.compile(
    rf"\b(?:{_COMPARATIVES}|\w{{3,}}er|first|last)\b(?:(?!\bor (?:{_COMPARATIVES})\b).)*"
    rf"\bor\b(?!\s+(?:{_COMPARATIVES}|above|below|after|before|later|earlier)\b)|"
    rf"^(?:\w+ )?(?:which|who|what)\b[^?]*,[^,]*\bor\b(?!\s+(?:{_COMPARATIVES})\b)|"
    rf"\b(?:{_COMPARATIVES}) or (?:{_COMPARATIVES})\b|"
    r"\b(?:compared? (?:to|with)|versus|vs\.?)\b")
_CHANGE = re.compile(
    rf"\b(?:difference|differ|how (?:many|much) (?:{_COMPARATIVES})\b|"
    r"increase[ds]?|decrease[ds]?|change[ds]?|grew|grow|growth|gain(?:ed)?|"
    r"rose|fell|declined?|margin|gap between)\b")
_ORDINALS = (r"first|last|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
             r"\d+(?:st|nd|rd|th)|final|previous|preceding|prior|next|following|subsequent")
#: An ordinal naming a value ("third place", "2nd round"), not a position in the table.
_ORDINAL_VALUE = (r"place[ds]?|round|position|division|league|century|quarter|period|tier|"
                  r"class|grade|stage|leg|seed|half|degree|edition|annual|prize|team|"
                  r"placed|runner[- ]up|time[s]?|overall|finish|world|series|generation|"
                  r"district|congress|parliament|season|ward|floor|string|line")
_ORDER = re.compile(
    rf"\b(?:{_ORDINALS})\b(?!\s+(?:{_ORDINAL_VALUE})\b)|"
    r"\b(?:before|after)\b(?!\s+(?:the\s+year\s+|the\s+)?\d)|"
    r"\b(?:above|below)\b(?!\s+(?:the\s+)?[$€£]?\d)|"
    r"\b(?:listed (?:first|last|before|after|above|below)|consecutive|"
    r"in a row|at the top|at the bottom|top of the|bottom of the|next to)\b")
_SUPERLATIVE = re.compile(
    r"\b(?:most|least|fewest|best|worst|top|max(?:imum)?|min(?:imum)?|"
    r"\w{3,}iest|\w{3,}est)\b")
_NOT_SUPERLATIVE = {"west", "interest", "contest", "forest", "test", "guest", "request",
                    "honest", "southwest", "northwest", "midwest", "rest", "nest", "quest",
                    "protest", "conquest", "harvest", "suggest", "digest", "arrest",
                    "chest", "manifest", "modest", "invest", "priest", "pest", "vest",
                    "everest", "bucharest", "budapest", "attest", "tempest", "inquest",
                    "contests", "interests", "tests", "guests", "latest"}
_AT_LEAST = re.compile(r"\bat (?:least|most)\b|\bthe most recent\b")
_COUNT = re.compile(r"\b(?:how many|number of|count|how often)\b")
_ARITH = re.compile(r"\b(?:total|sum|average|mean|median|combined|altogether|in all|"
                    r"add(?:ed)? up|per|percent(?:age)?|ratio|times as)\b")
_LIST = re.compile(r"\b(?:list|name (?:all|every|each|two|three|four|five|some)|"
                   r"all (?:the|of the)|which (?:\w+ ){0,3}(?:are|were)\b|"
                   r"what (?:are|were) (?:the|all)\b)")
_WH = re.compile(r"\b(?:what|who|whom|whose|which|where|when|how)\b|"
                 r"^(?:name|tell me|give|identify|find)\b")


def _superlative(q: str) -> bool:
    q = _AT_LEAST.sub(" ", q)
    return any(m.group(0) not in _NOT_SUPERLATIVE for m in _SUPERLATIVE.finditer(q))


def classify(question: str) -> str:
    """The capability key (see :data:`CAPABILITIES`) of ``question``, by surface form."""
    q = " ".join(question.lower().replace("’", "'").split())
    if _YES_NO.search(q):
        return "comparison"
    if _CHANGE.search(q):
        return "change"
    if _CHOICE.search(q):
        return "comparison"
    if _ORDER.search(q):
        return "order"
    if _superlative(q):
        return "superlative"
    if _COUNT.search(q) and not re.search(r"\bhow many (?:total|combined)\b", q):
        return "count"
    if _ARITH.search(q):
        return "arithmetic"
    if _LIST.search(q):
        return "list"
    if _WH.search(q):
        return "lookup"
    return "other"
