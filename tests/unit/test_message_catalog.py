"""The message catalogs: every id the code uses has words, every entry is used, the template
(bot/locale/recallbot.pot) is what the code says, and a voice rendering uses only its message's values."""

from __future__ import annotations

import string

import pytest

from bot.messages import catalog as loaded
from bot.messages import template
from bot.messages.catalog import VOICE_CONTEXT, MissingMessage, lookup

LANGUAGES = sorted(p.name for p in template.LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir())


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_id_in_the_code_is_in_each_catalog_and_every_entry_is_used():
    used = set(template.used_ids())
    assert len(used) > 100  # the extraction found the code's messages (not an empty scan)
    for language in LANGUAGES:
        ids = {message.id for message in template.read(language) if message.id}
        assert sorted(used - ids) == [], f"{language}: ids used in the code but missing from the catalog"
        assert sorted(ids - used) == [], f"{language}: catalog entries no code uses"


def test_the_committed_template_is_what_the_code_and_the_english_voice_words_give():
    assert template.TEMPLATE.read_text() == template.render(template.template()), "run `make messages`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_has_words_no_fuzzy_and_the_voice_words_use_only_the_texts_placeholders(language):
    catalog = template.read(language)
    for message in catalog:
        if not message.id:
            continue
        assert message.string, f"{language}: {message.id} has no words"
        assert not message.fuzzy, f"{language}: {message.id} is fuzzy"
        if message.context == VOICE_CONTEXT:
            text = catalog.get(message.id)
            assert text is not None, f"{language}: {message.id} has voice words but no text rendering"
            # Speech may leave a value out (a long campaign number), never use one the code does not give.
            assert _placeholders(message.string) <= _placeholders(text.string), message.id
        assert message.context in (None, VOICE_CONTEXT), message.id


def test_the_compiled_catalog_is_what_the_bot_reads():
    english = template.read("en")
    for message in english:
        if message.id and not message.id.startswith("format."):
            assert lookup(message.id, voice=message.context == VOICE_CONTEXT) == message.string


def test_an_unknown_id_is_an_error_not_words_for_an_owner():
    loaded.translations.cache_clear()
    with pytest.raises(MissingMessage):
        lookup("no.such.message")
