//! `oasgen`: generate a Rust model crate from an OpenAPI 3.0, 3.1 or 3.2 (or Swagger 2.0) document.
//!
//! ```text
//! oasgen --spec openapi.yaml --out my-models --crate-name my-models [--roots Pet,Store]
//! ```

use std::process::ExitCode;

use clap::Parser;
use oas_codegen::cli::{GenerateArgs, Reporter, run_generate};

/// Generation builds and drops many small token trees and strings; mimalloc serves them faster
/// than the system allocator or jemalloc (see the pipeline bench's whole-process figure). Its
/// 2.x line (the `v2` feature), because on Ory's spec (12 MB live at most) the 3.x line
/// committed 105 MiB and had the kernel zero 36 transparent huge pages where 2.x zeroes 21.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "oasgen",
    version,
    about = "Generate a Rust model crate from an OpenAPI 3.0, 3.1 or 3.2 (or Swagger 2.0) document"
)]
struct Cli {
    #[command(flatten)]
    generate: GenerateArgs,
}

fn main() -> ExitCode {
    // The process ends with the run: what generation gives up is left for the exit to reclaim.
    oas_parser::parallel::exit_reclaims_memory();
    let cli = Cli::parse();
    let outcome = run_generate(&cli.generate, "oasgen");
    if Reporter::new(&cli.generate).finish("oasgen", &outcome) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
