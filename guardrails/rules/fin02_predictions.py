"""FIN-02: no predictions or projections of prices or performance."""

from __future__ import annotations

import re

from guardrails.rules.base import register_rule
from guardrails.rules.patterns import compile_all
from guardrails.rules.phrase_rule import PhraseRule
from guardrails.verdict import Action, Severity, Stage

SUBJECT = (r"(?:stock|shares?|price|it|market|index|s&p|dow|nasdaq|fund|etf|bitcoin|crypto|coin|"
           r"gold|rates?|yields?|dollar|euro|bonds?|portfolio|returns?|value|this|that|they)")
MOVE = (r"(?:rise|climb|go\s+up|go\s+down|drop|fall|crash|rally|soar|surge|jump|double|triple|"
        r"recover|rebound|bounce(?:\s+back)?|hit|reach|top|break|outperform|beat|gain|grow|"
        r"decline|tank|plunge|moon|pop|explode|stay\s+(?:high|low|flat)|keep\s+(?:rising|falling|"
        r"climbing|going\s+up))")
# Verbs that also describe product mechanics ("your rate will increase after the intro
# period") count as forecasts only when a market price is the subject.
MARKET_SUBJECT = (r"(?:stocks?|shares?|prices?|markets?|index|s&p|dow|nasdaq|etfs?|bitcoin|"
                  r"crypto|coins?|gold|silver|oil|equities)")
MARKET_MOVE = (r"(?:increase|decrease|appreciate|depreciate|go\s+(?:higher|lower)|move\s+"
               r"(?:higher|lower|up|down)|continue\s+to\s+(?:rise|increase|climb|grow|gain|fall|"
               r"drop|decline|decrease))")
SUBJECTS = (r"(?:stocks?|shares?|prices?|markets?|index(?:es)?|s&p(?:\s+500)?|dow|nasdaq|funds?|"
            r"etfs?|bitcoin|crypto|coins?|gold|silver|oil|rates?|yields?|dollar|euro|yen|pound|"
            r"bonds?|portfolios?|returns?|equities|valuations?|(?:small|mid|large)[- ]caps?|"
            r"sectors?|currenc(?:y|ies)|commodit(?:y|ies)|housing|home\s+(?:prices|values)|"
            r"real\s+estate|ether(?:eum)?|it|they|this|that)")
# Conditionals explain a mechanism ("may go up next year if the prime rate rises").
NOT_CONDITIONAL = r"^(?![^.?!]*\b(?:if|unless|in\s+case|assuming)\b)[^.?!]*?"
# A hedged modal ("rates may ease") describes a risk or a mechanism until it is tied to a
# time ahead: "may ease over the coming months" is a forecast, "can fall" is a risk.
HEDGE = r"(?:may(?:\s+well)?|might(?:\s+well)?|could(?:\s+well)?|(?:will\s+)?(?:probably|likely))"
HEDGED_MOVE = (rf"(?:{MOVE}|{MARKET_MOVE}|ease|soften|weaken|strengthen|firm\s+up|edge\s+"
               r"(?:up|down|higher|lower)|pick\s+up|cool|slide|slip|dip|sink|come\s+down|"
               r"head\s+(?:higher|lower|up|down)|see\s+(?:gains|losses|a\s+(?:rally|rebound|"
               r"drop|dip|correction|pullback)))")
HORIZON = (r"(?:in\s+the\s+(?:near|short|coming)\s+(?:future|term|months|weeks|years)|"
           r"(?:over|in|within|during)\s+the\s+(?:coming|next)\s+(?:few\s+|couple\s+(?:of\s+)?|"
           r"\w+\s+)?(?:days|weeks|months|quarters?|years?|sessions)|(?:this|next)\s+(?:week|"
           r"month|quarter|year|summer|spring|fall|autumn|winter|season)|soon|shortly|"
           r"before\s+long|later\s+(?:this|in\s+the)\s+(?:year|month|quarter|week)|in\s+the\s+"
           r"(?:weeks|months|years)\s+ahead|by\s+(?:year[- ]end|the\s+end\s+of)|in\s+20\d\d|"
           r"over\s+the\s+(?:summer|winter|holidays))")


