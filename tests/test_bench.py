"""The benchmark tool (tools/bench): its arithmetic, its refusals, and one shrunken run of the whole
thing, checked for the shape of its table and JSON, never for its figures (the machine is shared)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tools.bench import report, target_load
from tools.bench.floor import UnitCosts, floor_seconds
from tools.bench.load import percentile
from tools.bench.wire_counter import read_counts

REPO = Path(__file__).resolve().parent.parent
COSTS = UnitCosts(round_trip=1e-4, connect=2e-4, server_start=0.1)


def test_floor_adds_the_counted_work_to_the_runs_start_up():
    counts = {"sends": 100, "connects": 10, "launches": 2, "start_up": 1.0}
    assert floor_seconds(COSTS, counts, workers=0) == pytest.approx(1.0 + 0.01 + 0.002 + 0.2)
    assert floor_seconds(COSTS, dict(counts, start_up=2.0), workers=2) == pytest.approx(2.0 + 0.212 / 2)


def test_the_counts_of_all_processes_add_up(tmp_path):
    path = tmp_path / "counts.jsonl"
    path.write_text('{"sends": 3, "connects": 1, "launches": 1, "configured": 100.5, "collected": null}\n'
                    '{"sends": 4, "connects": 2, "launches": 0, "configured": 100.7, "collected": 101.5}\n')
    assert read_counts(str(path), spawned=100.0) == {"sends": 7, "connects": 3, "launches": 1, "processes": 2,
                                                      "start_up": 1.5}
    assert read_counts(str(tmp_path / "none.jsonl"), 0.0)["processes"] == 0


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 0.5), percentile(values, 0.99), percentile([], 0.5)) == (50.0, 99.0, None)


@pytest.mark.parametrize("host", ["10.0.0.5", "192.0.2.1", "2001:db8::1"])
def test_load_mode_refuses_other_machines(host):
    with pytest.raises(target_load.RefusedTarget, match="loopback"):
        target_load.loopback_host(host)


@pytest.mark.parametrize("levels, duration", [([1001], 1.0), ([], 1.0), ([5], 0.0), ([5], 31.0)])
def test_load_mode_is_bounded(levels, duration):
    with pytest.raises(target_load.RefusedTarget):
        target_load.check_bounds(levels, duration)


def test_load_mode_refuses_a_lan_target_before_sending_anything():
    proc = subprocess.run([sys.executable, "-m", "tools.bench", "load", "--target", "10.0.0.5:63000"],
                          cwd=str(REPO), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "loopback" in proc.stderr


def test_a_shrunken_quick_run_gives_every_table_and_json_key(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, "-m", "tools.bench", "--quick", "--steps", "1", "--levels", "1,3",
                           "--duration", "0.2", "--class-size", "1", "--processes", "1", "--json", str(out)],
                          cwd=str(REPO), capture_output=True, text=True, timeout=280)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["schema"] == report.SCHEMA
    assert set(document) >= {"meta", "unit_costs", "suite", "fail_fast", "grading", "load", "verdicts"}
    assert [(t["label"], t["parallel"]) for t in document["suite"]] == [("step 1", False), ("step 1", True)]
    assert [t["label"] for t in document["fail_fast"]] == ["nothing listening", "black hole"]
    assert [row["jobs"] for row in document["grading"]] == [1]
    assert {(row["server"], row["clients"]) for row in document["load"]} == {
        (server, clients) for server in ("reference", "asyncio echo", "handout threads") for clients in (1, 3)}
    for row in document["load"]:
        assert {"rate", "p50", "p99", "peak_rss", "connect_seconds", "served", "error_count", "vs_baseline"} <= set(row)
    for timing in document["suite"] + document["fail_fast"]:
        assert {"seconds", "start_up", "floor", "sends", "connects", "launches", "verdict_ok"} <= set(timing)
    assert set(document["verdicts"]) == {"reference_vs_asyncio_min", "reference_within_2x", "max_clients",
                                         "reference_holds_max_clients"}
    for heading in ("## Unit costs", "## The suite against the bundled reference", "## Fail fast",
                    "## Grading a generated class", "## Step 7 servers under load"):
        assert heading in proc.stdout
    assert "| step 1 |" in proc.stdout and "| black hole" in proc.stdout and "×asyncio" in proc.stdout


def test_load_mode_says_when_clients_waited():
    rows = [{"clients": 20, "ready": 20, "served": 1, "errors": {}, "server_alive": True},
            {"clients": 200, "ready": 150, "served": 150, "errors": {"not ready within 20 s": 50}}]
    notes = target_load.diagnose(rows)
    assert "only 1 got a reply" in notes[0] and "only 150 connected" in notes[1]
    assert target_load.diagnose([dict(rows[0], served=20)]) == [
        "every client was served at every level, without error"]
