//! Registry-wide properties: every registered model, no per-model code.
#![cfg(all(feature = "check", feature = "proptest"))]

use std::collections::BTreeMap;

use greentic_types::generate::Gen;
use greentic_types::registry::{self, Entry};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

fn validator(entry: &Entry) -> jsonschema::Validator {
    jsonschema::validator_for(&entry.schema())
        .unwrap_or_else(|e| panic!("{}: schema does not compile: {e}", entry.slug()))
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn registry_is_sorted_unique_and_holds_the_identity_core() {
    let entries = registry::unique_entries().expect("no duplicate slugs");
    let slugs: Vec<&str> = entries.iter().map(|e| e.slug()).collect();
    let mut sorted = slugs.clone();
    sorted.sort_unstable();
    assert_eq!(slugs, sorted, "entries() is sorted by slug");
    for slug in [
        "tenant-ctx",
        "tenant-context",
        "hash-digest",
        "pack-id",
        "api-key-ref",
    ] {
        let entry = registry::entry(slug).unwrap_or_else(|| panic!("{slug} is registered"));
        assert_eq!(entry.file_name(), format!("{slug}.schema.json"));
        assert_eq!(
            entry.id(),
            format!("https://greentic-ai.github.io/greentic-types/schemas/v1/{slug}.schema.json")
        );
    }
    assert!(registry::entry("no-such-model").is_none());
}

#[test]
fn every_schema_has_id_title_and_draft_2020_12() {
    for entry in registry::entries() {
        let schema = entry.schema();
        assert_eq!(schema["$id"], Value::String(entry.id()), "{}", entry.slug());
        assert_eq!(schema["title"], entry.title(), "{}", entry.slug());
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema",
            "{}",
            entry.slug()
        );
        assert!(
            schema
                .get("description")
                .and_then(Value::as_str)
                .is_some_and(|d| !d.is_empty()),
            "{}: the doc comment becomes the description",
            entry.slug()
        );
    }
}

