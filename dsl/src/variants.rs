//! The shared half of the DSL's deserializers for enums of unit variants.
//!
//! ```
//! use greentic_types::__private::{UNKNOWN, VariantNames, unit_variant};
//!
//! // `enum FlowKind { Messaging, Events }` under `rename_all = "snake_case"`,
//! // `events` also read as `event`.
//! static VARIANTS: VariantNames = VariantNames {
//!     names: &["messaging", "event", "events"],
//!     count: 2,
//!     other: UNKNOWN,
//!     expecting: "enum FlowKind",
//!     find: |name| match name {
//!         "messaging" => 0,
//!         "event" | "events" => 1,
//!         _ => UNKNOWN,
//!     },
//! };
//! let read = |json: &str| {
//!     unit_variant(&mut serde_json::Deserializer::from_str(json), "FlowKind", &VARIANTS)
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
//! a static table of its names and one non-generic `match` ([`VariantNames`])
//! to the visitors here, which do what serde's derived ones do (names,
//! aliases, the `other` variant, variant indexes, serde's messages), and
//! matches the index [`unit_variant`] returns. The visitors are not generic
//! over the enum: one copy per input format serves every enum.

use core::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, Unexpected, VariantAccess, Visitor,
};

use crate::fields::{IndexBelow, UNKNOWN};

/// How an enum's variants are named: a static table, one per enum, written
/// by the DSL.
pub struct VariantNames {
    /// Every accepted name, in serde's order (each variant's name and
    /// aliases, sorted): serde's `VARIANTS`, also what "expected one of" lists.
    pub names: &'static [&'static str],
    /// How many variants there are (the bound of a variant index).
    pub count: u16,
    /// The index of the `#[serde(other)]` variant, which any unknown name or
    /// index reads as, or [`UNKNOWN`].
    pub other: usize,
    /// What the enum's visitor expects: `enum Name`.
    pub expecting: &'static str,
    /// The index of the variant a name names, or [`UNKNOWN`].
    pub find: fn(&str) -> usize,
}

/// Reads a unit variant of the enum `table` describes, as serde's derive does
/// (`name` is the enum's name on the wire): its index.
#[inline]
pub fn unit_variant<'de, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
    table: &'static VariantNames,
) -> Result<usize, D::Error> {
    deserializer.deserialize_enum(name, table.names, UnitEnum(table))
}

struct UnitEnum(&'static VariantNames);

impl<'de> Visitor<'de> for UnitEnum {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.expecting)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (index, variant) = data.variant_seed(VariantKey(self.0))?;
        variant.unit_variant()?;
        Ok(index)
    }
}

/// Reads a variant's name (or index) as the index of its variant.
struct VariantKey(&'static VariantNames);

impl<'de> DeserializeSeed<'de> for VariantKey {
    type Value = usize;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl VariantKey {
    fn unknown<E: de::Error>(&self, name: &str) -> Result<usize, E> {
        if self.0.other == UNKNOWN {
            Err(E::unknown_variant(name, self.0.names))
        } else {
            Ok(self.0.other)
        }
    }
}

impl<'de> Visitor<'de> for VariantKey {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<usize, E> {
        match usize::try_from(v) {
            Ok(i) if i < usize::from(self.0.count) => Ok(i),
            _ if self.0.other != UNKNOWN => Ok(self.0.other),
            _ => Err(E::invalid_value(
                Unexpected::Unsigned(v),
                &IndexBelow("variant", self.0.count),
            )),
        }
    }

    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        match (self.0.find)(v) {
            UNKNOWN => self.unknown(v),
            i => Ok(i),
        }
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<usize, E> {
        match core::str::from_utf8(v) {
            Ok(text) => self.visit_str(text),
            Err(_) => self.unknown(&alloc::string::String::from_utf8_lossy(v)),
        }
    }
}
