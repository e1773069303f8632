#!/usr/bin/env python3
"""The sweep an analyst would write with numpy, to hold `collab sweep` to (ctest numpy-sweep) and to
race it (make bench). Same data files, same scenarios (SplitMix64 reimplemented, seeded per scenario
as host/sweep/draws.h says), same arithmetic, written independently of the C++:

  grant_share (every force's share of the region's central grant of the year before, rounded to 0.1%,
  renormalised over each unit's participants and rounded to 0.1% again); population_share,
  nre_share and equal_share by their raw weights; each budget line split by largest remainder at
  GBP 1 (leftover pounds to the largest remainders, ties to the larger weight, then the earlier
  force; the pence to the last one served); per-force nearest-rank percentiles (numpy's
  inverted_cdf, with the rank computed in integers).

Handles the specs that move central grants only (Monte Carlo, "each" true): what the comparison and
the benchmark use. Rows whose weights do not depend on grants are split once, as an analyst would.

  numpy_sweep.py --root DIR --spec FILE --runs N --seed S   -> JSON on stdout
"""
import argparse
import json
import sys
import time

try:
    import numpy as np
except ImportError:
    sys.exit(f"numpy_sweep.py: numpy is missing from {sys.executable}: run it with Debian's /usr/bin/python3 "
             "(python3-numpy; make test-deps installs it)")

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        limit = MASK - MASK % n
        while True:
            x = self.next()
            if x < limit:
                return x % n


def year_start(text):
    return int(text[:4])


def percent_units(text):
    """'-10%' -> -100000 (ten-thousandths of a percent), exactly."""
    t = text.strip().rstrip("%").strip()
    sign = -1 if t.startswith("-") else 1
    t = t.lstrip("+-")
    whole, _, frac = t.partition(".")
    return sign * (int(whole or "0") * 10000 + int((frac + "0000")[:4]))


def latest(items, year, key="year"):
    """The item of the latest year at or before `year` (as the projection copies the last one)."""
    best = None
    for item in items:
        y = year_start(item[key])
        if y <= year and (best is None or y > year_start(best[key])):
            best = item
    return best


def load(root, year):
    forces_file = json.load(open(f"{root}/data/forces.json"))
    collaborations = json.load(open(f"{root}/data/collaborations.json"))["collaborations"]
    budgets = json.load(open(f"{root}/data/budgets.json"))["budgets"]
    forces = [f["id"] for f in forces_file["forces"]]
    index = {f: i for i, f in enumerate(forces)}
    grants_table = latest(forces_file["central_grants"], year - 1)
    grants = np.array([grants_table["amounts"][f] * 100 for f in forces], dtype=np.int64)  # pence

    def base_figure(force, field):
        values = force.get(field, {})
        years = [y for y in values if isinstance(values, dict) and year_start(y) <= year - 1]
        return values[max(years, key=year_start)] if years else 0  # only the formulae that use it need it

    default = forces_file["region"]["formula"]["id"]
    units = {u["id"]: u for u in collaborations}
    rows = []  # (participant indices, formula, budget pence)
    for line in latest(budgets, year)["lines"]:
        unit = units[line["unit"]]
        period = latest(unit["participants"], year, "from")
        members = sorted(index[f] for f in period["forces"])
        choice = latest(unit.get("formula", []), year, "from")
        formula = choice["id"] if choice else default
        for kind in ("cash", "in_kind"):
            if kind in line:
                rows.append((members, formula, round(line[kind] * 100)))
    fixed = {}
    for f in forces_file["forces"]:
        fixed.setdefault("population_share", []).append(base_figure(f, "population") if "population" in f else 0)
        fixed.setdefault("nre_share", []).append(base_figure(f, "net_revenue_expenditure") if "net_revenue_expenditure" in f else 0)
    return forces, grants, rows, fixed


