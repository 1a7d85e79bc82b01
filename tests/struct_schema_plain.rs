//! The DSL's lean struct `JsonSchema` against schemars' own derive on a plain
//! struct: each shape is declared once through `greentic_model!` (module
//! `lean`) and once as a plain struct with `#[derive(JsonSchema)]` and the
//! same attributes (module `plain`), so the comparison does not go through
//! the DSL's fallback at all (`tests/struct_schema.rs` holds the fallback to
//! the lean form). Under the README's test command (the whole workspace,
//! where `tests/downstream` turns `serde_json`'s `preserve_order` on) the
//! comparison also pins the order keys are inserted in.
#![cfg(feature = "schemars")]
#![allow(missing_docs, non_snake_case, dead_code)]

mod schema_pairs;

use std::borrow::Cow;

use schema_pairs::assert_same_schemas;
use schemars::{JsonSchema, Schema, SchemaGenerator};

pub fn seven() -> u32 {
    7
}
pub fn is_seven(n: &u32) -> bool {
    *n == 7
}
pub fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}
pub fn gen_default<T: Default>() -> T {
    T::default()
}
/// Named like the lean form's locals.
pub fn __d(n: &u32) -> bool {
    *n == 3
}
pub fn __default() -> u32 {
    3
}

pub type MaybeStr = Option<String>;

/// A transparent newtype over an `Option` (schemars forwards `is_option`).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct WrapOpt(pub Option<u32>);

impl greentic_types::Validate for WrapOpt {
    fn validate_at(&self, _: &greentic_types::Path<'_>, _: &mut greentic_types::Violations) {}
}

/// A hand-written `JsonSchema` that forwards to `Option<u32>` (same schema,
/// so the same id, as schemars' docs recommend), but not schemars' hidden
/// `_schemars_private_is_option`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ForwardsToOption(pub Option<u32>);

impl greentic_types::Validate for ForwardsToOption {
    fn validate_at(&self, _: &greentic_types::Path<'_>, _: &mut greentic_types::Violations) {}
}

greentic_types::if_proptest! {
    impl greentic_types::generate::Generate for WrapOpt {
        fn generate(g: &mut greentic_types::generate::Gen) -> Self {
            Self(Option::<u32>::generate(g))
        }
    }
    impl greentic_types::generate::Generate for ForwardsToOption {
        fn generate(g: &mut greentic_types::generate::Gen) -> Self {
            Self(Option::<u32>::generate(g))
        }
    }
}

impl JsonSchema for ForwardsToOption {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        <Option<u32>>::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        <Option<u32>>::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <Option<u32>>::json_schema(generator)
    }
}

mod shapes {
    use crate::schema_pairs::both;

