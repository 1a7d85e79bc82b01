//! The supply chain: build plans and statuses, scans, signing, verification,
//! attestations and metadata records.
//!
//! ```
//! use greentic_types::{BuildStatus, BuildStatusKind, Timestamp};
//!
//! // 0.4.13 wrote timestamps as `time`'s 9-integer array; they still read,
//! // and are written back as RFC 3339.
//! let status: BuildStatus = serde_json::from_str(
//!     r#"{"build_id": "b-1", "status": "running", "started_at_utc": [2023,318,22,13,20,0,0,0,0]}"#,
//! )?;
//! assert_eq!(status.status, BuildStatusKind::Running);
//! assert_eq!(status.started_at_utc, Some(Timestamp::parse_rfc3339("2023-11-14T22:13:20Z")?));
//! let json = serde_json::to_value(&status)?;
//! assert_eq!(json["started_at_utc"], "2023-11-14T22:13:20Z");
//! assert_eq!(json["metadata"], serde_json::Value::Null); // `Value` fields are always written
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Wire rules beyond the schemas (API.md §12):
//!
//! - [`BuildPlan::env`] keeps document order (an `IndexMap` with [`SupplyHasher`]).
//! - Free-form `metadata`, `findings` and `payload` fields are `null` when missing
//!   and always written; [`MetadataRecord::value`] is required.
//! - Legacy pairs travel side by side, each read and written as given:
//!   `BuildPlan.commit`/`commit_ref`, `BuildStatus.logs_ref`/`log_refs`,
//!   `AttestationStatement.attestation`/`attestation_id`. They are different
//!   types (a free string beside an identifier, one log beside a list, a
//!   reference beside an id), so they are not required to agree.
//!
//! # Changes from 0.4.13
//!
//! - `BuildStatus` and `ScanResult` timestamps are [`Timestamp`]s:
//!   written as RFC 3339 strings (what the published schemas always said),
//!   read from RFC 3339 or from the 9-integer array 0.4.13 wrote. They exist
//!   with or without the `time` feature (0.4.13 dropped the fields without it).

use alloc::string::String;
use alloc::vec::Vec;
use core::hash::BuildHasherDefault;

use fnv::FnvHasher;
use indexmap::IndexMap;
use serde_json::Value;

use crate::{
    ArtifactRef, AttestationId, AttestationRef, BranchRef, BuildLogRef, BuildRef, CommitRef,
    ComponentRef, RegistryRef, RepoRef, SbomRef, ScanRef, SignatureRef, SigningKeyRef,
    StatementRef, StoreRef, TenantCtx, Timestamp, VersionRef, greentic_model,
};

/// The hasher of the supply chain's ordered maps (FNV).
pub type SupplyHasher = BuildHasherDefault<FnvHasher>;

