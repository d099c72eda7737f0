"""Tables of the recall database.

Invariants that must hold under concurrent writers are constraints here, so the database
enforces them and not only Python: a slot never holds more bookings than its capacity, kit
counts never go negative, a vehicle has at most one booked appointment per campaign. (Whether
a kit can be there for a booking is bot.recall.kits's rule, enforced by a conditional UPDATE.)
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import declarative_base, relationship

from bot.recall.vocab import (
    AppointmentStatus,
    CampaignStatus,
    Channel,
    EscalationReason,
    EscalationStatus,
    IdentityOutcome,
    NotOwnerReason,
    PartsOrderReason,
    PartsOrderStatus,
    Priority,
    StrLabelEnum,
)

# SQLAlchemy 1.4's declarative base is made at run time; mypy cannot see it as a class without the
# sqlalchemy2-stubs plugin, so it is typed as Any (the models' columns are Any to mypy as well).
Base: Any = declarative_base()

# The stored codes of each vocabulary are bot.recall.vocab's enums; the CHECK constraints below are
# built from them, so a code the services write is a code the database accepts.


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (no time zones) and PostgreSQL alike."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect):
        return dialect.type_descriptor(DateTime(timezone=dialect.name == "postgresql"))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; attach a time zone first")
        value = value.astimezone(timezone.utc)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _in(column: str, vocabulary: type[StrLabelEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in vocabulary.values())})"


class Campaign(Base):
    __tablename__ = "campaigns"
    id = Column(Integer, primary_key=True)
    code = Column(String(16), nullable=False, unique=True)
    nhtsa_campaign = Column(String(16), nullable=False)
    title = Column(String(200), nullable=False)
    component = Column(String(200), nullable=False)
    defect_summary = Column(Text, nullable=False)
    consequence = Column(Text, nullable=False)
    remedy = Column(Text, nullable=False)
    owner_instructions = Column(Text, nullable=False)
    related_recalls = Column(Text, nullable=False, default="")
    warning_sign = Column(Text, nullable=False)
    models = Column(String(200), nullable=False)
    model_years = Column(String(100), nullable=False)
    reported_on = Column(Date)
    owner_notified_on = Column(Date)
    customer_line = Column(String(40), nullable=False)
    nhtsa_hotline = Column(String(40), nullable=False)
    # [{"fact": ..., "source": ...}]: every owner-facing statement can name where it came from.
    sources = Column(JSON, nullable=False, default=list)


class Dealer(Base):
    __tablename__ = "dealers"
    id = Column(Integer, primary_key=True)
    code = Column(String(16), nullable=False, unique=True)
    name = Column(String(200), nullable=False)
    address = Column(String(200), nullable=False)
    city = Column(String(100), nullable=False)
    state = Column(String(2), nullable=False)
    zip = Column(String(5), nullable=False)
    timezone = Column(String(64), nullable=False)
    phone = Column(String(20), nullable=False)
    escalation_name = Column(String(200), nullable=False)
    escalation_phone = Column(String(20), nullable=False)
    escalation_email = Column(String(200))
    # The dealer's own estimate of the remedy time; no public source gives a labor time.
    repair_estimate_minutes = Column(Integer)
    # Days from ordering a remedy kit to having it on the shelf, as the dealer's parts desk sees it;
    # with no free kit the bot offers only times after this.
    parts_lead_days = Column(Integer, nullable=False, default=3, server_default="3")
    hours = relationship("DealerHours", order_by="DealerHours.weekday", lazy="selectin")
    capacity = relationship("ServiceCapacity", order_by="ServiceCapacity.weekday", lazy="selectin")


class DealerHours(Base):
    """Opening hours of the service department, in the dealer's own time zone (0 = Monday)."""

    __tablename__ = "dealer_hours"
    dealer_id = Column(Integer, ForeignKey("dealers.id", ondelete="CASCADE"), primary_key=True)
    weekday = Column(Integer, primary_key=True)
    opens = Column(Time, nullable=False)
    closes = Column(Time, nullable=False)
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_dealer_hours_weekday"),
        CheckConstraint("opens < closes", name="ck_dealer_hours_order"),
    )


class ServiceCapacity(Base):
    """How many recall appointments each time slot of a weekday takes at a dealer."""

    __tablename__ = "service_capacity"
    dealer_id = Column(Integer, ForeignKey("dealers.id", ondelete="CASCADE"), primary_key=True)
    weekday = Column(Integer, primary_key=True)
    slot_minutes = Column(Integer, nullable=False)
    per_slot = Column(Integer, nullable=False)
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_service_capacity_weekday"),
        CheckConstraint("slot_minutes > 0", name="ck_service_capacity_slot_minutes"),
        CheckConstraint("per_slot >= 0", name="ck_service_capacity_per_slot"),
    )


