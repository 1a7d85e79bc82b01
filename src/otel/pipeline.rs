//! The export pipeline: exporter (gRPC or HTTP/protobuf, TLS), batch
//! processor, its lifecycle (install, flush, shutdown, install again).

use std::borrow::ToOwned;
use std::boxed::Box;
use std::format;
use std::future::Future;
use std::pin::Pin;
use std::string::{String, ToString};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use std::vec::Vec;

use opentelemetry::KeyValue;
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::{
    Protocol, WithExportConfig as _, WithHttpConfig as _, WithTonicConfig as _,
};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::{BatchConfigBuilder, BatchSpanProcessor, SdkTracerProvider};
use tracing_subscriber::layer::SubscriberExt as _;

use super::config::{OtlpConfig, OtlpProtocol, TracesExporter, TracesSampler};
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
    /// How long `flush` and `shutdown` wait at most: the export timeout plus a margin.
    patience: Duration,
}

static PIPELINE: Mutex<Option<Pipeline>> = Mutex::new(None);
static GENERATION: AtomicU64 = AtomicU64::new(0);
static SUBSCRIBER_INSTALLED: AtomicBool = AtomicBool::new(false);

/// Owns the pipeline it installed: dropping it is [`shutdown`] (the last
/// batch is exported, then export stops).
///
/// Returned by [`install`], [`install_with`] and [`install_pipeline`]; keep it
/// alive for as long as spans should be exported, typically as a local of
/// `main` (`let _guard = telemetry::install("svc")?;` — not `let _ = ..`, which
/// drops it at once). Dropping shuts down rather than only flushing so that
/// the guard's scope is the pipeline's lifetime: a later install starts a
/// fresh pipeline, and the exporter's thread and connections are released. For
/// a pipeline that lives until the process ends, use
/// [`install_telemetry`] (0.4.13's form) and call [`shutdown`] before exit.
///
/// A guard from a call that installed nothing (telemetry disabled, or already
/// installed) does nothing on drop; neither does one whose pipeline was
/// already shut down and replaced.
#[must_use = "dropping the guard shuts telemetry down: bind it with `let _guard = ...`"]
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

    /// Lets the pipeline outlive the guard: it runs until [`shutdown`].
    fn release(mut self) {
        self.generation = None;
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

/// Exports every finished span still buffered, waiting for the collector at
/// most the export timeout plus [`SHUTDOWN_MARGIN`](crate::telemetry::SHUTDOWN_MARGIN)
/// (12 s by default).
///
/// Call it before `std::process::exit`, or from a signal handler, where
/// destructors (and so the guard) do not run. Spans still open are not
/// exported. Failures are reported on stderr; without a pipeline it does nothing.
pub fn flush() {
    let running = PIPELINE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
        .map(|p| (p.provider.clone(), p.patience));
    let Some((provider, patience)) = running else {
        return;
    };
    // The SDK gives up waiting after 5 s while its export goes on; the batch
    // processor handles requests in order, so asking again until one is
    // answered waits for the export still running (a slow collector).
    let deadline = Instant::now() + patience;
    loop {
        match provider.force_flush() {
            Ok(()) => return,
            Err(opentelemetry_sdk::error::OTelSdkError::Timeout(_))
                if Instant::now() < deadline => {}
            Err(e) => {
                report(&format!("flush failed: {e}"));
                return;
            }
        }
    }
}

/// Exports every finished span still buffered and stops the pipeline.
///
/// It waits for the collector at most the export timeout plus
/// [`SHUTDOWN_MARGIN`](crate::telemetry::SHUTDOWN_MARGIN) (12 s by default), so
/// a collector that answers within the export timeout gets the last batch.
/// Afterwards spans are tracked but not exported, until the next install
/// starts a new pipeline. Safe to call more than once, from any thread, and
/// inside an async context (it blocks that thread while it waits).
pub fn shutdown() {
    let pipeline = PIPELINE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    let Some(pipeline) = pipeline else {
        return;
    };
    layer::set_tracer(None);
    if let Err(e) = pipeline.provider.shutdown_with_timeout(pipeline.patience) {
        report(&format!("shutdown failed: {e}"));
    }
    if let Some(runtime) = pipeline.runtime {
        // Never blocks, and is allowed inside an async context.
        runtime.shutdown_background();
    }
}

/// Installs telemetry for `service_name`, as 0.4.13 did: the pipeline runs
/// until [`shutdown`] (there is no guard).
///
/// Under the environment (see [`OtlpConfig::from_env`]): OTLP export, the
/// propagators, and a global subscriber printing events on stderr and
/// exporting spans with their tenant.
///
/// **Before the program exits, call [`shutdown`] (or [`flush`])**: spans
/// still buffered (up to one batch interval, 5 s by default) are otherwise
/// lost. `#[telemetry::main]` and the guard of [`install`] do it for you.
///
/// Only the first call installs; while a pipeline runs, later calls change
/// nothing. After [`shutdown`] a call installs a new pipeline (the global
/// subscriber, set once per process, stays). An unreachable collector is not
/// an error: failed exports are reported on stderr.
pub fn install_telemetry(service_name: &str) -> Result<(), TelemetryError> {
    install(service_name).map(TelemetryGuard::release)
}

/// [`install_telemetry`] returning a guard: dropping it exports the last
/// batch and stops the pipeline ([`shutdown`]). What `#[telemetry::main]` uses.
///
/// ```no_run
/// fn main() -> Result<(), greentic_types::telemetry::TelemetryError> {
///     let _guard = greentic_types::telemetry::install("checkout")?;
///     tracing::info_span!("work").in_scope(|| {});
///     Ok(())
/// } // the guard drops here: `work` is exported before the program ends
/// ```
pub fn install(service_name: &str) -> Result<TelemetryGuard, TelemetryError> {
    install_with(OtlpConfig::from_env(service_name))
}

/// [`install`] with an explicit configuration.
pub fn install_with(config: OtlpConfig) -> Result<TelemetryGuard, TelemetryError> {
    let guard = install_pipeline(config.clone())?;
    if SUBSCRIBER_INSTALLED.load(Ordering::SeqCst) {
        return Ok(guard);
    }
    let fmt = config.stderr.then(|| {
        use tracing_subscriber::Layer as _;
        tracing_subscriber::fmt::layer()
            .with_writer(std::io::stderr)
            .with_filter(layer::stderr_filter(&config.filter))
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
/// (and [`filter`](crate::telemetry::filter) on its own output) to a
/// subscriber of its own. `config.filter` becomes their level filter.
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
    layer::set_installed_filter(&config.filter);
    layer::set_tracer(Some(provider.tracer("greentic-types")));
    // Code using the OpenTelemetry API directly exports through it too.
    opentelemetry::global::set_tracer_provider(provider.clone());
    let generation = GENERATION.fetch_add(1, Ordering::SeqCst) + 1;
    *slot = Some(Pipeline {
        provider,
        runtime,
        generation,
        patience: config.shutdown_timeout(),
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

fn sampler(sampler: TracesSampler) -> opentelemetry_sdk::trace::Sampler {
    use opentelemetry_sdk::trace::Sampler;
    match sampler {
        TracesSampler::AlwaysOn => Sampler::AlwaysOn,
        TracesSampler::AlwaysOff => Sampler::AlwaysOff,
        TracesSampler::TraceIdRatio(r) => Sampler::TraceIdRatioBased(r),
        TracesSampler::ParentBasedAlwaysOn => Sampler::ParentBased(Box::new(Sampler::AlwaysOn)),
        TracesSampler::ParentBasedAlwaysOff => Sampler::ParentBased(Box::new(Sampler::AlwaysOff)),
        TracesSampler::ParentBasedTraceIdRatio(r) => {
            Sampler::ParentBased(Box::new(Sampler::TraceIdRatioBased(r)))
        }
    }
}

fn build(
    config: &OtlpConfig,
) -> Result<(SdkTracerProvider, Option<tokio::runtime::Runtime>), TelemetryError> {
    let builder = SdkTracerProvider::builder()
        .with_resource(resource(config))
        .with_sampler(sampler(config.sampler));
    if config.exporter == TracesExporter::None {
        // Spans still get real ids, so propagation carries them; nothing is exported.
        return Ok((builder.build(), None));
    }
    let tls = super::tls::Roots::load(config);
    let cause = Arc::new(Mutex::new(None));
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
            match grpc_exporter(config, &tls, &runtime) {
                Ok(exporter) => (exporter, Some(runtime)),
                Err(e) => {
                    // Dropping a runtime inside an async context (a caller's
                    // own `#[tokio::main]`) panics; this never does.
                    runtime.shutdown_background();
                    return Err(e);
                }
            }
        }
        OtlpProtocol::HttpProtobuf => {
            let client = ExplainingClient {
                inner: http_client(config, &tls)?,
                cause: cause.clone(),
            };
            let exporter = opentelemetry_otlp::SpanExporter::builder()
                .with_http()
                .with_protocol(Protocol::HttpBinary)
                .with_http_client(client)
                .with_endpoint(config.endpoint.clone())
                .with_timeout(config.timeout)
                .with_headers(config.headers.iter().cloned().collect())
                .build()
                .map_err(|e| TelemetryError::Exporter(e.to_string()))?;
            (exporter, None)
        }
    };
    let exporter = ReportingExporter {
        inner: exporter,
        endpoint: config.endpoint.clone(),
        cause,
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

fn grpc_exporter(
    config: &OtlpConfig,
    tls: &super::tls::Roots,
    runtime: &tokio::runtime::Runtime,
) -> Result<opentelemetry_otlp::SpanExporter, TelemetryError> {
    let _entered = runtime.enter();
    let mut metadata = opentelemetry_otlp::tonic_types::metadata::MetadataMap::new();
    for (key, value) in &config.headers {
        // Names and values were checked when read; anything else is skipped.
        if let (Ok(key), Ok(value)) = (
            tonic::metadata::AsciiMetadataKey::from_bytes(key.as_bytes()),
            tonic::metadata::AsciiMetadataValue::try_from(value.as_str()),
        ) {
            metadata.insert(key, value);
        }
    }
    let mut builder = opentelemetry_otlp::SpanExporter::builder()
        .with_tonic()
        .with_endpoint(config.endpoint.clone())
        .with_timeout(config.timeout)
        .with_metadata(metadata);
    if config.endpoint.starts_with("https://") {
        builder = builder.with_tls_config(tls.tonic());
    }
    builder
        .build()
        .map_err(|e| TelemetryError::Exporter(e.to_string()))
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

/// Why the last HTTP request failed (the exporter's own error only says
/// "network error"): the client's error and its sources.
type Cause = Arc<Mutex<Option<String>>>;

/// The blocking reqwest client, remembering the full error of a failed request.
#[derive(Debug)]
struct ExplainingClient {
    inner: reqwest::blocking::Client,
    cause: Cause,
}

type SendResult =
    Result<opentelemetry_http::Response<opentelemetry_http::Bytes>, opentelemetry_http::HttpError>;

impl opentelemetry_http::HttpClient for ExplainingClient {
    fn send_bytes<'life0, 'async_trait>(
        &'life0 self,
        request: opentelemetry_http::Request<opentelemetry_http::Bytes>,
    ) -> Pin<Box<dyn Future<Output = SendResult> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(async move {
            let result = self.inner.send_bytes(request).await;
            if let Err(e) = &result {
                *self.cause.lock().unwrap_or_else(PoisonError::into_inner) =
                    Some(error_chain(e.as_ref()));
            }
            result
        })
    }
}

/// `error: source: source ...`, each message once.
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut out = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        let message = e.to_string();
        if !out.contains(&message) {
            out.push_str(": ");
            out.push_str(&message);
        }
        source = e.source();
    }
    out
}

/// Delegates to the OTLP exporter and reports every failed export on stderr,
/// so an unreachable collector is visible rather than silent.
#[derive(Debug)]
struct ReportingExporter<E> {
    inner: E,
    endpoint: String,
    cause: Cause,
}

impl<E: opentelemetry_sdk::trace::SpanExporter> opentelemetry_sdk::trace::SpanExporter
    for ReportingExporter<E>
{
    async fn export(
        &self,
        batch: Vec<opentelemetry_sdk::trace::SpanData>,
    ) -> opentelemetry_sdk::error::OTelSdkResult {
        let spans = batch.len();
        self.cause
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let result = self.inner.export(batch).await;
        if let Err(e) = &result {
            let cause = self
                .cause
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take()
                .map(|cause| format!(" ({cause})"))
                .unwrap_or_default();
            report(&format!(
                "exporting {spans} spans to {} failed: {e}{cause}",
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
