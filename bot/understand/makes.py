"""Cars that are not this recall's vehicle (the Lexus RX), by make and model, as owners name them:
"my camry's pedal sticks too", "el carro de mi hija, un nissan", "can they look at my husband's
Buick?". One list for the checks that read them (bot.understand.emergency: another car's trouble is
not this recall's; bot.understand.questions: work on another car is the dealer's to answer)."""

from __future__ import annotations

OTHER_MAKES = (
    r"(?:toyota|camry|corolla|prius|highlander|tacoma|tundra|sienna|4runner|rav ?4|avalon|honda|accord|civic|"
    r"odyssey|acura|ford|f-?150|explorer|fusion|chevy|chevrolet|silverado|malibu|tahoe|buick|gmc|cadillac|nissan|"
    r"altima|sentra|rogue|hyundai|elantra|sonata|kia|jeep|dodge|chrysler|bmw|mercedes|audi|subaru|mazda|tesla|"
    r"volkswagen|vw|volvo|infiniti|mitsubishi)"
)
