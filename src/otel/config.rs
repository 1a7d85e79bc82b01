//! The configuration of the telemetry pipeline, read from the OpenTelemetry
//! environment variables with the specification's defaults and precedence.
//!
//! Every value that cannot be used is reported through `warn` and replaced by
//! its default: the environment never stops a program.

use std::borrow::ToOwned;
use std::path::PathBuf;
use std::string::String;
use std::time::Duration;
use std::vec::Vec;
use std::{format, vec};

/// The gRPC endpoint used when the environment names none (gRPC is the default protocol).
pub const DEFAULT_ENDPOINT: &str = "http://localhost:4317";
/// The HTTP/protobuf traces endpoint used when the environment names none.
pub const DEFAULT_HTTP_ENDPOINT: &str = "http://localhost:4318/v1/traces";
/// How long one export may take unless `OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT` says otherwise.
pub const DEFAULT_EXPORT_TIMEOUT: Duration = Duration::from_secs(10);
/// How often buffered spans are exported unless `OTEL_BSP_SCHEDULE_DELAY` says otherwise.
pub const DEFAULT_BATCH_DELAY: Duration = Duration::from_secs(5);
/// How much longer than one export's timeout [`shutdown`](crate::telemetry::shutdown)
/// and [`flush`](crate::telemetry::flush) wait for the last batch: they wait at
/// most [`OtlpConfig::shutdown_timeout`], the export timeout plus this margin,
/// so a collector that answers within the export timeout still gets the batch.
pub const SHUTDOWN_MARGIN: Duration = Duration::from_secs(2);
/// The level filter used when `RUST_LOG` is unset or invalid.
pub const DEFAULT_FILTER: &str = "info";

/// The wire protocol of the exporter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtlpProtocol {
    /// OTLP over gRPC: the default here, as in 0.4.13 (the specification's default is HTTP).
    Grpc,
    /// OTLP over HTTP with protobuf bodies.
    HttpProtobuf,
}

/// Where finished spans go (`OTEL_TRACES_EXPORTER`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TracesExporter {
    /// To an OTLP collector (default).
    Otlp,
    /// Nowhere: spans still get trace ids (so propagation works) but are not exported.
    None,
}

/// Which spans are sampled (`OTEL_TRACES_SAMPLER`, `OTEL_TRACES_SAMPLER_ARG`).
///
/// Ratios are between 0.0 and 1.0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TracesSampler {
    /// Every span (`always_on`).
    AlwaysOn,
    /// No span: nothing is exported (`always_off`).
    AlwaysOff,
    /// A fraction of the traces, by trace id (`traceidratio`).
    TraceIdRatio(f64),
    /// As the parent when there is one, else every span (`parentbased_always_on`, the default).
    ParentBasedAlwaysOn,
    /// As the parent when there is one, else none (`parentbased_always_off`).
    ParentBasedAlwaysOff,
    /// As the parent when there is one, else a fraction by trace id (`parentbased_traceidratio`).
    ParentBasedTraceIdRatio(f64),
}

/// A context propagator for [`inject_context`](crate::telemetry::inject_context) and
/// [`extract_context`](crate::telemetry::extract_context) (`OTEL_PROPAGATORS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Propagator {
    /// W3C Trace Context: the `traceparent` and `tracestate` headers.
    TraceContext,
    /// W3C Baggage: the `baggage` header.
    Baggage,
}

/// The settings the telemetry pipeline is built from: what
/// [`install_telemetry`](crate::telemetry::install_telemetry) derives from its
/// argument and the environment.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct OtlpConfig {
    /// `service.name` of every span.
    pub service_name: String,
    /// Other resource attributes (`OTEL_RESOURCE_ATTRIBUTES`, `service.name` excluded).
    pub resource_attributes: Vec<(String, String)>,
    /// `OTEL_SDK_DISABLED=true`: no export and no propagators.
    pub disabled: bool,
    /// Where spans go.
    pub exporter: TracesExporter,
    /// The traces endpoint, used as is (for HTTP it already ends in `/v1/traces`
    /// when it came from a base endpoint).
    pub endpoint: String,
    /// Wire protocol.
    pub protocol: OtlpProtocol,
    /// Per-export timeout; [`shutdown`](crate::telemetry::shutdown) waits for
    /// the last batch at most this plus [`SHUTDOWN_MARGIN`].
    pub timeout: Duration,
    /// Extra request headers (gRPC metadata), e.g. an API key
    /// (`OTEL_EXPORTER_OTLP_[TRACES_]HEADERS`, values percent-decoded).
    pub headers: Vec<(String, String)>,
    /// Which spans are sampled.
    pub sampler: TracesSampler,
    /// A PEM file of the CA certificates to trust instead of the platform's roots.
    pub certificate: Option<PathBuf>,
    /// The propagators installed as the global text-map propagator (empty: none).
    pub propagators: Vec<Propagator>,
    /// How often buffered spans are exported.
    pub batch_delay: Duration,
    /// `tracing` filter directives (`RUST_LOG` syntax) for what is exported and printed.
    pub filter: String,
    /// Whether the all-in-one install prints `tracing` events on stderr.
    pub stderr: bool,
}

