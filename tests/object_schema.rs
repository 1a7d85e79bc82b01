//! The lean struct `JsonSchema`'s stand-in (`object_schema::Erased`) against
//! schemars' derive: field types whose own `json_schema` nests
//! `subschema_for`, `root_schema_for` or a new generator, colliding schema
//! names, recursion, unusual settings, panics caught mid-generation, threads;
//! each against a plain `#[derive(JsonSchema)]` twin. Also pins that every
//! compared shape really takes the lean path (a shape that silently falls back
//! to schemars' derive would compare the derive with itself), and that a
//! field's default is computed after its subschema, as by the derive.
#![cfg(all(feature = "schemars", feature = "std"))]
#![allow(missing_docs, dead_code)]

mod schema_pairs;

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use greentic_types::__private::object_schema::Erased;
use schema_pairs::{settings, text};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static BOOM: Cell<bool> = const { Cell::new(false) };
    /// Set by `LeanProbe::json_schema` when the stand-in stood for it.
    static LEAN: Cell<bool> = const { Cell::new(false) };
}

fn log(s: impl Into<String>) {
    LOG.with(|l| l.borrow_mut().push(s.into()));
}

fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

fn erased_id() -> String {
    <Erased as JsonSchema>::schema_id().into_owned()
}

pub fn inner_default() -> Inner {
    log("default");
    assert!(!BOOM.get(), "boom in default");
    Inner(1)
}

macro_rules! field_types {
    ($($name:ident)*) => {$(
        #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct $name(pub u8);
        impl greentic_types::Validate for $name {
            fn validate_at(&self, _: &greentic_types::Path<'_>, _: &mut greentic_types::Violations) {}
        }
        greentic_types::if_proptest! {
            impl greentic_types::generate::Generate for $name {
                fn generate(g: &mut greentic_types::generate::Gen) -> Self {
                    Self(u8::generate(g))
                }
            }
        }
    )*};
}
field_types!(Sub RootIn NewGen DupA DupB Boom Inner Catcher LeanProbe);

/// Same schema on both paths; records whether the stand-in stood for it.
impl JsonSchema for LeanProbe {
    fn schema_name() -> Cow<'static, str> {
        "LeanProbe".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        LEAN.set(erased_id() == Self::schema_id());
        json_schema!({ "type": "integer" })
    }
}

/// Nests `subschema_for` of lean models, directly and in containers.
impl JsonSchema for Sub {
    fn schema_name() -> Cow<'static, str> {
        "Sub".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "review::Sub".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let a = g.subschema_for::<Leaf>();
        let b = g.subschema_for::<Option<Leaf>>();
        let c = g.subschema_for::<Vec<Leaf>>();
        json_schema!({ "anyOf": [a, b, c] })
    }
}

/// Calls `root_schema_for` on the generator it was given.
impl JsonSchema for RootIn {
    fn schema_name() -> Cow<'static, str> {
        "RootIn".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        g.root_schema_for::<Leaf>()
    }
}

/// Builds root schemas of lean models with generators of its own.
impl JsonSchema for NewGen {
    fn schema_name() -> Cow<'static, str> {
        "NewGen".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let s = SchemaGenerator::new(g.settings().clone()).into_root_schema_for::<Leaf>();
        let t = SchemaGenerator::new(g.settings().clone()).into_root_schema_for::<Small>();
        json_schema!({ "const": [s, t] })
    }
}

impl JsonSchema for DupA {
    fn schema_name() -> Cow<'static, str> {
        "Dup".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "review::DupA".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": "a" })
    }
}

impl JsonSchema for DupB {
    fn schema_name() -> Cow<'static, str> {
        "Dup".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "review::DupB".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": "b" })
    }
}

impl JsonSchema for Boom {
    fn schema_name() -> Cow<'static, str> {
        "Boom".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        assert!(!BOOM.get(), "boom");
        json_schema!({ "type": "integer" })
    }
}

impl JsonSchema for Inner {
    fn schema_name() -> Cow<'static, str> {
        "Inner".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        log("inner");
        json_schema!({ "type": "integer" })
    }
}

/// Catches the panic of a nested lean model, then asks for more: the
/// stand-in must stand for this type again after the catch.
impl JsonSchema for Catcher {
    fn schema_name() -> Cow<'static, str> {
        "Catcher".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "review::Catcher".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let before = erased_id();
        let was = BOOM.replace(true);
        let caught = catch_unwind(AssertUnwindSafe(|| g.subschema_for::<lean::HasBoom>())).is_err();
        BOOM.set(was);
        log(format!(
            "before={before} after={} caught={caught}",
            erased_id()
        ));
        let l = g.subschema_for::<Leaf>();
        json_schema!({ "allOf": [l] })
    }
}

