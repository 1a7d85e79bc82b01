//! Component manifests: what a WebAssembly component is, which flow kinds and
//! profiles it supports, and which host capabilities it needs.
//!
//! ```
//! use greentic_types::{ComponentManifest, ComponentProfileError, FlowKind};
//!
//! let manifest: ComponentManifest = serde_json::from_str(r#"{
//!     "id": "greentic.echo",
//!     "version": "1.2.0",
//!     "supports": ["messaging"],
//!     "world": "greentic:component/node@1.0.0",
//!     "profiles": {"default": "fast", "supported": ["fast", "safe"]},
//!     "capabilities": {"wasi": {"clocks": true}, "host": {}}
//! }"#)?;
//! assert!(manifest.supports_kind(FlowKind::Messaging));
//! assert!(!manifest.supports_kind(FlowKind::Events));
//! assert_eq!(manifest.select_profile(None), Ok(Some("fast")));
//! assert_eq!(manifest.select_profile(Some("safe")), Ok(Some("safe")));
//! assert!(matches!(
//!     manifest.select_profile(Some("turbo")),
//!     Err(ComponentProfileError::UnsupportedProfile { .. })
//! ));
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! The wire follows 0.4.13 exactly, including its exceptions to the crate's
//! default rules: `ComponentProfiles.supported`, `FilesystemCapabilities.mounts`,
//! `EnvCapabilities.allow` and `SecretsCapabilities.required` are always
//! written (even empty); the capability booleans default to `false` when
//! absent; `IaCCapabilities.write_templates` and `ComponentCapabilities.{wasi,host}`
//! are required although the types have defaults.
//!
//! [`ComponentManifest::select_profile`] behaves as in 0.4.13: `None` returns
//! `profiles.default` as written, without checking it against
//! `profiles.supported`. Checking a flow's node profiles against their
//! components is done by [`Flow::validate_components_all`](crate::Flow::validate_components_all).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::{ComponentId, FlowId, FlowKind, greentic_model};

