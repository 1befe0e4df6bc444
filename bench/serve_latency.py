#!/usr/bin/env python3
"""Time from saving a page's source to a dev server serving the rebuilt page.

Appends a new word to the end of FILE (one ordinary save: open, write, close), then
polls URL over one keep-alive connection until the page contains the word. Repeats
EDITS times, pausing between edits, and prints one JSON line: the name and the
latencies in milliseconds. Standard library only.
"""
import argparse
import http.client
import json
import statistics
import sys
import time
import urllib.parse


def fetch(conn, path):
    conn.request("GET", path, headers={"Cache-Control": "no-cache"})
    response = conn.getresponse()
    return response.status, response.read()


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--name", required=True)
    ap.add_argument("--url", required=True)
    ap.add_argument("--file", required=True)
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--pause", type=float, default=1.0, help="seconds between edits (at least)")
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args()

    url = urllib.parse.urlsplit(args.url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=args.timeout)
    status, _ = fetch(conn, url.path)  # warm up (Hugo's fast render tracks visited pages)
    if status != 200:
        sys.exit(f"{args.url}: status {status}")

    latencies = []
    stamp = int(time.time())
    for i in range(args.edits):
        word = f"benchword{stamp}x{i}"
        with open(args.file, encoding="utf-8") as f:
            text = f.read()
        new = text.rstrip("\n") + f" {word}\n"
        started = time.perf_counter()
        with open(args.file, "w", encoding="utf-8") as f:
            f.write(new)
        needle = word.encode()
        while True:
            try:
                status, body = fetch(conn, url.path)
            except (http.client.HTTPException, OSError):
                conn.close()
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=args.timeout)
                continue
            if needle in body:
                break
            if time.perf_counter() - started > args.timeout:
                sys.exit(f"{args.name}: edit {i} not served after {args.timeout} s")
        took = (time.perf_counter() - started) * 1000
        latencies.append(round(took, 1))
        print(f"  {args.name} edit {i + 1}: {took:.1f} ms", file=sys.stderr)
        time.sleep(max(args.pause, 3 * took / 1000))

    print(json.dumps({
        "name": args.name,
        "median_ms": round(statistics.median(latencies), 1),
        "min_ms": min(latencies),
        "max_ms": max(latencies),
        "latencies_ms": latencies,
    }))


if __name__ == "__main__":
    main()
