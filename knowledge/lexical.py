"""The lexical half of hybrid retrieval: exact names, abbreviations and tickers.

Dense embeddings blur exact identifiers ("APR" vs "APY", "SPX", "HELOC").
When a question literally contains a passage's name (a multi-word term, an
abbreviation, a ticker), that passage gets a boost fused with its dense
score. Single common words ("bond", "check") are not names here: they would
boost a passage for every question that mentions them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from knowledge.documents import KnowledgeDocument

WORDS = re.compile(r"[a-z0-9&]+(?:'[a-z]+)?")


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(WORDS.findall(text.lower()))


def _is_identifier(name: str) -> bool:
    """Abbreviations and tickers: mostly capitals or digits, like APR, HELOC, 401(k), SPX."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and (sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)
                              or any(c.isdigit() for c in name))


def names_of(document: KnowledgeDocument) -> list[str]:
    names = [document.title.split(":")[0].replace("(sample)", "").strip(),
             *document.metadata.get("aliases", [])]
    symbol = document.metadata.get("symbol")
    if symbol:
        names.append(str(symbol))
        names += market_name_variants(document.title)
    return [name for name in names if name]


_SYMBOL_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")
_COMPANY_SUFFIX = re.compile(
    r"(?:,?\s+(?:inc\.?|incorporated|corporation|corp\.?|co\.?|company|plc|ltd\.?|"
    r"group|class [a-c]|index))+\s*$", re.IGNORECASE)


def market_name_variants(title: str) -> list[str]:
    """How customers name a market record: "S&P 500 index (SPX)" is asked about as "S&P 500",
    "Exxon Mobil Corporation" as "Exxon Mobil". The symbol in brackets and corporate or
    "index" suffixes are dropped, so the record matches the name as people say it."""
    bare = _SYMBOL_SUFFIX.sub("", title).strip()
    short = _COMPANY_SUFFIX.sub("", bare).strip()
    short = re.sub(r"^the\s+", "", short, flags=re.IGNORECASE)
    return [name for name in {bare, short} if name and name != title]


# "CDs", "IRAs", "ETFs": the plural of an abbreviation, not another one ("CDS" is a credit
# default swap).
_PLURAL_ABBREVIATION = re.compile(r"\b([A-Z]{2,}[0-9]*)s\b")


class NameMatcher:
    """Passages a question names.

    ``matches`` is the boost: an abbreviation or ticker anywhere in the question (exact
    identifiers the embedding blurs), or any name, single words included, when it is the
    whole of what the question asks about ("what is an annuity"). A multi-word name merely
    mentioned inside a longer question is not boosted: customers describe a concept around
    the words of its neighbours ("adding my teenager to my credit card" asks about an
    authorized user), and the dev set showed such boosts pick the neighbour. ``mentions``
    lists every name found anywhere, for signals that need the weaker evidence (a live
    market level asked about by the index's name).
    """

    MAX_WORDS = 6

    def __init__(self, documents: list[KnowledgeDocument]) -> None:
        self.lookup: dict[tuple[str, ...], set[int]] = defaultdict(set)
        self.identifiers: set[tuple[str, ...]] = set()
        self.whole: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for index, document in enumerate(documents):
            if document.kind not in ("glossary", "market"):
                continue  # a product's name is shared by all its sections: it names no passage
            for name in names_of(document):
                tokens = _tokens(name)
                if not tokens or len(tokens) > self.MAX_WORDS:
                    continue
                content = tuple(terms(name))
                if content:
                    self.whole[content].add(index)
                identifier = _is_identifier(name)
                if len(tokens) == 1 and not identifier:
                    continue
                self.lookup[tokens].add(index)
                if identifier:
                    self.identifiers.add(tokens)

    def _found(self, query: str) -> dict[int, tuple[float, bool]]:
        tokens = _tokens(_PLURAL_ABBREVIATION.sub(r"\1", query))
        found: dict[int, tuple[float, bool]] = {}
        for size in range(1, self.MAX_WORDS + 1):
            for start in range(len(tokens) - size + 1):
                key = tokens[start:start + size]
                identifier = key in self.identifiers
                for index in self.lookup.get(key, ()):
                    strength = min(1.0, 0.5 + 0.25 * size)  # longer names are more specific
                    old, old_identifier = found.get(index, (0.0, False))
                    found[index] = (max(old, strength), old_identifier or identifier)
        return found

    def mentions(self, query: str) -> dict[int, float]:
        """Passage index -> strength, for every name found anywhere in the question."""
        return {index: strength for index, (strength, _) in self._found(query).items()}

    def matches(self, query: str) -> dict[int, float]:
        """Passage index -> strength of an identifier anywhere or a name that is the whole
        question."""
        boosted = {index: strength for index, (strength, identifier)
                   in self._found(query).items() if identifier}
        for index in self.whole.get(tuple(terms(query)), ()):
            boosted[index] = 1.0
        return boosted


