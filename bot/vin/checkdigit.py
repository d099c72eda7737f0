"""The VIN check digit of 49 CFR 565.15 (position 9)."""

from __future__ import annotations

# I, O and Q are left out of VINs so that they cannot be mistaken for 1 and 0.
ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"

VALUES: dict[str, int] = {str(d): d for d in range(10)}
VALUES.update(
    {
        "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8,
        "J": 1, "K": 2, "L": 3, "M": 4, "N": 5, "P": 7, "R": 9,
        "S": 2, "T": 3, "U": 4, "V": 5, "W": 6, "X": 7, "Y": 8, "Z": 9,
    }
)  # fmt: skip

# Position 9 has weight 0 so that the check digit does not count towards itself.
WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)

VIN_LENGTH = 17
CHECK_POSITION = 8  # zero-based index of the 9th character


def check_digit(vin: str) -> str:
    """The check digit ('0'-'9' or 'X') that position 9 of ``vin`` should hold.

    Whatever is at position 9 is ignored, so a placeholder such as ``_`` is fine there.
    """
    if len(vin) != VIN_LENGTH:
        raise ValueError(f"a VIN has {VIN_LENGTH} characters, got {len(vin)}")
    total = 0
    for index, (char, weight) in enumerate(zip(vin.upper(), WEIGHTS, strict=True)):
        if index == CHECK_POSITION:
            continue
        if char not in VALUES:
            raise ValueError(f"{char!r} (position {index + 1}) is not a VIN character")
        total += VALUES[char] * weight
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def with_check_digit(vin: str) -> str:
    """``vin`` upper-cased with position 9 replaced by the correct check digit."""
    vin = vin.upper()
    digit = check_digit(vin)
    return vin[:CHECK_POSITION] + digit + vin[CHECK_POSITION + 1 :]


def check_digit_ok(vin: str) -> bool:
    """True when ``vin`` is 17 VIN characters whose 9th matches the rest."""
    if len(vin) != VIN_LENGTH or any(c not in VALUES for c in vin.upper()):
        return False
    return vin[CHECK_POSITION].upper() == check_digit(vin)
