//! The store and supply-chain schemas against the real wire and against the
//! vendored contract, including the one deliberate deviation: `VersionStrategy`.
#![cfg(feature = "check")]

use std::collections::BTreeSet;
use std::path::Path;

use greentic_types::registry;
use serde_json::{Map, Value, json};

fn ours(slug: &str) -> Value {
    registry::entry(slug)
        .unwrap_or_else(|| panic!("{slug} is registered"))
        .schema()
}

fn contract(slug: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/contract/schemas/v1")
        .join(format!("{slug}.schema.json"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("vendored contract"))
        .expect("contract is JSON")
}

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/store")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("JSON")
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::validator_for(schema).expect("schema compiles")
}

fn check(slug: &str, doc: Value) -> Result<Value, String> {
    registry::entry(slug)
        .unwrap_or_else(|| panic!("{slug} is registered"))
        .check(doc)
        .map_err(|e| e.to_string())
}

/// The real wire of every variant (API.md §11), as 0.4.13 writes it.
fn real_wire() -> Vec<Value> {
    vec![
        json!("latest"),
        json!("lts"),
        json!({"custom": "nightly"}),
        json!({"pinned": {"requirement": "^1.2"}}),
        json!({"kind": "fixed", "version": "1.2.3"}),
        json!({"kind": "range", "range": ">=1, <2"}),
        json!({"kind": "channel", "channel": "beta"}),
        json!({"kind": "custom", "value": "canary"}),
    ]
}

/// What 0.4.13's published schema describes instead.
fn contract_forms() -> Vec<Value> {
    vec![
        json!("Latest"),
        json!("Lts"),
        json!({"Custom": "nightly"}),
        json!({"Pinned": {"requirement": "^1.2"}}),
        json!({"Fixed": {"version": "1.2.3"}}),
        json!({"Range": {"range": ">=1, <2"}}),
        json!({"Channel": {"channel": "beta"}}),
        json!({"CustomTagged": {"value": "canary"}}),
    ]
}

#[test]
fn every_version_strategy_variant_on_the_real_wire_validates_against_our_schema() {
    let schema = validator(&ours("version-strategy"));
    for wire in real_wire() {
        assert!(schema.is_valid(&wire), "{wire}");
        assert_eq!(check("version-strategy", wire.clone()), Ok(wire.clone()));
    }
    // ... also inside the documents that embed it, and `{"kind": "latest"}`,
    // which reads as `"latest"`.
    assert!(schema.is_valid(&json!({"kind": "latest"})));
    assert_eq!(
        check("version-strategy", json!({"kind": "latest"})),
        Ok(json!("latest"))
    );
    let product = validator(&ours("store-product"));
    let entry = validator(&ours("desired-subscription-entry"));
    for wire in real_wire() {
        let mut doc = fixture("store-product.json");
        doc["version_strategy"] = wire.clone();
        assert!(product.is_valid(&doc), "{wire}");
        let doc = json!({"selector": {"component": "c"}, "version_strategy": wire});
        assert!(entry.is_valid(&doc), "{doc}");
    }
}

#[test]
fn pascal_case_version_strategies_are_rejected_by_our_schema_and_by_the_code() {
    let schema = validator(&ours("version-strategy"));
    let product = validator(&ours("store-product"));
    for form in contract_forms() {
        assert!(!schema.is_valid(&form), "{form}");
        let err = check("version-strategy", form.clone()).unwrap_err();
        assert!(err.contains("unknown variant"), "{form}: {err}");
        let mut doc = fixture("store-product.json");
        doc["version_strategy"] = form.clone();
        assert!(!product.is_valid(&doc), "{form}");
        let err = check("store-product", doc).unwrap_err();
        assert!(
            err.starts_with("/version_strategy: unknown variant"),
            "{form}: {err}"
        );
    }
}

#[test]
fn version_strategy_schema_deviates_from_the_contract_on_purpose() {
    // The contract describes forms 0.4.13's code never reads or writes, and
    // rejects the forms it does: its schema is wrong (API.md §W.1), ours says
    // what the wire is (DESIGN.md "Decisions").
    let theirs = validator(&contract("version-strategy"));
    for form in contract_forms() {
        assert!(theirs.is_valid(&form), "the contract accepts {form}");
    }
    for wire in real_wire() {
        assert!(
            !theirs.is_valid(&wire),
            "the contract rejects 0.4.13's {wire}"
        );
    }
    // The same holds for the three documents that embed it: real 0.4.13
    // documents fail the contract, and pass ours.
    for (slug, file) in [
        ("store-product", "store-product.json"),
        ("desired-state", "desired-state.json"),
    ] {
        let doc = fixture(file);
        assert!(!validator(&contract(slug)).is_valid(&doc), "{slug}");
        assert!(validator(&ours(slug)).is_valid(&doc), "{slug}");
    }

    // Structurally, the deviation is exactly the `VersionStrategy` definition:
    // these four differ from the contract, and with the contract's definition
    // swapped for ours they match it.
    let deviating = [
        "version-strategy",
        "store-product",
        "desired-subscription-entry",
        "desired-state",
    ];
    let ours_vs = ours("version-strategy");
    for slug in deviating {
        let theirs = contract(slug);
        assert_ne!(
            shape_of(&theirs),
            shape_of(&ours(slug)),
            "{slug} differs as it stands"
        );
        let swapped = with_version_strategy(theirs, &ours_vs);
        assert_eq!(
            shape_of(&swapped),
            shape_of(&ours(slug)),
            "{slug}: nothing but VersionStrategy differs"
        );
    }
}

