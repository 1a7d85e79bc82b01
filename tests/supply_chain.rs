//! The supply chain's wire (API.md §12): documents as 0.4.13 writes them,
//! timestamps in both forms, ordered build environments, `Value` fields that
//! default to `null`, and the legacy pairs.

use std::path::Path;

use greentic_types::supply_chain::SupplyHasher;
use greentic_types::{
    AttestationStatement, BuildPlan, BuildStatus, BuildStatusKind, MetadataRecord, PredicateType,
    RepoContext, ScanKind, ScanRequest, ScanResult, ScanStatusKind, SignRequest, StoreContext,
    Timestamp, VerifyRequest, VerifyResult,
};
use indexmap::IndexMap;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/store")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn round_trip<T: Serialize + DeserializeOwned>(doc: &Value) -> (T, Value) {
    let value: T = serde_json::from_str(&doc.to_string()).unwrap_or_else(|e| panic!("{doc}: {e}"));
    let out = serde_json::to_value(&value).expect("serializes");
    (value, out)
}

fn read<T: DeserializeOwned>(doc: Value) -> Result<T, String> {
    serde_json::from_str(&doc.to_string()).map_err(|e| e.to_string())
}

fn ts(text: &str) -> Timestamp {
    Timestamp::parse_rfc3339(text).unwrap()
}

#[test]
fn supply_chain_documents_written_by_0_4_13_read_and_write_back_value_for_value() {
    fn same<T: Serialize + DeserializeOwned>(name: &str) {
        let doc = fixture(name);
        let (_, out) = round_trip::<T>(&doc);
        assert_eq!(out, doc, "{name}");
    }
    same::<BuildPlan>("build-plan.json");
    same::<ScanRequest>("scan-request.json");
    same::<SignRequest>("sign-request.json");
    same::<VerifyRequest>("verify-request.json");
    same::<VerifyResult>("verify-result.json");
    same::<AttestationStatement>("attestation-statement.json");
    same::<MetadataRecord>("metadata-record.json");
    same::<RepoContext>("repo-context.json");
    same::<StoreContext>("store-context.json");
}

#[test]
fn build_and_scan_timestamps_read_0_4_13_arrays_and_are_written_as_rfc3339() {
    let doc = fixture("build-status.json");
    let (status, out) = round_trip::<BuildStatus>(&doc);
    assert_eq!(status.status, BuildStatusKind::Succeeded);
    assert_eq!(status.started_at_utc, Some(ts("2023-11-14T22:13:20Z")));
    assert_eq!(status.finished_at_utc, Some(ts("2023-11-14T22:15:05.25Z")));
    let mut expected = doc;
    expected["started_at_utc"] = json!("2023-11-14T22:13:20Z");
    expected["finished_at_utc"] = json!("2023-11-14T22:15:05.25Z");
    assert_eq!(out, expected, "only the timestamps change form");

    let doc = fixture("scan-result.json");
    let (scan, out) = round_trip::<ScanResult>(&doc);
    assert_eq!(scan.kind, ScanKind::Custom("license".into()));
    assert_eq!(scan.status, ScanStatusKind::Succeeded);
    // Offsets are kept: day 60 of 2024 is 29 February, at +01:00.
    assert_eq!(out["started_at_utc"], "2024-02-29T08:00:00+01:00");
    assert_eq!(out["finished_at_utc"], "2024-02-29T08:01:30.0000005+01:00");
    assert_eq!(
        scan.started_at_utc.map(|t| t.unix_nanos()),
        Some(ts("2024-02-29T07:00:00Z").unix_nanos())
    );
    let mut expected = doc;
    expected["started_at_utc"] = out["started_at_utc"].clone();
    expected["finished_at_utc"] = out["finished_at_utc"].clone();
    assert_eq!(out, expected);

    // RFC 3339 in, the same out.
    for text in ["2023-11-14T22:13:20Z", "2023-11-14T22:13:20.5-05:00"] {
        let (status, out) = round_trip::<BuildStatus>(
            &json!({"build_id": "b", "status": "running", "started_at_utc": text}),
        );
        assert_eq!(status.started_at_utc, Some(ts(text)));
        assert_eq!(out["started_at_utc"], text);
    }
}

#[test]
fn missing_timestamps_read_as_none_and_are_omitted() {
    let (status, out) = round_trip::<BuildStatus>(&json!({"build_id": "b", "status": "pending"}));
    assert_eq!(
        (status.started_at_utc, status.finished_at_utc),
        (None, None)
    );
    assert_eq!(
        out,
        json!({"build_id": "b", "status": "pending", "metadata": null})
    );
    let (scan, out) = round_trip::<ScanResult>(
        &json!({"scan_id": "s", "component": "c", "kind": "source", "status": "running"}),
    );
    assert_eq!((scan.started_at_utc, scan.finished_at_utc), (None, None));
    assert!(out.get("started_at_utc").is_none() && out.get("finished_at_utc").is_none());
    // An explicit null is None too.
    let (status, _) = round_trip::<BuildStatus>(
        &json!({"build_id": "b", "status": "pending", "finished_at_utc": null}),
    );
    assert_eq!(status.finished_at_utc, None);
}

