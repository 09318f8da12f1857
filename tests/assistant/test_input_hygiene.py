import pytest

from assistant.input_hygiene import clean_input


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        (None, "empty"),
        ("\x00\x01\x02", "empty"),
        ("a" * 5000, "too_long"),
        ("What is an APY?", None),
        (b"\xff\xfe binary \x00 junk", None),
        ("\ud800 lone surrogate", None),
    ],
)
def test_problems_are_classified(raw: object, problem: str | None) -> None:
    cleaned = clean_input(raw, max_chars=4000)
    assert cleaned.problem == problem
    assert "\x00" not in cleaned.text
    assert len(cleaned.text) <= 4000


def test_text_is_nfc_normalised() -> None:
    assert clean_input("cafe\u0301", 100).text == "caf\u00e9"
