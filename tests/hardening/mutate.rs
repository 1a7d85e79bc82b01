//! Single mutations of a valid document: each derived document differs from
//! the original in one place, in one way the wire rules care about.
//!
//! Documents are `serde_json::Value`s; numbers that a `Value` cannot hold
//! exactly (past 64 bits, or written `1.0`) are carried as placeholders and
//! spliced into the text by [`Mutant::text`].

use serde_json::{Map, Value};

/// What a mutation does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An object member removed (a required field, when it is one).
    DropField,
    /// A value replaced by one of another JSON type.
    ChangeType,
    /// A string replaced by one that breaks identifier rules (empty, `.`,
    /// `..`, too long, spaces, a trailing newline, control characters, ...).
    BreakString,
    /// A string or a one-key object's key replaced by a name no enum has.
    UnknownVariant,
    /// A number replaced by one past a sized integer's range, a fraction or
    /// a negative.
    OutOfRange,
    /// A number replaced by a whole number written as a float (`1.0`, `1e2`).
    WholeFloat,
    /// An array given an item of the wrong type, or emptied.
    WrongItem,
    /// An object given a member no model declares, or a key renamed to a
    /// broken identifier.
    UnknownField,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 8] = [
        Kind::DropField,
        Kind::ChangeType,
        Kind::BreakString,
        Kind::UnknownVariant,
        Kind::OutOfRange,
        Kind::WholeFloat,
        Kind::WrongItem,
        Kind::UnknownField,
    ];

    /// A short column name.
    pub fn label(self) -> &'static str {
        match self {
            Kind::DropField => "drop",
            Kind::ChangeType => "type",
            Kind::BreakString => "string",
            Kind::UnknownVariant => "variant",
            Kind::OutOfRange => "range",
            Kind::WholeFloat => "1.0",
            Kind::WrongItem => "item",
            Kind::UnknownField => "member",
        }
    }
}

/// Placeholder for a number written verbatim into the text.
const RAW: &str = "\u{1}raw:";

/// A document derived from a valid one by a single mutation.
#[derive(Clone, Debug)]
pub struct Mutant {
    /// What was done.
    pub kind: Kind,
    /// Where (JSON pointer into the original document).
    pub pointer: String,
    /// The document after the mutation (numbers past 64 bits as placeholders).
    pub doc: Value,
}

impl Mutant {
    /// The document as JSON text, placeholders replaced by their numbers.
    pub fn text(&self) -> String {
        let text = serde_json::to_string(&self.doc).unwrap_or_default();
        splice_raw(&text)
    }

    /// The value now at the mutated location, if it is still there.
    pub fn value(&self) -> Option<&Value> {
        self.doc.pointer(&self.pointer)
    }
}

/// A number written verbatim into the text (`"1.0"`, `"18446744073709551616"`).
pub fn raw_number(text: &str) -> Value {
    Value::String(format!("{RAW}{text}"))
}

fn splice_raw(text: &str) -> String {
    let marker = "\"\\u0001raw:";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(marker) {
        out.push_str(&rest[..at]);
        let after = &rest[at + marker.len()..];
        let end = after.find('"').unwrap_or(after.len());
        out.push_str(&after[..end]);
        rest = &after[(end + 1).min(after.len())..];
    }
    out.push_str(rest);
    out
}

/// Strings that break at least one identifier rule somewhere (and some that
/// are valid for one rule and not another); `{}` is the original string.
const BROKEN_STRINGS: &[&str] = &[
    "",
    ".",
    "..",
    "a b",
    "{}\n",
    "\n{}",
    "{} ",
    "{}/x",
    "{}\u{0}",
    "{}\u{7f}",
    "{}é",
    "{}\u{85}",
    "$.a",
    "k\tk",
    "2023-02-30T10:00:00Z",
    "2023-11-14T22:13:20",
    "00",
    "1.2.3.4",
    "^1.2, >=",
];

/// Numbers past the range of every sized integer type, as text. Past 64
/// bits each is an `f64` exactly (the next `f64` below `i64::MIN`, `-2^128`,
/// and the next `f64` above `2^127` and `2^128`, the 128-bit schemas'
/// inclusive bounds), so a validator that reads numbers as `f64` (the Rust
/// `jsonschema` crate, through `serde_json::Value`) judges them exactly, as
/// Python does with its integers.
const OUT_OF_RANGE: &[&str] = &[
    "-1",
    "-129",
    "256",
    "-32769",
    "65536",
    "-2147483649",
    "2147483648",
    "4294967296",
    "-9223372036854777856",
    "9223372036854775808",
    "18446744073709551616",
    "-340282366920938463463374607431768211456",
    "170141183460469269510619166673045815296",
    "340282366920938539021238333346091630592",
    "0.5",
];

