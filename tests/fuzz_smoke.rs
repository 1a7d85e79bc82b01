//! The fuzzing properties (`hardening/properties.rs`: no panic; an accepted
//! document's canonical form is a fixpoint and matches the schema; a
//! rejected one names a JSON pointer and a rule) on a small budget, on the
//! stable toolchain: structure-aware mutations of generated instances of
//! every model, and byte-level mutations of their text, read as JSON and as
//! YAML. The long runs are cargo-fuzz's (`fuzz/README.md`); this driver keeps
//! the properties honest in every `cargo test`.
#![cfg(all(feature = "schema", feature = "proptest", feature = "yaml"))]

mod hardening;

use std::panic::{AssertUnwindSafe, catch_unwind};

use greentic_types::generate::Gen;
use greentic_types::registry::Entry;
use hardening::mutate::mutants;
use hardening::properties::{self, Format, Verdict};
use serde_json::Value;

/// Generated instances per model.
const SEEDS: u64 = 3;
/// Structure-aware mutants per instance.
const STRUCTURAL: usize = 16;
/// Byte-level mutants per text.
const BYTE_LEVEL: usize = 16;

/// Bytes worth inserting: JSON and YAML syntax, number edges, escapes.
const DICTIONARY: &[&str] = &[
    "{", "}", "[", "]", "\"", ":", ",", " ", "\n", "\t", "0", "-", "1e999", "-0", "1.0", "null",
    "true", "\\u0000", "\\ud800", "~", "/", ".", "..", "&a", "*a", "!!str ", "- ", "? ", "#", "'",
    "|", ">", "\u{feff}", "é", "\u{0}",
];

