//! The shared half of the DSL's struct serializers.
//!
//! ```
//! use greentic_types::__private::struct_ser::{Field, SkipIf, serialize};
//!
//! // `{ id, note, size }`, `note` skipped when `None`: serde's derive writes the same.
//! let (id, note, size): (&str, Option<&str>, u8) = ("a", None, 3);
//! let fields = (Field("id", &id), (SkipIf("note", &note, note.is_none()), Field("size", &size)));
//! let json = serialize(serde_json::value::Serializer, "Entry", fields).unwrap();
//! assert_eq!(json, serde_json::json!({"id": "a", "size": 3}));
//! ```
//!
//! serde's derive writes, for every struct, one `serialize_field` call and one
//! `?` per field, which the compiler type-checks, borrow-checks and builds MIR
//! for in every struct. The DSL's struct serializers (the `struct_de` marker of
//! `greentic-types-macros`, when every serde attribute is one it reads) give
//! their fields instead as a balanced tree of pairs, `((Field, SkipIf), (Field,
//! Field))` (so the trait solver's depth grows with the logarithm of the
//! field count, not the count), to [`serialize`], which makes serde's calls
//! in order: the same length hint, `serialize_field` for each field written
//! and `skip_field` for each one `skip_serializing_if` leaves out. Once
//! inlined, the calls are the derive's.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// A struct's fields to write: a [`Field`], a [`SkipIf`], `()` for none, or
/// a pair of these, written left then right.
pub trait StructFields {
    /// How many fields are written: serde's length hint.
    fn written(&self) -> usize;
    /// Writes them, in order.
    fn write<S: SerializeStruct>(&self, state: &mut S) -> Result<(), S::Error>;
}

/// A field always written: its name on the wire and its value.
pub struct Field<'a, T: ?Sized>(pub &'static str, pub &'a T);

/// A field under `skip_serializing_if`: name, value, and whether the
/// predicate skips it.
pub struct SkipIf<'a, T: ?Sized>(pub &'static str, pub &'a T, pub bool);

impl StructFields for () {
    #[inline]
    fn written(&self) -> usize {
        0
    }

    #[inline]
    fn write<S: SerializeStruct>(&self, _: &mut S) -> Result<(), S::Error> {
        Ok(())
    }
}

impl<T: Serialize + ?Sized> StructFields for Field<'_, T> {
    #[inline]
    fn written(&self) -> usize {
        1
    }

    #[inline]
    fn write<S: SerializeStruct>(&self, state: &mut S) -> Result<(), S::Error> {
        state.serialize_field(self.0, self.1)
    }
}

impl<T: Serialize + ?Sized> StructFields for SkipIf<'_, T> {
    #[inline]
    fn written(&self) -> usize {
        usize::from(!self.2)
    }

    #[inline]
    fn write<S: SerializeStruct>(&self, state: &mut S) -> Result<(), S::Error> {
        if self.2 {
            state.skip_field(self.0)
        } else {
            state.serialize_field(self.0, self.1)
        }
    }
}

impl<L: StructFields, R: StructFields> StructFields for (L, R) {
    #[inline]
    fn written(&self) -> usize {
        self.0.written() + self.1.written()
    }

    #[inline]
    fn write<S: SerializeStruct>(&self, state: &mut S) -> Result<(), S::Error> {
        self.0.write(state)?;
        self.1.write(state)
    }
}

/// Writes a struct named `name` (serde's container name) with `fields`, as
/// serde's derive does.
#[inline]
pub fn serialize<S: Serializer, F: StructFields>(
    serializer: S,
    name: &'static str,
    fields: F,
) -> Result<S::Ok, S::Error> {
    let mut state = serializer.serialize_struct(name, fields.written())?;
    fields.write(&mut state)?;
    state.end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_length_hint_counts_the_fields_written() {
        let fields = (
            Field("a", &1),
            (SkipIf("b", &2, true), (SkipIf("c", &3, false), ())),
        );
        assert_eq!(fields.written(), 2);
        assert_eq!(().written(), 0);
    }

    #[test]
    fn fields_are_written_in_order_and_skipped_ones_left_out() {
        let fields = (
            Field("z", &1),
            (SkipIf("b", &2, true), (SkipIf("a", &[3], false), ())),
        );
        let value = serialize(serde_json::value::Serializer, "S", fields).unwrap();
        assert_eq!(value, json!({"z": 1, "a": [3]}));
        assert_eq!(
            serialize(serde_json::value::Serializer, "Unit", ()).unwrap(),
            json!({})
        );
    }
}
