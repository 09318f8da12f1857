from pathlib import Path

CASES_PATH = Path(__file__).with_name("grounding_cases.jsonl")
