//! Input helpers the expansions call: structs from objects only, identifiers
//! checked without copying, and deferred check hooks.
//!
//! serde's derived struct visitors also accept the sequence form (`["u1",
//! "why"]` for a struct of two fields). The wire is objects only (that is
//! what every schema says and what other languages accept), so the DSL reads
//! every struct and enum through [`ObjectsOnly`], which refuses a sequence
//! wherever serde expects a struct, a struct variant, an adjacently tagged
//! enum or an internally tagged one. Formats that are not human-readable
//! (postcard, bincode) write structs as sequences by design: for them the
//! rule does not apply.

use core::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, Unexpected, VariantAccess, Visitor,
};

use crate::path::Tagging;
use crate::rule::IdRule;

/// A deserializer that refuses serde's sequence form of structs.
pub struct ObjectsOnly<D> {
    inner: D,
    tagging: Tagging,
}

impl<D> ObjectsOnly<D> {
    /// Wraps `inner` for a type whose container attributes select `tagging`.
    #[inline]
    pub fn new(inner: D, tagging: Tagging) -> Self {
        Self { inner, tagging }
    }
}

/// A visitor that refuses sequences and forwards everything else.
struct NoSeq<V>(V);

macro_rules! forward_visits {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        #[inline]
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for NoSeq<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    forward_visits!(
        visit_bool(bool),
        visit_i8(i8),
        visit_i16(i16),
        visit_i32(i32),
        visit_i64(i64),
        visit_i128(i128),
        visit_u8(u8),
        visit_u16(u16),
        visit_u32(u32),
        visit_u64(u64),
        visit_u128(u128),
        visit_f32(f32),
        visit_f64(f64),
        visit_char(char),
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(alloc::string::String),
        visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]),
        visit_byte_buf(alloc::vec::Vec<u8>),
    );

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_none()
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.visit_some(d)
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_unit()
    }

    #[inline]
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.visit_newtype_struct(d)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::invalid_type(Unexpected::Seq, &self))
    }

    #[inline]
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(map)
    }

    #[inline]
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.0.visit_enum(data)
    }
}

/// An enum visitor whose struct variants are read from objects only.
struct NoSeqVariants<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for NoSeqVariants<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    forward_visits!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_f64(f64),
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(alloc::string::String),
        visit_bytes(&[u8]),
    );

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_unit()
    }

    #[inline]
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.visit_seq(seq)
    }

    #[inline]
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(map)
    }

    #[inline]
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.0.visit_enum(ObjectVariants(data))
    }
}

struct ObjectVariants<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for ObjectVariants<A> {
    type Error = A::Error;
    type Variant = ObjectVariant<A::Variant>;

    #[inline]
    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), Self::Error> {
        let (value, variant) = self.0.variant_seed(seed)?;
        Ok((value, ObjectVariant(variant)))
    }
}

struct ObjectVariant<A>(A);

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for ObjectVariant<A> {
    type Error = A::Error;

    #[inline]
    fn unit_variant(self) -> Result<(), Self::Error> {
        self.0.unit_variant()
    }

    #[inline]
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        self.0.newtype_variant_seed(seed)
    }

    #[inline]
    fn tuple_variant<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.tuple_variant(len, visitor)
    }

    #[inline]
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.struct_variant(fields, NoSeq(visitor))
    }
}

macro_rules! forward_deserialize {
    ($($method:ident),* $(,)?) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            self.inner.$method(visitor)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectsOnly<D> {
    type Error = D::Error;

    /// Internally tagged enums are read through `deserialize_any`: refuse a
    /// sequence there; every other shape passes through.
    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.tagging {
            Tagging::Internal if self.inner.is_human_readable() => {
                self.inner.deserialize_any(NoSeq(visitor))
            }
            _ => self.inner.deserialize_any(visitor),
        }
    }

    forward_deserialize!(
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_identifier,
        deserialize_ignored_any,
    );

    #[inline]
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        if !self.inner.is_human_readable() {
            return self.inner.deserialize_map(visitor);
        }
        self.inner.deserialize_map(NoSeq(visitor))
    }

    #[inline]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        if !self.inner.is_human_readable() {
            return self.inner.deserialize_struct(name, fields, visitor);
        }
        self.inner.deserialize_struct(name, fields, NoSeq(visitor))
    }

    #[inline]
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        if !self.inner.is_human_readable() {
            return self.inner.deserialize_enum(name, variants, visitor);
        }
        self.inner
            .deserialize_enum(name, variants, NoSeqVariants(visitor))
    }

    #[inline]
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.inner.deserialize_unit_struct(name, visitor)
    }

    #[inline]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.inner.deserialize_newtype_struct(name, visitor)
    }

    #[inline]
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.inner.deserialize_tuple(len, visitor)
    }

    #[inline]
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.inner.deserialize_tuple_struct(name, len, visitor)
    }

    #[inline]
    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// Reads an identifier's string and checks it against `rule`; the text is
