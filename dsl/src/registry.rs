//! The registry of every declaration that names a schema, across the link graph.
//!
//! ```
//! use greentic_types::registry;
//!
//! greentic_types::id_newtype! {
//!     /// Identifier of a gizmo.
//!     pub GizmoId, schema = "gizmo-id";
//! }
//!
//! // Every `schema = "..."` declaration linked into the program is here,
//! // sorted by slug, with nothing listed by hand.
//! let slugs: Vec<&str> = registry::entries().iter().map(|e| e.slug()).collect();
//! assert!(slugs.contains(&"gizmo-id"));
//!
//! let entry = registry::entry("gizmo-id").unwrap();
//! assert_eq!(entry.file_name(), "gizmo-id.schema.json");
//! // Document checking (feature `check`):
//! assert_eq!(entry.check(serde_json::json!("g-1")).unwrap(), "g-1");
//! let err = entry.check(serde_json::json!("")).unwrap_err();
//! assert_eq!(err.to_string(), "(root): GizmoId must not be empty");
//! ```
//!
//! Entries are collected with `inventory`: a downstream crate that declares its
//! own models joins the registry (and the schema export) just by being linked.
//!
//! Schema and code agree on what a document may hold, with exceptions a
//! JSON Schema cannot state, listed beside their declarations (legacy twins
//! that must agree, repeated node ids, calendar rules of timestamps). One
//! holds for every integer field: a schema bounds it by its Rust type
//! (`minimum`/`maximum`), but JSON Schema treats `1.0` as the integer 1,
//! while serde refuses a fraction point where an integer is due: `1.0` is
//! an error here, as in every typed reader of these documents.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

#[cfg(feature = "check")]
use crate::path::Violations;
use crate::validate::Validate;
use crate::{SCHEMA_BASE_URL, SCHEMA_FILE_SUFFIX};

#[cfg(feature = "check")]
mod documents;
#[cfg(feature = "yaml")]
#[cfg_attr(docsrs, doc(cfg(feature = "yaml")))]
pub use documents::{
    YAML_ALIAS_EXPANSION_LIMIT, check_yaml, check_yaml_aliases, yaml_merge_keys,
    yaml_non_finite_floats,
};
#[cfg(feature = "check")]
#[cfg_attr(docsrs, doc(cfg(feature = "check")))]
pub use documents::{check, check_json};

/// What a registered type must be: serializable, deserializable, described by a
/// schema, validatable (and, with `proptest`, generatable).
#[cfg(not(feature = "proptest"))]
pub trait Model: Serialize + DeserializeOwned + JsonSchema + Validate + 'static {}
#[cfg(not(feature = "proptest"))]
impl<T: Serialize + DeserializeOwned + JsonSchema + Validate + 'static> Model for T {}

/// What a registered type must be: serializable, deserializable, described by a
/// schema, validatable and generatable.
#[cfg(feature = "proptest")]
pub trait Model:
    Serialize + DeserializeOwned + JsonSchema + Validate + crate::generate::Generate + 'static
{
}
#[cfg(feature = "proptest")]
impl<T: Serialize + DeserializeOwned + JsonSchema + Validate + crate::generate::Generate + 'static>
    Model for T
{
}

/// One registered schema: a declaration that said `schema = "<slug>"`.
pub struct Entry {
    slug: &'static str,
    module: &'static str,
    type_name: &'static str,
    schema: crate::object_schema::Fns,
    #[cfg(feature = "check")]
    check: fn(Value) -> Result<Value, Violations>,
    #[cfg(feature = "check")]
    check_json: fn(&str) -> Result<String, Violations>,
    #[cfg(feature = "yaml")]
    check_yaml: fn(&str) -> Result<String, Violations>,
    #[cfg(feature = "proptest")]
    sample: fn(&mut crate::generate::Gen) -> Result<Value, String>,
}

impl Entry {
    #[doc(hidden)]
    pub const fn new<T: Model>(
        slug: &'static str,
        module: &'static str,
        type_name: &'static str,
    ) -> Self {
        Self {
            slug,
            module,
            type_name,
            schema: crate::object_schema::Fns::of::<T>(),
            #[cfg(feature = "check")]
            check: check::<T>,
            #[cfg(feature = "check")]
            check_json: check_json::<T>,
            #[cfg(feature = "yaml")]
            check_yaml: check_yaml::<T>,
            #[cfg(feature = "proptest")]
            sample: sample::<T>,
        }
    }

