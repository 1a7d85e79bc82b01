//! `greentic-types compat`: real schemas from `dist/schemas/v1/`, each edited
//! in a known way, through the real binary; and our export against the
//! deployed contract (`tests/contract/schemas/v1`), whose deliberate
//! deviations the tool itself must list.
#![cfg(feature = "cli")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_greentic-types");

fn dist_schema(slug: &str) -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("dist/schemas/v1/{slug}.schema.json"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("dist schema")).expect("JSON")
}

/// OLD and NEW directories holding real copies of `slugs`; `edit` changes NEW.
fn pair(
    name: &str,
    slugs: &[&str],
    edit: impl FnOnce(&mut BTreeMap<String, Value>),
) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!(
        "greentic-types-compat-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&root);
    let (old, new) = (root.join("old"), root.join("new"));
    std::fs::create_dir_all(&old).expect("mkdir");
    std::fs::create_dir_all(&new).expect("mkdir");
    let mut schemas: BTreeMap<String, Value> = slugs
        .iter()
        .map(|s| (s.to_string(), dist_schema(s)))
        .collect();
    for (slug, schema) in &schemas {
        std::fs::write(old.join(format!("{slug}.schema.json")), schema.to_string()).expect("write");
    }
    edit(&mut schemas);
    for (slug, schema) in &schemas {
        std::fs::write(new.join(format!("{slug}.schema.json")), schema.to_string()).expect("write");
    }
    (old, new)
}

/// Runs `compat` with `args`; (status, stdout, stderr).
fn compat(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .arg("compat")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The breaking changes of a JSON report: (slug, pointer, kind, breaks).
fn breaking(report: &Value) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for schema in report["schemas"].as_array().into_iter().flatten() {
        for c in schema["changes"].as_array().into_iter().flatten() {
            if c["breaks"] != "compatible" {
                out.push((
                    schema["slug"].as_str().unwrap_or("").to_owned(),
                    c["pointer"].as_str().unwrap_or("").to_owned(),
                    c["kind"].as_str().unwrap_or("").to_owned(),
                    c["breaks"].as_str().unwrap_or("").to_owned(),
                ));
            }
        }
    }
    out
}

