"""Grounding: every figure a reply quotes must appear in a retrieved document.

FIN-06 covers market figures (prices, index levels, yields, FX, policy rates),
FIN-19 the firm's own rates, fees and terms. A figure matches when the
context holds the same value at the precision the reply used (6,712 matches
6712.35; 3.8% matches 3.80%). An ungrounded figure's sentence is removed and
the rest is checked again; a reply with nothing left is blocked. The source and
as-of time of every grounded figure are shown with the reply (the pipeline's
sources), so a figure is judged on whether retrieval supports it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from guardrails.rules.base import ContextDocument, RailInput, Rule, RuleParams, register_rule
from guardrails.text import Figure, find_figures, is_calendar_number, remove_spans, split_sentences
from guardrails.verdict import Action, Evidence, Severity, Stage, Verdict

# Words that make a nearby figure a firm rate or fee, or a market figure.
FIRM_TERMS = re.compile(
    r"\b(?:apy|apr|annual\s+percentage\s+(?:yield|rate)|fees?|charges?|expense\s+ratio|"
    r"(?:interest|promo(?:tional)?|intro(?:ductory)?|variable|fixed|purchase|cash\s+advance|"
    r"balance\s+transfer|penalty|savings|cd|deposit|card|mortgage|heloc|loan)\s+(?:rate|apr|apy)|"
    r"minimum\s+(?:opening\s+|initial\s+|daily\s+)?(?:deposit|balance|investment|payment)|opening\s+deposit|"
    r"early\s+withdrawal\s+penalty|penalty|cash\s*back|points?\s+per|annual\s+fee|origination|"
    r"overdraft|wire|foreign\s+transaction|late\s+(?:fee|payment)|maintenance|"
    r"rate\s+sheet|(?:we|larkspur)\s+(?:pay|pays|charge|charges|offer|offers)|"
    r"(?:our|larkspur(?:'s)?)\s+(?:[\w-]+\s+){0,3}(?:savings|checking|cds?|certificates?|"
    r"accounts?|cards?|loans?|mortgages?|heloc|money\s+market)|(?:savings|checking|money\s+market|"
    r"cds?|certificates?\s+of\s+deposit)\s+(?:account\s+)?(?:pays?|earns?|offers?|yields?)|"
    r"(?:account|cd|certificate|card|loan)\s+(?:rate|apy|apr))\b",
    re.IGNORECASE)
MARKET_TERMS = re.compile(
    r"\b(?:index|s&p|dow|nasdaq|russell|ftse|dax|nikkei|vix|stock|shares?|share\s+price|traded?|"
    r"trading|closed|close|opened|price[ds]?|quote[ds]?|treasur(?:y|ies)|t-?bills?|yields?|"
    r"fed(?:eral)?\s+funds|policy\s+rate|bank\s+rate|ecb|exchange\s+rate|eur/?usd|usd|gbp|jpy|"
    r"dollar|euro|yen|pound|bitcoin|btc|ether(?:eum)?|gold|oil|crude|points|bps|basis\s+points|"
    r"prime\s+rate|inflation|cpi|unemployment|gdp|mortgage\s+rates?\s+average)\b",
    re.IGNORECASE)
# Index names that contain numbers: the number is part of the name.
NAMED_NUMBER = re.compile(r"(?:s&p|russell|ftse|nikkei|wilshire|dow|stoxx|cac|ibex|nasdaq|"
                          r"ending(?:\s+in)?|last\s+(?:4|four)(?:\s+digits)?(?:\s+of)?|x{2,}|"
                          r"\*{2,}|#|no\.?|number)\s*$", re.IGNORECASE)
EXAMPLE = re.compile(r"\b(?:for\s+example|e\.g\.|hypothetical\w*|suppose|say\s+you|imagine|"
                     r"if\s+you\s+(?:deposit|invest|save|borrow|put|have|earn|pay)|illustrat\w*|"
                     r"would\s+(?:grow|be|earn|cost)|rule\s+of\s+72)\b", re.IGNORECASE)
# Figures fixed by law or regulation are facts, not market data or firm terms.
STATUTORY = re.compile(r"\$?\s?250,000|\$?\s?500,000|\$?\s?10,000\b|\b59(?:\.5|½)|\b70(?:\.5|½)\b|"
                       r"\b72\b|\$?\s?25,000|\b401|\b403|\b457|\b529", re.IGNORECASE)
FIRM_SOURCE = re.compile(r"larkspur|rate sheet|product sheet", re.IGNORECASE)
# Figures that are not market data even beside market words: long-run or period performance
# (FIN-04 and FIN-16 judge those), allocations and shares of something, policy targets and
# rules of thumb, and illustrations of how a change works.
NOT_MARKET_DATA = re.compile(
    r"\b(?:a\s+year|per\s+year|each\s+year|every\s+year|annual(?:ly|i[sz]ed)?|a\s+decade|"
    r"on\s+average|averaged?|historically|history|long[- ](?:run|term)|over\s+(?:the\s+)?(?:past|last|"
    r"previous)\s+(?:\w+\s+)?(?:years?|decades?)|since\s+(?:inception|launch|its\s+launch|19\d\d|"
    r"20\d\d)|in\s+(?:19|20)\d\d|during\s+the|(?:19|20)\d\ds|(?<!funds\s)target(?:s|ed)?(?!\s+range)|goal|rule\s+of\s+thumb|"
    r"aims?\s+(?:for|at)|objective|mandate|"
    r"(?:of|in)\s+(?:your|a|the|their)\s+(?:portfolio|income|savings|balance|pay|salary|assets|"
    r"account|money|budget)|of\s+(?:its|their|the\s+fund's)\s+(?:assets|holdings|portfolio)|"
    r"allocat\w*|needs?\s+(?:a|to\s+(?:rise|gain|climb))|to\s+get\s+back\s+to|correction|"
    r"bear\s+market|rule)\b", re.IGNORECASE)
CURRENT = re.compile(r"\b(?:today|now|currently|current|right\s+now|this\s+(?:morning|week|"
                     r"month)|latest|yesterday|so\s+far\s+this\s+year|at\s+the\s+moment|"
                     r"is\s+(?:at|trading)|are\s+(?:at|trading))\b", re.IGNORECASE)
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
NON_MARKET_KINDS = ("product", "rate_sheet", "glossary", "faq", "policy")


def date_mentions(as_of: str) -> re.Pattern[str] | None:
    """The ways a reply can state a document's date: 2026-11-20, November 20(, 2026),
    Nov. 20, 20 November, 11/20(/2026)."""
    moment = _parse_time(as_of)
    if moment is None:
        return None
    month = MONTHS[moment.month - 1]
    day, abbrev = moment.day, month[:3]
    extra = r"|sept\.?" if month == "september" else ""
    names = rf"(?:{month}|{abbrev}\.?{extra})"
    return re.compile(
        rf"\b{moment:%Y-%m-%d}\b|\b{names}\s+{day}(?:st|nd|rd|th)?\b|\b{day}(?:st|nd|rd|th)?\s+"
        rf"(?:of\s+)?{names}(?![a-z])|\b0?{moment.month}/0?{day}(?:/(?:{moment.year}|"
        rf"{moment.year % 100}))?\b|\b{moment:%A}(?:'s)?\s+(?:close|closing|level|figure|data|"
        rf"quote|price|snapshot|reading)\b|\bas\s+of\s+(?:last\s+)?{moment:%A}\b", re.IGNORECASE)


def _decimals(figure: Figure) -> int:
    digits = re.sub(r"[^\d.]", "", figure.text.split()[0] if figure.text else "")
    return len(digits.split(".")[1]) if "." in digits else 0


CURRENCY_AFTER = re.compile(r"\s?(?:usd|eur|gbp|jpy|chf|cad|aud|dollars?|euros?|pounds?)\b",
                            re.IGNORECASE)


def _candidates(document: ContextDocument) -> list[tuple[Figure, bool]]:
    """The document's figures, each with whether a currency follows it ("268.42 USD")."""
    return [(figure, bool(CURRENCY_AFTER.match(document.text, figure.end)))
            for figure in find_figures(document.text)]