#[test]
fn malformed_timestamps_are_errors_in_both_forms() {
    let cases = [
        (json!("yesterday"), "not an RFC 3339 timestamp"),
        (json!("2023-11-14 22:13:20"), "not an RFC 3339 timestamp"),
        (json!([2023, 400, 0, 0, 0, 0, 0, 0, 0]), "ordinal"),
        (json!([2023, 318, 25, 0, 0, 0, 0, 0, 0]), "hour"),
        (json!([2023, 318, 22, 13]), "invalid length 4"),
        (
            json!([2023, 318, 22, 13, 20, 0, 0, 0, 0, 0]),
            "invalid length",
        ),
        (json!([2023, 318, 22, 13, 20, 0, 0, 0, "z"]), "invalid type"),
        (json!(1_699_999_999), "invalid type: integer"),
    ];
    for (bad, expected) in cases {
        let err = read::<BuildStatus>(
            json!({"build_id": "b", "status": "running", "started_at_utc": bad.clone()}),
        )
        .unwrap_err();
        assert!(err.contains(expected), "{bad}: {err}");
        let err = read::<ScanResult>(json!({
            "scan_id": "s", "component": "c", "kind": "source", "status": "running",
            "finished_at_utc": bad.clone()
        }))
        .unwrap_err();
        assert!(err.contains(expected), "{bad}: {err}");
    }
}

#[test]
fn build_plan_env_keeps_document_order() {
    let text = r#"{"build_id":"b","component":"c","source_repo":"r","commit":"abc","language":"rust","entrypoint":"main","env":{"ZED":"1","ALPHA":"2","MID":"3","ALPHA":"4"}}"#;
    let plan: BuildPlan = serde_json::from_str(text).unwrap();
    let keys: Vec<&str> = plan.env.keys().map(String::as_str).collect();
    assert_eq!(keys, ["ZED", "ALPHA", "MID"], "document order, not sorted");
    assert_eq!(
        plan.env["ALPHA"], "4",
        "a repeated key keeps its first position and its last value"
    );
    let out = serde_json::to_string(&plan).unwrap();
    assert!(
        out.contains(r#""env":{"ZED":"1","ALPHA":"4","MID":"3"}"#),
        "{out}"
    );
    // The fixture's order survives a round trip through text.
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store/build-plan.json"),
    )
    .unwrap();
    let plan: BuildPlan = serde_json::from_str(&doc).unwrap();
    let again: BuildPlan = serde_json::from_str(&serde_json::to_string(&plan).unwrap()).unwrap();
    assert_eq!(
        again.env.keys().collect::<Vec<_>>(),
        [
            "RUSTFLAGS",
            "CARGO_TERM_COLOR",
            "A_LAST_ALPHABETICALLY_FIRST"
        ]
    );
}

#[test]
fn an_empty_build_env_is_omitted_and_missing_reads_empty() {
    let (plan, out) = round_trip::<BuildPlan>(&json!({
        "build_id": "b", "component": "c", "source_repo": "r", "commit": "abc",
        "language": "go", "entrypoint": "main.go"
    }));
    assert!(plan.env.is_empty() && plan.outputs.is_empty());
    assert!(out.get("env").is_none() && out.get("outputs").is_none());
}

#[test]
fn supply_hasher_is_the_fnv_hasher_of_build_envs() {
    let mut env: IndexMap<String, String, SupplyHasher> = IndexMap::default();
    env.insert("B".into(), "1".into());
    env.insert("A".into(), "2".into());
    let mut plan: BuildPlan = serde_json::from_value(json!({
        "build_id": "b", "component": "c", "source_repo": "r", "commit": "abc",
        "language": "go", "entrypoint": "main.go"
    }))
    .unwrap();
    plan.env = env;
    assert_eq!(
        serde_json::to_value(&plan).unwrap()["env"],
        json!({"B": "1", "A": "2"})
    );
    let _: std::hash::BuildHasherDefault<fnv::FnvHasher> = SupplyHasher::default();
}

