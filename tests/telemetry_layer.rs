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
    let guard = telemetry::install_pipeline(config.clone()).expect("pipeline");
    assert!(guard.is_active());

    let logs = Captured::default();
    let writer = logs.clone();
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(move || writer.clone()),
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
            tracing::info_span!("layer.child").in_scope(|| {});
        });
    });
    telemetry::flush();
    collector.wait_until("both spans", |s| s.len() >= 2);
    let spans = collector.spans();
    let request = spans
        .iter()
        .find(|s| s.name == "layer.request")
        .expect("request");
    let child = spans
        .iter()
        .find(|s| s.name == "layer.child")
        .expect("child");
    assert_eq!(request.service, "layer-service");
    assert_eq!(request.attr(OtlpKeys::TENANT_ID), Some("acme"));
    assert_eq!(child.attr(OtlpKeys::TENANT_ID), Some("acme"));
    assert_eq!(child.parent_span_id, request.span_id);

    let printed = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(printed.contains("handled by the service"), "{printed}");
    drop(guard);
}
