//! Component manifests, capabilities, policy decisions and binding hints
//! (API.md §4, §5, §14): the wire 0.4.13 writes, its defaults, and the helpers.

use greentic_types::bindings::hints::{BindingsHints, McpServer};
use greentic_types::{
    AllowList, Capabilities, ComponentManifest, ComponentProfileError, ComponentProfiles,
    FilesystemCapabilities, FilesystemMode, FlowKind, FsCaps, HostCapabilities, HttpCaps,
    IaCCapabilities, KvCaps, Limits, NetCaps, NetworkPolicy, PolicyDecision, PolicyDecisionStatus,
    Protocol, SecretsCaps, TelemetryScope, TelemetrySpec, ToolsCaps, WasiCapabilities,
};
use serde_json::{Value, json};

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/flows")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn minimal_component() -> Value {
    json!({
        "id": "c", "version": "1.0.0", "world": "w",
        "profiles": {}, "capabilities": {"wasi": {}, "host": {}}
    })
}

// ------------------------------------------------------------ capabilities

#[test]
fn capabilities_omit_unset_options_and_read_missing_ones_as_none() {
    let caps: Capabilities = serde_json::from_value(json!({})).unwrap();
    assert!(caps.is_empty());
    assert_eq!(caps, Capabilities::new());
    assert_eq!(serde_json::to_value(&caps).unwrap(), json!({}));

    let doc = json!({
        "http": {"allow_list": {"domains": ["api.example.com"], "ports": [443], "protocols": ["https", {"custom": "h3"}]}, "max_body_bytes": 1024},
        "secrets": {"required": ["TOKEN"]},
        "kv": {"namespaces": ["cache"]},
        "fs": {"paths": ["/data"], "read_only": false},
        "net": {"policy": {"egress": {"ports": [53]}, "deny_on_miss": true}},
        "tools": {"allowed": ["search"]}
    });
    let caps: Capabilities = serde_json::from_value(doc.clone()).unwrap();
    assert!(!caps.is_empty());
    assert_eq!(caps.http.as_ref().unwrap().max_body_bytes, Some(1024));
    assert_eq!(serde_json::to_value(&caps).unwrap(), doc, "value for value");
    // `null` reads as absent too.
    let caps: Capabilities = serde_json::from_value(json!({"http": null})).unwrap();
    assert!(caps.is_empty());
}

#[test]
fn capability_lists_read_as_empty_when_missing_and_are_omitted_when_empty() {
    let empty_docs = [
        (serde_json::to_value(SecretsCaps::new()).unwrap(), "secrets"),
        (serde_json::to_value(KvCaps::new()).unwrap(), "kv"),
        (serde_json::to_value(ToolsCaps::new()).unwrap(), "tools"),
        (
            serde_json::to_value(AllowList::empty()).unwrap(),
            "allow list",
        ),
        (serde_json::to_value(HttpCaps::new()).unwrap(), "http"),
        (serde_json::to_value(NetCaps::new()).unwrap(), "net"),
    ];
    for (doc, what) in empty_docs {
        assert_eq!(doc, json!({}), "{what}");
    }
    let secrets: SecretsCaps = serde_json::from_value(json!({})).unwrap();
    assert!(secrets.required.is_empty());
    let allow: AllowList = serde_json::from_value(json!({"ports": [80]})).unwrap();
    assert!(allow.domains.is_empty() && allow.protocols.is_empty());
    assert_eq!(
        serde_json::to_value(&allow).unwrap(),
        json!({"ports": [80]})
    );
}

#[test]
fn fs_caps_are_read_only_unless_the_document_says_otherwise() {
    let fs: FsCaps = serde_json::from_value(json!({})).unwrap();
    assert!(fs.read_only && fs.paths.is_empty());
    assert_eq!(fs, FsCaps::default());
    assert_eq!(fs, FsCaps::new());
    assert_eq!(
        serde_json::to_value(&fs).unwrap(),
        json!({"read_only": true}),
        "always written"
    );
    let fs: FsCaps = serde_json::from_value(json!({"read_only": false})).unwrap();
    assert!(!fs.read_only);
}

