"""Builds the message template (`bot/locale/recallbot.pot`) from the code: `make messages`.

Babel extracts the ids of `msg("...")`, `say("...")` and `N_("...")` calls from bot/ and
actions/. The English catalog is where a message gets words for a call, so each voice rendering
it holds (msgctxt "voice") is added to the template too: a translator then sees, and
`pybabel update` keeps, both renderings of those messages.

    python -m bot.messages.template          # writes the template
    python -m bot.messages.template --check  # exits 1 when the committed template is stale
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from bot.messages.catalog import DEFAULT_LANGUAGE, DOMAIN, LOCALE_DIR, VOICE_CONTEXT

ROOT = LOCALE_DIR.parent.parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
SOURCES = ("bot", "actions")
KEYWORDS = {"msg": None, "say": None, "N_": None}  # None: the first argument is the id


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def used_ids() -> dict[str, list[str]]:
    """Message id -> the files that use it, as Babel extracts them."""
    found: dict[str, list[str]] = {}
    for source in SOURCES:
        for filename, _lineno, message, _comments, _context in extract_from_dir(
            ROOT / source, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            if isinstance(message, str):
                found.setdefault(message, [])
                path = f"{source}/{filename}"
                if path not in found[message]:
                    found[message].append(path)
    return found


def read(language: str = DEFAULT_LANGUAGE) -> Catalog:
    with catalog_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def template() -> Catalog:
    catalog = Catalog(project="recallbot", domain=DOMAIN, fuzzy=False, creation_date=None)
    english = read(DEFAULT_LANGUAGE)
    for id, files in sorted(used_ids().items()):
        catalog.add(id, locations=[(path, 0) for path in sorted(files)], flags=["python-brace-format"])
        if english.get(id, context=VOICE_CONTEXT) is not None:
            catalog.add(id, context=VOICE_CONTEXT, flags=["python-brace-format"])
    return catalog


def render(catalog: Catalog) -> str:
    out = io.BytesIO()
    write_po(out, catalog, omit_header=True, include_lineno=False, width=100, sort_output=True)
    return out.getvalue().decode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed template is stale")
    fresh = render(template())
    if parser.parse_args().check:
        if not TEMPLATE.exists() or TEMPLATE.read_text() != fresh:
            print(f"{TEMPLATE.relative_to(ROOT)} is stale: run `make messages`", file=sys.stderr)
            return 1
        return 0
    TEMPLATE.write_text(fresh)
    print(f"wrote {TEMPLATE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
