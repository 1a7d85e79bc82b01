//! The runtime half of a struct's lean `JsonSchema` (the `@struct_schema`
//! marker of `greentic-types-macros` writes the other half).
//!
//! ```
//! use greentic_types_dsl::__private::object_schema::{Field, field_schema, object, property};
//! use schemars::{SchemaGenerator, generate::SchemaSettings};
//!
//! let mut generator = SchemaGenerator::new(SchemaSettings::draft2020_12());
//! let mut schema = object(true);
//! let count = Field {
//!     name: "count",
//!     flags: 0,
//!     title: "",
//!     description: "How many.",
//!     schema: greentic_types_dsl::__subschema!(u32),
//!     is_option: <u32 as schemars::JsonSchema>::_schemars_private_is_option,
//! };
//! let sub = field_schema(&mut generator, &count);
//! property(&generator, &mut schema, &count, sub, None);
//! assert_eq!(schema.get("required"), Some(&serde_json::json!(["count"])));
//! assert_eq!(
//!     schema.get("properties").and_then(|p| p.get("count")).and_then(|c| c.get("description")),
//!     Some(&serde_json::json!("How many.")),
//! );
//! ```
//!
//! schemars' derive writes, per field, a block of calls inside the struct's
//! `json_schema`; type-checking and compiling them is a good share of a
//! `schemars` build. The lean form calls [`field_schema`] and [`property`]
//! once per field with what the derive would have computed at compile time
//! (name, title, description, which serde attributes apply) and the field
//! type's [`Subschema`], and gets the same schema: the same keys, inserted in
//! the same order (which shows under `serde_json`'s `preserve_order`), with
//! the same values. (One difference: the struct's `Default` is called only
//! when a field's default comes from it; the derive calls it whenever the
//! struct has `#[serde(default)]`.)

use alloc::borrow::Cow;

use alloc::collections::{BTreeMap, BTreeSet, VecDeque};
use alloc::vec::Vec;

use indexmap::{IndexMap, IndexSet};
use schemars::{Schema, SchemaGenerator};
use serde_json::{Map, Value};

/// The field has a default (its own `#[serde(default)]`, or the struct's).
pub const HAS_DEFAULT: u8 = 1;
/// `#[serde(skip_serializing_if = "..")]`.
pub const SKIP_IF: u8 = 2;
/// `#[serde(skip_deserializing)]`: only in the serialize contract, `readOnly`.
pub const SKIP_DE: u8 = 4;
/// `#[serde(skip_serializing)]`: only in the deserialize contract, `writeOnly`.
pub const SKIP_SER: u8 = 8;
/// `#[deprecated]`: `"deprecated": true`.
pub const DEPRECATED: u8 = 16;

/// A type's `JsonSchema` functions.
#[derive(Clone, Copy)]
pub struct Fns {
    /// `schema_name`.
    pub name: fn() -> Cow<'static, str>,
    /// `schema_id`.
    pub id: fn() -> Cow<'static, str>,
    /// `inline_schema`.
    pub inline: fn() -> bool,
    /// `json_schema`.
    pub json_schema: fn(&mut SchemaGenerator) -> Schema,
}

impl Fns {
    /// `T`'s functions.
    #[inline]
    pub const fn of<T: schemars::JsonSchema>() -> Self {
        Self {
            name: T::schema_name,
            id: T::schema_id,
            inline: T::inline_schema,
            json_schema: T::json_schema,
        }
    }
}

/// How a field's subschema is made: the functions [`Shape`] picks for its
/// type, through [`Erased`] (`std`), or
/// `SchemaGenerator::subschema_for::<FieldType>`. Written by
/// [`__subschema!`](crate::__subschema), which picks the form.
#[cfg(feature = "std")]
pub type Subschema = Fns;
/// How a field's subschema is made: the type's functions, through
/// [`Erased`] (`std`), or `SchemaGenerator::subschema_for::<FieldType>`.
/// Written by [`__subschema!`](crate::__subschema), which picks the form.
#[cfg(not(feature = "std"))]
pub type Subschema = fn(&mut SchemaGenerator) -> Schema;

/// The [`Subschema`] of a field type (the `@struct_schema` marker writes one
/// per field).
#[cfg(feature = "std")]
#[doc(hidden)]
#[macro_export]
macro_rules! __subschema {
    ($t:ty) => {{
        #[allow(unused_imports)]
        use $crate::__private::object_schema::ViaType as _;
        // A wrapper's inherent constant, else the trait's (see `Shape`).
        $crate::__private::object_schema::Shape::<$t>::FNS
    }};
}
/// The [`Subschema`] of a field type (the `@struct_schema` marker writes one
/// per field).
#[cfg(not(feature = "std"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __subschema {
    ($t:ty) => {
        $crate::__private::schemars::SchemaGenerator::subschema_for::<$t>
    };
}