#[test]
fn protocols_are_snake_case_names_or_a_custom_object() {
    for (p, text) in [
        (Protocol::Http, "http"),
        (Protocol::Https, "https"),
        (Protocol::Tcp, "tcp"),
        (Protocol::Udp, "udp"),
        (Protocol::Grpc, "grpc"),
    ] {
        assert_eq!(serde_json::to_value(&p).unwrap(), json!(text));
        assert_eq!(serde_json::from_value::<Protocol>(json!(text)).unwrap(), p);
    }
    let custom = Protocol::Custom("quic".into());
    assert_eq!(
        serde_json::to_value(&custom).unwrap(),
        json!({"custom": "quic"})
    );
    assert_eq!(
        serde_json::from_value::<Protocol>(json!({"custom": "quic"})).unwrap(),
        custom
    );
    let err = serde_json::from_value::<Protocol>(json!("ftp")).unwrap_err();
    assert!(
        err.to_string().starts_with("unknown variant `ftp`"),
        "{err}"
    );
}

#[test]
fn ports_are_u16_so_negative_and_large_ports_are_rejected() {
    assert!(serde_json::from_value::<AllowList>(json!({"ports": [0, 65535]})).is_ok());
    for bad in [json!(-1), json!(65536), json!(1.5), json!("80")] {
        let err = serde_json::from_value::<AllowList>(json!({"ports": [bad]})).unwrap_err();
        assert!(err.to_string().contains("u16"), "{bad}: {err}");
    }
}

