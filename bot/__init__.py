"""The recall assistant: everything around Rasa (recall database, VIN engine, channels, console)."""
