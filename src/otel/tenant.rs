//! Which tenant a new span belongs to, kept per task and never shared.
//!
//! A *tenant scope* is one unit of execution's say on the tenant:
//!
//! 1. a scope frame, pushed for the duration of one synchronous call
//!    ([`in_tenant_ctx`]) or one poll of a future ([`with_tenant_ctx`], the
//!    body of `#[telemetry::main]`); the future owns the frame's slot, so the
//!    tenant follows the future to whichever thread polls it;
//! 2. otherwise, inside a Tokio task: the task's own entry, keyed by its task id;
//! 3. otherwise (a plain thread): the thread's own slot.
//!
//! Frames are tagged with the task that pushed them, and a task only ever
//! sees its own frames, its own entry, or (outside any task) the thread's slot.
//! That is what keeps one task's tenant from reaching another task polled on
//! the same thread.
//!
//! The unit is a Tokio *task*, not a future: futures run concurrently inside
//! one task (`tokio::join!`, `select!`, `join_all`, `buffer_unordered`) share
//! its entry, and under another executor the tasks polled on one thread share
//! the thread's slot. Each of those futures gets a scope of its own from
//! [`with_tenant_ctx`] or [`tenant_scope`].
//!
//! Tokio offers no hook when a task ends, so a task's entry stays until the
//! task clears it; the map is bounded ([`TASK_TENANT_CAPACITY`]) and, past
//! the bound, forgets the least recently used entries (reported once on stderr).

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::string::ToString;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::Poll;
use std::vec::Vec;
use std::{thread_local, vec};

use opentelemetry::{KeyValue, StringValue, Value};

use crate::TenantCtx;
use crate::telemetry::OtlpKeys;

/// The span attributes of one tenant context.
#[derive(Clone, Debug, PartialEq)]
pub struct TenantAttributes(Vec<KeyValue>);

impl TenantAttributes {
    /// Every id present in `ctx`, under its [`OtlpKeys`] name.
    pub fn of(ctx: &TenantCtx) -> Self {
        fn value(s: &str) -> Value {
            Value::String(StringValue::from(Arc::<str>::from(s)))
        }
        let mut kv = vec![
            KeyValue::new(OtlpKeys::ENV_ID, value(ctx.env.as_str())),
            KeyValue::new(OtlpKeys::TENANT_ID, value(ctx.tenant_id.as_str())),
        ];
        let optional = [
            (OtlpKeys::TEAM_ID, ctx.team().map(|t| t.to_string())),
            (OtlpKeys::USER_ID, ctx.user().map(|u| u.to_string())),
            (OtlpKeys::SESSION_ID, ctx.session_id.clone()),
            (OtlpKeys::FLOW_ID, ctx.flow_id.clone()),
            (OtlpKeys::NODE_ID, ctx.node_id.clone()),
            (OtlpKeys::PROVIDER_ID, ctx.provider_id.clone()),
            (OtlpKeys::TRACE_ID, ctx.trace_id.clone()),
            (OtlpKeys::CORRELATION_ID, ctx.correlation_id.clone()),
        ];
        kv.extend(
            optional
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| KeyValue::new(k, value(&v)))),
        );
        Self(kv)
    }

    /// The attributes.
    pub fn as_slice(&self) -> &[KeyValue] {
        &self.0
    }
}

pub(crate) type Tenant = Arc<TenantAttributes>;

/// The tenant of one scope frame; `None` lets the enclosing scope show through.
#[derive(Debug, Default)]
struct Slot(Mutex<Option<Tenant>>);

impl Slot {
    fn new(tenant: Option<Tenant>) -> Arc<Self> {
        Arc::new(Self(Mutex::new(tenant)))
    }

    fn get(&self) -> Option<Tenant> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn set(&self, tenant: Option<Tenant>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = tenant;
    }
}

/// The unit of execution: a Tokio task, or the thread outside any task.
type Unit = Option<tokio::task::Id>;

struct Frame {
    unit: Unit,
    slot: Arc<Slot>,
}

thread_local! {
    static FRAMES: RefCell<Vec<Frame>> = const { RefCell::new(Vec::new()) };
    static THREAD_TENANT: RefCell<Option<Tenant>> = const { RefCell::new(None) };
}

fn unit() -> Unit {
    tokio::task::try_id()
}

