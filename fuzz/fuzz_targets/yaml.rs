//! Every registered model, read from YAML text: the first two bytes pick the
//! registry entry, the rest is the document. Properties:
//! `tests/hardening/properties.rs`.
#![no_main]

#[path = "../../tests/hardening/properties.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|data: &[u8]| properties::fuzz_one(properties::Format::Yaml, data));
