//! The properties every input must have, for every registered model, read as
//! JSON or YAML text through the registry's text entry points:
//!
//! - no panic (the caller runs the check; a panic is the failure);
//! - an accepted document's canonical JSON is a fixpoint (checking it again
//!   returns it byte for byte) and validates against the entry's own schema;
//! - a rejected document's error is at least one violation, each naming a
//!   JSON pointer (`""` for the root) and a rule (a non-empty message).
//!
//! Shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`, included by
//! path) and the stable driver (`tests/fuzz_smoke.rs`).

use std::sync::OnceLock;

use greentic_types::registry::{self, Entry};
use serde_json::Value;

/// How the text is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `Entry::check_json`.
    Json,
    /// `Entry::check_yaml`.
    Yaml,
}

/// What the model said about a document that kept every property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Accepted; its canonical form is a fixpoint and schema-valid.
    Accepted,
    /// Rejected with well-formed violations.
    Rejected,
}

struct Model {
    entry: &'static Entry,
    validator: OnceLock<Result<jsonschema::Validator, String>>,
}

fn models() -> &'static [Model] {
    static MODELS: OnceLock<Vec<Model>> = OnceLock::new();
    MODELS.get_or_init(|| {
        registry::entries()
            .into_iter()
            .map(|entry| Model {
                entry,
                validator: OnceLock::new(),
            })
            .collect()
    })
}

/// Every registered entry, in the order [`select`] indexes them.
pub fn entries() -> Vec<&'static Entry> {
    models().iter().map(|m| m.entry).collect()
}

/// The position of `slug` in [`entries`], as the two little-endian bytes that
/// start a fuzz input for it.
pub fn selector(slug: &str) -> Option<[u8; 2]> {
    let index = models().iter().position(|m| m.entry.slug() == slug)?;
    u16::try_from(index).ok().map(u16::to_le_bytes)
}

/// The entry a fuzz input picks with its first two bytes, and the rest of it.
pub fn select(data: &[u8]) -> Option<(&'static Entry, &[u8])> {
    let (head, rest) = data.split_first_chunk::<2>()?;
    let all = models();
    let index = usize::from(u16::from_le_bytes(*head)) % all.len();
    Some((all[index].entry, rest))
}

fn validator(entry: &Entry) -> Result<&'static jsonschema::Validator, String> {
    let model = models()
        .iter()
        .find(|m| std::ptr::eq(m.entry, entry))
        .ok_or_else(|| format!("{} is not registered", entry.slug()))?;
    model
        .validator
        .get_or_init(|| {
            jsonschema::validator_for(&entry.schema())
                .map_err(|e| format!("{}: schema does not compile: {e}", entry.slug()))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Whether `pointer` is a JSON pointer (RFC 6901): empty, or `/`-separated
/// segments where `~` is only ever followed by `0` or `1`.
pub fn is_json_pointer(pointer: &str) -> bool {
    if pointer.is_empty() {
        return true;
    }
    if !pointer.starts_with('/') {
        return false;
    }
    let mut chars = pointer.chars();
    while let Some(c) = chars.next() {
        if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
            return false;
        }
    }
    true
}

/// Reads `text` as `entry`'s model and checks every property; `Err` says
/// which one broke.
pub fn check(entry: &Entry, format: Format, text: &str) -> Result<Verdict, String> {
    let slug = entry.slug();
    let result = match format {
        Format::Json => entry.check_json(text),
        Format::Yaml => entry.check_yaml(text),
    };
    match result {
        Ok(canonical) => {
            let again = entry.check_json(&canonical).map_err(|e| {
                format!("{slug}: accepted {format:?} {text:?}, but its canonical form {canonical:?} is rejected: {e}")
            })?;
            if again != canonical {
                return Err(format!(
                    "{slug}: canonical form is not a fixpoint: {canonical:?} became {again:?}"
                ));
            }
            let value: Value = serde_json::from_str(&canonical)
                .map_err(|e| format!("{slug}: canonical form {canonical:?} is not JSON: {e}"))?;
            let validator = validator(entry)?;
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            if !errors.is_empty() {
                return Err(format!(
                    "{slug}: accepted {format:?} {text:?}, canonical {canonical} breaks the schema: {errors:?}"
                ));
            }
            Ok(Verdict::Accepted)
        }
        Err(violations) => {
            if violations.is_empty() {
                return Err(format!(
                    "{slug}: {format:?} {text:?} rejected with no violation"
                ));
            }
            for v in violations.as_slice() {
                if !is_json_pointer(&v.path) {
                    return Err(format!(
                        "{slug}: {format:?} {text:?}: violation path {:?} is not a JSON pointer ({})",
                        v.path, v.message
                    ));
                }
                if v.message.trim().is_empty() {
                    return Err(format!(
                        "{slug}: {format:?} {text:?}: violation at {:?} names no rule",
                        v.path
                    ));
                }
                // On JSON text, a violation is the document's, never the
                // parser's complaint about the character after a value it
                // stopped reading early.
                if matches!(format, Format::Json)
                    && v.message.starts_with("expected `,` or")
                    && serde_json::from_str::<Value>(text).is_ok()
                {
                    return Err(format!(
                        "{slug}: {text:?} is JSON, but the violation at {:?} is a parser's: {}",
                        v.path, v.message
                    ));
                }
            }
            Ok(Verdict::Rejected)
        }
    }
}

/// One fuzz input: the entry from the first two bytes, the rest as UTF-8 text
/// (other bytes are not text; the text entry points take `&str`). Panics with
/// the broken property, which is what a fuzzer reports.
pub fn fuzz_one(format: Format, data: &[u8]) {
    let Some((entry, rest)) = select(data) else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if let Err(broken) = check(entry, format, text) {
        panic!("{broken}");
    }
}
