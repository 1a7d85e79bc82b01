//! Tenant context: who a request runs for, where, and under which deadline.
//!
//! ```
//! use greentic_types::{EnvId, TenantCtx, TenantId, TeamId};
//!
//! let ctx = TenantCtx::new(EnvId::new("prod")?, TenantId::new("acme")?)
//!     .with_team(Some(TeamId::new("payments")?))
//!     .with_flow("checkout")
//!     .with_attempt(2);
//! assert_eq!(ctx.tenant_id, "acme");
//! assert_eq!(ctx.team, ctx.team_id); // legacy twins are kept in step
//! assert_eq!(ctx.flow_id(), Some("checkout"));
//! # Ok::<(), greentic_types::GreenticError>(())
//! ```
//!
//! `TenantCtx` still writes the legacy twins (`tenant`, `team`, `user`) beside
//! the `*_id` fields that replace them. On input, twins that are both present
//! must agree: a document where `team` and `team_id` differ is rejected with
//! the JSON path of the mismatch, instead of being silently half-believed.

use alloc::collections::BTreeMap;
use alloc::string::String;

use crate::{EnvId, Path, TeamId, TenantId, UserId, Violations, greentic_model};

greentic_model! {
    /// An impersonation: an actor acting on behalf of the context's user.
    #[schema = "impersonation"]
    #[derive(Eq, Hash)]
    pub struct Impersonation {
        /// The user who is really acting.
        pub actor_id: UserId,
        /// Why (audit trail).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub reason: Option<String>,
    }

    /// The point in time an invocation must finish by, in Unix milliseconds.
    #[schema = "invocation-deadline"]
    #[derive(Copy, Eq, Hash, PartialOrd, Ord)]
    pub struct InvocationDeadline {
        /// Milliseconds since the Unix epoch (UTC).
        unix_millis: i128,
    }

    /// The tenant execution context carried by every invocation.
    #[schema = "tenant-ctx"]
    #[check = TenantCtx::check_twins]
    #[schemars(extend("x-schema-gaps" = [{
        "code": "rejects",
        "rule": "legacy twins (`tenant`/`tenant_id`, `team`/`team_id`, `user`/`user_id`) must agree when both are present: a rule between two fields, which JSON Schema cannot state",
        "message": "(legacy twin)",
        "example": r#"{"env": "prod", "tenant": "a", "tenant_id": "b", "attempt": 0}"#
    }]))]
    #[manual(generate)]
    #[derive(Eq, Hash)]
    pub struct TenantCtx {
        /// Deployment environment.
        pub env: EnvId,
        /// Legacy twin of `tenant_id`; always equal to it.
        pub tenant: TenantId,
        /// Tenant the invocation runs for.
        pub tenant_id: TenantId,
        /// Legacy twin of `team_id`; equal to it when both are present.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub team: Option<TeamId>,
        /// Team inside the tenant.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub team_id: Option<TeamId>,
        /// Legacy twin of `user_id`; equal to it when both are present.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub user: Option<UserId>,
        /// User the invocation acts for.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub user_id: Option<UserId>,
        /// Session the invocation belongs to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub session_id: Option<String>,
        /// Flow being executed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub flow_id: Option<String>,
        /// Node being executed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub node_id: Option<String>,
        /// Provider (channel, connector) the invocation came through.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub provider_id: Option<String>,
        /// Distributed trace id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub trace_id: Option<String>,
        /// Correlation id across retries and services.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub correlation_id: Option<String>,
        /// Free-form string attributes.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        pub attributes: BTreeMap<String, String>,
        /// When the invocation must finish.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub deadline: Option<InvocationDeadline>,
        /// Retry attempt, starting at 0.
        pub attempt: u32,
        /// Idempotency key of the invocation (see [`make_idempotency_key`](crate::make_idempotency_key)).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub idempotency_key: Option<String>,
        /// Set when someone acts on behalf of `user_id`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub impersonation: Option<Impersonation>,
    }

    /// The tenant-facing subset of [`TenantCtx`] handed to components.
    #[schema = "tenant-context"]
    #[derive(Eq, Hash)]
    pub struct TenantContext {
        /// Tenant.
        pub tenant_id: TenantId,
        /// Team inside the tenant.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub team_id: Option<TeamId>,
        /// User.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub user_id: Option<UserId>,
        /// Session.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub session_id: Option<String>,
        /// Free-form string attributes.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        pub attributes: BTreeMap<String, String>,
    }

    /// Who an invocation acts as: tenant, team, user and impersonation.
    #[schema = "tenant-identity"]
    #[derive(Eq, Hash)]
    pub struct TenantIdentity {
        /// Tenant.
        pub tenant_id: TenantId,
        /// Team inside the tenant.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub team_id: Option<TeamId>,
        /// User.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub user_id: Option<UserId>,
        /// Set when someone acts on behalf of `user_id`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub impersonation: Option<Impersonation>,
        /// Free-form string attributes.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        pub attributes: BTreeMap<String, String>,
    }
}