    both! {
        /// Names under `camelCase`, raw identifiers, odd underscores.
        #[serde(rename_all = "camelCase")]
        pub struct Camel {
            pub r#type: u8,
            pub foo_bar_baz: u8,
            pub _lead: u8,
            pub trail_: u8,
            pub a__b: u8,
            pub URLPath: u8,
        }

        /// Names under `SCREAMING-KEBAB-CASE`.
        #[serde(rename_all = "SCREAMING-KEBAB-CASE", deny_unknown_fields)]
        pub struct Kebab {
            pub r#match: u8,
            pub foo_bar: u8,
            pub x1_y2: u8,
        }

        /// Qualified, generic and local-looking default and skip paths.
        pub struct Paths {
            #[serde(default = "Vec::<u8>::new")]
            pub v: Vec<u8>,
            #[serde(default = "super::super::gen_default::<u8>")]
            pub g: u8,
            #[serde(default = "<u32 as Default>::default")]
            pub q: u32,
            #[serde(default, skip_serializing_if = "super::super::is_default")]
            pub gd: String,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub o: Option<u8>,
            #[serde(default = "Vec::new", skip_serializing_if = "Vec::<u8>::is_empty")]
            pub sl: Vec<u8>,
            #[serde(default = "__default", skip_serializing_if = "__d")]
            pub locals: u32,
            #[serde(default = "seven")]
            #[serde(skip_serializing_if = "is_seven")]
            pub split: u32,
            #[serde(skip_deserializing, skip_serializing_if = "is_default")]
            pub ro: u8,
            #[serde(default, skip_serializing)]
            pub wo: u8,
        }

        /// # Container default
        ///
        /// Fields named like the lean form's locals.
        #[derive(Default)]
        #[serde(default)]
        pub struct Locals {
            pub __schema: u32,
            pub __generator: u32,
            pub __default: u32,
            #[serde(skip_serializing_if = "__d")]
            pub __d: u32,
            #[serde(skip_deserializing)]
            pub ro: Option<u8>,
        }

        /// Doc comments as schemars reads them.
        pub struct Docs {
            #[doc = "tab\there \"q\" \\ \u{1F600} caf\u{e9} e\u{301}"]
            pub escapes: u8,
            #[doc = r#"raw "quoted" \n"#]
            pub raw: u8,
            ///
            ///   # Indented title after a blank line
            ///   more
            pub indented: u8,
            /// #
            pub only_hash: u8,
            #[doc(hidden)]
            /// after `doc(hidden)`
            pub hidden: u8,
            #[doc = "a\r\nb\r\n"]
            pub crlf: u8,
            /** block */
            pub block: u8,
            /// text, then
            /// # not a title
            pub later_hash: u8,
        }

        /// Fields that are `Option`s by another name.
        pub struct Options {
            pub alias: MaybeStr,
            pub boxed: Box<Option<u32>>,
            pub wrap: WrapOpt,
            pub nested: Option<Option<u8>>,
            pub map: std::collections::BTreeMap<String, Option<u8>>,
        }

        /// A hand-written impl that forwards to `Option<u32>`.
        pub struct Forwarded {
            pub f: ForwardsToOption,
        }

        /// Wrappers the lean form reads through schemars' impl for the
        /// stand-in (`Option`, `Vec`, `VecDeque`, `BTreeSet` of anything),
        /// nested, of models, of recursive models, and under other names.
        pub struct Wrappers {
            pub list: Vec<String>,
            pub deque: std::collections::VecDeque<u8>,
            pub set: std::collections::BTreeSet<i64>,
            pub maybe_list: Option<Vec<u16>>,
            pub list_of_maybe: Vec<Option<bool>>,
            pub models: Vec<super::super::Leaf>,
            pub maybe_model: Option<super::super::Leaf>,
            pub trees: Vec<super::super::Tree>,
            pub alias: MaybeStr,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub defaulted: Vec<super::super::Leaf>,
            pub own_vec: super::super::shadow::Vec<u8>,
        }
    }
}

greentic_types::greentic_model! {
    /// A model used inside wrappers.
    pub struct Leaf {
        /// Its name.
        pub name: String,
    }

    /// A default function whose type comes from the field, as serde reads
    /// it (schemars' derive cannot infer it; the lean schema can).
    pub struct InferredDefault {
        /// Empty by default.
        #[serde(default = "Vec::new")]
        pub list: Vec<u8>,
        /// Empty by default, and then not written.
        #[serde(default = "Vec::new", skip_serializing_if = "Vec::is_empty")]
        pub skipped: Vec<u8>,
    }

    /// A recursive model: its children are trees.
    pub struct Tree {
        /// Children.
        #[serde(default)]
        pub children: Vec<Tree>,
        /// The parent's copy.
        #[serde(default)]
        pub parent: Option<Box<Tree>>,
    }
}

/// A type named like a wrapper that is not one: its own schema, never
/// schemars' `Vec` impl.
pub mod shadow {
    use std::borrow::Cow;

    #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
    pub struct Vec<T>(pub std::vec::Vec<T>);