class AppointmentSlot(Base):
    """One bookable time slot; created on its first booking with the capacity of that day."""

    __tablename__ = "appointment_slots"
    id = Column(Integer, primary_key=True)
    dealer_id = Column(Integer, ForeignKey("dealers.id", ondelete="CASCADE"), nullable=False)
    start = Column(UTCDateTime, nullable=False)
    capacity = Column(Integer, nullable=False)
    booked = Column(Integer, nullable=False, default=0, server_default="0")
    __table_args__ = (
        UniqueConstraint("dealer_id", "start", name="uq_appointment_slots_dealer_start"),
        CheckConstraint("booked >= 0 AND booked <= capacity", name="ck_appointment_slots_not_overbooked"),
    )


class PartsStock(Base):
    """Remedy kits (cover plus two clips) per dealer and campaign: the parts ledger's running totals.

    on_hand: on the shelf. reserved: held for booked appointments (one each; it may exceed on_hand
    when appointments lie beyond the parts lead time: the dealer orders for them). on_order: on
    open order lines (parts_orders), kept in the same transaction as the lines themselves.
    """

    __tablename__ = "parts_stock"
    dealer_id = Column(Integer, ForeignKey("dealers.id", ondelete="CASCADE"), primary_key=True)
    campaign_id = Column(Integer, ForeignKey("campaigns.id"), primary_key=True)
    on_hand = Column(Integer, nullable=False, default=0, server_default="0")
    reserved = Column(Integer, nullable=False, default=0, server_default="0")
    on_order = Column(Integer, nullable=False, default=0, server_default="0")
    __table_args__ = (
        CheckConstraint("on_hand >= 0", name="ck_parts_stock_on_hand"),
        CheckConstraint("reserved >= 0", name="ck_parts_stock_reserved"),
        CheckConstraint("on_order >= 0", name="ck_parts_stock_on_order"),
    )


class PartsOrder(Base):
    """One order line of remedy kits from a dealer's parts desk."""

    __tablename__ = "parts_orders"
    id = Column(Integer, primary_key=True)
    dealer_id = Column(Integer, ForeignKey("dealers.id", ondelete="CASCADE"), nullable=False)
    campaign_id = Column(Integer, ForeignKey("campaigns.id"), nullable=False)
    quantity = Column(Integer, nullable=False)
    status = Column(String(10), nullable=False, default=PartsOrderStatus.ORDERED)
    reason = Column(String(12), nullable=False)
    # The completed appointment (or remedy) a "sell one, buy one" line replaces.
    appointment_id = Column(Integer, ForeignKey("appointments.id"))
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"))
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    created_by = Column(String(100), nullable=False)
    expected_at = Column(UTCDateTime, nullable=False)
    received_at = Column(UTCDateTime)
    received_by = Column(String(100))
    dealer = relationship("Dealer", lazy="joined")
    __table_args__ = (
        CheckConstraint("quantity > 0", name="ck_parts_orders_quantity"),
        CheckConstraint(_in("status", PartsOrderStatus), name="ck_parts_orders_status"),
        CheckConstraint(_in("reason", PartsOrderReason), name="ck_parts_orders_reason"),
        Index("ix_parts_orders_dealer_status", "dealer_id", "campaign_id", "status", "expected_at"),
    )


class Owner(Base):
    __tablename__ = "owners"
    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False)
    phone = Column(String(20), index=True)  # E.164
    zip = Column(String(5))
    consent_to_text = Column(Boolean, nullable=False, default=False, server_default=text("false"))
    opted_out = Column(Boolean, nullable=False, default=False, server_default=text("false"))
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class Vehicle(Base):
    __tablename__ = "vehicles"
    id = Column(Integer, primary_key=True)
    vin = Column(String(17), nullable=False, unique=True)
    model = Column(String(20))
    model_year = Column(Integer)
    assembly_country = Column(String(20))
    owner_id = Column(Integer, ForeignKey("owners.id", ondelete="SET NULL"), index=True)
    owner = relationship("Owner", lazy="joined")
    campaigns = relationship("VehicleCampaign", back_populates="vehicle", lazy="selectin")