impl Impersonation {
    /// An impersonation by `actor_id`, with no reason given.
    pub fn new(actor_id: UserId) -> Self {
        Self {
            actor_id,
            reason: None,
        }
    }

    /// Sets the reason.
    pub fn with_reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }
}

impl InvocationDeadline {
    /// A deadline at `unix_millis` milliseconds since the Unix epoch.
    pub const fn from_unix_millis(unix_millis: i128) -> Self {
        Self { unix_millis }
    }

    /// Milliseconds since the Unix epoch.
    pub const fn unix_millis(&self) -> i128 {
        self.unix_millis
    }

    /// The deadline as a `time` instant (UTC); an error when it is outside the
    /// range `time` can represent (never a panic or a wrap-around).
    #[cfg(feature = "time")]
    pub fn to_offset_date_time(&self) -> Result<time::OffsetDateTime, time::error::ComponentRange> {
        time::OffsetDateTime::from_unix_timestamp_nanos(self.unix_millis.saturating_mul(1_000_000))
    }

    /// The deadline at `instant`, truncated toward zero to whole milliseconds.
    #[cfg(feature = "time")]
    pub fn from_offset_date_time(instant: time::OffsetDateTime) -> Self {
        Self::from_unix_millis(instant.unix_timestamp_nanos() / 1_000_000)
    }
}

impl TenantCtx {
    /// A context for `tenant` in `env`: attempt 0, everything else empty.
    pub fn new(env: EnvId, tenant: TenantId) -> Self {
        Self {
            env,
            tenant: tenant.clone(),
            tenant_id: tenant,
            team: None,
            team_id: None,
            user: None,
            user_id: None,
            session_id: None,
            flow_id: None,
            node_id: None,
            provider_id: None,
            trace_id: None,
            correlation_id: None,
            attributes: BTreeMap::new(),
            deadline: None,
            attempt: 0,
            idempotency_key: None,
            impersonation: None,
        }
    }

    /// Sets the team (both `team` and `team_id`).
    pub fn with_team(mut self, team: Option<TeamId>) -> Self {
        self.team.clone_from(&team);
        self.team_id = team;
        self
    }

    /// Sets the user (both `user` and `user_id`).
    pub fn with_user(mut self, user: Option<UserId>) -> Self {
        self.user.clone_from(&user);
        self.user_id = user;
        self
    }

    /// Sets the session id.
    pub fn with_session(mut self, session: impl Into<String>) -> Self {
        self.session_id = Some(session.into());
        self
    }

    /// Sets the flow id.
    pub fn with_flow(mut self, flow: impl Into<String>) -> Self {
        self.flow_id = Some(flow.into());
        self
    }

    /// Sets the node id.
    pub fn with_node(mut self, node: impl Into<String>) -> Self {
        self.node_id = Some(node.into());
        self
    }

    /// Sets the provider id.
    pub fn with_provider(mut self, provider: impl Into<String>) -> Self {
        self.provider_id = Some(provider.into());
        self
    }

    /// Sets the trace id.
    pub fn with_trace(mut self, trace: impl Into<String>) -> Self {
        self.trace_id = Some(trace.into());
        self
    }

    /// Sets the correlation id.
    pub fn with_correlation(mut self, correlation: impl Into<String>) -> Self {
        self.correlation_id = Some(correlation.into());
        self
    }

    /// Replaces the attributes.
    pub fn with_attributes(mut self, attributes: BTreeMap<String, String>) -> Self {
        self.attributes = attributes;
        self
    }

    /// Sets or clears the impersonation.
    pub fn with_impersonation(mut self, impersonation: Option<Impersonation>) -> Self {
        self.impersonation = impersonation;
        self
    }

    /// Sets the retry attempt.
    pub fn with_attempt(mut self, attempt: u32) -> Self {
        self.attempt = attempt;
        self
    }

    /// Sets or clears the deadline.
    pub fn with_deadline(mut self, deadline: Option<InvocationDeadline>) -> Self {
        self.deadline = deadline;
        self
    }

    /// Sets the idempotency key.
    pub fn with_idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Takes tenant, team, user, impersonation and attributes from `identity`
    /// (replacing the attributes).
    pub fn with_identity(mut self, identity: TenantIdentity) -> Self {
        self.tenant = identity.tenant_id.clone();
        self.tenant_id = identity.tenant_id;
        self = self.with_team(identity.team_id).with_user(identity.user_id);
        self.impersonation = identity.impersonation;
        self.attributes = identity.attributes;
        self
    }