    impl<T: schemars::JsonSchema> schemars::JsonSchema for Vec<T> {
        fn schema_name() -> Cow<'static, str> {
            "ShadowVec".into()
        }
        fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
            schemars::json_schema!({"type": "string", "description": "not a list"})
        }
    }

    impl<T> greentic_types::Validate for Vec<T> {
        fn validate_at(&self, _: &greentic_types::Path<'_>, _: &mut greentic_types::Violations) {}
    }

    greentic_types::if_proptest! {
        impl<T> greentic_types::generate::Generate for Vec<T> {
            fn generate(_: &mut greentic_types::generate::Gen) -> Self {
                Self(std::vec::Vec::new())
            }
        }
    }
}

/// Enums whose variants are all units, which the DSL describes itself.
mod unit_enums {
    use crate::schema_pairs::both;

    both! {
        /// No variant documented.
        pub enum Bare {
            One,
            Two,
        }

        /// # Documented
        ///
        /// Every variant with a doc comment (two of them empty: schemars
        /// still describes those on their own).
        #[serde(rename_all = "kebab-case")]
        #[allow(clippy::empty_docs)]
        pub enum Documented {
            /// # First
            ///
            /// The first one.
            FirstOne,
            /// Only a description.
            SecondOne,
            ///
            EmptyDoc,
            /**   */
            BlankBlock,
        }

        /// Plain and documented variants mixed, renamed and aliased, a
        /// variant for any other name, a raw identifier and `Default`'s.
        #[serde(rename = "MixedKinds", rename_all = "SCREAMING_SNAKE_CASE")]
        #[derive(Default)]
        #[allow(non_camel_case_types)]
        pub enum Mixed {
            #[default]
            Plain,
            /// Documented.
            Documented,
            #[serde(rename = "renamed-by-hand", alias = "also")]
            Renamed,
            #[doc(hidden)]
            Hidden,
            #[deprecated]
            Old,
            r#type,
            #[serde(other)]
            Unknown,
        }

        /// Only documented variants but the last.
        #[serde(rename_all = "camelCase")]
        pub enum MostlyDocumented {
            /// A.
            AlphaBeta,
            /// B.
            GammaDelta,
            EpsilonZeta,
        }

        /// One variant, and extensions.
        #[serde(rename_all = "SCREAMING-KEBAB-CASE")]
        #[schemars(extend("x-kind" = "unit", "x-n" = [1, 2]))]
        pub enum Single {
            OnlyOne,
        }
    }
}

#[test]
fn unit_enums_match_the_plain_derive() {
    use unit_enums::{lean, plain};
    assert_same_schemas::<lean::Bare, plain::Bare>();
    assert_same_schemas::<lean::Documented, plain::Documented>();
    assert_same_schemas::<lean::Mixed, plain::Mixed>();
    assert_same_schemas::<lean::MostlyDocumented, plain::MostlyDocumented>();
    assert_same_schemas::<lean::Single, plain::Single>();
    let schema = schemars::schema_for!(lean::Mixed);
    assert_eq!(
        schema.pointer("/oneOf/0/enum"),
        Some(&serde_json::json!([
            "PLAIN",
            "renamed-by-hand",
            "HIDDEN",
            "TYPE",
            "UNKNOWN"
        ])),
        "{schema:?}"
    );
    assert_eq!(
        schema.pointer("/oneOf/2/deprecated"),
        Some(&serde_json::json!(true))
    );
    let schema = schemars::schema_for!(lean::Single);
    assert_eq!(schema.get("x-n"), Some(&serde_json::json!([1, 2])));
}

/// Deprecated structs and fields: the plain derive warns on a deprecated
/// struct (schemars allows nothing), hence the `allow` here; the lean form
/// needs none (`tests/ui-pass/deprecated_models.rs`).
#[allow(deprecated)]
mod deprecated_shapes {
    use crate::schema_pairs::both;

