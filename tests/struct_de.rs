//! The DSL's lean struct deserializer reads exactly what serde's derive reads.
//!
//! Every shape is declared twice through `greentic_model!`: once as written
//! (lean: the DSL writes the `Deserialize`), once with a neutral
//! `#[serde(bound = ..)]` that the lean form does not take, so serde's derive
//! writes it. Generated documents, in JSON text, `serde_json::Value`, YAML,
//! RON and postcard (the sequence form, whole and cut short), must give both
//! the same value or the same error message.
#![allow(missing_docs)]

use std::collections::BTreeMap;

mod serde_pairs;

use greentic_types::{FlowId, Path, Violations, greentic_model};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize as _, Serialize};
use serde_pairs::{agree_text, outcome, struct_pair as pair};

fn seven() -> u32 {
    7
}

fn not_both(v: &impl HasPair, path: &Path<'_>, out: &mut Violations) {
    if v.pair() {
        out.push(&path.field("tags"), "must be empty when `flag` is set");
    }
}

trait HasPair {
    fn pair(&self) -> bool;
}

pair!(PlainLean, PlainTwin,
    /// Every field attribute the lean form reads.
    #[derive(Default)]
    {
        /// Required.
        pub name: String,
        /// Absent reads as `None`.
        pub note: Option<String>,
        /// Renamed, with aliases.
        #[serde(rename = "kind", alias = "sort", alias = "genre")]
        pub category: Option<String>,
        /// Defaulted by `Default`.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub tags: Vec<String>,
        /// Defaulted by a function.
        #[serde(default = "seven")]
        pub count: u32,
        /// Never read: always its default.
        #[serde(skip)]
        pub cache: u8,
        /// A raw identifier.
        #[serde(default)]
        pub r#type: bool,
        /// A nested model, checked as it is read.
        #[serde(default)]
        pub flow: Option<FlowId>,
        /// A map.
        #[serde(default)]
        pub labels: BTreeMap<String, u8>,
    }
);

pair!(CasedLean, CasedTwin,
    /// Container `rename`, `rename_all` and `default`.
    #[serde(rename = "Cased", rename_all = "camelCase", default)]
    #[derive(Default)]
    {
        /// Two words.
        pub first_name: String,
        /// Renamed past the rule.
        #[serde(rename = "ID")]
        pub user_id: u64,
        /// Has its own default.
        #[serde(default = "seven")]
        pub retry_count: u32,
        /// An alias beside the rule's name.
        #[serde(alias = "legacy_flag")]
        pub is_on: bool,
    }
);

pair!(StrictLean, StrictTwin,
    /// Unknown fields refused.
    #[serde(deny_unknown_fields, rename_all = "SCREAMING-KEBAB-CASE")]
    {
        /// A key.
        pub api_key: String,
        /// Optional.
        pub max_items: Option<u16>,
        /// Skipped, so an unknown name.
        #[serde(skip)]
        pub seen: bool,
    }
);

pair!(CheckedLean, CheckedTwin,
    /// Checked on input.
    #[check = not_both]
    {
        /// A flag.
        pub flag: bool,
        /// Tags.
        #[serde(default)]
        pub tags: Vec<String>,
        /// Self in a field type.
        #[serde(default)]
        pub children: Vec<Self>,
    }
);

impl HasPair for CheckedLean {
    fn pair(&self) -> bool {
        self.flag && !self.tags.is_empty()
    }
}
impl HasPair for CheckedTwin {
    fn pair(&self) -> bool {
        self.flag && !self.tags.is_empty()
    }
}

greentic_model! {
    /// A generic model, lean.
    pub struct BoxLean<T> {
        /// The value.
        pub value: T,
        /// A note.
        #[serde(default)]
        pub note: Option<String>,
    }
}

greentic_model! {
    /// A generic model, serde's derive.
    #[serde(bound(deserialize = "T: serde::Deserialize<'de>", serialize = "T: serde::Serialize"))]
    pub struct BoxTwin<T> {
        /// The value.
        pub value: T,
        /// A note.
        #[serde(default)]
        pub note: Option<String>,
    }
}

