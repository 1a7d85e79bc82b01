//! The shared vocabulary of the Greentic platform: identifiers, tenant and
//! session context, envelopes, errors and their JSON Schemas.
//!
//! ```
//! use greentic_types::{EnvId, TenantCtx, TenantId, Validate};
//!
//! let ctx = TenantCtx::new(EnvId::new("prod")?, TenantId::new("acme")?).with_flow("checkout");
//! let json = serde_json::to_value(&ctx)?;
//! assert_eq!(json["tenant_id"], "acme");
//!
//! // Twins that disagree are caught on input, with the JSON path.
//! let bad = serde_json::json!({"env": "prod", "tenant": "a", "tenant_id": "b", "attempt": 0});
//! let err = serde_json::from_value::<TenantCtx>(bad).unwrap_err();
//! assert!(err.to_string().contains("/tenant: must equal `tenant_id`"));
//! assert!(ctx.validate().is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Every model is declared once with the DSL ([`id_newtype!`], [`greentic_model!`]);
//! the declaration produces the type, serde, the JSON Schema, validation,
//! test-data generators and a registry entry. With the `schema` feature,
//! `registry::entries` lists every schema linked into the program, and
//! `schema::write_all_schemas` exports them.
//!
//! # Features
//!
//! | feature | default | adds |
//! | --- | --- | --- |
//! | `std` | yes | `std::error::Error` sources, file export |
//! | `serde` | yes | (de)serialization of every model |
//! | `time` | yes | `time::OffsetDateTime` conversions (`InvocationDeadline`, `Timestamp`) |
//! | `otel-keys` | yes | `telemetry::OtlpKeys`: OpenTelemetry attribute names |
//! | `uuid` | no | `SessionKey::generate()` |
//! | `schemars` | no | `JsonSchema` for every model |
//! | `schema` | no | the registry, `write_all_schemas`, the `export-schemas` bin |
//! | `compat` | no | `compat`: what changed between two schema versions, and whom it breaks |
//! | `site` | no | `site`: the browsable schema site `export-schemas` writes |
//! | `check` | no | document checking: `Entry::check_json`, `Entry::check` |
//! | `yaml` | no | YAML documents: `Entry::check_yaml` |
//! | `proptest` | no | `Generate` for every model (arbitrary valid instances) |
//! | `cli` | no | the `greentic-types` binary (YAML input) |
//! | `telemetry-autoinit` | no | OTLP export, tenant-aware spans, `#[telemetry::main]` |
//!
//! Without `std` the crate is `no_std` + `alloc`:
//! `cargo build --no-default-features --features serde`.
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

// The DSL's expansions name `::greentic_types::__private`; make that path
// resolve inside this crate too.
extern crate self as greentic_types;

#[doc(hidden)]
pub use greentic_types_dsl::__private;
#[cfg(feature = "serde")]
pub use greentic_types_dsl::error_at;
pub use greentic_types_dsl::{
    DEFAULT_ID_RULE, DEFAULT_MAX_ID_LENGTH, ExtraCheck, IdRule, InvalidId, Path, Registered,
    SCHEMA_BASE_URL, Validate, Violation, Violations, greentic_model, id_newtype, if_proptest,
    if_registry, if_schemars, if_serde, is_id_char, push_escaped,
};
#[doc(hidden)]
pub use greentic_types_dsl::{SerdeAttrs, Tagging};

if_proptest! {
    /// Arbitrary valid instances of every model (`proptest` feature).
    pub use greentic_types_dsl::generate;
}

/// Every schema declared in the program, discovered at link time (`schema` feature).
#[cfg(feature = "schema")]
pub use greentic_types_dsl::registry;

#[cfg(feature = "compat")]
#[cfg_attr(docsrs, doc(cfg(feature = "compat")))]
pub mod compat;
#[cfg(feature = "telemetry-autoinit")]
mod otel;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "site")]
#[cfg_attr(docsrs, doc(cfg(feature = "site")))]
pub mod site;
#[cfg(any(feature = "compat", feature = "telemetry-autoinit"))]
mod text;

/// The README's Rust snippets, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// `new`, `as_str`, `Display` and `From<String | &str>` for an unvalidated
/// string key declared as `struct Key(pub String)`.
macro_rules! string_key_impls {
    ($name:ident) => {
        impl $name {
            /// A key holding `value` as is.
            pub fn new(value: impl Into<alloc::string::String>) -> Self {
                Self(value.into())
            }

            /// The key as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<alloc::string::String> for $name {
            fn from(value: alloc::string::String) -> Self {
                Self(value)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.into())
            }
        }
    };
}

// Flows, components, packs, capabilities, policy and bindings (API.md §4-6, §14).
#[path = "../models/bindings.rs"]
pub mod bindings;
#[path = "../models/capabilities.rs"]
pub mod capabilities;
#[path = "../models/component.rs"]
pub mod component;
#[path = "../models/flow.rs"]
pub mod flow;
#[path = "../models/pack.rs"]
pub mod pack;
#[path = "../models/pack_manifest.rs"]
pub mod pack_manifest;
#[path = "../models/policy.rs"]
pub mod policy;

#[path = "../models/context.rs"]
pub mod context;
#[path = "../models/envelope.rs"]
pub mod envelope;
#[path = "../models/error.rs"]
pub mod error;
#[path = "../models/hash.rs"]
pub mod hash;
#[path = "../models/ids.rs"]
pub mod ids;
#[path = "../models/keys.rs"]
pub mod keys;
#[path = "../models/session.rs"]
pub mod session;
#[path = "../models/state.rs"]
pub mod state;
#[path = "../models/telemetry.rs"]
pub mod telemetry;
#[path = "../models/tenant.rs"]
pub mod tenant;
#[path = "../models/timestamp.rs"]
pub mod timestamp;

