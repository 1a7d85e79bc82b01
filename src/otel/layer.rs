//! The `tracing` side: the layer that turns spans into OpenTelemetry spans
//! stamped with their tenant, and the filter that keeps the exporter's own
//! work (and anything below the level filter) out of the export.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::sync::{OnceLock, PoisonError, RwLock};
use std::thread_local;

use opentelemetry::trace::{
    SpanBuilder, SpanContext, Status, TraceContextExt as _, TracerProvider as _,
};
use opentelemetry::{Context, KeyValue};
use opentelemetry_sdk::trace::{SdkTracer, SdkTracerProvider};
use tracing::span;
use tracing::subscriber::Interest;
use tracing::{Metadata, Subscriber};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::{FilterExt as _, LevelFilter};
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
    /// The span being created, from [`TenantLayer`] to [`DynTracer`].
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
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

/// The filter of the last installed pipeline ([`OtlpConfig::filter`](super::OtlpConfig)).
static INSTALLED_FILTER: RwLock<Option<std::string::String>> = RwLock::new(None);

pub(crate) fn set_installed_filter(directives: &str) {
    *INSTALLED_FILTER
        .write()
        .unwrap_or_else(PoisonError::into_inner) = Some(directives.into());
}

/// The directives of the installed pipeline's configuration; before any
/// install, `RUST_LOG`, else `info`.
pub(crate) fn current_directives() -> std::string::String {
    if let Some(directives) = INSTALLED_FILTER
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
    {
        return directives;
    }
    match std::env::var("RUST_LOG") {
        Ok(v) if !v.trim().is_empty() && EnvFilter::try_new(v.trim()).is_ok() => v,
        _ => DEFAULT_FILTER.into(),
    }
}

/// For the OpenTelemetry layer: every span (so the trace context flows
/// through spans below the level: they are tracked, not exported), and the
/// events that pass the level filter (recorded on their span).
struct SpansAndLevelledEvents(EnvFilter);

impl<S> Filter<S> for SpansAndLevelledEvents
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn enabled(&self, meta: &Metadata<'_>, cx: &LayerContext<'_, S>) -> bool {
        meta.is_span() || Filter::<S>::enabled(&self.0, meta, cx)
    }

    fn callsite_enabled(&self, meta: &'static Metadata<'static>) -> Interest {
        if meta.is_span() {
            Interest::sometimes()
        } else {
            Filter::<S>::callsite_enabled(&self.0, meta)
        }
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(LevelFilter::TRACE)
    }

    fn on_new_span(&self, attrs: &span::Attributes<'_>, id: &span::Id, ctx: LayerContext<'_, S>) {
        Filter::<S>::on_new_span(&self.0, attrs, id, ctx);
    }

    fn on_record(&self, id: &span::Id, values: &span::Record<'_>, ctx: LayerContext<'_, S>) {
        Filter::<S>::on_record(&self.0, id, values, ctx);
    }

    fn on_enter(&self, id: &span::Id, ctx: LayerContext<'_, S>) {
        Filter::<S>::on_enter(&self.0, id, ctx);
    }

    fn on_exit(&self, id: &span::Id, ctx: LayerContext<'_, S>) {
        Filter::<S>::on_exit(&self.0, id, ctx);
    }

    fn on_close(&self, id: span::Id, ctx: LayerContext<'_, S>) {
        Filter::<S>::on_close(&self.0, id, ctx);
    }
}

/// Marks the spans that pass the level filter: those are exported.
struct ExportMark;

/// The mark [`ExportMark`] leaves on a span that passes the level filter.
struct Exported;

impl<S> Layer<S> for ExportMark
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, _: &span::Attributes<'_>, id: &span::Id, ctx: LayerContext<'_, S>) {
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(Exported);
        }
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

/// What [`TenantLayer`] decided for the span being created.
struct Pending {
    tenant: Option<Tenant>,
    exported: bool,
}

