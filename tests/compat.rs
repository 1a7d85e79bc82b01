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
    for slug in VERSION_STRATEGY_FILES {
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
