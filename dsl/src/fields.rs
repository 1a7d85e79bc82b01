//! The shared half of the DSL's struct deserializers.
//!
//! ```
//! use greentic_types::__private::serde::de::DeserializeSeed;
//! use greentic_types::__private::{FieldKey, FieldNames, UNKNOWN};
//!
//! // `PackFlowRef { id, file }`, `file` also read as `path`.
//! struct Keys;
//! impl FieldNames for Keys {
//!     const NAMES: &'static [&'static str] = &["id", "file", "path"];
//!     const COUNT: u16 = 2;
//!     const DENY_UNKNOWN: bool = false;
//!     fn find(name: &str) -> usize {
//!         match name {
//!             "id" => 0,
//!             "file" | "path" => 1,
//!             _ => UNKNOWN,
//!         }
//!     }
//! }
//! let key = |text: &str| FieldKey::<Keys>::SEED.deserialize(serde_json::Value::from(text)).unwrap();
//! assert_eq!((key("id"), key("path"), key("other")), (0, 1, UNKNOWN));
//! ```
//!
//! serde's derive writes, for every struct, a field enum, a visitor for it
//! with three methods and a `Deserialize` impl, all generic over the input
//! format. The DSL's struct deserializers (see the `struct_de` marker of
//! `greentic-types-macros`) instead give their names and one non-generic
//! `match` per struct ([`FieldNames`]) to the visitor here ([`FieldKey`]), which does what serde's derived field
//! visitor does (names, aliases, field indexes, unknown names ignored or
//! refused), and call [`missing_field`] where serde calls its private one. What
//! is left per struct is one generic `read` that builds it from [`Fields`]:
//! a map's entries ([`MapFields`]) or a sequence's elements ([`SeqFields`]),
//! so each field's code is type-checked once, not once per form.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor,
};

/// How a struct's keys name its fields, written per struct by the DSL: the
/// names serde accepts and a `match` from name to field (non-generic, so
/// compiled once, not per input format, and as fast as serde's own).
pub trait FieldNames {
    /// Every accepted name, in serde's order (each field's name and aliases,
    /// sorted): serde's `FIELDS`, also what "expected one of" lists.
    const NAMES: &'static [&'static str];
    /// How many fields are read from input (the sequence form's length).
    const COUNT: u16;
    /// `#[serde(deny_unknown_fields)]`: an unknown name is an error.
    const DENY_UNKNOWN: bool;
    /// The index, among the fields read from input, of the field `name`
    /// names, or [`UNKNOWN`].
    fn find(name: &str) -> usize;
}

/// The index [`FieldNames::find`] gives for a name that names no field (its
/// value is skipped, or refused under `deny_unknown_fields`).
pub const UNKNOWN: usize = usize::MAX;

/// Reads one key of a struct's map as the index of its field, as serde's
/// derived field visitor does: names and aliases, the field index of formats
/// that write one, unknown names skipped or refused.
pub struct FieldKey<K>(PhantomData<K>);

impl<K> FieldKey<K> {
    /// The seed.
    pub const SEED: Self = Self(PhantomData);
}

impl<K: FieldNames> FieldKey<K> {
    fn unknown<E: de::Error>(name: &str) -> Result<usize, E> {
        if K::DENY_UNKNOWN {
            Err(E::unknown_field(name, K::NAMES))
        } else {
            Ok(UNKNOWN)
        }
    }
}

impl<'de, K: FieldNames> DeserializeSeed<'de> for FieldKey<K> {
    type Value = usize;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de, K: FieldNames> Visitor<'de> for FieldKey<K> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<usize, E> {
        match usize::try_from(v) {
            Ok(i) if i < usize::from(K::COUNT) => Ok(i),
            _ if K::DENY_UNKNOWN => Err(E::invalid_value(
                Unexpected::Unsigned(v),
                &IndexBelow("field", K::COUNT),
            )),
            _ => Ok(UNKNOWN),
        }
    }

    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        match K::find(v) {
            UNKNOWN => Self::unknown(v),
            i => Ok(i),
        }
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<usize, E> {
        match core::str::from_utf8(v) {
            Ok(text) => self.visit_str(text),
            Err(_) => Self::unknown(&alloc::string::String::from_utf8_lossy(v)),
        }
    }
}