#[test]
fn the_other_thirty_store_and_supply_chain_files_match_the_contract() {
    let matching = [
        "storefront",
        "store-plan",
        "subscription",
        "environment",
        "rollout-status",
        "theme",
        "layout-section",
        "collection",
        "product-override",
        "store-product-kind",
        "connection-kind",
        "pack-or-component-ref",
        "plan-limits",
        "price-model",
        "subscription-status",
        "capability-map",
        "artifact-selector",
        "bundle",
        "desired-state-export",
        "build-plan",
        "build-status",
        "scan-request",
        "scan-result",
        "sign-request",
        "verify-request",
        "verify-result",
        "attestation-statement",
        "metadata-record",
        "repo-context",
        "store-context",
    ];
    assert_eq!(matching.len(), 30);
    for slug in matching {
        assert_eq!(shape_of(&contract(slug)), shape_of(&ours(slug)), "{slug}");
    }
}

#[test]
fn schema_and_code_agree_on_version_strategy_edge_cases() {
    let schema = validator(&ours("version-strategy"));
    let cases = [
        json!({"kind": "fixed", "version": "1", "note": 1}),
        json!({"kind": "latest", "custom": "x"}),
        json!({"kind": "custom", "value": "v", "custom": "legacy"}),
        json!({"pinned": {"requirement": "^1", "note": 1}}),
        json!({"kind": "lts"}),
        json!({"kind": "fixed"}),
        json!({"kind": "range", "range": 1}),
        json!({"kind": 1}),
        json!({}),
        json!({"custom": "x", "pinned": {"requirement": "^1"}}),
        json!({"custom": 1}),
        json!({"pinned": {}}),
        json!({"pinned": {"requirement": ""}}),
        json!({"pinned": "^1"}),
        json!({"lts": null}),
        json!("fixed"),
        json!(""),
        json!(1),
        json!(null),
        json!([]),
    ];
    let mut accepted = 0;
    for doc in cases {
        let code = check("version-strategy", doc.clone()).is_ok();
        assert_eq!(code, schema.is_valid(&doc), "{doc}");
        accepted += usize::from(code);
    }
    assert_eq!(accepted, 5, "both sides exercised");
}

#[test]
fn store_and_supply_chain_fixtures_validate_against_our_schemas() {
    for (slug, file) in [
        ("storefront", "storefront.json"),
        ("store-product", "store-product.json"),
        ("store-plan", "store-plan.json"),
        ("subscription", "subscription.json"),
        ("environment", "environment.json"),
        ("rollout-status", "rollout-status.json"),
        ("desired-state", "desired-state.json"),
        ("bundle", "bundle.json"),
        ("desired-state-export", "desired-state-export.json"),
        ("build-plan", "build-plan.json"),
        ("scan-request", "scan-request.json"),
        ("sign-request", "sign-request.json"),
        ("verify-request", "verify-request.json"),
        ("verify-result", "verify-result.json"),
        ("attestation-statement", "attestation-statement.json"),
        ("metadata-record", "metadata-record.json"),
        ("repo-context", "repo-context.json"),
        ("store-context", "store-context.json"),
    ] {
        let doc = fixture(file);
        let errors: Vec<String> = validator(&ours(slug))
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{slug}: {errors:?}");
        assert_eq!(check(slug, doc.clone()), Ok(doc), "{slug}");
    }
}

#[test]
fn legacy_timestamp_arrays_are_read_but_only_rfc3339_is_described_and_written() {
    for (slug, file) in [
        ("build-status", "build-status.json"),
        ("scan-result", "scan-result.json"),
    ] {
        let legacy = fixture(file);
        let schema = validator(&ours(slug));
        assert!(!schema.is_valid(&legacy), "{slug}: arrays are input-only");
        let written = check(slug, legacy).expect("arrays are read");
        assert!(written["started_at_utc"].is_string(), "{written}");
        assert!(schema.is_valid(&written), "{slug}: {written}");
        assert!(
            validator(&contract(slug)).is_valid(&written),
            "{slug}: what we write is what the contract always said"
        );
        assert_eq!(
            ours(slug)["properties"]["started_at_utc"]["type"],
            json!(["string", "null"])
        );
    }
}

