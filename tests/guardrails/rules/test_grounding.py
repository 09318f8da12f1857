"""FIN-06 and FIN-19: figures must come from retrieved documents."""

import pytest

from guardrails.rules.base import ContextDocument
from guardrails.verdict import Action

from .table import judge

MARKET = ContextDocument("market:SPX", "S&P 500 index (SPX): 6712.35 points as of "
                         "2026-11-20T21:00:00Z.", "SAMPLE DATA", "2026-11-20T21:00:00Z",
                         kind="market")
RATES = ContextDocument("rate-sheet:hys", "Larkspur High-Yield Savings rates and fees as of "
                        "2026-11-01: APY: 3.80% (Variable); monthly maintenance fee: $0.00.",
                        "Larkspur Bank rate sheet (sample)", "2026-11-01", kind="rate_sheet")

CASES = [
    ("FIN-06", "The S&P 500 closed at 6712.35 points on 2026-11-20.", [MARKET], False),
    ("FIN-06", "The S&P 500 was around 6,712 points as of 2026-11-20.", [MARKET], False),
    ("FIN-06", "The S&P 500 closed at 6,950 points yesterday.", [MARKET], True),
    ("FIN-06", "The 10-year Treasury yield is 4.5%.", [MARKET], True),
    ("FIN-06", "The S&P 500 tracks 500 large US companies.", [], False),
    ("FIN-19", "The High-Yield Savings APY is 3.80% as of 2026-11-01.", [RATES], False),
    ("FIN-19", "The High-Yield Savings APY is 4.25%.", [RATES], True),
    ("FIN-19", "Our wire transfer fee is $30.", [], True),
    ("FIN-19", "Deposits are FDIC insured up to $250,000.", [], False),
    ("FIN-19", "For example, if you deposit $1,000 at 3% you would earn about $30 a year.", [],
     False),
]


@pytest.mark.parametrize(("rule", "reply", "context", "violates"), CASES)
def test_grounding_table(rule: str, reply: str, context: list[ContextDocument],
                         violates: bool) -> None:
    verdict = judge(rule, reply, documents=context)
    assert verdict.passed is not violates, verdict.rationale


def test_ungrounded_sentence_is_removed_and_rest_kept() -> None:
    verdict = judge("FIN-19", "Savings accounts pay interest. Our savings APY is 5.10%.",
                    documents=[RATES])
    assert verdict.action is Action.REWRITE
    assert verdict.repaired_text == "Savings accounts pay interest."
    assert verdict.evidence[0].text == "5.10%"


def test_market_figure_is_not_grounded_by_firm_documents_for_firm_rule() -> None:
    market_as_firm = ContextDocument("blog", "Larkspur savings APY is 3.80%", "a blog", "",
                                     kind="web")
    assert not judge("FIN-19", "The savings APY is 3.80%.", documents=[market_as_firm]).passed


def test_stale_market_figure_gets_its_date_and_age() -> None:
    from guardrails.rules.base import RailInput, default_registry
    from guardrails.verdict import Stage

    rule = default_registry.create("FIN-06", {"max_age_hours": 72,
                                              "now": "2026-11-30T12:00:00Z"})
    verdict = rule.check(RailInput("The S&P 500 is at 6712.35 points.", Stage.REPLY,
                                   documents=[MARKET]))
    assert verdict.action is Action.REWRITE
    assert verdict.repaired_text is not None
    assert "2026-11-20" in verdict.repaired_text and "10 days old" in verdict.repaired_text
    fresh = default_registry.create("FIN-06", {"max_age_hours": 72,
                                               "now": "2026-11-21T12:00:00Z"})
    assert fresh.check(RailInput("The S&P 500 is at 6712.35 points.", Stage.REPLY,
                                 documents=[MARKET])).passed
    dated = rule.check(RailInput("On 2026-11-20 the S&P 500 closed at 6712.35 points.",
                                 Stage.REPLY, documents=[MARKET]))
    assert dated.passed


CDS = ContextDocument("rate-sheet:cds", "Larkspur Certificates of Deposit (sample) rates and "
                      "fees as of 2026-11-01: 12-month CD APY: 3.85% (Fixed); 24-month CD APY: "
                      "3.50% (Fixed); early withdrawal penalty (12-month CD): 90 days of interest.",
                      "Larkspur Bank rate sheet (sample)", "2026-11-01", kind="rate_sheet")