# ---------------------------------------------------------------- BM25 over passages
_STOPWORD_TEXT = """
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers him his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours out over own same she
should so some such than that the their theirs them then there these they this those through
to too under until up very was we were what when where which while who whom why will with
would you your yours yourself im ive id dont whats thats theres hows whos get got let lets
want wanted need needed know mean means called call tell explain please does thing something
really right way much many also like go going
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def stem(word: str) -> str:
    """Plural and possessive endings only: 'fees' and 'fee', 'annuities' and 'annuity' meet."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    return [stem(t) for t in WORDS.findall(text.lower()) if t not in STOPWORDS]


def passage_terms(document: KnowledgeDocument) -> list[str]:
    """Names count twice; a glossary entry's list of related terms names other entries, so it
    is left out."""
    text = document.text.split(" Related terms:")[0]
    return terms(" ".join(names_of(document))) * 2 + terms(text)


class BM25:
    """Okapi BM25 as a sparse passage x term matrix: a query costs one column gather."""

    def __init__(self, documents: list[KnowledgeDocument], k1: float = 1.2,
                 b: float = 0.75) -> None:
        import numpy as np
        from scipy import sparse

        self.vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        counts: list[float] = []
        lengths = np.zeros(len(documents), dtype="float32")
        for row, document in enumerate(documents):
            bag: dict[int, int] = defaultdict(int)
            tokens = passage_terms(document) if document.text else []
            for token in tokens:
                bag[self.vocabulary.setdefault(token, len(self.vocabulary))] += 1
            lengths[row] = len(tokens)
            for col, count in bag.items():
                rows.append(row)
                cols.append(col)
                counts.append(count)
        shape = (len(documents), max(1, len(self.vocabulary)))
        tf = sparse.csr_matrix((np.asarray(counts, dtype="float32"), (rows, cols)), shape=shape)
        frequency = np.bincount(np.asarray(cols, dtype="int64"), minlength=shape[1])
        n = len(documents)
        self.idf = np.log(1 + (n - frequency + 0.5) / (frequency + 0.5)).astype("float32")
        average = float(lengths.mean()) if n and lengths.sum() else 1.0
        norm = k1 * (1 - b + b * lengths / average)
        tf = tf.tocoo()
        weights = tf.data * (k1 + 1) / (tf.data + norm[tf.row]) * self.idf[tf.col]
        self.matrix = sparse.csc_matrix((weights, (tf.row, tf.col)), shape=shape)
        self.size = n
        self.k1 = k1

    def ceiling(self, query_terms: list[str]) -> float:
        """The most any passage could score: every known query term at saturation. Scores
        divided by it say how much of the question's lexical evidence a passage holds."""
        columns = {self.vocabulary[t] for t in query_terms if t in self.vocabulary}
        return float(sum(self.idf[c] for c in columns) * (self.k1 + 1))

    def scores(self, query_terms: list[str]) -> Any:
        """BM25 score of every passage (a dense float array)."""
        import numpy as np

        columns = sorted({self.vocabulary[t] for t in query_terms if t in self.vocabulary})
        if not columns:
            return np.zeros(self.size, dtype="float32")
        return np.asarray(self.matrix[:, columns].sum(axis=1), dtype="float32").ravel()


# ---------------------------------------------------------------- typo repair
def _deletes(word: str, distance: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(distance):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment): a swap of neighbours is one edit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


