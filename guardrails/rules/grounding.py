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
from itertools import pairwise
from typing import ClassVar

from guardrails.rules.base import ContextDocument, RailInput, Rule, RuleParams, register_rule
from guardrails.rules.firm_terms import TERMS, contradicted, other_length, other_product
from guardrails.text import (
    Figure,
    find_figures,
    is_basis_points,
    is_calendar_number,
    remove_spans,
    split_sentences,
)
from guardrails.verdict import Action, Evidence, Severity, Stage, Verdict

# The firm's own products by name: a figure said of one of them is a firm term.
FIRM_PRODUCT_NAMES = (r"(?:everyday|premium)\s+checking|high-yield\s+savings|money\s+market\s+account|"
                      r"cash\s+back\s+(?:credit\s+)?card|travel\s+rewards|secured\s+(?:credit\s+)?card|"
                      r"heloc|home\s+equity\s+line|core\s+bond\s+fund|equity\s+index\s+fund|"
                      r"balanced\s+allocation\s+fund")
# Words that make a nearby figure a firm rate or fee, or a market figure.
FIRM_TERMS = re.compile(
    r"\b(?:apy|apr|annual\s+percentage\s+(?:yield|rate)|fees?|charges?|expense\s+ratio|"
    r"(?:interest|promo(?:tional)?|intro(?:ductory)?|variable|fixed|purchase|cash\s+advance|"
    r"balance\s+transfer|penalty|savings|cd|deposit|card|mortgage|heloc|loan)\s+(?:rate|apr|apy)|"
    r"minimum\s+(?:opening\s+|initial\s+|daily\s+)?(?:deposit|balance|investment|payment)|opening\s+deposit|"
    r"early\s+withdrawal\s+penalty|penalty|days?\s+of\s+(?:simple\s+)?interest|cash\s*back|points?\s+per|annual\s+fee|origination|"
    r"overdraft|wire|foreign\s+transaction|late\s+(?:fee|payment)|maintenance|"
    r"rate\s+sheet|(?:we|larkspur)\s+(?:pay|pays|charge|charges|offer|offers)|"
    r"(?:our|larkspur(?:'s)?)\s+(?:[\w/-]+\s+){0,3}(?:savings|checking|cds?|certificates?|"
    r"accounts?|cards?|loans?|mortgages?|heloc|money\s+market|funds?|arm)|(?:savings|checking|money\s+market|"
    r"cds?|certificates?\s+of\s+deposit)\s+(?:account\s+)?(?:pays?|earns?|offers?|yields?)|"
    r"(?:account|cd|certificate|card|loan)\s+(?:rate|apy|apr)|atm|"
    # what the firm lets a customer move: "deposit up to $5,000 a day", "daily transfer limit"
    r"(?:deposit|transfer|send)\s+up\s+to|(?:mobile\s+deposit|deposit|transfer|withdrawal|"
    r"daily|spending)\s+limits?|"
    r"arm|adjustable-rate|" + FIRM_PRODUCT_NAMES + r")\b",
    re.IGNORECASE)
MARKET_TERMS = re.compile(
    r"\b(?:index|s&p|dow|nasdaq|russell|ftse|dax|nikkei|vix|stock|shares?|share\s+price|traded?|"
    r"trading|closed|close|opened|price[ds]?|quote[ds]?|treasur(?:y|ies)|t-?bills?|yields?|"
    r"fed(?:eral)?\s+funds|policy\s+rate|bank\s+rate|ecb|exchange\s+rate|eur/?usd|usd|gbp|jpy|"
    r"dollar|euro|yen|pound|bitcoin|btc|ether(?:eum)?|gold|oil|crude|points|bps|basis\s+points|"
    r"prime\s+rate|inflation|cpi|fed(?:'s)?|federal\s+reserve|fomc|central\s+bank|target\s+range|"
    r"sofr|libor|euribor|sonia|ester|benchmark\s+rates?|unemployment|gdp|mortgage\s+rates?\s+average|"
    # market-wide statistics, and a level or a move stated as what a market did
    r"national(?:ly)?|average\s+(?:[\w-]+\s+){0,2}(?:rates?|yields?|prices?)|survey|silver|ether)\b",
    re.IGNORECASE)
# A level or a move stated as what a market did: market data when no firm term is near.
LEVEL_TERMS = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:at|up|down|trading)|trading\s+(?:at|near|around)|"
    r"changing\s+hands|stood\s+at|sits?\s+at|rose|fell|gained|climbed|dropped|slid|jumped|rallied|"
    r"tumbled|surged|plunged|sank|soared)\b", re.IGNORECASE)
