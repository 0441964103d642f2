"""Load past one laptop: 60 participants answer strand I at the same time through nginx,
split over two servers that share one PostgreSQL store, and every rating is stored
exactly once.

The servers are Voilà as ``civicnb serve --base-url /civicnb/ --participants 30`` runs
it (:func:`civicnb.serving.serve.plan`), with the preheated pool of strand I only (the
page everybody opens here: two servers' full pools, over 200 kernels, would not fit
beside the other tests). nginx has the site of ``civicnb deploy nginx``; each participant
is the crowd harness of tests/kernel/test_crowd_load.py (the real kernel protocol: page,
websocket, widget states, one message per answer) with a cookie that nginx hashes to one
server: half of them on each (chosen through nginx's access log).

Prints, not asserted: p50/p95 of the server's share of the time-to-interactive (page
asked -> first answer saved) through the proxy; ``benchmarks/bench_deploy.py`` prints
it beside one server's figure. That one server dies and its participants carry on from
the other is tests/kernel/test_deploy.py.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import statistics
import time
import traceback
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from deploy_harness import CSS, HOST, PREFIX, Nginx, free_port, pg_workspace
from test_crowd_load import (
    LANG,
    LOCALITY,
    STRAND,
    Answer,
    Outcome,
    VoilaServer,
    expected_answer,
    participant,
)

from civicnb.records import Side
from civicnb.serving.deploy import COOKIE, nginx_config
from civicnb.serving.serve import plan
from civicnb.workshop.participation import current_round, join, start_session

pytestmark = [
    pytest.mark.kernel,
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.xdist_group("crowd"),
]

CROWD = int(os.environ.get("CIVICNB_DEPLOY_CROWD", "60"))  # benchmarks/bench_deploy.py
SERVERS = 2
WARM_TIMEOUT = 400.0
CROWD_TIMEOUT = 400.0


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def test_sixty_participants_on_two_servers_behind_nginx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CIVICNB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    with pg_workspace(tmp_path / "ws") as ws:
        t_start = time.monotonic()
        with ws.open_store() as store:
            loc = store.get_locality(LOCALITY)
            fw = ws.framework(loc.edition)
            rnd = current_round(store, loc)
            sides = [Side.LA if i % 2 else Side.CSO for i in range(CROWD)]
            pids = [
                join(store, loc, side, f"Participante {i} · Núñez", i % 4 == 0).id
                for i, side in enumerate(sides)
            ]
            tokens = [start_session(store, pid) for pid in pids]
        questions = fw.strand(STRAND).questions
        order = [q.id for q in questions]
        legends = {f"{q.number}. {q.text.get(LANG)}": q.id for q in questions}
        share = -(-CROWD // SERVERS)

        proxy = free_port()
        servers: list[VoilaServer] = []
        upstreams: list[str] = []
        strand_page = f"{LOCALITY}/strand-{STRAND}.ipynb"
        for n in range(SERVERS):
            port = free_port()
            conf = tmp_path / f"conf-{n}"
            p = plan(
                ws,
                host=HOST,
                port=port,
                participants=share,
                config_dir=conf,
                public_url=f"http://{HOST}:{proxy}{PREFIX}",
                base_url=PREFIX,
            )
            config = json.loads((conf / "voila.json").read_text(encoding="utf-8"))
            pools = config["VoilaKernelManager"]["kernel_pools_config"]
            assert pools[strand_page]["pool_size"] >= share
            config["VoilaKernelManager"]["kernel_pools_config"] = {
                "default": {"pool_size": 0},
                strand_page: pools[strand_page],
            }
            (conf / "voila.json").write_text(json.dumps(config), encoding="utf-8")
            folder = tmp_path / f"server-{n}"
            folder.mkdir()
            servers.append(VoilaServer(folder, list(p.command), dict(p.env)))
            upstreams.append(f"{HOST}:{port}")
        nginx = Nginx(tmp_path, nginx_config(PREFIX, upstreams, listen=f"{HOST}:{proxy}"))
        try:
            nginx.wait_up(proxy)
            warm = max(s.wait_warm([strand_page], WARM_TIMEOUT) for s in servers)
            # each participant's cookie: nginx sends half of them to each server
            placed: dict[str, list[str]] = {u: [] for u in upstreams}
            origin = f"http://{HOST}:{proxy}"
            for k in range(CROWD * 20):
                if all(len(v) >= share for v in placed.values()):
                    break
                cookie = f"p{k}"
                req = urllib.request.Request(
                    f"{origin}{PREFIX}{CSS}", headers={"Cookie": f"{COOKIE}={cookie}"}
                )
                with urllib.request.urlopen(req, timeout=30) as resp:
                    resp.read()
                where = nginx.upstream_of(cookie, CSS)
                if len(placed[where]) < share:
                    placed[where].append(cookie)
            cookies = [c for u in upstreams for c in placed[u]][:CROWD]
            assert len(cookies) == CROWD, placed
            server_of = {c: u for u, cs in placed.items() for c in cs}

            async def crowd() -> list[Outcome | BaseException]:
                with ThreadPoolExecutor(max_workers=CROWD) as pool:
                    jobs = [
                        participant(
                            i,
                            tokens[i],
                            sides[i],
                            proxy,
                            legends,
                            order,
                            pool,
                            prefix=PREFIX,
                            headers={"Cookie": f"{COOKIE}={cookies[i]}", "Origin": origin},
                        )
                        for i in range(CROWD)
                    ]
                    return await asyncio.wait_for(
                        asyncio.gather(*jobs, return_exceptions=True), CROWD_TIMEOUT
                    )

            t0 = time.monotonic()
            with ThreadPoolExecutor(1) as runner:
                results = runner.submit(asyncio.run, crowd()).result()
            crowd_seconds = time.monotonic() - t0
            logs = [s.log() for s in servers]
        finally:
            nginx.stop()
            for s in servers:
                s.stop()

        problems: list[str] = []
        for i, r in enumerate(results):
            if isinstance(r, BaseException):
                tb = traceback.extract_tb(r.__traceback__)[-1]
                problems.append(
                    f"P{i}: {type(r).__name__}: {r} ({Path(tb.filename).name}:{tb.lineno})"
                )
            else:
                problems += [f"P{i}: {x}" for x in r.problems]
        for n, log in enumerate(logs):
            bad = [
                x
                for x in log.splitlines()
                if re.search(r"Traceback|Exception in comm|\bERROR\b", x)
            ]
            problems += [f"server {n}: {x}" for x in bad[:10]]
        # every websocket went to the server its cookie names
        for cookie in cookies:
            assert nginx.upstream_of(cookie, "/channels") == server_of[cookie]

        with ws.open_store() as store:
            everyone = store.ratings(round_id=rnd.id)
        stored = [r for r in everyone if r.participant_id in set(pids)]
        by_key = {(r.participant_id, r.question_id): r for r in stored}
        assert len(by_key) == len(stored), "two ratings for the same participant and question"
        for i, pid in enumerate(pids):
            for j, qid in enumerate(order):
                got = by_key.get((pid, qid))
                want = expected_answer(i, j)
                if got is None:
                    problems.append(f"P{i} {qid}: lost")
                elif Answer(got.score, got.dont_know, got.note, got.would_help) != want:
                    problems.append(f"P{i} {qid}: stored {got}, answered {want}")

        outcomes = [r for r in results if isinstance(r, Outcome) and not r.problems]
        if outcomes:
            ready = [o.ready_seconds for o in outcomes]
            html = [o.page_seconds for o in outcomes]
            print(
                f"\ndeploy crowd of {CROWD} on {SERVERS} servers behind nginx: pools warm after "
                f"{warm:.0f} s; all answered in {crowd_seconds:.1f} s; page HTML p50 "
                f"{statistics.median(html):.2f} s, p95 {_p95(html):.2f} s; "
                f"page asked -> first answer saved p50 {statistics.median(ready):.2f} s, "
                f"p95 {_p95(ready):.2f} s; {len(stored)} ratings stored; "
                f"test {time.monotonic() - t_start:.0f} s"
            )
        assert not problems, f"{len(problems)} problems:\n" + "\n".join(
            x[:400] for x in problems[:40]
        )
        assert len(stored) == CROWD * 6
