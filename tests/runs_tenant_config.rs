//! Tenant configuration and DID documents (API.md §13): container defaults,
//! `null`-written options, `Some(empty)`, renamed W3C keys, untagged contexts.
#![cfg(feature = "serde")]

use std::collections::BTreeMap;

use greentic_types::{
    DefaultPipeline, DidContext, DidService, EnabledPacks, RepoAuth, RepoConfigFeatures, RepoSkin,
    RepoSkinLayout, RepoSkinLinks, RepoTenantConfig, TenantDidDocument, VerificationMethod,
};
use serde_json::{Value, json};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/runs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .trim_end()
        .to_owned()
}

/// Reads `doc` as `T` and writes it back as a JSON value.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(doc: Value) -> Value {
    let value: T = serde_json::from_value(doc.clone()).unwrap_or_else(|e| panic!("{e}: {doc}"));
    serde_json::to_value(&value).expect("serializes")
}

fn parsed(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).expect("fixture is JSON")
}

#[test]
fn tenant_config_documents_read_and_write_value_for_value() {
    for (name, out) in [
        (
            "repo-skin.json",
            round_trip::<RepoSkin>(parsed("repo-skin.json")),
        ),
        (
            "repo-auth.json",
            round_trip::<RepoAuth>(parsed("repo-auth.json")),
        ),
        (
            "repo-tenant-config.json",
            round_trip::<RepoTenantConfig>(parsed("repo-tenant-config.json")),
        ),
        (
            "tenant-did-document.json",
            round_trip::<TenantDidDocument>(parsed("tenant-did-document.json")),
        ),
    ] {
        assert_eq!(out, parsed(name), "{name}");
    }
}

#[test]
fn container_defaults_read_every_key_as_optional_and_write_unset_options_as_null() {
    assert_eq!(
        round_trip::<RepoSkinLayout>(json!({})),
        json!({
            "show_hero_band": null, "show_admin_config": null,
            "show_dashboard": false, "show_repositories": false, "show_pipeline": false,
            "show_packs": false, "show_trust_access": false, "show_audit_compliance": false
        }),
        "hero_title/hero_subtitle are omitted when unset, the rest always written"
    );
    assert_eq!(
        serde_json::from_value::<RepoSkinLayout>(json!({})).unwrap(),
        RepoSkinLayout::default()
    );
    assert_eq!(
        round_trip::<RepoSkinLinks>(json!({"docs_url": "d"})),
        json!({"docs_url": "d", "support_url": null, "status_url": null})
    );
    assert_eq!(
        round_trip::<EnabledPacks>(json!({"scanners": ["s"]})),
        json!({
            "identity_providers": null, "source_providers": null, "scanners": ["s"],
            "signing": null, "attestation": null, "policy_engines": null, "oci_providers": null
        })
    );
    assert_eq!(
        round_trip::<DefaultPipeline>(json!({})),
        json!({"scanners": null, "signing": null, "attestation": null, "policy_engine": null, "oci_provider": null})
    );
    assert_eq!(
        round_trip::<RepoConfigFeatures>(json!({"allow_manual_approve": false})),
        json!({"allow_manual_approve": false, "show_advanced_scan_views": null, "show_experimental_modules": null})
    );
    // A partial layout keeps what it says and defaults the rest.
    let layout: RepoSkinLayout =
        serde_json::from_value(json!({"hero_title": "Hi", "show_packs": true})).unwrap();
    assert_eq!(layout.hero_title.as_deref(), Some("Hi"));
    assert!(layout.show_packs && !layout.show_dashboard && layout.show_hero_band.is_none());
}

#[test]
fn container_defaults_still_check_the_types_of_present_keys() {
    let err = serde_json::from_value::<RepoSkinLayout>(json!({"show_packs": "yes"})).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("invalid type: string \"yes\", expected a boolean"),
        "{err}"
    );
    let err = serde_json::from_value::<EnabledPacks>(json!({"scanners": "trivy"})).unwrap_err();
    assert!(err.to_string().starts_with("invalid type: string"), "{err}");
}