fn json_report(old: &Path, new: &Path, extra: &[&str]) -> (i32, Value) {
    let (o, n) = (old.to_string_lossy(), new.to_string_lossy());
    let mut args = vec![o.as_ref(), n.as_ref(), "--format", "json"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = compat(&args);
    assert!(stderr.is_empty(), "{stderr}");
    (
        code,
        serde_json::from_str(&stdout).expect("one JSON document"),
    )
}

fn t(slug: &str, pointer: &str, kind: &str, breaks: &str) -> (String, String, String, String) {
    (slug.into(), pointer.into(), kind.into(), breaks.into())
}

#[test]
fn identical_schemas_have_no_change() {
    let (old, new) = pair("same", &["tenant-ctx", "flow", "store-product"], |_| {});
    let (code, report) = json_report(&old, &new, &[]);
    assert_eq!(code, 0);
    assert_eq!(report["schemas"], json!([]));
    assert_eq!(report["summary"]["compared"], 3);
}

/// Vendor extensions (`x-*`, such as our `x-schema-gaps`) are annotations:
/// validators ignore them, so adding or changing one breaks nobody, while an
/// unknown validation keyword still does.
#[test]
fn vendor_extension_keywords_are_annotations() {
    let (old, new) = pair("vendor", &["tenant-context"], |s| {
        let schema = s.get_mut("tenant-context").unwrap();
        schema["x-schema-gaps"] = json!([{"code": "rejects", "rule": "r"}]);
        schema["properties"]["tenant_id"]["x-note"] = json!("n");
    });
    let (code, report) = json_report(&old, &new, &[]);
    assert_eq!(code, 0, "{report}");
    assert!(breaking(&report).is_empty(), "{report}");

    let (old, new) = pair("unknown-keyword", &["tenant-context"], |s| {
        s.get_mut("tenant-context").unwrap()["unevaluatedProperties"] = json!(false);
    });
    let (code, _) = json_report(&old, &new, &[]);
    assert_eq!(code, 1, "a validation keyword is not an annotation");
}

#[test]
fn a_field_made_required_breaks_old_writers() {
    let (old, new) = pair("required", &["tenant-context"], |s| {
        s.get_mut("tenant-context").unwrap()["required"] = json!(["tenant_id", "attributes"]);
    });
    let (code, report) = json_report(&old, &new, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        breaking(&report),
        [t(
            "tenant-context",
            "/required",
            "required-added",
            "breaks writers"
        )]
    );
}

#[test]
fn a_changed_type_breaks_both_sides_at_its_pointer() {
    let (old, new) = pair("type", &["tenant-ctx"], |s| {
        s.get_mut("tenant-ctx").unwrap()["properties"]["attempt"] = json!({"type": "string"});
    });
    let (code, report) = json_report(&old, &new, &[]);
    assert_eq!(code, 1);
    let found = breaking(&report);
    assert!(
        found.contains(&t(
            "tenant-ctx",
            "/properties/attempt/type",
            "type-added",
            "breaks readers"
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&t(
            "tenant-ctx",
            "/properties/attempt/type",
            "type-removed",
            "breaks writers"
        )),
        "{found:?}"
    );
    // The bounds the integer had are gone too: readers see wider values.
    assert!(
        found.contains(&t(
            "tenant-ctx",
            "/properties/attempt/maximum",
            "bound-loosened",
            "breaks readers"
        )),
        "{found:?}"
    );
}

#[test]
fn an_enum_value_added_breaks_old_readers_and_one_removed_old_writers() {
    let (old, new) = pair("enum", &["run-status"], |s| {
        let alts = s.get_mut("run-status").unwrap()["oneOf"]
            .as_array_mut()
            .unwrap();
        alts.push(json!({"const": "cancelled", "type": "string"}));
        alts.remove(1); // partial_failure
    });
    let (code, report) = json_report(&old, &new, &[]);
    assert_eq!(code, 1);
    let found = breaking(&report);
    assert_eq!(
        found,
        [
            t("run-status", "/oneOf", "variant-removed", "breaks writers"),
            t("run-status", "/oneOf/2", "variant-added", "breaks readers"),
        ]
    );
    let details: Vec<&str> = report["schemas"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["detail"].as_str())
        .collect();
    assert!(
        details.contains(&"value \"partial_failure\" no longer accepted"),
        "{details:?}"
    );
    assert!(
        details.contains(&"value \"cancelled\" now accepted"),
        "{details:?}"
    );
}

#[test]
fn a_tightened_pattern_or_bound_inside_a_definition_is_found_through_refs() {
    let (old, new) = pair("pattern", &["tenant-ctx", "tenant-id"], |s| {
        let ctx = s.get_mut("tenant-ctx").unwrap();
        ctx["$defs"]["TenantId"]["pattern"] = json!("^[a-z]+$");
        ctx["$defs"]["EnvId"]["maxLength"] = json!(64);
        s.get_mut("tenant-id").unwrap()["minLength"] = json!(3);
    });
    let (code, report) = json_report(&old, &new, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        breaking(&report),
        [
            t(
                "tenant-ctx",
                "/$defs/EnvId/maxLength",
                "bound-tightened",
                "breaks writers"
            ),
            t(
                "tenant-ctx",
                "/$defs/TenantId/pattern",
                "pattern-changed",
                "breaks both"
            ),
            t(
                "tenant-id",
                "/minLength",
                "bound-tightened",
                "breaks writers"
            ),
        ],
        "each definition once, however many fields refer to it"
    );
}

#[test]
fn an_optional_field_added_is_compatible_and_a_removed_one_breaks_readers() {
    let (old, new) = pair("fields", &["tenant-ctx"], |s| {
        let props = s.get_mut("tenant-ctx").unwrap()["properties"]
            .as_object_mut()
            .unwrap();
        props.insert("region".into(), json!({"type": "string"}));
        props.remove("trace_id");
    });
    let (code, report) = json_report(&old, &new, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        breaking(&report),
        [t(
            "tenant-ctx",
            "/properties/trace_id",
            "property-removed",
            "breaks readers"
        )]
    );
    let changes = report["schemas"][0]["changes"].as_array().unwrap();
    assert!(changes.iter().any(|c| c["pointer"] == "/properties/region"
        && c["kind"] == "property-added"
        && c["breaks"] == "compatible"));

    // Only the compatible addition: exit 0.
    let (old, new) = pair("optional", &["tenant-ctx"], |s| {
        let props = s.get_mut("tenant-ctx").unwrap()["properties"]
            .as_object_mut()
            .unwrap();
        props.insert("region".into(), json!({"type": "string"}));
    });
    let (code, stdout, _) = compat(&[&old.to_string_lossy(), &new.to_string_lossy()]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.ends_with(
            "1 schemas compared, 0 added, 0 removed: 0 breaking changes, 0 allowed, 1 compatible\n"
        ),
        "{stdout}"
    );
}

#[test]
fn added_and_removed_schemas_are_reported() {
    let (old, new) = pair("sets", &["tenant-id", "team-id"], |s| {
        s.remove("team-id");
        s.insert("user-id".into(), dist_schema("user-id"));
    });
    let (code, report) = json_report(&old, &new, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        breaking(&report),
        [t("team-id", "", "schema-removed", "breaks both")]
    );
    assert_eq!(report["summary"]["added"], 1);
    assert_eq!(report["summary"]["removed"], 1);
}

#[test]
fn allow_rules_accept_breaking_changes_by_schema_pointer_or_kind() {
    let (old, new) = pair("allow", &["tenant-ctx", "tenant-context"], |s| {
        s.get_mut("tenant-ctx").unwrap()["$defs"]["TenantId"]["maxLength"] = json!(64);
        s.get_mut("tenant-context").unwrap()["required"] = json!(["tenant_id", "attributes"]);
    });
    let (o, n) = (
        old.to_string_lossy().into_owned(),
        new.to_string_lossy().into_owned(),
    );
    for (allow, expected) in [
        (vec![], 1),
        (vec!["--allow", "tenant-ctx"], 1),
        (
            vec!["--allow", "tenant-ctx", "--allow", "tenant-context"],
            0,
        ),
        (
            vec![
                "--allow",
                "tenant-ctx:/$defs/TenantId",
                "--allow",
                "tenant-context:/required",
            ],
            0,
        ),
        (
            vec!["--allow", "*:/$defs", "--allow", "kind=required-added"],
            0,
        ),
        (
            vec![
                "--allow",
                "tenant-ctx:/$defs/TenantIdX",
                "--allow",
                "kind=required-added",
            ],
            1,
        ),
    ] {
        let mut args = vec![o.as_str(), n.as_str()];
        args.extend(allow.iter().copied());
        let (code, stdout, _) = compat(&args);
        assert_eq!(code, expected, "{allow:?}:\n{stdout}");
        if expected == 0 {
            assert!(stdout.contains("[allowed]"), "{stdout}");
        }
    }
    let (code, _, stderr) = compat(&[&o, &n, "--allow", "tenant-ctx:properties"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("JSON pointer"), "{stderr}");
    let (code, _, stderr) = compat(&["/nonexistent/old", &n]);
    assert_eq!(code, 2);
    assert!(stderr.contains("/nonexistent/old"), "{stderr}");
}

/// Breaking changes that only tighten what our code already enforced: the
/// identifier rules (`pattern`, `minLength`, `maxLength`), integer ranges
/// from the Rust types, and map keys that are identifiers.
const TIGHTENINGS: &[&str] = &["pattern-added", "bound-tightened", "property-names-added"];

/// The contract files that embed `VersionStrategy`, whose wire we describe
/// differently on purpose (DESIGN.md, "Decisions").
const VERSION_STRATEGY_FILES: &[&str] = &[
    "desired-state",
    "desired-subscription-entry",
    "store-product",
    "version-strategy",
];

#[test]
fn our_export_against_the_deployed_contract_lists_exactly_the_deliberate_deviations() {
    let contract = "tests/contract/schemas/v1";
    let (code, stdout, stderr) = compat(&["--against", contract, "--format", "json"]);
    assert_eq!(
        code, 1,
        "the deviations are breaking until allowed: {stderr}"
    );
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(
        report["summary"]["removed"], 0,
        "every contract schema is still published"
    );
    assert_eq!(report["summary"]["compared"], 102);

    let found = breaking(&report);
    let deviating: BTreeSet<&str> = found
        .iter()
        .filter(|(_, _, kind, _)| !TIGHTENINGS.contains(&kind.as_str()))
        .map(|(slug, ..)| slug.as_str())
        .collect();
    assert_eq!(
        deviating,
        VERSION_STRATEGY_FILES.iter().copied().collect(),
        "only the VersionStrategy files deviate beyond tightenings"
    );
    for (slug, pointer, kind, breaks) in &found {
        if TIGHTENINGS.contains(&kind.as_str()) {
            assert_eq!(
                breaks, "breaks writers",
                "{slug} {pointer}: a tightening breaks only writers"
            );
        } else {
            assert!(
                pointer.starts_with("/$defs/VersionStrategy/oneOf")
                    || pointer.starts_with("/oneOf"),
                "{slug} {pointer} {kind}: inside VersionStrategy"
            );
        }
    }

    // With the deliberate deviations allowed, the contract check passes.
    let mut args = vec!["--against", contract];
    for kind in TIGHTENINGS {
        args.push("--allow");
        args.push(Box::leak(format!("kind={kind}").into_boxed_str()));
    }
    // `version-strategy` is the definition itself (its root, not a `$defs`
    // entry): a `version-strategy:/$defs/...` rule would accept nothing and
    // fail the run as unused.
    for slug in VERSION_STRATEGY_FILES
        .iter()
        .filter(|s| **s != "version-strategy")
    {
        args.push("--allow");
        args.push(Box::leak(
            format!("{slug}:/$defs/VersionStrategy").into_boxed_str(),
        ));
    }
    args.extend(["--allow", "version-strategy:/oneOf"]);
    let (code, stdout, _) = compat(&args);
    println!("{stdout}");
    assert_eq!(code, 0, "{stdout}");
    let summary = stdout.lines().last().unwrap_or("");
    assert!(summary.starts_with("102 schemas compared, "), "{summary}");
    assert!(summary.contains(" 0 breaking changes, "), "{summary}");
}

/// The changes of a JSON report, breaking or not: (slug, pointer, kind, breaks).
fn all_changes(report: &Value) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for schema in report["schemas"].as_array().into_iter().flatten() {
        for c in schema["changes"].as_array().into_iter().flatten() {
            out.push((
                schema["slug"].as_str().unwrap_or("").to_owned(),
                c["pointer"].as_str().unwrap_or("").to_owned(),
                c["kind"].as_str().unwrap_or("").to_owned(),
                c["breaks"].as_str().unwrap_or("").to_owned(),
            ));
        }
    }
    out
}

#[test]
fn a_change_inside_a_definition_reached_only_through_an_unchanged_ref_is_found() {
    // `flow`'s `Node` is reached through `nodes.additionalProperties`, whose
    // text (`{"$ref": "#/$defs/Node"}`) is the same on both sides; `FlowKind`
    // through `kind`; `tenant-ctx`'s `Impersonation` through an `anyOf`
    // whose text is unchanged too.
    let (old, new) = pair("through-refs", &["flow", "tenant-ctx"], |s| {
        let flow = s.get_mut("flow").unwrap();
        flow["$defs"]["Node"]["required"] = json!(["kind", "config"]);
        flow["$defs"]["FlowKind"]["oneOf"]
            .as_array_mut()
            .unwrap()
            .push(json!({"const": "timer", "type": "string"}));
        s.get_mut("tenant-ctx").unwrap()["$defs"]["Impersonation"]["properties"]["reason"] =
            json!({"type": "integer"});
    });
    let (code, report) = json_report(&old, &new, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        breaking(&report),
        [
            t(
                "flow",
                "/$defs/FlowKind/oneOf/2",
                "variant-added",
                "breaks readers"
            ),
            t(
                "flow",
                "/$defs/Node/required",
                "required-added",
                "breaks writers"
            ),
            t(
                "tenant-ctx",
                "/$defs/Impersonation/properties/reason/type",
                "type-added",
                "breaks readers"
            ),
            t(
                "tenant-ctx",
                "/$defs/Impersonation/properties/reason/type",
                "type-removed",
                "breaks writers"
            ),
        ]
    );
}

#[test]
fn a_constraint_beside_a_ref_is_compared_where_it_is_written() {
    let (old, new) = pair("ref-sibling", &["tenant-ctx"], |s| {
        s.get_mut("tenant-ctx").unwrap()["properties"]["env"]["maxLength"] = json!(3);
    });
    let (_, report) = json_report(&old, &new, &[]);
    assert_eq!(
        breaking(&report),
        [t(
            "tenant-ctx",
            "/properties/env/maxLength",
            "bound-tightened",
            "breaks writers"
        )]
    );
}

#[test]
fn an_alternative_dropped_for_a_plain_ref_is_reported_at_the_property() {
    let (old, new) = pair("alt-to-ref", &["tenant-ctx"], |s| {
        s.get_mut("tenant-ctx").unwrap()["properties"]["impersonation"] = json!({
            "$ref": "#/$defs/Impersonation",
            "description": "Set when someone acts on behalf of `user_id`."
        });
    });
    let (_, report) = json_report(&old, &new, &[]);
    assert_eq!(
        breaking(&report),
        [t(
            "tenant-ctx",
            "/properties/impersonation",
            "variant-removed",
            "breaks writers"
        )],
        "null is no longer accepted there; Impersonation itself is unchanged"
    );
}

#[test]
fn refs_between_files_are_followed_and_an_unfollowable_ref_change_is_reported() {
    let env_id = "https://greentic-ai.github.io/greentic-types/schemas/v1/env-id.schema.json";
    let point = |s: &mut BTreeMap<String, Value>| {
        let ctx = s.get_mut("tenant-ctx").unwrap();
        ctx["properties"]["env"] = json!({"$ref": env_id});
        ctx["properties"]["team"] = json!({"$ref": "env-id.schema.json#"});
    };
    let root = std::env::temp_dir().join(format!(
        "greentic-types-compat-xfile-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&root);
    let (old, new) = (root.join("old"), root.join("new"));
    for (dir, edit) in [(&old, false), (&new, true)] {
        std::fs::create_dir_all(dir).expect("mkdir");
        let mut s: BTreeMap<String, Value> = ["tenant-ctx", "env-id"]
            .iter()
            .map(|slug| (slug.to_string(), dist_schema(slug)))
            .collect();
        point(&mut s);
        if edit {
            s.get_mut("env-id").unwrap()["maxLength"] = json!(64);
        }
        for (slug, schema) in &s {
            std::fs::write(dir.join(format!("{slug}.schema.json")), schema.to_string())
                .expect("write");
        }
    }
    let (code, report) = json_report(&old, &new, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        breaking(&report),
        [
            t("env-id", "/maxLength", "bound-tightened", "breaks writers"),
            t(
                "tenant-ctx",
                "env-id.schema.json#/maxLength",
                "bound-tightened",
                "breaks writers"
            ),
        ],
        "the file's change once in its own schema, once where it is referred to"
    );

    let (old, new) = pair("unfollowable-ref", &["tenant-ctx"], |s| {
        s.get_mut("tenant-ctx").unwrap()["properties"]["env"] =
            json!({"$ref": "elsewhere.schema.json#/$defs/Env"});
    });
    let (_, report) = json_report(&old, &new, &[]);
    assert_eq!(
        breaking(&report),
        [t(
            "tenant-ctx",
            "/properties/env/$ref",
            "ref-changed",
            "breaks both"
        )]
    );
}

#[test]
fn a_recursive_schema_is_compared_once_per_definition() {
    use greentic_types::compat::{Side, compare_schemas};
    let tree = |required: Value| {
        json!({
            "$ref": "#/$defs/Tree",
            "$defs": {"Tree": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "kids": {"type": "array", "items": {"$ref": "#/$defs/Tree"}},
                    "self": {"$ref": "#"},
                },
                "required": required,
            }},
        })
    };
    let changes = compare_schemas(&tree(json!([])), &tree(json!(["name"])));
    let found: Vec<(&str, &str, Side)> = changes
        .iter()
        .map(|c| (c.pointer.as_str(), c.kind, c.breaks))
        .collect();
    assert_eq!(
        found,
        [("/$defs/Tree/required", "required-added", Side::Writers)]
    );
}

type Edit = fn(&mut Value);
/// Breaking changes expected: (pointer, kind, breaks).
type Expected = &'static [(&'static str, &'static str, &'static str)];
/// (what the edit shows, slug, edit, expected).
type Rule = (&'static str, &'static str, Edit, Expected);