    both! {
        /// A struct on its way out.
        ///
        /// With fields that are too.
        #[deprecated(since = "0.5.0", note = "use Newer")]
        #[derive(Default)]
        #[serde(default)]
        #[schemars(extend("x-after" = "deprecated"))]
        pub struct Old {
            /// Kept.
            pub kept: u8,
            /// Going.
            #[deprecated = "use kept"]
            pub old: u8,
            #[deprecated]
            #[serde(skip_serializing_if = "Option::is_none")]
            pub maybe: Option<u8>,
        }

        /// An enum on its way out, with a variant that is too.
        #[deprecated]
        pub enum OldKind {
            /// Kept.
            Kept,
            /// Going.
            #[deprecated]
            Going,
        }

        /// Only fields deprecated, one read-only, one write-only.
        pub struct Partly {
            /// Read-only and going.
            #[deprecated]
            #[serde(skip_deserializing)]
            pub ro: u8,
            #[deprecated(note = "x")]
            #[serde(default, skip_serializing)]
            pub wo: u8,
            pub plain: String,
        }
    }
}

#[test]
#[allow(deprecated)]
fn deprecated_structs_and_fields_match_the_plain_derive() {
    assert_same_schemas::<deprecated_shapes::lean::Old, deprecated_shapes::plain::Old>();
    assert_same_schemas::<deprecated_shapes::lean::Partly, deprecated_shapes::plain::Partly>();
    assert_same_schemas::<deprecated_shapes::lean::OldKind, deprecated_shapes::plain::OldKind>();
    // The flag really is there: `deprecated` on the struct and its fields.
    let schema = schemars::schema_for!(deprecated_shapes::lean::Old);
    assert_eq!(schema.get("deprecated"), Some(&serde_json::json!(true)));
    assert_eq!(
        schema.pointer("/properties/old/deprecated"),
        Some(&serde_json::json!(true))
    );
    assert_eq!(schema.pointer("/properties/kept/deprecated"), None);
}

#[test]
fn rename_rules_and_raw_identifiers_match_the_plain_derive() {
    assert_same_schemas::<shapes::lean::Camel, shapes::plain::Camel>();
    assert_same_schemas::<shapes::lean::Kebab, shapes::plain::Kebab>();
}

#[test]
fn default_and_skip_paths_match_the_plain_derive() {
    assert_same_schemas::<shapes::lean::Paths, shapes::plain::Paths>();
    assert_same_schemas::<shapes::lean::Locals, shapes::plain::Locals>();
}

#[test]
fn doc_comment_edge_cases_match_the_plain_derive() {
    assert_same_schemas::<shapes::lean::Docs, shapes::plain::Docs>();
}

#[test]
fn wrappers_read_through_the_stand_in_match_the_plain_derive() {
    assert_same_schemas::<shapes::lean::Wrappers, shapes::plain::Wrappers>();
    let schema = schemars::schema_for!(shapes::lean::Wrappers);
    assert_eq!(
        schema.pointer("/$defs/ShadowVec/description"),
        Some(&serde_json::json!("not a list")),
        "a type named `Vec` that is not one keeps its own schema"
    );
    assert!(schema.pointer("/$defs/Tree").is_some(), "{schema:?}");
}

#[test]
fn a_generic_default_function_takes_its_type_from_the_field() {
    let schema = schemars::schema_for!(InferredDefault);
    assert_eq!(
        schema.pointer("/properties/list/default"),
        Some(&serde_json::json!([]))
    );
    assert_eq!(schema.pointer("/properties/skipped/default"), None);
    let read: InferredDefault = serde_json::from_str("{}").unwrap();
    assert!(read.list.is_empty() && read.skipped.is_empty());
}

#[test]
fn options_by_other_names_match_the_plain_derive() {
    assert_same_schemas::<shapes::lean::Options, shapes::plain::Options>();
}

/// Whether a field may be absent is schemars' `_schemars_private_is_option`
/// (as for the derive), not its type's schema id: a hand-written impl that
/// forwards the id of `Option<u32>` but not that method stays required.
#[test]
fn a_hand_written_impl_forwarding_an_options_id_matches_the_plain_derive() {
    assert_same_schemas::<shapes::lean::Forwarded, shapes::plain::Forwarded>();
}
