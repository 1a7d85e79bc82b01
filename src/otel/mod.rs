//! The telemetry runtime: OTLP trace export bridged to `tracing`, with each
//! span stamped with its tenant.
//!
//! ```no_run
//! use greentic_types::telemetry::{self, set_current_tenant_ctx};
//! use greentic_types::{EnvId, TenantCtx, TenantId};
//!
//! let _guard = telemetry::install("checkout-runner")?;
//! let ctx = TenantCtx::new(EnvId::new("prod")?, TenantId::new("acme")?).with_flow("checkout");
//! set_current_tenant_ctx(&ctx);
//! tracing::info_span!("charge").in_scope(|| {
//!     // exported with greentic.tenant.id = "acme", greentic.flow.id = "checkout"
//! });
//! // Dropping the guard exports every span still buffered.
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! `install_telemetry("name")?` (0.4.13's form) installs without a guard: the
//! pipeline runs until `telemetry::shutdown()`, which the program calls
//! before it exits.
//!
//! - `config`: the environment, defaults and precedence;
//! - `pipeline`: exporter, batching, install / flush / shutdown;
//! - `tls`: trusted roots;
//! - `layer`: the `tracing` layer and the filter that keeps the exporter's own
//!   work out of the export;
//! - `tenant`: tenant scopes (task-safe);
//! - `propagation`: inject / extract;
//! - `main`: what `#[telemetry::main]` runs.

mod config;
mod layer;
mod main;
mod pipeline;
mod propagation;
mod tenant;
mod tls;

pub use config::{
    DEFAULT_BATCH_DELAY, DEFAULT_ENDPOINT, DEFAULT_EXPORT_TIMEOUT, DEFAULT_FILTER,
    DEFAULT_HTTP_ENDPOINT, OtlpConfig, OtlpProtocol, Propagator, SHUTDOWN_MARGIN, TracesExporter,
    TracesSampler,
};
pub use layer::{filter, layer};
pub use main::__run_main;
pub use pipeline::{
    TelemetryError, TelemetryGuard, flush, install, install_pipeline, install_telemetry,
    install_with, shutdown,
};
pub use propagation::{extract_context, inject_context, set_remote_parent};
pub use tenant::{
    TASK_TENANT_CAPACITY, TenantAttributes, WithTenant, clear_current_tenant_ctx, in_tenant_ctx,
    set_current_tenant_ctx, tenant_scope, with_tenant_ctx,
};

/// Reports a telemetry problem on stderr (never fails, never panics).
pub(crate) fn report(message: &str) {
    use std::io::Write as _;
    let _ = std::writeln!(std::io::stderr(), "greentic-types telemetry: {message}");
}
