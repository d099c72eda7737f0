"""Hardened Twilio input channels for owners texting (SMS) and calling (voice)."""
