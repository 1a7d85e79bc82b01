//! `id_newtype!`: validated string identifiers.

/// Declares validated string identifiers.
///
/// ```
/// use greentic_types::IdRule;
///
/// const LOWERCASE: IdRule = IdRule::new("must contain only lowercase ASCII letters", |c| {
///     c.is_ascii_lowercase()
/// })
/// .with_pattern("^[a-z]+$")
/// .with_examples(&["abc"]);
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
/// Each entry is `/// docs` (and any other attributes, e.g. `#[deprecated]`),
/// visibility, name, then optionally `rule = <IdRule>` (default:
/// [`DEFAULT_ID_RULE`](crate::DEFAULT_ID_RULE)) and `schema = "<slug>"`
/// (registers `<slug>.schema.json`), in that order. A block may start with
/// `error = <Type>;`: the error of `new`, `FromStr` and `TryFrom` (default
/// [`InvalidId`](crate::InvalidId); the type needs `From<InvalidId>`).
/// A block of any length expands in one step.
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
    // The whole block at once (breadth, not recursion: any number of ids).
    (
        error = $err:ty;
        $( $(#[$($attr:tt)*])* $vis:vis $name:ident $(, rule = $rule:expr)? $(, schema = $slug:literal)? ; )*
    ) => {
        $( $crate::__id_newtype_one! { [$err] [$([$($attr)*])*] $vis $name [$($rule)?] [$($slug)?] } )*
    };
    (
        $( $(#[$($attr:tt)*])* $vis:vis $name:ident $(, rule = $rule:expr)? $(, schema = $slug:literal)? ; )*
    ) => {
        $( $crate::__id_newtype_one! { [$crate::InvalidId] [$([$($attr)*])*] $vis $name [$($rule)?] [$($slug)?] } )*
    };
    // Something in the block is malformed: find it, one entry at a time.
    (error = $err:ty; $($rest:tt)*) => {
        $crate::__id_newtype_find_error! { $($rest)* }
    };
    ($($rest:tt)*) => {
        $crate::__id_newtype_find_error! { $($rest)* }
    };
}

/// Walks a malformed `id_newtype!` block to the entry that breaks the syntax.
#[doc(hidden)]
#[macro_export]
macro_rules! __id_newtype_find_error {
    () => {};
    ($(#[$($attr:tt)*])* $vis:vis $name:ident $(, rule = $rule:expr)? $(, schema = $slug:literal)? ; $($rest:tt)*) => {
        $crate::__id_newtype_find_error! { $($rest)* }
    };
    ($(#[$($attr:tt)*])* $vis:vis $name:ident , $key:ident = $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "id_newtype!: unknown option `", ::core::stringify!($key), "` on `",
            ::core::stringify!($name),
            "`; expected `rule = <IdRule>` then `schema = \"<slug>\"`, each at most once, in that order"
        ));
    };
    ($(#[$($attr:tt)*])* $vis:vis $name:ident $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "id_newtype!: expected `, rule = ...`, `, schema = \"...\"` or `;` after `",
            ::core::stringify!($name), "`"
        ));
    };
    ($($rest:tt)*) => {
        ::core::compile_error!(
            "id_newtype!: expected `/// docs`, then `pub Name`, then optionally `, rule = <IdRule>` and `, schema = \"<slug>\"`, then `;`"
        );
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
    ([$err:ty] [$($attr:tt)*] $vis:vis $name:ident [$($rule:expr)?] [$($slug:literal)?]) => {
        $crate::__private::expand! {
        @if_doc[$($attr)*] {
        @deprecated_scope[$($attr)*] {
        $(#$attr)*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis struct $name($crate::__private::IdStr);

        @allow_deprecated
        impl $name {
            /// The rule every value of this type satisfies.
            pub const RULE: &'static $crate::IdRule = {
                const RULE: $crate::IdRule = $crate::__rule_or_default!($($rule)?);
                &RULE
            };

            /// Builds the identifier, or says which rule `value` breaks.
            pub fn new(value: impl ::core::convert::AsRef<str>) -> ::core::result::Result<Self, $err> {
                let value = value.as_ref();
                match Self::RULE.check(::core::stringify!($name), value) {
                    ::core::result::Result::Ok(()) => ::core::result::Result::Ok(Self($crate::__private::IdStr::new(value))),
                    ::core::result::Result::Err(e) => ::core::result::Result::Err(<$err as ::core::convert::From<$crate::InvalidId>>::from(e)),
                }
            }

            /// The identifier as a string slice.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            /// The identifier as a `String`.
            pub fn into_inner(self) -> $crate::__private::String {
                self.0.into()
            }
        }

        @allow_deprecated
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.0.as_str())
            }
        }

        @allow_deprecated
        impl ::core::str::FromStr for $name {
            type Err = $err;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        @allow_deprecated
        impl ::core::convert::TryFrom<$crate::__private::String> for $name {
            type Error = $err;
            fn try_from(value: $crate::__private::String) -> ::core::result::Result<Self, Self::Error> {
                match Self::RULE.check(::core::stringify!($name), &value) {
                    ::core::result::Result::Ok(()) => ::core::result::Result::Ok(Self($crate::__private::id_str_from_string(value))),
                    ::core::result::Result::Err(e) => ::core::result::Result::Err(<$err as ::core::convert::From<$crate::InvalidId>>::from(e)),
                }
            }
        }

        @allow_deprecated
        impl ::core::convert::TryFrom<&str> for $name {
            type Error = $err;
            fn try_from(value: &str) -> ::core::result::Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        @allow_deprecated
        impl ::core::convert::From<$name> for $crate::__private::String {
            fn from(id: $name) -> Self {
                id.0.into()
            }
        }

        @allow_deprecated
        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.0.as_str()
            }
        }

        @allow_deprecated
        impl ::core::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.0.as_str()
            }
        }

        @allow_deprecated
        impl ::core::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0.as_str() == other
            }
        }

        @allow_deprecated
        impl ::core::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0.as_str() == *other
            }
        }

        @allow_deprecated
        impl ::core::cmp::PartialEq<$crate::__private::String> for $name {
            fn eq(&self, other: &$crate::__private::String) -> bool {
                self.0.as_str() == other.as_str()
            }
        }

        @allow_deprecated
        impl ::core::cmp::PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0.as_str()
            }
        }

        @allow_deprecated
        impl ::core::cmp::PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0.as_str()
            }
        }

        @allow_deprecated
        impl $crate::Validate for $name {
            /// Nothing to do: an invalid identifier cannot be constructed.
            #[inline]
            fn validate_at(&self, _: &$crate::Path<'_>, _: &mut $crate::Violations) {}
        }

        $crate::if_serde! {
            @allow_deprecated
            impl $crate::__private::serde::Serialize for $name {
                fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                    s.serialize_str(self.0.as_str())
                }
            }

            @allow_deprecated
            impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
                fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                    $crate::__private::deserialize_id(d, ::core::stringify!($name), Self::RULE).map(Self)
                }
            }
        }

        $crate::if_schemars! {
            @allow_deprecated
            impl $crate::__private::schemars::JsonSchema for $name {
                fn schema_name() -> $crate::__private::Cow<'static, str> {
                    $crate::__private::Cow::Borrowed(::core::stringify!($name))
                }
                fn schema_id() -> $crate::__private::Cow<'static, str> {
                    $crate::__private::Cow::Borrowed(::core::concat!(::core::module_path!(), "::", ::core::stringify!($name)))
                }
                fn json_schema(_: &mut $crate::__private::schemars::SchemaGenerator) -> $crate::__private::schemars::Schema {
                    $crate::__private::id_schema(&@docs[$($attr)*], Self::RULE)
                }
            }
        }

        $crate::if_proptest! {
            @allow_deprecated
            impl $crate::generate::Generate for $name {
                fn generate(g: &mut $crate::generate::Gen) -> Self {
                    Self($crate::__private::id_str_from_string(g.id_string(::core::stringify!($name), Self::RULE)))
                }
            }
        }

        $crate::__register! { $name [$($slug)?] [$($attr)*] }
        }
        } {
            ::core::compile_error!(::core::concat!(
                "id_newtype!: `", ::core::stringify!($name),
                "` needs a `///` doc comment; it becomes the rustdoc and the schema `description`"
            ));
        }
        }
    };
}