#[test]
fn value_fields_are_null_when_missing_and_always_written() {
    let (plan, out) = round_trip::<BuildPlan>(&json!({
        "build_id": "b", "component": "c", "source_repo": "r", "commit": "abc",
        "language": "go", "entrypoint": "main.go"
    }));
    assert_eq!(
        (plan.metadata, &out["metadata"]),
        (Value::Null, &Value::Null)
    );
    assert!(out.as_object().unwrap().contains_key("metadata"));

    let (_, out) =
        round_trip::<ScanRequest>(&json!({"scan_id": "s", "component": "c", "kind": "artifact"}));
    assert_eq!(
        out,
        json!({"scan_id": "s", "component": "c", "kind": "artifact", "metadata": null})
    );

    let (scan, out) = round_trip::<ScanResult>(
        &json!({"scan_id": "s", "component": "c", "kind": "source", "status": "failed"}),
    );
    assert_eq!(scan.findings, Value::Null);
    assert!(out.as_object().unwrap().contains_key("findings"));

    let (sign, out) = round_trip::<SignRequest>(&json!({"signing_key": "k", "artifact": "a"}));
    assert_eq!((sign.payload, sign.metadata), (Value::Null, Value::Null));
    assert_eq!(
        out,
        json!({"signing_key": "k", "artifact": "a", "payload": null, "metadata": null})
    );

    let (_, out) = round_trip::<VerifyRequest>(&json!({"signature": "s", "artifact": "a"}));
    assert_eq!(
        out,
        json!({"signature": "s", "artifact": "a", "metadata": null})
    );

    let (_, out) = round_trip::<VerifyResult>(&json!({"signature": "s", "valid": true}));
    assert_eq!(
        out,
        json!({"signature": "s", "valid": true, "metadata": null})
    );

    let (_, out) = round_trip::<AttestationStatement>(
        &json!({"attestation": "a", "predicate_type": "vulnerability", "statement": "s"}),
    );
    assert_eq!(
        out,
        json!({"attestation": "a", "predicate_type": "vulnerability", "statement": "s", "metadata": null})
    );

    let (_, out) = round_trip::<BuildStatus>(&json!({"build_id": "b", "status": "cancelled"}));
    assert_eq!(out["metadata"], Value::Null);
}

#[test]
fn metadata_record_value_is_required_but_may_be_null() {
    let err = read::<MetadataRecord>(json!({"key": "k"})).unwrap_err();
    assert!(err.contains("missing field `value`"), "{err}");
    let (record, out) = round_trip::<MetadataRecord>(&json!({"key": "k", "value": null}));
    assert_eq!(record.value, Value::Null);
    assert_eq!(out, json!({"key": "k", "value": null}));
    let (record, _) = round_trip::<MetadataRecord>(&fixture("metadata-record.json"));
    assert_eq!(record.value, json!(["MIT", "Apache-2.0"]));
    assert_eq!(record.namespace.as_deref(), Some("sbom"));
}

#[test]
fn legacy_pairs_travel_side_by_side_each_as_given() {
    // commit / commit_ref: both, one, or differing values, each kept.
    let base = json!({
        "build_id": "b", "component": "c", "source_repo": "r",
        "language": "go", "entrypoint": "main.go"
    });
    let with = |extra: Value| {
        let mut doc = base.clone();
        doc.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        doc
    };
    let (plan, out) = round_trip::<BuildPlan>(&with(json!({"commit": "abc", "commit_ref": "def"})));
    assert_eq!(
        (
            plan.commit.as_str(),
            plan.commit_ref.as_ref().map(|c| c.as_str())
        ),
        ("abc", Some("def"))
    );
    assert_eq!(
        (&out["commit"], &out["commit_ref"]),
        (&json!("abc"), &json!("def"))
    );
    let (plan, out) = round_trip::<BuildPlan>(&with(json!({"commit": "not an id!"})));
    assert_eq!(
        (plan.commit.as_str(), plan.commit_ref),
        ("not an id!", None)
    );
    assert!(out.get("commit_ref").is_none());
    let err = read::<BuildPlan>(with(json!({"commit_ref": "abc"}))).unwrap_err();
    assert!(err.contains("missing field `commit`"), "{err}");
    let err =
        read::<BuildPlan>(with(json!({"commit": "a", "commit_ref": "not an id!"}))).unwrap_err();
    assert!(err.contains("CommitRef must contain only"), "{err}");

    // logs_ref / log_refs.
    let (status, out) = round_trip::<BuildStatus>(&json!({
        "build_id": "b", "status": "failed", "logs_ref": "s3://logs/b.txt", "log_refs": ["l1", "l2"]
    }));
    assert_eq!(status.logs_ref.as_deref(), Some("s3://logs/b.txt"));
    assert_eq!(status.log_refs, ["l1", "l2"]);
    assert_eq!(
        (&out["logs_ref"], &out["log_refs"]),
        (&json!("s3://logs/b.txt"), &json!(["l1", "l2"]))
    );
    let (status, out) = round_trip::<BuildStatus>(
        &json!({"build_id": "b", "status": "failed", "log_refs": ["l1"]}),
    );
    assert_eq!(status.logs_ref, None);
    assert!(out.get("logs_ref").is_none());
    let (_, out) =
        round_trip::<BuildStatus>(&json!({"build_id": "b", "status": "failed", "logs_ref": "x"}));
    assert!(out.get("log_refs").is_none());

    // attestation / attestation_id.
    let (att, out) = round_trip::<AttestationStatement>(&fixture("attestation-statement.json"));
    assert_eq!(att.attestation, "att-ref-1");
    assert_eq!(
        att.attestation_id.as_ref().map(|a| a.as_str()),
        Some("att-1")
    );
    assert_eq!(
        (&out["attestation"], &out["attestation_id"]),
        (&json!("att-ref-1"), &json!("att-1"))
    );
    let err = read::<AttestationStatement>(
        json!({"attestation_id": "a", "predicate_type": "slsa", "statement": "s"}),
    )
    .unwrap_err();
    assert!(err.contains("missing field `attestation`"), "{err}");
}

