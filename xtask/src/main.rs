//! Workspace tasks, run as `cargo xtask <command>`.
//!
//! - `codegen`: regenerate `crates/ory-client-models` from `spec/` (`--check`: write nothing,
//!   fail when anything is stale).
//! - `generate`: generate a standalone crate from any OpenAPI 3.0, 3.1 or 3.2 (or Swagger 2.0) document (as `oasgen`).
//! - `conformance --shared DIR`: the real-world check against Ory's specs, the spec corpus, the
//!   Hydra payloads and the reference page in DIR.
//! - `portable`: packages the runtime and the generator, and builds a crate generated with the
//!   default options outside the workspace against the packaged runtime, offline.
//! - `bench-compile --spec FILE`: crate-only `cargo check` / `cargo build` times of the crate
//!   generated for a spec, against openapi-generator's models when it is installed.
//! - `bench-generate --spec FILE`: the whole `oasgen` process against reading the spec into
//!   `openapiv3::OpenAPI`, and against earlier `oasgen` binaries, in alternating rounds.

mod bench_compile;
mod bench_generate;
mod codegen;
mod conformance;
mod dialect;
mod examples;
mod portable;
mod same_api;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Workspace tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the model crate from spec/ (writes only files that changed).
    Codegen {
        /// Write nothing; fail when a generated file is stale.
        #[arg(long)]
        check: bool,
    },
    /// Generate a standalone crate from any OpenAPI 3.0, 3.1 or 3.2 (or Swagger 2.0) document (the same as `oasgen`).
    Generate(oas_codegen::cli::GenerateArgs),
    /// Lower, generate and compile every shared spec; check payloads and the reference page.
    Conformance {
        /// The shared folder (specs/, payloads/, seed/).
        #[arg(long)]
        shared: PathBuf,
        /// Lower only: skip generating and compiling crates.
        #[arg(long)]
        no_compile: bool,
    },
    /// Packages the runtime and the generator and builds a crate generated with the default
    /// options, outside the workspace, against the packaged runtime (offline).
    Portable,
    /// Times crate-only `cargo check` and `cargo build` of the crate generated for a spec, and of
    /// openapi-generator's models for it when `openapi-generator-cli` is installed.
    BenchCompile {
        /// The OpenAPI document.
        #[arg(long)]
        spec: PathBuf,
        /// Timed runs per crate (the median is reported).
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Also time our crate with only this model's feature (`o_auth2_client`).
        #[arg(long)]
        feature: Option<String>,
        /// Also time an already generated crate in this folder (one an earlier `oasgen` wrote
        /// for the same spec, to pair a change against its baseline); repeatable.
        #[arg(long)]
        also: Vec<PathBuf>,
    },
    /// Times the whole `oasgen` process on a spec against reading the spec into
    /// `openapiv3::OpenAPI`, and against earlier `oasgen` binaries, in alternating rounds.
    BenchGenerate {
        /// The OpenAPI document (JSON: the yardstick reads JSON).
        #[arg(long)]
        spec: PathBuf,
        /// Rounds (medians are reported).
        #[arg(long, default_value_t = 41)]
        runs: usize,
        /// Also time this `oasgen` binary (one an earlier checkout built, to pair a change
        /// against its baseline); repeatable.
        #[arg(long)]
        also: Vec<PathBuf>,
    },
    /// Generates, compiles and lints the crates of random documents (the fuzz targets'
    /// generator, fixed seeds).
    RandomCrates {
        /// How many documents.
        #[arg(long, default_value_t = 20)]
        count: usize,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen { check } => codegen::run(&workspace_root(), check),
        Command::Conformance { shared, no_compile } => {
            conformance::run(&workspace_root(), &shared, !no_compile)
        }
        Command::Portable => portable::run(&workspace_root()),
        Command::BenchCompile {
            spec,
            runs,
            feature,
            also,
        } => bench_compile::run(
            &workspace_root(),
            &spec,
            runs.max(1),
            feature.as_deref(),
            &also,
        ),
        Command::BenchGenerate { spec, runs, also } => {
            bench_generate::run(&workspace_root(), &spec, runs.max(1), &also)
        }
        Command::RandomCrates { count } => conformance::run_random(&workspace_root(), count),
        Command::Generate(args) => {
            let outcome = oas_codegen::cli::run_generate(&args, "cargo xtask generate");
            return match oas_codegen::cli::Reporter::new(&args).finish("generate", &outcome) {
                true => ExitCode::SUCCESS,
                false => ExitCode::FAILURE,
            };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `oasgen`, built from the workspace and run from its root; add its arguments.
fn oasgen(root: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO"));
    command.current_dir(root).args([
        "run",
        "--quiet",
        "-p",
        "oas-codegen",
        "--bin",
        "oasgen",
        "--",
    ]);
    command
}

/// The workspace root (xtask lives one level below it).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace root")
        .to_path_buf()
}
