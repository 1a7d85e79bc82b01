//! Rules for string-backed identifiers: one definition feeds the Rust check, the
//! JSON Schema (`pattern` + `minLength`) and the test-data generator.
//!
//! ```
//! use greentic_types_dsl::{IdRule, DEFAULT_ID_RULE};
//!
//! assert!(DEFAULT_ID_RULE.check("FlowId", "pack.flow-1_a").is_ok());
//! let err = DEFAULT_ID_RULE.check("FlowId", "bad id").unwrap_err();
//! assert_eq!(err.to_string(), "FlowId must contain only ASCII letters, digits, '.', '-', '_'");
//! assert!(DEFAULT_ID_RULE.check("FlowId", "..").is_err()); // never a directory
//!
//! // A rule of your own: lowercase slugs of at most 8 characters.
//! const SLUG: IdRule = IdRule::new("must contain only lowercase ASCII letters and '-'", |c| {
//!     c.is_ascii_lowercase() || c == '-'
//! })
//! .with_pattern(r"^[a-z-]{1,8}(?![\s\S])")
//! .with_max_length(8)
//! .with_examples(&["a-b"]);
//! assert!(SLUG.check("Slug", "Upper").is_err());
//! assert_eq!(SLUG.check("Slug", "abcdefghi").unwrap_err().reason(), "must be at most 8 characters long");
//! ```

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;

/// A whole-string check: `Err(reason)` names the rule broken.
pub type ExtraCheck = fn(&str) -> Result<(), String>;

/// What a string must look like to become a given identifier type.
///
/// Built with [`IdRule::new`] and the `with_*` methods (all `const`), so a
/// rule can be a `const` item; the fields are private so that rules can grow
/// without breaking the code that builds them.
#[derive(Clone, Copy)]
pub struct IdRule {
    requirement: &'static str,
    pattern: Option<&'static str>,
    min_length: u32,
    max_length: Option<u32>,
    allowed: fn(char) -> bool,
    /// `allowed` as a table of ASCII characters and one verdict for every
    /// other character: the check then reads bytes, with no call per character.
    ascii: Option<(&'static [bool; 128], bool)>,
    extra: Option<ExtraCheck>,
    examples: &'static [&'static str],
}

impl fmt::Debug for IdRule {
    /// The rule as written, without the table behind its fast path.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdRule")
            .field("requirement", &self.requirement)
            .field("pattern", &self.pattern)
            .field("min_length", &self.min_length)
            .field("max_length", &self.max_length)
            .field("ascii_table", &self.ascii.is_some())
            .field("extra", &self.extra.is_some())
            .field("examples", &self.examples)
            .finish()
    }
}

/// `[A-Za-z0-9._-]`: the characters of the default identifier rule.
pub const fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// [`is_id_char`] over ASCII (it refuses every other character).
const ID_CHAR_ASCII: &[bool; 128] = &{
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = is_id_char(b as u8 as char);
        b += 1;
    }
    table
};

/// The most characters an identifier under [`DEFAULT_ID_RULE`] may have.
pub const DEFAULT_MAX_ID_LENGTH: u32 = 256;

/// The rule of every Greentic identifier unless its declaration says otherwise:
/// 1 to 256 ASCII letters, digits, `.`, `-` and `_`, and never `.` or `..`
/// (identifiers become path segments in stores, file names and URLs).
///
/// Its pattern ends with `(?![\s\S])`, not `$`: Python's `$` also matches
/// before a final newline, so `"acme\n"` would pass there.
pub const DEFAULT_ID_RULE: IdRule = IdRule::new(
    "must contain only ASCII letters, digits, '.', '-', '_'",
    is_id_char,
)
.with_pattern(r"^(?:\.?[A-Za-z0-9_-]|\.\.[A-Za-z0-9._-])[A-Za-z0-9._-]*(?![\s\S])")
.with_max_length(DEFAULT_MAX_ID_LENGTH)
.with_extra(not_dots)
.with_examples(&["tenant-1", "acme.prod", "A_b-9", "...", ".hidden"])
.with_ascii_table(ID_CHAR_ASCII, false);

fn not_dots(s: &str) -> Result<(), String> {
    if s == "." || s == ".." {
        Err(String::from("must not be '.' or '..'"))
    } else {
        Ok(())
    }
}

impl IdRule {
    /// A rule: at least one character, each `allowed`; `requirement` says so
    /// as a sentence fragment read after the type name
    /// (`"must contain only ASCII letters, digits, '.', '-', '_'"`).
    pub const fn new(requirement: &'static str, allowed: fn(char) -> bool) -> Self {
        Self {
            requirement,
            pattern: None,
            min_length: 1,
            max_length: None,
            allowed,
            ascii: None,
            extra: None,
            examples: &[],
        }
    }

    /// Sets the anchored ECMA-262 regular expression equal to the rule, put in
    /// the schema's `pattern` (leave it unset when the rule is not regular).
    ///
    /// Write it so every dialect reads it alike: end it with `(?![\s\S])`
    /// rather than `$` (Python's `$` also matches before a final newline) and
    /// spell digits `[0-9]` (Python's `\d` is any Unicode digit). The
    /// registry's exported schemas make both rewrites anyway.
    pub const fn with_pattern(mut self, pattern: &'static str) -> Self {
        self.pattern = Some(pattern);
        self
    }

