//! Procedural macros behind `greentic-types`.
//!
//! ```
//! // Used by the DSL, never by hand: declares `serde`/`schemars` as inert helper
//! // attributes when those derives are compiled out.
//! #[derive(greentic_types_macros::Inert)]
//! #[serde(rename_all = "snake_case")]
//! struct Quiet;
//! # let _ = Quiet;
//! ```
//!
//! This crate stays free of `syn`/`quote` so the identity core compiles fast.

use proc_macro::TokenStream;

/// Declares `serde` and `schemars` as helper attributes and emits nothing.
///
/// The model DSL derives this when the `serde` or `schemars` feature is off, so
/// the serde attributes written in a declaration stay legal without the derive
/// that would read them.
#[proc_macro_derive(Inert, attributes(serde, schemars))]
pub fn inert(_item: TokenStream) -> TokenStream {
    TokenStream::new()
}
