//! The export pipeline: exporter (gRPC or HTTP/protobuf, TLS), batch
//! processor, its lifecycle (install, flush, shutdown, install again).

use std::borrow::ToOwned;
use std::boxed::Box;
use std::format;
use std::string::{String, ToString};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use std::vec::Vec;

use opentelemetry::KeyValue;
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::{
    Protocol, WithExportConfig as _, WithHttpConfig as _, WithTonicConfig as _,
};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::{BatchConfigBuilder, BatchSpanProcessor, SdkTracerProvider};
use tracing_subscriber::layer::SubscriberExt as _;

use super::config::{OtlpConfig, OtlpProtocol, SHUTDOWN_TIMEOUT, TracesExporter};
use super::{layer, propagation, report};

/// Why telemetry could not be installed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TelemetryError {
    /// The configured endpoint is not an `http://` or `https://` URL with a host.
    #[error("OTLP endpoint {0:?} must be an http:// or https:// URL with a host")]
    InvalidEndpoint(String),
    /// The exporter or its runtime could not be built.
    #[error("cannot build the OTLP exporter: {0}")]
    Exporter(String),
    /// Another `tracing` subscriber is already the global default.
    #[error(
        "a global tracing subscriber is already installed ({0}); add `telemetry::layer()` to it and call `telemetry::install_pipeline` instead"
    )]
    SubscriberAlreadySet(String),
}

struct Pipeline {
    provider: SdkTracerProvider,
    runtime: Option<tokio::runtime::Runtime>,
    generation: u64,
}

static PIPELINE: Mutex<Option<Pipeline>> = Mutex::new(None);
static GENERATION: AtomicU64 = AtomicU64::new(0);
static SUBSCRIBER_INSTALLED: AtomicBool = AtomicBool::new(false);

/// Keeps the pipeline it installed alive; dropping it is [`shutdown`].
///
/// A guard from a call that installed nothing (telemetry disabled, or already
/// installed) does nothing on drop.
#[must_use = "dropping the guard shuts telemetry down"]
pub struct TelemetryGuard {
    generation: Option<u64>,
}

impl std::fmt::Debug for TelemetryGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TelemetryGuard")
            .field("active", &self.is_active())
            .finish()
    }
}

impl TelemetryGuard {
    /// Whether this guard's pipeline is the one running now.
    pub fn is_active(&self) -> bool {
        self.generation.is_some() && current_generation() == self.generation
    }

    /// Exports every finished span now (see [`flush`]).
    pub fn flush(&self) {
        flush();
    }
}

impl Drop for TelemetryGuard {
    fn drop(&mut self) {
        if self.is_active() {
            shutdown();
        }
    }
}

fn current_generation() -> Option<u64> {
    PIPELINE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
        .map(|p| p.generation)
}

/// Exports every finished span still buffered, waiting for the collector.
///
/// Call it before `std::process::exit`, or from a signal handler, where
/// destructors (and so the guard) do not run. Spans still open are not
/// exported. Failures are reported on stderr; without a pipeline it does nothing.
pub fn flush() {
    let provider = PIPELINE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
        .map(|p| p.provider.clone());
    if let Some(provider) = provider
        && let Err(e) = provider.force_flush()
    {
        report(&format!("flush failed: {e}"));
    }
}

/// Exports every finished span still buffered (waiting at most
/// [`SHUTDOWN_TIMEOUT`]) and stops the pipeline.
///
/// Afterwards spans are tracked but not exported, until the next install
/// starts a new pipeline. Safe to call more than once, and from any thread.
pub fn shutdown() {
    let pipeline = PIPELINE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    let Some(pipeline) = pipeline else {
        return;
    };
    layer::set_tracer(None);
    if let Err(e) = pipeline.provider.shutdown_with_timeout(SHUTDOWN_TIMEOUT) {
        report(&format!("shutdown failed: {e}"));
    }
    if let Some(runtime) = pipeline.runtime {
        // Never blocks, and is allowed inside an async context.
        runtime.shutdown_background();
    }
}

/// Installs telemetry for `service_name` under the environment (see
/// [`OtlpConfig::from_env`]): OTLP export, the propagators, and a global
/// subscriber printing events on stderr and exporting spans with their tenant.
///
/// Only the first call installs; while a pipeline runs, later calls return an
/// inactive guard. After [`shutdown`] a call installs a new pipeline (the
/// global subscriber, set once per process, stays). An unreachable collector
/// is not an error: failed exports are reported on stderr.
pub fn install_telemetry(service_name: &str) -> Result<TelemetryGuard, TelemetryError> {
    install_with(OtlpConfig::from_env(service_name))
}

/// [`install_telemetry`] with an explicit configuration.
pub fn install_with(config: OtlpConfig) -> Result<TelemetryGuard, TelemetryError> {
    let guard = install_pipeline(config.clone())?;
    if SUBSCRIBER_INSTALLED.load(Ordering::SeqCst) {
        return Ok(guard);
    }
    let fmt = config.stderr.then(|| {
        use tracing_subscriber::Layer as _;
        tracing_subscriber::fmt::layer()
            .with_writer(std::io::stderr)
            .with_filter(layer::env_filter(&config.filter))
    });
    let subscriber = tracing_subscriber::registry()
        .with(fmt)
        .with(layer::layer_with_filter(&config.filter));
    match tracing::subscriber::set_global_default(subscriber) {
        Ok(()) => {
            SUBSCRIBER_INSTALLED.store(true, Ordering::SeqCst);
            Ok(guard)
        }
        Err(e) => {
            if guard.is_active() {
                shutdown();
            }
            Err(TelemetryError::SubscriberAlreadySet(e.to_string()))
        }
    }
}

