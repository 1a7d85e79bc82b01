//! Feature-dependent pieces of every expansion.
//!
//! A `#[cfg(feature = "serde")]` written inside a macro's output would test the
//! features of the crate where the macro *expands* (the downstream crate), not
//! ours. So every feature-dependent piece goes through one of the helper macros
//! below, each defined twice under this crate's own `#[cfg]`s, as `bitflags`
//! does. A downstream crate therefore gets serde, schemars, registration and
//! generators exactly when `greentic-types` was built with them.

/// Emits its input only when `greentic-types` was built with `serde`.
///
/// For hand-written impls beside a declaration (`#[manual(..)]`): a `#[cfg]`
/// in your crate would test *your* features, this tests ours.
#[cfg(feature = "serde")]
#[macro_export]
macro_rules! if_serde {
    ($($t:tt)*) => { $($t)* };
}
/// Emits its input only when `greentic-types` was built with `serde`.
///
/// For hand-written impls beside a declaration (`#[manual(..)]`): a `#[cfg]`
/// in your crate would test *your* features, this tests ours.
#[cfg(not(feature = "serde"))]
#[macro_export]
macro_rules! if_serde {
    ($($t:tt)*) => {};
}

/// Emits its input only when `greentic-types` was built with `schemars`.
///
/// For hand-written impls beside a declaration (`#[manual(..)]`): a `#[cfg]`
/// in your crate would test *your* features, this tests ours.
#[cfg(feature = "schemars")]
#[macro_export]
macro_rules! if_schemars {
    ($($t:tt)*) => { $($t)* };
}
/// Emits its input only when `greentic-types` was built with `schemars`.
///
/// For hand-written impls beside a declaration (`#[manual(..)]`): a `#[cfg]`
/// in your crate would test *your* features, this tests ours.
#[cfg(not(feature = "schemars"))]
#[macro_export]
macro_rules! if_schemars {
    ($($t:tt)*) => {};
}

/// Emits its input only when `greentic-types` was built with `registry`.
///
/// For hand-written impls beside a declaration (`#[manual(..)]`): a `#[cfg]`
/// in your crate would test *your* features, this tests ours.
#[cfg(feature = "registry")]
#[macro_export]
macro_rules! if_registry {
    ($($t:tt)*) => { $($t)* };
}
/// Emits its input only when `greentic-types` was built with `registry`.
///
/// For hand-written impls beside a declaration (`#[manual(..)]`): a `#[cfg]`
/// in your crate would test *your* features, this tests ours.
#[cfg(not(feature = "registry"))]
#[macro_export]
macro_rules! if_registry {
    ($($t:tt)*) => {};
}

/// Emits its input only when `greentic-types` was built with `proptest`.
///
/// For hand-written impls beside a declaration (`#[manual(..)]`): a `#[cfg]`
/// in your crate would test *your* features, this tests ours.
#[cfg(feature = "proptest")]
#[macro_export]
macro_rules! if_proptest {
    ($($t:tt)*) => { $($t)* };
}
/// Emits its input only when `greentic-types` was built with `proptest`.
///
/// For hand-written impls beside a declaration (`#[manual(..)]`): a `#[cfg]`
/// in your crate would test *your* features, this tests ours.
#[cfg(not(feature = "proptest"))]
#[macro_export]
macro_rules! if_proptest {
    ($($t:tt)*) => {};
}

