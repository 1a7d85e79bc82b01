//! Tenant context is task-safe: spans exported to a real (in-process) gRPC
//! collector carry the tenant of the task or scope that created them, never
//! another task's, on current-thread and multi-thread runtimes alike.
#![cfg(feature = "telemetry-autoinit")]

mod telemetry_support;

use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::ThreadId;
use std::time::Duration;

use greentic_types::telemetry::{
    self, OtlpConfig, OtlpKeys, clear_current_tenant_ctx, in_tenant_ctx, set_current_tenant_ctx,
    tenant_scope, with_tenant_ctx,
};
use greentic_types::{EnvId, TenantCtx, TenantId};
use telemetry_support::{Collector, Span, grpc_collector};
use tracing::Instrument as _;

/// One pipeline for the whole test binary, exporting every 100 ms.
fn collector() -> &'static Collector {
    static COLLECTOR: OnceLock<Collector> = OnceLock::new();
    COLLECTOR.get_or_init(|| {
        let collector = grpc_collector(None);
        let mut config = OtlpConfig::new("tenant-tests");
        config.endpoint = collector.endpoint.clone();
        config.batch_delay = Duration::from_millis(100);
        config.stderr = false;
        std::mem::forget(telemetry::install_with(config).expect("install"));
        collector
    })
}

fn ctx(tenant: &str) -> TenantCtx {
    TenantCtx::new(
        EnvId::new("test").expect("env"),
        TenantId::new(tenant).expect("tenant"),
    )
}

/// Flushes, then waits until every span in `names` has arrived; returns them by name.
fn received(names: &[&str]) -> std::collections::BTreeMap<String, Span> {
    let collector = collector();
    telemetry::flush();
    let spans = collector.wait_until(&format!("{names:?}"), |spans| {
        names.iter().all(|n| spans.iter().any(|s| s.name == *n))
    });
    spans
        .into_iter()
        .filter(|s| names.contains(&s.name.as_str()))
        .map(|s| (s.name.clone(), s))
        .collect()
}

fn tenant(span: &Span) -> Option<&str> {
    span.attr(OtlpKeys::TENANT_ID)
}

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn multi_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .expect("runtime")
}

#[test]
fn a_tenant_set_in_one_task_never_reaches_another_on_the_same_thread() {
    collector();
    let runtime = current_thread();
    let threads = Arc::new(Mutex::new(HashSet::<ThreadId>::new()));
    runtime.block_on(async {
        let (a_set, b_wait) = tokio::sync::oneshot::channel::<()>();
        let (b_done, a_wait) = tokio::sync::oneshot::channel::<()>();
        let seen = threads.clone();
        let a = tokio::spawn(async move {
            set_current_tenant_ctx(&ctx("acme"));
            seen.lock().unwrap().insert(std::thread::current().id());
            a_set.send(()).unwrap();
            // Yields: task B runs on this same thread meanwhile.
            a_wait.await.unwrap();
            tracing::info_span!("t1.a.after.yield").in_scope(|| {});
        });
        let seen = threads.clone();
        let b = tokio::spawn(async move {
            b_wait.await.unwrap();
            seen.lock().unwrap().insert(std::thread::current().id());
            tracing::info_span!("t1.b").in_scope(|| {});
            b_done.send(()).unwrap();
        });
        a.await.unwrap();
        b.await.unwrap();
    });
    assert_eq!(threads.lock().unwrap().len(), 1, "both tasks on one thread");
    let spans = received(&["t1.a.after.yield", "t1.b"]);
    assert_eq!(tenant(&spans["t1.b"]), None, "no tenant lent by task A");
    assert_eq!(tenant(&spans["t1.a.after.yield"]), Some("acme"));
}