/// Starts OTLP export and installs the propagators, leaving the global
/// subscriber alone: for a service that adds [`layer`](crate::telemetry::layer)
/// to a subscriber of its own.
pub fn install_pipeline(config: OtlpConfig) -> Result<TelemetryGuard, TelemetryError> {
    if config.disabled {
        return Ok(TelemetryGuard { generation: None });
    }
    if config.exporter == TracesExporter::Otlp && !OtlpConfig::endpoint_is_valid(&config.endpoint) {
        return Err(TelemetryError::InvalidEndpoint(config.endpoint));
    }
    let mut slot = PIPELINE.lock().unwrap_or_else(PoisonError::into_inner);
    if slot.is_some() {
        return Ok(TelemetryGuard { generation: None });
    }
    let (provider, runtime) = build(&config)?;
    propagation::install(&config.propagators);
    layer::set_tracer(Some(provider.tracer("greentic-types")));
    // Code using the OpenTelemetry API directly exports through it too.
    opentelemetry::global::set_tracer_provider(provider.clone());
    let generation = GENERATION.fetch_add(1, Ordering::SeqCst) + 1;
    *slot = Some(Pipeline {
        provider,
        runtime,
        generation,
    });
    Ok(TelemetryGuard {
        generation: Some(generation),
    })
}

fn resource(config: &OtlpConfig) -> Resource {
    Resource::builder_empty()
        .with_detector(Box::new(
            opentelemetry_sdk::resource::TelemetryResourceDetector,
        ))
        .with_attributes(
            config
                .resource_attributes
                .iter()
                .map(|(k, v)| KeyValue::new(k.clone(), v.clone())),
        )
        .with_service_name(config.service_name.clone())
        .build()
}

fn build(
    config: &OtlpConfig,
) -> Result<(SdkTracerProvider, Option<tokio::runtime::Runtime>), TelemetryError> {
    let builder = SdkTracerProvider::builder().with_resource(resource(config));
    if config.exporter == TracesExporter::None {
        // Spans still get real ids, so propagation carries them; nothing is exported.
        return Ok((builder.build(), None));
    }
    let tls = super::tls::Roots::load(config);
    let (exporter, runtime) = match config.protocol {
        OtlpProtocol::Grpc => {
            // gRPC needs a Tokio runtime for its connection; keep a small one
            // of our own so callers need none and the exporter outlives theirs.
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("greentic-otlp")
                .on_thread_start(layer::mark_exporter_thread)
                .enable_all()
                .build()
                .map_err(|e| TelemetryError::Exporter(e.to_string()))?;
            let exporter = {
                let _entered = runtime.enter();
                let mut builder = opentelemetry_otlp::SpanExporter::builder()
                    .with_tonic()
                    .with_endpoint(config.endpoint.clone())
                    .with_timeout(config.timeout);
                if config.endpoint.starts_with("https://") {
                    builder = builder.with_tls_config(tls.tonic());
                }
                builder
                    .build()
                    .map_err(|e| TelemetryError::Exporter(e.to_string()))?
            };
            (exporter, Some(runtime))
        }
        OtlpProtocol::HttpProtobuf => {
            let client = http_client(config, &tls)?;
            let exporter = opentelemetry_otlp::SpanExporter::builder()
                .with_http()
                .with_protocol(Protocol::HttpBinary)
                .with_http_client(client)
                .with_endpoint(config.endpoint.clone())
                .with_timeout(config.timeout)
                .build()
                .map_err(|e| TelemetryError::Exporter(e.to_string()))?;
            (exporter, None)
        }
    };
    let exporter = ReportingExporter {
        inner: exporter,
        endpoint: config.endpoint.clone(),
    };
    let processor = BatchSpanProcessor::builder(exporter)
        .with_batch_config(
            BatchConfigBuilder::default()
                .with_scheduled_delay(config.batch_delay)
                .build(),
        )
        .build();
    Ok((builder.with_span_processor(processor).build(), runtime))
}

/// A blocking HTTP client with rustls; built on a thread of its own because
/// building one inside an async context panics.
fn http_client(
    config: &OtlpConfig,
    tls: &super::tls::Roots,
) -> Result<reqwest::blocking::Client, TelemetryError> {
    let rustls = tls
        .rustls(config.endpoint.starts_with("https://"))
        .map_err(|e| TelemetryError::Exporter(format!("TLS: {e}")))?;
    let timeout = config.timeout;
    std::thread::Builder::new()
        .name("greentic-otlp-client".to_owned())
        .spawn(move || {
            reqwest::blocking::Client::builder()
                .timeout(timeout)
                .tls_backend_preconfigured(rustls)
                .build()
        })
        .map_err(|e| TelemetryError::Exporter(format!("cannot spawn a thread: {e}")))?
        .join()
        .map_err(|_| TelemetryError::Exporter("building the HTTP client panicked".to_owned()))?
        .map_err(|e| TelemetryError::Exporter(format!("cannot build the HTTP client: {e}")))
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