/// Puts the serde/schemars derives on a model item.
///
/// `[fields]` items (structs with named fields, enums) get a `Serialize`
/// (serde's derive, or for a struct whose serde attributes the DSL reads one
/// written by the `@struct_de` marker, see [`__wire_item`]) and a checked
/// `Deserialize` from [`__twin_de`]; `[plain]` items
/// (newtype and unit structs) derive both directly. Then the serde mode
/// (`derive` or `manual`) and the schema mode (`derive` or `manual`). In
/// schema mode `derive`, a struct (or an enum of unit variants) whose
/// attributes allow gets a `JsonSchema` written by the `@struct_schema`
/// marker (a table of the fields' constants and a loop calling
/// [`object_schema`](crate::__private::object_schema)'s shared functions;
/// per enum, a table of its variants), with schemars' output; any other
/// item gets schemars' derive. `Inert`
/// keeps `#[serde]`/`#[schemars]` attributes legal when the derive that reads
/// them is compiled out. Derives find serde and schemars through a per-type
/// import of `$crate::__private`, so a renamed `greentic-types` still works.
#[cfg(feature = "schemars")]
#[doc(hidden)]
#[macro_export]
macro_rules! __wire {
    ([$shape:ident] [derive] [derive] [$($check:path)?] $name:ident [$($gen:ident),*] [$($ca:tt)*] { $($item:tt)* } { $($twin:tt)* }) => {
        $crate::__private::expand! {
            @cfgs[$($ca)*]
            #[doc(hidden)]
            #[allow(unused_imports)]
            use $crate::__private::serde as @ident(__greentic_serde_ $name);
            @cfgs[$($ca)*]
            #[doc(hidden)]
            #[allow(unused_imports)]
            use $crate::__private::schemars as @ident(__greentic_schemars_ $name);
        }
        // Lean when the struct's attributes allow (see `struct_schema` in
        // `greentic-types-macros`), else schemars' derive.
        $crate::__private::expand! {
            @struct_schema {
                ($crate) ($name) [$($gen),*] [$($ca)*] { $($twin)* }
                { $crate::__wire_item! { [$shape] [$crate::__private::Inert] $name [$($gen),*] [$($ca)*] { $($twin)* } $($item)* } }
                {
                    $crate::__wire_item! { [$shape] [$crate::__private::schemars::JsonSchema] $name [$($gen),*] [$($ca)*] { $($twin)* }
                        @schema_docs {
                            #[schemars(crate = @lit(__greentic_schemars_ $name))]
                            $($item)*
                        }
                    }
                }
            }
        }
        $crate::__twin_de! { [$shape] [$($check)?] $name [$($gen),*] [$($ca)*] $($twin)* }
    };
    ([$shape:ident] [derive] [manual] [$($check:path)?] $name:ident [$($gen:ident),*] [$($ca:tt)*] { $($item:tt)* } { $($twin:tt)* }) => {
        $crate::__private::expand! {
            @cfgs[$($ca)*]
            #[doc(hidden)]
            #[allow(unused_imports)]
            use $crate::__private::serde as @ident(__greentic_serde_ $name);
        }
        $crate::__wire_item! { [$shape] [$crate::__private::Inert] $name [$($gen),*] [$($ca)*] { $($twin)* } $($item)* }
        $crate::__twin_de! { [$shape] [$($check)?] $name [$($gen),*] [$($ca)*] $($twin)* }
    };
    ([$shape:ident] [manual] [derive] [$($check:path)?] $name:ident [$($gen:ident),*] [$($ca:tt)*] { $($item:tt)* } { $($twin:tt)* }) => {
        $crate::__private::expand! {
            @cfgs[$($ca)*]
            #[doc(hidden)]
            #[allow(unused_imports)]
            use $crate::__private::schemars as @ident(__greentic_schemars_ $name);
            #[derive($crate::__private::schemars::JsonSchema)]
            @schema_docs {
                #[schemars(crate = @lit(__greentic_schemars_ $name))]
                $($item)*
            }
        }
    };
    ([$shape:ident] [manual] [manual] [$($check:path)?] $name:ident [$($gen:ident),*] [$($ca:tt)*] { $($item:tt)* } { $($twin:tt)* }) => {
        #[derive($crate::__private::Inert)]
        $($item)*
    };
}

