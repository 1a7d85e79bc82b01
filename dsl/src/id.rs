//! `id_newtype!`: validated string identifiers.

/// Declares validated string identifiers.
///
/// ```
/// use greentic_types::IdRule;
///
/// const LOWERCASE: IdRule = IdRule {
///     requirement: "must contain only lowercase ASCII letters",
///     pattern: Some("^[a-z]+$"),
///     min_length: 1,
///     allowed: |c| c.is_ascii_lowercase(),
///     extra: None,
///     examples: &["abc"],
/// };
///
/// greentic_types::id_newtype! {
///     /// Identifier of a gadget.
///     pub GadgetId, schema = "gadget-id";
///
///     /// A lowercase tag.
///     pub Tag, rule = LOWERCASE;
///
///     /// Identifier with no schema file of its own.
///     pub SlotId;
/// }
///
/// let id = GadgetId::new("acme.tools")?;
/// assert_eq!(id, "acme.tools");
/// assert_eq!(
///     Tag::new("Mixed").unwrap_err().to_string(),
///     "Tag must contain only lowercase ASCII letters"
/// );
/// # Ok::<(), greentic_types::InvalidId>(())
/// ```
///
/// Each entry is `/// docs`, visibility, name, then optionally `rule = <IdRule>`
/// (default: [`DEFAULT_ID_RULE`](crate::DEFAULT_ID_RULE)) and
/// `schema = "<slug>"` (registers `<slug>.schema.json`), in that order.
///
/// The type gets a private `String` (an invalid identifier cannot exist),
/// `new`, `as_str`, `into_inner`, `Display`, `FromStr`, `TryFrom<String>`,
/// `TryFrom<&str>`, `From<Id> for String`, `AsRef<str>`, `Borrow<str>`,
/// comparisons with `str`/`String`, serde that validates on input, a JSON
/// Schema carrying the rule as `pattern`/`minLength`, a generator, and (with a
/// slug) a registry entry.
#[macro_export]
macro_rules! id_newtype {
    () => {};
    (
        $(#[doc = $doc:literal])+
        $vis:vis $name:ident $(, rule = $rule:expr)? $(, schema = $slug:literal)? ;
        $($rest:tt)*
    ) => {
        $crate::__id_newtype_one! { [$($doc)+] $vis $name [$($rule)?] [$($slug)?] }
        $crate::id_newtype! { $($rest)* }
    };
    ($vis:vis $name:ident $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "id_newtype!: `", ::core::stringify!($name),
            "` needs a `///` doc comment; it becomes the rustdoc and the schema `description`"
        ));
    };
    ($(#[doc = $doc:literal])+ $vis:vis $name:ident , $key:ident = $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "id_newtype!: unknown option `", ::core::stringify!($key), "` on `",
            ::core::stringify!($name),
            "`; expected `rule = <IdRule>` then `schema = \"<slug>\"`, each at most once, in that order"
        ));
    };
    ($(#[doc = $doc:literal])+ $vis:vis $name:ident $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "id_newtype!: expected `, rule = ...`, `, schema = \"...\"` or `;` after `",
            ::core::stringify!($name), "`"
        ));
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __rule_or_default {
    () => {
        $crate::DEFAULT_ID_RULE
    };
    ($rule:expr) => {
        $rule
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __id_newtype_one {
    ([$($doc:literal)+] $vis:vis $name:ident [$($rule:expr)?] [$($slug:literal)?]) => {
        $(#[doc = $doc])+
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis struct $name($crate::__private::String);

        impl $name {
            /// The rule every value of this type satisfies.
            pub const RULE: &'static $crate::IdRule = {
                const RULE: $crate::IdRule = $crate::__rule_or_default!($($rule)?);
                &RULE
            };

            /// Builds the identifier, or says which rule `value` breaks.
            pub fn new(value: impl ::core::convert::AsRef<str>) -> ::core::result::Result<Self, $crate::InvalidId> {
                let value = value.as_ref();
                Self::RULE.check(::core::stringify!($name), value)?;
                ::core::result::Result::Ok(Self(value.into()))
            }

            /// The identifier as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The identifier's `String`, without copying.
            pub fn into_inner(self) -> $crate::__private::String {
                self.0
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::InvalidId;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl ::core::convert::TryFrom<$crate::__private::String> for $name {
            type Error = $crate::InvalidId;
            fn try_from(value: $crate::__private::String) -> ::core::result::Result<Self, Self::Error> {
                Self::RULE.check(::core::stringify!($name), &value)?;
                ::core::result::Result::Ok(Self(value))
            }
        }

        impl ::core::convert::TryFrom<&str> for $name {
            type Error = $crate::InvalidId;
            fn try_from(value: &str) -> ::core::result::Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl ::core::convert::From<$name> for $crate::__private::String {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::core::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl ::core::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl ::core::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl ::core::cmp::PartialEq<$crate::__private::String> for $name {
            fn eq(&self, other: &$crate::__private::String) -> bool {
                &self.0 == other
            }
        }

        impl ::core::cmp::PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl ::core::cmp::PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl $crate::Validate for $name {
            /// Nothing to do: an invalid identifier cannot be constructed.
            #[inline]
            fn validate_at(&self, _: &$crate::Path<'_>, _: &mut $crate::Violations) {}
        }

        $crate::if_serde! {
            impl $crate::__private::serde::Serialize for $name {
                fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                    s.serialize_str(&self.0)
                }
            }

            impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
                fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                    let s = <$crate::__private::String as $crate::__private::serde::Deserialize>::deserialize(d)?;
                    Self::try_from(s).map_err(<D::Error as $crate::__private::serde::de::Error>::custom)
                }
            }
        }

        $crate::if_schemars! {
            impl $crate::__private::schemars::JsonSchema for $name {
                fn schema_name() -> $crate::__private::Cow<'static, str> {
                    $crate::__private::Cow::Borrowed(::core::stringify!($name))
                }
                fn schema_id() -> $crate::__private::Cow<'static, str> {
                    $crate::__private::Cow::Borrowed(::core::concat!(::core::module_path!(), "::", ::core::stringify!($name)))
                }
                fn json_schema(_: &mut $crate::__private::schemars::SchemaGenerator) -> $crate::__private::schemars::Schema {
                    $crate::__private::id_schema(&[$($doc),+], Self::RULE)
                }
            }
        }

        $crate::if_proptest! {
            impl $crate::generate::Generate for $name {
                fn generate(g: &mut $crate::generate::Gen) -> Self {
                    Self(g.id_string(::core::stringify!($name), Self::RULE))
                }
            }
        }

        $crate::__register! { $name [$($slug)?] }
    };
}

/// The tail of every declaration: the `no_std` prelude schemars needs and,
/// with a slug, a compile-time slug check, [`Registered`](crate::Registered)
/// and (with `registry`) an `inventory` entry.
#[doc(hidden)]
#[macro_export]
macro_rules! __register {
    ($name:ident [$($slug:literal)?]) => {
        $crate::if_schemars! {
            // schemars' derive output calls `to_string()`, absent from a `no_std` prelude.
            #[allow(unused_imports)]
            use $crate::__private::prelude::*;
        }

        $(
            const _: () = ::core::assert!(
                $crate::is_valid_slug($slug),
                ::core::concat!(
                    "schema slug `", $slug,
                    "` must be lowercase kebab-case: words of [a-z0-9] joined by single '-'"
                )
            );

            impl $crate::Registered for $name {
                const SLUG: &'static str = $slug;
                const SCHEMA_ID: &'static str =
                    ::core::concat!($crate::__schema_base_url!(), "/", $slug, ".schema.json");
            }

            $crate::if_registry! {
                $crate::__private::inventory::submit! {
                    $crate::registry::Entry::new::<$name>($slug, ::core::module_path!(), ::core::stringify!($name))
                }
            }
        )?
    };
}