/// checked before it is copied, and short identifiers (24 bytes or fewer on
/// 64-bit targets, nearly all of them) are stored inline, without a heap
/// allocation.
pub fn deserialize_id<'de, D: Deserializer<'de>>(
    d: D,
    type_name: &'static str,
    rule: &'static IdRule,
) -> Result<compact_str::CompactString, D::Error> {
    struct IdVisitor {
        type_name: &'static str,
        rule: &'static IdRule,
    }

    impl<'de> Visitor<'de> for IdVisitor {
        type Value = compact_str::CompactString;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} string", self.type_name)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            self.rule.check(self.type_name, v).map_err(E::custom)?;
            Ok(compact_str::CompactString::new(v))
        }

        fn visit_string<E: de::Error>(self, v: alloc::string::String) -> Result<Self::Value, E> {
            self.rule.check(self.type_name, &v).map_err(E::custom)?;
            Ok(crate::__private::id_str_from_string(v))
        }
    }

    d.deserialize_str(IdVisitor { type_name, rule })
}

#[cfg(feature = "std")]
std::thread_local! {
    static DEFERRED: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
    static ERROR_POINTER: core::cell::RefCell<Option<alloc::string::String>> =
        const { core::cell::RefCell::new(None) };
}

/// A serde error for a hand-written `Deserialize` that knows which member of
/// its value is wrong: the message is `"<pointer>: <rule>"`, and the
/// registry (and so the CLI) reports the violation at that pointer under the
/// value's own, e.g. `/version_strategy/kind` for `error_at("/kind", ..)`.
///
/// ```
/// use serde::de::Error as _;
/// let e: serde_json::Error = greentic_types::error_at("/1", "must be a string");
/// assert_eq!(e.to_string(), "/1: must be a string");
/// ```
///
/// The pointer travels beside the message, never parsed back out of it, so
/// text taken from the input can never move a violation elsewhere.
pub fn error_at<E: de::Error>(pointer: &str, rule: impl fmt::Display) -> E {
    #[cfg(feature = "std")]
    ERROR_POINTER.with(|p| *p.borrow_mut() = Some(pointer.into()));
    E::custom(format_args!("{pointer}: {rule}"))
}

/// The pointer the last [`error_at`] on this thread named, cleared.
#[cfg(feature = "check")]
pub(crate) fn take_error_pointer() -> Option<alloc::string::String> {
    #[cfg(feature = "std")]
    {
        ERROR_POINTER.with(|p| p.borrow_mut().take())
    }
    #[cfg(not(feature = "std"))]
    {
        None
    }
}

/// Whether check hooks are deferred on this thread (see [`defer_checks`]).
#[inline]
pub fn checks_deferred() -> bool {
    #[cfg(feature = "std")]
    {
        DEFERRED.with(|d| d.get() > 0)
    }
    #[cfg(not(feature = "std"))]
    {
        false
    }
}

/// Runs `f` with the check hooks of every model it deserializes deferred: the
/// caller promises to run `validate()` on the result, which reports every
/// hook's violations with their full pointers instead of the first one.
#[cfg(feature = "std")]
pub fn defer_checks<R>(f: impl FnOnce() -> R) -> R {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            DEFERRED.with(|d| d.set(d.get().saturating_sub(1)));
        }
    }
    DEFERRED.with(|d| d.set(d.get().saturating_add(1)));
    let _reset = Reset;
    f()
}
