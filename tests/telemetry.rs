//! Telemetry over real OTLP: an in-process collector on 127.0.0.1 decodes the
//! requests a real program sends (gRPC and HTTP/protobuf) with the
//! `opentelemetry-proto` types, and the spans are checked field by field.
#![cfg(feature = "telemetry-autoinit")]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use greentic_types::telemetry::{OtlpConfig, OtlpKeys, OtlpProtocol, TelemetryError};
use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::any_value::Value;
use prost::Message as _;

type Received = Arc<Mutex<Vec<ExportTraceServiceRequest>>>;

/// The example program, built by `cargo test` next to this test binary.
fn demo() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target dir");
    dir.join("examples")
        .join(format!("telemetry_demo{}", std::env::consts::EXE_SUFFIX))
}

fn run_demo(env: &[(&str, &str)]) -> (Output, Duration) {
    let mut cmd = Command::new(demo());
    for var in [
        "OTEL_SDK_DISABLED",
        "OTEL_SERVICE_NAME",
        "OTEL_RESOURCE_ATTRIBUTES",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
        "OTEL_EXPORTER_OTLP_TIMEOUT",
        "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
    ] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    let start = Instant::now();
    let out = cmd.output().expect("demo runs (built by `cargo test`)");
    (out, start.elapsed())
}

struct Collector(Received);

#[tonic::async_trait]
impl TraceService for Collector {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        self.0.lock().expect("lock").push(request.into_inner());
        Ok(tonic::Response::new(ExportTraceServiceResponse {
            partial_success: None,
        }))
    }
}

/// A gRPC collector on an ephemeral loopback port.
fn grpc_collector() -> (String, Received, tokio::runtime::Runtime) {
    let received = Received::default();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let service = TraceServiceServer::new(Collector(received.clone()));
    runtime.spawn(
        tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener)),
    );
    (format!("http://{addr}"), received, runtime)
}

/// An HTTP/1.1 collector on an ephemeral loopback port: reads each POST body
/// and decodes it as an OTLP protobuf request.
fn http_collector() -> (String, Received) {
    let received = Received::default();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let sink = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let sink = sink.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let mut stream = stream;
                loop {
                    let mut length = None;
                    let mut line = String::new();
                    let mut first = true;
                    loop {
                        line.clear();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        if first {
                            assert!(line.starts_with("POST /v1/traces "), "{line}");
                            first = false;
                        }
                        let lower = line.to_ascii_lowercase();
                        if let Some(v) = lower.strip_prefix("content-length:") {
                            length = v.trim().parse::<usize>().ok();
                        }
                        if line == "\r\n" {
                            break;
                        }
                    }
                    let mut body = vec![0; length.expect("content-length")];
                    reader.read_exact(&mut body).expect("body");
                    let request =
                        ExportTraceServiceRequest::decode(body.as_slice()).expect("OTLP protobuf");
                    sink.lock().expect("lock").push(request);
                    let _ = stream.write_all(
                        b"HTTP/1.1 200 OK\r\ncontent-type: application/x-protobuf\r\ncontent-length: 0\r\n\r\n",
                    );
                }
            });
        }
    });
    (format!("http://{addr}"), received)
}

/// One received span, flattened.
#[derive(Debug)]
struct Span {
    service: String,
    resource: BTreeMap<String, String>,
    trace_id: Vec<u8>,
    span_id: Vec<u8>,
    parent_span_id: Vec<u8>,
    attributes: BTreeMap<String, String>,
}

fn text(value: Option<&opentelemetry_proto::tonic::common::v1::AnyValue>) -> String {
    match value.and_then(|v| v.value.as_ref()) {
        Some(Value::StringValue(s)) => s.clone(),
        Some(other) => format!("{other:?}"),
        None => String::new(),
    }
}

