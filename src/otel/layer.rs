//! The `tracing` side: the layer that turns spans into OpenTelemetry spans
//! stamped with their tenant, and the filter that keeps the exporter's own
//! work (and anything below the level filter) out of the export.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::sync::{OnceLock, PoisonError, RwLock};
use std::thread_local;

use opentelemetry::Context;
use opentelemetry::trace::{SpanBuilder, TracerProvider as _};
use opentelemetry_sdk::trace::{SdkTracer, SdkTracerProvider};
use tracing::span;
use tracing::subscriber::Interest;
use tracing::{Metadata, Subscriber};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::FilterExt as _;
use tracing_subscriber::layer::{Context as LayerContext, Filter, Layer};
use tracing_subscriber::registry::LookupSpan;

use super::config::DEFAULT_FILTER;
use super::tenant::{self, Tenant};

/// Crates whose spans and events are never exported: the exporter's own
/// transport (exporting them would export more of them) and the telemetry stack.
const TRANSPORT_TARGETS: &[&str] = &[
    "h2",
    "hyper",
    "hyper_util",
    "hyper_rustls",
    "tonic",
    "tonic_prost",
    "tower",
    "reqwest",
    "rustls",
    "tokio_rustls",
    "want",
    "opentelemetry",
    "opentelemetry_sdk",
    "opentelemetry_otlp",
    "opentelemetry_http",
    "tracing_opentelemetry",
];

fn is_transport(target: &str) -> bool {
    let krate = target.split("::").next().unwrap_or(target);
    TRANSPORT_TARGETS.contains(&krate)
}

thread_local! {
    static EXPORTER_THREAD: Cell<bool> = const { Cell::new(false) };
    /// The tenant of the span being created, from [`TenantLayer`] to [`DynTracer`].
    static PENDING: RefCell<Option<Tenant>> = const { RefCell::new(None) };
}

/// Marks the calling thread as one of the exporter's: nothing it does is exported.
pub(crate) fn mark_exporter_thread() {
    let _ = EXPORTER_THREAD.try_with(|flag| flag.set(true));
    // The OpenTelemetry SDK's own guard against telemetry-induced telemetry,
    // kept for the thread's lifetime. On its own it does not stop `h2`'s spans
    // from being exported (the self-export test fails without the filter
    // below), so it is a second line only.
    std::mem::forget(Context::enter_telemetry_suppressed_scope());
}

fn on_exporter_thread() -> bool {
    EXPORTER_THREAD.try_with(Cell::get).unwrap_or(false)
}

/// Rejects the exporter's own work: transport crates, the exporter's threads,
/// and code running where OpenTelemetry suppresses telemetry (the SDK's batch thread).
#[derive(Clone, Copy, Debug)]
struct NotTheExporter;

impl<S> Filter<S> for NotTheExporter {
    fn enabled(&self, meta: &Metadata<'_>, _: &LayerContext<'_, S>) -> bool {
        !is_transport(meta.target())
            && !on_exporter_thread()
            && !Context::is_current_telemetry_suppressed()
    }

    fn callsite_enabled(&self, meta: &'static Metadata<'static>) -> Interest {
        if is_transport(meta.target()) {
            Interest::never()
        } else {
            Interest::sometimes()
        }
    }
}

/// The level filter for `directives` (`RUST_LOG` syntax), or `info` when they are invalid.
pub(crate) fn env_filter(directives: &str) -> EnvFilter {
    EnvFilter::try_new(directives).unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER))
}

/// The directives from `RUST_LOG`, or `info`.
pub(crate) fn env_directives() -> std::string::String {
    match std::env::var("RUST_LOG") {
        Ok(v) if !v.trim().is_empty() && EnvFilter::try_new(v.trim()).is_ok() => v,
        _ => DEFAULT_FILTER.into(),
    }
}

/// The tracer the layer exports through: the installed pipeline's, or one
/// that records nothing when no pipeline is installed (before installation,
/// after [`shutdown`](crate::telemetry::shutdown)).
static TRACER: RwLock<Option<SdkTracer>> = RwLock::new(None);

