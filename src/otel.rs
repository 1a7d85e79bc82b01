//! The telemetry runtime: OTLP trace export bridged to `tracing`, with the
//! current tenant context stamped on every span.
//!
//! ```no_run
//! use greentic_types::telemetry::{install_telemetry, set_current_tenant_ctx};
//! use greentic_types::{EnvId, TenantCtx, TenantId};
//!
//! let _guard = install_telemetry("checkout-runner")?;
//! let ctx = TenantCtx::new(EnvId::new("prod")?, TenantId::new("acme")?).with_flow("checkout");
//! set_current_tenant_ctx(&ctx);
//! tracing::info_span!("charge").in_scope(|| {
//!     // exported with greentic.tenant.id = "acme", greentic.flow.id = "checkout"
//! });
//! // Dropping the guard flushes every span still buffered.
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The standard environment is honoured: `OTEL_SDK_DISABLED`,
//! `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`,
//! `OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT`, `OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL`
//! (`grpc` or `http/protobuf`) and `OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT`.

use std::borrow::ToOwned;
use std::cell::RefCell;
use std::mem::ManuallyDrop;
use std::string::{String, ToString};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use std::vec::Vec;
use std::{eprintln, format, thread_local, vec};

use opentelemetry::context::{Context, ContextGuard, FutureExt as _};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry::{KeyValue, global};
use opentelemetry_otlp::{Protocol, WithExportConfig as _};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::{SdkTracerProvider, Span, SpanProcessor};
use tracing_subscriber::layer::SubscriberExt as _;

use crate::TenantCtx;
use crate::telemetry::OtlpKeys;

/// The endpoint used when the environment names none.
pub const DEFAULT_ENDPOINT: &str = "http://localhost:4317";
/// How long one export may take unless `OTEL_EXPORTER_OTLP_TIMEOUT` says otherwise.
pub const DEFAULT_EXPORT_TIMEOUT: Duration = Duration::from_secs(3);
/// The most a [`TelemetryGuard`] waits on drop for buffered spans to be exported.
pub const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(5);

static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Why telemetry could not be installed.
#[derive(Debug, thiserror::Error)]
pub enum TelemetryError {
    /// The endpoint is not an `http://` or `https://` URL with a host.
    #[error("OTLP endpoint {0:?} must be an http:// or https:// URL with a host")]
    InvalidEndpoint(String),
    /// The protocol variable names a protocol this build does not speak.
    #[error("OTLP protocol {0:?} is not supported; use \"grpc\" or \"http/protobuf\"")]
    UnsupportedProtocol(String),
    /// The timeout variable is not a whole number of milliseconds.
    #[error("OTEL_EXPORTER_OTLP_TIMEOUT {0:?} must be a whole number of milliseconds")]
    InvalidTimeout(String),
    /// The exporter or its runtime could not be built.
    #[error("cannot build the OTLP exporter: {0}")]
    Exporter(String),
    /// Another `tracing` subscriber is already the global default.
    #[error("a global tracing subscriber is already installed: {0}")]
    SubscriberAlreadySet(String),
}

/// The wire protocol of the exporter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtlpProtocol {
    /// OTLP over gRPC (default).
    Grpc,
    /// OTLP over HTTP with protobuf bodies.
    HttpProtobuf,
}

/// The settings `install_telemetry` derives from its argument and the environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtlpConfig {
    /// `service.name` of every span.
    pub service_name: String,
    /// Collector endpoint (for HTTP, `/v1/traces` is appended unless present).
    pub endpoint: String,
    /// Wire protocol.
    pub protocol: OtlpProtocol,
    /// Per-export timeout.
    pub timeout: Duration,
}

impl OtlpConfig {
    /// The configuration for `service_name` under the process environment, or
    /// `Ok(None)` when `OTEL_SDK_DISABLED=true`.
    pub fn from_env(service_name: &str) -> Result<Option<Self>, TelemetryError> {
        Self::from_lookup(service_name, |name| std::env::var(name).ok())
    }

