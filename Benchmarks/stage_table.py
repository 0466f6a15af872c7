#!/usr/bin/env python3
"""The per-stage table of one benchmark run: servicegap's `--timings` stages beside the
reference's stages from the same invocation, against the budgets of Benchmarks/budgets.tsv.

Prints a markdown block between `<!-- bench:RUN:begin -->` and `<!-- bench:RUN:end -->`
(Benchmarks/update_readme.py copies it into README.md). Called by the run scripts through
`stage_table` in Benchmarks/common.sh:

  stage_table.py --run straight --stages results/servicegap_national.stages \\
      --wall 12.7 --rss 432 [--reference results/baseline/timings.json \\
      --ref-wall 41.7 --ref-rss 529 --ref-label "geopandas baseline"] --script Benchmarks/run.sh

--stages is the output of `timing_rows` (indent, stage, seconds, peak MiB so far). The
reference's seconds are `stages_s[stage]` or `<stage>_s` of its timings JSON, and its peak
memory so far `peak_mb`, a list of [stage, MiB] in the order measured. A stage's memory is
what it added to the peak so far (the first from zero); what no stage accounts for (start-up,
imports, exit, untimed code) is shown on its own row. A row's budget is met when its seconds
and added MiB are within budget; the total row judges the wall time and peak RSS of the whole
process (GNU time) against the run's target.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

BUDGETS = Path(__file__).resolve().parent / "budgets.tsv"
AGGREGATES = {"analysis", "total"}


def read_budgets(path, run):
    rows, total = [], None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        r, stage, secs, mb, ours, theirs = line.split("\t")
        if r != run:
            continue
        row = {"stage": stage, "s": float(secs), "mb": None if mb == "-" else float(mb),
               "ours": [] if ours == "-" else ours.split(" + "),
               "theirs": [] if theirs == "-" else theirs.split(" + ")}
        if stage == "total":
            total = row
        else:
            rows.append(row)
    if total is None or not rows:
        sys.exit(f"stage_table.py: no budgets for run {run!r} (and its total row) in {path}")
    s = sum(r["s"] for r in rows)
    mb = None if total["mb"] is None else sum(r["mb"] or 0 for r in rows)
    if abs(s - total["s"]) > 1e-6 or (mb is not None and abs(mb - total["mb"]) > 1e-6):
        sys.exit(f"stage_table.py: the {run} budgets add up to {s:g} s / {mb} MiB, "
                 f"not the total's {total['s']:g} s / {total['mb']} MiB")
    return rows, total


def ours_stages(path):
    """Leaf stages of `--timings` in printed order: {stage: (seconds, added MiB, peak MiB)}.
    `analysis`, `total` and a stage whose `name: …` sub-stages are printed are sums of
    others and are left out."""
    lines = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        _, name, secs, mb = (line.split("\t") + [""])[:4]
        lines.append((name, float(secs), float(mb) if mb else None))
    names = {n for n, _, _ in lines}
    leaves, before = {}, 0.0
    for name, secs, mb in lines:
        if name in AGGREGATES or any(o.startswith(name + ": ") for o in names):
            continue
        added = None if mb is None else max(mb - before, 0.0)
        if mb is not None:
            before = max(before, mb)
        leaves[name] = (secs, added, mb)
    return leaves


def reference_stages(path):
    """The same for the reference's timings JSON; a stage measured in parts adds up (and is
    also returned, in a set, for a note under the table)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    secs = dict(data.get("stages_s") or {})
    for key, value in data.items():
        if key.endswith("_s") and key != "total_s" and isinstance(value, (int, float)):
            secs.setdefault(key[:-2], float(value))
    added, peak, before, split = {}, {}, 0.0, set()
    for name, mb in data.get("peak_mb") or []:
        if name in added:
            split.add(name)
        added[name] = added.get(name, 0.0) + max(mb - before, 0.0)
        peak[name] = mb
        before = max(before, mb)
    return {name: (s, added.get(name), peak.get(name)) for name, s in secs.items()} | {
        name: (None, added[name], peak[name]) for name in added if name not in secs}, split


def combine(stages, names):
    """Seconds, added MiB and peak MiB of the listed stages that ran; None when none did."""
    got = [stages[n] for n in names if n in stages and stages[n][0] is not None]
    if not got:
        return None
    mbs = [g for g in got if g[1] is not None]
    return (sum(g[0] for g in got), sum(g[1] for g in mbs) if mbs else None,
            max(g[2] for g in mbs) if mbs else None)


def fmt_s(v, bold=False):
    if v is None:
        return "—"
    return f"**{v:.2f}**" if bold else f"{v:.2f}"


def fmt_mem(added, peak):
    if added is None:
        return "—"
    return f"+{added:.0f}" if peak is None else f"{peak:.0f} (+{added:.0f})"


def ratio(ref, ours):
    if ref is None or not ours:
        return "—"
    return f"{ref / ours:.1f}×" if ref / ours >= 0.1 else f"{ref / ours:.2f}×"


def verdict(secs, mb, budget_s, budget_mb):
    if secs is None:
        return "—"
    over = [w for w, bad in (("time", secs > budget_s),
                             ("memory", budget_mb is not None and mb is not None and mb > budget_mb)) if bad]
    return "met" if not over else f"**NOT met** ({', '.join(over)})"


