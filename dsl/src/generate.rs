//! Arbitrary valid instances of every model, for property tests.
//!
//! ```
//! use greentic_types_dsl::generate::{strategy, Gen, Generate};
//! use proptest::prelude::*;
//!
//! proptest!(|(v in strategy::<Vec<Option<u8>>>())| {
//!     prop_assert!(v.len() <= 4);
//! });
//! ```
//!
//! [`Generate`] is implemented by every `greentic_model!`/`id_newtype!`
//! declaration (field by field, variant by variant) and by the std types models
//! use. [`strategy`] turns it into a proptest `Strategy`, so failures are seeded
//! and replayable by proptest's runner.

use alloc::boxed::Box;
use alloc::collections::{BTreeMap, BTreeSet, VecDeque};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Debug;

use proptest::prelude::*;

use crate::rule::IdRule;

/// The source of randomness handed to [`Generate`] (SplitMix64 from a seed
/// that proptest draws), with a depth budget that keeps nested values small.
pub struct Gen {
    state: u64,
    depth: u32,
    /// The deepest level reached inside the value being generated.
    reached: u32,
    /// The least height seen per (enum, variant), for [`Variants`].
    heights: BTreeMap<(&'static str, usize), u32>,
}

impl Gen {
    /// A generator whose whole output is determined by `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            state: seed,
            depth: 0,
            reached: 0,
            heights: BTreeMap::new(),
        }
    }

    /// A uniformly random number in `0..n` (`0` when `n == 0`).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.u64() % n as u64) as usize
        }
    }

    /// A random `u64`.
    pub fn u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// `true` with probability 1/2.
    pub fn coin(&mut self) -> bool {
        self.below(2) == 0
    }

    /// A collection length, shrinking with depth (at most 4, 0 past depth 4).
    pub fn length(&mut self) -> usize {
        let max = 4usize.saturating_sub(self.depth as usize);
        self.below(max + 1)
    }

    /// Runs `f` one level deeper.
    pub fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.depth += 1;
        self.reached = self.reached.max(self.depth);
        let v = f(self);
        self.depth -= 1;
        v
    }

    /// The variant of `key` (among `n`) whose finished values were the
    /// shallowest so far, if any has finished.
    fn shallowest(&mut self, key: &'static str, n: usize) -> Option<usize> {
        let best = (0..n)
            .filter_map(|i| self.heights.get(&(key, i)).map(|&h| (h, i)))
            .min()?;
        let ties: Vec<usize> = (0..n)
            .filter(|&i| self.heights.get(&(key, i)) == Some(&best.0))
            .collect();
        Some(ties[self.below(ties.len())])
    }

    fn remember(&mut self, key: &'static str, variant: usize, height: u32) {
        let seen = self.heights.entry((key, variant)).or_insert(height);
        *seen = (*seen).min(height);
    }

    /// A value from `make` that passes `validate()` (for models with a
    /// cross-field check: most random values break it).
    ///
    /// # Panics
    ///
    /// After 256 values that all break a rule: write the generator by hand
    /// (`#[manual(generate)]`), since a wrong value would be worse than a
    /// clear failure.
    pub fn valid<T: crate::Validate>(
        &mut self,
        type_name: &str,
        make: impl Fn(&mut Self) -> T,
    ) -> T {
        let mut last = None;
        for _ in 0..256 {
            let value = make(self);
            match value.validate() {
                Ok(()) => return value,
                Err(e) => last = Some(e),
            }
        }
        panic!(
            "{type_name}: 256 generated values all break its check ({}); give it `#[manual(generate)]`",
            last.map(|e| alloc::string::ToString::to_string(&e))
                .unwrap_or_default()
        )
    }

    /// A string of `len` characters drawn from a pool that mixes ASCII, spaces,
    /// separators and non-ASCII, keeping only those `allowed` accepts.
    pub fn chars_where(&mut self, len: usize, allowed: fn(char) -> bool) -> String {
        const POOL: &[char] = &[
            'a', 'b', 'z', 'A', 'Q', 'Z', '0', '7', '9', '.', '-', '_', ':', '/', '|', '\\', '%',
            '~', '$', '@', '#', ' ', '\t', '\n', 'é', 'ß', '中', '😀', '\u{0}', '\u{7f}', '\u{85}',
            '\u{a0}', '"', '\'', '[', ']', '{', '}', '*', '^', '=', '+', ',', '!', '?',
        ];
        let mut s = String::new();
        let mut attempts = 0;
        while s.chars().count() < len && attempts < len * 8 + 8 {
            attempts += 1;
            let c = POOL[self.below(POOL.len())];
            if allowed(c) {
                s.push(c);
            }
        }
        s
    }

    /// A value valid under `rule`: random characters it allows (a few tries,
    /// short lengths first), else one of its examples.
    ///
    /// # Panics
    ///
    /// When no random candidate passes and the rule has no examples: give the
    /// rule `examples`. (Generators run in tests only; a wrong value would be
    /// worse than a clear failure.)
    pub fn id_string(&mut self, type_name: &'static str, rule: &IdRule) -> String {
        let min = rule.min_length().max(1) as usize;
        let max = rule
            .max_length()
            .map_or(min + 12, |m| (m as usize).min(min + 12));
        let random_first = rule.examples().is_empty() || self.below(4) != 0;
        if random_first {
            for attempt in 0..32 {
                // Early attempts stay near the minimum, later ones spread out.
                let spread = (max - min).min(attempt / 2);
                let len = min + self.below(spread + 1);
                let s = self.chars_where(len, rule.allowed());
                if rule.check(type_name, &s).is_ok() {
                    return s;
                }
            }
        }
        let examples = rule.examples();
        assert!(
            !examples.is_empty(),
            "{type_name}: no random string satisfied its IdRule and the rule has no `examples`"
        );
        String::from(examples[self.below(examples.len())])
    }
}

