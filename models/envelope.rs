//! What a runner hands a node, and what a step reports back.
//!
//! ```
//! use greentic_types::{ErrorCode, Outcome};
//!
//! let done: Outcome<u32> = Outcome::Done(2);
//! assert_eq!(done.map(|n| n * 10), Outcome::Done(20));
//! let failed: Outcome<u32> = Outcome::Error { code: ErrorCode::Timeout, message: "slow".into() };
//! assert!(failed.is_error());
//! ```

use alloc::string::String;
use alloc::vec::Vec;

use crate::{ErrorCode, TenantCtx, greentic_model};

/// Raw bytes carried by an envelope (a JSON array of integers 0-255).
pub type BinaryPayload = Vec<u8>;

greentic_model! {
    /// One node invocation: context, target and payload.
    #[schema = "invocation-envelope"]
    #[derive(Eq, Hash)]
    pub struct InvocationEnvelope {
        /// The tenant context.
        pub ctx: TenantCtx,
        /// The flow.
        pub flow_id: String,
        /// The node; written as `null` when absent.
        pub node_id: Option<String>,
        /// The operation to invoke.
        pub op: String,
        /// The input.
        pub payload: BinaryPayload,
        /// Opaque metadata.
        pub metadata: BinaryPayload,
    }

    /// The result of a step: done with a value, pending on input, or failed.
    #[derive(Eq, Hash)]
    pub enum Outcome<T> {
        /// Finished with a value.
        Done(T),
        /// Waiting for input.
        Pending {
            /// Why it waits.
            reason: String,
            /// What input would let it continue.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            expected_input: Option<Vec<String>>,
        },
        /// Failed.
        Error {
            /// Category.
            code: ErrorCode,
            /// Human-readable message.
            message: String,
        },
    }
}

impl<T> Outcome<T> {
    /// Whether this is `Done`.
    pub fn is_done(&self) -> bool {
        matches!(self, Self::Done(_))
    }

    /// Whether this is `Pending`.
    pub fn is_pending(&self) -> bool {
        matches!(self, Self::Pending { .. })
    }

    /// Whether this is `Error`.
    pub fn is_error(&self) -> bool {
        matches!(self, Self::Error { .. })
    }

    /// Maps the value of `Done`; other variants pass through.
    pub fn map<U, F: FnMut(T) -> U>(self, mut f: F) -> Outcome<U> {
        match self {
            Self::Done(v) => Outcome::Done(f(v)),
            Self::Pending {
                reason,
                expected_input,
            } => Outcome::Pending {
                reason,
                expected_input,
            },
            Self::Error { code, message } => Outcome::Error { code, message },
        }
    }
}