    /// The session id.
    pub fn session_id(&self) -> Option<&str> {
        self.session_id.as_deref()
    }

    /// The flow id.
    pub fn flow_id(&self) -> Option<&str> {
        self.flow_id.as_deref()
    }

    /// The node id.
    pub fn node_id(&self) -> Option<&str> {
        self.node_id.as_deref()
    }

    /// The provider id.
    pub fn provider_id(&self) -> Option<&str> {
        self.provider_id.as_deref()
    }

    /// The team, from `team_id` or else the legacy `team`.
    pub fn team(&self) -> Option<&TeamId> {
        self.team_id.as_ref().or(self.team.as_ref())
    }

    /// The user, from `user_id` or else the legacy `user`.
    pub fn user(&self) -> Option<&UserId> {
        self.user_id.as_ref().or(self.user.as_ref())
    }

    /// Who the invocation acts as.
    pub fn identity(&self) -> TenantIdentity {
        TenantIdentity::from(self)
    }

    /// The tenant-facing subset of this context.
    pub fn tenant_context(&self) -> TenantContext {
        TenantContext::from(self)
    }

    /// The actor impersonating the user, if any.
    pub fn impersonated_by(&self) -> Option<&UserId> {
        self.impersonation.as_ref().map(|i| &i.actor_id)
    }

    /// The twin rule: legacy fields agree with the fields that replace them.
    fn check_twins(&self, path: &Path<'_>, out: &mut Violations) {
        if self.tenant != self.tenant_id {
            out.push(
                &path.field("tenant"),
                "must equal `tenant_id` (legacy twin)",
            );
        }
        if let (Some(a), Some(b)) = (&self.team, &self.team_id)
            && a != b
        {
            out.push(&path.field("team"), "must equal `team_id` (legacy twin)");
        }
        if let (Some(a), Some(b)) = (&self.user, &self.user_id)
            && a != b
        {
            out.push(&path.field("user"), "must equal `user_id` (legacy twin)");
        }
    }
}

crate::if_proptest! {
    impl crate::generate::Generate for TenantCtx {
        fn generate(g: &mut crate::generate::Gen) -> Self {
            use crate::generate::Generate;
            let team = Option::<TeamId>::generate(g);
            let user = Option::<UserId>::generate(g);
            let mut ctx = TenantCtx::new(EnvId::generate(g), TenantId::generate(g))
                .with_team(team)
                .with_user(user);
            // Legacy documents carry only one twin: both shapes must round-trip.
            if g.coin() {
                ctx.team = None;
            }
            if g.coin() {
                ctx.user_id = None;
            }
            ctx.session_id = Generate::generate(g);
            ctx.flow_id = Generate::generate(g);
            ctx.node_id = Generate::generate(g);
            ctx.provider_id = Generate::generate(g);
            ctx.trace_id = Generate::generate(g);
            ctx.correlation_id = Generate::generate(g);
            ctx.attributes = Generate::generate(g);
            ctx.deadline = Generate::generate(g);
            ctx.attempt = Generate::generate(g);
            ctx.idempotency_key = Generate::generate(g);
            ctx.impersonation = Generate::generate(g);
            ctx
        }
    }
}

impl TenantContext {
    /// A context for `tenant_id` alone.
    pub fn new(tenant_id: TenantId) -> Self {
        Self {
            tenant_id,
            team_id: None,
            user_id: None,
            session_id: None,
            attributes: BTreeMap::new(),
        }
    }
}

impl From<&TenantCtx> for TenantContext {
    fn from(ctx: &TenantCtx) -> Self {
        Self {
            tenant_id: ctx.tenant_id.clone(),
            team_id: ctx.team().cloned(),
            user_id: ctx.user().cloned(),
            session_id: ctx.session_id.clone(),
            attributes: ctx.attributes.clone(),
        }
    }
}

impl TenantIdentity {
    /// An identity for `tenant_id` alone.
    pub fn new(tenant_id: TenantId) -> Self {
        Self {
            tenant_id,
            team_id: None,
            user_id: None,
            impersonation: None,
            attributes: BTreeMap::new(),
        }
    }
}

impl From<&TenantCtx> for TenantIdentity {
    fn from(ctx: &TenantCtx) -> Self {
        Self {
            tenant_id: ctx.tenant_id.clone(),
            team_id: ctx.team().cloned(),
            user_id: ctx.user().cloned(),
            impersonation: ctx.impersonation.clone(),
            attributes: ctx.attributes.clone(),
        }
    }
}