/// Tenants set by Tokio tasks outside any scope frame, by task id (Tokio
/// never reuses the id of a task while it runs). Bounded: past
/// [`TASK_TENANT_CAPACITY`] entries the least recently used quarter is dropped
/// (those tasks' later spans then carry no tenant; never another's).
struct TaskTenants {
    entries: HashMap<tokio::task::Id, (Tenant, u64)>,
    tick: u64,
    reported: bool,
}

/// How many Tokio tasks can hold a tenant set by [`set_current_tenant_ctx`]
/// outside any scope at once. A task's entry is removed by
/// [`clear_current_tenant_ctx`]; Tokio has no hook for a task's end, so the
/// entry of a task that ended without clearing stays until, past this bound,
/// the least recently used quarter is forgotten: a forgotten task's later
/// spans carry no tenant (never another task's). The first time that happens
/// it is reported on stderr. Scopes ([`with_tenant_ctx`], [`tenant_scope`],
/// `#[telemetry::main]`'s body) use no entry at all.
pub const TASK_TENANT_CAPACITY: usize = 16_384;

static TASKS: Mutex<Option<TaskTenants>> = Mutex::new(None);

fn with_tasks<R>(f: impl FnOnce(&mut TaskTenants) -> R) -> R {
    let mut guard = TASKS.lock().unwrap_or_else(PoisonError::into_inner);
    let tasks = guard.get_or_insert_with(|| TaskTenants {
        entries: HashMap::new(),
        tick: 0,
        reported: false,
    });
    f(tasks)
}

fn task_get(id: tokio::task::Id) -> Option<Tenant> {
    with_tasks(|t| {
        t.tick += 1;
        let tick = t.tick;
        t.entries.get_mut(&id).map(|(tenant, used)| {
            *used = tick;
            tenant.clone()
        })
    })
}

fn task_set(id: tokio::task::Id, tenant: Option<Tenant>) {
    let first_eviction = with_tasks(|t| {
        t.tick += 1;
        match tenant {
            Some(tenant) => {
                t.entries.insert(id, (tenant, t.tick));
                if t.entries.len() > TASK_TENANT_CAPACITY {
                    let mut ticks: Vec<u64> = t.entries.values().map(|(_, used)| *used).collect();
                    let cut = ticks.len() / 4;
                    let (_, threshold, _) = ticks.select_nth_unstable(cut);
                    let threshold = *threshold;
                    t.entries.retain(|_, (_, used)| *used > threshold);
                    return !std::mem::replace(&mut t.reported, true);
                }
            }
            None => {
                t.entries.remove(&id);
            }
        }
        false
    });
    if first_eviction {
        super::report(&std::format!(
            "more than {TASK_TENANT_CAPACITY} Tokio tasks hold a tenant from set_current_tenant_ctx \
             without clearing it; the least recently used are forgotten (their later spans carry \
             no tenant). Clear it at the end of each task (clear_current_tenant_ctx) or scope \
             tasks with with_tenant_ctx / tenant_scope"
        ));
    }
}

/// The tenant of the innermost scope of the running unit, if any scope has one.
pub(crate) fn current_tenant() -> Option<Tenant> {
    let unit = unit();
    let framed = FRAMES
        .try_with(|frames| {
            frames
                .borrow()
                .iter()
                .rev()
                .filter(|f| f.unit == unit)
                .find_map(|f| f.slot.get())
        })
        .ok()
        .flatten();
    framed.or_else(|| match unit {
        Some(id) => task_get(id),
        None => THREAD_TENANT
            .try_with(|t| t.borrow().clone())
            .ok()
            .flatten(),
    })
}

/// Sets the innermost scope's tenant of the running unit.
fn set_innermost(tenant: Option<Tenant>) {
    let unit = unit();
    let framed = FRAMES
        .try_with(|frames| {
            let frames = frames.borrow();
            match frames.iter().rev().find(|f| f.unit == unit) {
                Some(frame) => {
                    frame.slot.set(tenant.clone());
                    true
                }
                None => false,
            }
        })
        .unwrap_or(false);
    if framed {
        return;
    }
    match unit {
        Some(id) => task_set(id, tenant),
        None => {
            let _ = THREAD_TENANT.try_with(|t| *t.borrow_mut() = tenant);
        }
    }
}

/// Pops its frame when dropped (also on unwind).
struct Pushed(Arc<Slot>);

fn push(slot: Arc<Slot>) -> Pushed {
    let frame = Frame {
        unit: unit(),
        slot: slot.clone(),
    };
    let _ = FRAMES.try_with(|frames| frames.borrow_mut().push(frame));
    Pushed(slot)
}

