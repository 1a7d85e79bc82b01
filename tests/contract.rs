//! The wire contract: every exported schema that has a file in the vendored
//! contract (`tests/contract/schemas/v1`, a copy of the schemas the deployed
//! platform validates against) must describe the same documents.
//!
//! The comparison is structural, as `shared/tools/contract_diff.py` does it:
//! same property names, required sets, enum/const values, JSON types and
//! nesting. Tightenings (pattern, minLength, format, ...), docs and extra
//! optional properties are allowed.
#![cfg(feature = "schema")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use greentic_types::registry;
use serde_json::{Map, Value, json};

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
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "uniqueItems",
    "readOnly",
    "writeOnly",
    "deprecated",
    "$comment",
    "contentEncoding",
    "contentMediaType",
    "minProperties",
    "maxProperties",
    "propertyNames",
];

/// Contract files whose wire we deliberately describe differently (DESIGN.md,
/// "Decisions"): the contract's `VersionStrategy` (PascalCase external tags)
/// contradicts what 0.4.13 really sends (snake_case legacy forms and
/// `kind`-tagged forms, API.md §11). It appears in four files: its own, and
/// the three that embed it. Each must really differ (the list cannot go stale),
/// and only in `VersionStrategy` (tests/store_schema.rs swaps the contract's
/// definition for ours and finds the four files equal).
const DELIBERATE: &[&str] = &[
    "version-strategy",
    "store-product",
    "desired-subscription-entry",
    "desired-state",
];

fn resolve<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = reference.strip_prefix('#')?;
    root.pointer(pointer)
}

fn sorted_json(values: impl Iterator<Item = Value>) -> Value {
    let mut items: Vec<String> = values.map(|v| v.to_string()).collect();
    items.sort();
    Value::from(items)
}

/// The structural shape of a schema: what documents it admits, with docs and
/// tightenings left out and `$ref`s followed.
fn shape(root: &Value, schema: &Value, stack: &[String]) -> Value {
    let Value::Object(s) = schema else {
        return match schema {
            Value::Bool(true) => json!("any"),
            Value::Bool(false) => json!("never"),
            other => json!(format!("{other:?}")),
        };
    };
    if s.is_empty() {
        return json!("any");
    }
    if let Some(Value::String(reference)) = s.get("$ref") {
        if stack.contains(reference) {
            return json!(format!(
                "rec:{}",
                reference.rsplit('/').next().unwrap_or("")
            ));
        }
        let mut deeper = stack.to_vec();
        deeper.push(reference.clone());
        let target = match resolve(root, reference) {
            Some(t) => shape(root, t, &deeper),
            None => json!({"$external": reference}),
        };
        let rest: Map<String, Value> = s
            .iter()
            .filter(|(k, _)| *k != "$ref" && !IGNORED.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if rest.is_empty() {
            return target;
        }
        return json!({"allOf": [target, shape(root, &Value::Object(rest), stack)]});
    }
    let mut out = Map::new();
    for comb in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(alts)) = s.get(comb) {
            out.insert(
                "alts".into(),
                sorted_json(alts.iter().map(|a| shape(root, a, stack))),
            );
        }
    }
    let types = match s.get("type") {
        Some(Value::Array(t)) => Some(sorted_json(t.iter().map(|v| json!(v.as_str())))),
        Some(t) => Some(json!([t.to_string()])),
        None => None,
    };
    let is_object = s.get("type").is_some_and(|t| match t {
        Value::String(t) => t == "object",
        Value::Array(ts) => ts.iter().any(|t| t == "object"),
        _ => false,
    });
    if let Some(t) = types {
        out.insert("type".into(), t);
    }
    if let Some(Value::Array(values)) = s.get("enum") {
        out.insert("enum".into(), sorted_json(values.iter().cloned()));
    }
    if let Some(c) = s.get("const") {
        out.insert("enum".into(), sorted_json(std::iter::once(c.clone())));
    }
    if s.contains_key("properties") || is_object {
        let props: Map<String, Value> = s
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| {
                p.iter()
                    .map(|(k, v)| (k.clone(), shape(root, v, stack)))
                    .collect()
            })
            .unwrap_or_default();
        out.insert("props".into(), Value::Object(props));
        let required: BTreeSet<String> = s
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        out.insert("required".into(), json!(required));
        if let Some(ap) = s.get("additionalProperties") {
            out.insert("additional".into(), shape(root, ap, stack));
        }
    }
    if let Some(items) = s.get("items") {
        out.insert("items".into(), shape(root, items, stack));
    }
    if let Some(Value::Array(prefix)) = s.get("prefixItems") {
        let p: Vec<Value> = prefix.iter().map(|x| shape(root, x, stack)).collect();
        out.insert("prefix".into(), Value::Array(p));
    }
    if let Some(not) = s.get("not") {
        out.insert("not".into(), shape(root, not, stack));
    }
    if out.is_empty() {
        json!("any")
    } else {
        Value::Object(out)
    }
}

