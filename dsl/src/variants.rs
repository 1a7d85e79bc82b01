//! The shared half of the DSL's deserializers for enums of unit variants.
//!
//! ```
//! use greentic_types::__private::{UNKNOWN, VariantNames, unit_variant};
//!
//! // `enum FlowKind { Messaging, Events }` under `rename_all = "snake_case"`,
//! // `events` also read as `event`.
//! struct Variants;
//! impl VariantNames for Variants {
//!     const NAMES: &'static [&'static str] = &["messaging", "event", "events"];
//!     const COUNT: u16 = 2;
//!     const OTHER: usize = UNKNOWN;
//!     const EXPECTING: &'static str = "enum FlowKind";
//!     fn find(name: &str) -> usize {
//!         match name {
//!             "messaging" => 0,
//!             "event" | "events" => 1,
//!             _ => UNKNOWN,
//!         }
//!     }
//! }
//! let read = |json: &str| {
//!     unit_variant::<Variants, _>(&mut serde_json::Deserializer::from_str(json), "FlowKind")
//! };
//! assert_eq!(read(r#""event""#).unwrap(), 1);
//! assert_eq!(read(r#"{"messaging": null}"#).unwrap(), 0);
//! assert_eq!(
//!     read(r#""batch""#).unwrap_err().to_string(),
//!     "unknown variant `batch`, expected one of `messaging`, `event`, `events` at line 1 column 7"
//! );
//! ```
//!
//! serde's derive writes, for every enum, a variant enum, a visitor for it
//! with three methods and its `Deserialize`, and the enum's own visitor, all
//! generic over the input format. For an enum whose variants are all units,
//! the DSL (the `enum_de` marker of `greentic-types-macros`) instead gives
//! its names and one non-generic `match` ([`VariantNames`]) to the visitors
//! here, which do what serde's derived ones do (names, aliases, the `other`
//! variant, variant indexes, serde's messages), and matches the index
//! [`unit_variant`] returns.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, Unexpected, VariantAccess, Visitor,
};

use crate::fields::UNKNOWN;

/// How an enum's variants are named, written per enum by the DSL.
pub trait VariantNames {
    /// Every accepted name, in serde's order (each variant's name and
    /// aliases, sorted): serde's `VARIANTS`, also what "expected one of" lists.
    const NAMES: &'static [&'static str];
    /// How many variants there are (the bound of a variant index).
    const COUNT: u16;
    /// The index of the `#[serde(other)]` variant, which any unknown name or
    /// index reads as, or [`UNKNOWN`].
    const OTHER: usize;
    /// What the enum's visitor expects: `enum Name`.
    const EXPECTING: &'static str;
    /// The index of the variant `name` names, or [`UNKNOWN`].
    fn find(name: &str) -> usize;
}

/// Reads a unit variant of the enum `K` describes, as serde's derive does
/// (`name` is the enum's name on the wire): its index.
#[inline]
pub fn unit_variant<'de, K: VariantNames, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<usize, D::Error> {
    deserializer.deserialize_enum(name, K::NAMES, UnitEnum::<K>(PhantomData))
}

struct UnitEnum<K>(PhantomData<K>);

impl<'de, K: VariantNames> Visitor<'de> for UnitEnum<K> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(K::EXPECTING)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (index, variant) = data.variant_seed(VariantKey::<K>(PhantomData))?;
        variant.unit_variant()?;
        Ok(index)
    }
}

/// Reads a variant's name (or index) as the index of its variant.
struct VariantKey<K>(PhantomData<K>);

impl<'de, K: VariantNames> DeserializeSeed<'de> for VariantKey<K> {
    type Value = usize;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<K: VariantNames> VariantKey<K> {
    fn unknown<E: de::Error>(name: &str) -> Result<usize, E> {
        if K::OTHER == UNKNOWN {
            Err(E::unknown_variant(name, K::NAMES))
        } else {
            Ok(K::OTHER)
        }
    }
}

impl<'de, K: VariantNames> Visitor<'de> for VariantKey<K> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<usize, E> {
        match usize::try_from(v) {
            Ok(i) if i < usize::from(K::COUNT) => Ok(i),
            _ if K::OTHER != UNKNOWN => Ok(K::OTHER),
            _ => Err(E::invalid_value(
                Unexpected::Unsigned(v),
                &IndexBelow(K::COUNT),
            )),
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

/// serde's expectation for a variant index out of range.
struct IndexBelow(u16);

impl de::Expected for IndexBelow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "variant index 0 <= i < {}", self.0)
    }
}
