//! `oasgen`: generate a Rust model crate from an OpenAPI 3.0, 3.1 or 3.2 (or Swagger 2.0) document.
//!
//! ```text
//! oasgen --spec openapi.yaml --out my-models --crate-name my-models [--roots Pet,Store]
//! ```

use std::process::ExitCode;

use clap::Parser;
use oas_codegen::cli::{GenerateArgs, Reporter, run_generate};

/// Generation builds and drops many small token trees and strings; mimalloc serves them faster
/// than the system allocator (see the pipeline bench's whole-process figure).
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
    let cli = Cli::parse();
    let outcome = run_generate(&cli.generate, "oasgen");
    if Reporter::new(&cli.generate).finish("oasgen", &outcome) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