/// Depth from which generators stop growing values: options are `None`,
/// collections empty, and enums choose their smallest variants.
pub const DEEP: u32 = 6;

/// The variants of an enum being generated (built by the DSL's expansion).
///
/// Near the top every variant is equally likely. From depth [`DEEP`] on, an
/// enum chooses the variant whose values have been the shallowest so far in
/// this run ([`Gen`] remembers the height of every value it finished), so a
/// recursive enum (`Not(Box<Self>)`, `Bin(Box<BinOp>)` with `BinOp { l: Self,
/// r: Self }`, `All(Vec<Self>)`) soon takes a variant that ends the recursion:
/// a variant whose value finished is never deeper than the variants it was
/// built from. Before any variant of the enum has finished, the ones with the
/// fewest fields are drawn, then (far deeper) any.
pub struct Variants<T> {
    fields: Vec<usize>,
    makers: Vec<fn(&mut Gen) -> T>,
}

impl<T> Default for Variants<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Variants<T> {
    /// No variants yet.
    pub fn new() -> Self {
        Self {
            fields: Vec::new(),
            makers: Vec::new(),
        }
    }

    /// Adds a variant with `fields` fields (0 for a unit variant).
    pub fn push(&mut self, fields: usize, make: fn(&mut Gen) -> T) {
        self.fields.push(fields);
        self.makers.push(make);
    }

    /// One variant's value, one level deeper.
    ///
    /// # Panics
    ///
    /// When no variant was added (an enum whose every variant is skipped or
    /// compiled out has no value to generate).
    pub fn generate(&self, g: &mut Gen) -> T {
        assert!(
            !self.makers.is_empty(),
            "an enum without variants has no value to generate"
        );
        let n = self.makers.len();
        let key = core::any::type_name::<T>();
        let index = if g.depth < DEEP {
            g.below(n)
        } else if let Some(shallowest) = g.shallowest(key, n) {
            shallowest
        } else if g.depth < 3 * DEEP {
            let fewest = self.fields.iter().copied().min().unwrap_or(0);
            let smallest: Vec<usize> = (0..n).filter(|&i| self.fields[i] == fewest).collect();
            smallest[g.below(smallest.len())]
        } else {
            g.below(n)
        };
        let make = self.makers[index];
        let outer = core::mem::replace(&mut g.reached, g.depth);
        let value = g.nested(make);
        let height = g.reached - g.depth;
        g.remember(key, index, height);
        g.reached = g.reached.max(outer);
        value
    }
}

/// Builds an arbitrary valid value.
pub trait Generate: Sized {
    /// A random valid value drawn from `g`.
    fn generate(g: &mut Gen) -> Self;

    /// Whether this value is written as JSON `null` (a free-form `Value`'s
    /// `Null`): `Option<T>` then generates `None`, since `Some(null)` reads
    /// back as `None` and would not survive a round trip.
    fn is_null(&self) -> bool {
        false
    }
}

/// A proptest strategy for any [`Generate`] type.
pub fn strategy<T: Generate + Debug>() -> impl Strategy<Value = T> {
    any::<u64>().prop_map(|seed| T::generate(&mut Gen::new(seed)))
}

macro_rules! ints {
    ($($t:ty),*) => {$(
        impl Generate for $t {
            fn generate(g: &mut Gen) -> Self {
                match g.below(4) {
                    0 => 0,
                    1 => <$t>::MAX,
                    2 => <$t>::MIN,
                    _ => g.u64() as $t,
                }
            }
        }
    )*};
}
ints!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl Generate for u128 {
    /// Within `u64`: JSON numbers travel as 64-bit integers at most.
    fn generate(g: &mut Gen) -> Self {
        u128::from(u64::generate(g))
    }
}

