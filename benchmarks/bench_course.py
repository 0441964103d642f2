"""Benchmark of ``civicnb course`` (a plain script: ``python benchmarks/bench_course.py``).

Makes the same course packs twice in this process, without handouts (their rendering
did not change):

(a) the old way: each notebook by :func:`papermill.execute_notebook` in a new kernel
    (``make_packs(..., engine="papermill")``);
(b) the new way: every notebook on ``--workers`` warm kernels (:func:`civicnb.execution.batch.
    run_batch`, ``make_packs``'s default).

Both start after the Python modules they need are imported (the first import of
nbformat alone takes seconds; the command line pays it once either way). It prints the
wall time of each, seconds per group, the ratio, and whether the two packs hold the
same notebooks (cells and outputs, without cell ids and timings).

    python benchmarks/bench_course.py                  # 2 groups, English
    python benchmarks/bench_course.py --groups 4 --lang es --workers 2
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

TARGET_PER_GROUP = 10.0

# the kernel tests' notebook comparison (tests/kernel/notebook_compare.py)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "kernel"))
from notebook_compare import comparable, timeless  # type: ignore[import-not-found]  # noqa: E402


def differences(a: Path, b: Path) -> list[str]:
    """Files that differ between two packs (notebooks compared with :func:`comparable`)."""
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    out = [f"only in one pack: {p}" for p in sorted(set(files_a) ^ set(files_b))]
    for rel in files_a:
        if rel not in files_b:
            continue
        if rel.suffix == ".ipynb":
            same = comparable(a / rel, a) == comparable(b / rel, b)
        else:  # the case and the learner's workbook: the same but for when they were made
            same = timeless(a / rel) == timeless(b / rel)
        if not same:
            out.append(f"differs: {rel}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=2)
    parser.add_argument("--lang", choices=["en", "es"], default="en")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")  # kernels inherit it: one set order

    # imported before either run is timed
    import nbformat  # noqa: F401
    import papermill  # noqa: F401

    from civicnb.course.case import case_document
    from civicnb.course.packs import make_packs

    case_document(args.lang, 1)
    with tempfile.TemporaryDirectory(prefix="civicnb-bench-course-") as tmp:
        root = Path(tmp)
        times: dict[str, float] = {}
        for engine in ("papermill", "warm"):
            start = time.perf_counter()
            make_packs(
                args.groups,
                args.lang,
                root / engine,
                progress=False,
                handouts=False,
                engine=engine,
                workers=args.workers,
            )
            times[engine] = time.perf_counter() - start
        diff = differences(root / "papermill", root / "warm")
    old, new = times["papermill"], times["warm"]
    g = args.groups
    print(f"civicnb course --groups {g} --lang {args.lang} (no handouts), {os.cpu_count()} CPUs")
    print(f"  old: a new kernel per notebook  {old:7.1f} s  {old / g:6.1f} s per group")
    print(f"  new: {args.workers} warm kernels (batch)    {new:7.1f} s  {new / g:6.1f} s per group")
    met = "met" if new / g <= TARGET_PER_GROUP else "NOT met"
    print(f"  ratio old/new: {old / new:.1f}x; target <= {TARGET_PER_GROUP:g} s per group: {met}")
    print("  same notebooks: " + ("yes" if not diff else "NO\n    " + "\n    ".join(diff)))
    return 0 if not diff else 1


if __name__ == "__main__":
    sys.exit(main())
