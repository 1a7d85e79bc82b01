//! The hot path: reading channel messages and events, as ratios within one run.
//!
//! Each group parses the same 5,000 JSON lines, one `serde_json::from_str`
//! per line (what a service calls):
//! - `channel_message_envelope`: `ChannelMessageEnvelope` (identifiers and
//!   tenant twins validated on deserialize) vs `serde::de::IgnoredAny` (the
//!   JSON scan alone), plus `plain_derive`, a serde derive of the same shape
//!   with `String` fields and no validation, for reference. Each line has a
//!   tenant context of 13 fields, a ~120-character text, one attachment and two
//!   metadata keys.
//! - with `--features check`, `registry_check_json`: what the CLI does per
//!   line (parse tracking the pointer, validate, write canonical JSON).
//! - `event_envelope`: `EventEnvelope` (small JSON payload, time normalised to
//!   UTC) vs `IgnoredAny`.
//!
//! The channel lines are also written to
//! `target/bench-data/channel-message-envelopes.jsonl`, so the CLI can be timed
//! over the same file:
//! `greentic-types validate --model channel-message-envelope --jsonl < FILE`.
//!
//! Run with `GLIBC_TUNABLES=glibc.malloc.trim_threshold=268435456:glibc.malloc.mmap_threshold=268435456`
//! for stable figures (glibc's heap trimming otherwise makes them swing).

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use greentic_types::{
    Attachment, ChannelMessageEnvelope, EnvId, EventEnvelope, EventId, TeamId, TenantCtx, TenantId,
    Timestamp, UserId,
};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::json;

const LINES: usize = 5_000;

/// `TenantCtx` as plain strings, no validation.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainCtx {
    env: String,
    tenant: String,
    tenant_id: String,
    team: Option<String>,
    team_id: Option<String>,
    user: Option<String>,
    user_id: Option<String>,
    session_id: Option<String>,
    flow_id: Option<String>,
    node_id: Option<String>,
    provider_id: Option<String>,
    trace_id: Option<String>,
    correlation_id: Option<String>,
    #[serde(default)]
    attributes: BTreeMap<String, String>,
    attempt: u32,
    idempotency_key: Option<String>,
}

/// `Attachment` as a plain serde derive.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainAttachment {
    mime_type: String,
    url: String,
    name: Option<String>,
    size_bytes: Option<u64>,
}

/// `ChannelMessageEnvelope` as a plain serde derive.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainEnvelope {
    id: String,
    tenant: PlainCtx,
    channel: String,
    session_id: String,
    user_id: Option<String>,
    text: Option<String>,
    #[serde(default)]
    attachments: Vec<PlainAttachment>,
    #[serde(default)]
    metadata: BTreeMap<String, String>,
}

/// A tenant context with 13 fields set (env, the tenant/team/user twins,
/// session, flow, node, provider, trace, attempt), varying per line.
fn tenant(i: usize) -> TenantCtx {
    TenantCtx::new(
        EnvId::new("prod").unwrap(),
        TenantId::new("acme-corp").unwrap(),
    )
    .with_team(Some(TeamId::new(format!("team-{}", i % 7)).unwrap()))
    .with_user(Some(UserId::new(format!("user-{}", i % 311)).unwrap()))
    .with_session(format!("sess-{i:06}"))
    .with_flow("support.triage")
    .with_node("classify")
    .with_provider("slack")
    .with_trace(format!("4bf92f3577b34da6a3ce929d0e0e{i:04x}"))
    .with_attempt((i % 3) as u32)
}

