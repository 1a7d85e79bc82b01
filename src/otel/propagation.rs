//! Carrying a trace across services: W3C Trace Context and Baggage, as
//! chosen by `OTEL_PROPAGATORS`.

use std::boxed::Box;
use std::vec::Vec;

use opentelemetry::propagation::{
    Extractor, Injector, TextMapCompositePropagator, TextMapPropagator,
};
use opentelemetry::trace::TraceContextExt as _;
use opentelemetry::{Context, global};
use opentelemetry_sdk::propagation::{BaggagePropagator, TraceContextPropagator};
use tracing_opentelemetry::OpenTelemetrySpanExt as _;

use super::config::Propagator;

/// Makes `propagators` the global text-map propagator (none: propagation off).
pub(crate) fn install(propagators: &[Propagator]) {
    let parts: Vec<Box<dyn TextMapPropagator + Send + Sync>> = propagators
        .iter()
        .map(|p| -> Box<dyn TextMapPropagator + Send + Sync> {
            match p {
                Propagator::TraceContext => Box::new(TraceContextPropagator::new()),
                Propagator::Baggage => Box::new(BaggagePropagator::new()),
            }
        })
        .collect();
    global::set_text_map_propagator(TextMapCompositePropagator::new(parts));
}

/// Writes `span`'s trace context (and baggage) into `carrier`, e.g. the
/// headers of an outgoing request, with the installed propagators.
///
/// `HashMap<String, String>` is a carrier; for `http::HeaderMap` use
/// `opentelemetry_http::HeaderInjector`.
pub fn inject_context(span: &tracing::Span, carrier: &mut dyn Injector) {
    let cx = span.context();
    global::get_text_map_propagator(|p| p.inject_context(&cx, carrier));
}

/// Reads a remote trace context (and baggage) from `carrier`, e.g. the
/// headers of an incoming request, with the installed propagators.
pub fn extract_context(carrier: &dyn Extractor) -> Context {
    global::get_text_map_propagator(|p| p.extract(carrier))
}

/// Makes the trace context in `carrier` the parent of `span`, which must not
/// have been entered yet: it is then exported in the caller's trace, as a
/// child of the remote span. Returns whether `carrier` held a valid trace context.
///
/// ```no_run
/// use std::collections::HashMap;
///
/// let headers: HashMap<String, String> = HashMap::from([(
///     "traceparent".to_owned(),
///     "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".to_owned(),
/// )]);
/// let span = tracing::info_span!("handle");
/// greentic_types::telemetry::set_remote_parent(&span, &headers);
/// let _entered = span.enter();
/// ```
pub fn set_remote_parent(span: &tracing::Span, carrier: &dyn Extractor) -> bool {
    let cx = extract_context(carrier);
    let valid = cx.span().span_context().is_valid();
    span.set_parent(cx).is_ok() && valid
}
