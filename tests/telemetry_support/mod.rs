//! Shared by the telemetry tests: real OTLP collectors on loopback (gRPC and
//! HTTP/protobuf, plain or TLS with a CA made at test time), decoding with the
//! `opentelemetry-proto` types, and the example programs run as child processes.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::any_value::Value;
use prost::Message as _;

pub type Received = Arc<Mutex<Vec<ExportTraceServiceRequest>>>;
/// The request headers (gRPC metadata) of every export, lower-case names.
pub type Headers = Arc<Mutex<Vec<BTreeMap<String, String>>>>;

/// Generous: the machine may be loaded.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// A collector on an ephemeral loopback port.
pub struct Collector {
    pub endpoint: String,
    pub received: Received,
    pub headers: Headers,
    _runtime: Option<tokio::runtime::Runtime>,
}

impl Collector {
    pub fn spans(&self) -> Vec<Span> {
        spans(&self.received)
    }

    /// Polls until `done` holds for the spans received, or panics at the deadline.
    pub fn wait_until(&self, what: &str, done: impl Fn(&[Span]) -> bool) -> Vec<Span> {
        let start = Instant::now();
        loop {
            let spans = self.spans();
            if done(&spans) {
                return spans;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; received: {:#?}",
                names(&spans)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for a span named `name` and returns it.
    pub fn wait_for(&self, name: &str) -> Span {
        let spans = self.wait_until(name, |s| s.iter().any(|s| s.name == name));
        spans
            .into_iter()
            .find(|s| s.name == name)
            .expect("just found")
    }
}

pub fn names(spans: &[Span]) -> Vec<String> {
    spans.iter().map(|s| s.name.clone()).collect()
}

struct Sink {
    received: Received,
    headers: Headers,
    /// How long the collector takes before it answers (and keeps) an export;
    /// an export whose client goes away meanwhile is dropped with its request.
    delay: Duration,
}

#[tonic::async_trait]
impl TraceService for Sink {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        let headers = request
            .metadata()
            .clone()
            .into_headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        self.headers.lock().expect("lock").push(headers);
        self.received
            .lock()
            .expect("lock")
            .push(request.into_inner());
        Ok(tonic::Response::new(ExportTraceServiceResponse {
            partial_success: None,
        }))
    }
}

/// A gRPC collector, with TLS when `ca` is given (certificate for 127.0.0.1 and localhost).
pub fn grpc_collector(ca: Option<&TestCa>) -> Collector {
    grpc_collector_with_delay(ca, Duration::ZERO)
}

/// A gRPC collector that answers each export only after `delay`.
pub fn grpc_collector_with_delay(ca: Option<&TestCa>, delay: Duration) -> Collector {
    let received = Received::default();
    let headers = Headers::default();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let mut server = tonic::transport::Server::builder();
    if let Some(ca) = ca {
        server = server
            .tls_config(tonic::transport::ServerTlsConfig::new().identity(
                tonic::transport::Identity::from_pem(&ca.server_cert_pem, &ca.server_key_pem),
            ))
            .expect("server TLS");
    }
    let service = TraceServiceServer::new(Sink {
        received: received.clone(),
        headers: headers.clone(),
        delay,
    });
    runtime.spawn(
        server
            .add_service(service)
            .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener)),
    );
    let scheme = if ca.is_some() { "https" } else { "http" };
    Collector {
        endpoint: format!("{scheme}://{addr}"),
        received,
        headers,
        _runtime: Some(runtime),
    }
}

/// An HTTP/1.1 collector (TLS when `ca` is given): reads each POST to
/// `/v1/traces` and decodes it as an OTLP protobuf request. `endpoint` is the base URL.
pub fn http_collector(ca: Option<&TestCa>) -> Collector {
    let received = Received::default();
    let headers = Headers::default();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let sink = received.clone();
    let header_sink = headers.clone();
    let tls = ca.map(|ca| Arc::new(ca.server_config()));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let sink = sink.clone();
            let header_sink = header_sink.clone();
            let tls = tls.clone();
            std::thread::spawn(move || match tls {
                Some(config) => {
                    let Ok(conn) = rustls::ServerConnection::new(config) else {
                        return;
                    };
                    serve_http(rustls::StreamOwned::new(conn, stream), &sink, &header_sink);
                }
                None => serve_http(stream, &sink, &header_sink),
            });
        }
    });
    let scheme = if ca.is_some() { "https" } else { "http" };
    Collector {
        endpoint: format!("{scheme}://{addr}"),
        received,
        headers,
        _runtime: None,
    }
}

fn serve_http(stream: impl Read + Write, sink: &Received, header_sink: &Headers) {
    let mut reader = BufReader::new(stream);
    loop {
        let mut length = None;
        let mut headers = BTreeMap::new();
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
            // (The request line has no ':'.)
            if let Some((name, value)) = line.split_once(':') {
                headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
            }
            if line == "\r\n" {
                break;
            }
        }
        let mut body = vec![0; length.expect("content-length")];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let request = ExportTraceServiceRequest::decode(body.as_slice()).expect("OTLP protobuf");
        header_sink.lock().expect("lock").push(headers);
        sink.lock().expect("lock").push(request);
        let stream = reader.get_mut();
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/x-protobuf\r\ncontent-length: 0\r\n\r\n",
        );
        let _ = stream.flush();
    }
}