def split_exact(budget, weights):
    """One line by largest remainder at GBP 1, in Python integers (for the rows split once)."""
    total_w = sum(weights)
    den = total_w * 100
    floors = [budget * w // den for w in weights]
    rems = [budget * w % den for w in weights]
    left = budget - 100 * sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-rems[i], -weights[i], i))
    parts = [100 * f for f in floors]
    for i in order:
        give = min(left, 100)
        parts[i] += give
        left -= give
    return parts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--spec", required=True)
    ap.add_argument("--runs", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    spec = json.load(open(args.spec))
    year = year_start(spec["year"])
    resolution = percent_units(spec.get("resolution", "0.01%"))
    forces, grants, rows, fixed = load(args.root, year)
    n_forces = len(forces)
    # Dimensions: one per force of each grants entry, in order.
    dims = []
    for entry in spec["vary"]:
        assert "grants" in entry and entry.get("each", True), "numpy_sweep.py moves grants only, each force on its own"
        ids = forces if entry["grants"] == "all" else ([entry["grants"]] if isinstance(entry["grants"], str) else entry["grants"])
        lo, hi = (percent_units(b) for b in entry["by"])
        for f in ids:
            dims.append((forces.index(f), lo, hi))

    started, started_cpu = time.perf_counter(), time.process_time()
    # Rows that do not depend on grants: split once.
    base_totals = np.zeros(n_forces, dtype=np.int64)
    grant_rows = []
    for members, formula, budget in rows:
        if formula == "grant_share":
            grant_rows.append((members, budget))
            continue
        weights = [1] * len(members) if formula == "equal_share" else [fixed[formula][m] for m in members]
        for m, part in zip(members, split_exact(budget, weights)):
            base_totals[m] += part
    # The grant_share rows as flat arrays: one entry per participant.
    member = np.array([m for members, _ in grant_rows for m in members], dtype=np.int64)
    row_of = np.array([r for r, (members, _) in enumerate(grant_rows) for _ in members], dtype=np.int64)
    starts = np.array([0] + list(np.cumsum([len(m) for m, _ in grant_rows]))[:-1], dtype=np.int64)
    budget = np.array([b for _, b in grant_rows], dtype=np.int64)
    position = np.arange(len(member)) - starts[row_of]

    results = np.empty((args.runs, n_forces), dtype=np.int64)
    ok = np.ones(args.runs, dtype=bool)
    for i in range(args.runs):
        g = SplitMix64(args.seed ^ (((i + 1) * 0xD1B54A32D192ED03) & MASK))
        change = np.zeros(n_forces, dtype=np.int64)
        for f, lo, hi in dims:
            change[f] = lo + g.below((hi - lo) // resolution + 1) * resolution
        moved = (grants * (1_000_000 + change) * 2 + 1_000_000) // 2_000_000  # half up to the penny
        total = moved.sum()
        w = (2000 * moved + total) // (2 * total)  # tenths of a percent, halves up
        wm = w[member]
        wsum = np.add.reduceat(wm, starts)
        s = (2000 * wm + wsum[row_of]) // (2 * wsum[row_of])  # renormalised, tenths, halves up
        if (s == 0).any():
            ok[i] = False
            continue
        ssum = np.add.reduceat(s, starts)
        num = budget[row_of] * s
        den = ssum[row_of] * 100
        floors = num // den
        rems = num % den
        left = budget - 100 * np.add.reduceat(floors, starts)
        order = np.lexsort((position, -s, -rems, row_of))
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order)) - starts[row_of[order]]
        give = np.clip(left[row_of] - 100 * rank, 0, 100)
        parts = 100 * floors + give
        # Per-force sums: float64 is exact here (every total is far below 2^53 pence).
        results[i] = base_totals + np.rint(np.bincount(member, weights=parts, minlength=n_forces)).astype(np.int64)
    elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu

    good = results[ok]
    n = len(good)
    out = {"runs": args.runs, "computed": int(n), "failed": int(args.runs - n), "seconds": elapsed, "cpu_seconds": elapsed_cpu, "forces": {}}
    ordered = np.sort(good, axis=0)
    for f, force in enumerate(forces):
        col = ordered[:, f]
        rank = lambda p: max(1, (p * n + 99) // 100)
        total = int(sum(int(x) for x in col))
        mean = (2 * abs(total) + n) // (2 * n) * (1 if total >= 0 else -1)
        out["forces"][force] = {"min": int(col[0]), "p5": int(col[rank(5) - 1]), "median": int(col[rank(50) - 1]),
                                "p95": int(col[rank(95) - 1]), "max": int(col[-1]), "mean": int(mean)}
        # numpy's own nearest-rank method agrees wherever p * n / 100 is exact in floating point.
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