/// Puts the serde derives on a model item (`schemars` off; see the `schemars` twin).
#[cfg(all(feature = "serde", not(feature = "schemars")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __wire {
    ([$shape:ident] [derive] [$j:ident] [$($check:path)?] $name:ident [$($gen:ident),*] [$($ca:tt)*] { $($item:tt)* } { $($twin:tt)* }) => {
        $crate::__private::expand! {
            @cfgs[$($ca)*]
            #[doc(hidden)]
            #[allow(unused_imports)]
            use $crate::__private::serde as @ident(__greentic_serde_ $name);
        }
        $crate::__wire_item! { [$shape] [$crate::__private::Inert] $name [$($gen),*] [$($ca)*] { $($twin)* } $($item)* }
        $crate::__twin_de! { [$shape] [$($check)?] $name [$($gen),*] [$($ca)*] $($twin)* }
    };
    ([$shape:ident] [manual] [$j:ident] [$($check:path)?] $name:ident [$($gen:ident),*] [$($ca:tt)*] { $($item:tt)* } { $($twin:tt)* }) => {
        #[derive($crate::__private::Inert)]
        $($item)*
    };
}

/// Keeps `#[serde]` attributes legal on a model item (`serde` off).
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __wire {
    ([$shape:ident] [$s:ident] [$j:ident] [$($check:path)?] $name:ident [$($gen:ident),*] [$($ca:tt)*] { $($item:tt)* } { $($twin:tt)* }) => {
        #[derive($crate::__private::Inert)]
        $($item)*
    };
}

/// The item with its serde derives: `Serialize` (plus `Deserialize` for
/// `[plain]` items), and one more derive (`JsonSchema` or `Inert`). A
/// `[fields]` struct whose serde attributes the lean form reads gets no
/// `Serialize` derive: the `@struct_de` marker writes its `Serialize` (see
/// [`struct_ser`](crate::__private::struct_ser)), and `@ser_derive` makes the
/// same choice from the same attributes.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_item {
    ([fields] [$extra:path] $name:ident [$($gen:ident),*] [$($ca:tt)*] { $($twin:tt)* } $($item:tt)*) => {
        $crate::__private::expand! {
            #[derive(
                @ser_derive ($crate::__private::serde::Serialize) [$($gen),*] [$($ca)*] { $($twin)* }
                $extra
            )]
            #[serde(crate = @lit(__greentic_serde_ $name))]
            $($item)*
        }
    };
    ([plain] [$extra:path] $name:ident [$($gen:ident),*] [$($ca:tt)*] { $($twin:tt)* } $($item:tt)*) => {
        $crate::__private::expand! {
            #[derive($crate::__private::serde::Serialize, $crate::__private::serde::Deserialize, $extra)]
            #[serde(crate = @lit(__greentic_serde_ $name))]
            $($item)*
        }
    };
}