#[test]
fn a_tenant_set_outside_any_task_never_reaches_tasks_polled_on_that_thread() {
    collector();
    let runtime = current_thread();
    runtime.block_on(async {
        // `block_on`'s own future runs outside any task: the thread's scope.
        set_current_tenant_ctx(&ctx("acme"));
        tokio::spawn(async {
            tracing::info_span!("t2.spawned").in_scope(|| {});
        })
        .await
        .unwrap();
        tracing::info_span!("t2.block_on").in_scope(|| {});
        clear_current_tenant_ctx();
        tracing::info_span!("t2.cleared").in_scope(|| {});
    });
    let spans = received(&["t2.spawned", "t2.block_on", "t2.cleared"]);
    assert_eq!(tenant(&spans["t2.spawned"]), None);
    assert_eq!(tenant(&spans["t2.block_on"]), Some("acme"));
    assert_eq!(tenant(&spans["t2.cleared"]), None);
}

#[test]
fn spawned_with_tenant_ctx_is_static_and_keeps_its_tenant_on_every_thread() {
    collector();
    let runtime = multi_thread();
    let threads = Arc::new(Mutex::new(HashSet::<ThreadId>::new()));
    let names: Vec<String> = (0..20).map(|i| format!("t3.step.{i}")).collect();
    runtime.block_on(async {
        let handle = {
            // A local context: the spawned future must not borrow it.
            let local = ctx("globex");
            let seen = threads.clone();
            let names = names.clone();
            tokio::spawn(with_tenant_ctx(&local, async move {
                for name in &names {
                    seen.lock().unwrap().insert(std::thread::current().id());
                    tracing::info_span!("step", otel.name = name.as_str()).in_scope(|| {});
                    tokio::time::sleep(Duration::from_millis(2)).await;
                }
            }))
        };
        handle.await.unwrap();
    });
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let spans = received(&refs);
    for name in &refs {
        assert_eq!(tenant(&spans[*name]), Some("globex"), "{name}");
    }
}

#[test]
fn set_current_tenant_ctx_follows_each_task_across_threads_and_never_crosses() {
    collector();
    const TASKS: usize = 32;
    const STEPS: usize = 8;
    // A task usually changes worker when it sleeps; run again in the rare
    // case none did, so the test always covers a task moving between threads.
    for attempt in 0..5 {
        let runtime = multi_thread();
        let migrated = Arc::new(Mutex::new(0usize));
        runtime.block_on(async {
            let mut handles = Vec::new();
            for task in 0..TASKS {
                let migrated = migrated.clone();
                handles.push(tokio::spawn(async move {
                    set_current_tenant_ctx(&ctx(&format!("tenant-{task}")));
                    let mut threads = HashSet::new();
                    for step in 0..STEPS {
                        threads.insert(std::thread::current().id());
                        let name = format!("t4.{attempt}.{task}.{step}");
                        tracing::info_span!("step", otel.name = name.as_str()).in_scope(|| {});
                        tokio::time::sleep(Duration::from_millis(1)).await;
                    }
                    if threads.len() > 1 {
                        *migrated.lock().unwrap() += 1;
                    }
                }));
            }
            for handle in handles {
                handle.await.unwrap();
            }
        });
        let names: Vec<String> = (0..TASKS)
            .flat_map(|t| (0..STEPS).map(move |s| format!("t4.{attempt}.{t}.{s}")))
            .collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let spans = received(&refs);
        for task in 0..TASKS {
            for step in 0..STEPS {
                let name = format!("t4.{attempt}.{task}.{step}");
                assert_eq!(
                    tenant(&spans[&name]),
                    Some(format!("tenant-{task}").as_str()),
                    "{name}"
                );
            }
        }
        if *migrated.lock().unwrap() > 0 {
            return;
        }
    }
    panic!("no task ever changed threads: the scenario was not exercised");
}