US10Y = ContextDocument("news:ust", "Treasury yields rose: the 10-year note yield climbed 8 bps to "
                        "4.12% as of 2026-11-20.", "SAMPLE DATA", "2026-11-20T21:00:00Z",
                        kind="market")

# Numbers that are not market data or firm terms (counts, shares, unit sizes, generic or
# illustrative subjects, industry-wide statements), and figures that are.
FRAME_CASES = [
    ("FIN-06", "The Nasdaq Composite includes more than 3,000 stocks.", [], False),
    ("FIN-06", "Bitcoin's protocol caps the total supply at 21 million coins.", [], False),
    ("FIN-06", "It covers roughly 80% of the value of the US stock market.", [], False),
    ("FIN-06", "T-bills are sold in increments of $100.", [], False),
    ("FIN-06", "A stock paying $2 a year with a $50 share price has a 4% yield.", [], False),
    ("FIN-06", "Investing a fixed amount, such as $500 a month, regardless of prices. "
               "When prices are lower that $500 buys more shares.", [], False),
    ("FIN-06", "When the Fed moves rates by 50 basis points, that's half a percentage point.",
     [], False),
    ("FIN-06", "The 10-year yield was 4.12% on 2026-11-20, up 8 basis points on the week.",
     [US10Y], False),
    ("FIN-06", "The yen is trading at 149 per dollar.", [], True),
    ("FIN-06", "The VIX is at 22 today.", [], True),
    ("FIN-06", "The average 30-year mortgage rate is 6.9% this week.", [], True),
    ("FIN-06", "Our savings APY of 3.80% beats the current 3.9% T-bill yield.", [RATES], True),
    ("FIN-06", "A euro currently costs about $1.15.", [], True),
    ("FIN-19", "The average 30-year mortgage rate is 6.9% this week.", [], False),
    ("FIN-19", "Many cards charge a foreign transaction fee, often around 3% of each purchase.",
     [], False),
    ("FIN-19", "Broad index funds often have expense ratios below 0.10%.", [], False),
    ("FIN-19", "I bonds cashed in before 5 years cost the last 3 months of interest.", [], False),
    ("FIN-19", "Our 12-month CD earns 3.85% APY as of 2026-11-01.", [CDS], False),
    ("FIN-19", "The 24-month CD pays 4.10% APY.", [CDS], True),
    ("FIN-19", "Our Money Market Account pays 3.95% APY.", [RATES], True),
    ("FIN-19", "The early withdrawal penalty on our 12-month CD is 120 days of interest.", [CDS],
     True),
    ("FIN-19", "If you cash out a Larkspur CD early, the penalty is 6 months of interest.", [],
     True),
    ("FIN-19", "Out-of-network ATM withdrawals cost $2.50 with Everyday Checking.", [], True),
    ("FIN-19", "You can start in the Larkspur US Equity Index Fund with just $500.", [], True),
    ("FIN-19", "Our 30-year fixed mortgage is at 5.99%.", [], True),
]


# Documents laid out the way a retriever returns them: a CSV record with its unit in the next
# field, a table with the unit in its column heading, a fee sheet that says "no monthly fee",
# a news paragraph with a range, and a glossary entry with illustrative numbers.
HYS_CSV = ContextDocument("rate-sheet:hys", "product,item,value,unit,as_of\nLarkspur High-Yield "
                          "Savings,APY,3.80,percent,2026-11-01\nLarkspur High-Yield Savings,"
                          "excess withdrawal fee,10.00,USD,2026-11-01",
                          "Larkspur Bank rate sheet (sample)", "2026-11-01", kind="rate_sheet")
CD_TABLE = ContextDocument("rate-sheet:cd", "Product | APY | as of\nLarkspur 12-month CD | 3.85 | "
                           "2026-11-01\nLarkspur 24-month CD | 3.50 | 2026-11-01",
                           "Larkspur Bank rate sheet (sample)", "2026-11-01", kind="rate_sheet")
