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
# Question frames around a name the whole question asks about.
_NAME_FRAME = re.compile(r"^how (?:does|do|did|would|will|can|could) (.+?) (?:work|works)$|"
                         r"^(.+?) (?:meaning|definition)$|^what (?:does|do) (.+?) stand for$",
                         re.IGNORECASE)
# "apy vs apr", "the difference between a roth ira and a traditional ira"
_VERSUS = re.compile(r"\b(?:vs|versus)\b", re.IGNORECASE)
_COMPARISON_FRAME = re.compile(r"^.*?\b(?:difference|differences|compare|comparing)\s+"
                               r"(?:between\s+)?", re.IGNORECASE)
_COMPARISON_SPLIT = re.compile(r"\s+(?:vs\.?|versus|and|or|compared (?:to|with))\s+",
                               re.IGNORECASE)


def _contains(tokens: tuple[str, ...], name: tuple[str, ...]) -> bool:
    size = len(name)
    return any(tokens[start:start + size] == name for start in range(len(tokens) - size + 1))


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
        self.whole: dict[tuple[str, ...], set[tuple[int, tuple[str, ...]]]] = defaultdict(set)
        for index, document in enumerate(documents):
            if document.kind not in ("glossary", "market"):
                continue  # a product's name is shared by all its sections: it names no passage
            for name in names_of(document):
                tokens = _tokens(name)
                if not tokens or len(tokens) > self.MAX_WORDS:
                    continue
                content = tuple(terms(name))
                if content:
                    self.whole[content].add((index, tuple(_stemmed_tokens(name))))
                identifier = _is_identifier(name)
                if len(tokens) == 1 and not identifier:
                    continue
                self.lookup[tokens].add(index)
                if identifier:
                    self.identifiers.add(tokens)

    def _found(self, query: str) -> dict[int, tuple[float, bool]]:
        """Passage index -> (strength, named by an identifier). An identifier counts only
        where no longer name found in the question contains it: in "a traditional ira and a
        roth ira" each "ira" belongs to the longer name, not to the entry for IRA."""
        tokens = _tokens(_PLURAL_ABBREVIATION.sub(r"\1", query))
        spans = [(start, size) for size in range(1, self.MAX_WORDS + 1)
                 for start in range(len(tokens) - size + 1)
                 if tokens[start:start + size] in self.lookup]
        found: dict[int, tuple[float, bool]] = {}
        for start, size in spans:
            key = tokens[start:start + size]
            identifier = key in self.identifiers and not any(
                other > size and s <= start and start + size <= s + other
                for s, other in spans)
            for index in self.lookup[key]:
                strength = min(1.0, 0.5 + 0.25 * size)  # longer names are more specific
                old, old_identifier = found.get(index, (0.0, False))
                found[index] = (max(old, strength), old_identifier or identifier)
        return found

    def mentions(self, query: str) -> dict[int, float]:
        """Passage index -> strength, for every name found anywhere in the question."""
        return {index: strength for index, (strength, _) in self._found(query).items()}

    def matches(self, query: str) -> dict[int, float]:
        """Passage index -> strength of an identifier anywhere, a name that is the whole
        question, or the names compared in "X vs Y" or "the difference between X and Y"."""
        boosted = {index: strength for index, (strength, identifier)
                   in self._found(query).items() if identifier}
        for index in self._whole(query) | self._compared(query):
            boosted[index] = 1.0
        return boosted

    def _whole(self, text: str) -> set[int]:
        """Passages whose name is all the text says, stopwords aside. Names that differ only
        in a stopword ("Bond", "I bond", "GO bond"; "Option" and "Call option") share a key;
        then the longest name written out in the text wins."""
        frame = _NAME_FRAME.match(text.strip().rstrip("?!. "))
        if frame:  # "how does a heloc work", "ltv meaning", "what does kyc stand for"
            text = next(group for group in frame.groups() if group)
        candidates = self.whole.get(tuple(terms(text)), set())
        if len({index for index, _ in candidates}) <= 1:
            return {index for index, _ in candidates}
        tokens = tuple(_stemmed_tokens(text))
        written = [(len(name), index) for index, name in candidates if _contains(tokens, name)]
        if not written:
            return {index for index, _ in candidates}
        longest = max(size for size, _ in written)
        return {index for size, index in written if size == longest}

    def _compared(self, query: str) -> set[int]:
        """A comparison names each side in full: "ira vs roth ira", "the difference between a
        fraud alert and a credit freeze". Both sides must be names."""
        text = query.strip().rstrip("?!. ")
        frame = _COMPARISON_FRAME.match(text)
        if frame:
            text = text[frame.end():]
        elif not _VERSUS.search(text):
            return set()
        sides = [self._whole(side) for side in _COMPARISON_SPLIT.split(text) if side.strip()]
        if sum(1 for side in sides if side) < 2:
            return set()
        return set().union(*sides)


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


