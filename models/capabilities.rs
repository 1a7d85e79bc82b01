//! What a component or pack may touch: HTTP, secrets, key-value stores, files,
//! the network and tools, plus resource limits and the telemetry spec.
//!
//! ```
//! use greentic_types::{AllowList, Capabilities, HttpCaps, Limits, NetworkPolicy, Protocol};
//!
//! let mut egress = AllowList::empty();
//! egress.domains.push("api.example.com".into());
//! egress.ports.push(443);
//! egress.protocols.push(Protocol::Https);
//! let policy = NetworkPolicy::strict(egress);
//! assert!(policy.deny_on_miss);
//!
//! let mut caps = Capabilities::new();
//! assert!(caps.is_empty());
//! let mut http = HttpCaps::new();
//! http.max_body_bytes = Some(1 << 20);
//! caps.http = Some(http);
//! assert!(!caps.is_empty());
//!
//! // Unset options are left out; `read_only` defaults to true when absent.
//! assert_eq!(serde_json::to_value(&caps)?, serde_json::json!({"http": {"max_body_bytes": 1048576}}));
//! let fs: greentic_types::FsCaps = serde_json::from_str(r#"{"paths": ["/data"]}"#)?;
//! assert!(fs.read_only);
//!
//! // Limits are unsigned: a negative memory size is an error, not a wrap-around.
//! assert!(serde_json::from_str::<Limits>(r#"{"memory_mb": -1, "wall_time_ms": 10}"#).is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! The nine capability structs are `#[non_exhaustive]`, as in 0.4.13: build them
//! with `new()` / `Default` and assign fields. [`NetworkPolicy::default`] is
//! permissive (`deny_on_miss: false`) as in 0.4.13; [`NetworkPolicy::strict`]
//! is the fail-closed form.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::greentic_model;

greentic_model! {
    /// Host capabilities a pack or component asks for; each unset one is denied.
    #[schema = "capabilities"]
    #[non_exhaustive]
    #[derive(Eq, Default)]
    pub struct Capabilities {
        /// Outbound HTTP.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub http: Option<HttpCaps>,
        /// Secrets.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub secrets: Option<SecretsCaps>,
        /// Key-value stores.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub kv: Option<KvCaps>,
        /// Filesystem.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub fs: Option<FsCaps>,
        /// Raw network access.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub net: Option<NetCaps>,
        /// Tools.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub tools: Option<ToolsCaps>,
    }

    /// Outbound HTTP: where requests may go and how large bodies may be.
    #[schema = "http-caps"]
    #[non_exhaustive]
    #[derive(Eq, Default)]
    pub struct HttpCaps {
        /// Destinations requests may go to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub allow_list: Option<AllowList>,
        /// Largest request or response body, in bytes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub max_body_bytes: Option<u64>,
    }

    /// Secrets a component needs, by name.
    #[schema = "secrets-caps"]
    #[non_exhaustive]
    #[derive(Eq, Default)]
    pub struct SecretsCaps {
        /// Names of the required secrets.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub required: Vec<String>,
    }

    /// Key-value namespaces a component may use.
    #[schema = "kv-caps"]
    #[non_exhaustive]
    #[derive(Eq, Default)]
    pub struct KvCaps {
        /// Namespace names.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub namespaces: Vec<String>,
    }

    /// Filesystem paths a component may use.
    #[schema = "fs-caps"]
    #[non_exhaustive]
    #[derive(Eq)]
    pub struct FsCaps {
        /// Paths allowed.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub paths: Vec<String>,
        /// Whether the paths are read-only (true when absent).
        #[serde(default = "default_true")]
        pub read_only: bool,
    }

    /// Raw network access, governed by a policy.
    #[schema = "net-caps"]
    #[non_exhaustive]
    #[derive(Eq, Default)]
    pub struct NetCaps {
        /// The egress policy.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub policy: Option<NetworkPolicy>,
    }

    /// Tools a component may call, by name.
    #[schema = "tools-caps"]
    #[non_exhaustive]
    #[derive(Eq, Default)]
    pub struct ToolsCaps {
        /// Tool names.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub allowed: Vec<String>,
    }

    /// Resource limits of one invocation.
    #[schema = "limits"]
    #[non_exhaustive]
    #[derive(Eq, Hash)]
    pub struct Limits {
        /// Memory ceiling, in MiB.
        pub memory_mb: u32,
        /// Wall-clock ceiling, in milliseconds.
        pub wall_time_ms: u64,
        /// WebAssembly fuel ceiling.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub fuel: Option<u64>,
        /// Open-file ceiling.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub files: Option<u32>,
    }

    /// How a pack's spans are named and decorated.
    #[schema = "telemetry-spec"]
    #[non_exhaustive]
    #[derive(Eq)]
    pub struct TelemetrySpec {
        /// Prefix of every span name.
        pub span_prefix: String,
        /// Attributes added to every span.
        #[serde(default)]
        pub attributes: BTreeMap<String, String>,
        /// Whether each flow node gets its own span.
        pub emit_node_spans: bool,
    }

    /// A network protocol (snake_case name, or `{"custom": name}`).
    #[schema = "protocol"]
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum Protocol {
        /// HTTP.
        Http,
        /// HTTPS.
        Https,
        /// Raw TCP.
        Tcp,
        /// Raw UDP.
        Udp,
        /// gRPC.
        Grpc,
        /// Any other protocol, by name.
        Custom(String),
    }

    /// Destinations, as domains, ports and protocols.
    #[schema = "allow-list"]
    #[derive(Eq, Default)]
    pub struct AllowList {
        /// Domain names.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub domains: Vec<String>,
        /// TCP/UDP ports (0-65535).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub ports: Vec<u16>,
        /// Protocols.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub protocols: Vec<Protocol>,
    }

    /// An egress policy: what is allowed, and whether everything else is denied.
    #[schema = "network-policy"]
    #[derive(Eq, Default)]
    pub struct NetworkPolicy {
        /// Allowed destinations.
        pub egress: AllowList,
        /// Whether a destination outside `egress` is denied.
        pub deny_on_miss: bool,
    }
}

