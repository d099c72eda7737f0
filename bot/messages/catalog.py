"""Loading the compiled catalogs (`.mo`, built from the `.po` files by `make`) and looking ids up.

The standard library's gettext reads them; Babel only extracts and compiles. A catalog that
was not compiled is an installation error and says so, rather than sending message ids to owners.
"""

from __future__ import annotations

import gettext
import logging
from functools import cache
from pathlib import Path

logger = logging.getLogger(__name__)

DOMAIN = "recallbot"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT_LANGUAGE = "en"
VOICE_CONTEXT = "voice"  # msgctxt of a message's words on a phone call


def N_(id: str) -> str:
    """Marks a message id that code builds a message from later (gettext's convention), so that
    the template extraction finds it."""
    return id


class MissingMessage(LookupError):
    """An id that no catalog holds: a bug the catalog test catches before it ships."""


@cache
def translations(language: str) -> gettext.NullTranslations:
    try:
        return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[language])
    except FileNotFoundError:
        if language != DEFAULT_LANGUAGE:
            logger.warning("no compiled %s catalog; using %s", language, DEFAULT_LANGUAGE)
            return translations(DEFAULT_LANGUAGE)
        raise RuntimeError(
            f"the message catalog {LOCALE_DIR}/{language}/LC_MESSAGES/{DOMAIN}.mo is not compiled: run `make messages`"
        ) from None


def lookup(id: str, *, voice: bool = False, language: str = DEFAULT_LANGUAGE) -> str:
    """The words of message `id`: its voice rendering when asked and the catalog has one, else its
    text rendering; in the default language when `language`'s catalog lacks the id."""
    catalog = translations(language)
    if voice:
        spoken = catalog.pgettext(VOICE_CONTEXT, id)
        if spoken != id:
            return spoken
    text = catalog.gettext(id)
    if text != id:
        return text
    if language != DEFAULT_LANGUAGE:
        return lookup(id, voice=voice, language=DEFAULT_LANGUAGE)
    raise MissingMessage(id)
