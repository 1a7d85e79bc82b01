//! Run reports, deployment plans and the distributor (API.md §7, §8, §10):
//! documents as 0.4.13 writes them, the timestamps, the helpers, and every
//! fixture of `tests/fixtures/runs/` against the schemas.
#![cfg(feature = "serde")]

use std::any::TypeId;

use greentic_types::{
    ArtifactLocation, CacheInfo, ComponentDigest, ComponentStatus, DeploymentPlan,
    DistributorEnvironmentId, NodeFailure, NodeStatus, ResolveComponentRequest,
    ResolveComponentResponse, RunResult, RunStatus, SignatureSummary, Timestamp, TranscriptOffset,
};
use serde_json::{Value, json};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/runs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .trim_end()
        .to_owned()
}

/// Reads `text` as `T` and writes it back compactly.
fn rewrite<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> String {
    let value: T = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    serde_json::to_string(&value).expect("serializes")
}

fn run_result(started: &str, finished: &str) -> RunResult {
    serde_json::from_value(json!({
        "session_id": "s", "pack_id": "p", "pack_version": "1.0.0", "flow_id": "f",
        "started_at_utc": started, "finished_at_utc": finished, "status": "success"
    }))
    .expect("valid run result")
}

#[test]
fn run_results_written_by_0_4_13_read_and_are_rewritten_with_rfc3339_times() {
    let legacy = fixture("run-result.0.4.13.json");
    assert_eq!(rewrite::<RunResult>(&legacy), fixture("run-result.json"));
    // What we write reads back byte for byte.
    let current = fixture("run-result.json");
    assert_eq!(rewrite::<RunResult>(&current), current);
    let parsed: RunResult = serde_json::from_str(&legacy).unwrap();
    assert_eq!(parsed.status, RunStatus::PartialFailure);
    assert_eq!(parsed.node_summaries[2].status, NodeStatus::Skipped);
    assert_eq!(
        parsed.failures[0].transcript_offsets,
        [TranscriptOffset { start: 10, end: 42 }]
    );
}

#[test]
fn run_result_timestamps_keep_their_offset_and_empty_lists_are_omitted() {
    let minimal = fixture("run-result.minimal.json");
    assert_eq!(rewrite::<RunResult>(&minimal), minimal);
    let legacy_offset = json!({
        "session_id": "s", "pack_id": "p", "pack_version": "1.0.0", "flow_id": "f",
        "started_at_utc": [2023, 318, 22, 13, 20, 0, 5, 30, 0],
        "finished_at_utc": [2023, 318, 16, 43, 20, 0, 0, 0, 0],
        "status": "failure"
    });
    let r: RunResult = serde_json::from_value(legacy_offset).unwrap();
    let out = serde_json::to_value(&r).unwrap();
    assert_eq!(out["started_at_utc"], "2023-11-14T22:13:20+05:30");
    assert_eq!(r.duration_ms(), 0, "the same instant in two offsets");
    for key in ["node_summaries", "failures", "artifacts_dir"] {
        assert!(out.get(key).is_none(), "{key} omitted when empty: {out}");
    }
}

