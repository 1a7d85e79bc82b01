//! Rules for string-backed identifiers: one definition feeds the Rust check, the
//! JSON Schema (`pattern` + `minLength`) and the test-data generator.
//!
//! ```
//! use greentic_types_dsl::{IdRule, DEFAULT_ID_RULE};
//!
//! assert!(DEFAULT_ID_RULE.check("FlowId", "pack.flow-1_a").is_ok());
//! let err = DEFAULT_ID_RULE.check("FlowId", "bad id").unwrap_err();
//! assert_eq!(err.to_string(), "FlowId must contain only ASCII letters, digits, '.', '-', '_'");
//!
//! // A rule of your own: lowercase slugs.
//! const SLUG: IdRule = IdRule {
//!     requirement: "must contain only lowercase ASCII letters and '-'",
//!     pattern: Some("^[a-z-]+$"),
//!     min_length: 1,
//!     allowed: |c| c.is_ascii_lowercase() || c == '-',
//!     extra: None,
//!     examples: &["a-b"],
//! };
//! assert!(SLUG.check("Slug", "Upper").is_err());
//! ```

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;

/// A whole-string check: `Err(reason)` names the rule broken.
pub type ExtraCheck = fn(&str) -> Result<(), String>;

/// What a string must look like to become a given identifier type.
#[derive(Clone, Copy, Debug)]
pub struct IdRule {
    /// The per-character requirement, as a sentence fragment read after the type
    /// name (`"must contain only ASCII letters, digits, '.', '-', '_'"`).
    pub requirement: &'static str,
    /// An anchored ECMA-262 regular expression equal to the rule, put in the
    /// schema's `pattern`; `None` when the rule is not regular (e.g. SemVer ranges).
    pub pattern: Option<&'static str>,
    /// The fewest characters allowed; put in the schema's `minLength`.
    pub min_length: u32,
    /// Whether one character may appear.
    pub allowed: fn(char) -> bool,
    /// A whole-string check run after the character check (e.g. a parser).
    pub extra: Option<ExtraCheck>,
    /// Valid values the test-data generator mixes into random ones.
    pub examples: &'static [&'static str],
}

/// `[A-Za-z0-9._-]`: the characters of the default identifier rule.
pub const fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// The rule of every Greentic identifier unless its declaration says otherwise:
/// non-empty, ASCII letters, digits, `.`, `-` and `_` only.
pub const DEFAULT_ID_RULE: IdRule = IdRule {
    requirement: "must contain only ASCII letters, digits, '.', '-', '_'",
    pattern: Some("^[A-Za-z0-9._-]+$"),
    min_length: 1,
    allowed: is_id_char,
    extra: None,
    examples: &["tenant-1", "acme.prod", "A_b-9"],
};

impl IdRule {
    /// Checks `value` for the type called `type_name`, returning the first rule broken.
    #[inline]
    pub fn check(&self, type_name: &'static str, value: &str) -> Result<(), InvalidId> {
        // Counting characters is only needed for minimums above one.
        let too_short = match self.min_length {
            0 => false,
            1 => value.is_empty(),
            n => value.chars().count() < n as usize,
        };
        if too_short {
            return Err(InvalidId {
                type_name,
                reason: if self.min_length == 1 {
                    Cow::Borrowed("must not be empty")
                } else {
                    Cow::Owned(alloc::format!(
                        "must be at least {} characters long",
                        self.min_length
                    ))
                },
            });
        }
        if !value.chars().all(self.allowed) {
            return Err(InvalidId {
                type_name,
                reason: Cow::Borrowed(self.requirement),
            });
        }
        if let Some(extra) = self.extra {
            extra(value).map_err(|reason| InvalidId {
                type_name,
                reason: Cow::Owned(reason),
            })?;
        }
        Ok(())
    }
}

/// A string that breaks the rule of the identifier type it was meant to become.
///
/// Displays as `"<Type> <rule>"`, e.g. `FlowId must not be empty`. The rejected
/// value itself is never included (it may be a secret reference).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidId {
    type_name: &'static str,
    reason: Cow<'static, str>,
}

impl InvalidId {
    /// The Rust name of the identifier type (`"FlowId"`).
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }
    /// The rule broken (`"must not be empty"`).
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for InvalidId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.type_name, self.reason)
    }
}

impl core::error::Error for InvalidId {}

/// Whether `slug` is a valid schema slug: lowercase ASCII words of `[a-z0-9]`
/// joined by single `-`. Evaluated at compile time for every declaration.
pub const fn is_valid_slug(slug: &str) -> bool {
    let b = slug.as_bytes();
    if b.is_empty() || b[0] == b'-' || b[b.len() - 1] == b'-' {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let ok = c.is_ascii_lowercase() || c.is_ascii_digit() || (c == b'-' && b[i - 1] != b'-');
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

/// The text of `///` doc lines as rustdoc would render it: one leading space per
/// line removed, surrounding blank lines trimmed.
pub fn doc_text(lines: &[&str]) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line.strip_prefix(' ').unwrap_or(line).trim_end());
    }
    String::from(out.trim())
}
