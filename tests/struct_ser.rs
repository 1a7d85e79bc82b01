//! The DSL's lean struct serializer makes exactly the calls serde's derive
//! makes.
//!
//! Every shape is declared twice through `greentic_model!`: once as written
//! (lean: the DSL writes the `Serialize`), once with a neutral
//! `#[serde(bound = "")]` that the lean form does not take, so serde's derive
//! writes it. A recording serializer logs every call (the struct's name and
//! length hint, each field written with its value, each `skip_field`), and
//! both logs must match for every value tried; JSON and postcard output must
//! match too. A `skip_serializing_if` predicate that counts its calls tells
//! which writer ran: serde's derive asks it twice (for the length hint and
//! for the field), the lean form once.
#![allow(missing_docs)]

mod serde_pairs;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;

use greentic_types::{FlowId, greentic_model};
use proptest::prelude::*;
use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};
use serde_pairs::struct_pair as pair;

thread_local! {
    static ASKED: Cell<u32> = const { Cell::new(0) };
}

/// A `skip_serializing_if` predicate that counts how often it is asked.
fn counted(v: &u8) -> bool {
    ASKED.with(|c| c.set(c.get() + 1));
    *v == 0
}

/// How many times `counted` is asked while `v` is written.
fn asked<T: Serialize>(v: &T) -> u32 {
    ASKED.with(|c| c.set(0));
    let _ = record(v);
    ASKED.with(Cell::get)
}

fn is_zero(v: &u32) -> bool {
    *v == 0
}

mod preds {
    pub fn is_blank(s: &str) -> bool {
        s.trim().is_empty()
    }
}

pair!(PlainLean, PlainTwin,
    /// Every field attribute the lean form reads.
    #[derive(Default)]
    {
        /// Plain.
        pub name: String,
        /// Written as `null` when absent.
        pub note: Option<String>,
        /// Renamed, aliases (read only).
        #[serde(rename = "kind", alias = "sort")]
        pub category: Option<String>,
        /// Left out when empty.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub tags: Vec<String>,
        /// Left out when zero, through a function in this file.
        #[serde(default, skip_serializing_if = "is_zero")]
        pub count: u32,
        /// Left out when blank, through a path into a module, on a `&String`.
        #[serde(default, skip_serializing_if = "preds::is_blank")]
        pub title: String,
        /// Never written or read.
        #[serde(skip)]
        pub cache: u8,
        /// Never written.
        #[serde(skip_serializing, default)]
        pub secret: String,
        /// Read only from defaults, written.
        #[serde(skip_deserializing)]
        pub computed: u16,
        /// A raw identifier.
        #[serde(default)]
        pub r#type: bool,
        /// A nested model.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub flow: Option<FlowId>,
        /// A map.
        #[serde(default)]
        pub labels: BTreeMap<String, u8>,
        /// The probe.
        #[serde(default, skip_serializing_if = "counted")]
        pub probe: u8,
    }
);

pair!(CasedLean, CasedTwin,
    /// Container `rename`, `rename_all`, `default`, `deny_unknown_fields`.
    #[serde(rename = "Cased", rename_all = "SCREAMING-KEBAB-CASE", default, deny_unknown_fields)]
    #[derive(Default)]
    {
        /// Two words.
        pub first_name: String,
        /// Renamed past the rule.
        #[serde(rename = "ID")]
        pub user_id: u64,
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
    }
);

pair!(EmptyLean, EmptyTwin,
    /// No fields at all.
    #[derive(Default)]
    {}
);

pair!(AllSkippedLean, AllSkippedTwin,
    /// Every field skipped.
    #[derive(Default)]
    {
        /// Skipped.
        #[serde(skip)]
        pub a: u8,
        /// Skipped when written.
        #[serde(skip_serializing, default)]
        pub b: u8,
    }
);

#[allow(deprecated)]
mod old {
    use super::*;

