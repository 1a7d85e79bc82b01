//! Telemetry vocabulary: span contexts, and the OpenTelemetry attribute names
//! Greentic spans carry.
//!
//! ```
//! use greentic_types::{SpanContext, TenantId, Timestamp};
//!
//! let span = SpanContext::new(TenantId::new("acme")?, "checkout", "webhook")
//!     .with_node("charge")
//!     .started(Timestamp::parse_rfc3339("2024-05-01T10:00:00Z")?);
//! assert_eq!(span.start.map(|t| t.to_string()).as_deref(), Some("2024-05-01T10:00:00Z"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ```
//! # #[cfg(feature = "otel-keys")] {
//! use greentic_types::telemetry::OtlpKeys;
//!
//! assert_eq!(OtlpKeys::TENANT_ID, "greentic.tenant.id");
//! assert_eq!(OtlpKeys::SERVICE_NAME, "service.name");
//! # }
//! ```

use alloc::string::String;

use crate::{SessionKey, TenantId, Timestamp, greentic_model};

greentic_model! {
    /// Where a span of work happens: tenant, session, flow, node, provider,
    /// and when it started and finished.
    #[schema = "span-context"]
    #[derive(Eq, Hash)]
    pub struct SpanContext {
        /// Tenant the work runs for.
        pub tenant: TenantId,
        /// Session, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub session_id: Option<SessionKey>,
        /// Flow being executed.
        pub flow_id: String,
        /// Node being executed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub node_id: Option<String>,
        /// Provider (channel, connector) the work came through.
        pub provider: String,
        /// When it started.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub start: Option<Timestamp>,
        /// When it finished.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub end: Option<Timestamp>,
    }
}

impl SpanContext {
    /// A span of `flow_id` for `tenant`, through `provider`.
    pub fn new(tenant: TenantId, flow_id: impl Into<String>, provider: impl Into<String>) -> Self {
        Self {
            tenant,
            session_id: None,
            flow_id: flow_id.into(),
            node_id: None,
            provider: provider.into(),
            start: None,
            end: None,
        }
    }

    /// Sets the session.
    pub fn with_session(mut self, session: SessionKey) -> Self {
        self.session_id = Some(session);
        self
    }

    /// Sets the node.
    pub fn with_node(mut self, node: impl Into<String>) -> Self {
        self.node_id = Some(node.into());
        self
    }

    /// Sets the start.
    pub fn started(mut self, at: impl Into<Timestamp>) -> Self {
        self.start = Some(at.into());
        self
    }

    /// Sets the end.
    pub fn finished(mut self, at: impl Into<Timestamp>) -> Self {
        self.end = Some(at.into());
        self
    }
}

#[cfg(feature = "otel-keys")]
crate::greentic_model! {
    /// The OpenTelemetry attribute names used on Greentic spans (associated
    /// constants; the value itself carries nothing and is `null` on the wire).
    #[schema = "otlp-keys"]
    pub struct OtlpKeys;
}

#[cfg(feature = "otel-keys")]
impl OtlpKeys {
    /// `service.name`, the OpenTelemetry resource attribute.
    pub const SERVICE_NAME: &'static str = "service.name";
    /// Pack identifier.
    pub const PACK_ID: &'static str = "greentic.pack.id";
    /// Pack version.
    pub const PACK_VERSION: &'static str = "greentic.pack.version";
    /// Flow identifier.
    pub const FLOW_ID: &'static str = "greentic.flow.id";
    /// Node identifier.
    pub const NODE_ID: &'static str = "greentic.node.id";
    /// Component name.
    pub const COMPONENT_NAME: &'static str = "greentic.component.name";
    /// Component version.
    pub const COMPONENT_VERSION: &'static str = "greentic.component.version";
    /// Tenant identifier.
    pub const TENANT_ID: &'static str = "greentic.tenant.id";
    /// Team identifier.
    pub const TEAM_ID: &'static str = "greentic.team.id";
    /// User identifier.
    pub const USER_ID: &'static str = "greentic.user.id";
    /// Session identifier.
    pub const SESSION_ID: &'static str = "greentic.session.id";
    /// Run status.
    pub const RUN_STATUS: &'static str = "greentic.run.status";
    /// Capability in use.
    pub const CAPABILITY: &'static str = "greentic.capability";
    /// Directory of run artifacts.
    pub const ARTIFACTS_DIR: &'static str = "greentic.artifacts.dir";
    /// Deployment environment.
    pub const ENV_ID: &'static str = "greentic.env.id";
    /// Provider (channel, connector) an invocation came through.
    pub const PROVIDER_ID: &'static str = "greentic.provider.id";
    /// Trace id carried by the tenant context (distinct from OpenTelemetry's own).
    pub const TRACE_ID: &'static str = "greentic.trace.id";
    /// Correlation id across retries and services.
    pub const CORRELATION_ID: &'static str = "greentic.correlation.id";

    /// Every key, in declaration order.
    pub const ALL: [&'static str; 18] = [
        Self::SERVICE_NAME,
        Self::PACK_ID,
        Self::PACK_VERSION,
        Self::FLOW_ID,
        Self::NODE_ID,
        Self::COMPONENT_NAME,
        Self::COMPONENT_VERSION,
        Self::TENANT_ID,
        Self::TEAM_ID,
        Self::USER_ID,
        Self::SESSION_ID,
        Self::RUN_STATUS,
        Self::CAPABILITY,
        Self::ARTIFACTS_DIR,
        Self::ENV_ID,
        Self::PROVIDER_ID,
        Self::TRACE_ID,
        Self::CORRELATION_ID,
    ];
}

#[cfg(feature = "telemetry-autoinit")]
pub use crate::otel::{
    __run_main, DEFAULT_BATCH_DELAY, DEFAULT_ENDPOINT, DEFAULT_EXPORT_TIMEOUT, DEFAULT_FILTER,
    DEFAULT_HTTP_ENDPOINT, OtlpConfig, OtlpProtocol, Propagator, SHUTDOWN_MARGIN,
    TASK_TENANT_CAPACITY, TelemetryError, TelemetryGuard, TenantAttributes, TracesExporter,
    TracesSampler, WithTenant, clear_current_tenant_ctx, extract_context, filter, flush,
    in_tenant_ctx, inject_context, install, install_pipeline, install_telemetry, install_with,
    layer, set_current_tenant_ctx, set_remote_parent, shutdown, tenant_scope, with_tenant_ctx,
};

/// The carrier traits of [`inject_context`] and [`extract_context`]
/// (`HashMap<String, String>` implements both).
#[cfg(feature = "telemetry-autoinit")]
pub use opentelemetry::propagation::{Extractor, Injector};

/// Turns an `async fn main()` into a program with telemetry installed:
/// `#[greentic_types::telemetry::main(service_name = "runner")]`. Telemetry
/// problems are reported on stderr and `main` runs regardless; every finished
/// span is exported before the program ends.
#[cfg(feature = "telemetry-autoinit")]
pub use greentic_types_macros::telemetry_main as main;