    /// Like [`OtlpConfig::from_env`], reading variables through `lookup`.
    pub fn from_lookup(
        service_name: &str,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Self>, TelemetryError> {
        let env = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        if env("OTEL_SDK_DISABLED").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
            return Ok(None);
        }
        let service_name = env("OTEL_SERVICE_NAME").unwrap_or_else(|| service_name.to_owned());
        let protocol = match env("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
            .or_else(|| env("OTEL_EXPORTER_OTLP_PROTOCOL"))
            .as_deref()
            .map(str::trim)
        {
            None | Some("grpc") => OtlpProtocol::Grpc,
            Some("http/protobuf") => OtlpProtocol::HttpProtobuf,
            Some(other) => return Err(TelemetryError::UnsupportedProtocol(other.to_owned())),
        };
        let endpoint = match env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") {
            Some(signal) => signal,
            None => {
                let base =
                    env("OTEL_EXPORTER_OTLP_ENDPOINT").unwrap_or_else(|| DEFAULT_ENDPOINT.into());
                match protocol {
                    OtlpProtocol::Grpc => base,
                    OtlpProtocol::HttpProtobuf => {
                        format!("{}/v1/traces", base.trim_end_matches('/'))
                    }
                }
            }
        };
        let endpoint = endpoint.trim().to_owned();
        let host = endpoint
            .strip_prefix("http://")
            .or_else(|| endpoint.strip_prefix("https://"))
            .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
        if host
            .is_none_or(|h| h.is_empty() || h.starts_with(':') || h.contains(char::is_whitespace))
        {
            return Err(TelemetryError::InvalidEndpoint(endpoint));
        }
        let timeout = match env("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT")
            .or_else(|| env("OTEL_EXPORTER_OTLP_TIMEOUT"))
        {
            None => DEFAULT_EXPORT_TIMEOUT,
            Some(ms) => ms
                .trim()
                .parse::<u64>()
                .map(Duration::from_millis)
                .map_err(|_| TelemetryError::InvalidTimeout(ms))?,
        };
        Ok(Some(Self {
            service_name,
            endpoint,
            protocol,
            timeout,
        }))
    }
}

/// Keeps the pipeline alive; dropping it exports every span still buffered
/// (waiting at most [`SHUTDOWN_TIMEOUT`]) and stops the exporter.
#[must_use = "dropping the guard shuts telemetry down"]
pub struct TelemetryGuard {
    provider: Option<SdkTracerProvider>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl std::fmt::Debug for TelemetryGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TelemetryGuard")
            .field("active", &self.is_active())
            .finish()
    }
}

impl TelemetryGuard {
    fn inactive() -> Self {
        Self {
            provider: None,
            runtime: None,
        }
    }

    /// Whether this guard owns a pipeline (false when telemetry is disabled,
    /// or when this was not the first installation).
    pub fn is_active(&self) -> bool {
        self.provider.is_some()
    }

    /// Exports every buffered span now.
    pub fn flush(&self) {
        if let Some(provider) = &self.provider
            && let Err(e) = provider.force_flush()
        {
            report(&format!("flush failed: {e}"));
        }
    }
}

impl Drop for TelemetryGuard {
    fn drop(&mut self) {
        if let Some(provider) = self.provider.take()
            && let Err(e) = provider.shutdown_with_timeout(SHUTDOWN_TIMEOUT)
        {
            report(&format!("shutdown failed: {e}"));
        }
        if let Some(runtime) = self.runtime.take() {
            // Never blocks, and is allowed inside an async context.
            runtime.shutdown_background();
        }
    }
}

fn report(message: &str) {
    eprintln!("greentic-types telemetry: {message}");
}

/// Installs OTLP trace export for `service_name` and bridges `tracing` to it.
///
/// Idempotent: only the first call installs a pipeline; later calls return an
/// inactive guard. With `OTEL_SDK_DISABLED=true` nothing is installed and an
/// inactive guard is returned. An unreachable collector is not an error here:
/// exports then fail after the export timeout and are reported on stderr.
pub fn install_telemetry(service_name: &str) -> Result<TelemetryGuard, TelemetryError> {
    let Some(config) = OtlpConfig::from_env(service_name)? else {
        return Ok(TelemetryGuard::inactive());
    };
    install_with(config)
}

/// Installs telemetry with an explicit configuration (see [`install_telemetry`]).
pub fn install_with(config: OtlpConfig) -> Result<TelemetryGuard, TelemetryError> {
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return Ok(TelemetryGuard::inactive());
    }
    let result = build_pipeline(&config);
    if result.is_err() {
        INSTALLED.store(false, Ordering::SeqCst);
    }
    result
}

