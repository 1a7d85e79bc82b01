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
//! assert_eq!(entry.check(serde_json::json!("g-1")).unwrap(), "g-1");
//! let err = entry.check(serde_json::json!("")).unwrap_err();
//! assert_eq!(err.to_string(), "(root): GizmoId must not be empty");
//! ```
//!
//! Entries are collected with `inventory`: a downstream crate that declares its
//! own models joins the registry (and the schema export) just by being linked.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::path::{Violation, Violations, push_escaped};
use crate::validate::Validate;
use crate::{SCHEMA_BASE_URL, SCHEMA_FILE_SUFFIX};

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
    schema: fn() -> schemars::Schema,
    check: fn(Value) -> Result<Value, Violations>,
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
            schema: schema_of::<T>,
            check: check::<T>,
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

    /// The JSON Schema (draft 2020-12) with `$id` set, object keys sorted.
    pub fn schema(&self) -> Value {
        let mut schema = (self.schema)().to_value();
        if let Value::Object(map) = &mut schema {
            map.insert("$id".to_owned(), Value::String(self.id()));
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

    /// Parses `doc` as this model, validates it and re-serializes it canonically.
    /// Every error names the JSON pointer and the rule broken.
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

/// The entry registered under `slug`, if exactly one type claims it.
pub fn entry(slug: &str) -> Option<&'static Entry> {
    let mut found = inventory::iter::<Entry>
        .into_iter()
        .filter(|e| e.slug == slug);
    let first = found.next()?;
    match found.next() {
        None => Some(first),
        Some(_) => None,
    }
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

fn schema_of<T: JsonSchema>() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Parses, validates and canonically re-serializes one document as `T`.
pub fn check<T: DeserializeOwned + Serialize + Validate>(doc: Value) -> Result<Value, Violations> {
    let value: T = serde_path_to_error::deserialize(doc).map_err(|e| {
        let pointer = pointer_of(e.path());
        let message = e.inner().to_string();
        let mut out = Violations::default();
        // A checked model nested in the document reports its own violations with
        // pointers relative to itself ("/a: rule; /b: rule"): re-anchor them.
        match relative_violations(&message) {
            Some(list) => list
                .into_iter()
                .for_each(|(p, m)| out.push_violation(Violation::new(format!("{pointer}{p}"), m))),
            None => out.push_violation(Violation::new(pointer, message)),
        }
        out
    })?;
    value.validate()?;
    serde_json::to_value(&value)
        .map_err(|e| Violations::from(Violation::new("", format!("cannot serialize: {e}"))))
}

fn relative_violations(message: &str) -> Option<Vec<(&str, &str)>> {
    let mut out = Vec::new();
    for item in message.split("; ") {
        let (ptr, msg) = item.split_once(": ")?;
        let ptr = match ptr {
            "(root)" => "",
            p if p.starts_with('/') => p,
            _ => return None,
        };
        out.push((ptr, msg));
    }
    Some(out)
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                out.push('/');
                push_escaped(&mut out, key);
            }
            Segment::Enum { variant } => {
                out.push('/');
                push_escaped(&mut out, variant);
            }
            Segment::Unknown => {}
        }
    }
    out
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