class VehicleCampaign(Base):
    """A vehicle's status in one campaign: being on the campaign's VIN list is what makes it affected."""

    __tablename__ = "vehicle_campaigns"
    id = Column(Integer, primary_key=True)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id", ondelete="CASCADE"), nullable=False)
    campaign_id = Column(Integer, ForeignKey("campaigns.id"), nullable=False)
    status = Column(String(12), nullable=False, default=CampaignStatus.OPEN)
    remedied_at = Column(UTCDateTime)
    remedied_by_dealer_id = Column(Integer, ForeignKey("dealers.id"))
    # Open-VIN counts are attributed to the last dealer that serviced the vehicle (seed letter, item 4).
    last_servicing_dealer_id = Column(Integer, ForeignKey("dealers.id"), index=True)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)
    vehicle = relationship("Vehicle", back_populates="campaigns")
    campaign = relationship("Campaign", lazy="joined")
    remedied_by = relationship("Dealer", foreign_keys=[remedied_by_dealer_id], lazy="joined")
    last_servicing_dealer = relationship("Dealer", foreign_keys=[last_servicing_dealer_id], lazy="joined")
    __table_args__ = (
        UniqueConstraint("vehicle_id", "campaign_id", name="uq_vehicle_campaigns_vehicle_campaign"),
        CheckConstraint(_in("status", CampaignStatus), name="ck_vehicle_campaigns_status"),
    )


class Appointment(Base):
    __tablename__ = "appointments"
    id = Column(Integer, primary_key=True)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"), nullable=False)
    campaign_id = Column(Integer, ForeignKey("campaigns.id"), nullable=False)
    dealer_id = Column(Integer, ForeignKey("dealers.id"), nullable=False)
    slot_id = Column(Integer, ForeignKey("appointment_slots.id"), nullable=False)
    start = Column(UTCDateTime, nullable=False)
    status = Column(String(12), nullable=False, default=AppointmentStatus.BOOKED)
    channel = Column(String(8), nullable=False)
    conversation_id = Column(String(100))
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)
    vehicle = relationship("Vehicle", lazy="joined")
    dealer = relationship("Dealer", lazy="joined")
    __table_args__ = (
        CheckConstraint(_in("status", AppointmentStatus), name="ck_appointments_status"),
        CheckConstraint(_in("channel", Channel), name="ck_appointments_channel"),
        # One live booking per vehicle and campaign, also when two conversations race.
        Index(
            "uq_appointments_one_booked",
            "vehicle_id",
            "campaign_id",
            unique=True,
            sqlite_where=text("status = 'booked'"),
            postgresql_where=text("status = 'booked'"),
        ),
        Index("ix_appointments_dealer_start", "dealer_id", "start"),
        # Bookings made lately per conversation and per vehicle are counted (bot.recall.quotas).
        Index("ix_appointments_conversation_created", "conversation_id", "created_at"),
        Index("ix_appointments_vehicle_created", "vehicle_id", "created_at"),
    )


class Escalation(Base):
    __tablename__ = "escalations"
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(100), nullable=False, index=True)
    channel = Column(String(8), nullable=False)
    dealer_id = Column(Integer, ForeignKey("dealers.id"), index=True)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"))
    reason = Column(String(40), nullable=False)
    priority = Column(String(8), nullable=False, default=Priority.NORMAL)
    status = Column(String(10), nullable=False, default=EscalationStatus.OPEN)
    summary = Column(Text, nullable=False, default="")
    transcript = Column(JSON, nullable=False, default=list)
    assigned_to = Column(String(100))
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)
    assigned_at = Column(UTCDateTime)
    # Set when staff hand the conversation back to the bot; until then the bot stays paused.
    handed_back_at = Column(UTCDateTime)
    resolved_at = Column(UTCDateTime)
    resolved_by = Column(String(100))
    # When the dealer's escalation contact was texted about it (or would have been, without Twilio
    # settings); NULL without a dealer, or when a text about the same conversation or number went
    # out within the hour (bot.recall.quotas).
    dealer_alerted_at = Column(UTCDateTime)
    dealer = relationship("Dealer", lazy="joined")
    vehicle = relationship("Vehicle", lazy="joined")
    __table_args__ = (
        CheckConstraint(_in("priority", Priority), name="ck_escalations_priority"),
        CheckConstraint(_in("status", EscalationStatus), name="ck_escalations_status"),
        CheckConstraint(_in("channel", Channel), name="ck_escalations_channel"),
        CheckConstraint(_in("reason", EscalationReason), name="ck_escalations_reason"),
    )


