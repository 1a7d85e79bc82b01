//! Telemetry over real OTLP, seen from outside: the example programs run as
//! separate processes and export to collectors on 127.0.0.1 (gRPC and
//! HTTP/protobuf, plain and TLS), which decode what they receive with the
//! `opentelemetry-proto` types.
#![cfg(feature = "telemetry-autoinit")]

mod telemetry_support;

use std::io::{BufRead as _, BufReader};
use std::net::TcpListener;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use greentic_types::telemetry::{
    DEFAULT_BATCH_DELAY, DEFAULT_EXPORT_TIMEOUT, OtlpConfig, OtlpKeys, OtlpProtocol, Propagator,
    SHUTDOWN_MARGIN, TracesExporter, TracesSampler,
};
use telemetry_support::{
    Collector, Span, TestCa, command, grpc_collector, hex, http_collector, names,
};

fn run(name: &str, args: &[&str], env: &[(&str, &str)]) -> (Output, Duration) {
    let start = Instant::now();
    let out = command(name, env)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("example runs");
    (out, start.elapsed())
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn find<'a>(spans: &'a [Span], name: &str) -> &'a Span {
    let found: Vec<&Span> = spans.iter().filter(|s| s.name == name).collect();
    assert_eq!(found.len(), 1, "exactly one {name}: {:?}", names(spans));
    found[0]
}

/// The demo's spans, once the program has exited (it exports all of them on the way out).
fn check_demo_spans(collector: &Collector, service: &str) {
    let spans = collector.spans();
    let mut got = names(&spans);
    got.sort();
    assert_eq!(
        got,
        ["flow.run", "last.before.exit", "node.invoke", "task.step"]
    );
    for span in &spans {
        assert_eq!(span.service, service);
        assert_eq!(
            span.resource
                .get("deployment.environment")
                .map(String::as_str),
            Some("ci")
        );
    }
    let run = find(&spans, "flow.run");
    let node = find(&spans, "node.invoke");
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
            assert_eq!(find(&spans, name).attr(key), Some(value), "{name} {key}");
        }
    }
    let task = find(&spans, "task.step");
    assert_eq!(task.attr(OtlpKeys::TENANT_ID), Some("globex"));
    assert_eq!(task.attr(OtlpKeys::FLOW_ID), Some("refund"));
    assert_eq!(
        task.attr(OtlpKeys::TEAM_ID),
        None,
        "the scoped context replaces the caller's"
    );
}

fn assert_success(out: &Output) {
    assert!(
        out.status.success(),
        "status {:?}\nstderr:\n{}",
        out.status,
        stderr(out)
    );
}

#[test]
fn grpc_export_carries_every_tenant_attribute_and_flushes_at_exit() {
    let collector = grpc_collector(None);
    let (out, _) = run(
        "telemetry_demo",
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
            ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=ci"),
        ],
    );
    assert_success(&out);
    check_demo_spans(&collector, "telemetry-demo");
}

#[test]
fn http_protobuf_export_honours_the_service_name_variable() {
    let collector = http_collector(None);
    let (out, _) = run(
        "telemetry_demo",
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
            ("OTEL_SERVICE_NAME", "renamed-by-env"),
            (
                "OTEL_RESOURCE_ATTRIBUTES",
                "service.name=overridden,deployment.environment=ci",
            ),
        ],
    );
    assert_success(&out);
    check_demo_spans(&collector, "renamed-by-env");
}

#[test]
fn service_name_inside_resource_attributes_beats_the_argument() {
    let collector = grpc_collector(None);
    let (out, _) = run(
        "telemetry_demo",
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
            (
                "OTEL_RESOURCE_ATTRIBUTES",
                "service.name=from%20resource,deployment.environment=ci",
            ),
        ],
    );
    assert_success(&out);
    check_demo_spans(&collector, "from resource");
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
        let (out, elapsed) = run(
            "telemetry_demo",
            &[],
            &[
                ("OTEL_EXPORTER_OTLP_PROTOCOL", protocol),
                ("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint),
            ],
        );
        let stderr = stderr(&out);
        assert_success(&out);
        assert!(
            stderr.contains("exporting 4 spans to"),
            "{protocol}: failure is reported: {stderr}"
        );
        assert!(
            elapsed < Duration::from_secs(20),
            "{protocol}: exit took {elapsed:?}"
        );
    }
}

#[test]
fn invalid_values_warn_and_fall_back_and_main_runs() {
    let collector = grpc_collector(None);
    let (out, _) = run(
        "telemetry_demo",
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
            ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "localhost 4317"),
            ("OTEL_EXPORTER_OTLP_TIMEOUT", "10s"),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "GRPC"),
            ("OTEL_BSP_SCHEDULE_DELAY", "soon"),
            ("OTEL_PROPAGATORS", "b3,tracecontext"),
            ("OTEL_TRACES_EXPORTER", "zipkin"),
            ("OTEL_SDK_DISABLED", "maybe"),
            ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=ci"),
        ],
    );
    assert_success(&out);
    let stderr = stderr(&out);
    for warning in [
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT \"localhost 4317\"",
        "OTEL_EXPORTER_OTLP_TIMEOUT \"10s\"",
        "OTEL_BSP_SCHEDULE_DELAY \"soon\"",
        "OTEL_PROPAGATORS \"b3\"",
        "OTEL_TRACES_EXPORTER \"zipkin\"",
        "OTEL_SDK_DISABLED \"maybe\"",
    ] {
        assert!(stderr.contains(warning), "warns about {warning}: {stderr}");
    }
    check_demo_spans(&collector, "telemetry-demo");
}