#[test]
fn supply_chain_snake_enums_read_and_write_their_names() {
    fn names<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
        cases: &[(T, Value)],
        rejected: &[Value],
    ) {
        for (value, wire) in cases {
            assert_eq!(&serde_json::to_value(value).unwrap(), wire);
            assert_eq!(&read::<T>(wire.clone()).unwrap(), value);
        }
        for bad in rejected {
            let err = read::<T>(bad.clone()).unwrap_err();
            assert!(err.contains("unknown variant"), "{bad}: {err}");
        }
    }
    names(
        &[
            (BuildStatusKind::Pending, json!("pending")),
            (BuildStatusKind::Running, json!("running")),
            (BuildStatusKind::Succeeded, json!("succeeded")),
            (BuildStatusKind::Failed, json!("failed")),
            (BuildStatusKind::Cancelled, json!("cancelled")),
        ],
        &[json!("Succeeded"), json!("success")],
    );
    names(
        &[
            (ScanStatusKind::Pending, json!("pending")),
            (ScanStatusKind::Running, json!("running")),
            (ScanStatusKind::Succeeded, json!("succeeded")),
            (ScanStatusKind::Failed, json!("failed")),
        ],
        &[json!("cancelled")],
    );
    names(
        &[
            (ScanKind::Source, json!("source")),
            (ScanKind::Dependencies, json!("dependencies")),
            (ScanKind::Artifact, json!("artifact")),
            (
                ScanKind::Custom("license".into()),
                json!({"custom": "license"}),
            ),
        ],
        &[json!("Source"), json!({"Custom": "x"})],
    );
    names(
        &[
            (PredicateType::Slsa, json!("slsa")),
            (PredicateType::Vulnerability, json!("vulnerability")),
            (
                PredicateType::Custom("sbom".into()),
                json!({"custom": "sbom"}),
            ),
        ],
        &[json!("SLSA")],
    );
    // The two status kinds are Copy, as in 0.4.13.
    let kind = BuildStatusKind::Running;
    let (a, b) = (kind, kind);
    assert_eq!(a, b);
    let scan = ScanStatusKind::Failed;
    let (c, d) = (scan, scan);
    assert_eq!(c, d);
}

#[test]
fn contexts_pair_a_tenant_with_a_repo_or_a_store() {
    let (repo, _) = round_trip::<RepoContext>(&fixture("repo-context.json"));
    assert_eq!(
        (repo.tenant.tenant_id.as_str(), repo.repo.as_str()),
        ("acme", "acme.chat-bot")
    );
    let (store, _) = round_trip::<StoreContext>(&fixture("store-context.json"));
    assert_eq!(store.store, "acme-store");
    let err = read::<StoreContext>(json!({"tenant": {"env": "prod", "tenant": "a", "tenant_id": "b", "attempt": 0}, "store": "s"})).unwrap_err();
    assert!(err.contains("/tenant: must equal `tenant_id`"), "{err}");
}

#[test]
fn zero_four_thirteen_module_paths_resolve() {
    // Code written against 0.4.13 names these paths.
    let _: Option<greentic_types::store::StoreFront> = None;
    let _: Option<greentic_types::store::VersionStrategy> = None;
    let _: Option<greentic_types::store::CapabilityMap> = None;
    let _: Option<greentic_types::store::BundleSpec> = None;
    let _: Option<greentic_types::supply_chain::BuildPlan> = None;
    let _: Option<greentic_types::supply_chain::AttestationStatement> = None;
    let map: greentic_types::store::CapabilityMap =
        std::collections::BTreeMap::from([("http".to_owned(), vec!["outbound".to_owned()])]);
    assert_eq!(
        map.len(),
        1,
        "CapabilityMap is still a plain BTreeMap alias"
    );
}
