#!/usr/bin/env python3
"""Signal-to-exit latency of `glimpse ask` per stage (docs/cli.md, "Cancel latency").

First one run without a signal gives the stage timeline (`ask --json` timings, and the JVM's start as
the rest of the wall time). Then, per stage, RUNS runs get SIGINT at a point spread over the middle of
that stage; the latency is from just before kill() to the moment waitpid returns, so the whole JVM
shutdown is included. A loaded machine shifts the stages, so each run is filed under the stage the
process itself reports it cancelled (`cancelledDuring` in the JSON, "CANCELLED during ..." in the text
summary), not the stage aimed at. Each run also checks the contract: exit 130 and the result printed
(the JSON object with finishReason CANCELLED, or the text mode's CANCELLED summary line on stderr).

Only the Python standard library is used. Example (the geometry in hcx-vision-cancel.config.json):

    ./glimpse bench import --config docs/bench/hcx-vision-cancel.config.json --variants fp32-standard \
        --repeat 1 --rounds 1 --tokens 8 --work /tmp/cancel
    python3 docs/bench/cancel-latency.py --model /tmp/cancel/import-fp32-standard --image photo.jpg --json
"""
import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import threading
import time

STAGES = ["load", "media_decode", "preprocess", "vision_encode", "prefill", "decode"]


def one_run(cmd, at_s, json_mode, timeout_s):
    """Runs cmd, sends SIGINT at_s seconds after the start; returns (latency ms, exit code, result printed, stage)."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    exited = []  # waitpid's return time, taken on its own thread so reading the pipes cannot delay it
    waiter = threading.Thread(target=lambda: (proc.wait(), exited.append(time.monotonic_ns())), daemon=True)
    waiter.start()
    streams = {}
    readers = [threading.Thread(target=lambda s=s: streams.__setitem__(s, getattr(proc, s).read()), daemon=True)
               for s in ("stdout", "stderr")]
    for r in readers:
        r.start()
    sent = None
    while not exited and time.monotonic() - started < timeout_s:
        left = started + at_s - time.monotonic()
        if left <= 0:
            sent = time.monotonic_ns()
            os.kill(proc.pid, signal.SIGINT)
            break
        time.sleep(min(left, 0.01))
    waiter.join(timeout_s)
    if not exited:
        proc.kill()
        waiter.join()
    for r in readers:
        r.join()
    rc = proc.returncode
    latency = None if sent is None or not exited else (exited[0] - sent) / 1e6
    out = streams["stdout"].decode("utf-8", "replace")
    err = streams["stderr"].decode("utf-8", "replace")
    stage, ok = None, False
    if json_mode:
        try:
            obj = json.loads(out)
        except ValueError:
            obj = None
        ok = obj is not None and obj.get("finishReason") == "CANCELLED"
        stage = obj.get("cancelledDuring") if obj else None
    else:
        m = re.search(r"glimpse: CANCELLED during ([a-z ]+?)[;,]", err)
        ok = m is not None
        stage = m.group(1).replace(" ", "_") if m else None
    return latency, rc, ok, stage


def timeline(cmd):
    """Seconds from process start to the start of each stage, from one run without a signal."""
    started = time.monotonic()
    run = subprocess.run(cmd + ["--json"] if "--json" not in cmd else cmd, stdin=subprocess.DEVNULL,
                         capture_output=True, check=True)
    wall = time.monotonic() - started
    t = json.loads(run.stdout)["timings"]
    parts = [("load", t["loadMs"]), ("media_decode", t["mediaDecodeMs"]), ("preprocess", t["preprocessMs"]),
             ("vision_encode", t["visionEncodeMs"]), ("prefill", t["stitchMs"] + t["embedMs"] + t["prefillMs"]),
             ("decode", t["decodeMs"])]
    jvm = wall - (t["loadMs"] + t["totalMs"]) / 1000  # JVM start and picocli; exit is small beside it
    spans, at = {}, jvm
    for name, ms in parts:
        spans[name] = (at, ms / 1000)
        at += ms / 1000
    return spans


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--glimpse", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "glimpse"))
    p.add_argument("--model", required=True)
    p.add_argument("--image", action="append", default=[])
    p.add_argument("--video", action="append", default=[])
    p.add_argument("--json", action="store_true", help="run ask --json (else text mode)")
    p.add_argument("--runs", type=int, default=10, help="runs per stage (default 10)")
    p.add_argument("--stages", default=",".join(STAGES[1:]), help="comma-separated, of: " + ", ".join(STAGES))
    p.add_argument("--max-tokens", type=int, default=200)
    p.add_argument("--timeout", type=float, default=180)
    a = p.parse_args()
    cmd = [a.glimpse, "ask", "--model", a.model, "--max-tokens", str(a.max_tokens), "--greedy"]
    for i in a.image:
        cmd += ["--image", i]
    for v in a.video:
        cmd += ["--video", v]
    if a.json:
        cmd.append("--json")
    cmd.append("What is in the picture?")
    spans = timeline(cmd)
    print("timeline (s from start, length): " + ", ".join(f"{k} {v[0]:.2f}+{v[1]:.2f}" for k, v in spans.items()),
          flush=True)
    by_stage = {}
    for stage in a.stages.split(","):
        start, length = spans[stage]
        for i in range(a.runs):
            at = start + length * (0.2 + 0.6 * i / max(1, a.runs - 1))  # spread over the middle of the stage
            latency, rc, ok, where = one_run(cmd, at, a.json, a.timeout)
            where = where or stage  # a build that does not report the stage: the one aimed at
            print(f"{stage:13s} run {i + 1:2d} at {at:6.2f} s: "
                  + (f"{latency:7.1f} ms" if latency is not None else "   (ended before the signal)")
                  + f", exit {rc}, result {'printed' if ok else 'MISSING'}"
                  + ("" if where == stage else f" (cancelled during {where})"), flush=True)
            if latency is not None:
                by_stage.setdefault(where, []).append((latency, rc == 130, ok))
    print(f"\nload average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'stage':13s} {'runs':>4s} {'median ms':>10s} {'max ms':>8s} {'exit 130':>9s} {'result':>7s}")
    for stage in spans:
        if stage in by_stage:
            rows = by_stage[stage]
            lat = [r[0] for r in rows]
            print(f"{stage:13s} {len(rows):4d} {statistics.median(lat):10.1f} {max(lat):8.1f} "
                  f"{sum(r[1] for r in rows):4d}/{len(rows):<4d} {sum(r[2] for r in rows):3d}/{len(rows):<3d}")


if __name__ == "__main__":
    main()