impl OtlpConfig {
    /// The defaults for `service_name`, ignoring the environment.
    pub fn new(service_name: &str) -> Self {
        Self {
            service_name: default_service_name(service_name),
            resource_attributes: Vec::new(),
            disabled: false,
            exporter: TracesExporter::Otlp,
            endpoint: DEFAULT_ENDPOINT.to_owned(),
            protocol: OtlpProtocol::Grpc,
            timeout: DEFAULT_EXPORT_TIMEOUT,
            headers: Vec::new(),
            sampler: TracesSampler::ParentBasedAlwaysOn,
            certificate: None,
            propagators: vec![Propagator::TraceContext, Propagator::Baggage],
            batch_delay: DEFAULT_BATCH_DELAY,
            filter: DEFAULT_FILTER.to_owned(),
            stderr: true,
        }
    }

    /// The configuration for `service_name` under the process environment;
    /// every unusable value is reported on stderr and replaced by its default.
    pub fn from_env(service_name: &str) -> Self {
        Self::from_lookup(
            service_name,
            |name| std::env::var(name).ok(),
            |warning| crate::otel::report(&warning),
        )
    }

    /// Like [`OtlpConfig::from_env`], reading variables through `lookup` and
    /// passing each warning to `warn`.
    pub fn from_lookup(
        service_name: &str,
        lookup: impl Fn(&str) -> Option<String>,
        mut warn: impl FnMut(String),
    ) -> Self {
        let env = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let mut config = Self::new(service_name);

        if let Some(v) = env("OTEL_SDK_DISABLED") {
            config.disabled = parse_bool("OTEL_SDK_DISABLED", &v, false, &mut warn);
        }

        // Resource: OTEL_SERVICE_NAME, then service.name in OTEL_RESOURCE_ATTRIBUTES, then the argument.
        if let Some(v) = env("OTEL_RESOURCE_ATTRIBUTES") {
            match parse_resource_attributes(&v) {
                Ok(pairs) => {
                    for (key, value) in pairs {
                        if key == "service.name" {
                            if !value.is_empty() {
                                config.service_name = value;
                            }
                        } else {
                            config.resource_attributes.push((key, value));
                        }
                    }
                }
                Err(why) => warn(format!(
                    "OTEL_RESOURCE_ATTRIBUTES {v:?} is ignored: {why} (expected key=value,key=value)"
                )),
            }
        }
        if let Some(v) = env("OTEL_SERVICE_NAME") {
            config.service_name = v;
        }

        if let Some(v) = env("OTEL_TRACES_EXPORTER") {
            config.exporter = parse_exporter(&v, &mut warn);
        }

        let mut protocol = None;
        for name in [
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
            "OTEL_EXPORTER_OTLP_PROTOCOL",
        ] {
            if let Some(v) = env(name) {
                protocol = parse_protocol(name, &v, &mut warn);
                if protocol.is_some() {
                    break;
                }
            }
        }
        config.protocol = protocol.unwrap_or(OtlpProtocol::Grpc);

        // An endpoint without a scheme keeps its host and port; the scheme is
        // `http` when OTEL_EXPORTER_OTLP_[TRACES_]INSECURE is true, else `https`.
        let mut insecure = false;
        for name in [
            "OTEL_EXPORTER_OTLP_TRACES_INSECURE",
            "OTEL_EXPORTER_OTLP_INSECURE",
        ] {
            if let Some(v) = env(name) {
                insecure = parse_bool(name, &v, false, &mut warn);
                break;
            }
        }
        let signal = env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").and_then(|v| {
            with_scheme(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                &v,
                insecure,
                &mut warn,
            )
        });
        let base = env("OTEL_EXPORTER_OTLP_ENDPOINT")
            .and_then(|v| with_scheme("OTEL_EXPORTER_OTLP_ENDPOINT", &v, insecure, &mut warn));
        config.endpoint = match (signal, base, config.protocol) {
            (Some(signal), _, _) => signal,
            (None, Some(base), OtlpProtocol::Grpc) => base,
            (None, Some(base), OtlpProtocol::HttpProtobuf) => traces_url(&base),
            (None, None, OtlpProtocol::Grpc) => DEFAULT_ENDPOINT.to_owned(),
            (None, None, OtlpProtocol::HttpProtobuf) => DEFAULT_HTTP_ENDPOINT.to_owned(),
        };

        config.timeout = first_millis(
            &env,
            &[
                "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
                "OTEL_EXPORTER_OTLP_TIMEOUT",
            ],
            &mut warn,
        )
        .unwrap_or(DEFAULT_EXPORT_TIMEOUT);

        config.headers = match env("OTEL_EXPORTER_OTLP_TRACES_HEADERS") {
            Some(v) => parse_headers("OTEL_EXPORTER_OTLP_TRACES_HEADERS", &v, &mut warn),
            None => env("OTEL_EXPORTER_OTLP_HEADERS")
                .map(|v| parse_headers("OTEL_EXPORTER_OTLP_HEADERS", &v, &mut warn))
                .unwrap_or_default(),
        };
        check_compression(&env, &mut warn);
        config.sampler = parse_sampler(
            env("OTEL_TRACES_SAMPLER").as_deref(),
            env("OTEL_TRACES_SAMPLER_ARG").as_deref(),
            &mut warn,
        );
        // Read by the OpenTelemetry SDK itself, which ignores an unusable value
        // silently: the same check, reported.
        for name in SDK_NUMBERS {
            if let Some(v) = lookup(name).filter(|v| !v.is_empty())
                && v.parse::<u32>().is_err()
            {
                warn(format!(
                    "{name} {v:?} is not a whole number; ignored (the SDK's default applies)"
                ));
            }
        }

        config.certificate = env("OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE")
            .or_else(|| env("OTEL_EXPORTER_OTLP_CERTIFICATE"))
            .map(PathBuf::from);

        if let Some(v) = env("OTEL_PROPAGATORS") {
            config.propagators = parse_propagators(&v, &mut warn);
        }

        config.batch_delay = first_millis(&env, &["OTEL_BSP_SCHEDULE_DELAY"], &mut warn)
            .unwrap_or(DEFAULT_BATCH_DELAY);

        if let Some(v) = env("RUST_LOG") {
            match tracing_subscriber::EnvFilter::try_new(&v) {
                Ok(_) => config.filter = v,
                Err(e) => warn(format!(
                    "RUST_LOG {v:?} is not a valid filter ({e}); using {DEFAULT_FILTER:?}"
                )),
            }
        }

        if let Some(v) = env("GREENTIC_TELEMETRY_STDERR") {
            config.stderr = parse_bool("GREENTIC_TELEMETRY_STDERR", &v, true, &mut warn);
        }
        config
    }

    /// How long [`shutdown`](crate::telemetry::shutdown) (and
    /// [`flush`](crate::telemetry::flush)) wait at most for the last batch:
    /// the export timeout plus [`SHUTDOWN_MARGIN`].
    pub fn shutdown_timeout(&self) -> Duration {
        self.timeout.saturating_add(SHUTDOWN_MARGIN)
    }

    /// Whether `endpoint` is an `http://` or `https://` URL with a host (a
    /// name, an IPv4 address or a bracketed IPv6 address) and an optional port.
    pub(crate) fn endpoint_is_valid(endpoint: &str) -> bool {
        if endpoint
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
        {
            return false;
        }
        let Some(rest) = endpoint
            .strip_prefix("http://")
            .or_else(|| endpoint.strip_prefix("https://"))
        else {
            return false;
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
        let (host_ok, port) = if let Some(bracketed) = host_port.strip_prefix('[') {
            match bracketed.split_once(']') {
                Some((ip, after)) => (
                    ip.parse::<std::net::Ipv6Addr>().is_ok(),
                    match after.strip_prefix(':') {
                        Some(port) => Some(port),
                        None if after.is_empty() => None,
                        None => return false,
                    },
                ),
                None => return false,
            }
        } else {
            let (host, port) = match host_port.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (host_port, None),
            };
            let host_ok = !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._~%!$&'()*+,;=".contains(c));
            (host_ok, port)
        };
        host_ok && port.is_none_or(|p| p.parse::<u16>().is_ok())
    }
}

