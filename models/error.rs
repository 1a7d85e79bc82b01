//! Errors that travel: platform errors and node errors.
//!
//! ```
//! use greentic_types::{ErrorCode, GreenticError, NodeError};
//!
//! let err = GreenticError::new(ErrorCode::InvalidInput, "bad flow");
//! assert_eq!(err.to_string(), "invalid_input: bad flow");
//!
//! let node = NodeError::new("timeout", "upstream slow").with_retry(Some(500));
//! assert!(node.retryable);
//! assert_eq!(node.to_string(), "timeout: upstream slow");
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::greentic_model;

greentic_model! {
    /// Machine-readable error category.
    ///
    /// Not `#[non_exhaustive]`: code written against 0.4.13 matches on it
    /// exhaustively, so a new code is a breaking change and comes with a major
    /// version.
    #[schema = "error-code"]
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq, Hash, PartialOrd, Ord)]
    pub enum ErrorCode {
        /// Nothing more specific is known.
        Unknown,
        /// The input breaks a rule.
        InvalidInput,
        /// The thing asked for does not exist.
        NotFound,
        /// The request conflicts with current state.
        Conflict,
        /// A deadline passed.
        Timeout,
        /// The caller is not authenticated.
        Unauthenticated,
        /// The caller may not do this.
        PermissionDenied,
        /// Too many requests.
        RateLimited,
        /// A dependency is unavailable.
        Unavailable,
        /// A bug or unexpected state on our side.
        Internal,
    }

    /// A platform error: category plus message.
    #[schema = "greentic-error"]
    pub struct GreenticError {
        /// Category.
        pub code: ErrorCode,
        /// Human-readable message.
        pub message: String,
        /// The underlying error, in-process only (never serialized).
        #[serde(skip)]
        #[schemars(skip)]
        source: ErrorSource,
    }

    /// Extra detail attached to a [`NodeError`].
    #[schema = "error-detail"]
    #[derive(Eq, Hash)]
    pub enum ErrorDetail {
        /// Text.
        Text(String),
        /// Raw bytes (a JSON array of integers 0-255).
        Binary(Vec<u8>),
    }

    /// An error raised by a flow node.
    #[schema = "node-error"]
    pub struct NodeError {
        /// Component-defined error code.
        pub code: String,
        /// Human-readable message.
        pub message: String,
        /// Whether retrying may succeed.
        pub retryable: bool,
        /// Suggested wait before retrying, in milliseconds.
        pub backoff_ms: Option<u64>,
        /// Extra detail.
        pub details: Option<ErrorDetail>,
        /// The underlying error, in-process only (never serialized).
        #[serde(skip)]
        #[schemars(skip)]
        source: ErrorSource,
    }
}

/// `Result` with a [`GreenticError`].
pub type GResult<T> = Result<T, GreenticError>;

/// `Result` with a [`NodeError`].
pub type NodeResult<T> = Result<T, NodeError>;

/// The in-process cause of an error. Never serialized; ignored by equality.
#[derive(Clone, Default)]
pub(crate) struct ErrorSource {
    #[cfg(feature = "std")]
    inner: Option<alloc::sync::Arc<dyn std::error::Error + Send + Sync + 'static>>,
}

impl fmt::Debug for ErrorSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        #[cfg(feature = "std")]
        if let Some(inner) = &self.inner {
            return f.debug_tuple("ErrorSource").field(inner).finish();
        }
        f.write_str("ErrorSource(None)")
    }
}

impl PartialEq for ErrorSource {
    /// Sources never make two errors differ: only the wire fields count.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

crate::if_proptest! {
    impl crate::generate::Generate for ErrorSource {
        fn generate(_: &mut crate::generate::Gen) -> Self {
            Self::default()
        }
    }
}

#[cfg(feature = "std")]
impl ErrorSource {
    fn new(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self {
            inner: Some(alloc::sync::Arc::new(e)),
        }
    }

    fn get(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl ErrorCode {
    /// The wire name (`"invalid_input"`).
    pub const fn as_str(&self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::InvalidInput => "invalid_input",
            Self::NotFound => "not_found",
            Self::Conflict => "conflict",
            Self::Timeout => "timeout",
            Self::Unauthenticated => "unauthenticated",
            Self::PermissionDenied => "permission_denied",
            Self::RateLimited => "rate_limited",
            Self::Unavailable => "unavailable",
            Self::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl GreenticError {
    /// An error with `code` and `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            source: ErrorSource::default(),
        }
    }

    /// Attaches the underlying error (reported by `Error::source`).
    #[cfg(feature = "std")]
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = ErrorSource::new(source);
        self
    }
}

impl fmt::Display for GreenticError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for GreenticError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.get()
    }
}

#[cfg(not(feature = "std"))]
impl core::error::Error for GreenticError {}

impl From<crate::InvalidId> for GreenticError {
    fn from(e: crate::InvalidId) -> Self {
        Self::new(
            ErrorCode::InvalidInput,
            alloc::string::ToString::to_string(&e),
        )
    }
}

#[cfg(feature = "time")]
impl From<time::error::ComponentRange> for GreenticError {
    fn from(e: time::error::ComponentRange) -> Self {
        Self::new(
            ErrorCode::InvalidInput,
            alloc::string::ToString::to_string(&e),
        )
    }
}

#[cfg(feature = "uuid")]
impl From<uuid::Error> for GreenticError {
    fn from(e: uuid::Error) -> Self {
        Self::new(
            ErrorCode::InvalidInput,
            alloc::string::ToString::to_string(&e),
        )
    }
}

impl NodeError {
    /// A non-retryable error with `code` and `message`.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            retryable: false,
            backoff_ms: None,
            details: None,
            source: ErrorSource::default(),
        }
    }

    /// Marks the error retryable, with an optional backoff in milliseconds.
    pub fn with_retry(mut self, backoff_ms: Option<u64>) -> Self {
        self.retryable = true;
        self.backoff_ms = backoff_ms;
        self
    }

    /// Attaches detail.
    pub fn with_detail(mut self, detail: ErrorDetail) -> Self {
        self.details = Some(detail);
        self
    }

    /// Attaches text detail.
    pub fn with_detail_text(self, text: impl Into<String>) -> Self {
        self.with_detail(ErrorDetail::Text(text.into()))
    }

    /// Attaches binary detail.
    pub fn with_detail_binary(self, bytes: impl Into<Vec<u8>>) -> Self {
        self.with_detail(ErrorDetail::Binary(bytes.into()))
    }

    /// Attaches the underlying error (reported by `Error::source`).
    #[cfg(feature = "std")]
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = ErrorSource::new(source);
        self
    }

    /// The detail, if any.
    pub fn detail(&self) -> Option<&ErrorDetail> {
        self.details.as_ref()
    }

    /// The underlying error, if any (also `Error::source`; inherent, as in
    /// 0.4.13, so callers need not import the trait).
    #[cfg(feature = "std")]
    pub fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.get()
    }
}

impl fmt::Display for NodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for NodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        NodeError::source(self)
    }
}

#[cfg(not(feature = "std"))]
impl core::error::Error for NodeError {}