/// The subschema of a field type, as `subschema_for` gives it.
#[cfg(feature = "std")]
pub fn subschema(generator: &mut SchemaGenerator, fns: Subschema) -> Schema {
    with_current(fns, || generator.subschema_for::<Erased>())
}

/// A field type, for picking what is compiled per field type by what `T`
/// is. An inherent item comes before a trait's, so `Shape::<T>::ITEM` is the
/// inherent constant of `Shape<Option<X>>`, `Shape<Vec<X>>`, ... when `T` is
/// one of those wrappers, else the trait's, for any type. A type is matched,
/// not a name: an alias of `Option` is one, a type of the user's own called
/// `Vec` is not.
///
/// - `FNS` (`std`; [`__subschema!`](crate::__subschema)): the functions a
///   field's subschema is made with. For `Option`, `Vec`, `VecDeque` and
///   `BTreeSet`, schemars' impl for the wrapper of [`Erased`], with the
///   stand-in standing for `X` (its impl only calls `subschema_for::<X>` and
///   `X`'s name and id): the same schema as the wrapper's own impl, without a
///   copy of `subschema_for`, schemars' largest generic function, per element
///   type. Else [`ViaType::FNS`], the type's own functions.
/// - `TYPE_DEFAULT` ([`__type_default!`](crate::__type_default)): the JSON of
///   the type's own `Default` value, for a field whose default is its type's
///   (a plain `#[serde(default)]`, or `skip_deserializing` without one). For
///   `Option` `null`, for a sequence or set `[]`, for a map `{}`, whatever
///   they hold, as serializing them gives, but without compiling the element
///   type's `Serialize` for `serde_json`'s value serializer only to write an
///   empty collection. Else [`ViaSerialize::TYPE_DEFAULT`], which serializes
///   the value.
pub struct Shape<T>(core::marker::PhantomData<T>);

/// Any type: its own `JsonSchema` functions.
#[cfg(feature = "std")]
pub trait ViaType {
    /// The functions.
    const FNS: Fns;
}

#[cfg(feature = "std")]
impl<T: schemars::JsonSchema> ViaType for Shape<T> {
    const FNS: Fns = Fns::of::<T>();
}

#[cfg(feature = "std")]
macro_rules! wrappers {
    ($($wrapper:ident)*) => {$(
        impl<X: schemars::JsonSchema> Shape<$wrapper<X>> {
            /// The wrapper's impl for the stand-in, standing for `X`.
            pub const FNS: Fns = {
                // Per `X`, only these three small functions: the work is
                // in the wrapper's impl for the stand-in, compiled once.
                fn name<X: schemars::JsonSchema>() -> Cow<'static, str> {
                    text_for(Fns::of::<X>(), <$wrapper<Erased> as schemars::JsonSchema>::schema_name)
                }
                fn id<X: schemars::JsonSchema>() -> Cow<'static, str> {
                    text_for(Fns::of::<X>(), <$wrapper<Erased> as schemars::JsonSchema>::schema_id)
                }
                fn json_schema<X: schemars::JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
                    schema_for(
                        Fns::of::<X>(),
                        <$wrapper<Erased> as schemars::JsonSchema>::json_schema,
                        generator,
                    )
                }
                Fns {
                    name: name::<X>,
                    id: id::<X>,
                    inline: <$wrapper<Erased> as schemars::JsonSchema>::inline_schema,
                    json_schema: json_schema::<X>,
                }
            };
        }
    )*};
}

/// `f()` with the stand-in standing for the type `fns` describes (one
/// instance of [`with_current`] for every wrapper's name and id).
#[cfg(feature = "std")]
fn text_for(fns: Fns, f: fn() -> Cow<'static, str>) -> Cow<'static, str> {
    with_current(fns, f)
}

/// `f(generator)` with the stand-in standing for the type `fns` describes
/// (one instance of [`with_current`] for every wrapper's schema).
#[cfg(feature = "std")]
fn schema_for(
    fns: Fns,
    f: fn(&mut SchemaGenerator) -> Schema,
    generator: &mut SchemaGenerator,
) -> Schema {
    with_current(fns, || f(generator))
}

#[cfg(feature = "std")]
wrappers!(Option Vec VecDeque BTreeSet);

/// The subschema of a field type, as `subschema_for` gives it.
#[cfg(not(feature = "std"))]
pub fn subschema(generator: &mut SchemaGenerator, subschema_for: Subschema) -> Schema {
    subschema_for(generator)
}

#[cfg(feature = "std")]
std::thread_local! {
    static CURRENT: core::cell::Cell<Option<Fns>> = const { core::cell::Cell::new(None) };
}

/// Runs `f` with [`Erased`] standing for the type `fns` describes, and puts
/// back the type an enclosing call stood for (also on unwind). Nested calls,
/// from inside the type's own `json_schema`, each put theirs back before
/// schemars asks the enclosing one anything more.
#[cfg(feature = "std")]
pub fn with_current<R>(fns: Fns, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Fns>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(CURRENT.with(|c| c.replace(Some(fns))));
    f()
}

/// The stand-in for the type [`with_current`] was given (outside one: a
/// schema named `Erased` that accepts anything).
#[cfg(feature = "std")]
pub struct Erased;

#[cfg(feature = "std")]
fn current() -> Option<Fns> {
    CURRENT.with(core::cell::Cell::get)
}

#[cfg(feature = "std")]
impl schemars::JsonSchema for Erased {
    fn schema_name() -> Cow<'static, str> {
        current().map_or(Cow::Borrowed("Erased"), |f| (f.name)())
    }

    fn schema_id() -> Cow<'static, str> {
        current().map_or(Cow::Borrowed("Erased"), |f| (f.id)())
    }

    fn inline_schema() -> bool {
        current().is_some_and(|f| (f.inline)())
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        current().map_or_else(|| Schema::from(true), |f| (f.json_schema)(generator))
    }
}

