//! Parses (and validates) one example many times; for profilers (`valgrind --tool=callgrind`).
//! `cargo run --release -p ekusia --example profile_parse -- MODEL [N] [parse|validate|both]`:
//! `parse` times the text → model step alone, `validate` the model → validated step alone,
//! `both` (the default) the two together as the criterion bench "parse+validate" does.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "models/examples/jobbspar-forsorjningsstod.toml".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let what = args.next().unwrap_or_else(|| "both".into());
    let text = std::fs::read_to_string(path).unwrap();
    let opts = ekusia::Options::default();
    let m = ekusia::Model::from_toml(&text).unwrap();
    // Once outside the loop, so the bundled base's one-time resolution is not counted.
    ekusia::validate(&m, &opts).unwrap();
    let t = std::time::Instant::now();
    for _ in 0..n {
        match what.as_str() {
            "parse" => {
                std::hint::black_box(
                    ekusia::Model::from_toml(std::hint::black_box(&text)).unwrap(),
                );
            }
            "validate" => {
                std::hint::black_box(ekusia::validate(std::hint::black_box(&m), &opts).unwrap());
            }
            _ => {
                let m = ekusia::Model::from_toml(std::hint::black_box(&text)).unwrap();
                std::hint::black_box(ekusia::validate(&m, &opts).unwrap());
            }
        }
    }
    eprintln!(
        "{:.2} µs per {what}",
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
