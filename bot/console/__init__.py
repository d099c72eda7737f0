"""The dealer staff console: a small server-rendered web app beside the bot (see app.py)."""
