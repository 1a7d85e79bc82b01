//! State store keys and paths inside a state document.
//!
//! ```
//! use greentic_types::StatePath;
//!
//! let path = StatePath::root().push("orders").push("a/b").push("");
//! assert_eq!(path.to_pointer(), "/orders/a~1b/");
//! assert_eq!(StatePath::parse("/orders/a~1b/")?, path);
//! assert_eq!(StatePath::root().to_pointer(), "");
//!
//! // 0.4.13's lenient reading is still there, unchanged:
//! assert_eq!(StatePath::from_pointer("orders//a"), StatePath::root().push("orders").push("").push("a"));
//! # Ok::<(), greentic_types::InvalidPointer>(())
//! ```
//!
//! `StatePath` writes RFC 6901 exactly, and [`StatePath::parse`] reads it
//! exactly, so every path survives a round trip through its pointer: the root
//! is `""`, and empty segments are kept. (0.4.13 wrote the root as `"/"`,
//! which RFC 6901 reads as the single empty key, and dropped leading empty
//! segments.) [`StatePath::from_pointer`] keeps 0.4.13's lenient, infallible
//! reading for code written against it.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::{greentic_model, push_escaped};

greentic_model! {
    /// A key in a state store.
    #[schema = "state-key"]
    #[serde(transparent)]
    #[derive(Eq, Hash, PartialOrd, Ord)]
    pub struct StateKey(pub String);

    /// A path inside a state document, as its list of unescaped segments.
    #[schema = "state-path"]
    #[derive(Eq, Hash, Default, PartialOrd, Ord)]
    pub struct StatePath {
        /// The segments, outermost first.
        #[serde(default)]
        pub segments: Vec<String>,
    }
}

string_key_impls!(StateKey);

/// A string that is not an RFC 6901 JSON pointer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvalidPointer {
    /// A non-empty pointer must start with `/`.
    #[error("a JSON pointer must be empty or start with '/'")]
    MissingLeadingSlash,
    /// `~` must be followed by `0` or `1`.
    #[error("'~' at byte {0} must be followed by '0' or '1'")]
    BadEscape(usize),
}

impl StatePath {
    /// The whole document.
    pub fn root() -> Self {
        Self::default()
    }

    /// This path extended by `segment`.
    pub fn push(mut self, segment: impl Into<String>) -> Self {
        self.segments.push(segment.into());
        self
    }

    /// Whether this is the root.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    /// The RFC 6901 pointer: `""` for the root, else `/` + each escaped segment.
    pub fn to_pointer(&self) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            out.push('/');
            push_escaped(&mut out, segment);
        }
        out
    }

    /// Reads a pointer leniently, as 0.4.13 did: `""` and `"/"` are the root,
    /// a missing leading `/` is tolerated, leading empty segments are dropped
    /// (`//a` is `/a`), inner and trailing empty segments are kept, and `~1`
    /// then `~0` are unescaped. Never fails; for the exact RFC 6901 reading
    /// (which keeps every segment and rejects malformed escapes) use
    /// [`StatePath::parse`].
    pub fn from_pointer(pointer: &str) -> Self {
        let segments = pointer
            .split('/')
            .skip_while(|piece| piece.is_empty())
            .map(|piece| piece.replace("~1", "/").replace("~0", "~"))
            .collect();
        Self { segments }
    }

    /// Parses an RFC 6901 pointer exactly (`""` is the root, `"/"` the empty
    /// key): the inverse of [`StatePath::to_pointer`].
    pub fn parse(pointer: &str) -> Result<Self, InvalidPointer> {
        if pointer.is_empty() {
            return Ok(Self::root());
        }
        let rest = pointer
            .strip_prefix('/')
            .ok_or(InvalidPointer::MissingLeadingSlash)?;
        let mut segments = Vec::new();
        let mut offset = 1;
        for raw in rest.split('/') {
            let mut segment = String::with_capacity(raw.len());
            let mut chars = raw.char_indices();
            while let Some((i, c)) = chars.next() {
                if c == '~' {
                    match chars.next() {
                        Some((_, '0')) => segment.push('~'),
                        Some((_, '1')) => segment.push('/'),
                        _ => return Err(InvalidPointer::BadEscape(offset + i)),
                    }
                } else {
                    segment.push(c);
                }
            }
            offset += raw.len() + 1;
            segments.push(segment);
        }
        Ok(Self { segments })
    }
}

impl TryFrom<&str> for StatePath {
    type Error = InvalidPointer;
    /// The exact RFC 6901 reading ([`StatePath::parse`]).
    fn try_from(pointer: &str) -> Result<Self, Self::Error> {
        Self::parse(pointer)
    }
}

impl core::str::FromStr for StatePath {
    type Err = InvalidPointer;
    /// The exact RFC 6901 reading ([`StatePath::parse`]).
    fn from_str(pointer: &str) -> Result<Self, Self::Err> {
        Self::parse(pointer)
    }
}

impl fmt::Display for StatePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_pointer())
    }
}