#[test]
fn generated_instances_round_trip_and_match_their_own_schema() {
    for entry in registry::entries() {
        let validator = validator(entry);
        let mut runner = runner(64);
        runner
            .run(&any::<u64>(), |seed| {
                let sample = entry.sample(&mut Gen::new(seed)).map_err(|e| {
                    TestCaseError::fail(format!("{}: serialize: {e}", entry.slug()))
                })?;
                let errors: Vec<String> = validator
                    .iter_errors(&sample)
                    .map(|e| format!("{} at {}", e, e.instance_path()))
                    .collect();
                prop_assert!(
                    errors.is_empty(),
                    "{}: {sample} breaks its own schema: {errors:?}",
                    entry.slug()
                );
                let canonical = entry.check(sample.clone()).map_err(|v| {
                    TestCaseError::fail(format!("{}: {sample} rejected: {v}", entry.slug()))
                })?;
                prop_assert_eq!(
                    &canonical,
                    &sample,
                    "{}: parse + serialize changed it",
                    entry.slug()
                );
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{}: {e}", entry.slug()));
    }
}

/// Strings built from the characters identifier rules care about: ASCII
/// letters and digits, the allowed separators, other separators, whitespace,
/// control characters and non-ASCII, including the empty string.
fn tricky_strings() -> impl Strategy<Value = String> {
    let chars = prop_oneof![
        4 => proptest::char::range('a', 'z'),
        2 => proptest::char::range('A', 'Z'),
        2 => proptest::char::range('0', '9'),
        3 => proptest::sample::select(vec!['.', '-', '_', '$']),
        2 => proptest::sample::select(vec![':', '/', '|', '\\', '%', '~', '@', '[', ']', '\'', '"', '*']),
        2 => proptest::sample::select(vec![' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{a0}', '\u{2003}']),
        1 => proptest::sample::select(vec!['\u{0}', '\u{1}', '\u{1f}', '\u{7f}', '\u{9f}']),
        2 => proptest::sample::select(vec!['é', 'ß', 'Ж', '中', '😀', '\u{301}']),
    ];
    proptest::collection::vec(chars, 0..8).prop_map(|cs| cs.into_iter().collect())
}

#[test]
fn identifier_rules_and_schema_patterns_agree_on_arbitrary_strings() {
    let mut checked = BTreeMap::new();
    for entry in registry::entries() {
        let schema = entry.schema();
        // Identifier-like schemas: a string with a pattern and a `minLength`
        // (timestamps have a pattern too, but their own test: tests/time.rs).
        if schema.get("type") != Some(&Value::from("string"))
            || schema.get("pattern").is_none()
            || schema.get("minLength").is_none()
        {
            continue;
        }
        let validator = validator(entry);
        let accepted = std::cell::Cell::new(0u32);
        let mut runner = runner(512);
        runner
            .run(&tricky_strings(), |s| {
                let doc = Value::String(s.clone());
                let rust = entry.check(doc.clone()).is_ok();
                let schema = validator.is_valid(&doc);
                prop_assert_eq!(
                    rust,
                    schema,
                    "{}: Rust and schema disagree on {:?}",
                    entry.slug(),
                    s
                );
                accepted.set(accepted.get() + u32::from(rust));
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{}: {e}", entry.slug()));
        let accepted = accepted.get();
        // Both sides of the rule were exercised.
        assert!(
            accepted > 0 && accepted < 512,
            "{}: {accepted}/512 accepted",
            entry.slug()
        );
        assert!(
            !validator.is_valid(&Value::from("")),
            "{}: empty string",
            entry.slug()
        );
        checked.insert(entry.slug(), accepted);
    }
    for slug in [
        "pack-id",
        "tenant-id",
        "event-id",
        "api-key-ref",
        "redaction-path",
    ] {
        assert!(
            checked.contains_key(slug),
            "{slug} has a pattern and was checked"
        );
    }
}

#[test]
fn checks_report_the_json_pointer_and_the_rule() {
    let entry = registry::entry("session-data").expect("registered");
    let doc = serde_json::json!({
        "tenant_ctx": {"env": "prod", "tenant": "acme", "tenant_id": "acme", "team_id": "bad team", "attempt": 0},
        "flow_id": "f",
        "cursor": {"node_pointer": "n"},
        "context_json": "{}"
    });
    let err = entry.check(doc).unwrap_err();
    assert_eq!(
        err.to_string(),
        "/tenant_ctx/team_id: TeamId must contain only ASCII letters, digits, '.', '-', '_'"
    );

    let entry = registry::entry("tenant-ctx").expect("registered");
    let doc = serde_json::json!({
        "env": "prod", "tenant": "a", "tenant_id": "b",
        "team": "t1", "team_id": "t2", "user": "u", "user_id": "u", "attempt": 1
    });
    let err = entry.check(doc).unwrap_err();
    let found: Vec<String> = err.as_slice().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "/tenant: must equal `tenant_id` (legacy twin)",
            "/team: must equal `team_id` (legacy twin)"
        ],
        "every violation, not just the first"
    );
}

#[test]
fn hostile_input_is_an_error_not_a_panic() {
    let entry = registry::entry("tenant-context").expect("registered");
    // Documents come from text, where serde_json caps nesting at 128 levels.
    let deep_text = format!(
        "{{\"tenant_id\": {}1{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let err = serde_json::from_str::<Value>(&deep_text).unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");
    let mut deep = Value::from("x");
    for _ in 0..100 {
        deep = Value::Array(vec![deep]);
    }
    let cases = [
        serde_json::json!(null),
        serde_json::json!([]),
        serde_json::json!({"tenant_id": 1e308}),
        serde_json::json!({"tenant_id": u64::MAX}),
        serde_json::json!({"tenant_id": "ok", "attributes": {"a": [1, 2]}}),
        serde_json::json!({"tenant_id": "ok", "team_id": deep}),
    ];
    for doc in cases {
        let err = entry.check(doc).expect_err("rejected");
        assert!(!err.is_empty());
    }
    let deadline = registry::entry("invocation-deadline").expect("registered");
    let err = deadline
        .check(serde_json::json!({"unix_millis": "soon"}))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "/unix_millis: invalid type: expected a 128-bit integer"
    );
    // A number beyond 64 bits is still read exactly.
    let far = deadline
        .check_json(r#"{"unix_millis": -170141183460469231731687303715884105728}"#)
        .expect("i128::MIN is a deadline");
    assert!(
        far.contains("-170141183460469231731687303715884105728"),
        "{far}"
    );
}

/// Every `description` in every schema is plain text: Rust doc syntax
/// (intra-doc links) means nothing to other languages' tools.
#[test]
fn schema_descriptions_carry_no_rust_doc_syntax() {
    fn walk(slug: &str, v: &Value) {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(d)) = map.get("description") {
                    assert!(!d.contains("[`"), "{slug}: {d}");
                    assert!(
                        !d.contains("](crate::")
                            && !d.contains("](self::")
                            && !d.contains("](super::"),
                        "{slug}: {d}"
                    );
                }
                map.values().for_each(|c| walk(slug, c));
            }
            Value::Array(items) => items.iter().for_each(|c| walk(slug, c)),
            _ => {}
        }
    }
    for entry in registry::entries() {
        walk(entry.slug(), &entry.schema());
    }
    assert_eq!(
        registry::plain_doc(
            "See [`NodeError`] and [the key](crate::make_idempotency_key), [web](https://x.y/z), [t][r], [x]."
        ),
        "See `NodeError` and the key, [web](https://x.y/z), t, [x]."
    );
}

