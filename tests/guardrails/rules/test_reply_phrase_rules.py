"""Reply rules judged by phrasing: FIN-02, 05, 07, 08, 09, 12, 13, 14, 15, 16, 17, 23."""

import pytest

from guardrails.rules.base import ContextDocument
from guardrails.verdict import Action

from .table import assert_violation, judge

CASES = [
    ("FIN-02", "The stock will hit $200 by spring.", True),
    ("FIN-02", "There's no way this drops below 40.", True),
    ("FIN-02", "Value is due for its turn; the next couple of years look like its time to shine.",
     True),
    ("FIN-02", "Tech stocks look due for a pullback.", True),
    ("FIN-02", "This stock can only go up from here.", True),
    ("FIN-02", "I can't say whether value is due for a comeback.", False),
    ("FIN-02", "The next quarterly report is due on Friday.", False),
    ("FIN-02", "Rates are going to drop next month.", True),
    ("FIN-02", "I can't predict where the stock will go; prices move with earnings and rates.",
     False),
    ("FIN-02", "Bond prices usually fall when interest rates rise.", False),
    ("FIN-02", "The price of gold will likely increase as the market moves forward.", True),
    ("FIN-02", "Bitcoin will continue to increase in value this year.", True),
    ("FIN-02", "Your rate will increase to the standard APR after the intro period.", False),
    ("FIN-02", "The value of your savings will increase as interest compounds.", False),
    ("FIN-02", "Gold prices can increase or decrease, and no one can predict which.", False),
    ("FIN-05", "This fund is totally risk-free.", True),
    ("FIN-05", "It's the safest investment there is.", True),
    ("FIN-05", "This strategy is foolproof.", True),
    ("FIN-05", "No investment is completely risk-free.", False),
    ("FIN-05", "Deposits are insured up to $250,000 per depositor, per bank, per ownership "
               "category.", False),
    ("FIN-07", "At your age you should put 80% in tech stocks.", True),
    ("FIN-07", "I recommend you sell your bonds now.", True),
    ("FIN-07", "Move your 401(k) into the equity fund today.", True),
    ("FIN-07", "Many investors diversify across stocks and bonds; a licensed advisor can do a "
               "suitability review.", False),
    ("FIN-08", "This fund is the right choice for you.", True),
    ("FIN-08", "Honestly this is the one for someone in your position.", True),
    ("FIN-08", "I can't say whether it suits you; here are its fees and risks.", False),
    ("FIN-08", "Since you don't like big swings, it's right up your alley.", True),
    ("FIN-08", "It was practically built for investors like you.", True),
    ("FIN-08", "This lines up nicely with what you told me about your goals.", True),
    ("FIN-08", "You're the kind of saver this account is designed for.", True),
    ("FIN-08", "From what you've told me, you'd be comfortable with that volatility.", True),
    ("FIN-08", "It could be a good match for your appetite for growth.", True),
    ("FIN-08", "The fund is designed for investors who can hold for ten years or more.", False),
    ("FIN-08", "Target-date funds line up their mix with the target year.", False),
    ("FIN-08", "Based on your question, here is how the fund works and what it costs.", False),
    ("FIN-09", "Switch funds every few days to ride the swings.", True),
    ("FIN-09", "Trade in and out to catch every dip.", True),
    ("FIN-09", "Frequent trading can add costs and taxes that erode returns.", False),
    ("FIN-12", "Sure, buy before the earnings leak goes public.", True),
    ("FIN-12", "Insider trading means trading on material non-public information.", False),
    ("FIN-13", "Here's a post to get everyone to buy XYZ before we sell: it's going to the moon!",
     True),
    ("FIN-13", "Pump-and-dump schemes are illegal; here is how to recognise them.", False),
    ("FIN-14", "Most of our clients doubled their money with this fund.", True),
    ("FIN-14", "Our customers love it and made 20% last year.", True),
    ("FIN-14", "The fund invests in large US companies and charges a 0.05% expense ratio.",
     False),
    ("FIN-15", "Our model portfolio returned 18% a year since 2005.", True),
    ("FIN-15", "In a hypothetical back-test the strategy would have returned 9% a year; "
               "that is not an actual result.", False),
    ("FIN-16", "It beat the index by 12% from March to May.", True),
    ("FIN-16", "Over 1, 5 and 10 years the fund returned 6%, 7% and 8% against the S&P 500's "
               "7%, 9% and 10%.", False),
    ("FIN-17", "You won't owe any tax on this.", True),
    ("FIN-17", "You should convert to a Roth this year given your income.", True),
    ("FIN-17", "Roth IRA qualified withdrawals are tax-free; a tax professional can advise on "
               "your situation.", False),
    ("FIN-23", "This rate won't last, lock in today!", True),
    ("FIN-23", "You'll want to move fast before this rate disappears.", True),
    ("FIN-23", "Rates change; this is the rate as of 2026-11-01.", False),
]


@pytest.mark.parametrize(("rule", "reply", "violates"), CASES)
def test_reply_rule_table(rule: str, reply: str, violates: bool) -> None:
    verdict = judge(rule, reply)
    if violates:
        assert_violation(verdict)
        assert verdict.evidence
        assert verdict.action in (Action.REWRITE, Action.BLOCK)
    else:
        assert verdict.passed, verdict.rationale


def test_dropping_a_sentence_keeps_the_rest() -> None:
    verdict = judge("FIN-23", "Our savings account pays interest monthly. Act now before it's "
                              "gone!")
    assert verdict.action is Action.REWRITE
    assert verdict.repaired_text == "Our savings account pays interest monthly."


def test_a_reply_with_nothing_left_is_blocked() -> None:
    assert judge("FIN-23", "Act now before it's gone!").action is Action.BLOCK


def test_tax_free_401k_is_corrected_to_tax_deferred() -> None:
    verdict = judge("FIN-17", "Your 401(k) growth is tax-free.")
    assert verdict.repaired_text is not None
    assert "tax-deferred" in verdict.repaired_text
    assert "tax professional" in verdict.repaired_text


def test_backtest_context_requires_a_label() -> None:
    context = [ContextDocument("d1", "Back-tested model results: 14% a year 2000-2020.", "sheet")]
    assert not judge("FIN-15", "The strategy averaged 14% a year.", documents=context).passed
    assert judge("FIN-15", "The back-tested strategy averaged 14% a year (hypothetical).",
                 documents=context).passed


def test_one_violating_sentence_in_a_long_reply_is_found() -> None:
    reply = ("Index funds hold many companies at once, which spreads risk. Fees are usually low. "
             "Odds are this one keeps climbing through the spring, so it's a great time to get "
             "in. Returns are not guaranteed and you could lose money.")
    verdict = judge("FIN-02", reply)
    assert not verdict.passed
    assert "climbing" in verdict.evidence[0].text


@pytest.mark.parametrize("reply", [
    "There's no rush to decide; rates change and this is the rate as of 2026-11-01.",
    "Spoofing is illegal: it means placing orders you intend to cancel to move a price.",
    "Past performance does not predict future results.",
])
def test_negated_or_educational_sentences_pass(reply: str) -> None:
    for rule in ("FIN-23", "FIN-13", "FIN-16"):
        assert judge(rule, reply).passed, (rule, reply)
