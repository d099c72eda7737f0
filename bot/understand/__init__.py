"""Checks that run on every owner message of every channel before the intent classifier's answer
is used: an emergency happening now (`emergency.is_emergency`) and a wish to stop being contacted
(`opt_out.wants_no_contact`), in English and Spanish.

They are rules, not the classifier: missing either costs far more than a wrong guess elsewhere
(a driver whose pedal is stuck right now; a person who said "stop texting me" and got another
text), so they are written for recall, with explicit guards for what only looks like them (a past
event, a hypothetical, "can I stop by Saturday"), and measured on blind sets (bench/understanding.py).
"""
