#!/usr/bin/env python3
"""`godwit map` as a script uses it: the CSV form is exactly
source_table,source_column,target_table,target_column,rank,confidence with the top K
candidates (ranks 1..K) of every source column; the JSON form is the mapping document;
SQL and JSON table listings both work; exit 0 on success, 1 when a schema file has errors
(suggestions still printed), 2 for usage errors (unknown dialect or format, missing file,
bad JSON, no tables)."""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

godwit = sys.argv[1]
failures = []


def run(*args):
    return subprocess.run([godwit, "map", *args], capture_output=True, text=True)


def check(name, cond, detail=""):
    if not cond:
        failures.append(f"{name}: {detail}")


with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "src.sql")
    with open(src, "w") as f:
        f.write("CREATE TABLE cust (cust_id NUMBER(10) PRIMARY KEY, cust_nm VARCHAR2(100), "
                "birth_dt DATE, tot_amt NUMBER(38,10), zip_cd VARCHAR2(10), qty NUMBER(5), "
                "email VARCHAR2(100));\n")
    tgt = os.path.join(tmp, "tgt.sql")
    with open(tgt, "w") as f:
        f.write("CREATE TABLE customers (customer_id INT64, name STRING, date_of_birth DATE, "
                "total_amount NUMERIC(12, 2), postal_code STRING, quantity INT64, email STRING);\n")
    tgt_json = os.path.join(tmp, "tgt.json")
    with open(tgt_json, "w") as f:
        json.dump({"tables": [{"name": "customers", "columns": [
            {"name": "customer_id", "type": "INT64", "primary_key": True},
            {"name": "name", "type": "STRING", "description": "the customer's full name"},
            {"name": "quantity", "type": "INT64"}]}]}, f)
    broken = os.path.join(tmp, "broken.sql")
    with open(broken, "w") as f:
        f.write("CREATE TABLE cust (cust_id INT, cust_nm TEXT);\nCREATE TABLE oops (;\n")
    bad_json = os.path.join(tmp, "bad.json")
    with open(bad_json, "w") as f:
        f.write("{not json")

    base = ["--source", src, "--source-dialect", "oracle", "--target", tgt,
            "--target-dialect", "bigquery"]
    r = run(*base, "--format", "csv")
    check("csv exits 0", r.returncode == 0, f"{r.returncode} {r.stderr}")
    lines = r.stdout.splitlines()
    check("csv header is exact", lines[:1] == [
        "source_table,source_column,target_table,target_column,rank,confidence"], lines[:1])
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    by_source = {}
    for row in rows:
        by_source.setdefault((row["source_table"], row["source_column"]), []).append(row)
    check("every source column has candidates", len(by_source) == 7, sorted(by_source))
    for key, cands in by_source.items():
        ranks = [int(c["rank"]) for c in cands]
        check(f"{key} has ranks 1..5", ranks == [1, 2, 3, 4, 5], ranks)
        confs = [float(c["confidence"]) for c in cands]
        check(f"{key} confidences in [0,1], best first",
              all(0 <= c <= 1 for c in confs) and confs == sorted(confs, reverse=True), confs)
    best = {k[1]: v[0]["target_column"] for k, v in by_source.items()}
    check("cust_nm -> name", best.get("cust_nm") == "name", best)
    check("tot_amt -> total_amount", best.get("tot_amt") == "total_amount", best)
    check("qty -> quantity", best.get("qty") == "quantity", best)

    r = run(*base, "--format", "csv", "--top", "2")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    check("--top 2 gives two per column", len(rows) == 14, len(rows))

    r = run(*base)
    check("json exits 0", r.returncode == 0, f"{r.returncode} {r.stderr}")
    doc = json.loads(r.stdout) if r.returncode == 0 else {}
    check("json is the mapping document", doc.get("format_version") == 1
          and doc.get("target", {}).get("dialect") == "bigquery"
          and doc.get("formula_dialect") == "bigquery", {k: doc.get(k) for k in ("format_version", "target")})
    amt = [f for f in doc.get("fields", []) if f["sources"][0]["column"] == "tot_amt" and f["rank"] == 1]
    check("the scale loss gets a safe cast and a warning",
          amt and amt[0]["transformation"] == "cast" and amt[0]["formula"].startswith("SAFE_CAST(ROUND(")
          and amt[0]["warnings"], amt)
    check("table mapping cust -> customers",
          [(t["source_tables"], t["target_table"]) for t in doc.get("tables", [])] == [(["cust"], "customers")],
          doc.get("tables"))

    r = run("--source", src, "--source-dialect", "oracle", "--target", tgt_json, "--format", "csv")
    check("a JSON target listing works", r.returncode == 0 and ",customers,name,1," in r.stdout,
          f"{r.returncode} {r.stderr} {r.stdout[:300]}")

    # Tables are named as ground-truth files name them: without the schema, unless two
    # schemas hold a table of that name (then qualified), or --qualified asks for it.
    schemas = os.path.join(tmp, "schemas.sql")
    with open(schemas, "w") as f:
        f.write("CREATE TABLE sales.cust (cust_id INT PRIMARY KEY, cust_nm TEXT);\n"
                "CREATE TABLE sales.orders (order_id INT PRIMARY KEY, qty INT);\n"
                "CREATE TABLE archive.orders (order_id INT PRIMARY KEY, qty INT);\n")
    r = run("--source", schemas, "--source-dialect", "postgres", "--target", tgt, "--format", "csv")
    tables = {row["source_table"] for row in csv.DictReader(io.StringIO(r.stdout))}
    check("csv names tables without their schema unless ambiguous",
          r.returncode == 0 and tables == {"cust", "sales.orders", "archive.orders"}, tables)
    r = run("--source", schemas, "--source-dialect", "postgres", "--target", tgt, "--format", "csv",
            "--qualified")
    tables = {row["source_table"] for row in csv.DictReader(io.StringIO(r.stdout))}
    check("--qualified keeps the schema", tables == {"sales.cust", "sales.orders", "archive.orders"},
          tables)

    r = run("--source", broken, "--source-dialect", "postgres", "--target", tgt, "--format", "csv")
    check("a schema file with errors exits 1", r.returncode == 1, f"{r.returncode} {r.stderr}")
    check("suggestions still printed", "cust,cust_nm,customers,name,1," in r.stdout, r.stdout[:300])

    for args, name in [((*base[:-1], "klingon"), "unknown dialect"),
                       ((*base, "--format", "yaml"), "unknown format"),
                       (("--source", os.path.join(tmp, "missing.sql"), "--target", tgt), "missing file"),
                       (("--source", src, "--target", bad_json), "bad JSON"),
                       (("--source", src), "no target"),
                       ((*base, "--top", "0"), "top 0")]:
        r = run(*args)
        check(f"{name} exits 2", r.returncode == 2, f"{r.returncode} {r.stdout[:200]} {r.stderr}")
        check(f"{name} says why", r.stderr.strip() != "", "empty stderr")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("godwit map CLI: all checks passed")
