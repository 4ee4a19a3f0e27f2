//! A short run of the fuzzer (`tests/fuzz/engine.rs`): mutated site.yaml, front matter,
//! Markdown bodies and static files, and the security review's crash inputs, through `check`.
//! No case may panic, abort or hang. The long run is `scripts/fuzz.sh --minutes N`.

#[path = "../fuzz/engine.rs"]
#[allow(dead_code)]
mod engine;

use std::path::Path;

/// The short run's seed: every test run checks the same cases (change it to explore).
const SEED: u64 = 20_261_204;

#[test]
fn a_short_fuzz_run_of_check_neither_panics_nor_hangs() {
    let tmp = tempfile::tempdir().unwrap();
    let site = engine::Site::copy_default(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &tmp.path().join("site"),
    )
    .expect("copy the default site");
    let cases: u64 = std::env::var("REACHOUT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(60);
    let mut failed = 0;
    for case in 0..cases {
        let outcome = std::panic::catch_unwind(|| engine::run_case(&site, SEED, case))
            .unwrap_or_else(|_| {
                panic!("case {case} panicked: replay it with scripts/fuzz.sh --seed {SEED} --case {case}")
            });
        // A hang guard for an unoptimised build on a busy machine, not a speed target.
        assert!(
            outcome.took.as_secs() < 20,
            "case {case} ({}) took {:?}",
            outcome.file,
            outcome.took
        );
        failed += usize::from(outcome.problems > 0);
    }
    // The mutations do break sites: a run where every case passed would test nothing.
    assert!(failed > 0, "no case produced a problem");
}
