//! Reading a flow costs the same per node at any size: `serde_json::from_str`
//! into `Flow` for flows of 1,000, 10,000 and 100,000 nodes (each node ~250
//! bytes: a component, a nested `config` object and a `routing` list, as in
//! `benches/flow.rs`). Criterion reports each size's throughput in nodes per
//! second; a closing summary prints the per-node time of each size (median of
//! its own runs) and its ratio to the 1,000-node figure, which must stay
//! within 1.5× at 100,000 nodes.
//!
//! Run with `cargo bench --bench scale -- --warm-up-time 1 --measurement-time 5`,
//! with and without
//! `GLIBC_TUNABLES=glibc.malloc.trim_threshold=268435456:glibc.malloc.mmap_threshold=268435456`
//! (glibc's heap trimming and mmap threshold change what freeing a large
//! document costs).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use greentic_types::Flow;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// A flow of `n` nodes, each routing to the next two.
fn flow(n: usize) -> String {
    let mut s = String::with_capacity(n * 260 + 64);
    s.push_str(r#"{"kind":"messaging","id":"bench.flow","description":"generated","nodes":{"#);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            concat!(
                r#""node-{i:06}":{{"kind":"component","profile":"default","component":"greentic.component-{c:03}","#,
                r#""config":{{"model":"gpt-small","temperature":0.2,"max_tokens":512,"prompt":"Answer the customer politely","tags":["support","tier-{t}"],"retries":3}},"#,
                r#""routing":["node-{a:06}","node-{b:06}"]}}"#
            ),
            i = i,
            c = i % 150,
            t = i % 3,
            a = (i + 1) % n,
            b = (i + 2) % n,
        ));
    }
    s.push_str("}}");
    s
}

fn parse(text: &str) -> Flow {
    serde_json::from_str(text).expect("a valid flow")
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("flow_scale");
    group.sample_size(10);
    for n in SIZES {
        let text = flow(n);
        assert_eq!(parse(&text).nodes.len(), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| black_box(parse(black_box(text))))
        });
    }
    group.finish();
}

/// Per-node times of reading a flow of `n` nodes into `T`, and of reading and
/// dropping it: the medians of runs totalling about `budget`.
fn per_node<T: serde::de::DeserializeOwned>(
    text: &str,
    n: usize,
    budget: Duration,
) -> (Duration, Duration) {
    let (mut parse, mut total) = (Vec::new(), Vec::new());
    let start = Instant::now();
    while parse.len() < 5 || (start.elapsed() < budget && parse.len() < 1_000) {
        let t = Instant::now();
        let value: T = serde_json::from_str(black_box(text)).expect("a valid flow");
        parse.push(t.elapsed());
        drop(black_box(value));
        total.push(t.elapsed());
    }
    let median = |mut v: Vec<Duration>| {
        v.sort_unstable();
        v[v.len() / 2] / n as u32
    };
    (median(parse), median(total))
}

/// Per-node times of `Flow` at every size (read, and read then dropped),
/// beside the same document read as `serde_json::Value` (the free-form values
/// a flow holds, without the model) and as `IgnoredAny` (the scan alone):
/// growth that `Value` shows too belongs to the allocator and the memory
/// hierarchy, not to the model.
fn summary() {
    let tunables = std::env::var("GLIBC_TUNABLES").unwrap_or_else(|_| "(unset)".into());
    eprintln!("\nper-node times (GLIBC_TUNABLES={tunables}):");
    let budget = Duration::from_secs(3);
    let mut base = None;
    let ns = |d: Duration| d.as_secs_f64() * 1e9;
    for n in SIZES {
        let text = flow(n);
        let (parse, total) = per_node::<Flow>(&text, n, budget);
        let (value, _) = per_node::<serde_json::Value>(&text, n, budget);
        let (scan, _) = per_node::<serde::de::IgnoredAny>(&text, n, budget);
        let (base_parse, base_total) = *base.get_or_insert((parse, total));
        let ratio = parse.as_secs_f64() / base_parse.as_secs_f64();
        eprintln!(
            "  {n:>7} nodes: Flow read {:>7.1} ns/node ({ratio:.2}× the 1,000-node figure), \
             read+drop {:>7.1} ({:.2}×); Value read {:>7.1}; IgnoredAny {:>6.1}",
            ns(parse),
            ns(total),
            total.as_secs_f64() / base_total.as_secs_f64(),
            ns(value),
            ns(scan)
        );
        if n == 100_000 {
            eprintln!(
                "  100,000 nodes read within 1.5× of 1,000: {}",
                if ratio <= 1.5 { "yes" } else { "NO" }
            );
        }
    }
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    summary();
}