#[test]
fn an_install_failure_is_reported_and_a_result_main_still_runs() {
    // A URL, but its host is no DNS name: the gRPC TLS exporter cannot be built.
    let (out, _) = run(
        "telemetry_probe",
        &["propagate"],
        &[("OTEL_EXPORTER_OTLP_ENDPOINT", "https://bad..host:4317")],
    );
    assert_success(&out);
    assert!(
        stderr(&out).contains("running without telemetry"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("remote=false"), "main ran");
}

#[test]
fn disabled_sdk_exports_nothing() {
    let collector = grpc_collector(None);
    let (out, _) = run(
        "telemetry_demo",
        &[],
        &[
            ("OTEL_SDK_DISABLED", "true"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
        ],
    );
    assert_success(&out);
    // The program has exited: anything it exported has been received.
    assert!(collector.spans().is_empty());
}

/// Runs the probe in `propagate` mode with an incoming trace context.
fn propagate(env: &[(&str, &str)]) -> (Output, std::collections::BTreeMap<String, String>) {
    let mut all = vec![
        (
            "PROBE_TRACEPARENT",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ),
        ("PROBE_BAGGAGE", "tenant.hint=acme"),
    ];
    all.extend_from_slice(env);
    let (out, _) = run("telemetry_probe", &["propagate"], &all);
    assert_success(&out);
    let lines = stdout(&out)
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    (out, lines)
}

#[test]
fn an_incoming_traceparent_is_continued_and_injected_downstream() {
    let collector = grpc_collector(None);
    let (_, lines) = propagate(&[("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint)]);
    assert_eq!(lines["remote"], "true");
    let spans = collector.spans();
    let server = find(&spans, "probe.server");
    let client = find(&spans, "probe.client");
    assert_eq!(hex(&server.trace_id), "4bf92f3577b34da6a3ce929d0e0e4736");
    assert_eq!(
        hex(&server.parent_span_id),
        "00f067aa0ba902b7",
        "the remote span is the parent"
    );
    assert_eq!(client.parent_span_id, server.span_id);
    assert_eq!(
        lines["traceparent"],
        format!(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-{}-01",
            hex(&client.span_id)
        ),
        "downstream gets the client span as its parent"
    );
    assert_eq!(lines["baggage"], "tenant.hint=acme");
}

#[test]
fn otel_propagators_none_turns_propagation_off() {
    let collector = grpc_collector(None);
    let (_, lines) = propagate(&[
        ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
        ("OTEL_PROPAGATORS", "none"),
    ]);
    assert_eq!(lines["remote"], "false");
    assert_eq!(lines["traceparent"], "");
    assert_eq!(lines["baggage"], "");
    let spans = collector.spans();
    assert_ne!(
        hex(&find(&spans, "probe.server").trace_id),
        "4bf92f3577b34da6a3ce929d0e0e4736"
    );
}

#[test]
fn traces_exporter_none_exports_nothing_but_still_propagates() {
    let collector = grpc_collector(None);
    let (_, lines) = propagate(&[
        ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
        ("OTEL_TRACES_EXPORTER", "none"),
    ]);
    assert_eq!(lines["remote"], "true");
    let traceparent = &lines["traceparent"];
    assert!(
        traceparent.starts_with("00-4bf92f3577b34da6a3ce929d0e0e4736-")
            && !traceparent.contains("00f067aa0ba902b7"),
        "a new span in the same trace: {traceparent}"
    );
    assert!(collector.spans().is_empty());
}

/// One `info` span, one `debug` span, then idle: after many batch intervals
/// the collector holds only the application's spans, never the exporter's own.
fn idle_run(collector: &Collector, protocol: &str, rust_log: Option<&str>, expected: &[&str]) {
    let delay = Duration::from_millis(200);
    let mut env = vec![
        ("OTEL_EXPORTER_OTLP_PROTOCOL", protocol),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint.as_str()),
        ("OTEL_BSP_SCHEDULE_DELAY", "200"),
    ];
    if let Some(filter) = rust_log {
        env.push(("RUST_LOG", filter));
    }
    let mut child = command("telemetry_probe", &env)
        .arg("idle")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("probe starts");
    let mut ready = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut ready)
        .expect("ready line");
    assert_eq!(ready.trim(), "ready");
    collector.wait_until("the application's spans", |s| s.len() >= expected.len());
    // The program now idles; its exporter keeps running every 200 ms. Watch
    // for ten intervals (more than two whatever the load): nothing else may arrive.
    let idle = Instant::now();
    while idle.elapsed() < delay * 10 {
        std::thread::sleep(delay);
        let mut got = names(&collector.spans());
        got.sort();
        assert_eq!(got, expected, "{protocol} {rust_log:?} while idle");
    }
    drop(child.stdin.take());
    assert!(child.wait().expect("probe exits").success());
    let mut got = names(&collector.spans());
    got.sort();
    assert_eq!(got, expected, "{protocol} {rust_log:?} after exit");
}

#[test]
fn the_exporter_never_exports_its_own_work_grpc() {
    idle_run(&grpc_collector(None), "grpc", None, &["probe.kept"]);
    // Everything enabled: the transport's TRACE spans exist, and are still not exported.
    idle_run(
        &grpc_collector(None),
        "grpc",
        Some("trace"),
        &["probe.debug", "probe.kept"],
    );
}

#[test]
fn the_exporter_never_exports_its_own_work_http() {
    idle_run(
        &http_collector(None),
        "http/protobuf",
        None,
        &["probe.kept"],
    );
    idle_run(
        &http_collector(None),
        "http/protobuf",
        Some("trace"),
        &["probe.debug", "probe.kept"],
    );
}

#[test]
fn flush_or_shutdown_then_process_exit_delivers_the_span() {
    for mode in ["exit-flush", "exit-shutdown"] {
        for (protocol, collector) in [
            ("grpc", grpc_collector(None)),
            ("http/protobuf", http_collector(None)),
        ] {
            let (out, _) = run(
                "telemetry_probe",
                &[mode],
                &[
                    ("OTEL_EXPORTER_OTLP_PROTOCOL", protocol),
                    ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
                ],
            );
            assert_success(&out);
            // `process::exit` skips every destructor: only the explicit call exported it.
            assert_eq!(
                names(&collector.spans()),
                ["probe.exit"],
                "{mode} {protocol}"
            );
        }
    }
}

#[test]
fn tracing_events_stay_visible_on_stderr_unless_turned_off() {
    let closed = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr");
    let endpoint = format!("http://{closed}");
    let (out, _) = run(
        "telemetry_probe",
        &["events"],
        &[("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint)],
    );
    assert!(
        stderr(&out).contains("probe info event"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("probe debug event"),
        "info by default"
    );

    let (out, _) = run(
        "telemetry_probe",
        &["events"],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint),
            ("RUST_LOG", "debug"),
        ],
    );
    assert!(
        stderr(&out).contains("probe debug event"),
        "RUST_LOG applies"
    );

    let (out, _) = run(
        "telemetry_probe",
        &["events"],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint),
            ("GREENTIC_TELEMETRY_STDERR", "false"),
        ],
    );
    assert!(!stderr(&out).contains("probe info event"), "turned off");
}

fn tls_run(protocol: &str, collector: &Collector, env: &[(&str, &str)]) -> Output {
    let mut all = vec![
        ("OTEL_EXPORTER_OTLP_PROTOCOL", protocol),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint.as_str()),
        ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=ci"),
    ];
    all.extend_from_slice(env);
    let (out, _) = run("telemetry_demo", &[], &all);
    assert_success(&out);
    out
}

#[test]
fn grpc_over_tls_trusts_a_private_ca() {
    let ca = TestCa::new("grpc");
    let ca_file = ca.ca_file.to_str().expect("utf-8 path");

    let collector = grpc_collector(Some(&ca));
    assert!(collector.endpoint.starts_with("https://"));
    tls_run(
        "grpc",
        &collector,
        &[("OTEL_EXPORTER_OTLP_CERTIFICATE", ca_file)],
    );
    check_demo_spans(&collector, "telemetry-demo");

    let collector = grpc_collector(Some(&ca));
    tls_run(
        "grpc",
        &collector,
        &[("OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", ca_file)],
    );
    check_demo_spans(&collector, "telemetry-demo");

    // Without the CA the server is not trusted: verification is really on.
    let collector = grpc_collector(Some(&ca));
    let out = tls_run("grpc", &collector, &[]);
    assert!(
        stderr(&out).contains("exporting 4 spans to"),
        "{}",
        stderr(&out)
    );
    assert!(collector.spans().is_empty());
}

#[test]
fn http_over_tls_trusts_a_private_ca() {
    let ca = TestCa::new("http");
    let ca_file = ca.ca_file.to_str().expect("utf-8 path");

    let collector = http_collector(Some(&ca));
    assert!(collector.endpoint.starts_with("https://"));
    tls_run(
        "http/protobuf",
        &collector,
        &[("OTEL_EXPORTER_OTLP_CERTIFICATE", ca_file)],
    );
    check_demo_spans(&collector, "telemetry-demo");

    let collector = http_collector(Some(&ca));
    tls_run(
        "http/protobuf",
        &collector,
        &[("OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", ca_file)],
    );
    check_demo_spans(&collector, "telemetry-demo");

    let collector = http_collector(Some(&ca));
    let out = tls_run("http/protobuf", &collector, &[]);
    assert!(
        stderr(&out).contains("exporting 4 spans to"),
        "{}",
        stderr(&out)
    );
    assert!(collector.spans().is_empty());
}

fn config(pairs: &[(&str, &str)]) -> (OtlpConfig, Vec<String>) {
    let mut warnings = Vec::new();
    let config = OtlpConfig::from_lookup(
        "svc",
        |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        },
        |w| warnings.push(w),
    );
    (config, warnings)
}