/// A `u8` read and written as text (`with`, `deserialize_with`,
/// `serialize_with`).
pub mod as_text {
    use serde::Deserialize as _;

    pub fn serialize<S: serde::Serializer>(v: &u8, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// An `Option` by another name.
pub type MaybeLeaf = Option<Leaf>;

/// A type named like a wrapper that is not one, whose default is not
/// empty: a field's default is its serialized value, never `[]`.
pub mod shadow {
    #[derive(
        Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
    )]
    pub struct BTreeSet {
        /// Always set by `Default`.
        pub full: bool,
    }

    impl Default for BTreeSet {
        fn default() -> Self {
            Self { full: true }
        }
    }

    impl greentic_types::Validate for BTreeSet {
        fn validate_at(&self, _: &greentic_types::Path<'_>, _: &mut greentic_types::Violations) {}
    }

    greentic_types::if_proptest! {
        impl greentic_types::generate::Generate for BTreeSet {
            fn generate(_: &mut greentic_types::generate::Gen) -> Self {
                Self::default()
            }
        }
    }
}

/// A field schema written by hand (`schema_with`): a lean model's.
pub fn sub_schema(generator: &mut SchemaGenerator) -> Schema {
    let mut schema = generator.subschema_for::<Sub>();
    schema.insert("x-custom".into(), true.into());
    schema
}

greentic_types::greentic_model! {
    /// A lean leaf, shared by both sides.
    pub struct Leaf {
        /// x.
        pub x: u8,
        pub more: Option<Box<Leaf>>,
        pub sub: Option<Box<Sub>>,
    }

    /// A small lean model, built by `NewGen` with a generator of its own.
    pub struct Small {
        pub a: DupA,
        pub b: DupB,
        pub leaf: Leaf,
    }
}

mod shapes {
    use crate::schema_pairs::both;

