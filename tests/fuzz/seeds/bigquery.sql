SELECT * EXCEPT (a) FROM `p.d.t` WHERE x IN UNNEST([1,2]) QUALIFY r = 1; # c
