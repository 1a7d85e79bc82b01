//! What the schema differential tests share (`tests/struct_schema.rs`,
//! `tests/struct_schema_plain.rs`, `tests/object_schema.rs`): every setting
//! that changes what a struct's schema holds, the text comparison, and
//! `both!`, which declares each shape through the DSL and as a plain derive.
#![allow(dead_code, unused_macros)]

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

/// Declares each struct (or enum) twice from one body: in module `lean`
/// through `greentic_model!`, in module `plain` with `#[derive(JsonSchema)]`
/// and the same attributes. Both modules see the items of the module that
/// calls it.
macro_rules! both {
    ($($(#[$($a:tt)*])* pub $kind:tt $n:ident { $($f:tt)* })*) => {
        pub mod lean {
            #[allow(unused_imports)]
            use super::super::*;
            greentic_types::greentic_model! { $($(#[$($a)*])* pub $kind $n { $($f)* })* }
        }
        pub mod plain {
            #[allow(unused_imports)]
            use super::super::*;
            $(
                #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
                $(#[$($a)*])* pub $kind $n { $($f)* }
            )*
        }
    };
}
#[allow(unused_imports)]
pub(crate) use both;

/// A transform of the user's own: counts the keys of every schema object.
fn count_keys(schema: &mut Schema) {
    if let Some(o) = schema.as_object_mut() {
        o.insert("x-keys".into(), o.len().into());
    }
}

/// Four drafts, each under both contracts with and without inlined
/// subschemas, with schemars' transforms, and with another definitions path,
/// no meta schema and a transform of the user's own.
pub fn settings() -> Vec<(String, SchemaSettings)> {
    let mut out = Vec::new();
    for (name, base) in [
        ("draft2020_12", SchemaSettings::draft2020_12()),
        ("draft2019_09", SchemaSettings::draft2019_09()),
        ("draft07", SchemaSettings::draft07()),
        ("openapi3", SchemaSettings::openapi3()),
    ] {
        for inline in [false, true] {
            out.push((
                format!("{name}/deserialize/inline={inline}"),
                base.clone()
                    .for_deserialize()
                    .with(|s| s.inline_subschemas = inline),
            ));
            out.push((
                format!("{name}/serialize/inline={inline}"),
                base.clone()
                    .for_serialize()
                    .with(|s| s.inline_subschemas = inline),
            ));
        }
        out.push((
            format!("{name}/transforms"),
            base.clone().with(|s| {
                s.transforms
                    .push(Box::new(schemars::transform::ReplaceBoolSchemas::default()));
                s.transforms
                    .push(Box::new(schemars::transform::RemoveRefSiblings::default()));
            }),
        ));
        out.push((
            format!("{name}/path+meta+transform"),
            base.with(|s| {
                s.definitions_path = "#/components/schemas/".into();
                s.meta_schema = None;
            })
            .with_transform(count_keys),
        ));
    }
    out
}

/// A value as pretty JSON text (under `preserve_order`, which the README's
/// test command turns on through `tests/downstream`, in key order).
pub fn text(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).expect("schemas are JSON")
}

/// `L` and `D` have the same name, inlining and root schema under every one
/// of [`settings`], compared as JSON values in the order their keys were
/// inserted (schemars' own `Serialize` of a `Schema` writes some keywords
/// first whatever their order, which would hide a difference there).
pub fn assert_same_schemas<L: JsonSchema, D: JsonSchema>() {
    assert_eq!(L::schema_name(), D::schema_name());
    assert_eq!(L::inline_schema(), D::inline_schema());
    for (name, settings) in settings() {
        let lean = settings
            .clone()
            .into_generator()
            .into_root_schema_for::<L>();
        let other = settings.into_generator().into_root_schema_for::<D>();
        assert_eq!(
            text(lean.as_value()),
            text(other.as_value()),
            "{} under {name}",
            L::schema_name()
        );
    }
}
