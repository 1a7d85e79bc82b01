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
/// First group: `derive` (Serialize + Deserialize), `ser` (Serialize only: the
/// DSL writes a checked Deserialize) or `manual`. Second: `derive` or `manual`
/// for JsonSchema. `Inert` keeps `#[serde]`/`#[schemars]` attributes legal when
/// the derive that reads them is compiled out.
#[cfg(feature = "schemars")]
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_derives {
    ([derive] [derive] $($item:tt)*) => {
        #[derive($crate::__private::serde::Serialize, $crate::__private::serde::Deserialize, $crate::__private::schemars::JsonSchema)]
        #[serde(crate = "::greentic_types::__private::serde")]
        #[schemars(crate = "::greentic_types::__private::schemars")]
        $($item)*
    };
    ([derive] [manual] $($item:tt)*) => {
        #[derive($crate::__private::serde::Serialize, $crate::__private::serde::Deserialize, $crate::__private::Inert)]
        #[serde(crate = "::greentic_types::__private::serde")]
        $($item)*
    };
    ([ser] [derive] $($item:tt)*) => {
        #[derive($crate::__private::serde::Serialize, $crate::__private::schemars::JsonSchema)]
        #[serde(crate = "::greentic_types::__private::serde")]
        #[schemars(crate = "::greentic_types::__private::schemars")]
        $($item)*
    };
    ([ser] [manual] $($item:tt)*) => {
        #[derive($crate::__private::serde::Serialize, $crate::__private::Inert)]
        #[serde(crate = "::greentic_types::__private::serde")]
        $($item)*
    };
    ([manual] [derive] $($item:tt)*) => {
        #[derive($crate::__private::schemars::JsonSchema)]
        #[schemars(crate = "::greentic_types::__private::schemars")]
        $($item)*
    };
    ([manual] [manual] $($item:tt)*) => {
        #[derive($crate::__private::Inert)]
        $($item)*
    };
}

/// Puts the serde derives on a model item (`schemars` off).
#[cfg(all(feature = "serde", not(feature = "schemars")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_derives {
    ([derive] [$s:ident] $($item:tt)*) => {
        #[derive($crate::__private::serde::Serialize, $crate::__private::serde::Deserialize, $crate::__private::Inert)]
        #[serde(crate = "::greentic_types::__private::serde")]
        $($item)*
    };
    ([ser] [$s:ident] $($item:tt)*) => {
        #[derive($crate::__private::serde::Serialize, $crate::__private::Inert)]
        #[serde(crate = "::greentic_types::__private::serde")]
        $($item)*
    };
    ([manual] [$s:ident] $($item:tt)*) => {
        #[derive($crate::__private::Inert)]
        $($item)*
    };
}

/// Keeps `#[serde]` attributes legal on a model item (`serde` off).
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_derives {
    ([$d:ident] [$s:ident] $($item:tt)*) => {
        #[derive($crate::__private::Inert)]
        $($item)*
    };
}
