"""Is a message about finance customer service at all?

Off-topic requests are too varied to enumerate, but a substantive message
that shares no word with the domain (the glossary's terms and aliases plus
everyday banking words, in the languages customers write in) is not about
this service. Greetings, thanks and questions about the assistant itself are
in scope.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

GLOSSARY_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "glossary"
TOKEN = re.compile(r"[^\W\d_]{3,}", re.UNICODE)

SERVICE_WORDS = frozenset("""
account accounts bank banks banking money pay paid paying payment payments transfer
transfers app login password branch atm card cards pin statement statements fee fees charge
charged charges refund refunds deposit deposits deposited withdraw withdrawal balance loan
loans mortgage save saving savings spend spending budget budgeting cost costs price prices
buy sell invest investing investment investments stock stocks shares fund funds tax taxes
insurance insure retire retirement dollar dollars euro euros cash check checks cheque wire
zelle venmo paypal crypto bitcoin credit debit interest rate rates bill bills salary
paycheck income debt debts owe owed finance financial finances wealth advisor adviser broker
brokerage portfolio market markets trading trade trades dividend bond bonds treasury yield
apr apy ira roth heloc cds overdraft limit limits transaction transactions purchase
purchases merchant order orders exchange currency wallet coin coins token tokens afford
expensive cheap cheaper earn earning earnings profit loss losses lend lender borrow
borrowing rent lease car house home property wedding tuition college student fraud scam
scammed stolen dispute complaint refund beneficiary estate inheritance gift donate
donation charity premium deductible claim claims policy policies pension annuity benefits
social security larkspur cuenta banco tarjeta dinero pago transferencia comisión comision
préstamo hipoteca ahorro cargo konto bank karte geld gebühr gebühren überweisung kredit
zinsen sparen compte banque carte argent frais virement prêt épargne conto banca carta soldi
bonifico mutuo prestito conta cartão dinheiro taxa empréstimo poupança
sucursal horario oficina filiale öffnungszeiten agence succursale limite pagos zahlung
chart charts candlestick tape travel traveling travelling abroad
soar soared soaring surge surged plunge plunged rally rallied skyrocket skyrocketed squeeze
meme ticker tickers ipo shareholder shareholders nasdaq irs winnings
""".split())  # noqa: SIM905

# Greetings, thanks and questions about the assistant or the service are in scope; "help" or
# "chat" alone is not ("help me with my chemistry homework", "chat with me about movies").
META = re.compile(
    r"\b(?:hi|hey|hello|hiya|morning|evening|thanks?|thank\s+you|thx|ty|cheers|bye|goodbye|ok|"
    r"okay|cool|great|lol|who\s+are\s+you|what\s+are\s+you|are\s+you\s+(?:a\s+)?(?:bot|human|"
    r"real|ai)|(?:help|speak|talk|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|the\s+)?(?:human|agent|person|"
    r"representative|someone|manager|staff|team|advisor|adviser|account|card|app|login|"
    r"payments?|transfers?)|agent|human|person|representative|privacy|data|saved|"
    r"recorded|spanish|english|french|german|language|hours|open|closed|contact|support|"
    r"emergency|assistant|what\s+(?:else\s+)?can\s+you\s+(?:do|help(?:\s+me)?\s+with)|what\s+"
    r"(?:kinds?|sorts?|types?)\s+of\s+(?:things|questions|stuff|help)\s+can\s+you)\b",
    re.IGNORECASE)
# Requests that are clearly another kind of task: off-topic unless the message also has a strong
# finance word ("a python script for my mortgage payment" stays in scope).
OFF_TOPIC_TASK = re.compile(
    r"\b(?:python|javascript|typescript|java|c\+\+|golang|react|node\.?js|sql\s+query|html|css|"
    r"regex|linked\s+list|leetcode|compiler?|stack\s+trace|syntax\s+error|undefined|docker|"
    r"(?:write|fix|debug)\s+(?:me\s+)?(?:a\s+|some\s+|my\s+)?(?:code|script|program|function)|"
    r"homework|solve\s+for|quadratic|algebra|calculus|chemistry|physics|biology|essay|"
    r"symptoms?|chest\s+(?:pain|tightness)|headache|fever|migraine|rash|diagnos\w*|medication|"
    r"ibuprofen|tylenol|antibiotics?|pregnan\w*|calories|diet|workout|back\s+pain|blood\s+"
    r"pressure|sore\s+throat|insomnia|recipes?|bake|baking|cook|cooking|ingredients|"
    r"who\s+won|super\s+bowl|world\s+cup|champions\s+league|nba|nfl|mlb|nhl|premier\s+league|"
    r"playoffs|football|soccer|basketball|baseball|tennis|cricket|valorant|fortnite|minecraft|"
    r"video\s+games?|rank\s+up|netflix|movies?|tv\s+show|song|lyrics|album|anime|"
    r"(?:what(?:'s|\s+is)\s+the\s+capital\s+of)|who\s+(?:wrote|painted|invented|discovered|"
    r"directed|sang)|how\s+(?:tall|old|far\s+away)\s+is|tallest|planet|dinosaurs?|"
    r"girlfriend|boyfriend|crush|dating|breakup|broke\s+up|texted|lonely|"
    r"poem|haiku|limerick|cover\s+letter|resume|joke|translate|itinerary|things\s+to\s+do\s+in|"
    r"weather|faucet|plumbing|puppy|kitten|my\s+(?:dog|cat)|garden\w*|"
    r"elections?|vote\s+for|politic\w*|which\s+party|opposition\s+leader|immigration|"
    r"snooker|championship|chess|elden\s+ring|score\s+in\s+the\s+game|sci-fi|binge|plot\s+of|"
    r"gossip|actor|singer|celebrit\w*|royal\s+wedding|cake|lasagne|love\s+letter|birthday\s+"
    r"(?:card|message|poem)|(?:write|tell)\s+(?:me\s+)?(?:a\s+)?(?:short\s+)?(?:story|sotry)|speech\s+for|school\s+(?:project|council)|exam|"
    r"custody|divorce\s+lawyer|integrate|derivative\s+of|tallest|mountain|capitale|wifi|"
    r"exercises?\s+for|mole\s+on)\b", re.IGNORECASE)
# A message can ask two things ("how long do transfers take? also, write me a poem"): each part
# is judged on its own.
PARTS = re.compile(r"[?!]\s+|\.\s+|;\s*|\b(?:also|btw|by\s+the\s+way|unrelated|separately|"
                   r"while\s+you're\s+at\s+it|but\s+first|one\s+more\s+thing)\b", re.IGNORECASE)
# One-word glossary terms that are everyday words or abbreviations of them.
AMBIGUOUS_TERMS = frozenset("""
abs ads arm attack catch chapter carrier call ask closing float spread put option options bid
basis alpha beta check bill tips exercise date
""".split())  # noqa: SIM905
# Domain words that are too ambiguous to keep a message in scope when it is another kind of task.
WEAK_WORDS = frozenset("""
app home house car wedding tuition college student rent gift order orders limit limits exchange
coin coins token tokens premium claim claims policy policies benefits social security cheap
expensive afford will capital silver gold plan chart charts tape travel abroad
""".split())  # noqa: SIM905
MONEY_SIGNS = re.compile(r"[$€£¥%]|\b\d+k\b|\b(?:401|403|457|529)\b")
# Compound words in German and the like: "Kartenzahlungen", "Tageslimit".
COMPOUND_PARTS = re.compile(r"karte|konto|zahlung|überweis|kredit|limit|tarjet|cuenta|"
                            r"banc|compte|carte", re.IGNORECASE)


@lru_cache(maxsize=1)
def domain_words() -> frozenset[str]:
    words: set[str] = set(SERVICE_WORDS)
    for path in sorted(GLOSSARY_DIR.glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            for phrase in [entry.get("term", ""), *entry.get("aliases", [])]:
                words.update(t.lower() for t in TOKEN.findall(phrase))
    from spacy.lang.en.stop_words import STOP_WORDS

    common = set(STOP_WORDS) | {"going", "day", "time", "new", "get", "best", "good", "high",
                                "low", "open", "close", "long", "short", "free", "real",
                                "general", "total", "life", "health", "medical", "test", "rule",
                                "plan", "power", "energy", "love", "cover", "run", "way", "week",
                                "weekend", "year", "month", "today", "thing", "make", "take",
                                "want", "need", "know", "like", "look", "use", "work", "people"}
    return frozenset(words - (common - SERVICE_WORDS))


def _inflected(token: str) -> str:
    """The word without a past or progressive ending: "taxed" is about tax."""
    for ending in ("ing", "ed"):
        if token.endswith(ending) and len(token) - len(ending) >= 3:
            return token[: -len(ending)]
    return token


def is_off_topic(text: str, min_words: int = 4) -> bool:
    """True for a substantive message with no finance or service word and no money figure."""
    if MONEY_SIGNS.search(text) and not OFF_TOPIC_TASK.search(text):
        return False
    if META.search(text) and not OFF_TOPIC_TASK.search(text):
        return False
    tokens = [t.lower() for t in TOKEN.findall(text)]
    if len(tokens) < min_words and not (len(tokens) >= 2 and OFF_TOPIC_TASK.search(text)):
        return False
    vocabulary = domain_words()
    stems = domain_stems()
    found = [token for token in tokens if token in vocabulary or token.rstrip("s") in vocabulary
             or _inflected(token) in vocabulary or (len(token) >= 6 and token[:6] in stems)]
    strong = strong_words()
    for part in PARTS.split(text):
        if part and OFF_TOPIC_TASK.search(part):
            words = [t.lower() for t in TOKEN.findall(part)]
            if not any(w in strong or w.rstrip("s") in strong for w in words):
                return True
    if OFF_TOPIC_TASK.search(text):
        return not any(token in strong or token.rstrip("s") in strong for token in found)
    return not found and not any(COMPOUND_PARTS.search(token) for token in tokens)


@lru_cache(maxsize=1)
def strong_words() -> frozenset[str]:
    """Unambiguous finance words: the service words and one-word glossary terms, less everyday
    words ("app", "home", "capital", "silver")."""
    words = set(SERVICE_WORDS) - WEAK_WORDS
    for path in sorted(GLOSSARY_DIR.glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            for phrase in [entry.get("term", ""), *entry.get("aliases", [])]:
                tokens = [t.lower() for t in TOKEN.findall(phrase)]
                if len(tokens) == 1:
                    words.add(tokens[0])
    return frozenset(words - WEAK_WORDS - AMBIGUOUS_TERMS)


@lru_cache(maxsize=1)
def domain_stems() -> frozenset[str]:
    """Six-letter stems catch inflections and spellings: financially, amortisation."""
    return frozenset(word[:6] for word in domain_words() if len(word) >= 6)