#[test]
fn with_tenant_ctx_composes_with_instrument_in_both_orders() {
    collector();
    let runtime = multi_thread();
    runtime.block_on(async {
        let outer = tracing::info_span!("t5.parent.outer");
        tokio::spawn(
            with_tenant_ctx(&ctx("acme"), async {
                tokio::task::yield_now().await;
                tracing::info_span!("t5.child.outer").in_scope(|| {});
            })
            .instrument(outer),
        )
        .await
        .unwrap();
        let inner = tracing::info_span!("t5.parent.inner");
        tokio::spawn(with_tenant_ctx(
            &ctx("acme"),
            async {
                tokio::task::yield_now().await;
                tracing::info_span!("t5.child.inner").in_scope(|| {});
            }
            .instrument(inner),
        ))
        .await
        .unwrap();
    });
    let spans = received(&[
        "t5.parent.outer",
        "t5.child.outer",
        "t5.parent.inner",
        "t5.child.inner",
    ]);
    for order in ["outer", "inner"] {
        let parent = &spans[&format!("t5.parent.{order}")];
        let child = &spans[&format!("t5.child.{order}")];
        assert_eq!(tenant(child), Some("acme"), "{order}: tenant kept");
        assert_eq!(child.parent_span_id, parent.span_id, "{order}: parent kept");
        assert_eq!(child.trace_id, parent.trace_id, "{order}: same trace");
    }
}

#[test]
fn a_tenant_set_under_a_shared_span_stays_with_its_task() {
    collector();
    let runtime = current_thread();
    runtime.block_on(async {
        let shared = tracing::info_span!("t6.shared");
        let (a_set, b_wait) = tokio::sync::oneshot::channel::<()>();
        let (b_done, a_wait) = tokio::sync::oneshot::channel::<()>();
        let a = tokio::spawn(
            async move {
                set_current_tenant_ctx(&ctx("acme"));
                a_set.send(()).unwrap();
                a_wait.await.unwrap();
                tracing::info_span!("t6.a").in_scope(|| {});
            }
            .instrument(shared.clone()),
        );
        let b = tokio::spawn(
            async move {
                b_wait.await.unwrap();
                tracing::info_span!("t6.b").in_scope(|| {});
                b_done.send(()).unwrap();
            }
            .instrument(shared),
        );
        a.await.unwrap();
        b.await.unwrap();
    });
    let spans = received(&["t6.shared", "t6.a", "t6.b"]);
    assert_eq!(tenant(&spans["t6.a"]), Some("acme"));
    assert_eq!(
        tenant(&spans["t6.b"]),
        None,
        "the shared span carries no tenant to B"
    );
    assert_eq!(spans["t6.b"].parent_span_id, spans["t6.shared"].span_id);
}

#[test]
fn scopes_nest_and_set_current_stays_inside_its_scope() {
    collector();
    let runtime = multi_thread();
    runtime.block_on(async {
        tokio::spawn(with_tenant_ctx(&ctx("acme"), async {
            set_current_tenant_ctx(&ctx("globex"));
            tokio::time::sleep(Duration::from_millis(2)).await;
            tracing::info_span!("t7.replaced").in_scope(|| {});
            in_tenant_ctx(&ctx("initech"), || {
                tracing::info_span!("t7.closure").in_scope(|| {});
            });
            tracing::info_span!("t7.after.closure").in_scope(|| {});
            clear_current_tenant_ctx();
            tracing::info_span!("t7.cleared").in_scope(|| {});
        }))
        .await
        .unwrap();
        // The scope ended with its future: this task never saw it.
        tokio::spawn(async {
            tracing::info_span!("t7.elsewhere").in_scope(|| {});
        })
        .await
        .unwrap();
    });
    let spans = received(&[
        "t7.replaced",
        "t7.closure",
        "t7.after.closure",
        "t7.cleared",
        "t7.elsewhere",
    ]);
    assert_eq!(tenant(&spans["t7.replaced"]), Some("globex"));
    assert_eq!(tenant(&spans["t7.closure"]), Some("initech"));
    assert_eq!(tenant(&spans["t7.after.closure"]), Some("globex"));
    assert_eq!(tenant(&spans["t7.cleared"]), None);
    assert_eq!(tenant(&spans["t7.elsewhere"]), None);
}