#[test]
fn node_failures_omit_empty_details_offsets_and_log_paths() {
    let f: NodeFailure = serde_json::from_str(r#"{"code": "c", "message": "m"}"#).unwrap();
    assert!(f.details.is_empty() && f.transcript_offsets.is_empty() && f.log_paths.is_empty());
    assert_eq!(
        serde_json::to_value(&f).unwrap(),
        json!({"code": "c", "message": "m"})
    );
}

#[test]
fn run_and_node_statuses_are_snake_case_strings() {
    for (status, wire) in [
        (RunStatus::Success, "success"),
        (RunStatus::PartialFailure, "partial_failure"),
        (RunStatus::Failure, "failure"),
    ] {
        assert_eq!(serde_json::to_value(status).unwrap(), wire);
        assert_eq!(
            serde_json::from_value::<RunStatus>(json!(wire)).unwrap(),
            status
        );
    }
    for (status, wire) in [
        (NodeStatus::Ok, "ok"),
        (NodeStatus::Skipped, "skipped"),
        (NodeStatus::Error, "error"),
    ] {
        assert_eq!(serde_json::to_value(status).unwrap(), wire);
        assert_eq!(
            serde_json::from_value::<NodeStatus>(json!(wire)).unwrap(),
            status
        );
    }
    assert!(serde_json::from_value::<RunStatus>(json!("PartialFailure")).is_err());
}

#[test]
fn duration_is_whole_milliseconds_and_never_negative() {
    let r = run_result("2024-01-01T00:00:00Z", "2024-01-01T00:00:01.9999999Z");
    assert_eq!(r.duration_ms(), 1_999, "truncated, not rounded");
    let r = run_result("2024-01-01T10:00:00+02:00", "2024-01-01T08:00:01Z");
    assert_eq!(r.duration_ms(), 1_000, "offsets are accounted for");
    let r = run_result("2024-01-01T00:00:01Z", "2024-01-01T00:00:00Z");
    assert_eq!(r.duration_ms(), 0, "finish before start clamps to 0");
    let r = run_result("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z");
    assert_eq!(
        r.duration_ms(),
        315_569_519_999_999,
        "the widest RFC 3339 span"
    );
}

#[cfg(feature = "time")]
#[test]
fn run_result_timestamps_convert_to_and_from_time() {
    let r = run_result("2023-11-14T22:13:20Z", "2023-11-14T22:13:21Z");
    let started: time::OffsetDateTime = r.started_at_utc.into();
    assert_eq!(started.unix_timestamp(), 1_700_000_000);
    assert_eq!(Timestamp::from(started), r.started_at_utc);
}

#[test]
fn deployment_plans_read_and_write_as_0_4_13_does() {
    let doc = fixture("deployment-plan.json");
    assert_eq!(rewrite::<DeploymentPlan>(&doc), doc);
    let plan: DeploymentPlan = serde_json::from_str(&doc).unwrap();
    assert_eq!(plan.pack_version, semver::Version::new(1, 2, 0));
    assert_eq!(plan.runners[0].capabilities, json!({"http": true}));
}

#[test]
fn deployment_plan_free_form_fields_default_to_null_and_are_always_written() {
    let plan: DeploymentPlan = serde_json::from_value(json!({
        "pack_id": "p", "pack_version": "1.0.0", "tenant": "t", "environment": "e",
        "runners": [{"name": "r", "replicas": 1}],
        "messaging": {"logical_cluster": "c", "subjects": [{"name": "s", "purpose": "p", "durable": false}]},
        "channels": [{"name": "c", "flow_id": "f", "kind": "k"}],
        "secrets": [], "oauth": [{"provider_id": "p", "logical_client_id": "l", "redirect_path": "/"}],
        "telemetry": {"required": true}
    }))
    .unwrap();
    let out = serde_json::to_value(&plan).unwrap();
    for pointer in [
        "/extra",
        "/runners/0/capabilities",
        "/messaging/extra",
        "/messaging/subjects/0/extra",
        "/channels/0/config",
        "/oauth/0/extra",
        "/telemetry/extra",
    ] {
        assert_eq!(
            out.pointer(pointer),
            Some(&Value::Null),
            "{pointer} in {out}"
        );
    }
    assert!(out["telemetry"].get("suggested_endpoint").is_none());
}

#[test]
fn deployment_plan_lists_are_required() {
    let full = json!({
        "pack_id": "p", "pack_version": "1.0.0", "tenant": "t", "environment": "e",
        "runners": [], "channels": [], "secrets": [], "oauth": []
    });
    assert!(serde_json::from_value::<DeploymentPlan>(full.clone()).is_ok());
    for key in ["runners", "channels", "secrets", "oauth"] {
        let mut doc = full.clone();
        doc.as_object_mut().unwrap().remove(key);
        let err = serde_json::from_value::<DeploymentPlan>(doc).unwrap_err();
        assert_eq!(err.to_string(), format!("missing field `{key}`"));
    }
    let err =
        serde_json::from_value::<greentic_types::MessagingPlan>(json!({"logical_cluster": "c"}))
            .unwrap_err();
    assert_eq!(err.to_string(), "missing field `subjects`");
}

#[test]
fn distributor_documents_read_and_write_as_0_4_13_does() {
    let request = fixture("resolve-component-request.json");
    assert_eq!(rewrite::<ResolveComponentRequest>(&request), request);
    let response = fixture("resolve-component-response.json");
    assert_eq!(rewrite::<ResolveComponentResponse>(&response), response);
    let parsed: ResolveComponentResponse = serde_json::from_str(&response).unwrap();
    assert_eq!(
        parsed.status,
        ComponentStatus::Failed {
            reason: "signature mismatch".into()
        }
    );
    assert_eq!(parsed.cache.last_used_utc, "2024-05-01T12:00:00Z");
}

#[test]
fn component_status_is_a_snake_enum_with_a_struct_variant() {
    for (status, wire) in [
        (ComponentStatus::Pending, json!("pending")),
        (ComponentStatus::Ready, json!("ready")),
        (
            ComponentStatus::Failed { reason: "x".into() },
            json!({"failed": {"reason": "x"}}),
        ),
    ] {
        assert_eq!(serde_json::to_value(&status).unwrap(), wire);
        assert_eq!(
            serde_json::from_value::<ComponentStatus>(wire).unwrap(),
            status
        );
    }
}

#[test]
fn artifact_locations_are_tagged_by_kind() {
    for (location, wire) in [
        (
            ArtifactLocation::FilePath {
                path: "/a.wasm".into(),
            },
            json!({"kind": "file_path", "path": "/a.wasm"}),
        ),
        (
            ArtifactLocation::OciReference {
                reference: "ghcr.io/a:1".into(),
            },
            json!({"kind": "oci_reference", "reference": "ghcr.io/a:1"}),
        ),
        (
            ArtifactLocation::DistributorInternal {
                handle: "h-1".into(),
            },
            json!({"kind": "distributor_internal", "handle": "h-1"}),
        ),
    ] {
        assert_eq!(serde_json::to_value(&location).unwrap(), wire);
        assert_eq!(
            serde_json::from_value::<ArtifactLocation>(wire).unwrap(),
            location
        );
    }
    let err = serde_json::from_value::<ArtifactLocation>(json!({"kind": "ftp", "url": "x"}))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("unknown variant `ftp`"), "{err}");
    let err = serde_json::from_value::<ArtifactLocation>(json!({"path": "/a"})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `kind`");
}

#[test]
fn required_free_form_extra_fields_accept_null_but_not_absence() {
    let s: SignatureSummary =
        serde_json::from_value(json!({"verified": true, "signer": "a", "extra": null})).unwrap();
    assert_eq!(serde_json::to_value(&s).unwrap()["extra"], Value::Null);
    let err = serde_json::from_value::<SignatureSummary>(json!({"verified": true, "signer": "a"}))
        .unwrap_err();
    assert_eq!(err.to_string(), "missing field `extra`");
    let mut request: Value =
        serde_json::from_str(&fixture("resolve-component-request.json")).unwrap();
    request.as_object_mut().unwrap().remove("extra");
    let err = serde_json::from_value::<ResolveComponentRequest>(request).unwrap_err();
    assert_eq!(err.to_string(), "missing field `extra`");
}

#[test]
fn component_digests_recognise_sha256_only_in_lowercase_hex() {
    let hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    assert!(ComponentDigest::from(format!("sha256:{hex}")).is_sha256_like());
    for bad in [
        format!("sha256:{}", hex.to_uppercase()),
        format!("sha256:{}", &hex[1..]),
        format!("sha256:{hex}0"),
        format!("sha512:{hex}"),
        format!("SHA256:{hex}"),
        hex.to_owned(),
        format!("sha256:{}g", &hex[1..]),
        String::new(),
    ] {
        assert!(
            !ComponentDigest::from(bad.as_str()).is_sha256_like(),
            "{bad}"
        );
    }
}

#[test]
fn distributor_newtypes_are_plain_unvalidated_strings() {
    let env = DistributorEnvironmentId::from("eu west/1");
    assert_eq!(env.as_str(), "eu west/1");
    assert_eq!(serde_json::to_value(&env).unwrap(), "eu west/1");
    let digest: ComponentDigest = serde_json::from_value(json!("anything goes")).unwrap();
    assert_eq!(digest, ComponentDigest::new("anything goes"));
    assert_eq!(digest.0, "anything goes", "the field stays public");
    let c = CacheInfo {
        size_bytes: 1,
        last_used_utc: "not a time".into(),
        last_refreshed_utc: String::new(),
    };
    assert_eq!(
        serde_json::to_value(&c).unwrap(),
        json!({"size_bytes": 1, "last_used_utc": "not a time", "last_refreshed_utc": ""})
    );
}

#[test]
fn every_0_4_13_module_path_names_the_root_type() {
    use greentic_types as gt;
    let pairs = [
        (
            TypeId::of::<gt::run::RunResult>(),
            TypeId::of::<gt::RunResult>(),
        ),
        (
            TypeId::of::<gt::run::NodeSummary>(),
            TypeId::of::<gt::NodeSummary>(),
        ),
        (
            TypeId::of::<gt::run::NodeFailure>(),
            TypeId::of::<gt::NodeFailure>(),
        ),
        (
            TypeId::of::<gt::run::TranscriptOffset>(),
            TypeId::of::<gt::TranscriptOffset>(),
        ),
        (
            TypeId::of::<gt::run::RunStatus>(),
            TypeId::of::<gt::RunStatus>(),
        ),
        (
            TypeId::of::<gt::run::NodeStatus>(),
            TypeId::of::<gt::NodeStatus>(),
        ),
        (
            TypeId::of::<gt::outcome::Outcome<u8>>(),
            TypeId::of::<gt::Outcome<u8>>(),
        ),
        (
            TypeId::of::<gt::messaging::ChannelMessageEnvelope>(),
            TypeId::of::<gt::ChannelMessageEnvelope>(),
        ),
        (
            TypeId::of::<gt::messaging::Attachment>(),
            TypeId::of::<gt::Attachment>(),
        ),
        (
            TypeId::of::<gt::messaging::MessageMetadata>(),
            TypeId::of::<gt::MessageMetadata>(),
        ),
        (
            TypeId::of::<gt::events::EventEnvelope>(),
            TypeId::of::<gt::EventEnvelope>(),
        ),
        (
            TypeId::of::<gt::events::EventId>(),
            TypeId::of::<gt::EventId>(),
        ),
        (
            TypeId::of::<gt::events::EventMetadata>(),
            TypeId::of::<gt::EventMetadata>(),
        ),
        (
            TypeId::of::<gt::events_provider::EventProviderDescriptor>(),
            TypeId::of::<gt::EventProviderDescriptor>(),
        ),
        (
            TypeId::of::<gt::events_provider::EventProviderKind>(),
            TypeId::of::<gt::EventProviderKind>(),
        ),
        (
            TypeId::of::<gt::events_provider::TransportKind>(),
            TypeId::of::<gt::TransportKind>(),
        ),
        (
            TypeId::of::<gt::events_provider::ReliabilityKind>(),
            TypeId::of::<gt::ReliabilityKind>(),
        ),
        (
            TypeId::of::<gt::events_provider::OrderingKind>(),
            TypeId::of::<gt::OrderingKind>(),
        ),
        (
            TypeId::of::<gt::worker::WorkerRequest>(),
            TypeId::of::<gt::WorkerRequest>(),
        ),
        (
            TypeId::of::<gt::worker::WorkerMessage>(),
            TypeId::of::<gt::WorkerMessage>(),
        ),
        (
            TypeId::of::<gt::worker::WorkerResponse>(),
            TypeId::of::<gt::WorkerResponse>(),
        ),
        (
            TypeId::of::<gt::deployment::DeploymentPlan>(),
            TypeId::of::<gt::DeploymentPlan>(),
        ),
        (
            TypeId::of::<gt::deployment::RunnerPlan>(),
            TypeId::of::<gt::RunnerPlan>(),
        ),
        (
            TypeId::of::<gt::deployment::MessagingPlan>(),
            TypeId::of::<gt::MessagingPlan>(),
        ),
        (
            TypeId::of::<gt::deployment::MessagingSubjectPlan>(),
            TypeId::of::<gt::MessagingSubjectPlan>(),
        ),
        (
            TypeId::of::<gt::deployment::ChannelPlan>(),
            TypeId::of::<gt::ChannelPlan>(),
        ),
        (
            TypeId::of::<gt::deployment::SecretPlan>(),
            TypeId::of::<gt::SecretPlan>(),
        ),
        (
            TypeId::of::<gt::deployment::OAuthPlan>(),
            TypeId::of::<gt::OAuthPlan>(),
        ),
        (
            TypeId::of::<gt::deployment::TelemetryPlan>(),
            TypeId::of::<gt::TelemetryPlan>(),
        ),
        (
            TypeId::of::<gt::context::DeploymentCtx>(),
            TypeId::of::<gt::DeploymentCtx>(),
        ),
        (
            TypeId::of::<gt::context::TenantCtx>(),
            TypeId::of::<gt::TenantCtx>(),
        ),
        (
            TypeId::of::<gt::distributor::DistributorEnvironmentId>(),
            TypeId::of::<gt::DistributorEnvironmentId>(),
        ),
        (
            TypeId::of::<gt::distributor::ComponentDigest>(),
            TypeId::of::<gt::ComponentDigest>(),
        ),
        (
            TypeId::of::<gt::distributor::ComponentStatus>(),
            TypeId::of::<gt::ComponentStatus>(),
        ),
        (
            TypeId::of::<gt::distributor::ArtifactLocation>(),
            TypeId::of::<gt::ArtifactLocation>(),
        ),
        (
            TypeId::of::<gt::distributor::SignatureSummary>(),
            TypeId::of::<gt::SignatureSummary>(),
        ),
        (
            TypeId::of::<gt::distributor::CacheInfo>(),
            TypeId::of::<gt::CacheInfo>(),
        ),
        (
            TypeId::of::<gt::distributor::ResolveComponentRequest>(),
            TypeId::of::<gt::ResolveComponentRequest>(),
        ),
        (
            TypeId::of::<gt::distributor::ResolveComponentResponse>(),
            TypeId::of::<gt::ResolveComponentResponse>(),
        ),
        (
            TypeId::of::<gt::tenant_config::RepoSkin>(),
            TypeId::of::<gt::RepoSkin>(),
        ),
        (
            TypeId::of::<gt::tenant_config::RepoSkinTheme>(),
            TypeId::of::<gt::RepoSkinTheme>(),
        ),
        (
            TypeId::of::<gt::tenant_config::RepoSkinLayout>(),
            TypeId::of::<gt::RepoSkinLayout>(),
        ),
        (
            TypeId::of::<gt::tenant_config::RepoWorkerPanel>(),
            TypeId::of::<gt::RepoWorkerPanel>(),
        ),
        (
            TypeId::of::<gt::tenant_config::RepoSkinLinks>(),
            TypeId::of::<gt::RepoSkinLinks>(),
        ),
        (
            TypeId::of::<gt::tenant_config::RepoAuth>(),
            TypeId::of::<gt::RepoAuth>(),
        ),
        (
            TypeId::of::<gt::tenant_config::IdentityProviderOption>(),
            TypeId::of::<gt::IdentityProviderOption>(),
        ),
        (
            TypeId::of::<gt::tenant_config::RepoTenantConfig>(),
            TypeId::of::<gt::RepoTenantConfig>(),
        ),
        (
            TypeId::of::<gt::tenant_config::EnabledPacks>(),
            TypeId::of::<gt::EnabledPacks>(),
        ),
        (
            TypeId::of::<gt::tenant_config::DefaultPipeline>(),
            TypeId::of::<gt::DefaultPipeline>(),
        ),
        (
            TypeId::of::<gt::tenant_config::StoreTarget>(),
            TypeId::of::<gt::StoreTarget>(),
        ),
        (
            TypeId::of::<gt::tenant_config::DistributorTarget>(),
            TypeId::of::<gt::DistributorTarget>(),
        ),
        (
            TypeId::of::<gt::tenant_config::RepoConfigFeatures>(),
            TypeId::of::<gt::RepoConfigFeatures>(),
        ),
        (
            TypeId::of::<gt::tenant_config::TenantDidDocument>(),
            TypeId::of::<gt::TenantDidDocument>(),
        ),
        (
            TypeId::of::<gt::tenant_config::DidContext>(),
            TypeId::of::<gt::DidContext>(),
        ),
        (
            TypeId::of::<gt::tenant_config::VerificationMethod>(),
            TypeId::of::<gt::VerificationMethod>(),
        ),
        (
            TypeId::of::<gt::tenant_config::DidService>(),
            TypeId::of::<gt::DidService>(),
        ),
    ];
    for (i, (module_path, root)) in pairs.iter().enumerate() {
        assert_eq!(module_path, root, "pair {i}");
    }
}

/// Every fixture: the registry's text entry point accepts it, and its canonical form
/// validates against our exported schema and (when one exists) the contract's.
#[cfg(feature = "check")]
#[test]
fn every_fixture_matches_our_schema_and_the_contract() {
    use greentic_types::registry;
    let cases = [
        ("run-result", "run-result.0.4.13.json"),
        ("run-result", "run-result.json"),
        ("run-result", "run-result.minimal.json"),
        ("channel-message-envelope", "channel-message-envelope.json"),
        (
            "channel-message-envelope",
            "channel-message-envelope.minimal.json",
        ),
        ("event-envelope", "event-envelope.json"),
        ("event-envelope", "event-envelope.minimal.json"),
        (
            "event-provider-descriptor",
            "event-provider-descriptor.json",
        ),
        (
            "event-provider-descriptor",
            "event-provider-descriptor.default.json",
        ),
        ("worker-request", "worker-request.json"),
        ("worker-response", "worker-response.json"),
        ("deployment-plan", "deployment-plan.json"),
        (
            "resolve-component-request",
            "resolve-component-request.json",
        ),
        (
            "resolve-component-response",
            "resolve-component-response.json",
        ),
        ("repo-skin", "repo-skin.json"),
        ("repo-auth", "repo-auth.json"),
        ("repo-tenant-config", "repo-tenant-config.json"),
        ("tenant-did-document", "tenant-did-document.json"),
    ];
    let contract_dir = format!("{}/tests/contract/schemas/v1", env!("CARGO_MANIFEST_DIR"));
    let mut against_contract = 0;
    for (slug, name) in cases {
        let entry = registry::entry(slug).unwrap_or_else(|| panic!("{slug} registered"));
        let text = entry
            .check_json(&fixture(name))
            .unwrap_or_else(|v| panic!("{name}: {v}"));
        let canonical: Value = serde_json::from_str(&text).unwrap();
        let ours = jsonschema::validator_for(&entry.schema()).unwrap();
        let errors: Vec<String> = ours
            .iter_errors(&canonical)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name} vs our {slug}: {errors:?}");
        let contract = std::path::Path::new(&contract_dir).join(format!("{slug}.schema.json"));
        if let Ok(text) = std::fs::read_to_string(&contract) {
            let schema: Value = serde_json::from_str(&text).unwrap();
            let validator = jsonschema::validator_for(&schema).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&canonical)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{name} vs contract {slug}: {errors:?}");
            against_contract += 1;
        }
    }
    assert_eq!(
        against_contract, 15,
        "every fixture with a contract file was checked"
    );
}

