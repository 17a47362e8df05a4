CREATE TABLE t (a int PRIMARY KEY, b text DEFAULT $$x$$);
SELECT a::int FROM t;
\connect x