HYS_TEXT = ContextDocument("product:hys", "Larkspur High-Yield Savings earns 3.80% APY. There is "
                           "no monthly maintenance fee.", "Larkspur product sheet (sample)",
                           "2026-11-01", kind="product")
FOMC = ContextDocument("news:fomc", "The Federal Reserve held its target range for the federal "
                       "funds rate at 5.25%-5.50% on Wednesday.", "SAMPLE DATA",
                       "2026-11-19T19:00:00Z", kind="market")
YIELDS = ContextDocument("market:ust", "US2Y 3.52% and US10Y 4.12% as of 2026-11-20T21:00Z",
                         "SAMPLE DATA", "2026-11-20T21:00:00Z", kind="market")
VIX = ContextDocument("market:VIX", "symbol=VIX value=16.85 unit=points as_of=2026-11-20T21:00Z",
                      "SAMPLE DATA", "2026-11-20T21:00:00Z", kind="market")
GLOSSARY = ContextDocument("glossary:apy", "APY: the yearly return including compounding. "
                           "Example: $1,000 at 5% APY earns about $50 in one year.",
                           "Larkspur glossary (sample)", "2026-11-01", kind="glossary")
SERVICE = ContextDocument("product:mobile", "Mobile check deposits: up to $5,000 per day.",
                          "Larkspur product sheet (sample)", "2026-11-01", kind="product")

LAYOUT_CASES = [
    ("FIN-19", "High-Yield Savings pays 3.8% APY per the November 1, 2026 rate sheet.",
     [HYS_CSV], False),
    ("FIN-19", "Beyond 6 a cycle, each withdrawal costs $10 on High-Yield Savings.", [HYS_CSV],
     False),
    ("FIN-19", "High-Yield Savings pays 4.25% APY.", [HYS_CSV], True),
    ("FIN-19", "Our 12-month CD pays 3.85% APY as of November 1, 2026.", [CD_TABLE], False),
    ("FIN-19", "Our 12-month CD pays 3.95% APY.", [CD_TABLE], True),
    ("FIN-19", "The monthly maintenance fee on High-Yield Savings is $0.", [HYS_TEXT], False),
    ("FIN-19", "High-Yield Savings has a $5 monthly maintenance fee.", [HYS_TEXT], True),
    ("FIN-19", "Larkspur savings pays 5% APY, so $1,000 would earn about $50 in a year.",
     [GLOSSARY], True),
    ("FIN-19", "For example, $1,000 at 5% APY earns about $50 in one year.", [GLOSSARY], False),
    ("FIN-19", "You can deposit up to $5,000 per day with mobile deposit.", [SERVICE], False),
    ("FIN-19", "You can deposit up to $7,500 per day with mobile deposit.", [SERVICE], True),
    ("FIN-19", "If you pay late, the Cash Back card charges a late fee of up to $40.", [], True),
    ("FIN-19", "Breaking our 12-month CD early costs 60 days of simple interest.", [], True),
    ("FIN-06", "The Fed kept its target range at 5.25%-5.50%, per a November 19, 2026 report.",
     [FOMC], False),
    ("FIN-06", "The Fed's target range is currently 4.25%-4.50%.", [FOMC], True),
    ("FIN-06", "As of November 20, 2026 the 2-year yielded 3.52% and the 10-year 4.12%, a gap "
               "of 0.6 percentage points.", [YIELDS], False),
    ("FIN-06", "The 10-year yields 4.12% and the 30-year 4.9% as of November 20, 2026.",
     [YIELDS], True),
    ("FIN-06", "On October 19, 1987, the Dow fell about 22.6% in a single day.", [], False),
    ("FIN-06", "The VIX jumped to 30 today.", [VIX], True),
    ("FIN-06", "The VIX was 16.85 as of November 20, 2026.", [VIX], False),
    ("FIN-06", "SOFR today is 3.62%.", [], True),
]


@pytest.mark.parametrize(("rule", "reply", "context", "violates"), FRAME_CASES + LAYOUT_CASES)
def test_grounding_frames_and_layouts(rule: str, reply: str, context: list[ContextDocument],
                                      violates: bool) -> None:
    verdict = judge(rule, reply, documents=context)
    assert verdict.passed is not violates, verdict.rationale
