#!/usr/bin/python3
"""Peer for bench/transpile: python3-sqlglot transpile of the first BYTES of each
dialect's corpus files into bigquery, databricks and postgres. Prints one line per
(source, target): "source target bytes cpu_seconds".

Usage: transpile_sqlglot.py BYTES < list   (list lines: "dialect<TAB>path")
"""
import sys
import time

import sqlglot
from sqlglot.errors import ErrorLevel

TARGETS = ["bigquery", "databricks", "postgres"]


def main():
    budget = int(sys.argv[1]) if len(sys.argv) > 1 else 1 << 18
    files = {}
    for line in sys.stdin:
        dialect, path = line.rstrip("\n").split("\t", 1)
        files.setdefault(dialect, []).append(path)
    for dialect, paths in sorted(files.items()):
        texts, taken = [], 0
        for path in paths:
            if taken >= budget:
                break
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            taken += len(text.encode("utf-8", errors="replace"))
            texts.append(text)
        for target in TARGETS:
            start = time.process_time()
            for text in texts:
                try:
                    sqlglot.transpile(text, read=dialect, write=target,
                                      error_level=ErrorLevel.IGNORE)
                except Exception:  # sqlglot gives up on the whole file
                    pass
            print(dialect, target, taken, time.process_time() - start, flush=True)


if __name__ == "__main__":
    main()
