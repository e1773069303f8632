#!/usr/bin/env python3
"""Benchmark of `collab sweep` (make bench; never make test): figures and ratios measured side by side
in one run, asserting nothing about time.

- national Monte Carlo (43 forces, 300 units, every force's grant within +-10%, the Lua grant_share)
  scenarios per second on 2 threads, against tests/bench/numpy_sweep.py on the same scenarios (each
  side's start-up left out: collab's is timed by a sweep of one scenario, numpy_sweep.py times its
  loop alone);
- East Midlands scenarios per second (data/sweeps/grants-10.json);
- one thread against two;
- peak memory (the child's getrusage maxrss) at 10k scenarios and at 1M;
- the time of 1,000,000 national scenarios (run when the measured rate says it takes at most
  --max-minutes; otherwise the projection is printed and said to be one).

  sweep_bench.py COLLAB SOURCE_DIR [--national-runs N] [--max-minutes M]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


CPU = {}  # argv tuple -> the child's CPU seconds (user + system), from the same getrusage


def run_child(argv, **kw):
    """Runs argv; returns (seconds, peak RSS in MiB, exit code, stderr)."""
    started = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    err = p.stderr.read().decode()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - started
    CPU[tuple(argv)] = usage.ru_utime + usage.ru_stime
    return seconds, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status), err


def load_average():
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("collab")
    ap.add_argument("src")
    ap.add_argument("--national-runs", type=int, default=40000)
    ap.add_argument("--numpy-runs", type=int, default=2000)
    ap.add_argument("--max-minutes", type=float, default=20)
    args = ap.parse_args()
    collab, src = os.path.abspath(args.collab), os.path.abspath(args.src)
    tmp = tempfile.mkdtemp(prefix="collab-sweep-bench-")
    national = os.path.join(tmp, "national")
    subprocess.run([collab, "generate", "national", "--seed", "1", "--out", national, "--root", src], check=True,
                   stdout=subprocess.DEVNULL)
    spec = os.path.join(tmp, "national-grants-10.json")
    with open(spec, "w") as f:
        json.dump({"title": "National: every force's grant within +-10%", "year": "2016/17",
                   "vary": [{"grants": "all", "by": ["-10%", "10%"]}]}, f)

    def argv(root, spec_file, runs, threads):
        return [collab, "sweep", "--spec", spec_file, "--runs", str(runs), "--threads", str(threads), "--format", "json",
                "--root", root]

    def sweep(root, spec_file, runs, threads):
        return run_child(argv(root, spec_file, runs, threads))

    def engine_of(err):
        for word in err.split(","):
            if "engine" in word:
                return word.strip()
        return "?"

    print(f"collab sweep benchmark ({os.cpu_count()} cores; load average {load_average()} before it starts: other work "
          f"shares the cores, so wall-clock rates and the thread ratio are only as good as the machine is idle; CPU "
          f"seconds per scenario are printed beside them)")
    n = args.national_runs
    # Start-up (loading the set, compiling the plan, one Lua state per worker) is timed on its own,
    # by a sweep of one scenario, and left out of the rates: numpy_sweep.py times its loop alone.
    start2, _, _, _ = sweep(national, spec, 1, 2)
    start1, _, _, _ = sweep(national, spec, 1, 1)
    t2, m2, c2, e2 = sweep(national, spec, n, 2)
    t1, m1, c1, _ = sweep(national, spec, n, 1)
    if c1 or c2:
        print(e2)
        sys.exit(1)
    rate2, rate1 = n / max(t2 - start2, 1e-9), n / max(t1 - start1, 1e-9)
    cpu2 = CPU[tuple(argv(national, spec, n, 2))] / n * 1e3
    cpu1 = CPU[tuple(argv(national, spec, n, 1))] / n * 1e3
    print(f"national, {n} scenarios ({engine_of(e2)}), start-up ({start2:.2f} s on 2 threads, {start1:.2f} s on 1) "
          f"left out: 2 threads {rate2:,.0f}/s ({cpu2:.3f} ms CPU each), 1 thread {rate1:,.0f}/s ({cpu1:.3f} ms CPU "
          f"each): 2 threads are {rate2 / rate1:.2f}x one (target 1.9x); whole commands {t2:.2f} s and {t1:.2f} s")
    # numpy on the same scenarios, in the same run.
    npy = subprocess.run([sys.executable, os.path.join(src, "tests/bench/numpy_sweep.py"), "--root", national, "--spec",
                          spec, "--runs", str(args.numpy_runs), "--seed", "1"], check=True, capture_output=True, text=True)
    np_out = json.loads(npy.stdout)
    np_rate = args.numpy_runs / np_out["seconds"]
    np_cpu = np_out["cpu_seconds"] / args.numpy_runs * 1e3
    print(f"numpy sweep (one thread, as numpy runs it; its loop alone), {args.numpy_runs} scenarios: {np_rate:,.0f}/s "
          f"({np_cpu:.2f} ms CPU each): collab on 2 threads is {rate2 / np_rate:.2f}x numpy (target 10x); per CPU second, "
          f"collab on one thread is {np_cpu / cpu1:.2f}x numpy")
    em_runs = max(200, n // 2)
    te, _, ce, ee = sweep(src, os.path.join(src, "data/sweeps/grants-10.json"), em_runs, 2)
    em_cpu = CPU[tuple(argv(src, os.path.join(src, "data/sweeps/grants-10.json"), em_runs, 2))] / em_runs * 1e3
    print(f"East Midlands (data/sweeps/grants-10.json), {em_runs} scenarios, 2 threads: {em_runs / te:,.0f}/s "
          f"({em_cpu:.3f} ms CPU each; {engine_of(ee)})")

    # Peak memory at 10k and 1M scenarios: the national set when 1M fits the time allowed, else the East Midlands.
    million = 1_000_000
    projected = million / rate2 / 60
    print(f"1,000,000 national scenarios on 2 threads: {projected:.1f} minutes projected from the rate above")
    if projected <= args.max_minutes:
        t, m_million, c, e = sweep(national, spec, million, 2)
        print(f"1,000,000 national scenarios: {t:.0f} s ({t / 60:.1f} minutes; target under 2), exit {c}, {engine_of(e)}")
        _, m_10k, _, _ = sweep(national, spec, 10_000, 2)
        print(f"peak memory, national: 10k scenarios {m_10k:.0f} MiB, 1M {m_million:.0f} MiB: {m_million / m_10k:.2f}x (target 1.1x)")
    else:
        print(f"  not run: more than --max-minutes {args.max_minutes:g}")
        em_rate = em_runs / te
        big = 1_000_000 if million / em_rate / 60 <= args.max_minutes else 100_000
        _, m_10k, _, _ = sweep(src, os.path.join(src, "data/sweeps/grants-10.json"), 10_000, 2)
        t, m_big, _, _ = sweep(src, os.path.join(src, "data/sweeps/grants-10.json"), big, 2)
        print(f"peak memory, East Midlands: 10k scenarios {m_10k:.0f} MiB, {big:,} {m_big:.0f} MiB ({t:.0f} s): "
              f"{m_big / m_10k:.2f}x (target 1.1x at 1M)")


if __name__ == "__main__":
    main()