/// One known edit of a real schema and the breaking changes it must give
/// (every other change compatible).
const CLASSIFICATIONS: &[Rule] = &[
    (
        "additionalProperties: false added breaks old writers",
        "tenant-context",
        |s| s["additionalProperties"] = json!(false),
        &[("/additionalProperties", "closed", "breaks writers")],
    ),
    (
        "a type narrowed breaks old writers",
        "tenant-ctx",
        |s| s["properties"]["correlation_id"]["type"] = json!("string"),
        &[(
            "/properties/correlation_id/type",
            "type-removed",
            "breaks writers",
        )],
    ),
    (
        "a type widened breaks old readers",
        "tenant-ctx",
        |s| s["properties"]["correlation_id"]["type"] = json!(["string", "null", "integer"]),
        &[(
            "/properties/correlation_id/type",
            "type-added",
            "breaks readers",
        )],
    ),
    (
        "a pattern removed breaks old readers",
        "tenant-ctx",
        |s| {
            s["$defs"]["TenantId"]
                .as_object_mut()
                .unwrap()
                .remove("pattern");
        },
        &[(
            "/$defs/TenantId/pattern",
            "pattern-removed",
            "breaks readers",
        )],
    ),
    (
        "a maxLength loosened breaks old readers",
        "tenant-ctx",
        |s| s["$defs"]["TenantId"]["maxLength"] = json!(1000),
        &[(
            "/$defs/TenantId/maxLength",
            "bound-loosened",
            "breaks readers",
        )],
    ),
    (
        "a minimum raised breaks old writers",
        "tenant-ctx",
        |s| s["properties"]["attempt"]["minimum"] = json!(1),
        &[(
            "/properties/attempt/minimum",
            "bound-tightened",
            "breaks writers",
        )],
    ),
    (
        "a field removed from an open object breaks old readers",
        "tenant-ctx",
        |s| {
            s["properties"].as_object_mut().unwrap().remove("flow_id");
        },
        &[("/properties/flow_id", "property-removed", "breaks readers")],
    ),
    (
        "a field removed from an object closed at once breaks old writers only",
        "tenant-ctx",
        |s| {
            s["properties"].as_object_mut().unwrap().remove("flow_id");
            s["additionalProperties"] = json!(false);
        },
        &[
            ("/additionalProperties", "closed", "breaks writers"),
            ("/properties/flow_id", "property-removed", "breaks writers"),
        ],
    ),
    (
        "a const added breaks old writers",
        "tenant-ctx",
        |s| s["properties"]["attempt"]["const"] = json!(0),
        &[(
            "/properties/attempt/const",
            "values-restricted",
            "breaks writers",
        )],
    ),
    (
        "a const changed breaks both",
        "flow",
        |s| s["$defs"]["FlowKind"]["oneOf"][1]["const"] = json!("event"),
        &[
            ("/$defs/FlowKind/oneOf", "variant-removed", "breaks writers"),
            ("/$defs/FlowKind/oneOf/1", "variant-added", "breaks readers"),
        ],
    ),
    (
        "a default changed is compatible",
        "flow",
        |s| s["$defs"]["Node"]["properties"]["config"]["default"] = json!({}),
        &[],
    ),
    (
        "an anyOf alternative added breaks old readers",
        "tenant-ctx",
        |s| {
            s["properties"]["deadline"]["anyOf"]
                .as_array_mut()
                .unwrap()
                .push(json!({"type": "string"}));
        },
        &[(
            "/properties/deadline/anyOf/2",
            "variant-added",
            "breaks readers",
        )],
    ),
    (
        "an anyOf alternative removed breaks old writers",
        "tenant-ctx",
        |s| {
            s["properties"]["deadline"]["anyOf"]
                .as_array_mut()
                .unwrap()
                .pop();
        },
        &[(
            "/properties/deadline/anyOf",
            "variant-removed",
            "breaks writers",
        )],
    ),
    (
        "oneOf loosened to anyOf breaks old readers",
        "flow",
        |s| {
            let kind = s["$defs"]["FlowKind"].as_object_mut().unwrap();
            let alts = kind.remove("oneOf").unwrap();
            kind.insert("anyOf".into(), alts);
        },
        &[(
            "/$defs/FlowKind/anyOf",
            "combinator-loosened",
            "breaks readers",
        )],
    ),
    (
        "a oneOf alternative added that nothing tells apart may break old writers too",
        "flow",
        |s| {
            s["$defs"]["FlowKind"]["oneOf"]
                .as_array_mut()
                .unwrap()
                .push(json!({"type": "string", "maxLength": 8}));
        },
        &[("/$defs/FlowKind/oneOf/2", "variant-added", "breaks both")],
    ),
    (
        "a property added where a map's values had a schema is compared with it",
        "tenant-ctx",
        |s| s["properties"]["attributes"]["properties"] = json!({"n": {"type": "integer"}}),
        &[
            (
                "/properties/attributes/properties/n/type",
                "type-added",
                "breaks readers",
            ),
            (
                "/properties/attributes/properties/n/type",
                "type-removed",
                "breaks writers",
            ),
        ],
    ),
    (
        "an x- extension keyword is an annotation",
        "tenant-ctx",
        |s| s["properties"]["attempt"]["x-note"] = json!("internal"),
        &[],
    ),
];