/// Whole numbers written as floats.
const WHOLE_FLOATS: &[&str] = &["1.0", "1e2", "-0.0"];

/// Every single mutation of `doc` this module knows, in document order.
pub fn mutants(doc: &Value) -> Vec<Mutant> {
    let mut out = Vec::new();
    let mut locations = Vec::new();
    collect(doc, String::new(), &mut locations);
    for (pointer, value) in locations {
        let mut put = |kind: Kind, new: Value| {
            let mut mutated = doc.clone();
            if replace(&mut mutated, &pointer, new) {
                out.push(Mutant {
                    kind,
                    pointer: pointer.clone(),
                    doc: mutated,
                });
            }
        };
        for other in other_types(value) {
            put(Kind::ChangeType, other);
        }
        match value {
            Value::String(s) => {
                for broken in BROKEN_STRINGS {
                    let new = broken.replace("{}", s);
                    if &new != s {
                        put(Kind::BreakString, Value::String(new));
                    }
                }
                put(Kind::BreakString, Value::String("x".repeat(257)));
                put(Kind::BreakString, Value::String("x".repeat(256)));
                put(
                    Kind::UnknownVariant,
                    Value::String("zz-unknown-variant".into()),
                );
            }
            Value::Number(_) => {
                for n in OUT_OF_RANGE {
                    put(Kind::OutOfRange, raw_number(n));
                }
                for n in WHOLE_FLOATS {
                    put(Kind::WholeFloat, raw_number(n));
                }
            }
            Value::Array(items) => {
                let wrong = items
                    .first()
                    .and_then(|first| other_types(first).into_iter().next())
                    .unwrap_or(Value::from(7));
                let mut pushed = items.clone();
                pushed.push(wrong.clone());
                put(Kind::WrongItem, Value::Array(pushed));
                if !items.is_empty() {
                    let mut replaced = items.clone();
                    replaced[0] = wrong;
                    put(Kind::WrongItem, Value::Array(replaced));
                    put(Kind::WrongItem, Value::Array(Vec::new()));
                    let mut doubled = items.clone();
                    doubled.push(items[0].clone());
                    put(Kind::WrongItem, Value::Array(doubled));
                }
            }
            Value::Object(map) => {
                for key in map.keys() {
                    let mut dropped = map.clone();
                    dropped.remove(key);
                    put(Kind::DropField, Value::Object(dropped));
                    for broken in ["", "..", "a b", "{}\n", "zz_unknown_member"] {
                        let new_key = broken.replace("{}", key);
                        if &new_key != key && !map.contains_key(&new_key) {
                            put(
                                Kind::UnknownField,
                                Value::Object(rename(map, key, &new_key)),
                            );
                        }
                    }
                }
                if map.len() == 1 {
                    let key = map.keys().next().cloned().unwrap_or_default();
                    put(
                        Kind::UnknownVariant,
                        Value::Object(rename(map, &key, "zz_unknown_variant")),
                    );
                }
                let mut extra = map.clone();
                extra.insert("zz_unknown_member".into(), Value::from(1));
                put(Kind::UnknownField, Value::Object(extra));
            }
            Value::Null | Value::Bool(_) => {}
        }
    }
    out
}

/// Values of other JSON types than `v`.
fn other_types(v: &Value) -> Vec<Value> {
    let all = [
        Value::Null,
        Value::Bool(true),
        Value::from(7),
        Value::from("x"),
        Value::Array(vec![]),
        Value::Object(Map::new()),
    ];
    all.into_iter()
        .filter(|o| std::mem::discriminant(o) != std::mem::discriminant(v))
        .collect()
}

fn rename(map: &Map<String, Value>, from: &str, to: &str) -> Map<String, Value> {
    map.iter()
        .map(|(k, v)| {
            if k == from {
                (to.to_owned(), v.clone())
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect()
}

fn collect<'a>(v: &'a Value, pointer: String, out: &mut Vec<(String, &'a Value)>) {
    out.push((pointer.clone(), v));
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                collect(child, format!("{pointer}/{}", escape(k)), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect(child, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// One JSON-pointer segment, escaped (RFC 6901).
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn replace(doc: &mut Value, pointer: &str, new: Value) -> bool {
    match doc.pointer_mut(pointer) {
        Some(slot) => {
            *slot = new;
            true
        }
        None => false,
    }
}