greentic_model! {
    /// A component's manifest: identity, supported flow kinds, profiles and capabilities.
    #[schema = "component-manifest"]
    #[derive(Eq)]
    pub struct ComponentManifest {
        /// Component identifier.
        pub id: ComponentId,
        /// SemVer version.
        pub version: semver::Version,
        /// Flow kinds the component can run in.
        #[serde(default)]
        pub supports: Vec<FlowKind>,
        /// The WIT world the component implements.
        pub world: String,
        /// Execution profiles.
        pub profiles: ComponentProfiles,
        /// Host and WASI capabilities.
        pub capabilities: ComponentCapabilities,
        /// Flows that configure the component.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub configurators: Option<ComponentConfigurators>,
    }

    /// The execution profiles a component offers.
    #[schema = "component-profiles"]
    #[derive(Eq, Default)]
    pub struct ComponentProfiles {
        /// Profile used when a node names none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub default: Option<String>,
        /// Every profile a node may name (always written).
        #[serde(default)]
        pub supported: Vec<String>,
    }

    /// Flows that configure a component.
    #[schema = "component-configurators"]
    #[derive(Eq)]
    pub struct ComponentConfigurators {
        /// The basic configuration flow.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub basic: Option<FlowId>,
        /// The full configuration flow.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub full: Option<FlowId>,
    }

    /// WASI and host capabilities a component needs.
    #[schema = "component-capabilities"]
    #[derive(Eq, Default)]
    pub struct ComponentCapabilities {
        /// WASI capabilities (required on the wire).
        pub wasi: WasiCapabilities,
        /// Host capabilities (required on the wire).
        pub host: HostCapabilities,
    }

    /// WASI capabilities: filesystem, environment, randomness, clocks.
    #[schema = "wasi-capabilities"]
    #[derive(Eq, Default)]
    pub struct WasiCapabilities {
        /// Filesystem access.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub filesystem: Option<FilesystemCapabilities>,
        /// Environment variables.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub env: Option<EnvCapabilities>,
        /// Random numbers (false when absent).
        #[serde(default)]
        pub random: bool,
        /// Clocks (false when absent).
        #[serde(default)]
        pub clocks: bool,
    }

    /// Filesystem access: a mode and the mounts.
    #[schema = "filesystem-capabilities"]
    #[derive(Eq, Default)]
    pub struct FilesystemCapabilities {
        /// Access mode.
        pub mode: FilesystemMode,
        /// Mounted host directories (always written).
        #[serde(default)]
        pub mounts: Vec<FilesystemMount>,
    }

    /// How a component may use the filesystem.
    #[schema = "filesystem-mode"]
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq, Hash, Default)]
    pub enum FilesystemMode {
        /// No access.
        #[default]
        None,
        /// Read-only access to the mounts.
        ReadOnly,
        /// Read-write access inside a sandbox.
        Sandbox,
    }

    /// A host directory class mounted into the guest.
    #[schema = "filesystem-mount"]
    #[derive(Eq, Hash)]
    pub struct FilesystemMount {
        /// Mount name.
        pub name: String,
        /// Class of host storage backing it.
        pub host_class: String,
        /// Path inside the guest.
        pub guest_path: String,
    }

    /// Environment variables a component may read.
    #[schema = "env-capabilities"]
    #[derive(Eq, Default)]
    pub struct EnvCapabilities {
        /// Variable names (always written).
        #[serde(default)]
        pub allow: Vec<String>,
    }

    /// Host services a component may call.
    #[schema = "host-capabilities"]
    #[derive(Eq, Default)]
    pub struct HostCapabilities {
        /// Secrets.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub secrets: Option<SecretsCapabilities>,
        /// Session and flow state.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub state: Option<StateCapabilities>,
        /// Messaging.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub messaging: Option<MessagingCapabilities>,
        /// Events.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub events: Option<EventsCapabilities>,
        /// HTTP.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub http: Option<HttpCapabilities>,
        /// Telemetry.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub telemetry: Option<TelemetryCapabilities>,
        /// Infrastructure as code.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub iac: Option<IaCCapabilities>,
    }

    /// Secrets a component needs.
    #[schema = "secrets-capabilities"]
    #[derive(Eq, Default)]
    pub struct SecretsCapabilities {
        /// Secret names (always written).
        #[serde(default)]
        pub required: Vec<String>,
    }

    /// State access.
    #[schema = "state-capabilities"]
    #[derive(Eq, Hash, Default)]
    pub struct StateCapabilities {
        /// Reading (false when absent).
        #[serde(default)]
        pub read: bool,
        /// Writing (false when absent).
        #[serde(default)]
        pub write: bool,
    }

    /// Messaging directions.
    #[schema = "messaging-capabilities"]
    #[derive(Eq, Hash, Default)]
    pub struct MessagingCapabilities {
        /// Receiving messages (false when absent).
        #[serde(default)]
        pub inbound: bool,
        /// Sending messages (false when absent).
        #[serde(default)]
        pub outbound: bool,
    }

    /// Event directions.
    #[schema = "events-capabilities"]
    #[derive(Eq, Hash, Default)]
    pub struct EventsCapabilities {
        /// Receiving events (false when absent).
        #[serde(default)]
        pub inbound: bool,
        /// Emitting events (false when absent).
        #[serde(default)]
        pub outbound: bool,
    }

    /// HTTP roles.
    #[schema = "http-capabilities"]
    #[derive(Eq, Hash, Default)]
    pub struct HttpCapabilities {
        /// Making requests (false when absent).
        #[serde(default)]
        pub client: bool,
        /// Serving requests (false when absent).
        #[serde(default)]
        pub server: bool,
    }

    /// Telemetry access.
    #[schema = "telemetry-capabilities"]
    #[derive(Eq, Hash)]
    pub struct TelemetryCapabilities {
        /// Scope of the spans and metrics the component may emit.
        pub scope: TelemetryScope,
    }

    /// The scope of a component's telemetry.
    #[schema = "telemetry-scope"]
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq, Hash)]
    pub enum TelemetryScope {
        /// The whole tenant.
        Tenant,
        /// The component's pack.
        Pack,
        /// The node being run.
        Node,
    }

    /// Infrastructure-as-code rights.
    #[schema = "iac-capabilities"]
    #[derive(Eq, Hash)]
    pub struct IaCCapabilities {
        /// Writing templates (required on the wire).
        pub write_templates: bool,
        /// Executing plans (false when absent).
        #[serde(default)]
        pub execute_plans: bool,
    }
}

/// A node asked for a profile its component does not offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComponentProfileError {
    /// `requested` is not one of `supported`.
    UnsupportedProfile {
        /// The profile asked for.
        requested: String,
        /// Every profile the component offers.
        supported: Vec<String>,
    },
}

impl fmt::Display for ComponentProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnsupportedProfile {
                requested,
                supported,
            } => {
                write!(f, "profile `{requested}` is not supported; supported: [")?;
                for (i, p) in supported.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{p}`")?;
                }
                f.write_str("]")
            }
        }
    }
}

impl core::error::Error for ComponentProfileError {}

impl ComponentManifest {
    /// Whether the component can run in flows of `kind`.
    pub fn supports_kind(&self, kind: FlowKind) -> bool {
        self.supports.contains(&kind)
    }

    /// The profile to run with: `Some(name)` must be one of `profiles.supported`
    /// (exact, case-sensitive; the stored entry is returned), `None` gives
    /// `profiles.default` as written (possibly `None`, not checked).
    pub fn select_profile<'a>(
        &'a self,
        requested: Option<&str>,
    ) -> Result<Option<&'a str>, ComponentProfileError> {
        match requested {
            None => Ok(self.profiles.default.as_deref()),
            Some(name) => self
                .profiles
                .supported
                .iter()
                .find(|p| p.as_str() == name)
                .map(|p| Some(p.as_str()))
                .ok_or_else(|| ComponentProfileError::UnsupportedProfile {
                    requested: name.into(),
                    supported: self.profiles.supported.clone(),
                }),
        }
    }

    /// The basic configuration flow, if any.
    pub fn basic_configurator(&self) -> Option<&FlowId> {
        self.configurators.as_ref().and_then(|c| c.basic.as_ref())
    }

    /// The full configuration flow, if any.
    pub fn full_configurator(&self) -> Option<&FlowId> {
        self.configurators.as_ref().and_then(|c| c.full.as_ref())
    }
}