/// Mutates `text` at the byte level: deletions, insertions from the
/// dictionary, duplications, truncation. The result is always UTF-8 (the
/// text entry points take `&str`).
fn byte_mutant(text: &str, g: &mut Gen) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=g.below(3) {
        let at = g.below(bytes.len() + 1);
        match g.below(5) {
            0 if !bytes.is_empty() => {
                let end = (at + 1 + g.below(8)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            1 | 2 => {
                let word = DICTIONARY[g.below(DICTIONARY.len())].as_bytes();
                bytes.splice(at..at, word.iter().copied());
            }
            3 if !bytes.is_empty() => {
                let start = at.min(bytes.len() - 1);
                let end = (start + 1 + g.below(16)).min(bytes.len());
                let span: Vec<u8> = bytes[start..end].to_vec();
                bytes.splice(end..end, span);
            }
            _ => bytes.truncate(at),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

struct Run {
    executions: usize,
    accepted: usize,
    rejected: usize,
    failures: Vec<String>,
}

impl Run {
    fn check(&mut self, entry: &Entry, format: Format, text: &str) {
        self.executions += 1;
        match catch_unwind(AssertUnwindSafe(|| properties::check(entry, format, text))) {
            Ok(Ok(Verdict::Accepted)) => self.accepted += 1,
            Ok(Ok(Verdict::Rejected)) => self.rejected += 1,
            Ok(Err(broken)) => self.failures.push(broken),
            Err(panic) => {
                let what = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                self.failures.push(format!(
                    "{}: panic on {format:?} {text:?}: {what}",
                    entry.slug()
                ));
            }
        }
    }

    /// `text` read as JSON and as YAML (JSON text is YAML too, mostly).
    fn both(&mut self, entry: &Entry, text: &str) {
        self.check(entry, Format::Json, text);
        self.check(entry, Format::Yaml, text);
    }
}

#[test]
fn every_model_keeps_the_fuzz_properties_under_structure_and_byte_mutations() {
    let mut run = Run {
        executions: 0,
        accepted: 0,
        rejected: 0,
        failures: Vec::new(),
    };
    let entries = properties::entries();
    for entry in &entries {
        for seed in 0..SEEDS {
            let mut g = Gen::new(seed ^ 0xf022);
            let sample = entry
                .sample(&mut Gen::new(seed))
                .unwrap_or_else(|e| panic!("{}: {e}", entry.slug()));
            let json = sample.to_string();
            let yaml = serde_norway::to_string(&sample).expect("a Value is YAML");
            run.both(entry, &json);
            run.check(entry, Format::Yaml, &yaml);
            let all = mutants(&sample);
            for _ in 0..STRUCTURAL.min(all.len()) {
                let mutant = &all[g.below(all.len())];
                run.both(entry, &mutant.text());
            }
            for text in [&json, &yaml] {
                for _ in 0..BYTE_LEVEL {
                    let mutated = byte_mutant(text, &mut g);
                    run.both(entry, &mutated);
                }
            }
        }
    }
    println!(
        "{} executions over {} models: {} accepted, {} rejected",
        run.executions,
        entries.len(),
        run.accepted,
        run.rejected
    );
    assert!(
        run.failures.is_empty(),
        "{} inputs broke a property (first 20):\n{}",
        run.failures.len(),
        run.failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Both sides of every property were exercised.
    assert!(run.accepted > entries.len() && run.rejected > entries.len());
}

/// The properties themselves catch what they claim to: a pointer that is
/// not one, and a rejection without a rule.
#[test]
fn property_checks_recognise_json_pointers() {
    for ok in ["", "/", "/a", "/a~0b/c~1d", "/0/nodes/n1"] {
        assert!(properties::is_json_pointer(ok), "{ok:?}");
    }
    for bad in ["a", "a/b", "/a~", "/a~2", "#/a"] {
        assert!(!properties::is_json_pointer(bad), "{bad:?}");
    }
    let entry = greentic_types::registry::entry("tenant-ctx").expect("registered");
    assert_eq!(
        properties::check(entry, Format::Json, "[]"),
        Ok(Verdict::Rejected)
    );
    assert_eq!(
        properties::check(entry, Format::Yaml, "{"),
        Ok(Verdict::Rejected)
    );
}

/// Writes the seed corpora of the fuzz targets from the generators: for
/// every model, a few instances as JSON (`fuzz/corpus/json`) and YAML
/// (`fuzz/corpus/yaml`), each prefixed with the two bytes that select the
/// model. Run it before fuzzing:
/// `cargo test --all-features --test fuzz_smoke -- --ignored write_fuzz_seed_corpus`.
#[test]
#[ignore = "writes files: run by hand before fuzzing"]
fn write_fuzz_seed_corpus() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus");
    let mut written = 0;
    for (format, dir) in [(Format::Json, "json"), (Format::Yaml, "yaml")] {
        let dir = format!("{root}/{dir}");
        std::fs::create_dir_all(&dir).expect("corpus directory");
        for entry in properties::entries() {
            let selector = properties::selector(entry.slug()).expect("registered");
            for seed in 0..4u64 {
                let sample: Value = entry.sample(&mut Gen::new(seed)).expect("sample");
                let text = match format {
                    Format::Json => sample.to_string(),
                    Format::Yaml => serde_norway::to_string(&sample).expect("YAML"),
                };
                let mut bytes = selector.to_vec();
                bytes.extend_from_slice(text.as_bytes());
                std::fs::write(format!("{dir}/{}-{seed}", entry.slug()), bytes)
                    .expect("seed written");
                written += 1;
            }
        }
    }
    println!("{written} seeds written under {root}");
    assert!(written > 0);
}

/// Inputs the fuzzers or reviews found, kept as regressions: each must keep
/// every property.
#[test]
fn found_inputs_keep_the_properties() {
    let cases: &[(&str, Format, &str)] = &[
        // i128::MAX was accepted, but its canonical form failed the schema's
        // exclusive f64 bound (2^127 - 1 reads as 2^127 in an f64).
        (
            "invocation-deadline",
            Format::Json,
            r#"{"unix_millis": 170141183460469231731687303715884105727}"#,
        ),
        (
            "invocation-deadline",
            Format::Json,
            r#"{"unix_millis": -170141183460469231731687303715884105728}"#,
        ),
        // A fraction in a 128-bit field was reported at the parent with the
        // parser's "expected `,` or `}`".
        (
            "tenant-ctx",
            Format::Json,
            r#"{"env":"prod","tenant":"a","tenant_id":"a","attempt":0,"deadline":{"unix_millis":1.0}}"#,
        ),
        (
            "flow",
            Format::Yaml,
            "kind: events\nid: f\nnodes: {a: {kind: x, config: {t: .inf}}}\n",
        ),
        (
            "tenant-ctx",
            Format::Yaml,
            "\u{feff}env: prod\ntenant: a\ntenant_id: a\nattempt: 0\n",
        ),
        // An alias and a syntax error: the alias budget's walk looped,
        // the parser repeating its error for every further "document".
        ("flow", Format::Yaml, "a: &x 1\nb: *x\n- ]: {\n"),
    ];
    for &(slug, format, text) in cases {
        let selector = properties::selector(slug).expect("registered");
        let mut data = selector.to_vec();
        data.extend_from_slice(text.as_bytes());
        properties::fuzz_one(format, &data);
    }
}
