#!/usr/bin/python3
"""Checks the files `godwit generate` writes with independent Debian tools.

For the project in tests/codegen/project it runs `godwit generate` for every platform and:
- BigQuery / Databricks: parses every load and merge SQL file with python3-sqlglot
  (read bigquery / spark); the DDL files use column OPTIONS, NOT ENFORCED keys and table
  constraints that Debian's sqlglot 10.6 does not read, so Godwit's parser (run by the
  CLI, exit 1 on a parse error) is their check;
- PostgreSQL: every SQL file with sqlglot (read postgres) except MERGE and ALTER TABLE ADD
  FOREIGN KEY (sqlglot 10.6 reads neither; PostgreSQL runs them in codegen_pg_tests);
- Beam: `python3 -m py_compile` and pyflakes3 on pipeline.py;
- dbt (both adapters): renders every model's Jinja with python3-jinja2 (ref, source,
  config, and the project's macros/*.sql) and parses the result with sqlglot; loads every YAML file with python3-yaml and
  checks dbt's property-file structure (version 2, sources/tables, models/columns/tests).
The project in tests/codegen/nested (a STRUCT target filled member by member from flat
columns, an ARRAY from a formula) gets the same SQL and Python checks.
Also checks the CLI's exit codes for bad input. Exit 0 when all pass, 1 otherwise,
77 (skipped) when a tool is missing.
"""
import os
import subprocess
import sys
import tempfile

try:
    import jinja2
    import sqlglot
    import yaml
except ImportError as missing:
    print('skipped: %s' % missing)
    sys.exit(77)

GODWIT = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.join(HERE, 'project', 'mapping.json')
NESTED = os.path.join(HERE, 'nested', 'mapping.json')
failures = []
KNOWN_TESTS = {'not_null', 'unique', 'relationships', 'accepted_values'}


def fail(message):
    failures.append(message)
    print('FAIL ' + message)


def generate(platform, out, *extra, project=PROJECT):
    run = subprocess.run([GODWIT, 'generate', '--project-file', project, '--platform', platform,
                          '--out', out] + list(extra), capture_output=True, text=True)
    if run.returncode != 0:
        fail('generate %s exited %d: %s%s' % (platform, run.returncode, run.stdout, run.stderr))
    return run


def files(root, suffix):
    for base, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(suffix):
                yield os.path.join(base, name)


def parse_sql(path, text, read):
    try:
        statements = [s for s in sqlglot.parse(text, read=read) if s is not None]
        if not statements:
            fail('%s: no statement parsed' % path)
    except Exception as error:  # sqlglot raises several error types
        fail('%s (%s): %s' % (path, read, str(error).splitlines()[0]))


def check_warehouse(platform, read):
    with tempfile.TemporaryDirectory() as out:
        if generate(platform, out).returncode != 0:
            return
        count = 0
        for path in files(out, '.sql'):
            rel = os.path.relpath(path, out)
            if platform != 'postgres' and not rel.startswith(('load/', 'merge/')):
                continue
            # sqlglot 10.6 reads neither MERGE nor ALTER TABLE ... ADD FOREIGN KEY in
            # PostgreSQL; PostgreSQL itself runs both in the codegen_pg_tests end-to-end test.
            if platform == 'postgres' and (rel.startswith('merge/') or rel == 'ddl/zz_foreign_keys.sql'):
                continue
            parse_sql(rel, open(path).read(), read)
            count += 1
        if count < 2:
            fail('%s: expected load SQL files, found %d' % (platform, count))
        print('%s: %d SQL files parsed by sqlglot' % (platform, count))


def check_beam():
    with tempfile.TemporaryDirectory() as out:
        if generate('beam', out).returncode != 0:
            return
        pipeline = os.path.join(out, 'pipeline.py')
        for tool in ([sys.executable, '-m', 'py_compile', pipeline], ['pyflakes3', pipeline]):
            run = subprocess.run(tool, capture_output=True, text=True)
            if run.returncode != 0:
                fail('beam: %s: %s%s' % (tool[-2], run.stdout, run.stderr))
        for name in ('requirements.txt', 'README.md'):
            if not os.path.exists(os.path.join(out, name)):
                fail('beam: %s missing' % name)
        print('beam: pipeline.py compiled and checked by pyflakes')


