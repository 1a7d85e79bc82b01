//! What the identity core's guarantees cost, as ratios within one run.
//!
//! Each group pairs an operation with its unchecked baseline:
//! - `id`: `TenantId::new` (rule check + copy) vs `String::from` (copy only);
//! - `tenant_ctx_de`: `TenantCtx` from JSON (ids validated, twins checked) vs
//!   a plain serde struct of `String`s with the same fields;
//! - `validate`: `SessionData::validate()` vs `clone()` of the same value;
//! - `idempotency_key`: `make_idempotency_key` vs `format!` of its input.

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use greentic_types::{
    EnvId, FlowId, SessionCursor, SessionData, TeamId, TenantCtx, TenantId, UserId, Validate,
    make_idempotency_key,
};
use serde::Deserialize;

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
    #[serde(default)]
    attributes: BTreeMap<String, String>,
    attempt: u32,
}

fn ctx() -> TenantCtx {
    TenantCtx::new(
        EnvId::new("prod").unwrap(),
        TenantId::new("acme-corp.eu").unwrap(),
    )
    .with_team(Some(TeamId::new("payments").unwrap()))
    .with_user(Some(UserId::new("user-42").unwrap()))
    .with_session("s-1")
    .with_flow("checkout")
    .with_node("charge")
    .with_attributes(BTreeMap::from([("region".into(), "eu".into())]))
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("id");
    let raw = "acme-corp.eu-west-1_prod";
    g.bench_function("TenantId::new", |b| {
        b.iter(|| TenantId::new(black_box(raw)))
    });
    g.bench_function("String::from", |b| b.iter(|| String::from(black_box(raw))));
    g.finish();

    let json = serde_json::to_string(&ctx()).unwrap();
    let mut g = c.benchmark_group("tenant_ctx_de");
    g.bench_function("TenantCtx", |b| {
        b.iter(|| serde_json::from_str::<TenantCtx>(black_box(&json)).unwrap())
    });
    g.bench_function("plain_strings", |b| {
        b.iter(|| serde_json::from_str::<PlainCtx>(black_box(&json)).unwrap())
    });
    g.finish();

    let data = SessionData {
        tenant_ctx: ctx(),
        flow_id: FlowId::new("checkout").unwrap(),
        cursor: SessionCursor::new("charge").with_wait_reason("3ds"),
        context_json: "{\"cart\":[1,2,3]}".into(),
    };
    let mut g = c.benchmark_group("validate");
    g.bench_function("SessionData::validate", |b| {
        b.iter(|| black_box(&data).validate())
    });
    g.bench_function("SessionData::clone", |b| {
        b.iter(|| black_box(&data).clone())
    });
    g.finish();

    let c0 = ctx();
    let mut g = c.benchmark_group("idempotency_key");
    g.bench_function("make_idempotency_key", |b| {
        b.iter(|| make_idempotency_key(black_box(&c0), "checkout", Some("charge"), Some("corr-1")))
    });
    g.bench_function("format_input", |b| {
        b.iter(|| {
            format!(
                "{}|{}|{}|{}",
                black_box(&c0).tenant_id,
                "checkout",
                "charge",
                "corr-1"
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
