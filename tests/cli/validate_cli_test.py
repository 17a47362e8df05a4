#!/usr/bin/env python3
"""`godwit validate` as a CI pipeline uses it, on two SQLite databases (no server needed):
exit 0 when every check passes, 1 when one fails (the JSON report says which and why,
text and HTML forms too), 2 for usage and connection errors with a message on stderr."""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

godwit = sys.argv[1]
failures = []


def run(*args):
    return subprocess.run([godwit, "validate", *args], capture_output=True, text=True)


def check(name, cond, detail=""):
    if not cond:
        failures.append(f"{name}: {detail}")


def mapping_document():
    def field(src, tgt, transformation="direct", formula=""):
        return {"id": f"fm-{tgt}", "sources": [{"table": "orders", "column": src}],
                "target": {"table": "sales", "column": tgt}, "transformation": transformation,
                "formula": formula, "confidence": 1, "rank": 1, "status": "approved",
                "provenance": "person"}
    return {"format_version": 1,
            "source": {"dialect": "sqlite", "files": []},
            "target": {"dialect": "sqlite", "files": []},
            "formula_dialect": "sqlite",
            "tables": [{"id": "tm-sales", "source_tables": ["orders"], "target_table": "sales",
                        "confidence": 1, "status": "approved", "provenance": "person"}],
            "fields": [field("id", "sale_id"), field("customer", "customer_name"),
                       field("cents", "amount", "computed", "cents / 100.0")]}


with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "src.db")
    tgt = os.path.join(tmp, "tgt.db")
    with sqlite3.connect(src) as db:
        db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, cents INTEGER)")
        db.executemany("INSERT INTO orders VALUES (?, ?, ?)",
                       [(i, f"customer {i}", i * 250) for i in range(1, 201)])
    with sqlite3.connect(tgt) as db:
        db.execute("CREATE TABLE sales (sale_id INTEGER PRIMARY KEY, customer_name TEXT, "
                   "amount NUMERIC(10,2))")
        db.executemany("INSERT INTO sales VALUES (?, ?, ?)",
                       [(i, f"customer {i}", i * 2.5) for i in range(1, 201)])
    mapping = os.path.join(tmp, "mapping.json")
    with open(mapping, "w") as f:
        json.dump(mapping_document(), f)
    source_url, target_url = "sqlite:///" + src.lstrip("/"), "sqlite:///" + tgt.lstrip("/")

    r = run("--source", source_url, "--target", target_url, "--mapping", mapping)
    check("equal data exits 0", r.returncode == 0, r.stdout + r.stderr)
    check("text output has a summary", "passed:" in r.stdout, r.stdout)
    check("text output lists the keyed diff", "PASSED  keyed_diff:main.sales" in r.stdout, r.stdout)

    with sqlite3.connect(tgt) as db:
        db.execute("UPDATE sales SET customer_name = 'somebody' WHERE sale_id = 42")
        db.execute("DELETE FROM sales WHERE sale_id = 7")
    r = run("--source", source_url, "--target", target_url, "--mapping", mapping,
            "--format", "json")
    check("a difference exits 1", r.returncode == 1, r.stdout + r.stderr)
    try:
        report = json.loads(r.stdout)
    except json.JSONDecodeError as e:
        report = {"checks": []}
        failures.append(f"json output: {e}: {r.stdout[:500]}")
    checks = {c["id"]: c for c in report.get("checks", [])}
    diff = checks.get("keyed_diff:main.sales", {})
    check("keyed diff failed", diff.get("status") == "failed", diff)
    check("keyed diff explains", "1 missing in the target" in diff.get("message", "") and
          "customer_name: value differs" in diff.get("message", ""), diff.get("message"))
    check("samples are masked by default",
          all("somebody" not in json.dumps(s) for s in diff.get("samples", [])), diff)
    check("row count failed", checks.get("row_count:main.sales", {}).get("status") == "failed",
          checks.get("row_count:main.sales"))
    check("report says failed", report.get("passed") is False, report.get("passed"))

    r = run("--source", source_url, "--target", target_url, "--mapping", mapping,
            "--format", "json", "--allow-samples")
    check("--allow-samples shows values", "somebody" in r.stdout, r.stdout[:2000])

    r = run("--source", source_url, "--target", target_url, "--mapping", mapping,
            "--format", "html")
    check("html exits 1", r.returncode == 1, r.stderr)
    check("html page", r.stdout.startswith("<!DOCTYPE html>") and "keyed_diff:main.sales" in r.stdout,
          r.stdout[:300])

    r = run("--source", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2",
            "--target", target_url, "--mapping", mapping)
    check("unreachable database exits 2", r.returncode == 2, r.stdout + r.stderr)
    check("unreachable database says so", "cannot connect to the source database" in r.stderr,
          r.stderr)

    r = run("--source", "nosuchscheme://x", "--target", target_url, "--mapping", mapping)
    check("bad URL exits 2", r.returncode == 2, r.stdout + r.stderr)

    bad = os.path.join(tmp, "bad.json")
    with open(bad, "w") as f:
        f.write("{not json")
    r = run("--source", source_url, "--target", target_url, "--mapping", bad)
    check("bad mapping exits 2", r.returncode == 2 and "not valid JSON" in r.stderr, r.stderr)

    r = run("--source", source_url, "--target", target_url, "--mapping", mapping,
            "--tables", "nonexistent")
    check("nothing to check exits 2", r.returncode == 2 and "nothing to check" in r.stderr,
          r.stdout + r.stderr)

    r = run("--source", source_url, "--target", target_url, "--mapping", mapping,
            "--format", "yaml")
    check("unknown format exits 2", r.returncode == 2, r.stdout + r.stderr)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("godwit validate: all CLI checks passed")