    both! {
        /// Field types that nest generation, colliding names, recursion.
        pub struct Outer {
            /// docs.
            pub sub: Sub,
            pub root_in: RootIn,
            pub new_gen: NewGen,
            pub a: DupA,
            pub b: DupB,
            pub leaf: Leaf,
            pub leaves: Vec<Leaf>,
            pub map: BTreeMap<String, Leaf>,
            pub opt: Option<Sub>,
            pub me: Option<Box<Outer>>,
            pub mes: Vec<Outer>,
            pub small: Small,
            pub probe: LeanProbe,
        }

        /// A field type that panics when `BOOM` is set.
        pub struct HasBoom {
            pub pre: Leaf,
            pub boom: Boom,
            pub post: Inner,
            pub probe: LeanProbe,
        }

        /// A field type that catches a nested panic.
        pub struct HasCatcher {
            pub c: Catcher,
            pub after: Sub,
            pub probe: LeanProbe,
        }

        /// # Extended
        ///
        /// Extensions on the struct (in two attributes, after its title and
        /// description), and field schemas from functions that nest
        /// generation of lean models.
        #[schemars(extend("x-gaps" = [{"field": "a", "reason": "why, and how"}], "x-flag" = true))]
        #[schemars(extend("x-none" = null, "x-text" = "te\"xt"))]
        pub struct Extended {
            /// # A title
            ///
            /// And a description, over the function's schema.
            #[schemars(schema_with = "sub_schema")]
            pub with: u8,
            #[schemars(schema_with = "super::super::sub_schema")]
            #[serde(default)]
            pub defaulted: u8,
            #[schemars(schema_with = "crate::sub_schema")]
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub skipped: Option<u8>,
            /// An `Option` whose schema is a function's is required, as in
            /// the derive.
            #[schemars(schema_with = "sub_schema")]
            pub maybe: Option<u8>,
            #[serde(skip_deserializing)]
            #[schemars(schema_with = "sub_schema")]
            pub read_only: u8,
            /// Read and written as text, with a schema of its own.
            #[serde(with = "as_text")]
            #[schemars(schema_with = "sub_schema")]
            pub with_module: u8,
            #[serde(deserialize_with = "as_text::deserialize")]
            pub read_with: u8,
            #[serde(default, deserialize_with = "as_text::deserialize")]
            pub read_with_default: u8,
            #[serde(serialize_with = "as_text::serialize")]
            #[schemars(schema_with = "sub_schema")]
            pub written_with: u8,
            pub probe: LeanProbe,
        }

        /// `#[serde(default)]` on wrappers, whose default JSON is written
        /// without serializing, beside types whose default is serialized.
        pub struct Defaults {
            #[serde(default)]
            pub maybe: Option<Leaf>,
            #[serde(default)]
            pub alias: MaybeLeaf,
            #[serde(default)]
            pub list: Vec<Leaf>,
            #[serde(default)]
            pub deque: std::collections::VecDeque<u8>,
            #[serde(default)]
            pub set: std::collections::BTreeSet<i64>,
            #[serde(default)]
            pub index_set: indexmap::IndexSet<String>,
            #[serde(default)]
            pub map: BTreeMap<String, Leaf>,
            #[serde(default)]
            pub index_map: indexmap::IndexMap<String, u8, std::hash::BuildHasherDefault<std::collections::hash_map::DefaultHasher>>,
            #[serde(default)]
            pub hash_map: std::collections::HashMap<String, u8>,
            /// A box is not a wrapper here: its default is serialized.
            #[serde(default)]
            #[allow(clippy::box_collection)]
            pub boxed: Box<Vec<u8>>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub skipped: Vec<u8>,
            #[serde(default, skip_serializing_if = "Option::is_some")]
            pub kept: Option<u8>,
            #[serde(skip_deserializing)]
            pub read_only: Vec<Leaf>,
            #[serde(default)]
            pub count: u32,
            #[serde(default)]
            pub inner: Inner,
            #[serde(default)]
            pub own_set: shadow::BTreeSet,
            pub probe: LeanProbe,
        }

        /// A default with side effects.
        pub struct Dflt {
            #[serde(default = "inner_default")]
            pub inner: Inner,
            pub probe: LeanProbe,
        }
    }
}
use shapes::{lean, plain};

/// Several ways of asking, and the generator's state after them.
fn observe<T: JsonSchema>(settings: &SchemaSettings) -> String {
    // As values, in insertion order (see `schema_pairs::assert_same_schemas`).
    let mut out = text(
        settings
            .clone()
            .into_generator()
            .into_root_schema_for::<T>()
            .as_value(),
    );
    let mut g = settings.clone().into_generator();
    out += &text(g.root_schema_for::<T>().as_value());
    out += &text(g.root_schema_for::<T>().as_value());
    out += &text(g.subschema_for::<T>().as_value());
    out += &text(g.subschema_for::<Option<T>>().as_value());
    out += &text(&g.take_definitions(true));
    out
}

/// The same schemas (and generator state) for both, under every setting; the
/// lean one through the stand-in. Returns each side's log.
fn same<L: JsonSchema, P: JsonSchema>() -> (Vec<String>, Vec<String>) {
    let (mut lean_log, mut plain_log) = (Vec::new(), Vec::new());
    for (name, s) in settings() {
        let _ = take_log();
        LEAN.set(false);
        let lean = observe::<L>(&s);
        assert!(LEAN.get(), "{} is not the lean form", L::schema_name());
        lean_log.extend(take_log());
        let plain = observe::<P>(&s);
        assert!(!LEAN.get(), "{} is the lean form", P::schema_name());
        plain_log.extend(take_log());
        assert_eq!(lean, plain, "{} under {name}", L::schema_name());
    }
    assert_eq!(
        erased_id(),
        "Erased",
        "the stand-in stands for nothing afterwards"
    );
    (lean_log, plain_log)
}

#[test]
fn nested_generation_colliding_names_and_recursion_match_the_plain_derive() {
    same::<lean::Outer, plain::Outer>();
}

#[test]
fn a_nested_panic_caught_by_a_field_type_restores_the_stand_in() {
    let (lean, plain) = same::<lean::HasCatcher, plain::HasCatcher>();
    assert!(!lean.is_empty());
    for line in lean {
        assert!(
            line.starts_with("before=review::Catcher after=review::Catcher"),
            "{line}"
        );
    }
    for line in plain {
        assert!(line.starts_with("before=Erased after=Erased"), "{line}");
    }
}

/// A generator reused after a panic in a field type's `json_schema` (caught
/// outside) holds the same state on both paths, and the stand-in is reset.
#[test]
fn a_generator_reused_after_a_caught_panic_matches_the_plain_derive() {
    fn after_panic<T: JsonSchema>(s: &SchemaSettings) -> String {
        let mut g = s.clone().into_generator();
        BOOM.set(true);
        let r = catch_unwind(AssertUnwindSafe(|| g.subschema_for::<T>()));
        BOOM.set(false);
        assert!(r.is_err());
        assert_eq!(erased_id(), "Erased");
        let mut out = text(&g.definitions().clone());
        out += &text(&g.subschema_for::<T>());
        out += &text(&g.root_schema_for::<T>());
        out
    }
    for (name, s) in settings() {
        assert_eq!(
            after_panic::<lean::HasBoom>(&s),
            after_panic::<plain::HasBoom>(&s),
            "under {name}"
        );
    }
}

#[test]
fn threads_each_get_their_own_stand_in() {
    let s = SchemaSettings::draft2020_12();
    let want = text(
        &s.clone()
            .into_generator()
            .into_root_schema_for::<plain::Outer>(),
    );
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (s, want) = (s.clone(), want.clone());
            std::thread::spawn(move || {
                (0..20).all(|_| {
                    text(
                        &s.clone()
                            .into_generator()
                            .into_root_schema_for::<lean::Outer>(),
                    ) == want
                })
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().expect("no panic"));
    }
}

/// A field whose default is its type's writes an empty wrapper's JSON
/// without serializing it, and serializes any other type's.
#[test]
fn type_defaults_of_wrappers_match_the_plain_derive() {
    same::<lean::Defaults, plain::Defaults>();
    let schema = schemars::schema_for!(lean::Defaults);
    let default = |field: &str| {
        schema
            .pointer(&format!("/properties/{field}/default"))
            .cloned()
    };
    use serde_json::json;
    for (field, expected) in [
        ("maybe", Some(json!(null))),
        ("alias", Some(json!(null))),
        ("list", Some(json!([]))),
        ("index_set", Some(json!([]))),
        ("map", Some(json!({}))),
        ("index_map", Some(json!({}))),
        ("hash_map", Some(json!({}))),
        ("boxed", Some(json!([]))),
        ("skipped", None),
        ("kept", Some(json!(null))),
        ("inner", Some(json!(0))),
        ("own_set", Some(json!({"full": true}))),
    ] {
        assert_eq!(default(field), expected, "{field}");
    }
    // A field skipped when read is only in the serialize contract.
    let schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<lean::Defaults>();
    assert_eq!(
        schema.pointer("/properties/read_only/default"),
        Some(&json!([]))
    );
}

/// `#[schemars(extend(..))]` on the struct and `schema_with` on fields take
/// the lean form, with the derive's schema.
#[test]
fn extensions_and_schema_functions_match_the_plain_derive() {
    same::<lean::Extended, plain::Extended>();
    let schema = schemars::schema_for!(lean::Extended);
    assert_eq!(schema.get("x-none"), Some(&serde_json::Value::Null));
    assert_eq!(schema.get("x-text"), Some(&serde_json::json!("te\"xt")));
    assert_eq!(
        schema.get("x-gaps"),
        Some(&serde_json::json!([{"field": "a", "reason": "why, and how"}]))
    );
    assert_eq!(
        schema.pointer("/properties/with/x-custom"),
        Some(&serde_json::json!(true))
    );
    assert_eq!(
        schema.pointer("/properties/with/title"),
        Some(&serde_json::json!("A title"))
    );
    let required = schema.get("required").cloned().unwrap_or_default();
    assert!(
        required
            .as_array()
            .is_some_and(|r| r.contains(&"maybe".into())),
        "{required}"
    );
    // `with` changes how a field is read, and the model still reads so.
    let mut value = serde_json::to_value(lean::Extended {
        with: 1,
        defaulted: 2,
        skipped: None,
        maybe: Some(3),
        read_only: 4,
        with_module: 5,
        read_with: 6,
        read_with_default: 9,
        written_with: 7,
        probe: LeanProbe(8),
    })
    .unwrap();
    assert_eq!(value["with_module"], serde_json::json!("5"));
    assert_eq!(value["written_with"], serde_json::json!("7"));
    value["read_with"] = serde_json::json!("6");
    value["written_with"] = serde_json::json!(7);
    value["read_with_default"] = serde_json::json!("9");
    let back: lean::Extended = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(
        (back.with_module, back.read_with, back.read_with_default),
        (5, 6, 9)
    );
    value.as_object_mut().unwrap().remove("read_with_default");
    let back: lean::Extended = serde_json::from_value(value).unwrap();
    assert_eq!(
        back.read_with_default, 0,
        "absent: the default, not read as text"
    );
}

/// A field's default is computed after the field's subschema, as by the
/// derive: a side effect or panic in the default shows the order (a
/// generator reused after a panicking default holds the field type's
/// definition on both paths).
#[test]
fn field_defaults_are_computed_after_the_subschema_as_by_the_derive() {
    let (lean, plain) = same::<lean::Dflt, plain::Dflt>();
    assert!(!lean.is_empty());
    assert_eq!(lean, plain);
}
