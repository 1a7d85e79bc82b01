//! Sessions: keys, cursors and the persisted session record.
//!
//! ```
//! use greentic_types::{SessionCursor, SessionKey};
//!
//! let key = SessionKey::new("acme:webhook:conversation:user");
//! assert_eq!(key.to_string(), "acme:webhook:conversation:user");
//! let cursor = SessionCursor::new("n2").with_wait_reason("awaiting reply");
//! assert_eq!(cursor.wait_reason.as_deref(), Some("awaiting reply"));
//! ```

use alloc::string::String;

use crate::{FlowId, TenantCtx, greentic_model};

greentic_model! {
    /// Opaque session key (see [`canonical_session_key`](crate::canonical_session_key)).
    #[schema = "session-key"]
    #[serde(transparent)]
    #[derive(Eq, Hash, PartialOrd, Ord)]
    pub struct SessionKey(pub String);

    /// Where a paused session stands in its flow.
    #[schema = "session-cursor"]
    #[derive(Eq, Hash)]
    pub struct SessionCursor {
        /// The node the session resumes at.
        pub node_pointer: String,
        /// Why it waits.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub wait_reason: Option<String>,
        /// Marker of the last message delivered from the outbox.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub outbox_marker: Option<String>,
    }

    /// A persisted session: context, flow, cursor and flow state.
    #[schema = "session-data"]
    #[derive(Eq, Hash)]
    pub struct SessionData {
        /// The context the session runs in.
        pub tenant_ctx: TenantCtx,
        /// The flow being executed.
        pub flow_id: FlowId,
        /// Where the session stands.
        pub cursor: SessionCursor,
        /// The flow's state, as JSON text.
        pub context_json: String,
    }
}

string_key_impls!(SessionKey);

impl SessionKey {
    /// A random key (UUID v4, lowercase, hyphenated).
    #[cfg(feature = "uuid")]
    pub fn generate() -> Self {
        Self::from(uuid::Uuid::new_v4())
    }
}

#[cfg(feature = "uuid")]
impl From<uuid::Uuid> for SessionKey {
    fn from(id: uuid::Uuid) -> Self {
        Self(alloc::string::ToString::to_string(&id.hyphenated()))
    }
}

impl SessionCursor {
    /// A cursor at `node_pointer`.
    pub fn new(node_pointer: impl Into<String>) -> Self {
        Self {
            node_pointer: node_pointer.into(),
            wait_reason: None,
            outbox_marker: None,
        }
    }

    /// Sets why the session waits.
    pub fn with_wait_reason(mut self, reason: impl Into<String>) -> Self {
        self.wait_reason = Some(reason.into());
        self
    }

    /// Sets the outbox marker.
    pub fn with_outbox_marker(mut self, marker: impl Into<String>) -> Self {
        self.outbox_marker = Some(marker.into());
        self
    }
}
