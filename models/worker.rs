//! Workers: requests to an out-of-process worker, and what it answers.
//!
//! ```
//! use greentic_types::WorkerMessage;
//!
//! let msg: WorkerMessage = serde_json::from_str(r#"{"kind": "reply", "payload_json": "{\"text\":\"hi\"}"}"#)?;
//! assert_eq!(msg.payload()?["text"], "hi");
//!
//! // `payload_json` is text on the wire and is not parsed on read: a payload
//! // that is not JSON is only an error when asked for.
//! let odd: WorkerMessage = serde_json::from_str(r#"{"kind": "reply", "payload_json": "{oops"}"#)?;
//! let err = odd.payload().unwrap_err();
//! assert!(err.to_string().starts_with("/payload_json: must be JSON text"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Nothing in these documents is validated beyond the tenant context:
//! `version` is `"1.0"` and `timestamp_utc` ISO 8601 by convention only, as in
//! 0.4.13.

use alloc::string::String;
use alloc::vec::Vec;

use crate::{TenantCtx, Violation, Violations, greentic_model};

greentic_model! {
    /// A request to a worker.
    #[schema = "worker-request"]
    #[derive(Eq, Hash)]
    pub struct WorkerRequest {
        /// Protocol version (`"1.0"` by convention).
        pub version: String,
        /// The tenant context.
        pub tenant: TenantCtx,
        /// The worker addressed.
        pub worker_id: String,
        /// Correlation id across services.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub correlation_id: Option<String>,
        /// The conversation session.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub session_id: Option<String>,
        /// The conversation thread.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub thread_id: Option<String>,
        /// The input, as JSON text (not parsed on read; see `payload()`).
        pub payload_json: String,
        /// When the request was made (ISO 8601 by convention, not checked).
        pub timestamp_utc: String,
    }

    /// One message a worker answers with.
    #[schema = "worker-message"]
    #[derive(Eq, Hash)]
    pub struct WorkerMessage {
        /// Message kind (worker-defined).
        pub kind: String,
        /// The content, as JSON text (not parsed on read; see `payload()`).
        pub payload_json: String,
    }

    /// A worker's answer to a request.
    #[schema = "worker-response"]
    #[derive(Eq, Hash)]
    pub struct WorkerResponse {
        /// Protocol version (`"1.0"` by convention).
        pub version: String,
        /// The tenant context.
        pub tenant: TenantCtx,
        /// The worker that answered.
        pub worker_id: String,
        /// Correlation id across services.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub correlation_id: Option<String>,
        /// The conversation session.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub session_id: Option<String>,
        /// The conversation thread.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub thread_id: Option<String>,
        /// The messages, in order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub messages: Vec<WorkerMessage>,
        /// When the answer was made (ISO 8601 by convention, not checked).
        pub timestamp_utc: String,
    }
}

/// Parses `payload_json` text, naming the field and the rule when it is not JSON.
fn parse_payload(text: &str) -> Result<serde_json::Value, Violations> {
    serde_json::from_str(text).map_err(|e| {
        Violations::from(Violation::new(
            "/payload_json",
            alloc::format!("must be JSON text ({e})"),
        ))
    })
}

impl WorkerRequest {
    /// The input: `payload_json` parsed, or a violation at `/payload_json`
    /// when it is not JSON text.
    pub fn payload(&self) -> Result<serde_json::Value, Violations> {
        parse_payload(&self.payload_json)
    }
}

impl WorkerMessage {
    /// The content: `payload_json` parsed, or a violation at `/payload_json`
    /// when it is not JSON text.
    pub fn payload(&self) -> Result<serde_json::Value, Violations> {
        parse_payload(&self.payload_json)
    }
}