/// A certificate authority made for one test, and a server certificate it
/// signed for `127.0.0.1` and `localhost`; the CA is also written to a PEM file.
pub struct TestCa {
    pub ca_pem: String,
    pub ca_file: PathBuf,
    pub server_cert_pem: String,
    pub server_key_pem: String,
    /// The directory holding `ca_file`, removed with the CA.
    dir: PathBuf,
}

impl Drop for TestCa {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl TestCa {
    pub fn new(dir_name: &str) -> Self {
        use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "greentic telemetry test CA");
        let ca_cert = ca_params.self_signed(&ca_key).expect("CA certificate");
        let issuer = Issuer::new(ca_params, ca_key);
        let server_key = KeyPair::generate().expect("server key");
        let server_params =
            CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
                .expect("params");
        let server_cert = server_params
            .signed_by(&server_key, &issuer)
            .expect("server certificate");
        let dir = std::env::temp_dir().join(format!(
            "greentic-telemetry-{dir_name}-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let ca_file = dir.join("ca.pem");
        std::fs::write(&ca_file, ca_cert.pem()).expect("write CA");
        Self {
            ca_pem: ca_cert.pem(),
            ca_file,
            server_cert_pem: server_cert.pem(),
            server_key_pem: server_key.serialize_pem(),
            dir,
        }
    }

    fn server_config(&self) -> rustls::ServerConfig {
        use rustls::pki_types::pem::PemObject as _;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let certs =
            vec![CertificateDer::from_pem_slice(self.server_cert_pem.as_bytes()).expect("cert")];
        let key = PrivateKeyDer::from_pem_slice(self.server_key_pem.as_bytes()).expect("key");
        rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("server config")
    }
}

/// One received span, flattened.
#[derive(Clone, Debug)]
pub struct Span {
    pub name: String,
    pub service: String,
    pub resource: BTreeMap<String, String>,
    pub trace_id: Vec<u8>,
    pub span_id: Vec<u8>,
    pub parent_span_id: Vec<u8>,
    pub attributes: BTreeMap<String, String>,
    /// The names of the span's events (a `tracing` event's name is its message).
    pub events: Vec<String>,
}

impl Span {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attributes.get(key).map(String::as_str)
    }
}

fn text(value: Option<&opentelemetry_proto::tonic::common::v1::AnyValue>) -> String {
    match value.and_then(|v| v.value.as_ref()) {
        Some(Value::StringValue(s)) => s.clone(),
        Some(other) => format!("{other:?}"),
        None => String::new(),
    }
}

pub fn spans(received: &Received) -> Vec<Span> {
    let mut out = Vec::new();
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
                    out.push(Span {
                        name: s.name.clone(),
                        service: resource.get("service.name").cloned().unwrap_or_default(),
                        resource: resource.clone(),
                        trace_id: s.trace_id.clone(),
                        span_id: s.span_id.clone(),
                        parent_span_id: s.parent_span_id.clone(),
                        attributes: s
                            .attributes
                            .iter()
                            .map(|kv| (kv.key.clone(), text(kv.value.as_ref())))
                            .collect(),
                        events: s.events.iter().map(|e| e.name.clone()).collect(),
                    });
                }
            }
        }
    }
    out
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The path of an example program, built once per test process with the
/// features this test runs with.
pub fn example(name: &str) -> PathBuf {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(|| {
        // The features this test was built with, so cargo finds the examples
        // fresh when `cargo test` already built them, and builds them otherwise.
        let features: Vec<&str> = [
            ("std", cfg!(feature = "std")),
            ("serde", cfg!(feature = "serde")),
            ("time", cfg!(feature = "time")),
            ("uuid", cfg!(feature = "uuid")),
            ("schemars", cfg!(feature = "schemars")),
            ("schema", cfg!(feature = "schema")),
            ("check", cfg!(feature = "check")),
            ("yaml", cfg!(feature = "yaml")),
            ("otel-keys", cfg!(feature = "otel-keys")),
            ("proptest", cfg!(feature = "proptest")),
            ("cli", cfg!(feature = "cli")),
            ("telemetry-autoinit", cfg!(feature = "telemetry-autoinit")),
        ]
        .into_iter()
        .filter_map(|(name, on)| on.then_some(name))
        .collect();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let status = Command::new(cargo)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["build", "--quiet", "--no-default-features", "--features"])
            .arg(features.join(","))
            .args([
                "--example",
                "telemetry_demo",
                "--example",
                "telemetry_probe",
                "--example",
                "telemetry_plain",
            ])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the examples failed");
    });
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    dir.join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// A command for an example with the telemetry environment cleared and `env` set.
pub fn command(name: &str, env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(example(name));
    for (var, _) in std::env::vars() {
        if var.starts_with("OTEL_") || var.starts_with("GREENTIC_") || var == "RUST_LOG" {
            cmd.env_remove(var);
        }
    }
    cmd.envs(env.iter().copied());
    cmd
}
