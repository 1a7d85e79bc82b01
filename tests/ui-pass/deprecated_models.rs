//! Deprecating a model, an id, a field or a variant warns where the user's
//! code uses them, never inside what the DSL writes: this crate denies the
//! lint and declares deprecated ids, structs the DSL describes itself (with
//! their fields, one defaulted by its `Default`), fields of a struct serde's
//! derive reads, fields deprecated under a `cfg_attr`, and enum variants and
//! variant fields, and a deprecated enum of unit variants. (A deprecated
//! enum with data, newtype, unit or generic struct, or a struct deprecated
//! under `cfg_attr`, keeps schemars' derive for its schema, which warns on
//! it as it does outside the DSL.)
#![deny(deprecated)]

use std::collections::BTreeMap;

use greentic_types::{greentic_model, id_newtype};

id_newtype! {
    /// An identifier on its way out.
    #[deprecated = "use NewId"]
    pub OldId, schema = "ui-old-id";
}

greentic_model! {
    /// A model on its way out.
    #[deprecated(since = "0.5.0", note = "use Widget")]
    #[schema = "ui-gone"]
    #[derive(Default)]
    #[serde(default)]
    pub struct Gone {
        /// Kept.
        pub kept: u32,
        /// Going.
        #[deprecated]
        pub old: String,
    }
}

greentic_model! {
    /// A model with one deprecated field.
    #[schema = "ui-widget"]
    pub struct Widget {
        /// Which widget.
        pub id: String,
        /// The old name.
        #[deprecated]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub legacy: Option<String>,
    }
}

greentic_model! {
    /// A deprecated field where serde's derive reads the struct.
    #[derive(Default)]
    #[serde(default)]
    pub struct Flat {
        /// Going.
        #[deprecated]
        pub old: String,
        /// The rest.
        #[serde(flatten)]
        pub rest: BTreeMap<String, String>,
    }
}

greentic_model! {
    /// Fields deprecated under a `cfg_attr` that holds.
    pub struct Conditional {
        /// Going where the predicate holds.
        #[cfg_attr(all(), deprecated)]
        pub old: String,
        /// Going under the second of two nested ones.
        #[cfg_attr(all(), cfg_attr(any(), deprecated), cfg_attr(all(), deprecated))]
        pub nested: String,
        /// Kept.
        pub new: String,
    }
}

/// A user's macro that forwards the attribute as a `meta` fragment.
macro_rules! forwarded {
    ($m:meta) => {
        greentic_model! {
            /// A field deprecated through a forwarded attribute.
            pub struct Forwarded {
                /// Going.
                #[cfg_attr(all(), $m)]
                pub old: String,
            }
        }
    };
}

forwarded!(deprecated);

greentic_model! {
    /// Variants on their way out.
    #[serde(rename_all = "snake_case")]
    pub enum Kind {
        /// Going.
        #[deprecated]
        Alpha,
        /// Kept.
        Beta(String),
        /// A variant with a deprecated field.
        Gamma {
            /// Going.
            #[deprecated]
            x: u32,
        },
    }
}

greentic_model! {
    /// An enum on its way out: the DSL describes an enum of unit variants
    /// itself, so schemars' derive does not warn on it.
    #[deprecated = "use Kind"]
    #[serde(rename_all = "snake_case")]
    pub enum OldMode {
        /// Kept.
        Fast,
        /// Going.
        #[deprecated]
        Slow,
    }
}

fn main() {
    let w: Widget = serde_json::from_str(r#"{"id": "w"}"#).unwrap();
    assert_eq!(w.id, "w");
    let k: Kind = serde_json::from_str(r#"{"beta": "b"}"#).unwrap();
    assert!(matches!(k, Kind::Beta(ref s) if s == "b"));
}
