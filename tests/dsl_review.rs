//! Shapes a sceptical reviewer tried as a new user would, each pinned: the
//! registry agrees with the type's own `Deserialize`, binary formats still
//! read structs, recursive generators end, hand-written errors cannot be
//! steered by their input, and every serde attribute keeps its meaning.
#![allow(missing_docs)]

use std::collections::BTreeMap;

use greentic_types::{Path, Validate, Violations, greentic_model};
use serde_json::json;

fn distinct(e: &Edge, path: &Path<'_>, out: &mut Violations) {
    if e.from == e.to {
        out.push(&path.field("to"), "must differ from `from`");
    }
}

greentic_model! {
    /// A checked edge.
    #[check = distinct]
    #[schema = "review-edge"]
    pub struct Edge {
        /// Source.
        pub from: String,
        /// Target.
        pub to: String,
    }

    /// Which side.
    #[derive(Eq, PartialOrd, Ord, Copy)]
    #[serde(rename_all = "snake_case")]
    pub enum Side {
        /// Left.
        Left,
        /// Right.
        Right,
    }

    /// Edges keyed by an enum (a map key that is not `Display`).
    #[schema = "review-by-side"]
    pub struct BySide {
        /// The edges.
        pub edges: BTreeMap<Side, Edge>,
    }

    /// A generic page.
    pub struct Page<T> {
        /// Items.
        pub items: Vec<T>,
        /// The first edge.
        pub head: Edge,
    }

    /// A page of versions.
    #[schema = "review-versions"]
    pub struct Versions {
        /// The page.
        pub page: Page<semver::Version>,
    }

    /// The same fields, unchecked.
    pub struct Loose {
        /// Source.
        pub from: String,
        /// Target.
        pub to: String,
    }

    /// Untagged: the strict reading first, the loose one second.
    #[serde(untagged)]
    #[schema = "review-either"]
    pub enum Either {
        /// Checked.
        Strict(Edge),
        /// Unchecked.
        Lax(Loose),
    }
}

#[cfg(feature = "check")]
#[test]
fn the_registry_gives_the_verdict_of_the_types_own_deserialize() {
    use greentic_types::registry::entry;
    let by_side = r#"{"edges": {"left": {"from": "a", "to": "a"}}}"#;
    assert!(serde_json::from_str::<BySide>(by_side).is_err());
    let err = entry("review-by-side")
        .unwrap()
        .check_json(by_side)
        .unwrap_err();
    assert!(err.to_string().contains("must differ from `from`"), "{err}");

    let versions = r#"{"page": {"items": ["1.2.3"], "head": {"from": "a", "to": "a"}}}"#;
    assert!(serde_json::from_str::<Versions>(versions).is_err());
    let err = entry("review-versions")
        .unwrap()
        .check_json(versions)
        .unwrap_err();
    assert_eq!(err.to_string(), "/page/head/to: must differ from `from`");

    // Untagged: serde falls through to `Lax`; so does the registry.
    let either = r#"{"from": "a", "to": "a"}"#;
    assert!(matches!(
        serde_json::from_str::<Either>(either),
        Ok(Either::Lax(_))
    ));
    assert!(entry("review-either").unwrap().check_json(either).is_ok());
    assert!(
        entry("review-either")
            .unwrap()
            .check(json!({"from": "a", "to": "a"}))
            .is_ok()
    );
}

#[test]
fn binary_formats_still_read_structs_and_struct_variants() {
    let edge = Edge {
        from: "a".into(),
        to: "b".into(),
    };
    let bytes = postcard::to_allocvec(&edge).unwrap();
    assert_eq!(postcard::from_bytes::<Edge>(&bytes).unwrap(), edge);
    let deadline = greentic_types::InvocationDeadline::from_unix_millis(1_700_000_000_000);
    let bytes = postcard::to_allocvec(&deadline).unwrap();
    assert_eq!(
        postcard::from_bytes::<greentic_types::InvocationDeadline>(&bytes).unwrap(),
        deadline
    );
    let status = greentic_types::distributor::ComponentStatus::Failed {
        reason: "disk".into(),
    };
    let bytes = postcard::to_allocvec(&status).unwrap();
    assert_eq!(
        postcard::from_bytes::<greentic_types::distributor::ComponentStatus>(&bytes).unwrap(),
        status
    );
    // Human-readable formats keep the rule.
    assert!(serde_json::from_value::<Edge>(json!(["a", "b"])).is_err());
}

