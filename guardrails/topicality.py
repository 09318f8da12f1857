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
scammed stolen dispute complaint refund beneficiary will estate inheritance gift donate
donation charity premium deductible claim claims policy policies pension annuity benefits
social security larkspur cuenta banco tarjeta dinero pago transferencia comisión comision
préstamo hipoteca ahorro cargo konto bank karte geld gebühr gebühren überweisung kredit
zinsen sparen compte banque carte argent frais virement prêt épargne conto banca carta soldi
bonifico mutuo prestito conta cartão dinheiro taxa empréstimo poupança
""".split())  # noqa: SIM905

META = re.compile(
    r"\b(?:hi|hey|hello|hiya|morning|evening|thanks?|thank\s+you|thx|ty|cheers|bye|goodbye|ok|"
    r"okay|cool|great|lol|who\s+are\s+you|what\s+are\s+you|are\s+you\s+(?:a\s+)?(?:bot|human|"
    r"real|ai)|help|agent|human|person|representative|speak|talk|chat|privacy|data|saved|"
    r"recorded|spanish|english|french|german|language|hours|open|closed|contact|support|"
    r"emergency|assistant)\b", re.IGNORECASE)
MONEY_SIGNS = re.compile(r"[$€£¥%]|\b\d+k\b")


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


def is_off_topic(text: str, min_words: int = 4) -> bool:
    """True for a substantive message with no finance or service word and no money figure."""
    if META.search(text) or MONEY_SIGNS.search(text):
        return False
    tokens = [t.lower() for t in TOKEN.findall(text)]
    if len(tokens) < min_words:
        return False
    vocabulary = domain_words()
    stems = domain_stems()
    return not any(token in vocabulary or token.rstrip("s") in vocabulary
                   or (len(token) >= 6 and token[:6] in stems) for token in tokens)


@lru_cache(maxsize=1)
def domain_stems() -> frozenset[str]:
    """Six-letter stems catch inflections and spellings: financially, amortisation."""
    return frozenset(word[:6] for word in domain_words() if len(word) >= 6)
