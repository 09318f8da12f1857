import pytest

from guardrails.topicality import is_off_topic


@pytest.mark.parametrize(
    ("text", "off_topic"),
    [
        ("what should I cook tonight with chicken thighs and rice", True),
        ("Who would win in a fight, a gorilla or ten chimps?", True),
        ("plan me a five day itinerary for Lisbon and Porto", True),
        ("What's the weather going to be in Denver this weekend?", True),
        ("how long does a mobile check deposit take to clear", False),
        ("can you explain amortisation", False),
        ("We're having a baby, what should we think about financially?", False),
        ("Wie hoch sind die Gebühren für eine Überweisung ins Ausland?", False),
        ("thanks so much, that was helpful", False),
        ("are you a bot or a real person?", False),
        ("is 5k enough for a wedding", False),
        ("ok", False),
        ("How is prize money from a raffle taxed?", False),  # an inflected domain word
        ("What sort of things can you help me with here?", False),  # about the assistant
        ("Why did that meme stock soar so much back then?", False),
        ("Which dinosaur was the biggest that ever lived?", True),
    ],
)
def test_topicality(text: str, off_topic: bool) -> None:
    assert is_off_topic(text) is off_topic