_CASED_WORDS = re.compile(WORDS.pattern, re.IGNORECASE)


def _words(text: str) -> list[tuple[str, str]]:
    """(word, stemmed word) for every word, lower-cased. An abbreviation written in capitals
    keeps its final s: "CDS" (a credit default swap) and "TIPS" are names, not plurals, while
    "CDs" and "IRAs" are the plurals of CD and IRA. A question written all in capitals (more
    than two words: not a name such as "SEP IRA") is read as lower case."""
    if text.isupper() and len(text.split()) > 2:
        text = text.lower()
    words = []
    for word in _CASED_WORDS.findall(_PLURAL_ABBREVIATION.sub(r"\1", text)):
        letters = [c for c in word if c.isalpha()]
        lower = word.lower()
        capitals = len(letters) >= 2 and all(c.isupper() for c in letters)
        words.append((lower, lower if capitals else stem(lower)))
    return words


def _stemmed_tokens(text: str) -> list[str]:
    return [stemmed for _, stemmed in _words(text)]


def terms(text: str) -> list[str]:
    """Content words, stemmed (see ``_words``), stopwords left out."""
    return [stemmed for word, stemmed in _words(text) if word not in STOPWORDS]


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
        base = stem(word)  # the plural of a known word ("lows") is as ordinary as the word
        if base != word and (base in self.frequency or base in self.known):
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
        """The text with misspelt words replaced (in lower case); every other word keeps its
        case, so "CDs" stays the plural of CD. Unchanged when nothing needed fixing."""
        fixes = {word: self.correct_word(word) for word in set(WORDS.findall(text.lower()))}
        fixes = {word: fixed for word, fixed in fixes.items() if word != fixed}
        if not fixes:
            return text
        return _CASED_WORDS.sub(lambda match: fixes.get(match.group(0).lower(), match.group(0)),
                                text)


class LexicalSignals:
    """Everything lexical about one collection, built once per index."""

    def __init__(self, documents: list[KnowledgeDocument], known: frozenset[str] = frozenset()
                 ) -> None:
        self.names = NameMatcher(documents)
        self.bm25 = BM25(documents)
        self.spelling = SpellFixer(documents, known)
        self.kinds = [document.kind for document in documents]
        self.sections = [slugify_section(document) for document in documents]
        self.products = ProductMatcher(documents)

    def analyse(self, query: str) -> tuple[str, dict[int, float], Any]:
        """(query with typos repaired, named passages, BM25 score of every passage as a
        fraction of the most the question's words could score)."""
        fixed = self.spelling.correct(query)
        named = self.names.matches(fixed)  # the repaired question: "tradtional ira" is a name
        words = terms(query)
        words += [t for t in terms(fixed) if t not in words]
        # "tips" in lower case may still mean TIPS, indexed unstemmed from its capitals
        words += [w for w in WORDS.findall(query.lower())
                  if w not in words and stem(w) != w and w in self.bm25.vocabulary]
        ceiling = self.bm25.ceiling(words)
        scores = self.bm25.scores(words)
        return fixed, named, scores / ceiling if ceiling > 0 else scores

    def passage_priors(self, query: str, fixed: str, weight: float) -> dict[int, float]:
        """Boosts for single passages from what the question names and how it asks.

        A market record named in a question that asks for a live level ("where is the S&P
        500 trading today") outranks the glossary entry of the same name, whose definition
        the dense score prefers: ``MARKET_NAMED_FACTOR`` x ``weight``. A firm product named
        without "your" or "Larkspur" ("the cash back card") gets the firm's prior on its own
        passages, and its rate sheet one more when a figure is asked for. Named with "your" or
        "Larkspur", where every product already has the firm's prior (``kind_priors``), the
        named product's passages get one more, so "Larkspur premium checking" is not answered
        from another account's sheet.
        """
        boosts: dict[int, float] = defaultdict(float)
        if NAMED_LIVE_CUE.search(query):
            mentioned = self.names.mentions(query) | self.names.mentions(fixed)
            for index in mentioned:
                if self.kinds[index] == "market":
                    boosts[index] += MARKET_NAMED_FACTOR * weight
        firm = bool(FIRM_CUE.search(query))
        figure = bool(FIGURE_CUE.search(query))
        named = self.products.matches(fixed, firm)
        for index in named:
            boosts[index] += weight
            if figure and not firm and self.kinds[index] == "rate_sheet":
                boosts[index] += weight
        section = next((slug for cue, slug in SECTION_CUES if cue.search(query)), None)
        if section and (firm or named):
            for index in named or range(len(self.kinds)):
                if self.sections[index] == section:
                    boosts[index] += weight
        return dict(boosts)


