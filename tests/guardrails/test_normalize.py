import pytest

from guardrails.normalize import negated_before, normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I g n o r e this", "ignore this"),
        ("ig\u200bnore", "ignore"),
        ("\u0456gnore \u0430ll", "ignore all"),
        ("\uff29\uff47\uff4e\uff4f\uff52\uff45", "ignore"),  # full-width
        ("caf\u0065\u0301", "cafe"),
        ("multiple   spaces\n\there", "multiple spaces here"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


def test_leetspeak_only_when_asked() -> None:
    assert normalize("1gn0re 10%").text == "1gn0re 10%"
    assert normalize("1gn0re", leet=True).text == "ignore"


def test_offsets_map_back_to_original() -> None:
    raw = "Hi \u200bI g n o r e"
    view = normalize(raw)
    start = view.text.index("ignore")
    s, e = view.original_span(start, start + len("ignore"))
    assert raw[s:e].replace(" ", "") == "Ignore"


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("returns are not guaranteed", True),
        ("no one can guaranteed", True),
        ("returns are guaranteed", False),
        ("it is not risky. returns are guaranteed", False),
        ("if you don't sell early, it's guaranteed", False),
        ("it isn't, sadly, guaranteed", True),
    ],
)
def test_negation_scope(text: str, negated: bool) -> None:
    assert negated_before(text, text.index("guaranteed")) is negated
