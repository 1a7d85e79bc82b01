//! The composable path: a service builds its own subscriber (here a
//! `Registry` with a `fmt` layer) and adds `telemetry::layer()` to it; spans
//! reach a real (in-process) collector with their tenant, and events still
//! reach the service's own `fmt` output.
#![cfg(feature = "telemetry-autoinit")]

mod telemetry_support;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use greentic_types::telemetry::{self, OtlpConfig, OtlpKeys, TelemetryError, in_tenant_ctx};
use greentic_types::{EnvId, TenantCtx, TenantId};
use telemetry_support::grpc_collector;
use tracing_subscriber::prelude::*;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_layer_adds_otlp_export_and_tenants_to_a_service_built_subscriber() {
    let collector = grpc_collector(None);
    let mut config = OtlpConfig::new("layer-service");
    config.endpoint = collector.endpoint.clone();
    config.batch_delay = Duration::from_millis(100);
    // Not RUST_LOG: the configuration's filter is the layer's.
    config.filter = "debug".to_owned();
    let guard = telemetry::install_pipeline(config.clone()).expect("pipeline");
    assert!(guard.is_active());

    let logs = Captured::default();
    let writer = logs.clone();
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(move || writer.clone())
                .with_filter(telemetry::filter()),
        )
        .with(telemetry::layer())
        .init();

    // The all-in-one install cannot take the global subscriber now, and says why.
    match telemetry::install_with(config) {
        Err(e @ TelemetryError::SubscriberAlreadySet(_)) => {
            assert!(e.to_string().contains("telemetry::layer()"), "{e}");
        }
        other => panic!("expected SubscriberAlreadySet, got {other:?}"),
    }

    let ctx = TenantCtx::new(EnvId::new("prod").unwrap(), TenantId::new("acme").unwrap());
    in_tenant_ctx(&ctx, || {
        tracing::info_span!("layer.request").in_scope(|| {
            tracing::info!("handled by the service");
            tracing::debug!("debug detail");
            tracing::trace!("trace detail");
            tracing::info_span!("layer.child").in_scope(|| {});
            tracing::debug_span!("layer.debug").in_scope(|| {});
            tracing::trace_span!("layer.trace").in_scope(|| {
                // Not exported itself: its event goes to the nearest exported ancestor.
                tracing::info!("event under a trace span");
            });
        });
    });
    telemetry::flush();
    collector.wait_until("three spans", |s| s.len() >= 3);
    // Another export round: a `trace` span would have arrived by now.
    tracing::info_span!("layer.marker").in_scope(|| {});
    telemetry::flush();
    collector.wait_for("layer.marker");
    let spans = collector.spans();
    let mut got: Vec<&str> = spans.iter().map(|s| s.name.as_str()).collect();
    got.sort();
    assert_eq!(
        got,
        [
            "layer.child",
            "layer.debug",
            "layer.marker",
            "layer.request"
        ],
        "config.filter = debug: debug spans exported, trace spans not"
    );
    let request = spans
        .iter()
        .find(|s| s.name == "layer.request")
        .expect("request");
    let child = spans
        .iter()
        .find(|s| s.name == "layer.child")
        .expect("child");
    assert_eq!(request.service, "layer-service");
    assert!(
        request
            .events
            .iter()
            .any(|e| e == "event under a trace span"),
        "{:?}",
        request.events
    );
    assert!(
        request.events.iter().any(|e| e == "debug detail"),
        "{:?}",
        request.events
    );
    assert!(
        !request.events.iter().any(|e| e == "trace detail"),
        "{:?}",
        request.events
    );
    assert_eq!(request.attr(OtlpKeys::TENANT_ID), Some("acme"));
    assert_eq!(child.attr(OtlpKeys::TENANT_ID), Some("acme"));
    assert_eq!(child.parent_span_id, request.span_id);

    let printed = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(printed.contains("handled by the service"), "{printed}");
    assert!(printed.contains("debug detail"), "{printed}");
    assert!(!printed.contains("trace detail"), "{printed}");
    // `telemetry::filter()` keeps the exporter's own transport (busy at debug) out.
    for krate in ["h2", "hyper", "hyper_util", "tonic", "tower"] {
        assert!(
            !printed.contains(&format!(" {krate}::")) && !printed.contains(&format!(" {krate}: ")),
            "{krate}: {printed}"
        );
    }
    drop(guard);
}
