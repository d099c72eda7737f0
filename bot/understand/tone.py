"""The tone of a message: a complaint for a person (legal words, abuse, profanity), or frustration
that still wants what it asks for (answered, after an apology). Checked on every message,
whatever intent the classifier picked.
"""

from __future__ import annotations

import re

# Legal words and a complaint filed: always for a person, whatever else the message asks. Whole
# words only, so "Sussex", "scrap" or "my wife Sue" are not complaints.
LEGAL_WORDS = (
    r"lawyers?",
    r"attorneys?",
    r"lawsuits?",
    r"legal action",
    r"class action",
    r"suing",
    r"sue (?:you|lexus|toyota|them|the dealer\w*)",
    r"(?:gonna|going to|will|i['’]?ll|to) sue(?!['’])",
    r"complain(?:ts?|ing)?",
    r"bbb",
    r"better business bureau",
    r"tcpa",
    r"fcc",
    r"ftc",
    r"attorney general",
    r"counsel",
    r"statutory damages",
    r"harass\w*",
    r"(?:i['’]?ll|i will|gonna|going to|voy a) report (?:you|this|u)",
    r"(?:los|las) voy a (?:reportar|demandar)",
    r"demanda\w*",
    r"abogad[oa]s?",
)
# Anger and profanity: a person when nothing else is asked; beside a request the bot can serve
# ("ridiculous. just put me in", "hes pissed. can u check if its done") the request is served,
# after an apology (actions.actions._route).
ANGER_WORDS = (
    r"bs",
    r"bull ?shit",
    r"shit(?:ty)?",
    r"f+u+c+k\w*",
    r"wtf",
    r"pissed",
    r"furious",
    r"ridiculous",
    r"unacceptable",
    r"outrageous",
)
LEGAL = re.compile(r"\b(?:" + "|".join(LEGAL_WORDS) + r")\b", re.IGNORECASE)
COMPLAINT = re.compile(r"\b(?:" + "|".join(LEGAL_WORDS + ANGER_WORDS) + r")\b", re.IGNORECASE)


