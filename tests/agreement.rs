//! Schema and code agree, both ways, for every registered model.
//!
//! From generated valid instances, single mutations derive documents (a field
//! dropped, a type changed, an identifier broken, an unknown enum variant, an
//! integer out of range, a wrong array item, an unknown member); for each, the
//! code's verdict (`Entry::check_json`) must equal the schema's, under two
//! independent validators: the Rust `jsonschema` crate and Python's
//! `jsonschema` (`tests/python/agreement.py`; skipped with a message where
//! Python or the module is absent, required when `GREENTIC_REQUIRE_PYTHON=1`,
//! as CI sets it).
//!
//! Disagreements are allowed only where a schema says it cannot state a rule
//! (`x-schema-gaps`, declared beside the model: see `hardening/gaps.rs`), and
//! for whole numbers written as floats (`1.0`), which JSON Schema counts as
//! integers and the code refuses (the registry's documented decision).
#![cfg(all(feature = "yaml", feature = "proptest"))]

mod hardening;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::process::Command;

use greentic_types::generate::Gen;
use greentic_types::registry::{self, Entry};
use greentic_types::{SemverReq, Violations};
use hardening::gaps::{self, Code, Gap};
use hardening::mutate::{Kind, Mutant, mutants};
use serde_json::Value;

/// Mutants kept per model and kind (a deterministic sample of all of them).
const PER_KIND: usize = 48;
/// Generated instances mutated per model.
const SEEDS: u64 = 8;

struct Case {
    mutant: Mutant,
    text: String,
    code: Result<String, Violations>,
}

struct ModelCases {
    entry: &'static Entry,
    gaps: BTreeMap<String, Gap>,
    cases: Vec<Case>,
}

fn validator_for(schema: &Value, what: &str) -> jsonschema::Validator {
    jsonschema::validator_for(schema)
        .unwrap_or_else(|e| panic!("{what}: schema does not compile: {e}"))
}

/// A deterministic sample of every single mutation of a few generated
/// instances of `entry`, each with the code's verdict.
fn cases(entry: &'static Entry) -> ModelCases {
    let schema = entry.schema();
    let gaps = gaps::all(&schema).unwrap_or_else(|e| panic!("{}: {e}", entry.slug()));
    let mut by_kind: BTreeMap<Kind, Vec<Mutant>> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for seed in 0..SEEDS {
        let sample = entry
            .sample(&mut Gen::new(seed))
            .unwrap_or_else(|e| panic!("{}: sample: {e}", entry.slug()));
        for m in mutants(&sample) {
            if seen.insert(m.text()) {
                by_kind.entry(m.kind).or_default().push(m);
            }
        }
    }
    let mut g = Gen::new(0x5eed);
    let mut cases = Vec::new();
    for (_, mut all) in by_kind {
        // Partial Fisher-Yates: the first PER_KIND are a uniform sample.
        let keep = all.len().min(PER_KIND);
        for i in 0..keep {
            let j = i + g.below(all.len() - i);
            all.swap(i, j);
        }
        all.truncate(keep);
        for mutant in all {
            let text = mutant.text();
            let code = entry.check_json(&text);
            cases.push(Case { mutant, text, code });
        }
    }
    ModelCases { entry, gaps, cases }
}

/// How a disagreement (or agreement) is accounted for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Agree,
    /// A declared gap of the model (its rule).
    Gap(String),
    /// A whole number written as a float, refused by the code only.
    WholeFloat,
    Unexplained(String),
}