def check_property_file(path, doc):
    if not isinstance(doc, dict) or doc.get('version') != 2:
        fail('%s: not a dbt property file (version: 2)' % path)
        return
    for source in doc.get('sources', []):
        if not isinstance(source.get('name'), str) or not isinstance(source.get('tables'), list):
            fail('%s: a source needs a name and a list of tables' % path)
        for table in source.get('tables', []):
            if not isinstance(table.get('name'), str):
                fail('%s: a source table needs a name' % path)
    for model in doc.get('models', []):
        if not isinstance(model.get('name'), str) or not isinstance(model.get('columns'), list):
            fail('%s: a model needs a name and columns' % path)
            continue
        for column in model['columns']:
            if not isinstance(column.get('name'), str):
                fail('%s: a column needs a name' % path)
            for test in column.get('tests', []):
                name = test if isinstance(test, str) else (list(test)[0] if isinstance(test, dict) and len(test) == 1 else None)
                if name not in KNOWN_TESTS:
                    fail('%s: unknown test %r' % (path, test))
                if name == 'relationships' and set(test['relationships']) != {'to', 'field'}:
                    fail('%s: relationships needs to and field' % path)
                if name == 'accepted_values' and not isinstance(test['accepted_values'].get('values'), list):
                    fail('%s: accepted_values needs values' % path)


def check_dbt(adapter, read):
    with tempfile.TemporaryDirectory() as out:
        if generate('dbt', out, '--dbt-adapter', adapter).returncode != 0:
            return
        env = jinja2.Environment(undefined=jinja2.StrictUndefined)
        context = {'ref': lambda name: '%s_%s' % ('analytics', name),
                   'source': lambda schema, table: '%s.%s' % (schema, table),
                   'config': lambda **kwargs: ''}
        # dbt makes every macro of macros/ callable from every model.
        macros = ''.join(open(path).read() for path in files(os.path.join(out, 'macros'), '.sql'))
        models = 0
        for path in files(out, '.sql'):
            rel = os.path.relpath(path, out)
            if rel.startswith('macros' + os.sep):
                continue
            rendered = env.from_string(macros + open(path).read()).render(**context)
            parse_sql(rel, rendered, read)
            models += 1
        ymls = 0
        for path in files(out, '.yml'):
            rel = os.path.relpath(path, out)
            doc = yaml.safe_load(open(path))
            ymls += 1
            if rel == 'dbt_project.yml':
                for key in ('name', 'version', 'config-version', 'profile'):
                    if key not in doc:
                        fail('%s: %s missing' % (rel, key))
            else:
                check_property_file(rel, doc)
        tests = yaml.safe_load(open(os.path.join(out, 'models', 'marts', 'schema.yml')))
        names = [list(t)[0] if isinstance(t, dict) else t
                 for m in tests['models'] for c in m['columns'] for t in c.get('tests', [])]
        for expected in KNOWN_TESTS:
            if expected not in names:
                fail('dbt %s: no %s test generated' % (adapter, expected))
        if models < 4 or ymls < 3:
            fail('dbt %s: expected 4 models and 3 YAML files, found %d and %d' % (adapter, models, ymls))
        print('dbt %s: %d models rendered and parsed, %d YAML files checked' % (adapter, models, ymls))


def check_apply():
    with tempfile.TemporaryDirectory() as out:
        run = generate('bigquery', out)
        if '--apply partition:analytics.customer:signup_date' not in run.stdout:
            fail('bigquery: partition advice missing: %s' % run.stdout)
        run = generate('bigquery', out, '--apply', 'partition:analytics.customer:signup_date')
        ddl = open(os.path.join(out, 'ddl', 'analytics.customer.sql')).read()
        if '\nPARTITION BY signup_date\n' not in ddl or 'partition:analytics.customer' in run.stdout:
            fail('bigquery: --apply did not partition: %s' % ddl)


