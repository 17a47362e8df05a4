#!/usr/bin/python3
"""Peer comparison for bench/parse: parse the same corpus files with Debian's
python3-sqlglot and print one JSON line per dialect: bytes, CPU seconds, statements
returned, and files or statements sqlglot rejected.

Usage: parse_sqlglot.py BYTES_PER_DIALECT < list   (list lines: "dialect<TAB>path")
"""
import json
import sys
import time

import sqlglot
from sqlglot.errors import ErrorLevel

# Godwit's MANIFEST dialect names -> sqlglot's.
NAMES = {"postgres": "postgres", "mysql": "mysql", "tsql": "tsql", "oracle": "oracle",
         "snowflake": "snowflake", "bigquery": "bigquery", "sqlite": "sqlite",
         "redshift": "redshift", "hive": "hive", "spark": "spark"}


def main():
    budget = int(sys.argv[1]) if len(sys.argv) > 1 else 1 << 20
    files = {}
    for line in sys.stdin:
        dialect, path = line.rstrip("\n").split("\t", 1)
        files.setdefault(dialect, []).append(path)
    for dialect, paths in sorted(files.items()):
        taken = 0
        stats = {"dialect": dialect, "bytes": 0, "seconds": 0.0, "statements": 0, "failed_files": 0,
                 "files": 0}
        for path in paths:
            if taken >= budget:
                break
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            taken += len(text.encode("utf-8", errors="replace"))
            start = time.process_time()
            try:
                trees = sqlglot.parse(text, read=NAMES.get(dialect, dialect), error_level=ErrorLevel.IGNORE)
                stats["statements"] += sum(1 for t in trees if t is not None)
            except Exception:  # sqlglot gives up on the whole file
                stats["failed_files"] += 1
            stats["seconds"] += time.process_time() - start
            stats["bytes"] += len(text.encode("utf-8", errors="replace"))
            stats["files"] += 1
        print(json.dumps(stats), flush=True)


if __name__ == "__main__":
    main()
