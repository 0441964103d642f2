"""The common themes of a World Café harvest: the facilitator's tags and the words
several notes share, and tagging the notes that mention a theme."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from civicnb.errors import InputError
from civicnb.i18n import keyed
from civicnb.records import HarvestNote
from civicnb.store import Store
from civicnb.workshop._common import check_lang

__all__ = ["common_themes", "tag_theme"]


_EN_WORDS = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    even every few for from further get got had has have having he her here hers herself him
    himself his how i if in into is it its itself just let like lot lots made make many may
    me more most much must my myself need needs no nor not now of off often on once one only
    or other others our ours ourselves out over own really same say said see she should so
    some still such than that the their theirs them themselves then there these they thing
    things think this those through to too under until up upon us very want was we well were
    what when where which while who whom why will with within without would yes yet you your
    yours yourself yourselves"""
_ES_WORDS = """a al algo algunas algunos ante antes aqui asi aun aunque bien cada casi como con
    contra cual cuales cuando de del desde donde dos el ella ellas ello ellos en entre era
    eran es esa esas ese eso esos esta estaba estado estamos estan estar estas este esto
    estos fue fueron gran ha haber habia hace hacer hacia han hasta hay la las le les lo los
    mas me mi mientras mis mucho muchos muy nada ni no nos nosotros nuestra nuestro o os
    otra otras otro otros para pero poco por porque puede pueden que quien quienes se sea
    segun ser si sido siempre sin sino sobre solo son su sus tal tambien tampoco tan tanto
    te tener tiene tienen todo todos tu tus un una unas uno unos usted ustedes va vamos van
    y ya yo"""
_PT_WORDS = """a ao aos aquela aquele aquilo as assim ate bem cada com como da das de dela dele
    deles depois do dos e ela elas ele eles em entre era eram essa esse esta estao estar
    estas este esto eu foi foram ha isso isto ja la lhe mais mas me mesmo meu minha muito
    muitos na nao nas nem no nos nossa nosso num numa o os ou para pela pelas pelo pelos
    pode podem por porque pouco quando que quem se sem ser seu seus sao sim sobre sua suas
    tambem tem ter toda todas todo todos tu um uma umas uns voce voces vai vao"""
_STOPWORDS = {
    "en": frozenset(_EN_WORDS.split()),
    "es": frozenset(_ES_WORDS.split()),
    "pt": frozenset(_PT_WORDS.split()),
}
"""Small built-in stopword lists (data, not words shown), accent-free (words are folded
before the lookup). A language without a list skips none."""
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Movilidad ' and 'movilidád' fold together."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def _spelling(forms: Counter[str]) -> str:
    """The most used spelling of a theme (ties: not ALL CAPS, then the smallest)."""
    return min(forms, key=lambda f: (-forms[f], f.isupper(), f))


def common_themes(
    notes: Sequence[HarvestNote],
    lang: str = "en",
    *,
    min_count: int = 2,
    max_words: int = 20,
) -> list[tuple[str, int]]:
    """The common themes of a harvest, as (theme, number of notes) pairs.

    First the themes the facilitator tagged, counted across notes (each note counts
    once; case, accents and spacing are ignored when merging; the most used spelling
    is shown), most common first. Then content words of the note texts that appear in
    at least ``min_count`` notes (at most ``max_words`` of them; stopwords of ``lang``
    and words of fewer than 3 letters skipped; words that are tagged themes already are
    not repeated), most common first. Ties are broken alphabetically (on the folded
    form), so the result is deterministic.
    """
    stop = _STOPWORDS.get(check_lang(lang), frozenset())
    tag_counts: Counter[str] = Counter()
    tag_forms: dict[str, Counter[str]] = {}
    word_counts: Counter[str] = Counter()
    word_forms: dict[str, Counter[str]] = {}
    for note in notes:
        keys: set[str] = set()
        for theme in note.themes:
            key = _fold(theme)
            if key:
                keys.add(key)
                tag_forms.setdefault(key, Counter())[" ".join(theme.split())] += 1
        tag_counts.update(keys)
        words: set[str] = set()
        for match in _WORD.finditer(note.text):
            form = match.group().casefold()
            key = _fold(form)
            if len(key) < 3 or key in stop:
                continue
            words.add(key)
            word_forms.setdefault(key, Counter())[form] += 1
        word_counts.update(words)
    tagged = sorted(tag_counts, key=lambda k: (-tag_counts[k], k))
    out = [(_spelling(tag_forms[k]), tag_counts[k]) for k in tagged]
    frequent = sorted(
        (k for k, n in word_counts.items() if n >= min_count and k not in tag_counts),
        key=lambda k: (-word_counts[k], k),
    )
    out += [(_spelling(word_forms[k]), word_counts[k]) for k in frequent[: max(0, max_words)]]
    return out


def tag_theme(store: Store, round_id: str, theme: str, *, recorded_by: str | None = None) -> int:
    """Tag with ``theme`` every harvest note of the round that mentions it (whole words,
    case and accents ignored) and is not tagged with it yet; returns how many notes were
    tagged. This is how the facilitator turns a suggested common theme into a theme of
    the harvest (kept in the notes, so it is in the exported workbook). With
    ``recorded_by``, the notes tagged are stamped with that facilitator's name."""
    name = " ".join(theme.split())
    key = _fold(name)
    if not key:
        raise keyed(InputError, "err_theme_empty")
    pattern = re.compile(r"(?<![^\W\d_])" + re.escape(key) + r"(?![^\W\d_])")
    tagged = 0
    with store.transaction():
        for note in store.harvest_notes(round_id):
            if any(_fold(th) == key for th in note.themes):
                continue
            if not pattern.search(_fold(note.text)):
                continue
            tagged_note = replace(note, themes=(*note.themes, name))
            if recorded_by is not None:
                tagged_note = replace(tagged_note, recorded_by=recorded_by)
            store.save_harvest_note(tagged_note)
            tagged += 1
    return tagged
