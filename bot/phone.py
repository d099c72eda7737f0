"""Phone numbers in, E.164 out, with Google's libphonenumber rules (the `phonenumbers` package)."""

from __future__ import annotations

import phonenumbers


class BadPhone(ValueError):
    pass


def to_e164(raw: str, region: str = "US") -> str:
    """'(214) 555-0134', '214.555.0134', '+1 214 555 0134' -> '+12145550134'."""
    try:
        number = phonenumbers.parse(raw or "", region)
    except phonenumbers.NumberParseException as exc:
        raise BadPhone(f"{raw!r} is not a phone number") from exc
    if not phonenumbers.is_valid_number(number):
        raise BadPhone(f"{raw!r} is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