/// The tail of every declaration: the `no_std` prelude schemars needs and,
/// with a slug, a compile-time slug check, [`Registered`](crate::Registered)
/// and (with `registry`) an `inventory` entry.
#[doc(hidden)]
#[macro_export]
macro_rules! __register {
    ($name:ident [$($slug:literal)?] $ca:tt) => {
        $crate::if_schemars! {
            // schemars' derive output calls `to_string()`, absent from a `no_std`
            // prelude. An underscore import brings the method, never a name.
            #[allow(unused_imports)]
            use $crate::__private::ToString as _;
        }

        $(
            const _: () = ::core::assert!(
                $crate::is_valid_slug($slug),
                ::core::concat!(
                    "schema slug `", $slug,
                    "` must be lowercase kebab-case: words of [a-z0-9] joined by single '-'"
                )
            );

            $crate::__private::expand! {
                @deprecated_scope $ca {
                @cfgs $ca
                @allow_deprecated
                impl $crate::Registered for $name {
                    const SLUG: &'static str = $slug;
                    const SCHEMA_ID: &'static str =
                        ::core::concat!($crate::__schema_base_url!(), "/", $slug, ".schema.json");
                }

                $crate::if_registry! {
                    @cfgs $ca
                    @allow_deprecated
                    const _: () = {
                        $crate::__private::inventory::submit! {
                            $crate::registry::Entry::new::<$name>($slug, ::core::module_path!(), ::core::stringify!($name))
                        }
                    };
                }
                }
            }
        )?
    };
}
