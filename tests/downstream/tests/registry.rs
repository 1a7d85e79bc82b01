//! A downstream crate's declarations join the registry and the export.

use greentic_types_downstream_check::{Visibility, Widget, WidgetId};
use gt::registry;
use serde_json::json;

#[test]
fn downstream_models_are_registered_beside_the_crate_s_own() {
    let slugs: Vec<&str> = registry::entries().iter().map(|e| e.slug()).collect();
    for slug in [
        "downstream-widget",
        "downstream-widget-id",
        "downstream-visibility",
        "tenant-ctx",
    ] {
        assert!(slugs.contains(&slug), "{slug} in {slugs:?}");
    }
    let entry = registry::entry("downstream-widget").expect("registered");
    assert_eq!(entry.rust_type(), "greentic_types_downstream_check::Widget");
    assert_eq!(
        entry
            .check(json!({"id": "w1", "labels": []}))
            .expect("valid"),
        json!({"id": "w1"})
    );
    assert_eq!(
        entry
            .check(json!({"id": "w 1"}))
            .expect_err("invalid")
            .to_string(),
        "/id: WidgetId must contain only ASCII letters, digits, '.', '-', '_'"
    );
}

#[test]
fn downstream_models_are_exported() {
    let dir = std::env::temp_dir().join(format!("downstream-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let written = gt::schema::write_all_schemas(&dir).expect("export");
    let names: Vec<String> = written
        .iter()
        .filter_map(|p| p.file_name()?.to_str().map(String::from))
        .collect();
    assert!(
        names.contains(&"downstream-widget.schema.json".to_owned()),
        "{names:?}"
    );
    let text = std::fs::read_to_string(dir.join("downstream-widget-id.schema.json")).expect("read");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(
        schema["pattern"],
        gt::DEFAULT_ID_RULE.pattern().expect("regular")
    );
    assert_eq!(schema["maxLength"], 256);
    assert_eq!(schema["description"], "Identifier of a widget.");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn downstream_models_use_the_features_greentic_types_was_built_with() {
    let v = serde_json::to_value(Visibility::Tenant("acme".parse().expect("id"))).expect("serde");
    assert_eq!(v, json!({"tenant": "acme"}));
    let w: Widget = serde_json::from_value(json!({"id": "w"})).expect("deserialize");
    assert_eq!(w.id, WidgetId::new("w").expect("id"));
}

/// `serde_json/preserve_order` is on in this crate's build: `check` output
/// keys are still sorted, `check_json` output keeps declaration order.
#[test]
fn registry_output_does_not_depend_on_preserve_order() {
    let entry = registry::entry("tenant-ctx").expect("registered");
    let doc = json!({"tenant_id": "a", "tenant": "a", "env": "e", "attempt": 0});
    let checked = entry.check(doc.clone()).expect("valid");
    let keys: Vec<&String> = checked.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["attempt", "env", "tenant", "tenant_id"]);
    let text = entry.check_json(&doc.to_string()).expect("valid");
    assert_eq!(
        text,
        r#"{"env":"e","tenant":"a","tenant_id":"a","attempt":0}"#
    );
}

#[test]
fn a_field_named_as_a_later_edition_keyword_reads_and_writes() {
    use greentic_types_downstream_check::Generation;
    let g: Generation = serde_json::from_str(r#"{"gen": 3, "widgets": [{"id": "w-1"}]}"#).unwrap();
    assert_eq!((g.gen, g.widgets.len()), (3, 1));
    assert_eq!(serde_json::to_value(&g).unwrap()["gen"], 3);
    let err = serde_json::from_str::<Generation>(r#"{"widgets": []}"#).unwrap_err();
    assert_eq!(err.to_string(), "missing field `gen` at line 1 column 15");
}