def _matches(figure: Figure, candidate: Figure, currency_after: bool = False) -> bool:
    # A rate matches a rate and an amount an amount: "$500" is not grounded by "S&P 500",
    # nor "12%" by "12 months". A plain number (an index level, an FX rate) matches either.
    if figure.kind == "percent" and candidate.kind != "percent":
        return False
    if figure.kind == "money" and not (candidate.kind == "money" or currency_after
                                       or not candidate.value.is_integer()):
        return False
    tolerance = 0.5 * 10 ** (-_decimals(figure)) + 1e-9
    return abs(figure.value - candidate.value) <= tolerance and (
        _decimals(figure) > 0 or candidate.value.is_integer() or figure.value >= 100)


def find_grounding(figure: Figure, documents: Sequence[ContextDocument]) -> ContextDocument | None:
    for document in documents:
        for candidate, currency_after in _candidates(document):
            if _matches(figure, candidate, currency_after):
                return document
    return None


def _near(pattern: re.Pattern[str], sentence: str, figure: Figure) -> bool:
    window = sentence[max(0, figure.start - 60):figure.end + 40]
    return bool(pattern.search(window))


class GroundingParams(RuleParams):
    # Market data older than this is never presented as current (None: no age check).
    max_age_hours: float | None = None
    now: str | None = None  # ISO time to judge age against; None = the current time