#[test]
fn repo_tenant_config_requires_enabled_packs_and_keeps_some_empty_as_empty() {
    let err = serde_json::from_value::<RepoTenantConfig>(json!({"tenant_id": "acme"})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `enabled_packs`");
    let config: RepoTenantConfig = serde_json::from_value(json!({
        "tenant_id": "acme", "enabled_packs": {},
        "stores": [], "distributors": [], "page_handlers": {}
    }))
    .unwrap();
    assert_eq!(config.stores, Some(vec![]));
    assert_eq!(config.page_handlers, Some(BTreeMap::new()));
    let out = serde_json::to_value(&config).unwrap();
    assert_eq!(out["stores"], json!([]));
    assert_eq!(out["distributors"], json!([]));
    assert_eq!(out["page_handlers"], json!({}));
    let bare: RepoTenantConfig =
        serde_json::from_value(json!({"tenant_id": "acme", "enabled_packs": {}, "stores": null}))
            .unwrap();
    assert_eq!(bare.stores, None, "null reads as None");
    let out = serde_json::to_value(&bare).unwrap();
    for key in [
        "stores",
        "distributors",
        "page_handlers",
        "enabled_tabs",
        "features",
        "default_pipeline",
    ] {
        assert!(
            out.get(key).is_none(),
            "{key} omitted when None/empty: {out}"
        );
    }
}

#[test]
fn did_documents_use_the_w3c_key_names() {
    let doc: TenantDidDocument =
        serde_json::from_str(&fixture("tenant-did-document.json")).unwrap();
    let methods = doc
        .verification_method
        .as_ref()
        .expect("verificationMethod read");
    assert_eq!(methods[0].r#type, "JsonWebKey2020");
    assert_eq!(methods[0].public_key_jwk.as_ref().unwrap()["kty"], "OKP");
    assert_eq!(
        methods[1].public_key_multibase.as_deref(),
        Some("z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")
    );
    assert_eq!(doc.service[0].service_endpoint, "https://repo.acme.example");
    let out = serde_json::to_value(&doc).unwrap();
    for key in ["@context", "verificationMethod"] {
        assert!(out.get(key).is_some(), "{key}: {out}");
    }
    for key in ["raw_context", "verification_method"] {
        assert!(out.get(key).is_none(), "{key}: {out}");
    }
    let service = serde_json::to_value(DidService {
        id: "s".into(),
        r#type: "T".into(),
        service_endpoint: "https://e".into(),
    })
    .unwrap();
    assert_eq!(
        service,
        json!({"id": "s", "type": "T", "serviceEndpoint": "https://e"})
    );
    // The snake_case Rust names are not wire names.
    let err = serde_json::from_value::<DidService>(
        json!({"id": "s", "type": "T", "service_endpoint": "e"}),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "missing field `serviceEndpoint`");
}

#[test]
fn did_context_is_written_as_null_when_unset_and_public_key_jwk_omitted_when_null() {
    let doc: TenantDidDocument = serde_json::from_value(json!({"id": "did:web:x"})).unwrap();
    assert_eq!(doc.raw_context, None);
    assert_eq!(
        serde_json::to_value(&doc).unwrap(),
        json!({"@context": null, "id": "did:web:x"})
    );
    let vm: VerificationMethod = serde_json::from_value(
        json!({"id": "k", "type": "T", "controller": "c", "publicKeyJwk": null}),
    )
    .unwrap();
    assert!(vm.public_key_jwk.is_none());
    assert_eq!(
        serde_json::to_value(&vm).unwrap(),
        json!({"id": "k", "type": "T", "controller": "c"})
    );
}

#[test]
fn did_context_is_untagged_a_string_or_a_list_of_strings() {
    let single: TenantDidDocument =
        serde_json::from_value(json!({"@context": "https://www.w3.org/ns/did/v1", "id": "d"}))
            .unwrap();
    assert_eq!(
        single.raw_context,
        Some(DidContext::Single("https://www.w3.org/ns/did/v1".into()))
    );
    assert_eq!(single.context(), ["https://www.w3.org/ns/did/v1"]);
    assert_eq!(
        serde_json::to_value(&single).unwrap()["@context"],
        "https://www.w3.org/ns/did/v1"
    );
    let many: TenantDidDocument =
        serde_json::from_value(json!({"@context": ["a", "b"], "id": "d"})).unwrap();
    assert_eq!(many.context(), ["a", "b"]);
    assert_eq!(
        serde_json::to_value(&many).unwrap()["@context"],
        json!(["a", "b"])
    );
    let none: TenantDidDocument = serde_json::from_value(json!({"id": "d"})).unwrap();
    assert!(none.context().is_empty());
    for bad in [
        json!(5),
        json!({"@vocab": "x"}),
        json!([1, 2]),
        json!(["a", null]),
    ] {
        let err = serde_json::from_value::<DidContext>(bad.clone()).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("a URL string or an array of URL strings")
                || text.starts_with("/1: must be a string")
                || text.starts_with("/0: must be a string"),
            "{bad}: {text}"
        );
    }
    // Through the registry the wrong element has its own pointer.
    #[cfg(feature = "check")]
    {
        let entry = greentic_types::registry::entry("tenant-did-document").unwrap();
        let err = entry
            .check_json(r#"{"@context": ["a", 1], "id": "d"}"#)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "/@context/1: must be a string (an array of URL strings)"
        );
    }
}

#[cfg(feature = "schema")]
#[test]
fn tenant_config_schemas_describe_the_defaults_and_shapes() {
    use greentic_types::registry;
    let validator = |slug: &str| {
        jsonschema::validator_for(&registry::entry(slug).expect("registered").schema()).unwrap()
    };
    let context = validator("did-context");
    assert!(context.is_valid(&json!("a")) && context.is_valid(&json!(["a"])));
    assert!(!context.is_valid(&json!(5)) && !context.is_valid(&json!({"a": 1})));
    let layout = registry::entry("repo-skin-layout").unwrap().schema();
    assert!(
        layout.get("required").is_none(),
        "every key optional: {layout}"
    );
    assert_eq!(layout["properties"]["show_dashboard"]["default"], false);
    let config = validator("repo-tenant-config");
    assert!(config.is_valid(&json!({"tenant_id": "a", "enabled_packs": {}, "stores": null})));
    assert!(!config.is_valid(&json!({"tenant_id": "a"})));
    let did = validator("tenant-did-document");
    assert!(did.is_valid(&json!({"@context": null, "id": "d"})));
    assert!(!did.is_valid(&json!({"@context": 5, "id": "d"})));
}