@register_rule
class PredictionRule(PhraseRule):
    id = "FIN-02"
    version = "1.4.0"
    title = "No predictions or projections of prices or performance"
    stages = frozenset({Stage.REPLY})
    severity = Severity.HIGH
    on_fail = Action.REWRITE
    repair = "drop_sentence"
    finding = "a prediction of prices or performance"
    reason = "FIN-02 forbids forecasts; the assistant explains what drives prices instead."
    exempt = re.compile(r"\b(?:can't|cannot|can\s+not|no\s+one\s+can|nobody\s+can|impossible\s+to|"
                        r"unable\s+to|don't|do\s+not|won't)\s+(?:reliably\s+)?(?:predict|forecast|"
                        r"know|say|tell)\b|\b(?:no\s+one|nobody)\s+(?:really\s+)?knows\b|"
                        r"\bhypothetical|\bfor\s+example\b|\bif\s+(?:rates|prices|"
                        r"the\s+market)\b", re.I)
    patterns = compile_all((
        rf"\b{SUBJECT}\b[^.?!]{{0,40}}\b(?:will|is\s+going\s+to|going\s+to|gonna|should|is\s+set"
        rf"\s+to|is\s+about\s+to|is\s+poised\s+to|is\s+bound\s+to|is\s+likely\s+to|is\s+expected"
        rf"\s+to|'ll)\s+(?:\w+\s+){{0,2}}{MOVE}\b",
        rf"\b{MARKET_SUBJECT}\b[^.?!]{{0,40}}\b(?:will|is\s+going\s+to|are\s+going\s+to|is\s+"
        rf"likely\s+to|are\s+likely\s+to|is\s+expected\s+to|are\s+expected\s+to|'ll)\s+"
        rf"(?:\w+\s+){{0,2}}{MARKET_MOVE}\b",
        r"\b(?:will|going\s+to|should)\s+(?:\w+\s+)?(?:hit|reach|top|be\s+at|trade\s+at|close\s+at)"
        r"\s+\$?\d",
        r"\b(?:price\s+)?target\s+of\s+\$?\d",
        r"\bby\s+(?:spring|summer|fall|autumn|winter|year[- ]end|the\s+end\s+of\s+(?:the\s+)?year|"
        r"next\s+(?:week|month|quarter|year)|christmas|january|february|march|april|may|june|july|"
        r"august|september|october|november|december|20\d\d)\b[^.?!]{0,30}\b(?:it|price|shares|"
        r"stock|will|should|be|at|reach|hit)\b",
        r"\b(?:no\s+way|can't\s+see|won't)\s+(?:it|this|that|the\s+\w+|shares|prices?)?\s*"
        r"(?:drop|fall|go|sink|dip)\w*\s+"
        r"(?:below|under|lower|down)",
        r"\b(?:i\s+)?(?:expect|predict|forecast|project|anticipate|bet)\s+(?:that\s+)?"
        rf"(?:the\s+)?{SUBJECT}\b[^.?!]{{0,30}}\b(?:to\s+)?{MOVE}",
        r"\b(?:rates?|the\s+fed)\s+(?:will|is\s+going\s+to|are\s+going\s+to)\s+(?:cut|raise|hike|"
        r"lower|drop|fall|rise|go\s+(?:up|down))\b",
        r"\b(?:upside|downside)\s+of\s+\d+(?:\.\d+)?\s*%",
        r"\b(?:is|are|looks)\s+(?:headed|heading|on\s+track)\s+(?:for|to|higher|lower|up|down)\b",
        rf"\b(?:odds\s+are|chances\s+are|i'd\s+be\s+surprised\s+if|i\s+(?:reckon|bet|think|"
        rf"believe|expect)|my\s+(?:guess|bet|money)\s+is|it's\s+(?:set\s+up|poised|primed)\s+for)"
        rf"\b[^.?!]{{0,60}}\b(?:{MOVE}|climbing|rising|recover\w*|rally|run|rebound\w*|higher|lower)\b",
        r"\b(?:room\s+to\s+run|(?:another|a\s+further|the\s+next)\s+leg\s+(?:up|higher|down|lower)|"
        r"set\s+up\s+for\s+(?:a|another)\s+(?:strong\s+|big\s+|sharp\s+)?(?:run|rally|leg|rebound|"
        r"move|surge|drop|fall)|(?:strong|big|further)\s+run\s+(?:over|in|into|through)\s+the\s+"
        r"(?:next|coming))\b",
        r"\b(?:my\s+(?:read|view|take|sense|hunch|gut|feeling|call)\s+is|i'?d\s+(?:expect|guess|bet|"
        r"wager|say)|i\s+(?:suspect|reckon|figure))\b[^.?!]{0,60}\b(?:gains?|rises?|falls?|climbs?|"
        r"higher|lower|up|down|finish\w*|end\w*|strengthen\w*|weaken\w*|outperform\w*|recover\w*|"
        r"ground|rall\w*|drop\w*)\b",
        r"\b(?:gains?|rises?|falls?|climbs?|strengthens?|weakens?|rall(?:y|ies)|recovers?|rebounds?|"
        r"heads?\s+(?:higher|lower)|outperforms?|underperforms?)\b[^.?!]{0,40}\b(?:over|in|within|"
        r"during)\s+the\s+(?:coming|next)\s+(?:few\s+|couple\s+of\s+)?(?:days|weeks|months|"
        r"quarters?|year|years)\b",
        r"\b(?:don't|do\s+not|can't|cannot)\s+see\b[^.?!]{0,40}\b(?:topping\s+out|peaking|"
        r"falling|dropping|slowing|stalling|running\s+out)\b",
        r"\bkeeps?\s+(?:climbing|rising|going\s+up|gaining|falling|dropping|sliding|rallying)\b"
        r"[^.?!]{0,30}\b(?:through|into|until|this|next|rest\s+of|for\s+the)\b",
        # Hedged forecasts: "is due for a rebound", "the next couple of years look strong".
        r"\b(?:is|are|looks?|seems?)\s+(?:\w+\s+)?due\s+(?:for\s+)?(?:its\s+turn|(?:a\s+)?(?:rebound|"
        r"recovery|comeback|rally|correction|pullback|bounce|turnaround|drop|fall))\b",
        r"\b(?:next|coming)\s+(?:few\s+|couple\s+(?:of\s+)?)?(?:years?|months?|quarters?|weeks?)\s+"
        r"(?:look|looks|should|will|are\s+going\s+to)\s+(?:\w+\s+){0,3}(?:good|great|strong|bright|"
        r"rough|tough|weak|like\s+its|its\s+time)\b",
        rf"{NOT_CONDITIONAL}\b{SUBJECTS}\b[^.?!]{{0,40}}\b{HEDGE}\s+(?:\w+\s+){{0,2}}"
        rf"{HEDGED_MOVE}\b[^.?!]{{0,50}}\b{HORIZON}\b",
        rf"{NOT_CONDITIONAL}\b{HORIZON},?\s+(?:\w+\s+){{0,6}}?{SUBJECTS}\b[^.?!]{{0,30}}\b"
        rf"{HEDGE}\s+(?:\w+\s+){{0,2}}{HEDGED_MOVE}\b",
        r"\btime\s+to\s+shine\b|\b(?:can|could)\s+only\s+go\s+(?:up|higher|down|lower)\b",
        # Leaning, not stating: "I'd lean toward a pop after the report".
        r"\b(?:i'?d|i\s+would|i)\s+(?:lean|tilt)\s+(?:toward|towards|to)\s+(?:a|an|the)?\s*(?:\w+\s+)?"
        r"(?:pop|rise|rally|drop|fall|gain|climb|bounce|dip|beat|miss|sell-?off|jump|slide|decline)\b",
        # A result or a move called ahead of time: "results should come in ahead of expectations",
        # "the stock usually pops on a beat" said of this report.
        r"\b(?:results|earnings|numbers|revenue|profits?|sales)\s+(?:should|will|are\s+likely\s+to|"
        r"look\s+set\s+to|are\s+set\s+to)\s+(?:come\s+in\s+)?(?:ahead\s+of|above|below|beat|miss|top|"
        r"exceed|disappoint)",
        r"\bhard\s+to\s+see\s+(?:it|them|this|that|the\s+\w+(?:\s+\w+)?|prices?|rates?|shares|stocks?)"
        r"\s+(?:not\s+)?(?:falling|rising|dropping|climbing|lagging|falling\s+behind|slipping|"
        r"underperforming|outperforming|doing\s+(?:badly|well|worse|better)|going\s+(?:up|down))\b",
        r"\b(?:momentum|trend|run|rally|streak)\s+(?:usually|should|will|tends\s+to|is\s+likely\s+to|"
        r"typically)\s+(?:\w+\s+)?(?:carr(?:y|ies)\s+(?:forward|on|over)|continue|persist|last|keep\s+going)\b",
    ))