def composite_casts_for_sqlglot(text, read):
    # sqlglot 10.6 reads SAFE_CAST only to scalar types (SAFE_CAST(x AS ARRAY<STRING>) and
    # SAFE_CAST(x AS STRUCT<...>) fail, CAST to them passes); BigQuery takes SAFE_CAST to
    # every type CAST takes, so the text is checked with the casts read as CAST.
    return text.replace('SAFE_CAST(', 'CAST(') if read == 'bigquery' else text


def check_nested():
    for platform, read in (('bigquery', 'bigquery'), ('databricks', 'spark')):
        with tempfile.TemporaryDirectory() as out:
            if generate(platform, out, project=NESTED).returncode != 0:
                continue
            load = open(os.path.join(out, 'load', 'analytics.customer.sql')).read()
            if ('STRUCT(' if platform == 'bigquery' else 'named_struct(') not in load:
                fail('nested %s: the struct is not built in %s' % (platform, load))
            for rel in ('load/analytics.customer.sql', 'merge/analytics.customer.sql'):
                text = open(os.path.join(out, rel)).read()
                parse_sql('nested %s %s' % (platform, rel), composite_casts_for_sqlglot(text, read), read)
    for adapter, read in (('bigquery', 'bigquery'), ('databricks', 'spark')):
        with tempfile.TemporaryDirectory() as out:
            if generate('dbt', out, '--dbt-adapter', adapter, project=NESTED).returncode != 0:
                continue
            env = jinja2.Environment(undefined=jinja2.StrictUndefined)
            context = {'ref': lambda name: 'analytics_%s' % name,
                       'source': lambda schema, table: '%s.%s' % (schema, table),
                       'config': lambda **kwargs: ''}
            macros = ''.join(open(path).read() for path in files(os.path.join(out, 'macros'), '.sql'))
            mart = os.path.join(out, 'models', 'marts', 'customer.sql')
            rendered = env.from_string(macros + open(mart).read()).render(**context)
            parse_sql('nested dbt %s' % adapter, composite_casts_for_sqlglot(rendered, read), read)
    with tempfile.TemporaryDirectory() as out:
        if generate('beam', out, project=NESTED).returncode == 0:
            pipeline = os.path.join(out, 'pipeline.py')
            text = open(pipeline).read()
            if "'type': 'RECORD'" not in text or "'mode': 'REPEATED'" not in text:
                fail('nested beam: no RECORD / REPEATED field in the schema')
            for tool in ([sys.executable, '-m', 'py_compile', pipeline], ['pyflakes3', pipeline]):
                run = subprocess.run(tool, capture_output=True, text=True)
                if run.returncode != 0:
                    fail('nested beam: %s: %s%s' % (tool[-2], run.stdout, run.stderr))
    print('nested: STRUCT / ARRAY load, merge and dbt SQL parsed by sqlglot, Beam compiled')


def check_cli_errors():
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run([GODWIT, 'generate', '--project-file', PROJECT, '--platform', 'oracle',
                              '--out', out], capture_output=True, text=True)
        if run.returncode != 2 or 'unknown platform' not in run.stderr:
            fail('unknown platform: exit %d %s' % (run.returncode, run.stderr))
        bad = os.path.join(out, 'bad.json')
        open(bad, 'w').write('{"format_version": 1, "tables": [{"id": 3}]}')
        run = subprocess.run([GODWIT, 'generate', '--project-file', bad, '--platform', 'bigquery',
                              '--out', out], capture_output=True, text=True)
        if run.returncode != 2 or '/tables/0' not in run.stderr:
            fail('invalid document: exit %d %s' % (run.returncode, run.stderr))


check_warehouse('bigquery', 'bigquery')
check_warehouse('databricks', 'spark')
check_warehouse('postgres', 'postgres')
check_beam()
check_dbt('bigquery', 'bigquery')
check_dbt('databricks', 'spark')
check_apply()
check_nested()
check_cli_errors()
print('%d failures' % len(failures))
sys.exit(1 if failures else 0)
