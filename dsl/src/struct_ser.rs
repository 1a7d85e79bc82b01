//! The shared half of the DSL's struct serializers.
//!
//! ```
//! use greentic_types::__private::struct_ser::{Field, SkipIf, serialize};
//!
//! // `{ id, note }`, `note` skipped when `None`: serde's derive writes the same.
//! let (id, note): (&str, Option<&str>) = ("a", None);
//! let fields = (Field("id", &id), (SkipIf("note", &note, note.is_none()), ()));
//! let json = serialize(serde_json::value::Serializer, "Entry", fields).unwrap();
//! assert_eq!(json, serde_json::json!({"id": "a"}));
//! ```
//!
//! serde's derive writes, for every struct, one `serialize_field` call and one
//! `?` per field, which the compiler type-checks, borrow-checks and builds MIR
//! for in every struct. The DSL's struct serializers (the `struct_de` marker of
//! `greentic-types-macros`, when every serde attribute is one it reads) give
//! their fields instead as a list of pairs, `(Field, (SkipIf, (.., ())))`,
//! to [`serialize`], which makes serde's calls in order: the same length
//! hint, `serialize_field` for each field written and `skip_field` for each
//! one `skip_serializing_if` leaves out. Once inlined, the calls are the
//! derive's.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// A struct's fields to write, as nested pairs ending in `()`.
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

impl<T: Serialize + ?Sized, R: StructFields> StructFields for (Field<'_, T>, R) {
    #[inline]
    fn written(&self) -> usize {
        1 + self.1.written()
    }

    #[inline]
    fn write<S: SerializeStruct>(&self, state: &mut S) -> Result<(), S::Error> {
        state.serialize_field(self.0.0, self.0.1)?;
        self.1.write(state)
    }
}

impl<T: Serialize + ?Sized, R: StructFields> StructFields for (SkipIf<'_, T>, R) {
    #[inline]
    fn written(&self) -> usize {
        usize::from(!self.0.2) + self.1.written()
    }

    #[inline]
    fn write<S: SerializeStruct>(&self, state: &mut S) -> Result<(), S::Error> {
        if self.0.2 {
            state.skip_field(self.0.0)?;
        } else {
            state.serialize_field(self.0.0, self.0.1)?;
        }
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
