//! Generators: every shape a model may hold, recursive enums that terminate,
//! and identifier rules without examples.
#![cfg(feature = "proptest")]

use std::collections::{BTreeSet, HashMap, VecDeque};

use greentic_types::generate::{Gen, Generate};
use greentic_types::{IdRule, Validate, greentic_model, id_newtype};

greentic_model! {
    /// An expression tree: recursive through `Box`, `Vec` and `Option`.
    pub enum Expr {
        /// Not.
        Not(Box<Expr>),
        /// All of.
        All(Vec<Expr>),
        /// Both sides.
        Pair {
            /// Left.
            left: Box<Expr>,
            /// Right.
            right: Box<Expr>,
        },
        /// A literal.
        Lit(u8),
    }

    /// A chain whose only way out is a unit variant.
    pub enum Chain {
        /// One more link.
        Next(Box<Chain>),
        /// The end.
        End,
    }

    /// Every std shape `Generate` covers.
    pub struct Shapes {
        /// A float.
        pub f: f32,
        /// A character.
        pub c: char,
        /// A big unsigned integer.
        pub big: u128,
        /// A set.
        pub set: BTreeSet<u16>,
        /// A hash map.
        pub map: HashMap<String, i8>,
        /// An array.
        pub array: [u8; 3],
        /// A tuple.
        pub tuple: (bool, String),
        /// A queue.
        pub queue: VecDeque<u32>,
        /// An ordered map.
        pub ordered: indexmap::IndexMap<String, Option<Expr>>,
    }
}

fn depth(e: &Expr) -> usize {
    1 + match e {
        Expr::Not(inner) => depth(inner),
        Expr::All(items) => items.iter().map(depth).max().unwrap_or(0),
        Expr::Pair { left, right } => depth(left).max(depth(right)),
        Expr::Lit(_) => 0,
    }
}

#[test]
fn recursive_enums_terminate_at_a_bounded_depth() {
    let mut deepest = 0;
    for seed in 0..5_000 {
        let e = Expr::generate(&mut Gen::new(seed));
        deepest = deepest.max(depth(&e));
        let _ = Chain::generate(&mut Gen::new(seed));
    }
    assert!(deepest <= 24, "deepest tree {deepest}");
    assert!(deepest >= 3, "trees do nest ({deepest})");
}

#[test]
fn every_std_shape_generates_and_round_trips_through_json() {
    for seed in 0..500 {
        let value = Shapes::generate(&mut Gen::new(seed));
        let json = serde_json::to_string(&value).unwrap();
        let back: Shapes = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value, "{json}");
        assert!(value.validate().is_ok());
    }
}

const HEX8: IdRule = IdRule::new("must be 8 hex digits", |c| c.is_ascii_hexdigit())
    .with_pattern("^[0-9a-fA-F]{8}$")
    .with_min_length(8)
    .with_max_length(8);

id_newtype! {
    /// Eight hex digits, with no examples to fall back on.
    pub ShortHash, rule = HEX8;
}

#[test]
fn rules_without_examples_still_generate_only_valid_values() {
    for seed in 0..1_000 {
        let h = ShortHash::generate(&mut Gen::new(seed));
        assert!(ShortHash::new(h.as_str()).is_ok(), "{h}");
    }
}

const IMPOSSIBLE: IdRule = IdRule::new("must be exactly 40 of 'q'", |c| c == 'q')
    .with_min_length(40)
    .with_max_length(40);

id_newtype! {
    /// A rule random strings essentially never satisfy, and no examples.
    pub Unreachable, rule = IMPOSSIBLE;
}

#[test]
fn a_rule_that_cannot_be_generated_says_so_instead_of_lying() {
    let result = std::panic::catch_unwind(|| Unreachable::generate(&mut Gen::new(1)));
    let message = result.expect_err("no invalid value is handed out");
    let text = message
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(
        text.contains("Unreachable") && text.contains("examples"),
        "{text}"
    );
}
