#!/usr/bin/env python3
"""Seeded generator of large population files for the scaling benchmark.

Writes to --out (default Benchmarks/data/scaling):

  population_N.csv   id,name,population,lon,lat   N synthetic units scattered over
                     Sweden: units resampled (uniformly) from
                     Benchmarks/data/population.csv and jittered by a Gaussian of
                     --jitter metres; without that file, sampled around the SCB
                     localities of fixtures/sweden/tatorter_2020.csv
                     (population-weighted, spread scaled with each locality's area).
  services.csv       id,name,category,lon,lat     written once (kept if present): a
                     copy of Benchmarks/data/services.csv, else 10,400 services
                     in grocery, atm, fuel, pharmacy placed at generated units.
  manifest.json      seed, rows and bytes of each file, so scaling.sh can tell
                     when a file must be regenerated.

The output is a deterministic function of --rows, --seed and the input files.
Synthetic: the points are NOT real people or real services.

Rows are formatted as bytes with numpy (a padded uint8 matrix per chunk, pad bytes
dropped), not one Python call per row: 5 M rows take a few seconds.

Usage:  python3 Benchmarks/generate_scaling.py --rows 1250000 --seed 42 --out Benchmarks/data/scaling
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO / "Benchmarks" / "data" / "population.csv"
DEFAULT_SERVICES = REPO / "Benchmarks" / "data" / "services.csv"
DEFAULT_TATORTER = REPO / "fixtures" / "sweden" / "tatorter_2020.csv"

# Fallback services when Benchmarks/data/services.csv is missing: (count, category).
SERVICE_MIX = {"grocery": 3500, "atm": 2600, "fuel": 2900, "pharmacy": 1400}
CHUNK = 500_000  # bounds the byte matrix to ~40 MB
M_PER_DEG_LAT = 111_320.0
PAD = 0  # never occurs in UTF-8 text, so it can mark unused bytes


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --- vectorised CSV formatting -----------------------------------------------------

def int_field(v, width):
    """Non-negative ints as right-aligned ASCII digits; leading zeros -> PAD."""
    v = np.asarray(v, dtype=np.int64)
    out = np.empty((len(v), width), dtype=np.uint8)
    x = v.copy()
    for k in range(width - 1, -1, -1):
        out[:, k] = 48 + (x % 10)
        x //= 10
    if (x != 0).any():
        raise ValueError(f"value wider than {width} digits")
    # Digit k (from the left) is a leading zero when v < 10**(width-1-k); keep the last.
    for k in range(width - 1):
        out[v < 10 ** (width - 1 - k), k] = PAD
    return out


def fixed_int_field(v, width):
    """Zero-padded digits (ids, fractional parts)."""
    out = np.empty((len(v), width), dtype=np.uint8)
    x = np.asarray(v, dtype=np.int64).copy()
    for k in range(width - 1, -1, -1):
        out[:, k] = 48 + (x % 10)
        x //= 10
    return out


def coord_field(deg):
    """Degrees with 6 decimals (Sweden: 0 < value < 100)."""
    micro = np.rint(np.asarray(deg) * 1e6).astype(np.int64)
    whole, frac = np.divmod(micro, 1_000_000)
    dot = np.full((len(micro), 1), ord("."), dtype=np.uint8)
    return np.hstack([int_field(whole, 3), dot, fixed_int_field(frac, 6)])


def const_field(text, n):
    b = np.frombuffer(text.encode(), dtype=np.uint8)
    return np.broadcast_to(b, (n, len(b)))


def string_table(values):
    """Unique strings -> padded uint8 matrix of their CSV-quoted UTF-8 form."""
    enc = []
    for s in values:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow([s])
        enc.append(buf.getvalue().encode())
    width = max(len(e) for e in enc)
    table = np.zeros((len(enc), width), dtype=np.uint8)
    for i, e in enumerate(enc):
        table[i, : len(e)] = np.frombuffer(e, dtype=np.uint8)
    return table


def write_rows(f, start, name_table, name_idx, pop, lon, lat, id_width):
    n = len(pop)
    comma = const_field(",", n)
    parts = [
        const_field("U", n), fixed_int_field(np.arange(start + 1, start + n + 1), id_width), comma,
        name_table[name_idx], comma,
        int_field(pop, 7), comma,
        coord_field(lon), comma,
        coord_field(lat), const_field("\n", n),
    ]
    m = np.hstack(parts).ravel()
    f.write(m[m != PAD].tobytes())


# --- sampling ----------------------------------------------------------------------

class Source:
    """Points to resample: lon, lat, population, name index into `names`."""

    def __init__(self, lon, lat, pop, name_idx, names, desc, sigma_m):
        self.lon, self.lat, self.pop = lon, lat, pop
        self.name_idx, self.names, self.desc = name_idx, names, desc
        self.sigma_m = sigma_m  # per-point jitter in metres


def source_from_population(path, jitter):
    d = pd.read_csv(path, usecols=["name", "population", "lon", "lat"])
    idx, names = pd.factorize(d["name"], sort=True)
    n = len(d)
    return Source(d["lon"].to_numpy(float), d["lat"].to_numpy(float),
                  d["population"].to_numpy(np.int64), idx.astype(np.int64),
                  list(names), f"{path.name} ({n:,} units)", np.full(n, jitter))


def source_from_tatorter(path, rng, jitter):
    # Pre-sample 500k centres so that the main draw is the same uniform resampling.
    t = pd.read_csv(path, dtype={"tatortskod": str}).sort_values("tatortskod", kind="stable")
    p = t["befolkning"].to_numpy(float)
    k = rng.choice(len(t), size=500_000, p=p / p.sum())
    r = np.sqrt(t["area_ha"].to_numpy(float) * 1e4 / np.pi)[k]
    core = rng.random(len(k)) < 0.85
    sigma = np.maximum(np.where(core, 0.6 * r, 2.0 * r), jitter)
    pop = np.minimum(rng.lognormal(2.5, 0.9, len(k)).astype(np.int64) + 1, 9_999_999)
    return Source(t["lon"].to_numpy(float)[k], t["lat"].to_numpy(float)[k], pop,
                  k.astype(np.int64), list(t["namn"]), f"{path.name} ({len(t):,} localities)", sigma)


def jittered(rng, src, k, sigma_m=None):
    s = src.sigma_m[k] if sigma_m is None else sigma_m
    lat = src.lat[k] + rng.normal(0.0, 1.0, len(k)) * s / M_PER_DEG_LAT
    lon = src.lon[k] + rng.normal(0.0, 1.0, len(k)) * s / (M_PER_DEG_LAT * np.cos(np.radians(lat)))
    return lon, lat


# --- outputs -----------------------------------------------------------------------

def write_population(out, rows, seed, src):
    rng = np.random.default_rng([seed, rows])
    id_width = max(7, len(str(rows)))
    name_table = string_table(src.names)
    path = out / f"population_{rows}.csv"
    tmp = path.with_suffix(".csv.tmp")
    people = 0
    with open(tmp, "wb", buffering=1 << 22) as f:
        f.write(b"id,name,population,lon,lat\n")
        for start in range(0, rows, CHUNK):
            n = min(CHUNK, rows - start)
            k = rng.integers(0, len(src.lon), n)
            lon, lat = jittered(rng, src, k)
            pop = src.pop[k]
            people += int(pop.sum())
            write_rows(f, start, name_table, src.name_idx[k], pop, lon, lat, id_width)
    tmp.replace(path)
    return path, people


def write_services(out, seed, src, services_source):
    path = out / "services.csv"
    if path.exists():
        return path, "kept"
    if services_source.exists():
        shutil.copyfile(services_source, path)
        return path, f"copy of {services_source.name}"
    rng = np.random.default_rng([seed, 0])
    w = src.pop.astype(float) / src.pop.sum()
    frames = []
    for cat, count in SERVICE_MIX.items():
        k = rng.choice(len(src.lon), size=count, p=w)
        lon, lat = jittered(rng, src, k, sigma_m=300.0)
        frames.append(pd.DataFrame({"category": cat, "lon": np.round(lon, 6), "lat": np.round(lat, 6)}))
    df = pd.concat(frames, ignore_index=True)
    df.insert(0, "id", [f"S{i + 1:06d}" for i in range(len(df))])
    df.insert(1, "name", [f"{c} {i}" for c, i in zip(df["category"], df["id"])])
    df.to_csv(path, index=False, float_format="%.6f", lineterminator="\n")
    return path, f"generated ({len(df):,})"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", type=Path, default=REPO / "Benchmarks" / "data" / "scaling")
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                    help="population CSV to resample (default Benchmarks/data/population.csv)")
    ap.add_argument("--services-source", type=Path, default=DEFAULT_SERVICES,
                    help="services CSV to copy (default Benchmarks/data/services.csv)")
    ap.add_argument("--tatorter", type=Path, default=DEFAULT_TATORTER)
    ap.add_argument("--jitter", type=float, default=150.0, help="Gaussian jitter in metres")
    args = ap.parse_args()
    if args.rows < 1:
        ap.error("--rows must be positive")

    t0 = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.source.exists():
        src = source_from_population(args.source, args.jitter)
    else:
        src = source_from_tatorter(args.tatorter, np.random.default_rng([args.seed, 1]), args.jitter)
    log(f"source: {src.desc}  [{time.perf_counter() - t0:.1f}s]")

    path, people = write_population(args.out, args.rows, args.seed, src)
    size = path.stat().st_size
    log(f"{path.name}: {args.rows:,} units, {people:,} people, {size / 1e6:.1f} MB  "
        f"[{time.perf_counter() - t0:.1f}s]")
    spath, how = write_services(args.out, args.seed, src, args.services_source)
    log(f"services.csv: {how}")

    mpath = args.out / "manifest.json"
    manifest = json.loads(mpath.read_text()) if mpath.exists() else {}
    manifest[path.name] = {"rows": args.rows, "seed": args.seed, "bytes": size, "people": people,
                           "source": src.desc, "jitter_m": args.jitter,
                           "generator": "Benchmarks/generate_scaling.py", "synthetic": True}
    manifest["services.csv"] = {"bytes": spath.stat().st_size, "origin": how if how != "kept"
                                else manifest.get("services.csv", {}).get("origin", "kept")}
    mpath.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    log(f"done in {time.perf_counter() - t0:.1f}s -> {args.out}")


if __name__ == "__main__":
    main()