/// The attribute that marks a span below the level filter: set by
/// [`DynTracer::span_builder`], taken out by [`DynTracer::build_with_context`].
const BELOW_LEVEL: &str = "greentic_types.internal.below_level";

/// Whether `builder` carries the [`BELOW_LEVEL`] mark (removing it).
fn take_below_level(builder: &mut SpanBuilder) -> bool {
    let Some(attributes) = builder.attributes.as_mut() else {
        return false;
    };
    match attributes
        .iter()
        .position(|kv| kv.key.as_str() == BELOW_LEVEL)
    {
        Some(at) => {
            attributes.remove(at);
            true
        }
        None => false,
    }
}

impl opentelemetry::trace::Tracer for DynTracer {
    type Span = DynSpan;

    fn span_builder<T>(&self, name: T) -> SpanBuilder
    where
        T: Into<Cow<'static, str>>,
    {
        let mut builder = SpanBuilder::from_name(name);
        if let Some(pending) = PENDING.try_with(|p| p.borrow_mut().take()).ok().flatten() {
            let mut attributes = pending
                .tenant
                .map(|t| t.as_slice().to_vec())
                .unwrap_or_default();
            if !pending.exported {
                attributes.push(KeyValue::new(BELOW_LEVEL, true));
            }
            if !attributes.is_empty() {
                builder.attributes = Some(attributes);
            }
        }
        builder
    }

    fn build_with_context(&self, mut builder: SpanBuilder, parent_cx: &Context) -> Self::Span {
        if !take_below_level(&mut builder) {
            return DynSpan::Exported(current_tracer().build_with_context(builder, parent_cx));
        }
        // A span below the level is transparent: it carries its parent's
        // context (so propagation and children see the nearest exported
        // ancestor, or the remote parent), and its events go to that ancestor.
        let parent = parent_cx.has_active_span().then(|| parent_cx.clone());
        let span_context = parent
            .as_ref()
            .map_or_else(SpanContext::empty_context, |cx| {
                cx.span().span_context().clone()
            });
        if let Some(parent) = &parent {
            for event in builder.events.take().unwrap_or_default() {
                parent.span().add_event_with_timestamp(
                    event.name,
                    event.timestamp,
                    event.attributes,
                );
            }
        }
        DynSpan::BelowLevel {
            span_context,
            parent,
        }
    }
}

/// The OpenTelemetry span behind a `tracing` span.
#[derive(Debug)]
enum DynSpan {
    /// Recorded and exported (as sampled).
    Exported(opentelemetry_sdk::trace::Span),
    /// Below the level filter: records nothing itself.
    BelowLevel {
        span_context: SpanContext,
        parent: Option<Context>,
    },
}

impl opentelemetry::trace::Span for DynSpan {
    fn add_event_with_timestamp<T>(
        &mut self,
        name: T,
        timestamp: std::time::SystemTime,
        attributes: std::vec::Vec<KeyValue>,
    ) where
        T: Into<Cow<'static, str>>,
    {
        match self {
            Self::Exported(span) => span.add_event_with_timestamp(name, timestamp, attributes),
            Self::BelowLevel {
                parent: Some(parent),
                ..
            } => parent
                .span()
                .add_event_with_timestamp(name, timestamp, attributes),
            Self::BelowLevel { parent: None, .. } => {}
        }
    }

    fn span_context(&self) -> &SpanContext {
        match self {
            Self::Exported(span) => span.span_context(),
            Self::BelowLevel { span_context, .. } => span_context,
        }
    }

    fn is_recording(&self) -> bool {
        match self {
            Self::Exported(span) => span.is_recording(),
            Self::BelowLevel { .. } => false,
        }
    }

    fn set_attribute(&mut self, attribute: KeyValue) {
        if let Self::Exported(span) = self {
            span.set_attribute(attribute);
        }
    }

