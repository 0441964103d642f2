"""Child-process code for the concurrency test (importable under 'spawn')."""

from __future__ import annotations

import time
import traceback
from typing import Any


def write_ratings(
    url: str,
    round_id: str,
    participant_id: str,
    n: int,
    start: Any,
    results: Any,
) -> None:
    """Open the store, say ready, wait for the start signal, then save ``n`` ratings
    (each its own transaction); report ("ok", latencies) or ("error", traceback)."""
    try:
        from civicnb.records import Rating
        from civicnb.store import open_store

        store = open_store(url)
        results.put(("ready", participant_id, None))
        if not start.wait(120):
            raise TimeoutError("no start signal")
        latencies = []
        for i in range(n):
            t0 = time.perf_counter()
            store.save_rating(
                Rating(round_id, participant_id, f"Q{i:02d}", score=i % 5 + 1, note=f"note {i} 🙂")
            )
            latencies.append(time.perf_counter() - t0)
        store.close()
        results.put(("ok", participant_id, latencies))
    except BaseException:
        results.put(("error", participant_id, traceback.format_exc()))