/// serde's expectation for a field (or variant) index out of range.
pub(crate) struct IndexBelow(pub(crate) &'static str, pub(crate) u16);

impl de::Expected for IndexBelow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} index 0 <= i < {}", self.0, self.1)
    }
}

/// The value of a field absent from the input, as serde's derive finds it:
/// `None` for an `Option`, else a "missing field" error.
#[inline]
pub fn missing_field<'de, T: Deserialize<'de>, E: de::Error>(name: &'static str) -> Result<T, E> {
    T::deserialize(MissingField(name, PhantomData))
}

/// Where a struct's fields come from, so that one generic function per struct
/// reads both of serde's forms: a map's keys and values ([`MapFields`]) or a
/// sequence's elements in declaration order ([`SeqFields`]).
pub trait Fields<'de> {
    /// The input's error.
    type Error: de::Error;
    /// The index, among the fields read from input, of the next field there
    /// (or [`UNKNOWN`] for a key that names none); `None` at the end.
    fn next_field(&mut self) -> Result<Option<usize>, Self::Error>;
    /// Reads the value of the field [`next_field`](Self::next_field) just
    /// gave into its slot: serde's "duplicate field" error for a second one.
    fn fill<T: Deserialize<'de>>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), Self::Error>;
    /// Skips the value of a key that names no field.
    fn skip(&mut self) -> Result<(), Self::Error>;
    /// The value of field `index` (named `name`), which has no default: its
    /// slot's value, else what serde's derive does for a missing one.
    fn take<T: Deserialize<'de>>(
        &self,
        slot: Option<T>,
        index: usize,
        name: &'static str,
    ) -> Result<T, Self::Error>;
}

/// A struct's fields as a map's entries, keys read through `K`: a missing
/// `Option` is `None`, anything else missing serde's "missing field" error.
pub struct MapFields<A, K>(A, PhantomData<K>);

impl<A, K> MapFields<A, K> {
    /// The fields of `map`.
    #[inline]
    pub fn new(map: A) -> Self {
        Self(map, PhantomData)
    }
}

impl<'de, A: MapAccess<'de>, K: FieldNames> Fields<'de> for MapFields<A, K> {
    type Error = A::Error;

    #[inline]
    fn next_field(&mut self) -> Result<Option<usize>, A::Error> {
        self.0.next_key_seed(FieldKey::<K>::SEED)
    }

    #[inline]
    fn fill<T: Deserialize<'de>>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(de::Error::duplicate_field(name));
        }
        *slot = Some(self.0.next_value()?);
        Ok(())
    }

    #[inline]
    fn skip(&mut self) -> Result<(), A::Error> {
        self.0.next_value::<de::IgnoredAny>().map(|_| ())
    }

    #[inline]
    fn take<T: Deserialize<'de>>(
        &self,
        slot: Option<T>,
        _: usize,
        name: &'static str,
    ) -> Result<T, A::Error> {
        match slot {
            Some(value) => Ok(value),
            None => missing_field(name),
        }
    }
}

/// A struct's fields as a sequence's elements, in order, as serde's derive
/// reads them: a field with a default may be cut off the end, any other
/// missing one (an `Option` too) is serde's "invalid length" error against
/// `expected` ("struct Name with N elements").
pub struct SeqFields<A> {
    seq: A,
    /// The index of the next element; `count` once the sequence has ended.
    next: usize,
    count: usize,
    expected: &'static str,
}

impl<A> SeqFields<A> {
    /// The first `count` elements of `seq`, the fields of a struct that
    /// `expected` describes.
    #[inline]
    pub fn new(seq: A, count: u16, expected: &'static str) -> Self {
        Self {
            seq,
            next: 0,
            count: usize::from(count),
            expected,
        }
    }
}

