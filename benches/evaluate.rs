//! Criterion benchmarks: parse + validate, evaluate, and the whole path, for every example;
//! 10,000 Monte Carlo runs of each; and the generated models of `benches/make_limits_model.py`:
//! the model at the format's limits (exact evaluation, simulation) and the tornado of 1,000
//! uncertain values. Run with `make bench`; the figures in the README come from here.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ekusia::{Format, Model, Options};
use std::path::PathBuf;

fn examples() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../models/examples");
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    for (name, text) in examples() {
        let mut g = c.benchmark_group(&name);
        g.bench_function("parse+validate", |b| {
            b.iter(|| {
                let m = Model::from_toml(black_box(&text)).unwrap();
                ekusia::validate(&m, &opts).unwrap()
            })
        });
        let v = ekusia::validate(&Model::from_toml(&text).unwrap(), &opts).unwrap();
        g.bench_function("evaluate", |b| b.iter(|| black_box(&v).evaluate().unwrap()));
        g.bench_function("parse+validate+evaluate", |b| {
            b.iter(|| ekusia::evaluate_text(black_box(&text), Format::Toml, &opts).unwrap())
        });
        let report = v.evaluate().unwrap();
        g.bench_function("report to JSON", |b| {
            b.iter(|| black_box(&report).to_json())
        });
        g.finish();
        // 10,000 Monte Carlo runs (with the model's distributions; without any, every run is the same).
        let model = Model::from_toml(&text).unwrap();
        let mut sim = c.benchmark_group(format!("{name}/simulate"));
        sim.sample_size(20);
        sim.bench_function("10000 runs", |b| {
            b.iter(|| {
                ekusia::simulate(black_box(&model), &opts, 10_000, 1, false, &mut |_| {}).unwrap()
            })
        });
        sim.finish();
    }
}

/// The generated models: the limits model and the 1,000-value tornado.
fn generated(c: &mut Criterion) {
    let opts = Options::default();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../benches");
    let read = |f: &str| Model::from_toml(&std::fs::read_to_string(dir.join(f)).unwrap()).unwrap();
    let limits = read("limits.toml");
    let mut g = c.benchmark_group("limits");
    g.sample_size(10);
    g.bench_function("validate+evaluate", |b| {
        b.iter(|| ekusia::evaluate(black_box(&limits), &opts).unwrap())
    });
    let v = ekusia::validate(&limits, &opts).unwrap();
    g.bench_function("evaluate", |b| b.iter(|| black_box(&v).evaluate().unwrap()));
    g.bench_function("simulate 1000 runs", |b| {
        b.iter(|| {
            ekusia::simulate(black_box(&limits), &opts, 1_000, 1, false, &mut |_| {}).unwrap()
        })
    });
    g.finish();
    let sens = read("sensitivity-1000.toml");
    let mut g = c.benchmark_group("sensitivity-1000");
    g.sample_size(10);
    g.bench_function("tornado", |b| {
        b.iter(|| ekusia::sensitivity(black_box(&sens), &opts).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = bench, generated
}
criterion_main!(benches);