#[test]
fn network_policy_fields_are_required_although_it_has_a_default() {
    let policy = NetworkPolicy::default();
    assert!(!policy.deny_on_miss, "0.4.13's Default is permissive");
    assert!(policy.egress.is_empty());
    assert_eq!(
        serde_json::to_value(&policy).unwrap(),
        json!({"egress": {}, "deny_on_miss": false})
    );
    let err = serde_json::from_value::<NetworkPolicy>(json!({"egress": {}})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `deny_on_miss`");
    let err = serde_json::from_value::<NetworkPolicy>(json!({"deny_on_miss": true})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `egress`");

    let mut egress = AllowList::empty();
    egress.domains.push("example.com".into());
    let strict = NetworkPolicy::strict(egress.clone());
    assert!(strict.deny_on_miss);
    assert_eq!(strict.egress, egress);
    assert!(!egress.is_empty());
}

#[test]
fn limits_are_required_unsigned_and_the_options_are_omitted() {
    let limits = Limits::new(256, 30_000);
    assert_eq!(
        serde_json::to_value(&limits).unwrap(),
        json!({"memory_mb": 256, "wall_time_ms": 30000})
    );
    assert_eq!(Limits::default(), Limits::new(0, 0));
    let full: Limits = serde_json::from_value(
        json!({"memory_mb": 1, "wall_time_ms": 2, "fuel": 18446744073709551615u64, "files": 4}),
    )
    .unwrap();
    assert_eq!((full.fuel, full.files), (Some(u64::MAX), Some(4)));
    let err = serde_json::from_value::<Limits>(json!({"memory_mb": 1})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `wall_time_ms`");
    for (doc, expected) in [
        (json!({"memory_mb": -1, "wall_time_ms": 1}), "expected u32"),
        (
            json!({"memory_mb": 4294967296u64, "wall_time_ms": 1}),
            "expected u32",
        ),
        (json!({"memory_mb": 1, "wall_time_ms": -5}), "expected u64"),
        (
            json!({"memory_mb": 1, "wall_time_ms": 1, "files": -1}),
            "expected u32",
        ),
    ] {
        let err = serde_json::from_value::<Limits>(doc.clone()).unwrap_err();
        assert!(err.to_string().contains(expected), "{doc}: {err}");
    }
}

#[test]
fn telemetry_spec_attributes_default_to_empty_and_are_always_written() {
    let spec: TelemetrySpec =
        serde_json::from_value(json!({"span_prefix": "acme", "emit_node_spans": true})).unwrap();
    assert!(spec.attributes.is_empty() && spec.emit_node_spans);
    assert_eq!(
        serde_json::to_value(&spec).unwrap(),
        json!({"span_prefix": "acme", "attributes": {}, "emit_node_spans": true})
    );
    let err = serde_json::from_value::<TelemetrySpec>(json!({"span_prefix": "acme"})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `emit_node_spans`");
    assert_eq!(TelemetrySpec::default(), TelemetrySpec::new("greentic"));
    assert_eq!(TelemetrySpec::new("x").span_prefix, "x");
}

// ---------------------------------------------------------------- component

#[test]
fn a_component_manifest_as_0413_writes_it_reads_and_writes_back_value_for_value() {
    let doc: Value = serde_json::from_str(&fixture("component.json")).unwrap();
    let m: ComponentManifest = serde_json::from_value(doc.clone()).unwrap();
    assert_eq!(m.version, semver::Version::new(1, 4, 2));
    let fs = m.capabilities.wasi.filesystem.as_ref().unwrap();
    assert_eq!(fs.mode, FilesystemMode::ReadOnly);
    assert_eq!(fs.mounts[0].guest_path, "/models");
    assert_eq!(
        m.capabilities.host.telemetry.as_ref().unwrap().scope,
        TelemetryScope::Node
    );
    assert_eq!(serde_json::to_value(&m).unwrap(), doc);
}

#[test]
fn a_minimal_component_manifest_writes_the_always_written_lists_and_bools() {
    let m: ComponentManifest = serde_json::from_value(minimal_component()).unwrap();
    assert!(m.supports.is_empty() && m.profiles.supported.is_empty());
    assert_eq!(m.capabilities.wasi, WasiCapabilities::default());
    assert_eq!(m.capabilities.host, HostCapabilities::default());
    assert_eq!(
        serde_json::to_value(&m).unwrap(),
        json!({
            "id": "c", "version": "1.0.0", "supports": [], "world": "w",
            "profiles": {"supported": []},
            "capabilities": {"wasi": {"random": false, "clocks": false}, "host": {}}
        })
    );
}

#[test]
fn the_list_exceptions_read_as_empty_when_missing_and_are_always_written() {
    let m: ComponentManifest = serde_json::from_value(json!({
        "id": "c", "version": "1.0.0", "world": "w", "profiles": {},
        "capabilities": {
            "wasi": {"filesystem": {"mode": "none"}, "env": {}},
            "host": {"secrets": {}}
        }
    }))
    .unwrap();
    let out = serde_json::to_value(&m).unwrap();
    assert_eq!(
        out["capabilities"]["wasi"]["filesystem"],
        json!({"mode": "none", "mounts": []})
    );
    assert_eq!(out["capabilities"]["wasi"]["env"], json!({"allow": []}));
    assert_eq!(
        out["capabilities"]["host"]["secrets"],
        json!({"required": []})
    );
    assert_eq!(out["profiles"], json!({"supported": []}));
    assert_eq!(out["supports"], json!([]));
}

#[test]
fn capability_bools_default_to_false_when_missing_and_are_always_written() {
    let m: ComponentManifest = serde_json::from_value(json!({
        "id": "c", "version": "1.0.0", "world": "w", "profiles": {},
        "capabilities": {
            "wasi": {},
            "host": {"state": {}, "messaging": {}, "events": {}, "http": {}, "iac": {"write_templates": true}}
        }
    }))
    .unwrap();
    let out = serde_json::to_value(&m).unwrap();
    let host = &out["capabilities"]["host"];
    assert_eq!(host["state"], json!({"read": false, "write": false}));
    assert_eq!(
        host["messaging"],
        json!({"inbound": false, "outbound": false})
    );
    assert_eq!(host["events"], json!({"inbound": false, "outbound": false}));
    assert_eq!(host["http"], json!({"client": false, "server": false}));
    assert_eq!(
        host["iac"],
        json!({"write_templates": true, "execute_plans": false})
    );
    assert_eq!(
        out["capabilities"]["wasi"],
        json!({"random": false, "clocks": false})
    );
}

#[test]
fn required_component_fields_stay_required_although_their_types_have_defaults() {
    for (pointer, doc_without) in [
        ("/capabilities/host", json!({"wasi": {}})),
        ("/capabilities/wasi", json!({"host": {}})),
    ] {
        let mut doc = minimal_component();
        doc["capabilities"] = doc_without;
        let err = serde_json::from_value::<ComponentManifest>(doc).unwrap_err();
        let field = pointer.rsplit('/').next().unwrap();
        assert_eq!(err.to_string(), format!("missing field `{field}`"));
    }
    for field in ["id", "version", "world", "profiles", "capabilities"] {
        let mut doc = minimal_component();
        doc.as_object_mut().unwrap().remove(field);
        let err = serde_json::from_value::<ComponentManifest>(doc).unwrap_err();
        assert_eq!(err.to_string(), format!("missing field `{field}`"));
    }
    let err =
        serde_json::from_value::<IaCCapabilities>(json!({"execute_plans": true})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `write_templates`");
    let err = serde_json::from_value::<FilesystemCapabilities>(json!({"mounts": []})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `mode`");
}

#[test]
fn component_enums_are_snake_case_and_reject_unknown_names() {
    for (mode, text) in [
        (FilesystemMode::None, "none"),
        (FilesystemMode::ReadOnly, "read_only"),
        (FilesystemMode::Sandbox, "sandbox"),
    ] {
        assert_eq!(serde_json::to_value(mode).unwrap(), json!(text));
        assert_eq!(
            serde_json::from_value::<FilesystemMode>(json!(text)).unwrap(),
            mode
        );
    }
    assert_eq!(FilesystemMode::default(), FilesystemMode::None);
    assert_eq!(FilesystemCapabilities::default().mode, FilesystemMode::None);
    for (scope, text) in [
        (TelemetryScope::Tenant, "tenant"),
        (TelemetryScope::Pack, "pack"),
        (TelemetryScope::Node, "node"),
    ] {
        assert_eq!(serde_json::to_value(scope).unwrap(), json!(text));
        assert_eq!(
            serde_json::from_value::<TelemetryScope>(json!(text)).unwrap(),
            scope
        );
    }
    assert!(serde_json::from_value::<FilesystemMode>(json!("ReadOnly")).is_err());
    let mut doc = minimal_component();
    doc["supports"] = json!(["messaging", "batch"]);
    let err = serde_json::from_value::<ComponentManifest>(doc).unwrap_err();
    assert!(
        err.to_string().starts_with("unknown variant `batch`"),
        "{err}"
    );
}

#[test]
fn supports_kind_answers_from_the_supports_list() {
    let mut m: ComponentManifest = serde_json::from_value(minimal_component()).unwrap();
    assert!(!m.supports_kind(FlowKind::Messaging));
    m.supports.push(FlowKind::Events);
    assert!(m.supports_kind(FlowKind::Events) && !m.supports_kind(FlowKind::Messaging));
}

#[test]
fn select_profile_matches_exactly_and_returns_the_default_unchecked() {
    let mut m: ComponentManifest = serde_json::from_value(minimal_component()).unwrap();
    m.profiles = ComponentProfiles {
        default: Some("legacy".into()),
        supported: vec!["fast".into(), "safe".into()],
    };
    assert_eq!(m.select_profile(Some("safe")), Ok(Some("safe")));
    assert_eq!(
        m.select_profile(None),
        Ok(Some("legacy")),
        "None gives the default as written, even when it is not in `supported`"
    );
    let err = m.select_profile(Some("Fast")).unwrap_err();
    assert_eq!(
        err,
        ComponentProfileError::UnsupportedProfile {
            requested: "Fast".into(),
            supported: vec!["fast".into(), "safe".into()],
        },
        "case-sensitive"
    );
    assert_eq!(
        err.to_string(),
        "profile `Fast` is not supported; supported: [`fast`, `safe`]"
    );

    m.profiles.supported.clear();
    assert!(
        m.select_profile(Some("legacy")).is_err(),
        "naming the default does not make it supported"
    );
    m.profiles.default = None;
    assert_eq!(m.select_profile(None), Ok(None));
}

#[test]
fn configurators_are_optional_flow_ids() {
    let m: ComponentManifest = serde_json::from_str(&fixture("component.json")).unwrap();
    assert_eq!(
        m.basic_configurator().map(|f| f.as_str()),
        Some("llm.setup")
    );
    assert_eq!(
        m.full_configurator().map(|f| f.as_str()),
        Some("llm.setup-full")
    );
    let mut doc = minimal_component();
    doc["configurators"] = json!({"full": "f"});
    let m: ComponentManifest = serde_json::from_value(doc).unwrap();
    assert_eq!(m.basic_configurator(), None);
    assert_eq!(m.full_configurator().map(|f| f.as_str()), Some("f"));
    assert_eq!(
        serde_json::to_value(&m).unwrap()["configurators"],
        json!({"full": "f"})
    );
    let m: ComponentManifest = serde_json::from_value(minimal_component()).unwrap();
    assert_eq!(
        (m.basic_configurator(), m.full_configurator()),
        (None, None)
    );
}

// ------------------------------------------------------------------- policy

#[test]
fn policy_decisions_write_status_and_reasons_always_and_legacy_fields_when_set() {
    let d = PolicyDecision {
        status: PolicyDecisionStatus::Allow,
        reasons: vec![],
        allow: None,
        reason: None,
    };
    assert_eq!(
        serde_json::to_value(&d).unwrap(),
        json!({"status": "allow", "reasons": []})
    );
    let d = PolicyDecision {
        status: PolicyDecisionStatus::Deny,
        reasons: vec!["x".into()],
        allow: Some(false),
        reason: Some("x".into()),
    };
    let text = serde_json::to_string(&d).unwrap();
    assert_eq!(
        text,
        r#"{"status":"deny","reasons":["x"],"allow":false,"reason":"x"}"#
    );
    assert_eq!(serde_json::from_str::<PolicyDecision>(&text).unwrap(), d);
}

#[test]
fn policy_decisions_read_status_else_allow_and_reasons_else_reason() {
    let read = |doc: Value| serde_json::from_value::<PolicyDecision>(doc).unwrap();
    let d = read(json!({"allow": false, "reason": "x"}));
    assert_eq!(d.status, PolicyDecisionStatus::Deny);
    assert_eq!(d.reasons, ["x"]);
    assert_eq!((d.allow, d.reason.as_deref()), (Some(false), Some("x")));
    let d = read(json!({"allow": true}));
    assert_eq!(
        (d.status, d.reasons.len()),
        (PolicyDecisionStatus::Allow, 0)
    );
    let d = read(json!({"status": "deny", "allow": true, "reasons": ["a", "b"], "reason": "c"}));
    assert_eq!(
        d.status,
        PolicyDecisionStatus::Deny,
        "status wins over allow"
    );
    assert_eq!(d.reasons, ["a", "b"], "reasons win over reason");
    let d = read(json!({"status": "allow", "extra": {"ignored": true}, "reason": null}));
    assert_eq!((d.status, d.reason), (PolicyDecisionStatus::Allow, None));
}

#[test]
fn a_policy_decision_with_neither_status_nor_allow_is_an_error_never_an_allow() {
    for doc in [
        json!({}),
        json!({"reasons": ["looks fine"]}),
        json!({"allow": null}),
        json!({"allowed": true}),
    ] {
        let err = serde_json::from_value::<PolicyDecision>(doc.clone()).unwrap_err();
        assert!(
            err.to_string().contains("needs `status` or `allow`"),
            "{doc}: {err}"
        );
    }
}

/// 0.4.13 read `status` and `reasons` as values, so `null` there is an error
/// (only `allow` and `reason` read `null` as absent).
#[test]
fn a_null_status_or_reasons_is_an_error_as_in_0_4_13() {
    for doc in [
        json!({"status": null, "allow": true}),
        json!({"status": null, "reason": "x"}),
        json!({"status": "deny", "reasons": null, "reason": "x"}),
    ] {
        let err = serde_json::from_value::<PolicyDecision>(doc.clone()).unwrap_err();
        assert!(
            err.to_string().contains("invalid type: null"),
            "{doc}: {err}"
        );
    }
}

#[test]
fn policy_decisions_reject_repeated_keys_wrong_types_and_non_objects() {
    let err = serde_json::from_str::<PolicyDecision>(r#"{"status":"allow","status":"deny"}"#)
        .unwrap_err();
    assert!(
        err.to_string().starts_with("duplicate field `status`"),
        "{err}"
    );
    assert!(serde_json::from_str::<PolicyDecision>(r#"{"allow":"yes"}"#).is_err());
    assert!(serde_json::from_str::<PolicyDecision>(r#"{"status":"maybe"}"#).is_err());
    assert!(serde_json::from_str::<PolicyDecision>(r#"["allow", []]"#).is_err());
    assert!(serde_norway::from_str::<PolicyDecision>("reasons: [a]\n").is_err());
    let d: PolicyDecision = serde_norway::from_str("allow: false\nreason: quota\n").unwrap();
    assert_eq!(d.status, PolicyDecisionStatus::Deny);
}

// ----------------------------------------------------------------- bindings

#[test]
fn bindings_hints_default_every_part_and_write_everything() {
    let hints: BindingsHints = serde_json::from_value(json!({})).unwrap();
    assert_eq!(hints, BindingsHints::default());
    assert_eq!(
        serde_json::to_value(&hints).unwrap(),
        json!({
            "network": {"allow": []},
            "secrets": {"required": []},
            "env": {"passthrough": []},
            "mcp": {"servers": []}
        })
    );
    let hints: BindingsHints = serde_json::from_value(json!({
        "network": {}, "mcp": {"servers": [{"name": "fs", "transport": "stdio", "endpoint": "mcp-fs"}]}
    }))
    .unwrap();
    assert_eq!(
        hints.mcp.servers,
        [McpServer {
            name: "fs".into(),
            transport: "stdio".into(),
            endpoint: "mcp-fs".into(),
            caps: vec![],
        }]
    );
    assert_eq!(
        serde_json::to_value(&hints.mcp.servers[0]).unwrap(),
        json!({"name": "fs", "transport": "stdio", "endpoint": "mcp-fs", "caps": []})
    );
    let err = serde_json::from_value::<McpServer>(json!({"name": "fs", "transport": "stdio"}))
        .unwrap_err();
    assert_eq!(err.to_string(), "missing field `endpoint`");
}

#[test]
fn hint_types_resolve_at_the_crate_root_and_under_0413_paths() {
    let root: greentic_types::NetworkHints = greentic_types::bindings::hints::NetworkHints {
        allow: vec!["api.example.com:443".into()],
    };
    assert_eq!(
        serde_json::to_value(&root).unwrap(),
        json!({"allow": ["api.example.com:443"]})
    );
    // 0.4.13 module paths.
    let _: greentic_types::flow::FlowNodes = Default::default();
    let _ = greentic_types::component::FilesystemMode::None;
    let _ = greentic_types::pack_manifest::PackKind::Mixed;
    let _ = greentic_types::pack::SignatureAlgorithm::Ed25519;
    let _ = greentic_types::capabilities::Protocol::Grpc;
    // 0.4.13 declared the network policy types in `policy`.
    let _ = greentic_types::policy::Protocol::Grpc;
    let _: greentic_types::policy::AllowList = greentic_types::AllowList::empty();
    let _: greentic_types::policy::NetworkPolicy = greentic_types::NetworkPolicy::default();
    let status = greentic_types::policy::PolicyDecisionStatus::Deny;
    assert_eq!(serde_json::to_value(status).unwrap(), json!("deny"));
}

// ------------------------------------------------------------------- schemas

#[cfg(feature = "schema")]
mod schemas {
    use super::*;
    use greentic_types::registry;

    fn validator(slug: &str) -> jsonschema::Validator {
        let entry = registry::entry(slug).unwrap_or_else(|| panic!("{slug} is registered"));
        jsonschema::validator_for(&entry.schema()).unwrap()
    }

    #[test]
    fn the_policy_decision_schema_rejects_a_decision_without_status_or_allow() {
        let v = validator("policy-decision");
        assert!(v.is_valid(&json!({"status": "allow", "reasons": []})));
        assert!(v.is_valid(&json!({"allow": false, "reason": "x"})));
        assert!(!v.is_valid(&json!({"reasons": []})));
        assert!(!v.is_valid(&json!({"allow": null})));
        assert!(!v.is_valid(&json!({"status": null, "allow": null})));
        assert!(!v.is_valid(&json!({"status": null, "allow": true})));
        assert!(!v.is_valid(&json!({"status": "deny", "reasons": null})));
        assert!(!v.is_valid(&json!({"status": "maybe"})));
    }

    #[test]
    fn the_capability_schemas_reject_out_of_range_numbers() {
        let limits = validator("limits");
        assert!(limits.is_valid(&json!({"memory_mb": 4294967295u64, "wall_time_ms": 0})));
        assert!(!limits.is_valid(&json!({"memory_mb": 4294967296u64, "wall_time_ms": 0})));
        assert!(!limits.is_valid(&json!({"memory_mb": -1, "wall_time_ms": 0})));
        assert!(!limits.is_valid(&json!({"memory_mb": 1, "wall_time_ms": 0, "fuel": -1})));
        let caps = validator("capabilities");
        assert!(caps.is_valid(&json!({"http": {"allow_list": {"ports": [65535]}}})));
        assert!(!caps.is_valid(&json!({"http": {"allow_list": {"ports": [65536]}}})));
    }

    #[test]
    fn the_component_manifest_schema_accepts_0413_manifests() {
        let v = validator("component-manifest");
        let doc: Value = serde_json::from_str(&fixture("component.json")).unwrap();
        assert!(v.is_valid(&doc));
        assert!(v.is_valid(&minimal_component()));
        let mut bad = minimal_component();
        bad["capabilities"] = json!({"wasi": {}});
        assert!(!v.is_valid(&bad), "host is required");
    }

    #[test]
    fn the_bindings_hints_schema_accepts_an_empty_object() {
        assert!(validator("bindings-hints").is_valid(&json!({})));
        assert!(!validator("mcp-server").is_valid(&json!({"name": "x"})));
    }
}