impl Generate for i128 {
    /// Within `i64`: JSON numbers travel as 64-bit integers at most.
    fn generate(g: &mut Gen) -> Self {
        i128::from(i64::generate(g))
    }
}

impl Generate for bool {
    fn generate(g: &mut Gen) -> Self {
        g.coin()
    }
}

impl Generate for () {
    fn generate(_: &mut Gen) -> Self {}
}

impl Generate for f64 {
    /// Finite values only: JSON has no NaN or infinity.
    fn generate(g: &mut Gen) -> Self {
        match g.below(4) {
            0 => 0.0,
            1 => f64::from(g.u64() as i32),
            _ => f64::from(g.u64() as i32) / 64.0,
        }
    }
}

impl Generate for f32 {
    /// Finite values exactly representable in both `f32` and `f64`, so they
    /// survive a trip through JSON unchanged.
    fn generate(g: &mut Gen) -> Self {
        match g.below(3) {
            0 => 0.0,
            _ => f32::from(g.u64() as i16) / 8.0,
        }
    }
}

impl Generate for char {
    fn generate(g: &mut Gen) -> Self {
        let s = g.chars_where(1, |_| true);
        s.chars().next().unwrap_or('a')
    }
}

impl Generate for String {
    fn generate(g: &mut Gen) -> Self {
        let len = g.below(10);
        g.chars_where(len, |_| true)
    }
}

impl<T: Generate> Generate for Option<T> {
    fn generate(g: &mut Gen) -> Self {
        if g.depth < DEEP && g.coin() {
            Some(g.nested(T::generate)).filter(|v| !v.is_null())
        } else {
            None
        }
    }
}

impl<T: Generate> Generate for Box<T> {
    /// One level deeper, so recursive types (`Option<Box<Self>>`) stay finite.
    fn generate(g: &mut Gen) -> Self {
        Box::new(g.nested(T::generate))
    }
}

impl<T: Generate> Generate for Vec<T> {
    fn generate(g: &mut Gen) -> Self {
        let n = g.length();
        g.nested(|g| (0..n).map(|_| T::generate(g)).collect())
    }
}

impl<T: Generate> Generate for VecDeque<T> {
    fn generate(g: &mut Gen) -> Self {
        Vec::<T>::generate(g).into()
    }
}

impl<T: Generate, const N: usize> Generate for [T; N] {
    fn generate(g: &mut Gen) -> Self {
        g.nested(|g| core::array::from_fn(|_| T::generate(g)))
    }
}

impl<T: Generate + Ord> Generate for BTreeSet<T> {
    fn generate(g: &mut Gen) -> Self {
        Vec::<T>::generate(g).into_iter().collect()
    }
}

impl<K: Generate + Ord, V: Generate> Generate for BTreeMap<K, V> {
    fn generate(g: &mut Gen) -> Self {
        let n = g.length();
        g.nested(|g| (0..n).map(|_| (K::generate(g), V::generate(g))).collect())
    }
}

impl<K, V, S> Generate for indexmap::IndexMap<K, V, S>
where
    K: Generate + core::hash::Hash + Eq,
    V: Generate,
    S: core::hash::BuildHasher + Default,
{
    fn generate(g: &mut Gen) -> Self {
        let n = g.length();
        g.nested(|g| (0..n).map(|_| (K::generate(g), V::generate(g))).collect())
    }
}

impl<T, S> Generate for indexmap::IndexSet<T, S>
where
    T: Generate + core::hash::Hash + Eq,
    S: core::hash::BuildHasher + Default,
{
    fn generate(g: &mut Gen) -> Self {
        Vec::<T>::generate(g).into_iter().collect()
    }
}

impl<K, V, S> Generate for std::collections::HashMap<K, V, S>
where
    K: Generate + core::hash::Hash + Eq,
    V: Generate,
    S: core::hash::BuildHasher + Default,
{
    fn generate(g: &mut Gen) -> Self {
        let n = g.length();
        g.nested(|g| (0..n).map(|_| (K::generate(g), V::generate(g))).collect())
    }
}

impl<T, S> Generate for std::collections::HashSet<T, S>
where
    T: Generate + core::hash::Hash + Eq,
    S: core::hash::BuildHasher + Default,
{
    fn generate(g: &mut Gen) -> Self {
        Vec::<T>::generate(g).into_iter().collect()
    }
}