/// One field of a struct, as its schema needs it.
#[derive(Clone, Copy)]
pub struct Field {
    /// The name on the wire.
    pub name: &'static str,
    /// [`HAS_DEFAULT`], [`SKIP_IF`], [`SKIP_DE`], [`SKIP_SER`], [`DEPRECATED`].
    pub flags: u8,
    /// The doc comment's title (empty: none).
    pub title: &'static str,
    /// The doc comment's description (empty: none).
    pub description: &'static str,
    /// The field type's [`Subschema`] (`__subschema!`).
    pub schema: Subschema,
    /// `<FieldType as JsonSchema>::_schemars_private_is_option`: whether the
    /// field may be absent when read. (schemars' derive asks the same hidden
    /// method; `tests/struct_schema_plain.rs` notices if it ever changes.)
    pub is_option: fn() -> bool,
}

/// `{"type": "object"}`, with `"additionalProperties": false` under
/// `deny_unknown_fields`.
pub fn object(deny_unknown: bool) -> Schema {
    let mut map = Map::new();
    map.insert("type".into(), Value::from("object"));
    if deny_unknown {
        map.insert("additionalProperties".into(), Value::Bool(false));
    }
    Schema::from(map)
}

/// A field's subschema with its title, description, `deprecated`,
/// `readOnly` and `writeOnly`: the first half of a field's work, done before its default is
/// computed (in the derive's order: a default's side effects, or its panic,
/// come after the field type's schema is made).
pub fn field_schema(generator: &mut SchemaGenerator, field: &Field) -> Schema {
    let mut sub = subschema(generator, field.schema);
    metadata(&mut sub, field.title, field.description);
    if field.flags & DEPRECATED != 0 {
        deprecated(&mut sub);
    }
    if field.flags & SKIP_DE != 0 {
        sub.insert("readOnly".into(), Value::Bool(true));
    }
    if field.flags & SKIP_SER != 0 {
        sub.insert("writeOnly".into(), Value::Bool(true));
    }
    sub
}

/// Adds one field to a struct's `schema`, as schemars' derive does: `sub`
/// (from [`field_schema`]) with the `default` value (`None`: none, or one
/// that `skip_serializing_if` leaves out) under `properties`, and the name
/// under `required` unless the field may be absent in the generator's
/// contract. The caller leaves out a field that is not in the contract
/// ([`included`]).
pub fn property(
    generator: &SchemaGenerator,
    schema: &mut Schema,
    field: &Field,
    mut sub: Schema,
    default: Option<Value>,
) {
    let optional = if generator.contract().is_deserialize() {
        field.flags & HAS_DEFAULT != 0 || (field.is_option)()
    } else {
        field.flags & SKIP_IF != 0
    };
    if let Some(default) = default {
        sub.insert("default".into(), default);
    }
    let object = schema.ensure_object();
    if let Some(properties) = object
        .entry("properties")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
    {
        properties.insert(field.name.into(), sub.into());
    }
    if !optional
        && let Some(required) = object
            .entry("required")
            .or_insert_with(|| Value::Array(alloc::vec::Vec::new()))
            .as_array_mut()
    {
        required.push(Value::from(field.name));
    }
}

/// Whether a field with these flags is in the generator's contract: one
/// skipped when read is only in the serialize contract, one skipped when
/// written only in the deserialize contract. (The marker tests it around
/// such fields, so that, as with the derive, neither their schema nor their
/// default is made when they are left out.)
pub fn included(generator: &SchemaGenerator, flags: u8) -> bool {
    let deserialize = generator.contract().is_deserialize();
    !((flags & SKIP_DE != 0 && deserialize) || (flags & SKIP_SER != 0 && !deserialize))
}

