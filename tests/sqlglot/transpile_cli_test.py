#!/usr/bin/env python3
"""`godwit transpile` exit codes and output shapes: 0 when clean, 1 with --strict when
anything is approximate or unsupported, 2 for an unknown dialect or a missing file; the
JSON form lists every statement with output, counts and diagnostics."""
import json
import os
import subprocess
import sys
import tempfile

godwit = sys.argv[1]
failures = []


def run(*args):
    return subprocess.run([godwit, "transpile", *args], capture_output=True, text=True)


def check(name, cond, detail=""):
    if not cond:
        failures.append(f"{name}: {detail}")


with tempfile.TemporaryDirectory() as tmp:
    clean = os.path.join(tmp, "clean.sql")
    with open(clean, "w") as f:
        f.write("SELECT COALESCE(a, 0) AS x FROM t WHERE b > 1;\nCREATE VIEW v AS SELECT a FROM t;\n")
    lossy = os.path.join(tmp, "lossy.sql")
    with open(lossy, "w") as f:
        f.write("SELECT TOP 3 ISNULL(a, 0) FROM t;\nSELECT 1;\n")

    r = run(clean, "--from", "postgres", "--to", "snowflake", "--strict")
    check("clean strict exits 0", r.returncode == 0, r.stderr)
    check("sql output", "SELECT COALESCE(a, 0) AS x" in r.stdout, r.stdout)

    r = run(lossy, "--from", "tsql", "--to", "postgres", "--strict")
    check("approximate strict exits 1", r.returncode == 1, f"{r.returncode} {r.stderr}")
    r = run(lossy, "--from", "tsql", "--to", "postgres")
    check("approximate without strict exits 0", r.returncode == 0, r.stderr)
    check("diagnostic comment", "-- warning W-TRANSLATE-APPROXIMATE" in r.stdout, r.stdout)

    r = run(lossy, "--from", "tsql", "--to", "postgres", "--format", "json", "--compact")
    check("json exits 0", r.returncode == 0, r.stderr)
    doc = json.loads(r.stdout)
    check("two statements", len(doc["statements"]) == 2, r.stdout)
    first = doc["statements"][0]
    check("output", first["output"] == "SELECT COALESCE(a, 0) FROM t LIMIT 3", first["output"])
    check("counts", first["counts"]["approximate"] == 1, first["counts"])
    check("diagnostic", first["diagnostics"][0]["code"] == "W-TRANSLATE-APPROXIMATE", first)
    check("totals", doc["counts"]["approximate"] == 1 and doc["from"] == "tsql", doc["counts"])

    r = run(clean, "--from", "postgres", "--to", "db2")
    check("unknown target exits 2", r.returncode == 2, f"{r.returncode} {r.stderr}")
    check("names the dialects", "bigquery" in r.stderr, r.stderr)
    r = run(os.path.join(tmp, "missing.sql"), "--from", "postgres", "--to", "mysql")
    check("missing file exits 2", r.returncode == 2, f"{r.returncode}")
    r = subprocess.run([godwit, "transpile", clean, "--from", "postgres"], capture_output=True)
    check("missing --to exits 2", r.returncode == 2, f"{r.returncode}")

for f in failures:
    print("FAIL", f)
print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