#[test]
fn errors_inside_documents_name_the_json_pointer_and_the_rule() {
    let mut doc = fixture("store-product.json");
    doc["version_strategy"] = json!({"pinned": {"requirement": "one point two"}});
    let err = check("store-product", doc).unwrap_err();
    assert!(
        err.starts_with(
            "/version_strategy/pinned/requirement: SemverReq must be a SemVer version requirement"
        ),
        "{err}"
    );
    let mut doc = fixture("desired-state.json");
    doc["entries"][1]["version_strategy"] = json!({"kind": "lts"});
    let err = check("desired-state", doc).unwrap_err();
    assert!(
        err.starts_with("/entries/1/version_strategy/kind: unknown variant `lts`"),
        "{err}"
    );
    let mut doc = fixture("store-plan.json");
    doc["price_model"] = json!({"flat": {"amount_micro": 1, "period_days": 70000}});
    let err = check("store-plan", doc).unwrap_err();
    assert!(
        err.starts_with("/price_model/flat/period_days: invalid value: integer `70000`"),
        "{err}"
    );
    let mut doc = fixture("storefront.json");
    doc["collections"][0]["product_ids"][1] = json!("crm sync");
    let err = check("storefront", doc).unwrap_err();
    assert!(
        err.starts_with("/collections/0/product_ids/1: StoreProductId must contain only"),
        "{err}"
    );
    let mut doc = fixture("build-status.json");
    doc["finished_at_utc"] = json!([2023, 366, 0, 0, 0, 0, 0, 0, 0]);
    let err = check("build-status", doc).unwrap_err();
    assert!(err.starts_with("/finished_at_utc: "), "{err}");
}

// --- structural comparison (as tests/contract.rs and contract_diff.py do it) ---

/// Keywords that document or tighten without changing which documents have
/// which structure (and every `x-*` annotation, e.g. `x-schema-gaps`).
const IGNORED: &[&str] = &[
    "description",
    "title",
    "examples",
    "$schema",
    "$id",
    "default",
    "format",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
];

/// `schema` with the `VersionStrategy` definition (or, for the file itself,
/// the whole body) replaced by `ours`.
fn with_version_strategy(mut schema: Value, ours: &Value) -> Value {
    let body: Map<String, Value> = ours
        .as_object()
        .expect("object")
        .iter()
        .filter(|(k, _)| !["$defs", "$id", "$schema", "title"].contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let defs = ours.get("$defs").and_then(Value::as_object).cloned();
    let map = schema.as_object_mut().expect("object");
    if map.contains_key("oneOf") {
        map.remove("oneOf");
        map.extend(body);
    } else {
        map["$defs"]["VersionStrategy"] = Value::Object(body);
    }
    if let Some(defs) = defs {
        let target = map
            .entry("$defs")
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .expect("object");
        target.extend(defs);
    }
    schema
}

fn shape_of(root: &Value) -> Value {
    shape(root, root, &mut Vec::new())
}

/// The structure a schema admits: `$ref`s followed, docs and tightenings
/// dropped, alternatives sorted, types as sorted lists, `const` as `enum`.
fn shape(root: &Value, schema: &Value, stack: &mut Vec<String>) -> Value {
    let Value::Object(s) = schema else {
        return schema.clone();
    };
    if let Some(Value::String(r)) = s.get("$ref") {
        if stack.contains(r) {
            return json!({ "rec": r });
        }
        let target = root
            .pointer(r.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("unresolved {r}"));
        stack.push(r.clone());
        let out = shape(root, target, stack);
        stack.pop();
        return out;
    }
    let mut out = Map::new();
    for (k, v) in s {
        if IGNORED.contains(&k.as_str()) || k == "$defs" || k.starts_with("x-") {
            continue;
        }
        let v = match (k.as_str(), v) {
            ("type", Value::String(t)) => json!([t]),
            ("type", Value::Array(ts)) => {
                let set: BTreeSet<String> = ts.iter().map(Value::to_string).collect();
                json!(set)
            }
            ("const", c) => {
                out.insert("enum".into(), json!([c]));
                continue;
            }
            ("required", Value::Array(r)) => {
                let set: BTreeSet<String> = r.iter().map(Value::to_string).collect();
                json!(set)
            }
            ("oneOf" | "anyOf" | "allOf", Value::Array(alts)) => {
                let set: BTreeSet<String> = alts
                    .iter()
                    .map(|a| shape(root, a, stack).to_string())
                    .collect();
                json!(set)
            }
            ("properties", Value::Object(props)) => Value::Object(
                props
                    .iter()
                    .map(|(name, p)| (name.clone(), shape(root, p, stack)))
                    .collect(),
            ),
            (_, v @ Value::Object(_)) => shape(root, v, stack),
            (_, v) => v.clone(),
        };
        out.insert(k.clone(), v);
    }
    if out.get("type") == Some(&json!(["object"])) && !out.contains_key("required") {
        out.insert("required".into(), json!([]));
    }
    Value::Object(out)
}
