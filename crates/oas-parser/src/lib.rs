//! Loads an OpenAPI 3.0, 3.1 or 3.2 (or Swagger 2.0) document and lowers its schemas into a plain-data model IR.
//!
//! The pipeline's first stage: [`load_file`] / [`parse_document`] read JSON or YAML (detected by
//! content) and check the version; [`lower`] reads the named schemas (`components.schemas`,
//! webhook bodies, what refs point at) with the reader of the document's [`Dialect`] into the
//! dialect-neutral [`view`], and turns them into an [`Ir`], with [`Diagnostic`]s that name the
//! JSON pointer of every node at fault. Later stages consume only the [`ir`] types.
//!
//! ```
//! let spec = r#"
//! openapi: 3.0.3
//! info: { title: Pets, version: "1" }
//! paths: {}
//! components:
//!   schemas:
//!     pet:
//!       type: object
//!       required: [name]
//!       properties:
//!         name: { type: string, minLength: 1 }
//! "#;
//! let document = oas_parser::parse_document(spec)?;
//! let lowering = oas_parser::lower(&document);
//! let pet = &lowering.ir.models[0];
//! assert_eq!(pet.name, "Pet");
//! # Ok::<(), oas_parser::Diagnostic>(())
//! ```

mod cycles;
pub mod diagnostic;
pub mod ir;
pub mod load;
mod locate;
mod lower;
pub mod naming;
pub mod parallel;
mod read;
mod tags;
mod tree;
pub mod value_set;
pub mod view;

pub use diagnostic::{Diagnostic, Location, Severity};
pub use ir::Ir;
pub use load::{Dialect, Document, Format, load_file, parse_document};
pub use lower::{Lowering, lower};