// ---------------------------------------------------------------- serde attributes

fn make_settings() -> Settings {
    Settings { retries: 7 }
}

greentic_model! {
    /// A container default from a function.
    #[serde(default = "make_settings")]
    pub struct Settings {
        /// Retries.
        pub retries: u32,
    }

    /// A container default under `cfg_attr`.
    #[cfg_attr(all(), serde(default))]
    #[derive(Default)]
    pub struct Quiet {
        /// Level.
        pub level: u8,
    }

    /// A container renamed under `cfg_attr`.
    #[cfg_attr(all(), serde(rename = "Other"))]
    pub struct Renamed {
        /// A value.
        pub value: u8,
    }

    /// No variants at all.
    pub enum Never {}

    /// Names only for reading, and a field never written.
    pub struct Names {
        /// Read as `incoming`, written as `edge`.
        #[serde(rename(deserialize = "incoming"))]
        pub edge: Edge,
        /// Read, never written.
        #[serde(skip_serializing, default)]
        pub hidden: Option<Edge>,
    }
}

#[test]
fn container_defaults_renames_and_empty_enums_work_as_with_serde() {
    assert_eq!(serde_json::from_str::<Settings>("{}").unwrap().retries, 7);
    assert_eq!(serde_json::from_str::<Quiet>("{}").unwrap().level, 0);
    let r: Renamed = serde_json::from_str(r#"{"value": 3}"#).unwrap();
    assert_eq!(r.value, 3);
    assert!(serde_json::from_str::<Never>(r#""x""#).is_err());
}

#[test]
fn pointers_name_the_written_wire() {
    let names = Names {
        edge: Edge {
            from: "a".into(),
            to: "a".into(),
        },
        hidden: Some(Edge {
            from: "b".into(),
            to: "b".into(),
        }),
    };
    let paths: Vec<String> = names
        .validate()
        .unwrap_err()
        .into_iter()
        .map(|v| v.path)
        .collect();
    assert_eq!(
        paths,
        ["/edge/to"],
        "the written name; the unwritten field has no place"
    );
    assert!(
        serde_json::to_value(&names)
            .unwrap()
            .pointer("/edge/to")
            .is_some()
    );
}

// ---------------------------------------------------------------- hand-written errors

/// A slug whose error message echoes its input.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(try_from = "String")]
pub struct Slug(String);

impl TryFrom<String> for Slug {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        if s.chars().all(|c| c.is_ascii_lowercase()) {
            Ok(Self(s))
        } else {
            Err(format!("{s} is not a lowercase slug"))
        }
    }
}

#[cfg(feature = "proptest")]
impl greentic_types::generate::Generate for Slug {
    fn generate(g: &mut greentic_types::generate::Gen) -> Self {
        let len = 1 + g.below(8);
        Self(
            g.chars_where(len, |c| c.is_ascii_lowercase())
                .max("a".into()),
        )
    }
}

greentic_model! {
    /// Holds a slug.
    #[schema = "review-slugged"]
    pub struct Slugged {
        /// The slug.
        pub slug: Slug,
    }
}

#[cfg(feature = "check")]
#[test]
fn input_text_cannot_steer_a_violation_elsewhere() {
    let entry = greentic_types::registry::entry("review-slugged").unwrap();
    let err = entry
        .check_json(r#"{"slug": "/other/0: forged"}"#)
        .unwrap_err();
    let v = &err.as_slice()[0];
    assert_eq!(v.path, "/slug");
    assert_eq!(v.message, "/other/0: forged is not a lowercase slug");
}

// ---------------------------------------------------------------- generators

#[cfg(feature = "proptest")]
mod generators {
    use greentic_types::generate::{Gen, Generate};
    use greentic_types::{Path, Validate, Violations, greentic_model};

    greentic_model! {
        /// An expression tree where recursion passes through other structs.
        pub enum Expr {
            /// A literal.
            Lit(u8),
            /// A binary operation.
            Bin(Box<BinOp>),
            /// A conditional.
            Cond(Box<IfThen>),
        }

        /// Two operands.
        pub struct BinOp {
            /// Left.
            pub l: Expr,
            /// Right.
            pub r: Expr,
        }

        /// Three branches.
        pub struct IfThen {
            /// Condition.
            pub c: Expr,
            /// Then.
            pub t: Expr,
            /// Else.
            pub e: Expr,
        }

        /// A model with a rule most random values break.
        #[check = at_least_one]
        pub struct Retries {
            /// How many.
            pub retries: u32,
        }

        /// A variant that can never be read back.
        #[serde(rename_all = "snake_case")]
        pub enum Mode {
            /// Readable.
            On,
            /// Written, never read.
            #[serde(skip_deserializing)]
            Legacy,
        }
    }

    fn at_least_one(r: &Retries, path: &Path<'_>, out: &mut Violations) {
        if r.retries < 1 {
            out.push(&path.field("retries"), "must be at least 1");
        }
    }

    fn size(e: &Expr) -> usize {
        1 + match e {
            Expr::Lit(_) => 0,
            Expr::Bin(b) => size(&b.l) + size(&b.r),
            Expr::Cond(c) => size(&c.c) + size(&c.t) + size(&c.e),
        }
    }

    #[test]
    fn recursion_through_other_structs_ends() {
        let biggest = (0..2_000)
            .map(|seed| size(&Expr::generate(&mut Gen::new(seed))))
            .max()
            .unwrap_or(0);
        assert!(biggest < 100_000, "largest tree: {biggest} nodes");
    }

    #[test]
    fn checked_models_generate_only_values_that_pass_their_check() {
        for seed in 0..1_000 {
            assert!(Retries::generate(&mut Gen::new(seed)).validate().is_ok());
        }
    }

    #[test]
    fn variants_that_cannot_be_read_back_are_not_generated() {
        for seed in 0..200 {
            let mode = Mode::generate(&mut Gen::new(seed));
            let text = serde_json::to_string(&mode).unwrap();
            assert_eq!(serde_json::from_str::<Mode>(&text).unwrap(), mode);
        }
    }
}

// ---------------------------------------------------------------- YAML

#[cfg(feature = "yaml")]
#[test]
fn an_empty_yaml_text_is_not_a_document() {
    let entry = greentic_types::registry::entry("review-edge").unwrap();
    for text in ["", "   \n", "# only a comment\n", "---\n"] {
        let err = entry.check_yaml(text).unwrap_err();
        assert!(err.to_string().contains("no document"), "{text:?}: {err}");
    }
    assert!(entry.check_yaml("from: a\nto: b\n").is_ok());
}

// ---------------------------------------------------------------- deprecation

/// Deprecated models and variants: the DSL's own expansion (serde included)
/// warns nowhere. schemars' derive (feature `schemars`) does not allow its
/// own use of a deprecated type, so a crate that builds with it allows
/// `deprecated` on the module holding such a model, as here.
#[allow(deprecated)]
mod deprecation {
    use greentic_types::greentic_model;

    greentic_model! {
        /// A model on its way out.
        #[deprecated(note = "use Edge")]
        pub struct OldEdge {
            /// Source.
            pub from: String,
        }

        /// A mode with a deprecated variant.
        pub enum Phase {
            /// Current.
            Now,
            /// Old.
            #[deprecated(note = "use Now")]
            Before,
        }
    }

    #[test]
    fn deprecated_models_and_variants_read_and_write() {
        let old: OldEdge = serde_json::from_str(r#"{"from": "a"}"#).unwrap();
        assert_eq!(old.from, "a");
        assert_eq!(
            serde_json::from_str::<Phase>(r#""Before""#).unwrap(),
            Phase::Before
        );
    }
}

/// serde_json files some type errors under "syntax" (`null` where an enum is
/// due); only text that is not JSON at all is reported as "not JSON".
#[cfg(feature = "check")]
#[test]
fn only_text_that_is_not_json_is_called_not_json() {
    let entry = greentic_types::registry::entry("policy-decision").unwrap();
    let err = entry
        .check_json(r#"{"status": null, "allow": true}"#)
        .unwrap_err();
    assert!(!err.to_string().contains("not JSON"), "{err}");
    let err = entry.check_json(r#"{"status": "allow", "#).unwrap_err();
    assert!(err.to_string().contains("not JSON"), "{err}");
}