def _parse_time(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _market_hours(start: datetime, end: datetime) -> float:
    total = (end - start).total_seconds() / 3600
    if total <= 0 or total > 24 * 21:
        return max(total, 0.0)
    weekend = 0.0
    day = start.replace(hour=0, minute=0, second=0, microsecond=0)
    while day < end:
        if day.weekday() >= 5:
            overlap = (min(end, day + timedelta(days=1)) - max(start, day)).total_seconds()
            weekend += max(overlap, 0.0) / 3600
        day += timedelta(days=1)
    return total - weekend


def describe_age(hours: float) -> str:
    return f"{hours / 24:.0f} days" if hours >= 48 else f"{hours:.0f} hours"


def _states_date(reply: str, as_of: str) -> bool:
    """The reply shows the data's date (in any common format), so it is not presented as
    current."""
    if as_of[:10] in reply:
        return True
    pattern = date_mentions(as_of)
    return bool(pattern and pattern.search(reply))


class GroundingRule(Rule):
    on_fail = Action.REWRITE
    domain: ClassVar[str]
    what: ClassVar[str]
    Params: ClassVar[type[RuleParams]] = GroundingParams
    params: GroundingParams

    def _age_hours(self, document: ContextDocument) -> float | None:
        """Age in market hours: weekend hours do not count, so Friday's close is still the
        latest data on Monday morning. Firm documents (dated rate sheets) are not market data."""
        if document.kind in NON_MARKET_KINDS:
            return None
        as_of = _parse_time(document.as_of) if document.as_of else None
        if as_of is None or self.params.max_age_hours is None:
            return None
        now = (_parse_time(self.params.now) if self.params.now else None) or datetime.now(UTC)
        return _market_hours(as_of, now)

    def _calendar_hours(self, document: ContextDocument, fallback: float) -> float:
        as_of = _parse_time(document.as_of)
        now = (_parse_time(self.params.now) if self.params.now else None) or datetime.now(UTC)
        return (now - as_of).total_seconds() / 3600 if as_of else fallback

    def _in_domain(self, sentence: str, figure: Figure) -> bool:
        firm = _near(FIRM_TERMS, sentence, figure)
        market = _near(MARKET_TERMS, sentence, figure)
        owned = bool(re.search(r"\b(?:apy|apr|fees?|our|we|larkspur)\b", sentence, re.I))
        if self.domain == "firm":
            return firm and (not market or owned)
        if not market or (firm and owned):
            return False
        # Past or average performance, allocations and targets are not market data, unless the
        # sentence presents the figure as the current level ("is at", "today").
        window = sentence[max(0, figure.start - 80):figure.end + 60]
        return not NOT_MARKET_DATA.search(window) or bool(CURRENT.search(sentence))

    def _allowed_documents(self, documents: Sequence[ContextDocument]) -> list[ContextDocument]:
        if self.domain == "firm":
            return [d for d in documents if d.kind in ("product", "rate_sheet")
                    or FIRM_SOURCE.search(d.source) or not d.kind]
        return list(documents)

    def _figures_to_check(self, sentence: str) -> list[Figure]:
        figures = []
        for figure in find_figures(sentence):
            if is_calendar_number(figure, sentence) or STATUTORY.match(figure.text.strip()):
                continue
            if NAMED_NUMBER.search(sentence[:figure.start]):
                continue  # part of a name or an identifier ("S&P 500", "card ending 4821")
            # A bare whole number below 1,000 is a count ("500 companies"), not a level.
            if (figure.kind == "number" and "." not in figure.text and figure.value < 1000
                    and not re.match(r"\s*(?:points|pts|level)", sentence[figure.end:])):
                continue
            if self._in_domain(sentence, figure):
                figures.append(figure)
        return figures

    def check(self, subject: RailInput) -> Verdict:
        documents = self._allowed_documents(subject.documents)
        ungrounded: list[tuple[int, int]] = []
        evidence: list[Evidence] = []
        stale: list[tuple[int, ContextDocument, float]] = []
        for sentence in split_sentences(subject.text):
            if EXAMPLE.search(sentence.text):
                continue
            for figure in self._figures_to_check(sentence.text):
                document = find_grounding(figure, documents)
                if document is None:
                    ungrounded.append((sentence.start, sentence.end))
                    evidence.append(Evidence(sentence.start + figure.start,
                                             sentence.start + figure.end, figure.text,
                                             "ungrounded figure"))
                    break
                age = self._age_hours(document)
                if (age is not None and self.params.max_age_hours is not None
                        and age > self.params.max_age_hours
                        and not _states_date(subject.text, document.as_of)):
                    stale.append((sentence.end, document, age))
                    evidence.append(Evidence(sentence.start + figure.start,
                                             sentence.start + figure.end, figure.text,
                                             "stale figure"))
        if stale and not ungrounded:
            repaired = subject.text
            for position, document, age in sorted(stale, key=lambda item: -item[0]):
                # The customer is told the calendar age; staleness was judged in market hours.
                note = (f" (That figure is from {document.as_of[:10]}, "
                        f"{describe_age(self._calendar_hours(document, age))} old, "
                        "so it may not be current.)")
                repaired = repaired[:position] + note + repaired[position:]
            return self.violation(
                subject,
                f"The reply quotes {self.what} from data older than the "
                f"{self.params.max_age_hours:g}-hour limit without saying how old it is; "
                f"{self.id} never presents stale data as current. Its date and age were added.",
                evidence=evidence, repaired_text=repaired, severity=Severity.MEDIUM)
        if not ungrounded:
            return self.passed(subject, f"Every one of the {self.what} quoted is grounded in a "
                                        "retrieved document (or none is quoted).")
        figures = ", ".join(e.text for e in evidence[:4])
        rationale = (f"The reply quotes {self.what} ({figures}) that appear in no retrieved "
                     f"document; {self.id} allows only figures grounded in retrieved data.")
        remaining = remove_spans(subject.text, ungrounded)
        if split_sentences(remaining):
            return self.violation(subject, rationale + " The sentence was removed.",
                                  evidence=evidence, repaired_text=remaining)
        return self.violation(subject, rationale, evidence=evidence, action=Action.BLOCK)


@register_rule
class MarketGroundingRule(GroundingRule):
    id = "FIN-06"
    version = "1.1.0"
    title = "Every market number is grounded in retrieved data with source and as-of time"
    stages = frozenset({Stage.REPLY})
    severity = Severity.HIGH
    domain = "market"
    what = "market figures"


@register_rule
class FirmTermsGroundingRule(GroundingRule):
    id = "FIN-19"
    version = "1.1.0"
    title = "The firm's rates, fees and terms come only from the firm's own documents"
    stages = frozenset({Stage.REPLY})
    severity = Severity.HIGH
    domain = "firm"
    what = "firm rates or fees"