    fn set_status(&mut self, status: Status) {
        match self {
            Self::Exported(span) => span.set_status(status),
            // An error event below: the ancestor that records it fails too.
            Self::BelowLevel {
                parent: Some(parent),
                ..
            } if matches!(status, Status::Error { .. }) => parent.span().set_status(status),
            Self::BelowLevel { .. } => {}
        }
    }

    fn update_name<T>(&mut self, new_name: T)
    where
        T: Into<Cow<'static, str>>,
    {
        if let Self::Exported(span) = self {
            span.update_name(new_name);
        }
    }

    fn add_link(&mut self, span_context: SpanContext, attributes: std::vec::Vec<KeyValue>) {
        if let Self::Exported(span) = self {
            span.add_link(span_context, attributes);
        }
    }

    fn end_with_timestamp(&mut self, timestamp: std::time::SystemTime) {
        if let Self::Exported(span) = self {
            span.end_with_timestamp(timestamp);
        }
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
        let mut exported = false;
        if let Some(span) = ctx.span(id) {
            let mut extensions = span.extensions_mut();
            exported = extensions.get_mut::<Exported>().is_some();
            extensions.insert(SpanTenant(tenant.clone()));
        }
        let _ = PENDING.try_with(|p| *p.borrow_mut() = Some(Pending { tenant, exported }));
    }
}

/// A `tracing_subscriber` layer that exports spans over OTLP, each stamped
/// with its tenant, for a subscriber the service builds itself.
///
/// Every span is tracked, so the trace context (remote parent, propagation)
/// flows whatever the level; only spans that pass the level filter are
/// exported, and spans below it are transparent (their children and events
/// belong to the nearest exported ancestor). The level filter is the
/// installed pipeline's [`OtlpConfig::filter`](crate::telemetry::OtlpConfig::filter)
/// (so call [`install_pipeline`](crate::telemetry::install_pipeline) first);
/// before any install, `RUST_LOG`, else `info`. The exporter's own work is
/// never exported. Spans go to the running pipeline; without one they are
/// tracked but not exported.
///
/// ```no_run
/// use tracing_subscriber::prelude::*;
///
/// let _guard = greentic_types::telemetry::install_pipeline(
///     greentic_types::telemetry::OtlpConfig::from_env("checkout"),
/// )?;
/// tracing_subscriber::registry()
///     .with(tracing_subscriber::fmt::layer().with_filter(greentic_types::telemetry::filter()))
///     .with(greentic_types::telemetry::layer())
///     .init();
/// # Ok::<(), greentic_types::telemetry::TelemetryError>(())
/// ```
pub fn layer<S>() -> impl Layer<S> + Send + Sync + 'static
where
    S: Subscriber + for<'a> LookupSpan<'a> + Send + Sync,
{
    layer_with_filter(&current_directives())
}

/// The filter for a service's own `fmt` (or other output) layer: the level
/// filter of [`layer`] (the installed pipeline's
/// [`OtlpConfig::filter`](crate::telemetry::OtlpConfig::filter), else `RUST_LOG`,
/// else `info`), without the exporter's own transport crates (`h2`, `hyper`,
/// `tonic`, `tower`, `reqwest`, `rustls`, `opentelemetry*`), whose events would
/// otherwise flood the output at `debug` and `trace`.
pub fn filter<S>() -> impl Filter<S> + Send + Sync + 'static
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    stderr_filter(&current_directives())
}

pub(crate) fn stderr_filter<S>(directives: &str) -> impl Filter<S> + Send + Sync + use<S>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    env_filter(directives).and(NotTheExporter)
}

pub(crate) fn layer_with_filter<S>(directives: &str) -> impl Layer<S> + Send + Sync + use<S>
where
    S: Subscriber + for<'a> LookupSpan<'a> + Send + Sync,
{
    ExportMark
        .with_filter(env_filter(directives).and(NotTheExporter))
        .and_then(
            TenantLayer
                .and_then(tracing_opentelemetry::layer().with_tracer(DynTracer))
                .with_filter(SpansAndLevelledEvents(env_filter(directives)).and(NotTheExporter)),
        )
}