    /// Sets `allowed` as a table: `ascii[c]` for each ASCII character `c`,
    /// and `non_ascii` for every other character. The check then reads bytes
    /// instead of calling `allowed` once per character (identifiers are on
    /// every hot path). The table must say what `allowed` says, which the
    /// generators still use: build both from one `const fn` and test them
    /// over every `char`, as this crate does for its own rules.
    ///
    /// ```
    /// use greentic_types::IdRule;
    ///
    /// const fn lower(c: char) -> bool {
    ///     c.is_ascii_lowercase()
    /// }
    /// const LOWER_ASCII: &[bool; 128] = &{
    ///     let mut t = [false; 128];
    ///     let mut b = 0;
    ///     while b < 128 {
    ///         t[b] = lower(b as u8 as char);
    ///         b += 1;
    ///     }
    ///     t
    /// };
    /// const LOWER: IdRule =
    ///     IdRule::new("must be lowercase ASCII", lower).with_ascii_table(LOWER_ASCII, false);
    /// assert!(LOWER.check("Tag", "abc").is_ok());
    /// assert!(LOWER.check("Tag", "abé").is_err());
    /// ```
    pub const fn with_ascii_table(mut self, ascii: &'static [bool; 128], non_ascii: bool) -> Self {
        self.ascii = Some((ascii, non_ascii));
        self
    }

    /// Sets the fewest characters allowed (the schema's `minLength`).
    pub const fn with_min_length(mut self, min: u32) -> Self {
        self.min_length = min;
        self
    }

    /// Sets the most characters allowed (the schema's `maxLength`).
    pub const fn with_max_length(mut self, max: u32) -> Self {
        self.max_length = Some(max);
        self
    }

    /// Adds a whole-string check run after the character check (e.g. a parser).
    pub const fn with_extra(mut self, extra: ExtraCheck) -> Self {
        self.extra = Some(extra);
        self
    }

    /// Sets valid values the test-data generator mixes into random ones.
    pub const fn with_examples(mut self, examples: &'static [&'static str]) -> Self {
        self.examples = examples;
        self
    }

    /// The per-character requirement, as a sentence fragment.
    pub const fn requirement(&self) -> &'static str {
        self.requirement
    }

    /// The schema `pattern`, if the rule is regular.
    pub const fn pattern(&self) -> Option<&'static str> {
        self.pattern
    }

    /// The fewest characters allowed.
    pub const fn min_length(&self) -> u32 {
        self.min_length
    }

    /// The most characters allowed, if bounded.
    pub const fn max_length(&self) -> Option<u32> {
        self.max_length
    }

    /// Whether one character may appear.
    pub const fn allowed(&self) -> fn(char) -> bool {
        self.allowed
    }

    /// The table set by [`IdRule::with_ascii_table`], if any: ASCII
    /// characters, and the verdict on every other character.
    pub const fn ascii_table(&self) -> Option<(&'static [bool; 128], bool)> {
        self.ascii
    }

    /// Valid values for generators.
    pub const fn examples(&self) -> &'static [&'static str] {
        self.examples
    }

    /// Checks `value` for the type called `type_name`, returning the first rule broken.
    #[inline]
    pub fn check(&self, type_name: &'static str, value: &str) -> Result<(), InvalidId> {
        let fail = |reason: Cow<'static, str>| Err(InvalidId { type_name, reason });
        // Counting characters is only needed when bytes cannot settle it.
        let too_short = match self.min_length {
            0 => false,
            1 => value.is_empty(),
            n => value.len() < n as usize || value.chars().count() < n as usize,
        };
        if too_short {
            return fail(if self.min_length == 1 {
                Cow::Borrowed("must not be empty")
            } else {
                Cow::Owned(alloc::format!(
                    "must be at least {} characters long",
                    self.min_length
                ))
            });
        }
        if let Some(max) = self.max_length
            && value.len() > max as usize
            && value.chars().count() > max as usize
        {
            return fail(Cow::Owned(alloc::format!(
                "must be at most {max} characters long"
            )));
        }
        let allowed = match self.ascii {
            // Every byte of a non-ASCII character is 128 or more.
            Some((ascii, non_ascii)) => value
                .bytes()
                .all(|b| ascii.get(usize::from(b)).copied().unwrap_or(non_ascii)),
            None => value.chars().all(self.allowed),
        };
        if !allowed {
            return fail(Cow::Borrowed(self.requirement));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The default rule's table accepts exactly the characters `is_id_char`
    /// accepts, for every `char` there is, and the check agrees.
    #[test]
    fn the_default_rules_table_agrees_with_is_id_char_for_every_char() {
        let (ascii, non_ascii) = DEFAULT_ID_RULE
            .ascii_table()
            .expect("the default rule has a table");
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let by_table = if c.is_ascii() {
                ascii[c as usize]
            } else {
                non_ascii
            };
            assert_eq!(by_table, is_id_char(c), "{c:?}");
            // Two characters: never '.' or '..'.
            let text = alloc::format!("a{c}");
            assert_eq!(
                DEFAULT_ID_RULE.check("Id", &text).is_ok(),
                is_id_char(c),
                "{c:?}"
            );
        }
    }

    /// `Debug` shows the rule, not the 128 entries of its table.
    #[test]
    fn debug_of_a_rule_is_short() {
        let shown = alloc::format!("{DEFAULT_ID_RULE:?}");
        assert!(
            shown.len() < 400 && shown.contains("ascii_table: true"),
            "{shown}"
        );
    }
}
