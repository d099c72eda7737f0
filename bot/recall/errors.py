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
    "OrderNotOpen",
    "PartsError",
    "SlotFull",
    "TooManyBookings",
    "UnknownAppointment",
    "UnknownCampaign",
    "UnknownDealer",
    "UnknownEscalation",
    "UnknownPartsOrder",
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


class EscalationClosed(RecallError):
    """The escalation was handed back or resolved: the conversation is the bot's again, and staff
    can no longer write into it (a reply would pause it behind the owner's back)."""


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


class TooManyBookings(BookingError):
    """Enough appointments were made lately from this conversation, phone number or for this
    vehicle (bot.recall.quotas); `scope` says which, so the owner can be told what still works."""

    def __init__(self, scope: str):
        super().__init__(f"booking limit reached for this {scope}")
        self.scope = scope


class NotBookable(BookingError):
    """The time is in the past, outside the dealer's hours, or not on a slot boundary."""


class NoPartsKit(BookingError):
    """No kit for this: none can be at the dealer by the booked time, or (completing a remedy) none
    is on the shelf that another booking does not hold."""


class PartsError(RecallError):
    """A parts order that cannot be placed as asked (quantity, reason)."""


class UnknownPartsOrder(PartsError):
    """No such order line, or it belongs to another dealer: staff cannot tell the two apart."""


class OrderNotOpen(PartsError):
    """The order line was already received or cancelled (perhaps a moment ago, by someone else)."""
