#!/usr/bin/env python3
"""The file system's share of a build: how long this machine takes to create as many
folders and files as a site has, with nothing rendered.

    bench/fsfloor.py [DIR] [FILES] [BYTES]     default: bench/out/fsfloor 1470 21000

Creates FILES folders, each with an `index.html` of BYTES bytes (a 1,000-profile
site is about 1,470 such files of 21 KB on average), with one thread and then two,
and the same files without their folders. Each run writes into a new folder under
DIR after `sync` (and, as root, dropping the page cache, as bench/run.sh does), and
everything is removed at the end (on ext4 that slows the file creation of the next
minutes: leave some time before bench/run.sh, and between two runs of this script).
Python adds some 20 µs per file, and its lock keeps that part from running on two
cores at once: the figures are upper bounds, the two-thread ones the most.
"""

import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor


def prepare():
    os.sync()
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("1\n")
    except OSError:
        pass


def run(base, files, data, threads, folders):
    root = tempfile.mkdtemp(dir=base)
    prepare()

    def share(k):
        for i in range(k, files, threads):
            if folders:
                folder = os.path.join(root, f"p{i}")
                os.mkdir(folder)
                path = os.path.join(folder, "index.html")
            else:
                path = os.path.join(root, f"p{i}.html")
            with open(path, "wb") as f:
                f.write(data)

    with ThreadPoolExecutor(threads) as pool:
        start = time.perf_counter()
        list(pool.map(share, range(threads)))
        return (time.perf_counter() - start) * 1000


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    base = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "out", "fsfloor")
    files = int(sys.argv[2]) if len(sys.argv) > 2 else 1470
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 21000
    os.makedirs(base, exist_ok=True)
    data = b"x" * size
    try:
        for folders in (True, False):
            what = "folders with a file each" if folders else "files in one folder"
            for threads in (1, 2):
                times = sorted(run(base, files, data, threads, folders) for _ in range(5))
                print(f"{files} {what}, {size} B, {threads} thread(s): median {times[2]:.1f} ms")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
