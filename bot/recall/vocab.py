"""The recall assistant's shared vocabulary: one enum per set of codes the database stores.

Each code used to be spelled in several places (a CHECK tuple in the models, a label dict in
the console, another in the dealer alert, bare strings in the services), and the copies had
drifted: a reason could be written that no label knew. Here each vocabulary is one enum whose
members carry their label for people, so the CHECK constraints, the console, the CLI and the
replies are all built from the same list and a new code cannot miss its label.

The members are `str` (after pypi/warehouse's `StrLabelEnum`; Python 3.10 has no StrEnum):
they compare equal to, hash like and are stored as the plain code, so code that still holds
plain strings (rows read back, Rasa slots, JSON) works unchanged. `str()` and f-strings give
the code, as StrEnum does, never "Channel.SMS".
"""

from __future__ import annotations

import enum


class StrLabelEnum(str, enum.Enum):
    """A code stored as text, with the label a person reads for it (`Channel.CHAT.label`)."""

    label: str

    def __new__(cls, value: str, label: str) -> StrLabelEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return str.__format__(str(self), spec)

    @classmethod
    def values(cls) -> tuple[str, ...]:
        """The stored codes, in declaration order (CHECK constraints, CLI choices, report rows)."""
        return tuple(member.value for member in cls)

    @classmethod
    def labels(cls) -> dict[str, str]:
        """Code -> label, for templates that look a stored code up (`labels.get(code, code)`)."""
        return {member.value: member.label for member in cls}


class _AlertLabelEnum(StrLabelEnum):
    """A code with two labels: the console's (`label`) and the few lower-case words that name it
    inside the one-sentence text to a dealer's escalation contact (`in_alert`)."""

    in_alert: str

    def __new__(cls, value: str, label: str, in_alert: str) -> _AlertLabelEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.in_alert = in_alert
        return member


class Channel(_AlertLabelEnum):
    """How an owner reached the assistant (appointments.channel, escalations.channel)."""

    SMS = "sms", "SMS", "SMS"
    VOICE = "voice", "Voice", "call"
    CHAT = "chat", "Web chat", "web chat"
    STAFF = "staff", "Staff", "staff"  # booked or changed by dealer staff in the console or the CLI


class AppointmentStatus(StrLabelEnum):
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"
    COMPLETED = "completed", "Completed"
    NO_SHOW = "no_show", "No show"


class CampaignStatus(StrLabelEnum):
    """A vehicle's status for one campaign (vehicle_campaigns.status)."""

    OPEN = "open", "Open"
    REMEDIED = "remedied", "Remedied"


class EscalationStatus(StrLabelEnum):
    OPEN = "open", "Open"
    ASSIGNED = "assigned", "Assigned"
    RESOLVED = "resolved", "Resolved"


class Priority(StrLabelEnum):
    """An escalation's priority; the queue shows urgent first."""

    URGENT = "urgent", "Urgent"
    HIGH = "high", "High"
    NORMAL = "normal", "Normal"


class EscalationReason(_AlertLabelEnum):
    """Why the assistant handed an owner to a person (escalations.reason).

    `label` is the console's (queue, escalation page, reports); `in_alert` the dealer alert's.
    What the owner is told is wording, in actions/replies.py HANDOFF_INTROS, keyed by these.
    """

    REQUESTED_PERSON = "requested_person", "Asked for a person", "asked for a person"
    WARNING_SIGN = "warning_sign", "Safety: pedal, accident", "pedal/warning sign"
    COMPLAINT = "complaint", "Complaint or legal words", "complaint"
    NOT_UNDERSTOOD = "not_understood", "Not understood twice", "bot did not understand"
    QUESTION = "question", "Question for the dealer", "question the bot can't answer"
    DISPUTED_RECORD = "disputed_record", "Disputes the record", "says the recall was already done"
    VIN_NOT_ACCEPTED = "vin_not_accepted", "VIN not accepted", "VIN not accepted"
    IDENTITY_NOT_CONFIRMED = "identity_not_confirmed", "Owner details not confirmed", "owner details not confirmed"
    # The pedal stuck earlier and it is over (bot.understand.emergency.reported_incident), or staff
    # record a sticking pedal reported outside the assistant.
    PEDAL_STICKS = "pedal_sticks", "Safety: pedal sticks", "pedal sticks"


class PartsOrderStatus(StrLabelEnum):
    ORDERED = "ordered", "Ordered"
    RECEIVED = "received", "Received"
    CANCELLED = "cancelled", "Cancelled"


class PartsOrderReason(StrLabelEnum):
    """Why a parts kit was ordered: "replenish" is sell one, buy one after a completed remedy (only the
    remedy orders it); "appointments" the suggested order for booked appointments that stock and open
    orders do not cover; "manual" an order placed by hand."""

    REPLENISH = "replenish", "sell one, buy one"
    APPOINTMENTS = "appointments", "for booked appointments"
    MANUAL = "manual", "placed by hand"


class IdentityOutcome(StrLabelEnum):
    """One answer to "the last name and ZIP code on the letter" (identity_checks.outcome)."""

    CONFIRMED = "confirmed", "Confirmed"
    MISMATCH = "mismatch", "Did not match"
    REFUSED = "refused", "Refused while locked"


class NotOwnerReason(StrLabelEnum):
    """Why a phone number says a vehicle is not its owner's to hear about (contact_reports.reason)."""

    SOLD = "sold", "Sold or given away"
    NOT_MINE = "not_mine", "Not their vehicle / wrong number"


# The campaign the bot serves today. Services stay campaign-aware (`campaign: str = SERVED`);
# the database already holds any number of campaigns.
SERVED = "BLC"
