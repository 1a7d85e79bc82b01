//! The model DSL behind `greentic-types`.
//!
//! ```
//! use greentic_types::{greentic_model, id_newtype};
//!
//! id_newtype! {
//!     /// Identifier of a widget.
//!     pub WidgetId, schema = "widget-id";
//! }
//!
//! greentic_model! {
//!     /// A widget on a storefront.
//!     #[schema = "widget"]
//!     pub struct Widget {
//!         /// Which widget.
//!         pub id: WidgetId,
//!         /// Labels shown under it.
//!         #[serde(default, skip_serializing_if = "Vec::is_empty")]
//!         pub labels: Vec<String>,
//!     }
//! }
//!
//! let w: Widget = serde_json::from_value(serde_json::json!({"id": "w-1"}))?;
//! assert_eq!(w.id, "w-1");
//! assert!(serde_json::from_value::<Widget>(serde_json::json!({"id": "w 1"})).is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! Every model is declared once. A declaration expands to the type, its serde
//! and `schemars` derives, [`Validate`], a [`generate::Generate`] impl (feature
//! `proptest`) and, when it names a schema slug, a [`registry`] entry that the
//! schema export, the CLI and the registry-wide tests discover on their own.
//!
//! Use it through `greentic-types`, which re-exports everything here: the
//! expansions name `::greentic_types::__private` so that a downstream crate
//! needs no direct serde, schemars or inventory dependency.
//!
//! `no_std` + `alloc`; features: `std`, `serde`, `schemars`, `registry`,
//! `check` (document checking through the registry), `yaml`, `proptest`.
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod case;
mod features;
#[cfg(feature = "serde")]
mod fields;
#[cfg(feature = "proptest")]
pub mod generate;
mod id;
mod model;
#[cfg(feature = "schemars")]
#[doc(hidden)]
pub mod object_schema;
#[cfg(feature = "serde")]
mod objects;
mod path;
#[cfg(feature = "registry")]
pub mod registry;
mod rule;
#[cfg(feature = "serde")]
#[doc(hidden)]
pub mod struct_ser;
mod validate;
#[cfg(feature = "serde")]
mod variants;

pub use path::{Path, SerdeAttrs, Tagging, Violation, Violations, push_escaped};
pub use rule::{
    DEFAULT_ID_RULE, DEFAULT_MAX_ID_LENGTH, ExtraCheck, IdRule, InvalidId, doc_text, is_id_char,
    is_valid_slug,
};
pub use validate::Validate;

#[cfg(feature = "serde")]
pub use objects::error_at;

/// The base URL of every schema `$id`, without a trailing `/`, as a literal.
#[doc(hidden)]
#[macro_export]
macro_rules! __schema_base_url {
    () => {
        "https://greentic-ai.github.io/greentic-types/schemas/v1"
    };
}

/// The base URL of every schema `$id` (no trailing `/`).
pub const SCHEMA_BASE_URL: &str = __schema_base_url!();

/// The file-name suffix of every exported schema.
pub const SCHEMA_FILE_SUFFIX: &str = ".schema.json";

/// A type declared with a schema slug.
///
/// ```
/// use greentic_types::Registered;
///
/// greentic_types::id_newtype! {
///     /// Identifier of a sprocket.
///     pub SprocketId, schema = "sprocket-id";
/// }
///
/// assert_eq!(SprocketId::SLUG, "sprocket-id");
/// assert!(SprocketId::SCHEMA_ID.ends_with("/schemas/v1/sprocket-id.schema.json"));
/// ```
pub trait Registered {
    /// The schema's slug: its file is `<slug>.schema.json`.
    const SLUG: &'static str;
    /// The schema's canonical `$id`.
    const SCHEMA_ID: &'static str;
}

/// Items the expansions of the DSL refer to. Not a public API.
#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "serde")]
    pub use crate::fields::{FieldKey, FieldNames, Fields, MapFields, SeqFields, UNKNOWN};
    #[cfg(all(feature = "serde", feature = "std"))]
    pub use crate::objects::defer_checks;
    #[cfg(feature = "serde")]
    pub use crate::objects::{ObjectsOnly, checks_deferred, deserialize_id};
    #[cfg(feature = "serde")]
    pub use crate::struct_ser;
    pub use crate::validate::probe;
    #[cfg(feature = "serde")]
    pub use crate::variants::{VariantNames, unit_variant};
    pub use alloc::borrow::Cow;
    pub use alloc::string::{String, ToString};
    /// The representation of identifiers: immutable, and inline (no
    /// allocation, a clone is a copy) up to 24 bytes on 64-bit targets.
    pub use compact_str::CompactString as IdStr;
    pub use greentic_types_macros::__expand as expand;
    pub use greentic_types_macros::Inert;

    /// An identifier's storage from an owned string: inline when short; else
    /// the string's own buffer, trimmed to its length (an identifier lives long,
    /// and the buffer may have been built with room to spare).
    pub fn id_str_from_string(mut s: alloc::string::String) -> compact_str::CompactString {
        if s.len() > core::mem::size_of::<compact_str::CompactString>() {
            s.shrink_to_fit();
        }
        compact_str::CompactString::from(s)
    }

    #[cfg(feature = "schemars")]
    pub use crate::object_schema;
    #[cfg(feature = "registry")]
    pub use inventory;
    #[cfg(feature = "schemars")]
    pub use schemars;
    #[cfg(feature = "serde")]
    pub use serde;
    pub use serde_json;

    /// The schema of a string identifier: `type`, `description`, and the rule
    /// as `pattern` + `minLength`.
    #[cfg(feature = "schemars")]
    pub fn id_schema(doc: &[&str], rule: &crate::IdRule) -> schemars::Schema {
        use serde_json::Value;
        let mut schema = schemars::Schema::default();
        let map = schema.ensure_object();
        map.insert("type".into(), Value::from("string"));
        let description = crate::doc_text(doc);
        if !description.is_empty() {
            map.insert("description".into(), Value::from(description));
        }
        if let Some(pattern) = rule.pattern() {
            map.insert("pattern".into(), Value::from(pattern));
        }
        if rule.min_length() > 0 {
            map.insert("minLength".into(), Value::from(rule.min_length()));
        }
        if let Some(max) = rule.max_length() {
            map.insert("maxLength".into(), Value::from(max));
        }
        schema
    }
}