    pair!(OldLean, OldTwin,
        /// A deprecated field.
        #[derive(Default)]
        {
            /// Current.
            pub now: u8,
            /// Old.
            #[deprecated]
            #[serde(default, skip_serializing_if = "counted")]
            pub then: u8,
        }
    );
}
use old::{OldLean, OldTwin};

greentic_model! {
    /// A generic model: serde's derive (it infers bounds per parameter).
    pub struct Boxed<T> {
        /// The value.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub value: Option<T>,
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
    }
}

fn double<S: Serializer>(v: &u8, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u16(u16::from(*v) * 2)
}

greentic_model! {
    /// A `serialize_with` field: serde's derive.
    pub struct Custom {
        /// Written doubled.
        #[serde(serialize_with = "double")]
        pub value: u8,
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
    }
}

greentic_model! {
    /// A field under `cfg`: serde's derive.
    pub struct Configured {
        /// Never compiled.
        #[cfg(any())]
        pub never: u8,
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
    }
}

/// Declares a wide struct twice (lean, and serde's derive): a `u8` per name, then a probe.
macro_rules! wide {
    ($lean:ident, $twin:ident, [$($f:ident)*]) => {
        pair!($lean, $twin,
            /// A wide struct: lean too (its pairs nest as a balanced tree).
            #[derive(Default)]
            {
                $(
                    /// A field.
                    pub $f: u8,
                )*
                /// The probe.
                #[serde(skip_serializing_if = "counted")]
                pub probe: u8,
            }
        );
    };
}

wide!(Wide, WideTwin, [
    f0 f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12 f13 f14 f15 f16 f17 f18 f19 f20 f21 f22 f23 f24
    f25 f26 f27 f28 f29 f30 f31 f32 f33 f34 f35 f36 f37 f38 f39 f40 f41 f42 f43 f44 f45 f46 f47
    f48 f49 f50 f51 f52 f53 f54 f55 f56 f57 f58 f59 f60 f61 f62 f63 f64 f65 f66 f67 f68 f69 f70
    f71 f72 f73 f74 f75 f76 f77 f78 f79 f80 f81 f82 f83 f84 f85 f86 f87 f88 f89 f90 f91 f92 f93
    f94 f95 f96 f97 f98 f99 f100 f101 f102 f103 f104 f105 f106 f107 f108 f109 f110 f111 f112
    f113 f114 f115 f116 f117 f118 f119 f120 f121 f122 f123 f124 f125 f126 f127 f128 f129 f130
    f131 f132 f133 f134 f135 f136 f137 f138 f139 f140 f141 f142 f143 f144 f145 f146 f147 f148
    f149 f150 f151 f152 f153 f154 f155 f156 f157 f158 f159 f160 f161 f162 f163 f164 f165 f166
    f167 f168 f169 f170 f171 f172 f173 f174 f175 f176 f177 f178 f179 f180 f181 f182 f183 f184
    f185 f186 f187 f188 f189 f190 f191 f192 f193 f194 f195 f196 f197 f198
]);

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

greentic_model! {
    /// A predicate with generic arguments: serde's derive reads it.
    #[derive(Default)]
    pub struct Turbofish {
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
        /// Left out when zero.
        #[serde(skip_serializing_if = "is_default::<u8>")]
        pub size: u8,
    }
}

pair!(UnnamedLean, UnnamedTwin,
    /// Renamed to the empty name, which some formats refuse.
    #[serde(rename = "")]
    #[derive(Default)]
    {
        /// A field.
        pub a: u8,
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
    }
);

/// One call a serializer received.
#[derive(Debug, PartialEq)]
enum Call {
    Struct(&'static str, usize),
    Field(&'static str, serde_json::Value),
    Skip(&'static str),
    End,
}

#[derive(Debug)]
struct Refused(String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

impl ser::Error for Refused {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Refused(msg.to_string())
    }
}

/// Records a struct's calls; anything else is refused.
struct Recorder<'a>(&'a mut Vec<Call>);

macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<$ret, Refused> {
            Err(Refused(stringify!($method).to_owned()))
        }
    )*};
}