fn spans(received: &Received) -> BTreeMap<String, Span> {
    let mut out = BTreeMap::new();
    for request in received.lock().expect("lock").iter() {
        for rs in &request.resource_spans {
            let resource: BTreeMap<String, String> = rs
                .resource
                .iter()
                .flat_map(|r| &r.attributes)
                .map(|kv| (kv.key.clone(), text(kv.value.as_ref())))
                .collect();
            for ss in &rs.scope_spans {
                for s in &ss.spans {
                    let attributes = s
                        .attributes
                        .iter()
                        .map(|kv| (kv.key.clone(), text(kv.value.as_ref())))
                        .collect();
                    let previous = out.insert(
                        s.name.clone(),
                        Span {
                            service: resource.get("service.name").cloned().unwrap_or_default(),
                            resource: resource.clone(),
                            trace_id: s.trace_id.clone(),
                            span_id: s.span_id.clone(),
                            parent_span_id: s.parent_span_id.clone(),
                            attributes,
                        },
                    );
                    assert!(previous.is_none(), "span {} received twice", s.name);
                }
            }
        }
    }
    out
}

fn check_demo_spans(received: &Received, service: &str) -> usize {
    let spans = spans(received);
    let names: Vec<&str> = spans.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["flow.run", "last.before.exit", "node.invoke", "task.step"]
    );
    for span in spans.values() {
        assert_eq!(span.service, service);
        assert_eq!(
            span.resource
                .get("deployment.environment")
                .map(String::as_str),
            Some("ci")
        );
    }
    let run = &spans["flow.run"];
    let node = &spans["node.invoke"];
    assert_eq!(
        node.parent_span_id, run.span_id,
        "node.invoke is a child of flow.run"
    );
    assert_eq!(node.trace_id, run.trace_id);
    assert!(run.parent_span_id.is_empty(), "flow.run is a root span");
    let expected = [
        (OtlpKeys::ENV_ID, "prod"),
        (OtlpKeys::TENANT_ID, "acme"),
        (OtlpKeys::TEAM_ID, "payments"),
        (OtlpKeys::USER_ID, "alice"),
        (OtlpKeys::SESSION_ID, "sess-1"),
        (OtlpKeys::FLOW_ID, "checkout"),
        (OtlpKeys::NODE_ID, "charge"),
        (OtlpKeys::PROVIDER_ID, "webhook"),
        (OtlpKeys::TRACE_ID, "trace-1"),
        (OtlpKeys::CORRELATION_ID, "corr-1"),
    ];
    for name in ["flow.run", "node.invoke", "last.before.exit"] {
        for (key, value) in expected {
            assert_eq!(
                spans[name].attributes.get(key).map(String::as_str),
                Some(value),
                "{name} {key}"
            );
        }
    }
    let task = &spans["task.step"];
    assert_eq!(
        task.attributes.get(OtlpKeys::TENANT_ID).map(String::as_str),
        Some("globex")
    );
    assert_eq!(
        task.attributes.get(OtlpKeys::FLOW_ID).map(String::as_str),
        Some("refund")
    );
    assert!(
        !task.attributes.contains_key(OtlpKeys::TEAM_ID),
        "the scoped context replaces the thread's"
    );
    spans.len()
}

