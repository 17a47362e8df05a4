#!/usr/bin/env python3
"""Independent check of the SQL Godwit generates: every input of the translation cases
(tests/unit/sql/printer/cases/*.test) is transpiled by `godwit transpile` into BigQuery,
Databricks/Spark and PostgreSQL, and each generated statement that is not marked
unsupported is parsed by sqlglot (Debian's python3-sqlglot) in that dialect.

Prints the pass rate per target and every failure; exits 1 when a target's rate is below
--min-rate, 77 (CTest skip) when sqlglot is not installed.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile

try:
    import sqlglot
except ImportError:
    print("python3-sqlglot is not installed (apt-get install python3-sqlglot); skipping")
    sys.exit(77)

TARGETS = {"bigquery": "bigquery", "databricks": "databricks", "postgres": "postgres"}


def read_inputs(cases_dir):
    """(from_dialect, sql) of every transpile/pretty case."""
    inputs = []
    for path in sorted(pathlib.Path(cases_dir).glob("*.test")):
        lines = path.read_text().splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            if not line or line.startswith("#"):
                i += 1
                continue
            words = line.split()
            i += 1
            body = []
            while i < len(lines) and lines[i] != "----":
                body.append(lines[i])
                i += 1
            i += 1
            while i < len(lines) and lines[i]:
                i += 1
            if words[0] in ("transpile", "pretty", "roundtrip"):
                inputs.append((words[1], "\n".join(body)))
    return inputs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--godwit", required=True)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--min-rate", type=float, default=95.0)
    args = ap.parse_args()

    by_source = {}
    for source, sql in read_inputs(args.cases):
        if sql not in by_source.setdefault(source, []):  # the same input in several files
            by_source[source].append(sql)
    failed_any = False
    with tempfile.TemporaryDirectory() as tmp:
        for target, glot in TARGETS.items():
            checked = passed = skipped = 0
            failures = []
            for source, sqls in sorted(by_source.items()):
                path = os.path.join(tmp, f"{source}.sql")
                # One statement per case; ';' ends each (GO is not needed by the parser).
                pathlib.Path(path).write_text(";\n".join(sqls) + ";\n")
                run = subprocess.run(
                    [args.godwit, "transpile", path, "--from", source, "--to", target,
                     "--format", "json", "--compact"],
                    capture_output=True, text=True)
                if run.returncode != 0:
                    print(f"godwit transpile failed for {source} -> {target}: {run.stderr}")
                    return 1
                for stmt in json.loads(run.stdout)["statements"]:
                    if stmt["counts"]["unsupported"]:
                        skipped += 1
                        continue
                    checked += 1
                    try:
                        sqlglot.parse_one(stmt["output"], read=glot)
                        passed += 1
                    except Exception as e:  # sqlglot raises ParseError and friends
                        failures.append((source, stmt["output"], str(e).splitlines()[0]))
            rate = 100.0 * passed / checked if checked else 100.0
            print(f"{target:11} checked {checked:4}  parsed {passed:4}  "
                  f"skipped (unsupported) {skipped:4}  rate {rate:6.2f}%")
            for source, sql, err in failures:
                print(f"  FAIL {source} -> {target}: {sql}\n       {err}")
            if rate < args.min_rate:
                failed_any = True
    return 1 if failed_any else 0


if __name__ == "__main__":
    sys.exit(main())