#[test]
fn each_rule_classifies_a_known_edit_of_a_real_schema() {
    for (i, (what, slug, edit, expected)) in CLASSIFICATIONS.iter().enumerate() {
        let (old, new) = pair(&format!("rule{i}"), &[slug], |s| {
            edit(s.get_mut(*slug).unwrap())
        });
        let (code, report) = json_report(&old, &new, &[]);
        let expected: Vec<_> = expected.iter().map(|(p, k, b)| t(slug, p, k, b)).collect();
        assert_eq!(breaking(&report), expected, "{what}");
        assert_eq!(code, i32::from(!expected.is_empty()), "{what}");
        assert!(
            !all_changes(&report).is_empty(),
            "{what}: the change is listed"
        );
    }
}

#[test]
fn huge_enums_and_many_alternatives_compare_in_linear_time() {
    use greentic_types::compat::compare_schemas;
    let n = 100_000;
    let values: Vec<Value> = (0..n).map(|i| json!(format!("v{i}"))).collect();
    let mut more = values.clone();
    more.push(json!("extra"));
    let alts = |vs: &[Value]| -> Vec<Value> {
        vs.iter()
            .map(|v| json!({"const": v, "type": "string"}))
            .collect()
    };
    let start = std::time::Instant::now();
    let changes = compare_schemas(&json!({"enum": values}), &json!({"enum": more}));
    assert_eq!(changes.len(), 1, "{changes:?}");
    let changes = compare_schemas(
        &json!({"oneOf": alts(&values)}),
        &json!({"oneOf": alts(&more)}),
    );
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].kind, "variant-added");
    // Quadratically this is 10^10 comparisons; linearly, well under a second
    // even unoptimised.
    assert!(
        start.elapsed() < std::time::Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn an_allow_rule_that_accepts_nothing_is_reported_and_fails_the_run() {
    let (old, new) = pair("unused-allow", &["tenant-context"], |s| {
        s.get_mut("tenant-context").unwrap()["required"] = json!(["tenant_id", "attributes"]);
    });
    let (o, n) = (old.to_string_lossy(), new.to_string_lossy());
    // Used: exit 0, nothing on stderr.
    let (code, _, stderr) = compat(&[&o, &n, "--allow", "tenant-context:/required"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    // A typo in the slug, a pointer that matches no change, a kind nothing
    // has: each is named, on stderr and in the report, and the run fails.
    for typo in [
        "tenant-contxt",
        "tenant-context:/properties",
        "kind=pattern-add",
    ] {
        let (code, stdout, stderr) = compat(&[
            &o,
            &n,
            "--allow",
            "tenant-context:/required",
            "--allow",
            typo,
        ]);
        assert_eq!(code, 1, "{typo}: {stdout}");
        assert!(
            stderr.contains(&format!("--allow `{typo}` accepts no breaking change")),
            "{stderr}"
        );
        assert!(
            stdout.contains(&format!("unused --allow `{typo}`")),
            "{stdout}"
        );
        let (code, report) = {
            let (code, stdout, _) = compat(&[
                &o,
                &n,
                "--format",
                "json",
                "--allow",
                "tenant-context:/required",
                "--allow",
                typo,
            ]);
            (code, serde_json::from_str::<Value>(&stdout).expect("JSON"))
        };
        assert_eq!(code, 1);
        assert_eq!(report["unused_allow"], json!([typo]));
    }
}
