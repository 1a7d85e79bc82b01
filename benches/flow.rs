//! What reading flows and pack manifests costs, as ratios within one run to
//! `serde_json::from_slice::<IgnoredAny>` over the same bytes (the parse alone).
//!
//! - `flow_2000`: a generated 2,000-node flow (~0.5 MB; each node with a
//!   nested `config` object of ~130 bytes and a `routing` list) read as `Flow`
//!   (ids validated, duplicate node ids rejected), beside a plain serde derive
//!   of the same shape without any validation, the same flow as YAML, and
//!   (feature `check`) the registry's check, what the CLI calls;
//! - `pack_manifest_500`: a 500-flow, 500-component pack manifest read as
//!   `PackManifest` (ids and `SemverReq`s checked), beside a plain derive and
//!   (feature `check`) the registry's check.
//!
//! Run with `cargo bench --bench flow --features yaml -- --warm-up-time 1
//! --measurement-time 3`, with and without
//! `GLIBC_TUNABLES=glibc.malloc.trim_threshold=268435456:glibc.malloc.mmap_threshold=268435456`
//! (glibc's heap trimming makes large-document figures swing from run to run).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use greentic_types::{Flow, PackManifest};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;

type Fnv = core::hash::BuildHasherDefault<fnv::FnvHasher>;

/// `Flow` as a plain derive: `String`s, no id rules, no duplicate check.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainFlow {
    kind: String,
    id: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    nodes: indexmap::IndexMap<String, PlainNode, Fnv>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainNode {
    kind: String,
    #[serde(default)]
    profile: Option<String>,
    #[serde(default)]
    component: Option<String>,
    #[serde(default)]
    config: Value,
    #[serde(default)]
    routing: Value,
}

/// `PackManifest` as a plain derive: `String`s, no id or version rules.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainPack {
    id: String,
    version: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    flows: Vec<PlainFlowRef>,
    #[serde(default)]
    components: Vec<PlainComponentRef>,
    #[serde(default)]
    kind: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainFlowRef {
    id: String,
    file: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainComponentRef {
    id: String,
    version_req: String,
    #[serde(default)]
    source: Option<String>,
}

/// A 2,000-node flow, each node routing to the next two.
fn big_flow() -> String {
    let mut s = String::from(
        r#"{"kind":"messaging","id":"bench.flow","description":"generated","nodes":{"#,
    );
    for i in 0..2000 {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            concat!(
                r#""node-{i:04}":{{"kind":"component","profile":"default","component":"greentic.component-{c:03}","#,
                r#""config":{{"model":"gpt-small","temperature":0.2,"max_tokens":512,"prompt":"Answer the customer politely","tags":["support","tier-{t}"],"retries":3}},"#,
                r#""routing":["node-{a:04}","node-{b:04}"]}}"#
            ),
            i = i,
            c = i % 150,
            t = i % 3,
            a = (i + 1) % 2000,
            b = (i + 2) % 2000,
        ));
    }
    s.push_str("}}");
    s
}

/// A pack manifest with 500 flows and 500 components.
fn big_pack() -> String {
    let flows: Vec<String> = (0..500)
        .map(|i| format!(r#"{{"id":"flow-{i:04}","file":"flows/flow-{i:04}.ygtc"}}"#))
        .collect();
    let components: Vec<String> = (0..500)
        .map(|i| {
            format!(
                r#"{{"id":"greentic.component-{i:04}","version_req":">=1.{m}.0, <2.0.0","source":"oci://ghcr.io/greentic/component-{i:04}"}}"#,
                m = i % 10
            )
        })
        .collect();
    format!(
        r#"{{"id":"greentic.bench","version":"1.2.3","name":"Bench","kind":"application","flows":[{}],"components":[{}]}}"#,
        flows.join(","),
        components.join(",")
    )
}

fn bench(c: &mut Criterion) {
    let flow = big_flow();
    assert!(serde_json::from_str::<Flow>(&flow).is_ok_and(|f| f.nodes.len() == 2000));
    let yaml = serde_norway::to_string(&serde_json::from_str::<Flow>(&flow).unwrap()).unwrap();
    eprintln!(
        "flow_2000: {} bytes of JSON, {} bytes of YAML",
        flow.len(),
        yaml.len()
    );
    let bytes = flow.as_bytes();
    let mut g = c.benchmark_group("flow_2000");
    g.sample_size(30);
    g.bench_function("IgnoredAny", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(black_box(bytes)).unwrap())
    });
    g.bench_function("Flow", |b| {
        b.iter(|| serde_json::from_slice::<Flow>(black_box(bytes)).unwrap())
    });
    g.bench_function("plain_derive", |b| {
        b.iter(|| serde_json::from_slice::<PlainFlow>(black_box(bytes)).unwrap())
    });
    #[cfg(feature = "check")]
    {
        let entry = greentic_types::registry::entry("flow").unwrap();
        let text = std::str::from_utf8(bytes).unwrap();
        g.bench_function("registry_check_json", |b| {
            b.iter(|| entry.check_json(black_box(text)).unwrap())
        });
        #[cfg(feature = "yaml")]
        g.bench_function("registry_check_yaml", |b| {
            b.iter(|| entry.check_yaml(black_box(&yaml)).unwrap())
        });
    }
    g.bench_function("Flow_from_yaml", |b| {
        b.iter(|| serde_norway::from_str::<Flow>(black_box(&yaml)).unwrap())
    });
    g.finish();

    let pack = big_pack();
    assert!(serde_json::from_str::<PackManifest>(&pack).is_ok_and(|p| p.components.len() == 500));
    eprintln!("pack_manifest_500: {} bytes of JSON", pack.len());
    let bytes = pack.as_bytes();
    let mut g = c.benchmark_group("pack_manifest_500");
    g.bench_function("IgnoredAny", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(black_box(bytes)).unwrap())
    });
    g.bench_function("PackManifest", |b| {
        b.iter(|| serde_json::from_slice::<PackManifest>(black_box(bytes)).unwrap())
    });
    g.bench_function("plain_derive", |b| {
        b.iter(|| serde_json::from_slice::<PlainPack>(black_box(bytes)).unwrap())
    });
    #[cfg(feature = "check")]
    {
        let entry = greentic_types::registry::entry("pack-manifest").unwrap();
        let text = std::str::from_utf8(bytes).unwrap();
        g.bench_function("registry_check_json", |b| {
            b.iter(|| entry.check_json(black_box(text)).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