class ProductMatcher:
    """The firm's products named by their distinctive words: "Larkspur Cash Back Credit Card
    (sample)" is asked about as "the cash back card". A product is named when the question
    holds at least two and at least two thirds of its name's words (the firm's name aside),
    one of them a word no other product's name has: "my credit card" names none of the
    firm's three cards. A short form its own sheet defines ("Larkspur 5/1 Adjustable-Rate
    Mortgage (ARM)" gives "5/1 ARM") names it the same way; a one-word short form ("HELOC",
    "CDs") names it only in a question about the firm ("your HELOC"), since on its own it is
    the generic term. The match covers every section of its sheet and its rate-sheet line."""

    def __init__(self, documents: list[KnowledgeDocument]) -> None:
        self.names: dict[str, list[frozenset[str]]] = defaultdict(list)
        self.passages: dict[str, list[int]] = defaultdict(list)
        for index, document in enumerate(documents):
            product = document.metadata.get("product_id")
            if document.kind not in ("product", "rate_sheet") or not product:
                continue
            self.passages[str(product)].append(index)
            if document.kind != "product":
                continue
            name = document.title.split(":")[0].replace("(sample)", "").strip()
            for form in [name, *abbreviated_names(name, document.text)]:
                words = frozenset(terms(form)) - {"larkspur"}
                if words and words not in self.names[str(product)]:
                    self.names[str(product)].append(words)

        counts: dict[str, int] = defaultdict(int)
        for forms in self.names.values():
            for word in frozenset().union(*forms):
                counts[word] += 1
        self.distinctive = {product: frozenset(w for w in frozenset().union(*forms)
                                               if counts[w] == 1)
                            for product, forms in self.names.items()}

    def matches(self, query: str, firm: bool = False) -> list[int]:
        """Passages of every product the question names; ``firm``: the question is about the
        firm's own products ("your", "Larkspur")."""
        asked = set(terms(query))
        found: list[int] = []
        for product, forms in self.names.items():
            if not self.distinctive[product] & asked:
                continue
            for words in forms:
                shared = len(words & asked)
                if (shared >= 2 and shared * 3 >= len(words) * 2) or (
                        firm and len(words) == 1 and shared == 1):
                    found += self.passages[product]
                    break
        return found


def abbreviated_names(name: str, text: str) -> list[str]:
    """Short forms a text defines for a name: "Larkspur Home Equity Line of Credit (HELOC)"
    gives "Larkspur HELOC", "Larkspur 5/1 Adjustable-Rate Mortgage (ARM)" gives "Larkspur 5/1
    ARM". The short form replaces the trailing words whose initials it spells."""
    forms = []
    for match in re.finditer(re.escape(name) + r"\s*\(([A-Z][A-Za-z]{1,9})\)", text):
        short = match.group(1)
        letters = short.lower()
        if short.endswith("s") and short[:-1].isupper():
            letters = letters[:-1]  # "CDs": the plural of CD
        words = [w for w in re.split(r"[\s-]+", name) if w]
        covered = _initials_cover(words, letters)
        if covered:
            forms.append(" ".join([*words[:len(words) - covered], short]))
    return forms


def _initials_cover(words: list[str], letters: str) -> int:
    """How many trailing words ``letters`` are the initials of (a stopword such as "of" may be
    spelled or skipped); 0 when they are not."""
    remaining, position = len(letters), len(words)
    while remaining and position:
        word = words[position - 1].lower()
        if word[0] == letters[remaining - 1]:
            remaining -= 1
        elif word not in STOPWORDS:
            return 0
        position -= 1
    return len(words) - position if not remaining else 0


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
# What part of a product sheet a question about the firm's products asks for: every sheet has
# the same sections. The first cue that matches decides.
SECTION_CUES = [
    (re.compile(r"\b(?:who can|eligib\w*|qualify|requirements?|how old|"
                r"minimum (?:opening |initial )?(?:deposit|investment|to open))\b",
                re.IGNORECASE), "eligibility"),
    (re.compile(r"\bhow (?:do|can|would) i (?:open|apply|sign up|get started|invest)\b|"
                r"\b(?:apply for|sign up for|phone number|contact)\b", re.IGNORECASE),
     "how-to-open-or-get-help"),
    (re.compile(r"\b(?:risks?|risky|lose money|downsides?)\b", re.IGNORECASE),
     "risks-and-limitations"),
    (re.compile(r"\b(?:conflicts? of interest|make money|earn money|profit from)\b",
                re.IGNORECASE), "conflicts-of-interest"),
]


def slugify_section(document: KnowledgeDocument) -> str:
    section = document.metadata.get("section")
    return re.sub(r"[^a-z0-9]+", "-", str(section).lower()).strip("-") if section else ""


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
