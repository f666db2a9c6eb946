"""How long ``ekusia.observe`` takes on a register-sized follow-up table, per frame engine.

Builds N person-month rows (each person followed 24 months from a start month in 2023, two
groups, a comparison group, three labels) in polars and in DuckDB, and times the whole
``ekusia.observe(frame, model)``: the checks (empty cells, periods, duplicates), the label
look-up, the month arithmetic and the two group-bys in the engine, and the core writing the
shares into the model. Only the count table crosses into Rust, so the time is the engine's.

    .venv/bin/python py/benchmarks/bench_observe.py --rows 1000000 10000000
"""
from __future__ import annotations

import argparse
import sys
import time

import ekusia

MODEL = """
format = "ekusia-model/1.1"
name = "Registeruppföljning"
base = "se-2024"
horizon = 5
[intervention]
start = { social_assistance = 1 }
costs = [{ name = "Coacher", amount = 5000000, financing = { municipality = 1 } }]
[[groups]]
id = "young"
name = "Unga"
cohorts = [{ start_year = 0, participants = 1000 }]
[[groups]]
id = "adults"
name = "Vuxna"
cohorts = [{ start_year = 0, participants = 1000 }]
"""


def polars_frame(n: int):
    import polars as pl

    i = pl.int_range(0, n, dtype=pl.Int64, eager=True).alias("i")
    df = pl.DataFrame(i).with_columns(person=pl.col("i") // 24, k=pl.col("i") % 24)
    m = (pl.col("person") % 12) + pl.col("k")
    h = (pl.col("person") * 7 + pl.col("k") * 13) % 10
    return df.select(
        "person",
        period=pl.date(2023 + m // 12, m % 12 + 1, 1),
        state=pl.when(h < 5).then(pl.lit("Försörjningsstöd")).when(h < 8).then(pl.lit("Arbete"))
        .otherwise(pl.lit("Studier")),
        group=pl.when(pl.col("person") % 2 == 0).then(pl.lit("young")).otherwise(pl.lit("adults")),
        scenario=pl.when(pl.col("person") % 5 == 0).then(pl.lit("without")).otherwise(pl.lit("with")),
    )


def duckdb_relation(n: int):
    import duckdb

    con = duckdb.connect()
    con.execute(f"""
        create table followup as
        select person, make_date(2023 + (m // 12)::int, (m % 12 + 1)::int, 1) as period,
               case when h < 5 then 'Försörjningsstöd' when h < 8 then 'Arbete' else 'Studier' end as state,
               case when person % 2 = 0 then 'young' else 'adults' end as "group",
               case when person % 5 = 0 then 'without' else 'with' end as scenario
        from (select i // 24 as person, (i // 24) % 12 + i % 24 as m, ((i // 24) * 7 + (i % 24) * 13) % 10 as h
              from (select range as i from range({n})))
    """)
    return con, con.table("followup")


def best_of(frame, model, runs: int = 2) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        ekusia.observe(frame, model)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    args = ap.parse_args()
    model = ekusia.Model.from_toml(MODEL)
    print(f"ekusia {ekusia.__version__}, Python {sys.version.split()[0]}")
    for n in args.rows:
        df = polars_frame(n)
        first = ekusia.observe(df, model)
        print(f"{n:>12,} person-months  polars DataFrame   {best_of(df, model):7.2f} s")
        del df
        con, rel = duckdb_relation(n)
        o = ekusia.observe(rel, model)
        assert o.model == first.model, "DuckDB and polars must count the same model"
        print(f"{n:>12,} person-months  DuckDB relation    {best_of(rel, model):7.2f} s")
        con.close()


if __name__ == "__main__":
    main()
