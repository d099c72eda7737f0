"""What can go wrong in a recall-database service, in words a caller can pass on."""

from bot.recall.db import DatabaseUnavailable

__all__ = [
    "AlreadyBooked",
    "AlreadyRemedied",
    "BookingError",
    "DatabaseUnavailable",
    "NoPartsKit",
    "NotBookable",
    "NotEligible",
    "SlotFull",
    "UnknownAppointment",
    "UnknownCampaign",
    "UnknownDealer",
    "UnknownEscalation",
    "UnknownVehicle",
]


class RecallError(Exception):
    pass


class UnknownVehicle(RecallError):
    pass


class UnknownDealer(RecallError):
    pass


class UnknownCampaign(RecallError):
    pass


class UnknownAppointment(RecallError):
    pass


class UnknownEscalation(RecallError):
    """No such escalation, or it belongs to another dealer: staff cannot tell the two apart."""


class AlreadyRemedied(RecallError):
    """The vehicle has had the remedy already (perhaps a moment ago, by another staff member)."""


class BookingError(RecallError):
    pass


class NotEligible(BookingError):
    """The vehicle has no open status in this campaign (not on the list, or already remedied)."""


class AlreadyBooked(BookingError):
    """The vehicle already has a booked appointment for this campaign."""


class SlotFull(BookingError):
    pass


class NotBookable(BookingError):
    """The time is in the past, outside the dealer's hours, or not on a slot boundary."""


class NoPartsKit(BookingError):
    """Every kit the dealer has on hand is already reserved."""