/// Variables the OpenTelemetry SDK reads itself as whole numbers.
const SDK_NUMBERS: [&str; 7] = [
    "OTEL_BSP_MAX_QUEUE_SIZE",
    "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
    "OTEL_BSP_EXPORT_TIMEOUT",
    "OTEL_BSP_MAX_CONCURRENT_EXPORTS",
    "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT",
    "OTEL_SPAN_EVENT_COUNT_LIMIT",
    "OTEL_SPAN_LINK_COUNT_LIMIT",
];

fn default_service_name(argument: &str) -> String {
    let argument = argument.trim();
    if argument.is_empty() {
        "unknown_service".to_owned()
    } else {
        argument.to_owned()
    }
}

fn parse_bool(name: &str, value: &str, default: bool, warn: &mut impl FnMut(String)) -> bool {
    if value.eq_ignore_ascii_case("true") {
        true
    } else if value.eq_ignore_ascii_case("false") {
        false
    } else {
        warn(format!(
            "{name} {value:?} is neither true nor false; using {default}"
        ));
        default
    }
}

fn parse_protocol(name: &str, value: &str, warn: &mut impl FnMut(String)) -> Option<OtlpProtocol> {
    match value.to_ascii_lowercase().as_str() {
        "grpc" => Some(OtlpProtocol::Grpc),
        "http/protobuf" => Some(OtlpProtocol::HttpProtobuf),
        "http/json" => {
            warn(format!(
                "{name}=http/json is not supported by this build; using http/protobuf (same endpoint)"
            ));
            Some(OtlpProtocol::HttpProtobuf)
        }
        _ => {
            warn(format!(
                "{name} {value:?} is not an OTLP protocol (grpc, http/protobuf); ignored"
            ));
            None
        }
    }
}

