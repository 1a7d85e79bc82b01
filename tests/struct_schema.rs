//! The DSL's lean struct `JsonSchema` writes exactly what schemars' derive
//! writes.
//!
//! Every shape is declared twice through `greentic_model!`, under the same
//! name in two modules: in `lean` as written (the DSL writes the
//! `JsonSchema`), in `derived` with a neutral `#[cfg_attr(any(), ..)]` that
//! the lean form does not take, so schemars' derive writes it. Their root
//! schemas, under every draft, both contracts and the settings that change
//! what a struct's schema holds, must be the same text. Under the README's
//! test command (`--workspace`), `tests/downstream` turns `serde_json`'s
//! `preserve_order` on, so the text also pins the order keys are inserted in.
#![cfg(all(feature = "schemars", feature = "std"))]
#![allow(missing_docs)]

mod schema_pairs;

use std::borrow::Cow;
use std::collections::BTreeMap;

use greentic_types::FlowId;
use schema_pairs::assert_same_schemas;
use schemars::{JsonSchema, Schema, SchemaGenerator};

fn seven() -> u32 {
    7
}

fn is_seven(n: &u32) -> bool {
    *n == 7
}

/// Declares every shape, each with `$extra` container attributes.
macro_rules! shapes {
    ($(#[$extra:meta])*) => {
        use super::*;

        greentic_types::greentic_model! {
            /// Every field attribute the lean form reads.
            ///
            /// Second paragraph of the description.
            $(#[$extra])*
            #[derive(Default)]
            pub struct Plain {
                /// Required.
                pub name: String,
                /// Absent reads as `None`: not required when read.
                pub note: Option<String>,
                /// Renamed, with aliases.
                #[serde(rename = "kind", alias = "sort", alias = "genre")]
                pub category: Option<String>,
                /// Defaulted by `Default`, left out when empty.
                #[serde(default, skip_serializing_if = "Vec::is_empty")]
                pub tags: Vec<String>,
                /// Defaulted by a function.
                #[serde(default = "seven")]
                pub count: u32,
                /// A default that `skip_serializing_if` leaves out of the schema.
                #[serde(default = "seven", skip_serializing_if = "is_seven")]
                pub sevens: u32,
                /// Left out when `None`, but no default: required when written.
                #[serde(skip_serializing_if = "Option::is_none")]
                pub maybe: Option<u8>,
                /// Never read nor written.
                #[serde(skip)]
                pub cache: u8,
                /// Written, never read: `readOnly`, only in the serialize contract.
                #[serde(skip_deserializing)]
                pub computed: u16,
                /// Read, never written: `writeOnly`, only in the deserialize contract.
                #[serde(skip_serializing, default)]
                pub secret: String,
                /// A raw identifier.
                #[serde(default)]
                pub r#type: bool,
                /// An identifier model, by reference.
                #[serde(default)]
                pub flow: Option<FlowId>,
                /// A map.
                #[serde(default)]
                pub labels: BTreeMap<String, u8>,
                pub undocumented: i64,
                #[doc = ""]
                pub empty_doc: bool,
                /// A type whose schema is `true` gets an object for its docs.
                pub anything: serde_json::Value,
            }
        }

        greentic_types::greentic_model! {
            /// # A title
            ///
            /// Container `rename`, `rename_all` and `default`.
            $(#[$extra])*
            #[serde(rename = "cased-shape", rename_all = "camelCase", default)]
            pub struct Cased {
                /// Its default is the struct's.
                pub first_name: String,
                /// # Field title only
                pub last_seen_at: Option<u64>,
                #[serde(rename = "OVERRIDE")]
                pub renamed_field: u32,
                /// Its own default beats the struct's.
                #[serde(default = "seven")]
                pub own_default: u32,
                #[serde(skip_serializing_if = "Vec::is_empty")]
                pub list: Vec<u8>,
                /// Skipped when read, under the struct's default.
                #[serde(skip_deserializing)]
                pub derived_later: u8,
            }
        }

        impl Default for Cased {
            fn default() -> Self {
                Self {
                    first_name: "Ada".into(),
                    last_seen_at: Some(3),
                    renamed_field: 9,
                    own_default: 1,
                    list: Vec::new(),
                    derived_later: 4,
                }
            }
        }

        greentic_types::greentic_model! {
            /// Unknown fields denied, names in SCREAMING-KEBAB-CASE.
            $(#[$extra])*
            #[serde(deny_unknown_fields, rename_all = "SCREAMING-KEBAB-CASE")]
            pub struct Strict {
                pub only_field: String,
                #[serde(default)]
                pub nested: Option<Plain>,
            }
        }

        greentic_types::greentic_model! {
            /// A tree of itself.
            $(#[$extra])*
            pub struct Tree {
                pub children: Vec<Self>,
                pub parent: Option<Box<Tree>>,
                /// Another shape, twice: one definition.
                pub cased: Cased,
                pub more: Vec<Cased>,
            }
        }

        greentic_types::greentic_model! {
            /// No fields.
            $(#[$extra])*
            pub struct Empty {}
        }

        greentic_types::greentic_model! {
            /// Every field skipped.
            $(#[$extra])*
            pub struct AllSkipped {
                #[serde(skip)]
                pub hidden: u8,
            }
        }

        greentic_types::greentic_model! {
            /// A field whose type reports which path built its schema.
            $(#[$extra])*
            pub struct Probed {
                /// See `lean_path_is_taken`.
                pub probe: super::Probe,
            }
        }
    };
}

/// A field type whose schema says whether it was asked for through the
/// lean form's stand-in (`object_schema::Erased`, whose functions are, while
/// it stands for this type, this type's).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Probe(u8);

impl greentic_types::Validate for Probe {
    fn validate_at(&self, _: &greentic_types::Path<'_>, _: &mut greentic_types::Violations) {}
}

greentic_types::if_proptest! {
    impl greentic_types::generate::Generate for Probe {
        fn generate(g: &mut greentic_types::generate::Gen) -> Self {
            Self(u8::generate(g))
        }
    }
}

impl JsonSchema for Probe {
    fn schema_name() -> Cow<'static, str> {
        "Probe".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        use greentic_types::__private::object_schema::Erased;
        let through_erased = <Erased as JsonSchema>::schema_id() == Self::schema_id();
        schemars::json_schema!({ "const": through_erased })
    }
}

mod lean {
    shapes!();
}

mod derived {
    shapes!(#[cfg_attr(any(), allow(dead_code))]);
}

#[test]
fn every_field_attribute_gives_the_derives_schema() {
    assert_same_schemas::<lean::Plain, derived::Plain>();
}

#[test]
fn container_rename_rename_all_and_default_give_the_derives_schema() {
    assert_same_schemas::<lean::Cased, derived::Cased>();
}

#[test]
fn deny_unknown_fields_and_nested_models_give_the_derives_schema() {
    assert_same_schemas::<lean::Strict, derived::Strict>();
}

#[test]
fn recursive_and_repeated_fields_give_the_derives_schema() {
    assert_same_schemas::<lean::Tree, derived::Tree>();
}

#[test]
fn empty_and_all_skipped_structs_give_the_derives_schema() {
    assert_same_schemas::<lean::Empty, derived::Empty>();
    assert_same_schemas::<lean::AllSkipped, derived::AllSkipped>();
}

#[test]
fn schema_ids_name_the_module_and_the_wire_name() {
    assert_eq!(
        <lean::Cased as JsonSchema>::schema_id(),
        concat!(module_path!(), "::lean::cased-shape")
    );
    assert_eq!(
        <derived::Cased as JsonSchema>::schema_id(),
        concat!(module_path!(), "::derived::cased-shape")
    );
}

/// The lean form asks for each field's schema through one stand-in type
/// (see `object_schema`); schemars' derive asks for the field type itself.
/// This pins that the shapes above are the lean form, and their twins not.
#[test]
fn lean_path_is_taken() {
    let probe = |schema: Schema| schema.pointer("/$defs/Probe/const").cloned();
    let lean = SchemaGenerator::default().into_root_schema_for::<lean::Probed>();
    let derived = SchemaGenerator::default().into_root_schema_for::<derived::Probed>();
    assert_eq!(probe(lean), Some(serde_json::json!(true)));
    assert_eq!(probe(derived), Some(serde_json::json!(false)));
}

/// A model declared inside a function, with `Self` in a field type: the
/// field's constants (an item, where `Self` means nothing) name the struct,
/// which an item in the function's body sees.
#[test]
fn a_model_declared_in_a_function_gives_the_derives_schema() {
    greentic_types::greentic_model! {
        /// A list of itself, declared in a function.
        pub struct Local {
            /// Its children.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub children: Vec<Self>,
        }
    }
    mod plain {
        /// A list of itself, declared in a function.
        #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        pub struct Local {
            /// Its children.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub children: Vec<Self>,
        }
    }
    assert_same_schemas::<Local, plain::Local>();
}