fn build_pipeline(config: &OtlpConfig) -> Result<TelemetryGuard, TelemetryError> {
    // gRPC needs a Tokio runtime for its connection; keep a small one of our
    // own so callers need none and the exporter outlives theirs.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("greentic-otlp")
        .enable_all()
        .build()
        .map_err(|e| TelemetryError::Exporter(e.to_string()))?;
    let exporter = {
        let _entered = runtime.enter();
        let built = match config.protocol {
            OtlpProtocol::Grpc => opentelemetry_otlp::SpanExporter::builder()
                .with_tonic()
                .with_endpoint(config.endpoint.clone())
                .with_timeout(config.timeout)
                .build(),
            OtlpProtocol::HttpProtobuf => opentelemetry_otlp::SpanExporter::builder()
                .with_http()
                .with_protocol(Protocol::HttpBinary)
                .with_endpoint(config.endpoint.clone())
                .with_timeout(config.timeout)
                .build(),
        };
        built.map_err(|e| TelemetryError::Exporter(e.to_string()))?
    };
    let exporter = ReportingExporter {
        inner: exporter,
        endpoint: config.endpoint.clone(),
    };
    let resource = Resource::builder()
        .with_service_name(config.service_name.clone())
        .build();
    let provider = SdkTracerProvider::builder()
        .with_resource(resource)
        .with_span_processor(TenantAttributesProcessor)
        .with_batch_exporter(exporter)
        .build();
    let tracer = provider.tracer("greentic-types");
    let subscriber =
        tracing_subscriber::registry().with(tracing_opentelemetry::layer().with_tracer(tracer));
    if let Err(e) = tracing::subscriber::set_global_default(subscriber) {
        let _ = provider.shutdown_with_timeout(Duration::from_millis(100));
        runtime.shutdown_background();
        return Err(TelemetryError::SubscriberAlreadySet(e.to_string()));
    }
    global::set_tracer_provider(provider.clone());
    Ok(TelemetryGuard {
        provider: Some(provider),
        runtime: Some(runtime),
    })
}

/// Delegates to the OTLP exporter and reports every failed export on stderr,
/// so an unreachable collector is visible rather than silent.
#[derive(Debug)]
struct ReportingExporter<E> {
    inner: E,
    endpoint: String,
}

impl<E: opentelemetry_sdk::trace::SpanExporter> opentelemetry_sdk::trace::SpanExporter
    for ReportingExporter<E>
{
    async fn export(
        &self,
        batch: Vec<opentelemetry_sdk::trace::SpanData>,
    ) -> opentelemetry_sdk::error::OTelSdkResult {
        let spans = batch.len();
        let result = self.inner.export(batch).await;
        if let Err(e) = &result {
            report(&format!(
                "exporting {spans} spans to {} failed: {e}",
                self.endpoint
            ));
        }
        result
    }

    fn shutdown_with_timeout(&self, timeout: Duration) -> opentelemetry_sdk::error::OTelSdkResult {
        self.inner.shutdown_with_timeout(timeout)
    }

    fn force_flush(&self) -> opentelemetry_sdk::error::OTelSdkResult {
        self.inner.force_flush()
    }

    fn set_resource(&mut self, resource: &Resource) {
        self.inner.set_resource(resource);
    }
}

/// The span attributes of one tenant context, as stored in the OpenTelemetry context.
#[derive(Clone, Debug, PartialEq)]
pub struct TenantAttributes(Vec<KeyValue>);

impl TenantAttributes {
    /// Every id present in `ctx`, under its [`OtlpKeys`] name.
    pub fn of(ctx: &TenantCtx) -> Self {
        let mut kv = vec![
            KeyValue::new(OtlpKeys::ENV_ID, ctx.env.to_string()),
            KeyValue::new(OtlpKeys::TENANT_ID, ctx.tenant_id.to_string()),
        ];
        let optional = [
            (OtlpKeys::TEAM_ID, ctx.team().map(|t| t.to_string())),
            (OtlpKeys::USER_ID, ctx.user().map(|u| u.to_string())),
            (OtlpKeys::SESSION_ID, ctx.session_id.clone()),
            (OtlpKeys::FLOW_ID, ctx.flow_id.clone()),
            (OtlpKeys::NODE_ID, ctx.node_id.clone()),
            (OtlpKeys::PROVIDER_ID, ctx.provider_id.clone()),
            (OtlpKeys::TRACE_ID, ctx.trace_id.clone()),
            (OtlpKeys::CORRELATION_ID, ctx.correlation_id.clone()),
        ];
        kv.extend(
            optional
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| KeyValue::new(k, v))),
        );
        Self(kv)
    }

    /// The attributes.
    pub fn as_slice(&self) -> &[KeyValue] {
        &self.0
    }
}

/// Stamps the tenant attributes of a span's context onto it when it starts.
#[derive(Debug)]
struct TenantAttributesProcessor;