crate::if_serde! {
    /// `FsCaps.read_only` when absent.
    const fn default_true() -> bool {
        true
    }
}

impl Capabilities {
    /// No capability at all (same as `Default`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether no capability is set.
    pub fn is_empty(&self) -> bool {
        self.http.is_none()
            && self.secrets.is_none()
            && self.kv.is_none()
            && self.fs.is_none()
            && self.net.is_none()
            && self.tools.is_none()
    }
}

impl HttpCaps {
    /// No allow list, no body limit (same as `Default`).
    pub fn new() -> Self {
        Self::default()
    }
}

impl SecretsCaps {
    /// No secret required (same as `Default`).
    pub fn new() -> Self {
        Self::default()
    }
}

impl KvCaps {
    /// No namespace (same as `Default`).
    pub fn new() -> Self {
        Self::default()
    }
}

impl NetCaps {
    /// No policy (same as `Default`).
    pub fn new() -> Self {
        Self::default()
    }
}

impl ToolsCaps {
    /// No tool (same as `Default`).
    pub fn new() -> Self {
        Self::default()
    }
}

impl FsCaps {
    /// No path, read-only (same as `Default`).
    pub fn new() -> Self {
        Self::default()
    }
}

impl Default for FsCaps {
    /// No path, read-only.
    fn default() -> Self {
        Self {
            paths: Vec::new(),
            read_only: true,
        }
    }
}

impl Limits {
    /// Limits of `memory_mb` MiB and `wall_time_ms` milliseconds, no fuel or file limit.
    pub fn new(memory_mb: u32, wall_time_ms: u64) -> Self {
        Self {
            memory_mb,
            wall_time_ms,
            fuel: None,
            files: None,
        }
    }
}

impl Default for Limits {
    /// `Limits::new(0, 0)`.
    fn default() -> Self {
        Self::new(0, 0)
    }
}

impl TelemetrySpec {
    /// A spec naming spans `span_prefix...`, with no extra attributes and no per-node spans.
    pub fn new(span_prefix: impl Into<String>) -> Self {
        Self {
            span_prefix: span_prefix.into(),
            attributes: BTreeMap::new(),
            emit_node_spans: false,
        }
    }
}

impl Default for TelemetrySpec {
    /// `TelemetrySpec::new("greentic")`.
    fn default() -> Self {
        Self::new("greentic")
    }
}

impl AllowList {
    /// Nothing allowed (same as `Default`).
    pub fn empty() -> Self {
        Self::default()
    }

    /// Whether the domains, ports and protocols are all empty.
    pub fn is_empty(&self) -> bool {
        self.domains.is_empty() && self.ports.is_empty() && self.protocols.is_empty()
    }
}

impl NetworkPolicy {
    /// A policy allowing `egress` and denying everything else.
    pub fn strict(egress: AllowList) -> Self {
        Self {
            egress,
            deny_on_miss: true,
        }
    }
}
