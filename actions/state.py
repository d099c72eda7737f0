"""The conversation's state: what the bot's last question awaits, and what continues after it.

Two slots hold it (`awaiting`, `pending`, text slots that only the actions read, so the rules
stay one intent -> one action). Here they are types: every state a flow may set is a member, and
`Turn.expect` takes only members, so a misspelt state is a type error rather than a question whose
answer is never read. What each state does with the owner's answer is the one transition table
in actions.dialogue (`ANSWERS`, `CONTINUATIONS`).
"""

from __future__ import annotations

import enum


class Awaiting(str, enum.Enum):
    """What the bot's last question expects, so a bare "yes", "2" or ZIP code reads right next turn."""

    VIN = "vin"  # a VIN (typed, or said on a call)
    LOCATION = "location"  # a ZIP code or a city, for the nearest dealer
    SLOT = "slot"  # one of the offered times, or a time wish
    IDENTITY = "identity"  # the owner's last name and ZIP code on the letter
    OFFER_BOOKING = "offer_booking"  # yes/no: book the free remedy now?
    CONFIRM_CANCEL = "confirm_cancel"  # yes/no: cancel this appointment?
    HANDOFF_OFFER = "handoff_offer"  # yes/no: a person from the dealership?
    CONFIRM_VEHICLE = "confirm_vehicle"  # yes/no: the vehicle on file for this number?
    CONFIRM_SPOKEN_VIN = "confirm_spoken_vin"  # yes/no: the VIN as the bot heard it on a call?

    def __str__(self) -> str:
        return self.value

    @property
    def is_yes_no(self) -> bool:
        """A yes/no question: callers may answer on the keypad (1 yes, 2 no)."""
        return self in _YES_NO

    @classmethod
    def of(cls, value: object) -> Awaiting | None:
        """The state stored in the slot; None for no question (or a value an older release wrote)."""
        try:
            return cls(value) if value else None
        except ValueError:
            return None


_YES_NO = frozenset(
    {
        Awaiting.OFFER_BOOKING,
        Awaiting.CONFIRM_CANCEL,
        Awaiting.HANDOFF_OFFER,
        Awaiting.CONFIRM_VEHICLE,
        Awaiting.CONFIRM_SPOKEN_VIN,
    }
)


class Pending(str, enum.Enum):
    """What the owner asked for, to carry on with once the vehicle (and, for an appointment, the
    owner's identity) is known."""

    BOOK = "book"
    STATUS = "status"  # when is my appointment
    RESCHEDULE = "reschedule"
    CANCEL = "cancel"
    DISPUTE = "dispute"  # "it was already done": check the record

    def __str__(self) -> str:
        return self.value

    @classmethod
    def of(cls, value: object) -> Pending | None:
        try:
            return cls(value) if value else None
        except ValueError:
            return None