/// `value` as an endpoint URL: as is when it names a scheme, else with
/// `http://` (insecure) or `https://` in front, so `collector:4317` keeps its
/// host and port. `None` (reported) when it is not a usable URL.
fn with_scheme(
    name: &str,
    value: &str,
    insecure: bool,
    warn: &mut impl FnMut(String),
) -> Option<String> {
    let url = if has_scheme(value) {
        value.to_owned()
    } else {
        format!("{}://{value}", if insecure { "http" } else { "https" })
    };
    if OtlpConfig::endpoint_is_valid(&url) {
        Some(url)
    } else {
        warn(format!(
            "{name} {value:?} is not an http:// or https:// URL with a host; ignored"
        ));
        None
    }
}

/// Whether `value` starts with `scheme://` (a scheme is a letter followed by
/// letters, digits, `+`, `-` or `.`).
fn has_scheme(value: &str) -> bool {
    value.split_once("://").is_some_and(|(scheme, _)| {
        let mut chars = scheme.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// `key=value,key=value` request headers, values percent-decoded. Unusable
/// entries are reported and left out (as the exporter itself leaves them out).
fn parse_headers(name: &str, value: &str, warn: &mut impl FnMut(String)) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in value.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let Some((key, raw)) = entry.split_once('=') else {
            warn(format!("{name} entry {entry:?} is not key=value; ignored"));
            continue;
        };
        let (key, raw) = (key.trim(), raw.trim());
        if key.is_empty() || raw.is_empty() {
            warn(format!(
                "{name} entry {entry:?} has an empty name or value; ignored"
            ));
            continue;
        }
        if !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
        {
            warn(format!(
                "{name} entry {entry:?}: {key:?} is not a header name; ignored"
            ));
            continue;
        }
        let value = match crate::text::percent_decode(raw) {
            Some(decoded) => decoded,
            None => {
                warn(format!(
                    "{name} entry {entry:?}: the value is not valid percent-encoding; sent as written"
                ));
                raw.to_owned()
            }
        };
        if !value
            .chars()
            .all(|c| c == ' ' || c == '\t' || c.is_ascii_graphic())
        {
            warn(format!(
                "{name} entry {entry:?}: the value is not printable ASCII; ignored"
            ));
            continue;
        }
        out.push((key.to_ascii_lowercase(), value));
    }
    out
}

/// Exports are never compressed by this build: a compression asked for is
/// reported (the exporter would ignore it silently).
fn check_compression(env: &impl Fn(&str) -> Option<String>, warn: &mut impl FnMut(String)) {
    for name in [
        "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION",
        "OTEL_EXPORTER_OTLP_COMPRESSION",
    ] {
        let Some(value) = env(name) else { continue };
        match value.to_ascii_lowercase().as_str() {
            "none" => return,
            "gzip" | "zstd" => warn(format!(
                "{name} {value:?} is not built into greentic-types; exports are sent uncompressed"
            )),
            _ => warn(format!(
                "{name} {value:?} is not a compression (gzip, zstd, none); ignored"
            )),
        }
    }
}

fn parse_sampler(
    sampler: Option<&str>,
    arg: Option<&str>,
    warn: &mut impl FnMut(String),
) -> TracesSampler {
    let default = TracesSampler::ParentBasedAlwaysOn;
    let Some(sampler) = sampler else {
        return default;
    };
    let mut ratio = || match arg {
        None => 1.0,
        Some(arg) => match arg.parse::<f64>() {
            Ok(r) if (0.0..=1.0).contains(&r) => r,
            _ => {
                warn(format!(
                    "OTEL_TRACES_SAMPLER_ARG {arg:?} is not a ratio between 0 and 1; using 1.0"
                ));
                1.0
            }
        },
    };
    match sampler.to_ascii_lowercase().as_str() {
        "always_on" => TracesSampler::AlwaysOn,
        "always_off" => TracesSampler::AlwaysOff,
        "traceidratio" => TracesSampler::TraceIdRatio(ratio()),
        "parentbased_always_on" => TracesSampler::ParentBasedAlwaysOn,
        "parentbased_always_off" => TracesSampler::ParentBasedAlwaysOff,
        "parentbased_traceidratio" => TracesSampler::ParentBasedTraceIdRatio(ratio()),
        "jaeger_remote" | "parentbased_jaeger_remote" | "xray" => {
            warn(format!(
                "OTEL_TRACES_SAMPLER {sampler:?} is not supported by this build; using parentbased_always_on"
            ));
            default
        }
        _ => {
            warn(format!(
                "OTEL_TRACES_SAMPLER {sampler:?} is not a sampler (always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio); using parentbased_always_on"
            ));
            default
        }
    }
}

/// The traces URL under a base endpoint: `<base>/v1/traces`.
fn traces_url(base: &str) -> String {
    format!("{}/v1/traces", base.trim_end_matches('/'))
}

fn first_millis(
    env: &impl Fn(&str) -> Option<String>,
    names: &[&str],
    warn: &mut impl FnMut(String),
) -> Option<Duration> {
    names.iter().find_map(|name| {
        let value = env(name)?;
        match value.parse::<u64>() {
            Ok(ms) if ms > 0 => Some(Duration::from_millis(ms)),
            _ => {
                warn(format!(
                    "{name} {value:?} is not a positive whole number of milliseconds; ignored"
                ));
                None
            }
        }
    })
}

fn parse_exporter(value: &str, warn: &mut impl FnMut(String)) -> TracesExporter {
    let mut otlp = false;
    let mut none = false;
    for entry in value.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        match entry.to_ascii_lowercase().as_str() {
            "otlp" => otlp = true,
            "none" => none = true,
            _ => warn(format!(
                "OTEL_TRACES_EXPORTER {entry:?} is not supported (otlp, none); ignored"
            )),
        }
    }
    if otlp || !none {
        TracesExporter::Otlp
    } else {
        TracesExporter::None
    }
}

