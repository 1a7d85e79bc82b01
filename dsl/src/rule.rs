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
    /// `allowed` by byte value: the verdict on each ASCII character, and on
    /// every other character at 128..=255 (each of its bytes is 128 or more).
    /// The check then reads each byte with one load and no branch.
    byte_table: Option<[bool; 256]>,
    extra: Option<ExtraCheck>,
    /// Refuse `.` and `..` (the default rule's, checked inline).
    refuse_dot_names: bool,
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
            .field("ascii_table", &self.byte_table.is_some())
            .field("extra", &self.extra.is_some())
            .field("refuse_dot_names", &self.refuse_dot_names)
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
.refusing_dot_names()
.with_examples(&["tenant-1", "acme.prod", "A_b-9", "...", ".hidden"])
.with_ascii_table(ID_CHAR_ASCII, false);

/// `.` or `..`: never an identifier under [`DEFAULT_ID_RULE`].
fn is_dot_name(value: &str) -> bool {
    value == "." || value == ".."
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
            byte_table: None,
            extra: None,
            refuse_dot_names: false,
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
        let mut table = [non_ascii; 256];
        let mut b = 0;
        while b < 128 {
            table[b] = ascii[b];
            b += 1;
        }
        self.byte_table = Some(table);
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

    /// Adds a whole-string check run after the character check (e.g. a parser),
    /// and after [`DEFAULT_ID_RULE`]'s refusal of `.` and `..`, which stays:
    /// its schema pattern refuses them too. A second call replaces the first.
    pub const fn with_extra(mut self, extra: ExtraCheck) -> Self {
        self.extra = Some(extra);
        self
    }

    /// Refuses `.` and `..` (never a directory name), before any `extra`.
    const fn refusing_dot_names(mut self) -> Self {
        self.refuse_dot_names = true;
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
    pub const fn ascii_table(&self) -> Option<(&[bool; 128], bool)> {
        match &self.byte_table {
            Some(table) => match table.first_chunk::<128>() {
                Some(ascii) => Some((ascii, table[128])),
                None => None,
            },
            None => None,
        }
    }

    /// Valid values for generators.
    pub const fn examples(&self) -> &'static [&'static str] {
        self.examples
    }

    /// Checks `value` for the type called `type_name`, returning the first rule broken.
    #[inline]
    pub fn check(&self, type_name: &'static str, value: &str) -> Result<(), InvalidId> {
        if !self.passes_table_steps(value) {
            return self.first_broken(type_name, value);
        }
        match self.extra {
            None => Ok(()),
            Some(extra) => extra(value).map_err(|reason| InvalidId {
                type_name,
                reason: Cow::Owned(reason),
            }),
        }
    }

    /// Whether `value` certainly passes every step before `extra`, read from
    /// its bytes alone: the path of nearly every identifier. `false` also
    /// means "not settled this way" (no table, a minimum above one
    /// character): [`Self::first_broken`] then decides.
    #[inline]
    fn passes_table_steps(&self, value: &str) -> bool {
        let Some(table) = &self.byte_table else {
            return false;
        };
        let len = value.len();
        // At least one byte is at least one character; a higher minimum
        // needs counting.
        self.min_length <= 1
            && len >= self.min_length as usize
            // At most `max` bytes is at most `max` characters.
            && self.max_length.is_none_or(|max| len <= max as usize)
            // One AND per byte, no early exit: identifiers are short and
            // nearly always valid, so a branch per byte only costs.
            && value.bytes().fold(true, |ok, b| ok & table[usize::from(b)])
            && !(self.refuse_dot_names && is_dot_name(value))
    }

    /// Every step in order, to the first one `value` breaks.
    #[cold]
    #[inline(never)]
    fn first_broken(&self, type_name: &'static str, value: &str) -> Result<(), InvalidId> {
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
        let allowed = match &self.byte_table {
            Some(table) => value.bytes().all(|b| table[usize::from(b)]),
            None => value.chars().all(self.allowed),
        };
        if !allowed {
            return fail(Cow::Borrowed(self.requirement));
        }
        if self.refuse_dot_names && is_dot_name(value) {
            return fail(Cow::Borrowed("must not be '.' or '..'"));
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

    /// A table that lets every non-ASCII character through reads every byte
    /// of 128 and above as allowed, and its ASCII half as written, for
    /// every `char` there is.
    #[test]
    fn a_table_allowing_non_ascii_agrees_with_its_predicate_for_every_char() {
        fn visible(c: char) -> bool {
            !c.is_ascii() || c.is_ascii_graphic()
        }
        const VISIBLE_ASCII: &[bool; 128] = &{
            let mut table = [false; 128];
            let mut b = 0;
            while b < 128 {
                table[b] = (b as u8).is_ascii_graphic();
                b += 1;
            }
            table
        };
        const VISIBLE: IdRule =
            IdRule::new("must be visible", visible).with_ascii_table(VISIBLE_ASCII, true);
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let text = alloc::format!("a{c}a");
            assert_eq!(VISIBLE.check("Id", &text).is_ok(), visible(c), "{c:?}");
        }
    }

    /// The inline path of `check` never changes a verdict or a message: on
    /// every string of up to five characters from an alphabet of edge cases
    /// (dots, a space, a multi-byte letter, NUL) and on long ones, `check`
    /// returns what the full step-by-step check returns, for rules with and
    /// without a table, a minimum above one, a maximum and an extra check.
    #[test]
    fn the_inline_path_of_check_agrees_with_the_full_check() {
        fn no_x(s: &str) -> Result<(), String> {
            if s.contains('x') {
                Err(String::from("must not contain 'x'"))
            } else {
                Ok(())
            }
        }
        let rules = [
            DEFAULT_ID_RULE,
            DEFAULT_ID_RULE.with_min_length(3),
            DEFAULT_ID_RULE.with_max_length(3).with_extra(no_x),
            IdRule::new("must be visible", |c| !c.is_whitespace()).with_max_length(4),
            IdRule::new("anything", |_| true).with_min_length(0),
            IdRule::new("anything", |_| true)
                .with_ascii_table(&[true; 128], true)
                .with_min_length(0),
        ];
        let alphabet = ['a', '.', '-', ' ', 'x', '\u{e9}', '\0'];
        let mut texts = alloc::vec![String::new()];
        let mut frontier = texts.clone();
        for _ in 0..5 {
            frontier = frontier
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| alloc::format!("{t}{c}")))
                .collect();
            texts.extend(frontier.iter().cloned());
        }
        texts.extend(["a".repeat(256), "a".repeat(257), "\u{e9}".repeat(200)]);
        for rule in &rules {
            for text in &texts {
                assert_eq!(
                    rule.check("Id", text),
                    rule.first_broken("Id", text),
                    "{rule:?} on {text:?}"
                );
            }
        }
        assert_eq!(
            DEFAULT_ID_RULE.check("Id", "..").unwrap_err().reason(),
            "must not be '.' or '..'"
        );
    }

    /// An extra check added to the default rule keeps its refusal of `.`
    /// and `..`, which its schema pattern (inherited too) also refuses.
    #[test]
    fn an_extra_check_on_the_default_rule_keeps_dot_names_refused() {
        fn anything(_: &str) -> Result<(), String> {
            Ok(())
        }
        let rule = DEFAULT_ID_RULE.with_extra(anything);
        for dots in [".", ".."] {
            assert_eq!(
                rule.check("Id", dots).unwrap_err().reason(),
                "must not be '.' or '..'"
            );
        }
        assert!(rule.check("Id", "...").is_ok());
        assert_eq!(rule.pattern(), DEFAULT_ID_RULE.pattern());
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