fn judge(
    model: &ModelCases,
    case: &Case,
    schema_ok: bool,
    schema_errors: impl FnOnce() -> String,
) -> Outcome {
    match (&case.code, schema_ok) {
        (Ok(_), true) | (Err(_), false) => Outcome::Agree,
        (Err(violations), true) => {
            let messages: Vec<&str> = violations
                .as_slice()
                .iter()
                .map(|v| v.message.as_str())
                .collect();
            if case.mutant.kind == Kind::WholeFloat {
                return Outcome::WholeFloat;
            }
            let explaining = |m: &str| {
                model.gaps.values().find(|g| {
                    g.code == Code::Rejects && g.message.as_deref().is_some_and(|f| m.contains(f))
                })
            };
            match messages
                .iter()
                .map(|m| explaining(m))
                .collect::<Option<Vec<&Gap>>>()
            {
                Some(found) if !found.is_empty() => Outcome::Gap(found[0].rule.clone()),
                _ => Outcome::Unexplained(format!(
                    "the code rejects ({violations}) what the schema accepts"
                )),
            }
        }
        (Ok(canonical), false) => {
            let value = case.mutant.value().cloned().unwrap_or(Value::Null);
            let explaining = model.gaps.values().find(|g| {
                g.code == Code::Accepts
                    && g.at
                        .as_ref()
                        .is_none_or(|at| case.mutant.pointer.ends_with(at.as_str()))
                    && g.form.as_ref().is_some_and(|form| {
                        jsonschema::validator_for(form).is_ok_and(|v| v.is_valid(&value))
                    })
            });
            match explaining {
                Some(gap) => Outcome::Gap(gap.rule.clone()),
                None => Outcome::Unexplained(format!(
                    "the code accepts (as {canonical}) what the schema rejects: {}",
                    schema_errors()
                )),
            }
        }
    }
}

fn short(text: &str) -> String {
    if text.chars().count() > 240 {
        format!("{}…", text.chars().take(240).collect::<String>())
    } else {
        text.to_owned()
    }
}

#[derive(Default)]
struct Tally {
    total: usize,
    agree: usize,
    whole_float: usize,
    gaps: BTreeMap<String, usize>,
    kinds: BTreeMap<Kind, usize>,
}

/// Judges every case of every model with `schema_verdicts` (per model, per
/// case), prints the per-model table and fails on any unexplained disagreement.
fn assert_agreement(
    validator_name: &str,
    models: &[ModelCases],
    mut schema_verdict: impl FnMut(usize, usize, &ModelCases, &Case) -> (bool, String),
) {
    let mut unexplained = Vec::new();
    let mut table = String::new();
    let mut fully = Vec::new();
    let mut totals = Tally::default();
    let _ = writeln!(
        table,
        "| model | mutants | agree | 1.0 | declared gaps |\n| --- | ---: | ---: | ---: | --- |"
    );
    for (mi, model) in models.iter().enumerate() {
        let mut tally = Tally::default();
        for (ci, case) in model.cases.iter().enumerate() {
            let (ok, errors) = schema_verdict(mi, ci, model, case);
            tally.total += 1;
            *tally.kinds.entry(case.mutant.kind).or_default() += 1;
            match judge(model, case, ok, || errors) {
                Outcome::Agree => tally.agree += 1,
                Outcome::WholeFloat => tally.whole_float += 1,
                Outcome::Gap(rule) => *tally.gaps.entry(rule).or_default() += 1,
                Outcome::Unexplained(why) => unexplained.push(format!(
                    "{} [{}] at {:?}: {why}\n    document: {}",
                    model.entry.slug(),
                    case.mutant.kind.label(),
                    case.mutant.pointer,
                    short(&case.text)
                )),
            }
        }
        if tally.agree == tally.total {
            fully.push(model.entry.slug());
        } else {
            let gaps: Vec<String> = tally
                .gaps
                .iter()
                .map(|(r, n)| format!("{n}× {}", short(r)))
                .collect();
            let _ = writeln!(
                table,
                "| {} | {} | {} | {} | {} |",
                model.entry.slug(),
                tally.total,
                tally.agree,
                tally.whole_float,
                gaps.join("; ")
            );
        }
        totals.total += tally.total;
        totals.agree += tally.agree;
        totals.whole_float += tally.whole_float;
        for (k, n) in tally.kinds {
            *totals.kinds.entry(k).or_default() += n;
        }
    }
    let kinds: Vec<String> = totals
        .kinds
        .iter()
        .map(|(k, n)| format!("{}: {n}", k.label()))
        .collect();
    let report = format!(
        "## {validator_name}: {} models, {} mutants ({}), {} agree, {} whole-number floats\n\n\
         Fully agreeing ({}): {}\n\n{table}",
        models.len(),
        totals.total,
        kinds.join(", "),
        totals.agree,
        totals.whole_float,
        fully.len(),
        fully.join(", "),
    );
    println!("{report}");
    let file = format!(
        "{}/agreement-{}.md",
        env!("CARGO_TARGET_TMPDIR"),
        validator_name.replace(' ', "-")
    );
    let _ = std::fs::write(&file, format!("{report}\n\n{}\n", unexplained.join("\n")));
    assert!(
        unexplained.is_empty(),
        "{validator_name}: {} disagreements between the code and the schema that no \
         `x-schema-gaps` entry explains (first 40):\n{}",
        unexplained.len(),
        unexplained
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The cases of every model, built once for both validators.
fn all_cases() -> &'static [ModelCases] {
    static ALL: std::sync::OnceLock<Vec<ModelCases>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| registry::entries().into_iter().map(cases).collect())
}