pub(crate) fn set_tracer(tracer: Option<SdkTracer>) {
    *TRACER.write().unwrap_or_else(PoisonError::into_inner) = tracer;
}

fn current_tracer() -> SdkTracer {
    if let Some(tracer) = TRACER
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
    {
        return tracer.clone();
    }
    static IDLE: OnceLock<SdkTracer> = OnceLock::new();
    IDLE.get_or_init(|| {
        let provider = SdkTracerProvider::builder().build();
        let tracer = provider.tracer("greentic-types");
        // A shut-down provider hands out spans that record nothing.
        let _ = provider.shutdown();
        tracer
    })
    .clone()
}

#[derive(Clone, Copy, Debug)]
struct DynTracer;

impl opentelemetry::trace::Tracer for DynTracer {
    type Span = opentelemetry_sdk::trace::Span;

    fn span_builder<T>(&self, name: T) -> SpanBuilder
    where
        T: Into<Cow<'static, str>>,
    {
        let mut builder = SpanBuilder::from_name(name);
        if let Some(tenant) = PENDING.try_with(|p| p.borrow_mut().take()).ok().flatten() {
            builder.attributes = Some(tenant.as_slice().to_vec());
        }
        builder
    }

    fn build_with_context(&self, builder: SpanBuilder, parent_cx: &Context) -> Self::Span {
        current_tracer().build_with_context(builder, parent_cx)
    }
}

/// The tenant a span was created with; its children inherit it when no scope has one.
struct SpanTenant(Option<Tenant>);

/// Decides each new span's tenant and hands it to [`DynTracer`], which runs
/// next (this layer is the inner one of the pair) and stamps it on the span.
struct TenantLayer;

impl<S> Layer<S> for TenantLayer
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &span::Attributes<'_>, id: &span::Id, ctx: LayerContext<'_, S>) {
        let tenant = tenant::current_tenant().or_else(|| {
            let parent = if let Some(parent) = attrs.parent() {
                ctx.span(parent)
            } else if attrs.is_contextual() {
                ctx.lookup_current()
            } else {
                None
            };
            parent.and_then(|p| p.extensions().get::<SpanTenant>().and_then(|t| t.0.clone()))
        });
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(SpanTenant(tenant.clone()));
        }
        let _ = PENDING.try_with(|p| *p.borrow_mut() = tenant);
    }
}

/// A `tracing_subscriber` layer that exports spans over OTLP, each stamped
/// with its tenant, for a subscriber the service builds itself.
///
/// What it exports passes the level filter from `RUST_LOG` (else `info`) and
/// is never the exporter's own work. Spans go to the pipeline started by
/// [`install_pipeline`](crate::telemetry::install_pipeline) (or any install);
/// without one they are tracked but not exported.
///
/// ```no_run
/// use tracing_subscriber::prelude::*;
///
/// let _guard = greentic_types::telemetry::install_pipeline(
///     greentic_types::telemetry::OtlpConfig::from_env("checkout"),
/// )?;
/// tracing_subscriber::registry()
///     .with(tracing_subscriber::fmt::layer())
///     .with(greentic_types::telemetry::layer())
///     .init();
/// # Ok::<(), greentic_types::telemetry::TelemetryError>(())
/// ```
pub fn layer<S>() -> impl Layer<S> + Send + Sync + 'static
where
    S: Subscriber + for<'a> LookupSpan<'a> + Send + Sync,
{
    layer_with_filter(&env_directives())
}

pub(crate) fn layer_with_filter<S>(directives: &str) -> impl Layer<S> + Send + Sync + use<S>
where
    S: Subscriber + for<'a> LookupSpan<'a> + Send + Sync,
{
    TenantLayer
        .and_then(tracing_opentelemetry::layer().with_tracer(DynTracer))
        .with_filter(env_filter(directives).and(NotTheExporter))
}
