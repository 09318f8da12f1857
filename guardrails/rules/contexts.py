"""Sentence contexts in which a reply names a forbidden thing without doing it.

A compliant reply often has to use the very words a rule looks for: it defines
the term the customer asked about ("wash trading is ..."), warns about a scheme
("a guaranteed weekly return is a warning sign of fraud"), or declines ("I
can't write testimonials"). These patterns recognise those sentence frames so
that reply rules can exempt them. They are matched on normalised (lower-case)
text, one sentence at a time, and only at the reply stage: a request in the
same words still asks.
"""

from __future__ import annotations

import re

# "<term> is/means/refers to ...", "In a <term>, ...", "<term>, short for ..., is ...".
# The complement must be definitional (an article, a gerund, "when"/"where", a category), so
# "a pump and dump is easy" is not a definition.
DEFINITION = re.compile(
    r"^\s*(?:(?:in|with|under)\s+(?:a|an)\s+[\w&' -]{3,40},|"
    r"(?!(?:this|that|these|those|your|our|my|it|its|here|there|the\s+(?:plan|trick|key|idea|"
    r"move|goal))\b)(?:a\s+|an\s+|the\s+)?[\w&'/ -]{3,50}?(?:\s*\([^)]{1,40}\))?(?:,\s*(?:or|short\s+for|also\s+"
    r"called|also\s+known\s+as|sometimes\s+called)\s+[^,]{3,60},)?\s+(?:is|are|means|refers\s+to|"
    r"describes|involves|happens\s+when|occurs\s+when)\s+(?:the\s+practice\s+of|when|where|"
    r"a|an|the|any|buying|selling|trading|placing|using|acting|making|spreading|posting|"
    r"entering|creating|pushing|hyping|promoting|trading|repeatedly|simultaneously|illegal|"
    r"urge|feeling|fear|tendency|term|scheme|fraud|manipulation)\b)",
    re.IGNORECASE)



def concept_question(concepts: str) -> str:
    """Pattern source for asking what a concept is ("what's a blackout period?", "explain
    'spoofing'"), for request exemptions.

    The concept must follow the question words within two words, so "what's the safest way
    to bet against it" is not a definitional question.
    """
    return (r"\b(?:(?:what\s+is|what's|what\s+are|explain|define|why\s+is)\s+(?:an?\s+|the\s+)?"
            r"[\"'\u201c\u2018]?(?:\w+\s+){0,2}(?:" + concepts + r")|what\s+(?:does|do)\s+"
            r"[\"'\u201c\u2018]?(?:\w+\s+){0,2}(?:" + concepts + r")[\w-]*(?:\s+\w+){0,2}"
            r"[\"'\u201d\u2019]?\s+mean)")


# Warning about a scheme or its signs.
WARNING = re.compile(
    r"\b(?:warning\s+signs?|red\s+flags?|(?:classic|common|typical|telltale|sure|clear)\s+"
    r"(?:sign|signs|hallmark|mark)|signs?\s+of\s+(?:a\s+)?(?:fraud|scam|ponzi)|hallmarks?\s+of|"
    r"scam\w*|fraud\w*|ponzi|too\s+good\s+to\s+be\s+true|be\s+(?:wary|suspicious|sceptical|"
    r"skeptical|cautious)\s+of|watch\s+(?:out\s+)?for|beware|(?:claims?|promises?)\s+of\s+"
    r"(?:a\s+)?guaranteed|anyone\s+(?:who\s+)?(?:promising|promises|guaranteeing|guarantees)|"
    r"misleading|regulators?\s+(?:prosecute|pursue|charge|fine|ban)|(?:is|are)\s+(?:illegal|"
    r"prohibited|banned|against\s+the\s+law))\b",
    re.IGNORECASE)

# The assistant declines to produce something ("I can't write a promise that ...").
META_REFUSAL = re.compile(
    r"\b(?:i|we)\s+(?:can't|cannot|can\s+not|won't|will\s+not|am\s+not\s+able\s+to|'m\s+not\s+"
    r"able\s+to|am\s+unable\s+to|'m\s+unable\s+to|don't|do\s+not|shouldn't|should\s+not|"
    r"must\s+not|wouldn't|would\s+not)\s+(?:\w+\s+){0,2}(?:write|draft|create|make|give|"
    r"provide|offer|promise|guarantee|say|claim|call|name|pick|choose|label|describe|share|"
    r"state|assure|tell\s+you|recommend|rank|predict|put\s+(?:that|it)\s+in\s+writing)\b",
    re.IGNORECASE)


def descriptive(sentence: str) -> bool:
    """True for a definition, a warning or a refusal frame (normalised sentence text)."""
    return bool(DEFINITION.search(sentence) or WARNING.search(sentence)
                or META_REFUSAL.search(sentence))