/// Inserts `title` and `description`, each when not empty.
pub fn metadata(schema: &mut Schema, title: &str, description: &str) {
    if !title.is_empty() {
        schema.insert("title".into(), Value::from(title));
    }
    if !description.is_empty() {
        schema.insert("description".into(), Value::from(description));
    }
}

/// One variant of an enum whose variants are all units (the
/// `@struct_schema` marker writes a table of them).
pub struct UnitVariant {
    /// Its name on the wire.
    pub name: &'static str,
    /// Its doc comment's title and description, when it has one (even an
    /// empty one).
    pub docs: Option<(&'static str, &'static str)>,
    /// `#[deprecated]`.
    pub deprecated: bool,
}

/// The schema of an enum whose variants are all units, as schemars' derive
/// writes it: the names of the variants with neither a doc comment nor
/// `#[deprecated]` as one `{"type": "string", "enum": [..]}`; when there are
/// others, that schema (if any variant is in it) followed by one
/// `{"type": "string", "const": name}` per other variant, with its title,
/// description and deprecation, under `oneOf`. The caller adds the enum's
/// own title, description and deprecation.
pub fn unit_enum(variants: &[UnitVariant]) -> Schema {
    let (plain, described): (Vec<&UnitVariant>, Vec<&UnitVariant>) = variants
        .iter()
        .partition(|v| v.docs.is_none() && !v.deprecated);
    let mut unit = Map::new();
    unit.insert("type".into(), Value::from("string"));
    unit.insert(
        "enum".into(),
        plain.iter().map(|v| Value::from(v.name)).collect(),
    );
    if described.is_empty() {
        return Schema::from(unit);
    }
    let mut one_of = Vec::new();
    if !plain.is_empty() {
        one_of.push(Value::Object(unit));
    }
    for v in described {
        let mut variant = Map::new();
        variant.insert("type".into(), Value::from("string"));
        variant.insert("const".into(), Value::from(v.name));
        let mut variant = Schema::from(variant);
        if let Some((title, description)) = v.docs {
            metadata(&mut variant, title, description);
        }
        if v.deprecated {
            deprecated(&mut variant);
        }
        one_of.push(variant.to_value());
    }
    let mut map = Map::new();
    map.insert("oneOf".into(), Value::Array(one_of));
    Schema::from(map)
}

/// Marks a schema `"deprecated": true` (a `#[deprecated]` struct or field),
/// after its title and description, as schemars' derive does.
pub fn deprecated(schema: &mut Schema) {
    schema.insert("deprecated".into(), Value::Bool(true));
}

/// A field's default as JSON (`None` when it does not serialize), as schemars'
/// derive writes it.
pub fn default_value<T: serde::Serialize>(value: T) -> Option<Value> {
    serde_json::to_value(value).ok()
}

/// Any type: its default value serialized (see [`Shape`]).
pub trait ViaSerialize<T> {
    /// `T::default()`, given by the caller, as JSON.
    const TYPE_DEFAULT: fn(T) -> Option<Value>;
}

impl<T: serde::Serialize> ViaSerialize<T> for Shape<T> {
    const TYPE_DEFAULT: fn(T) -> Option<Value> = default_value::<T>;
}

/// A wrapper's default, whatever it holds.
macro_rules! empty_defaults {
    ($($wrapper:ident<$($p:ident),*> => $json:expr;)*) => {$(
        impl<$($p),*> Shape<$wrapper<$($p),*>> {
            /// The JSON of the wrapper's `Default` value.
            pub const TYPE_DEFAULT: fn($wrapper<$($p),*>) -> Option<Value> = {
                fn json<$($p),*>(_: $wrapper<$($p),*>) -> Option<Value> {
                    Some($json)
                }
                json::<$($p),*>
            };
        }
    )*};
}

empty_defaults! {
    Option<X> => Value::Null;
    Vec<X> => Value::Array(Vec::new());
    VecDeque<X> => Value::Array(Vec::new());
    BTreeSet<X> => Value::Array(Vec::new());
    IndexSet<X, S> => Value::Array(Vec::new());
    BTreeMap<K, V> => Value::Object(Map::new());
    IndexMap<K, V, S> => Value::Object(Map::new());
}

/// The JSON of a field type's `Default` value (the `@struct_schema` marker
/// writes one per field whose default is its type's: a plain
/// `#[serde(default)]`, or `skip_deserializing` without one): a function
/// from the value (see [`Shape`]).
#[doc(hidden)]
#[macro_export]
macro_rules! __type_default {
    ($t:ty) => {{
        #[allow(unused_imports)]
        use $crate::__private::object_schema::ViaSerialize as _;
        // A wrapper's inherent constant, else the trait's (see `Shape`).
        $crate::__private::object_schema::Shape::<$t>::TYPE_DEFAULT
    }};
}
