"""SEC-01: refuse prompt injection and jailbreak attempts.

Attackers rarely type the textbook phrase; they disguise it with look-alike
letters, leetspeak, spacing, role-play framing or another language. The rule
matches on the normalised text (see guardrails.normalize) and on phrases
grouped by tactic, so the rationale can say which tactic was seen.
"""

from __future__ import annotations

from guardrails.normalize import normalize
from guardrails.rules.base import RailInput, Rule, register_rule
from guardrails.rules.patterns import compile_all, find_all
from guardrails.rules.phrase_rule import PhraseRuleParams, classifier_flags
from guardrails.verdict import Action, Evidence, Severity, Stage, Verdict

OVERRIDE = (
    r"\b(?:ignore|disregard|forget|override|bypass|skip|drop|abandon|ditch)\b(?:\s+\w+){0,3}?\s+"
    r"(?:instructions?|rules?|guidelines?|polic(?:y|ies)|prompts?|directives?|restrictions?|"
    r"guardrails?|programming|constraints?|filters?|safeguards?|compliance)\b",
    r"\b(?:stop|quit)\s+(?:following|obeying)\s+(?:your|the)\b",
    r"\b(?:set|put|lay|cast)\s+aside\b(?:\s+\w+){0,3}?\s+(?:instructions?|rules?|guidelines?|"
    r"polic(?:y|ies)|programming|restrictions?|filters?|guardrails?)\b",
    r"\b(?:without|minus|drop|lose)\s+(?:the|your|any)\s+(?:corporate\s+|company\s+)?"
    r"(?:filters?|script|censorship|guardrails?)\b",
    r"\bno\s+longer\s+(?:bound|restricted|limited)\s+by\b",
)
PROMPT_EXTRACTION = (
    r"\b(?:reveal|show|print|repeat|display|output|leak|dump|tell\s+me|give\s+me|what\s+(?:is|are)|"
    r"share)\s+(?:me\s+)?(?:your\s+(?:\w+\s+){0,2}(?:prompt|instructions|rules|configuration)"
    r"(?!\s+(?:for|on|about|regarding|around|of\s+(?:the|your|my)))|"
    r"the\s+(?:system|hidden|initial|original|internal|secret|developer)\s+(?:\w+\s+)?"
    r"(?:prompt|instructions|rules|message))\b",
    r"\b(?:print|repeat|output)\s+(?:everything|all|the\s+text)\s+(?:above|before)\b",
    r"\bsystem\s+prompt\b",
    r"\bwhat\s+(?:they|your\s+(?:developers|creators|makers|programmers|owners|bosses)|the\s+bank)\s+"
    r"(?:told|instructed|programmed|asked)\s+you\s+(?:to\s+(?:hide|keep\s+secret|conceal|"
    r"withhold)|not\s+to\s+(?:say|tell|reveal|share|mention))\b",
    # Framed as fiction or a third party: "a story where the chatbot recites the rules it was given".
    r"\b(?:recites?|reveals?|lists?|repeats?|spells?\s+out|reads?\s+out|explains?)\b[^.?!]{0,60}"
    r"\b(?:rules|instructions|guidelines|prompt|directives)\s+(?:it|you|they|he|she)\s+(?:was|were|"
    r"(?:ha[sv]e\s+)?been)\s+(?:given|told|programmed)",
    r"\b(?:how|ways?)\s+to\s+(?:get\s+around|bypass|circumvent|evade|defeat)\s+(?:each|every|all|"
    r"your|its|the\s+(?:bot's|assistant's|chatbot's))\s+(?:one|of\s+them|rules?|guardrails?|"
    r"filters?|restrictions?|safeguards?)\b",
)
FORGED_CONTEXT = (
    r"(?:\[\[|\{\{|<\s*/?\s*(?:system|admin|developer|assistant)\s*>|\[\s*(?:system|admin|"
    r"developer)\s*(?:note|message|override)?\s*\]|(?:admin|system|developer)\s+(?:note|"
    r"message|override)\s*:)",
    r"\b(?:restrictions|rules|policies|filters|compliance|guardrails)\s+(?:do\s+not|don't|no\s+"
    r"longer)\s+apply\b",
    r"\bwhat\s+(?:text|instructions?|words)\s+(?:appears?|comes?|is|are)\s+(?:between|before|"
    r"above)\b",
)
ROLE_PLAY = (
    r"\b(?:you\s+are\s+now|from\s+now\s+on\s+you(?:'re|\s+are|\s+will)|pretend\s+(?:to\s+be|you(?:'re|"
    r"\s+are))|act\s+as|roleplay\s+as|role-play\s+as|imagine\s+you\s+are)\b[^.?!]{0,80}?"
    r"\b(?:no|without|free\s+(?:of|from)|unrestricted|unfiltered|uncensored|any)\s*"
    r"(?:restrictions?|rules?|limits?|filters?|guidelines?|polic(?:y|ies)|ethics|compliance)?\b",
    r"\b(?:developer|debug|god|admin|sudo)\s+mode\b",
    r"\b(?:dan\s+mode|you\s+are\s+dan|do\s+anything\s+now|unfiltered\s+mode|jailbreak\s+"
    r"(?:mode|prompt|you|yourself|this\s+(?:chat|bot|assistant))|jailbroken\s+(?:mode|assistant|"
    r"ai|bot|version))\b",
)
FOREIGN = (
    r"\b(?:esque[cç]a|esquece|olvid[ae]|ignore|ignora|ignoriere|ignorez|oublie[zs]?|vergiss|"
    r"dimentica|negeer|vergeet)\s+(?:\w+\s+){0,2}(?:regras|reglas|r[eè]gles|regeln|regole|"
    r"instru[cç][õo]es|instrucciones|instructions|anweisungen|istruzioni|regels|instructies|"
    r"normas|restri[cç][õo]es|restricciones|consignes|indicaciones|vorgaben|directives)\b",
    r"(?:忽略|忘记|无视|忘掉|忽视)[^。？！]{0,12}(?:指令|规则|指示|提示|限制)",
    r"(?:系统提示|系统指令|系统消息)",
    r"(?:無視|忘れ)[^。？！]{0,12}(?:指示|ルール|命令)",
    r"\b(?:finja|finge|fais\s+semblant|tu\s+es\s+maintenant|du\s+bist\s+(?:jetzt|nun)|"
    r"ahora\s+eres|agora\s+voc[eê]\s+[eé])\b[^.?!]{0,60}\b(?:sem|sin|sans|ohne|senza)\s+"
    r"(?:limites|l[ií]mites|restri\w+|r[eè]gles|regeln|einschr[aä]nkungen|regole|filtros?)\b",
    r"\bignor(?:a|e|ez|iere|ar)\s+(?:las?|les|todas?|tous|toutes|alle|die|previous|anteriores|"
    r"vorherigen)?\s*(?:\w+\s+)?(?:instrucciones|instructions|anweisungen|regeln|reglas|r[eè]gles|"
    r"istruzioni)\b",
    r"\boublie[zs]?\s+(?:tes|vos|les)\s+(?:instructions|r[eè]gles)\b",
    r"\bvergiss\s+(?:alle|deine)\s+(?:anweisungen|regeln)\b",
)

