//! Simulates one model many times; for profilers (`valgrind --tool=callgrind`).
//! `cargo run --release -p ekusia --example profile_sim -- MODEL RUNS REPEATS`
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "models/examples/jobbspar-osakerhet.toml".into());
    let runs: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let text = std::fs::read_to_string(path).unwrap();
    let m = ekusia::Model::from_toml(&text).unwrap();
    let opts = ekusia::Options::default();
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(ekusia::simulate(&m, &opts, runs, 1, false, &mut |_| {}).unwrap());
    }
    eprintln!(
        "{:.3} ms per simulation of {runs} runs",
        t.elapsed().as_secs_f64() * 1e3 / n as f64
    );
}