def names_md(names):
    return " + ".join(f"`{n}`" for n in names) if names else "—"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", required=True, help="straight, sweden or network (the budgets' run)")
    ap.add_argument("--budgets", default=BUDGETS)
    ap.add_argument("--stages", required=True, help="timing_rows output of the servicegap run")
    ap.add_argument("--wall", type=float, required=True)
    ap.add_argument("--rss", type=float, required=True, help="peak RSS of the servicegap run, MiB")
    ap.add_argument("--reference", help="the reference's timings JSON (left out: no reference columns)")
    ap.add_argument("--failed", action="store_true", help="the servicegap run failed (nothing is met)")
    ap.add_argument("--ref-wall", type=float)
    ap.add_argument("--ref-rss", type=float)
    ap.add_argument("--ref-label", default="reference")
    ap.add_argument("--script", default="Benchmarks/run.sh")
    args = ap.parse_args()

    budgets, total = read_budgets(args.budgets, args.run)
    ours = ours_stages(args.stages)
    theirs, split = reference_stages(args.reference) if args.reference else (None, set())
    mem_budget = total["mb"] is not None
    used = {n for b in budgets for n in b["ours"]}
    extra = [{"stage": f"{n} (no budget)", "s": None, "mb": None, "ours": [n], "theirs": []}
             for n in ours if n not in used]

    ref = args.ref_label
    head = ["stage", "servicegap stages", "s", "peak MiB (+added)"]
    if theirs is not None:
        head += [f"{ref} stages", "s", "peak MiB (+added)", f"{ref} / servicegap"]
    head += ["budget s"] + (["budget +MiB"] if mem_budget else []) + ["budget"]
    out = [f"<!-- bench:{args.run}:begin -->",
           f"Stage by stage, from `{args.script}` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
           f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, load average "
           f"{os.getloadavg()[0]:.1f} at the end): seconds, and the peak memory so far with what the "
           "stage added to it; budgets from `Benchmarks/budgets.tsv`.",
           "",
           "| " + " | ".join(head) + " |",
           "|" + "|".join("---" if h.endswith("stages") or h in ("stage", "budget") else "---:"
                          for h in head) + "|"]

    def row(label, names_ours, s_ours, mem_ours, names_ref, s_ref, mem_ref, ratio_md, budget_s, budget_mb,
            judged):
        cells = [label, names_ours, s_ours, mem_ours]
        if theirs is not None:
            cells += [names_ref, s_ref, mem_ref, ratio_md]
        cells.append("—" if budget_s is None else f"{budget_s:.2f}")
        if mem_budget:
            cells.append("—" if budget_mb is None else f"{budget_mb:.0f}")
        out.append("| " + " | ".join(cells + [judged]) + " |")

    sum_ours, sum_ref = [0.0, 0.0], [0.0, 0.0]
    for b in budgets + extra:
        got = combine(ours, b["ours"]) or (None, None, None)
        ref_got = (combine(theirs, b["theirs"]) if theirs is not None else None) or (None, None, None)
        for acc, g in ((sum_ours, got), (sum_ref, ref_got)):
            acc[0] += g[0] or 0.0
            acc[1] += g[1] or 0.0
        row(b["stage"], names_md(b["ours"]), fmt_s(got[0]), fmt_mem(got[1], got[2]),
            names_md(b["theirs"]), fmt_s(ref_got[0]), fmt_mem(ref_got[1], ref_got[2]),
            ratio(ref_got[0], got[0]), b["s"], b["mb"], verdict(got[0], got[1], b["s"], b["mb"]))

    # What no stage row accounts for: start-up, imports, untimed code, exit.
    has_ref_total = theirs is not None and args.ref_wall is not None and args.ref_rss is not None
    row("not in these stages", "start-up, exit, untimed", fmt_s(max(args.wall - sum_ours[0], 0.0)),
        fmt_mem(max(args.rss - sum_ours[1], 0.0), None), "start-up, imports, exit",
        fmt_s(max(args.ref_wall - sum_ref[0], 0.0)) if has_ref_total else "—",
        fmt_mem(max(args.ref_rss - sum_ref[1], 0.0), None) if has_ref_total else "—", "—", None, None, "—")
    row("**total**", "wall, peak RSS (GNU time)", fmt_s(args.wall, bold=True), f"**{args.rss:.0f}**",
        "wall, peak RSS" if has_ref_total else "—",
        fmt_s(args.ref_wall) if has_ref_total else "—",
        f"{args.ref_rss:.0f}" if has_ref_total else "—",
        f"**{ratio(args.ref_wall, args.wall)}**" if has_ref_total else "—", total["s"], total["mb"],
        "**FAILED**" if args.failed else verdict(args.wall, args.rss, total["s"], total["mb"]))
    split = sorted(n for n in split if any(n in b["theirs"] for b in budgets))
    if split:
        out += ["", f"The {ref}'s {names_md(split).replace(' + ', ', ')} is timed in parts around other "
                "stages: its seconds add up, its peak is the one after its last part."]
    out += ["", f"<!-- bench:{args.run}:end -->"]
    print("\n".join(out))


if __name__ == "__main__":
    main()