class SpellFixer:
    """Repairs misspelt words against the collection's own vocabulary ("morgage" ->
    "mortgage", "exchnage" -> "exchange"). A word is left alone when the collection or the
    extra known words (the embedder's whole-word vocabulary) contain it, so ordinary English
    is never 'corrected' into finance jargon."""

    MIN_LENGTH = 4

    def __init__(self, documents: list[KnowledgeDocument], known: frozenset[str] = frozenset()
                 ) -> None:
        self.frequency: dict[str, int] = defaultdict(int)
        for document in documents:
            for word in WORDS.findall(document.text.lower()):
                if word.isalpha():
                    self.frequency[word] += 1
        self.known = known
        self.index: dict[str, list[str]] = defaultdict(list)
        for word in self.frequency:
            if len(word) >= self.MIN_LENGTH - 1:
                for variant in _deletes(word, self._distance(len(word))):
                    self.index[variant].append(word)

    @staticmethod
    def _distance(length: int) -> int:
        return 1 if length <= 5 else 2

    def correct_word(self, word: str) -> str:
        if (len(word) < self.MIN_LENGTH or not word.isalpha() or word in self.frequency
                or word in self.known or word in STOPWORDS):
            return word
        limit = self._distance(len(word))
        best: tuple[int, bool, int, str] | None = None
        for variant in _deletes(word, limit):
            for candidate in self.index.get(variant, ()):
                distance = edit_distance(word, candidate)
                if distance > limit or distance > self._distance(len(candidate)):
                    continue
                if candidate.startswith(word) and len(candidate) - len(word) > 1:
                    continue  # "subtract" is a word cut short of nothing, not "subtracted"
                # Ties go to the longer word: a dropped letter is the commonest slip.
                key = (distance, len(candidate) < len(word), -self.frequency[candidate],
                       candidate)
                if best is None or key < best:
                    best = key
        return best[3] if best else word

    def correct(self, text: str) -> str:
        """The text with misspelt words replaced; unchanged when nothing needed fixing."""
        lowered = text.lower()
        fixes = {word: self.correct_word(word) for word in set(WORDS.findall(lowered))}
        if all(word == fixed for word, fixed in fixes.items()):
            return text
        return WORDS.sub(lambda match: fixes[match.group(0)], lowered)


class LexicalSignals:
    """Everything lexical about one collection, built once per index."""

    def __init__(self, documents: list[KnowledgeDocument], known: frozenset[str] = frozenset()
                 ) -> None:
        self.names = NameMatcher(documents)
        self.bm25 = BM25(documents)
        self.spelling = SpellFixer(documents, known)
        self.kinds = [document.kind for document in documents]
        self.products = ProductMatcher(documents)

    def analyse(self, query: str) -> tuple[str, dict[int, float], Any]:
        """(query with typos repaired, named passages, BM25 score of every passage as a
        fraction of the most the question's words could score)."""
        fixed = self.spelling.correct(query)
        named = self.names.matches(query)
        if fixed != query:
            for index, strength in self.names.matches(fixed).items():
                named[index] = max(named.get(index, 0.0), strength)
        words = terms(query)
        words += [t for t in terms(fixed) if t not in words]
        ceiling = self.bm25.ceiling(words)
        scores = self.bm25.scores(words)
        return fixed, named, scores / ceiling if ceiling > 0 else scores

    def passage_priors(self, query: str, fixed: str, weight: float) -> dict[int, float]:
        """Boosts for single passages from what the question names and how it asks.

        A market record named in a question that asks for a live level ("where is the S&P
        500 trading today") outranks the glossary entry of the same name, whose definition
        the dense score prefers: ``MARKET_NAMED_FACTOR`` x ``weight``. A firm product named
        without "your" or "Larkspur" ("the cash back card") gets the firm's prior on its own
        passages, and its rate sheet one more when a figure is asked for.
        """
        boosts: dict[int, float] = defaultdict(float)
        if NAMED_LIVE_CUE.search(query):
            mentioned = self.names.mentions(query) | self.names.mentions(fixed)
            for index in mentioned:
                if self.kinds[index] == "market":
                    boosts[index] += MARKET_NAMED_FACTOR * weight
        if not FIRM_CUE.search(query):
            figure = bool(FIGURE_CUE.search(query))
            for index in self.products.matches(fixed):
                boosts[index] += weight
                if figure and self.kinds[index] == "rate_sheet":
                    boosts[index] += weight
        return dict(boosts)


