//! Deployment plans: what the deployer must provision for a pack in one
//! tenant environment (runners, messaging, channels, secrets, OAuth, telemetry).
//!
//! ```
//! use greentic_types::DeploymentPlan;
//!
//! let plan: DeploymentPlan = serde_json::from_str(r#"{
//!     "pack_id": "greentic.demo", "pack_version": "1.0.0",
//!     "tenant": "acme", "environment": "prod",
//!     "runners": [{"name": "main", "replicas": 2}],
//!     "channels": [], "secrets": [{"key": "SLACK_TOKEN", "required": true, "scope": "tenant"}],
//!     "oauth": []
//! }"#)?;
//! assert_eq!(plan.runners[0].replicas, 2);
//! // Missing free-form fields read as `null` and are always written.
//! let out = serde_json::to_value(&plan)?;
//! assert!(out["extra"].is_null() && out["runners"][0]["capabilities"].is_null());
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! 0.4.13 published no schema for these documents; each part now has one
//! (`deployment-plan`, `runner-plan`, ...). The wire is unchanged: the lists
//! `runners`, `channels`, `secrets`, `oauth` and `subjects` are required, and
//! identifiers stay plain strings as in 0.4.13. Where a service runs
//! (`Cloud`, `Platform`, `DeploymentCtx`) lives in [`context`](crate::context).

use alloc::string::String;
use alloc::vec::Vec;

use crate::greentic_model;

greentic_model! {
    /// Everything to provision for one pack in one tenant environment.
    #[schema = "deployment-plan"]
    #[derive(Eq)]
    pub struct DeploymentPlan {
        /// The pack.
        pub pack_id: String,
        /// The pack's version.
        pub pack_version: semver::Version,
        /// The tenant.
        pub tenant: String,
        /// The environment.
        pub environment: String,
        /// Runner deployments.
        pub runners: Vec<RunnerPlan>,
        /// The messaging cluster and subjects, if the pack needs messaging.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub messaging: Option<MessagingPlan>,
        /// Channels to wire to flows.
        pub channels: Vec<ChannelPlan>,
        /// Secrets the pack needs.
        pub secrets: Vec<SecretPlan>,
        /// OAuth clients the pack needs.
        pub oauth: Vec<OAuthPlan>,
        /// Telemetry requirements.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub telemetry: Option<TelemetryPlan>,
        /// Free-form extra data (`null` when absent, always written).
        #[serde(default)]
        pub extra: serde_json::Value,
    }

    /// One runner deployment.
    #[schema = "runner-plan"]
    #[derive(Eq)]
    pub struct RunnerPlan {
        /// Runner name.
        pub name: String,
        /// How many replicas.
        pub replicas: u32,
        /// Free-form capabilities (`null` when absent, always written).
        #[serde(default)]
        pub capabilities: serde_json::Value,
    }

    /// The messaging cluster a pack uses and its subjects.
    #[schema = "messaging-plan"]
    #[derive(Eq)]
    pub struct MessagingPlan {
        /// Logical cluster name.
        pub logical_cluster: String,
        /// Subjects to create.
        pub subjects: Vec<MessagingSubjectPlan>,
        /// Free-form extra data (`null` when absent, always written).
        #[serde(default)]
        pub extra: serde_json::Value,
    }

    /// One messaging subject.
    #[schema = "messaging-subject-plan"]
    #[derive(Eq)]
    pub struct MessagingSubjectPlan {
        /// Subject name.
        pub name: String,
        /// What the subject carries.
        pub purpose: String,
        /// Whether consumers are durable.
        pub durable: bool,
        /// Free-form extra data (`null` when absent, always written).
        #[serde(default)]
        pub extra: serde_json::Value,
    }

    /// A channel wired to a flow.
    #[schema = "channel-plan"]
    #[derive(Eq)]
    pub struct ChannelPlan {
        /// Channel name.
        pub name: String,
        /// The flow it feeds.
        pub flow_id: String,
        /// Channel kind (`slack`, `webhook`, ...).
        pub kind: String,
        /// Free-form configuration (`null` when absent, always written).
        #[serde(default)]
        pub config: serde_json::Value,
    }

    /// A secret the pack needs.
    #[schema = "secret-plan"]
    #[derive(Eq, Hash)]
    pub struct SecretPlan {
        /// Secret key.
        pub key: String,
        /// Whether deployment fails without it.
        pub required: bool,
        /// Where it is looked up (`tenant`, `environment`, ...).
        pub scope: String,
    }

    /// An OAuth client the pack needs.
    #[schema = "oauth-plan"]
    #[derive(Eq)]
    pub struct OAuthPlan {
        /// The OAuth provider.
        pub provider_id: String,
        /// The logical client.
        pub logical_client_id: String,
        /// The redirect path.
        pub redirect_path: String,
        /// Free-form extra data (`null` when absent, always written).
        #[serde(default)]
        pub extra: serde_json::Value,
    }

    /// Telemetry requirements of a pack.
    #[schema = "telemetry-plan"]
    #[derive(Eq)]
    pub struct TelemetryPlan {
        /// Whether telemetry export is required.
        pub required: bool,
        /// A suggested OTLP endpoint.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub suggested_endpoint: Option<String>,
        /// Free-form extra data (`null` when absent, always written).
        #[serde(default)]
        pub extra: serde_json::Value,
    }
}