    /// The schema's slug (`"pack-manifest"`).
    pub fn slug(&self) -> &'static str {
        self.slug
    }

    /// The file the schema is exported to (`"pack-manifest.schema.json"`).
    pub fn file_name(&self) -> String {
        format!("{}{}", self.slug, SCHEMA_FILE_SUFFIX)
    }

    /// The schema's canonical `$id` URL.
    pub fn id(&self) -> String {
        format!("{}/{}{}", SCHEMA_BASE_URL, self.slug, SCHEMA_FILE_SUFFIX)
    }

    /// The Rust type's name (`"PackManifest"`), also the schema's `title`.
    pub fn title(&self) -> &'static str {
        self.type_name
    }

    /// The Rust type's full path (`"my_crate::pack::PackManifest"`).
    pub fn rust_type(&self) -> String {
        format!("{}::{}", self.module, self.type_name)
    }

    /// The JSON Schema (draft 2020-12): `$id` and `title` set, object keys
    /// sorted, sized integers bounded by their Rust type (`minimum`/`maximum`),
    /// patterns written so every regex dialect reads them alike
    /// ([`portable_pattern`]), and Rust doc syntax (intra-doc links) turned
    /// into plain text in every `description`.
    ///
    /// One disagreement no schema can settle: JSON Schema counts a whole
    /// number written as a float (`1.0`) as an integer; the code refuses it in
    /// an integer field (and never writes it).
    pub fn schema(&self) -> Value {
        let mut schema = root::schema(self.schema).to_value();
        polish(&mut schema);
        if let Value::Object(map) = &mut schema {
            map.insert("$id".to_owned(), Value::String(self.id()));
            map.insert("title".to_owned(), Value::String(self.type_name.to_owned()));
        }
        sort_keys(&mut schema);
        schema
    }

    /// The schema as the exported file holds it: pretty JSON, trailing newline.
    pub fn schema_file(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema())
            .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
        text.push('\n');
        text
    }

    /// Reads a document from JSON text straight into the model (no
    /// intermediate `Value`, so a repeated key is an error), validates it and
    /// returns its canonical JSON text (fields in declaration order, compact).
    ///
    /// Every error names the JSON pointer and the rule broken; every check
    /// hook's violation is reported, not only the first. Feature `check`.
    #[cfg(feature = "check")]
    #[cfg_attr(docsrs, doc(cfg(feature = "check")))]
    pub fn check_json(&self, text: &str) -> Result<String, Violations> {
        (self.check_json)(text)
    }

    /// Like [`Entry::check_json`], reading YAML text (one document). Feature `yaml`.
    #[cfg(feature = "yaml")]
    #[cfg_attr(docsrs, doc(cfg(feature = "yaml")))]
    pub fn check_yaml(&self, text: &str) -> Result<String, Violations> {
        (self.check_yaml)(text)
    }

    /// Parses `doc` as this model, validates it and re-serializes it; object
    /// keys of the result are sorted, whatever features the build enables.
    ///
    /// A `Value` has no reliable key order (without `serde_json/preserve_order`
    /// its maps are sorted before this sees them), so ordered maps such as a
    /// flow's `nodes` come back sorted here. Prefer [`Entry::check_json`] for
    /// documents that arrive as text: it keeps document order, sees repeated
    /// keys, and is faster. Feature `check`.
    #[cfg(feature = "check")]
    #[cfg_attr(docsrs, doc(cfg(feature = "check")))]
    pub fn check(&self, doc: Value) -> Result<Value, Violations> {
        (self.check)(doc)
    }

    /// An arbitrary valid instance, serialized.
    #[cfg(feature = "proptest")]
    pub fn sample(&self, g: &mut crate::generate::Gen) -> Result<Value, String> {
        (self.sample)(g)
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("slug", &self.slug)
            .field("type", &self.rust_type())
            .finish()
    }
}

inventory::collect!(Entry);

/// Every registered entry, sorted by slug (then by Rust type, so duplicates sit together).
pub fn entries() -> Vec<&'static Entry> {
    let mut all: Vec<&'static Entry> = inventory::iter::<Entry>.into_iter().collect();
    all.sort_by(|a, b| {
        a.slug
            .cmp(b.slug)
            .then_with(|| a.rust_type().cmp(&b.rust_type()))
    });
    all
}

/// The entry registered under `slug`, if exactly one type claims it (see
/// [`lookup`] for the reason when not).
pub fn entry(slug: &str) -> Option<&'static Entry> {
    lookup(slug).ok()
}

/// Two types registered the same slug.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateSlug {
    /// The contested slug.
    pub slug: &'static str,
    /// The Rust types that claim it.
    pub types: [String; 2],
}

impl fmt::Display for DuplicateSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "schema slug `{}` is registered by both `{}` and `{}`",
            self.slug, self.types[0], self.types[1]
        )
    }
}

impl core::error::Error for DuplicateSlug {}

/// Why [`lookup`] found no single entry for a slug.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LookupError {
    /// No type registers the slug.
    Unknown(String),
    /// More than one type registers it.
    Duplicate(DuplicateSlug),
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unknown(slug) => write!(f, "unknown model `{slug}`"),
            Self::Duplicate(duplicate) => fmt::Display::fmt(duplicate, f),
        }
    }
}