/// Channel messages as a service writes them (declaration key order).
fn channel_lines() -> Vec<String> {
    (0..LINES)
        .map(|i| {
            let msg = ChannelMessageEnvelope {
                id: format!("msg-{i:06}"),
                tenant: tenant(i),
                channel: "slack".into(),
                session_id: format!("sess-{i:06}"),
                user_id: Some(format!("user-{}", i % 311)),
                text: Some(format!(
                    "Hi team, order #{i:06} was charged twice this morning; could you check the payment log and refund the duplicate? Thanks!"
                )),
                attachments: vec![Attachment {
                    mime_type: "image/png".into(),
                    url: format!("https://files.example.com/uploads/{i:06}/receipt.png"),
                    name: Some("receipt.png".into()),
                    size_bytes: Some(20_480 + i as u64),
                }],
                metadata: BTreeMap::from([
                    ("locale".into(), "en-GB".into()),
                    ("thread".into(), format!("t-{}", i % 97)),
                ]),
            };
            serde_json::to_string(&msg).unwrap()
        })
        .collect()
}

/// Events as a provider writes them (declaration key order, UTC times).
fn event_lines() -> Vec<String> {
    (0..LINES)
        .map(|i| {
            let time = format!(
                "2024-05-01T{:02}:{:02}:{:02}.{:03}Z",
                10 + i % 10,
                i % 60,
                (i * 7) % 60,
                i % 1000
            );
            let event = EventEnvelope {
                id: EventId::new(format!("evt-{i:06}")).unwrap(),
                topic: "orders".into(),
                r#type: "order.created".into(),
                source: "shop".into(),
                tenant: tenant(i),
                subject: Some(format!("order/{i}")),
                time: Timestamp::parse_rfc3339(&time).unwrap(),
                correlation_id: Some(format!("corr-{i}")),
                payload: json!({"order": i, "total_cents": 1999 + i, "currency": "EUR"}),
                metadata: BTreeMap::from([("schema".into(), "v1".into())]),
            };
            serde_json::to_string(&event).unwrap()
        })
        .collect()
}

/// Writes the channel lines where the CLI measurement reads them.
fn write_jsonl(lines: &[String]) {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("bench-data");
    let path = dir.join("channel-message-envelopes.jsonl");
    let mut text = lines.join("\n");
    text.push('\n');
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, text)) {
        Ok(()) => eprintln!("wrote {}", path.display()),
        Err(e) => eprintln!("could not write {}: {e}", path.display()),
    }
}

fn bench(c: &mut Criterion) {
    let channel = channel_lines();
    write_jsonl(&channel);
    assert!(
        channel
            .iter()
            .all(|l| serde_json::from_str::<ChannelMessageEnvelope>(l).is_ok())
    );
    let mut g = c.benchmark_group("channel_message_envelope");
    g.bench_function("IgnoredAny", |b| b.iter(|| count::<IgnoredAny>(&channel)));
    g.bench_function("ChannelMessageEnvelope", |b| {
        b.iter(|| count::<ChannelMessageEnvelope>(&channel))
    });
    g.bench_function("plain_derive", |b| {
        b.iter(|| count::<PlainEnvelope>(&channel))
    });
    // What the CLI does per line, in process (parse with pointer tracking,
    // validate, write canonical JSON): with `--features check`.
    #[cfg(feature = "check")]
    {
        let entry = greentic_types::registry::entry("channel-message-envelope").unwrap();
        g.bench_function("registry_check_json", |b| {
            b.iter(|| {
                channel
                    .iter()
                    .filter(|l| black_box(entry.check_json(black_box(l))).is_ok())
                    .count()
            })
        });
    }
    g.finish();

    let events = event_lines();
    assert!(
        events
            .iter()
            .all(|l| serde_json::from_str::<EventEnvelope>(l).is_ok())
    );
    let mut g = c.benchmark_group("event_envelope");
    g.bench_function("IgnoredAny", |b| b.iter(|| count::<IgnoredAny>(&events)));
    g.bench_function("EventEnvelope", |b| {
        b.iter(|| count::<EventEnvelope>(&events))
    });
    g.finish();
}

/// Parses every line as `T`, keeping each value alive until counted.
fn count<T: serde::de::DeserializeOwned>(lines: &[String]) -> usize {
    lines
        .iter()
        .filter(|l| black_box(serde_json::from_str::<T>(black_box(l))).is_ok())
        .count()
}

criterion_group!(benches, bench);
criterion_main!(benches);