# A company or ticker at a price ("Apple at $268.42 and Microsoft at $515.30"): case matters,
# so "open it at $25" is not one.
NAMED_PRICE = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,5})(?:\s+(?:[A-Z][a-z]+|[A-Z]{2,5}|Inc\.?|"
                         r"Corp\.?))*\s+(?:at|@)\s+[$€£]\s?\d")
# Index names that contain numbers: the number is part of the name.
NAMED_NUMBER = re.compile(r"(?:s&p|russell|ftse|nikkei|wilshire|dow|stoxx|cac|ibex|nasdaq|"
                          r"ending(?:\s+in)?|last\s+(?:4|four)(?:\s+digits)?(?:\s+of)?|x{2,}|"
                          r"\*{2,}|#|no\.?|number)\s*$", re.IGNORECASE)
EXAMPLE = re.compile(r"\b(?:for\s+(?:example|instance)|e\.g\.|hypothetical\w*|suppose|say\s+you|imagine|"
                     r"if\s+you\s+(?:deposit|invest|save|borrow|put|have|earn|pay)(?=[^.,;]{0,30}\d)|illustrat\w*|"
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
# Frames in which a number is not a statement of market data or of the firm's terms.
# Generic subjects: industry-wide or habitual statements ("many cards charge", "funds often
# have"), which are not the firm's terms (owned statements are judged) nor a market reading.
GENERIC = re.compile(r"\b(?:many|most|some|other|typical(?:ly)?|often|commonly|usually|generally|"
                     r"tends?\s+to|banks|lenders|issuers)\b", re.IGNORECASE)
OWNED = re.compile(r"\b(?:our|we|us|larkspur(?:'s)?)\b|\b(?:" + FIRM_PRODUCT_NAMES + r")\b",
                   re.IGNORECASE)
# A sentence about "a"/"an" something with no named instrument ("A stock paying $2 ...",
# "A 50% loss needs ...") describes any such thing: an illustration, not data.
INDEFINITE_SUBJECT = re.compile(r"^(?:(?:for\s+(?:example|instance)|likewise|similarly|so),?\s+)?"
                                r"an?\s+(?P<words>(?:\S+\s+){0,5})", re.IGNORECASE)
# An illustrative value: "such as $500", "say 5%"; a present-tense condition around the figure
# ("when the Fed moves rates by 50 basis points, ...").
ILLUSTRATION_BEFORE = re.compile(r"(?:such\s+as|like|say|e\.g\.,?|for\s+(?:example|instance),?)"
                                 r"\s+(?:about\s+|roughly\s+|around\s+)?$", re.IGNORECASE)
CONDITION = re.compile(r"\b(?:if|when|whenever)\s+(?:[^,.;]{0,40}?\s)?(?:moves?|rises?|falls?|drops?|"
                       r"changes?|cuts?|raises?|hikes?|climbs?|goes|gains?|loses?|is|are)\b[^,;]*$",
                       re.IGNORECASE)
# Shares of something ("80% of the market's value", "5% to 10% of a portfolio") and unit sizes
# ("increments of $100", "steps of 25 basis points") are proportions and conventions, not levels.
PROPORTION_AFTER = re.compile(r"^(?:\s*(?:to|-|–|and|or)\s*[$€£]?[\d.,]+\s?%?)?\s+of\b(?!\s+interest)",
                              re.IGNORECASE)
UNIT_SIZE_BEFORE = re.compile(r"\b(?:steps|increments|multiples|units|denominations)\s+of\s+"
                              r"(?:about\s+|roughly\s+)?$", re.IGNORECASE)
# A whole number followed by a plural noun counts things ("3,000 stocks", "21 million coins");
# one followed by a currency or points, or after a level verb, is a level ("149 yen", "at 22").
LEVEL_UNIT_AFTER = re.compile(r"^\s*(?:yen|dollars?|euros?|pounds?|francs?|pesos?|yuan|points?|pts|"
                              r"level|per\s+(?:dollar|euro|pound|share|ounce|barrel)|"
                              r"an?\s+(?:share|ounce|barrel))\b", re.IGNORECASE)
COUNT_AFTER = re.compile(r"^\s+(?!(?:these|those)\s+days\b)(?:[a-z-]+\s+)?(?!(?:this|was|has|its|always|perhaps|plus|less|across|"
                         r"thus|unless|whereas|versus|news|series)\b)[a-z]{3,}s\b", re.IGNORECASE)
LEVEL_BEFORE = re.compile(r"\b(?:(?:is|are|was|were|stood|sits?|sitting|hover(?:s|ing)?|closed|opened|"
                          r"finished|ended|trading|traded|trades|hands|hit|reached|bought|buys)\s+"
                          r"(?:(?:at|to|near|around|about|roughly|some|somewhere|just|sitting|"
                          r"hovering|right)\s+)*|(?:rose|rises|fell|falls|jumped|jumps|climbed|"
                          r"dropped|slid|surged|spiked|sank|plunged|gained|rallied|tumbled|soared|"
                          r"slipped|edged\s+(?:up|down))\s+(?:to|as\s+(?:high|low)\s+as)\s+"
                          r"(?:about\s+|roughly\s+|around\s+)?)$", re.IGNORECASE)
TERM_COUNT_AFTER = re.compile(r"^\s*(?:days?|months?)(?:'|\s+of)?\s+(?:[a-z]+\s+)?interest\b",
                              re.IGNORECASE)
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
NON_MARKET_KINDS = ("product", "rate_sheet", "glossary", "faq", "policy", "document")
# A passage without a kind (batch callers may omit it) is a dated publication when its source
# or id says so: a fact sheet's returns or a rate sheet's APY are stated "as of" their date by
# design, so only records from a data feed (quotes, yields, FX) are judged by age.
PUBLICATION = re.compile(
    r"fact\s*sheet|prospectus|rate\s+sheet|fee\s+schedule|product\s+sheet|glossary|faq|"
    r"help\s+(?:center|centre|page)|brochure|research\s+note|calculator|blog|guide|"
    r"(?:annual|semi-annual|shareholder)\s+report|handbook|manual|services\s+page|"
    r"terms\s+and\s+conditions|account\s+agreement",
    re.IGNORECASE)
MARKET_RECORD = re.compile(r"\b(?:market|feed|quotes?|prices?|yield\s+data|ticker|fx|news|wire|"
                           r"survey|exchange)\b", re.IGNORECASE)


def is_market_record(document: ContextDocument) -> bool:
    """A passage judged by its age: market data, not a dated document of the firm or a
    publication."""
    return document_kind(document) not in NON_MARKET_KINDS


def document_kind(document: ContextDocument) -> str:
    """The passage's kind; for one without a kind, "document" when its source, id or title
    names a publication and not a market record, else "" (treated as market data)."""
    if document.kind:
        return document.kind
    label = f"{document.source} {document.id} {document.title}"
    if PUBLICATION.search(label) and not MARKET_RECORD.search(label):
        return "document"
    return ""


def date_mentions(as_of: str) -> re.Pattern[str] | None:
    """The ways a reply can state a document's date: 2026-11-20, November 20(, 2026),
    Nov. 20, 20 November, 11/20(/2026)."""
    moment = parse_time(as_of)
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


# Records put a value's unit in the next field ("3.80,percent", "10.00 | USD", "value=4.1
# unit=percent") or in the column heading ("Product | APY | as of").
UNIT_FIELD = re.compile(r"\s*[,|;\t]\s*(?:unit\s*[=:]\s*)?(?:(?P<pct>percent|pct|%)|"
                        r"(?P<cur>usd|eur|gbp|jpy|chf|cad|aud|dollars?))\b", re.IGNORECASE)
UNIT_KV = re.compile(r"\s+unit\s*[=:]\s*(?:(?P<pct>percent|pct)|(?P<cur>usd|eur|gbp|dollars?))\b",
                     re.IGNORECASE)
PERCENT_HEADING = re.compile(r"\b(?:apy|apr|yield|rate|percent|pct)\b|%", re.IGNORECASE)
MONEY_HEADING = re.compile(r"\b(?:usd|fee|price|amount|minimum|balance|deposit)\b|\$",
                           re.IGNORECASE)


def _column_units(text: str) -> dict[int, str]:
    """For a table with a heading row ("Product | APY | as of"), the unit each value's column
    heading names, by the value's offset."""
    units: dict[int, str] = {}
    lines = text.split("\n")
    if len(lines) < 2 or "|" not in lines[0] or re.search(r"\d", lines[0]):
        return units
    headings = [cell.strip() for cell in lines[0].split("|")]
    offset = len(lines[0]) + 1
    for line in lines[1:]:
        position = offset
        for number, cell in enumerate(line.split("|")):
            heading = headings[number] if number < len(headings) else ""
            unit = ("percent" if PERCENT_HEADING.search(heading)
                    else "money" if MONEY_HEADING.search(heading) else "")
            if unit:
                for figure in find_figures(cell):
                    units[position + figure.start] = unit
            position += len(cell) + 1
        offset += len(line) + 1
    return units


def _candidates(document: ContextDocument) -> list[tuple[Figure, bool]]:
    """The document's figures, each with whether a currency follows it ("268.42 USD"). A bare
    value takes the unit its record names in the next field or its column heading."""
    text = document.text
    columns = _column_units(text)
    candidates = []
    for figure in find_figures(text):
        field = UNIT_FIELD.match(text, figure.end) or UNIT_KV.match(text, figure.end)
        unit = columns.get(figure.start, "")
        if field:
            unit = "percent" if field.group("pct") else "money"
        if figure.kind == "number" and unit == "percent":
            figure = Figure(figure.value, "percent", figure.start, figure.end, figure.text)
        currency = bool(CURRENCY_AFTER.match(text, figure.end)) or unit == "money"
        candidates.append((figure, currency))
    return candidates


# A document states a zero amount in words: "no monthly fee", "free", "waived", "no minimum".
ZERO_IN_WORDS = re.compile(r"\bno\s+(?:[\w-]+\s+){0,3}(?:fees?|charges?|minimum|load|cost)\b|"
                           r"\bno\s+(?:charge|cost)\b|\bfree\b|\bwaived\b|\bnone\b", re.IGNORECASE)


def _matches(figure: Figure, candidate: Figure, currency_after: bool = False) -> bool:
    # A rate matches a rate and an amount an amount: "$500" is not grounded by "S&P 500",
    # nor "12%" by "12 months". A plain number (an index level, an FX rate) matches either.
    if figure.kind == "percent" and candidate.kind != "percent":
        return False
    if figure.kind == "money" and not (candidate.kind == "money" or currency_after
                                       or not candidate.value.is_integer()):
        return False
    # Compared at the precision and in the unit the reply wrote: "8 basis points" is 0.08%.
    scale = 100.0 if is_basis_points(figure) else 1.0
    written, other = figure.value * scale, candidate.value * scale
    tolerance = 0.5 * 10 ** (-_decimals(figure)) + 1e-9
    return abs(written - other) <= tolerance and (
        _decimals(figure) > 0 or round(other, 9).is_integer() or written >= 100)


def find_grounding(figure: Figure, documents: Sequence[ContextDocument]) -> ContextDocument | None:
    """The first document holding the figure.

    Matching the figure to the product the reply names (a 24-month CD's rate
    against the 12-month CD's entry) was tried and dropped: documents label
    their entries too variously, and it flagged correct quotes far more often
    than it caught wrong ones.
    """
    for document in documents:
        for candidate, currency_after in _candidates(document):
            if _matches(figure, candidate, currency_after):
                return document
    if figure.value == 0 and figure.kind in ("money", "percent"):
        for document in documents:
            if ZERO_IN_WORDS.search(document.text):
                return document
    return None


def _same_value(figure: Figure, stated: Figure) -> bool:
    """A document's value read in the reply's unit (sheets often write "12.00,USD")."""
    return _matches(figure, Figure(stated.value, figure.kind, stated.start, stated.end,
                                   stated.text), True)


def _derived(figure: Figure, grounded: Sequence[Figure]) -> bool:
    """The figure is the sum or difference of two grounded figures the reply quotes (a
    spread between two yields, a margin added to a base rate): arithmetic on grounded data."""
    same = [other for other in grounded if other.kind == figure.kind]
    for index, first in enumerate(same):
        for second in same[index + 1:]:
            for value in (first.value + second.value, abs(first.value - second.value)):
                result = Figure(value, figure.kind, 0, 0, "")
                if _matches(figure, result, True):
                    return True
    return False


# Evidence label of a figure found in the documents but bound there to something else.
CONTRADICTS = "contradicts the documents: "
# Where a sentence's clauses meet: "..., so ...", "...; ...".
CLAUSE_BREAK = re.compile(r"[,;:](?=\s)")
# A year before the current one dates a statement as history ("on October 19, 1987").
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


class GroundingParams(RuleParams):
    # Market data older than this is never presented as current (None: no age check).
    max_age_hours: float | None = None
    now: str | None = None  # ISO time to judge age against; None = the current time


def parse_time(value: str) -> datetime | None:
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

    def _now(self) -> datetime:
        return (parse_time(self.params.now) if self.params.now else None) or datetime.now(UTC)

    def _age_hours(self, document: ContextDocument) -> float | None:
        """Age in market hours: weekend hours do not count, so Friday's close is still the
        latest data on Monday morning. Firm documents (dated rate sheets) are not market data."""
        if not is_market_record(document):
            return None
        as_of = parse_time(document.as_of) if document.as_of else None
        if as_of is None or self.params.max_age_hours is None:
            return None
        now = (parse_time(self.params.now) if self.params.now else None) or datetime.now(UTC)
        return _market_hours(as_of, now)

    def _calendar_hours(self, document: ContextDocument, fallback: float) -> float:
        as_of = parse_time(document.as_of)
        now = (parse_time(self.params.now) if self.params.now else None) or datetime.now(UTC)
        return (now - as_of).total_seconds() / 3600 if as_of else fallback

    def _domain_of(self, sentence: str, figure: Figure) -> str | None:
        """Firm or market: the kind of term nearest the figure says what it is a figure of
        ("our APY of 4.5% beats the 3.9% T-bill yield": one of each)."""
        low, high = max(0, figure.start - 60), figure.end + 40
        window = sentence[low:high]

        def distance(pattern: re.Pattern[str]) -> float:
            gaps = [max(low + m.start() - figure.end, figure.start - (low + m.end()), 0)
                    for m in pattern.finditer(window)]
            return min(gaps, default=float("inf"))

        firm, market = distance(FIRM_TERMS), distance(MARKET_TERMS)
        if firm == float("inf"):
            return ("market" if market < firm or LEVEL_TERMS.search(window)
                    or NAMED_PRICE.search(window) else None)
        if market == float("inf"):
            return "firm"  # a level verb ("is at") does not make the firm's rate market data
        # Both kinds of term: a sentence that is not about the firm's own products quotes
        # market data ("the ECB deposit rate"); one that is, the figure's nearest term decides.
        if not OWNED.search(sentence):
            return "market"
        return "firm" if firm <= market else "market"

    def _in_domain(self, sentence: str, figure: Figure) -> bool:
        domain = self._domain_of(sentence, figure)
        if domain != self.domain:
            return False
        current = bool(CURRENT.search(sentence))
        if domain == "firm":
            # Industry-wide statements ("many cards charge ...") are not the firm's terms.
            return bool(OWNED.search(sentence)) or not GENERIC.search(sentence)
        if GENERIC.search(sentence) and not current:
            return False
        if figure.kind == "percent" and PROPORTION_AFTER.match(sentence[figure.end:]):
            return False
        # Past or average performance, allocations and targets are not market data, unless the
        # sentence presents the figure as the current level ("is at", "today").
        window = sentence[max(0, figure.start - 80):figure.end + 60]
        past = any(int(year.group()) < self._now().year for year in YEAR.finditer(window))
        return not (NOT_MARKET_DATA.search(window) or past) or current

    @staticmethod
    def _illustrative(sentence: str, figure: Figure) -> bool:
        before, after = sentence[:figure.start], sentence[figure.end:]
        indefinite = INDEFINITE_SUBJECT.match(sentence)
        if indefinite and not re.search(r"\b[A-Z]", indefinite.group("words")) \
                and not CURRENT.search(sentence):
            return True  # "A $1,000 bond with a 5% coupon pays $50 a year."
        if figure.kind == "money" and figure.value == 1 and "." not in figure.text:
            return True  # "£1 bought $1.32": one unit of a currency
        if figure.kind == "number" and "." not in figure.text and COUNT_AFTER.match(after) \
                and not LEVEL_UNIT_AFTER.match(after) and not TERM_COUNT_AFTER.match(after):
            return True  # a count: "more than 3,000 stocks", "21 million coins"
        return bool(ILLUSTRATION_BEFORE.search(before) or UNIT_SIZE_BEFORE.search(before)
                    or CONDITION.search(before))

    def _allowed_documents(self, documents: Sequence[ContextDocument]) -> list[ContextDocument]:
        if self.domain == "firm":
            # A glossary's numbers illustrate a term; they are never the firm's own terms.
            return [d for d in documents if d.kind in ("product", "rate_sheet")
                    or (FIRM_SOURCE.search(d.source) and d.kind != "glossary") or not d.kind]
        return list(documents)

    def _figures_to_check(self, sentence: str,
                          examples: set[tuple[str, float]] | None = None) -> list[Figure]:
        """The sentence's figures that state market data or firm terms. Illustrative values are
        added to examples, so that a later mention of the same value ("that $500") is too."""
        examples = set() if examples is None else examples
        figures = []
        for figure in find_figures(sentence):
            before, after = sentence[:figure.start], sentence[figure.end:]
            if (figure.kind, figure.value) in examples:
                continue
            if self._illustrative(sentence, figure):
                examples.add((figure.kind, figure.value))
                continue
            if STATUTORY.match(figure.text.strip()) or NAMED_NUMBER.search(before):
                continue  # a legal limit, or part of a name ("S&P 500", "card ending 4821")
            bare = figure.kind == "number" and "." not in figure.text
            # A bare number is a level only with a unit or after a level verb ("149 yen",
            # "is at 22"), or a term of the firm's ("90 days of interest"); otherwise a small
            # one is a count or a date.
            level = bare and not (1900 <= figure.value <= 2100) and bool(
                LEVEL_UNIT_AFTER.match(after) or LEVEL_BEFORE.search(before)
                or TERM_COUNT_AFTER.match(after))
            if not level and (is_calendar_number(figure, sentence)
                              or (bare and figure.value < 1000)):
                continue
            if self._in_domain(sentence, figure):
                figures.append(figure)
        return figures

    def _stated_beside_example(self, sentence: str,
                               examples: set[tuple[str, float]]) -> list[Figure]:
        """In a sentence with an illustration, the figures of a clause that states the firm's
        own terms without the illustration's frame ("Larkspur savings pays 5% APY, so $1,000
        would earn $50": the 5%) are still stated; the rest are illustrative."""
        stated: list[Figure] = []
        bounds = [0, *(m.end() for m in CLAUSE_BREAK.finditer(sentence)), len(sentence)]
        clauses = list(pairwise(bounds))
        for start, end in clauses:
            clause = sentence[start:end]
            if not EXAMPLE.search(clause) and OWNED.search(clause):
                stated += [f for f in self._figures_to_check(sentence, set())
                           if start <= f.start < end]
        examples.update((f.kind, f.value) for f in find_figures(sentence)
                        if f not in stated)
        return stated

    def _conflict(self, sentence: str, figure: Figure,
                  documents: Sequence[ContextDocument]) -> str | None:
        """How the documents contradict a figure they contain: another value for the same
        term, or this value for another length or (for the firm's terms) another product."""
        term = contradicted(sentence, figure, documents, _same_value)
        if term is not None:
            return (f"they state the {term} differently" if term in TERMS
                    else f"they give the {term} another value")
        length = other_length(sentence, figure, documents, _same_value)
        if length is not None:
            return f"they give it for the {length}"
        if self.domain == "firm":
            product = other_product(sentence, figure, documents, _same_value)
            if product is not None:
                return f"they give it for the {product}"
        return None

    def check(self, subject: RailInput) -> Verdict:
        documents = self._allowed_documents(subject.documents)
        ungrounded: list[tuple[int, int]] = []
        evidence: list[Evidence] = []
        stale: list[tuple[int, ContextDocument, float]] = []
        examples: set[tuple[str, float]] = set()
        grounded: list[Figure] | None = None
        for sentence in split_sentences(subject.text):
            if EXAMPLE.search(sentence.text):
                stated = self._stated_beside_example(sentence.text, examples)
            else:
                stated = self._figures_to_check(sentence.text, examples)
            for figure in stated:
                document = find_grounding(figure, documents)
                conflict = self._conflict(sentence.text, figure, documents) \
                    if document is not None else None
                if conflict is not None:
                    ungrounded.append((sentence.start, sentence.end))
                    evidence.append(Evidence(sentence.start + figure.start,
                                             sentence.start + figure.end, figure.text,
                                             CONTRADICTS + conflict))
                    break
                if document is None:
                    if grounded is None:
                        grounded = [other for other in find_figures(subject.text)
                                    if find_grounding(other, documents) is not None]
                    if _derived(figure, grounded):
                        continue
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
        missing = [e.text for e in evidence if e.label == "ungrounded figure"]
        wrong = [f"{e.text} ({e.label.removeprefix(CONTRADICTS)})" for e in evidence
                 if e.label.startswith(CONTRADICTS)]
        found = []
        if missing:
            found.append(f"{self.what} ({', '.join(missing[:4])}) that appear in no retrieved "
                         "document")
        if wrong:
            found.append(f"{'; '.join(wrong[:4])}, which the retrieved documents contradict")
        rationale = (f"The reply quotes {' and '.join(found)}; {self.id} allows only figures "
                     "grounded in retrieved data.")
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
