WITH x AS (SELECT v:a::string AS s FROM t, LATERAL FLATTEN(input => t.v) f) SELECT * FROM x;