#[test]
fn code_and_rust_jsonschema_agree_on_single_mutations_of_every_model() {
    let models = all_cases();
    let validators: Vec<jsonschema::Validator> = models
        .iter()
        .map(|m| validator_for(&m.entry.schema(), m.entry.slug()))
        .collect();
    // Each kind of mutation really ran, somewhere.
    let kinds: BTreeSet<Kind> = models
        .iter()
        .flat_map(|m| m.cases.iter().map(|c| c.mutant.kind))
        .collect();
    assert_eq!(kinds, Kind::ALL.into_iter().collect());
    assert_agreement("jsonschema (Rust)", models, |mi, _, _, case| {
        let value: Value = serde_json::from_str(&case.text).expect("mutants are JSON");
        let validator = &validators[mi];
        let ok = validator.is_valid(&value);
        let errors = if ok {
            String::new()
        } else {
            validator
                .iter_errors(&value)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect::<Vec<_>>()
                .join("; ")
        };
        (ok, errors)
    });
}

/// Python with the `jsonschema` module, or why not.
fn python() -> Result<(), String> {
    let out = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .map_err(|e| format!("python3 not found ({e})"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "python3 has no `jsonschema` module ({})",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Runs `tests/python/agreement.py` on `(schema, documents)` per model and
/// returns Python's verdicts, or `None` (with a message) where Python cannot
/// run it and CI does not require it.
fn python_verdicts(models: &[(Value, Vec<String>)]) -> Option<Vec<Vec<bool>>> {
    if let Err(why) = python() {
        if std::env::var_os("GREENTIC_REQUIRE_PYTHON").is_some_and(|v| v == "1") {
            panic!("GREENTIC_REQUIRE_PYTHON=1 but {why}");
        }
        eprintln!("skipped: {why}; install it with `pip install jsonschema` to run this test");
        return None;
    }
    let dir = env!("CARGO_TARGET_TMPDIR");
    let input = format!("{dir}/agreement-python-in-{}.json", std::process::id());
    let output = format!("{dir}/agreement-python-out-{}.json", std::process::id());
    let payload: Vec<Value> = models
        .iter()
        .map(|(schema, docs)| serde_json::json!({"schema": schema, "docs": docs}))
        .collect();
    std::fs::write(&input, serde_json::to_vec(&payload).expect("serializable"))
        .expect("write input");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/agreement.py");
    let status = Command::new("python3")
        .args([script, &input, &output])
        .status()
        .expect("python3 runs");
    assert!(status.success(), "{script} failed: {status}");
    let verdicts = std::fs::read(&output).expect("python wrote its verdicts");
    let _ = std::fs::remove_file(&input);
    let _ = std::fs::remove_file(&output);
    Some(serde_json::from_slice(&verdicts).expect("a list of lists of booleans"))
}

#[test]
fn code_and_python_jsonschema_agree_on_single_mutations_of_every_model() {
    let models = all_cases();
    let payload: Vec<(Value, Vec<String>)> = models
        .iter()
        .map(|m| {
            (
                m.entry.schema(),
                m.cases.iter().map(|c| c.text.clone()).collect(),
            )
        })
        .collect();
    let Some(verdicts) = python_verdicts(&payload) else {
        return;
    };
    assert_eq!(verdicts.len(), models.len());
    assert_agreement("jsonschema (Python)", models, |mi, ci, _, _| {
        (verdicts[mi][ci], "(Python's verdict)".to_owned())
    });
}

/// Each declared gap is real: its example is a document of the declaring
/// model on which the code and both schema validators part the declared way.
/// And every gap found in any schema is declared by a registered model, so
/// its example is checked here.
#[test]
fn every_declared_schema_gap_is_shown_by_its_example() {
    let mut declared = BTreeMap::new();
    let mut found = BTreeSet::new();
    let mut python_cases = Vec::new();
    for entry in registry::entries() {
        let schema = entry.schema();
        found.extend(
            gaps::all(&schema)
                .unwrap_or_else(|e| panic!("{}: {e}", entry.slug()))
                .into_keys(),
        );
        let own = gaps::own(&schema).unwrap_or_else(|e| panic!("{}: {e}", entry.slug()));
        if own.is_empty() {
            continue;
        }
        let validator = validator_for(&schema, entry.slug());
        for gap in own {
            let code = entry.check_json(&gap.example);
            let value: Value = serde_json::from_str(&gap.example).unwrap_or_else(|e| {
                panic!(
                    "{}: example of {:?} is not JSON: {e}",
                    entry.slug(),
                    gap.rule
                )
            });
            match gap.code {
                Code::Rejects => {
                    let err = code.expect_err(&format!(
                        "{}: the code rejects {}",
                        entry.slug(),
                        gap.example
                    ));
                    let fragment = gap.message.as_deref().unwrap_or_default();
                    assert!(
                        err.as_slice().iter().any(|v| v.message.contains(fragment)),
                        "{}: {err} does not say {fragment:?}",
                        entry.slug()
                    );
                    assert!(
                        validator.is_valid(&value),
                        "{}: the schema accepts {}",
                        entry.slug(),
                        gap.example
                    );
                }
                Code::Accepts => {
                    code.unwrap_or_else(|e| {
                        panic!("{}: the code accepts {}: {e}", entry.slug(), gap.example)
                    });
                    assert!(
                        !validator.is_valid(&value),
                        "{}: the schema rejects {}",
                        entry.slug(),
                        gap.example
                    );
                    let form = validator_for(gap.form.as_ref().expect("parsed"), &gap.rule);
                    let member = match &gap.at {
                        Some(at) => value
                            .pointer(at)
                            .unwrap_or_else(|| panic!("{}: the example has no {at}", entry.slug())),
                        None => &value,
                    };
                    assert!(
                        form.is_valid(member),
                        "{}: {} has the declared form",
                        entry.slug(),
                        gap.example
                    );
                }
            }
            python_cases.push((
                schema.clone(),
                gap.example.clone(),
                gap.code == Code::Rejects,
            ));
            declared.insert(gap.rule, entry.slug());
        }
    }
    let undeclared: Vec<&String> = found
        .iter()
        .filter(|r| !declared.contains_key(*r))
        .collect();
    assert!(
        undeclared.is_empty(),
        "gaps found in schemas but declared by no registered model: {undeclared:?}"
    );
    assert!(!declared.is_empty());
    println!("declared schema gaps: {declared:#?}");
    let payload: Vec<(Value, Vec<String>)> = python_cases
        .iter()
        .map(|(s, e, _)| (s.clone(), vec![e.clone()]))
        .collect();
    if let Some(verdicts) = python_verdicts(&payload) {
        for ((_, example, schema_accepts), verdict) in python_cases.iter().zip(verdicts) {
            assert_eq!(verdict, [*schema_accepts], "Python on {example}");
        }
    }
}

/// Every `pattern` in every schema reads the same under ECMA-262, Python's
/// `re` and the Rust engines: no `$` (Python's also matches before a final
/// newline; the patterns end with `(?![\s\S])`) and no `\d` (any Unicode
/// digit in Python).
#[test]
fn every_schema_pattern_is_written_for_both_regex_dialects() {
    fn walk(slug: &str, v: &Value, n: &mut usize) {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(p)) = map.get("pattern") {
                    *n += 1;
                    let mut escaped = false;
                    for c in p.chars() {
                        assert!(escaped || c != '$', "{slug}: `$` in {p}");
                        assert!(!(escaped && c == 'd'), "{slug}: `\\d` in {p}");
                        escaped = !escaped && c == '\\';
                    }
                }
                map.values().for_each(|c| walk(slug, c, n));
            }
            Value::Array(items) => items.iter().for_each(|c| walk(slug, c, n)),
            _ => {}
        }
    }
    let mut patterns = 0;
    for entry in registry::entries() {
        walk(entry.slug(), &entry.schema(), &mut patterns);
    }
    assert!(patterns > 200, "{patterns} patterns seen");
}

