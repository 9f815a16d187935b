//! `cargo xtask bench-generate --spec FILE`: how long the whole `oasgen` process takes on a spec,
//! against the yardstick (reading the same spec into `openapiv3::OpenAPI`, timed inside
//! a process of its own) and against earlier `oasgen` binaries (`--also`). The yardstick is its
//! warm parses (memory already touched, as a benchmark loop sees it); its first parse, which pays
//! the page faults a process pays for fresh memory as `oasgen` does, is shown beside it.
//!
//! Both are built in release. Each round runs every `oasgen` once into an empty folder (on tmpfs
//! where `/dev/shm` exists) and the yardstick once, in a rotating order, so that a busy machine
//! slows them alike; the table gives medians and, for each earlier binary, the median of the
//! per-round ratios, which drift between rounds does not move.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::bench_compile::median;

/// One `oasgen` binary under measurement.
struct Subject {
    label: String,
    binary: PathBuf,
    /// Milliseconds per round.
    millis: Vec<f64>,
}

/// Runs the benchmark.
pub fn run(root: &Path, spec: &Path, runs: usize, also: &[PathBuf]) -> Result<(), String> {
    let spec = spec
        .canonicalize()
        .map_err(|err| format!("--spec {}: {err}", spec.display()))?;
    println!("bench-generate: {}", spec.display());
    build_release(root)?;
    let release = root.join("target/release");
    let yardstick = release.join("examples/read_openapiv3");
    let mut subjects = vec![Subject {
        label: "oasgen (this checkout)".to_owned(),
        binary: release.join("oasgen"),
        millis: Vec::new(),
    }];
    for binary in also {
        subjects.push(Subject {
            label: binary.display().to_string(),
            binary: binary.clone(),
            millis: Vec::new(),
        });
    }
    let scratch = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        root.join("target")
    };
    let out = scratch.join(format!("bench-generate-{}", std::process::id()));
    let mut yardstick_millis = Vec::new();
    let mut cold_millis = Vec::new();
    for round in 0..runs {
        for index in rotation(subjects.len(), round) {
            let subject = &mut subjects[index];
            subject
                .millis
                .push(time_oasgen(&subject.binary, &spec, &out)?);
        }
        let (warm, cold) = time_yardstick(&yardstick, &spec)?;
        yardstick_millis.push(warm);
        cold_millis.push(cold);
        print!(".");
    }
    println!();
    let _ = std::fs::remove_dir_all(&out);
    print_table(&subjects, &yardstick_millis, &cold_millis);
    Ok(())
}

/// `oasgen` and the yardstick example, in release.
fn build_release(root: &Path) -> Result<(), String> {
    let status = Command::new(env!("CARGO"))
        .current_dir(root)
        .args(["build", "--release", "-p", "oas-codegen", "--bin", "oasgen"])
        .args(["--example", "read_openapiv3"])
        .status()
        .map_err(|err| format!("cargo build --release: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("cargo build --release failed".to_owned())
    }
}

/// The order the subjects run in, round `round`: each takes every place in turn.
fn rotation(count: usize, round: usize) -> impl Iterator<Item = usize> {
    (0..count).map(move |place| (place + round) % count)
}

/// Milliseconds of one `oasgen` run into an empty `out`.
fn time_oasgen(binary: &Path, spec: &Path, out: &Path) -> Result<f64, String> {
    let _ = std::fs::remove_dir_all(out);
    let started = Instant::now();
    let status = Command::new(binary)
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(out)
        .args(["--crate-name", "bench-models"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|err| format!("{}: {err}", binary.display()))?;
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    if status.success() {
        Ok(millis)
    } else {
        Err(format!("{} failed on {}", binary.display(), spec.display()))
    }
}

/// The yardstick's median over its warm parses, and its first (cold) parse.
fn time_yardstick(example: &Path, spec: &Path) -> Result<(f64, f64), String> {
    let output = Command::new(example)
        .arg(spec)
        .arg("6")
        .output()
        .map_err(|err| format!("{}: {err}", example.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed: {}",
            example.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let millis: Vec<f64> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.trim().parse().ok())
        .collect();
    match millis.split_first() {
        Some((&cold, warm)) if !warm.is_empty() => Ok((median(warm), cold)),
        _ => Err(format!("{} printed too few times", example.display())),
    }
}

/// The median of the per-round ratios `numerator[i] / denominator[i]`.
fn paired_ratio(numerator: &[f64], denominator: &[f64]) -> f64 {
    let ratios: Vec<f64> = numerator
        .iter()
        .zip(denominator)
        .map(|(top, bottom)| top / bottom)
        .collect();
    median(&ratios)
}

fn print_table(subjects: &[Subject], yardstick: &[f64], cold: &[f64]) {
    let ours = &subjects[0].millis;
    println!(
        "\n| | median | ÷ this checkout (paired) | ÷ yardstick (paired) | ÷ cold parse (paired) |"
    );
    println!("|---|---|---|---|---|");
    println!(
        "| read into `openapiv3::OpenAPI` (yardstick) | {:.1} ms | | | |",
        median(yardstick)
    );
    println!(
        "| the same, first parse in its process (cold) | {:.1} ms | | | |",
        median(cold)
    );
    for subject in subjects {
        println!(
            "| {} | {:.1} ms | {:.2}× | {:.1}× | {:.1}× |",
            subject.label,
            median(&subject.millis),
            paired_ratio(&subject.millis, ours),
            paired_ratio(&subject.millis, yardstick),
            paired_ratio(&subject.millis, cold),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subject_takes_every_place_in_turn() {
        let orders: Vec<Vec<usize>> = (0..3).map(|round| rotation(3, round).collect()).collect();
        assert_eq!(orders, [[0, 1, 2], [1, 2, 0], [2, 0, 1]]);
    }

    #[test]
    fn the_paired_ratio_ignores_drift_between_rounds() {
        // The machine slows down threefold halfway; each round, b takes twice as long as a.
        let a = [10.0, 10.0, 30.0, 30.0, 30.0];
        let b = [20.0, 20.0, 60.0, 60.0, 60.0];
        assert_eq!(paired_ratio(&b, &a), 2.0);
        assert_eq!(median(&b) / median(&a), 2.0);
        let c = [20.0, 20.0, 20.0, 60.0, 60.0];
        assert_eq!(paired_ratio(&c, &a), 2.0);
        assert!(
            (median(&c) / median(&a) - 2.0).abs() > 0.5,
            "medians alone are fooled"
        );
    }
}
