"""Which of the firm's terms a figure states, and whether the firm's documents say otherwise.

A figure can appear in a retrieved document and still be wrong: "$500 to open Everyday
Checking" when the sheet says the minimum opening deposit is $25 (and $500 is the direct
deposit that waives the fee), or "the 24-month CD pays 3.85%" when 3.85% is the 12-month
rate. FIN-19 therefore also reads what a figure is bound to: a named term (opening deposit,
monthly fee, early withdrawal penalty, ...) or a CD's length ("24-month") that the figure
directly follows or precedes. When the documents bind the same term to values of their own
and none of them is the reply's, the reply contradicts them.

Binding is deliberately narrow (the first figure after the term, or a figure right before
it, in the same clause): a loose one would pair a fee with the balance that waives it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from guardrails.rules.base import ContextDocument
from guardrails.text import Figure, find_figures

# Each term: the ways replies and the firm's sheets name it.
TERMS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE) for name, pattern in {
        "opening deposit": r"\b(?:minimum\s+)?opening\s+deposit\b|\bminimum\s+(?:initial\s+)?"
                           r"deposit\s+to\s+open\b|\bminimum\s+to\s+open\b|\bto\s+open\b",
        "monthly fee": r"\bmonthly\s+(?:maintenance\s+|service\s+|account\s+)?fee\b|"
                       r"\bmaintenance\s+fee\b",
        "overdraft fee": r"\boverdraft\s+fee\b",
        "annual fee": r"\bannual\s+fee\b",
        "foreign transaction fee": r"\bforeign\s+transaction\s+fee\b",
        "late fee": r"\blate\s+(?:payment\s+)?fee\b",
        "cash advance fee": r"\bcash\s+advance\s+fee\b",
        "balance transfer fee": r"\bbalance\s+transfer\s+fee\b",
        "wire fee": r"\b(?:incoming|outgoing|domestic|international)?\s*wire\s+(?:transfer\s+)?fee\b",
        "early withdrawal penalty": r"\bearly\s+withdrawal\s+penalty\b|\bpenalty\s+for\s+"
                                    r"(?:withdrawing|cashing\s+out|breaking)\b|\bbreak(?:ing|s)?\s+"
                                    r"(?:(?:a|an|the|your|my)\s+)?(?:\d+-month\s+)?cds?\s+early\b",
        "expense ratio": r"\bexpense\s+ratio\b",
        "origination fee": r"\borigination\s+fee\b",
    }.items()
}
# A CD's or loan's length names which row of a rate table a figure belongs to ("24-month CD",
# "30-year fixed mortgage"); a bare period ("1-year return") is a fund's reporting window, where
# several figures sit side by side, and is not used.
TERM_LENGTH = re.compile(r"\b(\d{1,3})-(month|year)\s+(?:fixed(?:-rate)?\s+)?(?:cds?|certificates?|"
                         r"term\s+deposits?|mortgages?|loans?|(?:us\s+)?treasur(?:y|ies)|notes?|"
                         r"bonds?|(?:t-)?bills?|gilts?|bunds?)\b", re.IGNORECASE)
# A figure directly after the term: "monthly fee of $12", "opening deposit: $25".
GAP_AFTER = 60
# A figure directly before the term: "a $12 monthly fee", "$2,500 to open".
GAP_BEFORE = re.compile(r"^\s*(?:[a-z]+\s+){0,2}$", re.IGNORECASE)
CLAUSE_END = re.compile(r"[;\n]|\.(?:\s|$)|,\s+(?:and|but|while|so)\b")
# In a reply, what may stand between a term and its figure: a verb of being or costing,
# an article, a product's capitalised name ("the 24-month CD pays 3.85%", "the opening deposit
# for Everyday Checking is $25"). Anything else ("... fee, waived with a $1,500 balance",
# "annual fee and earns 2 points") means the figure belongs to something else.
REPLY_GAP = re.compile(
    r"^(?:[\s:=(),]|\b(?:is|are|was|were|of|at|costs?|runs?|charges?|pays?|earns?|just|only|"
    r"about|around|roughly|currently|now|today|a|an|the|for|cds?|certificates?|apy|rate|"
    r"yields?|notes?|price)\b|"
    r"\b[A-Z][\w-]*\b)*$")
# "6-month" and "24-month" qualify the term; they are not its value.
QUALIFIER_AFTER = re.compile(r"^-(?:month|year|day)s?\b", re.IGNORECASE)

# Kinds of product: a term's value is compared only with what the documents say of the kind of
# product the reply's sentence names (a CD's minimum is not checking's opening deposit).
PRODUCTS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE) for name, pattern in {
        "checking": r"\bchecking\b",
        "savings": r"\bsavings\b",
        "money market": r"\bmoney\s+market\b",
        "cd": r"\bcds?\b|\bcertificates?\s+of\s+deposit\b",
        "card": r"\bcards?\b",
        "mortgage": r"\bmortgages?\b|\barm\b",
        "heloc": r"\bheloc\b|\bhome\s+equity\b",
        "fund": r"\bfunds?\b",
    }.items()
}
# The firm's products by name, finer than their kinds: two cards are both "card", but the secured
# card's APR is not the cash back card's.
NAMED_PRODUCTS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE) for name, pattern in {
        "secured card": r"\bsecured\s+(?:credit\s+)?card\b",
        "cash back card": r"\bcash\s*back\s+(?:credit\s+)?card\b|\bcash\s+rewards\b",
        "travel card": r"\btravel\s+rewards\b",
        "everyday checking": r"\beveryday\s+checking\b",
        "premium checking": r"\bpremium\s+checking\b",
        "high-yield savings": r"\bhigh[- ]yield\s+savings\b",
        "core bond fund": r"\bcore\s+bond\s+fund\b",
        "equity index fund": r"\bequity\s+index\s+fund\b",
        "balanced fund": r"\bbalanced\s+(?:allocation\s+)?fund\b",
        "adjustable-rate mortgage": r"\b\d/\d\s+arm\b|\badjustable[- ]rate\b",
        "fixed-rate mortgage": r"\b\d{2}-year\s+fixed\b",
    }.items()
}

Matcher = Callable[[Figure, Figure], bool]


def _products(text: str) -> set[str]:
    return {name for name, pattern in PRODUCTS.items() if pattern.search(text)}


def _named_products(text: str) -> set[str]:
    return {name for name, pattern in NAMED_PRODUCTS.items() if pattern.search(text)}


HEADING = re.compile(r"^#+\s.*$", re.MULTILINE)


def _about(text: str, position: int) -> str:
    """What the document says the text at ``position`` is about: the section heading above it
    (or the document's opening, where sheets name the product) and its own line (where tables
    name the row)."""
    headings = [m.group() for m in HEADING.finditer(text, 0, position)]
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return (headings[-1] if headings else text[:120]) + " " + line


def _row_lengths(text: str) -> list[re.Match[str]]:
    """Length mentions that label a row or a sentence of the document. The first line of a
    document of several lines is its title ("Larkspur 30-Year Fixed Mortgage (sample) rates and
    fees"), which names the product, not the row a value belongs to."""
    if "\n" in text.strip():
        title_end = text.find("\n")
    else:  # one line: "Larkspur 30-Year Fixed Mortgage (sample) rates and fees as of ...: ..."
        colon = text.find(": ")
        title_end = colon if 0 <= colon <= 150 else -1
    return [m for m in TERM_LENGTH.finditer(text) if m.start() > title_end]


def _values(text: str) -> list[Figure]:
    return [f for f in find_figures(text) if not QUALIFIER_AFTER.match(text[f.end:f.end + 8])]


def _bound_keys(text: str, figure: Figure) -> list[str]:
    """The terms (and row lengths) that the figure at this position is bound to."""
    keys: list[str] = []
    for name, pattern in TERMS.items():
        for mention in pattern.finditer(text):
            before = [f for f in _values(text[:mention.start()])
                      if GAP_BEFORE.match(text[f.end:mention.start()])]
            if before:  # "a $12 monthly fee": the term's figure came first
                bound = before[-1].start == figure.start
            else:
                bound = _bound_after(text, mention.end(), figure)
            if bound:
                keys.append(name)
                break
    for mention in TERM_LENGTH.finditer(text):
        if _bound_after(text, mention.end(), figure):
            keys.append(f"{mention.group(1)}-{mention.group(2).lower()}")
    return keys


def _bound_after(text: str, position: int, figure: Figure) -> bool:
    return (_first_value_after(text, position) == (figure.start, figure.end)
            and bool(REPLY_GAP.match(text[position:figure.start])))


def _clause_after(text: str, position: int) -> list[Figure]:
    """The figures (with offsets into ``text``) that start within ``GAP_AFTER`` characters of
    ``position``, in the same clause. The clause is found in the whole text, so a number that
    straddles the window's edge ("6.125%") is read whole."""
    rest = text[position:]
    end = CLAUSE_END.search(rest)
    clause = rest[:end.start()] if end else rest
    return [Figure(f.value, f.kind, position + f.start, position + f.end, f.text)
            for f in _values(clause) if f.start < GAP_AFTER]


def _first_value_after(text: str, position: int, kind: str | None = None) -> tuple[int, int] | None:
    """The span of the first figure after ``position`` in the same clause (of ``kind`` when
    given: a percentage for a rate, an amount for a fee)."""
    for value in _clause_after(text, position):
        if kind is None or _compatible(kind, value, text):
            return value.start, value.end
    return None


# A bare number followed by a unit of time counts days or months ("180 days of interest"):
# it is never the value of an amount or a rate.
TIME_UNIT_AFTER = re.compile(r"^\s*(?:days?|months?|years?|business\s+days?)\b", re.IGNORECASE)


def _compatible(reply_kind: str, value: Figure, text: str) -> bool:
    if reply_kind == "number" or value.kind == reply_kind:
        return True
    return value.kind == "number" and not TIME_UNIT_AFTER.match(text[value.end:value.end + 16])


def _document_values(document: ContextDocument, key: str, kind: str,
                     products: set[str] | frozenset[str] = frozenset()) -> list[Figure]:
    """The values the document binds to the term (or row length) ``key``, for one of the kinds
    of product named (any, when none is)."""
    text = document.text
    if key in TERMS:
        mentions = [m.end() for m in TERMS[key].finditer(text)]
    else:
        number, unit = key.split("-", 1)
        mentions = [m.end() for m in _row_lengths(text)
                    if m.group(1) == number and m.group(2).lower() == unit]
    values = []
    for position in mentions:
        # What the document says this value is of: its opening (where sheets name the product)
        # and the line of the mention (where tables name the row).
        if products and not products & _products(_about(text, position)):
            continue
        values += _clause_values(text, position, kind)
    return values


def _clause_values(text: str, position: int, kind: str) -> list[Figure]:
    """What the document gives for the term mentioned just before ``position``: the first value
    of a compatible kind in the clause, and a level it moves to ("the 10-year yield climbed
    8 bps to 4.12%"). Later values in the clause belong to other things ("$12.00, waived with a
    $1,500 minimum daily balance")."""
    values = [value for value in _clause_after(text, position) if _compatible(kind, value, text)]
    if not values:
        return []
    first, *rest = values
    return [first] + [value for value in rest
                      if LEVEL_AFTER_MOVE.fullmatch(text, first.end, value.start)]


# Between a change and the level it reached: "climbed 8 bps to 4.12%".
LEVEL_AFTER_MOVE = re.compile(r"\s*(?:%|bps|basis\s+points?|points?)?\s*(?:,\s*)?(?:to|at)\s+",
                              re.IGNORECASE)


def contradicted(sentence: str, figure: Figure, documents: Sequence[ContextDocument],
                 matches: Matcher) -> str | None:
    """The term the documents state differently from the reply, or None. A term the documents
    never bind to a value is not judged here (plain grounding already was)."""
    products = _products(sentence)
    for key in _bound_keys(sentence, figure):
        stated = [value for document in documents
                  for value in _document_values(document, key, figure.kind, products)]
        if stated and not any(matches(figure, value) for value in stated):
            return key
    return None


def other_product(sentence: str, figure: Figure, documents: Sequence[ContextDocument],
                  matches: Matcher) -> str | None:
    """The kind of product the documents give this figure for, when the reply's sentence gives
    it for another kind ("our money market pays 3.80%" where 3.80% is the savings APY); None
    when one of the documents' mentions is about a product the sentence names, or names none."""
    kinds, names = _products(sentence), _named_products(sentence)
    if not kinds and not names:
        return None
    others: set[str] = set()
    for document in documents:
        for value in find_figures(document.text):
            if not matches(figure, value):
                continue
            about = _about(document.text, value.start)
            # Products by name where both sides name one, else by kind.
            about_names = _named_products(about)
            named, given = ((names, about_names) if names and about_names
                            else (kinds, _products(about)))
            if not given or given & named:
                return None
            others |= given
    return " or ".join(sorted(others)) or None


def other_length(sentence: str, figure: Figure, documents: Sequence[ContextDocument],
                 matches: Matcher) -> str | None:
    """The length (of a CD, a loan, a Treasury) the documents give this figure for, when the
    reply gives it for another ("the 5-year Treasury yield was 3.52%" where 3.52% is the
    2-year's); None when a mention of the figure is unbound or bound to the reply's length."""
    lengths = [key for key in _bound_keys(sentence, figure) if key not in TERMS]
    if not lengths:
        return None
    others: set[str] = set()
    for document in documents:
        text = document.text
        for value in _values(text):
            if not matches(figure, value):
                continue
            bound = [f"{m.group(1)}-{m.group(2).lower()}" for m in _row_lengths(text)
                     if m.end() <= value.start
                     and _first_value_after(text, m.end()) == (value.start, value.end)]
            if not bound or set(bound) & set(lengths):
                return None
            others.update(bound)
    return " or ".join(sorted(others)) or None