impl<'de, A: SeqAccess<'de>> Fields<'de> for SeqFields<A> {
    type Error = A::Error;

    #[inline]
    fn next_field(&mut self) -> Result<Option<usize>, A::Error> {
        Ok((self.next < self.count).then_some(self.next))
    }

    #[inline]
    fn fill<T: Deserialize<'de>>(
        &mut self,
        slot: &mut Option<T>,
        _: &'static str,
    ) -> Result<(), A::Error> {
        *slot = self.seq.next_element()?;
        // An element read moves on; the end stops (its field and the rest
        // keep no value, so their defaults or errors apply).
        self.next = if slot.is_some() {
            self.next + 1
        } else {
            self.count
        };
        Ok(())
    }

    #[inline]
    fn skip(&mut self) -> Result<(), A::Error> {
        // `next_field` gives no unknown index here; skip an element if asked.
        self.next += 1;
        self.seq.next_element::<de::IgnoredAny>().map(|_| ())
    }

    #[inline]
    fn take<T: Deserialize<'de>>(
        &self,
        slot: Option<T>,
        index: usize,
        _: &'static str,
    ) -> Result<T, A::Error> {
        slot.ok_or_else(|| de::Error::invalid_length(index, &self.expected))
    }
}

/// The deserializer [`missing_field`] reads from: nothing there.
struct MissingField<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for MissingField<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use serde::de::value::{BytesDeserializer, Error, U64Deserializer};

    struct Open;
    impl FieldNames for Open {
        const NAMES: &'static [&'static str] = &["a", "b", "bee"];
        const COUNT: u16 = 2;
        const DENY_UNKNOWN: bool = false;
        fn find(name: &str) -> usize {
            match name {
                "a" => 0,
                "b" | "bee" => 1,
                _ => UNKNOWN,
            }
        }
    }
    struct Deny;
    impl FieldNames for Deny {
        const NAMES: &'static [&'static str] = Open::NAMES;
        const COUNT: u16 = Open::COUNT;
        const DENY_UNKNOWN: bool = true;
        fn find(name: &str) -> usize {
            Open::find(name)
        }
    }

    fn key<K: FieldNames>(text: &str) -> Result<usize, serde_json::Error> {
        FieldKey::<K>::SEED.deserialize(serde_json::Value::from(text))
    }

    #[test]
    fn names_and_aliases_give_their_field_and_unknown_names_are_skipped_or_refused() {
        assert_eq!(key::<Open>("a").unwrap(), 0);
        assert_eq!(key::<Open>("bee").unwrap(), 1);
        assert_eq!(key::<Open>("c").unwrap(), UNKNOWN);
        assert_eq!(
            key::<Deny>("c").unwrap_err().to_string(),
            "unknown field `c`, expected one of `a`, `b`, `bee`"
        );
    }

    #[test]
    fn indexes_and_bytes_read_as_serde_derived_field_visitors_read_them() {
        fn index<K: FieldNames>(v: u64) -> Result<usize, Error> {
            FieldKey::<K>::SEED.deserialize(U64Deserializer::<Error>::new(v))
        }
        assert_eq!(index::<Open>(1).unwrap(), 1);
        assert_eq!(index::<Open>(2).unwrap(), UNKNOWN);
        assert_eq!(
            index::<Deny>(7).unwrap_err().to_string(),
            "invalid value: integer `7`, expected field index 0 <= i < 2"
        );
        fn bytes<K: FieldNames>(v: &'static [u8]) -> Result<usize, Error> {
            FieldKey::<K>::SEED.deserialize(BytesDeserializer::<Error>::new(v))
        }
        assert_eq!(bytes::<Open>(b"b").unwrap(), 1);
        assert_eq!(bytes::<Open>(b"\xff").unwrap(), UNKNOWN);
        assert_eq!(
            bytes::<Deny>(b"x\xff").unwrap_err().to_string(),
            "unknown field `x\u{fffd}`, expected one of `a`, `b`, `bee`"
        );
    }

    #[test]
    fn a_missing_option_is_none_and_anything_else_missing_is_an_error() {
        assert_eq!(missing_field::<Option<u8>, Error>("x").unwrap(), None);
        assert_eq!(
            missing_field::<u8, Error>("x").unwrap_err().to_string(),
            "missing field `x`"
        );
    }
}