#[test]
fn grpc_export_carries_every_tenant_attribute_and_flushes_at_exit() {
    let (endpoint, received, _runtime) = grpc_collector();
    let (out, _) = run_demo(&[
        ("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint),
        ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=ci"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(check_demo_spans(&received, "telemetry-demo"), 4);
}

#[test]
fn http_protobuf_export_honours_the_service_name_variable() {
    let (endpoint, received) = http_collector();
    let (out, _) = run_demo(&[
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint),
        ("OTEL_SERVICE_NAME", "renamed-by-env"),
        ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=ci"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(check_demo_spans(&received, "renamed-by-env"), 4);
}

#[test]
fn an_unreachable_collector_is_reported_and_exit_stays_bounded() {
    // A port nothing listens on: connections are refused at once.
    let closed = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr");
    for protocol in ["grpc", "http/protobuf"] {
        let endpoint = format!("http://{closed}");
        let (out, elapsed) = run_demo(&[
            ("OTEL_EXPORTER_OTLP_PROTOCOL", protocol),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "{protocol}: the program itself succeeds: {stderr}"
        );
        assert!(
            stderr.contains("exporting 4 spans to"),
            "{protocol}: failure is reported: {stderr}"
        );
        assert!(
            elapsed < Duration::from_secs(10),
            "{protocol}: exit took {elapsed:?}"
        );
    }
}

#[test]
fn a_malformed_endpoint_is_an_error_from_main() {
    let (out, elapsed) = run_demo(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "localhost 4317")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("InvalidEndpoint"));
    assert!(elapsed < Duration::from_secs(5));
}

#[test]
fn disabled_sdk_installs_nothing() {
    let (endpoint, received, _runtime) = grpc_collector();
    let (out, _) = run_demo(&[
        ("OTEL_SDK_DISABLED", "true"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint),
    ]);
    assert!(out.status.success());
    std::thread::sleep(Duration::from_millis(200));
    assert!(received.lock().expect("lock").is_empty());
}

#[test]
fn configuration_follows_the_standard_environment() {
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    let config = OtlpConfig::from_lookup("svc", vars(&[]))
        .expect("ok")
        .expect("enabled");
    assert_eq!(config.endpoint, "http://localhost:4317");
    assert_eq!(config.protocol, OtlpProtocol::Grpc);
    assert_eq!(config.service_name, "svc");
    assert_eq!(config.timeout, Duration::from_secs(3));

    let config = OtlpConfig::from_lookup(
        "svc",
        vars(&[
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector:4318/"),
            ("OTEL_SERVICE_NAME", "env-name"),
            ("OTEL_EXPORTER_OTLP_TIMEOUT", "250"),
        ]),
    )
    .expect("ok")
    .expect("enabled");
    assert_eq!(config.endpoint, "https://collector:4318/v1/traces");
    assert_eq!(config.service_name, "env-name");
    assert_eq!(config.timeout, Duration::from_millis(250));

    let signal = OtlpConfig::from_lookup(
        "svc",
        vars(&[("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://x:1/custom")]),
    );
    assert_eq!(
        signal.expect("ok").expect("enabled").endpoint,
        "http://x:1/custom"
    );
    assert!(
        OtlpConfig::from_lookup("svc", vars(&[("OTEL_SDK_DISABLED", "TRUE")]))
            .expect("ok")
            .is_none()
    );
    assert!(matches!(
        OtlpConfig::from_lookup("svc", vars(&[("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")])),
        Err(TelemetryError::UnsupportedProtocol(_))
    ));
    assert!(matches!(
        OtlpConfig::from_lookup("svc", vars(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://x")])),
        Err(TelemetryError::InvalidEndpoint(_))
    ));
    assert!(matches!(
        OtlpConfig::from_lookup("svc", vars(&[("OTEL_EXPORTER_OTLP_TIMEOUT", "soon")])),
        Err(TelemetryError::InvalidTimeout(_))
    ));
}

#[test]
fn a_second_installation_is_inactive_and_harmless() {
    // In this test process only; no other test here installs in-process.
    let closed = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr");
    let config = OtlpConfig {
        service_name: "twice".into(),
        endpoint: format!("http://{closed}"),
        protocol: OtlpProtocol::Grpc,
        timeout: Duration::from_millis(200),
    };
    let first = greentic_types::telemetry::install_with(config.clone()).expect("first install");
    assert!(first.is_active());
    let second = greentic_types::telemetry::install_with(config).expect("second install");
    assert!(!second.is_active(), "no second pipeline");
    drop(second);
    let started = Instant::now();
    drop(first);
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "shutdown is bounded"
    );
}
