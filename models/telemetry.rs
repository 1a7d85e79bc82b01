//! Telemetry vocabulary: the OpenTelemetry attribute names Greentic spans carry.
//!
//! ```
//! # #[cfg(feature = "otel-keys")] {
//! use greentic_types::telemetry::OtlpKeys;
//!
//! assert_eq!(OtlpKeys::TENANT_ID, "greentic.tenant.id");
//! assert_eq!(OtlpKeys::SERVICE_NAME, "service.name");
//! # }
//! ```

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
    __run_main, DEFAULT_ENDPOINT, DEFAULT_EXPORT_TIMEOUT, MainOutput, OtlpConfig, OtlpProtocol,
    SHUTDOWN_TIMEOUT, TelemetryError, TelemetryGuard, TenantAttributes, clear_current_tenant_ctx,
    in_tenant_ctx, install_telemetry, install_with, set_current_tenant_ctx, with_tenant_ctx,
};

/// Turns an `async fn main()` into a program with telemetry installed (see the
/// crate's telemetry section): `#[greentic_types::telemetry::main(service_name = "runner")]`.
#[cfg(feature = "telemetry-autoinit")]
pub use greentic_types_macros::telemetry_main as main;