// Store and supply chain (API.md §11, §12).
#[path = "../models/store.rs"]
pub mod store;
#[path = "../models/supply_chain.rs"]
pub mod supply_chain;

// Runs, messaging, events, workers, deployment plans, distributor and tenant
// config (API.md §7-§10, §13), under 0.4.13's module names.
#[path = "../models/deployment.rs"]
pub mod deployment;
#[path = "../models/distributor.rs"]
pub mod distributor;
#[path = "../models/events.rs"]
pub mod events;
#[path = "../models/events_provider.rs"]
pub mod events_provider;
#[path = "../models/messaging.rs"]
pub mod messaging;
/// The result of a step (0.4.13's module path for [`Outcome`]).
pub mod outcome {
    pub use crate::envelope::Outcome;
}
#[path = "../models/run.rs"]
pub mod run;
#[path = "../models/tenant_config.rs"]
pub mod tenant_config;
#[path = "../models/worker.rs"]
pub mod worker;

pub use deployment::{
    ChannelPlan, DeploymentPlan, MessagingPlan, MessagingSubjectPlan, OAuthPlan, RunnerPlan,
    SecretPlan, TelemetryPlan,
};
pub use distributor::{
    ArtifactLocation, CacheInfo, ComponentDigest, ComponentStatus, DistributorEnvironmentId,
    ResolveComponentRequest, ResolveComponentResponse, SignatureSummary,
};
pub use events::{EventEnvelope, EventMetadata};
pub use events_provider::{
    EventProviderDescriptor, EventProviderKind, OrderingKind, ReliabilityKind, TransportKind,
};
pub use messaging::{Attachment, ChannelMessageEnvelope, MessageMetadata};
pub use run::{NodeFailure, NodeStatus, NodeSummary, RunResult, RunStatus, TranscriptOffset};
pub use tenant_config::{
    DefaultPipeline, DidContext, DidService, DistributorTarget, EnabledPacks,
    IdentityProviderOption, RepoAuth, RepoConfigFeatures, RepoSkin, RepoSkinLayout, RepoSkinLinks,
    RepoSkinTheme, RepoTenantConfig, RepoWorkerPanel, StoreTarget, TenantDidDocument,
    VerificationMethod,
};
pub use worker::{WorkerMessage, WorkerRequest, WorkerResponse};

pub use context::{Cloud, DeploymentCtx, Platform};
pub use envelope::{BinaryPayload, InvocationEnvelope, Outcome};
pub use error::{ErrorCode, ErrorDetail, GResult, GreenticError, NodeError, NodeResult};
pub use hash::{HashAlgorithm, HashDigest};
pub use ids::*;
pub use keys::{canonical_session_key, make_idempotency_key};
pub use session::{SessionCursor, SessionData, SessionKey};
pub use state::{InvalidPointer, StateKey, StatePath};
#[cfg(feature = "otel-keys")]
pub use telemetry::OtlpKeys;
pub use telemetry::SpanContext;
pub use tenant::{Impersonation, InvocationDeadline, TenantContext, TenantCtx, TenantIdentity};
pub use timestamp::{InvalidTimestamp, Timestamp};

// Store and supply chain (API.md §11, §12).
pub use store::{
    ArtifactSelector, BundleSpec, CapabilityMap, Collection, ConnectionKind, DesiredState,
    DesiredStateExportSpec, DesiredSubscriptionEntry, Environment, LayoutSection,
    LayoutSectionKind, PackOrComponentRef, PlanLimits, PriceModel, ProductOverride, RolloutState,
    RolloutStatus, StoreFront, StorePlan, StoreProduct, StoreProductKind, Subscription,
    SubscriptionStatus, Theme, VersionStrategy,
};
pub use supply_chain::{
    AttestationStatement, BuildPlan, BuildStatus, BuildStatusKind, MetadataRecord, PredicateType,
    RepoContext, ScanKind, ScanRequest, ScanResult, ScanStatusKind, SignRequest, StoreContext,
    VerifyRequest, VerifyResult,
};

// Flows, components, packs, capabilities, policy and bindings (API.md §4-6, §14).
pub use bindings::hints::{
    BindingsHints, EnvHints, McpHints, McpServer, NetworkHints, SecretsHints,
};
pub use capabilities::{
    AllowList, Capabilities, FsCaps, HttpCaps, KvCaps, Limits, NetCaps, NetworkPolicy, Protocol,
    SecretsCaps, TelemetrySpec, ToolsCaps,
};
pub use component::{
    ComponentCapabilities, ComponentConfigurators, ComponentManifest, ComponentProfileError,
    ComponentProfiles, EnvCapabilities, EventsCapabilities, FilesystemCapabilities, FilesystemMode,
    FilesystemMount, HostCapabilities, HttpCapabilities, IaCCapabilities, MessagingCapabilities,
    SecretsCapabilities, StateCapabilities, TelemetryCapabilities, TelemetryScope,
    WasiCapabilities,
};
pub use flow::{Flow, FlowKind, FlowNodes, FlowValidationError, Node};
pub use pack::{PackRef, Signature, SignatureAlgorithm};
pub use pack_manifest::{PackComponentRef, PackFlowRef, PackKind, PackManifest};
pub use policy::{PolicyDecision, PolicyDecisionStatus};

/// This crate's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