greentic_model! {
    /// How to build a component from source.
    #[schema = "build-plan"]
    #[derive(Eq)]
    pub struct BuildPlan {
        /// Build identifier.
        pub build_id: BuildRef,
        /// The component to build.
        pub component: ComponentRef,
        /// Source branch.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub branch: Option<BranchRef>,
        /// Source repository.
        pub source_repo: RepoRef,
        /// Commit to build, as given (legacy field beside commit_ref).
        pub commit: String,
        /// Commit to build, as an identifier.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub commit_ref: Option<CommitRef>,
        /// Source language.
        pub language: String,
        /// Build entrypoint.
        pub entrypoint: String,
        /// Build environment variables, in document order.
        #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
        pub env: IndexMap<String, String, SupplyHasher>,
        /// Artifacts the build produces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub outputs: Vec<ArtifactRef>,
        /// Free-form metadata (null when missing).
        #[serde(default)]
        pub metadata: Value,
    }

    /// Where a build stands.
    #[schema = "build-status-kind"]
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq, Hash)]
    pub enum BuildStatusKind {
        /// Queued.
        Pending,
        /// Running.
        Running,
        /// Finished successfully.
        Succeeded,
        /// Finished with an error.
        Failed,
        /// Stopped before finishing.
        Cancelled,
    }

    /// The status of a build.
    #[schema = "build-status"]
    #[derive(Eq)]
    pub struct BuildStatus {
        /// Build identifier.
        pub build_id: BuildRef,
        /// Where the build stands.
        pub status: BuildStatusKind,
        /// When the build started (RFC 3339; 0.4.13's 9-integer array is read too).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(schema_with = "nullable_timestamp")]
        pub started_at_utc: Option<Timestamp>,
        /// When the build finished (RFC 3339; 0.4.13's 9-integer array is read too).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(schema_with = "nullable_timestamp")]
        pub finished_at_utc: Option<Timestamp>,
        /// Artifacts produced.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub artifacts: Vec<ArtifactRef>,
        /// Build log location (legacy field beside log_refs).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub logs_ref: Option<String>,
        /// Build logs.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub log_refs: Vec<BuildLogRef>,
        /// Free-form metadata (null when missing).
        #[serde(default)]
        pub metadata: Value,
    }

    /// What a scan examines.
    #[schema = "scan-kind"]
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum ScanKind {
        /// Source code.
        Source,
        /// Dependencies.
        Dependencies,
        /// A built artifact.
        Artifact,
        /// Any other kind, by name.
        Custom(String),
    }

    /// Where a scan stands.
    #[schema = "scan-status-kind"]
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq, Hash)]
    pub enum ScanStatusKind {
        /// Queued.
        Pending,
        /// Running.
        Running,
        /// Finished successfully.
        Succeeded,
        /// Finished with an error.
        Failed,
    }

    /// A request to scan a component.
    #[schema = "scan-request"]
    #[derive(Eq)]
    pub struct ScanRequest {
        /// Scan identifier.
        pub scan_id: ScanRef,
        /// The component to scan.
        pub component: ComponentRef,
        /// What to scan.
        pub kind: ScanKind,
        /// Commit to scan.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub commit_ref: Option<CommitRef>,
        /// Artifact to scan.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub artifact: Option<ArtifactRef>,
        /// Free-form metadata (null when missing).
        #[serde(default)]
        pub metadata: Value,
    }

    /// The result of a scan.
    #[schema = "scan-result"]
    #[derive(Eq)]
    pub struct ScanResult {
        /// Scan identifier.
        pub scan_id: ScanRef,
        /// The component scanned.
        pub component: ComponentRef,
        /// What was scanned.
        pub kind: ScanKind,
        /// Where the scan stands.
        pub status: ScanStatusKind,
        /// Software bill of materials produced.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub sbom: Option<SbomRef>,
        /// Findings, scanner-defined (null when missing).
        #[serde(default)]
        pub findings: Value,
        /// When the scan started (RFC 3339; 0.4.13's 9-integer array is read too).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(schema_with = "nullable_timestamp")]
        pub started_at_utc: Option<Timestamp>,
        /// When the scan finished (RFC 3339; 0.4.13's 9-integer array is read too).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(schema_with = "nullable_timestamp")]
        pub finished_at_utc: Option<Timestamp>,
    }

    /// A request to sign an artifact.
    #[schema = "sign-request"]
    #[derive(Eq)]
    pub struct SignRequest {
        /// The key to sign with.
        pub signing_key: SigningKeyRef,
        /// The artifact to sign.
        pub artifact: ArtifactRef,
        /// What to sign, signer-defined (null when missing).
        #[serde(default)]
        pub payload: Value,
        /// Free-form metadata (null when missing).
        #[serde(default)]
        pub metadata: Value,
    }

    /// A request to verify an artifact's signature.
    #[schema = "verify-request"]
    #[derive(Eq)]
    pub struct VerifyRequest {
        /// The signature to verify.
        pub signature: SignatureRef,
        /// The signed artifact.
        pub artifact: ArtifactRef,
        /// Free-form metadata (null when missing).
        #[serde(default)]
        pub metadata: Value,
    }

    /// The outcome of a signature verification.
    #[schema = "verify-result"]
    #[derive(Eq)]
    pub struct VerifyResult {
        /// The signature verified.
        pub signature: SignatureRef,
        /// Whether it is valid.
        pub valid: bool,
        /// Human-readable detail.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub message: Option<String>,
        /// Free-form metadata (null when missing).
        #[serde(default)]
        pub metadata: Value,
    }

    /// The kind of claim an attestation makes.
    #[schema = "predicate-type"]
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum PredicateType {
        /// SLSA provenance.
        Slsa,
        /// A vulnerability report.
        Vulnerability,
        /// Any other predicate, by name.
        Custom(String),
    }

    /// An attestation: a statement about an artifact, and where it is kept.
    #[schema = "attestation-statement"]
    #[derive(Eq)]
    pub struct AttestationStatement {
        /// Attestation identifier (beside the reference).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub attestation_id: Option<AttestationId>,
        /// Attestation reference.
        pub attestation: AttestationRef,
        /// The kind of claim.
        pub predicate_type: PredicateType,
        /// The statement.
        pub statement: StatementRef,
        /// Registry that holds the attestation.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub registry: Option<RegistryRef>,
        /// Store that holds the attestation.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub store: Option<StoreRef>,
        /// Free-form metadata (null when missing).
        #[serde(default)]
        pub metadata: Value,
    }

    /// A metadata record: a key and its value, optionally namespaced and versioned.
    #[schema = "metadata-record"]
    #[derive(Eq)]
    pub struct MetadataRecord {
        /// Version of the record.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub version: Option<VersionRef>,
        /// Namespace of the key.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub namespace: Option<String>,
        /// The key.
        pub key: String,
        /// The value (required, any JSON).
        pub value: Value,
    }

    /// A repository, in a tenant's context.
    #[schema = "repo-context"]
    #[derive(Eq, Hash)]
    pub struct RepoContext {
        /// The tenant's context.
        pub tenant: TenantCtx,
        /// The repository.
        pub repo: RepoRef,
    }

    /// A store, in a tenant's context.
    #[schema = "store-context"]
    #[derive(Eq, Hash)]
    pub struct StoreContext {
        /// The tenant's context.
        pub tenant: TenantCtx,
        /// The store.
        pub store: StoreRef,
    }
}

crate::if_schemars! {
    /// The schema of an optional timestamp: the timestamp's own schema, inlined,
    /// with `null` added to its type (the contract says `["string", "null"]`;
    /// a `$ref` would come out as `anyOf`).
    fn nullable_timestamp(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = <Timestamp as schemars::JsonSchema>::json_schema(g);
        let map = schema.ensure_object();
        match map.get_mut("type") {
            Some(Value::String(t)) => {
                let t = core::mem::take(t);
                map.insert("type".into(), serde_json::json!([t, "null"]));
                schema
            }
            _ => schemars::json_schema!({"anyOf": [schema, {"type": "null"}]}),
        }
    }
}
