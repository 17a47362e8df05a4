#!/usr/bin/env python3
"""`godwit parse` as a script uses it: the merged catalog of several files (text and JSON),
exit 0 when everything parsed, 1 when a statement failed (output still complete), 2 for
usage errors (unknown dialect or format, missing file)."""
import json
import os
import subprocess
import sys
import tempfile

godwit = sys.argv[1]
failures = []


def run(*args):
    return subprocess.run([godwit, "parse", *args], capture_output=True, text=True)


def check(name, cond, detail=""):
    if not cond:
        failures.append(f"{name}: {detail}")


with tempfile.TemporaryDirectory() as tmp:
    first = os.path.join(tmp, "a.sql")
    with open(first, "w") as f:
        f.write("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL);\n")
    second = os.path.join(tmp, "b.sql")
    with open(second, "w") as f:
        f.write("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT);\n"
                "ALTER TABLE orders ADD CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id);\n"
                "CREATE VIEW big AS SELECT o.id, c.name || '!' AS label FROM orders o JOIN customers c ON c.id = o.customer_id;\n")
    broken = os.path.join(tmp, "broken.sql")
    with open(broken, "w") as f:
        f.write("CREATE TABLE ok (id INT);\nCREATE TABLE oops (;\nCREATE TABLE after (id INT);\n")

    r = run(first, second, "--dialect", "postgres", "--format", "json")
    check("clean files exit 0", r.returncode == 0, f"{r.returncode} {r.stderr}")
    doc = json.loads(r.stdout) if r.returncode == 0 else {}
    catalog = doc.get("catalog", {})
    tables = {t["name"]: t for t in catalog.get("tables", [])}
    check("both files merge into one catalog", set(tables) == {"customers", "orders"}, list(tables))
    fks = tables.get("orders", {}).get("foreign_keys", [])
    check("the ALTER in the second file adds the foreign key", len(fks) == 1, fks)
    views = catalog.get("views", [])
    check("the view is in the catalog", [v["name"] for v in views] == ["big"], views)
    check("two files reported", len(doc.get("files", [])) == 2, doc.get("files"))

    r = run(first, second, "--dialect", "postgres", "--format", "text")
    check("text exits 0", r.returncode == 0, r.stderr)
    check("text has the lineage", "label <- customers.name (transformed" in r.stdout, r.stdout[-600:])

    r = run(broken, "--dialect", "postgres")
    check("a failed statement exits 1", r.returncode == 1, f"{r.returncode} {r.stderr}")
    check("output is still complete", "table after" in r.stdout and "table ok" in r.stdout, r.stdout[-600:])

    for args, name in [((first, "--dialect", "klingon"), "unknown dialect"),
                       ((first, "--format", "yaml"), "unknown format"),
                       ((os.path.join(tmp, "missing.sql"),), "missing file")]:
        r = run(*args)
        check(f"{name} exits 2", r.returncode == 2, f"{r.returncode} {r.stderr}")
        check(f"{name} says why", r.stderr.strip() != "", "empty stderr")

    # Non-SQL schema files: detected per file (or forced) and merged into the same catalog.
    sample = os.path.join(tmp, "customers.csv")
    with open(sample, "w") as f:
        f.write("id,name,joined\n1,Ada,2024-01-02\n2,Grace,2024-03-04\n")
    avro = os.path.join(tmp, "order.avsc")
    with open(avro, "w") as f:
        f.write('{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"long"}]}')
    r = run(sample, avro, second, "--dialect", "postgres", "--format", "json")
    check("csv + avro + sql exit 0", r.returncode == 0, f"{r.returncode} {r.stderr}")
    doc = json.loads(r.stdout) if r.returncode == 0 else {}
    tables = {t["qualified_name"]: t for t in doc.get("catalog", {}).get("tables", [])}
    check("csv, avro and sql tables in one catalog",
          set(tables) == {"customers", "shop.Order", "orders"}, list(tables))
    fks = tables.get("orders", {}).get("foreign_keys", [])
    check("the SQL foreign key resolves to the CSV table",
          len(fks) == 1 and fks[0]["resolved"], fks)
    formats = [f.get("format", f.get("dialect")) for f in doc.get("files", [])]
    check("each file says what it was read as", formats == ["csv", "avro", "postgres"], formats)
    joined = tables.get("customers", {}).get("columns", [{}] * 3)[2]
    check("csv column types are inferred", joined.get("logical_type", {}).get("kind") == "date", joined)
    semicolons = os.path.join(tmp, "forced.txt")
    with open(semicolons, "w") as f:
        f.write("a;b\n1;2\n")
    r = run(semicolons, "--input-format", "csv", "--format", "text")
    check("--input-format csv forces the importer", r.returncode == 0 and "(csv): 1 tables" in r.stdout,
          f"{r.returncode} {r.stdout[-300:]} {r.stderr}")
    empty = os.path.join(tmp, "empty.csv")
    open(empty, "w").close()
    r = run(empty, "--input-format", "csv")
    check("an empty csv exits 1 with a diagnostic", r.returncode == 1 and "E-IMPORT-EMPTY" in r.stdout,
          f"{r.returncode} {r.stdout[-300:]}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("godwit parse CLI: all checks passed")
