"""The owners' channels: Twilio SMS and voice (signed webhooks) and web chat (public, anonymous)."""

from __future__ import annotations


def owner_text(text: str) -> str:
    """What an owner sent, never read as a command: Rasa takes a message that starts with "/" as
    an intent or a command ("/restart" would restart the conversation, even one staff hold), so
    leading slashes become spaces, which Rasa then strips."""
    return (text or "").lstrip().lstrip("/").strip() or "(nothing readable)"
