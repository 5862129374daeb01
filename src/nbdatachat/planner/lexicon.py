"""General English vocabulary of data: tokenizing names, light stemming, abbreviations,
synonyms and the question words the planner understands.

Nothing here names a particular dataset: these are the words people use for columns in any
spreadsheet (``qty`` is quantity, ``mpg`` is miles per gallon, revenue is close to sales).
"""

from __future__ import annotations

import re

_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+(?:\.\d+)?|[^\W\d_]+")


def name_tokens(name: str) -> list[str]:
    """``"Miles_per_Gallon"`` -> ``["miles", "per", "gallon"]``; ``"gdpPercap"`` ->
    ``["gdp", "percap"]``; ``"GDPGrowth2"`` -> ``["gdp", "growth", "2"]``."""
    return [t.lower() for t in _CAMEL.findall(str(name))]


_IRREGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman",
              "data": "data", "series": "series", "species": "species", "news": "news",
              "status": "status", "analysis": "analysis", "sales": "sale", "gas": "gas",
              "bus": "bus", "this": "this", "is": "is", "was": "was", "has": "has",
              "does": "does", "its": "its", "us": "us", "less": "less", "plus": "plus"}


def stem(word: str) -> str:
    """A light plural stemmer: good enough to match ``countries`` with ``country``."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ating") and len(w) > 6:
        return w[:-3] + "e"  # rating -> rate
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


#: Abbreviation -> expansion (both directions are indexed).
ABBREVIATIONS: dict[str, str] = {
    "qty": "quantity", "amt": "amount", "num": "number", "nbr": "number", "no": "number",
    "pct": "percent", "perc": "percent", "avg": "average", "tot": "total", "cnt": "count",
    "hp": "horsepower", "mpg": "miles per gallon", "kpl": "kilometers per liter",
    "gdp": "gross domestic product", "gnp": "gross national product", "pop": "population",
    "yr": "year", "yrs": "years", "mo": "month", "mon": "month", "wk": "week", "hr": "hour",
    "min": "minute", "sec": "second", "dt": "date", "ts": "timestamp", "dob": "date of birth",
    "temp": "temperature", "wt": "weight", "ht": "height", "len": "length", "wid": "width",
    "disp": "displacement", "accel": "acceleration", "cyl": "cylinders", "dept": "department",
    "emp": "employee", "mgr": "manager", "cust": "customer", "prod": "product", "cat": "category",
    "desc": "description", "addr": "address", "lat": "latitude", "lon": "longitude",
    "lng": "longitude", "long": "longitude", "id": "identifier", "ctry": "country",
    "cntry": "country", "st": "state", "rev": "revenue", "exp": "expectancy", "sal": "salary",
    "inc": "income", "bal": "balance", "vol": "volume", "px": "price", "chg": "change",
    "ret": "return", "yoy": "year over year", "roi": "return on investment",
    "eps": "earnings per share", "pe": "price earnings", "ppl": "people", "pax": "passengers",
    "dist": "distance", "dur": "duration", "freq": "frequency", "std": "standard deviation",
    "percap": "per capita", "pc": "per capita", "bmi": "body mass index", "bp": "blood pressure",
    "usd": "dollars", "eur": "euros", "kg": "kilograms", "km": "kilometers", "lbs": "pounds",
    "sqft": "square feet", "yoe": "years of experience", "mkt": "marketing", "adv": "advertising",
}

#: Groups of words that name the same kind of column.
SYNONYMS: list[set[str]] = [
    {"revenue", "sale", "turnover", "income", "earning"},
    {"price", "cost", "fare", "charge", "fee"},
    {"quantity", "unit", "volume"},
    {"amount", "value", "total", "sum"},
    {"date", "day", "timestamp", "datetime", "time"},
    {"country", "nation"},
    {"region", "area", "zone", "territory"},
    {"category", "type", "kind", "class", "group", "segment", "genre"},
    {"customer", "client", "buyer", "shopper"},
    {"product", "item", "article", "sku"},
    {"employee", "staff", "worker"},
    {"salary", "pay", "wage", "compensation"},
    {"gender", "sex"},
    {"profit", "margin", "gain"},
    {"rating", "rate", "score", "star", "grade"},
    {"bill", "check", "invoice", "receipt"},
    {"tip", "gratuity"},
    {"city", "town"},
    {"company", "firm", "business", "ticker", "symbol", "stock"},
    {"size", "party", "people", "person", "headcount", "guest", "diner"},
    {"marketing", "advertising", "ad", "promotion", "spend"},
    {"flow", "discharge", "volume"},
    {"weight", "mass"},
    {"speed", "velocity"},
    {"age", "old"},
    {"distance", "mileage"},
    {"duration", "length"},
    {"population", "inhabitant", "resident"},
    {"smoker", "smoking", "smoke"},
    {"death", "fatality", "mortality"},
    {"employee", "headcount"},
]

#: Column words that add up across rows (default aggregation ``sum``); others default to mean.
ADDITIVE_WORDS = {"sale", "revenue", "turnover", "income", "earning", "amount", "unit",
                  "quantity", "qty", "count", "total", "sum", "cost", "spend", "spending",
                  "profit", "volume", "population", "pop", "order", "visit", "click", "view",
                  "download", "death", "case", "expense", "budget", "value", "number", "pax",
                  "passenger", "sold", "installs", "donation", "payment", "goal", "point"}

#: Words that never name a column on their own (too generic to match a name part).
GENERIC_WORDS = {
    "the", "a", "an", "of", "in", "on", "for", "to", "by", "per", "and", "or", "with", "at",
    "from", "is", "are", "was", "were", "be", "what", "which", "who", "how", "many", "much",
    "me", "show", "give", "list", "get", "tell", "find", "do", "does", "did", "i", "we", "you",
    "it", "that", "this", "these", "those", "there", "their", "its", "as", "than", "more",
    "less", "most", "least", "top", "bottom", "each", "every", "all", "any", "total", "average",
    "mean", "median", "sum", "number", "count", "value", "values", "data", "dataset", "table",
    "row", "record", "column", "field", "entry", "over", "under", "between", "time", "date",
    "name", "id", "identifier", "code", "no", "not", "only", "have", "has", "had", "per",
    "percent", "rate", "ratio", "level", "index", "min", "max", "high", "low", "new", "old",
    "year", "month", "day", "week", "quarter", "hour", "minute", "second", "amount", "type",
    "s", "x", "y", "n", "one", "two", "up", "out", "into", "about", "can", "could", "would",
    "should", "will", "may", "my", "our", "your", "when", "where", "why", "if", "then", "so",
    "also", "just", "some", "other", "same", "different", "between", "vs", "versus", "plot",
    "chart", "graph", "see", "look", "like", "compare", "trend", "highest", "lowest",
    "largest", "smallest", "biggest", "group", "by", "now", "instead", "what's", "whats",
}

#: Words the planner treats as known question vocabulary (never "unknown content").
QUESTION_WORDS = GENERIC_WORDS | {
    "please", "kindly", "can", "you", "tell", "show", "display", "give", "list", "what", "whats",
    "which", "who", "whom", "whose", "when", "how", "many", "much", "often", "is", "are", "was",
    "were", "be", "been", "being", "do", "does", "did", "done", "have", "has", "had", "average",
    "avg", "mean", "mediane", "median", "typical", "total", "sum", "overall", "combined",
    "altogether", "maximum", "max", "highest", "largest", "biggest", "greatest", "most", "top",
    "best", "peak", "minimum", "min", "lowest", "smallest", "least", "fewest", "worst", "bottom",
    "standard", "deviation", "std", "stdev", "variance", "spread", "variability", "percentile",
    "quartile", "quantile", "th", "st", "nd", "rd", "count", "number", "distinct", "unique",
    "different", "kinds", "frequency", "frequent", "common", "popular", "mode", "per", "by",
    "each", "every", "across", "among", "for", "grouped", "broken", "down", "split",
    "breakdown", "versus", "vs", "against", "over", "time", "trend", "trends", "evolution",
    "evolve", "evolved", "change", "changed", "changes", "changing", "grow", "grown", "growth",
    "monthly", "yearly", "annual", "annually", "quarterly", "weekly", "daily", "hourly",
    "share", "percentage", "percent", "proportion", "fraction", "ratio", "portion", "part",
    "correlation", "correlated", "correlate", "relationship", "related", "relation",
    "association", "associated", "relate", "distribution", "distributed", "histogram",
    "spread", "range", "predict", "predicts", "prediction", "forecast", "forecasting",
    "project", "projection", "future", "next", "coming", "ahead", "drive", "drives", "driver",
    "drivers", "affect", "affects", "effect", "effects", "impact", "impacts", "influence",
    "influences", "explain", "explains", "determine", "determines", "depend", "depends",
    "differ", "differs", "difference", "differences", "significant", "significantly",
    "significance", "test", "cluster", "clusters", "clustering", "segment", "segments",
    "segmentation", "group", "groups", "rows", "row", "records", "record", "entries",
    "observations", "items", "lines", "where", "with", "without", "whose", "having", "that",
    "than", "more", "less", "fewer", "greater", "above", "below", "under", "exceed",
    "exceeds", "exceeding", "least", "atleast", "between", "and", "or", "not", "no", "non",
    "except", "excluding", "exclude", "other", "than", "equal", "equals", "exactly", "to",
    "from", "since", "after", "before", "until", "till", "during", "in", "on", "at", "of",
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "their", "there",
    "they", "them", "i", "me", "my", "we", "our", "us", "your", "please", "about", "tell",
    "give", "chart", "plot", "graph", "bar", "line", "pie", "donut", "doughnut", "scatter",
    "area", "heatmap", "box", "as", "instead", "now", "what", "about", "also", "only", "just",
    "same", "again", "then", "so", "sorted", "sort", "order", "ordered", "ascending",
    "descending", "rank", "ranked", "ranking", "first", "last", "latest", "recent",
    "previous", "past", "current", "this", "year", "years", "month", "months", "quarter",
    "quarters", "week", "weeks", "day", "days", "hour", "hours", "date", "dates", "period",
    "q1", "q2", "q3", "q4", "compare", "comparison", "compared", "versus", "see", "look",
    "like", "want", "know", "need", "would", "could", "should", "will", "can", "may", "might",
    "whole", "entire", "dataset", "data", "table", "all", "any", "some", "value", "values",
    "thousand", "thousands", "million", "millions", "billion", "billions", "k", "m", "bn",
    "dollars", "dollar", "usd", "percent", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "hundred", "using",
    "based", "into", "make", "create", "draw", "build", "run", "fit", "model", "regression",
    "regress", "linear", "logistic", "arima", "exponential", "smoothing", "holt", "kmeans",
    "means", "anova", "t", "chi", "square", "statistically", "measure", "measures",
    "statistics", "stats", "summary", "summarize", "summarise", "describe", "overview",
    "breakdown", "type", "types", "kind", "category", "categories", "level", "levels",
    "amount", "amounts", "up", "out", "off", "go", "goes", "went", "come", "comes", "came",
    "happen", "happened", "did", "get", "gets", "got", "make", "made", "typically",
    "usually", "generally", "roughly", "approximately", "approx", "around", "about", "does",
    "relative", "versus", "respectively", "both", "either", "neither", "whether",
    "higher", "lower", "bigger", "smaller", "larger", "better", "worse", "increase",
    "decrease", "increases", "decreases", "rise", "fall", "go", "up", "down", "when",
    "why", "if", "whether", "much", "overall", "ever", "recorded", "observed", "seen",
    "each", "individual", "separately", "together", "combined", "every", "etc", "num",
}

#: Words that are a number (for "top five", "next three months").
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
                "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100, "a": 1, "an": 1,
                "single": 1, "dozen": 12}

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
MONTHS.pop("may", None)  # "may" is also a verb; handled only in "in may" context
MONTHS_CONTEXT = {"may": 5}

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
CALENDAR_WORDS = set(WEEKDAYS) | {m for m in MONTHS if len(m) > 3} | {"may"}

#: Everyday words for common categorical values ("women" -> a "female" value).
VALUE_WORDS: dict[str, tuple[str, ...]] = {
    "women": ("female", "f", "woman", "women"), "woman": ("female", "f", "woman", "women"),
    "ladies": ("female", "f"), "girls": ("female", "f", "girl"), "females": ("female", "f"),
    "men": ("male", "m", "man", "men"), "man": ("male", "m", "man", "men"),
    "gentlemen": ("male", "m"), "boys": ("male", "m", "boy"), "males": ("male", "m"),
    "weekend": ("sat", "sun", "saturday", "sunday"), "weekends": ("sat", "sun", "saturday",
                                                                   "sunday"),
    "weekday": ("mon", "tue", "wed", "thu", "thur", "fri", "monday", "tuesday", "wednesday",
                "thursday", "friday"),
    "weekdays": ("mon", "tue", "wed", "thu", "thur", "fri", "monday", "tuesday", "wednesday",
                 "thursday", "friday"),
}

#: Nouns for people. In a table about people (it has an age, sex, income ... column) they
#: name its rows ("average rating for *women* under 25" on a survey of women) unless the
#: data has a matching value (then VALUE_WORDS turns them into a filter).
PEOPLE_NOUNS = {"people", "person", "persons", "women", "woman", "men", "man", "ladies",
                "girls", "boys", "adults", "kids", "respondents", "respondent",
                "participants", "participant", "subjects", "individuals", "patients",
                "patient", "voters", "voter", "employees", "workers", "students", "members",
                "users", "customers", "clients", "victims", "victim", "wives", "husbands",
                "households", "families", "couples", "passengers", "visitors", "guests",
                "children", "teenagers", "seniors", "pupils", "applicants", "borrowers"}
#: Name parts of columns that only a table about people has.
PERSON_ATTRIBUTES = {"age", "sex", "gender", "educ", "education", "occupation", "income",
                     "religious", "religion", "married", "marriage", "marital", "race",
                     "ethnicity", "salary", "children", "birth", "dob", "job"}

TRUTHY = {"yes", "y", "true", "t", "1", "1.0"}
FALSY = {"no", "n", "false", "f", "0", "0.0"}


def synonyms_of(word: str) -> set[str]:
    out: set[str] = set()
    for group in SYNONYMS:
        if word in group:
            out |= group
    out.discard(word)
    return out


__all__ = ["ABBREVIATIONS", "ADDITIVE_WORDS", "FALSY", "GENERIC_WORDS", "MONTHS",
           "MONTHS_CONTEXT", "NUMBER_WORDS", "PEOPLE_NOUNS", "PERSON_ATTRIBUTES",
           "QUESTION_WORDS", "SYNONYMS", "TRUTHY",
           "name_tokens", "stem", "synonyms_of"]
