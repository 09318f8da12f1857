"""Real Presidio + spaCy: finance PII is redacted, look-alikes are kept."""

import pytest

from guardrails.pii import PlaceholderMap, Redactor

PII_CASES = [
    ("My SSN is 512-48-9073.", "US_SSN", "512-48-9073"),
    ("Card number 4111 1111 1111 1111 please.", "CREDIT_CARD", "4111 1111 1111 1111"),
    ("The routing number is 021000021.", "ABA_ROUTING_NUMBER", "021000021"),
    ("my checking account number is 4402918374", "US_BANK_NUMBER", "4402918374"),
    ("IBAN DE89370400440532013000 for the transfer", "IBAN_CODE", "DE89370400440532013000"),
    ("Email me at maria.g@example.com", "EMAIL_ADDRESS", "maria.g@example.com"),
    ("My brokerage account LKB-40918273 shows a loss", "BROKERAGE_ACCOUNT", "LKB-40918273"),
    ("I was born on 03/14/1985", "DATE_OF_BIRTH", "03/14/1985"),
    ("Ship it to 742 Evergreen Terrace, Springfield, IL 62704", "STREET_ADDRESS",
     "742 Evergreen Terrace"),
    ("My name is Maria Gonzalez.", "PERSON", "Maria Gonzalez"),
    ("logins from 203.0.113.42 were not me", "IP_ADDRESS", "203.0.113.42"),
]

LOOKALIKES = [
    "Order ORD-558812 for 100 shares of AAPL at $189.20 on 2026-11-03.",
    "CUSIP 037833100 and my card ending 4821.",
    "What is the Sharpe ratio of a Roth IRA portfolio?",
    "The statement dated 11/01/2026 shows a 3.80% APY.",
    "Is the Dow Jones up today?",
]


@pytest.mark.parametrize(("text", "entity_type", "value"), PII_CASES)
def test_pii_is_redacted(redactor: Redactor, text: str, entity_type: str, value: str) -> None:
    result = redactor.redact(text)
    assert value not in result.text
    types = {entity.type for entity in result.entities}
    assert entity_type in types, (result.text, types)
    assert f"<{entity_type}_1>" in result.text


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_are_kept(redactor: Redactor, text: str) -> None:
    result = redactor.redact(text)
    assert result.text == text, result.entities


def test_placeholders_are_stable_within_a_conversation(redactor: Redactor) -> None:
    mapping = PlaceholderMap()
    first = redactor.redact("My name is Maria Gonzalez, my SSN is 512-48-9073.", mapping)
    second = redactor.redact("Maria Gonzalez again; my wife Ana Ruiz also banks here.", mapping)
    assert "<PERSON_1>" in first.text and "<PERSON_1>" in second.text
    assert "<PERSON_2>" in second.text


def test_offsets_point_into_the_input(redactor: Redactor) -> None:
    text = "Hi, I'm Maria Gonzalez and my SSN is 512-48-9073."
    for entity in redactor.redact(text).entities:
        assert text[entity.start : entity.end] in {"Maria Gonzalez", "512-48-9073"}


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "😀" * 50])
def test_odd_input_does_not_crash(redactor: Redactor, text: str) -> None:
    assert isinstance(redactor.redact(text).text, str)


@pytest.mark.parametrize(
    ("text", "entity_type", "value"),
    [
        ("Call me back at (312) 555-0147 ext. 22 please", "PHONE_NUMBER", "(312) 555-0147"),
        ("my UK mobile is 07700 900372", "PHONE_NUMBER", "07700 900372"),
        ("please add as payee for Camille Laurent", "PERSON", "Camille Laurent"),
        ("joint savings with Mei-Ling Chou", "PERSON", "Mei-Ling Chou"),
        ("born on the 4th of July, 1976", "DATE_OF_BIRTH", "4th of July, 1976"),
        ("move it to my brokerage account TR482019", "BROKERAGE_ACCOUNT", "TR482019"),
    ],
)
def test_recall_beyond_spacy(redactor: Redactor, text: str, entity_type: str,
                             value: str) -> None:
    result = redactor.redact(text)
    assert value not in result.text
    assert entity_type in {e.type for e in result.entities}


@pytest.mark.parametrize("text", ["My Larkspur Everyday Checking statement is ready.",
                                  "Reference A7K2-99QX was issued.",
                                  "Wire via SWIFT code KSTRBEBB"])
def test_codes_and_firm_products_are_not_names(redactor: Redactor, text: str) -> None:
    assert "PERSON" not in {e.type for e in redactor.redact(text).entities}


@pytest.mark.parametrize("text", [
    "International payments are processed by the receiving institution within two days.",
    "For a wire transfer, scammers commonly ask you to hurry; interchange fees also apply.",
    "SWIFT transfers between institutions usually settle in one to three business days.",
])
def test_lower_case_words_near_payment_context_are_not_swift_codes(redactor: Redactor,
                                                                   text: str) -> None:
    result = redactor.redact(text)
    assert "SWIFT_CODE" not in {e.type for e in result.entities}
    assert result.text == text


@pytest.mark.parametrize(("text", "code"), [
    ("Please wire it via SWIFT code DEUTDEFF500 today.", "DEUTDEFF500"),
    ("The bank's BIC is NWBKGB2L for international transfers.", "NWBKGB2L"),
])
def test_upper_case_bic_codes_are_still_redacted(redactor: Redactor, text: str,
                                                 code: str) -> None:
    result = redactor.redact(text)
    assert code not in result.text
    assert "SWIFT_CODE" in {e.type for e in result.entities}
