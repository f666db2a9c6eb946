//! Evaluates one example many times; for profilers (`valgrind --tool=callgrind`).
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "models/examples/jobbspar-forsorjningsstod.toml".into());
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let text = std::fs::read_to_string(path).unwrap();
    let m = ekusia::Model::from_toml(&text).unwrap();
    let v = ekusia::validate(&m, &ekusia::Options::default()).unwrap();
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(v.evaluate().unwrap());
    }
    eprintln!(
        "{:.2} µs per evaluate",
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