#[test]
fn a_spawned_task_inherits_the_tenant_of_its_parent_span() {
    collector();
    let runtime = multi_thread();
    runtime.block_on(async {
        let request = in_tenant_ctx(&ctx("acme"), || tracing::info_span!("t8.request"));
        tokio::spawn(
            async {
                tokio::task::yield_now().await;
                tracing::info_span!("t8.child").in_scope(|| {});
            }
            .instrument(request),
        )
        .await
        .unwrap();
    });
    let spans = received(&["t8.request", "t8.child"]);
    assert_eq!(tenant(&spans["t8.request"]), Some("acme"));
    assert_eq!(tenant(&spans["t8.child"]), Some("acme"));
    assert_eq!(
        spans["t8.child"].parent_span_id,
        spans["t8.request"].span_id
    );
}

#[test]
fn plain_threads_keep_their_own_tenant() {
    collector();
    let (set_tx, set_rx) = std::sync::mpsc::channel::<()>();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let a = std::thread::spawn(move || {
        set_current_tenant_ctx(&ctx("acme"));
        set_tx.send(()).unwrap();
        done_rx.recv().unwrap();
        tracing::info_span!("t9.a").in_scope(|| {});
    });
    let b = std::thread::spawn(move || {
        set_rx.recv().unwrap();
        tracing::info_span!("t9.b").in_scope(|| {});
        done_tx.send(()).unwrap();
    });
    a.join().unwrap();
    b.join().unwrap();
    let spans = received(&["t9.a", "t9.b"]);
    assert_eq!(tenant(&spans["t9.a"]), Some("acme"));
    assert_eq!(tenant(&spans["t9.b"]), None);
}

/// One message handler: learns its tenant (if any) once running, yields, then
/// creates its span.
async fn handler(tenant: Option<&str>, name: &str) {
    if let Some(tenant) = tenant {
        set_current_tenant_ctx(&ctx(tenant));
    }
    tokio::task::yield_now().await;
    tracing::info_span!("handler", otel.name = name).in_scope(|| {});
}

#[test]
fn handlers_joined_in_one_task_share_its_tenant_unless_each_has_a_scope() {
    collector();
    let runtime = multi_thread();
    runtime.block_on(async {
        tokio::spawn(async {
            // As documented: the unit is the task, so concurrent futures in it
            // share one tenant, whichever was set last (here globex, set by
            // the third handler before any span is created).
            tokio::join!(
                biased;
                handler(Some("acme"), "t10.shared.a"),
                handler(None, "t10.shared.b"),
                handler(Some("globex"), "t10.shared.c"),
            );
            clear_current_tenant_ctx();
            // The documented fix: a scope per future.
            tokio::join!(
                tenant_scope(handler(Some("acme"), "t10.scoped.a")),
                tenant_scope(handler(None, "t10.scoped.b")),
                tenant_scope(handler(Some("globex"), "t10.scoped.c")),
            );
            // Or the tenant given up front.
            tokio::join!(
                with_tenant_ctx(&ctx("acme"), handler(None, "t10.with.a")),
                handler(None, "t10.with.b"),
                with_tenant_ctx(&ctx("initech"), handler(Some("globex"), "t10.with.c")),
            );
        })
        .await
        .unwrap();
    });
    let spans = received(&[
        "t10.shared.a",
        "t10.shared.b",
        "t10.shared.c",
        "t10.scoped.a",
        "t10.scoped.b",
        "t10.scoped.c",
        "t10.with.a",
        "t10.with.b",
        "t10.with.c",
    ]);
    for name in ["t10.shared.a", "t10.shared.b", "t10.shared.c"] {
        assert_eq!(tenant(&spans[name]), Some("globex"), "{name}");
    }
    assert_eq!(tenant(&spans["t10.scoped.a"]), Some("acme"));
    assert_eq!(tenant(&spans["t10.scoped.b"]), None);
    assert_eq!(tenant(&spans["t10.scoped.c"]), Some("globex"));
    assert_eq!(tenant(&spans["t10.with.a"]), Some("acme"));
    assert_eq!(tenant(&spans["t10.with.b"]), None);
    assert_eq!(
        tenant(&spans["t10.with.c"]),
        Some("globex"),
        "set inside the scope replaces the scope's tenant, for that future only"
    );
}