macro_rules! tuples {
    ($( ($($t:ident),+) )*) => {$(
        impl<$($t: Generate),+> Generate for ($($t,)+) {
            fn generate(g: &mut Gen) -> Self {
                g.nested(|g| ($($t::generate(g),)+))
            }
        }
    )*};
}
tuples! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, F)
    (A, B, C, D, E, F, G)
    (A, B, C, D, E, F, G, H)
    (A, B, C, D, E, F, G, H, I)
    (A, B, C, D, E, F, G, H, I, J)
    (A, B, C, D, E, F, G, H, I, J, K)
    (A, B, C, D, E, F, G, H, I, J, K, L)
}

impl Generate for serde_json::Map<String, serde_json::Value> {
    fn generate(g: &mut Gen) -> Self {
        BTreeMap::<String, serde_json::Value>::generate(g)
            .into_iter()
            .collect()
    }
}

impl Generate for Box<str> {
    fn generate(g: &mut Gen) -> Self {
        String::generate(g).into_boxed_str()
    }
}

impl<T: Generate> Generate for Box<[T]> {
    fn generate(g: &mut Gen) -> Self {
        Vec::<T>::generate(g).into_boxed_slice()
    }
}

impl Generate for alloc::borrow::Cow<'static, str> {
    fn generate(g: &mut Gen) -> Self {
        alloc::borrow::Cow::Owned(String::generate(g))
    }
}

impl<T: ?Sized> Generate for core::marker::PhantomData<T> {
    fn generate(_: &mut Gen) -> Self {
        core::marker::PhantomData
    }
}

macro_rules! nonzero {
    ($($t:ty => $inner:ty),*) => {$(
        impl Generate for $t {
            fn generate(g: &mut Gen) -> Self {
                <$t>::new(<$inner>::generate(g)).unwrap_or(<$t>::MIN)
            }
        }
    )*};
}
nonzero!(
    core::num::NonZeroU8 => u8,
    core::num::NonZeroU16 => u16,
    core::num::NonZeroU32 => u32,
    core::num::NonZeroU64 => u64,
    core::num::NonZeroUsize => usize
);

impl Generate for core::time::Duration {
    /// Whole milliseconds and nanoseconds within what serde writes exactly.
    fn generate(g: &mut Gen) -> Self {
        core::time::Duration::new(g.u64() >> 24, (g.u64() % 1_000_000_000) as u32)
    }
}

impl Generate for core::net::Ipv4Addr {
    fn generate(g: &mut Gen) -> Self {
        core::net::Ipv4Addr::from(g.u64() as u32)
    }
}

impl Generate for core::net::Ipv6Addr {
    fn generate(g: &mut Gen) -> Self {
        core::net::Ipv6Addr::from((u128::from(g.u64()) << 64) | u128::from(g.u64()))
    }
}

impl Generate for core::net::IpAddr {
    fn generate(g: &mut Gen) -> Self {
        if g.coin() {
            core::net::IpAddr::V4(Generate::generate(g))
        } else {
            core::net::IpAddr::V6(Generate::generate(g))
        }
    }
}

impl Generate for std::path::PathBuf {
    fn generate(g: &mut Gen) -> Self {
        let len = 1 + g.below(12);
        std::path::PathBuf::from(
            g.chars_where(len, |c| c.is_ascii_alphanumeric() || c == '/' || c == '.'),
        )
    }
}

impl Generate for semver::Version {
    fn generate(g: &mut Gen) -> Self {
        let small = |g: &mut Gen| match g.below(3) {
            0 => 0,
            1 => g.below(20) as u64,
            _ => g.u64() >> 40,
        };
        let mut v = semver::Version::new(small(g), small(g), small(g));
        if g.below(4) == 0 {
            const PRE: &[&str] = &["alpha", "alpha.1", "rc.2", "0.3.7", "x-y-z"];
            if let Ok(pre) = semver::Prerelease::new(PRE[g.below(PRE.len())]) {
                v.pre = pre;
            }
        }
        if g.below(6) == 0
            && let Ok(build) = semver::BuildMetadata::new("build.5")
        {
            v.build = build;
        }
        v
    }
}

impl Generate for serde_json::Value {
    fn is_null(&self) -> bool {
        matches!(self, serde_json::Value::Null)
    }

    fn generate(g: &mut Gen) -> Self {
        use serde_json::Value;
        let kinds = if g.depth >= 3 { 4 } else { 6 };
        match g.below(kinds) {
            0 => Value::Null,
            1 => Value::Bool(g.coin()),
            2 => Value::from(i64::generate(g)),
            3 => Value::String(String::generate(g)),
            4 => Value::Array(Vec::generate(g)),
            _ => Value::Object(BTreeMap::<String, Value>::generate(g).into_iter().collect()),
        }
    }
}