fn parse_propagators(value: &str, warn: &mut impl FnMut(String)) -> Vec<Propagator> {
    let mut out = Vec::new();
    let mut none = false;
    let mut known = false;
    for entry in value.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let propagator = match entry.to_ascii_lowercase().as_str() {
            "tracecontext" => Propagator::TraceContext,
            "baggage" => Propagator::Baggage,
            "none" => {
                none = true;
                known = true;
                continue;
            }
            _ => {
                warn(format!(
                    "OTEL_PROPAGATORS {entry:?} is not supported (tracecontext, baggage, none); ignored"
                ));
                continue;
            }
        };
        known = true;
        if !out.contains(&propagator) {
            out.push(propagator);
        }
    }
    if none {
        if !out.is_empty() {
            warn(
                "OTEL_PROPAGATORS lists \"none\" with other propagators; none installed".to_owned(),
            );
        }
        Vec::new()
    } else if known {
        out
    } else {
        vec![Propagator::TraceContext, Propagator::Baggage]
    }
}

/// `key=value,key=value` with percent-encoded keys and values (W3C Baggage
/// octets); any malformed entry rejects the whole value, as the specification says.
fn parse_resource_attributes(value: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for entry in value.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let (key, value) = entry
            .split_once('=')
            .ok_or_else(|| format!("{entry:?} has no '='"))?;
        let key = crate::text::percent_decode(key.trim())
            .ok_or_else(|| format!("{key:?} is not valid"))?;
        let value = crate::text::percent_decode(value.trim())
            .ok_or_else(|| format!("{value:?} is not valid"))?;
        if key.is_empty() {
            return Err(format!("{entry:?} has an empty key"));
        }
        out.push((key, value));
    }
    Ok(out)
}

impl core::fmt::Display for OtlpProtocol {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::Grpc => "grpc",
            Self::HttpProtobuf => "http/protobuf",
        })
    }
}
