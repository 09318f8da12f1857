"""Checksums that separate real identifiers from numbers that merely look like them."""

from __future__ import annotations

import re

DIGITS = re.compile(r"\D")


def digits_only(value: str) -> str:
    return DIGITS.sub("", value)


def luhn_valid(value: str) -> bool:
    digits = digits_only(value)
    if not 12 <= len(digits) <= 19:
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def aba_routing_valid(value: str) -> bool:
    digits = digits_only(value)
    if len(digits) != 9 or digits == "000000000":
        return False
    d = [int(char) for char in digits]
    checksum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])
    # The first two digits are a Federal Reserve routing symbol: 00-12, 21-32, 61-72, 80.
    prefix = int(digits[:2])
    valid_prefix = prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80
    return checksum % 10 == 0 and valid_prefix


def iban_valid(value: str) -> bool:
    compact = re.sub(r"[\s-]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(char, 36)) for char in rearranged)
    return int(numeric) % 97 == 1


def ssn_plausible(value: str) -> bool:
    digits = digits_only(value)
    if len(digits) != 9:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return not (
        area in {"000", "666"} or area.startswith("9") or group == "00" or serial == "0000"
    )