/// Sized integers are bounded in the schema as in Rust; `1.0` is the one
/// number a schema cannot refuse (JSON Schema treats it as the integer 1),
/// while serde refuses it: that disagreement is documented.
#[test]
fn integer_schemas_are_bounded_by_their_rust_type() {
    let entry = registry::entry("tenant-ctx").expect("registered");
    let validator = validator(entry);
    let doc = |attempt: Value| serde_json::json!({"env": "e", "tenant": "t", "tenant_id": "t", "attempt": attempt});
    for (attempt, ok) in [
        (serde_json::json!(0), true),
        (serde_json::json!(4_294_967_295u64), true),
        (serde_json::json!(4_294_967_296u64), false),
        (serde_json::json!(-1), false),
    ] {
        assert_eq!(
            validator.is_valid(&doc(attempt.clone())),
            ok,
            "schema on {attempt}"
        );
        assert_eq!(
            entry.check(doc(attempt.clone())).is_ok(),
            ok,
            "Rust on {attempt}"
        );
    }
    assert!(validator.is_valid(&doc(serde_json::json!(1.0))));
    assert!(entry.check(doc(serde_json::json!(1.0))).is_err());
}

/// 128-bit integers keep their whole range: `i128::MIN` and `i128::MAX` are
/// read, written back exactly, and the canonical form passes the model's own
/// schema (inclusive `f64` bounds, which an `f64` reader judges alike); a
/// fraction or an exponent there is a type error named at the member, not
/// the parser's complaint about the next character at the parent.
#[test]
fn integers_of_128_bits_keep_their_range_and_name_their_member() {
    let deadline = registry::entry("invocation-deadline").expect("registered");
    let schema = validator(deadline);
    for n in [i128::MIN, i128::MAX, 0] {
        let canonical = deadline
            .check_json(&format!(r#"{{"unix_millis": {n}}}"#))
            .unwrap_or_else(|e| panic!("{n}: {e}"));
        assert_eq!(canonical, format!(r#"{{"unix_millis":{n}}}"#));
        let value: Value = serde_json::from_str(&canonical).expect("JSON");
        assert!(schema.is_valid(&value), "{n}: {canonical} fails the schema");
    }
    let past = "-170141183460469231731687303715884105729";
    let err = deadline
        .check_json(&format!(r#"{{"unix_millis": {past}}}"#))
        .unwrap_err();
    assert_eq!(err.as_slice()[0].path, "/unix_millis", "{err}");

    let ctx = registry::entry("tenant-ctx").expect("registered");
    for fraction in ["1.0", "0.5", "1e3", "-2E-1"] {
        let text = format!(
            "{{\"env\": \"prod\", \"tenant\": \"a\", \"tenant_id\": \"a\", \"attempt\": 0,\n \"deadline\": {{\"unix_millis\" :\n {fraction}}}}}"
        );
        let err = ctx.check_json(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/deadline/unix_millis: invalid type: expected a 128-bit integer (a fraction or an exponent is not one)",
            "{fraction}"
        );
    }
    // An escaped key is unescaped into the pointer.
    let err = deadline
        .check_json(r#"{"unix_\u006dillis": 2.5}"#)
        .unwrap_err();
    assert_eq!(err.as_slice()[0].path, "/unix_millis", "{err}");
}

/// YAML: a byte-order mark is allowed (YAML 1.2), `.inf`/`.nan` where any
/// value goes are named at their pointer instead of becoming `null`, and an
/// alias of a large scalar repeated is refused before it is expanded.
#[cfg(feature = "yaml")]
#[test]
fn yaml_boms_non_finite_numbers_and_alias_expansion() {
    let ctx = registry::entry("tenant-ctx").expect("registered");
    let canonical = ctx
        .check_yaml("\u{feff}env: prod\ntenant: a\ntenant_id: a\nattempt: 0\n")
        .expect("a BOM starts a YAML document");
    assert!(canonical.contains(r#""tenant_id":"a""#), "{canonical}");

    let flow = registry::entry("flow").expect("registered");
    let err = flow
        .check_yaml(
            "kind: events\nid: f\nnodes: {a: {kind: x, config: {t: .inf, u: [-.INF, .nan]}}}\n",
        )
        .unwrap_err();
    let found: Vec<String> = err.as_slice().iter().map(|v| v.path.clone()).collect();
    assert_eq!(
        found,
        [
            "/nodes/a/config/t",
            "/nodes/a/config/u/0",
            "/nodes/a/config/u/1"
        ]
    );
    assert!(err.to_string().contains("no JSON equivalent"), "{err}");

    let big = "x".repeat(1_000_000);
    let bomb = format!(
        "kind: events\nid: f\nnodes: {{a: {{kind: x, config: {{big: &a \"{big}\", many: [{}]}}}}}}\n",
        vec!["*a"; 3_000].join(", ")
    );
    let started = std::time::Instant::now();
    let err = flow.check_yaml(&bomb).unwrap_err();
    assert!(
        err.to_string()
            .contains("aliases expand the document past the limit"),
        "{err}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "refused in {:?}",
        started.elapsed()
    );
    // Aliases within the limit are read as before.
    let ok = flow
        .check_yaml("kind: events\nid: f\nnodes: {a: {kind: x, config: &c {k: v}, routing: *c}}\n")
        .expect("a small alias");
    assert!(ok.contains(r#""routing":{"k":"v"}"#), "{ok}");
}

/// Where an enum finds something other than a variant, serde_json says only
/// "expected value"; the registry's JSON reading says what it found.
#[test]
fn an_enum_given_no_variant_says_what_it_found() {
    let flow = registry::entry("flow").unwrap();
    let allow = registry::entry("allow-list").unwrap();
    for (entry, text, pointer, found) in [
        (flow, r#"{"kind": null, "id": "f"}"#, "/kind", "null"),
        (flow, r#"{"kind": true, "id": "f"}"#, "/kind", "a boolean"),
        (flow, "{\"kind\":\n  7, \"id\": \"f\"}", "/kind", "a number"),
        (
            flow,
            r#"{"kind": ["events"], "id": "f"}"#,
            "/kind",
            "an array",
        ),
        (
            allow,
            r#"{"protocols": [{}]}"#,
            "/protocols/0",
            "an object with no key",
        ),
        (
            allow,
            r#"{"protocols": [{"custom": "a", "other": "b"}]}"#,
            "/protocols/0",
            "an object with more than one key",
        ),
        (
            allow,
            r#"{"protocols": [{"tcp": null ,"udp": null}]}"#,
            "/protocols/0",
            "an object with more than one key",
        ),
        (
            allow,
            "{\"protocols\": [\n  {\"custom\": \"x\",\n   \"tcp\": null}]}",
            "/protocols/0",
            "an object with more than one key",
        ),
    ] {
        let violations = entry.check_json(text).unwrap_err();
        let first = violations.into_iter().next().unwrap();
        assert_eq!(first.path, pointer, "{text}");
        assert_eq!(
            first.message,
            format!(
                "invalid type: {found}, expected a variant: its name as a string, or an object with the variant's name as its one key"
            ),
            "{text}"
        );
    }
}
