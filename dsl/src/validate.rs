//! The [`Validate`] trait: every rule a value breaks, each with its JSON pointer.
//!
//! ```
//! use greentic_types_dsl::{Path, Validate, Violations};
//!
//! struct Port(u16);
//! impl Validate for Port {
//!     fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
//!         if self.0 == 0 {
//!             out.push(path, "port must not be 0");
//!         }
//!     }
//! }
//!
//! let ports = vec![Port(80), Port(0), Port(0)];
//! let err = ports.validate().unwrap_err();
//! assert_eq!(err.to_string(), "/1: port must not be 0; /2: port must not be 0");
//! ```
//!
//! Models declared with `greentic_model!` implement it by visiting every field;
//! identifiers implement it trivially because an invalid one cannot be built.

use alloc::borrow::{Cow, ToOwned};
use alloc::boxed::Box;
use alloc::collections::{BTreeMap, BTreeSet, VecDeque};
use alloc::rc::Rc;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt::Display;

use crate::path::{Path, Violations};

/// Checks a value against every rule of its model, collecting all violations.
pub trait Validate {
    /// Appends every violation inside `self`, located under `path`.
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations);

    /// All violations of `self`, as seen from the document root.
    fn validate(&self) -> Result<(), Violations> {
        let mut out = Violations::default();
        self.validate_at(&Path::ROOT, &mut out);
        out.into_result()
    }
}

macro_rules! leaf {
    ($($t:ty),* $(,)?) => {$(
        impl Validate for $t {
            #[inline]
            fn validate_at(&self, _: &Path<'_>, _: &mut Violations) {}
        }
    )*};
}

leaf!(
    bool,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
    char,
    str,
    String,
    ()
);

impl<T: Validate + ?Sized> Validate for &T {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        (**self).validate_at(path, out)
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        (**self).validate_at(path, out)
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        if let Some(v) = self {
            v.validate_at(path, out)
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        for (i, v) in self.iter().enumerate() {
            v.validate_at(&path.index(i), out)
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        self.as_slice().validate_at(path, out)
    }
}

impl<T: Validate> Validate for BTreeSet<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        for (i, v) in self.iter().enumerate() {
            v.validate_at(&path.index(i), out)
        }
    }
}

impl<T: Validate> Validate for VecDeque<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        for (i, v) in self.iter().enumerate() {
            v.validate_at(&path.index(i), out)
        }
    }
}

impl<T: Validate, const N: usize> Validate for [T; N] {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        self.as_slice().validate_at(path, out)
    }
}

impl<T: Validate + ?Sized> Validate for Rc<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        (**self).validate_at(path, out)
    }
}

impl<T: Validate + ?Sized> Validate for Arc<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        (**self).validate_at(path, out)
    }
}

impl<T: Validate + ToOwned + ?Sized> Validate for Cow<'_, T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        (**self).validate_at(path, out)
    }
}

impl<K: Display, V: Validate> Validate for BTreeMap<K, V> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        for (k, v) in self {
            v.validate_at(&path.key(k), out)
        }
    }
}

impl<K: Display, V: Validate, S> Validate for indexmap::IndexMap<K, V, S> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        for (k, v) in self {
            v.validate_at(&path.key(k), out)
        }
    }
}

impl<T: Validate, S> Validate for indexmap::IndexSet<T, S> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        for (i, v) in self.iter().enumerate() {
            v.validate_at(&path.index(i), out)
        }
    }
}

/// Hash maps iterate in no fixed order: violations are reported sorted by key
/// so the same value always gives the same report.
#[cfg(feature = "std")]
impl<K: Display + Ord, V: Validate, S> Validate for std::collections::HashMap<K, V, S> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        let mut entries: Vec<(&K, &V)> = self.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (k, v) in entries {
            v.validate_at(&path.key(k), out)
        }
    }
}

/// Hash sets serialize in iteration order, which is not fixed; members are
/// located by that order.
#[cfg(feature = "std")]
impl<T: Validate, S> Validate for std::collections::HashSet<T, S> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        for (i, v) in self.iter().enumerate() {
            v.validate_at(&path.index(i), out)
        }
    }
}

/// Tuples are arrays on the wire.
macro_rules! tuples {
    ($( ($($n:tt $t:ident),+) )*) => {$(
        impl<$($t: Validate),+> Validate for ($($t,)+) {
            fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
                $( self.$n.validate_at(&path.index($n), out); )+
            }
        }
    )*};
}
tuples! {
    (0 A)
    (0 A, 1 B)
    (0 A, 1 B, 2 C)
    (0 A, 1 B, 2 C, 3 D)
    (0 A, 1 B, 2 C, 3 D, 4 E)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J, 10 K)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J, 10 K, 11 L)
}

// Free-form and foreign leaf types models hold: nothing inside to check.
leaf!(
    serde_json::Value,
    serde_json::Map<String, serde_json::Value>,
    semver::Version,
    semver::VersionReq,
    core::time::Duration,
    core::num::NonZeroU8,
    core::num::NonZeroU16,
    core::num::NonZeroU32,
    core::num::NonZeroU64,
    core::num::NonZeroUsize,
    core::net::IpAddr,
    core::net::Ipv4Addr,
    core::net::Ipv6Addr,
);

impl<T: ?Sized> Validate for core::marker::PhantomData<T> {
    #[inline]
    fn validate_at(&self, _: &Path<'_>, _: &mut Violations) {}
}

#[cfg(feature = "std")]
leaf!(std::path::PathBuf);

/// Autoref dispatch used by generated code: fields whose type implements
/// [`Validate`] are visited, any other field type has nothing to check.
#[doc(hidden)]
pub mod probe {
    use super::*;

    pub struct Probe<'a, T: ?Sized>(pub &'a T);

    pub trait ViaValidate {
        fn __validate_at(&self, path: &Path<'_>, out: &mut Violations);
    }
    impl<T: Validate + ?Sized> ViaValidate for Probe<'_, T> {
        #[inline]
        fn __validate_at(&self, path: &Path<'_>, out: &mut Violations) {
            self.0.validate_at(path, out)
        }
    }

    pub trait ViaNothing {
        #[inline]
        fn __validate_at(&self, _: &Path<'_>, _: &mut Violations) {}
    }
    impl<T: ?Sized> ViaNothing for &Probe<'_, T> {}
}