/// Reads `text` into both types every way, asserting each way agrees.
fn agree<L, T>(lean: &str, twin: &str, text: &str)
where
    L: Serialize + DeserializeOwned,
    T: Serialize + DeserializeOwned,
{
    agree_text::<L, T>(lean, twin, text);

    // The sequence form: write what the lean type read, read it back whole
    // and cut short at every length.
    if let Ok(v) = serde_json::from_str::<L>(text) {
        let bytes = postcard::to_allocvec(&v).expect("postcard writes");
        for end in 0..=bytes.len() {
            let l = outcome(postcard::from_bytes::<L>(&bytes[..end]), twin, lean);
            let t = outcome(postcard::from_bytes::<T>(&bytes[..end]), twin, lean);
            assert_eq!(l, t, "postcard {:?}", &bytes[..end]);
        }
        let ron_text = ron::to_string(&v).expect("RON writes");
        let l = outcome(ron::from_str::<L>(&ron_text), twin, lean);
        let t = outcome(ron::from_str::<T>(&ron_text), twin, lean);
        assert_eq!(l, t, "RON {ron_text}");
        assert!(l.is_ok(), "RON reads back what it wrote: {l:?}");
    }
}

/// JSON documents over `keys`: objects with any keys (repeats included) and
/// values of every JSON type, and now and then something that is no object.
fn documents(keys: &'static [&'static str]) -> impl Strategy<Value = String> {
    let value = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        (0u32..20).prop_map(|n| n.to_string()),
        Just("-3".to_owned()),
        Just("70000".to_owned()),
        Just("1.5".to_owned()),
        Just(r#""x""#.to_owned()),
        Just(r#""flow-1""#.to_owned()),
        Just(r#""not a flow id!""#.to_owned()),
        Just(r#"["a","b"]"#.to_owned()),
        Just("[]".to_owned()),
        Just(r#"{"a":1}"#.to_owned()),
        Just("{}".to_owned()),
    ];
    let member = (prop::sample::select(keys), value)
        .prop_map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap()));
    prop_oneof![
        8 => prop::collection::vec(member, 0..7).prop_map(|m| format!("{{{}}}", m.join(","))),
        1 => Just("[]".to_owned()),
        1 => Just(r#"["a", 1]"#.to_owned()),
        1 => Just("7".to_owned()),
        1 => Just("null".to_owned()),
    ]
}

const PLAIN_KEYS: &[&str] = &[
    "name", "note", "kind", "sort", "genre", "type", "category", "tags", "count", "cache", "flow",
    "labels", "other",
];
const CASED_KEYS: &[&str] = &[
    "firstName",
    "first_name",
    "ID",
    "userId",
    "retryCount",
    "isOn",
    "legacy_flag",
    "is_on",
    "x",
];
const STRICT_KEYS: &[&str] = &["API-KEY", "MAX-ITEMS", "SEEN", "api_key", "other"];
const CHECKED_KEYS: &[&str] = &["flag", "tags", "children", "z"];
const BOX_KEYS: &[&str] = &["value", "note", "v"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn plain_fields_read_as_serde_reads_them(text in documents(PLAIN_KEYS)) {
        agree::<PlainLean, PlainTwin>("PlainLean", "PlainTwin", &text);
    }

    #[test]
    fn container_rename_rule_and_default_read_as_serde_reads_them(text in documents(CASED_KEYS)) {
        agree::<CasedLean, CasedTwin>("CasedLean", "CasedTwin", &text);
    }

    #[test]
    fn refused_unknown_fields_read_as_serde_reads_them(text in documents(STRICT_KEYS)) {
        agree::<StrictLean, StrictTwin>("StrictLean", "StrictTwin", &text);
    }

    #[test]
    fn checked_and_recursive_models_read_as_serde_reads_them(text in documents(CHECKED_KEYS)) {
        agree::<CheckedLean, CheckedTwin>("CheckedLean", "CheckedTwin", &text);
    }

    #[test]
    fn generic_models_read_as_serde_reads_them(text in documents(BOX_KEYS)) {
        agree::<BoxLean<u8>, BoxTwin<u8>>("BoxLean", "BoxTwin", &text);
        agree::<BoxLean<Vec<String>>, BoxTwin<Vec<String>>>("BoxLean", "BoxTwin", &text);
    }
}

#[test]
fn serde_messages_are_kept_word_for_word() {
    let err = |text: &str| {
        serde_json::from_str::<PlainLean>(text)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(err("{}"), "missing field `name` at line 1 column 2");
    assert_eq!(
        err(r#"{"name":"a","sort":"x","genre":"y"}"#),
        "duplicate field `kind` at line 1 column 30"
    );
    assert_eq!(
        err("7"),
        "invalid type: integer `7`, expected struct PlainLean at line 1 column 1"
    );
    let strict = serde_json::from_str::<StrictLean>(r#"{"API-KEY":"k","SEEN":true}"#)
        .unwrap_err()
        .to_string();
    assert_eq!(
        strict,
        "unknown field `SEEN`, expected `API-KEY` or `MAX-ITEMS` at line 1 column 21"
    );
}

#[test]
fn absent_fields_take_every_kind_of_default() {
    let v: PlainLean = serde_json::from_str(r#"{"name":"a","cache":9}"#).unwrap();
    assert_eq!(
        (v.note, v.category, v.tags.len(), v.count, v.cache, v.r#type),
        (None, None, 0, 7, 0, false)
    );
    let c: CasedLean = serde_json::from_str(r#"{"legacy_flag":true}"#).unwrap();
    assert_eq!(
        (c.first_name.as_str(), c.user_id, c.retry_count, c.is_on),
        ("", 0, 7, true)
    );
}

/// A sequence read by a format that is not human-readable (as postcard or
/// bincode are), which may end early, as theirs cannot.
struct NotHuman(Vec<serde_json::Value>);

impl<'de> serde::Deserializer<'de> for NotHuman {
    type Error = serde_json::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        serde::de::value::SeqDeserializer::new(self.0.into_iter()).deserialize_any(v)
    }

    fn is_human_readable(&self) -> bool {
        false
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// Every prefix of `values` (and one element too many) as the sequence form.
fn sequences_agree<L, T>(lean: &str, twin: &str, values: &[serde_json::Value])
where
    L: Serialize + DeserializeOwned,
    T: Serialize + DeserializeOwned,
{
    let mut longer = values.to_vec();
    longer.push(serde_json::Value::Null);
    for end in 0..=longer.len() {
        let part = longer[..end].to_vec();
        let l = outcome(L::deserialize(NotHuman(part.clone())), twin, lean);
        let t = outcome(T::deserialize(NotHuman(part.clone())), twin, lean);
        assert_eq!(l, t, "sequence {part:?}");
    }
}

#[test]
fn the_sequence_form_reads_as_serde_reads_it_at_every_length() {
    use serde_json::json;
    sequences_agree::<PlainLean, PlainTwin>(
        "PlainLean",
        "PlainTwin",
        &[
            json!("a"),
            json!("n"),
            json!("k"),
            json!(["t"]),
            json!(3),
            json!(true),
            json!("flow-1"),
            json!({"x": 1}),
        ],
    );
    sequences_agree::<CasedLean, CasedTwin>(
        "CasedLean",
        "CasedTwin",
        &[json!("Ada"), json!(4), json!(2), json!(true)],
    );
    sequences_agree::<StrictLean, StrictTwin>("StrictLean", "StrictTwin", &[json!("k"), json!(9)]);
    sequences_agree::<CheckedLean, CheckedTwin>(
        "CheckedLean",
        "CheckedTwin",
        &[json!(true), json!(["t"]), json!([])],
    );
    // A wrong type inside the sequence.
    sequences_agree::<CasedLean, CasedTwin>("CasedLean", "CasedTwin", &[json!(1), json!("x")]);
}

#[test]
fn binary_formats_still_read_the_sequence_form() {
    let v = CasedLean {
        first_name: "Ada".into(),
        user_id: 3,
        retry_count: 1,
        is_on: true,
    };
    let bytes = postcard::to_allocvec(&v).unwrap();
    assert_eq!(postcard::from_bytes::<CasedLean>(&bytes).unwrap(), v);
    // Cut short, the container default fills the rest, as serde's derive does.
    let read = CasedLean::deserialize(NotHuman(vec![serde_json::json!("Ada")])).unwrap();
    assert_eq!(
        (read.first_name.as_str(), read.user_id, read.retry_count),
        ("Ada", 0, 7)
    );
    // Without a default, serde's "invalid length" message.
    let err = PlainLean::deserialize(NotHuman(vec![])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid length 0, expected struct PlainLean with 8 elements"
    );
}

/// A model declared through a user's macro that passes a field's name as a
/// `literal` fragment.
macro_rules! renamed_through {
    ($name:literal) => {
        greentic_model! {
            /// A model whose field name comes from a macro argument.
            pub struct Forwarded {
                /// Renamed by the macro's argument.
                #[serde(rename = $name)]
                pub inner: CheckedLean,
            }
        }
    };
}

renamed_through!("core");

#[test]
fn a_rename_forwarded_as_a_literal_fragment_names_the_wire_in_reads_and_violations() {
    use greentic_types::Validate;
    let read: Forwarded = serde_json::from_str(r#"{"core": {"flag": false}}"#).unwrap();
    assert!(!read.inner.flag);
    let bad = Forwarded {
        inner: CheckedLean {
            flag: true,
            tags: vec!["t".into()],
            children: vec![],
        },
    };
    let paths: Vec<String> = bad
        .validate()
        .unwrap_err()
        .into_iter()
        .map(|v| v.path)
        .collect();
    assert_eq!(paths, ["/core/tags"]);
}