#[cfg(feature = "schema")]
#[test]
fn schemas_reject_what_the_types_reject() {
    use greentic_types::registry;
    let validator = |slug: &str| {
        jsonschema::validator_for(&registry::entry(slug).expect("registered").schema()).unwrap()
    };
    let artifact = validator("artifact-location");
    assert!(artifact.is_valid(&json!({"kind": "oci_reference", "reference": "r"})));
    assert!(!artifact.is_valid(&json!({"kind": "ftp", "reference": "r"})));
    assert!(!artifact.is_valid(&json!({"kind": "file_path"})));
    let status = validator("component-status");
    assert!(status.is_valid(&json!({"failed": {"reason": "x"}})));
    assert!(!status.is_valid(&json!("failed")));
    let plan = validator("deployment-plan");
    let mut doc: Value = serde_json::from_str(&fixture("deployment-plan.json")).unwrap();
    assert!(plan.is_valid(&doc));
    doc.as_object_mut().unwrap().remove("secrets");
    assert!(
        !plan.is_valid(&doc),
        "required lists are required in the schema too"
    );
    let run = validator("run-result");
    let mut doc: Value = serde_json::from_str(&fixture("run-result.json")).unwrap();
    doc["status"] = json!("done");
    assert!(!run.is_valid(&doc));
    doc["status"] = json!("success");
    doc["flow_id"] = json!("not a flow id");
    assert!(!run.is_valid(&doc), "identifier patterns are in the schema");
}