impl SpanProcessor for TenantAttributesProcessor {
    fn on_start(&self, span: &mut Span, cx: &Context) {
        use opentelemetry::trace::Span as _;
        if let Some(attrs) = cx.get::<TenantAttributes>() {
            span.set_attributes(attrs.0.iter().cloned());
        }
    }

    fn on_end(&self, _: opentelemetry_sdk::trace::SpanData) {}

    fn force_flush(&self) -> opentelemetry_sdk::error::OTelSdkResult {
        Ok(())
    }

    fn shutdown_with_timeout(&self, _: Duration) -> opentelemetry_sdk::error::OTelSdkResult {
        Ok(())
    }
}

thread_local! {
    // `ManuallyDrop`: at thread exit OpenTelemetry's own thread-local context
    // may already be gone, and dropping a guard then would abort the process.
    // Guards are dropped explicitly when replaced or cleared.
    static CURRENT: RefCell<Option<ManuallyDrop<ContextGuard>>> = const { RefCell::new(None) };
}

fn release_current() {
    let previous = CURRENT.with(|current| current.borrow_mut().take());
    if let Some(guard) = previous {
        drop(ManuallyDrop::into_inner(guard));
    }
}

/// Makes `ctx` the tenant context of spans this thread creates from now on
/// (until the next call or [`clear_current_tenant_ctx`]). For a task that may
/// move between threads use [`with_tenant_ctx`] / [`in_tenant_ctx`] instead.
pub fn set_current_tenant_ctx(ctx: &TenantCtx) {
    // Restore the previous context before attaching the new one, so guards
    // are always dropped in stack order.
    release_current();
    let guard = Context::current_with_value(TenantAttributes::of(ctx)).attach();
    CURRENT.with(|current| *current.borrow_mut() = Some(ManuallyDrop::new(guard)));
}

/// Forgets the tenant context set by [`set_current_tenant_ctx`] on this thread.
pub fn clear_current_tenant_ctx() {
    release_current();
}

/// Runs `f` with `ctx` as the tenant context of the spans it creates.
pub fn in_tenant_ctx<R>(ctx: &TenantCtx, f: impl FnOnce() -> R) -> R {
    let _guard = Context::current_with_value(TenantAttributes::of(ctx)).attach();
    f()
}

/// Wraps `future` so every poll runs with `ctx` as its tenant context,
/// whichever thread polls it.
pub fn with_tenant_ctx<F: std::future::Future>(
    ctx: &TenantCtx,
    future: F,
) -> impl std::future::Future<Output = F::Output> {
    future.with_context(Context::current_with_value(TenantAttributes::of(ctx)))
}

/// What an `async fn main` under `#[telemetry::main]` may return, and what
/// it does when telemetry cannot be installed. Chosen by the return *type*:
/// a `Result` whose error converts from [`TelemetryError`] returns that error
/// from `main`; `()` and `ExitCode` report it on stderr and run without telemetry.
pub trait MainOutput: Sized {
    /// `Some(value)` to return from `main` at once, `None` to run it anyway.
    fn on_install_error(error: TelemetryError) -> Option<Self>;
}

impl MainOutput for () {
    fn on_install_error(error: TelemetryError) -> Option<Self> {
        report(&format!("{error}; running without telemetry"));
        None
    }
}

impl MainOutput for std::process::ExitCode {
    fn on_install_error(error: TelemetryError) -> Option<Self> {
        report(&format!("{error}; running without telemetry"));
        None
    }
}

impl<T, E: From<TelemetryError>> MainOutput for Result<T, E> {
    fn on_install_error(error: TelemetryError) -> Option<Self> {
        Some(Err(E::from(error)))
    }
}

/// Runs `main` on a multi-thread Tokio runtime with telemetry installed, then
/// flushes before returning. What `#[telemetry::main]` expands to.
#[doc(hidden)]
pub fn __run_main<O: MainOutput>(
    service_name: &str,
    main: impl std::future::Future<Output = O>,
) -> O {
    let guard = match install_telemetry(service_name) {
        Ok(guard) => Some(guard),
        Err(e) => match O::on_install_error(e) {
            Some(out) => return out,
            None => None,
        },
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            let error = TelemetryError::Exporter(format!("cannot start the Tokio runtime: {e}"));
            match O::on_install_error(error) {
                Some(out) => return out,
                None => std::process::exit(1),
            }
        }
    };
    let out = runtime.block_on(main);
    // Tasks still running are dropped first, then every span they ended is exported.
    drop(runtime);
    drop(guard);
    out
}