fn compare(path: &str, want: &Value, got: &Value, diffs: &mut Vec<String>) {
    let (Value::Object(w), Value::Object(g)) = (want, got) else {
        if want != got {
            diffs.push(format!("{path}: contract {want} vs {got}"));
        }
        return;
    };
    let keys: BTreeSet<&String> = w.keys().chain(g.keys()).collect();
    for k in keys {
        match k.as_str() {
            "props" => {
                let empty = Map::new();
                let wp = w.get("props").and_then(Value::as_object).unwrap_or(&empty);
                let gp = g.get("props").and_then(Value::as_object).unwrap_or(&empty);
                let required = g.get("required").cloned().unwrap_or(json!([]));
                let names: BTreeSet<&String> = wp.keys().chain(gp.keys()).collect();
                for name in names {
                    match (wp.get(name), gp.get(name)) {
                        (Some(_), None) => diffs.push(format!("{path}.{name}: property missing")),
                        (None, Some(_)) => {
                            if required
                                .as_array()
                                .is_some_and(|r| r.contains(&json!(name)))
                            {
                                diffs.push(format!("{path}.{name}: extra property is required"));
                            }
                        }
                        (Some(a), Some(b)) => compare(&format!("{path}.{name}"), a, b, diffs),
                        (None, None) => {}
                    }
                }
            }
            "required" => {
                if w.get(k) != g.get(k) {
                    diffs.push(format!(
                        "{path}: required differs: contract {} vs {}",
                        w.get(k).unwrap_or(&json!([])),
                        g.get(k).unwrap_or(&json!([]))
                    ));
                }
            }
            _ => match (w.get(k), g.get(k)) {
                (Some(a), Some(b)) => compare(&format!("{path}/{k}"), a, b, diffs),
                (Some(a), None) => diffs.push(format!("{path}: missing '{k}' (contract {a})")),
                (None, Some(b)) => diffs.push(format!("{path}: extra '{k}' ({b})")),
                (None, None) => {}
            },
        }
    }
}

/// Differences between a contract schema and ours (empty when they match).
fn diff(slug: &str, contract: &Value, ours: &Value) -> Vec<String> {
    let mut diffs = Vec::new();
    if contract.get("$id") != ours.get("$id") {
        diffs.push(format!(
            "$id: contract {:?} vs {:?}",
            contract.get("$id"),
            ours.get("$id")
        ));
    }
    compare(
        slug,
        &shape(contract, contract, &[]),
        &shape(ours, ours, &[]),
        &mut diffs,
    );
    diffs
}

fn contract() -> BTreeMap<String, Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/contract/schemas/v1");
    let mut out = BTreeMap::new();
    for item in std::fs::read_dir(&dir).expect("vendored contract") {
        let path = item.expect("dir entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if let Some(slug) = name.strip_suffix(".schema.json") {
            let text = std::fs::read_to_string(&path).expect("readable");
            out.insert(
                slug.to_owned(),
                serde_json::from_str(&text).expect("contract is JSON"),
            );
        }
    }
    out
}

#[test]
fn vendored_contract_is_complete() {
    assert_eq!(contract().len(), 102, "the contract has 102 schemas");
}

#[test]
fn every_registered_contract_schema_matches_the_contract() {
    let contract = contract();
    let mut report = Vec::new();
    let mut matched = 0;
    let mut pending = Vec::new();
    for (slug, want) in &contract {
        let Some(entry) = registry::entry(slug) else {
            pending.push(slug.as_str());
            continue;
        };
        let diffs = diff(slug, want, &entry.schema());
        let deliberate = DELIBERATE.contains(&slug.as_str());
        if diffs.is_empty() {
            matched += 1;
            assert!(
                !deliberate,
                "{slug} is listed as a deliberate deviation but matches"
            );
        } else if !deliberate {
            report.extend(diffs);
        }
    }
    assert!(
        report.is_empty(),
        "schemas differ from the contract:\n{}",
        report.join("\n")
    );
    assert!(
        pending.is_empty(),
        "every contract file has a registered model; missing: {}",
        pending.join(" ")
    );
    println!(
        "contract schemas matched: {matched}/{} ({} not yet declared: {})",
        contract.len(),
        pending.len(),
        pending.join(" ")
    );
}

#[test]
fn the_comparison_catches_what_it_must() {
    let base = json!({
        "$id": "x", "type": "object", "required": ["a"],
        "properties": {"a": {"type": "string"}, "b": {"type": ["string", "null"]}}
    });
    assert!(diff("t", &base, &base).is_empty());
    // Tightening and docs are allowed; an extra optional property too.
    let mut tighter = base.clone();
    tighter["properties"]["a"]["pattern"] = json!("^x$");
    tighter["properties"]["a"]["description"] = json!("doc");
    tighter["properties"]["c"] = json!({"type": "integer"});
    assert!(diff("t", &base, &tighter).is_empty());
    // Dropping, retyping or newly requiring a field is not.
    let mut dropped = base.clone();
    dropped["properties"].as_object_mut().map(|p| p.remove("b"));
    assert_eq!(diff("t", &base, &dropped), ["t.b: property missing"]);
    let mut retyped = base.clone();
    retyped["properties"]["a"]["type"] = json!("integer");
    assert_eq!(diff("t", &base, &retyped).len(), 1);
    let mut required = base.clone();
    required["required"] = json!(["a", "b"]);
    assert_eq!(diff("t", &base, &required).len(), 1);
    // `$ref`s are followed.
    let by_ref = json!({
        "$id": "x", "type": "object", "required": ["a"],
        "$defs": {"A": {"type": "string"}},
        "properties": {"a": {"$ref": "#/$defs/A"}, "b": {"type": ["string", "null"]}}
    });
    assert!(diff("t", &base, &by_ref).is_empty());
}
