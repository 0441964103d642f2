"""Readability of the easy-read texts and of the original wording (a plain script:
``python benchmarks/readability.py [--edition pamphlet|blog|FILE] [--each]``).

Scores every text a participant reads as sentences (the six guiding questions, the six
summaries, the 30 questions) with textstat (a test dependency: ``pip install
'civicnb[test]'``): Flesch reading ease for English, Fernández Huerta and
Szigriszt-Pazos for Spanish (higher is easier; 70 and above is "fairly easy"). The
thresholds tests/fast/test_easy_read.py sets are in docs/framework.md with the figures.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator

import textstat

from civicnb.framework import load_framework
from civicnb.framework.model import Framework, Text

FORMULAS: dict[str, list[tuple[str, Callable[[str], float]]]] = {
    "en": [("Flesch reading ease", textstat.flesch_reading_ease)],
    "es": [
        ("Fernández Huerta", textstat.fernandez_huerta),
        ("Szigriszt-Pazos", textstat.szigriszt_pazos),
    ],
}


def places(fw: Framework) -> Iterator[tuple[str, Text | None, Text]]:
    for s in fw.strands:
        e = s.easy_read
        yield f"{s.id} guiding question", e and e.guiding_question, s.guiding_question
        yield f"{s.id} summary", e and e.summary, s.summary
        for q in s.questions:
            yield q.id, q.easy_read, q.text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", default="pamphlet")
    parser.add_argument("--each", action="store_true", help="print every text's scores")
    args = parser.parse_args()
    fw = load_framework(args.edition)
    found = list(places(fw))
    print(f"edition {args.edition}: {len(found)} texts")
    for lang, formulas in FORMULAS.items():
        textstat.set_lang(lang)
        for name, formula in formulas:
            easy = [formula(e.get(lang)) for _, e, _ in found if e is not None and e.has(lang)]
            orig = [formula(o.get(lang)) for _, _, o in found]
            shown = (
                f"mean {sum(easy) / len(easy):6.1f}, lowest {min(easy):6.1f}"
                if easy
                else "none in this language"
            )
            print(
                f"{lang} {name:22} easy read: {shown} | "
                f"original: mean {sum(orig) / len(orig):6.1f}, "
                f"highest {max(orig):6.1f}, {sum(v >= 70 for v in orig)}/{len(orig)} at 70 or more"
            )
            if args.each:
                for where, e, o in found:
                    print(
                        f"   {where:22} "
                        f"{formula(e.get(lang)) if e and e.has(lang) else float('nan'):6.1f}"
                        f"  (original {formula(o.get(lang)):6.1f})"
                    )
    textstat.set_lang("en")


if __name__ == "__main__":
    main()