class StaffUser(Base):
    """A console account: staff of one dealer, or an admin (no dealer) who sees every dealer."""

    __tablename__ = "staff_users"
    id = Column(Integer, primary_key=True)
    email = Column(String(200), nullable=False, unique=True)
    name = Column(String(200), nullable=False)
    dealer_id = Column(Integer, ForeignKey("dealers.id"))
    is_admin = Column(Boolean, nullable=False, default=False)
    # An Argon2id hash in PHC format (argon2-cffi); the password itself is never stored.
    password_hash = Column(String(200), nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    # No longer read or written: wrong passwords are counted outside the database since issue 11
    # (bot.recall.sign_in_limits). Kept because dropping them rebuilds this table on SQLite
    # before 3.35, and that rebuild would cascade-delete every session.
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(UTCDateTime)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    last_login_at = Column(UTCDateTime)
    dealer = relationship("Dealer", lazy="joined")
    __table_args__ = (CheckConstraint("is_admin OR dealer_id IS NOT NULL", name="ck_staff_users_dealer_or_admin"),)


class StaffSession(Base):
    """A signed-in browser. Only a hash of the cookie's token is stored, so a copy of the
    database cannot be used to sign in; the CSRF token is bound to the session."""

    __tablename__ = "staff_sessions"
    token_hash = Column(String(64), primary_key=True)
    user_id = Column(Integer, ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False, index=True)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    last_seen_at = Column(UTCDateTime, nullable=False, default=utcnow)
    expires_at = Column(UTCDateTime, nullable=False)
    user = relationship("StaffUser", lazy="joined")


class AuditEntry(Base):
    """Who changed what and when; written in the same transaction as the change itself."""

    __tablename__ = "audit_log"
    id = Column(Integer, primary_key=True)
    at = Column(UTCDateTime, nullable=False, default=utcnow)
    actor = Column(String(100), nullable=False)
    action = Column(String(60), nullable=False)
    entity = Column(String(40), nullable=False)
    entity_id = Column(String(40))
    detail = Column(JSON, nullable=False, default=dict)


class ContactReport(Base):
    """A phone number that said the vehicle is not its owner's (sold, not theirs, a wrong number).

    Kept as said, by whom and when, rather than by changing the owner record: the record came
    from Lexus's list and staff may need to see both. Follow-up about that vehicle does not go to
    that number (bot.recall.contacts.excluded). `vehicle_id` is empty when the number named no
    vehicle on file (a stranger's "wrong number").
    """

    __tablename__ = "contact_reports"
    id = Column(Integer, primary_key=True)
    at = Column(UTCDateTime, nullable=False, default=utcnow)
    phone = Column(String(20), nullable=False)  # E.164, as the channel proved it
    vehicle_id = Column(Integer, ForeignKey("vehicles.id", ondelete="CASCADE"))
    reason = Column(String(20), nullable=False)
    channel = Column(String(10), nullable=False)
    __table_args__ = (
        CheckConstraint(_in("reason", NotOwnerReason), name="ck_contact_reports_reason"),
        CheckConstraint(_in("channel", Channel), name="ck_contact_reports_channel"),
        Index("ix_contact_reports_phone", "phone"),
    )


class IdentityCheck(Base):
    """One answer to "the last name and ZIP code on the letter" for a vehicle (bot.recall.identity).

    Only the outcome is kept, never the words: they are the owner's details or a stranger's
    guesses at them. Counting mismatches is what limits guessing: per vehicle across every
    conversation, and per conversation and phone number across vehicles. "refused": asked while
    a limit held, not compared with the record at all.
    """

    __tablename__ = "identity_checks"
    id = Column(Integer, primary_key=True)
    at = Column(UTCDateTime, nullable=False, default=utcnow)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id", ondelete="CASCADE"), nullable=False)
    conversation_id = Column(String(100), nullable=False)
    phone = Column(String(20))  # E.164, when the conversation id carries one (bot.conversations)
    outcome = Column(String(10), nullable=False)
    # Set on the mismatch that reached the vehicle's limit: no answer is taken for it before then.
    locks_until = Column(UTCDateTime)
    __table_args__ = (
        CheckConstraint(_in("outcome", IdentityOutcome), name="ck_identity_checks_outcome"),
        Index("ix_identity_checks_vehicle_at", "vehicle_id", "at"),
        Index("ix_identity_checks_conversation_at", "conversation_id", "at"),
        Index("ix_identity_checks_phone_at", "phone", "at"),
    )


class SmsInbound(Base):
    """Twilio MessageSids already taken in: a retried or replayed webhook is answered once only."""

    __tablename__ = "sms_inbound"
    message_sid = Column(String(64), primary_key=True)
    from_phone = Column(String(20), nullable=False)
    received_at = Column(UTCDateTime, nullable=False, default=utcnow)