/// Identifiers (issue 11, point 3): `.` and `..` never, at most 256
/// characters, no trailing newline: the code and the schema say the same.
#[test]
fn identifier_schemas_refuse_dot_segments_overlong_ids_and_trailing_newlines() {
    let entry = registry::entry("tenant-id").expect("registered");
    let validator = validator_for(&entry.schema(), "tenant-id");
    for (id, ok) in [
        ("acme".to_owned(), true),
        (".hidden".to_owned(), true),
        ("...".to_owned(), true),
        ("x".repeat(256), true),
        (".".to_owned(), false),
        ("..".to_owned(), false),
        ("x".repeat(257), false),
        ("acme\n".to_owned(), false),
        ("acme\r\n".to_owned(), false),
        ("".to_owned(), false),
    ] {
        let doc = Value::String(id.clone());
        assert_eq!(
            entry.check_json(&doc.to_string()).is_ok(),
            ok,
            "code on {id:?}"
        );
        assert_eq!(validator.is_valid(&doc), ok, "schema on {id:?}");
    }
}

/// `SemverReq`'s schema pattern is exactly what `semver::VersionReq` parses,
/// on strings built from the requirement grammar's own characters.
#[test]
fn semver_requirement_pattern_matches_what_semver_parses() {
    let entry = registry::entry("semver-req").expect("registered");
    let validator = validator_for(&entry.schema(), "semver-req");
    const PIECES: &[&str] = &[
        "0",
        "1",
        "2",
        "9",
        "10",
        "01",
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999",
        ".",
        ".",
        ".",
        ",",
        ", ",
        " ",
        "  ",
        "*",
        "x",
        "X",
        "^",
        "~",
        "=",
        ">",
        ">=",
        "<",
        "<=",
        "-",
        "+",
        "a",
        "rc",
        "alpha",
        "00",
        "-0",
        "\t",
        "\n",
    ];
    let mut g = Gen::new(7);
    let (mut accepted, mut total) = (0, 0);
    for _ in 0..40_000 {
        let mut s = String::new();
        for _ in 0..=g.below(12) {
            s.push_str(PIECES[g.below(PIECES.len())]);
        }
        let parses = semver::VersionReq::parse(&s).is_ok();
        let doc = Value::String(s.clone());
        assert_eq!(
            validator.is_valid(&doc),
            parses,
            "schema vs semver on {s:?}"
        );
        assert_eq!(
            SemverReq::new(&s).is_ok(),
            parses,
            "code vs semver on {s:?}"
        );
        accepted += usize::from(parses);
        total += 1;
    }
    // 32 comparators at most, and the rule's edges.
    let many = vec!["1"; 32].join(", ");
    let too_many = vec!["1"; 33].join(", ");
    for s in [
        many.as_str(),
        too_many.as_str(),
        "*",
        " x ",
        "1.2.3-rc.1+b.5",
        ">= 1.2, < 2",
        "1.*.3",
        "1.2.3-01",
        "1, *",
        "x, 1",
        " 1 ,  2 ",
        "1,",
        ",1",
        "",
    ] {
        let parses = semver::VersionReq::parse(s).is_ok();
        assert_eq!(
            validator.is_valid(&Value::from(s)),
            parses,
            "schema vs semver on {s:?}"
        );
        assert_eq!(SemverReq::new(s).is_ok(), parses, "code vs semver on {s:?}");
    }
    assert!(
        accepted > 1_000 && accepted < total - 1_000,
        "{accepted}/{total} parse"
    );
}