impl<'a> Serializer for Recorder<'a> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = Impossible<(), Refused>;
    type SerializeTuple = Impossible<(), Refused>;
    type SerializeTupleStruct = Impossible<(), Refused>;
    type SerializeTupleVariant = Impossible<(), Refused>;
    type SerializeMap = Impossible<(), Refused>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Refused>;

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self, Refused> {
        self.0.push(Call::Struct(name, len));
        Ok(self)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Refused> {
        Err(Refused("some".into()))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Refused> {
        Err(Refused("newtype_struct".into()))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Refused> {
        Err(Refused("newtype_variant".into()))
    }

    refuse! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

impl SerializeStruct for Recorder<'_> {
    type Ok = ();
    type Error = Refused;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        let value = serde_json::to_value(value).map_err(|e| Refused(e.to_string()))?;
        self.0.push(Call::Field(key, value));
        Ok(())
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), Refused> {
        self.0.push(Call::Skip(key));
        Ok(())
    }

    fn end(self) -> Result<(), Refused> {
        self.0.push(Call::End);
        Ok(())
    }
}

/// The calls writing `v` makes.
fn record<T: Serialize>(v: &T) -> Vec<Call> {
    let mut calls = Vec::new();
    v.serialize(Recorder(&mut calls))
        .expect("a struct is written");
    calls
}

/// The twin's calls with its name put back to the lean one's.
fn renamed(calls: Vec<Call>, twin: &'static str, lean: &'static str) -> Vec<Call> {
    calls
        .into_iter()
        .map(|call| match call {
            Call::Struct(name, len) if name == twin => Call::Struct(lean, len),
            other => other,
        })
        .collect()
}

/// Both types, read from one document, write the same calls, JSON and
/// postcard bytes.
fn agree<L, T>(lean: &'static str, twin: &'static str, text: &str)
where
    L: Serialize + serde::de::DeserializeOwned,
    T: Serialize + serde::de::DeserializeOwned,
{
    let (Ok(l), Ok(t)) = (
        serde_json::from_str::<L>(text),
        serde_json::from_str::<T>(text),
    ) else {
        return;
    };
    assert_eq!(
        record(&l),
        renamed(record(&t), twin, lean),
        "calls for {text}"
    );
    assert_eq!(
        serde_json::to_string(&l).unwrap(),
        serde_json::to_string(&t).unwrap(),
        "JSON for {text}"
    );
    assert_eq!(
        postcard::to_allocvec(&l).unwrap(),
        postcard::to_allocvec(&t).unwrap(),
        "postcard for {text}"
    );
}

fn documents(keys: &'static [&'static str]) -> impl Strategy<Value = String> {
    let value = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        (0u32..3).prop_map(|n| n.to_string()),
        Just(r#""""#.to_owned()),
        Just(r#"" ""#.to_owned()),
        Just(r#""x""#.to_owned()),
        Just(r#""flow-1""#.to_owned()),
        Just(r#"["a"]"#.to_owned()),
        Just("[]".to_owned()),
        Just(r#"{"a":1}"#.to_owned()),
    ];
    let member = (prop::sample::select(keys), value)
        .prop_map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap()));
    prop::collection::vec(member, 0..8).prop_map(|m| format!("{{{}}}", m.join(",")))
}

const PLAIN_KEYS: &[&str] = &[
    "name", "note", "kind", "tags", "count", "title", "cache", "secret", "computed", "type",
    "flow", "labels", "probe",
];
const CASED_KEYS: &[&str] = &["FIRST-NAME", "ID", "PROBE"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn plain_fields_are_written_as_serde_writes_them(text in documents(PLAIN_KEYS)) {
        agree::<PlainLean, PlainTwin>("PlainLean", "PlainTwin", &text);
    }

    #[test]
    fn container_rename_and_rule_are_written_as_serde_writes_them(text in documents(CASED_KEYS)) {
        agree::<CasedLean, CasedTwin>("Cased", "Cased", &text);
    }
}

#[test]
fn every_shape_makes_serdes_calls_name_length_hint_and_skips_included() {
    let plain = PlainLean {
        name: "n".into(),
        count: 3,
        title: " ".into(),
        secret: "s".into(),
        ..PlainLean::default()
    };
    let calls = record(&plain);
    assert_eq!(calls[0], Call::Struct("PlainLean", 7));
    assert!(calls.contains(&Call::Skip("tags")));
    assert!(calls.contains(&Call::Skip("title")));
    assert!(calls.contains(&Call::Field("count", 3.into())));
    assert!(
        !calls
            .iter()
            .any(|c| matches!(c, Call::Field("secret" | "cache", _)))
    );
    let twin: PlainTwin = serde_json::from_value(serde_json::to_value(&plain).unwrap()).unwrap();
    let twin = PlainTwin {
        secret: "s".into(),
        ..twin
    };
    assert_eq!(calls, renamed(record(&twin), "PlainTwin", "PlainLean"));

    assert_eq!(
        record(&EmptyLean {}),
        [Call::Struct("EmptyLean", 0), Call::End]
    );
    assert_eq!(
        record(&EmptyLean {}),
        renamed(record(&EmptyTwin {}), "EmptyTwin", "EmptyLean")
    );
    assert_eq!(
        record(&AllSkippedLean::default()),
        renamed(
            record(&AllSkippedTwin::default()),
            "AllSkippedTwin",
            "AllSkippedLean"
        )
    );
    #[allow(deprecated)]
    let old = (OldLean { now: 1, then: 2 }, OldTwin { now: 1, then: 2 });
    assert_eq!(
        record(&old.0),
        renamed(record(&old.1), "OldTwin", "OldLean")
    );
    assert_eq!(record(&old.0)[0], Call::Struct("OldLean", 2));

    // An empty container name is a name (RON refuses it, as it refuses serde's).
    assert_eq!(record(&UnnamedLean::default())[0], Call::Struct("", 1));
    assert_eq!(
        record(&UnnamedLean::default()),
        record(&UnnamedTwin::default())
    );
    assert!(ron::to_string(&UnnamedLean::default()).is_err());
    assert!(ron::to_string(&UnnamedTwin::default()).is_err());
}

#[test]
fn the_lean_form_is_taken_exactly_where_its_attributes_allow() {
    // Lean: the predicate is asked once.
    assert_eq!(asked(&PlainLean::default()), 1);
    assert_eq!(asked(&CasedLean::default()), 1);
    assert_eq!(asked(&UnnamedLean::default()), 1);
    #[allow(deprecated)]
    let old = OldLean { now: 0, then: 0 };
    assert_eq!(asked(&old), 1);
    // serde's derive: twice.
    assert_eq!(asked(&PlainTwin::default()), 2);
    let boxed = Boxed::<u8> {
        value: Some(1),
        probe: 0,
    };
    assert_eq!(asked(&boxed), 2);
    assert_eq!(asked(&Custom { value: 1, probe: 0 }), 2);
    assert_eq!(asked(&Configured { probe: 0 }), 2);
    assert_eq!(asked(&Wide::default()), 1);
    assert_eq!(asked(&WideTwin::default()), 2);
    assert_eq!(record(&Wide::default())[0], Call::Struct("Wide", 199));
    let wide = Wide {
        f7: 7,
        f198: 198,
        probe: 1,
        ..Wide::default()
    };
    let twin = WideTwin {
        f7: 7,
        f198: 198,
        probe: 1,
        ..WideTwin::default()
    };
    assert_eq!(record(&wide), renamed(record(&twin), "WideTwin", "Wide"));
    // A predicate that is a path with generic arguments: serde's derive.
    assert_eq!(asked(&Turbofish::default()), 2);
    assert_eq!(
        serde_json::to_value(Turbofish { probe: 0, size: 0 }).unwrap(),
        serde_json::json!({})
    );
    // And they still write what serde writes.
    assert_eq!(
        serde_json::to_value(&Custom { value: 4, probe: 1 }).unwrap(),
        serde_json::json!({"value": 8, "probe": 1})
    );
}
