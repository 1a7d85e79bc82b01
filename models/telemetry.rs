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

    /// Every key, in declaration order.
    pub const ALL: [&'static str; 14] = [
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
    ];
}