#[test]
fn configuration_follows_the_specification() {
    let (c, w) = config(&[]);
    assert!(w.is_empty());
    assert_eq!(c.endpoint, "http://localhost:4317");
    assert_eq!(c.protocol, OtlpProtocol::Grpc, "gRPC stays the default");
    assert_eq!(c.service_name, "svc");
    assert_eq!(c.timeout, Duration::from_secs(10));
    assert_eq!(c.timeout, DEFAULT_EXPORT_TIMEOUT);
    assert_eq!(c.batch_delay, DEFAULT_BATCH_DELAY);
    assert_eq!(c.exporter, TracesExporter::Otlp);
    assert_eq!(
        c.propagators,
        [Propagator::TraceContext, Propagator::Baggage]
    );
    assert_eq!(c.filter, "info");
    assert!(c.stderr && !c.disabled && c.certificate.is_none());

    // HTTP: its own default port, and /v1/traces under a base endpoint.
    let (c, _) = config(&[("OTEL_EXPORTER_OTLP_PROTOCOL", "HTTP/Protobuf")]);
    assert_eq!(c.protocol, OtlpProtocol::HttpProtobuf);
    assert_eq!(c.endpoint, "http://localhost:4318/v1/traces");
    let (c, _) = config(&[
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        (
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "https://collector:4318/otlp/",
        ),
    ]);
    assert_eq!(c.endpoint, "https://collector:4318/otlp/v1/traces");
    let (c, _) = config(&[
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://base:4318"),
        ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://x:1/custom"),
    ]);
    assert_eq!(
        c.endpoint, "http://x:1/custom",
        "the signal URL is used as is"
    );
    let (c, _) = config(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://base:4317")]);
    assert_eq!(c.endpoint, "http://base:4317", "gRPC takes the base as is");

    // Signal-specific variables win; an invalid one falls through to the next.
    let (c, w) = config(&[
        ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/json"),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
        ("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "250"),
        ("OTEL_EXPORTER_OTLP_TIMEOUT", "900"),
        ("OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", "/traces.pem"),
        ("OTEL_EXPORTER_OTLP_CERTIFICATE", "/all.pem"),
    ]);
    assert_eq!(
        c.protocol,
        OtlpProtocol::HttpProtobuf,
        "http/json falls back to http/protobuf"
    );
    assert!(
        w.iter().any(|w| w.contains("http/json is not supported")),
        "{w:?}"
    );
    assert_eq!(c.timeout, Duration::from_millis(250));
    assert_eq!(
        c.certificate.as_deref(),
        Some(std::path::Path::new("/traces.pem"))
    );
    let (c, w) = config(&[
        ("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "10s"),
        ("OTEL_EXPORTER_OTLP_TIMEOUT", "900"),
    ]);
    assert_eq!(c.timeout, Duration::from_millis(900));
    assert_eq!(w.len(), 1);
    let (c, w) = config(&[
        ("OTEL_EXPORTER_OTLP_TIMEOUT", "10s"),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://x"),
    ]);
    assert_eq!(c.timeout, DEFAULT_EXPORT_TIMEOUT);
    assert_eq!(c.protocol, OtlpProtocol::Grpc);
    assert_eq!(c.endpoint, "http://localhost:4317");
    assert_eq!(w.len(), 3, "{w:?}");

    // service.name: OTEL_SERVICE_NAME, then OTEL_RESOURCE_ATTRIBUTES, then the argument.
    let attrs = (
        "OTEL_RESOURCE_ATTRIBUTES",
        "service.name=res%2Cname, team = a b ",
    );
    let (c, w) = config(&[attrs]);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(c.service_name, "res,name");
    assert_eq!(
        c.resource_attributes,
        [("team".to_owned(), "a b".to_owned())]
    );
    let (c, _) = config(&[attrs, ("OTEL_SERVICE_NAME", "env-name")]);
    assert_eq!(c.service_name, "env-name");
    let (c, w) = config(&[("OTEL_RESOURCE_ATTRIBUTES", "service.name=x,broken")]);
    assert_eq!(
        c.service_name, "svc",
        "a malformed value is discarded whole"
    );
    assert!(c.resource_attributes.is_empty());
    assert_eq!(w.len(), 1);

    // Exporter, propagators, SDK switch, filter, stderr.
    let (c, _) = config(&[("OTEL_TRACES_EXPORTER", "None")]);
    assert_eq!(c.exporter, TracesExporter::None);
    let (c, _) = config(&[("OTEL_PROPAGATORS", "baggage")]);
    assert_eq!(c.propagators, [Propagator::Baggage]);
    let (c, _) = config(&[("OTEL_PROPAGATORS", "none")]);
    assert!(c.propagators.is_empty());
    let (c, w) = config(&[("OTEL_PROPAGATORS", "xray")]);
    assert_eq!(
        c.propagators,
        [Propagator::TraceContext, Propagator::Baggage]
    );
    assert_eq!(w.len(), 1);
    let (c, _) = config(&[("OTEL_SDK_DISABLED", "TRUE")]);
    assert!(c.disabled);
    let (c, _) = config(&[("RUST_LOG", "warn,my_crate=debug")]);
    assert_eq!(c.filter, "warn,my_crate=debug");
    let (c, w) = config(&[("RUST_LOG", "my_crate=loud")]);
    assert_eq!(c.filter, "info");
    assert_eq!(w.len(), 1);
    let (c, _) = config(&[("GREENTIC_TELEMETRY_STDERR", "false")]);
    assert!(!c.stderr);
    assert_eq!(
        c.shutdown_timeout(),
        DEFAULT_EXPORT_TIMEOUT + SHUTDOWN_MARGIN,
        "shutdown waits for an export that takes the whole timeout"
    );
}

#[test]
fn configuration_endpoints_without_a_scheme_and_invalid_urls() {
    // No scheme: host and port kept; https unless insecure (gRPC and HTTP alike).
    let (c, w) = config(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")]);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(c.endpoint, "https://collector:4317");
    let (c, _) = config(&[
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317"),
        ("OTEL_EXPORTER_OTLP_INSECURE", "TRUE"),
    ]);
    assert_eq!(c.endpoint, "http://collector:4317");
    let (c, _) = config(&[
        ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "collector:4317"),
        ("OTEL_EXPORTER_OTLP_TRACES_INSECURE", "true"),
        ("OTEL_EXPORTER_OTLP_INSECURE", "false"),
    ]);
    assert_eq!(
        c.endpoint, "http://collector:4317",
        "the signal variable wins"
    );
    let (c, _) = config(&[
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318"),
    ]);
    assert_eq!(c.endpoint, "https://collector:4318/v1/traces");
    let (c, w) = config(&[
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317"),
        ("OTEL_EXPORTER_OTLP_INSECURE", "yes"),
    ]);
    assert_eq!(c.endpoint, "https://collector:4317");
    assert_eq!(w.len(), 1, "{w:?}");
    // An explicit scheme is kept whatever INSECURE says.
    let (c, _) = config(&[
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector:4317"),
        ("OTEL_EXPORTER_OTLP_INSECURE", "true"),
    ]);
    assert_eq!(c.endpoint, "https://collector:4317");
    for good in [
        "http://[::1]:4317",
        "http://10.0.0.1:4317/x",
        "https://otel.example",
    ] {
        let (c, w) = config(&[("OTEL_EXPORTER_OTLP_ENDPOINT", good)]);
        assert!(w.is_empty(), "{good}: {w:?}");
        assert_eq!(c.endpoint, good);
    }
    for bad in [
        "http://[::1",
        "http://[::1]x",
        "http://[nope]:4317",
        "http://host:99999",
        "http://host:port",
        "http://:4317",
        "http://ho st:4317",
        "ftp://host:4317",
    ] {
        let (c, w) = config(&[("OTEL_EXPORTER_OTLP_ENDPOINT", bad)]);
        assert_eq!(c.endpoint, "http://localhost:4317", "{bad}");
        assert_eq!(w.len(), 1, "{bad}: {w:?}");
    }
}

#[test]
fn configuration_of_the_variables_the_sdk_reads() {
    // Sampler: names in any case; a ratio between 0 and 1, else 1.0 (reported).
    let (c, w) = config(&[]);
    assert!(w.is_empty());
    assert_eq!(c.sampler, TracesSampler::ParentBasedAlwaysOn);
    let (c, w) = config(&[
        ("OTEL_TRACES_SAMPLER", "ParentBased_TraceIdRatio"),
        ("OTEL_TRACES_SAMPLER_ARG", "0.25"),
    ]);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(c.sampler, TracesSampler::ParentBasedTraceIdRatio(0.25));
    let (c, w) = config(&[
        ("OTEL_TRACES_SAMPLER", "traceidratio"),
        ("OTEL_TRACES_SAMPLER_ARG", "1.5"),
    ]);
    assert_eq!(c.sampler, TracesSampler::TraceIdRatio(1.0));
    assert_eq!(w.len(), 1, "{w:?}");
    let (c, w) = config(&[("OTEL_TRACES_SAMPLER", "xray")]);
    assert_eq!(c.sampler, TracesSampler::ParentBasedAlwaysOn);
    assert!(w[0].contains("not supported"), "{w:?}");
    let (c, _) = config(&[("OTEL_TRACES_SAMPLER", "always_off")]);
    assert_eq!(c.sampler, TracesSampler::AlwaysOff);

    // Headers: the signal variable replaces the general one; values
    // percent-decoded; unusable entries reported and left out.
    let (c, w) = config(&[
        ("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "a=1"),
        ("OTEL_EXPORTER_OTLP_HEADERS", "b=2"),
    ]);
    assert!(w.is_empty());
    assert_eq!(c.headers, [("a".to_owned(), "1".to_owned())]);
    let (c, w) = config(&[(
        "OTEL_EXPORTER_OTLP_HEADERS",
        "Api-Key=x%2Cy, bad key=v, k=%zz, e=caf%C3%A9",
    )]);
    assert_eq!(
        c.headers,
        [
            ("api-key".to_owned(), "x,y".to_owned()),
            ("k".to_owned(), "%zz".to_owned()),
        ]
    );
    assert_eq!(w.len(), 3, "{w:?}");

    // Compression is not built in: reported; `none` is fine.
    let (_, w) = config(&[("OTEL_EXPORTER_OTLP_COMPRESSION", "none")]);
    assert!(w.is_empty());
    let (_, w) = config(&[
        ("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "brotli"),
        ("OTEL_EXPORTER_OTLP_COMPRESSION", "zstd"),
    ]);
    assert_eq!(w.len(), 2, "{w:?}");

    // Whole numbers the SDK reads itself.
    let (_, w) = config(&[
        ("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "512"),
        ("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "-1"),
    ]);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT \"-1\""),
        "{w:?}"
    );
}

// ---------------------------------------------------------------------------
// Review fixes: each test below failed before its fix.
// ---------------------------------------------------------------------------

/// Lines of `stderr` printed by the fmt layer for one of the exporter's own
/// transport crates (`TRACE h2::codec: ...`, `DEBUG hyper: ...`).
fn transport_lines(stderr: &str) -> Vec<&str> {
    const CRATES: &[&str] = &[
        "h2",
        "hyper",
        "hyper_util",
        "tonic",
        "tower",
        "reqwest",
        "rustls",
        "want",
        "opentelemetry_otlp",
        "opentelemetry_sdk",
    ];
    stderr
        .lines()
        .filter(|line| {
            CRATES
                .iter()
                .any(|c| line.contains(&format!(" {c}: ")) || line.contains(&format!(" {c}::")))
        })
        .collect()
}

#[test]
fn install_telemetry_runs_until_shutdown_as_in_0_4_13() {
    let collector = grpc_collector(None);
    let mut child = command(
        "telemetry_plain",
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
            ("OTEL_BSP_SCHEDULE_DELAY", "200"),
        ],
    )
    .arg("compat")
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::null())
    .spawn()
    .expect("example starts");
    let mut ready = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut ready)
        .expect("ready line");
    assert_eq!(ready.trim(), "ready");
    // `install_telemetry(..)?` returned long ago: the pipeline still exports.
    collector.wait_for("plain.compat.running");
    drop(child.stdin.take());
    assert!(child.wait().expect("exits").success());
    // `telemetry::shutdown()` before exit delivered the last batch.
    let mut got = names(&collector.spans());
    got.sort();
    assert_eq!(got, ["plain.compat.last", "plain.compat.running"]);
}

#[test]
fn the_guard_of_install_shuts_down_when_dropped() {
    // The default batch interval (5 s) never elapses: dropping the guard at
    // the end of `main` is what exports the span.
    let collector = grpc_collector(None);
    let (out, _) = run(
        "telemetry_plain",
        &["guard"],
        &[("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint)],
    );
    assert_success(&out);
    assert_eq!(names(&collector.spans()), ["plain.guard"]);

    // Dropped at once: telemetry is shut down, nothing is exported.
    let collector = grpc_collector(None);
    let (out, _) = run(
        "telemetry_plain",
        &["guard-dropped"],
        &[("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint)],
    );
    assert_success(&out);
    assert!(names(&collector.spans()).is_empty());
}

#[test]
fn install_inside_the_services_own_runtime_never_panics() {
    // `http://[::1` is not a URL: warned about, the default endpoint is used.
    let (out, _) = run(
        "telemetry_plain",
        &["tokio-main"],
        &[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://[::1")],
    );
    assert_success(&out);
    assert!(stdout(&out).contains("installed\n"), "{}", stdout(&out));
    assert!(stdout(&out).contains("body ran"));
    assert!(
        stderr(&out).contains("OTEL_EXPORTER_OTLP_ENDPOINT \"http://[::1\""),
        "{}",
        stderr(&out)
    );
    // A URL whose host is no DNS name: the gRPC TLS exporter cannot be built.
    // The error is returned, inside the service's own runtime, without a panic.
    let (out, _) = run(
        "telemetry_plain",
        &["tokio-main"],
        &[("OTEL_EXPORTER_OTLP_ENDPOINT", "https://bad..host:4317")],
    );
    assert_success(&out);
    assert!(
        stdout(&out).contains("not installed: cannot build the OTLP exporter"),
        "{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stdout(&out).contains("body ran"));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

#[test]
fn propagation_does_not_depend_on_the_log_level() {
    let remote_parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    // RUST_LOG=warn: none of the probe's spans is exported, yet the incoming
    // context is continued and passed on: downstream's parent is the remote span.
    let collector = grpc_collector(None);
    let (_, lines) = propagate(&[
        ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
        ("RUST_LOG", "warn"),
    ]);
    assert_eq!(lines["remote"], "true");
    assert_eq!(lines["traceparent"], remote_parent);
    assert_eq!(lines["baggage"], "tenant.hint=acme");
    assert!(
        names(&collector.spans()).is_empty(),
        "nothing exported at warn"
    );

    // A `debug` server span under the default `info`: not exported, and the
    // client span (exported) becomes a child of the remote span.
    let collector = grpc_collector(None);
    let (_, lines) = propagate(&[
        ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
        ("PROBE_DEBUG_SERVER", "1"),
    ]);
    assert_eq!(lines["remote"], "true");
    let spans = collector.spans();
    assert_eq!(names(&spans), ["probe.client"]);
    let client = &spans[0];
    assert_eq!(hex(&client.trace_id), "4bf92f3577b34da6a3ce929d0e0e4736");
    assert_eq!(hex(&client.parent_span_id), "00f067aa0ba902b7");
    assert_eq!(
        lines["traceparent"],
        format!(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-{}-01",
            hex(&client.span_id)
        )
    );
}

#[test]
fn sdk_variables_are_validated_and_headers_reach_the_collector() {
    for (protocol, collector) in [
        ("grpc", grpc_collector(None)),
        ("http/protobuf", http_collector(None)),
    ] {
        let (out, _) = run(
            "telemetry_demo",
            &[],
            &[
                ("OTEL_EXPORTER_OTLP_PROTOCOL", protocol),
                ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
                ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=ci"),
                (
                    "OTEL_EXPORTER_OTLP_HEADERS",
                    "x-api-key=secret%20value,novalue,=nokey",
                ),
                ("OTEL_TRACES_SAMPLER", "bogus"),
                ("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip"),
                ("OTEL_BSP_MAX_QUEUE_SIZE", "lots"),
            ],
        );
        assert_success(&out);
        let stderr = stderr(&out);
        for warning in [
            "OTEL_EXPORTER_OTLP_HEADERS entry \"novalue\"",
            "OTEL_EXPORTER_OTLP_HEADERS entry \"=nokey\"",
            "OTEL_TRACES_SAMPLER \"bogus\"",
            "OTEL_EXPORTER_OTLP_COMPRESSION \"gzip\"",
            "OTEL_BSP_MAX_QUEUE_SIZE \"lots\"",
        ] {
            assert!(
                stderr.contains(warning),
                "{protocol}: warns about {warning}: {stderr}"
            );
        }
        check_demo_spans(&collector, "telemetry-demo");
        let headers = collector.headers.lock().unwrap().clone();
        assert!(!headers.is_empty());
        for request in &headers {
            assert_eq!(
                request.get("x-api-key").map(String::as_str),
                Some("secret value"),
                "{protocol}: {request:?}"
            );
        }
    }

    // The sampler: names are case-insensitive; an unusable ratio is reported
    // and 1.0 applies; always_off exports nothing.
    let collector = grpc_collector(None);
    let (out, _) = run(
        "telemetry_demo",
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
            ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=ci"),
            ("OTEL_TRACES_SAMPLER", "traceidratio"),
            ("OTEL_TRACES_SAMPLER_ARG", "abc"),
        ],
    );
    assert_success(&out);
    assert!(
        stderr(&out).contains("OTEL_TRACES_SAMPLER_ARG \"abc\""),
        "{}",
        stderr(&out)
    );
    check_demo_spans(&collector, "telemetry-demo");
    let collector = grpc_collector(None);
    let (out, _) = run(
        "telemetry_demo",
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
            ("OTEL_TRACES_SAMPLER", "Always_Off"),
        ],
    );
    assert_success(&out);
    assert!(
        !stderr(&out).contains("OTEL_TRACES_SAMPLER"),
        "{}",
        stderr(&out)
    );
    assert!(names(&collector.spans()).is_empty());
}

#[test]
fn an_endpoint_without_a_scheme_keeps_its_host_and_port() {
    // No scheme and OTEL_EXPORTER_OTLP_INSECURE=true: plain gRPC.
    let collector = grpc_collector(None);
    let authority = collector.endpoint.trim_start_matches("http://").to_owned();
    let (out, _) = run(
        "telemetry_demo",
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &authority),
            ("OTEL_EXPORTER_OTLP_INSECURE", "true"),
            ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=ci"),
        ],
    );
    assert_success(&out);
    assert!(
        !stderr(&out).contains("OTEL_EXPORTER_OTLP_ENDPOINT"),
        "{}",
        stderr(&out)
    );
    check_demo_spans(&collector, "telemetry-demo");

    // No scheme, not insecure: TLS (here to a collector with a private CA).
    let ca = TestCa::new("schemeless");
    let collector = grpc_collector(Some(&ca));
    let authority = collector.endpoint.trim_start_matches("https://").to_owned();
    let (out, _) = run(
        "telemetry_demo",
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", &authority),
            (
                "OTEL_EXPORTER_OTLP_CERTIFICATE",
                ca.ca_file.to_str().unwrap(),
            ),
            ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=ci"),
        ],
    );
    assert_success(&out);
    check_demo_spans(&collector, "telemetry-demo");
}

#[test]
fn rust_log_trace_prints_no_transport_lines_on_stderr() {
    for (protocol, collector) in [
        ("grpc", grpc_collector(None)),
        ("http/protobuf", http_collector(None)),
    ] {
        let (out, _) = run(
            "telemetry_demo",
            &[],
            &[
                ("OTEL_EXPORTER_OTLP_PROTOCOL", protocol),
                ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
                ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=ci"),
                ("RUST_LOG", "trace"),
            ],
        );
        assert_success(&out);
        // The export really happened while the stderr layer was installed.
        check_demo_spans(&collector, "telemetry-demo");
        let stderr = stderr(&out);
        assert!(stderr.contains("telemetry demo done"), "{stderr}");
        let noise = transport_lines(&stderr);
        assert!(noise.is_empty(), "{protocol}: {noise:#?}");
    }
}

#[test]
fn the_readme_composable_setup_prints_no_transport_lines() {
    let collector = grpc_collector(None);
    let (out, _) = run(
        "telemetry_plain",
        &["layered"],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
            ("RUST_LOG", "trace"),
        ],
    );
    assert_success(&out);
    assert_eq!(names(&collector.spans()), ["plain.layered"]);
    let stderr = stderr(&out);
    assert!(stderr.contains("layered event"), "{stderr}");
    assert!(stderr.contains("layered debug event"), "{stderr}");
    let noise = transport_lines(&stderr);
    assert!(noise.is_empty(), "{noise:#?}");
}

#[test]
fn the_last_batch_waits_for_a_slow_collector() {
    // The collector answers after 7 s: later than 5 s, within the 10 s export timeout.
    let collector = telemetry_support::grpc_collector_with_delay(None, Duration::from_secs(7));
    let (out, elapsed) = run(
        "telemetry_demo",
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
            ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=ci"),
        ],
    );
    assert_success(&out);
    assert!(!stderr(&out).contains("failed"), "{}", stderr(&out));
    assert!(elapsed >= Duration::from_secs(7), "{elapsed:?}");
    // The collector keeps an export only once it has answered it.
    let start = Instant::now();
    while collector.spans().is_empty() && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
    }
    check_demo_spans(&collector, "telemetry-demo");
}

#[test]
fn http_export_errors_name_their_cause() {
    let closed = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr");
    let endpoint = format!("http://{closed}");
    let (out, _) = run(
        "telemetry_demo",
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint),
        ],
    );
    assert_success(&out);
    let text = stderr(&out).to_ascii_lowercase();
    assert!(text.contains("connection refused"), "{text}");

    let ca = TestCa::new("http-error");
    let collector = http_collector(Some(&ca));
    let (out, _) = run(
        "telemetry_demo",
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint),
        ],
    );
    assert_success(&out);
    let text = stderr(&out);
    assert!(
        text.contains("invalid peer certificate") && !text.contains("refused"),
        "{text}"
    );
}

