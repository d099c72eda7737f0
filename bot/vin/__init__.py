"""VIN engine: normalizing, validating, decoding and hearing the VINs of the affected RX."""

from bot.vin.checkdigit import check_digit, with_check_digit
from bot.vin.decode import Decoded, decode
from bot.vin.normalize import Normalized, Validation, find_in_text, normalize, validate
from bot.vin.spoken import confusion_candidates, parse_spoken

__all__ = [
    "Decoded",
    "Normalized",
    "Validation",
    "check_digit",
    "confusion_candidates",
    "decode",
    "find_in_text",
    "normalize",
    "parse_spoken",
    "validate",
    "with_check_digit",
]