class ProductMatcher:
    """The firm's products named by their distinctive words: "Larkspur Cash Back Credit Card
    (sample)" is asked about as "the cash back card". A product is named when the question
    holds at least two and at least two thirds of its name's words (the firm's name aside),
    one of them a word no other product's name has: "my credit card" names none of the
    firm's three cards. The match covers every section of its sheet and its rate-sheet
    line."""

    def __init__(self, documents: list[KnowledgeDocument]) -> None:
        self.words: dict[str, frozenset[str]] = {}
        self.passages: dict[str, list[int]] = defaultdict(list)
        for index, document in enumerate(documents):
            product = document.metadata.get("product_id")
            if document.kind not in ("product", "rate_sheet") or not product:
                continue
            self.passages[str(product)].append(index)
            if document.kind == "product":
                name = document.title.split(":")[0].replace("(sample)", "")
                self.words[str(product)] = frozenset(terms(name)) - {"larkspur"}

        counts: dict[str, int] = defaultdict(int)
        for words in self.words.values():
            for word in words:
                counts[word] += 1
        self.distinctive = {product: frozenset(w for w in words if counts[w] == 1)
                            for product, words in self.words.items()}

    def matches(self, query: str) -> list[int]:
        asked = set(terms(query))
        found: list[int] = []
        for product, words in self.words.items():
            shared = len(words & asked)
            if (shared >= 2 and shared * 3 >= len(words) * 2
                    and self.distinctive[product] & asked):
                found += self.passages[product]
        return found


# ---------------------------------------------------------------- the question's topic
_FILLER = re.compile(
    r"^(?:what do you call|is there a (?:word|name|term) for|"
    r"what(?:'s| is) the (?:word|name|term) for)\s+|"
    r",?\s*(?:what(?:'s| is) (?:that|this|it) called|what does (?:that|this|it) mean|"
    r"what is that)\s*\??$", re.IGNORECASE)


def question_topic(question: str) -> str:
    """The question without the frame around a described concept ("what do you call ...",
    "..., what is that called"): the frame's words say nothing about which passage answers,
    yet they pull the question's embedding away from the description."""
    return _FILLER.sub("", question).strip() or question


# ---------------------------------------------------------------- what kind of answer
FIRM_CUE = re.compile(r"\b(?:larkspur|your|you)\b", re.IGNORECASE)
FIGURE_CUE = re.compile(r"\b(?:rates?|apy|apr|fees?|charges?|costs?|penalt(?:y|ies)|minimum|"
                        r"how much|pays?|earns?)\b", re.IGNORECASE)
LIVE_CUE = re.compile(r"\b(?:today|now|currently|latest|trading|quote|closed?|level)\b",
                      re.IGNORECASE)
# Weaker cues, only trusted together with a market record's name ("exxon share price",
# "how is the nasdaq composite doing", "what level is the nikkei at").
NAMED_LIVE_CUE = re.compile(r"\b(?:today|now|currently|latest|trading|quote|closed?|level|"
                            r"price|doing|yielding|where(?:'s| is)|at\W*$)", re.IGNORECASE)
# A named market record asked about live outranks the glossary entry of its name.
MARKET_NAMED_FACTOR = 3.0


def kind_priors(query: str, weight: float) -> dict[str, float]:
    """Small boosts by passage kind from how the question is asked: about the firm's own
    products ("your", "Larkspur"), about their figures (a rate or fee, which the dated rate
    sheet carries) or about live market levels ("today", "trading")."""
    boosts: dict[str, float] = {}
    if FIRM_CUE.search(query):
        boosts["product"] = boosts["rate_sheet"] = weight
        if FIGURE_CUE.search(query):
            boosts["rate_sheet"] += weight
    if LIVE_CUE.search(query):
        boosts["market"] = weight
    return boosts