#[test]
fn grpc_tls_works_without_a_platform_ca_store() {
    let ca = TestCa::new("nostore");
    let empty_dir = ca.ca_file.parent().unwrap().join("empty-store");
    std::fs::create_dir_all(&empty_dir).unwrap();
    let empty_file = empty_dir.join("none.pem");
    std::fs::write(&empty_file, "").unwrap();
    let no_store = [
        ("SSL_CERT_FILE", empty_file.to_str().unwrap()),
        ("SSL_CERT_DIR", empty_dir.to_str().unwrap()),
    ];
    for protocol in ["grpc", "http/protobuf"] {
        let collector = if protocol == "grpc" {
            grpc_collector(Some(&ca))
        } else {
            http_collector(Some(&ca))
        };
        // The private CA is trusted with an empty platform store.
        let mut env = no_store.to_vec();
        env.push((
            "OTEL_EXPORTER_OTLP_CERTIFICATE",
            ca.ca_file.to_str().unwrap(),
        ));
        let out = tls_run(protocol, &collector, &env);
        check_demo_spans(&collector, "telemetry-demo");
        assert!(
            !stderr(&out).contains("without telemetry"),
            "{}",
            stderr(&out)
        );

        // Without it: installed all the same (the Mozilla bundle), and each
        // failed export says why.
        let collector = if protocol == "grpc" {
            grpc_collector(Some(&ca))
        } else {
            http_collector(Some(&ca))
        };
        let out = tls_run(protocol, &collector, &no_store);
        let text = stderr(&out);
        assert!(!text.contains("without telemetry"), "{protocol}: {text}");
        assert!(!text.contains("panicked"), "{protocol}: {text}");
        assert!(
            text.contains("exporting 4 spans to") && text.contains("UnknownIssuer"),
            "{protocol}: {text}"
        );
        assert!(collector.spans().is_empty());

        // The platform store is really read: a store holding the CA is trusted.
        let collector = if protocol == "grpc" {
            grpc_collector(Some(&ca))
        } else {
            http_collector(Some(&ca))
        };
        tls_run(
            protocol,
            &collector,
            &[
                ("SSL_CERT_FILE", ca.ca_file.to_str().unwrap()),
                ("SSL_CERT_DIR", empty_dir.to_str().unwrap()),
            ],
        );
        check_demo_spans(&collector, "telemetry-demo");
    }
}

#[test]
fn a_task_tenant_is_forgotten_only_past_the_bound_and_says_so() {
    let tenant_of_long = |clear: &str| {
        let collector = grpc_collector(None);
        let (out, _) = run(
            "telemetry_probe",
            &["evict", "20000", clear],
            &[("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.endpoint)],
        );
        assert_success(&out);
        let spans = collector.spans();
        let long = find(&spans, "probe.long");
        (
            long.attr(OtlpKeys::TENANT_ID).map(str::to_owned),
            stderr(&out),
        )
    };
    // Tasks that clear their tenant leave nothing behind: no bound is reached.
    let (tenant, stderr) = tenant_of_long("clear");
    assert_eq!(tenant.as_deref(), Some("longlived"));
    assert!(!stderr.contains("forgotten"), "{stderr}");
    // 20 000 tasks that never clear: past the bound the least recently used
    // (here the long-lived task) are forgotten, never mixed up, and it is reported once.
    let (tenant, stderr) = tenant_of_long("keep");
    assert_eq!(tenant, None, "forgotten, never another task's");
    assert_eq!(stderr.matches("forgotten").count(), 1, "{stderr}");
    assert!(stderr.contains("16384"), "{stderr}");
}
