"""The recall database: models, migrations, services (short units of work), seed and import.

Callers (actions, channels, console, CLI) use the service modules and get frozen records
back, never ORM objects or SQL.
"""
