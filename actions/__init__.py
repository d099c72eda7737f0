"""Rasa custom actions (rasa_sdk), one module per journey; thin: they call bot.recall."""