/// The `Deserialize` of a struct or enum, read through
/// [`ObjectsOnly`](crate::__private::ObjectsOnly) so structs come from objects
/// only, then the check hook.
///
/// A struct whose serde attributes are all ones the lean form reads gets a
/// `Deserialize` written by the `@struct_de` marker: one generic `read` that
/// `visit_map` and `visit_seq` share, keys read through the shared [`FieldKey`](crate::__private::FieldKey)
/// (about a sixth of serde-only build time, with serde's behaviour and
/// messages; `tests/struct_de.rs` holds it to serde's derive). Any other
/// struct, and every enum, gets serde's own derive on a private twin
/// (`#[serde(remote = "Name")]`, so it builds the real type, keeps its name in
/// messages, its container default and every serde attribute). The twin's
/// inherent `deserialize` is private: `Name::deserialize` always means the
/// checked trait impl.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __twin_de {
    ([plain] $($t:tt)*) => {};
    ([fields] [$($check:path)?] $name:ident [$($gen:ident),*] [$($ca:tt)*]
     struct $selfty:tt { $( [$($fa:tt)*] $fname:ident : $fty:ty ),* }) => {
        // Lean when the serde attributes allow (see `struct_de` in
        // `greentic-types-macros`), else serde's derive on the twin.
        $crate::__private::expand! {
            @struct_de {
                ($crate) ($name) $selfty [$($gen),*] [$($ca)*] [$($check)?]
                { $( [$($fa)*] $fname : $fty ),* }
                {
                    $crate::__twin_de! { @emit [$($check)?] $name [$($gen),*] [$($ca)*]
                        struct { $( @de_attrs[$($fa)*] $fname : @no_self $selfty {$fty} ),* }
                    }
                    // serde bounds the twin by `Default` under a container
                    // `#[serde(default)]` (the values come from the real type's
                    // `Default`, this only satisfies the bound, by the same values).
                    $crate::__private::expand! {
                        @if_serde_word(default)[$($ca)*] {
                            @deprecated_scope[$($ca)* $($($fa)*)*] {
                            @cfgs[$($ca)*]
                            @allow_deprecated
                            impl<$($gen),*> ::core::default::Default for @ident(__GreenticDe_ $name)<$($gen),*>
                            where
                                $name<$($gen),*>: ::core::default::Default,
                            {
                                fn default() -> Self {
                                    let real = <$name<$($gen),*> as ::core::default::Default>::default();
                                    Self { $( @cfgs[$($fa)*] $fname: real.$fname ),* }
                                }
                            }
                            }
                        }
                    }
                }
            }
        }
    };
    ([fields] [$($check:path)?] $name:ident [$($gen:ident),*] [$($ca:tt)*]
     enum $selfty:tt {
        $( [$($va:tt)*] $var:ident [$( ($vty:ty) )?] [$( { $( [$($vfa:tt)*] $vfname:ident : $vfty:ty ),* } )?] ),*
     }) => {
        // Lean when every variant is a unit and the serde attributes allow
        // (see `enum_de` in `greentic-types-macros`), else serde's derive on
        // the twin.
        $crate::__private::expand! {
            @enum_de {
                ($crate) ($name) [$($gen),*] [$($ca)*] [$($check)?]
                { $( [$($va)*] $var [$( ($vty) )?] [$( { $( [$($vfa)*] $vfname : $vfty ),* } )?] ),* }
                {
                    $crate::__twin_de! { @emit [$($check)?] $name [$($gen),*] [$($ca)*]
                        enum {
                            $(
                                @de_attrs[$($va)*]
                                $var
                                $( (@no_self $selfty {$vty}) )?
                                $( { $( @de_attrs[$($vfa)*] $vfname : @no_self $selfty {$vfty} ),* } )?
                            ),*
                        }
                    }
                }
            }
        }
    };
    (@emit [$($check:path)?] $name:ident [$($gen:ident),*] [$($ca:tt)*] $kind:ident { $($body:tt)* }) => {
        $crate::__private::expand! {
            @deprecated_scope[$($ca)*] {
            @cfgs[$($ca)*]
            #[derive($crate::__private::serde::Deserialize)]
            #[serde(crate = @lit(__greentic_serde_ $name), remote = @lit($name))]
            @unless_renamed[$($ca)*]{ #[serde(rename = @lit($name))] }
            @de_attrs[$($ca)*]
            #[allow(dead_code, non_camel_case_types, clippy::all)]
            $kind @ident(__GreenticDe_ $name)<$($gen),*> { $($body)* }

            @cfgs[$($ca)*]
            @allow_deprecated
            impl<'de, $($gen: $crate::__private::serde::Deserialize<'de>),*> $crate::__private::serde::Deserialize<'de> for $name<$($gen),*> {
                fn deserialize<__D: $crate::__private::serde::Deserializer<'de>>(
                    deserializer: __D,
                ) -> ::core::result::Result<Self, __D::Error> {
                    const CONTAINER: $crate::SerdeAttrs = @serde_attrs($crate::SerdeAttrs)[$($ca)*];
                    let value = match @ident(__GreenticDe_ $name)::<$($gen),*>::deserialize(
                        $crate::__private::ObjectsOnly::new(deserializer, CONTAINER.tagging()),
                    ) {
                        ::core::result::Result::Ok(value) => value,
                        ::core::result::Result::Err(e) => return ::core::result::Result::Err(e),
                    };
                    $crate::__check_on_input!([$($check)?] value __D);
                    ::core::result::Result::Ok(value)
                }
            }
            }
        }
    };
}