impl core::error::Error for LookupError {}

/// The entry registered under `slug`, or why there is not exactly one.
pub fn lookup(slug: &str) -> Result<&'static Entry, LookupError> {
    let mut found = inventory::iter::<Entry>
        .into_iter()
        .filter(|e| e.slug == slug);
    let first = found
        .next()
        .ok_or_else(|| LookupError::Unknown(slug.to_owned()))?;
    match found.next() {
        None => Ok(first),
        Some(second) => Err(LookupError::Duplicate(DuplicateSlug {
            slug: first.slug,
            types: [first.rust_type(), second.rust_type()],
        })),
    }
}

/// The sorted entries, or the first slug two types both claim.
pub fn unique_entries() -> Result<Vec<&'static Entry>, DuplicateSlug> {
    let all = entries();
    for pair in all.windows(2) {
        if pair[0].slug == pair[1].slug {
            return Err(DuplicateSlug {
                slug: pair[0].slug,
                types: [pair[0].rust_type(), pair[1].rust_type()],
            });
        }
    }
    Ok(all)
}

/// Root schemas without one copy of schemars' root builder per model.
///
/// `into_root_schema_for::<T>` is generic: called for each registered type
/// it was compiled once per type, about an eighth of the registry's machine
/// code. Here it is compiled once, for
/// [`Erased`](crate::object_schema::Erased), which stands for the type being
/// generated (see [`object_schema`](crate::object_schema)). Same output:
/// schemars only ever sees the real type's name, id, inlining (which a root
/// schema does not read) and schema function.
mod root {
    use schemars::Schema;

    use crate::object_schema::{Erased, Fns, with_current};

    /// The draft 2020-12 root schema of the model `fns` describes.
    pub(super) fn schema(fns: Fns) -> Schema {
        with_current(fns, || {
            schemars::generate::SchemaSettings::draft2020_12()
                .into_generator()
                .into_root_schema_for::<Erased>()
        })
    }
}

#[cfg(feature = "proptest")]
fn sample<T: Model>(g: &mut crate::generate::Gen) -> Result<Value, String> {
    let v = <T as crate::generate::Generate>::generate(g);
    serde_json::to_value(&v).map_err(|e| e.to_string())
}

