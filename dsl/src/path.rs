//! JSON-pointer paths and the violations that carry them.
//!
//! ```
//! use greentic_types_dsl::{Path, Violations};
//!
//! let root = Path::ROOT;
//! let flows = root.field("flows");
//! let second = flows.index(2);
//! let mut out = Violations::default();
//! out.push(&second.field("id"), "FlowId must not be empty");
//! assert_eq!(out.to_string(), "/flows/2/id: FlowId must not be empty");
//! ```
//!
//! A [`Path`] lives on the stack and is only turned into a string when a
//! violation is recorded, so validating a valid document allocates nothing.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::case;

/// How an enum puts its variant on the wire, as serde's container attributes say.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tagging {
    /// `{"variant": content}` (serde's default).
    External,
    /// `{"tag": "variant", ...content}`: the content sits beside the tag.
    Internal,
    /// `{"tag": "variant", "content": content}`.
    Adjacent(&'static str),
    /// Only the content, no variant name.
    Untagged,
}

/// The serde attributes the DSL reads to name JSON-pointer segments.
///
/// Built at compile time from a declaration's `#[serde(...)]` attributes; the
/// DSL passes them through to serde unchanged and only reads the names. Not a
/// public API: the expansions build it.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct SerdeAttrs {
    rename: Option<&'static str>,
    rename_all: Option<&'static str>,
    rename_all_fields: Option<&'static str>,
    tag: Option<&'static str>,
    content: Option<&'static str>,
    untagged: bool,
    flatten: bool,
    transparent: bool,
    skip: bool,
}

impl SerdeAttrs {
    /// No attributes.
    pub const NONE: Self = Self {
        rename: None,
        rename_all: None,
        rename_all_fields: None,
        tag: None,
        content: None,
        untagged: false,
        flatten: false,
        transparent: false,
        skip: false,
    };
    /// `rename = "..."` on a field, variant or container.
    pub const fn rename(mut self, v: &'static str) -> Self {
        self.rename = Some(v);
        self
    }
    /// `rename_all = "..."` on a container or variant.
    pub const fn rename_all(mut self, v: &'static str) -> Self {
        self.rename_all = Some(v);
        self
    }
    /// `rename_all_fields = "..."` on an enum.
    pub const fn rename_all_fields(mut self, v: &'static str) -> Self {
        self.rename_all_fields = Some(v);
        self
    }
    /// `tag = "..."` on an enum.
    pub const fn tag(mut self, v: &'static str) -> Self {
        self.tag = Some(v);
        self
    }
    /// `content = "..."` on an enum.
    pub const fn content(mut self, v: &'static str) -> Self {
        self.content = Some(v);
        self
    }
    /// `untagged` on an enum or a variant.
    pub const fn untagged(mut self) -> Self {
        self.untagged = true;
        self
    }
    /// `flatten` on a field.
    pub const fn flatten(mut self) -> Self {
        self.flatten = true;
        self
    }
    /// `transparent` on a container.
    pub const fn transparent(mut self) -> Self {
        self.transparent = true;
        self
    }
    /// `skip` on a field or variant.
    pub const fn skip(mut self) -> Self {
        self.skip = true;
        self
    }
    /// Whether the field or variant is skipped entirely (never on the wire).
    pub const fn is_skipped(&self) -> bool {
        self.skip
    }
    /// The enum representation these container attributes select.
    pub const fn tagging(&self) -> Tagging {
        if self.untagged {
            Tagging::Untagged
        } else if let Some(content) = self.content {
            Tagging::Adjacent(content)
        } else if self.tag.is_some() {
            Tagging::Internal
        } else {
            Tagging::External
        }
    }
    /// The naming context of a struct variant's fields: the variant's own
    /// `rename_all`, else the enum's `rename_all_fields`.
    pub const fn fields_of_variant(variant: Self, container: Self) -> Self {
        let mut out = Self::NONE;
        out.rename_all = match variant.rename_all {
            Some(rule) => Some(rule),
            None => container.rename_all_fields,
        };
        out
    }
}

#[derive(Clone, Copy)]
enum Segment<'a> {
    /// The path itself (root, or an enum representation that adds nothing).
    Here,
    /// A struct field or enum variant, named as serde names it on the wire.
    Name {
        rust: &'static str,
        rename: Option<&'static str>,
        rule: Option<&'static str>,
        variant: bool,
    },
    /// A fixed key.
    Key(&'a str),
    /// A map key.
    Display(&'a dyn fmt::Display),
    /// A sequence index.
    Index(usize),
}

/// A location inside a document, rendered as an RFC 6901 JSON pointer on demand.
#[derive(Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

impl fmt::Debug for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Path").field(&self.to_pointer()).finish()
    }
}

