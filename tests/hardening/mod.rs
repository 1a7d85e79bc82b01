//! Shared by the hardening tests (`agreement.rs`, `fuzz_smoke.rs`): single
//! mutations of valid documents, the properties every input must keep, and
//! the rules each schema declares it cannot state (`x-schema-gaps`).
// Each test binary uses part of this module.
#![allow(dead_code)]

pub mod gaps;
pub mod mutate;
pub mod properties;