impl Drop for Pushed {
    fn drop(&mut self) {
        let _ = FRAMES.try_with(|frames| {
            let mut frames = frames.borrow_mut();
            if let Some(at) = frames.iter().rposition(|f| Arc::ptr_eq(&f.slot, &self.0)) {
                frames.remove(at);
            }
        });
    }
}

/// Makes `ctx` the tenant of the spans the caller creates from now on.
///
/// "The caller" is the innermost tenant scope of the code that calls it:
///
/// - inside [`with_tenant_ctx`] / [`tenant_scope`] / [`in_tenant_ctx`] / the
///   body of `#[telemetry::main]`: that scope (it follows the future across
///   threads, and ends with it);
/// - otherwise inside a Tokio task: that task, until it calls
///   [`clear_current_tenant_ctx`] (at most [`TASK_TENANT_CAPACITY`] tasks
///   at once: see there);
/// - otherwise: the current thread.
///
/// It never reaches another Tokio task, even one polled on the same thread,
/// nor another thread. **It is shared by everything in the same scope**:
/// futures run concurrently inside one task (`tokio::join!`, `select!`,
/// `join_all`, `buffer_unordered`, ...) see whichever tenant was set last, and
/// under an executor other than Tokio the tasks polled on one thread share
/// it. Give each such future its own scope:
///
/// ```no_run
/// use greentic_types::telemetry::{set_current_tenant_ctx, tenant_scope};
/// # async fn handle(msg: u32) {
/// #     let ctx = greentic_types::TenantCtx::new(
/// #         greentic_types::EnvId::new("prod").unwrap(),
/// #         greentic_types::TenantId::new("acme").unwrap(),
/// #     );
/// #     set_current_tenant_ctx(&ctx);
/// # }
/// # async fn consume() {
/// // Each handler sets its own tenant, and keeps it.
/// tokio::join!(tenant_scope(handle(1)), tenant_scope(handle(2)));
/// # }
/// ```
///
/// Spans created where no scope has a tenant inherit their parent span's.
pub fn set_current_tenant_ctx(ctx: &TenantCtx) {
    set_innermost(Some(Arc::new(TenantAttributes::of(ctx))));
}

/// Forgets the tenant [`set_current_tenant_ctx`] gave the innermost scope:
/// new spans then take an enclosing scope's tenant, or their parent span's.
pub fn clear_current_tenant_ctx() {
    set_innermost(None);
}

/// Runs `f` with `ctx` as the tenant of the spans it creates.
pub fn in_tenant_ctx<R>(ctx: &TenantCtx, f: impl FnOnce() -> R) -> R {
    let _pushed = push(Slot::new(Some(Arc::new(TenantAttributes::of(ctx)))));
    f()
}

/// Wraps `future` so the spans it creates, on whichever thread polls it, carry
/// `ctx`'s tenant. `ctx` is copied: the result is `'static` when `future` is,
/// so it can be spawned. Composes with `tracing::Instrument::instrument` in
/// either order: child spans keep both the tenant and their parent span.
pub fn with_tenant_ctx<F: Future>(ctx: &TenantCtx, future: F) -> WithTenant<F> {
    WithTenant {
        future,
        slot: Slot::new(Some(Arc::new(TenantAttributes::of(ctx)))),
    }
}

/// Wraps `future` in an empty tenant scope of its own: a
/// [`set_current_tenant_ctx`] inside it stays with this future, wherever it
/// runs, and never reaches the other futures of the same task (`join!`,
/// `select!`, `buffer_unordered`, ...) nor the enclosing scope. For handlers
/// that learn their tenant only once running (after parsing a message); when
/// it is known up front, [`with_tenant_ctx`] does the same with the tenant set.
pub fn tenant_scope<F: Future>(future: F) -> WithTenant<F> {
    WithTenant {
        future,
        slot: Slot::new(None),
    }
}

pin_project_lite::pin_project! {
    /// A future running in its own tenant scope: see [`with_tenant_ctx`].
    pub struct WithTenant<F> {
        #[pin]
        future: F,
        slot: Arc<Slot>,
    }
}

impl<F> core::fmt::Debug for WithTenant<F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("WithTenant")
            .field("tenant", &self.slot.get())
            .finish_non_exhaustive()
    }
}

impl<F: Future> Future for WithTenant<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let _pushed = push(this.slot.clone());
        this.future.poll(cx)
    }
}