impl<'a> Path<'a> {
    /// The document root (pointer `""`).
    pub const ROOT: Path<'static> = Path {
        parent: None,
        segment: Segment::Here,
    };

    fn child(&'a self, segment: Segment<'a>) -> Path<'a> {
        Path {
            parent: Some(self),
            segment,
        }
    }

    /// The member `name` of an object.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        self.child(Segment::Key(name))
    }

    /// The element `index` of an array.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        self.child(Segment::Index(index))
    }

    /// The member of a map whose key displays as `key`.
    pub fn key(&'a self, key: &'a dyn fmt::Display) -> Path<'a> {
        self.child(Segment::Display(key))
    }

    /// A struct field, named as serde writes it (`attrs.rename`, else the Rust
    /// name under the container's `rename_all`, without any `r#` prefix).
    #[doc(hidden)]
    pub fn serde_field(
        &'a self,
        rust: &'static str,
        attrs: SerdeAttrs,
        container: SerdeAttrs,
    ) -> Path<'a> {
        if attrs.flatten || container.transparent {
            // The field's members sit in the container itself.
            return self.child(Segment::Here);
        }
        self.child(Segment::Name {
            rust,
            rename: attrs.rename,
            rule: container.rename_all,
            variant: false,
        })
    }

    /// Where the content of an enum variant sits for the container's tagging.
    #[doc(hidden)]
    pub fn serde_variant(
        &'a self,
        rust: &'static str,
        attrs: SerdeAttrs,
        container: SerdeAttrs,
    ) -> Path<'a> {
        if attrs.untagged {
            return self.child(Segment::Here);
        }
        match container.tagging() {
            Tagging::External => self.child(Segment::Name {
                rust,
                rename: attrs.rename,
                rule: container.rename_all,
                variant: true,
            }),
            Tagging::Adjacent(content) => self.child(Segment::Key(content)),
            Tagging::Internal | Tagging::Untagged => self.child(Segment::Here),
        }
    }

    /// The RFC 6901 pointer of this path (`""` for the root).
    pub fn to_pointer(&self) -> String {
        let mut chain: Vec<&Path<'_>> = Vec::new();
        let mut cur = Some(self);
        while let Some(p) = cur {
            chain.push(p);
            cur = p.parent;
        }
        let mut out = String::new();
        for p in chain.into_iter().rev() {
            let text = match p.segment {
                Segment::Here => continue,
                Segment::Name {
                    rust,
                    rename,
                    rule,
                    variant,
                } => match rename {
                    Some(name) => name.to_string(),
                    None => {
                        let rust = rust.strip_prefix("r#").unwrap_or(rust);
                        if variant {
                            case::variant(rust, rule)
                        } else {
                            case::field(rust, rule)
                        }
                    }
                },
                Segment::Key(k) => k.to_string(),
                Segment::Display(k) => k.to_string(),
                Segment::Index(i) => i.to_string(),
            };
            out.push('/');
            push_escaped(&mut out, &text);
        }
        out
    }
}

/// Appends `segment` to `out`, escaped as RFC 6901 requires (`~` -> `~0`, `/` -> `~1`).
pub fn push_escaped(out: &mut String, segment: &str) {
    for c in segment.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// One broken rule at one place in a document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Violation {
    /// RFC 6901 JSON pointer to the offending value (`""` is the whole document).
    pub path: String,
    /// The rule broken, as a sentence fragment (`"FlowId must not be empty"`).
    pub message: String,
}

impl Violation {
    /// A violation at `path` (a JSON pointer).
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }

    /// The same violation seen from `prefix` (a JSON pointer the path is relative to).
    pub fn under(mut self, prefix: &str) -> Self {
        self.path.insert_str(0, prefix);
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "(root): {}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every violation found in a value, in document order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Violations(Vec<Violation>);

impl FromIterator<Violation> for Violations {
    fn from_iter<I: IntoIterator<Item = Violation>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl Violations {
    /// Records that the value at `path` breaks the rule `message`.
    pub fn push(&mut self, path: &Path<'_>, message: impl fmt::Display) {
        self.0
            .push(Violation::new(path.to_pointer(), message.to_string()));
    }

    /// Records an already-built violation.
    pub fn push_violation(&mut self, violation: Violation) {
        self.0.push(violation);
    }

    /// No violation was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many violations were recorded.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The violations, in the order they were found.
    pub fn as_slice(&self) -> &[Violation] {
        &self.0
    }

    /// `Ok(())` when empty, else `Err(self)`.
    pub fn into_result(self) -> Result<(), Violations> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = alloc::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = core::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<Violation> for Violations {
    fn from(v: Violation) -> Self {
        Self(alloc::vec![v])
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            fmt::Display::fmt(v, f)?;
        }
        Ok(())
    }
}

impl core::error::Error for Violations {}