/// Sorts the keys of every object in `v`, so output bytes never depend on
/// whether `serde_json/preserve_order` is enabled somewhere in the build.
pub fn sort_keys(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.sort_keys();
            for (_, child) in map.iter_mut() {
                sort_keys(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(sort_keys),
        _ => {}
    }
}

/// Schema polish applied to every exported schema: integer bounds from the
/// Rust type, plain-text descriptions, and patterns every regex dialect reads
/// alike ([`portable_pattern`]). Values that are data, not schemas
/// (`default`, `examples`, `const`, `enum`, `x-*` annotations), are left as
/// written.
fn polish(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(text)) = map.get_mut("description") {
                *text = plain_doc(text);
            }
            if let Some(Value::String(pattern)) = map.get_mut("pattern") {
                *pattern = portable_pattern(pattern);
            }
            if let Some(Value::Object(by_pattern)) = map.get_mut("patternProperties") {
                *by_pattern = core::mem::take(by_pattern)
                    .into_iter()
                    .map(|(pattern, schema)| (portable_pattern(&pattern), schema))
                    .collect();
            }
            if let Some((min, max)) = map
                .get("format")
                .and_then(Value::as_str)
                .and_then(integer_bounds)
            {
                let is_integer = match map.get("type") {
                    Some(Value::String(t)) => t == "integer",
                    Some(Value::Array(ts)) => ts.iter().any(|t| t == "integer"),
                    _ => false,
                };
                if is_integer {
                    map.entry("minimum").or_insert(min);
                    map.entry("maximum").or_insert(max);
                }
            }
            for (key, child) in map.iter_mut() {
                let data = matches!(key.as_str(), "default" | "examples" | "const" | "enum")
                    || key.starts_with("x-");
                if !data {
                    polish(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(polish),
        _ => {}
    }
}

/// The range of the integer formats schemars writes for sized Rust integers.
///
/// 128-bit bounds are powers of two, written as the `f64` numbers that equal
/// them exactly (`-2^127`, and `2^127` or `2^128` as an inclusive maximum):
/// JSON text has no 128-bit number every reader reads exactly, and a
/// validator that reads numbers as `f64` rounds the largest value
/// (`2^127 - 1`) up to `2^127`, so an exclusive bound would refuse it. The
/// price is the bound itself: `2^127` (and, for `f64` readers, the numbers
/// that round to it) passes the schema while the code refuses it.
///
/// Whole numbers written as floats (`1.0`, `1e2`, `-0.0`) are the one
/// disagreement a schema cannot settle: JSON Schema counts them as integers,
/// while the code (serde) refuses them in an integer field, naming the field
/// and the type. The canonical form never writes them.
fn integer_bounds(format: &str) -> Option<(Value, Value)> {
    // 2^127, exactly representable as an `f64`.
    const TWO_127: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;
    let inclusive = |min: Value, max: Value| (min, max);
    Some(match format {
        "int8" => inclusive(i8::MIN.into(), i8::MAX.into()),
        "int16" => inclusive(i16::MIN.into(), i16::MAX.into()),
        "int32" => inclusive(i32::MIN.into(), i32::MAX.into()),
        "int64" | "int" => inclusive(i64::MIN.into(), i64::MAX.into()),
        "int128" => inclusive(Value::from(-TWO_127), Value::from(TWO_127)),
        "uint8" => inclusive(0.into(), u8::MAX.into()),
        "uint16" => inclusive(0.into(), u16::MAX.into()),
        "uint32" => inclusive(0.into(), u32::MAX.into()),
        "uint64" | "uint" => inclusive(0.into(), u64::MAX.into()),
        "uint128" => inclusive(0.into(), Value::from(2.0 * TWO_127)),
        _ => return None,
    })
}

/// `^(0|[1-9]\d*)`-style numbers of the SemVer pattern schemars writes for
/// `semver::Version`, which holds them as `u64`.
const SEMVER_UNBOUNDED: &str = r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)";

/// A decimal `u64` as `semver` reads it: no leading zero, at most `u64::MAX`.
const SEMVER_U64: &str = concat!(
    "(0|[1-9][0-9]{0,18}|1[0-7][0-9]{18}|18[0-3][0-9]{17}|184[0-3][0-9]{16}",
    "|1844[0-5][0-9]{15}|18446[0-6][0-9]{14}|184467[0-3][0-9]{13}|1844674[0-3][0-9]{12}",
    "|184467440[0-6][0-9]{10}|1844674407[0-2][0-9]{9}|18446744073[0-6][0-9]{8}",
    "|1844674407370[0-8][0-9]{6}|18446744073709[0-4][0-9]{5}|184467440737095[0-4][0-9]{4}",
    "|18446744073709550[0-9]{3}|18446744073709551[0-5][0-9]{2}|1844674407370955160[0-9]",
    "|1844674407370955161[0-5])"
);

/// A `pattern` that ECMA-262 (what JSON Schema specifies), Python's `re` and
/// the Rust engines read alike, with the same meaning under ECMA-262:
///
/// - every `$` (outside a character class) becomes `(?![\s\S])`: Python's `$`
///   also matches before a final newline, so `^[a-z]+$` takes `"acme\n"`;
/// - `\d` becomes `[0-9]` (`0-9` inside a class): Python's `\d` is any
///   Unicode digit;
/// - the SemVer version pattern schemars writes gets `semver`'s `u64` bound
///   on its three numbers.
pub fn portable_pattern(pattern: &str) -> String {
    let semver;
    let pattern = if pattern.contains(SEMVER_UNBOUNDED) {
        semver = pattern.replace(
            SEMVER_UNBOUNDED,
            &format!("{SEMVER_U64}\\.{SEMVER_U64}\\.{SEMVER_U64}"),
        );
        semver.as_str()
    } else {
        pattern
    };
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut in_class = false;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') if in_class => out.push_str("0-9"),
                Some('d') => out.push_str("[0-9]"),
                Some(escaped) => {
                    out.push('\\');
                    out.push(escaped);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '$' if !in_class => out.push_str(r"(?![\s\S])"),
            _ => out.push(c),
        }
    }
    out
}

/// A doc comment as plain text: intra-doc links lose their Rust target
/// (`[text](crate::path)` becomes `text`, `` [`Type`] `` becomes `` `Type` ``,
/// `[text][ref]` becomes `text`); web links and the rest stay as written.
pub fn plain_doc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let label = &after[..close];
        let tail = &after[close + 1..];
        if let Some(target) = tail
            .strip_prefix('(')
            .and_then(|t| t.find(')').map(|end| (&t[..end], &t[end + 1..])))
        {
            let (href, after_link) = target;
            if href.contains("://") || href.starts_with('#') || href.starts_with('/') {
                // A real link: keep it.
                out.push('[');
                out.push_str(label);
                out.push_str("](");
                out.push_str(href);
                out.push(')');
            } else {
                out.push_str(label);
            }
            rest = after_link;
        } else if let Some(reference) = tail
            .strip_prefix('[')
            .and_then(|t| t.find(']').map(|end| &t[end + 1..]))
        {
            out.push_str(label);
            rest = reference;
        } else if label.starts_with('`') && label.ends_with('`') && label.len() >= 2 {
            out.push_str(label);
            rest = tail;
        } else {
            out.push('[');
            out.push_str(label);
            out.push(']');
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}
