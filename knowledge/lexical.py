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
    return [name for name in names if name]


class NameMatcher:
    MAX_WORDS = 6

    def __init__(self, documents: list[KnowledgeDocument]) -> None:
        self.lookup: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for index, document in enumerate(documents):
            if document.kind not in ("glossary", "market"):
                continue  # a product's name is shared by all its sections: it names no passage
            for name in names_of(document):
                tokens = _tokens(name)
                if not tokens or len(tokens) > self.MAX_WORDS:
                    continue
                if len(tokens) == 1 and not _is_identifier(name):
                    continue
                self.lookup[tokens].add(index)

    def matches(self, query: str) -> dict[int, float]:
        """Passage index -> strength (longer names are more specific)."""
        tokens = _tokens(query)
        found: dict[int, float] = {}
        for size in range(1, self.MAX_WORDS + 1):
            for start in range(len(tokens) - size + 1):
                for index in self.lookup.get(tokens[start:start + size], ()):
                    found[index] = max(found.get(index, 0.0), min(1.0, 0.5 + 0.25 * size))
        return found


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


# ---------------------------------------------------------------- what kind of answer
FIRM_CUE = re.compile(r"\b(?:larkspur|your|you)\b", re.IGNORECASE)
FIGURE_CUE = re.compile(r"\b(?:rates?|apy|apr|fees?|charges?|costs?|penalt(?:y|ies)|minimum|"
                        r"how much|pays?|earns?)\b", re.IGNORECASE)
LIVE_CUE = re.compile(r"\b(?:today|now|currently|latest|trading|quote|closed?|level)\b",
                      re.IGNORECASE)


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
