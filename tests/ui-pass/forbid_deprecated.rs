//! A crate that forbids `deprecated` can declare models: the DSL writes
//! `#[allow(deprecated)]` only where something is deprecated (a forbidden
//! lint cannot be allowed again), for every shape it takes, and under the
//! `cfg_attr` that deprecates it (here one whose predicate is false).
#![forbid(deprecated)]

use std::collections::BTreeMap;

use greentic_types::{greentic_model, id_newtype, IdRule, Path, Violations};

/// Lowercase letters only.
pub const LOWER: IdRule = IdRule::new("must be lowercase letters", |c| c.is_ascii_lowercase());

id_newtype! {
    /// An identifier with a rule and a schema.
    pub LowerId, rule = LOWER, schema = "ui-lower-id";
    /// A plain identifier.
    pub PlainId;
}

fn positive(w: &Widget, path: &Path<'_>, out: &mut Violations) {
    if w.count == 0 {
        out.push(&path.field("count"), "must be positive");
    }
}

greentic_model! {
    /// A struct the DSL reads and describes itself, with a check.
    #[schema = "ui-forbid-widget"]
    #[check = positive]
    pub struct Widget {
        /// Which widget.
        pub id: LowerId,
        /// How many.
        pub count: u32,
        /// Labels.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub labels: Vec<String>,
    }
}

greentic_model! {
    /// A struct with its own default, where serde's derive reads it.
    #[derive(Default)]
    #[serde(default)]
    pub struct Flat {
        /// Named.
        pub name: String,
        /// The rest.
        #[serde(flatten)]
        pub rest: BTreeMap<String, String>,
    }
}

id_newtype! {
    /// An identifier deprecated under a predicate that is false.
    #[cfg_attr(any(), deprecated)]
    pub MaybeOldId;
}

greentic_model! {
    /// Deprecated under a predicate that is false, on the struct and a field.
    #[cfg_attr(any(), deprecated)]
    #[derive(Default)]
    #[serde(default)]
    pub struct NotYet {
        /// A field.
        #[cfg_attr(any(), deprecated = "later")]
        pub field: u32,
    }
}

greentic_model! {
    /// An enum deprecated under a false predicate.
    #[cfg_attr(any(), deprecated)]
    pub enum NotYetKind {
        /// A.
        A,
    }
}

greentic_model! {
    /// A generic struct.
    pub struct Pair<T> {
        /// Left.
        pub left: T,
        /// Right.
        pub right: T,
    }
}

greentic_model! {
    /// An enum.
    #[serde(rename_all = "snake_case")]
    pub enum Kind {
        /// A.
        Alpha,
        /// B.
        Beta(PlainId),
        /// C.
        Gamma {
            /// x.
            x: u32,
        },
    }
}

greentic_model! {
    /// A newtype.
    pub struct Count(pub u32);
}

greentic_model! {
    /// A unit struct.
    pub struct Marker;
}

fn main() {
    let w: Widget = serde_json::from_str(r#"{"id": "abc", "count": 2}"#).unwrap();
    assert_eq!(w.id.as_str(), "abc");
    assert!(serde_json::from_str::<Widget>(r#"{"id": "abc", "count": 0}"#).is_err());
    let k: Kind = serde_json::from_str(r#"{"gamma": {"x": 1}}"#).unwrap();
    assert_eq!(k, Kind::Gamma { x: 1 });
    let p: Pair<Count> = serde_json::from_str(r#"{"left": 1, "right": 2}"#).unwrap();
    assert_eq!(p.right, Count(2));
    let f: Flat = serde_json::from_str(r#"{"name": "n", "k": "v"}"#).unwrap();
    assert_eq!(f.rest.get("k").map(String::as_str), Some("v"));
    assert_eq!(serde_json::to_string(&Marker).unwrap(), "null");
    let n: NotYet = serde_json::from_str(r#"{"field": 3}"#).unwrap();
    assert_eq!(n.field, 3);
    assert_eq!(serde_json::from_str::<NotYetKind>(r#""A""#).unwrap(), NotYetKind::A);
    assert_eq!(MaybeOldId::new("m").unwrap().as_str(), "m");
}
