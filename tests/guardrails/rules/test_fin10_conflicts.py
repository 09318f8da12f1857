"""FIN-10: the sample firm's funds named without the firm's name, or as "our ... Fund"."""

import pytest

from guardrails.rules.base import RailInput, default_registry
from guardrails.verdict import Stage

RULE = default_registry.create("FIN-10")


@pytest.mark.parametrize(("reply", "needs_disclosure"), [
    ("Our Balanced Allocation Fund targets about 60/40 stocks to bonds. It can lose money.", True),
    ("The Core Bond Fund holds investment-grade bonds and can lose value when rates rise.", True),
    ("Our short-term bond fund can lose value when rates rise.", True),
    ("Our Balanced Allocation Fund is managed by Larkspur Asset Management, which earns fees "
     "from it.", False),
    ("Our savings account pays interest monthly.", False),
    ("A balanced fund holds stocks and bonds; it can lose value.", False),
])
def test_in_house_funds_need_the_conflict_statement(reply: str, needs_disclosure: bool) -> None:
    verdict = RULE.check(RailInput(reply, Stage.REPLY))
    assert verdict.passed is not needs_disclosure, verdict.rationale
    if needs_disclosure:
        assert verdict.repaired_text is not None and "earns fees" in verdict.repaired_text
