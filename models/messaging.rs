//! Channel messages: what a messaging channel (chat, email, webhook) hands the
//! platform for every message it receives.
//!
//! ```
//! use greentic_types::ChannelMessageEnvelope;
//!
//! let msg: ChannelMessageEnvelope = serde_json::from_str(r#"{
//!     "id": "m-1", "channel": "slack", "session_id": "s-1",
//!     "tenant": {"env": "prod", "tenant": "acme", "tenant_id": "acme", "attempt": 0},
//!     "text": "hello",
//!     "attachments": [{"mime_type": "image/png", "url": "https://x/a.png"}]
//! }"#)?;
//! assert_eq!(msg.attachments[0].name, None);
//! // `metadata` is always written, even empty; empty `attachments` are not.
//! let out = serde_json::to_value(&msg)?;
//! assert_eq!(out["metadata"], serde_json::json!({}));
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! The tenant context is a full [`TenantCtx`]: its
//! identifiers are checked on input and its legacy twins must agree.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::{TenantCtx, greentic_model};

/// Free-form string metadata of a channel message (sorted keys).
pub type MessageMetadata = BTreeMap<String, String>;

greentic_model! {
    /// A file attached to a channel message, by reference.
    #[schema = "attachment"]
    #[derive(Eq, Hash)]
    pub struct Attachment {
        /// MIME type (`image/png`).
        pub mime_type: String,
        /// Where the content can be fetched.
        pub url: String,
        /// File name, when the channel gave one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        /// Size in bytes, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub size_bytes: Option<u64>,
    }

    /// One message received on a channel, with the tenant context it runs in.
    #[schema = "channel-message-envelope"]
    #[derive(Eq, Hash)]
    pub struct ChannelMessageEnvelope {
        /// Message identifier (channel-specific).
        pub id: String,
        /// The tenant context.
        pub tenant: TenantCtx,
        /// The channel the message came through.
        pub channel: String,
        /// The conversation session.
        pub session_id: String,
        /// The sender, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub user_id: Option<String>,
        /// The message text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub text: Option<String>,
        /// Attached files.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub attachments: Vec<Attachment>,
        /// Free-form string metadata (always written).
        #[serde(default)]
        pub metadata: MessageMetadata,
    }
}
