"""Decoding of the affected Lexus RX VIN layout (2004-2007 RX 330 / RX 350 / RX 400h).

This is for explaining a VIN back to its owner and for spotting a mistyped one. Whether a
vehicle is affected is decided by the campaign's VIN list, never by this decode.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.vin.normalize import normalize

_ASSEMBLY = {"JTJ": "Japan", "2T2": "Canada"}
_DRIVE = {"G": "2WD", "H": "AWD"}
_MODEL = {
    "A": ("RX 330", "3.3 L V6 (3MZ-FE)"),
    "K": ("RX 350", "3.5 L V6 (2GR-FE)"),
    "W": ("RX 400h", "hybrid"),
}
_YEAR = {"4": 2004, "5": 2005, "6": 2006, "7": 2007}
_SERIES = "31U"


@dataclass(frozen=True)
class Decoded:
    model: str | None = None
    model_year: int | None = None
    assembly: str | None = None
    drive: str | None = None
    engine: str | None = None

    @property
    def known(self) -> bool:
        """True only when every field was decoded, so callers can print all of them."""
        return None not in (self.model, self.model_year, self.assembly, self.drive, self.engine)


def decode(vin: str) -> Decoded:
    """What the affected-RX layout says about ``vin``; all None outside that layout."""
    vin = normalize(vin).vin
    if len(vin) != 17 or vin[:3] not in _ASSEMBLY or vin[5:8] != _SERIES:
        # Other Toyota/Lexus lines reuse these codes with other meanings: never guess.
        return Decoded()
    assembly = _ASSEMBLY[vin[:3]]
    model, engine = _MODEL.get(vin[4], (None, None))
    if model == "RX 400h" and assembly == "Canada":
        # The hybrid was only built in Japan in these years, so such a VIN is mistyped.
        model = engine = None
    return Decoded(
        model=model,
        model_year=_YEAR.get(vin[9]),
        assembly=assembly,
        drive=_DRIVE.get(vin[3]),
        engine=engine,
    )