TACTICS = {
    "instruction override": compile_all(OVERRIDE),
    "system prompt extraction": compile_all(PROMPT_EXTRACTION),
    "role-play to drop the rules": compile_all(ROLE_PLAY),
    "instruction override in another language": compile_all(FOREIGN),
    "forged system or administrator context": compile_all(FORGED_CONTEXT),
}


@register_rule
class PromptInjectionRule(Rule):
    id = "SEC-01"
    version = "1.0.0"
    title = "Prompt injection and jailbreak attempts are refused"
    stages = frozenset({Stage.REQUEST})
    severity = Severity.HIGH
    on_fail = Action.BLOCK
    Params = PhraseRuleParams
    params: PhraseRuleParams

    def check(self, subject: RailInput) -> Verdict:
        # Two views: plain (keeps digits meaningful) and leetspeak-decoded.
        views = {normalize(subject.text), normalize(subject.text, leet=True)}
        for tactic, patterns in TACTICS.items():
            for view in views:
                hits = find_all(patterns, view, subject.text)
                if hits:
                    evidence = [hit[1] for hit in hits[:3]]
                    quoted = evidence[0].text.strip()[:80]
                    return self.violation(
                        subject,
                        f"The message attempts {tactic} (\u201c{quoted}\u201d); instructions that "
                        "try to change the assistant's rules are refused under SEC-01.",
                        evidence=evidence,
                        score=1.0,
                    )
        flagged, probability = (classifier_flags("requests", self.id, subject.text,
                                                 self.params.threshold)
                                if self.params.use_classifier else (False, 0.0))
        if flagged:
            return self.violation(
                subject,
                "The message reads as an attempt to change or reveal the assistant's instructions "
                f"(classifier trained on the team's examples, p={probability:.2f}); SEC-01 refuses "
                "such attempts.",
                evidence=[Evidence(0, len(subject.text), subject.text[:160],
                                   f"classifier p={probability:.2f}")],
                score=probability,
            )
        return self.passed(subject, "No instruction-override, role-play or prompt-extraction "
                                    "attempt was found.", score=probability)