# Frustration that still wants what it asks for ("third letter", "damn", a message in capitals):
# the request is handled, after an apology (legal words and abuse go to a person: COMPLAINT).
FRUSTRATION = re.compile(
    r"\b(?:damn|dammit|hell|garbage|trash|screwed|lemon|annoy\w*|frustrat\w*|fed up|sick of|tired of|"
    r"fix your|update your records|(?:third|3rd|fourth|4th|fifth|5th) (?:time|letter|notice)|"
    r"(?:three|four|five|3|4|5) letters|useless|incompetent|joke|nobody (?:will|can|ever)|straight answer|"
    r"better (?:actually|not)|wasting|waste of|do not call|never gave (?:you|u|it)|leave me alone|"
    r"stop bothering|how many times|(?:asked|told) (?:you|u|someone|them) (?:to stop|before|already)|(?:asked|told) \w+(?: \w+){0,4} to stop|"
    r"enough (?:already|letters|texts|messages)|screenshot\w*|unbelievable|typical|incredible|"
    r"why (?:am i|do i keep|do i|are (?:you|u)|is this) (?:still )?(?:getting|receiving|sending|texting)|keep getting|keeps? (?:calling|texting|sending)|blowing up my phone|(?:dealer'?s?|your|their) fault|"
    r"is not ok(?:ay)?\b(?! to\b)|now a text|slow down with|(?:been )?waiting (?:on|for) (?:this|the) part|"
    r"wasted|(?:waited|sat there|sitting there|sat) (?:for )?(?:\d+|two|three|four|five|six|an?) (?:hours?|hrs?)|"
    r"record ?keeping|why (?:wasn'?t|was not|didn'?t|did not|wasnt) (?:i|anyone|anybody|nobody) (?:told|tell)|"
    r"not doing that again|good and ready|never signed up|who gave (?:you|u)|for nothing|without (?:telling|calling|warning|notice|asking)|"
    r"nickel and dime|nightmare|(?:how|the way) they treated me|(?:will not|won'?t|never) (?:go|going) back|"
    r"(?:one|someone|anyone) that actually|actually (?:picks? up|answers?|calls? back)|(?<=[.!?] )again(?=[.!])|"
    r"(?:so )?why the (?:letters?|notices?|texts?)\b(?! (?:say|says|said|mean))|wish (?:someone|somebody|you|u|they) (?:had )?told me|"
    r"took (?:you|u|them|lexus|y'?all) (?:\w+ )?(?:long|years|\d+ years)|(?:\d+|fifteen|ten|twenty) years (?:late|later)|"
    r"inaceptable|(?:que|qué) verg(?:u|ü)enza|(?:se me )?acab(?:o|ó) la paciencia|sin previo aviso|para nada\b(?= *[.!])|"
    r"tardaron (?:tanto|\d+ años|años)|"
    # found on tests/dev/dev_en_s7.yml: "screwing up", "4th msg this month", "received four of these
    # notices", "discourteous", "so done with lexus", "you people", "negligent", "why you send me 3
    # letter", "stop making me wait", "quit asking for my VIN", "ugh", "NO record of my appointment??"
    r"screw(?:ing|ed)? (?:up|this up|it up)|(?:2nd|second|3rd|third|4th|fourth|5th|fifth|\d+th) (?:msg|message|text|one)|"
    r"(?:two|three|four|five|six|2|3|4|5|6) (?:identical |same |separate |different )?(?:of these|letters?|notices)|discourte\w*|rude|"
    r"(?:doesn'?t|does not) (?:seem|sound) right|"
    r"(?:so )?done with (?:lexus|you|this|toyota|the dealer)|you people|negligen\w*|stop making me|quit asking|"
    r"ugh+|(?:i )?give up|no record of|(?:can'?t|cant|cannot) believe|unreal|absurd|disgrace\w*|insult\w*|"
    r"dejenme en paz|ya basta|hart[oa]s?|molest\w*|fastidi\w*|falta de respeto|coraje|"
    # found on tests/dev/dev_en_s8.yml: "Basta with the letters, ya entendí!", "3 letters in one week"
    r"basta (?:with|con)|ya entend\w*|(?:two|three|four|five|2|3|4|5) (?:letters?|notices|texts) in|"
    r"(?:done|tired of|sick of) waiting|never (?:call|calls|called) (?:me )?back|"
    # found on tests/dev/dev_en_s9.yml: "the dealer canceled on me", "bumped me twice", "jerked me
    # around", "don't bother", "told you people three times", "nobody was there", "like last time",
    # "stuck on hold for 40 min", "20 years to fix a floor mat", "STILL got another letter"
    r"(?:cancell?ed|bumped|stood me up|no[- ]showed) (?:on )?(?:me|us)\b|cancell?ed by the dealer|bumped me|"
    r"jerk(?:ed|ing)? (?:me|us) around|run ?around|rather die|(?:or )?don'?t (?:even )?bother|"
    r"told (?:you|u|them|the dealer|lexus)(?: people| guys)? (?:\w+ ){0,2}(?:times|twice)|nobody (?:was|is) (?:there|here|answering)|"
    r"like last time|on hold\b[^.!?]{0,30}\bfor (?:\d+|an? hour|hours|ages|forever|two|three|forty|thirty)|\d+ years to (?:fix|get|do|send)|"
    r"still (?:got|getting|get|received) (?:another|more|these|a new)\b|"
    # found on tests/dev/dev_en_s11.yml: letters that keep coming ("nonstop letters", "being
    # contacted again", "siguen llegando cartas", "ya no aguanto"), a dealer that failed ("lost my
    # appointment", "was a disaster", "charged me $89", "jammed me with a fee", "stuck on a
    # waitlist"), "the app crashed", "lose my mind", "stop asking for my VIN", "disappointed"
    r"(?:yet another|nonstop|non-stop|endless|constant|so many) (?:letters?|notices|texts|messages|mailings|calls)|"
    r"(?:being|getting) (?:contacted|texted|called) again|(?:why|por qu[eé]) (?:me )?siguen?|sigu?en (?:llegando|mandando|enviando)|"
    r"(?:ya )?no aguanto|(?:lost|forgot|messed up|screwed up) (?:my|our|the) (?:appointment|appt|booking|paperwork|car|keys)|"
    r"(?:was|were|been) (?:a |an )?(?:total |complete )?(?:disaster|mess|nightmare|joke)|never (?:canceled|cancelled) it|"
    r"(?:didn'?t|did not|never) (?:send|sent) (?:me )?(?:one|a confirmation|the confirmation|anything)|(?:second|2nd) time\b|"
    r"charged (?:me|my|us)\b|stop charging|(?:jammed|stuck|slapped) (?:me|us) (?:with|for)|"
    r"(?:stuck|sitting|been) on (?:a|the|their) wait ?list|(?:app|website|site) (?:crashed|froze|keeps crashing|is broken)|"
    r"los(?:e|ing) my mind|done with (?:the|these|your|all the) (?:letters?|notices|texts|messages)|"
    r"stop asking (?:me )?(?:for|about)|already gave (?:it|you|u)|disappoint\w*|why (?:has|have|did) (?:it|this) take(?:n)? so long)\b",
    re.IGNORECASE,
)
# Angry faces say it without words.
_ANGRY = re.compile("[\U0001f621\U0001f620\U0001f92c\U0001f624]")


def is_frustrated(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    shouting = len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)
    return shouting or bool(FRUSTRATION.search(text) or _ANGRY.search(text))


def is_complaint(text: str) -> bool:
    return bool(COMPLAINT.search(text))


def is_legal(text: str) -> bool:
    """Legal words or a complaint filed: for a person whatever else is asked."""
    return bool(LEGAL.search(text))
