"""The standard compliant statements a reply carries: caveats, risk lines, referrals.

They sit beside violations in the training examples ("it beat the index in
its best quarter. Past performance does not predict future results."), so
both the rules and the classifiers need to recognise them: a sentence made of
them is never a classifier finding, and the classifiers learn them as
compliant text rather than as a sign of the violation they accompany.
"""

from __future__ import annotations

import re

DISCLAIMER = re.compile(
    r"\b(?:past\s+performance|not\s+(?:a\s+)?guarantee\w*|(?:isn't|aren't|never)\s+guaranteed|"
    r"no\s+guarantee|loss(?:es)?\s+(?:are|is)\s+possible|(?:could|can|may)\s+"
    r"lose|not\s+(?:fdic\s+)?insured|insured\s+up\s+to|suitability\s+review|licensed\s+advis[eo]r|"
    r"tax\s+professional|rates?\s+(?:can|may)\s+change|(?:can't|cannot)\s+(?:predict|recommend|"
    r"promise|tell\s+you\s+(?:what|which))|manages\s+(?:this|the)\s+fund)\b", re.IGNORECASE)
